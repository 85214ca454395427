//! Text that fits in terminal cells: display-width padding and truncation (a Chinese character
//! takes two cells). Shared by the screen, the words module and the text exports.

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
}
