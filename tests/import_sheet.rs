//! `cpdash import` of the yearbook's own spreadsheets: .xlsx written here in the layout of table
//! 17-42 and of the cities' consumption table, and the committed .xls excerpt of table 17-2
//! (tests/fixtures, made by make_yearbook_xls.py). The figures are the yearbook's, as in
//! assets/observations.csv.

mod common;

use common::cpdash;
use cpdash::load::collected::Collected;
use cpdash::load::data_dir::bundled_tables;
use cpdash::load::sheet::read_sheet;
use cpdash::load::wide_csv::WideOptions;
use cpdash::model::{Source, SourceKind};
use rust_xlsxwriter::{Format, Workbook};

const PUBLISHER: &str = "https://tjj.zj.gov.cn/";

fn opts(edition: &str, map: &[(&str, &str)]) -> WideOptions {
    WideOptions {
        source: Some(Source::page(PUBLISHER, SourceKind::Publication)),
        edition: Some(edition.into()),
        copy_url: Some("https://example.org/copy.xlsx".into()),
        map: map.iter().map(|(l, i)| (l.to_string(), i.to_string())).collect(),
        ..WideOptions::default()
    }
}

/// Table 17-42 as the 2025 edition prints it: a merged title, one header row with units in
/// brackets, 丽水's nine counties (景宁 as 景宁县), a subtotal row the data set does not know.
fn table_17_42() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("17-42").unwrap();
    ws.merge_range(0, 0, 0, 6, "17-42 各市、县文化和卫生事业主要指标（2024年）", &Format::new()).unwrap();
    let head = [
        "市县名称",
        "体育场地数 （个）",
        "博物馆数（个）",
        "公共图书馆图书藏量 (万册)",
        "医院数 (个)",
        "医院床位数 (张)",
        "医生数 (人)",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows: [(&str, [f64; 6]); 9] = [
        ("莲都区", [2622.0, 7.0, 136.0, 23.0, 6887.0, 3797.0]),
        ("青田县", [2458.0, 1.0, 57.1, 10.0, 1754.0, 1160.0]),
        ("缙云县", [1535.0, 1.0, 68.6, 10.0, 2256.0, 1372.0]),
        ("遂昌县", [888.0, 5.0, 38.9, 7.0, 1011.0, 749.0]),
        ("松阳县", [1260.0, 1.0, 31.9, 7.0, 978.0, 837.0]),
        ("云和县", [611.0, 1.0, 40.8, 6.0, 610.0, 537.0]),
        ("庆元县", [988.0, 1.0, 20.7, 3.0, 636.0, 637.0]),
        ("景宁县", [637.0, 3.0, 24.7, 3.0, 610.0, 489.0]),
        ("龙泉市", [1369.0, 3.0, 39.7, 4.0, 920.0, 926.0]),
    ];
    for (i, (name, values)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, *name).unwrap();
        for (c, v) in values.iter().enumerate() {
            ws.write_number(r, 1 + c as u16, *v).unwrap();
        }
    }
    // A subtotal row, and a museum cell holding an empty string (missing, as the yearbook prints).
    ws.write_string(11, 0, "浙西南").unwrap();
    ws.clear_cell(3, 2);
    book.save_to_buffer().unwrap()
}

/// A sheet titled as 17-42 with one column, hospital beds, and no rows yet.
fn beds_sheet(book: &mut Workbook) -> &mut rust_xlsxwriter::Worksheet {
    let ws = book.add_worksheet();
    ws.set_name("17-42").unwrap();
    ws.write_string(0, 0, "17-42 各市、县文化和卫生事业主要指标（2024年）").unwrap();
    ws.write_string(1, 0, "市县名称").unwrap();
    ws.write_string(1, 1, "医院床位数 (张)").unwrap();
    ws
}

