//! The optional configuration file.
//!
//! Looked up in this order: `--config FILE`, then `$XDG_CONFIG_HOME/cpdash/config.toml` (or
//! `~/.config/cpdash/config.toml`), then built-in defaults, which equal the shipped
//! `config.toml`. An unknown key or a bad value is an error naming the file, line and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::action::SPECS;
use crate::app::{Keymap, Settings};
use crate::export::{ExportFormat, YearSpan};
use crate::metrics::trend::{WINDOWS, WINDOW_YEARS};
use crate::strings::Lang;
use crate::ui::theme::{ColorDepth, Palette, Rgb, Theme as UiTheme, COLORS};

/// The shipped, documented config file; its values are the defaults (a test checks it equals
/// [`default_text`]).
pub const SHIPPED: &str = include_str!("../config.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// A data folder to load instead of the bundled data; empty for the bundled data.
    pub data_dir: String,
    pub language: Lang,
    /// How many years a trend's pace looks back at most: one of [`WINDOWS`].
    pub trend_window: i32,
    pub theme: ThemeConfig,
    pub export: ExportConfig,
    /// Action name → keys. Actions not listed keep their default keys.
    pub keys: BTreeMap<String, toml::Spanned<Vec<String>>>,
    /// The effective key map: the defaults with `keys` applied.
    #[serde(skip)]
    pub keymap: Keymap,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub name: Theme,
    /// How many colours to send: auto (from TERM and COLORTERM), truecolor, 256, 16.
    pub depth: Depth,
    /// Colour name → `#rrggbb`, over the default palette.
    pub colors: BTreeMap<String, toml::Spanned<String>>,
    /// The palette with `colors` applied.
    #[serde(skip)]
    pub palette: Palette,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Depth {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "truecolor")]
    TrueColor,
    #[serde(rename = "256")]
    Indexed,
    #[serde(rename = "16")]
    Basic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    /// Colour-blind-safe palette (Okabe–Ito hues).
    Default,
    /// No colour at all; symbols and text carry every signal.
    Mono,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExportConfig {
    pub dir: String,
    pub formats: Vec<ExportFormat>,
    /// `current`, `all` or a span such as `2019-2024` (see [`YearSpan`]).
    pub years: String,
    #[serde(skip)]
    pub year_span: YearSpan,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: String::new(),
            language: Lang::Zh,
            trend_window: WINDOW_YEARS,
            theme: ThemeConfig::default(),
            export: ExportConfig::default(),
            keys: BTreeMap::new(),
            keymap: Keymap::default(),
        }
    }
}

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig {
            dir: "./exports".into(),
            formats: vec![ExportFormat::Json, ExportFormat::Csv, ExportFormat::Md],
            years: YearSpan::Current.text(),
            year_span: YearSpan::Current,
        }
    }
}

/// A config error with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (file, message) = (crate::fit::printable(&self.file), crate::fit::printable(&self.message));
        match self.line {
            Some(l) => write!(f, "{file}:{l}: {message}"),
            None => write!(f, "{file}: {message}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The keys whose values are one of a few words, and the words.
const CHOICES: [(&str, &str); 4] = [
    ("language", "\"zh\", \"en\""),
    ("name", "\"default\", \"mono\""),
    ("depth", "\"auto\", \"truecolor\", \"256\", \"16\""),
    ("formats", "\"json\", \"csv\", \"md\", \"txt\" (in a list)"),
];

/// "is not a window cpdash offers (3, 5 or 10 years)": for the config and the command line.
pub fn window_choices() -> String {
    let w: Vec<String> = WINDOWS.iter().map(|w| w.to_string()).collect();
    format!("is not a trend window cpdash offers ({} years)", w.join(", "))
}

/// A path from the config with a leading `~` meaning the home folder, as in a shell.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix('~'), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(path),
    }
}

