//! Trend: the annual change over the available years, compared with the pace the target needs.
//!
//! The pace is the average annual change between the earliest and the latest value available in
//! the five years up to the chosen year, `(v₁ − v₀) / (y₁ − y₀)`. With a target `T` due in year
//! `t`, the needed pace is `(T − v₁) / (t − y₁)` (one year when `t ≤ y₁`). Following SDSN:
//! - on track: the target is met and not slipping, or the pace is at least the needed pace;
//! - moderately improving: at least half the needed pace;
//! - stagnating: improving by less than half the needed pace, or not moving;
//! - worsening: moving away from the target.
//!
//! Without a target: improving or worsening when the pace exceeds 0.5% of the value a year in
//! either direction, flat otherwise. Fewer than two years of data: no trend.

use crate::model::indicator::{Direction, Indicator};

/// Years before the latest value that the pace looks back at most.
pub const WINDOW_YEARS: i32 = 5;
/// Below this relative annual change, an indicator without a target counts as flat.
pub const FLAT_SHARE: f64 = 0.005;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrendKind {
    OnTrack,
    ModeratelyImproving,
    Stagnating,
    Worsening,
    /// No target: improving by more than the flat threshold.
    Improving,
    /// No target: within the flat threshold.
    Flat,
    /// Fewer than two years of data.
    NoTrend,
}

impl TrendKind {
    /// An arrow that reads without colour.
    pub fn arrow(self) -> &'static str {
        match self {
            TrendKind::OnTrack => "↑",
            TrendKind::ModeratelyImproving | TrendKind::Improving => "↗",
            TrendKind::Stagnating | TrendKind::Flat => "→",
            TrendKind::Worsening => "↓",
            TrendKind::NoTrend => "·",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            TrendKind::OnTrack => "on_track",
            TrendKind::ModeratelyImproving => "moderately_improving",
            TrendKind::Stagnating => "stagnating",
            TrendKind::Worsening => "worsening",
            TrendKind::Improving => "improving",
            TrendKind::Flat => "flat",
            TrendKind::NoTrend => "no_trend",
        }
    }

    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (TrendKind::OnTrack, true) => "on track",
            (TrendKind::ModeratelyImproving, true) => "moderately improving",
            (TrendKind::Stagnating, true) => "stagnating",
            (TrendKind::Worsening, true) => "worsening",
            (TrendKind::Improving, true) => "improving",
            (TrendKind::Flat, true) => "flat",
            (TrendKind::NoTrend, true) => "no trend",
            (TrendKind::OnTrack, false) => "按期达标",
            (TrendKind::ModeratelyImproving, false) => "稳步改善",
            (TrendKind::Stagnating, false) => "进展停滞",
            (TrendKind::Worsening, false) => "趋于恶化",
            (TrendKind::Improving, false) => "改善",
            (TrendKind::Flat, false) => "持平",
            (TrendKind::NoTrend, false) => "无趋势",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub kind: TrendKind,
    /// First and last (year, value) of the window.
    pub from: Option<(i32, f64)>,
    pub to: Option<(i32, f64)>,
    /// Average annual change.
    pub pace: Option<f64>,
    /// Annual change needed to reach the target by its year.
    pub needed: Option<f64>,
    /// The year the current pace reaches the target (when moving toward it and not yet there).
    pub reach_year: Option<i32>,
    /// Target value and year used, if any.
    pub target: Option<(f64, i32)>,
    pub direction: Direction,
}

impl Trend {
    fn none(direction: Direction, to: Option<(i32, f64)>) -> Trend {
        Trend {
            kind: TrendKind::NoTrend,
            from: None,
            to,
            pace: None,
            needed: None,
            reach_year: None,
            target: None,
            direction,
        }
    }