#[test]
fn a_17_42_table_is_read_with_its_cells_units_and_citation() {
    let (regions, catalog) = bundled_tables().unwrap();
    let mut c = Collected::default();
    let warnings =
        read_sheet("17-42.xlsx", &table_17_42(), &regions, &catalog, &opts("浙江统计年鉴2025", &[]), &mut c).unwrap();
    // 5 indicators × 9 counties, less the one empty museum cell (青田): never a 0.
    assert_eq!(c.observations.len(), 5 * 9 - 1);
    let jn = regions.by_code("331127").unwrap();
    let beds = catalog.by_id("hospital_beds").unwrap();
    let o = c.observations.iter().find(|o| o.region == jn && o.indicator == beds).unwrap();
    assert_eq!((o.value, o.year), (610.0, 2024));
    let s = &c.sources[o.source as usize];
    assert_eq!(s.kind, SourceKind::Publication);
    assert_eq!(s.url, PUBLISHER);
    assert_eq!(s.title.as_deref(), Some("浙江统计年鉴2025 表17-42 各市、县文化和卫生事业主要指标（2024年）"));
    assert_eq!(s.cell.as_deref(), Some("F10"));
    assert_eq!(s.copy_url.as_deref(), Some("https://example.org/copy.xlsx"));
    // 万册 is the catalog's 10k_volumes: 24.7 stays 24.7.
    let books = catalog.by_id("library_holdings").unwrap();
    assert_eq!(c.observations.iter().find(|o| o.region == jn && o.indicator == books).unwrap().value, 24.7);
    let qt = regions.by_code("331121").unwrap();
    let museums = catalog.by_id("museums").unwrap();
    assert!(!c.observations.iter().any(|o| o.region == qt && o.indicator == museums));
    // Reported, not guessed: the hospitals column (no indicator) and the subtotal row.
    let w: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        [
            "17-42.xlsx:2: field `17-42!E2`: \"医院数(个)\" is no indicator of the catalog: skipped (map it with --map)",
            "17-42.xlsx:12: field `17-42!A12`: no region is called \"浙西南\": the row is skipped (a subtotal or a region outside the data set)",
        ]
    );
}

