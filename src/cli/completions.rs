//! `cpdash completions` and `cpdash man`: generated from the command line's definition.

use std::process::ExitCode;

use anyhow::{Context, Result};

use super::output::say;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Completions for `cmd`, the command line's definition.
pub fn run(args: Args, mut cmd: clap::Command) -> Result<ExitCode> {
    let mut text = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "cpdash", &mut text);
    say(String::from_utf8_lossy(&text))?;
    Ok(ExitCode::SUCCESS)
}

/// The man page, in roff.
pub fn man(cmd: clap::Command) -> Result<ExitCode> {
    let mut text = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut text).context("writing the man page")?;
    say(String::from_utf8_lossy(&text))?;
    Ok(ExitCode::SUCCESS)
}
