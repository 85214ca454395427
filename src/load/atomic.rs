//! Atomic file writes: a temporary file in the destination folder, then a rename (or a hard link
//! when overwriting is not allowed, so an existing file is never replaced by a race).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::data_dir::io_reason;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The destination exists and overwriting was not asked for.
    Exists(PathBuf),
    /// The destination is a folder.
    IsDir(PathBuf),
    /// Any other failure, with a plain reason.
    Io(PathBuf, String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists(p) => write!(f, "{} already exists; use --force to replace it", p.display()),
            WriteError::IsDir(p) => write!(f, "{} is a folder, not a file", p.display()),
            WriteError::Io(p, why) => write!(f, "cannot write {}: {why}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `path` so that `path` holds either its old content or all of the new.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_atomic_with(path, overwrite, |f| f.write_all(bytes))
}

/// As [`write_atomic`], with the content written by `fill` (which may fail part-way; the
/// temporary file is then removed and `path` is untouched).
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::Io(path.to_path_buf(), io_reason(&e));
    if path.is_dir() {
        return Err(WriteError::IsDir(path.to_path_buf()));
    }
    if !overwrite && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(io)?;
    let result = fill(&mut file).and_then(|_| file.sync_all());
    drop(file);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    let placed = if overwrite {
        std::fs::rename(&tmp, path)
    } else {
        std::fs::hard_link(&tmp, path).and_then(|_| std::fs::remove_file(&tmp))
    };
    match placed {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Err(WriteError::Exists(path.to_path_buf()))
            } else {
                Err(io(e))
            }
        }
    }
}
