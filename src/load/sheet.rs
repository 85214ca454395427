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

use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, Sheets};

use super::collected::{Cite, Collected};
use super::error::{LoadError, LoadErrors};
use super::table::{clean_text, parse_grouped_number};
use super::wide_csv::{match_region, name_and_unit, observable, unit_factor, WideOptions};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{SourceKind, YEARS};
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

/// The A1 address of a 0-based (row, column).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        c -= 1;
        letters.push(b'A' + (c % 26) as u8);
        c /= 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
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

/// A yearbook table is a few hundred rows by a few dozen columns: a sheet reaching beyond is
/// refused before its cells are laid out (a hostile file naming cell XFD1048576 would otherwise
/// cost gigabytes).
pub const MAX_ROWS: u32 = 5_000;
pub const MAX_COLS: u32 = 128;

fn too_large(row: u32, col: u32) -> String {
    format!(
        "the sheet has a cell at {}, beyond row {MAX_ROWS} or column {}: not a yearbook table",
        a1(row, col),
        a1(0, MAX_COLS - 1).trim_end_matches('1')
    )
}

/// An .xls workbook's BIFF records, scanned before calamine reads it (calamine lays every sheet
/// out whole on opening): `Err` when a cell lies beyond [`MAX_ROWS`] × [`MAX_COLS`]. `Ok(Some)`
/// is the file to give calamine instead: BIFF8 text is Unicode whatever the CODEPAGE record says
/// (the yearbook's files say 1252), and calamine decodes it with that code page, so a BIFF8
/// file's CODEPAGE is set to 1200 (UTF-16), as Excel, LibreOffice and xlrd read it.
pub fn check_xls(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let ole = super::ole::Ole::open(bytes).map_err(|e| format!("not an OLE workbook: {e}"))?;
    if ole.has_stream("EncryptedPackage") || ole.has_stream("EncryptionInfo") {
        return Err("the workbook is encrypted (password-protected): save it without a password first".into());
    }
    let buf = ole.stream(&["Workbook", "Book"]).map_err(|e| format!("no workbook stream: {e}"))?;
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|x| u32::from(u16::from_le_bytes([x[0], x[1]])));
    let mut pos = 0;
    let mut biff8 = false;
    let mut codepage_at = None;
    while let (Some(kind), Some(len)) = (u16_at(&buf, pos), u16_at(&buf, pos + 2)) {
        let data = buf.get(pos + 4..pos + 4 + len as usize).unwrap_or_default();
        // The workbook's BOF says BIFF8 (0x0600); its CODEPAGE follows.
        if kind == 0x0809 && pos == 0 {
            biff8 = u16_at(data, 0) == Some(0x0600);
        }
        if kind == 0x0042 && biff8 && u16_at(data, 0).is_some_and(|cp| cp != 1200) {
            codepage_at = Some(pos + 4);
        }
        // FILEPASS: the workbook is encrypted.
        if kind == 0x002F {
            return Err("the workbook is encrypted (password-protected): save it without a password first".into());
        }
        // DIMENSIONS: the reader reserves room for the rows × columns it claims.
        if kind == 0x0200 {
            let u32_at = |i: usize| data.get(i..i + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]));
            let (first_row, last_row, last_col) = match data.len() {
                10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 6)),
                14 => (u32_at(0), u32_at(4), u16_at(data, 10)),
                _ => (None, None, None),
            };
            if let (Some(f), Some(l), Some(c)) = (first_row, last_row, last_col) {
                if l > MAX_ROWS || c > MAX_COLS || (l > 0 && f >= l) {
                    return Err(too_large(l.saturating_sub(1), c.saturating_sub(1)));
                }
            }
        }
        // Cell records: NUMBER, RK, LABELSST, LABEL, BLANK, BOOLERR, FORMULA, RSTRING, MULRK, MULBLANK.
        let last_col = match kind {
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0201 | 0x0205 | 0x0006 | 0x00D6 => u16_at(data, 2),
            0x00BD | 0x00BE => data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
            _ => None,
        };
        if let (Some(row), Some(col)) = (u16_at(data, 0), last_col) {
            if row >= MAX_ROWS || col >= MAX_COLS {
                return Err(too_large(row, col));
            }
            // A run of cells whose last column comes before its first is damaged (and would
            // make the reader's length arithmetic overflow).
            if matches!(kind, 0x00BD | 0x00BE) && u16_at(data, 2).is_none_or(|first| col < first) {
                return Err(format!("the record of a run of cells at {} is damaged", a1(row, col)));
            }
        }
        pos += 4 + len as usize;
    }
    let Some(at) = codepage_at else { return Ok(None) };
    let positions = ole.stream_positions(&["Workbook", "Book"])?;
    let mut patched = bytes.to_vec();
    for (i, b) in 1200u16.to_le_bytes().into_iter().enumerate() {
        let p = positions.get(at + i).ok_or("the CODEPAGE record lies beyond the stream")?;
        patched[*p] = b;
    }
    Ok(Some(patched))
}

