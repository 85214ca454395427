//! An `.xls` workbook's BIFF records, scanned before calamine reads it: calamine lays every sheet
//! out whole on opening, so a cell beyond [`MAX_ROWS`] × [`MAX_COLS`] (or a DIMENSIONS record
//! claiming as much) is refused here first. The scan also reads what calamine does not give: the
//! decimals each number cell's format prints (FORMAT and XF records), and whether the workbook
//! is encrypted (FILEPASS).

use std::collections::HashMap;

use super::ole::Ole;
use super::sheet_bounds::{a1, too_large, MAX_COLS, MAX_ROWS};
use super::xlsx_parts::decimals_of;

/// The names calamine looks for, in its order.
pub const WORKBOOK_STREAMS: [&str; 4] = ["Workbook", "Book", "WORKBOOK", "BOOK"];

/// What the scan found.
#[derive(Debug, Default)]
pub struct XlsScan {
    /// A BIFF8 workbook: its text is Unicode whatever the CODEPAGE record says (the yearbook's
    /// files say 1252), so calamine is told to read it as code page 1200, as Excel, LibreOffice
    /// and xlrd read it (an older BIFF's code page is its own).
    pub biff8: bool,
    /// Per sheet name, the decimals printed by the number cells whose format fixes them.
    pub decimals: HashMap<String, HashMap<(u32, u32), u8>>,
}

fn u16_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 2).map(|x| u32::from(u16::from_le_bytes([x[0], x[1]])))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

/// A BIFF8 string of `cch` characters at `data[at..]`, after its flags byte.
fn biff_string(data: &[u8], cch: usize, at: usize) -> String {
    let wide = data.get(at).is_some_and(|f| f & 1 == 1);
    let chars = data.get(at + 1..).unwrap_or_default();
    if wide {
        let units: Vec<u16> = chars.chunks_exact(2).take(cch).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch).map(|b| char::from(*b)).collect()
    }
}

/// The decimals of the built-in number formats (MS-XLS 2.5.165) that fix them.
fn builtin(ifmt: u32) -> Option<u8> {
    match ifmt {
        1 | 3 | 37 | 38 => Some(0),
        2 | 4 | 39 | 40 => Some(2),
        _ => None,
    }
}

/// The checks of one record: a DIMENSIONS record claiming more than a yearbook sheet, a cell
/// beyond one, a damaged run of cells. `Some((row, last column))` for a cell record.
fn check_record(kind: u32, data: &[u8]) -> Result<Option<(u32, u32)>, String> {
    // DIMENSIONS: the reader reserves room for the rows × columns it claims.
    if kind == 0x0200 {
        let (first_row, last_row, last_col) = match data.len() {
            10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 6)),
            14 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 10)),
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
    let (Some(row), Some(col)) = (u16_at(data, 0), last_col) else { return Ok(None) };
    if row >= MAX_ROWS || col >= MAX_COLS {
        return Err(too_large(row, col));
    }
    // A run of cells whose last column comes before its first is damaged (and would make the
    // reader's length arithmetic overflow).
    if matches!(kind, 0x00BD | 0x00BE) && u16_at(data, 2).is_none_or(|first| col < first) {
        return Err(format!("the record of a run of cells at {} is damaged", a1(row, col)));
    }
    Ok(Some((row, col)))
}

/// Scans the workbook stream; `Err` names what makes the file unreadable or hostile.
pub fn scan(bytes: &[u8]) -> Result<XlsScan, String> {
    let ole = Ole::open(bytes).map_err(|e| format!("not an OLE workbook: {e}"))?;
    if ole.has_stream("EncryptedPackage") || ole.has_stream("EncryptionInfo") {
        return Err("the workbook is encrypted (password-protected): save it without a password first".into());
    }
    let buf = ole.stream(&WORKBOOK_STREAMS).map_err(|e| format!("no workbook stream: {e}"))?;
    let mut out = XlsScan::default();
    let mut biff8 = false;
    let mut formats: HashMap<u32, Option<u8>> = HashMap::new();
    let mut xfs: Vec<u32> = Vec::new();
    let mut sheet_at: HashMap<usize, String> = HashMap::new();
    let mut current: Option<String> = None;
    let mut starts = std::collections::HashSet::new();
    let mut pos = 0;
    while let (Some(kind), Some(len)) = (u16_at(&buf, pos), u16_at(&buf, pos + 2)) {
        let data = buf.get(pos + 4..pos + 4 + len as usize).unwrap_or_default();
        match kind {
            // BOF: the globals' first, then one per sheet at the position its BOUNDSHEET gives.
            0x0809 => {
                if pos == 0 {
                    biff8 = u16_at(data, 0) == Some(0x0600);
                }
                current = sheet_at.get(&pos).cloned();
            }
            0x002F => {
                return Err("the workbook is encrypted (password-protected): save it without a password first".into())
            }
            // BOUNDSHEET: where a sheet's records begin, and its name.
            0x0085 if biff8 => {
                if let (Some(at), Some(cch)) = (u32_at(data, 0), data.get(6)) {
                    sheet_at.insert(at as usize, biff_string(data, usize::from(*cch), 7));
                }
            }
            // FORMAT: a custom number format's code.
            0x041E if biff8 => {
                if let (Some(ifmt), Some(cch)) = (u16_at(data, 0), u16_at(data, 2)) {
                    formats.insert(ifmt, decimals_of(&biff_string(data, cch as usize, 4)));
                }
            }
            // XF: the cell formats in order; a cell names its XF by index.
            0x00E0 => xfs.push(u16_at(data, 2).unwrap_or(0)),
            _ => {}
        }
        starts.insert(pos);
        if let Some((row, col)) = check_record(kind, data)? {
            // The number cells' formats: NUMBER, RK, FORMULA (one cell), MULRK (a run).
            let fmt = |ixfe: Option<u32>| {
                let ifmt = *xfs.get(ixfe? as usize)?;
                formats.get(&ifmt).copied().unwrap_or_else(|| builtin(ifmt))
            };
            let cells: Vec<(u32, Option<u8>)> = match kind {
                0x0203 | 0x027E | 0x0006 => vec![(col, fmt(u16_at(data, 4)))],
                0x00BD => {
                    let first = u16_at(data, 2).unwrap_or(col);
                    (first..=col).enumerate().map(|(k, c)| (c, fmt(u16_at(data, 4 + 6 * k)))).collect()
                }
                _ => Vec::new(),
            };
            if let Some(name) = &current {
                let sheet = out.decimals.entry(name.clone()).or_default();
                for (c, d) in cells {
                    if let Some(d) = d {
                        sheet.insert((row, c), d);
                    }
                }
            }
        }
        pos += 4 + len as usize;
    }
    // calamine reads a sheet from where its BOUNDSHEET points: records there that the walk above
    // did not meet (a position inside another record) are checked too.
    for start in sheet_at.keys().filter(|p| !starts.contains(*p)) {
        let mut pos = *start;
        while let (Some(kind), Some(len)) = (u16_at(&buf, pos), u16_at(&buf, pos + 2)) {
            check_record(kind, buf.get(pos + 4..pos + 4 + len as usize).unwrap_or_default())?;
            if kind == 0x000A {
                break;
            }
            pos += 4 + len as usize;
        }
    }
    out.biff8 = biff8;
    Ok(out)
}
