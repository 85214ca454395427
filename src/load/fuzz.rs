//! Entry points shared by the fuzz targets (`fuzz/`) and the corpus replay test: each feeds
//! arbitrary bytes to a loader, which must answer with a value or an error, never a panic.

use std::sync::OnceLock;

use super::catalog_csv::parse_catalog;
use super::data_dir::bundled_tables;
use super::observations_csv::{read_long_csv, Collected};
use super::wide_csv::{read_wide_csv, WideOptions};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{Source, SourceKind};

/// The bundled regions and catalog, parsed once per process (each input gets a copy).
fn tables() -> (RegionTree, Catalog) {
    static TABLES: OnceLock<(RegionTree, Catalog)> = OnceLock::new();
    TABLES.get_or_init(|| bundled_tables().expect("bundled tables")).clone()
}

/// The snapshot (and export) JSON loader, against the bundled regions and catalog.
pub fn snapshot(data: &[u8]) {
    let (regions, catalog) = tables();
    let _ = super::snapshot_json::load_snapshot("fuzz.json", data, regions, catalog);
}

/// The long and wide CSV imports, and the catalog table parser.
pub fn csv_import(data: &[u8]) {
    let (regions, catalog) = tables();
    let mut c = Collected::default();
    if read_long_csv("fuzz.csv", data, &regions, &catalog, &mut c).is_ok() {
        let meta = crate::model::snapshot::SnapshotMeta {
            id: "fuzz".into(),
            title: "fuzz".into(),
            as_of: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
            provenance: "fuzz".into(),
        };
        let _ = c.into_dataset(meta, regions.clone(), catalog.clone());
    }
    let opts = WideOptions {
        year: Some(2023),
        source: Some(Source { url: "http://fuzz".into(), kind: SourceKind::Other }),
        ..Default::default()
    };
    let _ = read_wide_csv("fuzz.csv", data, &regions, &catalog, &opts, &mut Collected::default());
    let _ = parse_catalog("fuzz.csv", data);
}

/// The config file parser.
pub fn config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::config::Config::parse("fuzz.toml", text);
    }
}
