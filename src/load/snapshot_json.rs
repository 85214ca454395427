//! The snapshot file: a compact JSON format that stays small at national scale.
//!
//! Sources and notes are stored once and referenced by index; values are grouped by indicator
//! and year, one `[region, value, source, note]` entry per observation:
//!
//! ```json
//! { "format": "cpdash-snapshot", "schema_version": 2,
//!   "id": "...", "title": "...", "title_en": "... (optional)", "as_of": "2026-11-28", "provenance": "...",
//!   "sources": [{"url": "...", "kind": "government"},
//!               {"url": "...", "kind": "publication", "title": "浙江统计年鉴2025 表17-42 ...",
//!                "copy_url": "...", "cell": "D12"}],
//!   "notes": ["..."],
//!   "series": [{"indicator": "gdp", "year": 2023, "unit": "100m_yuan",
//!               "obs": [["330000", 82553, 0, 3]]}] }
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::collected::{Cite, Collected};
use super::error::{LoadError, LoadErrors};
use super::table::clean_text;
use crate::model::dataset::{Cells, NO_NOTE};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{SnapshotMeta, Source, SourceKind};
use crate::model::{Dataset, IndicatorId};

use crate::model::snapshot::{
    year_out_of_range, EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, SNAPSHOT_FORMAT as FORMAT,
    SNAPSHOT_SCHEMA_VERSION as SCHEMA_VERSION, YEARS,
};

/// What a loader reads of a `cpdash export` file: the data set and its observations (the rest
/// of the report is computed, not data).
#[derive(Debug, Deserialize)]
struct ExportFile {
    schema_version: u32,
    generated_at: String,
    dataset: ExportDataset,
    region: ExportRegion,
    year: i32,
    #[serde(deserialize_with = "bounded_observations")]
    observations: Vec<ExportObservation>,
}

#[derive(Debug, Deserialize)]
struct ExportDataset {
    id: String,
    title: String,
    #[serde(default)]
    title_en: Option<String>,
    as_of: String,
}

#[derive(Debug, Deserialize)]
struct ExportRegion {
    code: String,
}

#[derive(Debug, Deserialize)]
struct ExportObservation {
    // (Read through `bounded_observations`, element by element.)
    region_code: String,
    indicator: String,
    year: i32,
    value: f64,
    unit: String,
    source_url: String,
    source_kind: String,
    note: Option<String>,
    #[serde(default)]
    source_title: Option<String>,
    #[serde(default)]
    copy_url: Option<String>,
    #[serde(default)]
    cell: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    url: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    copy_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
}

/// A series read whole, for files whose keys are not in the order the writer uses.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedSeries {
    indicator: String,
    year: i32,
    unit: String,
    obs: Vec<ObsEntry>,
}

/// Entries a `sources`, `notes` or export `observations` list may have, and the text they may
/// hold in all: read element by element and refused past either, before they are all held (a
/// list of millions of 64 KiB notes would take gigabytes).
pub const MAX_LIST: usize = 5_000_000;
pub const MAX_LIST_TEXT: usize = 256 << 20;

/// A JSON array read element by element, refused past [`MAX_LIST`] elements or
/// [`MAX_LIST_TEXT`] bytes of text.
struct Bounded<T, F> {
    what: &'static str,
    text: F,
    _t: std::marker::PhantomData<T>,
}

impl<T, F> Bounded<T, F> {
    fn new(what: &'static str, text: F) -> Self {
        Bounded { what, text, _t: std::marker::PhantomData }
    }
}

impl<'de, T: Deserialize<'de>, F: Fn(&T) -> usize> DeserializeSeed<'de> for Bounded<T, F> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, F: Fn(&T) -> usize> Visitor<'de> for Bounded<T, F> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a list of {}", self.what)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        let mut text = 0usize;
        while let Some(x) = seq.next_element::<T>()? {
            text = text.saturating_add((self.text)(&x));
            if out.len() >= MAX_LIST || text > MAX_LIST_TEXT {
                return Err(de::Error::custom(format!(
                    "{}: more than {MAX_LIST} entries or {} MiB of text, more than a data set holds",
                    self.what,
                    MAX_LIST_TEXT >> 20
                )));
            }
            out.push(x);
        }
        Ok(out)
    }
}

