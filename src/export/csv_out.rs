//! The long-format CSV export: one row per region × indicator × year, for the region and its
//! children, over every year of the export (one tidy table for a span of years). UTF-8 with a
//! byte-order mark and CRLF line ends, so Excel opens the Chinese text
//! correctly; pandas (`encoding="utf-8-sig"`) and R read it as is.
//!
//! Columns: region_code, region_name_zh, region_name_en, level, area, indicator,
//! indicator_name_zh, indicator_name_en, year, value (empty when missing), value_kind
//! (observed / computed / missing), unit, target, target_year, gap_pct, status, trend, rank,
//! rank_of, source_url, source_kind, note, and for a publication source_title, cell, copy_url;
//! series_break_year and series_break_reason where the value follows a series break.

use super::report::SourceFields;
use super::request::Request;
use crate::metrics::report::indicator_row;
use crate::model::dataset::Resolved;
use crate::model::indicator::Area;
use crate::model::Dataset;
use crate::tidy::parquet::{Kind, ParquetTable};
use crate::tidy::sink::Sink;

/// The columns and what each holds (the CSV header, the Parquet schema).
pub const COLUMNS: [(&str, Kind); 27] = [
    ("region_code", Kind::Text),
    ("region_name_zh", Kind::Text),
    ("region_name_en", Kind::Text),
    ("level", Kind::Text),
    ("area", Kind::Text),
    ("indicator", Kind::Text),
    ("indicator_name_zh", Kind::Text),
    ("indicator_name_en", Kind::Text),
    ("year", Kind::Int),
    ("value", Kind::Num),
    ("value_kind", Kind::Text),
    ("unit", Kind::Text),
    ("target", Kind::Num),
    ("target_year", Kind::Int),
    ("gap_pct", Kind::Num),
    ("status", Kind::Text),
    ("trend", Kind::Text),
    ("rank", Kind::Int),
    ("rank_of", Kind::Int),
    ("source_url", Kind::Text),
    ("source_kind", Kind::Text),
    ("note", Kind::Text),
    ("source_title", Kind::Text),
    ("cell", Kind::Text),
    ("copy_url", Kind::Text),
    ("series_break_year", Kind::Int),
    ("series_break_reason", Kind::Text),
];

fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

// The writer writes into memory, which cannot fail.
#[allow(clippy::expect_used)]
pub fn to_csv(ds: &Dataset, req: &Request) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(COLUMNS.map(|c| c.0)).expect("in memory");
    for rec in records(ds, req) {
        w.write_record(rec.iter().map(|f| crate::fit::csv_field(f))).expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// The same table as Parquet: each field of the CSV in its column's type (a number read back
/// from its shortest form is the same f64; an empty field is null).
pub fn to_parquet(ds: &Dataset, req: &Request) -> std::io::Result<Vec<u8>> {
    let footer = vec![("cpdash.table".to_string(), "export".to_string())];
    let mut t = ParquetTable::new(Vec::new(), &COLUMNS, footer)?;
    for rec in records(ds, req) {
        for ((name, kind), field) in COLUMNS.iter().zip(&rec) {
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

/// The table's records, each field as the CSV writes it.
fn records(ds: &Dataset, req: &Request) -> Vec<[String; 27]> {
    let mut out = Vec::new();
    let areas: Vec<Area> = req.area.map_or(Area::SIX.to_vec(), |a| vec![a]);
    let mut regions = vec![req.region];
    regions.extend(ds.regions.children(req.region));
    for (year, r) in req.years.clone().flat_map(|y| regions.iter().map(move |r| (y, *r))) {
        let g = ds.regions.get(r);
        for a in &areas {
            for ind in ds.catalog.in_area_for(*a, crate::metrics::report::is_top(ds, r)) {
                let def = ds.catalog.get(ind);
                let row = indicator_row(ds, r, ind, year);
                let kind = match row.resolved {
                    Resolved::Observed { .. } => "observed",
                    Resolved::Computed { .. } => "computed",
                    Resolved::Missing { .. } => "missing",
                };
                // An observed value cites its source; a computed one its formula and the sources
                // of the values it was computed from.
                let src = SourceFields::of(ds, r, ind, year, &row.resolved);
                let brk = ds.break_between(r, ind, i32::MIN, year);
                let rec: [String; 27] = [
                    g.code.clone(),
                    g.name_zh.clone(),
                    g.name_en.clone(),
                    g.level.clone(),
                    a.key().into(),
                    def.id.clone(),
                    def.name_zh.clone(),
                    def.name_en.clone(),
                    year.to_string(),
                    num(row.value()),
                    kind.into(),
                    def.unit.key().to_string(),
                    num(row.applicable_target.map(|(t, _)| t)),
                    row.applicable_target.map(|(_, y)| y.to_string()).unwrap_or_default(),
                    num(row.target.as_ref().map(|t| (t.gap_pct * 100.0).round() / 100.0)),
                    row.status().map(|s| s.key().to_string()).unwrap_or_default(),
                    row.trend.kind.key().into(),
                    row.rank.as_ref().map(|r| r.rank.to_string()).unwrap_or_default(),
                    row.rank.as_ref().map(|r| r.of.to_string()).unwrap_or_default(),
                    src.url,
                    src.kind,
                    src.note,
                    src.title,
                    src.cell,
                    src.copy_url,
                    brk.map(|b| b.year.to_string()).unwrap_or_default(),
                    brk.map(|b| b.reason_en.to_string()).unwrap_or_default(),
                ];
                out.push(rec);
            }
        }
    }
    out
}
