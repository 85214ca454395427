//! Exports on the bundled data: content of each format, BOM and header, round trip, refusal to
//! overwrite, unusable folders, and `e` in the dashboard.

mod common;

use chrono::{Local, TimeZone};
use common::cpdash;
use cpdash::app::Settings;
use cpdash::app::{Action, App};
use cpdash::export::{build, export_files, json, text, Document, ExportFormat as Format, Needs, Target};
use cpdash::load::{load_dataset, DataSource};
use cpdash::model::Dataset;
use cpdash::strings::Lang;

fn req(
    region: cpdash::model::RegionId,
    year: i32,
    area: Option<cpdash::model::Area>,
    lang: Lang,
) -> cpdash::export::Request {
    cpdash::export::Request { area, ..cpdash::export::Request::one(region, year, lang) }
}

/// A request over a span of years, every area.
fn span(region: cpdash::model::RegionId, years: std::ops::RangeInclusive<i32>, lang: Lang) -> cpdash::export::Request {
    cpdash::export::Request { years, ..cpdash::export::Request::one(region, 0, lang) }
}

/// The document every format renders from, with everything built.
fn doc(ds: &Dataset, req: &cpdash::export::Request) -> Document {
    Document::build(ds, req, "2026-11-28T12:00:00+08:00", Needs::ALL)
}

/// One format's bytes.
fn render(ds: &Dataset, req: &cpdash::export::Request, f: Format) -> Vec<u8> {
    let at = Local.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    cpdash::export::files::render(ds, req, f, &at).unwrap()
}

fn bundled() -> Dataset {
    load_dataset(&DataSource::Bundled).unwrap()
}

fn metric<'a>(
    r: &'a cpdash::export::ExportReport,
    area: &str,
    id: &str,
    ind: Option<&str>,
) -> &'a cpdash::export::report::MetricOut {
    let a = r.areas.iter().find(|a| a.id == area).unwrap();
    a.metrics.iter().find(|m| m.id == id && (ind.is_none() || m.indicator.as_deref() == ind)).unwrap()
}

#[test]
fn json_report_of_the_province_in_2023() {
    let ds = bundled();
    let zj = ds.regions.by_code("330000").unwrap();
    let r = build(&ds, &req(zj, 2023, None, Lang::En), "2026-11-28T12:00:00+08:00");
    assert_eq!((r.format.as_str(), r.schema_version, r.year, r.year_from), ("cpdash-export", 3, 2023, 2023));
    assert_eq!(r.region.code, "330000");
    assert!(r.region.parents.is_empty());
    assert_eq!(r.children.len(), 11);
    assert_eq!(r.areas.len(), 6);
    // 74997 / 40311 = 1.86045 (published: 1.86).
    let ur = metric(&r, "urban_rural", "urban_rural_income_ratio", None);
    assert!((ur.value.unwrap() - 74997.0 / 40311.0).abs() < 1e-12);
    assert_eq!(ur.status.as_deref(), Some("achieved"));
    assert_eq!(ur.inputs, ["income_pc_urban@330000/2023 = 74997", "income_pc_rural@330000/2023 = 40311"]);
    // Cities' incomes in 2023: 绍兴 69707 highest, 丽水 47182 lowest, 5 of 11 cities with data.
    let mm = metric(&r, "income", "children_max_min_ratio", Some("income_pc"));
    assert!((mm.value.unwrap() - 69707.0 / 47182.0).abs() < 1e-12);
    assert_eq!((mm.note.as_str(), mm.used, mm.of), ("绍兴市 / 丽水市", 5, 11));
    // Missing: 6 cities' incomes, and the population (weight) of cities that have an income.
    assert_eq!(mm.missing.iter().filter(|m| m.starts_with("income_pc@")).count(), 6);
    assert!(mm.missing.iter().all(|m| m.starts_with("income_pc@") || m.starts_with("pop_resident@")));
    // Every observation carries its source.
    assert!(!r.observations.is_empty());
    assert!(r.observations.iter().all(|o| !o.source_url.is_empty() && o.year <= 2023));
}

#[test]
fn lishui_counties_dispersion_says_how_few_have_data() {
    // 丽水市 2023: of its 9 counties only 缙云 has GDP per head (78,655); a max/min over one of
    // nine is not claimed, and the export says 1 of 9 and names the 8 missing.
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let r = build(&ds, &req(ls, 2023, None, Lang::En), "2026-11-28T12:00:00+08:00");
    let mm = metric(&r, "regional", "children_max_min_ratio", Some("gdp_per_capita"));
    assert_eq!((mm.value, mm.used, mm.of), (None, 1, 9));
    assert_eq!(mm.inputs, ["gdp_per_capita@331122/2023 = 78655"]);
    assert_eq!(mm.missing.len(), 8);
    // Its own urban/rural ratio in 2021: 53259 / 26386 = 2.018, above the 1.9 ceiling.
    let r21 = build(&ds, &req(ls, 2021, None, Lang::En), "2026-11-28T12:00:00+08:00");
    let ur = metric(&r21, "urban_rural", "urban_rural_income_ratio", None);
    assert!((ur.value.unwrap() - 53259.0 / 26386.0).abs() < 1e-12);
    assert_eq!(ur.status.as_deref(), Some("challenges_remain"));
}

