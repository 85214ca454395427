//! The table of every region of one level (`c`): the columns that fit, in their priority, the
//! sorted column marked, the cursor row in reverse video, the filter and the group legend below.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells;
use super::text::{pad, pad_left, width};
use super::theme::{Theme, SERIES};
use crate::app::layout;
use crate::app::region_table::{visible_columns, Column, EXTRA_WIDTH};
use crate::app::App;
use crate::metrics::report::IndicatorRow;
use crate::model::RegionId;
use crate::number::number;

pub struct LevelTable<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// Where the table was drawn, for the mouse.
pub struct Drawn {
    pub header: Vec<(u16, u16, Column)>,
    pub header_row: u16,
    pub rows: layout::Rect,
    pub offset: usize,
}

impl LevelTable<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) -> Option<Drawn> {
        let app = self.app;
        let t = app.nav.table.as_ref()?;
        let lang = app.lang();
        let listing = app.listing();
        let ind = app.ds.catalog.get(app.indicator());
        let unit = lang.unit(ind.unit);
        let unit = if unit.is_empty() { String::new() } else { format!(" ({unit})") };
        let title = format!(
            " {}{unit} · {} · {} · {} ",
            lang.indicator(ind),
            app.nav.year,
            app.table_filters_text(t),
            lang.listed(listing.len(), listing.all.len())
        );
        let block = self.theme.block(&title, area.width, self.theme.border(true));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 3 || inner.width < 20 {
            return None;
        }
        // Below the rows: the filter (while typing or set) and the legend of the group marks.
        let legend = lang.group_legend(app.ds.regions.groups().iter().filter(|g| g.applies_in(app.nav.year)));
        let mut foot = Vec::new();
        if t.typing || !t.filter.is_empty() {
            foot.push(Line::styled(lang.filter_prompt(&t.filter, t.typing), self.theme.accent()));
        }
        if !legend.is_empty() {
            foot.push(Line::styled(legend, self.theme.dim()));
        }
        let foot_h = (foot.len() as u16).min(inner.height.saturating_sub(3));
        // The added indicators, right of the current one's columns, as many as fit beside the
        // name and the value (an added one that is the current indicator is not repeated).
        let main = app.indicator();
        let room = inner.width.saturating_sub(2 + Column::Name.spec().width + 1 + Column::Value.spec().width + 1);
        let extras: Vec<(usize, crate::model::IndicatorId)> = t
            .extra
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, e)| *e != main)
            .take((room / (EXTRA_WIDTH + 1)) as usize)
            .collect();
        let extras_w = extras.len() as u16 * (EXTRA_WIDTH + 1);
        let columns = visible_columns(inner.width.saturating_sub(2 + extras_w), t.skip);
        let fixed: u16 = columns.iter().skip(1).map(|c| c.spec().width + 1).sum();
        let name_w = (inner.width.saturating_sub(2 + fixed + extras_w))
            .clamp(Column::Name.spec().width.min(inner.width), 28) as usize;
        let w_of = |c: Column| if c == Column::Name { name_w } else { c.spec().width as usize };
        // The header, with the sorted column marked.
        let mut spans = vec![Span::raw("  ")];
        let mut header = Vec::new();
        let mut x = inner.x + 2;
        for (i, c) in columns.iter().enumerate() {
            let mut label = lang.column(c.spec().key).to_string();
            if *c == t.sort && t.sort_extra.is_none() {
                label.push(if t.reverse { '▲' } else { '▼' });
            }
            let w = w_of(*c);
            let text = if c.spec().right { pad_left(&label, w) } else { pad(&label, w) };
            let style = if *c == t.sort && t.sort_extra.is_none() { self.theme.accent() } else { self.theme.dim() };
            spans.push(Span::styled(text, style));
            header.push((x, x + w as u16, *c));
            x += w as u16 + 1;
            if i + 1 < columns.len() {
                spans.push(Span::raw(" "));
            }
        }
        for (k, e) in &extras {
            let sorted = t.sort_extra == Some(*k);
            let mut label = lang.indicator_fit(app.ds.catalog.get(*e), EXTRA_WIDTH as usize - 1);
            if sorted {
                label.push(if t.reverse { '▲' } else { '▼' });
            }
            spans.push(Span::raw(" "));
            let style = if sorted { self.theme.accent() } else { self.theme.dim() };
            spans.push(Span::styled(pad_left(&label, EXTRA_WIDTH as usize), style));
        }
        let mut lines = vec![Line::from(spans)];
        let rows_h = (inner.height - 1 - foot_h) as usize;
        let offset = if t.cursor >= rows_h { t.cursor + 1 - rows_h } else { 0 };
        for i in offset..(offset + rows_h).min(listing.len()) {
            let Some((r, row)) = listing.row(i) else { break };
            let mut spans = vec![Span::raw(self.pin_mark(*r))];
            for (k, c) in columns.iter().enumerate() {
                let w = w_of(*c);
                let (text, style) = self.cell(*c, *r, row, w);
                let text = if c.spec().right { pad_left(&text, w) } else { pad(&text, w) };
                spans.push(Span::styled(text, style));
                if k + 1 < columns.len() {
                    spans.push(Span::raw(" "));
                }
            }
            for (k, e) in &extras {
                let w = EXTRA_WIDTH as usize;
                let unit = app.ds.catalog.get(*e).unit;
                let (text, style) = match listing.extra_row(i, *k) {
                    Some(row) if row.value().is_some() => {
                        (cells::value_or_stale_fit(row, unit, lang, w), Default::default())
                    }
                    Some(row) => (cells::value_or_stale_fit(row, unit, lang, w), self.theme.missing()),
                    None => (String::new(), Default::default()),
                };
                spans.push(Span::raw(" "));
                spans.push(Span::styled(pad_left(&text, w), style));
            }
            let mut line = Line::from(spans);
            if i == t.cursor {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        if listing.is_empty() {
            lines.push(Line::styled(lang.words().no_match, self.theme.missing()));
        }
        let body = Rect::new(inner.x, inner.y, inner.width, inner.height - foot_h);
        frame.render_widget(Paragraph::new(lines), body);
        if foot_h > 0 {
            let at = Rect::new(inner.x, inner.y + inner.height - foot_h, inner.width, foot_h);
            frame.render_widget(Paragraph::new(foot), at);
        }
        Some(Drawn {
            header,
            header_row: inner.y,
            rows: layout::Rect::new(inner.x, inner.y + 1, inner.width, rows_h as u16),
            offset,
        })
    }

    /// A pinned region's marker on the time chart, else blanks.
    fn pin_mark(&self, r: RegionId) -> String {
        match self.app.nav.pins.iter().position(|p| *p == r) {
            Some(i) => format!("{} ", SERIES[(i + 1) % SERIES.len()].0),
            None => "  ".into(),
        }
    }

    fn cell(&self, c: Column, r: RegionId, row: &IndicatorRow, w: usize) -> (String, ratatui::style::Style) {
        let app = self.app;
        let lang = app.lang();
        let tree = &app.ds.regions;
        let unit = app.ds.catalog.get(row.indicator).unit;
        let plain = ratatui::style::Style::default();
        match c {
            Column::Name => {
                let reg = tree.get(r);
                let full = lang.region(reg);
                (if width(full) > w { lang.region_short(reg).to_string() } else { full.to_string() }, plain)
            }
            Column::Parent => {
                (tree.parent(r).map(|p| lang.region_short(tree.get(p)).to_string()).unwrap_or_default(), plain)
            }
            Column::Groups => (tree.groups_of(r, app.nav.year).map(|g| lang.group_mark(g)).collect::<String>(), plain),
            Column::Value => {
                let style = if row.value().is_none() { self.theme.missing() } else { plain };
                (cells::value_or_stale_fit(row, unit, lang, w), style)
            }
            Column::Status => {
                let s = cells::status_short(row, self.theme, lang);
                (s.content.into_owned(), s.style)
            }
            Column::Rank => {
                (row.rank.as_ref().map(|x| format!("{}/{}", x.rank, x.of)).unwrap_or_else(|| "–".into()), plain)
            }
            Column::Change => (
                row.change()
                    .map_or_else(String::new, |d| format!("{}{}", if d > 0.0 { "+" } else { "" }, number(d, unit))),
                plain,
            ),
            Column::Trend => (row.trend.kind.arrow().to_string(), plain),
            Column::Reach => {
                let met = row.target.as_ref().is_some_and(|t| t.gap <= 0.0);
                (lang.reach(&row.trend, met), plain)
            }
        }
    }
}
