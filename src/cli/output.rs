//! Standard output for the commands: every write checked, paths escaped.

use anyhow::{anyhow, Context, Result};

/// Writes to standard output, each write checked: a full disk (`/dev/full`) is an error that
/// says so, never a panic (a closed pipe still ends quietly, by SIGPIPE, as `cat` does), and so
/// is a descriptor closed before start.
pub fn say(text: impl std::fmt::Display) -> Result<()> {
    use std::io::Write;
    if stdout_closed_at_start() {
        return Err(anyhow!(
            "standard output is closed: nothing can be written (redirect it to a file, or to /dev/null)"
        ));
    }
    let mut o = std::io::stdout().lock();
    write!(o, "{text}").and_then(|()| o.flush()).context("writing to standard output")
}

/// Whether standard output was closed when cpdash started. Rust's runtime opens /dev/null
/// read-write on a descriptor closed at start, where a shell's `> /dev/null` opens it write-only:
/// a read-write /dev/null is taken for a closed output.
fn stdout_closed_at_start() -> bool {
    // SAFETY: fcntl(F_GETFL) and fstat/stat only read the descriptor's flags and the files'
    // metadata into zeroed structures of the right type.
    unsafe {
        let flags = libc::fcntl(1, libc::F_GETFL);
        if flags == -1 {
            return true;
        }
        let (mut out, mut null): (libc::stat, libc::stat) = (std::mem::zeroed(), std::mem::zeroed());
        if libc::fstat(1, &mut out) != 0 || libc::stat(c"/dev/null".as_ptr(), &mut null) != 0 {
            return false;
        }
        (out.st_mode & libc::S_IFMT) == libc::S_IFCHR
            && out.st_rdev == null.st_rdev
            && (flags & libc::O_ACCMODE) == libc::O_RDWR
    }
}

/// A written file's path as one line, its control and format characters (a line break too)
/// escaped.
pub fn say_path(p: &std::path::Path) -> Result<()> {
    say(format_args!("{}\n", crate::fit::printable(&p.display().to_string()).replace('\n', "\\u{a}")))
}