/// 1-based line of a byte offset in raw bytes.
pub fn line_of_bytes(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Config {
    /// Parses a config file's text. An empty file is a valid config of defaults.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let mut message = e.message().trim().replace('\n', " ");
            // Name the key of a bad value (the error points at the value's line).
            let key = line.and_then(|l| text.lines().nth(l - 1)).and_then(|l| l.split_once('=')).map(|(k, _)| k.trim());
            // toml's words for a value of the wrong type for a choice ("wanted string or table")
            // say nothing of the choices: name them.
            if let Some(choices) = key.and_then(|k| CHOICES.iter().find(|(name, _)| *name == k)).map(|(_, c)| c) {
                if message.contains("wanted string") || message.contains("invalid type") {
                    message = format!("expected one of {choices}");
                }
            }
            if let Some(k) = key.filter(|k| !message.contains(&format!("`{k}`"))) {
                message = format!("key `{k}`: {message}");
            }
            ConfigError { file: file.into(), line, message }
        })?;
        let entries: Vec<(String, Vec<String>, usize)> = config
            .keys
            .iter()
            .map(|(name, keys)| (name.clone(), keys.get_ref().clone(), line_of(text, keys.span().start)))
            .collect();
        config.keymap = Keymap::with_overrides(&entries).map_err(|e| ConfigError {
            file: file.into(),
            line: e.line,
            message: e.message,
        })?;
        if config.export.formats.is_empty() {
            let line = text.lines().position(|l| l.trim_start().starts_with("formats")).map(|i| i + 1);
            let message = "[export] formats: name at least one format (json, csv, md, txt); an export that writes nothing is not an export".into();
            return Err(ConfigError { file: file.into(), line, message });
        }
        if !WINDOWS.contains(&config.trend_window) {
            let line = text.lines().position(|l| l.trim_start().starts_with("trend_window")).map(|i| i + 1);
            let message = format!("trend_window: {} {}", config.trend_window, window_choices());
            return Err(ConfigError { file: file.into(), line, message });
        }
        config.export.year_span = YearSpan::parse(&config.export.years).map_err(|m| ConfigError {
            file: file.into(),
            line: text.lines().position(|l| l.trim_start().starts_with("years")).map(|i| i + 1),
            message: format!("[export] years: {m}"),
        })?;
        for (name, value) in &config.theme.colors {
            let line = Some(line_of(text, value.span().start));
            let err = |message: String| ConfigError { file: file.into(), line, message };
            let rgb = Rgb::parse(value.get_ref()).map_err(|m| err(format!("[theme.colors] {name}: {m}")))?;
            config.theme.palette.set(name, rgb).map_err(|m| err(format!("[theme.colors] {m}")))?;
        }
        Ok(config)
    }

    /// The colours to draw with: none for the `mono` theme or with `NO_COLOR`; else the palette
    /// at the configured depth, or the depth `TERM` and `COLORTERM` announce.
    pub fn ui_theme(&self, term: Option<&str>, colorterm: Option<&str>, no_color: bool) -> UiTheme {
        let depth = match (self.theme.name, no_color, self.theme.depth) {
            (Theme::Mono, _, _) | (_, true, _) => ColorDepth::None,
            (_, _, Depth::Auto) => ColorDepth::detect(term, colorterm),
            (_, _, Depth::TrueColor) => ColorDepth::TrueColor,
            (_, _, Depth::Indexed) => ColorDepth::Indexed,
            (_, _, Depth::Basic) => ColorDepth::Basic,
        };
        UiTheme::new(depth, self.theme.palette)
    }

    /// What the dashboard starts with.
    pub fn settings(&self) -> Settings {
        Settings {
            keymap: self.keymap.clone(),
            lang: self.language,
            export_dir: expand_home(&self.export.dir),
            export_formats: self.export.formats.clone(),
            export_years: self.export.year_span,
        }
    }

    /// Reads `explicit` if given, else the user's config file if it exists, else defaults.
    /// Returns the config and the file it came from.
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => user_config_path().filter(|p| p.is_file()),
        };
        match path {
            None => Ok((Config::default(), None)),
            Some(p) => {
                let name = p.display().to_string();
                let err = |message: String| ConfigError { file: name.clone(), line: None, message };
                let bytes = crate::fsio::read_bounded(&p, crate::fsio::MAX_CONFIG_FILE)
                    .map_err(|why| err(format!("cannot be read: {why}")))?;
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                let text = std::str::from_utf8(bytes).map_err(|e| {
                    err(format!(
                        "is not UTF-8 text (a bad byte on line {})",
                        crate::config::line_of_bytes(bytes, e.valid_up_to())
                    ))
                })?;
                Config::parse(&name, text).map(|c| (c, Some(p)))
            }
        }
    }
}

/// The default config file, documented: what `cpdash config --default` prints and what the
/// repository ships as `config.toml`. The `[keys]` table comes from the action table.
pub fn default_text() -> String {
    let defaults = Config::default();
    let formats: Vec<String> = defaults.export.formats.iter().map(|f| format!("\"{}\"", f.ext())).collect();
    let all_formats: Vec<String> = ExportFormat::all().map(|f| format!("\"{}\": {}", f.ext(), f.describe())).collect();
    let mut s = String::from(HEADER);
    s += "\n[theme.colors]\n# Any colour of the palette, as \"#rrggbb\"; the defaults:\n";
    for (name, what, rgb) in COLORS {
        s += &format!("{name} = \"{}\"  # {what}\n", rgb.hex());
    }
    s += &format!(
        "\n[export]\n# Folder for exports made with `e` in the dashboard; created if missing.\ndir = \"{}\"\n",
        defaults.export.dir
    );
    s += "# Formats written by `e`, any of:\n";
    for f in all_formats {
        s += &format!("#   {f}\n");
    }
    s += &format!("formats = [{}]\n", formats.join(", "));
    s += "# Years written by `e`: \"current\" (the year on screen), \"all\", or a span such as \"2019-2024\".\n";
    s += &format!("years = \"{}\"\n", defaults.export.years);
    s += KEYS_HEADER;
    let mut mode = None;
    for (spec, line) in SPECS.iter().zip(defaults.keymap.config_lines()) {
        if mode != Some(spec.mode) && mode.is_some() {
            s += "# In the search box (letters typed there are the query):\n";
        }
        mode = Some(spec.mode);
        s += &format!("{line}\n");
    }
    s
}

