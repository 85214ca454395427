//! The `cpdash` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::{Parser, Subcommand};

use cpdash::config::Config;
use cpdash::load::{self, DataSource};

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
                print!("{}", cpdash::summary::coverage_table(&ds, &ids));
            }
            if summary.unsourced > 0 {
                eprintln!("cpdash check: {} observation(s) without a source", summary.unsourced);
                return Ok(ExitCode::from(1));
            }
            println!("valid");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { files, out, id, title, as_of, provenance, force }) => {
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
            let ds = match cpdash::load::import::import_csv_files(&files, regions, catalog, meta) {
                Ok(ds) => ds,
                Err(e) => {
                    eprintln!("{e}");
                    eprintln!("cpdash import: {} error(s); nothing was written", e.0.len());
                    return Ok(ExitCode::from(1));
                }
            };
            let text = cpdash::load::snapshot_json::write_snapshot(&ds);
            cpdash::load::atomic::write_atomic(&out, text.as_bytes(), force)?;
            println!("wrote {} observations from {} file(s) to {}", ds.n_observations(), files.len(), out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn cpdash_tui(ds: cpdash::model::Dataset, config: Config) -> Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Err(anyhow!("the dashboard needs a terminal; for a text report use `cpdash check`"));
    }
    let theme = cpdash::ui::Theme::from_config(config.theme.name);
    let app = cpdash::app::App::new(ds, &config);
    cpdash::terminal::run(app, theme)?;
    Ok(ExitCode::SUCCESS)
}
