//! Load errors that say where: file, line, field, and what is wrong in plain words.

use std::fmt;

use crate::fit::printable;

/// Bad rows (or conflicting cells) reported before the rest are only counted.
pub const MAX_ROW_ERRORS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// 1-based line of the file, when the error is about one line.
    pub line: Option<u64>,
    /// The column or JSON field concerned.
    pub field: Option<String>,
    pub message: String,
}

impl LoadError {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        LoadError { file: file.to_string(), line: None, field: None, message: message.into() }
    }

    pub fn at(file: &str, line: u64, field: Option<&str>, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            line: Some(line),
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    /// Quotes of the bad input in the message are shown with their control characters escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{}`", printable(field))?;
        }
        write!(f, ": {}", shortened(&printable(&self.message)))
    }
}

impl std::error::Error for LoadError {}

/// A message that quotes a huge value (a 900 KB field) keeps its head and tail and says how
/// much it leaves out, so one bad row cannot flood the terminal.
fn shortened(s: &str) -> std::borrow::Cow<'_, str> {
    const HEAD: usize = 1000;
    const TAIL: usize = 200;
    let n = s.chars().count();
    if n <= HEAD + TAIL + 100 {
        return std::borrow::Cow::Borrowed(s);
    }
    let head: String = s.chars().take(HEAD).collect();
    let tail: String = s.chars().skip(n - TAIL).collect();
    std::borrow::Cow::Owned(format!("{head} … [{} characters not shown] … {tail}", n - HEAD - TAIL))
}

/// Every error found in one pass, so a user can fix a file in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadErrors(pub Vec<LoadError>);

impl LoadErrors {
    /// How many errors are printed before "... and N more".
    const SHOWN: usize = 20;

    /// `Ok` when nothing was collected.
    pub fn check(errors: Vec<LoadError>) -> Result<(), LoadErrors> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(LoadErrors(errors))
        }
    }
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().take(Self::SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.0.len() > Self::SHOWN {
            write!(f, "\n... and {} more errors", self.0.len() - Self::SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

impl From<LoadError> for LoadErrors {
    fn from(e: LoadError) -> Self {
        LoadErrors(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_quoted_value_is_shortened() {
        let e = LoadError::at("f.csv", 2, Some("code"), format!("\"{}\" is not a region code", "9".repeat(900_000)));
        let shown = e.to_string();
        assert!(shown.len() < 1500, "{}", shown.len());
        assert!(shown.starts_with("f.csv:2: field `code`: \"999"));
        assert!(shown.contains(" … [898823 characters not shown] … "), "{}", &shown[990..1060]);
        assert!(shown.ends_with("999\" is not a region code"));
    }
}