#[test]
fn export_loads_back_and_exports_the_same_values() {
    let ds = bundled();
    let zj = ds.regions.by_code("330000").unwrap();
    let first = build(&ds, &req(zj, 2023, None, Lang::En), "2026-11-28T12:00:00+08:00");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.json");
    std::fs::write(&p, json::to_json(&first)).unwrap();
    let again = load_dataset(&DataSource::File(p.clone())).unwrap();
    let second = build(
        &again,
        &req(again.regions.by_code("330000").unwrap(), 2023, None, Lang::En),
        "2026-11-28T12:00:00+08:00",
    );
    assert_eq!(first.areas, second.areas);
    assert_eq!(first.observations, second.observations);
    assert_eq!(first.children, second.children);
    // And `cpdash check` accepts the file.
    let (code, out, err) = cpdash(dir.path(), &["check", "e.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("observations: {}", first.observations.len())), "{out}");
}

#[test]
fn csv_has_bom_header_crlf_and_one_row_per_region_and_indicator() {
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let bytes = render(&ds, &req(ls, 2021, None, Lang::En), Format::Csv);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "region_code,region_name_zh,region_name_en,level,area,indicator,indicator_name_zh,indicator_name_en,year,value,value_kind,unit,target,target_year,gap_pct,status,trend,rank,rank_of,source_url,source_kind,note,source_title,cell,copy_url,series_break_year,series_break_reason");
    // (丽水市 + 9 counties) × the 45 indicators of the six areas that exist below the province (61
    // less the four provincial statistics: the two max/min across cities, the mountain counties'
    // income and GDP; and the 12 context indicators of no area, such as the rural population that
    // weighs group means or the yearbook's counts behind the per-capita rows).
    assert_eq!(ds.catalog.len(), 61);
    assert_eq!(lines.len() - 1, 10 * 45);
    assert!(!text.contains(",city_income_max_min_ratio,"));
    let ratio = lines.iter().find(|l| l.starts_with("331100,") && l.contains(",urban_rural_income_ratio,")).unwrap();
    // 53259 / 26386 = 2.0184567...; 6.23% above the 1.9 ceiling; the widest of the 11 cities
    // (嘉兴 is the narrowest, 1.60).
    assert!(ratio.contains(",2.0184567"), "{ratio}");
    assert!(ratio.contains(",computed,ratio,1.9,2025,6.23,challenges_remain,on_track,11,11,"), "{ratio}");
    let missing = lines.iter().find(|l| l.starts_with("331127,") && l.contains(",income_pc,")).unwrap();
    assert!(missing.contains(",2021,,missing,yuan,"), "missing stays empty, never 0: {missing}");
}

#[test]
fn markdown_and_text_reports() {
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let r = build(&ds, &req(ls, 2021, None, Lang::En), "2026-11-28T12:00:00+08:00");
    let md = text::render(&r, text::Layout::Markdown, Lang::En);
    assert!(md.starts_with("# Lishui (丽水市) · 2021\n"), "{md}");
    // A computed value cites the sources of the values it is computed from.
    assert!(
        md.contains("| Urban/rural income ratio (城乡居民收入倍差) | 2.02[^1] (computed) |  | 1.9 | 6.2% short | ◕ challenges remain |"),
        "{md}"
    );
    assert!(md.contains("## Sources\n"));
    assert!(
        md.contains("[^1]: 浙江统计年鉴2022 表17-2 各市国民经济主要指标（2021年）, <https://tjj.zj.gov.cn/> (publication); read from <https://github.com/jialingzhang0730/Local_GDP_Estimates_Around_the_World/blob/c5b5de2f"),
        "{md}"
    );
    let txt = text::render(&r, text::Layout::Plain, Lang::En);
    assert!(
        txt.contains("Urban/rural income ratio (城乡居民收入倍差): 2.02 (computed) [1]; target 1.9, 6.2% short, ◕ challenges remain"),
        "{txt}"
    );
    // Units written out in English.
    assert!(txt.contains("Gross regional product (GDP) (地区生产总值): 1,710.0 100 million yuan [1]"), "{txt}");
    assert!(!txt.contains('\x1b'), "no colour codes");
    // The same in Chinese.
    let zh = text::render(
        &build(&ds, &req(ls, 2021, None, Lang::Zh), "2026-11-28T12:00:00+08:00"),
        text::Layout::Plain,
        Lang::Zh,
    );
    assert!(
        zh.contains("城乡居民收入倍差 (Urban/rural income ratio): 2.02(计算) [1]; 目标 1.9, 差6.2%, ◕ 尚有差距"),
        "{zh}"
    );
    assert!(zh.contains("地区生产总值 (Gross regional product (GDP)): 1,710.0 亿元 [1]"), "{zh}");
}

#[test]
fn headless_export_names_files_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = cpdash(dir.path(), &["export", "--region", "lishui", "--year", "2021", "--dir", "out"]);
    assert_eq!(code, 0, "{err}");
    let files: Vec<&str> = out.lines().collect();
    assert_eq!(files.len(), 3);
    for (f, ext) in files.iter().zip(["json", "csv", "md"]) {
        let name = std::path::Path::new(f).file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("cpdash_331100_2021_") && name.ends_with(ext), "{name}");
        assert_eq!(name.len(), "cpdash_331100_2021_20261128-120000.".len() + ext.len());
    }
    std::fs::write(dir.path().join("mine.md"), "keep").unwrap();
    let (code, _, err) = cpdash(dir.path(), &["export", "--region", "331100", "--format", "md", "--output", "mine.md"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "cpdash: mine.md already exists; use --force to replace it");
    assert_eq!(std::fs::read_to_string(dir.path().join("mine.md")).unwrap(), "keep");
    let (code, _, _) =
        cpdash(dir.path(), &["export", "--region", "331100", "--format", "md", "--output", "mine.md", "--force"]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(dir.path().join("mine.md")).unwrap().starts_with("# 丽水市"));
    // No temporary files are left behind.
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".tmp-")));
}

