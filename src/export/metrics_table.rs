//! `cpdash metrics`: the whole metrics table as two tidy CSVs, written as they are computed
//! (row by row into the writer, never built in memory first).
//!
//! - `regions`: every region × year × indicator — the value (or missing), observed or computed,
//!   status and gap to the target, trend class and pace, the year the pace reaches the target,
//!   the rank among its siblings.
//! - `dispersion`: every parent × year × indicator, over the parent's children — n of N, max/min
//!   with the two regions, CV, population-weighted CV, Gini, Theil T with its split between the
//!   mountain counties and the rest where both have members.
//!
//! Rows come parent by parent (the top region first, then each region's children, in the tree's
//! order), year by year, indicator by indicator in catalog order. Numbers are written in full
//! (shortest round-trip form); a missing value is an empty field.

use std::io::Write;
use std::ops::RangeInclusive;

use crate::metrics::report::{
    children_dispersion, has_dispersion, indicator_row, rows_among, IndicatorRow, Metric, MetricId, Over,
};
use crate::model::dataset::Resolved;
use crate::model::indicator::{Area, TargetScope};
use crate::model::{Dataset, IndicatorId, RegionId};

/// The tables `cpdash metrics` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// Every region × year × indicator.
    Regions,
    /// Every parent × year × indicator, over its children.
    Dispersion,
}

pub const REGIONS_HEADER: [&str; 24] = [
    "region_code",
    "region_name_zh",
    "region_name_en",
    "level",
    "parent_code",
    "year",
    "area",
    "indicator",
    "unit",
    "value",
    "value_kind",
    "target",
    "target_year",
    "gap",
    "gap_pct",
    "status",
    "trend",
    "trend_pace",
    "trend_needed",
    "reach_year",
    "years_to_target",
    "rank",
    "rank_of",
    "rank_previous",
];

pub const DISPERSION_HEADER: [&str; 20] = [
    "parent_code",
    "parent_name_zh",
    "parent_name_en",
    "children_level",
    "year",
    "area",
    "indicator",
    "unit",
    "n",
    "of",
    "max",
    "max_region",
    "min",
    "min_region",
    "max_min_ratio",
    "cv",
    "cv_weighted",
    "gini",
    "theil",
    "theil_between_mountain26_rest",
];

/// What to list.
#[derive(Debug, Clone)]
pub struct Filter {
    /// The subtree: this region and everything under it.
    pub under: RegionId,
    pub years: RangeInclusive<i32>,
    pub area: Option<Area>,
    /// Only these indicators (all when empty).
    pub indicators: Vec<IndicatorId>,
}

