//! The yearbook tables in the bundled data: values cite the publication, table and cell with the
//! copy read; cities' counts are their counties' sums, computed and saying so; per-capita forms
//! follow. Figures are those of `assets/observations.csv` (浙江统计年鉴2025 表17-42, 17-26).

use cpdash::load::data_dir::bundled_tables;
use cpdash::load::import::import_csv_bytes;
use cpdash::load::snapshot_json::{load_snapshot, write_snapshot};
use cpdash::load::{load_dataset, DataSource};
use cpdash::model::dataset::Resolved;
use cpdash::model::{Dataset, SourceKind};

fn bundled() -> Dataset {
    load_dataset(&DataSource::Bundled).unwrap()
}

fn ids(ds: &Dataset, region: &str, indicator: &str) -> (cpdash::model::RegionId, cpdash::model::IndicatorId) {
    (ds.regions.by_code(region).unwrap(), ds.catalog.by_id(indicator).unwrap())
}

#[test]
fn a_county_figure_cites_the_yearbook_table_cell_and_copy() {
    let ds = bundled();
    let (jn, beds) = ids(&ds, "331127", "hospital_beds");
    let c = ds.get(jn, beds, 2024).unwrap();
    assert_eq!(c.value, 610.0);
    assert_eq!(c.source.kind, SourceKind::Publication);
    assert_eq!(c.source.url, "https://tjj.zj.gov.cn/");
    assert_eq!(c.source.title.as_deref(), Some("浙江统计年鉴2025 表17-42 各市、县文化和卫生事业主要指标（2024年）"));
    assert_eq!(c.source.cell.as_deref(), Some("F91"));
    assert!(c
        .source
        .copy_url
        .as_deref()
        .unwrap()
        .starts_with("https://github.com/RosiePenguin/2026ZJUMCM/blob/cabef050"));
    assert_eq!(
        c.note,
        Some(
            "printed 景宁县 (景宁畲族自治县); edition inferred from the data year (the copy prints only the data year)"
        )
    );
    // Beds per 1,000: 610 / (11.08 × 10,000) × 1,000 = 5.5054.
    let (_, per) = ids(&ds, "331127", "hospital_beds_per_1000");
    let v = ds.resolve(jn, per, 2024).value().unwrap();
    assert!((v - 610.0 / 11.08 / 10.0).abs() < 1e-12 && (v - 5.5054).abs() < 1e-4, "{v}");
}

#[test]
fn a_citys_beds_are_its_counties_sum_computed_from_their_cells() {
    let ds = bundled();
    let (ls, per) = ids(&ds, "331100", "hospital_beds_per_1000");
    // 丽水市 2024: its nine counties' hospital beds (F84–F92: 6887 + 1754 + 2256 + 1011 + 978 + 610
    // + 636 + 610 + 920 = 15,662) over their residents (253.2 × 10,000), × 1,000 = 6.1856.
    let r = ds.resolve(ls, per, 2024);
    let Resolved::Computed { value, inputs } = &r else { panic!("computed: {r:?}") };
    assert!((value - 15662.0 / 253.2 / 10.0).abs() < 1e-9 && (value - 6.1856).abs() < 1e-4, "{value}");
    // Inputs are the counties' stored values (9 beds, 9 populations), never the city's own.
    assert_eq!(inputs.len(), 18);
    assert!(inputs.iter().all(|i| ds.regions.parent(i.region) == Some(ls)));
    let cells: Vec<&str> = ds.sources_of(inputs).iter().filter_map(|s| s.cell.as_deref()).collect();
    assert!(cells.contains(&"F84") && cells.contains(&"F92"), "{cells:?}");
    // The city has no stored beds: nothing was written into the data.
    let (_, beds) = ids(&ds, "331100", "hospital_beds");
    assert!(ds.get(ls, beds, 2024).is_none());
    assert_eq!(ds.resolve_value(ls, beds, 2024), Some(15662.0));
}

