//! Yearbook tables as the statistics bureau publishes them, `.xlsx` or `.xls` (read with
//! `calamine`), into observations:
//!
//! - a title row, `17-42 各市、县文化和卫生事业主要指标（2024年）`: the table number and the data
//!   year (`--year` overrides it; a title with a span of years, or none, leaves the years to the
//!   header);
//! - header rows down to the first row that names a region: per value column, the labels of its
//!   cells from top to bottom, a merged cell counting for every column it spans (`生产总值(亿元)` over
//!   `第一产业`; `全体居民` over `2021`). A label that is a year gives the column's year; the others
//!   are matched to the catalog by name (the deepest first), or through `--map` (label or
//!   `upper/lower` labels → indicator id); the unit is the deepest bracketed one, or a `单位：元`
//!   line. Columns matching no indicator are reported and skipped;
//! - data rows: the first cell a region name (`其中：义乌市`, `景宁县` as printed; a name matching no
//!   region, such as the subtotal 浙东北, is reported and skipped, never guessed); rows opening with
//!   `注` are footnotes, kept as the note of every value of the table.
//!
//! Every value cites the publication (`--edition` and the table), the cell it came from and the
//! copy read (`--copy-url`); errors name the file, the sheet's row, the sheet and the cell.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, Sheets};

use super::collected::{Cite, Collected};
use super::error::{LoadError, LoadErrors};
pub use super::sheet_bounds::{a1, too_large, MAX_COLS, MAX_ROWS};
use super::table::{clean_text, parse_grouped_number};
use super::wide_csv::{match_region, name_and_unit, observable, unit_factor, WideOptions};
use super::yearbook_labels::{self, Match, TableFacts};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{Source, SourceKind, YEARS};
use crate::model::{IndicatorId, RegionId};

/// Whether bytes are an OLE (.xls) file.
pub fn is_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Whether a file is a spreadsheet, by its name or its first bytes (zip for xlsx, OLE for xls).
pub fn is_spreadsheet(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xlsx") || lower.ends_with(".xls") || bytes.starts_with(b"PK\x03\x04") || is_xls(bytes)
}

/// A cell's text as printed (numbers as their shortest form), trimmed of ASCII and ideographic
/// spaces.
fn text(d: &Data) -> String {
    let s = match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::Bool(b) => b.to_string(),
        _ => String::new(),
    };
    // Line breaks and tabs inside a cell (`年末总人口\n(万人)`) are spaces; other control
    // characters stay, for the check that refuses them.
    let s: String = s.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_string()
}

/// The sheet as a grid from A1, with each merged region's value in all its cells.
struct Grid {
    cells: Vec<Vec<Data>>,
    /// The decimals each number cell's format prints (none: General, or not known).
    decimals: HashMap<(u32, u32), u8>,
    /// The cells a merged region covers beyond its first, and that first cell: their text is the
    /// region's (a header label spans its columns), but they hold no value of their own.
    copies: HashMap<(usize, usize), (u32, u32)>,
    /// Cells holding a formula the file was saved without computing: empty, and said so.
    uncomputed: std::collections::HashSet<(u32, u32)>,
}

impl Grid {
    /// From (row, column, value) cells, all within [`MAX_ROWS`] × [`MAX_COLS`].
    fn new(used: Vec<(u32, u32, Data)>, merged: &[Dimensions]) -> Grid {
        let h = used.iter().map(|c| c.0 as usize + 1).max().unwrap_or(0);
        let w = used.iter().map(|c| c.1 as usize + 1).max().unwrap_or(0);
        let mut cells = vec![vec![Data::Empty; w]; h];
        for (r, c, v) in used {
            cells[r as usize][c as usize] = v;
        }
        // Merged regions may overlap: a hostile file with thousands of them covering the sheet
        // would fill it thousands of times, so filling stops at four sheets' worth of cells.
        let mut budget = 4 * h * w;
        let mut copies = HashMap::new();
        for m in merged.iter().filter(|m| m.end.0 < MAX_ROWS && m.end.1 < MAX_COLS) {
            let area =
                (m.end.0.saturating_sub(m.start.0) as usize + 1) * (m.end.1.saturating_sub(m.start.1) as usize + 1);
            let Some(left) = budget.checked_sub(area) else { break };
            budget = left;
            let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
            let Some(v) = cells.get(r0).and_then(|row| row.get(c0)).cloned() else { continue };
            for (r, row) in cells.iter_mut().enumerate().take(m.end.0 as usize + 1).skip(r0) {
                for (c, cell) in row.iter_mut().enumerate().take(m.end.1 as usize + 1).skip(c0) {
                    *cell = v.clone();
                    if (r, c) != (r0, c0) {
                        copies.insert((r, c), (r0 as u32, c0 as u32));
                    }
                }
            }
        }
        Grid { cells, decimals: HashMap::new(), copies, uncomputed: Default::default() }
    }

