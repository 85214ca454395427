//! Loading a whole data set: the bundled one, a folder, or a single snapshot file checked against
//! the bundled regions and catalog.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::breaks_csv::parse_breaks;
use super::bundled;
use super::cache::{self, KeyHasher, Refused, CACHE_FILE, CACHE_MIN_BYTES};
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
        self.file_keyed(name, required, &mut KeyHasher::default())
    }

    /// As [`DataSource::file`], adding a folder's file to the cache key.
    fn file_keyed(&self, name: &str, required: bool, key: &mut KeyHasher) -> Result<Option<File>, LoadError> {
        match self {
            DataSource::Dir(dir) => {
                let p = dir.join(name);
                if !required && !p.exists() {
                    key.absent(name);
                    return Ok(None);
                }
                let bytes = read(&p)?;
                key.file(name, &bytes);
                Ok(Some((p.display().to_string(), Cow::Owned(bytes))))
            }
            DataSource::File(path) if name == SNAPSHOT_FILE => {
                Ok(Some((path.display().to_string(), Cow::Owned(read(path)?))))
            }
            _ => Ok(bundled::file(name).map(|b| (format!("assets/{name}"), Cow::Borrowed(b)))),
        }
    }

    /// A file the data set must have.
    fn required(&self, name: &str, key: &mut KeyHasher) -> Result<File, LoadError> {
        self.file_keyed(name, true, key)?.ok_or_else(|| LoadError::file(name, "no such file among the bundled data"))
    }

    /// The regions (tagged and grouped) and the catalog, their files added to `key`.
    fn tables(&self, key: &mut KeyHasher) -> Result<(RegionTree, Catalog), LoadErrors> {
        if let DataSource::Dir(dir) = self {
            if !dir.is_dir() {
                return Err(LoadError::file(&dir.display().to_string(), "no such data folder").into());
            }
        }
        let (name, bytes) = self.required("regions.csv", key)?;
        let mut regions = parse_regions(&name, &bytes)?;
        if let Some((name, bytes)) = self.file_keyed("region_tags.csv", false, key)? {
            apply_tags(&mut regions, &name, &bytes)?;
        }
        if let Some((name, bytes)) = self.file_keyed("region_groups.csv", false, key)? {
            apply_groups(&mut regions, &name, &bytes)?;
        }
        let (name, bytes) = self.required("indicators.csv", key)?;
        let catalog = parse_catalog(&name, &bytes)?;
        Ok((regions, catalog))
    }

    /// The snapshot of the data set: a large folder's through its cache (see [`super::cache`]),
    /// else parsed. A corrupt cache is said through `note`.
    fn snapshot(
        &self,
        regions: RegionTree,
        catalog: Catalog,
        mut key: KeyHasher,
        cache_min: u64,
        note: &mut dyn FnMut(String),
    ) -> Result<Dataset, LoadErrors> {
        let cached = match self {
            DataSource::Dir(dir) => {
                let snap = dir.join(SNAPSHOT_FILE);
                std::fs::metadata(&snap)
                    .is_ok_and(|m| m.is_file() && m.len() >= cache_min)
                    .then(|| dir.join(CACHE_FILE))
            }
            _ => None,
        };
        let Some(cache) = cached else {
            let (name, bytes) = self.required(SNAPSHOT_FILE, &mut key)?;
            return load_snapshot(&name, &bytes, regions, catalog);
        };
        if cache.exists() {
            match read_cache(&cache, &key, regions.clone(), catalog.clone()) {
                Ok(ds) => return Ok(ds),
                Err(Refused::Stale) => {}
                Err(Refused::Corrupt(why)) => note(format!(
                    "the cache {} is not usable ({why}); the data set was read from its files and the cache rewritten",
                    crate::fit::printable(&cache.display().to_string())
                )),
            }
        }
        let (name, bytes) = self.required(SNAPSHOT_FILE, &mut key)?;
        let ds = load_snapshot(&name, &bytes, regions, catalog)?;
        drop(bytes);
        // A folder that cannot be written runs without a cache.
        let _ = crate::fsio::write_atomic(&cache, &cache::encode(&ds, key.key()), true);
        Ok(ds)
    }
}

/// A folder's cache read back, if it is of these sources: the snapshot is hashed in pieces on
/// a second thread while the cache is read (on a hit it is never held or parsed); a cache of a
/// key other than the snapshot's is dropped as stale.
fn read_cache(cache: &Path, key: &KeyHasher, regions: RegionTree, catalog: Catalog) -> Result<Dataset, Refused> {
    let snap = cache.with_file_name(SNAPSHOT_FILE);
    let mut snap_key = KeyHasher::from(key);
    let (hashed, decoded) = std::thread::scope(|s| {
        let hashing = s.spawn(|| snap_key.stream(SNAPSHOT_FILE, &snap).map(|_| snap_key.key()));
        let decoded = match std::fs::File::open(cache).and_then(|f| Ok((f.metadata()?.len(), f))) {
            // The key the cache claims is compared with the snapshot's hash once both are known.
            Ok((len, mut f)) => cache::decode_keyed(&mut std::io::BufReader::new(&mut f), len, regions, catalog),
            Err(e) => (None, Err(Refused::Corrupt(crate::fsio::io_reason(&e)))),
        };
        (hashing.join(), decoded)
    });
    match (hashed, decoded) {
        (Ok(Ok(key)), (Some(claimed), decoded)) if claimed == key => decoded,
        (_, (None, Err(e @ Refused::Corrupt(_)))) => Err(e),
        _ => Err(Refused::Stale),
    }
}

/// The bundled regions (tagged) and catalog.
pub fn bundled_tables() -> Result<(RegionTree, Catalog), LoadErrors> {
    DataSource::Bundled.tables(&mut KeyHasher::default())
}

/// Regions and catalog from a folder.
pub fn dir_tables(dir: &Path) -> Result<(RegionTree, Catalog), LoadErrors> {
    DataSource::Dir(dir.to_path_buf()).tables(&mut KeyHasher::default())
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
    load_dataset_noting(source, &mut |_| {})
}

/// As [`load_dataset`], saying through `note` what the user should know that is not an error
/// (a corrupt cache, rebuilt).
pub fn load_dataset_noting(source: &DataSource, note: &mut dyn FnMut(String)) -> Result<Dataset, LoadErrors> {
    load_dataset_cached(source, CACHE_MIN_BYTES, note)
}

/// As [`load_dataset_noting`], with a cache for a folder's snapshot of `cache_min` bytes or more.
pub fn load_dataset_cached(
    source: &DataSource,
    cache_min: u64,
    note: &mut dyn FnMut(String),
) -> Result<Dataset, LoadErrors> {
    let mut key = KeyHasher::default();
    let (regions, catalog) = source.tables(&mut key)?;
    let mut ds = source.snapshot(regions, catalog, key, cache_min, note)?;
    if let Some((name, bytes)) = source.file(PUBLISHED_FILE, false)? {
        ds.published = parse_published(&name, &bytes, &ds.regions, &ds.catalog)?;
    }
    if let Some((name, bytes)) = source.file(BREAKS_FILE, false)? {
        ds.breaks = parse_breaks(&name, &bytes, &ds.regions, &ds.catalog)?;
    }
    Ok(ds)
}
