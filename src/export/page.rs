//! The pieces every HTML page of an export shares (the full report, the brief): the document's
//! head with its content security policy, links that are only ever web addresses, the list of
//! sources, units and statuses as words.

use std::fmt::Write as _;

use super::footnotes::Notes;
use super::report::ExportReport;
use super::svg::esc;
use crate::metrics::Status;
use crate::model::Unit;
use crate::number::number_vs;
use crate::strings::Lang;

pub fn unit_of(key: &str) -> Unit {
    Unit::parse(key).unwrap_or(Unit::Ratio)
}

pub fn status_text(lang: Lang, key: Option<&str>) -> String {
    key.and_then(Status::from_key).map_or_else(String::new, |s| format!("{} {}", s.symbol(), lang.status(s)))
}

/// The document's start, to the opening `<body>`: a self-contained page with its style.
pub fn head(out: &mut String, lang: Lang, title: &str, style: &str) {
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{style}</style>\n</head>\n<body>",
        lang.html_lang(),
        esc(title),
    );
}

/// The numbered sources cited, or the sentence that there are none.
pub fn sources_list(out: &mut String, notes: &Notes, lang: Lang) {
    let w = lang.report_words();
    if notes.order.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(w.no_sources));
        return;
    }
    out.push_str("<ol class=\"sources\">\n");
    for n in &notes.order {
        let title = n.title.as_ref().map(|t| format!("{}, ", esc(t))).unwrap_or_default();
        let copy = n.copy_url.as_ref().map(|c| format!("; {} {}", esc(w.read_from), link(c))).unwrap_or_default();
        let _ = writeln!(out, "<li>{title}{} ({}){copy}</li>", link(&n.url), esc(&n.kind));
    }
    out.push_str("</ol>\n");
}

/// An address as a link where it is one a browser fetches (`http`, `https`); anything else
/// (`javascript:`, `data:`) is shown as text, never made live.
pub fn link(u: &str) -> String {
    let lower = u.trim_start().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!("<a href=\"{}\">{}</a>", esc(u), esc(&readable_url(u)))
    } else {
        esc(u)
    }
}

/// An address as a reader reads it: percent-escapes of UTF-8 text (a file's Chinese name) shown
/// as the text; the link keeps the address as it is. Escapes that are not text stay escaped.
fn readable_url(u: &str) -> String {
    let b = u.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut k = 0;
    while k < b.len() {
        let hex = |i: usize| b.get(i).and_then(|c| char::from(*c).to_digit(16));
        match (b[k], hex(k + 1), hex(k + 2)) {
            // Only the bytes of non-ASCII characters: `%2F`, `%20` and the like stay as written.
            (b'%', Some(h), Some(l)) if h >= 8 => {
                out.push((h * 16 + l) as u8);
                k += 3;
            }
            (c, ..) => {
                out.push(c);
                k += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| u.to_string())
}

/// The children's table rows: each child's name and group marks, then its values of the
/// columns `columns` (indices into the report's children indicators), with their status symbols.
pub fn children_rows(out: &mut String, r: &ExportReport, lang: Lang, columns: &[usize]) {
    for c in &r.children_table {
        let _ =
            write!(out, "<tr><td class=\"k\">{} {}</td>", esc(lang.of(&c.name_zh, &c.name_en)), esc(&r.marks(c, lang)));
        for k in columns {
            let (i, cell) = (&r.children_indicators[*k], &c.cells[*k]);
            let v = cell.value.map_or("—".to_string(), |v| number_vs(v, i.target, unit_of(&i.unit)));
            let st = cell
                .status
                .as_deref()
                .and_then(Status::from_key)
                .map(|s| format!(" {}", s.symbol()))
                .unwrap_or_default();
            let _ = write!(out, "<td class=\"n\">{}{}</td>", esc(&v), st);
        }
        out.push_str("</tr>\n");
    }
}

/// The report's first two lines, escaped: where the region is (its parents, level, code,
/// children) and what data made the report (data set, date, version).
pub fn region_and_data(r: &ExportReport, lang: Lang) -> [String; 2] {
    let chain: Vec<&str> = r.region.parents.iter().map(|p| lang.of(p.name_zh.as_str(), &p.name_en)).collect();
    let path = if chain.is_empty() { String::new() } else { format!("{} › ", chain.join(" › ")) };
    let name = lang.of(&r.region.name_zh, &r.region.name_en);
    [
        esc(&lang.report_region(&path, name, &r.region.level, &r.region.code, r.children.len())),
        esc(&lang.report_data(
            lang.title(&r.dataset.title, r.dataset.title_en.as_deref()),
            &r.dataset.id,
            &r.dataset.as_of,
            &r.generated_at,
            &r.cpdash_version,
        )),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_shows_its_escaped_text_and_links_as_written() {
        let u = "https://github.com/a/b/blob/c/17-26%20%E5%90%84%E5%B8%82.xlsx";
        assert_eq!(readable_url(u), "https://github.com/a/b/blob/c/17-26%20各市.xlsx");
        assert_eq!(link(u), format!("<a href=\"{u}\">https://github.com/a/b/blob/c/17-26%20各市.xlsx</a>"));
        // Not UTF-8 once unescaped: left as written.
        assert_eq!(readable_url("https://x/%E5%90"), "https://x/%E5%90");
        // A right-to-left override hidden in an escape is shown as an escape, never applied.
        assert!(!link("https://x/%E2%80%AEtxt.exe").contains('\u{202e}'));
    }
}
