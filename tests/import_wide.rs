//! `cpdash import --wide`: yearbook layouts, GBK, name matching, units, missing cells.

use std::process::Command;

use cpdash::load::catalog_csv::parse_catalog;
use cpdash::load::collected::Collected;
use cpdash::load::data_dir::bundled_tables;
use cpdash::load::regions_csv::parse_regions;
use cpdash::load::wide_csv::{read_wide_csv, WideOptions};
use cpdash::load::{load_dataset, DataSource};
use cpdash::model::{Source, SourceKind};

const WENZHOU_BULLETIN: &str = "http://wztjj.wenzhou.gov.cn/art/2022/3/1/art_1243860_58726707.html";

fn opts(year: Option<i32>, indicator: Option<&str>, unit: Option<&str>) -> WideOptions {
    WideOptions {
        indicator: indicator.map(Into::into),
        unit: unit.map(Into::into),
        year,
        parent: None,
        source: Some(Source::page("http://example.org/table", SourceKind::Other)),
        note: None,
        ..WideOptions::default()
    }
}

#[test]
fn the_worked_example_reproduces_the_bundled_values() {
    // README: the 2021 Wenzhou population bulletin as a regions × indicators table.
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = dir.path().join("wz.json");
    let status = Command::new(env!("CARGO_BIN_EXE_cpdash"))
        .current_dir(root)
        .args(["import", "--wide", "assets/examples/wenzhou_2021_population.csv", "--year", "2021", "--parent", "温州"])
        .args(["--source", WENZHOU_BULLETIN, "--source-kind", "government", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let wide = load_dataset(&DataSource::File(out)).unwrap();
    let bundled = load_dataset(&DataSource::Bundled).unwrap();
    assert_eq!(wide.n_observations(), 24);
    for (r, i, y, cell) in wide.observations() {
        let b = bundled.get(r, i, y).unwrap();
        assert_eq!(cell.value, b.value, "{} {}", wide.regions.get(r).code, wide.catalog.get(i).id);
        assert_eq!(b.source.url, WENZHOU_BULLETIN);
    }
}

#[test]
fn gbk_years_as_columns_and_unit_conversion() {
    let (regions, catalog) = bundled_tables().unwrap();
    // 云和县 GDP in 10,000 yuan, years as columns, saved in GBK as Excel does.
    let text = "地区,2021,2022年,2023\n云和县,\"972,846\",951435,—\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let mut c = Collected::default();
    read_wide_csv("gdp.csv", &gbk, &regions, &catalog, &opts(None, Some("地区生产总值"), Some("万元")), &mut c)
        .unwrap();
    let mut got: Vec<(i32, f64)> = c.observations.iter().map(|o| (o.year, o.value)).collect();
    got.sort_by_key(|g| g.0);
    // 972846 万元 = 97.2846 亿元; the 2023 "—" is missing, not 0.
    assert_eq!(got, [(2021, 97.2846), (2022, 95.1435)]);
    // The indicator and unit can come from the first header cell instead.
    let mut c = Collected::default();
    read_wide_csv(
        "gdp.csv",
        "地区生产总值(亿元),2021\n云和,97.2846\n".as_bytes(),
        &regions,
        &catalog,
        &opts(None, None, None),
        &mut c,
    )
    .unwrap();
    assert_eq!(c.observations[0].value, 97.2846);
}

/// The error message of importing `csv` (named t.csv) with `opts`.
fn wide_error(csv: &str, opts: &WideOptions) -> String {
    let (regions, catalog) = bundled_tables().unwrap();
    read_wide_csv("t.csv", csv.as_bytes(), &regions, &catalog, opts, &mut Collected::default()).unwrap_err().to_string()
}

#[test]
fn names_are_matched_with_or_without_suffix_and_errors_say_where() {
    let (regions, catalog) = bundled_tables().unwrap();
    let y2023 = opts(Some(2023), None, None);
    assert_eq!(
        wide_error("地区,常住人口(万人)\n全省,6627\n景宁,\n鼓楼区,5\n丽水市,abc\n", &y2023),
        "t.csv:4: field `地区`: no region is called \"鼓楼区\"\nt.csv:5: field `常住人口(万人)`: \"abc\" is not a number"
    );
    let e = wide_error("地区,人均收入(元)\n丽水,1\n", &y2023);
    assert!(e.starts_with("t.csv:1: field `人均收入(元)`: no indicator of the catalog is called \"人均收入\""), "{e}");
    assert_eq!(
        wide_error("地区,2021\n丽水,1\n", &opts(None, None, None)),
        "t.csv:1: field `地区`: the columns are years: say which indicator with --indicator"
    );
    assert_eq!(
        wide_error("地区,城乡居民收入倍差(倍)\n丽水,1.9\n", &y2023),
        "t.csv:1: field `城乡居民收入倍差(倍)`: \"urban_rural_income_ratio\" is derived (income_pc_urban / income_pc_rural); it is computed, not imported"
    );
    // A city total needs --parent; 全省 is the province.
    assert_eq!(
        wide_error("地区,常住人口(万人)\n全市,957.29\n", &opts(Some(2021), None, None)),
        "t.csv:2: field `地区`: \"全市\" is a total of the table's region: say which with --parent"
    );
    let mut wz = opts(Some(2021), None, None);
    wz.parent = Some("温州".into());
    let mut c2 = Collected::default();
    read_wide_csv("t.csv", "地区,常住人口(万人)\n全市,957.29\n".as_bytes(), &regions, &catalog, &wz, &mut c2).unwrap();
    assert_eq!(regions.get(c2.observations[0].region).code, "330300");
    let mut no_source = opts(Some(2023), None, None);
    no_source.source = None;
    assert_eq!(
        wide_error("地区,常住人口(万人)\n丽水,1\n", &no_source),
        "t.csv: a wide table needs --source URL: the address its figures were read from"
    );
}

#[test]
fn an_ambiguous_name_asks_for_a_parent() {
    let regions = parse_regions(
        "r.csv",
        "code,parent_code,level,kind,name_zh,name_en,name_pinyin\n1,,province,province,甲省,A,a\n10,1,city,c,乙市,B,b\n20,1,city,c,丙市,C,c\n11,10,county,district,鼓楼区,G1,gulou\n21,20,county,district,鼓楼区,G2,gulou\n"
            .as_bytes(),
    )
    .unwrap();
    let catalog = parse_catalog(
        "i.csv",
        "id,area,name_zh,name_en,unit,direction\npop_resident,regional,常住人口,Population,10k_persons,higher_better\n"
            .as_bytes(),
    )
    .unwrap();
    let mut c = Collected::default();
    let table = "地区,常住人口(万人)\n鼓楼区,5\n".as_bytes();
    let e = read_wide_csv("t.csv", table, &regions, &catalog, &opts(Some(2023), None, None), &mut c).unwrap_err();
    assert_eq!(e.to_string(), "t.csv:2: field `地区`: \"鼓楼区\" is ambiguous (11 鼓楼区, 21 鼓楼区); give --parent");
    let mut o = opts(Some(2023), None, None);
    o.parent = Some("丙市".into());
    read_wide_csv("t.csv", table, &regions, &catalog, &o, &mut c).unwrap();
    assert_eq!(regions.get(c.observations[0].region).code, "21");
}
