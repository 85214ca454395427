//! The command line's definition (clap): used by `main`, and by `cpdash completions` and
//! `cpdash man`, which generate shell completions and the man page from it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::export::ExportFormat;
use crate::strings::Lang;

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
        #[arg(long, conflicts_with = "years")]
        year: Option<i32>,
        /// Several years: a span (2019-2024) or all. The CSV is then one tidy table over the
        /// years, the JSON and the reports add the region's indicators in every year; the
        /// metrics are those of the last year.
        #[arg(long, value_name = "SPAN|all")]
        years: Option<String>,
        /// Only this area: regional, urban_rural, income, public_services, culture, basic_units.
        #[arg(long)]
        area: Option<String>,
        /// Formats (repeatable; default: those in the config). `txt` alone without --output or
        /// --dir prints to standard output.
        #[arg(long = "format", value_enum)]
        formats: Vec<ExportFormat>,
        /// Write one format to this file (`-`: standard output, which is not atomic).
        #[arg(long, conflicts_with = "dir")]
        output: Option<PathBuf>,
        /// Folder for generated names cpdash_<code>_<year>_<time>.<ext> (default: the config's).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Replace existing files.
        #[arg(long)]
        force: bool,
        /// Language of the Markdown and text reports and of the JSON's sentences (default: the
        /// config's `language`).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Print a region's report as plain text (short for `export --format txt`).
    Report {
        /// Region code, or an unambiguous Chinese, pinyin or English name.
        region: String,
        /// Year (default: the latest year with data for the region).
        #[arg(long)]
        year: Option<i32>,
        /// Language of the report (default: the config's `language`).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
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
        /// Seed of the pseudo-random values (the same seed gives the same data).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Replace the files if the folder already has them.
        #[arg(long)]
        force: bool,
    },
    /// Build a snapshot from long-format CSV (region_code, indicator, year, value, unit,
    /// source_url[, source_kind, note]).
    Import {
        /// The CSV files to read (long format, or with --wide the yearbook layouts).
        #[arg(required = true, value_name = "FILE.csv")]
        files: Vec<PathBuf>,
        /// Where to write the snapshot JSON.
        #[arg(long, value_name = "FILE.json", required_unless_present = "dry_run")]
        out: Option<PathBuf>,
        /// Sheets: show each table as understood (columns → indicators, with the rule that
        /// decided; rows → regions; the year, edition and number of values) and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Data set id.
        #[arg(long, default_value = "cpdash-import")]
        id: String,
        /// Title shown in the dashboard header.
        #[arg(long, default_value = "Imported indicators")]
        title: String,
        /// The title in English, for the English interface (default: the title).
        #[arg(long, value_name = "TITLE")]
        title_en: Option<String>,
        /// As-of date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Where the data came from, in words.
        #[arg(long)]
        provenance: Option<String>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
        /// The CSV files are wide yearbook tables (regions × years, or regions × indicators).
        /// Spreadsheets (.xlsx, .xls) are always read as the yearbook prints its tables.
        #[arg(long)]
        wide: bool,
        /// Wide: the indicator (id or Chinese name) when the columns are years.
        #[arg(long, requires = "wide")]
        indicator: Option<String>,
        /// Wide tables and sheets: the year when neither the title nor the columns give it (for a
        /// sheet it overrides the title's).
        #[arg(long)]
        year: Option<i32>,
        /// Wide: the unit of the values when the header does not give it (元, 万元, 亿元, 人, 万人, %).
        #[arg(long, requires = "wide")]
        unit: Option<String>,
        /// Wide tables and sheets: only match region names under this region (code or name).
        #[arg(long)]
        parent: Option<String>,
        /// Wide tables and sheets: the address the figures come from; for a sheet the publisher's
        /// (e.g. https://tjj.zj.gov.cn/), with the copy read in --copy-url.
        #[arg(long)]
        source: Option<String>,
        /// Wide tables and sheets: publication, government, state_media, repost or other (default:
        /// publication for a sheet, other for a wide table).
        #[arg(long)]
        source_kind: Option<String>,
        /// Wide tables and sheets: a note for every value (e.g. "preliminary").
        #[arg(long)]
        note: Option<String>,
        /// Sheets: the publication, e.g. 浙江统计年鉴2025 (cited with the table and the cell).
        #[arg(long)]
        edition: Option<String>,
        /// Sheets: the address of the copy the file was obtained from.
        #[arg(long, value_name = "URL")]
        copy_url: Option<String>,
        /// Sheets: a CSV `label,indicator` mapping header labels (or `upper/lower` labels of
        /// grouped columns, e.g. 全体居民) to catalog ids, for columns not named as in the catalog.
        #[arg(long, value_name = "FILE.csv")]
        map: Option<PathBuf>,
        /// Sheets: which sheet of the workbook (default: the first).
        #[arg(long)]
        sheet: Option<String>,
    },
    /// Rebuild the bundled observations.csv from the yearbook's own tables (listed, with their
    /// SHA-256, in the manifest) and the rows sourced by hand; prints what came from where.
    Rebuild {
        /// The folder of yearbook tables (e.g. ../shared/data/yearbook).
        #[arg(long, value_name = "DIR")]
        tables: PathBuf,
        /// The manifest of tables.
        #[arg(long, default_value = "assets/yearbook_tables.csv", value_name = "FILE.csv")]
        manifest: PathBuf,
        /// The rows sourced by hand (pages, communiqués, tables not at hand).
        #[arg(long, default_value = "assets/observations_hand.csv", value_name = "FILE.csv")]
        hand: PathBuf,
        /// Notes on tables' cells (the same figure on an official page, ...), appended to theirs.
        #[arg(long, default_value = "assets/observations_notes.csv", value_name = "FILE.csv")]
        notes: PathBuf,
        /// Where to write (`-`: standard output).
        #[arg(long, default_value = "assets/observations.csv", value_name = "FILE.csv|-")]
        out: PathBuf,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write the whole metrics table as CSV (streamed): every region × year × indicator
    /// (`--table regions`), or every parent × year × indicator over its children (`--table
    /// dispersion`). Columns: see the README.
    Metrics {
        /// Which table.
        #[arg(long, value_enum)]
        table: crate::export::metrics_table::Table,
        /// Only this region and those under it: a code or an unambiguous name (default: the top).
        #[arg(long)]
        region: Option<String>,
        /// Years: a range (2019-2024), one year, or all.
        #[arg(long, default_value = "all")]
        years: String,
        /// Only this area: regional, urban_rural, income, public_services, culture, basic_units, context.
        #[arg(long)]
        area: Option<String>,
        /// Only these indicators.
        #[arg(long, value_delimiter = ',', value_name = "ID,...")]
        indicator: Vec<String>,
        /// The file to write (atomically), or - for standard output.
        #[arg(long, default_value = "-", value_name = "FILE|-")]
        output: PathBuf,
        /// Replace --output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the default config file, with every setting and key documented.
    Config {
        /// Print the built-in defaults (the only form for now; `cpdash config --default > FILE`).
        #[arg(long = "default", required = true)]
        default: bool,
    },
    /// Print shell completions (e.g. `cpdash completions bash > ~/.local/share/bash-completion/completions/cpdash`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff; e.g. `cpdash man > ~/.local/share/man/man1/cpdash.1`).
    Man,
}

/// `--trend-window`: one of the windows cpdash offers.
fn trend_window(s: &str) -> Result<i32, String> {
    s.parse()
        .ok()
        .filter(|w| crate::metrics::trend::WINDOWS.contains(w))
        .ok_or_else(|| format!("\"{}\" {}", crate::fit::printable(s), crate::config::window_choices()))
}
