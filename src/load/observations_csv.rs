//! The long-format observations CSV that `cpdash import` reads: one row per region × indicator ×
//! year, with `region_code, indicator, year, value, unit, source_url` and optional
//! `source_kind`, `note` (other columns are ignored).

use std::collections::HashMap;

use super::error::{LoadError, LoadErrors};
use super::table::{parse_number, Table};
use crate::model::indicator::{nearest, Catalog};
use crate::model::region::RegionTree;
use crate::model::snapshot::{Observation, Source, SourceKind};
use crate::model::{IndicatorId, RegionId};

pub const REQUIRED: [&str; 6] = ["region_code", "indicator", "year", "value", "unit", "source_url"];

/// Observations gathered from one or more CSV files, checked against regions and catalog.
#[derive(Debug, Default)]
pub struct Collected {
    pub sources: Vec<Source>,
    source_index: HashMap<Source, u32>,
    pub observations: Vec<Observation>,
    seen: HashMap<(RegionId, IndicatorId, i32), (f64, String, u64)>,
}

impl Collected {
    /// Index of a source in the table, adding it if new.
    pub fn source(&mut self, source: Source) -> u32 {
        if let Some(i) = self.source_index.get(&source) {
            return *i;
        }
        let i = self.sources.len() as u32;
        self.sources.push(source.clone());
        self.source_index.insert(source, i);
        i
    }

    /// Adds one observation; a second value for the same cell is an error unless equal.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        file: &str,
        line: u64,
        region: RegionId,
        indicator: IndicatorId,
        year: i32,
        value: f64,
        source: Source,
        note: Option<String>,
    ) -> Result<(), LoadError> {
        match self.seen.get(&(region, indicator, year)) {
            Some((v, _, _)) if *v == value => return Ok(()),
            Some((v, f, l)) => {
                return Err(LoadError::at(
                    file,
                    line,
                    Some("value"),
                    format!(
                    "a second, different value {value} for the same region, indicator and year (first: {v} at {f}:{l})"
                ),
                ))
            }
            None => {}
        }
        self.seen.insert((region, indicator, year), (value, file.to_string(), line));
        let source = self.source(source);
        self.observations.push(Observation { region, indicator, year, value, source, note });
        Ok(())
    }
}

/// Reads one long-format CSV into `into`, collecting every bad row.
pub fn read_long_csv(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
    into: &mut Collected,
) -> Result<(), LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&REQUIRED)?;
    let mut errors = Vec::new();
    for row in &t.rows {
        if let Err(e) = read_row(&t, row, regions, catalog, into) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LoadErrors(errors))
    }
}

fn read_row(
    t: &Table,
    row: &super::table::Row,
    regions: &RegionTree,
    catalog: &Catalog,
    into: &mut Collected,
) -> Result<(), LoadError> {
    let code = t.required(row, "region_code")?;
    let region = regions.by_code(code).ok_or_else(|| {
        let hint = nearest(code, regions.iter().map(|(_, r)| r.code.as_str()))
            .map(|c| format!("; did you mean {c} ({})?", regions.get(regions.by_code(c).expect("known")).name_zh))
            .unwrap_or_default();
        t.err(row, "region_code", format!("unknown region code \"{code}\"{hint}"))
    })?;
    let ind_s = t.required(row, "indicator")?;
    let indicator = catalog.by_id(ind_s).ok_or_else(|| {
        let hint = catalog.nearest(ind_s).map(|c| format!("; did you mean \"{c}\"?")).unwrap_or_default();
        t.err(row, "indicator", format!("unknown indicator \"{ind_s}\"{hint}"))
    })?;
    let def = catalog.get(indicator);
    if let Some(f) = &def.formula {
        return Err(t.err(row, "indicator", format!("\"{ind_s}\" is derived ({f}); it is computed, not imported")));
    }
    let year_s = t.required(row, "year")?;
    let year: i32 = year_s
        .parse()
        .ok()
        .filter(|y| super::snapshot_json::YEARS.contains(y))
        .ok_or_else(|| t.err(row, "year", format!("\"{year_s}\" is not a year between 1900 and 2100")))?;
    let value_s = t.required(row, "value")?;
    let value = parse_number(value_s).map_err(|m| t.err(row, "value", m))?;
    def.accepts(value).map_err(|m| t.err(row, "value", m))?;
    let unit = t.required(row, "unit")?;
    if unit != def.unit {
        return Err(t.err(
            row,
            "unit",
            format!("\"{unit}\" does not match the catalog unit \"{}\" of {ind_s}", def.unit),
        ));
    }
    let url = t.opt(row, "source_url").ok_or_else(|| {
        t.err(row, "source_url", "the value has no source; every value needs the address it was read from")
    })?;
    let kind_s = t.get(row, "source_kind");
    let kind = SourceKind::parse(kind_s).ok_or_else(|| {
        t.err(row, "source_kind", format!("\"{kind_s}\" is not one of government, state_media, repost, other"))
    })?;
    let note = t.opt(row, "note").map(str::to_string);
    into.add(&t.file, row.line, region, indicator, year, value, Source { url: url.to_string(), kind }, note)
}