#[test]
fn a_sum_with_a_county_missing_is_missing_and_names_it() {
    let ds = bundled();
    // Museums: 87 of the 90 counties print a figure; a city missing one has no sum.
    let (_, museums) = ids(&ds, "330000", "museums");
    let cities = ds.regions.children(ds.regions.by_code("330000").unwrap()).to_vec();
    let mut without = 0;
    for c in cities {
        let complete = ds.regions.children(c).iter().all(|k| ds.get(*k, museums, 2024).is_some());
        match ds.resolve(c, museums, 2024) {
            Resolved::Computed { .. } => assert!(complete),
            Resolved::Missing { missing } => {
                assert!(!complete);
                assert!(!missing.is_empty() && missing.iter().all(|m| ds.regions.parent(m.region) == Some(c)));
                without += 1;
            }
            Resolved::Observed { .. } => panic!("no city museums are stored"),
        }
    }
    assert_eq!(without, 3);
}

#[test]
fn audited_values_keep_the_tables_precision() {
    let ds = bundled();
    // The 2022 edition's cells hold hidden decimals under an integer format: the value is the
    // one printed, and the note keeps the cell's.
    for (code, ind, year, value, cell) in [
        ("330100", "gdp", 2021, 18109.0, 18109.42),
        ("330400", "gdp", 2021, 6355.0, 6355.28),
        ("330500", "income_pc_rural", 2021, 41303.0, 41302.65),
        ("330600", "gdp_per_capita", 2021, 127875.0, 127874.73),
        ("330600", "income_pc_rural", 2021, 42636.0, 42636.49),
        ("330800", "income_pc_rural", 2021, 29266.0, 29266.16),
    ] {
        let (r, i) = ids(&ds, code, ind);
        let c = ds.get(r, i, year).unwrap();
        assert_eq!(c.value, value, "{code} {ind} {year}");
        let said = format!("the cell holds {cell}; the table prints {value} (stored as printed)");
        assert!(c.note.unwrap().contains(&said), "{code} {ind}: {:?}", c.note);
    }
    // A page that gives more decimals than the copy's whole number keeps its figure, and says what
    // the table prints (温州 GDP 2023: 8730.6; the table copy 8731).
    let (wz, gdp) = ids(&ds, "330300", "gdp");
    let c = ds.get(wz, gdp, 2023).unwrap();
    assert_eq!(c.value, 8730.6);
    assert!(c.note.unwrap().ends_with("各市国民经济主要指标（2023年） (cell C6) prints 8731"), "{:?}", c.note);
}

#[test]
fn definitions_that_changed_stay_separate_series() {
    let ds = bundled();
    // 杭州: registered population 2012–2015 (年末总人口), resident population from 2016.
    let (hz, registered) = ids(&ds, "330100", "pop_registered");
    let (_, resident) = ids(&ds, "330100", "pop_resident");
    assert_eq!(ds.value(hz, registered, 2015), Some(723.55));
    assert_eq!(ds.value(hz, resident, 2015), None);
    assert_eq!(ds.value(hz, resident, 2016), Some(918.8));
    // Rural net income before 2014, disposable income after: two indicators.
    let (_, net) = ids(&ds, "330100", "income_net_rural");
    let (_, disposable) = ids(&ds, "330100", "income_pc_rural");
    assert!(ds.value(hz, net, 2013).is_some() && ds.value(hz, net, 2014).is_none());
    assert!(ds.value(hz, disposable, 2013).is_none() && ds.value(hz, disposable, 2014).is_some());
}

