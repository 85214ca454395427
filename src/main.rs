//! The `cpdash` command line.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::{Parser, Subcommand};

use cpdash::config::Config;
use cpdash::export::{ExportFormat, Target};
use cpdash::load::import::Layout;
use cpdash::load::wide_csv::WideOptions;
use cpdash::load::{self, DataSource};
use cpdash::strings::Lang;

#[derive(Parser, Debug)]
#[command(name = "cpdash", version, about = "Terminal dashboard of Zhejiang's common-prosperity gaps, by city and county", long_about = None)]
struct Cli {
    /// Data folder (regions.csv, indicators.csv, snapshot.json) or snapshot file to use instead
    /// of the bundled data.
    #[arg(long, global = true, value_name = "DIR|FILE")]
    data: Option<PathBuf>,
    /// Config file (default: $XDG_CONFIG_HOME/cpdash/config.toml if it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a data set (or one snapshot file) and print a summary of what it holds.
    Check {
        /// A snapshot file to check instead of the data set.
        file: Option<PathBuf>,
        /// Also print coverage per indicator, year and level for these indicators.
        #[arg(long, value_delimiter = ',', value_name = "ID,...")]
        coverage: Vec<String>,
    },
    /// Export a region's report for a year: JSON, CSV, Markdown files, or plain text to stdout.
    Export {
        /// Region code, or an unambiguous Chinese, pinyin or English name.
        #[arg(long)]
        region: String,
        /// Year (default: the latest year with data for the region).
        #[arg(long)]
        year: Option<i32>,
        /// Only this area: regional, urban_rural, income, public_services, culture, basic_units.
        #[arg(long)]
        area: Option<String>,
        /// Formats (repeatable; default: those in the config). `txt` alone without --output or
        /// --dir prints to standard output.
        #[arg(long = "format", value_enum)]
        formats: Vec<ExportFormat>,
        /// Write one format to this file.
        #[arg(long, conflicts_with = "dir")]
        output: Option<PathBuf>,
        /// Folder for generated names cpdash_<code>_<year>_<time>.<ext> (default: the config's).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Replace existing files.
        #[arg(long)]
        force: bool,
    },
    /// Print a region's report as plain text (short for `export --format txt`).
    Report {
        /// Region code or name.
        region: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Write a SYNTHETIC national-size data set (for benchmarks; not real figures): regions.csv,
    /// indicators.csv, snapshot.json and observations.csv.
    Generate {
        /// Folder to write into.
        #[arg(long)]
        out: PathBuf,
        /// Multiplies the number of provinces (1 = 34 provinces, about 3,200 regions).
        #[arg(long, default_value_t = 1)]
        scale: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Build a snapshot from long-format CSV (region_code, indicator, year, value, unit,
    /// source_url[, source_kind, note]).
    Import {
        #[arg(required = true, value_name = "FILE.csv")]
        files: Vec<PathBuf>,
        /// Where to write the snapshot JSON.
        #[arg(long, value_name = "FILE.json")]
        out: PathBuf,
        /// Data set id.
        #[arg(long, default_value = "cpdash-import")]
        id: String,
        /// Title shown in the dashboard header.
        #[arg(long, default_value = "Imported indicators")]
        title: String,
        /// As-of date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Where the data came from, in words.
        #[arg(long)]
        provenance: Option<String>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
        /// The files are wide yearbook tables (regions × years, or regions × indicators).
        #[arg(long)]
        wide: bool,
        /// Wide: the indicator (id or Chinese name) when the columns are years.
        #[arg(long, requires = "wide")]
        indicator: Option<String>,
        /// Wide: the year when the columns are indicators.
        #[arg(long, requires = "wide")]
        year: Option<i32>,
        /// Wide: the unit of the values when the header does not give it (元, 万元, 亿元, 人, 万人, %).
        #[arg(long, requires = "wide")]
        unit: Option<String>,
        /// Wide: only match region names under this region (code or name).
        #[arg(long, requires = "wide")]
        parent: Option<String>,
        /// Wide: the address the whole table was read from (required with --wide).
        #[arg(long, requires = "wide")]
        source: Option<String>,
        /// Wide: government, state_media, repost or other.
        #[arg(long, requires = "wide", default_value = "other")]
        source_kind: String,
        /// Wide: a note for every value (e.g. "2023 yearbook table 1-5; preliminary").
        #[arg(long, requires = "wide")]
        note: Option<String>,
    },
    /// Print the default config file, with every setting and key documented.
    Config {
        /// Print the built-in defaults (the only form for now; `cpdash config --default > FILE`).
        #[arg(long = "default", required = true)]
        default: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cpdash: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn data_source(cli_data: &Option<PathBuf>, config: &Config) -> DataSource {
    match cli_data {
        Some(p) => DataSource::from_path(p),
        None if !config.data_dir.is_empty() => DataSource::Dir(PathBuf::from(&config.data_dir)),
        None => DataSource::Bundled,
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let (config, _) = Config::load(cli.config.as_deref()).map_err(|e| anyhow!("config: {e}"))?;
    match cli.command {
        None => {
            let source = data_source(&cli.data, &config);
            let ds = load::load_dataset(&source).map_err(|e| anyhow!("{e}"))?;
            cpdash_tui(ds, config)
        }
        Some(Command::Config { .. }) => {
            print!("{}", cpdash::config::default_text());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { file, coverage }) => {
            let source = match file {
                Some(f) => DataSource::File(f),
                None => data_source(&cli.data, &config),
            };
            let ds = match load::load_dataset(&source) {
                Ok(ds) => ds,
                Err(e) => {
                    eprintln!("{e}");
                    eprintln!("cpdash check: {} error(s); the data set is not valid", e.0.len());
                    return Ok(ExitCode::from(1));
                }
            };
            let summary = cpdash::summary::Summary::of(&ds);
            print!("{}", summary.render(&format!("{} ({}, as of {})", ds.meta.title, ds.meta.id, ds.meta.as_of)));
            if !coverage.is_empty() {
                let ids: Vec<&str> = coverage.iter().map(String::as_str).collect();
                match cpdash::summary::coverage_table(&ds, &ids) {
                    Ok(table) => print!("{table}"),
                    Err(e) => {
                        eprintln!("cpdash check: {e}");
                        return Ok(ExitCode::from(2));
                    }
                }
            }
            if summary.unsourced > 0 {
                eprintln!("cpdash check: {} observation(s) without a source", summary.unsourced);
                return Ok(ExitCode::from(1));
            }
            println!("valid");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Generate { out, scale, seed }) => {
            let ds = cpdash::synthetic::dataset(scale, seed);
            cpdash::synthetic::write_dir(&ds, &out).with_context(|| format!("writing {}", out.display()))?;
            println!(
                "wrote {} regions, {} indicators, {} observations (synthetic) to {}",
                ds.regions.len(),
                ds.catalog.len(),
                ds.n_observations(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Report { region, year }) => {
            let ds = load::load_dataset(&data_source(&cli.data, &config)).map_err(|e| anyhow!("{e}"))?;
            let (r, y) = region_and_year(&ds, &region, year)?;
            let text =
                cpdash::export::files::render(&ds, r, y, None, ExportFormat::Txt, &chrono::Local::now(), Lang::En);
            print!("{}", String::from_utf8_lossy(&text));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { region, year, area, formats, output, dir, force }) => {
            let ds = load::load_dataset(&data_source(&cli.data, &config)).map_err(|e| anyhow!("{e}"))?;
            let (r, y) = region_and_year(&ds, &region, year)?;
            let area = match area {
                None => None,
                Some(a) => Some(cpdash::model::Area::parse(&a).filter(|a| *a != cpdash::model::Area::Context).ok_or_else(|| {
                    anyhow!("--area: unknown area \"{a}\" (regional, urban_rural, income, public_services, culture, basic_units)")
                })?),
            };
            let mut formats = formats;
            if formats.is_empty() {
                formats = config.export.formats.clone();
            }
            formats.sort();
            formats.dedup();
            let now = chrono::Local::now();
            if formats == [ExportFormat::Txt] && output.is_none() && dir.is_none() {
                let text = cpdash::export::files::render(&ds, r, y, area, ExportFormat::Txt, &now, Lang::En);
                print!("{}", String::from_utf8_lossy(&text));
                return Ok(ExitCode::SUCCESS);
            }
            let default_dir = PathBuf::from(&config.export.dir);
            let target = match (&output, &dir) {
                (Some(o), _) => Target::Output(o),
                (None, Some(d)) => Target::Dir(d),
                (None, None) => Target::Dir(&default_dir),
            };
            let written = cpdash::export::export_files(&ds, r, y, area, &formats, target, force, &now, Lang::En)?;
            for p in written {
                println!("{}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import {
            files,
            out,
            id,
            title,
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
        }) => {
            let layout = if wide {
                let kind = cpdash::model::SourceKind::parse(&source_kind).ok_or_else(|| {
                    anyhow!("--source-kind: \"{source_kind}\" is not one of government, state_media, repost, other")
                })?;
                let source = source.map(|url| cpdash::model::Source { url, kind });
                Layout::Wide(WideOptions { indicator, unit, year, parent, source, note })
            } else {
                Layout::Long
            };
            let as_of = match as_of {
                Some(s) => chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .with_context(|| format!("--as-of: \"{s}\" is not a date (YYYY-MM-DD)"))?,
                None => chrono::Local::now().date_naive(),
            };
            let (regions, catalog) = match &cli.data {
                Some(dir) => load::data_dir::dir_tables(dir),
                None => load::data_dir::bundled_tables(),
            }
            .map_err(|e| anyhow!("{e}"))?;
            let provenance = provenance.unwrap_or_else(|| {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                format!("cpdash import of {}", names.join(", "))
            });
            let meta = cpdash::model::snapshot::SnapshotMeta { id, title, as_of, provenance };
            let ds = match cpdash::load::import::import_csv_files(&files, &layout, regions, catalog, meta) {
                Ok(ds) => ds,
                Err(e) => {
                    eprintln!("{e}");
                    eprintln!("cpdash import: {} error(s); nothing was written", e.0.len());
                    return Ok(ExitCode::from(1));
                }
            };
            let text = cpdash::load::snapshot_json::write_snapshot(&ds);
            cpdash::fsio::write_atomic(&out, text.as_bytes(), force)?;
            println!("wrote {} observations from {} file(s) to {}", ds.n_observations(), files.len(), out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The region named on the command line and the year: given, else the latest year in which the
/// region has any observation.
fn region_and_year(
    ds: &cpdash::model::Dataset,
    region: &str,
    year: Option<i32>,
) -> Result<(cpdash::model::RegionId, i32)> {
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
            ds.latest_year_for(r).ok_or_else(|| anyhow!("{} has no data in any year", ds.regions.get(r).name_zh))?
        }
    };
    Ok((r, y))
}

fn cpdash_tui(ds: cpdash::model::Dataset, config: Config) -> Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Err(anyhow!("the dashboard needs a terminal; for a text report use `cpdash report REGION`"));
    }
    // Colour unless the config says mono or `NO_COLOR` is set (to anything non-empty), at the
    // depth the terminal announces.
    let env = |k: &str| std::env::var(k).ok();
    let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = config.ui_theme(env("TERM").as_deref(), env("COLORTERM").as_deref(), no_color);
    let app = cpdash::app::App::new(ds, config.settings());
    let status = cpdash::terminal::run(app, theme)?;
    Ok(ExitCode::from(u8::try_from(status).unwrap_or(1)))
}
