//! The region pane: the children of the listed region with their value of the selected
//! indicator, rank and status; the selection highlighted.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells;
use super::text::{pad, pad_left, width};
use super::theme::Theme;
use crate::app::layout;
use crate::app::{App, Pane, Sort};

pub struct RegionList<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl RegionList<'_> {
    /// Draws the list and returns where its rows are and the first row shown, for the mouse.
    pub fn render(&self, frame: &mut Frame, area: Rect) -> (layout::Rect, usize) {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let parent = app.ds.regions.get(app.nav.list_parent);
        let ind = app.ds.catalog.get(app.indicator());
        let rows = app.rows();
        let n = rows.len();
        let kind = if parent.depth == 0 { words.cities } else { words.counties };
        let unit = lang.unit(ind.unit);
        let unit = if unit.is_empty() { String::new() } else { format!(" ({unit})") };
        // The indicator's name matters more than the word for the children: drop the word when
        // even the short label would not fit beside it.
        let room = |head: &str| (area.width as usize).saturating_sub(2 + width(head) + width(&unit) + 1);
        // A list ranked over part of its regions says so: "5/11 个市有值".
        let with = rows.iter().filter(|r| r.row.value().is_some()).count();
        let count = if with < n { lang.ranked_of(with, n, kind) } else { format!("{n} {kind}") };
        let tree = &app.ds.regions;
        let group =
            app.nav.list_group.as_ref().and_then(|g| tree.group(g)).map(|g| format!(" · {}", lang.group_name(g)));
        let group = group.unwrap_or_default();
        let mut head = format!(" {}{group} · {count} ─ ", lang.region(parent));
        if room(&head) < width(lang.indicator_short(ind)) {
            let short = if with < n { format!("{with}/{n}") } else { n.to_string() };
            head = format!(" {}{group} · {short} ─ ", lang.region(parent));
        }
        let title = format!("{head}{}{unit} ", lang.indicator_fit(ind, room(&head)));
        let block = self.theme.block(&title, area.width, self.theme.border(app.nav.pane == Pane::Regions));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 || inner.width < 20 {
            return (layout::Rect::default(), 0);
        }
        let w = inner.width as usize;
        let wide = w >= 44;
        let (rank_w, value_w, status_w) = if wide { (3, 11, 11) } else { (2, 9, 8) };
        let name_w = w.saturating_sub(2 + rank_w + 1 + 1 + value_w + 1 + status_w);
        let sort = match app.nav.sort {
            Sort::Name => words.sort_code,
            Sort::Value => words.sort_value,
            Sort::Gap => words.sort_gap,
        };
        let head_name = format!("{} · {sort}", words.region);
        let mut lines = vec![Line::styled(
            format!(
                "  {} {} {} {}",
                pad_left("#", rank_w),
                pad(&head_name, name_w),
                pad_left(words.value, value_w),
                pad(words.vs_target, status_w)
            ),
            self.theme.dim(),
        )];
        // The group marks' legend, on the last line, when a listed region has a mark.
        let year = app.nav.year;
        let marked: Vec<&crate::model::Group> = tree
            .groups()
            .iter()
            .filter(|g| g.applies_in(year) && rows.iter().any(|r| tree.get(r.region).has_tag(&g.tag)))
            .collect();
        let mut notes = Vec::new();
        // No child has a value but a sibling definition does: said, not shown in its place.
        let regions: Vec<_> = rows.iter().map(|r| r.region).collect();
        if let Some((sib, with)) = app.ds.sibling_with_data(app.indicator(), &regions, year) {
            let name = lang.indicator_short(app.ds.catalog.get(sib));
            notes.push(Line::styled(lang.sibling_note(year, name, with, n), self.theme.accent()));
        }
        if !marked.is_empty() && inner.height > 6 {
            notes.push(Line::styled(lang.group_legend(marked.iter().copied()), self.theme.dim()));
        }
        notes.truncate((inner.height as usize).saturating_sub(3));
        let rows_h = inner.height as usize - 1 - notes.len();
        let selected = app.selected_index();
        let offset = if selected >= rows_h { selected + 1 - rows_h } else { 0 };
        for (i, r) in rows.iter().enumerate().skip(offset).take(rows_h) {
            let region = app.ds.regions.get(r.region);
            let marks: String = tree.groups_of(r.region, year).map(|g| lang.group_mark(g)).collect();
            let room = if marks.is_empty() { name_w } else { name_w.saturating_sub(width(&marks) + 1) };
            let full = lang.region(region);
            let short = if width(full) > room { lang.region_short(region) } else { full };
            let name = if marks.is_empty() { short.to_string() } else { format!("{} {marks}", pad(short, room)) };
            let marker = if i == selected {
                "▶ "
            } else if r.region == app.nav.focus {
                "• "
            } else {
                "  "
            };
            // A statistic of the top only (the cities' max/min): said, not "no data" for each child.
            let top_only = ind.applies_to == crate::model::indicator::TargetScope::Top
                && app.ds.regions.parent(r.region).is_some();
            let status = if top_only {
                Span::styled(lang.words().top_only, self.theme.dim())
            } else {
                cells::status_short(&r.row, self.theme, lang)
            };
            let mut line = Line::from(vec![
                Span::raw(marker),
                Span::raw(pad_left(&cells::rank(&r.row), rank_w)),
                Span::raw(" "),
                Span::raw(pad(&name, name_w)),
                Span::raw(" "),
                Span::styled(
                    pad_left(&cells::value_or_stale_fit(&r.row, ind.unit, lang, value_w), value_w),
                    if r.row.value().is_none() { self.theme.missing() } else { Default::default() },
                ),
                Span::raw(" "),
                Span::styled(pad(&status.content, status_w), status.style),
            ]);
            if i == selected {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        if rows.is_empty() {
            lines.push(Line::styled(words.no_children, self.theme.missing()));
        }
        if !notes.is_empty() {
            lines.resize(inner.height as usize - notes.len(), Line::default());
            for l in notes {
                let text = crate::fit::truncate(&l.to_string(), inner.width as usize);
                lines.push(Line::styled(text, l.style));
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
        (layout::Rect::new(inner.x, inner.y + 1, inner.width, rows_h as u16), offset)
    }
}