    fn decimals(&self, r: usize, c: usize) -> Option<u8> {
        self.decimals.get(&(r as u32, c as u32)).copied()
    }

    fn text(&self, r: usize, c: usize) -> String {
        self.cells.get(r).and_then(|row| row.get(c)).map(text).unwrap_or_default()
    }

    fn width(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }
}

/// `17-42` and `（2024年）` of a title: (table number, data year, the title's words).
fn parse_title(title: &str) -> (Option<String>, Option<i32>, String) {
    let t = title.trim();
    let number: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let number = (number.contains('-') && number.len() > 2).then_some(number);
    let year = title_year(t).filter(|y| YEARS.contains(y));
    (number, year, t.to_string())
}

/// Every year a title gives in brackets (`（2023年）`), in order.
fn bracketed_years(t: &str) -> Vec<i32> {
    t.split(['（', '('])
        .skip(1)
        .filter_map(|rest| {
            let inner = rest.split(['）', ')']).next()?;
            inner.trim_end_matches('年').parse::<i32>().ok()
        })
        .collect()
}

/// The year in a title's last brackets (`（2024年）`), whatever its range.
fn title_year(t: &str) -> Option<i32> {
    ['（', '('].iter().filter_map(|open| t.rfind(*open).map(|i| &t[i + open.len_utf8()..])).find_map(|rest| {
        let inner = rest.trim_end_matches(['）', ')']).trim_end_matches('年');
        inner.parse::<i32>().ok()
    })
}

/// A header label as one line: no spaces or line breaks inside (`年末总人口\n(万人)`, `城  市`),
/// full-width brackets as ASCII ones (`体育场地数 （个）`, `(万人）`).
fn clean_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// A header label that is a year: `2021`, `2021年`.
fn label_year(label: &str) -> Option<i32> {
    label.trim_end_matches('年').parse::<i32>().ok().filter(|y| YEARS.contains(y))
}

/// A row's first cell as a region name: without `其中：` or `#`.
fn region_label(s: &str) -> &str {
    let s = s.trim_start_matches('#');
    s.strip_prefix("其中：").or_else(|| s.strip_prefix("其中:")).unwrap_or(s).trim()
}

/// The chosen sheet's name, cells and merged regions, or why not.
type Cells = (String, Vec<(u32, u32, Data)>, Vec<Dimensions>, super::xlsx_parts::SheetFacts);

fn read_cells(bytes: &[u8], want: Option<&str>) -> Result<Cells, String> {
    // The format by content: OLE is .xls; anything else is read as .xlsx only (never as .xlsb or
    // .ods), after every zip part has been inflated once with a cap (a zip with bytes before it
    // too).
    let (mut book, scan) = if is_xls(bytes) {
        let scan = super::xls_scan::scan(bytes).map_err(|m| format!("cannot be read as an .xls workbook: {m}"))?;
        let mut options = calamine::XlsOptions::default();
        if scan.biff8 {
            options.force_codepage = Some(1200);
        }
        let xls = calamine::Xls::new_with_options(Cursor::new(bytes), options)
            .map_err(|e| format!("cannot be read as an .xls workbook: {e}"))?;
        (Sheets::Xls(xls), Some(scan))
    } else {
        super::xlsx_parts::check_parts(bytes).map_err(|m| format!("cannot be read as an .xlsx workbook: {m}"))?;
        let xlsx =
            calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("cannot be read as an .xlsx workbook: {e}"))?;
        (Sheets::Xlsx(xlsx), None)
    };
    let names = book.sheet_names();
    // Without --sheet, the first sheet a reader sees: a hidden one is passed over.
    let visible = book.sheets_metadata().iter().find(|s| s.visible == calamine::SheetVisible::Visible);
    let sheet = match want {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(format!("--sheet: no sheet \"{s}\" (the workbook has {})", names.join(", "))),
        None => visible.map(|s| s.name.clone()).ok_or_else(|| "the workbook has no visible sheet".to_string())?,
    };
    let unreadable = |e: String| format!("sheet \"{sheet}\" cannot be read: {e}");
    let (used, merged, facts) = match &mut book {
        // Cell by cell, so that a far-off cell is refused before anything is laid out.
        Sheets::Xlsx(x) => {
            let mut used = Vec::new();
            let mut cells = x.worksheet_cells_reader(&sheet).map_err(|e| unreadable(e.to_string()))?;
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.to_string()))? {
                let (r, c) = cell.get_position();
                if r >= MAX_ROWS || c >= MAX_COLS {
                    return Err(too_large(r, c));
                }
                let v = match cell.get_value() {
                    DataRef::Int(i) => Data::Int(*i),
                    DataRef::Float(f) => Data::Float(*f),
                    DataRef::String(s) => Data::String(s.clone()),
                    DataRef::SharedString(s) => Data::String(s.to_string()),
                    DataRef::Bool(b) => Data::Bool(*b),
                    // A number is a number whatever its display format (a date, a duration).
                    DataRef::DateTime(d) => Data::Float(d.as_f64()),
                    DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Data::String(s.clone()),
                    DataRef::Error(e) => Data::Error(e.clone()),
                    DataRef::Empty => Data::Empty,
                };
                used.push((r, c, v));
            }
            drop(cells);
            let facts = super::xlsx_parts::sheet_facts(bytes, &sheet, (MAX_ROWS, MAX_COLS)).map_err(unreadable)?;
            let _ = x.load_merged_regions();
            let merged: Vec<Dimensions> = x.merged_regions_by_sheet(&sheet).into_iter().map(|(_, _, d)| *d).collect();
            (used, merged, facts)
        }
        Sheets::Xls(x) => {
            let range = x.worksheet_range(&sheet).map_err(|e| unreadable(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let used: Vec<(u32, u32, Data)> =
                range.used_cells().map(|(r, c, v)| (r as u32 + r0, c as u32 + c0, v.clone())).collect();
            let decimals = scan.as_ref().and_then(|s| s.decimals.get(&sheet).cloned()).unwrap_or_default();
            let facts = super::xlsx_parts::SheetFacts { decimals, ..Default::default() };
            (used, x.worksheet_merge_cells(&sheet).unwrap_or_default(), facts)
        }
        _ => return Err("only .xlsx and .xls workbooks are read".into()),
    };
    Ok((sheet, used, merged, facts))
}

