//! A CSV table, read whole (small tables) or streamed row by row (observation files), with
//! header look-up and line numbers for errors.
//!
//! Accepts a UTF-8 byte-order mark and CRLF line ends; rejects files that are not UTF-8 (and
//! says when they look like GBK, as files saved by Excel on Chinese Windows often are).

use std::collections::HashMap;

use super::error::LoadError;

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
        let decoded;
        let bytes = match std::str::from_utf8(bytes) {
            Ok(_) => bytes,
            Err(e) => {
                // Not UTF-8: read it as GB18030 (a superset of GBK) if it is valid as such.
                match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(text) => {
                        decoded = text.into_owned().into_bytes();
                        &decoded[..]
                    }
                    None => {
                        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64;
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
            self.line += self.bytes[self.pos..offset].iter().filter(|b| **b == b'\n').count() as u64;
            self.pos = offset;
        }
        self.line
    }
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
}
