//! Gap metrics on the hand-made fixture (tests/common), each worked out by hand.

mod common;

use cpdash::metrics::report::{area_report, indicator_row};
use cpdash::metrics::{Status, TrendKind};
use cpdash::model::dataset::Resolved;
use cpdash::model::indicator::Area;
use cpdash::model::Dataset;

fn id(ds: &Dataset, code: &str) -> cpdash::model::RegionId {
    ds.regions.by_code(code).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn dispersion_across_children_with_a_missing_child() {
    let ds = common::fixture();
    let income = ds.catalog.by_id("income_pc").unwrap();
    let r = area_report(&ds, id(&ds, "1"), 2023, Area::Income);
    let get = |m: &str| common::metric(&ds, &r, m, Some(income)).unwrap_or_else(|| panic!("{m}"));
    // Cities: 乙 60000 (pop 100), 丙 40000 (pop 300), 丁 no data → 2 of 3 used.
    let mm = get("children_max_min_ratio");
    assert_eq!(mm.value, Some(1.5)); // 60000 / 40000
    assert_eq!(mm.note(&ds), "乙市 / 丙市");
    assert_eq!((mm.used, mm.of), (2, 3));
    // Max/min is unweighted: only the missing value counts; the weighted metrics also lack
    // 丁市's population (it has no income either, so no weight is missing here).
    assert_eq!(mm.missing_labels(&ds), ["income_pc@30/2023"]);
    assert_eq!(mm.input_labels(&ds), ["income_pc@10/2023 = 60000", "income_pc@20/2023 = 40000"]);
    let gini = get("children_gini");
    assert_eq!(
        gini.input_labels(&ds),
        [
            "income_pc@10/2023 = 60000",
            "income_pc@20/2023 = 40000",
            "pop_resident@10/2023 = 100",
            "pop_resident@20/2023 = 300"
        ]
    );
    // The official ceiling 1.55 applies to the max/min over all the province's cities; over 2 of
    // 3 it is not that statistic, so no target or status is claimed.
    assert_eq!((mm.target(), mm.status()), (None, None));
    // 2022 has all three cities: 55000 / 50000 = 1.1 meets the ceiling.
    let r22 = area_report(&ds, id(&ds, "1"), 2022, Area::Income);
    let mm22 = common::metric(&ds, &r22, "children_max_min_ratio", Some(income)).unwrap();
    assert_eq!((mm22.value, mm22.target(), mm22.status()), (Some(1.1), Some(1.55), Some(Status::Achieved)));
    // Unweighted: mean 50000, sd 10000 → CV 0.2.
    assert!(close(get("children_cv").value.unwrap(), 0.2));
    // Weighted: μ = (60000·100 + 40000·300)/400 = 45000;
    // var = (100·15000² + 300·5000²)/400 = 7.5e7 → CV = sqrt(7.5e7)/45000 = 0.19245.
    assert!(close(get("children_cv_weighted").value.unwrap(), 7.5e7f64.sqrt() / 45000.0));
    // Gini: Σ p_i p_j |Δ| = 2·100·300·20000 = 1.2e9; 2 P² μ = 2·400²·45000 = 1.44e10 → 1/12.
    assert!(close(get("children_gini").value.unwrap(), 1.0 / 12.0));
    // Theil: shares 1/3, 2/3 → T = ⅓ ln(60000/45000) + ⅔ ln(40000/45000) = 0.017372.
    let t = get("children_theil");
    let expected = (1.0 / 3.0) * (4.0f64 / 3.0).ln() + (2.0 / 3.0) * (8.0f64 / 9.0).ln();
    assert!(close(t.value.unwrap(), expected));
    // Unsplit over the children; no city is in a group, so there is no split by group either.
    assert_eq!(t.theil_split(), None);
    assert!(common::metric(&ds, &r, "children_theil_mountain26", Some(income)).is_none());
}

#[test]
fn county_theil_splits_between_and_within_cities_and_by_mountain_tag() {
    let ds = common::fixture();
    let income = ds.catalog.by_id("income_pc").unwrap();
    let r = area_report(&ds, id(&ds, "1"), 2023, Area::Income);
    // Counties: 乙一 60000 (50), 乙二 30000 (50), 丙一 40000 (300).
    // Σpy = 3e6 + 1.5e6 + 12e6 = 16.5e6, P = 400, μ = 41250.
    let mu = 41250.0;
    let total = (3.0 / 16.5) * (60000.0f64 / mu).ln()
        + (1.5 / 16.5) * (30000.0f64 / mu).ln()
        + (12.0 / 16.5) * (40000.0f64 / mu).ln();
    // City 乙: μ 45000, share 4.5/16.5, own T = (3/4.5) ln(60000/45000) + (1.5/4.5) ln(30000/45000).
    // City 丙: μ 40000, share 12/16.5, own T = 0.
    let t_yi = (3.0 / 4.5) * (60000.0f64 / 45000.0).ln() + (1.5 / 4.5) * (30000.0f64 / 45000.0).ln();
    let between = (4.5 / 16.5) * (45000.0f64 / mu).ln() + (12.0 / 16.5) * (40000.0f64 / mu).ln();
    let within = (4.5 / 16.5) * t_yi;
    let lt = common::metric(&ds, &r, "leaves_theil", Some(income)).unwrap();
    assert!(close(lt.value.unwrap(), total), "{lt:?}");
    let split = lt.theil_split().unwrap();
    assert!(close(split.between, between));
    assert!(close(split.within, within));
    assert_eq!(lt.note(&ds), "children");
    assert!((total - 0.016796).abs() < 1e-6);
    let mm = common::metric(&ds, &r, "leaves_max_min_ratio", Some(income)).unwrap();
    assert_eq!((mm.value, mm.note(&ds).as_str()), (Some(2.0), "乙一县 / 乙二县"));
    // Mountain26 (乙二, 丙一) vs rest (乙一 only; 乙三 has no data): one county is too few a group.
    let m = common::metric(&ds, &r, "mountain26_rest_ratio", Some(income)).unwrap();
    assert_eq!(m.value, None);
    assert_eq!(m.parts(&ds), [("mountain26_n".to_string(), 2.0), ("rest_n".to_string(), 1.0)]);
    // With 乙三 at 50000 (pop 100): rest = (60000·50 + 50000·100)/150 = 53333.33;
    // mountain26 = (30000·50 + 40000·300)/350 = 38571.43; ratio 0.723214.
    let more = format!(
        "{}13,income_pc,2023,50000,yuan,http://s,government,\n13,pop_resident,2023,100,10k_persons,http://s,government,\n",
        common::OBSERVATIONS
    );
    let ds2 = common::dataset_from(&more);
    let r2 = area_report(&ds2, id(&ds2, "1"), 2023, Area::Income);
    let m = common::metric(&ds, &r2, "mountain26_rest_ratio", Some(income)).unwrap();
    assert!(close(m.value.unwrap(), (13.5e6 / 350.0) / (8e6 / 150.0)));
    let parts = m.parts(&ds);
    assert_eq!(
        parts.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["mountain26_n", "rest_n", "mountain26", "rest"]
    );
    assert!(close(parts[2].1, 13.5e6 / 350.0) && close(parts[3].1, 8e6 / 150.0));
    let lm = common::metric(&ds, &r, "leaves_theil_mountain26", Some(income)).unwrap();
    let split = lm.theil_split().unwrap();
    assert!(close(split.between + split.within, total));
    // Mountain26 (乙二 30000·50, 丙一 40000·300: μ 38571.43) against 乙一 (60000·50): between =
    // Σ share·ln(μ_g/μ) = (13.5/16.5)·ln(38571.43/41250) + (3/16.5)·ln(60000/41250).
    let between_m = (13.5 / 16.5) * ((13.5e6 / 350.0) / mu).ln() + (3.0 / 16.5) * (60000.0f64 / mu).ln();
    assert!(close(split.between, between_m), "{split:?}");
    assert_eq!(lm.note(&ds), "mountain26");
}

#[test]
fn single_child_and_ranks_with_ties() {
    let ds = common::fixture();
    let income = ds.catalog.by_id("income_pc").unwrap();
    // 丙市 has one county: max/min 1, CV 0, Gini 0.
    let r = area_report(&ds, id(&ds, "20"), 2023, Area::Income);
    assert_eq!(common::metric(&ds, &r, "children_max_min_ratio", Some(income)).unwrap().value, Some(1.0));
    assert_eq!(common::metric(&ds, &r, "children_cv", Some(income)).unwrap().value, Some(0.0));
    assert_eq!(common::metric(&ds, &r, "children_gini", Some(income)).unwrap().value, Some(0.0));
    // 2022: 乙 55000, 丙 55000, 丁 50000 → 1, 1, 3. 2023: 乙 1 of 2, 丙 2 of 2.
    let rank = |code: &str, y| indicator_row(&ds, id(&ds, code), income, y).rank.map(|r| (r.rank, r.of, r.previous));
    assert_eq!(rank("30", 2022), Some((3, 3, None)));
    assert_eq!(rank("10", 2023), Some((1, 2, Some(1))));
    assert_eq!(rank("20", 2023), Some((2, 2, Some(1))));
    assert_eq!(rank("30", 2023), None);
    assert_eq!(rank("1", 2023), None, "the province has no siblings");
}

#[test]
fn derived_ratio_target_status_and_trend() {
    let ds = common::fixture();
    let ratio = ds.catalog.by_id("urban_rural_income_ratio").unwrap();
    let p = id(&ds, "1");
    // 2023: 74000 / 40000 = 1.85, below the 1.9 ceiling.
    let row = indicator_row(&ds, p, ratio, 2023);
    assert!(matches!(row.resolved, Resolved::Computed { value, .. } if close(value, 1.85)));
    let t = row.target.as_ref().unwrap();
    assert_eq!(t.status, Status::Achieved);
    assert!(close(t.gap, -0.05));
    assert_eq!(row.trend.kind, TrendKind::OnTrack);
    assert_eq!(cpdash::strings::Lang::En.trend_sentence(&row.trend), "target below 1.9 met in 2023");
    // 2022: 72000 / 37500 = 1.92; pace from 2021 (2.0): −0.08/yr; 0.02 to go → below 1.9 in 2023.
    let row = indicator_row(&ds, p, ratio, 2022);
    assert!(close(row.value().unwrap(), 1.92));
    assert_eq!(row.target.as_ref().unwrap().status, Status::ChallengesRemain); // midpoint (1.9+2.28)/2 = 2.09
    assert_eq!(cpdash::strings::Lang::En.trend_sentence(&row.trend), "at the 2021–2022 pace, below 1.9 in 2023");
    // 2021 alone: no trend.
    assert_eq!(indicator_row(&ds, p, ratio, 2021).trend.kind, TrendKind::NoTrend);
}

#[test]
fn missing_inputs_are_named_never_zero() {
    let ds = common::fixture();
    let ratio = ds.catalog.by_id("urban_rural_income_ratio").unwrap();
    let r = area_report(&ds, id(&ds, "10"), 2023, Area::UrbanRural);
    let m = common::metric(&ds, &r, "urban_rural_income_ratio", None).unwrap();
    assert_eq!(m.value, None);
    assert_eq!(m.missing_labels(&ds), ["income_pc_urban@10/2023", "income_pc_rural@10/2023"]);
    assert_eq!(r.row(ratio).unwrap().target, None);
    // Max/min of the cities needs all of them: 2023 lacks 丁市; 2022 has all three.
    let mm = ds.catalog.by_id("city_income_max_min_ratio").unwrap();
    match ds.resolve(id(&ds, "1"), mm, 2023) {
        Resolved::Missing { missing } => assert_eq!(missing.len(), 1),
        other => panic!("{other:?}"),
    }
    assert!(close(ds.resolve_value(id(&ds, "1"), mm, 2022).unwrap(), 1.1)); // 55000 / 50000
                                                                            // Income of 乙市 vs the 75000 target: 15000 short (20%), at the red threshold 60000.
    let income = ds.catalog.by_id("income_pc").unwrap();
    let t = indicator_row(&ds, id(&ds, "10"), income, 2023).target.unwrap();
    assert_eq!((t.gap, t.status), (15000.0, Status::MajorChallenges));
    assert!(close(t.gap_pct, 20.0));
}