#[test]
fn grouped_columns_of_years_are_read_through_the_map() {
    // The cities' consumption table (2024 edition): no year in the title, a 单位 line, groups
    // over years; the groups' names are mapped to the catalog.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, " 各市城乡居民人均生活消费支出情况").unwrap();
    ws.write_string(1, 9, "单位：元").unwrap();
    let f = Format::new();
    ws.merge_range(2, 0, 3, 0, "城市", &f).unwrap();
    for (c, g) in [(1u16, "全体居民"), (4, "城镇常住居民"), (7, "农村常住居民")] {
        ws.merge_range(2, c, 2, c + 2, g, &f).unwrap();
        for k in 0..3u16 {
            ws.write_number(3, c + k, 2021.0 + f64::from(k)).unwrap();
        }
    }
    ws.write_string(4, 0, "杭州市").unwrap();
    for (c, v) in [44609.0, 46440.0, 50129.0, 48629.0, 50336.0].iter().enumerate() {
        ws.write_number(4, 1 + c as u16, *v).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let (regions, catalog) = bundled_tables().unwrap();
    let map = [
        ("全体居民", "consumption_pc"),
        ("城镇常住居民", "consumption_pc_urban"),
        ("农村常住居民", "consumption_pc_rural"),
    ];
    let mut c = Collected::default();
    read_sheet("5-11.xlsx", &bytes, &regions, &catalog, &opts("浙江统计年鉴2024", &map), &mut c).unwrap();
    let hz = regions.by_code("330100").unwrap();
    let got: Vec<(String, i32, f64, String)> = c
        .observations
        .iter()
        .filter(|o| o.region == hz)
        .map(|o| {
            (catalog.get(o.indicator).id.clone(), o.year, o.value, c.sources[o.source as usize].cell.clone().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("consumption_pc".into(), 2021, 44609.0, "B5".into()),
            ("consumption_pc".into(), 2022, 46440.0, "C5".into()),
            ("consumption_pc".into(), 2023, 50129.0, "D5".into()),
            ("consumption_pc_urban".into(), 2021, 48629.0, "E5".into()),
            ("consumption_pc_urban".into(), 2022, 50336.0, "F5".into()),
        ]
    );
    // Without the map the columns match nothing: an error naming the title's cell.
    let mut c = Collected::default();
    let err = read_sheet("5-11.xlsx", &bytes, &regions, &catalog, &opts("浙江统计年鉴2024", &[]), &mut c).unwrap_err();
    assert_eq!(
        err.to_string(),
        "5-11.xlsx:1: field `Sheet1!A1`: no column matches an indicator of the catalog (see --map; --dry-run lists the columns and why)"
    );
}

#[test]
fn the_xls_excerpt_of_table_17_2_imports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let xls = format!("{root}/tests/fixtures/yearbook_17-2_2012_excerpt.xls");
    let map = dir.path().join("map.csv");
    std::fs::write(
        &map,
        "label,indicator\n年末总人口,pop_registered\n生产总值,gdp\n人均生产总值,gdp_per_capita_registered\n城镇居民人均可支配收入,income_pc_urban_oldsurvey\n",
    )
    .unwrap();
    let (code, out, err) = cpdash(
        dir.path(),
        &[
            "import",
            &xls,
            "--source",
            PUBLISHER,
            "--edition",
            "浙江统计年鉴2013",
            "--copy-url",
            "https://example.org/17-2.xls",
            "--map",
            map.to_str().unwrap(),
            "--out",
            "s.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // 4 regions (杭州, 宁波, 温州, 义乌 from `其中：义乌市`) × 5 mapped columns.
    assert!(out.contains("wrote 20 observations"), "{out}");
    // The subtotals and the sector columns are reported on stderr, never guessed.
    assert!(err.contains("no region is called \"浙东北\""), "{err}");
    assert!(err.contains("\"第一产业\" is no indicator of the catalog"), "{err}");
    assert!(err.contains("no region is called \"浙西南\""), "{err}");
    let text = std::fs::read_to_string(dir.path().join("s.json")).unwrap();
    // 杭州's registered population, cell C6 of the 2012 table, with the edition and the copy.
    assert!(text.contains("\"title\": \"浙江统计年鉴2013 表17-2 各市国民经济主要指标（2012年）\", \"copy_url\": \"https://example.org/17-2.xls\", \"cell\": \"C6\""), "{text}");
    assert!(text.contains("[\"330100\", 700.52, "), "{text}");
    assert!(text.contains("\"printed 其中：义乌市 (义乌市)\""), "{text}");
    let (code, check, err) = cpdash(dir.path(), &["check", "s.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(check.contains("observations: 20 (20 publication"), "{check}");
}

#[test]
fn a_damaged_workbook_and_a_bad_cell_are_named() {
    let (regions, catalog) = bundled_tables().unwrap();
    let mut bytes = table_17_42();
    bytes.truncate(bytes.len() / 2);
    let mut c = Collected::default();
    let err = read_sheet("17-42.xlsx", &bytes, &regions, &catalog, &opts("浙江统计年鉴2025", &[]), &mut c).unwrap_err();
    assert!(
        err.to_string().starts_with("17-42.xlsx: cannot be read as an .xlsx workbook: invalid Zip archive"),
        "{err}"
    );
    // Text where a number belongs: the file, the sheet's row, the sheet and the cell.
    let mut book = Workbook::new();
    let ws = beds_sheet(&mut book);
    ws.write_string(2, 0, "莲都区").unwrap();
    ws.write_string(2, 1, "六千").unwrap();
    let bad = book.save_to_buffer().unwrap();
    let err = read_sheet("b.xlsx", &bad, &regions, &catalog, &opts("浙江统计年鉴2025", &[]), &mut Collected::default())
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("b.xlsx:3: field `17-42!B3`: "), "{err}");
    // A far-off cell (a hostile file would make the sheet gigabytes wide) is refused, named.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "17-42 各市、县文化和卫生事业主要指标（2024年）").unwrap();
    ws.write_number(1_048_575, 16_383, 1.0).unwrap();
    let far = book.save_to_buffer().unwrap();
    let err =
        read_sheet("far.xlsx", &far, &regions, &catalog, &opts("浙江统计年鉴2025", &[]), &mut Collected::default())
            .unwrap_err()
            .to_string();
    assert_eq!(err, "far.xlsx: the sheet has a cell at XFD1048576, beyond row 5000 or column DX: not a yearbook table");
    // A damaged .xls on which the reader library panics (found by fuzzing: a defined-name record
    // too short) is named as damaged; the import goes on to say so and writes nothing.
    let root = env!("CARGO_MANIFEST_DIR");
    let damaged = std::fs::read(format!("{root}/tests/fixtures/damaged_name_record.xls")).unwrap();
    let err =
        read_sheet("d.xls", &damaged, &regions, &catalog, &opts("x", &[]), &mut Collected::default()).unwrap_err();
    assert_eq!(err.to_string(), "d.xls: cannot be read as an .xlsx or .xls workbook: the file is damaged");
    let dir = tempfile::tempdir().unwrap();
    let path = format!("{root}/tests/fixtures/damaged_name_record.xls");
    let (code, _, stderr) = cpdash(dir.path(), &["import", &path, "--source", PUBLISHER, "--out", "d.json"]);
    assert_eq!(code, 1);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("the file is damaged"), "{stderr}");
    // An escape sequence in a cell is refused, naming the cell, never kept for the screen.
    let mut book = Workbook::new();
    let ws = beds_sheet(&mut book);
    ws.write_string(2, 0, "莲都区\u{1b}]0;pwned\u{7}").unwrap();
    ws.write_number(2, 1, 6887.0).unwrap();
    let esc = book.save_to_buffer().unwrap();
    let err = read_sheet("e.xlsx", &esc, &regions, &catalog, &opts("浙江统计年鉴2025", &[]), &mut Collected::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("e.xlsx:3: field `17-42!A3`: 17-42!A3: the text holds the control character U+001B"),
        "{err}"
    );
    // A sheet without --source is refused before anything is read into the data.
    let none = WideOptions::default();
    let err = read_sheet("b.xlsx", &table_17_42(), &regions, &catalog, &none, &mut Collected::default()).unwrap_err();
    assert!(err.to_string().contains("needs --source URL"), "{err}");
}

#[test]
fn a_number_shown_as_a_date_is_a_number_and_an_error_cell_is_said() {
    // A value cell formatted as a date is still the number it holds; an error cell (#DIV/0!) is
    // missing and named in a warning, never dropped without a word.
    let mut book = Workbook::new();
    let ws = beds_sheet(&mut book);
    ws.write_string(2, 0, "莲都区").unwrap();
    ws.write_number_with_format(2, 1, 6887.0, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    ws.write_string(3, 0, "青田县").unwrap();
    ws.write_formula(3, 1, rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    ws.write_string(4, 0, "缙云县").unwrap();
    ws.write_number_with_format(4, 1, 2256.0, &Format::new().set_num_format("[h]:mm:ss")).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (regions, catalog) = bundled_tables().unwrap();
    let mut c = Collected::default();
    let warnings = read_sheet("d.xlsx", &bytes, &regions, &catalog, &opts("浙江统计年鉴2025", &[]), &mut c).unwrap();
    let ld = regions.by_code("331102").unwrap();
    let jy = regions.by_code("331122").unwrap();
    let got: Vec<_> = c.observations.iter().map(|o| (o.region, o.value)).collect();
    assert_eq!(got, [(ld, 6887.0), (jy, 2256.0)], "a duration's format does not drop its number either");
    let w: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert!(w.iter().any(|w| w.starts_with("d.xlsx:4: field `17-42!B4`: ") && w.contains("#DIV/0!")), "{w:?}");
}