fn opt_len(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, String::len)
}

fn bounded_observations<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ExportObservation>, D::Error> {
    Bounded::new("observations", |o: &ExportObservation| {
        o.region_code.len()
            + o.indicator.len()
            + o.unit.len()
            + o.source_url.len()
            + o.source_kind.len()
            + opt_len(&o.note)
            + opt_len(&o.source_title)
            + opt_len(&o.copy_url)
            + opt_len(&o.cell)
    })
    .deserialize(d)
}

/// `[region, value, source index, note index]`.
type ObsEntry = (String, f64, u32, Option<u32>);

const FIELDS: &[&str] = &[
    "format",
    "schema_version",
    "id",
    "title",
    "title_en",
    "as_of",
    "provenance",
    "years",
    "sources",
    "notes",
    "series",
];
/// Errors kept before the rest are only counted.
const MAX_ERRORS: usize = 200;

fn json_error(file: &str, e: &serde_json::Error) -> LoadError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the JSON ends too early (is the file truncated?)".to_string(),
        serde_json::error::Category::Syntax => format!("the JSON is malformed: {e}"),
        _ => format!("{e}"),
    };
    let what = what.split(" at line ").next().unwrap_or(&what).to_string();
    // The column too: a minified file is all on line 1.
    let message = format!("{what} (column {})", e.column());
    LoadError { file: file.into(), line: Some(e.line() as u64), field: None, message }
}

/// The most cells (indicators × years × regions) a snapshot may make the dense store hold:
/// 200 million, 3.2 GB. The national synthetic data at 4× its size needs 15 million.
pub const MAX_CELLS: u64 = 200_000_000;

/// Fails on a key seen before in the same object: a second value would silently replace (or
/// mix with) the first.
fn once<E: de::Error>(seen: &mut Vec<String>, key: &str) -> Result<(), E> {
    if seen.iter().any(|k| k == key) {
        return Err(E::custom(format!("the key `{key}` appears twice in one object")));
    }
    seen.push(key.to_string());
    Ok(())
}

/// The `format` value of a JSON file, from its opening bytes (the writers put it first).
fn declared_format(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let quick = head.find("\"format\"").and_then(|i| {
        let after = head[i + 8..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
        Some(after[..after.find('"')?].to_string())
    });
    // Keys in another order (`jq -S` sorts them): read the top level for it, skipping the rest.
    quick.or_else(|| {
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
        }
        serde_json::from_slice::<Head>(bytes).ok()?.format
    })
}

/// What the streaming reader gathers.
struct Reader<'a> {
    file: &'a str,
    regions: &'a RegionTree,
    catalog: &'a Catalog,
    format: Option<String>,
    schema_version: Option<u32>,
    id: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    as_of: Option<String>,
    provenance: Option<String>,
    years: Option<(i32, i32)>,
    sources: Option<Vec<Source>>,
    notes: Option<Vec<String>>,
    cells: Option<Cells>,
    /// Series met before `years`, `sources` and `notes`: processed at the end.
    pending: Vec<OwnedSeries>,
    errors: Vec<LoadError>,
    more_errors: usize,
    series_count: usize,
    /// The file's size: series out of the writer's order are buffered only in a small file.
    size: usize,
}

/// Series that come before `years`, `sources` and `notes` must be held until those are read (a
/// few times the file in memory): only in a file up to this size. cpdash writes them last.
pub const MAX_BUFFERED: usize = 64 << 20;

