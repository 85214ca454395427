//! `cpdash export`: a region's report for a year or a span, in the formats chosen.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};

use super::ctx::{region_and_year, Ctx};
use super::output::{say, say_path};
use crate::export::files::{write_listing, LISTING_FORMATS};
use crate::export::listing::ListingExport;
use crate::export::{export_files, files, ExportFormat, Request, Target};
use crate::fit::printable;
use crate::metrics::report::rows_among;
use crate::model::{Area, Dataset, IndicatorId, RegionId};
use crate::strings::Lang;
use crate::tidy::years::parse_years;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Region code, or an unambiguous Chinese, pinyin or English name.
    #[arg(long)]
    pub region: String,
    /// Year (default: the latest year with the most data for the region and its children).
    #[arg(long, conflicts_with = "years")]
    pub year: Option<i32>,
    /// Several years: a span (2019-2024) or all. The CSV is then one tidy table over the
    /// years, the JSON and the reports add the region's indicators in every year; the
    /// metrics are those of the last year.
    #[arg(long, value_name = "SPAN|all")]
    pub years: Option<String>,
    /// Only this area: regional, urban_rural, income, public_services, culture, basic_units.
    #[arg(long, value_parser = super::parse::area)]
    pub area: Option<Area>,
    /// Formats (repeatable; default: those in the config). `txt` alone without --output or
    /// --dir prints to standard output.
    #[arg(long = "format", value_enum)]
    pub formats: Vec<ExportFormat>,
    /// Write one format to this file (`-`: standard output, which is not atomic).
    #[arg(long, conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// Folder for generated names cpdash_<code>_<year>_<time>.<ext> (default: the config's).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
    /// Language of the Markdown and text reports and of the JSON's sentences (default: the
    /// config's `language`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Instead of the region's report: its children compared side by side on --indicators, as
    /// csv (long), md or xlsx (default: all three).
    #[arg(long, requires = "indicators", conflicts_with_all = ["years", "area"])]
    pub children: bool,
    /// With --children: the indicators, by id or by name (Chinese, English or short), comma
    /// separated.
    #[arg(long, value_delimiter = ',', value_name = "ID|NAME,...", requires = "children")]
    pub indicators: Vec<String>,
    /// The one-page brief instead of the full report, as html or pdf: the areas' headline
    /// figures, the map of the children, the series that says most, the children's incomes.
    #[arg(long, conflicts_with_all = ["children", "years"])]
    pub brief: bool,
    /// The indicator the map shades, by id or name (default: the one the dashboard opens on,
    /// else the first headline with values for the children).
    #[arg(long, value_name = "ID|NAME")]
    pub map: Option<String>,
}

pub fn run(args: Args, ctx: &Ctx) -> Result<ExitCode> {
    let config = &ctx.config;
    let lang = args.lang.unwrap_or(config.language);
    let ds = ctx.dataset()?;
    let (r, y) = region_and_year(&ds, &args.region, args.year)?;
    if args.children {
        return children(&ds, r, y, &args, ctx, lang);
    }
    let span = match &args.years {
        Some(s) => parse_years(s, ds.years()).map_err(|e| anyhow!("--years: {e}"))?,
        None => y..=y,
    };
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        // The brief is a page: HTML unless asked for PDF.
        formats = if args.brief { vec![ExportFormat::Html] } else { config.export.formats.clone() };
    }
    formats.sort();
    formats.dedup();
    if args.brief {
        if let Some(f) = formats.iter().find(|f| !matches!(f, ExportFormat::Html | ExportFormat::Pdf)) {
            return Err(anyhow!("--brief is a page, written as html or pdf, not {}", f.ext()));
        }
    }
    let map = match &args.map {
        Some(name) => Some(
            indicator_named(&ds, name)
                .ok_or_else(|| anyhow!("--map: no indicator has the id or name \"{}\"", printable(name)))?,
        ),
        None => None,
    };
    let now = chrono::Local::now();
    let req = Request { region: r, years: span, area: args.area, lang, brief: args.brief, map };
    // `--output -`: standard output (not atomic: it is a stream).
    if args.output.as_deref() == Some(std::path::Path::new("-")) {
        let [format] = formats.as_slice() else {
            return Err(anyhow!("--output - writes one format; give a single --format"));
        };
        let bytes = files::render(&ds, &req, *format, &now)?;
        std::io::Write::write_all(&mut std::io::stdout(), &bytes).context("writing to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    if formats == [ExportFormat::Txt] && args.output.is_none() && args.dir.is_none() {
        let text = files::render(&ds, &req, ExportFormat::Txt, &now)?;
        say(String::from_utf8_lossy(&text))?;
        return Ok(ExitCode::SUCCESS);
    }
    let default_dir = crate::config::expand_home(&config.export.dir);
    let target = target(&args, &default_dir);
    for p in export_files(&ds, &req, &formats, target, args.force, &now)? {
        say_path(&p)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--children --indicators`: the region's children side by side on the indicators, each ranked
/// among the children.
fn children(ds: &Dataset, region: RegionId, year: i32, args: &Args, ctx: &Ctx, lang: Lang) -> Result<ExitCode> {
    let kids = ds.regions.children(region);
    if kids.is_empty() {
        return Err(anyhow!("--children: {} has no children", ds.regions.get(region).name_zh));
    }
    let columns = args
        .indicators
        .iter()
        .map(|name| {
            let ind = indicator_named(ds, name)
                .ok_or_else(|| anyhow!("--indicators: no indicator has the id or name \"{}\"", printable(name)))?;
            let rows = rows_among(ds, kids, ind, year).into_iter().map(|(_, row)| row).collect();
            Ok((ind, rows))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        formats = LISTING_FORMATS.to_vec();
    }
    formats.sort();
    formats.dedup();
    if let Some(f) = formats.iter().find(|f| !LISTING_FORMATS.contains(f)) {
        return Err(anyhow!("--children writes csv, md or xlsx, not {}", f.ext()));
    }
    let g = ds.regions.get(region);
    let listing = ListingExport {
        ds,
        scope: region,
        regions: kids.to_vec(),
        columns,
        of: kids.len(),
        year,
        heading: lang.children_of(lang.region(g)),
        lang,
    };
    let default_dir = crate::config::expand_home(&ctx.config.export.dir);
    let target = target(args, &default_dir);
    for p in write_listing(&listing, "children", &formats, target, args.force, &chrono::Local::now())? {
        say_path(&p)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the files go: `--output`, else `--dir`, else the config's folder.
fn target<'a>(args: &'a Args, default_dir: &'a std::path::Path) -> Target<'a> {
    match (&args.output, &args.dir) {
        (Some(o), _) => Target::Output(o),
        (None, Some(d)) => Target::Dir(d),
        (None, None) => Target::Dir(default_dir),
    }
}

/// An indicator by its id, else by its Chinese, English or short name (exactly).
fn indicator_named(ds: &Dataset, name: &str) -> Option<IndicatorId> {
    ds.catalog.by_id(name).or_else(|| {
        ds.catalog
            .iter()
            .find(|(_, d)| [&d.name_zh, &d.name_en, &d.short_zh, &d.short_en].iter().any(|n| n.as_str() == name))
            .map(|(i, _)| i)
    })
}
