//! The analyst's three questions, answered from the bundled data by key sequences, and the
//! table, time chart, convergence and group panel they use. Expected values are computed by hand
//! from assets/observations.csv (the figures are quoted beside each assertion).

mod common;

use common::{go_to_year, press, screen, type_text};
use cpdash::app::{App, Bottom, Column, Effect, Level, Settings, MAX_PINS};
use cpdash::load::{load_dataset, DataSource};
use cpdash::model::dataset::Resolved;

fn app() -> App {
    App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default())
}

fn code(a: &App, i: usize) -> String {
    let r = a.listing().row(i).unwrap().0;
    a.ds.regions.get(r).code.clone()
}

fn listed_codes(a: &App, n: usize) -> Vec<String> {
    (0..n.min(a.listing().len())).map(|i| code(a, i)).collect()
}

/// Question 1: which county had the largest urban/rural income ratio in 2024, and how far from
/// 1.9 is it? Keys: `2` (the urban-rural area, its headline ratio), the year, `c`.
#[test]
fn q1_the_county_furthest_from_the_ratio_target() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    press(&mut a, "c");
    let t = a.nav.table.as_ref().unwrap();
    assert_eq!((t.sort, &t.level), (Column::Status, &Level::Leaves), "furthest from the target first");
    assert_eq!(a.listing().all.len(), 90, "every county of the province");
    // 婺城区 (330702): 70,881 / 34,048 = 2.08180; (2.08180 − 1.9) / 1.9 = 9.568% above the ceiling.
    let (r, row) = a.listing().row(0).unwrap();
    assert_eq!(a.ds.regions.get(*r).name_zh, "婺城区");
    assert!((row.value().unwrap() - 70881.0 / 34048.0).abs() < 1e-12);
    let gap = row.target.as_ref().unwrap();
    assert!((gap.gap_pct - 9.5682).abs() < 1e-3, "{}", gap.gap_pct);
    assert!((gap.gap - 0.18180).abs() < 1e-4);
    // 85 counties have both incomes in 2024: ranked 85th of 85 (1 is the narrowest gap).
    assert_eq!(row.rank.as_ref().map(|x| (x.rank, x.of)), Some((85, 85)));
    let s = screen(&mut a, 80, 24);
    let first = s.lines().nth(3).unwrap();
    assert!(first.contains("婺城区") && first.contains("2.08") && first.contains("9.6%"), "{s}");
    // Enter goes to it in the tree: 金华市's counties listed, 婺城区 focused.
    press(&mut a, "enter");
    assert!(a.nav.table.is_none());
    assert_eq!(a.ds.regions.get(a.nav.focus).name_zh, "婺城区");
    assert_eq!(a.ds.regions.get(a.nav.list_parent).name_zh, "金华市");
}

