//! The display language and the one place that chooses between the two.

use serde::{Deserialize, Serialize};

/// After a value on a new basis (a series break at or before its year).
pub const BREAK_MARK: &str = "‡";

/// The language of the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The one place a language is chosen. Outside this module only for texts that a table
    /// keeps in both languages (the action table's descriptions).
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    /// A text the data give in both languages (a name), in this one. Words belong in this module;
    /// this is for data only (a test forbids string literals in its calls).
    pub fn of<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        self.pick(zh, en)
    }
    /// A data set's title in this language: its English title where it has one.
    pub fn title<'a>(self, title: &'a str, title_en: Option<&'a str>) -> &'a str {
        self.pick(title, title_en.unwrap_or(title))
    }
    /// `zh` or `en`, as the config and the command line write it.
    pub fn code(self) -> &'static str {
        self.pick("zh", "en")
    }
    pub fn toggle(self) -> Lang {
        self.pick(Lang::En, Lang::Zh)
    }
}
