//! Writing exports to files: names, folders, refusing to overwrite, atomic writes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use super::format::ExportFormat as Format;
use super::report::build;
use super::{csv_out, json, text};
use crate::fsio::{io_reason, write_atomic, WriteError};
use crate::model::indicator::Area;
use crate::model::{Dataset, RegionId};
use crate::strings::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The export folder is a file, or cannot be created.
    Folder(PathBuf, String),
    Write(WriteError),
    /// `--output` names one file but several formats were asked for.
    OneFileManyFormats,
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Folder(p, why) => write!(f, "cannot use {} as the export folder: {why}", p.display()),
            ExportError::Write(e) => write!(f, "{e}"),
            ExportError::OneFileManyFormats => {
                write!(f, "--output names one file; give a single --format, or use --dir")
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// `cpdash_<code>_<year>_<YYYYMMDD-HHMMSS>.<ext>` (with `-2`, `-3`, ... before the extension when
/// that name is taken).
pub fn file_name(code: &str, year: i32, at: &DateTime<Local>, format: Format) -> String {
    format!("cpdash_{code}_{year}_{}.{}", at.format("%Y%m%d-%H%M%S"), format.ext())
}

/// The bytes of one format.
pub fn render(
    ds: &Dataset,
    region: RegionId,
    year: i32,
    area: Option<Area>,
    format: Format,
    at: &DateTime<Local>,
    lang: Lang,
) -> Vec<u8> {
    let stamp = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    match format {
        Format::Json => json::to_json(&build(ds, region, year, area, &stamp, lang)).into_bytes(),
        Format::Csv => csv_out::to_csv(ds, region, year, area),
        Format::Md => {
            text::render(&build(ds, region, year, area, &stamp, lang), text::Layout::Markdown, lang).into_bytes()
        }
        Format::Txt => {
            text::render(&build(ds, region, year, area, &stamp, lang), text::Layout::Plain, lang).into_bytes()
        }
    }
}

/// Where the files go: one explicit `output` file, or generated names in `dir`.
pub enum Target<'a> {
    Output(&'a Path),
    Dir(&'a Path),
}

/// Writes every format; checks first that no file would be overwritten (without `force`), so
/// that either all are written or none.
#[allow(clippy::too_many_arguments)]
pub fn export_files(
    ds: &Dataset,
    region: RegionId,
    year: i32,
    area: Option<Area>,
    formats: &[Format],
    target: Target<'_>,
    force: bool,
    at: &DateTime<Local>,
    lang: Lang,
) -> Result<Vec<PathBuf>, ExportError> {
    let code = &ds.regions.get(region).code;
    let paths: Vec<(Format, PathBuf)> = match target {
        Target::Output(p) => {
            if formats.len() != 1 {
                return Err(ExportError::OneFileManyFormats);
            }
            formats.iter().map(|f| (*f, p.to_path_buf())).collect()
        }
        Target::Dir(dir) => {
            if dir.exists() && !dir.is_dir() {
                return Err(ExportError::Folder(dir.to_path_buf(), "it is a file, not a folder".into()));
            }
            std::fs::create_dir_all(dir).map_err(|e| ExportError::Folder(dir.to_path_buf(), io_reason(&e)))?;
            // Generated names never collide: a second export in the same second gets -2, -3, ...
            let names = |n: usize| -> Vec<(Format, PathBuf)> {
                formats
                    .iter()
                    .map(|f| {
                        let name = file_name(code, year, at, *f);
                        let name = if n < 2 {
                            name
                        } else {
                            name.replacen(&format!(".{}", f.ext()), &format!("-{n}.{}", f.ext()), 1)
                        };
                        (*f, dir.join(name))
                    })
                    .collect()
            };
            let mut n = 1;
            loop {
                let paths = names(n);
                if force || paths.iter().all(|(_, p)| !p.exists()) {
                    break paths;
                }
                n += 1;
            }
        }
    };
    for (_, p) in &paths {
        if p.is_dir() {
            return Err(ExportError::Write(WriteError::IsDir(p.clone())));
        }
        if !force && p.exists() {
            return Err(ExportError::Write(WriteError::Exists(p.clone())));
        }
    }
    let mut written = Vec::new();
    for (f, p) in paths {
        write_atomic(&p, &render(ds, region, year, area, f, at, lang), force).map_err(ExportError::Write)?;
        written.push(p);
    }
    Ok(written)
}