impl<'a> Reader<'a> {
    fn err(&mut self, field: String, message: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(LoadError { file: self.file.into(), line: None, field: Some(field), message });
        } else {
            self.more_errors += 1;
        }
    }

    fn ready(&self) -> bool {
        self.years.is_some() && self.sources.is_some() && self.notes.is_some()
    }

    fn cells(&mut self) -> &mut Cells {
        let (ni, nr, years) = (self.catalog.len(), self.regions.len(), self.years);
        self.cells.get_or_insert_with(|| years.map_or(Cells::empty(nr), |(a, b)| Cells::new(ni, nr, a..=b)))
    }

    /// Checks a series header; the indicator when it can take observations.
    fn series_indicator(&mut self, si: usize, indicator: &str, year: i32, unit: &str) -> Option<IndicatorId> {
        let field = |k: &str| format!("series[{si}].{k}");
        if !YEARS.contains(&year) {
            self.err(field("year"), year_out_of_range(year));
            return None;
        }
        if let Some((a, b)) = self.years {
            if year < a || year > b {
                self.err(field("year"), format!("{year} is outside the file's years {a}–{b}"));
                return None;
            }
        }
        let Some(ind) = self.catalog.by_id(indicator) else {
            let hint = self.catalog.nearest(indicator).map(|c| format!("; did you mean \"{c}\"?")).unwrap_or_default();
            self.err(field("indicator"), format!("unknown indicator \"{indicator}\"{hint}"));
            return None;
        };
        let def = self.catalog.get(ind);
        if unit != def.unit.key() {
            let msg = format!("\"{unit}\" does not match the catalog unit \"{}\" of {}", def.unit, def.id);
            self.err(field("unit"), msg);
            return None;
        }
        if !def.is_stored() {
            let msg = format!("\"{}\" is derived; it is computed, not stored", def.id);
            self.err(field("indicator"), msg);
            return None;
        }
        Some(ind)
    }

    fn observation(&mut self, si: usize, oi: usize, ind: IndicatorId, year: i32, obs: (&str, f64, u32, Option<u32>)) {
        let (code, value, source, note) = obs;
        let at = || format!("series[{si}].obs[{oi}]");
        let Some(region) = self.regions.by_code(code) else {
            self.err(at(), format!("unknown region code \"{code}\""));
            return;
        };
        if let Err(m) = self.catalog.get(ind).accepts(value) {
            self.err(at(), m);
            return;
        }
        let n_sources = self.sources.as_ref().map_or(0, Vec::len);
        if source as usize >= n_sources {
            self.err(at(), format!("source index {source} is out of range (the file has {n_sources} sources)"));
            return;
        }
        let n_notes = self.notes.as_ref().map_or(0, Vec::len);
        let note = match note {
            None => NO_NOTE,
            Some(n) if (n as usize) < n_notes => n,
            Some(n) => {
                self.err(at(), format!("note index {n} is out of range (the file has {n_notes} notes)"));
                return;
            }
        };
        match self.cells().set(region, ind, year, value, source, note) {
            Ok(_) => {}
            Err(Some(first)) => self.err(
                at(),
                format!("a second, different value {value} for the same region, indicator and year (first: {first})"),
            ),
            Err(None) => self.err(at(), format!("the year {year} is outside the file's years")),
        }
    }
}

/// Reads the `series` list straight into the cells, without building it in memory.
struct SeriesList<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for SeriesList<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SeriesList<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of series")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(OneSeries(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

struct OneSeries<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for OneSeries<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OneSeries<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a series {indicator, year, unit, obs}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.0;
        let si = r.series_count;
        r.series_count += 1;
        let (mut indicator, mut year, mut unit): (Option<String>, Option<i32>, Option<String>) = (None, None, None);
        let mut buffered: Option<Vec<ObsEntry>> = None;
        let mut seen = Vec::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            once(&mut seen, &key)?;
            match key.as_ref() {
                "indicator" => indicator = Some(map.next_value()?),
                "year" => year = Some(map.next_value()?),
                "unit" => unit = Some(map.next_value()?),
                "obs" => match (&indicator, year, &unit) {
                    (Some(i), Some(y), Some(u)) => {
                        let ind = r.series_indicator(si, i, y, u);
                        map.next_value_seed(ObsList { reader: &mut *r, si, ind, year: y })?;
                    }
                    _ => buffered = Some(map.next_value()?),
                },
                other => return Err(de::Error::unknown_field(other, &["indicator", "year", "unit", "obs"])),
            }
        }
        let (Some(i), Some(y), Some(u)) = (indicator, year, unit) else {
            return Err(de::Error::custom(format!("series[{si}] lacks indicator, year or unit")));
        };
        if let Some(obs) = buffered {
            if let Some(ind) = r.series_indicator(si, &i, y, &u) {
                for (oi, (code, v, s, n)) in obs.iter().enumerate() {
                    r.observation(si, oi, ind, y, (code, *v, *s, *n));
                }
            }
        }
        Ok(())
    }
}

