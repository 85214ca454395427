//! The yearbook's own files, as published (`../shared/data/yearbook/`, see its SOURCES.md): each
//! imports with `cpdash import FILE --source https://tjj.zj.gov.cn/ --out x.json` alone, with the
//! right indicator, definition, unit, year, edition and cell; the bundled `observations.csv` is
//! what `cpdash rebuild` makes of them. The expected cells were read off each file by hand (and
//! with xlrd/openpyxl). Where the folder is absent (a clone outside the project's CI), each test
//! says so and passes.

mod common;

use std::path::PathBuf;

use common::cpdash;
use cpdash::load::data_dir::bundled_tables;
use cpdash::load::snapshot_json::load_snapshot;

const PUBLISHER: &str = "https://tjj.zj.gov.cn/";

fn tables() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/yearbook");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent (the yearbook files are not in this checkout)", p.display());
        None
    }
}

/// Imports one file as a new user would and checks `(region, indicator, year, value, cell)` and
/// the table's citation.
fn imports(file: &str, cites: &str, cells: &[(&str, &str, i32, f64, &str)]) {
    let Some(dir) = tables() else { return };
    let path = dir.join(file);
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) =
        cpdash(out.path(), &["import", path.to_str().unwrap(), "--source", PUBLISHER, "--out", "x.json"]);
    assert_eq!(code, 0, "{file}: {stderr}");
    assert!(stdout.contains("wrote "), "{stdout}");
    let (regions, catalog) = bundled_tables().unwrap();
    let bytes = std::fs::read(out.path().join("x.json")).unwrap();
    let ds = load_snapshot("x.json", &bytes, regions, catalog).unwrap();
    for (code, ind, year, value, cell) in cells {
        let r = ds.regions.by_code(code).unwrap();
        let i = ds.catalog.by_id(ind).unwrap_or_else(|| panic!("{ind}"));
        let c = ds.get(r, i, *year).unwrap_or_else(|| panic!("{file}: no {code} {ind} {year}"));
        assert_eq!(c.value, *value, "{file}: {code} {ind} {year}");
        assert_eq!(c.source.cell.as_deref(), Some(*cell), "{file}: {code} {ind} {year}");
        assert_eq!(c.source.title.as_deref(), Some(cites), "{file}");
        assert_eq!(c.source.url, PUBLISHER);
    }
}

#[test]
fn edition_2013_xls_registered_population_and_the_pre_reform_incomes() {
    imports(
        "2013/17-2 各市国民经济主要指标（2012年）.xls",
        "浙江统计年鉴2013 表17-2 各市国民经济主要指标（2012年）",
        &[
            ("330100", "pop_registered", 2012, 700.52, "C6"),
            ("330100", "gdp", 2012, 7802.01, "D6"),
            ("330100", "gdp_per_capita_registered", 2012, 111758.0, "I6"),
            ("330100", "income_pc_urban_oldsurvey", 2012, 35704.0, "R6"),
            ("330100", "income_net_rural", 2012, 17017.0, "S6"),
            ("330782", "gdp", 2012, 806.03, "D15"),
        ],
    );
}

#[test]
fn edition_2014_xls() {
    imports(
        "2014/17-2 各市国民经济主要指标（2013年）.xls",
        "浙江统计年鉴2014 表17-2 各市国民经济主要指标（2013年）",
        &[
            ("330100", "pop_registered", 2013, 706.61, "C6"),
            ("330100", "gdp_per_capita_registered", 2013, 118589.0, "I6"),
            ("330100", "income_pc_urban_oldsurvey", 2013, 39310.0, "R6"),
            ("330100", "income_net_rural", 2013, 18923.0, "S6"),
            ("330782", "gdp_per_capita_registered", 2013, 116688.0, "I15"),
        ],
    );
}