/// Question 2: how do the 26 mountainous counties fare on rural income against the rest?
#[test]
fn q2_the_mountain_counties_on_rural_income() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    press(&mut a, "c");
    // From the area's headline (the ratio) one indicator back: rural income.
    press(&mut a, "shift-tab");
    assert_eq!(a.ds.catalog.get(a.indicator()).id, "income_pc_rural");
    assert_eq!(a.nav.table.as_ref().unwrap().sort, Column::Status, "a target-less indicator keeps the sort");
    press(&mut a, "f");
    assert_eq!(a.nav.table.as_ref().unwrap().group.as_deref(), Some("mountain26"));
    assert_eq!(a.listing().len(), 26);
    // By value, lowest first: s until the value column, S to reverse.
    while a.nav.table.as_ref().unwrap().sort != Column::Value {
        press(&mut a, "s");
    }
    press(&mut a, "S");
    // 磐安 27,134; 文成 27,746; 庆元 27,970; 开化 28,459; 泰顺 28,607 (then 武义 28,901).
    assert_eq!(listed_codes(&a, 5), ["330727", "330328", "331126", "330824", "330329"]);
    let values: Vec<f64> = (0..5).map(|i| a.listing().row(i).unwrap().1.value().unwrap()).collect();
    assert_eq!(values, [27134.0, 27746.0, 27970.0, 28459.0, 28607.0]);
    // Ranks stay those of all 85 counties with a value (磐安 is the lowest of them all).
    assert_eq!(a.listing().row(0).unwrap().1.rank.as_ref().map(|x| (x.rank, x.of)), Some((85, 85)));
    // The group panel: the group against the rest and against the province (42,786 in 2024).
    press(&mut a, "esc");
    press(&mut a, "r");
    assert_eq!(a.nav.bottom, Bottom::Groups);
    let p = a.group_panels().iter().find(|p| p.tag == "mountain26").unwrap();
    assert_eq!((p.vs.n, p.vs.of, p.vs.rest_n, p.vs.rest_of), (26, 26, 59, 64));
    // Simple mean 33,140.0 (861,640 / 26); rest 49,316.58 (2,909,678 / 59).
    assert!((p.vs.mean.unwrap() - 33140.0).abs() < 1e-6);
    assert!((p.vs.rest_mean.unwrap() - 49316.576).abs() < 1e-2);
    // Weighted by rural residents (the catalog's weight for rural income): resident population ×
    // (100 − urbanisation rate) / 100, the rate stored where published and otherwise urban over
    // resident population (table 17-26): Σ v·rural / Σ rural = 34,165.64.
    assert_eq!(a.ds.catalog.get(p.vs.weight.unwrap()).id, "pop_rural");
    assert!((p.vs.weighted.unwrap() - 34165.6406).abs() < 1e-2);
    assert_eq!(a.ds.regions.get(p.vs.weakest.unwrap().0).name_zh, "磐安县");
    // Group to province: 34,165.64 / 42,786 = 0.7985 (only 2024 has county data).
    assert_eq!(p.ratio.len(), 1);
    assert_eq!(p.ratio[0].0, 2024);
    assert!((p.ratio[0].1 - 0.79852).abs() < 1e-4);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("按乡村常住人口加权 34,166"), "{s}");
    assert!(s.contains("与浙江之比逐年(加权均值,无权重时简单均值):2024 0.80"), "{s}");
    assert!(s.contains("最弱 磐安 27,134"), "{s}");
}

/// Question 3: how did the province's urban/rural ratio move, and which input does 2024 lack?
#[test]
fn q3_the_province_ratio_over_the_years() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    press(&mut a, "t");
    let view = a.time_view().unwrap();
    let zj = &view.series[0];
    let at = |y: i32| zj.points.iter().find(|p| p.0 == y).unwrap().1;
    // 62,699/31,930; 68,487/35,247; 71,268/37,565; 74,997/40,311.
    for (y, want) in [(2020, 1.963639), (2021, 1.943059), (2022, 1.897192), (2023, 1.860460)] {
        assert!((at(y).unwrap() - want).abs() < 1e-6, "{y}");
    }
    assert_eq!(at(2024), None, "2024 stays missing");
    let Resolved::Missing { missing } = a.ds.resolve(a.nav.focus, view.indicator, 2024) else { panic!() };
    assert_eq!(missing.len(), 1);
    assert_eq!(a.ds.catalog.get(missing[0].indicator).id, "income_pc_urban");
    let s = screen(&mut a, 120, 40);
    for line in ["2023        1.86", "2022        1.90", "2021        1.94", "2020        1.96"] {
        assert!(s.contains(line), "{line}\n{s}");
    }
    assert!(s.contains("2024 缺少数据: 城镇常住居民人") && s.contains("均可支配收入"), "{s}");
    assert!(s.contains("目标 1.9(2025)"), "{s}");
}

#[test]
fn the_filter_narrows_as_you_type_by_name_pinyin_or_code() {
    let mut a = app();
    go_to_year(&mut a, 2024);
    press(&mut a, "c");
    press(&mut a, "/");
    type_text(&mut a, "jin");
    // Pinyin starting "jin": 金东区, 缙云县, 景宁 (jing ning), 晋..., more than one.
    let names = |a: &App| -> Vec<String> {
        (0..a.listing().len()).map(|i| a.ds.regions.get(a.listing().row(i).unwrap().0).name_zh.clone()).collect()
    };
    let jin = names(&a);
    assert!(jin.contains(&"金东区".to_string()) && jin.contains(&"缙云县".to_string()), "{jin:?}");
    type_text(&mut a, "y");
    assert_eq!(names(&a), ["缙云县"], "each key narrows the list");
    press(&mut a, "esc");
    assert_eq!(a.listing().len(), 90, "Esc clears the filter");
    press(&mut a, "/");
    type_text(&mut a, "331127");
    assert_eq!(listed_codes(&a, 5), ["331127"]);
    press(&mut a, "enter");
    assert!(!a.nav.table.as_ref().unwrap().typing, "Enter keeps the filter and leaves typing");
    assert_eq!(a.listing().len(), 1);
    type_text(&mut a, "景宁");
    assert_eq!(a.listing().len(), 1, "keys no longer type once Enter was pressed");
}

