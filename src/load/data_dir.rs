//! Loading a whole data set: the bundled one, a folder, or a single snapshot file checked against
//! the bundled regions and catalog.

use std::path::{Path, PathBuf};

use super::breaks_csv::parse_breaks;
use super::bundled;
use super::catalog_csv::parse_catalog;
use super::error::{LoadError, LoadErrors};
use super::published_csv::parse_published;
use super::regions_csv::{apply_groups, apply_tags, parse_regions};
use super::snapshot_json::load_snapshot;
use crate::fsio::{read_bounded, MAX_DATA_FILE};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::Dataset;

/// Where a data set comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// Compiled into the binary from `assets/`.
    Bundled,
    /// A folder with `regions.csv`, `indicators.csv`, `snapshot.json` and optionally
    /// `region_tags.csv`.
    Dir(PathBuf),
    /// One snapshot file, read with the bundled regions and catalog.
    File(PathBuf),
}

impl DataSource {
    /// A path given on the command line: a folder, else a snapshot file (a FIFO or `<(…)` too).
    pub fn from_path(path: &Path) -> DataSource {
        if path.exists() && !path.is_dir() {
            DataSource::File(path.to_path_buf())
        } else {
            DataSource::Dir(path.to_path_buf())
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_bounded(path, MAX_DATA_FILE)
        .map_err(|why| LoadError::file(&path.display().to_string(), format!("cannot be read: {why}")))
}

/// The bundled regions (tagged) and catalog.
pub fn bundled_tables() -> Result<(RegionTree, Catalog), LoadErrors> {
    let mut regions = parse_regions("assets/regions.csv", bundled::REGIONS)?;
    apply_tags(&mut regions, "assets/region_tags.csv", bundled::REGION_TAGS)?;
    apply_groups(&mut regions, "assets/region_groups.csv", bundled::REGION_GROUPS)?;
    let catalog = parse_catalog("assets/indicators.csv", bundled::INDICATORS)?;
    Ok((regions, catalog))
}

/// Regions and catalog from a folder.
pub fn dir_tables(dir: &Path) -> Result<(RegionTree, Catalog), LoadErrors> {
    if !dir.is_dir() {
        return Err(LoadError::file(&dir.display().to_string(), "no such data folder").into());
    }
    let p = dir.join("regions.csv");
    let mut regions = parse_regions(&p.display().to_string(), &read(&p)?)?;
    let tags = dir.join("region_tags.csv");
    if tags.exists() {
        apply_tags(&mut regions, &tags.display().to_string(), &read(&tags)?)?;
    }
    let groups = dir.join("region_groups.csv");
    if groups.exists() {
        apply_groups(&mut regions, &groups.display().to_string(), &read(&groups)?)?;
    }
    let p = dir.join("indicators.csv");
    let catalog = parse_catalog(&p.display().to_string(), &read(&p)?)?;
    Ok((regions, catalog))
}

/// The published figures beside a data set: the bundled ones, or a folder's
/// `reference/province_reported.csv` when it has one.
pub const PUBLISHED_FILE: &str = "reference/province_reported.csv";

/// The series breaks of a data set: the bundled ones, or a folder's `breaks.csv`.
pub const BREAKS_FILE: &str = "breaks.csv";

pub fn load_dataset(source: &DataSource) -> Result<Dataset, LoadErrors> {
    let mut ds = match source {
        DataSource::Bundled => {
            let (regions, catalog) = bundled_tables()?;
            load_snapshot("assets/snapshot.json", bundled::SNAPSHOT, regions, catalog)?
        }
        DataSource::Dir(dir) => {
            let (regions, catalog) = dir_tables(dir)?;
            let p = dir.join("snapshot.json");
            load_snapshot(&p.display().to_string(), &read(&p)?, regions, catalog)?
        }
        DataSource::File(path) => {
            let (regions, catalog) = bundled_tables()?;
            load_snapshot(&path.display().to_string(), &read(path)?, regions, catalog)?
        }
    };
    ds.published = match source {
        DataSource::Bundled | DataSource::File(_) => {
            let file = format!("assets/{PUBLISHED_FILE}");
            parse_published(&file, bundled::PUBLISHED, &ds.regions, &ds.catalog)?
        }
        DataSource::Dir(dir) => {
            let p = dir.join(PUBLISHED_FILE);
            if p.exists() {
                parse_published(&p.display().to_string(), &read(&p)?, &ds.regions, &ds.catalog)?
            } else {
                Vec::new()
            }
        }
    };
    ds.breaks = match source {
        DataSource::Bundled | DataSource::File(_) => {
            parse_breaks(&format!("assets/{BREAKS_FILE}"), bundled::BREAKS, &ds.regions, &ds.catalog)?
        }
        DataSource::Dir(dir) => {
            let p = dir.join(BREAKS_FILE);
            if p.exists() {
                parse_breaks(&p.display().to_string(), &read(&p)?, &ds.regions, &ds.catalog)?
            } else {
                Vec::new()
            }
        }
    };
    Ok(ds)
}
