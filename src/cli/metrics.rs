//! `cpdash metrics`: the whole metrics table as CSV, streamed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};

use super::ctx::Ctx;
use super::progress::Bar;
use crate::model::Area;
use crate::tidy::metrics_table::{write_csv, write_parquet, Filter, TableFormat};
use crate::tidy::years::parse_years;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which table.
    #[arg(long, value_enum)]
    pub table: crate::tidy::metrics_table::Table,
    /// Only this region and those under it: a code or an unambiguous name (default: the top).
    #[arg(long)]
    pub region: Option<String>,
    /// Years: a range (2019-2024), one year, or all.
    #[arg(long, default_value = "all")]
    pub years: String,
    /// Only this area: regional, urban_rural, income, public_services, culture, basic_units, context.
    #[arg(long, value_parser = super::parse::area_or_context)]
    pub area: Option<Area>,
    /// Only these indicators.
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub indicator: Vec<String>,
    /// The file to write (atomically), or - for standard output (CSV only).
    #[arg(long, default_value = "-", value_name = "FILE|-")]
    pub output: PathBuf,
    /// csv, or parquet (typed columns, nulls for missing values; needs --output FILE).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: TableFormat,
    /// Replace --output if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<ExitCode> {
    let ds = ctx.dataset()?;
    let under = match &args.region {
        Some(r) => ds.regions.resolve(r).map_err(|e| anyhow!("--region: {e}"))?,
        None => *ds.regions.roots().first().ok_or_else(|| anyhow!("the data set has no regions"))?,
    };
    let years = parse_years(&args.years, ds.years()).map_err(|e| anyhow!("--years: {e}"))?;
    let indicators = args
        .indicator
        .iter()
        .map(|i| ds.catalog.by_id(i).ok_or_else(|| anyhow!("--indicator: unknown indicator \"{i}\"")))
        .collect::<Result<Vec<_>>>()?;
    let filter = Filter { under, years, area: args.area, indicators };
    if let Some(why) = filter.empty_because(&ds, args.table) {
        return Err(anyhow!("the table would have no rows: {why}"));
    }
    let mut bar = Bar::new("metrics");
    if args.format == TableFormat::Parquet {
        if args.output.as_os_str() == "-" {
            return Err(anyhow!("--format parquet writes a file (binary): give --output FILE.parquet"));
        }
        crate::fsio::write_atomic_with(&args.output, args.force, |f| {
            let w = std::io::BufWriter::with_capacity(1 << 16, f);
            write_parquet(&ds, &filter, args.table, w, &mut |d, n| bar.set(d, n)).map(|_| ())
        })?;
        bar.finish();
        return Ok(ExitCode::SUCCESS);
    }
    let write =
        |w: &mut dyn std::io::Write, bar: &mut Bar| write_csv(&ds, &filter, args.table, w, &mut |d, n| bar.set(d, n));
    if args.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        write(&mut w, &mut bar).context("writing to standard output")?;
        std::io::Write::flush(&mut w).context("writing to standard output")?;
    } else {
        crate::fsio::write_atomic_with(&args.output, args.force, |f| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
            write(&mut w, &mut bar)?;
            std::io::Write::flush(&mut w)
        })?;
    }
    bar.finish();
    Ok(ExitCode::SUCCESS)
}