struct ObsList<'r, 'a> {
    reader: &'r mut Reader<'a>,
    si: usize,
    ind: Option<IndicatorId>,
    year: i32,
}

impl<'de> DeserializeSeed<'de> for ObsList<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ObsList<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of [region, value, source, note] entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut oi = 0;
        while let Some((code, v, s, n)) = seq.next_element::<(Cow<'de, str>, f64, u32, Option<u32>)>()? {
            if let Some(ind) = self.ind {
                self.reader.observation(self.si, oi, ind, self.year, (&code, v, s, n));
            }
            oi += 1;
        }
        Ok(())
    }
}

/// The top-level object, read in one pass.
struct Top<'r, 'a>(&'r mut Reader<'a>);

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a cpdash snapshot object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.0;
        let mut seen = Vec::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            once(&mut seen, &key)?;
            match key.as_ref() {
                "format" => r.format = Some(map.next_value()?),
                "schema_version" => r.schema_version = Some(map.next_value()?),
                "id" => r.id = Some(map.next_value()?),
                "title" => r.title = Some(map.next_value()?),
                "title_en" => r.title_en = Some(map.next_value()?),
                "as_of" => r.as_of = Some(map.next_value()?),
                "provenance" => r.provenance = Some(map.next_value()?),
                "years" => {
                    // Checked before anything is allocated for them.
                    let (a, b): (i32, i32) = map.next_value()?;
                    if !(YEARS.contains(&a) && YEARS.contains(&b) && a <= b) {
                        return Err(de::Error::custom(format!(
                            "years: [{a}, {b}] is not a range of years within {}–{}",
                            YEARS.start(),
                            YEARS.end()
                        )));
                    }
                    let cells = r.catalog.len() as u64 * (b - a + 1) as u64 * r.regions.len() as u64;
                    if cells > MAX_CELLS {
                        return Err(de::Error::custom(format!(
                            "years: {} years × {} regions × {} indicators is {cells} cells, more than the {MAX_CELLS} cpdash holds",
                            b - a + 1,
                            r.regions.len(),
                            r.catalog.len()
                        )));
                    }
                    r.years = Some((a, b));
                }
                "notes" => {
                    let notes: Vec<String> = map.next_value_seed(Bounded::new("notes", |n: &String| n.len()))?;
                    for (i, n) in notes.iter().enumerate() {
                        clean_text(&format!("notes[{i}]"), n).map_err(de::Error::custom)?;
                    }
                    r.notes = Some(notes);
                }
                "sources" => {
                    let entries: Vec<SourceEntry> =
                        map.next_value_seed(Bounded::new("sources", |s: &SourceEntry| {
                            s.url.len() + s.kind.len() + opt_len(&s.title) + opt_len(&s.copy_url) + opt_len(&s.cell)
                        }))?;
                    let mut sources = Vec::with_capacity(entries.len());
                    for (i, s) in entries.into_iter().enumerate() {
                        clean_text(&format!("sources[{i}].url"), &s.url).map_err(de::Error::custom)?;
                        for (name, text) in [("title", &s.title), ("copy_url", &s.copy_url), ("cell", &s.cell)] {
                            if let Some(t) = text {
                                clean_text(&format!("sources[{i}].{name}"), t).map_err(de::Error::custom)?;
                            }
                        }
                        if s.url.trim().is_empty() {
                            r.err(format!("sources[{i}].url"), "the source has no address".into());
                        }
                        let kind = SourceKind::parse(&s.kind).unwrap_or_else(|| {
                            r.err(format!("sources[{i}].kind"), SourceKind::unknown(&s.kind));
                            SourceKind::Other
                        });
                        sources.push(Source { url: s.url, kind, title: s.title, copy_url: s.copy_url, cell: s.cell });
                    }
                    r.sources = Some(sources);
                }
                "series" if r.ready() => map.next_value_seed(SeriesList(&mut *r))?,
                "series" if r.size > MAX_BUFFERED => {
                    return Err(de::Error::custom(format!(
                        "series: the series come before years, sources and notes, and the file is over {} MiB: \
                         write them last, as cpdash does (holding them would take several times the file)",
                        MAX_BUFFERED >> 20
                    )));
                }
                "series" => {
                    r.pending = map.next_value()?;
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
            // Fail early on a file this cpdash cannot read.
            if key == "format" || key == "schema_version" {
                check_header(r.format.as_deref(), r.schema_version).map_err(de::Error::custom)?;
            }
        }
        Ok(())
    }
}