    /// A sentence such as "at the 2021–2023 pace, below 1.9 in 2026".
    pub fn describe(&self, english: bool) -> String {
        if self.to.is_none() {
            return if english { "no data".into() } else { "无数据".into() };
        }
        let (Some((y0, _)), Some((y1, v1)), Some(pace)) = (self.from, self.to, self.pace) else {
            return if english {
                "fewer than two years of data: no trend".into()
            } else {
                "不足两年数据,无趋势".into()
            };
        };
        let period = format!("{y0}–{y1}");
        let Some((t, ty)) = self.target else {
            return if english {
                format!(
                    "{} {}{} a year ({period})",
                    self.kind.label(true),
                    if pace >= 0.0 { "+" } else { "" },
                    fmt_num(pace)
                )
            } else {
                format!(
                    "{}:年均{}{}({period})",
                    self.kind.label(false),
                    if pace >= 0.0 { "+" } else { "" },
                    fmt_num(pace)
                )
            };
        };
        let (rel_en, rel_zh) = match self.direction {
            Direction::HigherBetter => ("at or above", "达到"),
            Direction::LowerBetter => ("below", "低于"),
        };
        let met = (v1 - t) * self.direction.sign() >= 0.0;
        if met {
            return if english {
                format!("target {rel_en} {} met in {y1}", fmt_num(t))
            } else {
                format!("{y1}年已{rel_zh}目标{}", fmt_num(t))
            };
        }
        match self.reach_year {
            Some(y) => {
                let late = y > ty;
                if english {
                    format!(
                        "at the {period} pace, {rel_en} {} in {y}{}",
                        fmt_num(t),
                        if late { format!(" (target year {ty})") } else { String::new() }
                    )
                } else {
                    format!(
                        "按{period}年速度,{y}年{rel_zh}{}{}",
                        fmt_num(t),
                        if late { format!("(目标年份{ty})") } else { String::new() }
                    )
                }
            }
            None if pace * self.direction.sign() < 0.0 => {
                if english {
                    format!("moving away from the target {} ({period})", fmt_num(t))
                } else {
                    format!("偏离目标{}({period})", fmt_num(t))
                }
            }
            None => {
                if english {
                    format!("not moving toward the target {} ({period})", fmt_num(t))
                } else {
                    format!("未向目标{}推进({period})", fmt_num(t))
                }
            }
        }
    }
}

