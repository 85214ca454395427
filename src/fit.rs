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

/// Whether a character acts on a terminal or on how a line is laid out rather than showing:
/// controls (C0, DEL, C1: the cursor, colours, the window title), line and paragraph separators
/// (U+2028, U+2029), bidirectional overrides and isolates (U+202E reverses the rest of a line),
/// zero-width characters and the byte-order mark, and the regional indicators flags are made of
/// (drawn two cells wide where they are counted as one, they leave stray halves on screen).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        || ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// The first control or format character of a text ([`is_unsafe`]), if any.
pub fn control_char(s: &str) -> Option<char> {
    // Printable ASCII, by far the most common text here, needs no decoding.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    s.chars().find(|c| is_unsafe(*c))
}

/// "U+001B": how a control character is named in messages ("format character U+202E" for the
/// others [`is_unsafe`] finds).
pub fn char_name(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} (a format character that changes how a line is laid out)", c as u32)
    }
}

/// Text safe to print to a terminal or write to a text file: control characters are shown as
/// `\u{1b}` escapes (never sent raw). The one place outputs are cleaned.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if control_char(s).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && c != '\n' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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
    fn control_characters_are_shown_never_sent() {
        assert_eq!(printable("景宁 ok"), "景宁 ok");
        assert_eq!(printable("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(printable("x\u{9b}31m"), "x\\u{9b}31m", "C1 CSI too");
        assert_eq!(printable("line\nnext"), "line\nnext", "a line break stays (messages have them)");
        assert_eq!(control_char("ok\rthen"), Some('\r'));
        assert_eq!(char_name('\u{1b}'), "U+001B");
        // Format characters that reorder or break a line, and flags' halves.
        assert_eq!(printable("衢州\u{2028}市"), "衢州\\u{2028}市");
        assert_eq!(printable("a\u{202e}cba"), "a\\u{202e}cba");
        assert_eq!(printable("\u{feff}name\u{200b}"), "\\u{feff}name\\u{200b}");
        assert_eq!(control_char("🇨🇳"), Some('\u{1F1E8}'));
        assert_eq!(printable("浙江 · ok ‡"), "浙江 · ok ‡");
    }
}

/// A CSV field that a spreadsheet will not run: text beginning with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading `'` (OWASP's advice on CSV injection); numbers, negative
/// ones included, are left as they are.
/// Text for Markdown, from a file: characters that would make HTML (`<img onerror>`), a link or
/// an image (`[x](javascript:…)`), or a new table column (`|`) are escaped, as are control
/// characters; what a renderer shows is the text itself.
pub fn markdown_text(s: &str) -> String {
    let s = printable(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

pub fn csv_safe(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && field.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// A field of an exported CSV: escaped ([`printable`]) and defused ([`csv_safe`]).
pub fn csv_field(field: &str) -> String {
    csv_safe(&printable(field)).into_owned()
}

#[cfg(test)]
mod csv_tests {
    use super::csv_safe;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(csv_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("-1+1"), "'-1+1");
        assert_eq!(csv_safe("-0.02"), "-0.02");
        assert_eq!(csv_safe("+86"), "+86");
        assert_eq!(csv_safe("丽水市"), "丽水市");
    }
}
