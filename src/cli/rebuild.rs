//! `cpdash rebuild`: the bundled observations.csv from the yearbook's own tables and the rows
//! sourced by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};

use crate::fit::printable;
use crate::load::{data_dir, rebuild, yearbook_labels};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder of yearbook tables (e.g. ../shared/data/yearbook).
    #[arg(long, value_name = "DIR")]
    pub tables: PathBuf,
    /// The manifest of tables.
    #[arg(long, default_value = "assets/yearbook_tables.csv", value_name = "FILE.csv")]
    pub manifest: PathBuf,
    /// The rows sourced by hand (pages, communiqués, tables not at hand).
    #[arg(long, default_value = "assets/observations_hand.csv", value_name = "FILE.csv")]
    pub hand: PathBuf,
    /// Notes on tables' cells (the same figure on an official page, ...), appended to theirs.
    #[arg(long, default_value = "assets/observations_notes.csv", value_name = "FILE.csv")]
    pub notes: PathBuf,
    /// Where to write (`-`: standard output).
    #[arg(long, default_value = "assets/observations.csv", value_name = "FILE.csv|-")]
    pub out: PathBuf,
    /// Replace --out if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (regions, catalog) = data_dir::bundled_tables()?;
    let labels = yearbook_labels::load(None, &catalog)?;
    let read = |p: &std::path::Path| {
        crate::fsio::read_bounded(p, crate::fsio::MAX_DATA_FILE)
            .map_err(|why| anyhow!("{}: cannot be read: {why}", printable(&p.display().to_string())))
    };
    let (m, h, n) = (read(&args.manifest)?, read(&args.hand)?, read(&args.notes)?);
    let names = [&args.manifest, &args.hand, &args.notes].map(|p| p.display().to_string());
    let made = rebuild::rebuild(
        &args.tables,
        (&names[0], &m),
        (&names[1], &h),
        (&names[2], &n),
        (&regions, &catalog, &labels),
    )?;
    for s in &made.superseded {
        eprintln!("kept the hand row: {}", printable(s));
    }
    for a in &made.absent {
        eprintln!("absent: {} (its rows are not rebuilt)", printable(a));
    }
    if args.out.as_os_str() == "-" {
        std::io::Write::write_all(&mut std::io::stdout(), made.csv.as_bytes()).context("writing to standard output")?;
    } else {
        crate::fsio::write_atomic(&args.out, made.csv.as_bytes(), args.force)?;
    }
    eprintln!(
        "rebuilt: {} rows from {} tables, {} hand rows ({} from official pages keep a cell a table also gives; {} from reposts do not, and are in the table rows' notes); {} tables of the manifest absent",
        made.table_rows,
        made.tables_read,
        made.hand_rows + made.superseded.len(),
        made.superseded.len(),
        made.demoted,
        made.absent.len()
    );
    Ok(ExitCode::SUCCESS)
}
