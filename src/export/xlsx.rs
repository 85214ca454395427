//! The Excel workbook (`--format xlsx`): a sheet per area, the children's values of every
//! headline indicator with a bar chart, the region's indicators year by year with a line chart
//! per headline indicator, the source of every value shown, and notes on the data set and the definitions.
//!
//! Numbers are stored as numbers with number formats (never as text), a missing value as an
//! empty cell; statuses are both a symbol and a cell colour; header rows are frozen. Text from
//! the data is written as text cells, which Excel never evaluates: a name beginning with `=`
//! cannot become a formula.

use rust_xlsxwriter::{Chart, ChartType, Color, Format, Workbook, Worksheet, XlsxError};

use super::document::{Document, Needs, Part};
use super::error::ExportError;
use super::report::{ExportReport, IndicatorOut, Listed};
use crate::fit::printable;
use crate::model::Unit;
use crate::strings::Lang;

/// Rows in an Excel sheet.
const EXCEL_ROWS: u32 = 1_048_576;

/// Excel's limit on a sheet name.
const SHEET_NAME_MAX: usize = 31;

fn unit_of(key: &str) -> Unit {
    Unit::parse(key).unwrap_or(Unit::Ratio)
}

/// `#,##0.00` for a unit shown with two decimals.
fn number_format(unit: Unit) -> Format {
    let d = unit.decimals();
    let f = if d == 0 { "#,##0".to_string() } else { format!("#,##0.{}", "0".repeat(d)) };
    Format::new().set_num_format(f)
}

fn status_symbol(key: &str) -> &'static str {
    crate::metrics::Status::from_key(key).map_or("", |s| s.symbol())
}

/// The status's colour as a cell fill (the dashboard's palette).
fn status_format(key: &str) -> Format {
    match crate::palette::named(key) {
        Some(c) => Format::new()
            .set_background_color(Color::RGB((u32::from(c.0) << 16) | (u32::from(c.1) << 8) | u32::from(c.2))),
        None => Format::new(),
    }
}

/// A sheet name Excel accepts: without `[]:*?/\`, at most 31 characters.
fn sheet_name(s: &str) -> String {
    s.chars().filter(|c| !"[]:*?/\\'".contains(*c)).take(SHEET_NAME_MAX).collect()
}

/// A cell holds at most 32,767 characters: a longer text (a 900 KB note) is cut there, and the
/// cell says so and how much was cut, rather than the whole workbook failing.
const CELL_MAX: usize = 32_767;

fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
    if s.is_empty() {
        return Ok(());
    }
    let s = printable(s);
    let n = s.chars().count();
    if n <= CELL_MAX {
        ws.write_string(row, col, s.as_ref())?;
    } else {
        let tail = format!(" … [{} more characters cut: a cell holds {CELL_MAX}]", n - (CELL_MAX - 80));
        let head: String = s.chars().take(CELL_MAX - 80).collect();
        ws.write_string(row, col, format!("{head}{tail}"))?;
    }
    Ok(())
}

fn number(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>, f: &Format) -> Result<(), XlsxError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number_with_format(row, col, v, f)?;
    }
    Ok(())
}

fn header(ws: &mut Worksheet, cells: &[&str], widths: &[f64]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, h) in cells.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook lists the values it shows.
pub const NEEDS: Needs = Needs { listed: Listed::Shown, ..Needs::REPORT };

pub fn render(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(to_xlsx(doc).map_err(ExportError::Render)?))
}

/// The workbook's bytes.
pub fn to_xlsx(doc: &Document) -> Result<Vec<u8>, String> {
    build(doc).map_err(|e| format!("the workbook could not be written: {e}"))
}

fn build(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let (r, lang) = (&doc.report, doc.lang());
    let w = lang.sheet_words();
    let mut book = Workbook::new();
    for a in &r.areas {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(lang.of(&a.name_zh, &a.name_en)))?;
        header(ws, &w.area_head, &[34.0, 14.0, 10.0, 12.0, 10.0, 10.0, 14.0, 40.0, 7.0, 7.0, 10.0, 60.0])?;
        for (k, i) in a.indicators.iter().enumerate() {
            area_row(ws, k as u32 + 1, i, lang)?;
        }
    }
    children_sheet(&mut book, r, lang)?;
    years_sheet(&mut book, r, lang)?;
    sources_sheet(&mut book, doc)?;
    notes_sheet(&mut book, r, lang)?;
    book.save_to_buffer()
}