/// calamine's .xls parser panics on some damaged records, which `read_sheet` catches and names
/// as a damaged file: the library's own panic message is not printed (nor, under a fuzzer, taken
/// for a crash). Only panics located in calamine are silenced; every other goes to the hook
/// that was there before.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("calamine")) {
                before(info);
            }
        }));
    });
}

/// What a column of a sheet was read as.
#[derive(Debug, Clone)]
pub struct ColumnUse {
    pub indicator: IndicatorId,
    pub year: i32,
    pub unit: String,
    pub factor: f64,
    /// Which rule decided the indicator, in words (`--map`, the catalog's name, a labels row).
    pub rule: String,
    /// The rule's reason, kept in each value's note where the table's context decided.
    pub why: Option<String>,
}

/// A column of the sheet: its labels top to bottom, and what it is read as (or why not).
#[derive(Debug, Clone)]
pub struct ColumnPlan {
    /// The first header row (0-based), where a warning about the column points.
    pub row: usize,
    pub col: usize,
    pub labels: String,
    pub outcome: Result<ColumnUse, String>,
}

/// A row below the header: the name printed, and the region (or why it is skipped).
#[derive(Debug, Clone)]
pub struct RowPlan {
    pub row: usize,
    pub printed: String,
    pub outcome: Result<RegionId, String>,
}

/// A sheet as understood, before (and after) its values are read: `cpdash import --dry-run`
/// shows it.
#[derive(Debug, Clone)]
pub struct SheetPlan {
    pub sheet: String,
    pub title: String,
    /// The citation of the table: `浙江统计年鉴2013 表17-2 各市国民经济主要指标（2012年）`.
    pub source_title: String,
    /// Where the edition and the table number came from.
    pub provenance: Vec<String>,
    pub columns: Vec<ColumnPlan>,
    pub rows: Vec<RowPlan>,
    pub footnotes: Vec<String>,
    /// Values read (after collecting).
    pub values: usize,
    /// Values printed with fewer decimals than the cell holds, stored as printed.
    pub rounded: usize,
    title_row: usize,
}

/// `v` with `d` decimals, as a table with that number format prints it.
/// `v` with `d` decimals as Excel prints it: first to 15 significant digits (what it keeps),
/// then half away from zero in decimal (118.5 under `0` prints 119, 100.005 under `0.00`
/// prints 100.01, where rounding the binary value would give 118 and 100).
pub fn round_to(v: f64, d: u8) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let sci = format!("{:.14e}", v.abs());
    let Some((mantissa, exp)) = sci.split_once('e') else { return v };
    let Ok(exp) = exp.parse::<i32>() else { return v };
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    // Digits kept: those before the cut at `d` decimals.
    let keep = exp + 1 + i32::from(d);
    if keep >= digits.len() as i32 {
        return v.signum() * format!("{mantissa}e{exp}").parse::<f64>().unwrap_or(v.abs());
    }
    if keep < 0 {
        return 0.0;
    }
    let keep = keep as usize;
    let mut kept: u64 = digits[..keep].iter().fold(0, |n, d| n * 10 + u64::from(*d));
    if digits[keep] >= 5 {
        kept += 1;
    }
    let scale = i32::from(d);
    v.signum() * format!("{kept}e{}", -scale).parse::<f64>().unwrap_or(v.abs())
}

