//! The export report: one region and year, every area's gap metrics and the observations
//! behind them with their sources, as data; the formats only lay it out.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::request::Request;
use crate::metrics::report::{applicable_target, area_report, area_rows, children_rows, IndicatorRow};
use crate::metrics::Metric;
use crate::model::dataset::{Input, Resolved, SeriesBreak};
use crate::model::indicator::{Area, Role};
use crate::model::snapshot::{SourceKind, EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, SOURCE_KINDS};
use crate::model::{Dataset, IndicatorId, RegionId, Source};
use crate::strings::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportReport {
    pub format: String,
    pub schema_version: u32,
    /// When the export was made, RFC 3339 with the local offset.
    pub generated_at: String,
    pub cpdash_version: String,
    pub dataset: DatasetInfo,
    pub region: RegionInfo,
    /// The year of the metrics (the last of the export's years).
    pub year: i32,
    /// The first year of the export (`year` for one year).
    pub year_from: i32,
    /// How many years a trend's pace looked back at most.
    pub trend_window: i32,
    /// The region's indicators in every year of the export, oldest first.
    pub by_year: Vec<YearOut>,
    pub children: Vec<RegionRef>,
    /// The language of the report's sentences (`zh` or `en`).
    pub lang: String,
    pub areas: Vec<AreaOut>,
    /// The children's values of each area's headline indicator (empty without children).
    pub children_indicators: Vec<ChildIndicatorOut>,
    pub children_table: Vec<ChildRowOut>,
    /// The groups the children's marks refer to.
    pub groups: Vec<GroupOut>,
    /// Stored values with their sources: those the metrics read, or those shown (see [`Listed`]).
    pub observations: Vec<ObservationOut>,
    /// How many values the metrics read that `observations` leaves out ([`Listed::Shown`]).
    #[serde(skip)]
    pub observations_unlisted: usize,
}

/// Which stored values a report lists with their sources, fewest first (an export of several
/// formats lists what the most demanding of them needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listed {
    /// None: the readable reports cite the sources of each indicator instead.
    Nothing,
    /// The values the report shows and those its computed values come from: the region's in the
    /// export's years, the children's headline values in the last year. The workbook: at a
    /// national root the values read are millions, past what a sheet holds or anyone reads.
    Shown,
    /// Every value the metrics read: the region, its siblings (ranks), everything below it
    /// (dispersion), every year up to the last (trends). The JSON, which loads back.
    Read,
}

