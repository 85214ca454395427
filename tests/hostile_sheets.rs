//! Hostile and odd spreadsheets, made here: every size a file claims is checked before it is
//! allocated, and no cell is dropped, copied or chosen without a word.

use std::io::Write;

use cpdash::load::collected::Collected;
use cpdash::load::data_dir::bundled_tables;
use cpdash::load::sheet::read_sheet;
use cpdash::load::wide_csv::WideOptions;
use cpdash::model::{Source, SourceKind};
use rust_xlsxwriter::{Format, Workbook};

fn opts() -> WideOptions {
    WideOptions {
        source: Some(Source::page("https://tjj.zj.gov.cn/", SourceKind::Publication)),
        edition: Some("浙江统计年鉴2025".into()),
        ..WideOptions::default()
    }
}

fn read(name: &str, bytes: &[u8]) -> Result<(Collected, Vec<String>), String> {
    let (regions, catalog) = bundled_tables().unwrap();
    let mut c = Collected::default();
    match read_sheet(name, bytes, &regions, &catalog, &opts(), &mut c) {
        Ok(w) => Ok((c, w.iter().map(ToString::to_string).collect())),
        Err(e) => Err(e.to_string()),
    }
}

const TITLE: &str = "17-42 各市、县文化和卫生事业主要指标（2024年）";

/// An .xlsx from its parts, written by hand (what no office program would write).
fn xlsx(sheet_xml: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &str); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="17-42" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    let sheet_part = extra
        .iter()
        .find(|(n, _)| *n == "name:sheet")
        .map_or("xl/worksheets/sheet1.xml".to_string(), |(_, b)| String::from_utf8_lossy(b).into_owned());
    z.start_file(sheet_part, o).unwrap();
    z.write_all(sheet_xml.as_bytes()).unwrap();
    for (name, bytes) in extra.iter().filter(|(n, _)| !n.starts_with("name:")) {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A sheet's XML: the title, the beds heading, then `rows` and `after` (merge cells, ...).
fn sheet(rows: &str, after: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{TITLE}</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>市县名称</t></is></c><c r="B2" t="inlineStr"><is><t>医院床位数 (张)</t></is></c></row>{rows}</sheetData>{after}</worksheet>"#
    )
}

fn row(r: u32, name: &str, cells: &str) -> String {
    format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{name}</t></is></c>{cells}</row>"#)
}