/// The edition a table belongs to when none is given: the data year + 1.
pub fn edition_of(data_year: i32) -> String {
    format!("浙江统计年鉴{}", data_year + 1)
}

/// A table number at the start of a file name (`17-25 各市、县….xlsx`).
fn number_in_file_name(file: &str) -> Option<String> {
    let base = std::path::Path::new(file).file_name()?.to_str()?;
    let number: String = base.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    (number.contains('-') && number.len() > 2 && !number.ends_with('-')).then_some(number)
}

/// Reads the sheet (the first, or `opts.sheet`) of one workbook into `into`; returns the warnings
/// (columns and rows skipped).
pub fn read_sheet(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
    opts: &WideOptions,
    into: &mut Collected,
) -> Result<Vec<LoadError>, LoadErrors> {
    read_sheet_plan(file, bytes, (regions, catalog), opts, into, false).map(|(_, w)| w)
}

/// As [`read_sheet`], with the sheet as understood. A `dry` run reads and checks the values but
/// does not need a source, and gives the plan even where no column matches.
pub fn read_sheet_plan(
    file: &str,
    bytes: &[u8],
    (regions, catalog): (&RegionTree, &Catalog),
    opts: &WideOptions,
    into: &mut Collected,
    dry: bool,
) -> Result<(SheetPlan, Vec<LoadError>), LoadErrors> {
    let fail = |m: String| LoadErrors(vec![LoadError::file(file, m)]);
    // The reader is a library: should it fail on a damaged file in a way its checks miss, the
    // file is named as unreadable rather than the import ending.
    quiet_reader_panics();
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_cells(bytes, opts.sheet.as_deref())));
    let (sheet, used, merged, facts) = match read {
        Ok(Ok(r)) => r,
        Ok(Err(m)) => return Err(fail(m)),
        Err(_) => return Err(fail("cannot be read as an .xlsx or .xls workbook: the file is damaged".into())),
    };
    // Text that could act on a terminal, or a huge one, is refused as in every other file.
    for (r, c, v) in &used {
        if matches!(v, Data::String(_)) {
            let field = format!("{sheet}!{}", a1(*r, *c));
            clean_text(&field, &text(v))
                .map_err(|m| LoadErrors(vec![LoadError::at(file, u64::from(*r) + 1, Some(&field), m)]))?;
        }
    }
    let mut grid = Grid::new(used, &merged);
    grid.decimals = facts.decimals;
    grid.uncomputed = facts.uncomputed;
    let mut plan = plan_sheet(file, &grid, sheet, regions, catalog, opts)?;
    let mut warnings = plan_warnings(file, &plan);
    if plan.columns.iter().all(|c| c.outcome.is_err()) {
        if dry {
            return Ok((plan, warnings));
        }
        return Err(LoadErrors(vec![cell_error(
            file,
            &plan.sheet,
            plan.title_row,
            0,
            "no column matches an indicator of the catalog (see --map; --dry-run lists the columns and why)".into(),
        )]));
    }
    let dry_source;
    let opts = if dry && opts.source.is_none() {
        dry_source = WideOptions { source: Some(Source::page("(dry run)", SourceKind::Publication)), ..opts.clone() };
        &dry_source
    } else {
        opts
    };
    collect(file, &grid, &mut plan, (regions, catalog), opts, into, &mut warnings)?;
    Ok((plan, warnings))
}

fn cell_error(file: &str, sheet: &str, r: usize, c: usize, m: String) -> LoadError {
    LoadError::at(file, r as u64 + 1, Some(&format!("{sheet}!{}", a1(r as u32, c as u32))), m)
}

/// The columns and rows skipped, as warnings naming their cells.
fn plan_warnings(file: &str, plan: &SheetPlan) -> Vec<LoadError> {
    let cols = plan
        .columns
        .iter()
        .filter_map(|c| c.outcome.as_ref().err().map(|why| cell_error(file, &plan.sheet, c.row, c.col, why.clone())));
    let rows = plan.rows.iter().filter_map(|r| {
        r.outcome.as_ref().err().map(|why| {
            cell_error(
                file,
                &plan.sheet,
                r.row,
                0,
                format!("{why}: the row is skipped (a subtotal or a region outside the data set)"),
            )
        })
    });
    cols.chain(rows).collect()
}