/// The region's indicators in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearOut {
    pub year: i32,
    pub indicators: Vec<YearIndicatorOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearIndicatorOut {
    pub id: String,
    pub value: Option<f64>,
    pub value_kind: String,
    pub status: Option<String>,
    pub gap_pct: Option<f64>,
    pub rank: Option<usize>,
    pub rank_of: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetInfo {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub as_of: String,
    pub provenance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionRef {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionInfo {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub name_pinyin: String,
    pub level: String,
    pub kind: String,
    pub tags: Vec<String>,
    /// From the top down to the parent.
    pub parents: Vec<RegionRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaOut {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub indicators: Vec<IndicatorOut>,
    pub metrics: Vec<MetricOut>,
}

/// One indicator of the area for the region and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorOut {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit: String,
    /// `observed`, `computed` or `missing`.
    pub value_kind: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub target_year: Option<i32>,
    pub target_source_url: Option<String>,
    pub gap: Option<f64>,
    pub gap_pct: Option<f64>,
    pub status: Option<String>,
    pub trend: String,
    pub trend_text: String,
    pub pace_per_year: Option<f64>,
    pub rank: Option<usize>,
    pub rank_of: Option<usize>,
    pub rank_previous: Option<usize>,
    pub source_url: Option<String>,
    pub source_kind: Option<String>,
    /// A publication's edition and table, the cell and the copy read (schema 3).
    #[serde(flatten)]
    pub cite: CiteOut,
    pub note: Option<String>,
    /// The series break the value follows, if any: its trend starts there (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_break: Option<BreakOut>,
    /// A computed value's formula (indicator ids) and the sources of the inputs it used.
    pub formula: Option<String>,
    pub input_sources: Vec<SourceOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceOut {
    pub url: String,
    pub kind: String,
    /// A publication's edition and table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The copy it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_url: Option<String>,
}

/// Where in a publication a value was read: `source_title`, `cell` and `copy_url` beside a
/// value's `source_url` (each left out when empty).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CiteOut {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_url: Option<String>,
}

impl CiteOut {
    pub fn of(s: &Source) -> CiteOut {
        CiteOut { source_title: s.title.clone(), cell: s.cell.clone(), copy_url: s.copy_url.clone() }
    }
}

/// A series break: the first year on the new basis, why, and where that is documented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakOut {
    pub year: i32,
    pub reason_zh: String,
    pub reason_en: String,
    pub source_url: String,
}

impl BreakOut {
    pub fn of(b: &SeriesBreak) -> BreakOut {
        BreakOut {
            year: b.year,
            reason_zh: b.reason_zh.to_string(),
            reason_en: b.reason_en.to_string(),
            source_url: b.source_url.to_string(),
        }
    }
}

impl IndicatorOut {
    /// The value's own source, without its cell (one footnote per table).
    pub fn own_source(&self) -> Option<SourceOut> {
        Some(SourceOut {
            url: self.source_url.clone()?,
            kind: self.source_kind.clone().unwrap_or_else(|| "other".into()),
            title: self.cite.source_title.clone(),
            copy_url: self.cite.copy_url.clone(),
        })
    }
}

impl SourceOut {
    /// A source without its cell: the cells of one table are one source of a computed value.
    pub fn of(s: &Source) -> SourceOut {
        SourceOut {
            url: s.url.clone(),
            kind: s.kind.key().into(),
            title: s.title.clone(),
            copy_url: s.copy_url.clone(),
        }
    }

    /// The sources of a computed value's inputs, each table or page once, in input order.
    pub fn of_inputs(ds: &Dataset, inputs: &[Input]) -> Vec<SourceOut> {
        let mut out: Vec<SourceOut> = Vec::new();
        for s in ds.sources_of(inputs) {
            let o = SourceOut::of(s);
            if !out.contains(&o) {
                out.push(o);
            }
        }
        out
    }
}

/// The source columns of an exported row: an observed value's source and note; a computed
/// value's formula and its inputs' sources, each once, joined by ` | `; empty when missing.
#[derive(Debug, Default)]
pub struct SourceFields {
    pub url: String,
    pub kind: String,
    pub title: String,
    pub cell: String,
    pub copy_url: String,
    pub note: String,
}

impl SourceFields {
    pub fn of(ds: &Dataset, region: RegionId, indicator: IndicatorId, year: i32, resolved: &Resolved) -> SourceFields {
        if let Some(c) = ds.get(region, indicator, year) {
            let s = c.source;
            return SourceFields {
                url: s.url.clone(),
                kind: s.kind.key().into(),
                title: s.title.clone().unwrap_or_default(),
                cell: s.cell.clone().unwrap_or_default(),
                copy_url: s.copy_url.clone().unwrap_or_default(),
                note: c.note.unwrap_or_default().to_string(),
            };
        }
        let Resolved::Computed { inputs, .. } = resolved else { return SourceFields::default() };
        let sources = SourceOut::of_inputs(ds, inputs);
        let join = |f: &dyn Fn(&SourceOut) -> Option<&str>| {
            let mut parts: Vec<&str> = Vec::new();
            for p in sources.iter().filter_map(f) {
                if !parts.contains(&p) {
                    parts.push(p);
                }
            }
            parts.join(" | ")
        };
        let formula = ds.catalog.get(indicator).formula.as_ref().map(|f| f.to_string()).unwrap_or_default();
        SourceFields {
            url: join(&|s| Some(s.url.as_str())),
            kind: "computed".into(),
            title: join(&|s| s.title.as_deref()),
            cell: String::new(),
            copy_url: join(&|s| s.copy_url.as_deref()),
            note: format!("computed as {formula}"),
        }
    }
}

/// An indicator of the children's table: each area's headline indicator for the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildIndicatorOut {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit: String,
    pub target: Option<f64>,
    /// An area's headline (the readable reports show these columns only).
    #[serde(default)]
    pub headline: bool,
    /// A column of the one-page brief (the catalog's role `brief`).
    #[serde(skip)]
    pub brief: bool,
}

/// A child of the region with its values of the table's indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildRowOut {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// The tags of the groups the child is in that year (see `groups`).
    pub groups: Vec<String>,
    pub cells: Vec<ChildCellOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildCellOut {
    pub value: Option<f64>,
    pub value_kind: String,
    pub status: Option<String>,
    pub gap_pct: Option<f64>,
    pub rank: Option<usize>,
    pub rank_of: Option<usize>,
}

/// A region group named in the report (a child's mark, or compared by a metric).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupOut {
    pub tag: String,
    pub mark_zh: String,
    pub mark_en: String,
    pub name_zh: String,
    pub name_en: String,
    pub source_url: String,
}

