//! The long-format observations CSV that `cpdash import` reads: one row per region × indicator ×
//! year, with `region_code, indicator, year, value, unit, source_url` and optional
//! `source_kind`, `note` (other columns are ignored).

use std::collections::HashMap;

use super::error::{LoadError, LoadErrors};
use super::table::{parse_number, Table};
use crate::model::dataset::{Cells, NO_NOTE};
use crate::model::indicator::{nearest, Catalog};
use crate::model::region::RegionTree;
use crate::model::snapshot::{SnapshotMeta, Source, SourceKind};
use crate::model::{Dataset, IndicatorId, RegionId};

pub const REQUIRED: [&str; 6] = ["region_code", "indicator", "year", "value", "unit", "source_url"];

/// One observation read, with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub region: RegionId,
    pub indicator: IndicatorId,
    pub year: i32,
    pub value: f64,
    pub source: u32,
    pub note: u32,
    file: u16,
    /// The line in a CSV file; the position in a JSON list.
    at: u32,
}

/// Observations gathered from one or more files, checked against regions and catalog, before
/// they become a data set. Sources and notes are stored once.
#[derive(Debug, Default)]
pub struct Collected {
    /// (file name, whether positions are JSON list indices rather than lines)
    files: Vec<(String, bool)>,
    pub sources: Vec<Source>,
    source_index: HashMap<Source, u32>,
    notes: Vec<String>,
    note_index: HashMap<String, u32>,
    pub observations: Vec<Pending>,
}

impl Collected {
    /// Index of a source, adding it if new.
    pub fn source(&mut self, url: &str, kind: SourceKind) -> u32 {
        // Consecutive rows mostly share their source: check the last one first.
        if let Some(last) = self.sources.last() {
            if last.url == url && last.kind == kind {
                return self.sources.len() as u32 - 1;
            }
        }
        let source = Source { url: url.to_string(), kind };
        if let Some(i) = self.source_index.get(&source) {
            return *i;
        }
        let i = self.sources.len() as u32;
        self.sources.push(source.clone());
        self.source_index.insert(source, i);
        i
    }

    fn note(&mut self, note: Option<&str>) -> u32 {
        let Some(n) = note.filter(|n| !n.is_empty()) else { return NO_NOTE };
        if let Some(i) = self.note_index.get(n) {
            return *i;
        }
        let i = self.notes.len() as u32;
        self.notes.push(n.to_string());
        self.note_index.insert(n.to_string(), i);
        i
    }

    fn file(&mut self, name: &str, json: bool) -> u16 {
        match self.files.iter().position(|(f, _)| f == name) {
            Some(i) => i as u16,
            None => {
                self.files.push((name.to_string(), json));
                self.files.len() as u16 - 1
            }
        }
    }

    /// Adds one observation read at `line` of a CSV `file` (or, with `json`, at position `line`
    /// of its list). A second value for the same cell is found by [`Collected::into_dataset`].
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        (file, line, json): (&str, u64, bool),
        region: RegionId,
        indicator: IndicatorId,
        year: i32,
        value: f64,
        (url, kind): (&str, SourceKind),
        note: Option<&str>,
    ) {
        let file = if self.files.last().is_some_and(|(f, _)| f == file) {
            self.files.len() as u16 - 1
        } else {
            self.file(file, json)
        };
        let source = self.source(url, kind);
        let note = self.note(note);
        self.observations.push(Pending { region, indicator, year, value, source, note, file, at: line as u32 });
    }

    fn place(&self, p: &Pending) -> (String, Option<u64>, Option<String>) {
        let (file, json) = &self.files[p.file as usize];
        if *json {
            (file.clone(), None, Some(format!("observations[{}]", p.at)))
        } else {
            (file.clone(), Some(p.at as u64), Some("value".into()))
        }
    }

    /// The data set, or every cell given two different values, with both places.
    pub fn into_dataset(
        self,
        meta: SnapshotMeta,
        regions: RegionTree,
        catalog: Catalog,
    ) -> Result<Dataset, LoadErrors> {
        let mut cells = self
            .observations
            .iter()
            .fold(None, |acc: Option<(i32, i32)>, o| match acc {
                None => Some((o.year, o.year)),
                Some((a, b)) => Some((a.min(o.year), b.max(o.year))),
            })
            .map_or(Cells::empty(regions.len()), |(a, b)| Cells::new(catalog.len(), regions.len(), a..=b));
        let mut errors = Vec::new();
        for (i, p) in self.observations.iter().enumerate() {
            if let Err(Some(first)) = cells.set(p.region, p.indicator, p.year, p.value, p.source, p.note) {
                let same = |q: &&Pending| q.region == p.region && q.indicator == p.indicator && q.year == p.year;
                let earlier = self.observations[..i].iter().find(same).expect("a first value exists");
                let (f0, l0, _) = self.place(earlier);
                let first_at = match l0 {
                    Some(l) => format!("{f0}:{l}"),
                    None => format!("{f0} observations[{}]", earlier.at),
                };
                let (file, line, field) = self.place(p);
                errors.push(LoadError {
                    file,
                    line,
                    field,
                    message: format!(
                        "a second, different value {} for the same region, indicator and year (first: {first} at {first_at})",
                        p.value
                    ),
                });
            }
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        Ok(Dataset::from_cells(meta, regions, catalog, self.sources, self.notes, cells))
    }
}

