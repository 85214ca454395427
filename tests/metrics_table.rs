//! `cpdash metrics`: the whole metrics table agrees with the dashboard's figures, for a sample of
//! regions, years and indicators, and is written as the command line says.

mod common;

use common::cpdash;
use cpdash::app::{App, Settings};
use cpdash::load::{load_dataset, DataSource};
use cpdash::metrics::{MetricId, Over};

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
    (head, rows)
}

fn field<'a>(head: &[String], row: &'a [String], name: &str) -> &'a str {
    &row[head.iter().position(|h| h == name).unwrap()]
}

#[test]
fn the_regions_table_matches_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = cpdash(dir.path(), &["metrics", "--table", "regions", "--years", "2021-2024"]);
    assert_eq!(code, 0, "{err}");
    let (head, rows) = csv_rows(&out);
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    // Every region × year × indicator that exists for it (context indicators included): the
    // province all 61, the others the 57 that are not provincial statistics.
    let per_year = 61 + 101 * 57;
    assert_eq!(rows.len(), 4 * per_year);
    // A sample: (region, year, indicator), compared with the indicator row the dashboard shows.
    for (code, year, id) in [
        ("330000", 2023, "urban_rural_income_ratio"),
        ("330702", 2024, "urban_rural_income_ratio"),
        ("331100", 2021, "gdp_per_capita"),
        ("330727", 2024, "income_pc_rural"),
        ("330100", 2022, "income_pc"),
        ("331100", 2024, "hospital_beds_per_1000"),
        ("331127", 2024, "urbanization_rate"),
    ] {
        let r = ds.regions.by_code(code).unwrap();
        let ind = ds.catalog.by_id(id).unwrap();
        let want = cpdash::metrics::report::indicator_row(&ds, r, ind, year);
        let row = rows
            .iter()
            .find(|x| x[0] == code && field(&head, x, "year") == year.to_string() && field(&head, x, "indicator") == id)
            .unwrap();
        assert_eq!(
            field(&head, row, "value"),
            want.value().map(|v| v.to_string()).unwrap_or_default(),
            "{code} {year} {id}"
        );
        assert_eq!(field(&head, row, "rank"), want.rank.as_ref().map(|x| x.rank.to_string()).unwrap_or_default());
        assert_eq!(field(&head, row, "status"), want.status().map(|s| s.key().to_string()).unwrap_or_default());
        assert_eq!(field(&head, row, "trend"), want.trend.kind.key());
    }
    // 婺城区 2024, by hand: 70,881 / 34,048 = 2.0818, 9.568% above 1.9; the widest of the 9
    // districts and counties of 金华市 (ranks are among siblings here).
    let wc = rows.iter().find(|x| x[0] == "330702" && x[5] == "2024" && x[7] == "urban_rural_income_ratio").unwrap();
    assert!(field(&head, wc, "value").starts_with("2.0817962"), "{wc:?}");
    assert_eq!(field(&head, wc, "value_kind"), "computed");
    assert_eq!(field(&head, wc, "status"), "challenges_remain");
    assert!(field(&head, wc, "gap_pct").starts_with("9.568"), "{wc:?}");
    assert_eq!((field(&head, wc, "rank"), field(&head, wc, "rank_of")), ("9", "9"));
    // Missing stays empty, never 0.
    let missing =
        rows.iter().find(|x| x[0] == "330000" && x[5] == "2024" && x[7] == "urban_rural_income_ratio").unwrap();
    assert_eq!((field(&head, missing, "value"), field(&head, missing, "value_kind")), ("", "missing"));
}

#[test]
fn the_dispersion_table_matches_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) =
        cpdash(dir.path(), &["metrics", "--table", "dispersion", "--years", "2023", "--area", "urban_rural"]);
    assert_eq!(code, 0, "{err}");
    let (head, rows) = csv_rows(&out);
    let mut app = App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default());
    common::go_to_year(&mut app, 2023);
    common::press(&mut app, "2");
    let ind = app.indicator();
    assert_eq!(app.ds.catalog.get(ind).id, "urban_rural_income_ratio");
    let row =
        rows.iter().find(|x| x[0] == "330000" && field(&head, x, "indicator") == "urban_rural_income_ratio").unwrap();
    for (col, id) in [
        ("max_min_ratio", MetricId::MaxMinRatio(Over::Children)),
        ("cv", MetricId::Cv(Over::Children)),
        ("cv_weighted", MetricId::CvWeighted(Over::Children)),
        ("gini", MetricId::Gini(Over::Children)),
        ("theil", MetricId::Theil(Over::Children)),
    ] {
        let want = app.dispersion_metric(id, ind).and_then(|m| m.value).map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(field(&head, row, col), want, "{col}");
    }
    // 金华 (330700) 1.93 the widest, 嘉兴 (330400) 1.53 the narrowest of the 11 cities.
    assert_eq!((field(&head, row, "max_region"), field(&head, row, "min_region")), ("330700", "330400"));
    assert_eq!((field(&head, row, "n"), field(&head, row, "of")), ("11", "11"));
    // Totals (GDP, population) are not compared for inequality: no rows.
    assert!(!rows.iter().any(|x| field(&head, x, "indicator") == "pop_resident"));
}