/// A metric with its id (see `src/metrics/metric.rs` for the list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricOut {
    pub id: String,
    pub indicator: Option<String>,
    /// The tag of the group a group metric compares (see `groups`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub value: Option<f64>,
    pub unit: String,
    pub target: Option<f64>,
    pub status: Option<String>,
    pub trend: Option<String>,
    pub used: usize,
    pub of: usize,
    pub parts: Vec<(String, f64)>,
    pub inputs: Vec<String>,
    pub missing: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservationOut {
    pub region_code: String,
    pub indicator: String,
    pub year: i32,
    pub value: f64,
    pub unit: String,
    pub source_url: String,
    pub source_kind: String,
    pub note: Option<String>,
    /// A publication's edition and table, the cell and the copy read (schema 3).
    #[serde(flatten)]
    pub cite: CiteOut,
    /// Shown by the report (see [`Listed::Shown`]), not only read by its metrics.
    #[serde(skip)]
    pub shown: bool,
}

fn region_ref(ds: &Dataset, r: RegionId) -> RegionRef {
    let g = ds.regions.get(r);
    RegionRef { code: g.code.clone(), name_zh: g.name_zh.clone(), name_en: g.name_en.clone() }
}

fn metric_out(ds: &Dataset, m: &Metric) -> MetricOut {
    MetricOut {
        id: m.key(ds),
        indicator: m.indicator.map(|i| ds.catalog.get(i).id.clone()),
        group: m.group().map(|g| ds.regions.group_at(g).tag.clone()),
        value: m.value,
        unit: m.unit.key().to_string(),
        target: m.target(),
        status: m.status().map(|s| s.key().to_string()),
        trend: m.trend().map(|t| t.key().to_string()),
        used: m.used,
        of: m.of,
        parts: m.parts(ds),
        inputs: m.input_labels(ds),
        missing: m.missing_labels(ds),
        note: m.note(ds),
    }
}

fn group_out(g: &crate::model::Group) -> GroupOut {
    GroupOut {
        tag: g.tag.clone(),
        mark_zh: g.mark_zh.clone(),
        mark_en: g.mark_en.clone(),
        name_zh: g.name_zh.clone(),
        name_en: g.name_en.clone(),
        source_url: g.source_url.clone(),
    }
}

/// Builds the report of a request: the metrics of its last year, the region's indicators in
/// every year, one area or all six; sentences in the request's language.
pub fn build(ds: &Dataset, req: &Request, generated_at: &str) -> ExportReport {
    build_with(ds, req, generated_at, Listed::Read)
}

