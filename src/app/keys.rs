//! Keys and the key map, with no terminal library: the terminal layer turns its events into a
//! [`Key`] before they reach the app, so the app and the config never depend on it.

use std::collections::BTreeMap;

use super::action::{Action, Mode, SPECS};

/// A key as written in the config: `q`, `G`, `?`, `ctrl-c`, `enter`, `up`, `f1`, `shift-tab`.
/// Shift is not a modifier here: terminals report it as the upper-case character (or BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// The key codes the dashboard binds (ordered, so key maps compare and sort).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
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

/// Named keys: config spelling, display label.
const NAMED: [(KeyCode, &str, &str); 15] = [
    (KeyCode::Enter, "enter", "⏎"),
    (KeyCode::Esc, "esc", "Esc"),
    (KeyCode::Backspace, "backspace", "⌫"),
    (KeyCode::Tab, "tab", "Tab"),
    (KeyCode::BackTab, "shift-tab", "S-Tab"),
    (KeyCode::Up, "up", "↑"),
    (KeyCode::Down, "down", "↓"),
    (KeyCode::Left, "left", "←"),
    (KeyCode::Right, "right", "→"),
    (KeyCode::Home, "home", "Home"),
    (KeyCode::End, "end", "End"),
    (KeyCode::PageUp, "pageup", "PgUp"),
    (KeyCode::PageDown, "pagedown", "PgDn"),
    (KeyCode::Char(' '), "space", "space"),
    (KeyCode::BackTab, "backtab", "S-Tab"),
];

impl Key {
    /// Whether a terminal sends this key as such: Ctrl with a letter or space (a control code),
    /// Alt with anything (an escape prefix), F1–F12, and every plain key; not Ctrl with a digit
    /// or a sign (`ctrl-1` arrives as `1`, or not at all).
    pub fn sendable(&self) -> bool {
        match self.code {
            // Ctrl-M and Ctrl-I arrive as Enter and Tab.
            KeyCode::Char(c) if self.ctrl => (c.is_ascii_alphabetic() && !matches!(c, 'm' | 'i')) || c == ' ',
            KeyCode::F(n) => (1..=12).contains(&n),
            _ => true,
        }
    }

    /// A plain key.
    pub const fn new(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    /// A character key without modifiers.
    pub const fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut key = Key::new(KeyCode::Esc);
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        key.code = if let Some((code, _, _)) = NAMED.iter().find(|(_, name, _)| *name == rest) {
            *code
        } else {
            let function = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n));
            let mut chars = rest.chars();
            match (function, chars.next(), chars.next()) {
                (Some(n), _, _) => KeyCode::F(n),
                (None, Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => {
                    return Err(format!(
                        "\"{}\" is not a key (examples: q, G, ?, ctrl-c, enter, up, pagedown, f1, shift-tab)",
                        s.escape_debug()
                    ))
                }
            }
        };
        Ok(key)
    }

    /// How the key is shown in the help and the footer.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED.iter().find(|(c, _, _)| *c == code).map_or("?", |(_, _, l)| l).to_string(),
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

    /// How the key is written in the config file.
    pub fn config_name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            code => NAMED.iter().find(|(c, _, _)| *c == code).map_or("?", |(_, n, _)| n).to_string(),
        };
        format!("{}{}{base}", if self.ctrl { "ctrl-" } else { "" }, if self.alt { "alt-" } else { "" })
    }
}

/// A key-map problem found in the config, with the line of the entry it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub line: Option<usize>,
    pub message: String,
}

/// The effective key map: per mode, key → action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    by_key: BTreeMap<(Mode, Key), Action>,
    by_action: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        // The table's default keys are checked by a unit test to parse and not to clash.
        Keymap::build(Keymap::defaults())
            .unwrap_or_else(|_| Keymap { by_key: BTreeMap::new(), by_action: BTreeMap::new() })
    }
}

impl Keymap {
    fn defaults() -> BTreeMap<Action, Vec<Key>> {
        SPECS.iter().map(|s| (s.action, s.keys.iter().filter_map(|k| Key::parse(k).ok()).collect())).collect()
    }

    fn build(by_action: BTreeMap<Action, Vec<Key>>) -> Result<Keymap, (Key, Action, Action)> {
        let mut by_key = BTreeMap::new();
        for (a, keys) in &by_action {
            for k in keys {
                if let Some(prev) = by_key.insert((a.spec().mode, *k), *a) {
                    return Err((*k, prev, *a));
                }
            }
        }
        Ok(Keymap { by_key, by_action })
    }