#[test]
fn unusable_folders_and_bad_arguments_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    let (code, _, err) = cpdash(dir.path(), &["export", "--region", "330000", "--dir", "afile"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "cpdash: cannot use afile as the export folder: it is a file, not a folder");
    let (code, _, err) = cpdash(dir.path(), &["export", "--region", "330000", "--dir", "afile/sub"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("cpdash: cannot use afile/sub as the export folder:"), "{err}");
    let (_, _, err) = cpdash(dir.path(), &["export", "--region", "atlantis"]);
    assert_eq!(err.trim(), "cpdash: --region: no region is called \"atlantis\"");
    let (_, _, err) = cpdash(dir.path(), &["export", "--region", "丽水", "--year", "1999"]);
    assert_eq!(err.trim(), "cpdash: --year: the data has no year 1999 (it covers 2012–2025)");
}

#[test]
fn report_prints_plain_text_for_the_latest_year() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = cpdash(dir.path(), &["report", "景宁", "--lang", "en"]);
    assert_eq!(code, 0);
    // 景宁's latest year is 2024, from the 2025 yearbook table: GDP 119.7 (7th of Lishui's 9
    // counties), GDP per capita 107,836, (130,000 - 107,836) / 130,000 = 17.0% short of the
    // target and the highest of the 9; urban / rural income 52,753 / 30,461 = 1.73.
    assert!(out.starts_with("Jingning She Autonomous County (景宁畲族自治县) · 2024\n"), "{out}");
    // Its stored values all come from the 2025 yearbook's tables (the rest are computed).
    assert!(out.contains("\nValues shown by source: statistical publications 5.\n"), "{out}");
    // Both follow the census revision's series break (‡): no trend across it, and the report
    // says why under its own heading.
    assert!(out.contains("Gross regional product (GDP) (地区生产总值): 119.7‡ 100 million yuan [1]; trend: fewer than two years of data: no trend; rank 7/9\n"), "{out}");
    assert!(out.contains("GDP per capita (人均地区生产总值): 107,836‡ yuan [1]; target 130,000, 17.0% short"), "{out}");
    assert!(out.contains("Series breaks\n----------------------------------------\nGross regional product (GDP): ‡ series break in 2024, the trend starts there: GDP revised after the fifth national economic census"), "{out}");
    assert!(
        out.contains("Urban/rural income ratio (城乡居民收入倍差): 1.73 (computed) [1]; target 1.9: ● achieved"),
        "{out}"
    );
    // Without --lang, the config's language: Chinese by default.
    let (_, zh, _) = cpdash(dir.path(), &["report", "景宁"]);
    assert!(zh.contains("地区生产总值 (Gross regional product (GDP)): 119.7‡ 亿元 [1]; 趋势:"), "{zh}");
    assert!(zh.contains("序列断点\n----------------------------------------\n地区生产总值: ‡ 2024年序列断点,趋势自2024年起算:第五次全国经济普查后"), "{zh}");
}

#[test]
fn e_in_the_dashboard_writes_the_files_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings { export_dir: dir.path().join("exports"), ..Settings::default() };
    // The app asks for the export; the terminal loop performs it (the same function here).
    let mut app = App::new(bundled(), settings.clone());
    let effect = app.apply(Action::Export).unwrap();
    assert!(cpdash::terminal::perform(&mut app, effect), "the dashboard keeps running");
    let msg = common::message(&app).unwrap();
    assert!(msg.starts_with("已导出: "), "{msg}");
    // The folder once, then the three names: the line fits the footer.
    let folder = dir.path().join("exports").display().to_string();
    assert_eq!(msg.matches(folder.as_str()).count(), 1, "{msg}");
    assert_eq!(msg.matches("cpdash_").count(), 3, "{msg}");
    assert_eq!(std::fs::read_dir(dir.path().join("exports")).unwrap().count(), 3);
    std::fs::write(dir.path().join("blocked"), "x").unwrap();
    settings.export_dir = dir.path().join("blocked");
    let mut app = App::new(bundled(), settings);
    let effect = app.apply(Action::Export).unwrap();
    assert!(cpdash::terminal::perform(&mut app, effect));
    assert_eq!(
        common::message(&app).unwrap(),
        format!(
            "导出失败: cannot use {} as the export folder: it is a file, not a folder",
            dir.path().join("blocked").display()
        )
    );
}