#[test]
fn levels_parents_columns_and_pins() {
    let mut a = app();
    press(&mut a, "c");
    press(&mut a, "u");
    assert_eq!(a.nav.table.as_ref().unwrap().level, Level::Named("city".into()));
    assert_eq!(a.listing().len(), 11);
    press(&mut a, "u");
    assert_eq!(a.listing().len(), 90, "back to the counties");
    press(&mut a, "F");
    // The first parent in code order: 杭州市 with its 13 districts and counties.
    assert_eq!(a.listing().len(), 13);
    press(&mut a, ">");
    press(&mut a, ">");
    assert_eq!(a.nav.table.as_ref().unwrap().skip, 2);
    for _ in 0..20 {
        press(&mut a, ">");
    }
    assert_eq!(a.nav.table.as_ref().unwrap().skip, 7, "at most all but the name and one column");
    // Pins: six, then a message.
    for _ in 0..MAX_PINS {
        press(&mut a, "p");
        press(&mut a, "j");
    }
    assert_eq!(a.nav.pins.len(), MAX_PINS);
    press(&mut a, "p");
    assert_eq!(a.nav.pins.len(), MAX_PINS);
    assert!(common::message(&a).unwrap().contains("最多固定6个"));
    assert_eq!(a.nav.bottom, Bottom::Time);
    press(&mut a, "k");
    press(&mut a, "p");
    assert_eq!(a.nav.pins.len(), MAX_PINS - 1, "p again unpins");
}

#[test]
fn the_time_chart_as_an_index() {
    let mut a = app();
    press(&mut a, "2");
    press(&mut a, "t");
    // 杭州市 pinned (the first city): both have the ratio from 2019? The base is the first year
    // in which both have a value.
    press(&mut a, "p");
    press(&mut a, "x");
    let view = a.time_view().unwrap();
    let base = view.base().unwrap();
    for s in &view.series {
        let shown = view.shown(s, true);
        let at_base = shown.iter().find(|p| p.0 == base).unwrap().1.unwrap();
        assert!((at_base - 100.0).abs() < 1e-9);
    }
    // The province's 2023 index against its base year, by hand from the series.
    let zj = &view.series[0];
    let v = |y: i32| zj.points.iter().find(|p| p.0 == y).unwrap().1.unwrap();
    let shown = view.shown(zj, true);
    let i2023 = shown.iter().find(|p| p.0 == 2023).unwrap().1.unwrap();
    assert!((i2023 - v(2023) / v(base) * 100.0).abs() < 1e-9);
}

#[test]
fn the_index_restarts_at_each_series_break() {
    // 金华's GDP per capita: 81,224 in 2019, then 67,329 in 2020 on the census population (a
    // break), 84,133 in 2023. One index from 2016 would drop to 100 × 67,329 / 67,158 = 100.3
    // after 120.9 in 2019 and call it a fall; each stretch between breaks has its own base.
    let ds = cpdash::load::load_dataset(&cpdash::load::DataSource::Bundled).unwrap();
    let jh = ds.regions.by_code("330700").unwrap();
    let ind = ds.catalog.by_id("gdp_per_capita").unwrap();
    let view = cpdash::app::analysis::TimeView::new(&ds, jh, &[], ind);
    assert_eq!(view.rebased_at(), [2019, 2020, 2024]);
    let shown = view.shown(&view.series[0], true);
    let at = |y: i32| shown.iter().find(|p| p.0 == y).unwrap().1;
    assert_eq!(at(2016), Some(100.0));
    assert!((at(2018).unwrap() - 73428.0 / 67158.0 * 100.0).abs() < 1e-9);
    assert_eq!((at(2019), at(2020)), (Some(100.0), Some(100.0)));
    assert!((at(2023).unwrap() - 84133.0 / 67329.0 * 100.0).abs() < 1e-9, "{shown:?}");
}

