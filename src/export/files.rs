//! Writing exports to files: names, folders, refusing to overwrite, atomic writes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use super::document::{Document, Needs};
use super::format::ExportFormat as Format;
use super::request::Request;
use crate::fsio::{io_reason, write_atomic, WriteError};

pub use super::error::ExportError;
use crate::model::Dataset;

/// `cpdash_<code>_<year>_<YYYYMMDD-HHMMSS>.<ext>`, `<year>` a span `2019-2024` for several years
/// (with `-2`, `-3`, ... before the extension when that name is taken).
pub fn file_name(code: &str, years: &str, at: &DateTime<Local>, format: Format) -> String {
    format!("cpdash_{code}_{years}_{}.{}", at.format("%Y%m%d-%H%M%S"), format.ext())
}

/// One file of an export: the suffix after the export's base name (`_map` for a chart, empty
/// for the report itself), its extension and its bytes.
pub struct Output {
    pub suffix: String,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// The export of `formats` built once: what the most demanding of them needs.
pub fn document(ds: &Dataset, req: &Request, formats: &[Format], at: &DateTime<Local>) -> Document {
    let needs = formats.iter().fold(Needs::REPORT, |n, f| n.and(f.needs()));
    Document::build(ds, req, &at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false), needs)
}

/// The files of the formats asked for, each rendered from the one document: one per format,
/// the charts' several for `svg`; a Markdown report beside SVG charts links them (`name` gives
/// the file name of a suffix and extension).
pub fn outputs(
    doc: &Document,
    formats: &[Format],
    name: &dyn Fn(&str, &str) -> String,
) -> Result<Vec<Output>, ExportError> {
    let links: Vec<(String, String)> = if formats.contains(&Format::Svg) {
        doc.charts().all().map(|c| (c.title.clone(), name(&format!("_{}", c.name), Format::Svg.ext()))).collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for f in formats {
        for part in (f.render())(doc, &links)? {
            out.push(Output { suffix: part.suffix, ext: f.ext(), bytes: part.bytes });
        }
    }
    Ok(out)
}

/// The bytes of one format (`svg`: every chart, one after the other; see [`outputs`]).
pub fn render(ds: &Dataset, req: &Request, format: Format, at: &DateTime<Local>) -> Result<Vec<u8>, ExportError> {
    let doc = document(ds, req, &[format], at);
    Ok((format.render())(&doc, &[])?.into_iter().flat_map(|p| p.bytes).collect())
}

/// Where the files go: one explicit `output` file, or generated names in `dir`.
pub enum Target<'a> {
    Output(&'a Path),
    Dir(&'a Path),
}

/// Writes every format; checks first that no file would be overwritten (without `force`), so
/// that either all are written or none.
pub fn export_files(
    ds: &Dataset,
    req: &Request,
    formats: &[Format],
    target: Target<'_>,
    force: bool,
    at: &DateTime<Local>,
) -> Result<Vec<PathBuf>, ExportError> {
    let code = &ds.regions.get(req.region).code;
    let years = req.years_label();
    let base = file_name(code, &years, at, Format::Json);
    let base = base.trim_end_matches(".json").to_string();
    let name = |suffix: &str, ext: &str| format!("{base}{suffix}.{ext}");
    let doc = document(ds, req, formats, at);
    let probe = outputs_names(&doc, formats, &name);
    let (paths, n0): (Vec<PathBuf>, Option<usize>) = match target {
        Target::Output(p) => {
            if probe.len() != 1 {
                return Err(ExportError::OneFileManyFormats);
            }
            (vec![p.to_path_buf()], None)
        }
        Target::Dir(dir) => {
            let (paths, n) = dir_paths(dir, &probe, force)?;
            (paths, Some(n))
        }
    };
    // The Markdown links the charts by the numbered names the folder export takes.
    let n = n0.unwrap_or(1);
    let linked = |suffix: &str, ext: &str| numbered(&name(suffix, ext), n);
    let outs = outputs(&doc, formats, &linked)?;
    let files = paths.into_iter().zip(outs).map(|(p, o)| (p, n0.map(|n| n + 1), o.bytes)).collect();
    write_checked(files, force)
}

/// The file names of an export's outputs, before numbering: one per format, one per chart for
/// `svg`.
fn outputs_names(doc: &Document, formats: &[Format], name: &dyn Fn(&str, &str) -> String) -> Vec<String> {
    let mut names = Vec::new();
    for f in formats {
        match f {
            Format::Svg => names.extend(doc.charts().all().map(|c| name(&format!("_{}", c.name), f.ext()))),
            _ => names.push(name("", f.ext())),
        }
    }
    names
}

/// The paths of an export's files in `dir` (created if need be): the first number at which
/// none of the names exists yet (or the plain names with `force`), and that number.
fn dir_paths(dir: &Path, names: &[String], force: bool) -> Result<(Vec<PathBuf>, usize), ExportError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ExportError::Folder(dir.to_path_buf(), "it is a file, not a folder".into()));
    }
    std::fs::create_dir_all(dir).map_err(|e| ExportError::Folder(dir.to_path_buf(), io_reason(&e)))?;
    // Generated names never collide: a second export in the same second gets -2, -3, ...
    let mut n = 1;
    loop {
        let paths: Vec<PathBuf> = names.iter().map(|name| dir.join(numbered(name, n))).collect();
        if force || paths.iter().all(|p| !p.exists()) {
            return Ok((paths, n));
        }
        n += 1;
    }
}

