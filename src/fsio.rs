//! The file system at the edges: atomic writes that never replace a file silently, and plain
//! reasons for I/O errors. Used by the loaders, the exports and the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The destination exists and overwriting was not asked for.
    Exists(PathBuf),
    /// The destination is a folder.
    IsDir(PathBuf),
    /// The destination is a FIFO, a device or a link.
    Special(PathBuf),
    /// Any other failure, with a plain reason.
    Io(PathBuf, String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A path is shown on one line with its control characters escaped.
        let shown = |p: &Path| crate::fit::printable(&p.display().to_string()).replace('\n', "\\u{a}");
        match self {
            WriteError::Exists(p) => write!(f, "{} already exists; use --force to replace it", shown(p)),
            WriteError::IsDir(p) => write!(f, "{} is a folder, not a file", shown(p)),
            WriteError::Special(p) => write!(
                f,
                "{} is not a regular file (a FIFO, a device or a link); cpdash does not replace it (for standard output use --output -)",
                shown(p)
            ),
            WriteError::Io(p, why) => write!(f, "cannot write {}: {why}", shown(p)),
        }
    }
}

impl std::error::Error for WriteError {}

/// A plain-words reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The largest data file cpdash reads (a snapshot, a CSV): 2 GiB. The national synthetic data
/// at 4× its size is 1.2 GB; a file beyond this is refused rather than read until memory runs
/// out (`/dev/zero`, a runaway FIFO).
pub const MAX_DATA_FILE: u64 = 2 << 30;
/// The largest config file: 1 MiB.
pub const MAX_CONFIG_FILE: u64 = 1 << 20;

/// Reads a whole file, or any readable path (a FIFO, `/dev/stdin`), refusing more than `limit`
/// bytes. `Err` is a plain reason.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("it is a folder, not a file".into());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("it is larger than {} MB, the most cpdash reads", limit >> 20));
    }
    Ok(bytes)
}

/// Removes temporary files of an earlier write to `name` whose process has ended (a killed
/// import): `.<name>.tmp-<pid>-…` with no process `<pid>`.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) =
            file.strip_prefix(&prefix).and_then(|r| r.split('-').next()).and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes `bytes` to `path` so that `path` holds either its old content or all of the new.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_atomic_with(path, overwrite, |f| f.write_all(bytes))
}

/// As [`write_atomic`], with the content written by `fill` (which may fail part-way; the
/// temporary file is then removed and `path` is untouched). Without `overwrite` an existing
/// file is never replaced, not even by one created during the write (the final step is a
/// no-clobber rename).
pub fn write_atomic_with(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let tmp = prepared(path, overwrite, fill)?;
    placed(tmp, path, overwrite)
}

/// Several files written together: each is written to a temporary file beside it as it is
/// added, and only [`AtomicSet::commit`] puts them in place, so a failure while writing (a full
/// disk) leaves every old file as it was. Never through a link.
pub struct AtomicSet {
    pending: Vec<(PathBuf, tempfile::NamedTempFile)>,
    overwrite: bool,
}

impl AtomicSet {
    pub fn new(overwrite: bool) -> AtomicSet {
        AtomicSet { pending: Vec::new(), overwrite }
    }

    /// Writes one file's temporary; `Err` (and nothing in place) when it cannot be.
    pub fn add(
        &mut self,
        path: &Path,
        fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        let tmp = prepared(path, self.overwrite, fill)?;
        self.pending.push((path.to_path_buf(), tmp));
        Ok(())
    }

    /// Puts every file in place, one rename each. A rename failing part-way (rare: the files
    /// are written and synced by then, beside their places) leaves the earlier ones placed.
    pub fn commit(self) -> Result<(), WriteError> {
        for (path, tmp) in self.pending {
            placed(tmp, &path, self.overwrite)?;
        }
        Ok(())
    }
}

/// The checks before a write (a folder, a FIFO, device or link, an existing file), then the
/// content in a temporary file beside `path`, synced.
fn prepared(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    let io = |e: std::io::Error| WriteError::Io(path.to_path_buf(), io_reason(&e));
    if path.is_dir() {
        return Err(WriteError::IsDir(path.to_path_buf()));
    }
    // A FIFO, a device or a link is never replaced by a regular file, not even with --force.
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if !m.file_type().is_file() {
            return Err(WriteError::Special(path.to_path_buf()));
        }
    }
    if !overwrite && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale_temporaries(&dir, &name);
    // Readable as any new file is (0666 less the umask), not only by its owner as temporaries are.
    use std::os::unix::fs::PermissionsExt;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-{}-", std::process::id()))
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(&dir)
        .map_err(io)?;
    fill(tmp.as_file_mut()).and_then(|_| tmp.as_file().sync_all()).map_err(io)?;
    Ok(tmp)
}

/// The temporary file renamed to `path` (without `overwrite`, never over a file that appeared
/// meanwhile).
fn placed(tmp: tempfile::NamedTempFile, path: &Path, overwrite: bool) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::Io(path.to_path_buf(), io_reason(&e));
    let placed = if overwrite { tmp.persist(path) } else { tmp.persist_noclobber(path) };
    placed.map(|_| ()).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_path_buf())
        } else {
            io(e.error)
        }
    })
}
