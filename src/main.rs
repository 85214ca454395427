//! The `cpdash` command line.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::Parser;

use cpdash::cli::{Cli, Command};
use cpdash::config::Config;
use cpdash::export::{ExportFormat, Target};
use cpdash::load::import::Layout;
use cpdash::load::wide_csv::WideOptions;
use cpdash::load::{self, DataSource};

/// Writes to standard output, each write checked: a full disk (`/dev/full`) is an error that
/// says so, never a panic (a closed pipe still ends quietly, by SIGPIPE, as `cat` does), and so
/// is a descriptor closed before start.
fn say(text: impl std::fmt::Display) -> Result<()> {
    use std::io::Write;
    if stdout_closed_at_start() {
        return Err(anyhow!(
            "standard output is closed: nothing can be written (redirect it to a file, or to /dev/null)"
        ));
    }
    let mut o = std::io::stdout().lock();
    write!(o, "{text}").and_then(|()| o.flush()).context("writing to standard output")
}

/// Whether standard output was closed when cpdash started. Rust's runtime opens /dev/null
/// read-write on a descriptor closed at start, where a shell's `> /dev/null` opens it write-only:
/// a read-write /dev/null is taken for a closed output.
fn stdout_closed_at_start() -> bool {
    // SAFETY: fcntl(F_GETFL) and fstat/stat only read the descriptor's flags and the files'
    // metadata into zeroed structures of the right type.
    unsafe {
        let flags = libc::fcntl(1, libc::F_GETFL);
        if flags == -1 {
            return true;
        }
        let (mut out, mut null): (libc::stat, libc::stat) = (std::mem::zeroed(), std::mem::zeroed());
        if libc::fstat(1, &mut out) != 0 || libc::stat(c"/dev/null".as_ptr(), &mut null) != 0 {
            return false;
        }
        (out.st_mode & libc::S_IFMT) == libc::S_IFCHR
            && out.st_rdev == null.st_rdev
            && (flags & libc::O_ACCMODE) == libc::O_RDWR
    }
}

/// A written file's path as one line, its control and format characters (a line break too)
/// escaped.
fn say_path(p: &std::path::Path) -> Result<()> {
    say(format_args!("{}\n", cpdash::fit::printable(&p.display().to_string()).replace('\n', "\\u{a}")))
}

fn main() -> ExitCode {
    // A closed pipe (`cpdash report … | head`) ends the program quietly, as it ends `cat`,
    // instead of a panic in print!.
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cpdash: {}", cpdash::fit::printable(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

/// A command-line error, or `--help`/`--version`: clap quotes a bad argument as typed, so the
/// text is printed with its control and format characters escaped (an ESC in an argument
/// never reaches the terminal), without colour.
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = e.render().to_string();
    let safe: Vec<String> = text.lines().map(|l| cpdash::fit::printable(l).into_owned()).collect();
    let safe = safe.join("\n");
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return match say(format_args!("{safe}\n")) {
            Ok(()) => ExitCode::from(code),
            Err(err) => {
                eprintln!("cpdash: {err:#}");
                ExitCode::from(1)
            }
        };
    }
    eprintln!("{safe}");
    ExitCode::from(code)
}

/// Progress on stderr for long work, only when stderr is a terminal (nothing in CI or a pipe).
mod progress {
    use std::io::IsTerminal;

    pub struct Bar(Option<indicatif::ProgressBar>);

    impl Bar {
        pub fn new(what: &str) -> Bar {
            if !std::io::stderr().is_terminal() {
                return Bar(None);
            }
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(what.to_string());
            Bar(Some(bar))
        }

        pub fn set(&mut self, done: usize, of: usize) {
            if let Some(b) = &self.0 {
                b.set_length(of as u64);
                b.set_position(done as u64);
            }
        }

        /// A spinner with the stage of work under way (work with no count to show).
        pub fn spinner(what: &str) -> Bar {
            if !std::io::stderr().is_terminal() {
                return Bar(None);
            }
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(what.to_string());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            Bar(Some(bar))
        }

        pub fn stage(&self, what: &str) {
            if let Some(b) = &self.0 {
                b.set_message(what.to_string());
            }
        }

        pub fn finish(self) {
            if let Some(b) = self.0 {
                b.finish_and_clear();
            }
        }
    }
}

fn data_source(cli_data: &Option<PathBuf>, config: &Config) -> DataSource {
    match cli_data {
        Some(p) => DataSource::from_path(p),
        None if !config.data_dir.is_empty() => DataSource::from_path(&cpdash::config::expand_home(&config.data_dir)),
        None => DataSource::Bundled,
    }
}

