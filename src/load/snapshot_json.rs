//! The snapshot file: a compact JSON format that stays small at national scale.
//!
//! Sources and notes are stored once and referenced by index; values are grouped by indicator
//! and year, one `[region, value, source, note]` entry per observation:
//!
//! ```json
//! { "format": "cpdash-snapshot", "schema_version": 1,
//!   "id": "...", "title": "...", "as_of": "2026-11-28", "provenance": "...",
//!   "sources": [{"url": "...", "kind": "government"}],
//!   "notes": ["..."],
//!   "series": [{"indicator": "gdp", "year": 2023, "unit": "100m_yuan",
//!               "obs": [["330000", 82553, 0, 3]]}] }
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::{LoadError, LoadErrors};
use super::observations_csv::Collected;
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{Snapshot, SnapshotMeta, Source, SourceKind};
use crate::model::Dataset;

pub const FORMAT: &str = "cpdash-snapshot";
pub const SCHEMA_VERSION: u32 = 1;
/// Years a data set may hold (the dense store spans the years present).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotFile {
    format: String,
    schema_version: u32,
    id: String,
    title: String,
    as_of: String,
    provenance: String,
    sources: Vec<SourceEntry>,
    #[serde(default)]
    notes: Vec<String>,
    series: Vec<Series>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    url: String,
    kind: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Series {
    indicator: String,
    year: i32,
    unit: String,
    obs: Vec<(String, f64, u32, Option<u32>)>,
}

/// Just the header, to give a clear message when the full parse fails on a newer file.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<u32>,
}

fn json_error(file: &str, e: &serde_json::Error) -> LoadError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the JSON ends too early (is the file truncated?)".to_string(),
        serde_json::error::Category::Syntax => format!("the JSON is malformed: {e}"),
        _ => format!("{e}"),
    };
    let what = what.split(" at line ").next().unwrap_or(&what).to_string();
    LoadError { file: file.into(), line: Some(e.line() as u64), field: None, message: what }
}