#[test]
fn a_snapshot_keeps_the_citation_and_a_publication_row_needs_its_cell() {
    let ds = bundled();
    let text = write_snapshot(&ds);
    assert!(text.contains("\"schema_version\": 2,"));
    let (regions, catalog) = bundled_tables().unwrap();
    let back = load_snapshot("snapshot.json", text.as_bytes(), regions, catalog).unwrap();
    assert_eq!(back.sources, ds.sources);
    // A yearbook row without its cell is refused, naming the field.
    let (regions, catalog) = bundled_tables().unwrap();
    let csv = "region_code,indicator,year,value,unit,source_url,source_kind,source_title,cell\n\
               331127,hospital_beds,2024,610,count,https://tjj.zj.gov.cn/,publication,浙江统计年鉴2025 表17-42,\n";
    let err = import_csv_bytes(
        &[("in.csv".into(), csv.as_bytes().to_vec())],
        &Default::default(),
        regions,
        catalog,
        ds.meta.clone(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(err, "in.csv:2: field `cell`: a value from a publication names its edition and table (source_title) and its cell (cell)");
}

#[test]
fn trends_and_convergence_never_run_across_a_series_break() {
    use cpdash::app::analysis::ConvergenceView;
    use cpdash::metrics::report::indicator_row;
    use cpdash::metrics::trend::TrendKind;
    let ds = bundled();
    // 吴兴 2024: the yearbook row most probably includes 南太湖新区 (106.0 against 72.7 in 2021).
    let (wx, pop) = ids(&ds, "330502", "pop_resident");
    let row = indicator_row(&ds, wx, pop, 2024);
    assert_eq!((row.value(), row.basis_from), (Some(106.0), Some(2024)));
    assert_eq!(row.trend.kind, TrendKind::NoTrend, "no trend across the break");
    // 杭州 GDP: 2019–2023 is one basis (from the fourth economic census revision, a trend),
    // 2024 starts the fifth census's (none yet); 2018 is before both.
    let (hz, gdp) = ids(&ds, "330100", "gdp");
    let before = indicator_row(&ds, hz, gdp, 2023);
    assert_eq!(before.basis_from, Some(2019));
    assert_ne!(before.trend.kind, TrendKind::NoTrend);
    assert_eq!(indicator_row(&ds, hz, gdp, 2018).basis_from, None);
    // 金华's resident population: +25.6% from 2019 to 2020 is the census rebasing; a 2021 row's
    // trend starts in 2020, and per-capita GDP follows the population's break.
    let (jh, pop) = ids(&ds, "330700", "pop_resident");
    assert_eq!((ds.value(jh, pop, 2019), ds.value(jh, pop, 2020)), (Some(562.4), Some(706.2)));
    assert_eq!(indicator_row(&ds, jh, pop, 2021).basis_from, Some(2020));
    assert_eq!(indicator_row(&ds, jh, pop, 2019).basis_from, None);
    let (_, gpc) = ids(&ds, "330700", "gdp_per_capita");
    assert_eq!(ds.basis_start(jh, gpc, 2021), Some(2020));
    assert_eq!(indicator_row(&ds, hz, gdp, 2024).basis_from, Some(2024));
    // A derived indicator follows the breaks of what it reads: the cities' max/min of GDP per
    // capita at the province.
    let (zj, mm) = ids(&ds, "330000", "city_gdp_pc_max_min_ratio");
    assert_eq!(ds.basis_start(zj, mm, 2024), Some(2024));
    // The 90 counties' GDP per capita in 2024: β would compare 2023 with 2024 across the census
    // revision, so there is none; the view says which break and how many counties it covers.
    let (_, pc) = ids(&ds, "330000", "gdp_per_capita");
    let counties: Vec<_> = ds.regions.iter().filter(|(_, r)| r.level == "county").map(|(id, _)| id).collect();
    let v = ConvergenceView::new(&ds, counties.clone(), pc, 2024, None);
    assert!(v.beta.is_none(), "{:?}", v.beta.as_ref().map(|b| (b.from, b.to)));
    // Every break in the years compared is named: the 2019 GDP revision, the 2020 census
    // rebasing and the 2024 revision.
    assert_eq!(v.breaks.iter().map(|b| (b.0, b.1)).collect::<Vec<_>>(), [(2019, 90), (2020, 90), (2024, 90)]);
    // In 2023 the years compared hold the first two, not the 2024 revision.
    let v = ConvergenceView::new(&ds, counties, pc, 2023, None);
    assert_eq!(v.breaks.iter().map(|b| (b.0, b.1)).collect::<Vec<_>>(), [(2019, 90), (2020, 90)]);
}

#[test]
fn no_change_on_the_year_before_across_a_break() {
    use cpdash::metrics::report::indicator_row;
    let ds = bundled();
    // 杭州's GDP: 2023 on 2022 is a change; 2024 (the census revision) is not compared with 2023.
    let (hz, gdp) = ids(&ds, "330100", "gdp");
    assert!(indicator_row(&ds, hz, gdp, 2023).change().is_some());
    assert_eq!(indicator_row(&ds, hz, gdp, 2024).basis_from, Some(2024));
    assert_eq!(indicator_row(&ds, hz, gdp, 2024).change(), None);
}
