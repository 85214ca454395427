//! `cpdash report`: a region's report as plain text (short for `export --format txt`).

use std::process::ExitCode;

use anyhow::Result;

use super::ctx::{region_and_year, Ctx};
use super::output::say;
use crate::export::{files, ExportFormat, Request};
use crate::strings::Lang;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Region code, or an unambiguous Chinese, pinyin or English name.
    pub region: String,
    /// Year (default: the latest year with the most data for the region and its children).
    #[arg(long)]
    pub year: Option<i32>,
    /// Language of the report (default: the config's `language`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<ExitCode> {
    let ds = ctx.dataset()?;
    let (r, y) = region_and_year(&ds, &args.region, args.year)?;
    let req = Request::one(r, y, args.lang.unwrap_or(ctx.config.language));
    let text = files::render(&ds, &req, ExportFormat::Txt, &chrono::Local::now())?;
    say(String::from_utf8_lossy(&text))?;
    Ok(ExitCode::SUCCESS)
}