#[test]
fn written_to_a_file_atomically_and_never_over_one_silently() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["metrics", "--table", "dispersion", "--years", "2024", "--output", "d.csv"];
    let (code, out, _) = cpdash(dir.path(), &args);
    assert_eq!((code, out.as_str()), (0, ""));
    let first = std::fs::read_to_string(dir.path().join("d.csv")).unwrap();
    assert!(first.starts_with("parent_code,"));
    let (code, _, err) = cpdash(dir.path(), &args);
    assert_eq!(code, 1);
    assert!(err.contains("d.csv already exists; use --force to replace it"), "{err}");
    let (code, _, err) = cpdash(dir.path(), &["metrics", "--table", "regions", "--years", "2040"]);
    assert_eq!(code, 1);
    assert!(err.contains("--years: the data has no year in 2040-2040"), "{err}");
}

/// The dispersion table's numbers-only path agrees with the dashboard's metrics on every parent,
/// dispersion indicator and year of the bundled data.
#[test]
fn the_numbers_only_dispersion_agrees_with_the_metrics() {
    use cpdash::metrics::report::{children_dispersion, children_numbers, has_dispersion};
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let (mut compared, mut split) = (0, 0);
    for (parent, _) in ds.regions.iter().filter(|(r, _)| !ds.regions.children(*r).is_empty()) {
        for (ind, def) in ds.catalog.iter().filter(|(_, d)| has_dispersion(d)) {
            for year in ds.years() {
                let m = children_dispersion(&ds, parent, ind, year);
                let x = children_numbers(&ds, parent, ind, year);
                let get = |id: MetricId| m.iter().find(|m| m.id == id);
                let value = |id: MetricId| get(id).and_then(|m| m.value);
                let mm = get(MetricId::MaxMinRatio(Over::Children));
                assert_eq!(x.n, mm.map_or(0, |m| m.used), "{} {year}", def.id);
                assert_eq!(x.max_min, value(MetricId::MaxMinRatio(Over::Children)));
                let ends = mm.and_then(|m| m.extremes().filter(|_| m.value.is_some()));
                assert_eq!(x.max.map(|m| (m.0, m.1)), ends.map(|e| (e.max.1, e.max.0)));
                assert_eq!(x.min.map(|m| (m.0, m.1)), ends.map(|e| (e.min.1, e.min.0)));
                assert_eq!(x.cv, value(MetricId::Cv(Over::Children)));
                assert_eq!(x.cv_weighted, value(MetricId::CvWeighted(Over::Children)));
                assert_eq!(x.gini, value(MetricId::Gini(Over::Children)));
                assert_eq!(x.theil, value(MetricId::Theil(Over::Children)));
                let by_group: Vec<Option<f64>> = ds
                    .regions
                    .groups_indexed()
                    .map(|(g, _)| get(MetricId::TheilGroup(Over::Children, g)).and_then(|m| m.theil_split()))
                    .map(|s| s.map(|s| s.between))
                    .collect();
                assert_eq!(x.theil_between, by_group);
                compared += usize::from(x.n > 0);
                split += x.theil_between.iter().flatten().count();
            }
        }
    }
    assert!(compared > 300, "{compared} groups with data compared");
    // Cities whose counties are split by a group (mountain26, mountain_island25) in some years.
    assert!(split > 50, "{split} splits by group");
}

#[test]
fn filters_that_select_nothing_are_said_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (args, why) in [
        (
            &["--table", "regions", "--area", "culture", "--indicator", "gdp"][..],
            "the --area and --indicator given select no indicator together",
        ),
        (
            &["--table", "dispersion", "--indicator", "gdp"][..],
            "the indicators selected are totals or group statistics",
        ),
        (&["--table", "dispersion", "--region", "331127"][..], "region 331127 has no children"),
    ] {
        let mut all = vec!["metrics"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--output", "m.csv"]);
        let (code, out, err) = common::cpdash(dir.path(), &all);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(out, "");
        assert!(err.starts_with(&format!("cpdash: the table would have no rows: {why}")), "{err}");
        assert!(!dir.path().join("m.csv").exists());
    }
}

