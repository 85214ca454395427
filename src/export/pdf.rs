//! PDF (`--format pdf`): the HTML page the request asks for (the full report, or the one-page
//! brief) printed by a headless Chromium or Chrome, without the browser's date, title and
//! address header and footer. cpdash draws no PDF itself: the browser's layout and CJK fonts
//! are what a reader's print of the HTML would give. The page has no script, and its content
//! security policy lets it load nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::document::{Document, Part};
use super::error::ExportError;

/// The PDF prints the HTML page, charts included.
pub const NEEDS: super::document::Needs = super::html::NEEDS;

/// The browsers looked for on `PATH`, in order, unless `CPDASH_BROWSER` names one.
pub const BROWSERS: [&str; 5] = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

/// How long the browser may take to print (a first start on a slow machine takes seconds).
const TIMEOUT: Duration = Duration::from_secs(120);

pub fn render(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(print(&super::html::page(doc))?))
}

/// The browser to print with: `CPDASH_BROWSER`, else the first of [`BROWSERS`] on `PATH`.
pub fn browser() -> Result<PathBuf, ExportError> {
    if let Some(p) = std::env::var_os("CPDASH_BROWSER").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in BROWSERS {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(ExportError::Render(format!(
        "--format pdf prints through a headless Chromium or Chrome, and none of {} is on PATH. Install one \
         (Debian, Ubuntu: `apt-get install chromium fonts-noto-cjk`; Fedora: `dnf install chromium \
         google-noto-sans-cjk-fonts`; macOS: `brew install --cask chromium`), or set CPDASH_BROWSER to its \
         executable; or export html and print it from any browser",
        BROWSERS.join(", ")
    )))
}

/// The PDF of an HTML page, printed in a scratch folder (the page, the browser's profile, its
/// log) that is removed afterwards.
pub fn print(html: &str) -> Result<Vec<u8>, ExportError> {
    let browser = browser()?;
    let fail =
        |why: String| ExportError::Render(format!("the PDF could not be printed by {}: {why}", browser.display()));
    let dir = tempfile::tempdir().map_err(|e| fail(format!("no scratch folder: {e}")))?;
    let (page, pdf, log) = (dir.path().join("page.html"), dir.path().join("page.pdf"), dir.path().join("browser.log"));
    std::fs::write(&page, html).map_err(|e| fail(e.to_string()))?;
    let log_file = std::fs::File::create(&log).map_err(|e| fail(e.to_string()))?;
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--disable-gpu",
            // The page is cpdash's own (escaped text, no script); the sandbox cannot start as root.
            "--no-sandbox",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            // No date, title, address or page number around the page (older Chromium: the second).
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
        ])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|e| fail(e.to_string()))? {
            Some(status) => break status,
            None if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!("it did not finish in {} s", TIMEOUT.as_secs())));
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        return Err(fail(format!("it exited with {status} and wrote no PDF; its last words: {}", last_words(&log))));
    }
    Ok(bytes)
}

/// The end of the browser's log, printable, for an error message.
fn last_words(log: &Path) -> String {
    let text = std::fs::read(log).unwrap_or_default();
    let text = String::from_utf8_lossy(&text[text.len().saturating_sub(600)..]).into_owned();
    crate::fit::printable(text.trim()).into_owned()
}

/// `file://` and the path, with the characters a URL reserves escaped.
fn file_url(p: &Path) -> String {
    let mut url = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => url.push(char::from(b)),
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_becomes_a_file_url_with_reserved_characters_escaped() {
        assert_eq!(file_url(Path::new("/tmp/a b#c%/报告.html")), "file:///tmp/a%20b%23c%25/%E6%8A%A5%E5%91%8A.html");
    }
}
