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

/// `--brief --format pdf`: 衢州市's one-page brief, printed by cpdash through Chromium. One page;
/// its text has the Chinese names, the counties' incomes (the yearbook's 2024 figures) and the
/// map's and chart's titles; its picture is not blank. The full report's PDF runs to more pages.
#[test]
fn the_brief_prints_to_one_pdf_page_with_map_chart_and_incomes() {
    if !common::tools(
        &["chromium", "pdftotext", "pdfinfo", "pdftoppm"],
        "apt-get install chromium fonts-noto-cjk poppler-utils",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pages = |pdf: &str| {
        let info = Command::new("pdfinfo").arg(dir.path().join(pdf)).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap_or_default().to_string();
        line.trim_start_matches("Pages:").trim().parse::<usize>().unwrap_or(0)
    };
    let (code, _, err) = common::cpdash(
        dir.path(),
        &["export", "--region", "衢州市", "--brief", "--format", "pdf", "--output", "b.pdf"],
    );
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(dir.path().join("b.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(pages("b.pdf"), 1, "the brief is one page");
    let text = Command::new("pdftotext").arg(dir.path().join("b.pdf")).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    // 2024: the year with the most data for 衢州市 and its counties. 柯城区's urban and rural
    // incomes and 江山市's rural income (浙江统计年鉴2025 表17-25).
    // The map shades the urban incomes (every county meets the urban-rural ratio target, so
    // that map would be one colour); the chart is the ratio over the years.
    for s in [
        "衢州市",
        "· 2024 共同富裕简报",
        "各领域主要指标",
        "柯城区",
        "开化县",
        "66,845",
        "38,422",
        "38,739",
        "下级地区的收入",
        "城镇常住居民人均可支配收入 · 2024",
        "城乡居民收入倍差",
    ] {
        assert!(text.contains(s), "the brief lacks {s:?}:\n{text}");
    }
    // No browser header or footer: no date line, no file address.
    assert!(!text.contains("file://"), "{text}");
    // The picture: a blank A4 page at 50 dpi is a few kilobytes of PNG; the map and chart are not.
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-singlefile"])
        .arg(dir.path().join("b.pdf"))
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let png = std::fs::read(dir.path().join("b.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 40_000, "the page looks blank: {} bytes", png.len());
    // The full report, printed the same way, is several pages.
    let (code, _, err) =
        common::cpdash(dir.path(), &["export", "--region", "衢州市", "--format", "pdf", "--output", "f.pdf"]);
    assert_eq!(code, 0, "{err}");
    assert!(pages("f.pdf") > 1);
}
