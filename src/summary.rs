//! What `cpdash check` reports about a data set: its size, its coverage and its sources.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::indicator::Area;
use crate::model::snapshot::SourceKind;
use crate::model::Dataset;

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// (level, number of regions), by depth.
    pub regions_per_level: Vec<(String, usize)>,
    /// (area, observed indicators, derived indicators), the six areas then context.
    pub indicators_per_area: Vec<(Area, usize, usize)>,
    pub years: Option<(i32, i32)>,
    pub observations: usize,
    pub unsourced: usize,
    pub by_source_kind: BTreeMap<SourceKind, usize>,
    /// (area, level, filled cells, all cells) over observed indicators and the years spanned.
    pub coverage: Vec<(Area, String, usize, usize)>,
}

impl Summary {
    pub fn of(ds: &Dataset) -> Summary {
        let levels = ds.regions.levels();
        let regions_per_level =
            levels.iter().map(|l| (l.clone(), ds.regions.iter().filter(|(_, r)| &r.level == l).count())).collect();
        let areas: Vec<Area> = Area::SIX.into_iter().chain([Area::Context]).collect();
        let indicators_per_area = areas
            .iter()
            .map(|a| {
                let ids = ds.catalog.in_area(*a);
                // Stored where published (a formula filling the gaps included) + computed only.
                let derived = ids.iter().filter(|i| !ds.catalog.get(**i).is_stored()).count();
                (*a, ids.len() - derived, derived)
            })
            .filter(|(a, o, d)| *a != Area::Context || o + d > 0)
            .collect();
        // Counted per source and per (area, level) index: millions of values, no map look-up each.
        let level_of: Vec<usize> =
            ds.regions.iter().map(|(_, r)| levels.iter().position(|l| *l == r.level).unwrap_or(0)).collect();
        let area_of: Vec<usize> =
            ds.catalog.iter().map(|(_, d)| areas.iter().position(|a| *a == d.area).unwrap_or(areas.len())).collect();
        let mut per_source = vec![0usize; ds.sources.len()];
        let mut per_area_level = vec![0usize; (areas.len() + 1) * levels.len().max(1)];
        for (region, ind, source) in ds.stored_sources() {
            per_source[source as usize] += 1;
            per_area_level[area_of[ind.index()] * levels.len() + level_of[region.index()]] += 1;
        }
        let mut by_source_kind = BTreeMap::new();
        let mut unsourced = 0;
        for (s, n) in ds.sources.iter().zip(&per_source).filter(|(_, n)| **n > 0) {
            *by_source_kind.entry(s.kind).or_insert(0) += n;
            if s.url.trim().is_empty() {
                unsourced += n;
            }
        }
        let filled = |a: usize, l: usize| per_area_level[a * levels.len() + l];
        let n_years = ds.years().count();
        let mut coverage = Vec::new();
        for (ai, a) in areas.iter().enumerate() {
            let observed = ds.catalog.in_area(*a).iter().filter(|i| ds.catalog.get(**i).is_stored()).count();
            for (li, l) in levels.iter().enumerate() {
                let n = level_of.iter().filter(|x| **x == li).count();
                let all = observed * n * n_years;
                if all > 0 {
                    coverage.push((*a, l.clone(), filled(ai, li), all));
                }
            }
        }
        let years = (n_years > 0).then(|| (*ds.years().start(), *ds.years().end()));
        Summary {
            regions_per_level,
            indicators_per_area,
            years,
            observations: ds.n_observations(),
            unsourced,
            by_source_kind,
            coverage,
        }
    }

    pub fn render(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{title}");
        let levels: Vec<String> = self.regions_per_level.iter().map(|(l, n)| format!("{n} {l}")).collect();
        let _ = writeln!(s, "regions: {}", levels.join(", "));
        let _ = writeln!(s, "indicators per area (observed + derived):");
        for (a, o, d) in &self.indicators_per_area {
            let _ = writeln!(s, "  {:<16} {o} + {d}", a.key());
        }
        match self.years {
            Some((a, b)) => {
                let _ = writeln!(s, "years: {a}–{b}");
            }
            None => {
                let _ = writeln!(s, "years: none");
            }
        }
        let kinds: Vec<String> = self.by_source_kind.iter().map(|(k, n)| format!("{n} {}", k.key())).collect();
        let _ = writeln!(s, "observations: {} ({})", self.observations, kinds.join(", "));
        let _ = writeln!(s, "observations without a source: {}", self.unsourced);
        let _ = writeln!(s, "coverage (filled share of region × indicator × year cells, observed indicators):");
        for (a, l, f, all) in &self.coverage {
            let _ =
                writeln!(s, "  {:<16} {:<10} {:>5.1}%  ({f} of {all})", a.key(), l, 100.0 * *f as f64 / *all as f64);
        }
        s
    }
}

/// Coverage of indicators: for each year, how many regions of each level have a value (for a
/// derived indicator, a value that can be computed). An unknown id is an error naming the
/// closest known ones.
pub fn coverage_table(ds: &Dataset, indicators: &[&str]) -> Result<String, String> {
    let unknown: Vec<String> = indicators
        .iter()
        .filter(|id| ds.catalog.by_id(id).is_none())
        .map(|id| match ds.catalog.nearest(id) {
            Some(close) => format!("\"{id}\" (did you mean \"{close}\"?)"),
            None => format!("\"{id}\""),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(format!("--coverage: unknown indicator {}", unknown.join(", ")));
    }
    let mut s = String::new();
    let years: Vec<i32> = ds.years().collect();
    let levels = ds.regions.levels();
    let _ = write!(s, "{:<28}", "indicator \\ year");
    for y in &years {
        let _ = write!(s, " {:>12}", y);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{:<28} {}", "", format_args!("(regions with a value: {})", levels.join(" / ")));
    for id in indicators {
        let Some(ind) = ds.catalog.by_id(id) else { continue };
        let derived = ds.catalog.get(ind).is_derived();
        let _ = write!(s, "{:<28}", id);
        for y in &years {
            let counts: Vec<String> = levels
                .iter()
                .map(|l| {
                    ds.regions
                        .iter()
                        .filter(|(r, reg)| {
                            &reg.level == l
                                && if derived { ds.resolve_value(*r, ind, *y) } else { ds.value(*r, ind, *y) }.is_some()
                        })
                        .count()
                        .to_string()
                })
                .collect();
            let _ = write!(s, " {:>12}", counts.join("/"));
        }
        let _ = writeln!(s);
    }
    Ok(s)
}
