//! Observations gathered from the files of one import (CSV rows, a JSON export's list), each with
//! where it was read, before they become a data set: the loaders of every format fill it.

use std::collections::HashMap;

use super::error::{LoadError, LoadErrors, MAX_ROW_ERRORS};
use crate::model::dataset::{Cells, NO_NOTE};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{SnapshotMeta, Source, SourceKind};
use crate::model::{Dataset, IndicatorId, RegionId};

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

/// A source as a loader reads it, borrowed from the row until it is stored.
#[derive(Debug, Clone, Copy)]
pub struct Cite<'a> {
    pub url: &'a str,
    pub kind: SourceKind,
    pub title: Option<&'a str>,
    pub copy_url: Option<&'a str>,
    pub cell: Option<&'a str>,
}

impl<'a> Cite<'a> {
    /// A page's address and kind only.
    pub fn page(url: &'a str, kind: SourceKind) -> Cite<'a> {
        Cite { url, kind, title: None, copy_url: None, cell: None }
    }

    pub fn of(s: &'a Source) -> Cite<'a> {
        Cite {
            url: &s.url,
            kind: s.kind,
            title: s.title.as_deref(),
            copy_url: s.copy_url.as_deref(),
            cell: s.cell.as_deref(),
        }
    }

    fn is(&self, s: &Source) -> bool {
        s.url == self.url
            && s.kind == self.kind
            && s.title.as_deref() == self.title
            && s.copy_url.as_deref() == self.copy_url
            && s.cell.as_deref() == self.cell
    }

    fn owned(&self) -> Source {
        Source {
            url: self.url.to_string(),
            kind: self.kind,
            title: self.title.map(str::to_string),
            copy_url: self.copy_url.map(str::to_string),
            cell: self.cell.map(str::to_string),
        }
    }
}

impl Collected {
    /// Index of a source, adding it if new.
    pub fn source(&mut self, cite: Cite) -> u32 {
        // Consecutive rows mostly share their source: check the last one first.
        if let Some(last) = self.sources.last() {
            if cite.is(last) {
                return self.sources.len() as u32 - 1;
            }
        }
        let source = cite.owned();
        if let Some(i) = self.source_index.get(&source) {
            return *i;
        }
        let i = self.sources.len() as u32;
        self.sources.push(source.clone());
        self.source_index.insert(source, i);
        i
    }

    /// The text of a note index (none for [`NO_NOTE`]).
    pub fn note_text(&self, i: u32) -> Option<&str> {
        self.notes.get(i as usize).map(String::as_str)
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
        cite: Cite,
        note: Option<&str>,
    ) {
        let file = if self.files.last().is_some_and(|(f, _)| f == file) {
            self.files.len() as u16 - 1
        } else {
            self.file(file, json)
        };
        let source = self.source(cite);
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

    /// The data set with the warnings met on the way (the same value from two sources: which one
    /// was kept), or every cell given two different values, with both places.
    pub fn into_dataset(
        self,
        meta: SnapshotMeta,
        regions: RegionTree,
        catalog: Catalog,
    ) -> Result<(Dataset, Vec<LoadError>), LoadErrors> {
        let mut cells = self
            .observations
            .iter()
            .fold(None, |acc: Option<(i32, i32)>, o| match acc {
                None => Some((o.year, o.year)),
                Some((a, b)) => Some((a.min(o.year), b.max(o.year))),
            })
            .map_or(Cells::empty(regions.len()), |(a, b)| Cells::new(catalog.len(), regions.len(), a..=b));
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let (mut more_errors, mut more_warnings) = (0usize, 0usize);
        let last_year = chrono::Datelike::year(&meta.as_of);
        for (i, p) in self.observations.iter().enumerate() {
            // A figure is observed after its year has begun: one for a later year than the data
            // set's date is a projection or a typo, not an observation.
            if p.year > last_year {
                if errors.len() < MAX_ROW_ERRORS {
                    let (file, line, field) = self.place(p);
                    let field = field.map(|_| "year".to_string());
                    let message = format!(
                        "the year {} is after the data set's date {}: a value cannot have been observed yet",
                        p.year, meta.as_of
                    );
                    errors.push(LoadError { file, line, field, message });
                } else {
                    more_errors += 1;
                }
                continue;
            }
            let same = |q: &&Pending| q.region == p.region && q.indicator == p.indicator && q.year == p.year;
            let outcome = cells.set(p.region, p.indicator, p.year, p.value, p.source, p.note);
            let first_place = |earlier: &Pending| {
                let (f0, l0, _) = self.place(earlier);
                match l0 {
                    Some(l) => format!("{f0}:{l}"),
                    None => format!("{f0} observations[{}]", earlier.at),
                }
            };
            // Past the cap, conflicts are counted, not described (finding the first place of
            // each is a scan of the rows before it).
            let full = |v: &Vec<LoadError>| v.len() >= MAX_ROW_ERRORS;
            match outcome {
                Err(Some(_)) if full(&errors) => more_errors += 1,
                Ok(Some(kept)) if kept != p.source && full(&warnings) => more_warnings += 1,
                Err(Some(first)) => {
                    let Some(earlier) = self.observations[..i].iter().find(same) else { continue };
                    let (file, line, field) = self.place(p);
                    errors.push(LoadError {
                        file,
                        line,
                        field,
                        message: format!(
                            "a second, different value {} for the same region, indicator and year (first: {first} at {})",
                            p.value,
                            first_place(earlier)
                        ),
                    });
                }
                Ok(Some(kept)) if kept != p.source => {
                    let Some(earlier) = self.observations[..i].iter().find(same) else { continue };
                    let (file, line, field) = self.place(p);
                    let url = |s: u32| self.sources.get(s as usize).map_or("", |s| s.url.as_str());
                    warnings.push(LoadError {
                        file,
                        line,
                        field,
                        message: format!(
                            "the same value {} again, from another source ({}); kept the first, at {} ({})",
                            p.value,
                            url(p.source),
                            first_place(earlier),
                            url(kept)
                        ),
                    });
                }
                _ => {}
            }
        }
        let more = |n: usize, what: &str| {
            LoadError::file(self.files.first().map_or("", |f| f.0.as_str()), format!("and {n} more {what}, not listed"))
        };
        if more_warnings > 0 {
            warnings.push(more(more_warnings, "cells given the same value by another source"));
        }
        if more_errors > 0 {
            errors.push(more(more_errors, "cells given a second, different value"));
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        Ok((Dataset::from_cells(meta, regions, catalog, self.sources, self.notes, cells), warnings))
    }
}
