//! The search popup: the query and the matching regions across all levels.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::pad;
use super::theme::Theme;
use crate::app::{Action, App};

pub struct SearchBox<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl SearchBox<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let Some(s) = &app.overlay.search else { return };
        let lang = app.lang();
        let words = lang.words();
        let km = app.keymap();
        // The list scrolls with the cursor; the lines above and below say how many are hidden.
        const ROWS: usize = 12;
        let n = s.results.len();
        let offset = s.cursor.saturating_sub(ROWS - 1);
        let below = n.saturating_sub(offset + ROWS);
        let h = (n.min(ROWS) as u16 + 4 + u16::from(below > 0)).min(area.height);
        let [v] = Layout::vertical([Constraint::Length(h)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Length(64.min(area.width))]).flex(Flex::Center).areas(v);
        super::area::clear_popup(frame, popup);
        let title = format!(
            " {} · {} {} · {} {} ",
            words.search_title,
            km.first(Action::SearchGo),
            words.footer_go_search,
            km.first(Action::SearchCancel),
            words.footer_cancel_search
        );
        let block = self.theme.block(&title, popup.width, self.theme.accent());
        let count = if s.query.is_empty() {
            String::new()
        } else {
            format!("   {}", lang.matches(n, offset, n.min(offset + ROWS)))
        };
        let mut lines = vec![Line::from(vec![
            Span::styled("/ ", self.theme.accent()),
            Span::raw(s.query.clone()),
            Span::styled("▏", self.theme.accent()),
            Span::styled(count, self.theme.dim()),
        ])];
        if s.results.is_empty() && !s.query.is_empty() {
            lines.push(Line::styled(words.no_match, self.theme.missing()));
        }
        let tree = &app.ds.regions;
        for (i, r) in s.results.iter().enumerate().skip(offset).take(ROWS) {
            let reg = tree.get(*r);
            let parent = reg.parent.map(|p| lang.region(tree.get(p)).to_string()).unwrap_or_default();
            let text = format!("  {} {} {} {}", reg.code, pad(&reg.name_zh, 16), pad(&reg.name_en, 22), parent);
            let mut line = Line::raw(text);
            if i == s.cursor {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        if below > 0 {
            lines.push(Line::styled(lang.more_below(below, &km.first(Action::SearchNext)), self.theme.dim()));
        }
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }
}