#[test]
fn generated_names_never_collide_and_outputs_are_never_replaced() {
    let ds = bundled();
    let dir = tempfile::tempdir().unwrap();
    let at = Local.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let zj = ds.regions.by_code("330000").unwrap();
    // The CSV name is taken already: both files get the next free suffix, the CSV is kept.
    std::fs::write(dir.path().join("cpdash_330000_2023_20261128-120000.csv"), "x").unwrap();
    let paths = export_files(
        &ds,
        &req(zj, 2023, None, Lang::En),
        &[Format::Json, Format::Csv],
        Target::Dir(dir.path()),
        false,
        &at,
    )
    .unwrap();
    let names: Vec<_> = paths.iter().map(|p| p.file_name().unwrap().to_str().unwrap().to_string()).collect();
    assert_eq!(names, ["cpdash_330000_2023_20261128-120000-2.json", "cpdash_330000_2023_20261128-120000-2.csv"]);
    assert_eq!(std::fs::read_to_string(dir.path().join("cpdash_330000_2023_20261128-120000.csv")).unwrap(), "x");
    assert!(!dir.path().join("cpdash_330000_2023_20261128-120000.json").exists());
    // An explicit output that exists is refused, and nothing is written.
    let out = dir.path().join("mine.json");
    std::fs::write(&out, "keep").unwrap();
    let e = export_files(&ds, &req(zj, 2023, None, Lang::En), &[Format::Json], Target::Output(&out), false, &at)
        .unwrap_err();
    assert!(e.to_string().ends_with("mine.json already exists; use --force to replace it"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep");
}

#[test]
fn a_citys_report_has_its_counties_table_and_computed_rows_their_sources() {
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let r = build(&ds, &req(ls, 2024, None, Lang::Zh), "2026-11-28T12:00:00+08:00");
    // Each area's headline indicator across the 9 counties, with status, gap, rank and marks.
    assert_eq!(r.children_table.len(), 9);
    let md = text::render(&r, text::Layout::Markdown, Lang::Zh);
    assert!(md.contains("## 下级地区 · 2024"), "{md}");
    // 景宁 2024 (table 17-26: 11.08 residents, 7.14 urban; 17-42: 24.7 ten-thousand volumes, 610
    // beds): population 11.1 (9th of 9; area 1's first indicator with a value for 丽水, whose 2024
    // GDP is not published), urbanisation 7.14 / 11.08 = 64.4% (computed: 15.2% short of 76),
    // hospital beds per 1,000 5.51, library volumes per resident 2.23; in both the 2021 mountain
    // group and the 2024 mountain-and-island group.
    assert!(
        md.contains("| 景宁畲族自治县 山岛 | 11.1 #9/9 | 64.4 ◑ 差15.2% #5/9 | — | 5.51 #3/9 | 2.23 #3/9 | — |"),
        "{md}"
    );
    assert!(md.contains("分组标记: 山 山区26县 <https://news.cri.cn/"), "{md}");
    assert!(md.contains("; 岛 山区海岛县 <"), "{md}");
    // A county has no children's table.
    let jn = ds.regions.by_code("331127").unwrap();
    assert!(build(&ds, &req(jn, 2024, None, Lang::Zh), "x").children_table.is_empty());
    // CSV: a computed row gives its formula and its inputs' sources.
    let csv = String::from_utf8(render(&ds, &req(ls, 2021, None, Lang::En), Format::Csv)).unwrap();
    let ratio = csv.lines().find(|l| l.starts_with("331100,") && l.contains(",urban_rural_income_ratio,")).unwrap();
    // The two incomes are cells of one yearbook table: the table once, the copy once, no cell.
    assert!(
        ratio.ends_with(",https://tjj.zj.gov.cn/,computed,computed as income_pc_urban / income_pc_rural,浙江统计年鉴2022 表17-2 各市国民经济主要指标（2021年）,,https://github.com/jialingzhang0730/Local_GDP_Estimates_Around_the_World/blob/c5b5de2f6a1659739e7be30c26f9225d3ef03c7c/step2_obtain_gdp_data/inputs/gdp_data/regional/CHN/province_yearbook/Zhejiang_prov/17-2%20%E5%90%84%E5%B8%82%E5%9B%BD%E6%B0%91%E7%BB%8F%E6%B5%8E%E4%B8%BB%E8%A6%81%E6%8C%87%E6%A0%87%EF%BC%882021%E5%B9%B4%EF%BC%89.xlsx,,"),
        "{ratio}"
    );
}

#[test]
fn a_report_without_sourced_values_says_so_under_its_sources_heading() {
    let ds = bundled();
    let jn = ds.regions.by_code("331127").unwrap();
    let r = build(&ds, &req(jn, 2024, Some(cpdash::model::Area::BasicUnits), Lang::En), "x");
    let md = text::render(&r, text::Layout::Markdown, Lang::En);
    assert!(md.ends_with("## Sources\n\n(no value in this report has a source)\n"), "{md}");
}

#[test]
fn an_export_with_its_keys_sorted_still_loads_as_a_data_set() {
    // `jq -S` sorts the keys: "format" is no longer near the start of the file.
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let r = build(&ds, &req(ls, 2023, None, Lang::En), "2026-11-28T12:00:00+08:00");
    let value: serde_json::Value = serde_json::from_str(&json::to_json(&r)).unwrap();
    let sorted = serde_json::to_string_pretty(&value).unwrap(); // serde_json's maps are sorted
    assert!(sorted.find("\"format\"").unwrap() > 4096, "the test needs the format key beyond 4 KB");
    let (regions, catalog) = cpdash::load::data_dir::bundled_tables().unwrap();
    let back = cpdash::load::snapshot_json::load_snapshot("sorted.json", sorted.as_bytes(), regions, catalog).unwrap();
    assert_eq!(back.n_observations(), r.observations.len());
}

#[test]
fn a_span_of_years_in_one_export() {
    let ds = bundled();
    let zj = ds.regions.by_code("330000").unwrap();
    let span = span(zj, 2020..=2024, Lang::En);
    let r = build(&ds, &span, "2026-11-28T12:00:00+08:00");
    assert_eq!((r.year_from, r.year, r.by_year.len()), (2020, 2024, 5));
    // The province's urban/rural ratio year by year: 62,699/31,930 = 1.9636 in 2020; 2024 missing.
    let ratio = |y: usize| r.by_year[y].indicators.iter().find(|i| i.id == "urban_rural_income_ratio").unwrap().clone();
    assert!((ratio(0).value.unwrap() - 62699.0 / 31930.0).abs() < 1e-12);
    assert_eq!((ratio(4).value, ratio(4).value_kind.as_str()), (None, "missing"));
    // The CSV: one tidy table, the region and its 11 cities for each of the 5 years.
    let csv = String::from_utf8(render(&ds, &span, Format::Csv)[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    let per_year = 49 + 11 * 45; // the province's 49 area indicators, the cities' 45
    assert_eq!(lines.len() - 1, 5 * per_year);
    assert!(lines.iter().any(|l| l.starts_with("330000,")
        && l.contains(",urban_rural_income_ratio,")
        && l.contains(",2020,1.96363921")));
    // The JSON still loads back as a data set, with every year's observations.
    let json = cpdash::export::json::to_json(&r);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.json");
    std::fs::write(&p, json).unwrap();
    let back = load_dataset(&DataSource::File(p)).unwrap();
    let urban = back.catalog.by_id("income_pc_urban").unwrap();
    assert_eq!(back.value(zj, urban, 2020), Some(62699.0));
    // The Markdown adds a table by year.
    let md = text::render(&r, text::Layout::Markdown, Lang::En);
    assert!(md.contains("## By year · 2020–2024"), "{md}");
    assert!(md.contains("| Urban/rural income ratio | 1.96 ◕ | 1.94 ◕ | 1.897 ● | 1.86 ● | — |"), "{md}");
}

#[test]
fn the_workbook_reads_back_with_numbers_as_numbers() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let mut d = doc(&ds, &span(ls, 2021..=2024, Lang::Zh));
    // A name that would be a formula in a careless writer stays text.
    d.report.children_table[0].name_zh = "=1+1".into();
    let bytes = cpdash::export::xlsx::to_xlsx(&d).unwrap();
    let r = &d.report;
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["区域差距", "城乡差距", "收入差距", "公共服务", "精神文化", "基本单元", "下级地区", "逐年", "来源", "说明"]
    );
    // The urban-rural sheet, for 2024 (the span's last year): 丽水市 has no 2024 urban income, so
    // its ratio's value cell is empty, never 0.
    let ur = wb.worksheet_range("城乡差距").unwrap();
    assert_eq!(ur.get_value((0, 0)), Some(&Data::String("指标".into())));
    let row = (1..ur.height() as u32)
        .find(|y| ur.get_value((*y, 0)) == Some(&Data::String("城乡居民收入倍差".into())))
        .unwrap();
    let value = ur.get_value((row, 1)).cloned().unwrap_or(Data::Empty);
    assert!(matches!(value, Data::Empty), "missing stays empty: {value:?}");
    assert_eq!(ur.get_value((row, 3)), Some(&Data::Float(1.9)), "the target, as a number");
    // The children: 莲都区's 2024 values as numbers, with its group mark.
    let ch = wb.worksheet_range("下级地区").unwrap();
    assert_eq!(ch.get_value((1, 1)), Some(&Data::String("=1+1".into())), "text, not a formula");
    assert_eq!(ch.get_value((1, 2)), Some(&Data::String("山".into())));
    let yrs = wb.worksheet_range("逐年").unwrap();
    assert_eq!(yrs.get_value((0, 2)), Some(&Data::String("2021".into())));
    // 丽水 GDP per capita 2021: 68,101 yuan, a number in the 2021 column.
    let gdp_pc = (1..yrs.height() as u32)
        .find(|y| yrs.get_value((*y, 0)) == Some(&Data::String("人均地区生产总值".into())))
        .unwrap();
    assert_eq!(yrs.get_value((gdp_pc, 2)), Some(&Data::Float(68101.0)));
    // The sources: a row per value shown (丽水市's in 2021–2024, its counties' headline values in
    // 2024), then one counting what the metrics read besides (the JSON lists those).
    let src = wb.worksheet_range("来源").unwrap();
    let (shown, unlisted) = r.shown_observations();
    assert_eq!(src.height() - 2, shown.len(), "a row per value shown, with its source");
    assert_eq!(shown.len() + unlisted, r.observations.len(), "the document lists every value read");
    let row_of = |code: &str, name: &str, year: f64| {
        (1..src.height() as u32).find(|y| {
            src.get_value((*y, 0)) == Some(&Data::String(code.into()))
                && src.get_value((*y, 2)) == Some(&Data::String(name.into()))
                && src.get_value((*y, 3)) == Some(&Data::Float(year))
        })
    };
    let ls_gdp = row_of("331100", "人均地区生产总值", 2021.0).expect("丽水市's own value");
    assert_eq!(src.get_value((ls_gdp, 4)), Some(&Data::Float(68101.0)));
    assert!(row_of("331100", "人均地区生产总值", 2020.0).is_none(), "2020 is before the span");
    assert!(row_of("330100", "人均地区生产总值", 2021.0).is_none(), "杭州市 is a sibling, read for the rank only");
    let last = src.get_value((src.height() as u32 - 1, 0)).cloned();
    let unlisted_row = format!("排名、趋势和离散度另读取了 {unlisted} 个其他地区或往年的存储值,逐一列在 JSON 导出中");
    assert_eq!(last, Some(Data::String(unlisted_row)));
    assert!(unlisted > 100, "{unlisted}");
    // Native charts: the children's bars and the lines over the years.
    let names = String::from_utf8_lossy(&bytes);
    assert!(names.contains("xl/charts/chart1.xml") && names.contains("xl/charts/chart2.xml"));
}

#[test]
fn the_html_report_and_its_svg_charts_parse_with_the_right_marks() {
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let html = cpdash::export::html::to_html(&doc(&ds, &req(ls, 2024, None, Lang::Zh)));
    let html21 = cpdash::export::html::to_html(&doc(&ds, &req(ls, 2021, None, Lang::Zh)));
    // An HTML parser reads it whole: the title, six area sections, the children's table.
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("title")).next().unwrap().text().collect::<String>(), "丽水市 · 2024");
    assert_eq!(doc.select(&sel("section.area")).count(), 6);
    assert_eq!(doc.select(&sel("section.children tr")).count(), 1 + 9, "a heading and the 9 counties");
    assert!(!html.contains("<script"), "no script");
    // Every footnote mark points at a listed source (丽水市's 2021 figures, from the yearbook).
    let doc21 = scraper::Html::parse_document(&html21);
    let sources = doc21.select(&sel("ol.sources li")).count();
    let marks: Vec<usize> = doc21
        .select(&sel("sup"))
        .map(|m| m.text().collect::<String>().trim_matches(['[', ']']).parse().unwrap())
        .collect();
    assert!(sources > 0 && !marks.is_empty() && marks.iter().all(|m| (1..=sources).contains(m)));
    // Each SVG is well-formed XML with its marks.
    let svgs: Vec<&str> = html.split("<svg ").skip(1).map(|s| s.split("</svg>").next().unwrap()).collect();
    assert!(svgs.len() >= 3, "a map, lines and bars: {}", svgs.len());
    let mut kinds = std::collections::BTreeMap::new();
    for body in &svgs {
        let text = format!("<svg {body}</svg>");
        let xml = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        let class = xml.root_element().attribute("class").unwrap().to_string();
        let count = |c: &str| xml.descendants().filter(|n| n.attribute("class") == Some(c)).count();
        kinds.entry(class.clone()).or_insert_with(Vec::new).push((count("bar"), count("region"), count("point")));
    }
    // The map: the 9 counties, shaded by the opening indicator's classes.
    assert_eq!(kinds["chart map"], [(0, 9, 0)]);
    // Bars: one chart per headline indicator with county values in 2024, a bar per county with a
    // value (2024: 9 of 9 for GDP per capita and rural income, the table's columns).
    let bars = &kinds["chart bars"];
    assert!(!bars.is_empty() && bars.iter().all(|(b, _, _)| *b >= 1 && *b <= 9), "{bars:?}");
    assert!(bars.iter().any(|(b, _, _)| *b == 9), "{bars:?}");
    // Lines: a dot per year with a value of the area's first indicator, up to 2024.
    let pop = ds.catalog.by_id("gdp").unwrap();
    let years_with = ds.years().filter(|y| *y <= 2024 && ds.resolve_value(ls, pop, *y).is_some()).count();
    assert!(kinds["chart line"].iter().any(|(_, _, p)| *p == years_with), "{:?} vs {years_with}", kinds["chart line"]);
}

