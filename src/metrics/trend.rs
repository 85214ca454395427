//! Trend: the annual change over the available years, compared with the pace the target needs.
//!
//! The pace is the average annual change between the earliest and the latest value available in
//! the window before the chosen year ([`WINDOW_YEARS`] by default; the user picks one of
//! [`WINDOWS`]), `(v₁ − v₀) / (y₁ − y₀)`. With a target `T` due in year
//! `t`, the needed pace is `(T − v₁) / (t − y₁)` (one year when `t ≤ y₁`). Following SDSN:
//! - on track: the target is met and not slipping, or the pace is at least the needed pace;
//! - moderately improving: at least half the needed pace;
//! - improving too slowly: toward the target by more than 0.5% of the value a year, but at less
//!   than half the needed pace (a 5% rise a year where 10% is needed is not "stagnating");
//! - stagnating: not moving (within 0.5% of the value a year);
//! - worsening: moving away from the target by more than that.
//!
//! Without a target: improving or worsening when the pace exceeds 0.5% of the value a year in
//! either direction, flat otherwise. Fewer than two years of data: no trend.

use crate::model::indicator::{Direction, Indicator};

pub use crate::model::dataset::{TREND_WINDOWS as WINDOWS, TREND_WINDOW_DEFAULT as WINDOW_YEARS};
/// The last year a pace is projected to: a target reached later is "not by 2100".
pub const HORIZON: i32 = 2100;

/// Below this relative annual change, an indicator without a target counts as flat.
pub const FLAT_SHARE: f64 = 0.005;

/// The trend of a value. Against a target (arrows): on track, moderately improving, stagnating,
/// worsening. Without a target (triangles and ≈, plain direction): improving, flat, declining.
/// Every kind has its own symbol, so a symbol never means two things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrendKind {
    OnTrack,
    ModeratelyImproving,
    /// Toward the target, but at less than half the pace it needs.
    TooSlow,
    /// No change to speak of (within [`FLAT_SHARE`] of the value a year).
    Stagnating,
    Worsening,
    /// No target: improving by more than the flat threshold.
    Improving,
    /// No target: within the flat threshold.
    Flat,
    /// No target: worsening by more than the flat threshold.
    Declining,
    /// Fewer than two years of data.
    NoTrend,
}

/// Per kind: symbol (reads without colour), export key, whether it is measured against a target.
const KINDS: [(TrendKind, &str, &str, bool); 9] = [
    (TrendKind::OnTrack, "↑", "on_track", true),
    (TrendKind::ModeratelyImproving, "↗", "moderately_improving", true),
    (TrendKind::TooSlow, "⇢", "too_slow", true),
    (TrendKind::Stagnating, "→", "stagnating", true),
    (TrendKind::Worsening, "↓", "worsening", true),
    (TrendKind::Improving, "▴", "improving", false),
    (TrendKind::Flat, "≈", "flat", false),
    (TrendKind::Declining, "▾", "declining", false),
    (TrendKind::NoTrend, "·", "no_trend", false),
];

impl TrendKind {
    /// Every kind, against-target ones first, in the order of the help's legend.
    pub fn all() -> impl Iterator<Item = TrendKind> {
        KINDS.iter().map(|k| k.0)
    }

    fn row(self) -> (TrendKind, &'static str, &'static str, bool) {
        KINDS.iter().copied().find(|k| k.0 == self).unwrap_or((self, "·", "no_trend", false))
    }

    /// A symbol that reads without colour, one per kind.
    pub fn arrow(self) -> &'static str {
        self.row().1
    }

    pub fn key(self) -> &'static str {
        self.row().2
    }

    /// Whether the kind says how a value moves against its target (else plain direction).
    pub fn against_target(self) -> bool {
        self.row().3
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
    /// The year the current pace reaches the target (when moving toward it and not yet there,
    /// by [`HORIZON`]).
    pub reach_year: Option<i32>,
    /// Moving toward the target, but at a pace that reaches it only after [`HORIZON`].
    pub beyond_horizon: bool,
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
            beyond_horizon: false,
            target: None,
            direction,
        }
    }
}

/// The trend of `series` (year, value), sorted by year, all at or before the chosen year.
/// `target` is the indicator's target when it applies to the region.
pub fn trend(series: &[(i32, f64)], ind: &Indicator, target: Option<(f64, i32)>) -> Trend {
    trend_over(series, ind, target, WINDOW_YEARS)
}