#[test]
fn the_dispersion_table_follows_the_screens_coverage_rule() {
    // 2024: two of the eleven cities have an all-resident income. Their extremes are listed, but
    // no CV, Gini or Theil is given for eleven cities from two (the screen says "too few").
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = common::cpdash(
        dir.path(),
        &["metrics", "--table", "dispersion", "--indicator", "income_pc", "--years", "2024"],
    );
    assert_eq!(code, 0, "{err}");
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = out.lines().find(|l| l.starts_with("330000,")).unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((col("n"), col("of")), ("2", "11"));
    assert!(!col("max").is_empty() && !col("min").is_empty());
    for stat in ["max_min_ratio", "cv", "cv_weighted", "gini", "theil"] {
        assert_eq!(col(stat), "", "{stat}");
    }
}

/// A command runs in the test's own process, without spawning the binary.
#[test]
fn a_command_runs_as_a_function() {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.csv");
    let args = ["cpdash", "metrics", "--table", "dispersion", "--years", "2024", "--indicator", "income_pc_rural"];
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    args.extend(["--output".into(), out.display().to_string()]);
    let code = cpdash::cli::run(cpdash::cli::Cli::try_parse_from(&args).unwrap()).unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let text = std::fs::read_to_string(&out).unwrap();
    let head = text.lines().next().unwrap();
    assert!(head.ends_with(",theil,theil_between_mountain26_rest,theil_between_mountain_island25_rest"), "{head}");
    // The province and its 11 cities are parents of children with rural incomes in 2024.
    assert_eq!(text.lines().count(), 1 + 12, "{text}");
    let err = cpdash::cli::Cli::try_parse_from(["cpdash", "metrics", "--table", "regions", "--area", "x"]).unwrap_err();
    assert!(err.to_string().contains("unknown area \"x\" (regional, urban_rural"), "{err}");
}

/// Parquet, read back by an independent reader (pyarrow), holds the CSV's rows and values, typed:
/// the metrics tables and the tidy multi-year export.
#[test]
fn parquet_reads_back_in_pyarrow_as_the_csv() {
    if !common::python_modules(&["pyarrow"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for table in ["regions", "dispersion"] {
        for (format, file) in [("csv", format!("{table}.csv")), ("parquet", format!("{table}.parquet"))] {
            let args = ["metrics", "--table", table, "--years", "2019-2024", "--format", format, "--output", &file];
            let (code, _, err) = cpdash(dir.path(), &args);
            assert_eq!(code, 0, "{err}");
        }
    }
    let (code, _, err) = cpdash(
        dir.path(),
        &["export", "--region", "331100", "--years", "2019-2024", "--format", "csv", "--format", "parquet"],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cpdash(dir.path(), &["metrics", "--table", "regions", "--format", "parquet"]);
    assert_eq!(code, 1);
    assert!(err.contains("--format parquet writes a file (binary): give --output FILE.parquet"), "{err}");
    let script = r#"
import glob, sys, pyarrow as pa, pyarrow.parquet as pq, pyarrow.csv as pc
pairs = [("regions.parquet", "regions.csv"), ("dispersion.parquet", "dispersion.csv"),
         (glob.glob("exports/*.parquet")[0], glob.glob("exports/*.csv")[0])]
for p, c in pairs:
    t = pq.read_table(p)
    csv = pc.read_csv(c, convert_options=pc.ConvertOptions(column_types=t.schema, strings_can_be_null=True))
    assert t.num_rows == csv.num_rows and t.num_rows > 1000, (p, t.num_rows, csv.num_rows)
    assert t.schema.names == csv.schema.names, p
    for col in t.column_names:
        assert t[col].equals(csv[col]), (p, col)
    types = dict(zip(t.schema.names, map(str, t.schema.types)))
    assert types["year"] == "int64", types
    assert types[t.schema.names[0]] == "string", types
    value = "value" if "value" in types else "max_min_ratio"
    assert types[value] == "double", types
    # Missing values are nulls, never 0.
    assert t[value].null_count > 0, (p, value)
    print(p, t.num_rows, t[value].null_count)
"#;
    let out = std::process::Command::new("python3").args(["-c", script]).current_dir(dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.lines().count(), 3, "{text}");
}
