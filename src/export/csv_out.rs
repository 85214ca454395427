//! The long-format CSV export: one row per region × indicator × year, for the region and its
//! children, over every year of the export (one tidy table for a span of years). UTF-8 with a
//! byte-order mark and CRLF line ends, so Excel opens the Chinese text
//! correctly; pandas (`encoding="utf-8-sig"`) and R read it as is.
//!
//! The rows are [`super::rows`]'. Columns: region_code, region_name_zh, region_name_en, level, area, indicator,
//! indicator_name_zh, indicator_name_en, year, value (empty when missing), value_kind
//! (observed / computed / missing), unit, target, target_year, gap_pct, status, trend, rank,
//! rank_of, source_url, source_kind, note, and for a publication source_title, cell, copy_url;
//! series_break_year and series_break_reason where the value follows a series break.

use super::document::{Document, Needs, Part};
use super::error::ExportError;
use super::rows::{Record, COLUMNS};
use crate::tidy::parquet::{Kind, ParquetTable};
use crate::tidy::sink::Sink;

/// The CSV and the Parquet file read the tidy table.
pub const NEEDS: Needs = Needs { tidy: true, ..Needs::REPORT };

pub fn render_csv(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(to_csv(&doc.tidy)))
}

pub fn render_parquet(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(to_parquet(&doc.tidy).map_err(|e| ExportError::Render(e.to_string()))?))
}

// The writer writes into memory, which cannot fail.
#[allow(clippy::expect_used)]
fn to_csv(rows: &[Record]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(COLUMNS.map(|c| c.0)).expect("in memory");
    for rec in rows {
        w.write_record(rec.iter().map(|f| crate::fit::csv_field(f))).expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// The same table as Parquet: each field of the CSV in its column's type (a number read back
/// from its shortest form is the same f64; an empty field is null).
fn to_parquet(rows: &[Record]) -> std::io::Result<Vec<u8>> {
    let footer = vec![("cpdash.table".to_string(), "export".to_string())];
    let mut t = ParquetTable::new(Vec::new(), &COLUMNS, footer)?;
    for rec in rows {
        for ((name, kind), field) in COLUMNS.iter().zip(rec) {
            let bad = || std::io::Error::other(format!("column {name}: \"{field}\" is not a {kind:?}"));
            match kind {
                Kind::Text => t.text(field)?,
                Kind::Int if field.is_empty() => t.int(None)?,
                Kind::Int => t.int(Some(field.parse().map_err(|_| bad())?))?,
                Kind::Num if field.is_empty() => t.num(None)?,
                Kind::Num => t.num(Some(field.parse().map_err(|_| bad())?))?,
            }
        }
        t.end()?;
    }
    t.finish()
}
