//! The HTML report as a browser shows it: headless Chromium renders it to PNG and to PDF without
//! errors, the picture is not blank, and the PDF's text holds the Chinese names (a missing CJK
//! font would print boxes). Needs `chromium`, `fonts-noto-cjk` and `poppler-utils` (`pdftotext`);
//! `bash .ci/run` installs them.

use std::process::Command;

mod common;

#[test]
fn the_html_report_renders_in_a_browser_to_png_and_pdf() {
    if !common::tools(&["chromium", "pdftotext"], "apt-get install chromium fonts-noto-cjk poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = common::cpdash(
        dir.path(),
        &["export", "--region", "331100", "--year", "2024", "--format", "html", "--output", "r.html", "--lang", "zh"],
    );
    assert_eq!(code, 0, "{err}");
    let html = dir.path().join("r.html");
    let url = format!("file://{}", html.display());
    let chromium = |arg: String| {
        let out = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--window-size=1100,2400",
                &arg,
                &url,
            ])
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    };
    let png = dir.path().join("r.png");
    let pdf = dir.path().join("r.pdf");
    chromium(format!("--screenshot={}", png.display()));
    chromium(format!("--print-to-pdf={}", pdf.display()));
    // A blank 1100×2400 page compresses to a few kilobytes; the map, tables and charts do not.
    let png_bytes = std::fs::read(&png).unwrap();
    assert!(png_bytes.starts_with(b"\x89PNG"));
    assert!(png_bytes.len() > 60_000, "the picture looks blank: {} bytes", png_bytes.len());
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    for name in ["丽水市 · 2024", "区域差距", "城乡差距", "公共服务", "莲都"] {
        assert!(text.contains(name), "the PDF lacks {name:?}:\n{text}");
    }
}
