//! The bottom line: the keys that work here, generated from the action table and the live key
//! map, or a message.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::width;
use super::theme::Theme;
use crate::app::action::{Footer as Hint, SPECS};
use crate::app::{Action, App, Mode};

pub struct Footer<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// The dashboard's key hints, in the table's footer order: ("↑↓", "move"), ("1-6", "area"), ...
pub fn key_hints(app: &App) -> Vec<(String, &'static str)> {
    let km = app.keymap();
    let mut hints: Vec<(u8, String, &'static str)> = Vec::new();
    for (i, s) in SPECS.iter().enumerate() {
        let (order, keys, label) = match s.footer {
            Hint::None => continue,
            Hint::Label(o, l) => (o, km.first(s.action), l),
            Hint::Pair(o, l) => {
                let next = SPECS.get(i + 1).map_or(String::new(), |n| km.first(n.action));
                (o, format!("{}{next}", km.first(s.action)), l)
            }
            Hint::Range(o, l, to) => (o, format!("{}-{}", km.first(s.action), km.first(to)), l),
        };
        if !keys.is_empty() && !keys.starts_with('-') && !keys.ends_with('-') {
            hints.push((order, keys, label));
        }
    }
    hints.sort_by_key(|h| h.0);
    hints.into_iter().map(|(_, k, l)| (k, l)).collect()
}

/// The keys of the table of a level, in the footer while it is open.
const TABLE_HINTS: [(Action, &str); 11] = [
    (Action::DrillDown, "go"),
    (Action::Sort, "sort"),
    (Action::SortReverse, "reverse"),
    (Action::Search, "filter"),
    (Action::GroupFilter, "group"),
    (Action::ParentFilter, "parent"),
    (Action::TableLevel, "level"),
    (Action::ColumnsRight, "columns"),
    (Action::Export, "export"),
    (Action::GoUp, "back"),
    (Action::Help, "help"),
];

impl Footer<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        if let Some(msg) = &app.overlay.message {
            let text = format!(" {}", app.lang().message(msg));
            frame.render_widget(Paragraph::new(Line::styled(text, self.theme.accent())), area);
            return;
        }
        let km = app.keymap();
        let w = app.lang().words();
        // Help and search take the keys: say which ones work there.
        let mut hints = if app.overlay.popup.is_some() {
            vec![
                (format!("{}{}", km.first(Action::MoveUp), km.first(Action::MoveDown)), w.footer_scroll),
                (format!("{}/{}", km.first(Action::GoUp), km.first(Action::DrillDown)), w.footer_close),
                (km.first(Action::Quit), w.footer_quit),
            ]
        } else if app.nav.table.as_ref().is_some_and(|t| t.typing) {
            vec![
                (String::new(), w.filter_hint),
                (format!("{}{}", km.first(Action::SearchPrev), km.first(Action::SearchNext)), w.footer_pick),
                (km.first(Action::SearchGo), w.footer_keep),
                (km.first(Action::SearchCancel), w.footer_clear),
            ]
        } else if app.nav.table.is_some() {
            TABLE_HINTS
                .iter()
                .map(|(a, label)| (km.first(*a), app.lang().footer_word(label)))
                .filter(|(k, _)| !k.is_empty())
                .collect()
        } else if app.mode() == Mode::Search {
            vec![
                (String::new(), w.search_hint),
                (format!("{}{}", km.first(Action::SearchPrev), km.first(Action::SearchNext)), w.footer_pick),
                (km.first(Action::SearchGo), w.footer_go),
                (km.first(Action::SearchCancel), w.footer_cancel),
            ]
        } else {
            key_hints(app).into_iter().map(|(k, l)| (k, app.lang().footer_word(l))).collect()
        };
        // Drop hints from the middle of the list until the line fits; help and quit always stay.
        let fits =
            |h: &[(String, &str)]| h.iter().map(|(k, l)| width(k) + width(l) + 3).sum::<usize>() < area.width as usize;
        while !fits(&hints) && hints.len() > 2 {
            hints.remove(hints.len() - 3);
        }
        let mut spans = vec![Span::raw(" ")];
        for (keys, label) in hints {
            spans.push(Span::styled(keys, self.theme.accent()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