/// The sheet as a grid from A1, with each merged region's value in all its cells.
struct Grid {
    cells: Vec<Vec<Data>>,
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
        for m in merged.iter().filter(|m| m.end.0 < MAX_ROWS && m.end.1 < MAX_COLS) {
            let area =
                (m.end.0.saturating_sub(m.start.0) as usize + 1) * (m.end.1.saturating_sub(m.start.1) as usize + 1);
            let Some(left) = budget.checked_sub(area) else { break };
            budget = left;
            let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
            let Some(v) = cells.get(r0).and_then(|row| row.get(c0)).cloned() else { continue };
            for row in cells.iter_mut().take(m.end.0 as usize + 1).skip(r0) {
                for cell in row.iter_mut().take(m.end.1 as usize + 1).skip(c0) {
                    *cell = v.clone();
                }
            }
        }
        Grid { cells }
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
    let year =
        ['（', '('].iter().filter_map(|open| t.rfind(*open).map(|i| &t[i + open.len_utf8()..])).find_map(|rest| {
            let inner = rest.trim_end_matches(['）', ')']).trim_end_matches('年');
            inner.parse::<i32>().ok().filter(|y| YEARS.contains(y))
        });
    (number, year, t.to_string())
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
#[allow(clippy::type_complexity)]
fn read_cells(bytes: &[u8], want: Option<&str>) -> Result<(String, Vec<(u32, u32, Data)>, Vec<Dimensions>), String> {
    let patched = if is_xls(bytes) {
        check_xls(bytes).map_err(|m| format!("cannot be read as an .xls workbook: {m}"))?
    } else {
        None
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(patched.as_deref().unwrap_or(bytes)))
        .map_err(|e| format!("cannot be read as an .xlsx or .xls workbook: {e}"))?;
    let names = book.sheet_names();
    let sheet = match want {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(format!("--sheet: no sheet \"{s}\" (the workbook has {})", names.join(", "))),
        None => names.first().cloned().ok_or_else(|| "the workbook has no sheet".to_string())?,
    };
    let unreadable = |e: String| format!("sheet \"{sheet}\" cannot be read: {e}");
    let (used, merged): (Vec<(u32, u32, Data)>, Vec<Dimensions>) = match &mut book {
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
                    _ => Data::Empty,
                };
                used.push((r, c, v));
            }
            drop(cells);
            let _ = x.load_merged_regions();
            (used, x.merged_regions_by_sheet(&sheet).into_iter().map(|(_, _, d)| *d).collect())
        }
        Sheets::Xls(x) => {
            let range = x.worksheet_range(&sheet).map_err(|e| unreadable(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let used = range.used_cells().map(|(r, c, v)| (r as u32 + r0, c as u32 + c0, v.clone())).collect();
            (used, x.worksheet_merge_cells(&sheet).unwrap_or_default())
        }
        _ => return Err("only .xlsx and .xls workbooks are read".into()),
    };
    Ok((sheet, used, merged))
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
    let fail = |m: String| LoadErrors(vec![LoadError::file(file, m)]);
    // The reader is a library: should it fail on a damaged file in a way its checks miss, the
    // file is named as unreadable rather than the import ending.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_cells(bytes, opts.sheet.as_deref())));
    let (sheet, used, merged) = match read {
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
    let grid = Grid::new(used, &merged);

    let at = |r: usize, c: usize, m: String| {
        LoadError::at(file, r as u64 + 1, Some(&format!("{sheet}!{}", a1(r as u32, c as u32))), m)
    };
    let source = opts.source.clone().ok_or_else(|| {
        fail("a yearbook sheet needs --source URL: the publisher's address (the copy read goes in --copy-url)".into())
    })?;
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
    let year = opts.year.or(title_year);
    let mut warnings = Vec::new();
    // Each value column: (column, indicator, year, factor to the catalog unit).
    let mut columns: Vec<(usize, IndicatorId, i32, f64)> = Vec::new();
    for c in 1..grid.width() {
        let mut labels: Vec<String> = Vec::new();
        // A column the region labels are merged over (A:B) holds no values.
        if (first_data..height).all(|r| grid.text(r, c) == grid.text(r, 0)) {
            continue;
        }
        for r in &header_rows {
            let t = clean_label(&grid.text(*r, c));
            if !t.is_empty() && !t.starts_with("单位") && labels.last() != Some(&t) {
                labels.push(t);
            }
        }
        if labels.is_empty() {
            continue;
        }
        let col_year = labels.iter().find_map(|l| label_year(l)).or(year);
        let names: Vec<&String> = labels.iter().filter(|l| label_year(l).is_none()).collect();
        let joined = names.iter().map(|s| name_and_unit(s).0).collect::<Vec<_>>().join("/");
        let mapped =
            opts.map.iter().find(|(label, _)| *label == joined || names.iter().any(|n| name_and_unit(n).0 == label));
        let found = match mapped {
            Some((_, id)) => catalog.by_id(id),
            None => names.iter().rev().find_map(|n| {
                let name = name_and_unit(n).0;
                catalog.iter().find(|(_, d)| d.name_zh == name).map(|(i, _)| i)
            }),
        };
        let Some(ind) = found else {
            let shown = labels.join(" / ");
            warnings.push(at(
                header_rows[0],
                c,
                format!("\"{shown}\" is no indicator of the catalog: skipped (map it with --map)"),
            ));
            continue;
        };
        let ind = observable(catalog, ind).map_err(|m| LoadErrors(vec![at(header_rows[0], c, m)]))?;
        let Some(col_year) = col_year else {
            return Err(LoadErrors(vec![at(
                title_row,
                0,
                "the title gives no year and the column none: say which with --year".into(),
            )]));
        };
        let def = catalog.get(ind);
        let unit =
            names.iter().rev().find_map(|n| name_and_unit(n).1.map(str::to_string)).or_else(|| sheet_unit.clone());
        let unit = unit.unwrap_or_else(|| def.unit.key().to_string());
        let factor = unit_factor(&unit, def.unit).ok_or_else(|| {
            LoadErrors(vec![at(
                header_rows[0],
                c,
                format!("the unit \"{unit}\" cannot be converted to {} ({})", def.unit, def.id),
            )])
        })?;
        columns.push((c, ind, col_year, factor));
    }
    if columns.is_empty() {
        return Err(LoadErrors(vec![at(
            title_row,
            0,
            "no column matches an indicator of the catalog (see --map)".into(),
        )]));
    }
    // Footnotes, kept as the note of every value.
    let footnotes: Vec<String> =
        (first_data..height).map(|r| grid.text(r, 0)).filter(|t| t.starts_with('注')).collect();
    let edition = opts.edition.as_deref().unwrap_or("");
    let table_title = match &number {
        Some(n) => format!("{edition} 表{n} {}", title.trim_start_matches(n.as_str()).trim()),
        None => format!("{edition} {title}"),
    };
    let table_title = table_title.trim().to_string();
    let kind = if source.kind == SourceKind::Other { SourceKind::Publication } else { source.kind };
    let mut errors = Vec::new();
    let mut seen: Vec<RegionId> = Vec::new();
    for r in first_data..height {
        let printed = grid.text(r, 0);
        if printed.is_empty() || printed.starts_with('注') {
            continue;
        }
        let name = region_label(&printed);
        let region = match match_region(regions, name, parent) {
            Ok(region) => region,
            Err(m) => {
                warnings.push(at(
                    r,
                    0,
                    format!("{m}: the row is skipped (a subtotal or a region outside the data set)"),
                ));
                continue;
            }
        };
        if seen.contains(&region) {
            errors.push(at(r, 0, format!("\"{printed}\" is listed twice in the table")));
            continue;
        }
        seen.push(region);
        let mut note: Vec<String> = Vec::new();
        if printed != regions.get(region).name_zh {
            note.push(format!("printed {printed}"));
        }
        note.extend(footnotes.iter().cloned());
        note.extend(opts.note.iter().cloned());
        let note = note.join("; ");
        for (c, ind, y, factor) in &columns {
            let cell = &grid.cells[r][*c];
            let value = match cell {
                Data::Float(f) => *f,
                Data::Int(i) => *i as f64,
                Data::Empty => continue,
                other => {
                    let t = text(other);
                    if matches!(t.as_str(), "" | "—" | "-" | "–" | "…" | "...") {
                        continue;
                    }
                    match parse_grouped_number(&t) {
                        Ok(v) => v,
                        Err(m) => {
                            errors.push(at(r, *c, m));
                            continue;
                        }
                    }
                }
            };
            // Undo float noise of a unit shift, keeping 10 significant digits (as the CSV import).
            let value = if *factor == 1.0 {
                value
            } else {
                format!("{:.10e}", value * factor).parse().unwrap_or(value * factor)
            };
            if let Err(m) = catalog.get(*ind).accepts(value) {
                errors.push(at(r, *c, m));
                continue;
            }
            let address = a1(r as u32, *c as u32);
            let cite = Cite {
                url: &source.url,
                kind,
                title: Some(&table_title),
                copy_url: opts.copy_url.as_deref(),
                cell: Some(&address),
            };
            into.add(
                (file, r as u64 + 1, false),
                region,
                *ind,
                *y,
                value,
                cite,
                (!note.is_empty()).then_some(note.as_str()),
            );
        }
    }
    LoadErrors::check(errors)?;
    Ok(warnings)
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