#[test]
fn convergence_of_the_cities() {
    let mut a = app();
    press(&mut a, "2");
    press(&mut a, "v");
    let view = a.convergence_view().unwrap();
    assert_eq!(view.members.len(), 11);
    // The ratio falls faster where it was higher? The slope's sign decides the words.
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("σ 变异系数"), "{s}");
    assert!(s.contains("β = "), "{s}");
    // Every county: Theil split between the mountain counties and the rest.
    press(&mut a, "M");
    assert_eq!(a.nav.bottom, Bottom::Convergence, "M keeps the view, widens it");
    assert_eq!(a.convergence_view().unwrap().members.len(), 90);
    assert_eq!(a.convergence_view().unwrap().group.as_deref(), Some("mountain26"));
}

#[test]
fn a_year_without_a_value_shows_the_latest_earlier_one_marked() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2023);
    let r = a.report(a.current_area()).unwrap();
    let spending = r.rows.iter().find(|x| a.ds.catalog.get(x.indicator).id == "consumption_pc_urban").unwrap();
    assert_eq!(spending.value(), None, "2023 has no value");
    assert_eq!(spending.stale, Some((2019, 37508.0)), "the latest earlier one, for display");
    assert_eq!(spending.trend.to.map(|t| t.0), Some(2019), "metrics use the years as they are");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("— (2019: 37,508)") || s.contains("2019: 37,508"), "{s}");
}

#[test]
fn the_table_exports_what_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = App::new(
        load_dataset(&DataSource::Bundled).unwrap(),
        Settings { export_dir: dir.path().to_path_buf(), ..Settings::default() },
    );
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    press(&mut a, "c");
    press(&mut a, "f");
    let Some(Effect::ExportTable(t)) = press(&mut a, "e") else { panic!("an export") };
    assert_eq!(t.listed.len(), 26);
    let listing = a.listing_export(&t);
    let csv = String::from_utf8(listing.to_csv()[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 27, "a header and the 26 listed rows");
    // Furthest from the target first: 淳安县 2.04 (7.6% above 1.9), the widest of the group.
    assert!(lines[1].starts_with("330127,淳安县,"), "the listed order: {}", lines[1]);
    let md = listing.to_markdown(&chrono::Local::now());
    assert!(md.contains("组 山区26县") && md.contains("26/90 个"), "{md}");
    let written = cpdash::export::export_listing(&listing, dir.path(), &chrono::Local::now()).unwrap();
    assert_eq!(written.len(), 3, "CSV, Markdown and a workbook");
    assert!(written.iter().all(|p| p
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("cpdash_table_330000_urban_rural_income_ratio_2024_")));
}

/// 丽水市's counties on rural income and doctors per 1,000 (2024) side by side in the table, sorted,
/// and exported as one workbook: eleven keys.
#[test]
fn two_indicators_side_by_side_in_the_table_and_one_workbook() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let mut a = App::new(
        load_dataset(&DataSource::Bundled).unwrap(),
        Settings { export_dir: dir.path().to_path_buf(), ..Settings::default() },
    );
    // 丽水市 (the last city), into it; area 2 in 2024; the table; back to rural income; add it;
    // area 4, on to doctors per 1,000; sort by rank.
    for k in ["G", "enter", "2", "c", "]", "shift-tab", "+"] {
        press(&mut a, k);
    }
    assert!(common::message(&a).unwrap().starts_with("已加入指标列:农村居民收入"), "{:?}", common::message(&a));
    for k in ["4", "tab", "s"] {
        press(&mut a, k);
    }
    let ind = |id: &str| a.ds.catalog.by_id(id).unwrap();
    assert_eq!(a.indicator(), ind("doctors_yb_per_1000"));
    assert_eq!(a.nav.table.as_ref().unwrap().extra, [ind("income_pc_rural")]);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("农村居民收…"), "{s}");
    let first = s.lines().find(|l| l.contains("莲都区")).unwrap();
    assert!(first.contains("6.56") && first.contains("41,945") && first.contains("1/9"), "{s}");
    let Some(Effect::ExportTable(t)) = press(&mut a, "e") else { panic!("an export") };
    let written = cpdash::export::export_listing(&a.listing_export(&t), dir.path(), &chrono::Local::now()).unwrap();
    let book = written.iter().find(|p| p.extension().is_some_and(|e| e == "xlsx")).unwrap();
    let mut wb: Xlsx<_> = open_workbook(book).unwrap();
    let sheet = wb.worksheet_range("对比 2024").unwrap();
    let row = |name: &str| {
        (1..sheet.height() as u32).find(|y| sheet.get_value((*y, 1)) == Some(&Data::String(name.into()))).unwrap()
    };
    let num = |y: u32, x: u32| match sheet.get_value((y, x)) {
        Some(Data::Float(v)) => *v,
        other => panic!("{other:?}"),
    };
    // Listed as sorted (by doctors' rank): 莲都区 first, 庆元县 second.
    assert_eq!((row("莲都区"), row("庆元县")), (1, 2));
    for (county, doctors, rural) in [("莲都区", 6.56, 41945.0), ("庆元县", 4.51, 27970.0)] {
        let y = row(county);
        assert!((num(y, 3) - doctors).abs() < 0.005 && num(y, 6) == rural, "{county}");
    }
    // The same indicator twice is refused with a word; `-` removes the columns added last.
    press(&mut a, "+");
    press(&mut a, "+");
    assert!(common::message(&a).unwrap().contains("已是一列"));
    press(&mut a, "-");
    press(&mut a, "-");
    assert!(a.nav.table.as_ref().unwrap().extra.is_empty());
}

