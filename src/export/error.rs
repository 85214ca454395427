//! What goes wrong in an export, said with the file it concerns.

use std::path::PathBuf;

use crate::fsio::WriteError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The export folder is a file, or cannot be created.
    Folder(PathBuf, String),
    Write(WriteError),
    /// A write failed part-way through an export: the error, and the files of it that are left
    /// (none unless `--force` replaced them).
    Partial(Box<WriteError>, Vec<PathBuf>),
    /// `--output` names one file but several formats were asked for.
    OneFileManyFormats,
    /// A format could not be laid out (the workbook writer failed).
    Render(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Folder(p, why) => write!(f, "cannot use {} as the export folder: {why}", p.display()),
            ExportError::Write(e) => write!(f, "{e}"),
            ExportError::Partial(e, kept) if kept.is_empty() => {
                write!(f, "{e}; nothing of this export was written (the files already written were removed)")
            }
            ExportError::Partial(e, kept) => {
                let names: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
                write!(f, "{e}; these files of the export were written: {}", names.join(", "))
            }
            ExportError::OneFileManyFormats => {
                write!(f, "--output names one file; give a single --format, or use --dir")
            }
            ExportError::Render(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for ExportError {}