const HEADER: &str = r#"# cpdash configuration.
#
# This file is optional. cpdash reads `--config FILE` if given, else
# $XDG_CONFIG_HOME/cpdash/config.toml (or ~/.config/cpdash/config.toml), else its built-in
# defaults, which are exactly the values written here (`cpdash config --default` prints this
# file). Copy it there and change what you need. An unknown key or a bad value stops cpdash with
# an error naming the line.

# A data folder to use instead of the data bundled into cpdash: it holds regions.csv,
# indicators.csv, snapshot.json and optionally region_tags.csv (see README, "Data").
# Empty: the bundled data. `--data DIR` on the command line wins over this.
data_dir = ""

# Language of region names and labels: "zh" (Chinese) or "en" (English). `L` switches live.
language = "zh"

# How many years a trend's pace looks back at most: 3, 5 or 10 (never across a series break).
# `w` switches live; `--trend-window N` on the command line wins over this.
trend_window = 5

[theme]
# "default": a colour-blind-safe palette (Okabe-Ito hues); every status also has a symbol.
# "mono": no colour at all. Setting the NO_COLOR environment variable has the same effect.
name = "default"
# How many colours the terminal shows: "auto" (24-bit where COLORTERM is truecolor or 24bit,
# else 256 where TERM names 256color, else the 16 basic colours), "truecolor", "256" or "16".
depth = "auto"
"#;

const KEYS_HEADER: &str = r#"
[keys]
# Action = list of keys. Keys: a character ("q", "G", "?", "["), a named key ("enter", "esc",
# "backspace", "tab", "shift-tab", "up", "down", "left", "right", "home", "end", "pageup",
# "pagedown", "space", "f1".."f12"), optionally with "ctrl-" or "alt-" in front.
# An action left out keeps its default keys; a key bound to two actions of one mode is an error.
"#;

/// `$XDG_CONFIG_HOME/cpdash/config.toml`, else `$HOME/.config/cpdash/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("cpdash").join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Config::parse("c.toml", "").unwrap(), Config::default());
    }

    #[test]
    fn shipped_file_is_the_generated_defaults() {
        assert_eq!(SHIPPED, default_text(), "config.toml differs from `cpdash config --default`");
        let mut shipped = Config::parse("config.toml", SHIPPED).unwrap();
        assert_eq!(shipped.keymap, Keymap::default());
        assert_eq!(shipped.theme.palette, Palette::default());
        // The tables as written aside, the effective settings are the defaults.
        shipped.keys.clear();
        shipped.theme.colors.clear();
        assert_eq!(shipped, Config::default());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_named() {
        let e = Config::parse("c.toml", "language = \"zh\"\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("c.toml:2: unknown field `colour`"), "{e}");
        let e = Config::parse("c.toml", "[export]\nformats = [\"docx\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("c.toml:2: key `formats`: unknown variant `docx`"), "{e}");
        let e = Config::parse("c.toml", "[theme.colors]\nachieved = \"#00ff00\"\nbar = \"blue\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:3: [theme.colors] bar: \"blue\" is not a colour (write it as #rrggbb, e.g. #009e73)"
        );
        let e = Config::parse("c.toml", "[theme.colors]\nchartreuse = \"#00ff00\"\n").unwrap_err();
        assert!(
            e.to_string().starts_with("c.toml:2: [theme.colors] unknown colour \"chartreuse\" (colours: achieved,"),
            "{e}"
        );
        let c = Config::parse("c.toml", "[theme]\ndepth = \"256\"\n[theme.colors]\nachieved = \"#00ff00\"\n").unwrap();
        let theme = c.ui_theme(Some("xterm"), None, false);
        assert_eq!(theme.depth, ColorDepth::Indexed, "the config's depth wins over TERM");
        assert_eq!(theme.named("achieved"), ratatui::style::Color::Indexed(46));
        assert_eq!(c.ui_theme(Some("xterm"), None, true).depth, ColorDepth::None, "NO_COLOR wins");
        let e = Config::parse("c.toml", "language = \"zh\"\ntrend_window = 4\n").unwrap_err();
        assert_eq!(e.to_string(), "c.toml:2: trend_window: 4 is not a trend window cpdash offers (3, 5, 10 years)");
        assert_eq!(Config::parse("c.toml", "trend_window = 10\n").unwrap().trend_window, 10);
        let e = Config::parse("c.toml", "language = \"fr\"\n").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1: key `language`: unknown variant `fr`"), "{e}");
    }
}