fn check_header(format: Option<&str>, version: Option<u32>) -> Result<(), String> {
    if let Some(f) = format.filter(|f| *f != FORMAT) {
        return Err(format!("format: expected \"{FORMAT}\", found \"{f}\""));
    }
    if let Some(v) = version.filter(|v| *v > SCHEMA_VERSION) {
        return Err(format!(
            "schema_version: the file has schema version {v}, newer than this cpdash reads ({SCHEMA_VERSION}); update cpdash"
        ));
    }
    Ok(())
}

/// Reads a snapshot (or a `cpdash export` file) into a data set with the given regions and
/// catalog. The snapshot is read in one pass, straight into the dense store.
pub fn load_snapshot(file: &str, bytes: &[u8], regions: RegionTree, catalog: Catalog) -> Result<Dataset, LoadErrors> {
    // A byte-order mark, as an editor on Windows may add, is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::file(file, "the file is empty; expected a cpdash snapshot (JSON)").into());
    }
    if declared_format(bytes).as_deref() == Some(EXPORT_FORMAT) {
        return parse_export(file, bytes, regions, catalog);
    }
    let mut r = Reader {
        file,
        regions: &regions,
        catalog: &catalog,
        format: None,
        schema_version: None,
        id: None,
        title: None,
        title_en: None,
        as_of: None,
        provenance: None,
        years: None,
        sources: None,
        notes: None,
        cells: None,
        pending: Vec::new(),
        errors: Vec::new(),
        more_errors: 0,
        series_count: 0,
        size: bytes.len(),
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = de.deserialize_map(Top(&mut r)).and_then(|_| de.end());
    if let Err(e) = parsed {
        // A header problem reads better without serde's position suffix, and names its field.
        let text = e.to_string();
        if let Some((field, msg)) = text
            .split(" at line ")
            .next()
            .and_then(|m| m.split_once(": "))
            .filter(|(f, _)| *f == "format" || *f == "schema_version")
        {
            return Err(
                LoadError { file: file.into(), line: None, field: Some(field.into()), message: msg.into() }.into()
            );
        }
        return Err(json_error(file, &e).into());
    }
    let missing = |k: &str| LoadError {
        file: file.into(),
        line: None,
        field: Some(k.into()),
        message: "the field is missing".into(),
    };
    let take = |v: Option<String>, k: &str| v.ok_or_else(|| missing(k));
    if r.format.is_none() {
        return Err(missing("format").into());
    }
    let as_of_s = take(r.as_of.take(), "as_of")?;
    let as_of = NaiveDate::parse_from_str(&as_of_s, "%Y-%m-%d").map_err(|_| LoadError {
        file: file.into(),
        line: None,
        field: Some("as_of".into()),
        message: format!("\"{as_of_s}\" is not a date (YYYY-MM-DD)"),
    })?;
    let meta = SnapshotMeta {
        id: take(r.id.take(), "id")?,
        title: take(r.title.take(), "title")?,
        title_en: r.title_en.take(),
        as_of,
        provenance: take(r.provenance.take(), "provenance")?,
    };
    let title_en = meta.title_en.as_deref().unwrap_or_default();
    for (field, text) in
        [("id", &meta.id[..]), ("title", &meta.title), ("title_en", title_en), ("provenance", &meta.provenance)]
    {
        clean_text(field, text).map_err(|m| LoadError {
            file: file.into(),
            line: None,
            field: Some(field.into()),
            message: m,
        })?;
    }
    r.sources.get_or_insert_with(Vec::new);
    r.notes.get_or_insert_with(Vec::new);
    let pending = std::mem::take(&mut r.pending);
    if !pending.is_empty() {
        // Keys out of the writer's order: the years come from the series themselves.
        if r.years.is_none() {
            let ys = pending.iter().map(|s| s.year).filter(|y| YEARS.contains(y));
            r.years = ys.clone().min().zip(ys.max());
        }
        for (si, s) in pending.iter().enumerate() {
            if let Some(ind) = r.series_indicator(si, &s.indicator, s.year, &s.unit) {
                for (oi, (code, v, src, n)) in s.obs.iter().enumerate() {
                    r.observation(si, oi, ind, s.year, (code, *v, *src, *n));
                }
            }
        }
    }
    if !r.errors.is_empty() {
        let mut errors = r.errors;
        if r.more_errors > 0 {
            errors.push(LoadError::file(file, format!("... and {} more errors", r.more_errors)));
        }
        return Err(LoadErrors(errors));
    }
    let cells = r.cells.take().unwrap_or_else(|| Cells::empty(regions.len()));
    let (sources, notes) = (r.sources.take().unwrap_or_default(), r.notes.take().unwrap_or_default());
    let ds = Dataset::from_cells(meta, regions, catalog, sources, notes, cells);
    // As an import refuses it: a value for a year after the data set's date was not observed.
    let last = chrono::Datelike::year(&ds.meta.as_of);
    if *ds.years().end() > last {
        if let Some((_, ind, year, _)) = ds.observations().find(|(_, _, y, _)| *y > last) {
            return Err(LoadError {
                file: file.into(),
                line: None,
                field: Some("series".into()),
                message: format!(
                    "{} has values for {year}, after the data set's date {}: a value cannot have been observed yet",
                    ds.catalog.get(ind).id,
                    ds.meta.as_of
                ),
            }
            .into());
        }
    }
    Ok(ds)
}