/// The title, the header's columns and the rows' regions of a sheet.
fn plan_sheet(
    file: &str,
    grid: &Grid,
    sheet: String,
    regions: &RegionTree,
    catalog: &Catalog,
    opts: &WideOptions,
) -> Result<SheetPlan, LoadErrors> {
    let fail = |m: String| LoadErrors(vec![LoadError::file(file, m)]);
    let at = |r: usize, c: usize, m: String| cell_error(file, &sheet, r, c, m);
    let parent = match &opts.parent {
        None => None,
        Some(p) => Some(regions.resolve(p).map_err(|m| fail(format!("--parent: {m}")))?),
    };
    let height = grid.cells.len();
    // The title: the first non-empty row.
    let Some(title_row) = (0..height).find(|r| !grid.text(*r, 0).is_empty()) else {
        return Err(fail(format!("sheet \"{sheet}\" is empty")));
    };
    let (number, title_year, title) = parse_title(&grid.text(title_row, 0));
    let mut named: Vec<i32> = bracketed_years(&title);
    named.dedup();
    if opts.year.is_none() && named.len() > 1 {
        let shown: Vec<String> = named.iter().map(i32::to_string).collect();
        return Err(LoadErrors(vec![at(
            title_row,
            0,
            format!("the title names the years {}: say which the values are of with --year", shown.join(" and ")),
        )]));
    }
    if let (None, None, Some(y)) = (opts.year, title_year, self::title_year(&title)) {
        return Err(LoadErrors(vec![at(
            title_row,
            0,
            format!("the title's year {y} is outside {}–{}: say the year with --year", YEARS.start(), YEARS.end()),
        )]));
    }
    // The first data row: the first below the title that holds a number or names a region (a
    // subtotal row such as 浙东北 comes first in some tables).
    let is_region = |r: usize| match_region(regions, region_label(&grid.text(r, 0)), parent).is_ok();
    let has_number = |r: usize| grid.cells[r].iter().skip(1).any(|d| matches!(d, Data::Float(_) | Data::Int(_)));
    // A row of years under a merged label (`城市` over two rows) is a header row.
    let years_row = |r: usize| {
        let label = grid.text(r, 0);
        (label.is_empty() || label == grid.text(r - 1, 0))
            && grid.cells[r].iter().skip(1).all(|d| match d {
                Data::Float(_) | Data::Int(_) => label_year(&text(d)).is_some(),
                _ => true,
            })
    };
    let Some(first_data) = (title_row + 1..height).find(|r| (has_number(*r) && !years_row(*r)) || is_region(*r)) else {
        return Err(LoadErrors(vec![at(
            title_row + 1,
            0,
            "no row below the title names a region of the data set".into(),
        )]));
    };
    let header_rows: Vec<usize> = (title_row + 1..first_data).collect();
    // A `单位：元` line anywhere in the header block.
    let sheet_unit = header_rows.iter().flat_map(|r| (0..grid.width()).map(move |c| (*r, c))).find_map(|(r, c)| {
        let t = clean_label(&grid.text(r, c));
        t.strip_prefix("单位：").or_else(|| t.strip_prefix("单位:")).map(str::to_string)
    });
    let footnotes: Vec<String> =
        (first_data..height).map(|r| grid.text(r, 0)).filter(|t| t.starts_with('注')).collect();
    let col_labels = column_labels(grid, &header_rows, first_data);
    let own_label = |l: &str| leaf_label(name_and_unit(l).0).to_string();
    let leaves: Vec<String> = col_labels
        .iter()
        .filter_map(|(_, ls)| ls.iter().rev().find(|l| label_year(l).is_none()).map(|l| own_label(l)))
        .collect();
    let title_words = format!("{title} {sheet}");
    let facts = TableFacts { title: &title_words, footnotes: &footnotes, labels: &leaves };
    let year = opts.year.or(title_year);
    let mut columns = Vec::new();
    for (c, labels) in col_labels {
        let col_year = labels.iter().find_map(|l| label_year(l)).or(year);
        let names: Vec<&String> = labels.iter().filter(|l| label_year(l).is_none()).collect();
        let first = header_rows.first().copied().unwrap_or(title_row);
        let outcome = column_use(catalog, opts, &facts, &names, col_year, sheet_unit.as_deref())
            .map_err(|m| LoadErrors(vec![at(first, c, m)]))?;
        columns.push(ColumnPlan { row: first, col: c, labels: labels.join(" / "), outcome });
    }
    let columns = columns
        .into_iter()
        .map(|mut c| {
            if let Ok(u) = &c.outcome {
                if let Err(m) = observable(catalog, u.indicator) {
                    c.outcome = Err(m);
                }
            }
            c
        })
        .collect::<Vec<_>>();
    if let Some(c) =
        columns.iter().find(|c| c.outcome.as_ref().is_err_and(|m| m.starts_with("the title gives no year")))
    {
        return Err(LoadErrors(vec![at(
            title_row,
            0,
            format!(
                "column {}: {}",
                a1(0, c.col as u32).trim_end_matches('1'),
                c.outcome.as_ref().err().map_or("", |m| m)
            ),
        )]));
    }
    let (source_title, provenance) = cited_as(file, opts, &columns, number, &title);
    let rows = (first_data..height)
        .map(|r| (r, grid.text(r, 0)))
        .filter(|(_, printed)| !printed.is_empty() && !printed.starts_with('注'))
        .map(|(row, printed)| {
            let outcome = match_region(regions, region_label(&printed), parent);
            RowPlan { row, printed, outcome }
        })
        .collect();
    Ok(SheetPlan { sheet, title, source_title, provenance, columns, rows, footnotes, values: 0, rounded: 0, title_row })
}

