//! `cpdash generate`: a SYNTHETIC national-size data set, for benchmarks (not real figures).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};

use super::output::say;
use super::progress::Bar;
use crate::fit::printable;
use crate::synthetic::{self, MAX_SCALE};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to write into.
    #[arg(long)]
    pub out: PathBuf,
    /// Multiplies the number of provinces (1 = 34 provinces, about 3,200 regions).
    #[arg(long, default_value_t = 1)]
    pub scale: usize,
    /// Seed of the pseudo-random values (the same seed gives the same data).
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Replace the files if the folder already has them.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args { out, scale, seed, force } = args;
    if !(1..=MAX_SCALE).contains(&scale) {
        return Err(anyhow!(
            "--scale: {scale} is not between 1 and {MAX_SCALE} (×{MAX_SCALE} is about {} regions and {} million observations)",
            3_045 * MAX_SCALE,
            3 * MAX_SCALE
        ));
    }
    let taken: Vec<String> =
        synthetic::FILES.iter().map(|f| out.join(f)).filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !taken.is_empty() && !force {
        return Err(anyhow!("{} already exist(s); use --force to replace them", taken.join(", ")));
    }
    // The folder first: an unusable one (`/dev/full`) is said before the data are built.
    let shown = printable(&out.display().to_string()).into_owned();
    std::fs::create_dir_all(&out).with_context(|| format!("--out {shown}: cannot be made a folder"))?;
    if !out.is_dir() {
        return Err(anyhow!("--out {shown}: not a folder"));
    }
    let bar = Bar::spinner("generate: building the synthetic data");
    let ds = synthetic::dataset(scale, seed);
    bar.stage("generate: writing the files");
    synthetic::write_dir(&ds, &out, force)?;
    bar.finish();
    say(format_args!(
        "wrote {} regions, {} indicators, {} observations (synthetic) to {shown}\n",
        ds.regions.len(),
        ds.catalog.len(),
        ds.n_observations(),
    ))?;
    Ok(ExitCode::SUCCESS)
}
