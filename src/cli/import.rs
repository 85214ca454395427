//! `cpdash import`: a snapshot from long CSV, wide yearbook tables or the yearbook's sheets.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};

use super::ctx::Ctx;
use super::output::say;
use super::progress::Bar;
use crate::fit::printable;
use crate::load::import::{self, Layout};
use crate::load::wide_csv::WideOptions;
use crate::load::{data_dir, sheet, snapshot_json, yearbook_labels};
use crate::model::snapshot::SnapshotMeta;
use crate::model::{Source, SourceKind};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The CSV files to read (long format, or with --wide the yearbook layouts).
    #[arg(required = true, value_name = "FILE.csv")]
    pub files: Vec<PathBuf>,
    /// Where to write the snapshot JSON.
    #[arg(long, value_name = "FILE.json", required_unless_present = "dry_run")]
    pub out: Option<PathBuf>,
    /// Sheets: show each table as understood (columns → indicators, with the rule that
    /// decided; rows → regions; the year, edition and number of values) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Data set id.
    #[arg(long, default_value = "cpdash-import")]
    pub id: String,
    /// Title shown in the dashboard header.
    #[arg(long, default_value = "Imported indicators")]
    pub title: String,
    /// The title in English, for the English interface (default: the title).
    #[arg(long, value_name = "TITLE")]
    pub title_en: Option<String>,
    /// As-of date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Where the data came from, in words.
    #[arg(long)]
    pub provenance: Option<String>,
    /// Replace --out if it exists.
    #[arg(long)]
    pub force: bool,
    /// The CSV files are wide yearbook tables (regions × years, or regions × indicators).
    /// Spreadsheets (.xlsx, .xls) are always read as the yearbook prints its tables.
    #[arg(long)]
    pub wide: bool,
    /// Wide: the indicator (id or Chinese name) when the columns are years.
    #[arg(long, requires = "wide")]
    pub indicator: Option<String>,
    /// Wide tables and sheets: the year when neither the title nor the columns give it (for a
    /// sheet it overrides the title's).
    #[arg(long)]
    pub year: Option<i32>,
    /// Wide: the unit of the values when the header does not give it (元, 万元, 亿元, 人, 万人, %).
    #[arg(long, requires = "wide")]
    pub unit: Option<String>,
    /// Wide tables and sheets: only match region names under this region (code or name).
    #[arg(long)]
    pub parent: Option<String>,
    /// Wide tables and sheets: the address the figures come from; for a sheet the publisher's
    /// (e.g. https://tjj.zj.gov.cn/), with the copy read in --copy-url.
    #[arg(long)]
    pub source: Option<String>,
    /// Wide tables and sheets: publication, government, state_media, repost or other (default:
    /// publication for a sheet, other for a wide table).
    #[arg(long)]
    pub source_kind: Option<String>,
    /// Wide tables and sheets: a note for every value (e.g. "preliminary").
    #[arg(long)]
    pub note: Option<String>,
    /// Sheets: the publication, e.g. 浙江统计年鉴2025 (cited with the table and the cell).
    #[arg(long)]
    pub edition: Option<String>,
    /// Sheets: the address of the copy the file was obtained from.
    #[arg(long, value_name = "URL")]
    pub copy_url: Option<String>,
    /// Sheets: a CSV `label,indicator` mapping header labels (or `upper/lower` labels of
    /// grouped columns, e.g. 全体居民) to catalog ids, for columns not named as in the catalog.
    #[arg(long, value_name = "FILE.csv")]
    pub map: Option<PathBuf>,
    /// Sheets: which sheet of the workbook (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<ExitCode> {
    let Args {
        files,
        out,
        dry_run,
        id,
        title,
        title_en,
        as_of,
        provenance,
        force,
        wide,
        indicator,
        year,
        unit,
        parent,
        source,
        source_kind,
        note,
        edition,
        copy_url,
        map,
        sheet,
    } = args;
    let sheets = files.iter().any(|f| sheet::is_spreadsheet(&f.display().to_string(), b""));
    let kind = match source_kind.as_deref() {
        None if wide => SourceKind::Other,
        None => SourceKind::Publication,
        Some(k) => SourceKind::parse(k).ok_or_else(|| anyhow!("--source-kind: {}", SourceKind::unknown(k)))?,
    };
    let map = match &map {
        None => Vec::new(),
        Some(p) => sheet::read_map(p)?,
    };
    let source = source.map(|url| Source::page(url, kind));
    let as_of = match as_of {
        Some(s) => chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .with_context(|| format!("--as-of: \"{s}\" is not a date (YYYY-MM-DD)"))?,
        None => chrono::Local::now().date_naive(),
    };
    let (regions, catalog) = match &ctx.data {
        Some(dir) => data_dir::dir_tables(dir),
        None => data_dir::bundled_tables(),
    }?;
    let labels = yearbook_labels::load(ctx.data.as_deref().filter(|d| d.is_dir()), &catalog)?;
    let opts = WideOptions { indicator, unit, year, parent, source, note, edition, copy_url, map, sheet, labels };
    if dry_run {
        return match import::dry_run(&files, &opts, &regions, &catalog) {
            Ok(text) => {
                say(text)?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("{e}");
                Ok(ExitCode::from(1))
            }
        };
    }
    let Some(out) = out else { return Err(anyhow!("--out: say where to write the snapshot")) };
    let layout = match (wide, sheets) {
        (true, _) => Layout::Wide(opts),
        (false, true) => Layout::Sheets(opts),
        (false, false) => Layout::Long,
    };
    let provenance = provenance.unwrap_or_else(|| {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        format!("cpdash import of {}", names.join(", "))
    });
    let meta = SnapshotMeta { id, title, title_en, as_of, provenance };
    let bar = Bar::spinner("import: reading and checking");
    let imported = import::import_csv_files(&files, &layout, regions, catalog, meta);
    bar.finish();
    let ds = match imported {
        Ok((ds, warnings)) => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            ds
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("cpdash import: {} error(s); nothing was written", e.0.len());
            return Ok(ExitCode::from(1));
        }
    };
    let bar = Bar::spinner("import: writing the snapshot");
    let text = snapshot_json::write_snapshot(&ds);
    let written = crate::fsio::write_atomic(&out, text.as_bytes(), force);
    bar.finish();
    written?;
    say(format_args!(
        "wrote {} observations from {} file(s) to {}\n",
        ds.n_observations(),
        files.len(),
        printable(&out.display().to_string())
    ))?;
    Ok(ExitCode::SUCCESS)
}