/// A number without trailing zeros, at most 4 significant decimals; thousands separated from 10,000.
pub fn fmt_num(v: f64) -> String {
    let s = if v.abs() >= 100.0 { format!("{v:.0}") } else { format!("{v:.4}") };
    if s.contains('.') {
        return s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    // Thousands separators from 10,000 up, as the tables print them.
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    if digits.len() < 5 {
        return s;
    }
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The trend of `series` (year, value), sorted by year, all at or before the chosen year.
/// `target` is the indicator's target when it applies to the region.
pub fn trend(series: &[(i32, f64)], ind: &Indicator, target: Option<(f64, i32)>) -> Trend {
    let direction = ind.direction;
    let Some(&(y1, v1)) = series.last() else { return Trend::none(direction, None) };
    let Some(&(y0, v0)) = series.iter().find(|(y, _)| *y >= y1 - WINDOW_YEARS && *y < y1) else {
        return Trend::none(direction, Some((y1, v1)));
    };
    let pace = (v1 - v0) / (y1 - y0) as f64;
    let s = direction.sign();
    let improvement = pace * s;
    let mut t = Trend {
        kind: TrendKind::NoTrend,
        from: Some((y0, v0)),
        to: Some((y1, v1)),
        pace: Some(pace),
        needed: None,
        reach_year: None,
        target,
        direction,
    };
    match target {
        None => {
            let rel = if v0 != 0.0 { improvement / v0.abs() } else { improvement.signum() };
            t.kind = if rel > FLAT_SHARE {
                TrendKind::Improving
            } else if rel < -FLAT_SHARE {
                TrendKind::Worsening
            } else {
                TrendKind::Flat
            };
        }
        Some((target, ty)) => {
            let remaining = (target - v1) * s;
            if remaining <= 0.0 {
                t.kind = if improvement >= 0.0 { TrendKind::OnTrack } else { TrendKind::Worsening };
                return t;
            }
            let years_left = (ty - y1).max(1) as f64;
            let needed = remaining / years_left;
            t.needed = Some(needed * s);
            t.kind = if improvement >= needed {
                TrendKind::OnTrack
            } else if improvement >= 0.5 * needed {
                TrendKind::ModeratelyImproving
            } else if improvement >= 0.0 {
                TrendKind::Stagnating
            } else {
                TrendKind::Worsening
            };
            if improvement > 0.0 {
                t.reach_year = Some(y1 + (remaining / improvement).ceil() as i32);
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator::{Area, Indicator};

    #[test]
    fn numbers_in_sentences() {
        assert_eq!(fmt_num(130000.0), "130,000");
        assert_eq!(fmt_num(-1234567.0), "-1,234,567");
        assert_eq!(fmt_num(9999.0), "9999");
        assert_eq!(fmt_num(1.9), "1.9");
        assert_eq!(fmt_num(0.12345), "0.1235");
    }

    fn ind(direction: Direction) -> Indicator {
        Indicator {
            id: "x".into(),
            area: Area::Income,
            name_zh: "x".into(),
            name_en: "x".into(),
            unit: "ratio".into(),
            direction,
            target: None,
            goal_note: None,
            optimum: None,
            red_threshold: None,
            valid_min: None,
            valid_max: None,
            definition: String::new(),
            formula: None,
        }
    }

    #[test]
    fn ratio_falling_toward_a_ceiling() {
        // 2.10 (2021) → 2.00 (2023): pace −0.05/yr. Needed to reach 1.9 by 2025: (1.9−2.0)/2 =
        // −0.05/yr → on track; remaining 0.1 at 0.05/yr = 2 years → 2025.
        let t = trend(&[(2021, 2.10), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::OnTrack);
        assert_eq!(t.reach_year, Some(2025));
        assert_eq!(t.describe(true), "at the 2021–2023 pace, below 1.9 in 2025");
        // Slower: 2.04 → 2.00: −0.02/yr, 40% of needed → stagnating; 0.1/0.02 = 5 years → 2028.
        let t = trend(&[(2021, 2.04), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::Stagnating);
        assert_eq!(t.describe(true), "at the 2021–2023 pace, below 1.9 in 2028 (target year 2025)");
        // 2.07 → 2.00: −0.035/yr = 70% → moderately improving.
        let t = trend(&[(2021, 2.07), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::ModeratelyImproving);
        // Rising: worsening, moving away.
        let t = trend(&[(2021, 1.95), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::Worsening);
        assert_eq!(t.describe(true), "moving away from the target 1.9 (2021–2023)");
    }

    #[test]
    fn met_targets_single_years_and_no_target() {
        let t = trend(&[(2022, 1.90), (2023, 1.86)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::OnTrack);
        assert_eq!(t.describe(true), "target below 1.9 met in 2023");
        let t = trend(&[(2023, 1.86)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::NoTrend);
        assert_eq!(t.describe(true), "fewer than two years of data: no trend");
        // No target: +1000 on 50000 = 2%/yr → improving; +100 = 0.2% → flat.
        let t = trend(&[(2022, 50_000.0), (2023, 51_000.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(t.kind, TrendKind::Improving);
        assert_eq!(t.describe(true), "improving +1000 a year (2022–2023)");
        let t = trend(&[(2022, 50_000.0), (2023, 50_100.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(t.kind, TrendKind::Flat);
        // The window is five years: 2015 is ignored when 2023 is the last year.
        let t = trend(&[(2015, 1.0), (2019, 2.0), (2023, 3.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(t.from, Some((2019, 2.0)));
    }
}