#[test]
fn svg_charts_beside_the_markdown_which_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = cpdash(
        dir.path(),
        &["export", "--region", "331100", "--year", "2024", "--format", "md", "--format", "svg", "--dir", "x"],
    );
    assert_eq!(code, 0, "{err}");
    let files: Vec<String> = out.lines().map(str::to_string).collect();
    let md = files.iter().find(|f| f.ends_with(".md")).unwrap();
    let svgs: Vec<&String> = files.iter().filter(|f| f.ends_with(".svg")).collect();
    // The map, the lines of the areas with two years or more, the children's bars.
    assert!(svgs.iter().any(|f| f.ends_with("_map.svg")), "{files:?}");
    assert!(svgs.iter().any(|f| f.contains("_years_")) && svgs.iter().any(|f| f.contains("_children_")));
    let text = std::fs::read_to_string(dir.path().join(md)).unwrap();
    for f in &svgs {
        let name = std::path::Path::new(f).file_name().unwrap().to_string_lossy().into_owned();
        assert!(text.contains(&format!("]({name})")), "the Markdown links {name}");
        let svg = std::fs::read_to_string(dir.path().join(f)).unwrap();
        roxmltree::Document::parse(&svg).unwrap();
    }
    // One file named by --output cannot hold several charts.
    let (code, _, err) = cpdash(dir.path(), &["export", "--region", "331100", "--format", "svg", "--output", "a.svg"]);
    assert_eq!(code, 1);
    assert!(err.contains("--output names one file"), "{err}");
}

