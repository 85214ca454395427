//! Text that fits: display-width padding and truncation (Chinese characters take two cells), and
//! sparklines.

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
    fn sparkline_marks_missing_years() {
        assert_eq!(sparkline(&[(1, Some(1.0)), (2, None), (3, Some(2.0))]), "▁·█");
    }
}
