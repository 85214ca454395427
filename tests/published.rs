//! Metrics computed from the bundled data against the values officially published, listed in
//! assets/reference/province_reported.csv (copied from the shared data folder).

mod common;

use cpdash::load::{load_dataset, DataSource};
use cpdash::metrics::report::area_report;
use cpdash::model::dataset::Resolved;
use cpdash::model::indicator::Area;

fn published(indicator: &str) -> Vec<(i32, f64, String)> {
    let text = include_str!("../assets/reference/province_reported.csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == "330000" && &r[1] == indicator && !r[6].contains("APPROX"))
        .map(|r| (r[2].parse().unwrap(), r[3].parse().unwrap(), r[5].to_string()))
        .collect()
}

#[test]
fn province_urban_rural_income_ratio_matches_the_published_figures() {
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let zj = ds.regions.by_code("330000").unwrap();
    let ratio = ds.catalog.by_id("urban_rural_income_ratio").unwrap();
    let mut checked = Vec::new();
    for (year, value, source) in published("urban_rural_income_ratio") {
        if let Some(v) = ds.resolve_value(zj, ratio, year) {
            // Published to two decimals: 1.96 (2020), 1.94 (2021), 1.90 (2022), 1.86 (2023);
            // sources as in the reference file, e.g. http://www.ezhejiang.gov.cn/2021-01/25/c_585166.htm
            // for 2020 and http://zj.news.cn/2023-01/20/c_1129302814.htm for 2022.
            assert_eq!((v * 100.0).round() / 100.0, value, "{year}: computed {v}, published {value} ({source})");
            checked.push(year);
        }
    }
    assert_eq!(checked, [2020, 2021, 2022, 2023]);
}

#[test]
fn city_income_max_min_ratio_is_missing_where_not_all_cities_have_data() {
    // Published: 1.64 for 2020 (https://guoqi.zjol.com.cn/yw/202109/t20210907_23053503.shtml).
    // The bundled data has 2020 incomes for only some cities, so cpdash must not claim a value;
    // when a year has all 11, the computed ratio must match the published one.
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let zj = ds.regions.by_code("330000").unwrap();
    let mm = ds.catalog.by_id("city_income_max_min_ratio").unwrap();
    let income = ds.catalog.by_id("income_pc").unwrap();
    let pub_values = published("city_income_max_min_ratio");
    assert_eq!(pub_values.len(), 1);
    for (year, value, _) in pub_values {
        match ds.resolve(zj, mm, year) {
            Resolved::Computed { value: v, .. } => assert_eq!((v * 100.0).round() / 100.0, value),
            Resolved::Missing { missing } => {
                let r = area_report(&ds, zj, year, Area::Income);
                let m = common::metric(&ds, &r, "children_max_min_ratio", Some(income)).unwrap();
                assert_eq!(m.of, 11);
                assert_eq!(m.used + missing.len(), 11, "{missing:?}");
                assert!(m.used < 11);
            }
            Resolved::Observed { .. } => panic!("a derived indicator is never stored"),
        }
    }
}
