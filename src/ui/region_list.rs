//! The region pane: the children of the listed region with their value of the selected
//! indicator, rank and status; the selection highlighted.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells;
use super::text::{pad, pad_left, width};
use super::Theme;
use crate::app::state::HitAreas;
use crate::app::{App, Pane};
use crate::model::indicator::unit_label;

pub struct RegionList<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl RegionList<'_> {
    /// Draws the list and returns where its rows are, for mouse clicks.
    pub fn render(&self, frame: &mut Frame, area: Rect) -> HitAreas {
        let app = self.app;
        let en = app.english;
        let parent = app.ds.regions.get(app.list_parent);
        let ind = app.ds.catalog.get(app.indicator());
        let n = app.rows.len();
        let kind = match (en, app.ds.regions.get(app.list_parent).depth) {
            (true, 0) => "cities",
            (true, _) => "counties",
            (false, 0) => "个市",
            (false, _) => "个县(市、区)",
        };
        let unit = unit_label(&ind.unit, en);
        let unit = if unit.is_empty() { String::new() } else { format!(" ({unit})") };
        let title = format!(" {} · {n} {kind} ─ {}{unit} ", parent.name(en), ind.name(en));
        let block = self.theme.block(title, self.theme.border(app.pane == Pane::Regions));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 || inner.width < 20 {
            return HitAreas::default();
        }
        let w = inner.width as usize;
        let wide = w >= 44;
        let (rank_w, value_w, status_w) = if wide { (3, 11, 11) } else { (2, 9, 8) };
        let name_w = w.saturating_sub(2 + rank_w + 1 + 1 + value_w + 1 + status_w);
        let head_name = format!("{} · {}", if en { "region" } else { "地区" }, app.sort.label(en));
        let mut lines = vec![Line::styled(
            format!(
                "  {} {} {} {}",
                pad_left("#", rank_w),
                pad(&head_name, name_w),
                pad_left(&ind_unit_head(en), value_w),
                pad(if en { "vs target" } else { "距目标" }, status_w)
            ),
            self.theme.dim(),
        )];
        let rows_h = inner.height as usize - 1;
        let offset = if app.selected >= rows_h { app.selected + 1 - rows_h } else { 0 };
        for (i, r) in app.rows.iter().enumerate().skip(offset).take(rows_h) {
            let region = app.ds.regions.get(r.region);
            let name = if width(region.name(en)) > name_w && !en { region.short_name_zh() } else { region.name(en) };
            let selected = i == app.selected;
            let focused = r.region == app.focus;
            let marker = if selected {
                "▶ "
            } else if focused {
                "• "
            } else {
                "  "
            };
            let mut spans = vec![
                Span::raw(marker),
                Span::raw(pad_left(&cells::rank(&r.row), rank_w)),
                Span::raw(" "),
                Span::raw(pad(name, name_w)),
                Span::raw(" "),
                Span::styled(
                    pad_left(&cells::value(&r.row, &ind.unit), value_w),
                    if r.row.value().is_none() { self.theme.missing() } else { Default::default() },
                ),
                Span::raw(" "),
            ];
            let status = cells::status_short(&r.row, self.theme, en);
            spans.push(Span::styled(pad(&status.content, status_w), status.style));
            let mut line = Line::from(spans);
            if selected {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        if app.rows.is_empty() {
            lines.push(Line::styled(
                if en { "  (no regions below this one)" } else { "  (无下级地区)" },
                self.theme.missing(),
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        HitAreas { region_rows: (inner.x, inner.y + 1, inner.width, rows_h as u16), region_offset: offset }
    }
}

fn ind_unit_head(en: bool) -> String {
    if en {
        "value".into()
    } else {
        "数值".into()
    }
}