/// The workbook's children sheet holds every indicator a child has a value of, not only the
/// areas' headlines: 丽水市's counties' rural incomes and doctors per 1,000 in 2024.
#[test]
fn the_workbooks_children_sheet_has_every_indicator_a_child_has() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let ds = bundled();
    let ls = ds.regions.by_code("331100").unwrap();
    let d = doc(&ds, &req(ls, 2024, None, Lang::Zh));
    let bytes = cpdash::export::xlsx::to_xlsx(&d).unwrap();
    let r = &d.report;
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let ch = wb.worksheet_range("下级地区").unwrap();
    let text = |y: u32, x: u32| match ch.get_value((y, x)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    let column =
        |name: &str| (0..ch.width() as u32).find(|x| text(0, *x).starts_with(name)).unwrap_or_else(|| panic!("{name}"));
    let row = |county: &str| (1..ch.height() as u32).find(|y| text(*y, 1) == county).unwrap();
    let (income, doctors) = (column("农村常住居民人均可支配收入"), column("每千常住人口医生数(年鉴口径)"));
    let num = |y: u32, x: u32| match ch.get_value((y, x)) {
        Some(Data::Float(v)) => *v,
        other => panic!("{other:?}"),
    };
    for (county, rural, per_1000) in [("莲都区", 41945.0, 6.56), ("庆元县", 27970.0, 4.51)] {
        let y = row(county);
        assert_eq!(num(y, income), rural, "{county}");
        assert!((num(y, doctors) - per_1000).abs() < 0.005, "{county}: {}", num(y, doctors));
    }
    assert_eq!(ch.height(), 10, "the nine counties");
    // The readable formats keep the headline columns only.
    assert!(r.children_indicators.iter().filter(|i| i.headline).count() <= 6);
    assert!(r.children_indicators.len() > 10, "{}", r.children_indicators.len());
}

