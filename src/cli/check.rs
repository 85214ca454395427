//! `cpdash check`: validates a data set (or one snapshot file) and summarises it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::ctx::Ctx;
use super::output::say;
use crate::load::DataSource;
use crate::summary::{coverage_table, Summary};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A snapshot file to check instead of the data set.
    pub file: Option<PathBuf>,
    /// Also print coverage per indicator, year and level for these indicators.
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub coverage: Vec<String>,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<ExitCode> {
    let source = match args.file {
        Some(f) => DataSource::File(f),
        None => ctx.source(),
    };
    let ds = match super::ctx::load(&source) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("cpdash check: {} error(s); the data set is not valid", e.0.len());
            return Ok(ExitCode::from(1));
        }
    };
    let summary = Summary::of(&ds);
    say(summary.render(&format!("{} ({}, as of {})", ds.meta.title, ds.meta.id, ds.meta.as_of)))?;
    if !args.coverage.is_empty() {
        let ids: Vec<&str> = args.coverage.iter().map(String::as_str).collect();
        match coverage_table(&ds, &ids) {
            Ok(table) => say(table)?,
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
    say("valid\n")?;
    Ok(ExitCode::SUCCESS)
}