#[test]
fn edition_2015_xls_the_new_survey_incomes() {
    imports(
        "2015/17-2 各市国民经济主要指标（2014年）.xls",
        "浙江统计年鉴2015 表17-2 各市国民经济主要指标（2014年）",
        &[
            ("330100", "pop_registered", 2014, 715.76, "C5"),
            ("330100", "income_pc_urban", 2014, 44632.0, "R5"),
            ("330100", "income_pc_rural", 2014, 23555.0, "S5"),
            ("330782", "gdp", 2014, 971.47, "D14"),
        ],
    );
}

#[test]
fn edition_2017_xls_resident_population() {
    imports(
        "2017/17-2 各市国民经济主要指标（2016年）.xls",
        "浙江统计年鉴2017 表17-2 各市国民经济主要指标（2016年）",
        &[
            ("330100", "pop_resident", 2016, 918.8, "C5"),
            ("330100", "gdp_per_capita", 2016, 124286.0, "I5"),
            ("330782", "gdp", 2016, 1131.8, "D14"),
        ],
    );
}

#[test]
fn edition_2018_xls() {
    imports(
        "2018/17-2 各市国民经济主要指标（2017年）.xls",
        "浙江统计年鉴2018 表17-2 各市国民经济主要指标（2017年）",
        &[
            ("330100", "pop_resident", 2017, 946.8, "C4"),
            ("330100", "gdp", 2017, 12603.36, "D4"),
            ("330782", "gdp_per_capita", 2017, 89695.0, "I11"),
        ],
    );
}

#[test]
fn edition_2019_xls() {
    imports(
        "2019/17-2 各市国民经济主要指标（2018年）.xls",
        "浙江统计年鉴2019 表17-2 各市国民经济主要指标（2018年）",
        &[
            ("330100", "pop_resident", 2018, 980.6, "C4"),
            ("330100", "gdp", 2018, 13509.15, "D4"),
            ("330100", "income_pc_urban", 2018, 61172.0, "R4"),
            ("330782", "gdp", 2018, 1248.11, "D11"),
        ],
    );
}

#[test]
fn edition_2021_xlsx() {
    imports(
        "2021/17-2 各市国民经济主要指标（2020年）.xlsx",
        "浙江统计年鉴2021 表17-2 各市国民经济主要指标（2020年）",
        &[
            ("330100", "pop_resident", 2020, 1196.5, "B4"),
            ("330100", "gdp", 2020, 16106.0, "C4"),
            ("330100", "gdp_per_capita", 2020, 136617.0, "H4"),
            ("331100", "gdp", 2020, 1540.0, "C14"),
        ],
    );
}

#[test]
fn edition_2022_xlsx_values_as_printed() {
    // The cells hold 18109.42 and 41302.65 under an integer format: the table prints 18109 and
    // 41303, and so does the data.
    imports(
        "2022/17-2 各市国民经济主要指标（2021年）.xlsx",
        "浙江统计年鉴2022 表17-2 各市国民经济主要指标（2021年）",
        &[
            ("330100", "pop_resident", 2021, 1220.4, "B4"),
            ("330100", "gdp", 2021, 18109.0, "C4"),
            ("330500", "income_pc_rural", 2021, 41303.0, "Q8"),
            ("330600", "gdp_per_capita", 2021, 127875.0, "H9"),
            ("331100", "gdp_per_capita", 2021, 68101.0, "H14"),
        ],
    );
}

#[test]
fn edition_2023_xlsx() {
    imports(
        "2023/17-2 各市国民经济主要指标（2022年）.xlsx",
        "浙江统计年鉴2023 表17-2 各市国民经济主要指标（2022年）",
        &[
            ("330100", "pop_resident", 2022, 1237.6, "B4"),
            ("330100", "income_pc_urban", 2022, 77043.0, "P4"),
            ("331100", "gdp_per_capita", 2022, 72812.0, "H14"),
        ],
    );
}

#[test]
fn edition_2024_city_table_without_a_number() {
    imports(
        "2024/各市国民经济主要指标.xlsx",
        "浙江统计年鉴2024 各市国民经济主要指标（2023年）",
        &[
            ("330100", "gdp", 2023, 20059.0, "C4"),
            ("330100", "income_pc_rural", 2023, 48180.0, "Q4"),
            ("331100", "gdp_per_capita", 2023, 77908.0, "H14"),
        ],
    );
}

