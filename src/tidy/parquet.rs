//! Tidy tables as Parquet, for pandas, polars, R's arrow and DuckDB: typed columns (codes and
//! names as UTF-8 strings, years and counts as 64-bit integers, values as doubles), a missing
//! value a null (never 0), an empty text a null as it is an empty field in the CSV. Rows are
//! buffered and written a row group at a time, so memory stays bounded at national scale.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::sink::Sink;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Num,
}

/// Rows per row group: about 10 MB of buffered columns for the widest table.
const ROW_GROUP: usize = 64 * 1024;

/// One column's values so far in the row group, and its definition levels (1 present, 0 null).
enum Buffer {
    Text(Vec<ByteArray>, Vec<i16>),
    Int(Vec<i64>, Vec<i16>),
    Num(Vec<f64>, Vec<i16>),
}

/// A Parquet file written row by row: `text`, `int` and `num` fill the columns of a row in order,
/// `end` closes it, `finish` writes the last row group and the footer.
pub struct ParquetTable<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<Buffer>,
    /// The column the next value goes to.
    at: usize,
    rows: usize,
}

fn io(e: ParquetError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl<W: Write + Send> ParquetTable<W> {
    /// A table of these columns, with `metadata` (key, value) in its footer.
    pub fn new(out: W, columns: &[(&str, Kind)], metadata: Vec<(String, String)>) -> std::io::Result<Self> {
        let fields = columns
            .iter()
            .map(|(name, kind)| {
                let (physical, logical) = match kind {
                    Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Kind::Int => (Physical::INT64, None),
                    Kind::Num => (Physical::DOUBLE, None),
                };
                Type::primitive_type_builder(name, physical)
                    .with_repetition(Repetition::OPTIONAL)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(io)?;
        let schema = Type::group_type_builder("cpdash").with_fields(fields).build().map_err(io)?;
        let kv = metadata.into_iter().map(|(k, v)| KeyValue::new(k, v)).collect();
        let props = WriterProperties::builder()
            .set_created_by(format!("cpdash {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(kv))
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props)).map_err(io)?;
        let columns = columns
            .iter()
            .map(|(_, k)| match k {
                Kind::Text => Buffer::Text(Vec::new(), Vec::new()),
                Kind::Int => Buffer::Int(Vec::new(), Vec::new()),
                Kind::Num => Buffer::Num(Vec::new(), Vec::new()),
            })
            .collect();
        Ok(ParquetTable { writer, columns, at: 0, rows: 0 })
    }

    /// The next column, which must be of `kind` (a writer that disagrees with its own schema is
    /// a bug, said as an error rather than a file with shifted columns).
    fn next(&mut self, kind: Kind) -> std::io::Result<&mut Buffer> {
        let at = self.at;
        self.at += 1;
        let found = match self.columns.get(at) {
            Some(Buffer::Text(..)) => Kind::Text,
            Some(Buffer::Int(..)) => Kind::Int,
            Some(Buffer::Num(..)) => Kind::Num,
            None => return Err(std::io::Error::other(format!("parquet: a row has more than {at} columns"))),
        };
        if found != kind {
            return Err(std::io::Error::other(format!("parquet: column {at} holds {found:?}, not {kind:?}")));
        }
        Ok(&mut self.columns[at])
    }

    fn flush_group(&mut self) -> std::io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(io)?;
        for buffer in &mut self.columns {
            let Some(mut col) = group.next_column().map_err(io)? else { break };
            let written = match (col.untyped(), &mut *buffer) {
                (ColumnWriter::ByteArrayColumnWriter(w), Buffer::Text(v, d)) => w.write_batch(v, Some(d), None),
                (ColumnWriter::Int64ColumnWriter(w), Buffer::Int(v, d)) => w.write_batch(v, Some(d), None),
                (ColumnWriter::DoubleColumnWriter(w), Buffer::Num(v, d)) => w.write_batch(v, Some(d), None),
                _ => Err(ParquetError::General("a column's writer is not of its kind".into())),
            };
            written.map_err(io)?;
            col.close().map_err(io)?;
            match buffer {
                Buffer::Text(v, d) => (v.clear(), d.clear()),
                Buffer::Int(v, d) => (v.clear(), d.clear()),
                Buffer::Num(v, d) => (v.clear(), d.clear()),
            };
        }
        group.close().map_err(io)?;
        self.rows = 0;
        Ok(())
    }

    /// Writes the last row group and the footer; returns the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.flush_group()?;
        self.writer.into_inner().map_err(io)
    }
}

impl<W: Write + Send> Sink for ParquetTable<W> {
    /// A text field; empty is null.
    fn text(&mut self, s: &str) -> std::io::Result<()> {
        if let Buffer::Text(v, d) = self.next(Kind::Text)? {
            if s.is_empty() {
                d.push(0);
            } else {
                v.push(ByteArray::from(s));
                d.push(1);
            }
        }
        Ok(())
    }
    fn num(&mut self, x: Option<f64>) -> std::io::Result<()> {
        if let Buffer::Num(v, d) = self.next(Kind::Num)? {
            d.push(i16::from(x.is_some()));
            v.extend(x);
        }
        Ok(())
    }
    fn int(&mut self, x: Option<i64>) -> std::io::Result<()> {
        if let Buffer::Int(v, d) = self.next(Kind::Int)? {
            d.push(i16::from(x.is_some()));
            v.extend(x);
        }
        Ok(())
    }
    /// Ends a row (every column filled); a full row group is written.
    fn end(&mut self) -> std::io::Result<()> {
        if self.at != self.columns.len() {
            return Err(std::io::Error::other(format!(
                "parquet: a row has {} columns of {}",
                self.at,
                self.columns.len()
            )));
        }
        self.at = 0;
        self.rows += 1;
        if self.rows >= ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }
}
