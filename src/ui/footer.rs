//! The bottom line: the keys that work here, generated from the live key map, or a message.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::width;
use super::Theme;
use crate::app::{Action, App};

pub struct Footer<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// The actions the footer lists, with how they are grouped.
const SHOWN: [(&[Action], &str); 13] = [
    (&[Action::MoveUp, Action::MoveDown], "move"),
    (&[Action::DrillDown], "drill"),
    (&[Action::GoUp], "up"),
    (&[Action::FocusNext], "pane"),
    (&[Action::Area1, Action::Area6], "area"),
    (&[Action::PrevYear, Action::NextYear], "year"),
    (&[Action::Search], "search"),
    (&[Action::Map], "map"),
    (&[Action::Sort], "sort"),
    (&[Action::Export], "export"),
    (&[Action::Language], "中/EN"),
    (&[Action::Help], "help"),
    (&[Action::Quit], "quit"),
];

/// The first key of an action, as shown.
fn first_key(app: &App, a: Action) -> String {
    app.keymap.keys(a).first().map(|k| k.label()).unwrap_or_default()
}

pub fn key_hints(app: &App) -> Vec<(String, &'static str)> {
    SHOWN
        .iter()
        .filter_map(|(actions, label)| {
            let keys = match actions {
                [a, b] if *a == Action::Area1 => format!("{}-{}", first_key(app, *a), first_key(app, *b)),
                [a, b] => format!("{}{}", first_key(app, *a), first_key(app, *b)),
                [a] => first_key(app, *a),
                _ => return None,
            };
            (!keys.is_empty()).then_some((keys, *label))
        })
        .collect()
}

impl Footer<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        if let Some(msg) = &app.message {
            frame.render_widget(Paragraph::new(Line::styled(format!(" {msg}"), self.theme.accent())), area);
            return;
        }
        // Drop hints from the middle of the list until the line fits; help and quit always stay.
        // Help and search take the keys: say which ones work there.
        let mut hints = if app.help {
            vec![
                (format!("{}{}", first_key(app, Action::MoveUp), first_key(app, Action::MoveDown)), "scroll"),
                (format!("{}/{}", first_key(app, Action::Help), first_key(app, Action::GoUp)), "close"),
                (first_key(app, Action::Quit), "quit"),
            ]
        } else if app.search.is_some() {
            let type_label = if app.english { "type a name, pinyin or code" } else { "输入名称、拼音或代码" };
            vec![(String::new(), type_label), ("↑↓".into(), "pick"), ("⏎".into(), "go"), ("Esc".into(), "cancel")]
        } else {
            key_hints(app)
        };
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