/// An export's default year is the latest with the most data for the region and its children:
/// 衢州市's own figures end in 2023 (8 values) but its counties fill 2024 (71).
#[test]
fn the_default_export_year_has_the_most_data() {
    let ds = bundled();
    let qz = ds.regions.by_code("330800").unwrap();
    assert_eq!(ds.export_year_for(qz), Some(2024));
    let (code, out, _) = common::cpdash(std::path::Path::new("."), &["report", "衢州市"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("衢州市 (Quzhou) · 2024"), "{out}");
}

#[test]
fn a_sources_line_is_never_a_heading_followed_by_nothing() {
    assert_eq!(Lang::Zh.values_by_kind(&[]), "本报告未列出任何存储的数值,故无来源可列。");
    assert_eq!(Lang::En.values_by_kind(&[]), "No stored value is shown, so no source is listed.");
    let one = Lang::En.values_by_kind(&[(cpdash::model::SourceKind::Repost, 3)]);
    assert!(one.starts_with("Values shown by source: ") && one.ends_with(" 3."), "{one}");
}

/// `cpdash export --children --indicators`: 丽水市's counties side by side on rural income and
/// doctors per 1,000 (2024) as one workbook, values as numbers, each ranked among the counties.
#[test]
fn the_children_compared_on_several_indicators_as_one_workbook() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "export",
        "--region",
        "丽水市",
        "--children",
        "--indicators",
        "income_pc_rural,千人医生(年鉴)",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--output",
        "c.xlsx",
    ];
    let (code, out, err) = cpdash(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.trim_end().ends_with("c.xlsx"), "{out}");
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("c.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["对比 2024", "说明"]);
    let s = wb.worksheet_range("对比 2024").unwrap();
    let head: Vec<String> =
        (0..s.width() as u32).map(|x| s.get_value((0, x)).map(|d| d.to_string()).unwrap_or_default()).collect();
    assert_eq!(head[3], "农村常住居民人均可支配收入 (元)");
    assert_eq!(head[6], "每千常住人口医生数(年鉴口径) (每千人)", "{head:?}");
    let row =
        |name: &str| (1..s.height() as u32).find(|y| s.get_value((*y, 1)) == Some(&Data::String(name.into()))).unwrap();
    let num = |y: u32, x: u32| match s.get_value((y, x)) {
        Some(Data::Float(v)) => *v,
        other => panic!("{other:?}"),
    };
    for (county, rural, rural_rank, doctors, doctors_rank) in
        [("莲都区", 41945.0, 1.0, 6.56, 1.0), ("庆元县", 27970.0, 9.0, 4.51, 2.0)]
    {
        let y = row(county);
        assert_eq!((num(y, 3), num(y, 5)), (rural, rural_rank), "{county}");
        assert!((num(y, 6) - doctors).abs() < 0.005 && num(y, 8) == doctors_rank, "{county}");
    }
    assert_eq!(s.height(), 10, "the nine counties");
    // An unknown indicator and a format a table cannot take are said, and nothing is written.
    let (code, _, err) =
        cpdash(dir.path(), &["export", "--region", "丽水市", "--children", "--indicators", "nope", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(err.contains("--indicators: no indicator has the id or name \"nope\""), "{err}");
    let (code, _, err) =
        cpdash(dir.path(), &["export", "--region", "丽水市", "--children", "--indicators", "gdp", "--format", "html"]);
    assert_eq!(code, 1);
    assert!(err.contains("--children writes csv, md or xlsx, not html"), "{err}");
}

/// One document behind every format: 丽水市's own values in 2021 and its counties' values of the
/// children's table are the same figures in the JSON, the CSV, the workbook and the HTML (which
/// shows them rounded as the dashboard does); 丽水市's GDP per capita is the yearbook's 68,101.
#[test]
fn every_format_shows_the_same_figures() {
    let ds = bundled();
    let (json, own, _) = same_figures(&ds, 2021);
    assert!(own >= 5, "{own} of 丽水市's values compared");
    let gdp_pc =
        json["areas"][0]["indicators"].as_array().unwrap().iter().find(|i| i["id"] == "gdp_per_capita").unwrap();
    assert_eq!(gdp_pc["value"].as_f64(), Some(68101.0));
    let (_, _, children) = same_figures(&ds, 2024);
    assert!(children >= 9 * 3, "{children} of the counties' values compared");
}

/// Compares 丽水市's figures in `year` across the formats: the JSON, and how many of the region's
/// own values and of its children's were compared.
fn same_figures(ds: &Dataset, year: i32) -> (serde_json::Value, usize, usize) {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let ls = ds.regions.by_code("331100").unwrap();
    let rq = req(ls, year, None, Lang::Zh);
    let bytes = |f: Format| render(ds, &rq, f);
    let json: serde_json::Value = serde_json::from_slice(&bytes(Format::Json)).unwrap();
    let csv_text = String::from_utf8(bytes(Format::Csv)[3..].to_vec()).unwrap();
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let head = csv.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let csv_rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let csv_value = |code: &str, id: &str| -> Option<f64> {
        let row = csv_rows.iter().find(|r| &r[col("region_code")] == code && &r[col("indicator")] == id).unwrap();
        row[col("value")].parse().ok()
    };
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes(Format::Xlsx))).unwrap();
    let html = String::from_utf8(bytes(Format::Html)).unwrap();
    let page = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let html_rows: Vec<Vec<String>> = page
        .select(&sel("section.area tr"))
        .map(|tr| tr.select(&sel("td")).map(|td| td.text().collect::<String>()).collect())
        .collect();
    let mut checked = 0;
    for area in json["areas"].as_array().unwrap() {
        let sheet = wb.worksheet_range(area["name_zh"].as_str().unwrap()).unwrap();
        for i in area["indicators"].as_array().unwrap() {
            let (id, name, v) = (i["id"].as_str().unwrap(), i["name_zh"].as_str().unwrap(), i["value"].as_f64());
            assert_eq!(csv_value("331100", id), v, "{id}: CSV and JSON");
            let y = (1..sheet.height() as u32).find(|y| sheet.get_value((*y, 0)) == Some(&Data::String(name.into())));
            let cell = sheet.get_value((y.unwrap(), 1)).cloned().unwrap_or(Data::Empty);
            assert_eq!(cell, v.map_or(Data::Empty, Data::Float), "{id}: workbook and JSON");
            let shown = &html_rows.iter().find(|r| r.first().map(String::as_str) == Some(name)).unwrap()[1];
            match v {
                Some(v) => {
                    let unit = cpdash::model::Unit::parse(i["unit"].as_str().unwrap()).unwrap();
                    let target = i["target"].as_f64();
                    assert!(
                        shown.starts_with(&cpdash::number::number_vs(v, target, unit)),
                        "{id}: HTML {shown} vs {v}"
                    );
                    checked += 1;
                }
                None => assert!(shown.starts_with('—'), "{id}: HTML {shown}"),
            }
        }
    }
    // The children: each county's values in the JSON's table, the CSV and the workbook's sheet.
    let ch = wb.worksheet_range("下级地区").unwrap();
    let inds = json["children_indicators"].as_array().unwrap();
    let mut cells = 0;
    for (k, c) in json["children_table"].as_array().unwrap().iter().enumerate() {
        let code = c["code"].as_str().unwrap();
        assert_eq!(ch.get_value((k as u32 + 1, 0)), Some(&Data::String(code.into())));
        for (j, cell) in c["cells"].as_array().unwrap().iter().enumerate() {
            let v = cell["value"].as_f64();
            assert_eq!(csv_value(code, inds[j]["id"].as_str().unwrap()), v, "{code} {}", inds[j]["id"]);
            let x = ch.get_value((k as u32 + 1, 3 + 2 * j as u32)).cloned().unwrap_or(Data::Empty);
            assert_eq!(x, v.map_or(Data::Empty, Data::Float), "{code} {}", inds[j]["id"]);
            cells += usize::from(v.is_some());
        }
    }
    (json, checked, cells)
}

/// Without a browser, `--format pdf` says how to install one and writes nothing.
#[test]
fn pdf_without_a_browser_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cpdash"))
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", "/nonexistent-cpdash-test")
        .env("PATH", dir.path())
        .env_remove("CPDASH_BROWSER")
        .args(["export", "--region", "衢州市", "--brief", "--format", "pdf", "--dir", "out"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("none of chromium, chromium-browser, google-chrome, google-chrome-stable, chrome is on PATH"),
        "{err}"
    );
    assert!(err.contains("apt-get install chromium fonts-noto-cjk"), "{err}");
    assert!(!dir.path().join("out").exists() || std::fs::read_dir(dir.path().join("out")).unwrap().next().is_none());
    // The brief is a page: not a table.
    let (code, _, err) = cpdash(dir.path(), &["export", "--region", "衢州市", "--brief", "--format", "csv"]);
    assert_eq!((code, err.trim()), (1, "cpdash: --brief is a page, written as html or pdf, not csv"));
}
