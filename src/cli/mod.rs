//! The command line: its definition (clap), used by `main` and by `cpdash completions` and
//! `cpdash man`, and one module per command, each with its arguments and its `run`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use clap::{Parser, Subcommand};

use crate::config::Config;

mod check;
mod completions;
mod config_file;
mod ctx;
mod dashboard;
mod export;
mod generate;
mod import;
mod metrics;
pub mod output;
mod parse;
mod progress;
mod rebuild;
mod report;

pub use ctx::Ctx;

#[derive(Parser, Debug)]
#[command(name = "cpdash", version, about = "Terminal dashboard of Zhejiang's common-prosperity gaps, by city and county", long_about = None)]
pub struct Cli {
    /// Data folder (regions.csv, indicators.csv, snapshot.json) or snapshot file to use instead
    /// of the bundled data.
    #[arg(long, global = true, value_name = "DIR|FILE")]
    pub data: Option<PathBuf>,
    /// Config file (default: $XDG_CONFIG_HOME/cpdash/config.toml if it exists).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// How many years a trend's pace looks back at most: 3, 5 or 10 (default: the config's
    /// `trend_window`, 5). The dashboard, `export`, `report` and `metrics` use it.
    #[arg(long, global = true, value_name = "YEARS", value_parser = trend_window)]
    pub trend_window: Option<i32>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
// Parsed once at start-up: the size of the largest variant (import's options) does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Validate a data set (or one snapshot file) and print a summary of what it holds.
    Check(check::Args),
    /// Export a region's report for a year: JSON, CSV, Markdown files, or plain text to stdout.
    Export(export::Args),
    /// Print a region's report as plain text (short for `export --format txt`).
    Report(report::Args),
    /// Write a SYNTHETIC national-size data set (for benchmarks; not real figures): regions.csv,
    /// indicators.csv, snapshot.json and observations.csv.
    Generate(generate::Args),
    /// Build a snapshot from long-format CSV (region_code, indicator, year, value, unit,
    /// source_url[, source_kind, note]).
    Import(import::Args),
    /// Rebuild the bundled observations.csv from the yearbook's own tables (listed, with their
    /// SHA-256, in the manifest) and the rows sourced by hand; prints what came from where.
    Rebuild(rebuild::Args),
    /// Write the whole metrics table as CSV (streamed): every region × year × indicator
    /// (`--table regions`), or every parent × year × indicator over its children (`--table
    /// dispersion`). Columns: see the README.
    Metrics(metrics::Args),
    /// Print the default config file, with every setting and key documented.
    Config(config_file::Args),
    /// Print shell completions (e.g. `cpdash completions bash > ~/.local/share/bash-completion/completions/cpdash`).
    Completions(completions::Args),
    /// Print the man page (roff; e.g. `cpdash man > ~/.local/share/man/man1/cpdash.1`).
    Man,
}

/// Runs the command line: each command is a module with its arguments and its `run`.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let (config, _) = Config::load(cli.config.as_deref()).map_err(|e| anyhow!("config: {e}"))?;
    let ctx = Ctx { data: cli.data, trend_window: cli.trend_window, config };
    match cli.command {
        None => dashboard::run(&ctx),
        Some(Command::Check(a)) => check::run(a, &ctx),
        Some(Command::Export(a)) => export::run(a, &ctx),
        Some(Command::Report(a)) => report::run(a, &ctx),
        Some(Command::Generate(a)) => generate::run(a),
        Some(Command::Import(a)) => import::run(a, &ctx),
        Some(Command::Rebuild(a)) => rebuild::run(a),
        Some(Command::Metrics(a)) => metrics::run(a, &ctx),
        Some(Command::Config(_)) => config_file::run(),
        Some(Command::Completions(a)) => completions::run(a, <Cli as clap::CommandFactory>::command()),
        Some(Command::Man) => completions::man(<Cli as clap::CommandFactory>::command()),
    }
}

/// `--trend-window`: one of the windows cpdash offers.
fn trend_window(s: &str) -> Result<i32, String> {
    s.parse()
        .ok()
        .filter(|w| crate::metrics::trend::WINDOWS.contains(w))
        .ok_or_else(|| format!("\"{}\" {}", crate::fit::printable(s), crate::config::window_choices()))
}
