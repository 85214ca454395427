//! The tidy table of an export: one row per region × indicator × year, for the region and its
//! children over the export's years, each field as text the way the CSV writes it (the
//! Parquet file types the same fields). See [`super::csv_out`] for the columns.

use super::report::SourceFields;
use super::request::Request;
use crate::metrics::report::indicator_row;
use crate::model::dataset::Resolved;
use crate::model::indicator::Area;
use crate::model::Dataset;
use crate::tidy::parquet::Kind;

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

/// A row of the table, each field as the CSV writes it.
pub type Record = [String; 27];

fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The table's records: the region and its children, every indicator of the areas, every year.
pub fn records(ds: &Dataset, req: &Request) -> Vec<Record> {
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
                let rec: Record = [
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