/// Refuses a folder or (without `force`) an existing file named by the user in the way, then
/// writes all or none.
fn write_checked(files: Vec<(PathBuf, Option<usize>, Vec<u8>)>, force: bool) -> Result<Vec<PathBuf>, ExportError> {
    for (p, next, _) in &files {
        if p.is_dir() {
            return Err(ExportError::Write(WriteError::IsDir(p.clone())));
        }
        // A FIFO, a device or a link is said as such, whatever `force` says.
        if std::fs::symlink_metadata(p).is_ok_and(|m| !m.file_type().is_file()) {
            return Err(ExportError::Write(WriteError::Special(p.clone())));
        }
        // A generated name taken meanwhile moves on to the next (see `write_all`).
        if !force && next.is_none() && p.exists() {
            return Err(ExportError::Write(WriteError::Exists(p.clone())));
        }
    }
    write_all(files, force, &mut |p, bytes| write_atomic(p, bytes, force))
}

/// Writes the rows and columns a table shows (CSV, Markdown and a workbook) into `dir`:
/// `cpdash_table_<scope>_<indicators>_<year>_<YYYYMMDD-HHMMSS>.{csv,md,xlsx}`.
pub fn export_listing(
    listing: &super::listing::ListingExport,
    dir: &Path,
    at: &DateTime<Local>,
) -> Result<Vec<PathBuf>, ExportError> {
    write_listing(listing, "table", &LISTING_FORMATS, Target::Dir(dir), false, at)
}

/// The formats a table of regions is written in.
pub const LISTING_FORMATS: [Format; 3] = [Format::Csv, Format::Md, Format::Xlsx];

/// Writes a table of regions in `formats` (of [`LISTING_FORMATS`]): to one `--output` file, or
/// into a folder as `cpdash_<what>_<scope>_<indicators>_<year>_<YYYYMMDD-HHMMSS>.<ext>`.
pub fn write_listing(
    listing: &super::listing::ListingExport,
    what: &str,
    formats: &[Format],
    target: Target<'_>,
    force: bool,
    at: &DateTime<Local>,
) -> Result<Vec<PathBuf>, ExportError> {
    let stem = format!(
        "cpdash_{what}_{}_{}_{}_{}",
        listing.scope_code(),
        listing.indicator_ids(),
        listing.year,
        at.format("%Y%m%d-%H%M%S")
    );
    let names: Vec<String> = formats.iter().map(|f| format!("{stem}.{}", f.ext())).collect();
    let (paths, n) = match target {
        Target::Output(p) if formats.len() == 1 => (vec![p.to_path_buf()], None),
        Target::Output(_) => return Err(ExportError::OneFileManyFormats),
        Target::Dir(dir) => {
            let (paths, n) = dir_paths(dir, &names, force)?;
            (paths, Some(n + 1))
        }
    };
    let mut files = Vec::new();
    for (f, p) in formats.iter().zip(paths) {
        let bytes = match f {
            Format::Csv => listing.to_csv(),
            Format::Xlsx => super::xlsx::listing_xlsx(listing, at).map_err(ExportError::Render)?,
            _ => listing.to_markdown(at).into_bytes(),
        };
        files.push((p, n, bytes));
    }
    write_checked(files, force)
}