/// Reads a snapshot and resolves it against regions and catalog.
pub fn parse_snapshot(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
) -> Result<Snapshot, LoadErrors> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::file(file, "the file is empty; expected a cpdash snapshot (JSON)").into());
    }
    let header: Option<Header> = serde_json::from_slice(bytes).ok();
    if let Some(Header { format: Some(f), schema_version }) = &header {
        if f == crate::export::FORMAT {
            if let Some(v) = schema_version.filter(|v| *v > crate::export::SCHEMA_VERSION) {
                return Err(LoadError {
                    file: file.into(),
                    line: None,
                    field: Some("schema_version".into()),
                    message: format!(
                        "the export has schema version {v}, newer than this cpdash reads ({}); update cpdash",
                        crate::export::SCHEMA_VERSION
                    ),
                }
                .into());
            }
            return parse_export(file, bytes, regions, catalog);
        }
    }
    let parsed: Result<SnapshotFile, _> = serde_json::from_slice(bytes);
    if let Some(Header { format, schema_version }) = &header {
        if format.as_deref() != Some(FORMAT) {
            return Err(LoadError {
                file: file.into(),
                line: None,
                field: Some("format".into()),
                message: format!(
                    "expected \"{FORMAT}\", found {}",
                    format.as_deref().map_or("nothing".into(), |f| format!("\"{f}\""))
                ),
            }
            .into());
        }
        if let Some(v) = schema_version.filter(|v| *v > SCHEMA_VERSION) {
            return Err(LoadError {
                file: file.into(),
                line: None,
                field: Some("schema_version".into()),
                message: format!(
                    "the file has schema version {v}, newer than this cpdash reads ({SCHEMA_VERSION}); update cpdash"
                ),
            }
            .into());
        }
    }
    let f = parsed.map_err(|e| json_error(file, &e))?;
    let err =
        |field: &str, msg: String| LoadError { file: file.into(), line: None, field: Some(field.into()), message: msg };
    let as_of = NaiveDate::parse_from_str(&f.as_of, "%Y-%m-%d")
        .map_err(|_| err("as_of", format!("\"{}\" is not a date (YYYY-MM-DD)", f.as_of)))?;
    let mut errors = Vec::new();
    let mut sources = Vec::with_capacity(f.sources.len());
    for (i, s) in f.sources.iter().enumerate() {
        if s.url.trim().is_empty() {
            errors.push(err(&format!("sources[{i}].url"), "the source has no address".into()));
        }
        match SourceKind::parse(&s.kind) {
            Some(kind) => sources.push(Source { url: s.url.clone(), kind }),
            None => errors.push(err(
                &format!("sources[{i}].kind"),
                format!("\"{}\" is not one of government, state_media, repost, other", s.kind),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let mut c = Collected::default();
    for s in &sources {
        c.source(s.clone());
    }
    for (si, series) in f.series.iter().enumerate() {
        let field = |k: &str| format!("series[{si}].{k}");
        if !YEARS.contains(&series.year) {
            errors.push(err(&field("year"), format!("{} is not a year between 1900 and 2100", series.year)));
            continue;
        }
        let Some(ind) = catalog.by_id(&series.indicator) else {
            let hint =
                catalog.nearest(&series.indicator).map(|c| format!("; did you mean \"{c}\"?")).unwrap_or_default();
            errors.push(err(&field("indicator"), format!("unknown indicator \"{}\"{hint}", series.indicator)));
            continue;
        };
        let def = catalog.get(ind);
        if series.unit != def.unit {
            errors.push(err(
                &field("unit"),
                format!("\"{}\" does not match the catalog unit \"{}\" of {}", series.unit, def.unit, def.id),
            ));
            continue;
        }
        if def.is_derived() {
            errors.push(err(&field("indicator"), format!("\"{}\" is derived; it is computed, not stored", def.id)));
            continue;
        }
        for (oi, (code, value, src, note)) in series.obs.iter().enumerate() {
            let at = format!("series[{si}].obs[{oi}]");
            let Some(region) = regions.by_code(code) else {
                errors.push(err(&at, format!("unknown region code \"{code}\"")));
                continue;
            };
            if let Err(m) = def.accepts(*value) {
                errors.push(err(&at, m));
                continue;
            }
            let Some(source) = sources.get(*src as usize) else {
                errors.push(err(
                    &at,
                    format!("source index {src} is out of range (the file has {} sources)", sources.len()),
                ));
                continue;
            };
            let note = match note {
                None => None,
                Some(n) => match f.notes.get(*n as usize) {
                    Some(s) => Some(s.clone()),
                    None => {
                        errors.push(err(&at, format!("note index {n} is out of range")));
                        continue;
                    }
                },
            };
            if let Err(mut e) = c.add(file, 0, region, ind, series.year, *value, source.clone(), note) {
                e.line = None;
                e.field = Some(at);
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    Ok(Snapshot {
        meta: SnapshotMeta { id: f.id, title: f.title, as_of, provenance: f.provenance },
        sources: c.sources,
        observations: c.observations,
    })
}

/// Reads the observations of a `cpdash export` JSON file as a snapshot.
fn parse_export(file: &str, bytes: &[u8], regions: &RegionTree, catalog: &Catalog) -> Result<Snapshot, LoadErrors> {
    let r = crate::export::json::from_json(bytes).map_err(|e| json_error(file, &e))?;
    let as_of = NaiveDate::parse_from_str(&r.dataset.as_of, "%Y-%m-%d").map_err(|_| LoadError {
        file: file.into(),
        line: None,
        field: Some("dataset.as_of".into()),
        message: format!("\"{}\" is not a date (YYYY-MM-DD)", r.dataset.as_of),
    })?;
    let mut c = Collected::default();
    let mut errors = Vec::new();
    for (i, o) in r.observations.iter().enumerate() {
        let at = format!("observations[{i}]");
        let err = |msg: String| LoadError { file: file.into(), line: None, field: Some(at.clone()), message: msg };
        if !YEARS.contains(&o.year) {
            errors.push(err(format!("{} is not a year between 1900 and 2100", o.year)));
            continue;
        }
        let Some(region) = regions.by_code(&o.region_code) else {
            errors.push(err(format!("unknown region code \"{}\"", o.region_code)));
            continue;
        };
        let Some(ind) = catalog.by_id(&o.indicator) else {
            errors.push(err(format!("unknown indicator \"{}\"", o.indicator)));
            continue;
        };
        let def = catalog.get(ind);
        if o.unit != def.unit {
            errors.push(err(format!("\"{}\" does not match the catalog unit \"{}\" of {}", o.unit, def.unit, def.id)));
            continue;
        }
        if let Err(m) = def.accepts(o.value) {
            errors.push(err(m));
            continue;
        }
        if o.source_url.trim().is_empty() {
            errors.push(err("the value has no source".into()));
            continue;
        }
        let kind = SourceKind::parse(&o.source_kind).unwrap_or(SourceKind::Other);
        let source = Source { url: o.source_url.clone(), kind };
        if let Err(mut e) = c.add(file, 0, region, ind, o.year, o.value, source, o.note.clone()) {
            e.line = None;
            e.field = Some(at.clone());
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let provenance =
        format!("cpdash export of {} {} made {} from {}", r.region.code, r.year, r.generated_at, r.dataset.id);
    Ok(Snapshot {
        meta: SnapshotMeta { id: r.dataset.id, title: r.dataset.title, as_of, provenance },
        sources: c.sources,
        observations: c.observations,
    })
}

/// Writes a data set's observations as a snapshot file. Output is deterministic: series in
/// catalog order then year, observations in region order, sources in first-use order.
pub fn write_snapshot(ds: &Dataset) -> String {
    let mut source_ix: HashMap<&Source, u32> = HashMap::new();
    let mut sources: Vec<&Source> = Vec::new();
    let mut notes_ix: HashMap<&str, u32> = HashMap::new();
    let mut notes: Vec<&str> = Vec::new();
    let mut series: Vec<(String, i32, String, Vec<String>)> = Vec::new();
    for (region, ind, year, cell) in ds.observations() {
        let def = ds.catalog.get(ind);
        if series.last().is_none_or(|s| s.0 != def.id || s.1 != year) {
            series.push((def.id.clone(), year, def.unit.clone(), Vec::new()));
        }
        let s = *source_ix.entry(cell.source).or_insert_with(|| {
            sources.push(cell.source);
            sources.len() as u32 - 1
        });
        let n = cell.note.map(|n| {
            *notes_ix.entry(n).or_insert_with(|| {
                notes.push(n);
                notes.len() as u32 - 1
            })
        });
        let code = &ds.regions.get(region).code;
        let entry = serde_json::to_string(&(code, cell.value, s, n)).expect("serializable");
        series.last_mut().expect("pushed").3.push(entry);
    }
    let js = |v: &str| serde_json::to_string(v).expect("string");
    let mut out = String::new();
    let m = &ds.meta;
    let _ = writeln!(out, "{{\n  \"format\": {},\n  \"schema_version\": {SCHEMA_VERSION},", js(FORMAT));
    let _ = writeln!(
        out,
        "  \"id\": {},\n  \"title\": {},\n  \"as_of\": {},\n  \"provenance\": {},",
        js(&m.id),
        js(&m.title),
        js(&m.as_of.format("%Y-%m-%d").to_string()),
        js(&m.provenance)
    );
    out.push_str("  \"sources\": [\n");
    for (i, s) in sources.iter().enumerate() {
        let comma = if i + 1 < sources.len() { "," } else { "" };
        let _ = writeln!(out, "    {{\"url\": {}, \"kind\": {}}}{comma}", js(&s.url), js(s.kind.key()));
    }
    out.push_str("  ],\n  \"notes\": [\n");
    for (i, n) in notes.iter().enumerate() {
        let comma = if i + 1 < notes.len() { "," } else { "" };
        let _ = writeln!(out, "    {}{comma}", js(n));
    }
    out.push_str("  ],\n  \"series\": [\n");
    for (i, (id, year, unit, obs)) in series.iter().enumerate() {
        let _ = writeln!(out, "    {{\"indicator\": {}, \"year\": {year}, \"unit\": {}, \"obs\": [", js(id), js(unit));
        for (j, o) in obs.iter().enumerate() {
            let comma = if j + 1 < obs.len() { "," } else { "" };
            let _ = writeln!(out, "      {o}{comma}");
        }
        let comma = if i + 1 < series.len() { "," } else { "" };
        let _ = writeln!(out, "    ]}}{comma}");
    }
    out.push_str("  ]\n}\n");
    out
}
