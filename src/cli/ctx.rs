//! What every command gets: the global options and the config, and the data set they name.

use std::path::PathBuf;

use anyhow::{anyhow, Result};

use crate::config::Config;
use crate::load::DataSource;
use crate::model::{Dataset, RegionId};

/// The global options and the config.
pub struct Ctx {
    pub data: Option<PathBuf>,
    pub trend_window: Option<i32>,
    pub config: Config,
}

impl Ctx {
    /// The data the command line or the config names, else the bundled data.
    pub fn source(&self) -> DataSource {
        match &self.data {
            Some(p) => DataSource::from_path(p),
            None if !self.config.data_dir.is_empty() => {
                DataSource::from_path(&crate::config::expand_home(&self.config.data_dir))
            }
            None => DataSource::Bundled,
        }
    }

    /// The data set, with the trend window the command line or the config chooses.
    pub fn dataset(&self) -> Result<Dataset> {
        let mut ds = load(&self.source())?;
        ds.trend_window = self.trend_window.unwrap_or(self.config.trend_window);
        Ok(ds)
    }
}

/// A data set, its notes (a damaged cache, rebuilt) said on standard error: before the
/// dashboard takes the screen, so that they stay readable.
pub fn load(source: &DataSource) -> Result<Dataset, crate::load::LoadErrors> {
    crate::load::load_dataset_noting(source, &mut |n| eprintln!("cpdash: note: {n}"))
}

/// The region named on the command line and the year: given, else the latest year in which the
/// region has any observation.
pub fn region_and_year(ds: &Dataset, region: &str, year: Option<i32>) -> Result<(RegionId, i32)> {
    let r = ds.regions.resolve(region).map_err(|e| anyhow!("--region: {e}"))?;
    let y = match year {
        Some(y) if ds.years().contains(&y) => y,
        Some(y) => {
            return Err(anyhow!(
                "--year: the data has no year {y} (it covers {}–{})",
                ds.years().start(),
                ds.years().end()
            ))
        }
        None => {
            ds.export_year_for(r).ok_or_else(|| anyhow!("{} has no data in any year", ds.regions.get(r).name_zh))?
        }
    };
    Ok((r, y))
}
