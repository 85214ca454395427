//! `cpdash import`: long-format CSV files, wide tables and yearbook sheets into a data set.

use std::path::PathBuf;

use super::collected::Collected;
use super::error::{LoadError, LoadErrors};
use super::observations_csv::read_long_csv;
use super::sheet::{is_spreadsheet, read_sheet};
use super::wide_csv::{read_wide_csv, WideOptions};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::SnapshotMeta;
use crate::model::Dataset;

/// Reads every file; all errors of all files are reported together, and nothing is built when
/// there is any.
/// How the CSV files are laid out.
#[derive(Debug, Clone, Default)]
pub enum Layout {
    /// One row per region × indicator × year, each with its source.
    #[default]
    Long,
    /// Wide CSV tables; see [`super::wide_csv`].
    Wide(WideOptions),
    /// Long CSV files, and spreadsheets read as yearbook sheets ([`super::sheet`]) with these
    /// options.
    Sheets(WideOptions),
}

pub fn import_csv_files(
    files: &[PathBuf],
    layout: &Layout,
    regions: RegionTree,
    catalog: Catalog,
    meta: SnapshotMeta,
) -> Result<(Dataset, Vec<LoadError>), LoadErrors> {
    let mut errors = Vec::new();
    let mut contents = Vec::new();
    for f in files {
        let name = f.display().to_string();
        match crate::fsio::read_bounded(f, crate::fsio::MAX_DATA_FILE) {
            Err(why) => errors.push(LoadError::file(&name, format!("cannot be read: {why}"))),
            Ok(bytes) => contents.push((name, bytes)),
        }
    }
    match import_csv_bytes(&contents, layout, regions, catalog, meta) {
        Ok(imported) if errors.is_empty() => Ok(imported),
        Ok(_) => Err(LoadErrors(errors)),
        Err(LoadErrors(mut es)) => {
            errors.append(&mut es);
            Err(LoadErrors(errors))
        }
    }
}

/// As [`import_csv_files`], from (file name, content) pairs already in memory.
pub fn import_csv_bytes(
    files: &[(String, Vec<u8>)],
    layout: &Layout,
    regions: RegionTree,
    catalog: Catalog,
    meta: SnapshotMeta,
) -> Result<(Dataset, Vec<LoadError>), LoadErrors> {
    let mut c = Collected::default();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (name, bytes) in files {
        let no_options = WideOptions::default();
        let read = match layout {
            _ if is_spreadsheet(name, bytes) => {
                let opts = match layout {
                    Layout::Wide(o) | Layout::Sheets(o) => o,
                    Layout::Long => &no_options,
                };
                read_sheet(name, bytes, &regions, &catalog, opts, &mut c).map(|mut w| warnings.append(&mut w))
            }
            Layout::Long | Layout::Sheets(_) => read_long_csv(name, bytes, &regions, &catalog, &mut c),
            Layout::Wide(opts) => read_wide_csv(name, bytes, &regions, &catalog, opts, &mut c),
        };
        if let Err(LoadErrors(mut es)) = read {
            errors.append(&mut es);
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    if c.observations.is_empty() {
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        return Err(
            LoadError::file(&names.join(", "), "the files hold no observations; there is nothing to import").into()
        );
    }
    let (ds, mut more) = c.into_dataset(meta, regions, catalog)?;
    warnings.append(&mut more);
    Ok((ds, warnings))
}

/// `cpdash import --dry-run`: each spreadsheet as understood, its values read and checked but
/// nothing written; errors of every file together.
pub fn dry_run(
    files: &[PathBuf],
    opts: &WideOptions,
    regions: &RegionTree,
    catalog: &Catalog,
) -> Result<String, LoadErrors> {
    let mut out = String::new();
    let mut errors = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let bytes = match crate::fsio::read_bounded(f, crate::fsio::MAX_DATA_FILE) {
            Ok(b) => b,
            Err(why) => {
                errors.push(LoadError::file(&name, format!("cannot be read: {why}")));
                continue;
            }
        };
        if !is_spreadsheet(&name, &bytes) {
            errors
                .push(LoadError::file(&name, "--dry-run shows spreadsheets (.xlsx, .xls) as understood; this is none"));
            continue;
        }
        let mut c = Collected::default();
        match super::sheet::read_sheet_plan(&name, &bytes, (regions, catalog), opts, &mut c, true) {
            Ok((plan, _)) => out += &plan.describe(&name, regions, catalog),
            Err(LoadErrors(mut es)) => errors.append(&mut es),
        }
    }
    LoadErrors::check(errors).map(|()| out)
}