/// [`trend`] with a pace looking back at most `window` years.
pub fn trend_over(series: &[(i32, f64)], ind: &Indicator, target: Option<(f64, i32)>, window: i32) -> Trend {
    let direction = ind.direction;
    let Some(&(y1, v1)) = series.last() else { return Trend::none(direction, None) };
    let Some(&(y0, v0)) = series.iter().find(|(y, _)| *y >= y1 - window && *y < y1) else {
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
        beyond_horizon: false,
        target,
        direction,
    };
    match target {
        None => {
            let rel = if v0 != 0.0 { improvement / v0.abs() } else { improvement.signum() };
            t.kind = if rel > FLAT_SHARE {
                TrendKind::Improving
            } else if rel < -FLAT_SHARE {
                TrendKind::Declining
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
            let flat = FLAT_SHARE * v0.abs();
            t.kind = if improvement >= needed {
                TrendKind::OnTrack
            } else if improvement >= 0.5 * needed {
                TrendKind::ModeratelyImproving
            } else if improvement > flat {
                TrendKind::TooSlow
            } else if improvement >= -flat {
                TrendKind::Stagnating
            } else {
                TrendKind::Worsening
            };
            if improvement > 0.0 {
                // In floating point: a slow pace could put the year beyond any integer.
                let reach = y1 as f64 + (remaining / improvement).ceil();
                if reach <= HORIZON as f64 {
                    t.reach_year = Some(reach as i32);
                } else {
                    t.beyond_horizon = true;
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator::{Area, Indicator};

    fn ind(direction: Direction) -> Indicator {
        Indicator::new("x", Area::Income, crate::model::Unit::Ratio, direction)
    }

    #[test]
    fn ratio_falling_toward_a_ceiling() {
        // 2.10 (2021) → 2.00 (2023): pace −0.05/yr. Needed to reach 1.9 by 2025: (1.9−2.0)/2 =
        // −0.05/yr → on track; remaining 0.1 at 0.05/yr = 2 years → 2025.
        let t = trend(&[(2021, 2.10), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::OnTrack);
        assert_eq!(t.reach_year, Some(2025));
        // Slower: 2.04 → 2.00: −0.02/yr, 40% of needed → too slow (1% of the value a year is no
        // standstill); 0.1/0.02 = 5 years → 2028.
        let t = trend(&[(2021, 2.04), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::TooSlow);
        // 2.005 → 2.00: −0.0025/yr, 0.12% of the value: stagnating.
        let t = trend(&[(2021, 2.005), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::Stagnating);
        // An income rising 5% a year toward a target that needs 12%: too slow, not stagnating.
        let t = trend(&[(2021, 50000.0), (2022, 52500.0)], &ind(Direction::HigherBetter), Some((65000.0, 2024)));
        assert_eq!(t.kind, TrendKind::TooSlow);
        // 2.07 → 2.00: −0.035/yr = 70% → moderately improving.
        let t = trend(&[(2021, 2.07), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::ModeratelyImproving);
        // Rising: worsening, moving away.
        let t = trend(&[(2021, 1.95), (2023, 2.00)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::Worsening);
    }

    #[test]
    fn met_targets_single_years_and_no_target() {
        let t = trend(&[(2022, 1.90), (2023, 1.86)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::OnTrack);
        let t = trend(&[(2023, 1.86)], &ind(Direction::LowerBetter), Some((1.9, 2025)));
        assert_eq!(t.kind, TrendKind::NoTrend);
        // No target: +1000 on 50000 = 2%/yr → improving; +100 = 0.2% → flat.
        let t = trend(&[(2022, 50_000.0), (2023, 51_000.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(t.kind, TrendKind::Improving);
        let t = trend(&[(2022, 50_000.0), (2023, 50_100.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(t.kind, TrendKind::Flat);
        // The window is five years: 2015 is ignored when 2023 is the last year.
        let t = trend(&[(2015, 1.0), (2019, 2.0), (2023, 3.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(t.from, Some((2019, 2.0)));
    }

    #[test]
    fn the_window_bounds_how_far_back_the_pace_looks() {
        let s = [(2013, 1.0), (2019, 2.0), (2021, 2.2), (2023, 3.0)];
        let up = ind(Direction::HigherBetter);
        // 3 years: from 2021, (3.0 − 2.2) / 2 = 0.4; 5: from 2019, 0.25; 10: from 2013, 0.2.
        for (w, from, pace) in [(3, 2021, 0.4), (5, 2019, 0.25), (10, 2013, 0.2)] {
            let t = trend_over(&s, &up, None, w);
            assert_eq!(t.from.map(|f| f.0), Some(from), "window {w}");
            assert!((t.pace.unwrap() - pace).abs() < 1e-12, "window {w}");
        }
        assert_eq!(trend(&s, &up, None), trend_over(&s, &up, None, WINDOW_YEARS));
    }

    #[test]
    fn one_symbol_one_meaning() {
        let symbols: Vec<&str> = TrendKind::all().map(TrendKind::arrow).collect();
        let mut unique = symbols.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), symbols.len(), "{symbols:?}");
        // Without a target a falling income is "declining", not the target's "worsening".
        let t = trend(&[(2022, 50_000.0), (2023, 48_000.0)], &ind(Direction::HigherBetter), None);
        assert_eq!((t.kind, t.kind.arrow()), (TrendKind::Declining, "▾"));
    }

    #[test]
    fn a_pace_too_slow_for_the_horizon_does_not_overflow_the_year() {
        // +1 a year toward a target 1e7 away: reached in 10 million years.
        let mut higher = ind(Direction::HigherBetter);
        higher.unit = crate::model::Unit::Count;
        let t = trend(&[(2022, 0.0), (2023, 1.0)], &higher, Some((1e7, 2025)));
        assert_eq!((t.reach_year, t.beyond_horizon), (None, true));
        let t = trend(&[(2022, 0.0), (2023, 1e-300)], &higher, Some((1e300, 2025)));
        assert_eq!((t.reach_year, t.beyond_horizon), (None, true));
    }
}