fn area_row(ws: &mut Worksheet, row: u32, i: &IndicatorOut, lang: Lang) -> Result<(), XlsxError> {
    let unit = unit_of(&i.unit);
    let f = number_format(unit);
    text(ws, row, 0, lang.of(&i.name_zh, &i.name_en))?;
    number(ws, row, 1, i.value, &f)?;
    text(ws, row, 2, lang.unit_long(unit))?;
    number(ws, row, 3, i.target, &f)?;
    number(ws, row, 4, i.target_year.map(f64::from), &Format::new())?;
    number(ws, row, 5, i.gap_pct, &Format::new().set_num_format("0.0"))?;
    if let Some(s) = &i.status {
        let word = crate::metrics::Status::from_key(s).map(|st| lang.status(st)).unwrap_or_default();
        ws.write_string_with_format(row, 6, format!("{} {word}", status_symbol(s)), &status_format(s))?;
    }
    text(ws, row, 7, &i.trend_text)?;
    number(ws, row, 8, i.rank.map(|x| x as f64), &Format::new())?;
    number(ws, row, 9, i.rank_of.map(|x| x as f64), &Format::new())?;
    text(ws, row, 10, &i.value_kind)?;
    let source = match (&i.source_url, &i.formula) {
        (Some(u), _) => u.clone(),
        (None, Some(f)) => {
            let urls: Vec<&str> = i.input_sources.iter().map(|s| s.url.as_str()).collect();
            format!("{f} ← {}", urls.join(" | "))
        }
        _ => String::new(),
    };
    text(ws, row, 11, &source)
}

/// The children's values of every indicator any child has (value and status columns), and a bar
/// chart of the first one with values.
fn children_sheet(book: &mut Workbook, r: &ExportReport, lang: Lang) -> Result<(), XlsxError> {
    if r.children_table.is_empty() {
        return Ok(());
    }
    let w = lang.sheet_words();
    let name = sheet_name(w.children);
    let ws = book.add_worksheet();
    ws.set_name(&name)?;
    let mut head: Vec<String> = w.children_head.iter().map(|s| s.to_string()).collect();
    let mut widths = vec![10.0, 16.0, 8.0];
    for i in &r.children_indicators {
        let u = lang.unit_long(unit_of(&i.unit));
        let n = lang.of(&i.name_zh, &i.name_en);
        head.push(if u.is_empty() { n.to_string() } else { format!("{n} ({u})") });
        head.push(format!("{n} {}", w.status));
        widths.extend([16.0, 12.0]);
    }
    let refs: Vec<&str> = head.iter().map(String::as_str).collect();
    header(ws, &refs, &widths)?;
    for (k, c) in r.children_table.iter().enumerate() {
        let row = k as u32 + 1;
        text(ws, row, 0, &c.code)?;
        text(ws, row, 1, lang.of(&c.name_zh, &c.name_en))?;
        let marks = r.marks(c, lang);
        text(ws, row, 2, &marks)?;
        for (j, (cell, ind)) in c.cells.iter().zip(&r.children_indicators).enumerate() {
            let col = 3 + 2 * j as u16;
            number(ws, row, col, cell.value, &number_format(unit_of(&ind.unit)))?;
            if let Some(s) = &cell.status {
                ws.write_string_with_format(row, col + 1, status_symbol(s), &status_format(s))?;
            }
        }
    }
    // A bar chart of the first headline indicator with any child's value.
    let n = r.children_table.len() as u32;
    if let Some(j) =
        (0..r.children_indicators.len()).find(|j| r.children_table.iter().any(|c| c.cells[*j].value.is_some()))
    {
        let col = 3 + 2 * j as u16;
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories((name.as_str(), 1, 1, n, 1))
            .set_values((name.as_str(), 1, col, n, col))
            .set_name((name.as_str(), 0, col));
        // Titles and series names refer to the header cells: a name from the data is never
        // parsed as a range or a formula.
        chart.title().set_name((name.as_str(), 0, col));
        chart.legend().set_hidden();
        ws.insert_chart(n + 2, 1, &chart)?;
    }
    Ok(())
}

