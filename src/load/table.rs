//! A CSV table, read whole (small tables) or streamed row by row (observation files), with
//! header look-up and line numbers for errors.
//!
//! Accepts a UTF-8 byte-order mark and CRLF line ends; rejects files that are not UTF-8 (and
//! says when they look like GBK, as files saved by Excel on Chinese Windows often are).

use std::collections::HashMap;

use super::error::{LoadError, LoadErrors};
use crate::fit::{char_name, control_char};

#[derive(Debug)]
pub struct Table {
    pub file: String,
    headers: Vec<String>,
    index: HashMap<String, usize>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    /// 1-based line where the record starts.
    pub line: u64,
    fields: csv::StringRecord,
}

impl Table {
    /// Reads the whole table.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Table, LoadError> {
        let mut rows = Vec::new();
        let mut table = Table::stream(file, bytes, |_| Ok(()), |_, row| rows.push(row.clone()))?;
        table.rows = rows;
        Ok(table)
    }

    /// Reads the header, lets `on_header` check it, then hands each non-blank row to `on_row`
    /// without keeping it (the row's buffer is reused). Returns the table without rows.
    pub fn stream(
        file: &str,
        bytes: &[u8],
        on_header: impl FnOnce(&Table) -> Result<(), LoadError>,
        mut on_row: impl FnMut(&Table, &Row),
    ) -> Result<Table, LoadError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if looks_utf16(bytes) {
            return Err(LoadError::file(file, "the file is UTF-16 text; save it as \"CSV UTF-8\" and try again"));
        }
        if bytes.iter().take(4096).any(|b| *b == 0) {
            return Err(LoadError::file(
                file,
                "the file is not text (it holds NUL bytes): a spreadsheet or another binary file, not a CSV",
            ));
        }
        let decoded;
        let bytes = match std::str::from_utf8(bytes) {
            Ok(_) => bytes,
            Err(e) => {
                let line = line_of(bytes, e.valid_up_to());
                // UTF-8 text with a few stray bytes (one Latin-1 character, a cut file) is refused
                // where it breaks, not read as GB18030, which would turn all of its Chinese into
                // other characters.
                if utf8_evidence(bytes) {
                    let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
                    return Err(LoadError::at(
                        file,
                        line,
                        None,
                        format!("the line is not UTF-8 text (byte 0x{bad:02X}), though the rest of the file is; save it as \"CSV UTF-8\" and try again"),
                    ));
                }
                // Not UTF-8 at all: read it as GB18030 (a superset of GBK) if it is valid as such.
                match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(text) => {
                        decoded = text.into_owned().into_bytes();
                        &decoded[..]
                    }
                    None => {
                        return Err(LoadError::at(
                            file,
                            line,
                            None,
                            "the file is neither UTF-8 nor GBK/GB18030 text; save it as \"CSV UTF-8\" and try again",
                        ));
                    }
                }
            }
        };
        if let Some(line) = unclosed_quote(bytes) {
            return Err(LoadError::at(
                file,
                line,
                None,
                "a quote opened on this line is never closed; the rest of the file would be one value",
            ));
        }
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(LoadError::file(file, "the file is empty; expected a header line"));
        }
        let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(bytes);
        let headers: Vec<String> =
            reader.headers().map_err(|e| csv_error(file, &e))?.iter().map(|h| h.trim().to_string()).collect();
        let mut index = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            if index.insert(h.clone(), i).is_some() {
                return Err(LoadError::at(file, 1, Some(h), "the column appears twice in the header"));
            }
        }
        let table = Table { file: file.to_string(), headers, index, rows: Vec::new() };
        on_header(&table)?;
        let mut lines = LineCounter::new(bytes);
        let mut row = Row::default();
        while reader.read_record(&mut row.fields).map_err(|e| csv_error(file, &e))? {
            row.line = row.fields.position().map_or(0, |p| lines.line_at(p.byte() as usize));
            if row.fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if let Some((i, len)) =
                row.fields.iter().enumerate().map(|(i, f)| (i, f.len())).find(|(_, l)| *l > MAX_FIELD)
            {
                let column = table.headers.get(i).map(String::as_str);
                return Err(LoadError::at(
                    file,
                    row.line,
                    column,
                    format!("the value is {len} bytes long; a field may have at most {MAX_FIELD}"),
                ));
            }
            if let Some((i, c)) = row.fields.iter().enumerate().find_map(|(i, f)| control_char(f).map(|c| (i, c))) {
                let column = table.headers.get(i).map(String::as_str);
                return Err(LoadError::at(
                    file,
                    row.line,
                    column,
                    format!("the value holds the control character {}; cpdash does not load text that could act on a terminal", char_name(c)),
                ));
            }
            if row.fields.len() != table.headers.len() {
                return Err(LoadError::at(
                    file,
                    row.line,
                    None,
                    format!(
                        "the line has {} fields but the header has {} (a comma inside a value must be quoted)",
                        row.fields.len(),
                        table.headers.len()
                    ),
                ));
            }
            // Trimming rebuilds the record: only when a field has surrounding spaces.
            if row.fields.iter().any(|f| f.len() != f.trim().len()) {
                row.fields.trim();
            }
            on_row(&table, &row);
        }
        Ok(table)
    }

    /// Position of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Fails naming the first required column that the header lacks.
    pub fn require(&self, columns: &[&str]) -> Result<(), LoadError> {
        for c in columns {
            if !self.index.contains_key(*c) {
                return Err(LoadError::at(
                    &self.file,
                    1,
                    Some(c),
                    format!("the header lacks this column (it has: {})", self.headers.join(", ")),
                ));
            }
        }
        Ok(())
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The field of a row by column position.
    pub fn at<'a>(&self, row: &'a Row, column: usize) -> &'a str {
        row.fields.get(column).unwrap_or("")
    }

    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    /// The field of a row; empty when the column is absent.
    pub fn get<'a>(&self, row: &'a Row, column: &str) -> &'a str {
        self.index.get(column).map_or("", |i| &row.fields[*i])
    }

    /// The field, or `None` when empty or absent.
    pub fn opt<'a>(&self, row: &'a Row, column: &str) -> Option<&'a str> {
        Some(self.get(row, column)).filter(|s| !s.is_empty())
    }

    /// An error about one field of one row.
    pub fn err(&self, row: &Row, column: &str, message: impl Into<String>) -> LoadError {
        LoadError::at(&self.file, row.line, Some(column), message)
    }

    /// Every row through `parse` (which may give none, one or several items per row), with the
    /// errors of all rows together.
    pub fn parse_rows<T, I: IntoIterator<Item = T>>(
        &self,
        mut parse: impl FnMut(&Row) -> Result<I, LoadError>,
    ) -> Result<Vec<T>, LoadErrors> {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for row in &self.rows {
            match parse(row) {
                Ok(items) => out.extend(items),
                Err(e) => errors.push(e),
            }
        }
        LoadErrors::check(errors).map(|()| out)
    }

    /// A required non-empty field.
    pub fn required<'a>(&self, row: &'a Row, column: &str) -> Result<&'a str, LoadError> {
        self.opt(row, column).ok_or_else(|| self.err(row, column, "the value is empty"))
    }

    /// An optional number; an unparseable one is an error.
    pub fn number(&self, row: &Row, column: &str) -> Result<Option<f64>, LoadError> {
        match self.opt(row, column) {
            None => Ok(None),
            Some(s) => parse_number(s).map(Some).map_err(|m| self.err(row, column, m)),
        }
    }
}

