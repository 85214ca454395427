//! Data files that claim or imply more than a data set holds: refused before it is allocated,
//! or counted past the first 1,000 instead of described one by one.

use cpdash::load::breaks_csv::parse_breaks;
use cpdash::load::data_dir::bundled_tables;
use cpdash::load::import::import_csv_bytes;
use cpdash::load::regions_csv::parse_regions;
use cpdash::model::snapshot::SnapshotMeta;

#[test]
fn a_regions_table_of_too_many_lines_is_refused_before_its_rows_are_read() {
    let mut csv = String::from("code,parent_code,level,kind,name_zh,name_en,name_pinyin\n");
    csv.push_str(&"x\n".repeat(200_001));
    let err = parse_regions("regions.csv", csv.as_bytes()).unwrap_err().to_string();
    assert_eq!(err, "regions.csv: 200002 lines: more than 200000 regions");
    // The same with lines ended by a CR alone.
    let cr = csv.replace('\n', "\r");
    let err = parse_regions("regions.csv", cr.as_bytes()).unwrap_err().to_string();
    assert_eq!(err, "regions.csv: 200002 lines: more than 200000 regions");
}

#[test]
fn tree_breaks_that_cover_millions_of_series_are_refused() {
    // Each `tree` row of the province covers its 102 regions; 10,000 rows would be 1,020,000
    // breaks, each with its reasons.
    let (regions, catalog) = bundled_tables().unwrap();
    let mut csv = String::from("region_code,scope,indicator,year,reason_zh,reason_en,source_url\n");
    // Distinct rows (a row given twice is refused on its own): indicators × years.
    let ids: Vec<String> = catalog.iter().map(|(_, d)| d.id.clone()).collect();
    for k in 0..10_000 {
        csv.push_str(&format!("330000,tree,{},{},修订,revised,http://s\n", ids[k % ids.len()], 1900 + k / ids.len()));
    }
    let err = parse_breaks("breaks.csv", csv.as_bytes(), &regions, &catalog).unwrap_err().to_string();
    assert_eq!(
        err,
        "breaks.csv:9805: field `scope`: the rows so far cover more than 1000000 region series; stopped here"
    );
    // The bundled rows share their words across the regions they cover.
    let ok =
        "region_code,scope,indicator,year,reason_zh,reason_en,source_url\n330000,tree,gdp,2020,修订,revised,http://s\n";
    let b = parse_breaks("breaks.csv", ok.as_bytes(), &regions, &catalog).unwrap();
    assert_eq!(b.len(), 102);
    assert!(std::sync::Arc::ptr_eq(&b[0].reason_zh, &b[101].reason_zh));
}

#[test]
fn thousands_of_conflicting_cells_are_counted_past_the_first_thousand() {
    let (regions, catalog) = bundled_tables().unwrap();
    let mut csv = String::from("region_code,indicator,year,value,unit,source_url\n");
    let codes = [
        "330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800", "330900", "331000", "331100",
        "330102", "330105", "330106", "330108",
    ];
    for y in 0..1500 {
        let year = 1920 + y % 100;
        let code = codes[y / 100];
        csv.push_str(&format!("{code},gdp,{year},1,100m_yuan,http://a\n{code},gdp,{year},2,100m_yuan,http://a\n"));
    }
    let meta = SnapshotMeta {
        id: "t".into(),
        title: "t".into(),
        title_en: None,
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        provenance: "t".into(),
    };
    let err = import_csv_bytes(&[("c.csv".into(), csv.into_bytes())], &Default::default(), regions, catalog, meta)
        .unwrap_err();
    assert_eq!(err.0.len(), 1001);
    assert!(err.0[0].to_string().starts_with("c.csv:3: field `value`: a second, different value 2"), "{}", err.0[0]);
    assert_eq!(err.0[1000].to_string(), "c.csv: and 500 more cells given a second, different value, not listed");
}

#[test]
fn a_year_after_the_data_sets_date_is_not_an_observation() {
    let (regions, catalog) = bundled_tables().unwrap();
    let csv = "region_code,indicator,year,value,unit,source_url\n330100,gdp,2023,1,100m_yuan,http://a\n330100,gdp,2099,1,100m_yuan,http://a\n";
    let meta = SnapshotMeta {
        id: "t".into(),
        title: "t".into(),
        title_en: None,
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        provenance: "t".into(),
    };
    let err =
        import_csv_bytes(&[("y.csv".into(), csv.as_bytes().to_vec())], &Default::default(), regions, catalog, meta)
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "y.csv:3: field `year`: the year 2099 is after the data set's date 2024-01-01: a value cannot have been observed yet"
    );
}

#[test]
fn a_snapshot_with_values_after_its_date_is_refused() {
    let (regions, catalog) = bundled_tables().unwrap();
    let json = r#"{"format": "cpdash-snapshot", "schema_version": 2, "id": "t", "title": "t", "as_of": "2020-01-01", "provenance": "t", "years": [2024, 2024], "sources": [{"url": "http://s", "kind": "government"}], "notes": [], "series": [{"indicator": "gdp", "year": 2024, "unit": "100m_yuan", "obs": [["330000", 1, 0, null]]}]}"#;
    let err = cpdash::load::snapshot_json::load_snapshot("s.json", json.as_bytes(), regions, catalog).unwrap_err();
    assert_eq!(
        err.to_string(),
        "s.json: field `series`: gdp has values for 2024, after the data set's date 2020-01-01: a value cannot have been observed yet"
    );
}

#[test]
fn series_before_their_sources_are_held_only_in_a_small_file() {
    // Over 64 MiB with the series first: refused at the key, not buffered at several times the file.
    let (regions, catalog) = bundled_tables().unwrap();
    let obs = "[\"330000\", 1, 0, null],".repeat(3_000_000);
    let json = format!(
        "{{\"format\": \"cpdash-snapshot\", \"schema_version\": 2, \"series\": [{{\"indicator\": \"gdp\", \"year\": 2020, \"unit\": \"100m_yuan\", \"obs\": [{}]}}], \"id\": \"t\", \"title\": \"t\", \"as_of\": \"2024-01-01\", \"provenance\": \"t\", \"years\": [2020, 2020], \"sources\": [{{\"url\": \"http://s\", \"kind\": \"government\"}}], \"notes\": []}}",
        obs.trim_end_matches(',')
    );
    assert!(json.len() > 64 << 20);
    let err = cpdash::load::snapshot_json::load_snapshot("big.json", json.as_bytes(), regions, catalog)
        .unwrap_err()
        .to_string();
    assert!(err.contains("the series come before years, sources and notes, and the file is over 64 MiB"), "{err}");
}

#[test]
fn lists_of_millions_of_notes_are_refused_as_they_are_read() {
    let (regions, catalog) = bundled_tables().unwrap();
    let notes = "\"\",".repeat(5_000_001);
    let json = format!(
        "{{\"format\": \"cpdash-snapshot\", \"schema_version\": 2, \"id\": \"t\", \"title\": \"t\", \"as_of\": \"2024-01-01\", \"provenance\": \"t\", \"years\": [2020, 2020], \"sources\": [], \"notes\": [{}], \"series\": []}}",
        notes.trim_end_matches(',')
    );
    let err = cpdash::load::snapshot_json::load_snapshot("n.json", json.as_bytes(), regions, catalog)
        .unwrap_err()
        .to_string();
    assert!(err.contains("notes: more than 5000000 entries or 256 MiB of text"), "{err}");
}