/// How a file is written (atomically; a test gives one that fails).
type Writer<'a> = dyn FnMut(&Path, &[u8]) -> Result<(), WriteError> + 'a;

/// Writes each file; a generated name (with the number of the next one to try) taken meanwhile
/// by another export moves on to the next free one. All or none: when a write fails, the files
/// already written are removed (unless `force`, which may have replaced older ones: then the
/// error lists them).
fn write_all(
    files: Vec<(PathBuf, Option<usize>, Vec<u8>)>,
    force: bool,
    write: &mut Writer,
) -> Result<Vec<PathBuf>, ExportError> {
    let mut written: Vec<PathBuf> = Vec::new();
    for (p, next, bytes) in files {
        let mut path = p.clone();
        let mut result = write(&path, &bytes);
        if let Some(mut n) = next {
            while !force && matches!(result, Err(WriteError::Exists(_))) && n < 1000 {
                path = p.with_file_name(numbered(&base_name(&p), n));
                result = write(&path, &bytes);
                n += 1;
            }
        }
        if let Err(e) = result {
            let kept = if force {
                written
            } else {
                for w in &written {
                    let _ = std::fs::remove_file(w);
                }
                Vec::new()
            };
            return Err(ExportError::Partial(Box::new(e), kept));
        }
        written.push(path);
    }
    Ok(written)
}

/// A generated name with its number: `x.json`, then `x-2.json`, `x-3.json`, ...
fn numbered(name: &str, n: usize) -> String {
    match (n, name.rsplit_once('.')) {
        (0 | 1, _) | (_, None) => name.to_string(),
        (_, Some((stem, ext))) => format!("{stem}-{n}.{ext}"),
    }
}

/// The generated name a numbered one came from: `x-3.json` → `x.json`.
fn base_name(p: &Path) -> String {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match name.rsplit_once('.') {
        Some((stem, ext)) => match stem.rsplit_once('-') {
            Some((base, n))
                if n.chars().all(|c| c.is_ascii_digit()) && base.matches('-').count() >= 1 && n.len() < 4 =>
            {
                format!("{base}.{ext}")
            }
            _ => name,
        },
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_takes_the_exports_earlier_files_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.md"));
        let files = vec![(a.clone(), None, b"{}".to_vec()), (b.clone(), None, b"# x".to_vec())];
        let mut calls = 0;
        let mut disk_full = |p: &Path, bytes: &[u8]| {
            calls += 1;
            match calls {
                1 => write_atomic(p, bytes, false),
                _ => Err(WriteError::Io(p.to_path_buf(), "no space left on device".into())),
            }
        };
        let e = write_all(files, false, &mut disk_full).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("cannot write {}: no space left on device; nothing of this export was written (the files already written were removed)", b.display())
        );
        assert!(!a.exists() && !b.exists());
    }

    #[test]
    fn generated_names_move_on_when_taken_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cpdash_1_2024_20261128-120000.json");
        std::fs::write(&p, "another export's").unwrap();
        std::fs::write(dir.path().join("cpdash_1_2024_20261128-120000-2.json"), "and another's").unwrap();
        let got = write_all(vec![(p.clone(), Some(2), b"{}".to_vec())], false, &mut |p, b| write_atomic(p, b, false))
            .unwrap();
        assert_eq!(got, [dir.path().join("cpdash_1_2024_20261128-120000-3.json")]);
        assert_eq!(numbered("x.json", 1), "x.json");
        assert_eq!(
            base_name(&dir.path().join("cpdash_1_2024_20261128-120000-12.json")),
            "cpdash_1_2024_20261128-120000.json"
        );
    }
}