/// Each data column's labels in the header rows, top to bottom (a column that only repeats the
/// region names is none).
fn column_labels(grid: &Grid, header_rows: &[usize], first_data: usize) -> Vec<(usize, Vec<String>)> {
    let height = grid.cells.len();
    (1..grid.width())
        .filter(|c| !(first_data..height).all(|r| grid.text(r, *c) == grid.text(r, 0)))
        .map(|c| {
            let mut labels: Vec<String> = Vec::new();
            for r in header_rows {
                let t = clean_label(&grid.text(*r, c));
                if !t.is_empty() && !t.starts_with("单位") && labels.last() != Some(&t) {
                    labels.push(t);
                }
            }
            (c, labels)
        })
        .filter(|(_, l)| !l.is_empty())
        .collect()
}

/// The table as a source cites it: the edition and the table number, given or inferred from the
/// data year and the file name, and how each was inferred.
fn cited_as(
    file: &str,
    opts: &WideOptions,
    columns: &[ColumnPlan],
    number: Option<String>,
    title: &str,
) -> (String, Vec<String>) {
    let mut provenance = Vec::new();
    let edition = match &opts.edition {
        Some(e) => e.clone(),
        None => {
            let last = columns.iter().filter_map(|c| c.outcome.as_ref().ok().map(|u| u.year)).max().unwrap_or(0);
            provenance.push("edition inferred from the data year (the copy prints only the data year)".to_string());
            edition_of(last)
        }
    };
    let number = number.or_else(|| {
        let n = number_in_file_name(file);
        if n.is_some() {
            provenance.push("table number from the file name (the title prints none)".into());
        }
        n
    });
    let source_title = match &number {
        Some(n) => format!("{edition} 表{n} {}", title.trim_start_matches(n.as_str()).trim()),
        None => format!("{edition} {title}"),
    };
    (source_title.trim().to_string(), provenance)
}

/// A label without `其中：` or `#` before it.
fn leaf_label(s: &str) -> &str {
    region_label(s)
}

/// What one column is: an indicator through `--map`, a labels row or the catalog's name; `Ok(Err)`
/// when it is skipped (with why), `Err` when the column cannot be read at all.
fn column_use(
    catalog: &Catalog,
    opts: &WideOptions,
    facts: &TableFacts,
    names: &[&String],
    col_year: Option<i32>,
    sheet_unit: Option<&str>,
) -> Result<Result<ColumnUse, String>, String> {
    let joined = names.iter().map(|s| name_and_unit(s).0).collect::<Vec<_>>().join("/");
    let Some(leaf) = names.last().map(|l| leaf_label(name_and_unit(l).0).to_string()) else {
        return Ok(Err("the column has no label".into()));
    };
    let mapped =
        opts.map.iter().find(|(label, _)| *label == joined || names.iter().any(|n| name_and_unit(n).0 == label));
    let (ind, rule, why) = if let Some((label, id)) = mapped {
        match catalog.by_id(id) {
            Some(i) => (i, format!("--map: {label} → {id}"), None),
            None => return Ok(Err(format!("--map names \"{id}\", which is not in the catalog"))),
        }
    } else {
        match yearbook_labels::find(&opts.labels, &leaf, facts, col_year) {
            Match::Rule(r) => {
                let Some(i) = catalog.by_id(&r.indicator) else {
                    return Ok(Err(format!("{} names \"{}\", which is not in the catalog", r.place, r.indicator)));
                };
                let cond = if r.when_text.is_empty() { String::new() } else { format!(" when {}", r.when_text) };
                let why = (!r.when_text.is_empty() && !r.why.is_empty()).then(|| r.why.clone());
                (
                    i,
                    format!(
                        "{}{cond} ({}){}",
                        r.label,
                        r.place,
                        if r.why.is_empty() { String::new() } else { format!(": {}", r.why) }
                    ),
                    why,
                )
            }
            Match::Undecided(rs) => {
                let options: Vec<String> = rs.iter().map(|r| format!("{} when {}", r.indicator, r.when_text)).collect();
                return Ok(Err(format!(
                    "\"{leaf}\" has several definitions and the table does not settle which ({}): skipped (say which with --map)",
                    options.join("; ")
                )));
            }
            Match::None => match catalog.iter().find(|(_, d)| d.name_zh == leaf || d.id == leaf) {
                Some((i, _)) => (i, format!("{leaf}: the catalog's name"), None),
                None => {
                    let shown = names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" / ");
                    return Ok(Err(format!("\"{shown}\" is no indicator of the catalog: skipped (map it with --map)")));
                }
            },
        }
    };
    let Some(year) = col_year else {
        return Ok(Err("the title gives no year and the column none: say which with --year".into()));
    };
    let def = catalog.get(ind);
    let unit = names
        .iter()
        .rev()
        .find_map(|n| name_and_unit(n).1.map(str::to_string))
        .or_else(|| sheet_unit.map(str::to_string))
        .unwrap_or_else(|| def.unit.key().to_string());
    let Some(factor) = unit_factor(&unit, def.unit) else {
        return Err(format!("the unit \"{unit}\" cannot be converted to {} ({})", def.unit, def.id));
    };
    Ok(Ok(ColumnUse { indicator: ind, year, unit, factor, rule, why }))
}

