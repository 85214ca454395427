//! The top line: breadcrumb, year, data set title and date.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::width;
use super::theme::Theme;
use crate::app::App;

pub struct Header<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Header<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let crumbs: Vec<String> = app
            .ds
            .regions
            .ancestry(app.nav.focus)
            .iter()
            .map(|r| app.lang().region(app.ds.regions.get(*r)).to_string())
            .collect();
        let left = format!(" cpdash ─ {}", crumbs.join(" › "));
        let years = app.years();
        let year = app.nav.year;
        let prev = if year > *years.start() { "◂" } else { " " };
        let next = if year < *years.end() { "▸" } else { " " };
        let year = format!("{prev} {year} {next}");
        let as_of = app.lang().words().as_of;
        let total = area.width as usize;
        // Narrow terminals keep the breadcrumb and the year; the title goes first, then the date.
        let official =
            if app.official_only() { format!("{} · ", app.lang().words().official_only) } else { String::new() };
        let mut right = format!(
            "{official}{} · {as_of} {} ",
            app.lang().title(&app.ds.meta.title, app.ds.meta.title_en.as_deref()),
            app.ds.meta.as_of
        );
        if width(&left) + width(&year) + width(&right) + 2 > total {
            right = format!("{official}{as_of} {} ", app.ds.meta.as_of);
        }
        if width(&left) + width(&year) + width(&right) + 2 > total {
            right.clear();
        }
        let mid = total.saturating_sub(width(&left) + width(&right));
        let year_w = width(&year);
        let (l_gap, r_gap) =
            if mid > year_w + 2 { ((mid - year_w) / 2, mid - year_w - (mid - year_w) / 2) } else { (1, 1) };
        let line = Line::from(vec![
            Span::styled(left, self.theme.title()),
            Span::raw(" ".repeat(l_gap)),
            Span::styled(year, self.theme.accent()),
            Span::raw(" ".repeat(r_gap)),
            Span::styled(right, self.theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
    }
}