/// The data set of the command line or config, with the trend window they choose.
fn load_with_window(data: &Option<PathBuf>, window: Option<i32>, config: &Config) -> Result<cpdash::model::Dataset> {
    let mut ds = load::load_dataset(&data_source(data, config)).map_err(|e| anyhow!("{e}"))?;
    ds.trend_window = window.unwrap_or(config.trend_window);
    Ok(ds)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let (config, _) = Config::load(cli.config.as_deref()).map_err(|e| anyhow!("config: {e}"))?;
    match cli.command {
        None => {
            let ds = load_with_window(&cli.data, cli.trend_window, &config)?;
            cpdash_tui(ds, config)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut cmd, "cpdash", &mut text);
            say(String::from_utf8_lossy(&text))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut text = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut text).context("writing the man page")?;
            say(String::from_utf8_lossy(&text))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { .. }) => {
            say(cpdash::config::default_text())?;
            Ok(ExitCode::SUCCESS)
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
            say(summary.render(&format!("{} ({}, as of {})", ds.meta.title, ds.meta.id, ds.meta.as_of)))?;
            if !coverage.is_empty() {
                let ids: Vec<&str> = coverage.iter().map(String::as_str).collect();
                match cpdash::summary::coverage_table(&ds, &ids) {
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
        Some(Command::Generate { out, scale, seed, force }) => {
            if !(1..=cpdash::synthetic::MAX_SCALE).contains(&scale) {
                return Err(anyhow!(
                    "--scale: {scale} is not between 1 and {} (×{} is about {} regions and {} million observations)",
                    cpdash::synthetic::MAX_SCALE,
                    cpdash::synthetic::MAX_SCALE,
                    3_045 * cpdash::synthetic::MAX_SCALE,
                    3 * cpdash::synthetic::MAX_SCALE
                ));
            }
            let taken: Vec<String> = cpdash::synthetic::FILES
                .iter()
                .map(|f| out.join(f))
                .filter(|p| p.exists())
                .map(|p| p.display().to_string())
                .collect();
            if !taken.is_empty() && !force {
                return Err(anyhow!("{} already exist(s); use --force to replace them", taken.join(", ")));
            }
            // The folder first: an unusable one (`/dev/full`) is said before the data are built.
            let shown = cpdash::fit::printable(&out.display().to_string()).into_owned();
            std::fs::create_dir_all(&out).with_context(|| format!("--out {shown}: cannot be made a folder"))?;
            if !out.is_dir() {
                return Err(anyhow!("--out {shown}: not a folder"));
            }
            let bar = progress::Bar::spinner("generate: building the synthetic data");
            let ds = cpdash::synthetic::dataset(scale, seed);
            bar.stage("generate: writing the files");
            cpdash::synthetic::write_dir(&ds, &out, force)?;
            bar.finish();
            say(format_args!(
                "wrote {} regions, {} indicators, {} observations (synthetic) to {}\n",
                ds.regions.len(),
                ds.catalog.len(),
                ds.n_observations(),
                cpdash::fit::printable(&out.display().to_string())
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Metrics { table, region, years, area, indicator, output, force }) => {
            use cpdash::export::metrics_table::{parse_years, write_dispersion, write_regions, Filter, Table};
            let ds = load_with_window(&cli.data, cli.trend_window, &config)?;
            let under = match region {
                Some(r) => ds.regions.resolve(&r).map_err(|e| anyhow!("--region: {e}"))?,
                None => *ds.regions.roots().first().ok_or_else(|| anyhow!("the data set has no regions"))?,
            };
            let years = parse_years(&years, ds.years()).map_err(|e| anyhow!("--years: {e}"))?;
            let area = match area {
                None => None,
                Some(a) => Some(cpdash::model::Area::parse(&a).ok_or_else(|| {
                    anyhow!("--area: unknown area \"{a}\" (regional, urban_rural, income, public_services, culture, basic_units, context)")
                })?),
            };
            let indicators = indicator
                .iter()
                .map(|i| ds.catalog.by_id(i).ok_or_else(|| anyhow!("--indicator: unknown indicator \"{i}\"")))
                .collect::<Result<Vec<_>>>()?;
            let filter = Filter { under, years, area, indicators };
            if let Some(why) = filter.empty_because(&ds, table) {
                return Err(anyhow!("the table would have no rows: {why}"));
            }
            let mut bar = progress::Bar::new("metrics");
            let write = |w: &mut dyn std::io::Write, bar: &mut progress::Bar| match table {
                Table::Regions => write_regions(&ds, &filter, w, &mut |d, n| bar.set(d, n)),
                Table::Dispersion => write_dispersion(&ds, &filter, w, &mut |d, n| bar.set(d, n)),
            };
            if output.as_os_str() == "-" {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
                write(&mut w, &mut bar).context("writing to standard output")?;
                std::io::Write::flush(&mut w).context("writing to standard output")?;
            } else {
                cpdash::fsio::write_atomic_with(&output, force, |f| {
                    let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
                    write(&mut w, &mut bar)?;
                    std::io::Write::flush(&mut w)
                })?;
            }
            bar.finish();
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Report { region, year, lang }) => {
            let ds = load_with_window(&cli.data, cli.trend_window, &config)?;
            let (r, y) = region_and_year(&ds, &region, year)?;
            let lang = lang.unwrap_or(config.language);
            let req = cpdash::export::Request::one(r, y, lang);
            let text = cpdash::export::files::render(&ds, &req, ExportFormat::Txt, &chrono::Local::now())?;
            say(String::from_utf8_lossy(&text))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export { region, year, years, area, formats, output, dir, force, lang }) => {
            let lang = lang.unwrap_or(config.language);
            let ds = load_with_window(&cli.data, cli.trend_window, &config)?;
            let (r, y) = region_and_year(&ds, &region, year)?;
            let span = match years {
                Some(s) => {
                    cpdash::export::metrics_table::parse_years(&s, ds.years()).map_err(|e| anyhow!("--years: {e}"))?
                }
                None => y..=y,
            };
            let area = match area {
                None => None,
                Some(a) => Some(cpdash::model::Area::parse(&a).filter(|a| *a != cpdash::model::Area::Context).ok_or_else(|| {
                    anyhow!("--area: unknown area \"{a}\" (regional, urban_rural, income, public_services, culture, basic_units)")
                })?),
            };
            let mut formats = formats;
            if formats.is_empty() {
                formats = config.export.formats.clone();
            }
            formats.sort();
            formats.dedup();
            let now = chrono::Local::now();
            let req = cpdash::export::Request { region: r, years: span, area, lang };
            // `--output -`: standard output (not atomic: it is a stream).
            if output.as_deref() == Some(std::path::Path::new("-")) {
                let [format] = formats.as_slice() else {
                    return Err(anyhow!("--output - writes one format; give a single --format"));
                };
                let bytes = cpdash::export::files::render(&ds, &req, *format, &now)?;
                std::io::Write::write_all(&mut std::io::stdout(), &bytes).context("writing to standard output")?;
                return Ok(ExitCode::SUCCESS);
            }
            if formats == [ExportFormat::Txt] && output.is_none() && dir.is_none() {
                let text = cpdash::export::files::render(&ds, &req, ExportFormat::Txt, &now)?;
                say(String::from_utf8_lossy(&text))?;
                return Ok(ExitCode::SUCCESS);
            }
            let default_dir = cpdash::config::expand_home(&config.export.dir);
            let target = match (&output, &dir) {
                (Some(o), _) => Target::Output(o),
                (None, Some(d)) => Target::Dir(d),
                (None, None) => Target::Dir(&default_dir),
            };
            let written = cpdash::export::export_files(&ds, &req, &formats, target, force, &now)?;
            for p in written {
                say_path(&p)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Rebuild { tables, manifest, hand, notes, out, force }) => {
            let (regions, catalog) = load::data_dir::bundled_tables().map_err(|e| anyhow!("{e}"))?;
            let labels = cpdash::load::yearbook_labels::load(None, &catalog).map_err(|e| anyhow!("{e}"))?;
            let read = |p: &std::path::Path| {
                cpdash::fsio::read_bounded(p, cpdash::fsio::MAX_DATA_FILE).map_err(|why| {
                    anyhow!("{}: cannot be read: {why}", cpdash::fit::printable(&p.display().to_string()))
                })
            };
            let (m, h, n) = (read(&manifest)?, read(&hand)?, read(&notes)?);
            let names = [&manifest, &hand, &notes].map(|p| p.display().to_string());
            let made = cpdash::load::rebuild::rebuild(
                &tables,
                (&names[0], &m),
                (&names[1], &h),
                (&names[2], &n),
                (&regions, &catalog, &labels),
            )
            .map_err(|e| anyhow!("{e}"))?;
            for s in &made.superseded {
                eprintln!("kept the hand row: {}", cpdash::fit::printable(s));
            }
            for a in &made.absent {
                eprintln!("absent: {} (its rows are not rebuilt)", cpdash::fit::printable(a));
            }
            if out.as_os_str() == "-" {
                std::io::Write::write_all(&mut std::io::stdout(), made.csv.as_bytes())
                    .context("writing to standard output")?;
            } else {
                cpdash::fsio::write_atomic(&out, made.csv.as_bytes(), force)?;
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
        Some(Command::Import {
            files,
            out,
            id,
            title,
            title_en,
            as_of,
            provenance,
            force,
            dry_run,
            wide,
            indicator,
            year,
            unit,
            parent,
            source,
            source_kind,
            note,
            edition,
            copy_url,
            map,
            sheet,
        }) => {
            let sheets = files.iter().any(|f| cpdash::load::sheet::is_spreadsheet(&f.display().to_string(), b""));
            let kind = match source_kind.as_deref() {
                None if wide => cpdash::model::SourceKind::Other,
                None => cpdash::model::SourceKind::Publication,
                Some(k) => cpdash::model::SourceKind::parse(k)
                    .ok_or_else(|| anyhow!("--source-kind: {}", cpdash::model::SourceKind::unknown(k)))?,
            };
            let map = match &map {
                None => Vec::new(),
                Some(p) => cpdash::load::sheet::read_map(p).map_err(|e| anyhow!("{e}"))?,
            };
            let source = source.map(|url| cpdash::model::Source::page(url, kind));
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
            let labels = cpdash::load::yearbook_labels::load(cli.data.as_deref().filter(|d| d.is_dir()), &catalog)
                .map_err(|e| anyhow!("{e}"))?;
            let opts =
                WideOptions { indicator, unit, year, parent, source, note, edition, copy_url, map, sheet, labels };
            if dry_run {
                return match cpdash::load::import::dry_run(&files, &opts, &regions, &catalog) {
                    Ok(text) => {
                        say(text)?;
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        Ok(ExitCode::from(1))
                    }
                };
            }
            let Some(out) = out else { return Err(anyhow!("--out: say where to write the snapshot")) };
            let layout = match (wide, sheets) {
                (true, _) => Layout::Wide(opts),
                (false, true) => Layout::Sheets(opts),
                (false, false) => Layout::Long,
            };
            let provenance = provenance.unwrap_or_else(|| {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                format!("cpdash import of {}", names.join(", "))
            });
            let meta = cpdash::model::snapshot::SnapshotMeta { id, title, title_en, as_of, provenance };
            let bar = progress::Bar::spinner("import: reading and checking");
            let imported = cpdash::load::import::import_csv_files(&files, &layout, regions, catalog, meta);
            bar.finish();
            let ds = match imported {
                Ok((ds, warnings)) => {
                    for w in &warnings {
                        eprintln!("warning: {w}");
                    }
                    ds
                }
                Err(e) => {
                    eprintln!("{e}");
                    eprintln!("cpdash import: {} error(s); nothing was written", e.0.len());
                    return Ok(ExitCode::from(1));
                }
            };
            let bar = progress::Bar::spinner("import: writing the snapshot");
            let text = cpdash::load::snapshot_json::write_snapshot(&ds);
            let written = cpdash::fsio::write_atomic(&out, text.as_bytes(), force);
            bar.finish();
            written?;
            say(format_args!(
                "wrote {} observations from {} file(s) to {}\n",
                ds.n_observations(),
                files.len(),
                cpdash::fit::printable(&out.display().to_string())
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The region named on the command line and the year: given, else the latest year in which the
/// region has any observation.
fn region_and_year(
    ds: &cpdash::model::Dataset,
    region: &str,
    year: Option<i32>,
) -> Result<(cpdash::model::RegionId, i32)> {
    let r = ds.regions.resolve(region).map_err(|e| anyhow!("--region: {e}"))?;
    let y = match year {
        Some(y) if ds.years().contains(&y) => y,
        Some(y) => {
            return Err(anyhow!(
                "--year: the data has no year {y} (it covers {}–{})",
                ds.years().start(),
                ds.years().end()
            ))
        }
        None => {
            ds.latest_year_for(r).ok_or_else(|| anyhow!("{} has no data in any year", ds.regions.get(r).name_zh))?
        }
    };
    Ok((r, y))
}

fn cpdash_tui(ds: cpdash::model::Dataset, config: Config) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let env = |k: &str| std::env::var(k).ok();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(anyhow!(
            "the dashboard needs a terminal for its input and output; for the figures as text use `cpdash report REGION`"
        ));
    }
    if env("TERM").as_deref() == Some("dumb") {
        return Err(anyhow!(
            "TERM=dumb: this terminal cannot place the cursor, which the dashboard needs; for the figures as text use `cpdash report REGION`"
        ));
    }
    if ds.n_observations() == 0 {
        return Err(anyhow!("the data set has no observations: nothing to show (`cpdash check` says what it holds)"));
    }
    // Colour unless the config says mono or `NO_COLOR` is set (to anything non-empty), at the
    // depth the terminal announces.
    let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = config.ui_theme(env("TERM").as_deref(), env("COLORTERM").as_deref(), no_color);
    let app = cpdash::app::App::new(ds, config.settings());
    let status = cpdash::terminal::run(app, theme)?;
    Ok(ExitCode::from(u8::try_from(status).unwrap_or(1)))
}
