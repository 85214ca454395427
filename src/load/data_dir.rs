//! Loading a whole data set: the bundled one, a folder, or a single snapshot file checked against
//! the bundled regions and catalog.

use std::borrow::Cow;
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

/// A file of a data set: its name as errors give it, and its bytes.
type File = (String, Cow<'static, [u8]>);

impl DataSource {
    /// A file of the data set by its name in a data folder. A folder's own file (`None` when an
    /// optional one is absent; a required one absent is an error); a snapshot file stands for
    /// `snapshot.json`, with the bundled rest; else the bundled file.
    fn file(&self, name: &str, required: bool) -> Result<Option<File>, LoadError> {
        match self {
            DataSource::Dir(dir) => {
                let p = dir.join(name);
                if !required && !p.exists() {
                    return Ok(None);
                }
                Ok(Some((p.display().to_string(), Cow::Owned(read(&p)?))))
            }
            DataSource::File(path) if name == SNAPSHOT_FILE => {
                Ok(Some((path.display().to_string(), Cow::Owned(read(path)?))))
            }
            _ => Ok(bundled::file(name).map(|b| (format!("assets/{name}"), Cow::Borrowed(b)))),
        }
    }

    /// A file the data set must have.
    fn required(&self, name: &str) -> Result<File, LoadError> {
        self.file(name, true)?.ok_or_else(|| LoadError::file(name, "no such file among the bundled data"))
    }

    /// The regions (tagged and grouped) and the catalog.
    fn tables(&self) -> Result<(RegionTree, Catalog), LoadErrors> {
        if let DataSource::Dir(dir) = self {
            if !dir.is_dir() {
                return Err(LoadError::file(&dir.display().to_string(), "no such data folder").into());
            }
        }
        let (name, bytes) = self.required("regions.csv")?;
        let mut regions = parse_regions(&name, &bytes)?;
        if let Some((name, bytes)) = self.file("region_tags.csv", false)? {
            apply_tags(&mut regions, &name, &bytes)?;
        }
        if let Some((name, bytes)) = self.file("region_groups.csv", false)? {
            apply_groups(&mut regions, &name, &bytes)?;
        }
        let (name, bytes) = self.required("indicators.csv")?;
        let catalog = parse_catalog(&name, &bytes)?;
        Ok((regions, catalog))
    }
}

/// The bundled regions (tagged) and catalog.
pub fn bundled_tables() -> Result<(RegionTree, Catalog), LoadErrors> {
    DataSource::Bundled.tables()
}

/// Regions and catalog from a folder.
pub fn dir_tables(dir: &Path) -> Result<(RegionTree, Catalog), LoadErrors> {
    DataSource::Dir(dir.to_path_buf()).tables()
}

/// The snapshot of a data set.
const SNAPSHOT_FILE: &str = "snapshot.json";

/// The published figures beside a data set: the bundled ones, or a folder's
/// `reference/province_reported.csv` when it has one.
pub const PUBLISHED_FILE: &str = "reference/province_reported.csv";

/// The series breaks of a data set: the bundled ones, or a folder's `breaks.csv`.
pub const BREAKS_FILE: &str = "breaks.csv";

/// A whole data set: its tables, its snapshot, and the published figures and series breaks
/// beside it, each from where the source keeps it.
pub fn load_dataset(source: &DataSource) -> Result<Dataset, LoadErrors> {
    let (regions, catalog) = source.tables()?;
    let (name, bytes) = source.required(SNAPSHOT_FILE)?;
    let mut ds = load_snapshot(&name, &bytes, regions, catalog)?;
    if let Some((name, bytes)) = source.file(PUBLISHED_FILE, false)? {
        ds.published = parse_published(&name, &bytes, &ds.regions, &ds.catalog)?;
    }
    if let Some((name, bytes)) = source.file(BREAKS_FILE, false)? {
        ds.breaks = parse_breaks(&name, &bytes, &ds.regions, &ds.catalog)?;
    }
    Ok(ds)
}