/// The longest field cpdash reads: 64 KiB (a note, an address); a longer one is refused rather
/// than laid out on every frame.
pub const MAX_FIELD: usize = 64 * 1024;

/// Whether a line ends at `i`: a `\n`, or a `\r` not followed by `\n` (old Mac files).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// 1-based line of a byte offset, with `\n`, `\r\n` and lone `\r` line ends alike.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + (0..offset.min(bytes.len())).filter(|i| ends_line(bytes, *i)).count() as u64
}

/// UTF-16 (with or without its byte-order mark): the NUL bytes of its ASCII characters all on
/// one side of each pair (odd places for little-endian, even for big-endian), the other side
/// text. A binary file has its NULs anywhere, and is not called text.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let nul_at = |side: usize| head.iter().skip(side).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    let one_sided = |nul: usize, other: usize| nul * 5 >= pairs * 3 && other * 10 <= pairs;
    let units: Vec<u16> = if odd >= even {
        head.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect()
    } else {
        head.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect()
    };
    let text = String::from_utf16_lossy(&units);
    let readable = text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).count();
    (one_sided(odd, even) || one_sided(even, odd)) && readable * 10 >= text.chars().count() * 9
}

/// Whether text that is not valid UTF-8 is still mostly UTF-8: more valid multi-byte UTF-8
/// characters than bytes that break it.
fn utf8_evidence(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > bad
}

