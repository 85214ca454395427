//! Line wrapping by display width, for text that mixes Chinese and Latin.
//!
//! ratatui's word wrapper can let a wide character spill one cell past the right edge when a
//! long unbroken run ends in one (ratatui issue #2679), overwriting a pane's border; and it only
//! breaks at spaces, so a Chinese sentence, which has none, is cut as one long word. Panes that
//! wrap therefore wrap here first and hand ratatui lines that already fit.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Wraps each line to at most `width` cells. A line breaks after a space, before or after a
/// wide (Chinese) character, or after `/`, `,` (not one grouping thousands), `;` and `·`; a run with no such place that is
/// longer than a line is cut where it reaches the edge. Styles are kept; spaces at a break are
/// dropped. An empty line stays an empty line.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(2);
    let mut out = Vec::new();
    for line in lines {
        let chars: Vec<(char, Style)> =
            line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style))).collect();
        if chars.is_empty() {
            out.push(line);
            continue;
        }
        for row in rows(&chars, width) {
            out.push(Line::from(spans(row)).style(line.style));
        }
    }
    out
}

/// Splits one line's characters into rows that fit.
fn rows(chars: &[(char, Style)], width: usize) -> Vec<&[(char, Style)]> {
    let w = |c: char| c.width().unwrap_or(0);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // The last index at which the current row may end (exclusive), if any; and the last after
    // a `·` separator, preferred where it leaves the row at least a third full, so that a
    // label and its value ("与浙江之比 0.80") stay on one line.
    let mut last_break: Option<usize> = None;
    let mut last_separator: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].0;
        if used + w(c) > width && i > start {
            let separator = last_separator.filter(|&b| b > start && (b - start) * 3 >= width);
            let end = separator.or(last_break.filter(|&b| b > start)).unwrap_or(i);
            rows.push(trim_end(&chars[start..end]));
            start = end;
            while start < chars.len() && chars[start].0 == ' ' {
                start += 1;
            }
            // Measure the carried characters again from the new row's start.
            (i, used, last_break, last_separator) = (start, 0, None, None);
            continue;
        }
        used += w(c);
        let next = chars.get(i + 1).map(|(c, _)| *c);
        let prev = i.checked_sub(1).map(|p| chars[p].0);
        // A comma between digits groups thousands (130,000): not a place to break.
        let thousands =
            c == ',' && prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let breakable = c == ' '
            || matches!(c, '/' | ';' | '·')
            || (c == ',' && !thousands)
            || w(c) > 1
            || next.is_some_and(|n| w(n) > 1 || n == ' ');
        if breakable {
            last_break = Some(i + 1);
        }
        if c == '·' {
            last_separator = Some(i + 1);
        }
        i += 1;
    }
    if start < chars.len() {
        rows.push(trim_end(&chars[start..]));
    }
    rows
}

fn trim_end(row: &[(char, Style)]) -> &[(char, Style)] {
    let keep = row.iter().rposition(|(c, _)| *c != ' ').map_or(0, |p| p + 1);
    &row[..keep]
}

/// Joins runs of characters with the same style into spans.
fn spans(row: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    for (c, style) in row {
        match out.last_mut() {
            Some(last) if last.style == *style => last.content.to_mut().push(*c),
            _ => out.push(Span::styled(c.to_string(), *style)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::text::width;
    use ratatui::style::Stylize;

    #[test]
    fn a_label_and_its_value_stay_together_where_a_separator_allows() {
        let line = Line::raw("按常住人口加权 1.80 · 其余 1.62 · 与浙江之比 0.80");
        let rows = texts(&wrap_lines(vec![line], 40));
        assert_eq!(rows, ["按常住人口加权 1.80 · 其余 1.62 ·", "与浙江之比 0.80"]);
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_chinese_run_ending_in_a_wide_character_never_passes_the_edge() {
        // The sentence that spilled over the border at 80×24 (40 cells inside the pane).
        let line =
            Line::from("人均地区生产总值: 68,101 元  ○ 差距很大  → 按2019–2021年速度,2128年达到130,000(目标年份2025)");
        let rows = wrap_lines(vec![line], 40);
        assert_eq!(
            texts(&rows),
            ["人均地区生产总值: 68,101 元  ○ 差距很大", "→ 按2019–2021年速度,2128年达到130,000(目", "标年份2025)"]
        );
        assert!(rows.iter().all(|l| width(&l.to_string()) <= 40));
    }

    #[test]
    fn breaks_between_chinese_characters_and_at_spaces_but_not_inside_latin_words() {
        let rows = wrap_lines(vec![Line::from("山区26县居民人均可支配收入 and the provincial average")], 16);
        assert_eq!(texts(&rows), ["山区26县居民人均", "可支配收入 and", "the provincial", "average"]);
    }

    #[test]
    fn a_run_longer_than_the_line_is_cut_at_the_edge() {
        let rows = wrap_lines(vec![Line::from("https://example.org/abcdefghijklmnopqrstuvwxyz")], 12);
        assert_eq!(texts(&rows), ["https://", "example.org/", "abcdefghijkl", "mnopqrstuvwx", "yz"]);
    }

    #[test]
    fn styles_survive_the_break_and_empty_lines_stay() {
        let line = Line::from(vec!["甲乙".bold(), "丙丁戊".italic()]);
        let rows = wrap_lines(vec![line, Line::default()], 6);
        assert_eq!(texts(&rows), ["甲乙丙", "丁戊", ""]);
        assert_eq!(rows[0].spans.len(), 2);
        assert_eq!(rows[0].spans[0].style, Style::new().bold());
        assert_eq!(rows[1].spans[0].style, Style::new().italic());
    }

    #[test]
    fn a_number_is_not_broken_at_its_thousands_comma() {
        let rows = wrap_lines(vec![Line::raw("达不到130,000")], 9);
        let text: Vec<String> = rows.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
        assert_eq!(text, ["达不到", "130,000"]);
    }
}