/// As [`build`], listing the stored values `listed` says.
pub fn build_with(ds: &Dataset, req: &Request, generated_at: &str, listed: Listed) -> ExportReport {
    let (region, year, only, lang) = (req.region, req.year(), req.area, req.lang);
    let g = ds.regions.get(region);
    let chain = ds.regions.ancestry(region);
    let areas: Vec<Area> = match only {
        Some(a) => vec![a],
        None => Area::SIX.to_vec(),
    };
    let mut used_indicators: BTreeSet<IndicatorId> = BTreeSet::new();
    let mut areas_out = Vec::new();
    let mut headlines = Vec::new();
    for a in &areas {
        let r = area_report(ds, region, year, *a);
        if let Some(h) = r.headline().or(r.rows.first()) {
            headlines.push(h.indicator);
        }
        let indicators = r
            .rows
            .iter()
            .map(|row| {
                let def = ds.catalog.get(row.indicator);
                used_indicators.insert(row.indicator);
                let cell = ds.get(region, row.indicator, year);
                let (formula, input_sources) = match &row.resolved {
                    Resolved::Computed { inputs, .. } => {
                        (def.formula.as_ref().map(|f| f.to_string()), SourceOut::of_inputs(ds, inputs))
                    }
                    _ => (None, Vec::new()),
                };
                IndicatorOut {
                    id: def.id.clone(),
                    name_zh: def.name_zh.clone(),
                    name_en: def.name_en.clone(),
                    unit: def.unit.key().to_string(),
                    value_kind: value_kind(&row.resolved).into(),
                    value: row.value(),
                    target: row.applicable_target.map(|(t, _)| t),
                    target_year: row.applicable_target.map(|(_, y)| y),
                    target_source_url: row.target.as_ref().map(|t| t.source_url.clone()),
                    gap: row.target.as_ref().map(|t| t.gap),
                    gap_pct: row.target.as_ref().map(|t| t.gap_pct),
                    status: row.status().map(|s| s.key().to_string()),
                    trend: row.trend.kind.key().to_string(),
                    trend_text: lang.trend_sentence(&row.trend),
                    pace_per_year: row.trend.pace,
                    rank: row.rank.as_ref().map(|r| r.rank),
                    rank_of: row.rank.as_ref().map(|r| r.of),
                    rank_previous: row.rank.as_ref().and_then(|r| r.previous),
                    source_url: cell.map(|c| c.source.url.clone()),
                    source_kind: cell.map(|c| c.source.kind.key().to_string()),
                    cite: cell.map(|c| CiteOut::of(c.source)).unwrap_or_default(),
                    note: cell.and_then(|c| c.note.map(str::to_string)),
                    series_break: ds.break_between(region, row.indicator, i32::MIN, year).map(BreakOut::of),
                    formula,
                    input_sources,
                }
            })
            .collect();
        areas_out.push(AreaOut {
            id: a.key().into(),
            name_zh: Lang::Zh.area(*a).into(),
            name_en: Lang::En.area(*a).into(),
            indicators,
            metrics: r.metrics.iter().map(|m| metric_out(ds, m)).collect(),
        });
    }
    // What the rows' formulas read, their inputs' inputs included, and the weights.
    let mut used_indicators: BTreeSet<IndicatorId> = ds.catalog.with_inputs(used_indicators).into_iter().collect();
    used_indicators.extend(ds.catalog.with_role(Role::Weight));
    // The children's table: the areas' headlines, then every other indicator of the areas that
    // at least one child has a value of (the workbook and the JSON show them all; the readable
    // formats the headlines).
    let mut columns: Vec<(IndicatorId, bool)> = headlines.iter().map(|i| (*i, true)).collect();
    let children = ds.regions.children(region);
    for a in &areas {
        for i in ds.catalog.in_area_for(*a, false) {
            if !columns.iter().any(|(c, _)| *c == i) && children.iter().any(|c| ds.resolve_value(*c, i, year).is_some())
            {
                columns.push((i, false));
            }
        }
    }
    let (children_indicators, children_table, mut groups) = children_table(ds, region, year, &columns);
    // And the groups the metrics compare.
    for tag in areas_out.iter().flat_map(|a| &a.metrics).filter_map(|m| m.group.as_ref()) {
        if !groups.iter().any(|g| &g.tag == tag) {
            groups.extend(ds.regions.group(tag).map(group_out));
        }
    }
    // The regions the metrics read: the region, its siblings (ranks), children and all regions
    // below it (dispersion), for every year up to the chosen one (trends).
    let mut regions: BTreeSet<RegionId> = BTreeSet::new();
    regions.insert(region);
    regions.extend(ds.regions.siblings(region).iter().copied());
    regions.extend(ds.regions.descendants(region));
    let read = |r: RegionId, i: IndicatorId, y: i32| y <= year && regions.contains(&r) && used_indicators.contains(&i);
    // What the report shows: the region's indicators in its years, the children's table.
    let children: BTreeSet<RegionId> = ds.regions.children(region).iter().copied().collect();
    let child_indicators = ds.catalog.with_inputs(columns.iter().map(|(i, _)| *i));
    let shown = |r: RegionId, i: IndicatorId, y: i32| {
        (r == region && req.years.contains(&y) && used_indicators.contains(&i))
            || (y == year && children.contains(&r) && child_indicators.contains(&i))
    };
    let mut observations_unlisted = 0;
    let observations = match listed {
        Listed::Nothing => Vec::new(),
        Listed::Read | Listed::Shown => ds
            .observations()
            .filter(|(r, i, y, _)| read(*r, *i, *y))
            .map(|(r, i, y, c)| (r, i, y, c, shown(r, i, y)))
            .filter(|(.., is_shown)| {
                let keep = listed == Listed::Read || *is_shown;
                observations_unlisted += usize::from(!keep);
                keep
            })
            .map(|(r, i, y, c, is_shown)| ObservationOut {
                region_code: ds.regions.get(r).code.clone(),
                indicator: ds.catalog.get(i).id.clone(),
                year: y,
                value: c.value,
                unit: ds.catalog.get(i).unit.key().to_string(),
                source_url: c.source.url.clone(),
                source_kind: c.source.kind.key().into(),
                note: c.note.map(str::to_string),
                cite: CiteOut::of(c.source),
                shown: is_shown,
            })
            .collect(),
    };
    ExportReport {
        format: EXPORT_FORMAT.into(),
        schema_version: EXPORT_SCHEMA_VERSION,
        generated_at: generated_at.into(),
        cpdash_version: env!("CARGO_PKG_VERSION").into(),
        trend_window: ds.trend_window,
        dataset: DatasetInfo {
            id: ds.meta.id.clone(),
            title: ds.meta.title.clone(),
            title_en: ds.meta.title_en.clone(),
            as_of: ds.meta.as_of.format("%Y-%m-%d").to_string(),
            provenance: ds.meta.provenance.clone(),
        },
        region: RegionInfo {
            code: g.code.clone(),
            name_zh: g.name_zh.clone(),
            name_en: g.name_en.clone(),
            name_pinyin: g.name_pinyin.clone(),
            level: g.level.clone(),
            kind: g.kind.clone(),
            tags: g.tags.clone(),
            parents: chain[..chain.len() - 1].iter().map(|r| region_ref(ds, *r)).collect(),
        },
        year,
        year_from: *req.years.start(),
        by_year: req.years.clone().map(|y| year_out(ds, region, y, &areas)).collect(),
        children: ds.regions.children(region).iter().map(|r| region_ref(ds, *r)).collect(),
        lang: lang.code().into(),
        areas: areas_out,
        children_indicators,
        children_table,
        groups,
        observations,
        observations_unlisted,
    }
}