/// The line where a quoted field opens that never closes, if any (CSV quoting: a field that
/// starts with `"`, `""` inside it for a quote).
fn unclosed_quote(bytes: &[u8]) -> Option<u64> {
    let (mut line, mut quoted, mut opened, mut field_start) = (1u64, false, 0u64, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            opened = line;
        }
        field_start = !quoted && (b == b',' || b == b'\n' || b == b'\r');
        if ends_line(bytes, i) {
            line += 1;
        }
        i += 1;
    }
    quoted.then_some(opened)
}

/// Line numbers from byte offsets. The csv crate's own line count skips blank lines and
/// miscounts CRLF, and its record offset can point at the line end before the record, so the
/// offset is moved past line ends first.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter { bytes, pos: 0, line: 1 }
    }

    /// 1-based line of the first byte at or after `offset` that is not a line end.
    fn line_at(&mut self, mut offset: usize) -> u64 {
        while offset < self.bytes.len() && matches!(self.bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset >= self.pos {
            self.line += (self.pos..offset).filter(|i| ends_line(self.bytes, *i)).count() as u64;
            self.pos = offset;
        }
        self.line
    }
}

/// Parses a number that may group thousands with commas (`1,234.5`). A comma anywhere else is
/// refused: `118,95` is a decimal comma, not eleven thousand.
pub fn parse_grouped_number(s: &str) -> Result<f64, String> {
    if !s.contains(',') {
        return parse_number(s);
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let int = unsigned.split('.').next().unwrap_or_default();
    let groups: Vec<&str> = int.split(',').collect();
    let valid = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && !unsigned[int.len()..].contains(',');
    if !valid {
        return Err(format!(
            "\"{s}\" has a comma that does not separate thousands (a decimal comma? write {})",
            s.replacen(',', ".", 1)
        ));
    }
    parse_number(&s.replace(',', ""))
}

/// Parses a decimal number; rejects NaN and infinities with a plain message.
pub fn parse_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("\"{s}\" is not a finite number")),
        Err(_) => Err(format!("\"{s}\" is not a number")),
    }
}

fn csv_error(file: &str, e: &csv::Error) -> LoadError {
    let line = e.position().map_or(0, |p| p.line());
    if let csv::ErrorKind::Utf8 { .. } = e.kind() {
        return LoadError::at(file, line, None, "the line is not UTF-8 text");
    }
    LoadError::at(file, line, None, format!("the CSV cannot be read: {e}"))
}

