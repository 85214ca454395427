//! Keys to actions: the defaults, overridden per action from the config's `[keys]` table.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::config::{line_of, ConfigError};

/// A key as written in the config: `q`, `G`, `?`, `ctrl-c`, `enter`, `up`, `f1`, `shift-tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeKey,
    pub ctrl: bool,
    pub alt: bool,
}

/// The subset of key codes the dashboard binds (ordered, so key maps compare and sort).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeKey {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCodeKey::Enter,
            "esc" => KeyCodeKey::Esc,
            "backspace" => KeyCodeKey::Backspace,
            "tab" => KeyCodeKey::Tab,
            "shift-tab" | "backtab" => KeyCodeKey::BackTab,
            "up" => KeyCodeKey::Up,
            "down" => KeyCodeKey::Down,
            "left" => KeyCodeKey::Left,
            "right" => KeyCodeKey::Right,
            "home" => KeyCodeKey::Home,
            "end" => KeyCodeKey::End,
            "pageup" => KeyCodeKey::PageUp,
            "pagedown" => KeyCodeKey::PageDown,
            "space" => KeyCodeKey::Char(' '),
            other => {
                let function =
                    other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n));
                let mut chars = other.chars();
                match (function, chars.next(), chars.next()) {
                    (Some(n), _, _) => KeyCodeKey::F(n),
                    (None, Some(c), None) => KeyCodeKey::Char(c),
                    _ => {
                        return Err(format!(
                            "\"{s}\" is not a key (examples: q, G, ?, ctrl-c, enter, up, pagedown, f1, shift-tab)"
                        ))
                    }
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key of a terminal event, if it is one the dashboard can bind.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeKey::Char(c),
            KeyCode::Enter => KeyCodeKey::Enter,
            KeyCode::Esc => KeyCodeKey::Esc,
            KeyCode::Backspace => KeyCodeKey::Backspace,
            KeyCode::Tab => KeyCodeKey::Tab,
            KeyCode::BackTab => KeyCodeKey::BackTab,
            KeyCode::Up => KeyCodeKey::Up,
            KeyCode::Down => KeyCodeKey::Down,
            KeyCode::Left => KeyCodeKey::Left,
            KeyCode::Right => KeyCodeKey::Right,
            KeyCode::Home => KeyCodeKey::Home,
            KeyCode::End => KeyCodeKey::End,
            KeyCode::PageUp => KeyCodeKey::PageUp,
            KeyCode::PageDown => KeyCodeKey::PageDown,
            KeyCode::F(n) => KeyCodeKey::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// How the key is shown in the help and the footer.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeKey::Char(' ') => "space".to_string(),
            KeyCodeKey::Char(c) => c.to_string(),
            KeyCodeKey::Enter => "⏎".into(),
            KeyCodeKey::Esc => "Esc".into(),
            KeyCodeKey::Backspace => "⌫".into(),
            KeyCodeKey::Tab => "Tab".into(),
            KeyCodeKey::BackTab => "S-Tab".into(),
            KeyCodeKey::Up => "↑".into(),
            KeyCodeKey::Down => "↓".into(),
            KeyCodeKey::Left => "←".into(),
            KeyCodeKey::Right => "→".into(),
            KeyCodeKey::Home => "Home".into(),
            KeyCodeKey::End => "End".into(),
            KeyCodeKey::PageUp => "PgUp".into(),
            KeyCodeKey::PageDown => "PgDn".into(),
            KeyCodeKey::F(n) => format!("F{n}"),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("C-");
        }
        if self.alt {
            s.push_str("M-");
        }
        s + &base
    }
}