#[test]
fn a_published_figure_beside_the_computed_ratio_and_a_gap_over_one_percent_flagged() {
    use cpdash::app::analysis::{GroupPanel, PUBLISHED_TOLERANCE};
    use cpdash::load::catalog_csv::parse_catalog;
    use cpdash::load::import::import_csv_bytes;
    use cpdash::load::regions_csv::{apply_tags, parse_regions};
    // The fixture of tests/common with the province's income and a catalog row computing the
    // mountain counties' ratio as the bundled catalog does.
    let mut regions = parse_regions("regions.csv", common::REGIONS.as_bytes()).unwrap();
    apply_tags(&mut regions, "tags.csv", common::TAGS.as_bytes()).unwrap();
    let catalog_text = format!(
        "{}m26_ratio,regional,山区比,Mtn ratio,ratio,higher_better,0.75,2027,http://t,top,,\"group_mean(income_pc, mountain26, pop_resident) / income_pc\",\n",
        common::CATALOG
    );
    let catalog = parse_catalog("indicators.csv", catalog_text.as_bytes()).unwrap();
    let obs = format!("{}1,income_pc,2023,50000,yuan,http://s,government,\n", common::OBSERVATIONS);
    let meta = cpdash::model::snapshot::SnapshotMeta {
        id: "f".into(),
        title: "f".into(),
        title_en: None,
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        provenance: "hand-made".into(),
    };
    let mut ds =
        import_csv_bytes(&[("o.csv".into(), obs.into_bytes())], &Default::default(), regions, catalog, meta).unwrap().0;
    let top = ds.regions.by_code("1").unwrap();
    let inc = ds.catalog.by_id("income_pc").unwrap();
    let ratio = ds.catalog.by_id("m26_ratio").unwrap();
    // Mountain counties 12 (30,000, pop 50) and 21 (40,000, pop 300): weighted mean
    // (1,500,000 + 12,000,000) / 350 = 38,571.43; over the province's 50,000: 0.771429.
    let computed = ds.resolve_value(top, ratio, 2023).unwrap();
    assert!((computed - 13_500_000.0 / 350.0 / 50_000.0).abs() < 1e-12);
    let panel = |ds: &cpdash::model::Dataset| {
        GroupPanel::all(ds, top, inc, 2023).into_iter().find(|p| p.tag == "mountain26").unwrap()
    };
    let p = panel(&ds);
    assert_eq!(p.computed, Some((ratio, Some(computed))), "the catalog's computed ratio, named");
    assert_eq!(p.published, None, "no published figure: the panel says so");
    assert_eq!(p.ratio, [(2023, computed)], "the panel's own ratio agrees with the catalog's");
    // A published figure 2% above the computed one is shown and flagged; 0.5% above is not.
    for (factor, flagged) in [(1.02, true), (1.005, false)] {
        ds.published = vec![cpdash::model::dataset::Published {
            region: top,
            indicator: ratio,
            year: 2023,
            value: computed * factor,
            source_url: "http://test".into(),
        }];
        let d = panel(&ds).published_difference().unwrap();
        assert!((d - (1.0 / factor - 1.0)).abs() < 1e-12);
        assert_eq!(d.abs() > PUBLISHED_TOLERANCE, flagged);
    }
}
