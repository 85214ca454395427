//! Entry points of the fuzz targets (`fuzz/`, built with the `fuzzing` feature) and of the
//! corpus replay test: each feeds arbitrary bytes to a parser, which must answer with a value or
//! an error, never a panic. Not part of release builds.

use std::sync::OnceLock;

use crate::load::catalog_csv::parse_catalog;
use crate::load::collected::Collected;
use crate::load::data_dir::bundled_tables;
use crate::load::observations_csv::read_long_csv;
use crate::load::wide_csv::{read_wide_csv, WideOptions};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{SnapshotMeta, Source, SourceKind};

/// The bundled regions and catalog, parsed once per process (each input gets a copy).
fn tables() -> Option<(RegionTree, Catalog)> {
    static TABLES: OnceLock<Option<(RegionTree, Catalog)>> = OnceLock::new();
    TABLES.get_or_init(|| bundled_tables().ok()).clone()
}

/// The snapshot (and export) JSON loader, against the bundled regions and catalog.
pub fn snapshot(data: &[u8]) {
    let Some((regions, catalog)) = tables() else { return };
    let _ = crate::load::snapshot_json::load_snapshot("fuzz.json", data, regions, catalog);
}

/// The binary cache reader, whatever key the bytes claim, against the smallest tables a cache
/// holds (the seeds are caches of them: arrays of a few cells, not the bundled data's 100,000).
pub fn cache(data: &[u8]) {
    static TABLES: OnceLock<Option<(RegionTree, Catalog)>> = OnceLock::new();
    let Some((regions, catalog)) = TABLES.get_or_init(crate::load::cache::tiny_tables).clone() else { return };
    let _ = crate::load::cache::decode_keyed(&mut &data[..], data.len() as u64, regions, catalog);
}

/// The long and wide CSV imports, and the catalog table parser.
pub fn csv_import(data: &[u8]) {
    let Some((regions, catalog)) = tables() else { return };
    let mut c = Collected::default();
    if read_long_csv("fuzz.csv", data, &regions, &catalog, &mut c).is_ok() {
        let meta = SnapshotMeta {
            id: "fuzz".into(),
            title: "fuzz".into(),
            title_en: None,
            as_of: chrono::NaiveDate::MIN,
            provenance: "fuzz".into(),
        };
        let _ = c.into_dataset(meta, regions.clone(), catalog.clone());
    }
    let opts = WideOptions {
        year: Some(2023),
        source: Some(Source::page("http://fuzz", SourceKind::Other)),
        ..Default::default()
    };
    let _ = read_wide_csv("fuzz.csv", data, &regions, &catalog, &opts, &mut Collected::default());
    let _ = parse_catalog("fuzz.csv", data);
}

/// The yearbook sheet reader with a map and a publisher's address, .xlsx and .xls whole: the zip
/// parts' caps, our OLE container reader and record scan, then calamine (whose panics on damaged
/// .xls records `read_sheet` catches and names; its hook keeps them from counting as crashes).
pub fn sheet(data: &[u8]) {
    let Some((regions, catalog)) = tables() else { return };
    let opts = WideOptions {
        source: Some(Source::page("http://fuzz", SourceKind::Publication)),
        edition: Some("fuzz".into()),
        map: vec![("生产总值".into(), "gdp".into())],
        ..Default::default()
    };
    let _ = crate::load::sheet::read_sheet("fuzz.xlsx", data, &regions, &catalog, &opts, &mut Collected::default());
}

/// The formula parser, and evaluating what it accepts against the bundled data.
pub fn formula(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(f) = crate::model::formula::Formula::parse(text) else { return };
    let _ = f.to_string();
    let _ = f.inputs();
}

/// The config file parser.
pub fn config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::config::Config::parse("fuzz.toml", text);
    }
}

/// Replays every input the fuzzers kept (fuzz/corpus/<target>/) through the same entry points:
/// none may panic. The seeds include the bundled files and the bad inputs of the other tests.
#[cfg(test)]
mod tests {
    use std::path::Path;

    fn replay(target: &str, run: fn(&[u8])) -> usize {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} panics", path.display());
            n += 1;
        }
        n
    }

    #[test]
    fn snapshot_corpus() {
        assert!(replay("snapshot", super::snapshot) > 0);
    }

    #[test]
    fn cache_corpus() {
        assert!(replay("cache", super::cache) > 0);
    }

    #[test]
    fn csv_import_corpus() {
        assert!(replay("csv_import", super::csv_import) > 0);
    }

    #[test]
    fn sheet_corpus() {
        assert!(replay("sheet", super::sheet) > 0);
    }

    #[test]
    fn config_corpus() {
        assert!(replay("config", super::config) > 0);
    }

    #[test]
    fn formula_corpus() {
        assert!(replay("formula", super::formula) > 0);
    }
}