/// Reads the observations of a `cpdash export` JSON file as a data set.
fn parse_export(file: &str, bytes: &[u8], regions: RegionTree, catalog: Catalog) -> Result<Dataset, LoadErrors> {
    let r: ExportFile = serde_json::from_slice(bytes).map_err(|e| json_error(file, &e))?;
    if r.schema_version > EXPORT_SCHEMA_VERSION {
        return Err(LoadError {
            file: file.into(),
            line: None,
            field: Some("schema_version".into()),
            message: format!(
                "the export has schema version {}, newer than this cpdash reads ({}); update cpdash",
                r.schema_version, EXPORT_SCHEMA_VERSION
            ),
        }
        .into());
    }
    let as_of = NaiveDate::parse_from_str(&r.dataset.as_of, "%Y-%m-%d").map_err(|_| LoadError {
        file: file.into(),
        line: None,
        field: Some("dataset.as_of".into()),
        message: format!("\"{}\" is not a date (YYYY-MM-DD)", r.dataset.as_of),
    })?;
    let mut c = Collected::default();
    let mut errors = Vec::new();
    for (i, o) in r.observations.iter().enumerate() {
        let err = |msg: String| LoadError {
            file: file.into(),
            line: None,
            field: Some(format!("observations[{i}]")),
            message: msg,
        };
        if !YEARS.contains(&o.year) {
            errors.push(err(year_out_of_range(o.year)));
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
        if o.unit != def.unit.key() {
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
        let cite = Cite {
            url: &o.source_url,
            kind,
            title: o.source_title.as_deref(),
            copy_url: o.copy_url.as_deref(),
            cell: o.cell.as_deref(),
        };
        c.add((file, i as u64, true), region, ind, o.year, o.value, cite, o.note.as_deref());
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let provenance =
        format!("cpdash export of {} {} made {} from {}", r.region.code, r.year, r.generated_at, r.dataset.id);
    // An export's observations come from one data set, one per cell: no warnings to give.
    let meta =
        SnapshotMeta { id: r.dataset.id, title: r.dataset.title, title_en: r.dataset.title_en, as_of, provenance };
    c.into_dataset(meta, regions, catalog).map(|(ds, _)| ds)
}

/// Writes a data set's observations as a snapshot file. Output is deterministic: series in
/// catalog order then year, observations in region order, sources in first-use order.
pub fn write_snapshot(ds: &Dataset) -> String {
    let js = |v: &str| serde_json::Value::String(v.into()).to_string();
    // First pass: sources and notes in first-use order, mapped from the data set's indices.
    let mut source_map = vec![u32::MAX; ds.sources.len()];
    let mut sources: Vec<&Source> = Vec::new();
    let mut note_map: HashMap<u32, u32> = HashMap::new();
    let mut notes: Vec<&str> = Vec::new();
    for (_, _, _, cell) in ds.observations() {
        let slot = &mut source_map[cell.source_index as usize];
        if *slot == u32::MAX {
            *slot = sources.len() as u32;
            sources.push(cell.source);
        }
        if let (Some(i), Some(n)) = (cell.note_index, cell.note) {
            note_map.entry(i).or_insert_with(|| {
                notes.push(n);
                notes.len() as u32 - 1
            });
        }
    }
    let mut out = String::with_capacity(64 + ds.n_observations() * 32);
    let m = &ds.meta;
    let _ = writeln!(out, "{{\n  \"format\": {},\n  \"schema_version\": {SCHEMA_VERSION},", js(FORMAT));
    let _ = writeln!(out, "  \"id\": {},\n  \"title\": {},", js(&m.id), js(&m.title));
    if let Some(t) = &m.title_en {
        let _ = writeln!(out, "  \"title_en\": {},", js(t));
    }
    let _ = writeln!(
        out,
        "  \"as_of\": {},\n  \"provenance\": {},",
        js(&m.as_of.format("%Y-%m-%d").to_string()),
        js(&m.provenance)
    );
    let _ = writeln!(out, "  \"years\": [{}, {}],", ds.years().start(), ds.years().end());
    out.push_str("  \"sources\": [\n");
    for (i, s) in sources.iter().enumerate() {
        let comma = if i + 1 < sources.len() { "," } else { "" };
        let _ = write!(out, "    {{\"url\": {}, \"kind\": {}", js(&s.url), js(s.kind.key()));
        for (name, text) in [("title", &s.title), ("copy_url", &s.copy_url), ("cell", &s.cell)] {
            if let Some(t) = text {
                let _ = write!(out, ", \"{name}\": {}", js(t));
            }
        }
        let _ = writeln!(out, "}}{comma}");
    }
    out.push_str("  ],\n  \"notes\": [\n");
    for (i, n) in notes.iter().enumerate() {
        let comma = if i + 1 < notes.len() { "," } else { "" };
        let _ = writeln!(out, "    {}{comma}", js(n));
    }
    out.push_str("  ],\n  \"series\": [");
    // Second pass: one series per indicator and year, one line per observation.
    let mut current: Option<(IndicatorId, i32)> = None;
    for (region, ind, year, cell) in ds.observations() {
        if current != Some((ind, year)) {
            if current.is_some() {
                out.push_str("\n    ]},");
            }
            let def = ds.catalog.get(ind);
            let _ = write!(
                out,
                "\n    {{\"indicator\": {}, \"year\": {year}, \"unit\": {}, \"obs\": [",
                js(&def.id),
                js(def.unit.key())
            );
            current = Some((ind, year));
        } else {
            out.push(',');
        }
        // Region codes are letters and digits (checked on load): no JSON escaping needed.
        let _ = write!(
            out,
            "\n      [\"{}\", {}, {}, ",
            ds.regions.get(region).code,
            cell.value,
            source_map[cell.source_index as usize]
        );
        match cell.note_index.and_then(|i| note_map.get(&i)) {
            Some(n) => {
                let _ = write!(out, "{n}]");
            }
            None => out.push_str("null]"),
        }
    }
    if current.is_some() {
        out.push_str("\n    ]}");
    }
    out.push_str("\n  ]\n}\n");
    out
}