/// Reads the values of the planned columns and rows into `into`.
fn collect(
    file: &str,
    grid: &Grid,
    plan: &mut SheetPlan,
    (regions, catalog): (&RegionTree, &Catalog),
    opts: &WideOptions,
    into: &mut Collected,
    warnings: &mut Vec<LoadError>,
) -> Result<(), LoadErrors> {
    let source = opts.source.clone().ok_or_else(|| {
        LoadErrors(vec![LoadError::file(
            file,
            "a yearbook sheet needs --source URL: the publisher's address (the copy read goes in --copy-url)",
        )])
    })?;
    let kind = if source.kind == SourceKind::Other { SourceKind::Publication } else { source.kind };
    let mut errors = Vec::new();
    let mut seen: Vec<RegionId> = Vec::new();
    let (mut values, mut rounded) = (0, 0);
    for row in &plan.rows {
        let (r, printed) = (row.row, &row.printed);
        let Ok(region) = row.outcome else { continue };
        if seen.contains(&region) {
            errors.push(cell_error(file, &plan.sheet, r, 0, format!("\"{printed}\" is listed twice in the table")));
            continue;
        }
        seen.push(region);
        for col in &plan.columns {
            let (c, Ok(u)) = (col.col, &col.outcome) else { continue };
            let at = |m: String| cell_error(file, &plan.sheet, r, c, m);
            if let Some((r0, c0)) = grid.copies.get(&(r, c)) {
                if !matches!(grid.cells[r][c], Data::Empty) {
                    warnings.push(at(format!(
                        "the cell lies in a region merged from {}: it holds no value of its own, and is skipped",
                        a1(*r0, *c0)
                    )));
                }
                continue;
            }
            let value = match &grid.cells[r][c] {
                Data::Float(f) => *f,
                Data::Int(i) => *i as f64,
                Data::DateTime(d) => d.as_f64(),
                Data::Empty if grid.uncomputed.contains(&(r as u32, c as u32)) => {
                    warnings.push(at(
                        "the cell holds a formula the file was saved without computing: the value is missing".into(),
                    ));
                    continue;
                }
                Data::Empty => continue,
                Data::Error(e) => {
                    warnings.push(at(format!("the cell holds the error {e}: the value is missing")));
                    continue;
                }
                other => {
                    let t = text(other);
                    if matches!(t.as_str(), "" | "—" | "-" | "–" | "…" | "...") {
                        continue;
                    }
                    match parse_grouped_number(&t) {
                        Ok(v) => v,
                        Err(m) => {
                            errors.push(at(m));
                            continue;
                        }
                    }
                }
            };
            // The value as the table prints it (its number format's decimals).
            let mut note: Vec<String> = Vec::new();
            // Only a number cell: text that reads as a number shows as typed.
            let numeric = matches!(grid.cells[r][c], Data::Float(_) | Data::Int(_) | Data::DateTime(_));
            let value = match grid.decimals(r, c).filter(|_| numeric) {
                Some(d) if round_to(value, d) != value => {
                    rounded += 1;
                    note.push(format!(
                        "the cell holds {value}; the table prints {} (stored as printed)",
                        round_to(value, d)
                    ));
                    round_to(value, d)
                }
                _ => value,
            };
            // Undo float noise of a unit shift, keeping 10 significant digits (as the CSV import).
            let value = if u.factor == 1.0 {
                value
            } else {
                format!("{:.10e}", value * u.factor).parse().unwrap_or(value * u.factor)
            };
            if let Err(m) = catalog.get(u.indicator).accepts(value) {
                errors.push(at(m));
                continue;
            }
            let name = &regions.get(region).name_zh;
            if printed != name {
                note.insert(0, format!("printed {printed} ({name})"));
            }
            note.extend(plan.footnotes.iter().cloned());
            note.extend(u.why.iter().cloned());
            note.extend(plan.provenance.iter().cloned());
            note.extend(opts.note.iter().cloned());
            let note = note.join("; ");
            let address = a1(r as u32, c as u32);
            let cite = Cite {
                url: &source.url,
                kind,
                title: Some(&plan.source_title),
                copy_url: opts.copy_url.as_deref(),
                cell: Some(&address),
            };
            into.add(
                (file, r as u64 + 1, false),
                region,
                u.indicator,
                u.year,
                value,
                cite,
                (!note.is_empty()).then_some(note.as_str()),
            );
            values += 1;
        }
    }
    plan.values = values;
    plan.rounded = rounded;
    LoadErrors::check(errors)
}