    /// The defaults with the config's `[keys]` entries applied: action name → (keys, line).
    pub fn with_overrides(entries: &[(String, Vec<String>, usize)]) -> Result<Keymap, KeymapError> {
        let mut by_action = Keymap::defaults();
        let mut lines = BTreeMap::new();
        for (name, keys, line) in entries {
            let err = |message: String| KeymapError { line: Some(*line), message };
            let action = Action::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = SPECS.iter().map(|s| s.name).collect();
                err(format!("unknown action `{name}` in [keys] (actions: {})", names.join(", ")))
            })?;
            let mut parsed = Vec::new();
            for k in keys {
                let key = Key::parse(k).map_err(|m| err(format!("[keys] {name}: {m}")))?;
                if parsed.contains(&key) {
                    return Err(err(format!("[keys] {name}: \"{k}\" is listed twice")));
                }
                parsed.push(key);
            }
            if parsed.is_empty() && matches!(action, Action::Quit | Action::Help | Action::SearchCancel) {
                return Err(err(format!("[keys] {name}: needs at least one key")));
            }
            by_action.insert(action, parsed);
            lines.insert(action, *line);
        }
        let map = Keymap::build(by_action).map_err(|(key, a, b)| KeymapError {
            line: lines.get(&b).or_else(|| lines.get(&a)).copied(),
            message: format!("key `{}` is bound to both `{a}` and `{b}`", key.config_name()),
        })?;
        // A key map that no key a terminal sends can leave would trap the user.
        if !map.keys(Action::Quit).iter().any(Key::sendable) {
            let keys: Vec<String> = map.keys(Action::Quit).iter().map(Key::config_name).collect();
            return Err(KeymapError {
                line: lines.get(&Action::Quit).copied(),
                message: format!(
                    "[keys] quit: no key a terminal can send ({} is not sent as such): the dashboard could not be left",
                    keys.join(", ")
                ),
            });
        }
        Ok(map)
    }

    /// The action of a key in a mode.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        self.by_key.get(&(mode, key)).copied()
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key of an action, as shown (empty when unbound).
    pub fn first(&self, action: Action) -> String {
        self.keys(action).first().map(Key::label).unwrap_or_default()
    }

    /// The keys of an action joined for display: `↑/k`.
    pub fn label(&self, action: Action) -> String {
        self.keys(action).iter().map(Key::label).collect::<Vec<_>>().join("/")
    }

    /// The `[keys]` table of a config file, as the shipped `config.toml` writes it.
    pub fn config_lines(&self) -> Vec<String> {
        SPECS
            .iter()
            .map(|s| {
                let keys: Vec<String> = self
                    .keys(s.action)
                    .iter()
                    .map(|k| format!("\"{}\"", k.config_name().replace('\\', "\\\\").replace('"', "\\\"")))
                    .collect();
                format!("{} = [{}]", s.name, keys.join(", "))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys() {
        assert_eq!(Key::parse("ctrl-c").unwrap(), Key { code: KeyCode::Char('c'), ctrl: true, alt: false });
        assert_eq!(Key::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(Key::parse("f1").unwrap().code, KeyCode::F(1));
        assert_eq!(Key::parse("f").unwrap().code, KeyCode::Char('f'));
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("\u{1b}").is_err(), "a control character is not a key");
        for s in ["q", "ctrl-c", "enter", "shift-tab", "f12", "space", "alt-x", "\""] {
            assert_eq!(Key::parse(s).unwrap().config_name(), s);
        }
    }

    #[test]
    fn default_keys_parse_and_do_not_clash() {
        for s in SPECS {
            for k in s.keys {
                assert!(Key::parse(k).is_ok(), "{}: {k}", s.name);
            }
        }
        assert!(Keymap::build(Keymap::defaults()).is_ok());
        let km = Keymap::default();
        assert_eq!(km.action(Mode::Normal, Key::char('j')), Some(Action::MoveDown));
        assert_eq!(km.action(Mode::Search, Key::char('j')), None, "letters are typed in search");
        assert_eq!(km.action(Mode::Normal, Key::new(KeyCode::Esc)), Some(Action::GoUp));
        assert_eq!(km.action(Mode::Search, Key::new(KeyCode::Esc)), Some(Action::SearchCancel));
        assert_eq!(km.label(Action::MoveUp), "↑/k");
    }

    #[test]
    fn overrides_name_the_line() {
        // No key left that a terminal sends for quit: refused, with the line.
        let e = Keymap::with_overrides(&[("quit".into(), vec!["ctrl-1".into()], 9)]).unwrap_err();
        assert_eq!(e.line, Some(9));
        assert!(
            e.message.starts_with("[keys] quit: no key a terminal can send (ctrl-1 is not sent as such)"),
            "{}",
            e.message
        );
        assert!(Keymap::with_overrides(&[("quit".into(), vec!["ctrl-x".into()], 9)]).is_ok());
        assert!(Keymap::with_overrides(&[("quit".into(), vec!["ctrl-m".into()], 9)]).is_err(), "ctrl-m is Enter");
        let e = Keymap::with_overrides(&[("quit".into(), vec!["j".into()], 7)]).unwrap_err();
        assert_eq!(e.line, Some(7));
        assert_eq!(e.message, "key `j` is bound to both `quit` and `move_down`");
        let e = Keymap::with_overrides(&[("quit".into(), vec!["q".into(), "q".into()], 3)]).unwrap_err();
        assert_eq!(e.message, "[keys] quit: \"q\" is listed twice");
        let km = Keymap::with_overrides(&[("search_cancel".into(), vec!["ctrl-g".into()], 2)]).unwrap();
        assert_eq!(km.label(Action::SearchCancel), "C-g");
    }
}