/// A text field must not hold control characters, nor be longer than a CSV field may be.
pub fn clean_text(field: &str, text: &str) -> Result<(), String> {
    let max = MAX_FIELD;
    if text.len() > max {
        return Err(format!("{field}: the text is {} bytes long; a text may have at most {max}", text.len()));
    }
    match control_char(text) {
        Some(c) => Err(format!(
            "{field}: the text holds the control character {}; cpdash does not load text that could act on a terminal",
            char_name(c)
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_crlf_and_quoted_commas() {
        let t = Table::parse("t.csv", b"\xEF\xBB\xBFa,b\r\n1,\"x, y\"\r\n\r\n2,z\r\n").unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.get(&t.rows[0], "b"), "x, y");
        assert_eq!(t.rows[1].line, 4);
        assert!(t.require(&["a", "b"]).is_ok());
    }

    #[test]
    fn names_missing_columns_and_ragged_lines() {
        let t = Table::parse("t.csv", b"a,b\n1,2\n").unwrap();
        assert_eq!(
            t.require(&["a", "c"]).unwrap_err().to_string(),
            "t.csv:1: field `c`: the header lacks this column (it has: a, b)"
        );
        let e = Table::parse("t.csv", b"a,b\n1,2\n1,2,3\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:3: the line has 3 fields but the header has 2 (a comma inside a value must be quoted)"
        );
    }

    #[test]
    fn reads_gbk_rejects_binary_and_empty_files() {
        // "杭州" in GBK is BA BC D6 DD.
        let t = Table::parse("g.csv", b"name\n\xBA\xBC\xD6\xDD\n").unwrap();
        assert_eq!(t.get(&t.rows[0], "name"), "杭州");
        let e = Table::parse("b.csv", b"name\nok\n\xFF\xFF\xFF\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.csv:3: the file is neither UTF-8 nor GBK/GB18030 text; save it as \"CSV UTF-8\" and try again"
        );
        assert_eq!(
            Table::parse("e.csv", b"").unwrap_err().to_string(),
            "e.csv: the file is empty; expected a header line"
        );
    }

    #[test]
    fn utf8_with_a_stray_byte_is_refused_where_it_breaks_not_read_as_gbk() {
        // "é" in Latin-1 (E9) followed by "a": together a valid GB18030 pair, but the file is UTF-8.
        let bytes = "name,note\n杭州,初步数\n丽水,caf\u{0}a\n".replace('\u{0}', "\u{fffd}");
        let bytes = bytes.replace("\u{fffd}", "").into_bytes();
        let mut bytes = bytes;
        let at = bytes.windows(3).position(|w| w == b"caf").unwrap() + 3;
        bytes.insert(at, 0xE9);
        let e = Table::parse("m.csv", &bytes).unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.csv:3: the line is not UTF-8 text (byte 0xE9), though the rest of the file is; save it as \"CSV UTF-8\" and try again"
        );
    }

    #[test]
    fn thousands_separators_only_where_they_belong() {
        assert_eq!(parse_grouped_number("1,234.5"), Ok(1234.5));
        assert_eq!(parse_grouped_number("-12,345,678"), Ok(-12345678.0));
        assert_eq!(parse_grouped_number("118.95"), Ok(118.95));
        assert_eq!(
            parse_grouped_number("118,95"),
            Err("\"118,95\" has a comma that does not separate thousands (a decimal comma? write 118.95)".into())
        );
        assert!(parse_grouped_number("1,2345").is_err());
        assert!(parse_grouped_number("1234,567").is_err());
        assert!(parse_grouped_number("1.5,0").is_err());
    }

    #[test]
    fn a_binary_file_is_not_called_utf16() {
        // An ELF-like header and a PNG's: NULs in no pattern.
        let elf =
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00\x00\x00\x10\x60\x00\x00";
        assert_eq!(
            Table::parse("b.csv", elf).unwrap_err().to_string(),
            "b.csv: the file is not text (it holds NUL bytes): a spreadsheet or another binary file, not a CSV"
        );
        let be: Vec<u8> = "a,b\n1,2\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert!(Table::parse("u.csv", &be).unwrap_err().to_string().contains("UTF-16"));
    }

    #[test]
    fn utf16_unclosed_quotes_and_old_mac_line_ends() {
        let utf16: Vec<u8> = "a,b\n1,2\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(
            Table::parse("u.csv", &utf16).unwrap_err().to_string(),
            "u.csv: the file is UTF-16 text; save it as \"CSV UTF-8\" and try again"
        );
        let e = Table::parse("q.csv", b"a,b\n1,2\n3,\"open\n4,5\n6,7\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "q.csv:3: a quote opened on this line is never closed; the rest of the file would be one value"
        );
        // Quoted commas and doubled quotes are fine.
        let t = Table::parse("ok.csv", b"a,b\n\"x, \"\"y\"\"\",z\n").unwrap();
        assert_eq!(t.get(&t.rows[0], "a"), "x, \"y\"");
        // CR-only line ends: the ragged line is line 3.
        let e = Table::parse("r.csv", b"a,b\r1,2\r1,2,3\r").unwrap_err();
        assert!(e.to_string().starts_with("r.csv:3: the line has 3 fields"), "{e}");
        // Mixed: CRLF, LF, CR.
        let e = Table::parse("x.csv", b"a,b\r\n1,2\n1,2\r1,2,3\n").unwrap_err();
        assert!(e.to_string().starts_with("x.csv:4: the line has 3 fields"), "{e}");
    }

    #[test]
    fn control_characters_and_huge_fields_are_refused() {
        let e = Table::parse("c.csv", b"a,note\n1,\x1b]0;pwned\x07\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.csv:2: field `note`: the value holds the control character U+001B; cpdash does not load text that could act on a terminal"
        );
        let big = format!("a,url\n1,http://{}\n", "x".repeat(MAX_FIELD));
        let e = Table::parse("b.csv", big.as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("b.csv:2: field `url`: the value is 65543 bytes long"), "{e}");
    }
}