#[test]
fn edition_2024_consumption_table_groups_over_years() {
    imports(
        "2024/各市城乡居民人均生活消费支出情况.xlsx",
        "浙江统计年鉴2024 各市城乡居民人均生活消费支出情况",
        &[
            ("330100", "consumption_pc", 2021, 44609.0, "B5"),
            ("330100", "consumption_pc", 2023, 50129.0, "D5"),
            ("330100", "consumption_pc_rural", 2022, 31980.0, "I5"),
            ("331100", "consumption_pc", 2022, 32586.0, "C15"),
        ],
    );
}

#[test]
fn edition_2025_17_25_counties() {
    imports(
        "2025/17-25 各市、县国民经济主要指标（2024年）.xlsx",
        "浙江统计年鉴2025 表17-25 各市、县国民经济主要指标（2024年）",
        &[
            ("331127", "gdp", 2024, 119.7, "D92"),
            ("331127", "gdp_per_capita", 2024, 107836.0, "I92"),
            ("331127", "income_pc_urban", 2024, 52753.0, "O92"),
            ("331127", "income_pc_rural", 2024, 30461.0, "P92"),
            ("330782", "gdp", 2024, 2503.51, "D63"),
        ],
    );
}

#[test]
fn edition_2025_17_26_the_urban_population_under_its_heading() {
    imports(
        "2025/17-26 各市、县年末人口数（2024年）.xlsx",
        "浙江统计年鉴2025 表17-26 各市、县年末人口数（2024年）",
        &[
            ("331127", "pop_resident", 2024, 11.08, "B93"),
            ("331127", "pop_urban", 2024, 7.14, "C93"),
            ("331127", "pop_registered", 2024, 16.5, "D93"),
            ("330782", "pop_resident", 2024, 191.8, "B64"),
        ],
    );
}

#[test]
fn edition_2025_17_42_culture_and_health() {
    imports(
        "2025/17-42 各市、县文化和卫生事业主要指标（2024年）.xlsx",
        "浙江统计年鉴2025 表17-42 各市、县文化和卫生事业主要指标（2024年）",
        &[
            ("331127", "sports_venues", 2024, 637.0, "B91"),
            ("331127", "library_holdings", 2024, 24.7, "D91"),
            ("331127", "hospital_beds", 2024, 610.0, "F91"),
            ("331127", "doctors_yb", 2024, 489.0, "G91"),
            ("330782", "hospital_beds", 2024, 7432.0, "F62"),
        ],
    );
}

