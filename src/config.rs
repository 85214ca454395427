//! The optional configuration file.
//!
//! Looked up in this order: `--config FILE`, then `$XDG_CONFIG_HOME/cpdash/config.toml` (or
//! `~/.config/cpdash/config.toml`), then built-in defaults, which equal the shipped
//! `config.toml`. An unknown key or a bad value is an error naming the file, line and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The shipped, documented config file; its values are the defaults.
pub const SHIPPED: &str = include_str!("../config.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// A data folder to load instead of the bundled data; empty for the bundled data.
    pub data_dir: String,
    pub language: Language,
    pub theme: ThemeConfig,
    pub export: ExportConfig,
    /// Action name → keys. Actions not listed keep their default keys.
    pub keys: BTreeMap<String, toml::Spanned<Vec<String>>>,
    /// The effective key map: the defaults with `keys` applied.
    #[serde(skip)]
    pub keymap: crate::app::Keymap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Zh,
    En,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub name: Theme,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Json,
    Csv,
    Md,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: String::new(),
            language: Language::Zh,
            theme: ThemeConfig::default(),
            export: ExportConfig::default(),
            keys: BTreeMap::new(),
            keymap: crate::app::Keymap::default(),
        }
    }
}

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig { dir: "./exports".into(), formats: vec![ExportFormat::Json, ExportFormat::Csv, ExportFormat::Md] }
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
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

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
            if let Some(k) = key.filter(|k| !message.contains(&format!("`{k}`"))) {
                message = format!("key `{k}`: {message}");
            }
            ConfigError { file: file.into(), line, message }
        })?;
        config.keymap = crate::app::Keymap::from_config(&config.keys, file, text)?;
        Ok(config)
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
                let text = std::fs::read_to_string(&p).map_err(|e| ConfigError {
                    file: name.clone(),
                    line: None,
                    message: format!("cannot be read: {}", crate::load::data_dir::io_reason(&e)),
                })?;
                Config::parse(&name, &text).map(|c| (c, Some(p)))
            }
        }
    }
}

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
    fn shipped_file_equals_the_defaults() {
        let shipped = Config::parse("config.toml", SHIPPED).unwrap();
        assert_eq!(shipped.keymap, crate::app::Keymap::default());
        assert_eq!(Config { keys: Default::default(), ..shipped }, Config::default());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_named() {
        let e = Config::parse("c.toml", "language = \"zh\"\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("c.toml:2: unknown field `colour`"), "{e}");
        let e = Config::parse("c.toml", "[export]\nformats = [\"pdf\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("c.toml:2: key `formats`: unknown variant `pdf`"), "{e}");
        let e = Config::parse("c.toml", "language = \"fr\"\n").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:1: key `language`: unknown variant `fr`"), "{e}");
    }
}