/// The region's indicators year by year, with a line chart per headline indicator that has at
/// least two years of values.
fn years_sheet(book: &mut Workbook, r: &ExportReport, lang: Lang) -> Result<(), XlsxError> {
    let w = lang.sheet_words();
    let name = sheet_name(w.years);
    let ws = book.add_worksheet();
    ws.set_name(&name)?;
    let mut head: Vec<String> = w.years_head.iter().map(|s| s.to_string()).collect();
    head.extend(r.by_year.iter().map(|y| y.year.to_string()));
    let refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut widths = vec![34.0, 10.0];
    widths.extend(r.by_year.iter().map(|_| 12.0));
    header(ws, &refs, &widths)?;
    let mut row = 1;
    let mut charts = Vec::new();
    for a in &r.areas {
        for (k, i) in a.indicators.iter().enumerate() {
            let unit = unit_of(&i.unit);
            let name_i = lang.of(&i.name_zh, &i.name_en);
            text(ws, row, 0, name_i)?;
            text(ws, row, 1, lang.unit_long(unit))?;
            let mut with = 0;
            for (c, y) in r.by_year.iter().enumerate() {
                let v = y.indicators.iter().find(|x| x.id == i.id).and_then(|x| x.value);
                with += usize::from(v.is_some());
                number(ws, row, 2 + c as u16, v, &number_format(unit))?;
            }
            // The area's first indicator stands for it (its headline in the dashboard).
            if k == 0 && with >= 2 {
                charts.push(row);
            }
            row += 1;
        }
    }
    let last = r.by_year.len() as u16 + 1;
    for (n, data_row) in charts.iter().enumerate() {
        let mut chart = Chart::new(ChartType::Line);
        chart
            .add_series()
            .set_categories((name.as_str(), 0, 2, 0, last))
            .set_values((name.as_str(), *data_row, 2, *data_row, last))
            .set_name((name.as_str(), *data_row, 0));
        chart.title().set_name((name.as_str(), *data_row, 0));
        chart.legend().set_hidden();
        ws.insert_chart(row + 1 + 16 * n as u32, 0, &chart)?;
    }
    Ok(())
}

/// Every value the workbook shows, with its source; a last row counts the values the ranks,
/// trends and dispersion read besides (the JSON export lists them all).
fn sources_sheet(book: &mut Workbook, doc: &Document) -> Result<(), XlsxError> {
    let lang = doc.lang();
    let w = lang.sheet_words();
    let (observations, unlisted) = doc.report.shown_observations();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(w.sources))?;
    header(ws, &w.sources_head, &[10.0, 16.0, 28.0, 7.0, 14.0, 10.0, 40.0, 12.0, 40.0, 40.0, 8.0, 60.0])?;
    // Excel holds 1,048,576 rows: a longer list ends with a row saying how many more there are.
    let room = EXCEL_ROWS as usize - 3;
    let listed = observations.len().min(room);
    let mut last = listed as u32 + 1;
    if observations.len() > room {
        text(ws, last, 0, &lang.sheet_rows_left_out(observations.len() - room))?;
        last += 1;
    }
    if unlisted > 0 {
        text(ws, last, 0, &lang.sheet_values_unlisted(unlisted))?;
    }
    for (k, o) in observations.iter().take(room).enumerate() {
        let row = k as u32 + 1;
        let region = doc.names.region(&o.region_code, lang);
        let ind = doc.names.indicator(&o.indicator, lang);
        let unit = unit_of(&o.unit);
        text(ws, row, 0, &o.region_code)?;
        text(ws, row, 1, region.unwrap_or_default())?;
        text(ws, row, 2, ind.unwrap_or(&o.indicator))?;
        number(ws, row, 3, Some(f64::from(o.year)), &Format::new())?;
        number(ws, row, 4, Some(o.value), &number_format(unit))?;
        text(ws, row, 5, lang.unit_long(unit))?;
        text(ws, row, 6, &o.source_url)?;
        text(ws, row, 7, &o.source_kind)?;
        text(ws, row, 8, o.note.as_deref().unwrap_or_default())?;
        for (col, field) in [(9, &o.cite.source_title), (10, &o.cite.cell), (11, &o.cite.copy_url)] {
            text(ws, row, col, field.as_deref().unwrap_or_default())?;
        }
    }
    Ok(())
}