#[test]
fn the_dry_run_shows_the_mapping_and_the_rule_that_decided() {
    let Some(dir) = tables() else { return };
    let path = dir.join("2013/17-2 各市国民经济主要指标（2012年）.xls");
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = cpdash(out.path(), &["import", "--dry-run", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("cites   浙江统计年鉴2013 表17-2 各市国民经济主要指标（2012年）"), "{stdout}");
    assert!(stdout.contains("(edition inferred from the data year (the copy prints only the data year))"), "{stdout}");
    assert!(
        stdout.contains("→ gdp_per_capita_registered 2012 (人均生产总值(按户籍人口)), unit 元 → yuan; by 人均生产总值 when has~年末总人口"),
        "{stdout}"
    );
    assert!(stdout.contains("→ income_net_rural 2012"), "{stdout}");
    assert!(stdout.contains("\"第一产业\" is no indicator of the catalog"), "{stdout}");
    assert!(stdout.contains("浙东北        skipped: no region is called \"浙东北\""), "{stdout}");
    assert!(stdout.contains("其中：义乌市  → 330782 义乌市"), "{stdout}");
    assert!(stdout.contains("60 values: 5 of 17 columns × 12 of 14 rows"), "{stdout}");
    // Nothing written.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

/// `cpdash rebuild` of the tables in `tables`, with the project's manifest, hand rows and notes,
/// run in `cwd`.
fn rebuild(cwd: &std::path::Path, tables: &std::path::Path, out: &str) -> (i32, String, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let a = |p: &str| root.join(p).to_str().unwrap().to_string();
    let (manifest, hand, notes) =
        (a("assets/yearbook_tables.csv"), a("assets/observations_hand.csv"), a("assets/observations_notes.csv"));
    let args = ["rebuild", "--tables", tables.to_str().unwrap(), "--manifest", &manifest, "--hand", &hand];
    cpdash(cwd, &[&args[..], &["--notes", &notes, "--out", out]].concat())
}

#[test]
fn the_bundled_observations_are_rebuilt_from_the_tables() {
    let Some(dir) = tables() else { return };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let (code, csv, stderr) = rebuild(out.path(), &dir, "-");
    assert_eq!(code, 0, "{stderr}");
    let committed = std::fs::read_to_string(root.join("assets/observations.csv")).unwrap();
    let absent = stderr.lines().filter(|l| l.starts_with("absent: ")).count();
    eprintln!("{}", stderr.lines().last().unwrap_or(""));
    if absent == 0 {
        // Every table present: the committed file is exactly what the tables and the hand rows make.
        assert!(csv == committed, "assets/observations.csv is not what `cpdash rebuild` makes: run it (README)");
    } else {
        // Some tables absent: every row rebuilt is a row of the committed file.
        let have: std::collections::HashSet<&str> = committed.lines().collect();
        let rebuilt = csv.lines().filter(|l| !have.contains(l)).count();
        assert_eq!(rebuilt, 0, "rows differ from the committed file");
        eprintln!("{absent} tables of the manifest are absent; the rows citing them were not rebuilt");
    }
    assert!(
        stderr.contains("rebuilt: 1744 rows from 14 tables, 613 hand rows (7 from official pages keep a cell a table also gives; 6 from reposts do not, and are in the table rows' notes)"),
        "{stderr}"
    );
    // The hand rows that keep a cell a table gives are said, with both figures.
    assert!(stderr.contains("kept the hand row: 330300 gdp 2023: table 8731 (C6) → 8730.6"), "{stderr}");
}

#[test]
fn a_changed_table_file_is_refused_by_its_hash() {
    let Some(dir) = tables() else { return };
    let out = tempfile::tempdir().unwrap();
    let copy = out.path().join("2024");
    std::fs::create_dir(&copy).unwrap();
    let mut bytes = std::fs::read(dir.join("2024/各市国民经济主要指标.xlsx")).unwrap();
    bytes.push(0);
    std::fs::write(copy.join("各市国民经济主要指标.xlsx"), bytes).unwrap();
    let (code, _, stderr) = rebuild(out.path(), out.path(), "o.csv");
    assert_ne!(code, 0);
    assert!(stderr.contains("field `sha256`"), "{stderr}");
    assert!(stderr.contains("not the file the data were read from"), "{stderr}");
    assert!(!out.path().join("o.csv").exists());
}

#[test]
fn an_xls_tells_the_decimals_each_cell_prints() {
    // The 2013 edition prints populations and GDP with two decimals (format 0.00) and yuan
    // figures whole (format 0); the scan reads the FORMAT and XF records calamine does not give.
    let Some(dir) = tables() else { return };
    let bytes = std::fs::read(dir.join("2013/17-2 各市国民经济主要指标（2012年）.xls")).unwrap();
    let scan = cpdash::load::xls_scan::scan(&bytes).unwrap();
    let sheet = &scan.decimals["17-2 各市国民经济主要指标（2012年）"];
    assert_eq!(sheet.get(&(5, 2)), Some(&2), "C6");
    assert_eq!(sheet.get(&(5, 8)), Some(&0), "I6");
    assert_eq!(sheet.get(&(5, 17)), Some(&0), "R6");
    // A BIFF8 file (it declares code page 1252, but BIFF8 text is Unicode: read as 1200).
    assert!(scan.biff8);
}