impl Filter {
    /// The indicators listed, in catalog order.
    fn indicators(&self, ds: &Dataset) -> Vec<IndicatorId> {
        ds.catalog
            .iter()
            .filter(|(id, d)| {
                self.area.is_none_or(|a| d.area == a) && (self.indicators.is_empty() || self.indicators.contains(id))
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// The parents whose children are listed: the subtree's regions with children, top first.
    fn parents(&self, ds: &Dataset) -> Vec<RegionId> {
        std::iter::once(self.under)
            .chain(ds.regions.descendants(self.under))
            .filter(|r| !ds.regions.children(*r).is_empty())
            .collect()
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes the regions table; `progress` is called with the parents done and their number.
/// Returns the rows written.
pub fn write_regions(
    ds: &Dataset,
    f: &Filter,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(REGIONS_HEADER)?;
    let inds = f.indicators(ds);
    let parents = f.parents(ds);
    let mut rows = 0;
    // The top of the subtree first (ranked among its own siblings, if it has any).
    for year in f.years.clone() {
        for &ind in &inds {
            if applies(ds, ind, f.under) {
                let row = indicator_row(ds, f.under, ind, year);
                write_region_row(&mut w, ds, f.under, &row)?;
                rows += 1;
            }
        }
    }
    for (done, &parent) in parents.iter().enumerate() {
        let children = ds.regions.children(parent);
        for year in f.years.clone() {
            for &ind in &inds {
                if !applies(ds, ind, children[0]) {
                    continue;
                }
                for (r, row) in rows_among(ds, children, ind, year) {
                    write_region_row(&mut w, ds, r, &row)?;
                    rows += 1;
                }
            }
        }
        progress(done + 1, parents.len());
    }
    w.flush()?;
    Ok(rows)
}

/// Whether the indicator exists for the region (provincial statistics for the top only).
fn applies(ds: &Dataset, ind: IndicatorId, region: RegionId) -> bool {
    ds.catalog.get(ind).applies_to == TargetScope::All || ds.regions.parent(region).is_none()
}

fn write_region_row<W: Write>(
    w: &mut csv::Writer<W>,
    ds: &Dataset,
    r: RegionId,
    row: &IndicatorRow,
) -> std::io::Result<()> {
    let g = ds.regions.get(r);
    let def = ds.catalog.get(row.indicator);
    let kind = match row.resolved {
        Resolved::Observed { .. } => "observed",
        Resolved::Computed { .. } => "computed",
        Resolved::Missing { .. } => "missing",
    };
    let t = &row.trend;
    let parent = ds.regions.parent(r).map(|p| ds.regions.get(p).code.as_str()).unwrap_or_default();
    let record: [String; 24] = [
        g.code.clone(),
        g.name_zh.clone(),
        g.name_en.clone(),
        g.level.clone(),
        parent.to_string(),
        row.year.to_string(),
        def.area.key().to_string(),
        def.id.clone(),
        def.unit.key().to_string(),
        num(row.value()),
        kind.to_string(),
        num(row.applicable_target.map(|x| x.0)),
        row.applicable_target.map(|x| x.1.to_string()).unwrap_or_default(),
        num(row.target.as_ref().map(|x| x.gap)),
        num(row.target.as_ref().map(|x| x.gap_pct)),
        row.status().map(|s| s.key().to_string()).unwrap_or_default(),
        t.kind.key().to_string(),
        num(t.pace),
        num(t.needed),
        t.reach_year.map(|y| y.to_string()).unwrap_or_default(),
        t.reach_year.map(|y| (y - row.year).to_string()).unwrap_or_default(),
        row.rank.as_ref().map(|x| x.rank.to_string()).unwrap_or_default(),
        row.rank.as_ref().map(|x| x.of.to_string()).unwrap_or_default(),
        row.rank.as_ref().and_then(|x| x.previous).map(|p| p.to_string()).unwrap_or_default(),
    ];
    w.write_record(record.iter().map(|s| crate::fit::csv_field(s)))?;
    Ok(())
}

/// Writes the dispersion table (indicators compared for inequality only: not totals such as
/// GDP or population, not group statistics); see [`write_regions`] for `progress`.
pub fn write_dispersion(
    ds: &Dataset,
    f: &Filter,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(DISPERSION_HEADER)?;
    let inds: Vec<IndicatorId> = f.indicators(ds).into_iter().filter(|i| has_dispersion(ds.catalog.get(*i))).collect();
    let parents = f.parents(ds);
    let mut rows = 0;
    for (done, &parent) in parents.iter().enumerate() {
        let p = ds.regions.get(parent);
        let children = ds.regions.children(parent);
        let level = &ds.regions.get(children[0]).level;
        for year in f.years.clone() {
            for &ind in &inds {
                if !applies(ds, ind, children[0]) {
                    continue;
                }
                let def = ds.catalog.get(ind);
                let metrics = children_dispersion(ds, parent, ind, year);
                let get = |id: MetricId| metrics.iter().find(|m| m.id == id);
                let value = |id: MetricId| num(get(id).and_then(|m| m.value));
                let mm = get(MetricId::MaxMinRatio(Over::Children));
                let part = |m: Option<&Metric>, name: &str| num(m.and_then(|m| m.part(name)));
                let extreme = |hi: bool| {
                    mm.and_then(|m| m.extremes)
                        .map(|(a, b)| ds.regions.get(if hi { a } else { b }).code.clone())
                        .unwrap_or_default()
                };
                let theil = get(MetricId::Theil(Over::Children));
                let record: [String; 20] = [
                    p.code.clone(),
                    p.name_zh.clone(),
                    p.name_en.clone(),
                    level.clone(),
                    year.to_string(),
                    def.area.key().to_string(),
                    def.id.clone(),
                    def.unit.key().to_string(),
                    mm.map_or(0, |m| m.used).to_string(),
                    children.len().to_string(),
                    part(mm, "max"),
                    extreme(true),
                    part(mm, "min"),
                    extreme(false),
                    value(MetricId::MaxMinRatio(Over::Children)),
                    value(MetricId::Cv(Over::Children)),
                    value(MetricId::CvWeighted(Over::Children)),
                    value(MetricId::Gini(Over::Children)),
                    value(MetricId::Theil(Over::Children)),
                    part(theil, "between"),
                ];
                w.write_record(record.iter().map(|s| crate::fit::csv_field(s)))?;
                rows += 1;
            }
        }
        progress(done + 1, parents.len());
    }
    w.flush()?;
    Ok(rows)
}

/// A year range as `--years` gives it: `2019-2024`, `2023`, or `all` (every year of the data
/// set); `Err` says why not.
pub fn parse_years(s: &str, data: RangeInclusive<i32>) -> Result<RangeInclusive<i32>, String> {
    let s = s.trim();
    if s == "all" {
        return Ok(data);
    }
    let year =
        |t: &str| t.trim().parse::<i32>().map_err(|_| format!("\"{t}\" is not a year (e.g. 2019-2024, 2023 or all)"));
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(s)?, year(s)?),
    };
    if a > b {
        return Err(format!("{a}-{b} runs backwards"));
    }
    if b < *data.start() || a > *data.end() {
        return Err(format!("the data has no year in {a}-{b} (it covers {}-{})", data.start(), data.end()));
    }
    Ok(a.max(*data.start())..=b.min(*data.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(parse_years("all", 2019..=2025), Ok(2019..=2025));
        assert_eq!(parse_years("2021-2023", 2019..=2025), Ok(2021..=2023));
        assert_eq!(parse_years("2024", 2019..=2025), Ok(2024..=2024));
        // Clipped to the data's years.
        assert_eq!(parse_years("2010-2020", 2019..=2025), Ok(2019..=2020));
        assert!(parse_years("2024-2021", 2019..=2025).unwrap_err().contains("backwards"));
        assert!(parse_years("2030-2031", 2019..=2025).unwrap_err().contains("no year"));
        assert!(parse_years("x", 2019..=2025).unwrap_err().contains("not a year"));
    }
}
