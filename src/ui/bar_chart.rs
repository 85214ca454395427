//! A horizontal bar chart of the selected indicator across the listed region's children, best
//! first, with the target drawn as a vertical line where one applies.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::cells;
use super::text::{pad, pad_left, width};
use super::theme::Theme;
use crate::app::App;
use crate::model::RegionId;
use crate::number::number_vs;

pub struct BarChart<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// A bar of `cells` cells (fractional), in eighths.
pub fn bar(cells: f64) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (cells.max(0.0) * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(PARTS[eighths % 8]);
    }
    s
}

impl BarChart<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let ind = app.ds.catalog.get(app.indicator());
        let parent = app.ds.regions.get(app.nav.list_parent);
        let rows = app.rows();
        let mut with: Vec<(RegionId, f64)> = rows.iter().filter_map(|r| r.row.value().map(|v| (r.region, v))).collect();
        let s = ind.direction.sign();
        with.sort_by(|a, b| (b.1 * s).total_cmp(&(a.1 * s)));
        let missing: Vec<RegionId> = rows.iter().filter(|r| r.row.value().is_none()).map(|r| r.region).collect();
        let target = rows.first().and_then(|r| r.row.applicable_target).map(|(t, _)| t);
        let of = lang.children_of(lang.region(parent));
        let mut title = vec![Span::styled(
            format!(" {} · {of} · {} (n={}/{}) ", lang.indicator(ind), app.nav.year, with.len(), rows.len()),
            self.theme.title(),
        )];
        if let Some(t) = target {
            title
                .push(Span::styled(format!("┃ {} {} ", words.target, cells::target(t, ind.unit)), self.theme.target()));
        }
        let block = Block::default().borders(Borders::ALL).title(Line::from(title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height == 0 || inner.width < 20 {
            return;
        }
        let name_of = |r: RegionId| lang.region_short(app.ds.regions.get(r)).to_string();
        let name_w = with.iter().map(|(r, _)| width(&name_of(*r))).max().unwrap_or(4).clamp(4, 18);
        let value_w = 11;
        let bar_w = (inner.width as usize).saturating_sub(name_w + 1 + value_w + 1);
        let max = with.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(target.unwrap_or(0.0));
        // Bars use all but the last cell, so a target at the maximum still has a column.
        let scale_w = bar_w.saturating_sub(1) as f64;
        let target_col = target.filter(|_| max > 0.0).map(|t| ((t / max) * scale_w).round() as usize);
        let rows_h = inner.height as usize - usize::from(!missing.is_empty());
        let mut lines = Vec::new();
        let selected = app.selected_region();
        let shown = if with.len() > rows_h { rows_h.saturating_sub(1) } else { with.len() };
        for (r, v) in with.iter().take(shown) {
            let len = if max > 0.0 { v / max * scale_w } else { 0.0 };
            let mut b = pad(&bar(len), bar_w);
            let mut spans = vec![Span::raw(pad(&name_of(*r), name_w)), Span::raw(" ")];
            match target_col.filter(|c| *c < bar_w) {
                Some(c) => {
                    let chars: Vec<char> = b.chars().collect();
                    let before: String = chars[..c].iter().collect();
                    let after: String = chars[c + 1..].iter().collect();
                    spans.push(Span::styled(before, self.theme.bar()));
                    spans.push(Span::styled("┃", self.theme.target()));
                    spans.push(Span::styled(after, self.theme.bar()));
                }
                None => {
                    b.truncate(b.trim_end().len());
                    spans.push(Span::styled(pad(&b, bar_w), self.theme.bar()));
                }
            }
            spans.push(Span::raw(" "));
            spans.push(Span::raw(pad_left(&number_vs(*v, target, ind.unit), value_w)));
            let mut line = Line::from(spans);
            if Some(*r) == selected {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        if shown < with.len() {
            lines.push(Line::styled(format!("… {} {}", with.len() - shown, words.more), self.theme.dim()));
        }
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|r| name_of(*r)).collect();
            lines.push(Line::styled(
                format!("{}{}", lang.no_data_in(app.nav.year), names.join(words.list_sep)),
                self.theme.missing(),
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
