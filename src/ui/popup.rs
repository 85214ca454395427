//! A scrollable text over the panes: the help, an indicator's details, the message log, a notice.
//! The text is wrapped to the popup's width; the popup reports how far it can scroll.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::wrap::wrap_lines;
use crate::app::{Action, App, Popup};

pub struct PopupView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl PopupView<'_> {
    /// Draws the open popup; returns the largest scroll offset that still fills its window.
    /// Draws the popup; returns its last scroll offset that still fills the window, and how many
    /// lines the window shows (a page).
    pub fn render(&self, frame: &mut Frame, area: Rect) -> (u16, u16) {
        let app = self.app;
        let Some((popup, scroll)) = &app.overlay.popup else { return (0, 0) };
        let (title, lines, tall) = match popup {
            Popup::Help => {
                let (t, l) = super::help::Help { app, theme: self.theme }.content();
                (t, l, true)
            }
            Popup::Details => {
                let (t, l) = self.details();
                (t, l, true)
            }
            Popup::Messages => {
                let (t, l) = self.messages();
                (t, l, true)
            }
            Popup::Notice(m) => {
                let lines = app.lang().message_lines(m).into_iter().map(Line::raw).collect();
                (self.closing_title(app.lang().words().notice), lines, false)
            }
        };
        let width = area.width.saturating_sub(4).min(100);
        let inner_w = width.saturating_sub(2) as usize;
        let lines = wrap_lines(lines, inner_w);
        let height = if tall {
            area.height.saturating_sub(2)
        } else {
            (lines.len() as u16 + 2).min(area.height.saturating_sub(2))
        };
        let [v] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(v);
        super::area::clear_popup(frame, rect);
        let max = lines.len().saturating_sub(rect.height.saturating_sub(2) as usize).min(u16::MAX as usize) as u16;
        let block = self.theme.block(&title, rect.width, self.theme.accent());
        frame.render_widget(Paragraph::new(lines).block(block).scroll(((*scroll).min(max), 0)), rect);
        (max, rect.height.saturating_sub(2))
    }

    /// A title that says how to close the popup.
    fn closing_title(&self, name: &str) -> String {
        let km = self.app.keymap();
        self.app.lang().popup_title(name, &km.first(Action::GoUp))
    }

    /// The highlighted indicator of the current area: everything about it, with its definition
    /// and where its target comes from.
    fn details(&self) -> (String, Vec<Line<'static>>) {
        let app = self.app;
        let lang = app.lang();
        let area = app.current_area();
        let table = super::table::AreaTable { app, theme: self.theme, area };
        let Some(report) = app.report(area) else { return (String::new(), Vec::new()) };
        let cursor = match app.nav.view {
            crate::app::View::Area(_) => app.nav.area_cursor,
            crate::app::View::Overview => {
                report.headline().and_then(|h| report.rows.iter().position(|r| r.indicator == h.indicator)).unwrap_or(0)
            }
        };
        // In the table of a level, the highlighted region; else the focus.
        let highlighted = app.nav.table.as_ref().and_then(|t| app.listing().row(t.cursor));
        let (region, row) = match highlighted {
            Some((r, row)) => (*r, row),
            None => match report.rows.get(cursor) {
                Some(row) => (app.nav.focus, row),
                None => return (String::new(), Vec::new()),
            },
        };
        let ind = app.ds.catalog.get(row.indicator);
        let name = format!("{} · {} · {}", lang.indicator(ind), lang.region(app.ds.regions.get(region)), app.nav.year);
        let mut lines = table.detail_lines(region, row, usize::MAX);
        lines.push(Line::raw(""));
        let w = lang.words();
        lines.push(Line::styled(format!("{} {}", w.definition, ind.definition), self.theme.dim()));
        if let Some(t) = &ind.target {
            lines.push(Line::styled(format!("{} {}", w.target_source, t.source_url), self.theme.dim()));
        }
        (self.closing_title(&name), lines)
    }

    /// The session's messages, newest first.
    fn messages(&self) -> (String, Vec<Line<'static>>) {
        let app = self.app;
        let lang = app.lang();
        let mut lines: Vec<Line<'static>> = Vec::new();
        for m in app.overlay.log.iter().rev() {
            lines.extend(lang.message_lines(m).into_iter().map(Line::raw));
        }
        if lines.is_empty() {
            lines.push(Line::styled(lang.words().no_messages, self.theme.missing()));
        }
        (self.closing_title(lang.words().messages), lines)
    }
}