#[test]
fn the_hand_made_workbook_reads() {
    let x = xlsx(&sheet(&row(3, "莲都区", r#"<c r="B3"><v>6887</v></c>"#), ""), &[]);
    let (c, w) = read("ok.xlsx", &x).unwrap();
    assert_eq!(c.observations.len(), 1, "{w:?}");
    assert_eq!(c.observations[0].value, 6887.0);
}

#[test]
fn a_part_that_inflates_beyond_its_cap_is_refused_before_it_is_read() {
    // 80 MiB of one letter compresses to well under 1 MB; calamine would hold it all.
    let huge = vec![b'a'; 80 << 20];
    let x = xlsx(&sheet("", ""), &[("xl/sharedStrings.xml", huge)]);
    assert!(x.len() < 2 << 20, "{}", x.len());
    let err = read("bomb.xlsx", &x).unwrap_err();
    assert_eq!(
        err,
        "bomb.xlsx: cannot be read as an .xlsx workbook: the part xl/sharedStrings.xml inflates beyond 64 MiB: not a yearbook table"
    );
}

#[test]
fn two_cells_at_one_address_are_refused() {
    let cells = r#"<c r="B3"><v>6887</v></c><c r="B3"><v>1754</v></c>"#;
    let err = read("twice.xlsx", &xlsx(&sheet(&row(3, "莲都区", cells), ""), &[])).unwrap_err();
    assert!(err.contains("the sheet holds two cells at B3: which one counts cannot be told"), "{err}");
}

#[test]
fn a_part_stored_twice_is_refused() {
    // Two parts whose names differ in one byte, then made the same in the file's bytes.
    let x = xlsx(&sheet("", ""), &[("xl/extra/one.xml", b"<a/>".to_vec()), ("xl/extra/two.xml", b"<b/>".to_vec())]);
    let mut bytes = x.clone();
    let from = b"xl/extra/two.xml";
    let to = b"xl/extra/one.xml";
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + at..i + at + from.len()].copy_from_slice(to);
        i += at + from.len();
    }
    let err = read("dup.xlsx", &bytes).unwrap_err();
    assert!(err.starts_with("dup.xlsx: cannot be read as an .xlsx"), "{err}");
    assert!(err.contains("twice") || err.contains("uplicate"), "{err}");
}

#[test]
fn more_merged_regions_than_a_table_has_are_refused() {
    let merges: String = (0..10_001).map(|i| format!(r#"<mergeCell ref="C{0}:D{0}"/>"#, i % 4000 + 3)).collect();
    let after = format!(r#"<mergeCells count="10001">{merges}</mergeCells>"#);
    let err = read("merged.xlsx", &xlsx(&sheet("", &after), &[])).unwrap_err();
    assert!(err.contains("the sheet has 10001 merged regions (at most 10000)"), "{err}");
}

#[test]
fn a_merged_region_over_values_gives_none_of_its_cells_to_another_row() {
    // 青田's beds (1,754) merged down over 景宁's row: 景宁 is not given 青田's figure.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, TITLE).unwrap();
    ws.write_string(1, 0, "市县名称").unwrap();
    ws.write_string(1, 1, "医院床位数 (张)").unwrap();
    ws.write_string(2, 0, "青田县").unwrap();
    ws.write_string(3, 0, "景宁县").unwrap();
    ws.merge_range(2, 1, 3, 1, "", &Format::new()).unwrap();
    ws.write_number(2, 1, 1754.0).unwrap();
    let (c, w) = read("m.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    let (regions, _) = bundled_tables().unwrap();
    let qt = regions.by_code("331121").unwrap();
    assert_eq!(c.observations.iter().map(|o| (o.region, o.value)).collect::<Vec<_>>(), [(qt, 1754.0)]);
    assert!(
        w.iter().any(|w| w.starts_with("m.xlsx:4: field `Sheet1!B4`: the cell lies in a region merged from B3")),
        "{w:?}"
    );
}

#[test]
fn a_hidden_first_sheet_is_passed_over() {
    let mut book = Workbook::new();
    let hidden = book.add_worksheet();
    hidden.set_name("old").unwrap();
    hidden.write_string(0, 0, TITLE).unwrap();
    hidden.write_string(1, 0, "市县名称").unwrap();
    hidden.write_string(1, 1, "医院床位数 (张)").unwrap();
    hidden.write_string(2, 0, "莲都区").unwrap();
    hidden.write_number(2, 1, 1.0).unwrap();
    hidden.set_hidden(true);
    let shown = book.add_worksheet();
    shown.set_name("17-42").unwrap();
    shown.write_string(0, 0, TITLE).unwrap();
    shown.write_string(1, 0, "市县名称").unwrap();
    shown.write_string(1, 1, "医院床位数 (张)").unwrap();
    shown.write_string(2, 0, "莲都区").unwrap();
    shown.write_number(2, 1, 6887.0).unwrap();
    shown.set_active(true);
    let (c, _) = read("h.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(c.observations.iter().map(|o| o.value).collect::<Vec<_>>(), [6887.0]);
}

#[test]
fn a_formula_saved_without_its_value_is_said() {
    let cells = r#"<c r="B3"><f>SUM(C3:D3)</f></c>"#;
    let rows = format!("{}{}", row(3, "莲都区", cells), row(4, "青田县", r#"<c r="B4"><v>1754</v></c>"#));
    let (c, w) = read("f.xlsx", &xlsx(&sheet(&rows, ""), &[])).unwrap();
    assert_eq!(c.observations.iter().map(|o| o.value).collect::<Vec<_>>(), [1754.0]);
    assert!(
        w.iter().any(|w| w
            .starts_with("f.xlsx:3: field `17-42!B3`: the cell holds a formula the file was saved without computing")),
        "{w:?}"
    );
}

#[test]
fn a_title_year_out_of_range_is_said_as_such() {
    let x =
        xlsx(&sheet(&row(3, "莲都区", r#"<c r="B3"><v>6887</v></c>"#), "").replace("（2024年）", "（2199年）"), &[]);
    let err = read("y.xlsx", &x).unwrap_err();
    assert_eq!(err, "y.xlsx:1: field `17-42!A1`: the title's year 2199 is outside 1900–2100: say the year with --year");
}

#[test]
fn a_title_naming_two_years_asks_which() {
    let x = xlsx(
        &sheet(&row(3, "莲都区", r#"<c r="B3"><v>6887</v></c>"#), "").replace("（2024年）", "（2023年）（2024年）"),
        &[],
    );
    let err = read("t.xlsx", &x).unwrap_err();
    assert_eq!(
        err,
        "t.xlsx:1: field `17-42!A1`: the title names the years 2023 and 2024: say which the values are of with --year"
    );
}

/// Styles with one cell format, the built-in `0` (whole numbers), as `s="1"`.
fn whole_number_style() -> (&'static str, Vec<u8>) {
    let xml = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="1"/></cellXfs></styleSheet>"#;
    ("xl/styles.xml", xml.as_bytes().to_vec())
}

#[test]
fn values_print_as_excel_rounds_and_text_shows_as_typed() {
    // Under the format `0`: 118.5 prints 119 (half away from zero), 41302.65 prints 41303; a
    // number typed as text shows as typed and is not rounded.
    let rows = format!(
        "{}{}{}",
        row(3, "莲都区", r#"<c r="B3" s="1"><v>118.5</v></c>"#),
        row(4, "青田县", r#"<c r="B4" s="1"><v>41302.65</v></c>"#),
        row(5, "缙云县", r#"<c r="B5" s="1" t="inlineStr"><is><t>117.66</t></is></c>"#)
    );
    let (c, _) = read("r.xlsx", &xlsx(&sheet(&rows, ""), &[whole_number_style()])).unwrap();
    assert_eq!(c.observations.iter().map(|o| o.value).collect::<Vec<_>>(), [119.0, 41303.0, 117.66]);
    assert_eq!(
        c.note_text(c.observations[0].note),
        Some("the cell holds 118.5; the table prints 119 (stored as printed)")
    );
}

#[test]
fn a_sheet_part_is_found_whatever_its_letter_case_and_a_zip_with_bytes_before_it_is_checked() {
    let rows = row(3, "莲都区", r#"<c r="B3" s="1"><v>118.5</v></c>"#);
    let x = xlsx(&sheet(&rows, ""), &[whole_number_style(), ("name:sheet", b"xl/worksheets/Sheet1.xml".to_vec())]);
    let (c, _) = read("case.xlsx", &x).unwrap();
    assert_eq!(c.observations[0].value, 119.0, "the format is read from the part named Sheet1.xml");
    // The inflation caps hold for a zip with a byte in front of it (calamine would read it).
    let bomb = xlsx(&sheet("", ""), &[("xl/sharedStrings.xml", vec![b'a'; 80 << 20])]);
    let mut prefixed = vec![0u8];
    prefixed.extend(bomb);
    let err = read("p.xlsx", &prefixed).unwrap_err();
    assert!(err.contains("inflates beyond 64 MiB"), "{err}");
}