/// The default keys of each action, as written in the shipped `config.toml`.
pub fn default_keys(action: Action) -> &'static [&'static str] {
    match action {
        Action::Quit => &["q", "ctrl-c"],
        Action::Help => &["?", "f1"],
        Action::MoveUp => &["up", "k"],
        Action::MoveDown => &["down", "j"],
        Action::PageUp => &["pageup", "ctrl-u"],
        Action::PageDown => &["pagedown", "ctrl-d"],
        Action::First => &["home", "g"],
        Action::Last => &["end", "G"],
        Action::DrillDown => &["enter", "right", "l"],
        Action::GoUp => &["esc", "left", "h", "backspace"],
        Action::FocusNext => &["tab"],
        Action::FocusPrev => &["shift-tab"],
        Action::Overview => &["0"],
        Action::Area1 => &["1"],
        Action::Area2 => &["2"],
        Action::Area3 => &["3"],
        Action::Area4 => &["4"],
        Action::Area5 => &["5"],
        Action::Area6 => &["6"],
        Action::PrevYear => &["["],
        Action::NextYear => &["]"],
        Action::Search => &["/"],
        Action::Sort => &["s"],
        Action::Export => &["e"],
        Action::Language => &["L"],
        Action::Map => &["m"],
        Action::MapScope => &["M"],
    }
}

/// The effective key map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    by_key: BTreeMap<Key, Action>,
    by_action: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut by_action = BTreeMap::new();
        for a in Action::ALL {
            let keys = default_keys(a).iter().map(|k| Key::parse(k).expect("default keys parse")).collect();
            by_action.insert(a, keys);
        }
        Keymap::from_actions(by_action).expect("default keys are unique")
    }
}

impl Keymap {
    fn from_actions(by_action: BTreeMap<Action, Vec<Key>>) -> Result<Keymap, (Key, Action, Action)> {
        let mut by_key = BTreeMap::new();
        for (a, keys) in &by_action {
            for k in keys {
                if let Some(prev) = by_key.insert(*k, *a) {
                    return Err((*k, prev, *a));
                }
            }
        }
        Ok(Keymap { by_key, by_action })
    }

    /// The defaults with the config's `[keys]` table applied. `text` is the config file's text,
    /// for line numbers in errors.
    pub fn from_config(
        keys: &BTreeMap<String, toml::Spanned<Vec<String>>>,
        file: &str,
        text: &str,
    ) -> Result<Keymap, ConfigError> {
        let mut by_action = Keymap::default().by_action;
        let mut lines = BTreeMap::new();
        for (name, spanned) in keys {
            let line = line_of(text, spanned.span().start);
            let err = |message: String| ConfigError { file: file.into(), line: Some(line), message };
            let action = Action::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                err(format!("unknown action `{name}` in [keys] (actions: {})", names.join(", ")))
            })?;
            let parsed = spanned
                .get_ref()
                .iter()
                .map(|k| Key::parse(k).map_err(|m| err(format!("[keys] {name}: {m}"))))
                .collect::<Result<Vec<_>, _>>()?;
            if parsed.is_empty() && matches!(action, Action::Quit | Action::Help) {
                return Err(err(format!("[keys] {name}: needs at least one key")));
            }
            by_action.insert(action, parsed);
            lines.insert(action, line);
        }
        Keymap::from_actions(by_action).map_err(|(key, a, b)| {
            let line = lines.get(&b).or_else(|| lines.get(&a)).copied();
            ConfigError {
                file: file.into(),
                line,
                message: format!("key `{}` is bound to both `{a}` and `{b}`", key.label()),
            }
        })
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev)?;
        // Shift is not part of a key: terminals report it as the upper-case char (or BackTab).
        self.by_key.get(&key).copied()
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action joined for display: `↑/k`.
    pub fn label(&self, action: Action) -> String {
        self.keys(action).iter().map(Key::label).collect::<Vec<_>>().join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys() {
        assert_eq!(Key::parse("ctrl-c").unwrap(), Key { code: KeyCodeKey::Char('c'), ctrl: true, alt: false });
        assert_eq!(Key::parse("G").unwrap().code, KeyCodeKey::Char('G'));
        assert_eq!(Key::parse("f1").unwrap().code, KeyCodeKey::F(1));
        assert_eq!(Key::parse("f").unwrap().code, KeyCodeKey::Char('f'));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn maps_events_to_actions() {
        let km = Keymap::default();
        let ev = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(km.action(&ev(KeyCode::Char('j'))), Some(Action::MoveDown));
        assert_eq!(km.action(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Last));
        assert_eq!(km.action(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(km.action(&ev(KeyCode::Char('x'))), None);
        assert_eq!(km.label(Action::MoveUp), "↑/k");
    }
}