/// The region's indicators of `areas` in `year`.
fn year_out(ds: &Dataset, region: RegionId, year: i32, areas: &[Area]) -> YearOut {
    let indicators = areas
        .iter()
        .flat_map(|a| area_rows(ds, region, year, *a).rows)
        .map(|row| YearIndicatorOut {
            id: ds.catalog.get(row.indicator).id.clone(),
            value: row.value(),
            value_kind: value_kind(&row.resolved).into(),
            status: row.status().map(|s| s.key().to_string()),
            gap_pct: row.target.as_ref().map(|t| t.gap_pct),
            rank: row.rank.as_ref().map(|r| r.rank),
            rank_of: row.rank.as_ref().map(|r| r.of),
        })
        .collect();
    YearOut { year, indicators }
}

impl ExportReport {
    /// How many of the values shown (each area's indicators in the report's year) stand on each
    /// kind of source, most official first; kinds without a value left out.
    pub fn kinds_shown(&self) -> Vec<(SourceKind, usize)> {
        let kinds: Vec<SourceKind> = self
            .areas
            .iter()
            .flat_map(|a| &a.indicators)
            .filter_map(|i| i.source_kind.as_deref().and_then(SourceKind::parse))
            .collect();
        SOURCE_KINDS
            .iter()
            .map(|(k, _)| (*k, kinds.iter().filter(|x| *x == k).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The stored values the report shows ([`Listed::Shown`]), and how many more its metrics read.
    pub fn shown_observations(&self) -> (Vec<&ObservationOut>, usize) {
        let shown: Vec<&ObservationOut> = self.observations.iter().filter(|o| o.shown).collect();
        let unlisted = self.observations_unlisted + self.observations.len() - shown.len();
        (shown, unlisted)
    }

    /// A child's group marks (山岛), in the language given.
    pub fn marks(&self, c: &ChildRowOut, lang: Lang) -> String {
        c.groups
            .iter()
            .filter_map(|t| self.groups.iter().find(|g| g.tag == *t))
            .map(|g| lang.of(&g.mark_zh, &g.mark_en))
            .collect()
    }
}

/// `observed`, `computed` or `missing`.
fn value_kind(r: &Resolved) -> &'static str {
    match r {
        Resolved::Observed { .. } => "observed",
        Resolved::Computed { .. } => "computed",
        Resolved::Missing { .. } => "missing",
    }
}

/// The children's values of the headline indicators, with their groups.
fn children_table(
    ds: &Dataset,
    region: RegionId,
    year: i32,
    columns: &[(IndicatorId, bool)],
) -> (Vec<ChildIndicatorOut>, Vec<ChildRowOut>, Vec<GroupOut>) {
    let children = ds.regions.children(region);
    if children.is_empty() {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let indicators: Vec<ChildIndicatorOut> = columns
        .iter()
        .map(|(i, headline)| {
            let d = ds.catalog.get(*i);
            let target = ds.regions.children(region).first().and_then(|c| applicable_target(ds, *i, *c));
            ChildIndicatorOut {
                id: d.id.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                unit: d.unit.key().into(),
                target: target.map(|(t, _)| t),
                headline: *headline,
                brief: d.has_role(Role::Brief),
            }
        })
        .collect();
    let columns: Vec<Vec<(RegionId, IndicatorRow)>> =
        columns.iter().map(|(i, _)| children_rows(ds, region, *i, year)).collect();
    let mut tags: BTreeSet<String> = BTreeSet::new();
    let rows = children
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let g = ds.regions.get(*c);
            let groups: Vec<String> = ds.regions.groups_of(*c, year).map(|gr| gr.tag.clone()).collect();
            tags.extend(groups.iter().cloned());
            ChildRowOut {
                code: g.code.clone(),
                name_zh: g.name_zh.clone(),
                name_en: g.name_en.clone(),
                groups,
                cells: columns
                    .iter()
                    .map(|col| {
                        let row = &col[k].1;
                        ChildCellOut {
                            value: row.value(),
                            value_kind: value_kind(&row.resolved).into(),
                            status: row.status().map(|s| s.key().to_string()),
                            gap_pct: row.target.as_ref().map(|t| t.gap_pct),
                            rank: row.rank.as_ref().map(|r| r.rank),
                            rank_of: row.rank.as_ref().map(|r| r.of),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let groups = ds.regions.groups().iter().filter(|g| tags.contains(&g.tag)).map(group_out).collect();
    (indicators, rows, groups)
}
