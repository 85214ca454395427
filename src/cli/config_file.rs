//! `cpdash config --default`: the default config file, every setting documented.

use std::process::ExitCode;

use anyhow::Result;

use super::output::say;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print the built-in defaults (the only form for now; `cpdash config --default > FILE`).
    #[arg(long = "default", required = true)]
    pub default: bool,
}

pub fn run() -> Result<ExitCode> {
    say(crate::config::default_text())?;
    Ok(ExitCode::SUCCESS)
}