fn notes_sheet(book: &mut Workbook, r: &ExportReport, lang: Lang) -> Result<(), XlsxError> {
    let w = lang.sheet_words();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(w.notes))?;
    header(ws, &w.notes_head, &[16.0, 100.0])?;
    let years = if r.year_from == r.year { r.year.to_string() } else { format!("{}–{}", r.year_from, r.year) };
    let values = [
        lang.title(&r.dataset.title, r.dataset.title_en.as_deref()).to_string(),
        r.dataset.id.clone(),
        r.dataset.as_of.clone(),
        r.generated_at.clone(),
        r.cpdash_version.clone(),
        format!("{} ({})", lang.of(&r.region.name_zh, &r.region.name_en), r.region.code),
        years,
        r.lang.clone(),
    ];
    for (k, (label, value)) in w.notes_rows.iter().zip(&values).enumerate() {
        text(ws, k as u32 + 1, 0, label)?;
        text(ws, k as u32 + 1, 1, value)?;
    }
    let kinds_row = w.notes_rows.len() as u32 + 1;
    text(ws, kinds_row, 1, &lang.values_by_kind(&r.kinds_shown()))?;
    let start = kinds_row + 2;
    for (k, d) in w.definitions.iter().enumerate() {
        text(ws, start + k as u32, 1, &d.replace("{w}", &r.trend_window.to_string()))?;
    }
    Ok(())
}

/// A table of regions with several indicators side by side (`cpdash export --children
/// --indicators`, the table's `e`), as a workbook: per indicator its value as a number, its status
/// and its rank; then the notes (what was listed, from which data set, the group marks).
pub fn listing_xlsx(
    l: &super::listing::ListingExport,
    at: &chrono::DateTime<chrono::Local>,
) -> Result<Vec<u8>, String> {
    listing_book(l, at).map_err(|e| format!("the workbook could not be written: {e}"))
}

fn listing_book(l: &super::listing::ListingExport, at: &chrono::DateTime<chrono::Local>) -> Result<Vec<u8>, XlsxError> {
    let (ds, lang) = (l.ds, l.lang);
    let w = lang.sheet_words();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(&format!("{} {}", w.compared, l.year)))?;
    let mut head: Vec<String> = w.children_head.iter().map(|s| s.to_string()).collect();
    let mut widths = vec![10.0, 16.0, 8.0];
    for (i, _) in &l.columns {
        let d = ds.catalog.get(*i);
        let u = lang.unit_long(d.unit);
        let n = lang.indicator(d);
        head.push(if u.is_empty() { n.to_string() } else { format!("{n} ({u})") });
        head.push(format!("{n} {}", w.status));
        head.push(format!("{n} {}", w.rank));
        widths.extend([18.0, 10.0, 8.0]);
    }
    let refs: Vec<&str> = head.iter().map(String::as_str).collect();
    header(ws, &refs, &widths)?;
    let whole = Format::new().set_num_format("0");
    for (k, r) in l.regions.iter().enumerate() {
        let row = k as u32 + 1;
        let g = ds.regions.get(*r);
        text(ws, row, 0, &g.code)?;
        text(ws, row, 1, lang.region(g))?;
        let marks: String = ds.regions.groups_of(*r, l.year).map(|g| lang.group_mark(g)).collect();
        text(ws, row, 2, &marks)?;
        for (j, (i, rows)) in l.columns.iter().enumerate() {
            let col = 3 + 3 * j as u16;
            let cell = &rows[k];
            number(ws, row, col, cell.value(), &number_format(ds.catalog.get(*i).unit))?;
            if let Some(s) = cell.status() {
                ws.write_string_with_format(row, col + 1, status_symbol(s.key()), &status_format(s.key()))?;
            }
            number(ws, row, col + 2, cell.rank.as_ref().map(|x| x.rank as f64), &whole)?;
        }
    }
    let notes = book.add_worksheet();
    notes.set_name(sheet_name(w.notes))?;
    header(notes, &w.notes_head, &[16.0, 100.0])?;
    let legend = lang.group_legend(ds.regions.groups().iter().filter(|g| g.applies_in(l.year)));
    let data = lang.report_data(
        lang.title(&ds.meta.title, ds.meta.title_en.as_deref()),
        &ds.meta.id,
        &ds.meta.as_of.to_string(),
        &at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        env!("CARGO_PKG_VERSION"),
    );
    let lines = [l.heading.clone(), lang.listed(l.regions.len(), l.of), data, legend];
    for (k, line) in lines.iter().enumerate() {
        text(notes, k as u32 + 1, 1, line)?;
    }
    book.save_to_buffer()
}
