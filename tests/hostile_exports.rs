//! Every export escapes for its own language: a name, a title, a note or an address from a
//! file cannot add HTML, a live link, a table column or a formula, and an over-long text does
//! not fail the whole export.

mod common;

use cpdash::export::{text, Document, ExportFormat, Needs};
use cpdash::strings::Lang;

/// The hand-made data set with a hostile city name, a `javascript:` source and a 40,000-character note.
fn hostile() -> (cpdash::model::Dataset, cpdash::export::Request, Document) {
    let regions = common::REGIONS
        .replace("乙市,Yi,yi", "\"乙市|9,999|<img src=x onerror=alert(1)>\",\"Yi [x](javascript:alert(2))\",yi");
    let long = "x".repeat(40_000);
    let obs = common::OBSERVATIONS.replace(
        "10,income_pc,2023,60000,yuan,http://s,government,",
        &format!("10,income_pc,2023,60000,yuan,javascript:alert(3),government,{long}"),
    );
    let ds = common::dataset_with(&regions, &obs);
    let region = ds.regions.by_code("10").unwrap();
    let req = cpdash::export::Request::one(region, 2023, Lang::Zh);
    let doc = Document::build(&ds, &req, "2024-01-01T00:00:00+08:00", Needs::ALL);
    (ds, req, doc)
}

#[test]
fn markdown_escapes_html_links_and_table_syntax() {
    let (_, _, doc) = hostile();
    let md = text::render(&doc.report, text::Layout::Markdown, Lang::En);
    assert!(!md.contains("<img"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(md.contains("乙市\\|9,999\\|"), "{md}");
    assert!(!md.contains("[x](javascript"), "{md}");
    assert!(md.contains("\\[x\\](javascript:alert(2))"), "{md}");
    // The address is text, not an autolink.
    assert!(!md.contains("<javascript:"), "{md}");
    assert!(md.contains("javascript:alert(3) ("), "{md}");
}

#[test]
fn html_makes_only_web_addresses_links() {
    let (_, _, mut doc) = hostile();
    let full = cpdash::export::html::page(&doc);
    doc.request.brief = true;
    let brief = cpdash::export::html::page(&doc);
    assert!(brief.len() < full.len() && brief.contains("<sup>[1]</sup>"), "{brief}");
    for html in [full, brief] {
        html_is_safe(&html);
    }
}

fn html_is_safe(html: &str) {
    assert!(!html.contains("href=\"javascript:"), "a javascript: link");
    assert!(html.contains("javascript:alert(3)"));
    assert!(!html.contains("<img src=x"));
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("a[href]").unwrap();
    for a in doc.select(&sel) {
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with("http://") || href.starts_with("https://"), "{href}");
    }
}

#[test]
fn a_workbook_cuts_an_over_long_text_and_says_so() {
    let (_, _, doc) = hostile();
    let bytes = cpdash::export::xlsx::to_xlsx(&doc).unwrap();
    use calamine::Reader;
    let mut book = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes)).unwrap();
    let mut found = false;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            if let calamine::Data::String(s) = c.2 {
                assert!(s.chars().count() <= 32_767);
                if s.contains("more characters cut: a cell holds 32767") {
                    found = true;
                }
                // Text that looks like a formula stays text.
                assert!(!s.starts_with('='), "{s}");
            }
        }
    }
    assert!(found, "the cut note is in a cell");
}

#[test]
fn csv_and_svg_keep_hostile_names_as_text() {
    let (_, _, doc) = hostile();
    // A name that a spreadsheet would run as a formula is guarded; the table's syntax stays whole.
    let parts = (ExportFormat::Csv.render())(&doc, &[]).unwrap();
    let csv = String::from_utf8(parts.into_iter().next().unwrap().bytes).unwrap();
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().unwrap().clone();
    let name = headers.iter().position(|h| h == "region_name_zh").unwrap();
    let first = r.records().next().unwrap().unwrap();
    assert_eq!(&first[name], "乙市|9,999|<img src=x onerror=alert(1)>");
    // SVG text is XML-escaped: no element is made of a name.
    let svg = cpdash::export::svg::bars("乙市 <script>alert(1)</script>", &[], None, cpdash::model::Unit::Yuan, "—");
    assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"), "{svg}");
    assert!(roxmltree::Document::parse(&svg).is_ok());
}