/// Positions of the columns, looked up once per file.
struct Columns {
    region: usize,
    indicator: usize,
    year: usize,
    value: usize,
    unit: usize,
    source_url: usize,
    source_kind: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    /// The columns' positions; `None` if a required one is missing.
    fn of(t: &Table) -> Option<Columns> {
        Some(Columns {
            region: t.column("region_code")?,
            indicator: t.column("indicator")?,
            year: t.column("year")?,
            value: t.column("value")?,
            unit: t.column("unit")?,
            source_url: t.column("source_url")?,
            source_kind: t.column("source_kind"),
            note: t.column("note"),
        })
    }
}

/// Reads one long-format CSV into `into`, row by row, collecting every bad row.
pub fn read_long_csv(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
    into: &mut Collected,
) -> Result<(), LoadErrors> {
    let mut errors = Vec::new();
    let cols = std::cell::OnceCell::new();
    Table::stream(
        file,
        bytes,
        |t| {
            t.require(&REQUIRED)?;
            if let Some(c) = Columns::of(t) {
                let _ = cols.set(c);
            }
            Ok(())
        },
        |t, row| {
            // The header check above has found every required column.
            let Some(cols) = cols.get() else { return };
            if let Err(e) = read_row(t, row, cols, regions, catalog, into) {
                errors.push(e);
            }
        },
    )?;
    LoadErrors::check(errors)
}

fn read_row(
    t: &Table,
    row: &super::table::Row,
    cols: &Columns,
    regions: &RegionTree,
    catalog: &Catalog,
    into: &mut Collected,
) -> Result<(), LoadError> {
    let field = |i: usize| t.at(row, i);
    let required = |i: usize, name: &str| {
        Some(field(i)).filter(|s| !s.is_empty()).ok_or_else(|| t.err(row, name, "the value is empty"))
    };
    let code = required(cols.region, "region_code")?;
    let region = regions.by_code(code).ok_or_else(|| {
        let hint = nearest(code, regions.iter().map(|(_, r)| r.code.as_str()))
            .map(|c| format!("; did you mean {c} ({})?", regions.get(regions.by_code(c).expect("known")).name_zh))
            .unwrap_or_default();
        t.err(row, "region_code", format!("unknown region code \"{code}\"{hint}"))
    })?;
    let ind_s = required(cols.indicator, "indicator")?;
    let indicator = catalog.by_id(ind_s).ok_or_else(|| {
        let hint = catalog.nearest(ind_s).map(|c| format!("; did you mean \"{c}\"?")).unwrap_or_default();
        t.err(row, "indicator", format!("unknown indicator \"{ind_s}\"{hint}"))
    })?;
    let def = catalog.get(indicator);
    if let Some(f) = &def.formula {
        return Err(t.err(row, "indicator", format!("\"{ind_s}\" is derived ({f}); it is computed, not imported")));
    }
    let year_s = required(cols.year, "year")?;
    let year: i32 = year_s
        .parse()
        .ok()
        .filter(|y| super::snapshot_json::YEARS.contains(y))
        .ok_or_else(|| t.err(row, "year", format!("\"{year_s}\" is not a year between 1900 and 2100")))?;
    let value_s = required(cols.value, "value")?;
    let value = parse_number(value_s).map_err(|m| t.err(row, "value", m))?;
    def.accepts(value).map_err(|m| t.err(row, "value", m))?;
    let unit = required(cols.unit, "unit")?;
    if unit != def.unit {
        return Err(t.err(
            row,
            "unit",
            format!("\"{unit}\" does not match the catalog unit \"{}\" of {ind_s}", def.unit),
        ));
    }
    let url = Some(field(cols.source_url)).filter(|s| !s.is_empty()).ok_or_else(|| {
        t.err(row, "source_url", "the value has no source; every value needs the address it was read from")
    })?;
    let kind_s = cols.source_kind.map_or("", field);
    let kind = SourceKind::parse(kind_s).ok_or_else(|| {
        t.err(row, "source_kind", format!("\"{kind_s}\" is not one of government, state_media, repost, other"))
    })?;
    let note = cols.note.map(field).filter(|n| !n.is_empty());
    into.add((&t.file, row.line, false), region, indicator, year, value, (url, kind), note);
    Ok(())
}
