//! Text that fits: display-width padding and truncation (Chinese characters take two cells), and
//! number formatting by unit.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Truncates to at most `w` cells, ending in `…` when cut.
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// Left-aligned in exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width(&t));
    t + &" ".repeat(fill)
}

/// Right-aligned in exactly `w` cells.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width(&t));
    " ".repeat(fill) + &t
}

/// Decimals shown for a unit.
pub fn decimals(unit: &str) -> usize {
    match unit {
        "yuan" | "count" | "m2_per_10k" | "rank" => 0,
        "100m_yuan" | "10k_persons" | "percent" | "years" => 1,
        "ratio" | "per_1000" => 2,
        "index" => 4,
        _ => 2,
    }
}

/// A number with thousands separators and the unit's decimals: 58,210 · 1.86 · 606.4.
pub fn number(v: f64, unit: &str) -> String {
    group(&format!("{v:.*}", decimals(unit)))
}

/// As [`number`], without trailing zeros after the decimal point (for targets: 76, 1.9).
pub fn number_trim(v: f64, unit: &str) -> String {
    let s = number(v, unit);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Inserts thousands separators into a formatted number.
pub fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A sparkline of the series in block characters; `·` marks a missing year.
pub fn sparkline(series: &[(i32, Option<f64>)]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let vals: Vec<f64> = series.iter().filter_map(|(_, v)| *v).collect();
    let (lo, hi) = vals.iter().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    series
        .iter()
        .map(|(_, v)| match v {
            None => '·',
            Some(v) if hi > lo => BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize],
            Some(_) => BARS[3],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_and_truncates_by_display_width() {
        assert_eq!(width("景宁畲族自治县"), 14);
        assert_eq!(pad("莲都区", 8), "莲都区  ");
        assert_eq!(pad_left("丽水", 6), "  丽水");
        assert_eq!(truncate("景宁畲族自治县", 9), "景宁畲族…");
        assert_eq!(width(&pad("景宁畲族自治县", 9)), 9);
    }

    #[test]
    fn formats_numbers_by_unit() {
        assert_eq!(number(58210.0, "yuan"), "58,210");
        assert_eq!(number(1.8605, "ratio"), "1.86");
        assert_eq!(number(606.4, "100m_yuan"), "606.4");
        assert_eq!(number(-1234567.0, "yuan"), "-1,234,567");
        assert_eq!(sparkline(&[(1, Some(1.0)), (2, None), (3, Some(2.0))]), "▁·█");
    }
}