impl SheetPlan {
    /// The sheet as understood, for `cpdash import --dry-run`: each column → indicator, year,
    /// unit and the rule that decided (or skipped, and why); each row → region (or why not).
    pub fn describe(&self, file: &str, regions: &RegionTree, catalog: &Catalog) -> String {
        use crate::fit::{pad, printable};
        let mut out = format!(
            "{}\n  sheet   {}\n  cites   {}\n",
            printable(file),
            printable(&self.sheet),
            printable(&self.source_title)
        );
        for p in &self.provenance {
            out += &format!("          ({p})\n");
        }
        out += "  columns\n";
        let w = self.columns.iter().map(|c| crate::fit::width(&c.labels)).max().unwrap_or(0).min(40);
        for c in &self.columns {
            let col = a1(0, c.col as u32).trim_end_matches('1').to_string();
            let what = match &c.outcome {
                Ok(u) => {
                    let d = catalog.get(u.indicator);
                    format!("→ {} {} ({}), unit {} → {}; by {}", d.id, u.year, d.name_zh, u.unit, d.unit.key(), u.rule)
                }
                Err(why) if why.contains("skipped") => why.clone(),
                Err(why) => format!("skipped: {why}"),
            };
            out += &format!("    {col:<3} {}  {}\n", pad(&printable(&c.labels), w), printable(&what));
        }
        out += "  rows\n";
        let w = self.rows.iter().map(|r| crate::fit::width(&r.printed)).max().unwrap_or(0).min(20);
        for r in &self.rows {
            let what = match &r.outcome {
                Ok(id) => format!("→ {} {}", regions.get(*id).code, regions.get(*id).name_zh),
                Err(why) => format!("skipped: {why} (a subtotal or a region outside the data set)"),
            };
            out += &format!("    {:<4} {}  {}\n", r.row + 1, pad(&printable(&r.printed), w), printable(&what));
        }
        for f in &self.footnotes {
            out += &format!("  footnote  {}\n", printable(f));
        }
        let used = self.columns.iter().filter(|c| c.outcome.is_ok()).count();
        let regions_read = self.rows.iter().filter(|r| r.outcome.is_ok()).count();
        out += &format!(
            "  {} values: {used} of {} columns × {regions_read} of {} rows; {} stored as printed with fewer decimals than the cell holds\n",
            self.values,
            self.columns.len(),
            self.rows.len(),
            self.rounded
        );
        out
    }
}

/// A `--map` file: `label,indicator` rows (a header row of those names first).
pub fn read_map(path: &std::path::Path) -> Result<Vec<(String, String)>, LoadErrors> {
    let name = path.display().to_string();
    let bytes = crate::fsio::read_bounded(path, 1 << 20)
        .map_err(|why| LoadErrors(vec![LoadError::file(&name, format!("cannot be read: {why}"))]))?;
    let t = super::table::Table::parse(&name, &bytes)?;
    t.require(&["label", "indicator"])?;
    t.rows
        .iter()
        .map(|row| Ok((t.required(row, "label")?.to_string(), t.required(row, "indicator")?.to_string())))
        .collect::<Result<Vec<_>, LoadError>>()
        .map_err(|e| LoadErrors(vec![e]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_rounding_is_excels() {
        assert_eq!(round_to(118.5, 0), 119.0);
        assert_eq!(round_to(-118.5, 0), -119.0);
        assert_eq!(round_to(100.005, 2), 100.01);
        assert_eq!(round_to(1.015, 2), 1.02);
        assert_eq!(round_to(18109.42, 0), 18109.0);
        assert_eq!(round_to(41302.65, 0), 41303.0);
        assert_eq!(round_to(946.8, 2), 946.8);
        assert_eq!(round_to(0.4, 0), 0.0);
        assert_eq!(round_to(0.5, 0), 1.0);
        assert_eq!(round_to(99.96, 1), 100.0);
        assert_eq!(round_to(0.0004, 2), 0.0);
    }

    #[test]
    fn addresses_titles_and_labels() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(90, 5), "F91");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(
            parse_title("17-42 各市、县文化和卫生事业主要指标（2024年）"),
            (Some("17-42".into()), Some(2024), "17-42 各市、县文化和卫生事业主要指标（2024年）".into())
        );
        assert_eq!(parse_title("2-15 各市就业人员数（2008-2023年）").1, None);
        assert_eq!(parse_title(" 各市城乡居民人均生活消费支出情况").0, None);
        assert_eq!(label_year("2021年"), Some(2021));
        assert_eq!(region_label("其中：义乌市"), "义乌市");
        assert!(is_spreadsheet("t.XLSX", b""));
        assert!(!is_spreadsheet("t.csv", b"a,b"));
    }
}
