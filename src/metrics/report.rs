//! Everything cpdash says about one region, year and area, as data.
//!
//! Metrics are typed values ([`super::metric`], where their exported ids are listed). Every
//! dispersion says how many regions it used (`used` of `of`); weighted ones use only the regions
//! that also have a resident population for the year. Nothing missing counts as zero.

use super::dispersion::{self, Point};
use super::metric::{Detail, Extremes, Metric, MetricId, Over, Sample, TheilSplit};
use super::rank::ranks;
use super::status::{gap, red_threshold, status, Status};
use super::trend::{trend_over, Trend};
use std::sync::Arc;

use crate::model::dataset::{Input, Resolved};
use crate::model::formula::Formula;
use crate::model::group::GroupIx;
use crate::model::indicator::{Area, Role, TargetScope};
use crate::model::{Dataset, IndicatorId, RegionId, Unit};

/// Distance of a value to its official target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGap {
    pub target: f64,
    pub year: i32,
    pub source_url: String,
    /// Still to go, in the indicator's unit (≤ 0 when met).
    pub gap: f64,
    pub gap_pct: f64,
    pub red: f64,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankInfo {
    pub rank: usize,
    pub of: usize,
    pub previous: Option<usize>,
}

/// One indicator of an area for the region and year.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub indicator: IndicatorId,
    pub resolved: Resolved,
    /// The target, when the indicator has one that applies to this region.
    pub applicable_target: Option<(f64, i32)>,
    /// Distance to it, when there is also a value.
    pub target: Option<TargetGap>,
    pub trend: Trend,
    pub rank: Option<RankInfo>,
    /// Every year of the data set, for sparklines.
    pub series: Vec<(i32, Option<f64>)>,
    /// The year of the row.
    pub year: i32,
    /// When the year has no value: the latest earlier one, for display only (marked as older,
    /// never used in the year's metrics).
    pub stale: Option<(i32, f64)>,
    /// The year of the latest series break at or before the row's year: the trend starts there.
    pub basis_from: Option<i32>,
}

impl IndicatorRow {
    pub fn value(&self) -> Option<f64> {
        self.resolved.value()
    }

    pub fn status(&self) -> Option<Status> {
        self.target.as_ref().map(|t| t.status)
    }

    /// The change against the year before, when both years have a value.
    /// The change on the year before; none across a series break (the first year on a new basis
    /// is not comparable with the one before).
    pub fn change(&self) -> Option<f64> {
        if self.basis_from == Some(self.year) {
            return None;
        }
        let at = |y: i32| self.series.iter().find(|(sy, _)| *sy == y).and_then(|(_, v)| *v);
        Some(at(self.year)? - at(self.year - 1)?)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaReport {
    pub area: Area,
    pub region: RegionId,
    pub year: i32,
    pub rows: Vec<IndicatorRow>,
    pub metrics: Vec<Metric>,
}

impl AreaReport {
    /// The metric with this id (and indicator, for per-indicator metrics).
    pub fn metric(&self, id: MetricId, indicator: Option<IndicatorId>) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id && (indicator.is_none() || m.indicator == indicator))
    }

    pub fn row(&self, indicator: IndicatorId) -> Option<&IndicatorRow> {
        self.rows.iter().find(|r| r.indicator == indicator)
    }

    /// How many of the area's indicators have a value.
    pub fn with_data(&self) -> usize {
        self.rows.iter().filter(|r| r.value().is_some()).count()
    }

    /// The row to headline in an overview: the first with a value and a target, else the first
    /// with a value.
    pub fn headline(&self) -> Option<&IndicatorRow> {
        self.rows
            .iter()
            .find(|r| r.value().is_some() && r.target.is_some())
            .or_else(|| self.rows.iter().find(|r| r.value().is_some()))
    }
}

/// Whether a region is a top of the tree (the province): provincial statistics exist for it only.
pub fn is_top(ds: &Dataset, region: RegionId) -> bool {
    ds.regions.parent(region).is_none()
}

/// The target of an indicator, if it applies to the region.
pub fn applicable_target(ds: &Dataset, ind: IndicatorId, region: RegionId) -> Option<(f64, i32)> {
    let t = ds.catalog.get(ind).target.as_ref()?;
    match t.scope {
        TargetScope::Top if ds.regions.parent(region).is_some() => None,
        _ => Some((t.value, t.year)),
    }
}

/// The indicator row: value, target gap, trend, rank and series.
pub fn indicator_row(ds: &Dataset, region: RegionId, ind: IndicatorId, year: i32) -> IndicatorRow {
    let rank = rank_among_siblings(ds, region, ind, year).map(|(rank, of)| RankInfo {
        rank,
        of,
        previous: rank_among_siblings(ds, region, ind, year - 1).map(|(r, _)| r),
    });
    row_with_rank(ds, region, ind, year, rank)
}

/// The rows of all children of `parent`, with their ranks computed once for the whole set
/// (rather than once per child, which is quadratic in the number of children).
pub fn children_rows(ds: &Dataset, parent: RegionId, ind: IndicatorId, year: i32) -> Vec<(RegionId, IndicatorRow)> {
    rows_among(ds, ds.regions.children(parent), ind, year)
}

/// The rows of `regions`, ranked among themselves (this year and the year before).
pub fn rows_among(ds: &Dataset, regions: &[RegionId], ind: IndicatorId, year: i32) -> Vec<(RegionId, IndicatorRow)> {
    let dir = ds.catalog.get(ind).direction;
    let ranks_in = |y: i32| {
        let values: Vec<Option<f64>> = regions.iter().map(|c| ds.resolve_value(*c, ind, y)).collect();
        let n = values.iter().flatten().count();
        (ranks(&values, dir), n)
    };
    let (now, n) = ranks_in(year);
    let (before, _) = ranks_in(year - 1);
    regions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rank = now[i].map(|rank| RankInfo { rank, of: n, previous: before[i] });
            (*c, row_with_rank(ds, *c, ind, year, rank))
        })
        .collect()
}

fn row_with_rank(ds: &Dataset, region: RegionId, ind: IndicatorId, year: i32, rank: Option<RankInfo>) -> IndicatorRow {
    let series: Vec<(i32, Option<f64>)> = ds.years().map(|y| (y, ds.resolve_value(region, ind, y))).collect();
    row_from_series(ds, region, ind, year, rank, series)
}

/// The rows of `regions` in every year of `years`, ranked among themselves each year, each
/// region's series read once (what `cpdash metrics` lists, a year after another).
pub fn rows_among_years(
    ds: &Dataset,
    regions: &[RegionId],
    ind: IndicatorId,
    years: std::ops::RangeInclusive<i32>,
) -> Vec<(i32, Vec<(RegionId, IndicatorRow)>)> {
    let first = *ds.years().start();
    let series: Vec<Vec<(i32, Option<f64>)>> =
        regions.iter().map(|r| ds.years().map(|y| (y, ds.resolve_value(*r, ind, y))).collect()).collect();
    let value_at = |k: usize, y: i32| usize::try_from(y - first).ok().and_then(|i| series[k].get(i)).and_then(|p| p.1);
    let dir = ds.catalog.get(ind).direction;
    let ranks_in = |y: i32| {
        let values: Vec<Option<f64>> = (0..regions.len()).map(|k| value_at(k, y)).collect();
        let n = values.iter().flatten().count();
        (ranks(&values, dir), n)
    };
    years
        .map(|year| {
            let (now, n) = ranks_in(year);
            let (before, _) = ranks_in(year - 1);
            let rows = regions
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    let rank = now[k].map(|rank| RankInfo { rank, of: n, previous: before[k] });
                    (*r, row_from_series(ds, *r, ind, year, rank, series[k].clone()))
                })
                .collect();
            (year, rows)
        })
        .collect()
}

/// The row of a region whose series over every year is known.
fn row_from_series(
    ds: &Dataset,
    region: RegionId,
    ind: IndicatorId,
    year: i32,
    rank: Option<RankInfo>,
    series: Vec<(i32, Option<f64>)>,
) -> IndicatorRow {
    let def = ds.catalog.get(ind);
    let resolved = ds.resolve(region, ind, year);
    let applicable = applicable_target(ds, ind, region);
    let target = match (resolved.value(), applicable, &def.target) {
        (Some(v), Some((t, ty)), Some(tdef)) => {
            let red = red_threshold(def, t);
            let (g, pct) = gap(v, t, def.direction);
            Some(TargetGap {
                target: t,
                year: ty,
                source_url: tdef.source_url.clone(),
                gap: g,
                gap_pct: pct,
                red,
                status: status(v, t, red, def.direction),
            })
        }
        _ => None,
    };
    let up_to: Vec<(i32, f64)> =
        series.iter().filter(|(y, _)| *y <= year).filter_map(|(y, v)| v.map(|v| (*y, v))).collect();
    // A trend never runs across a series break: it starts at the latest one.
    let basis_from = ds.basis_start(region, ind, year);
    let from = basis_from.unwrap_or(i32::MIN);
    let first = up_to.partition_point(|(y, _)| *y < from);
    let trend = trend_over(&up_to[first..], def, applicable, ds.trend_window);
    let stale = match resolved.value() {
        Some(_) => None,
        None => up_to.last().copied(),
    };
    IndicatorRow {
        indicator: ind,
        resolved,
        applicable_target: applicable,
        target,
        trend,
        rank,
        series,
        year,
        stale,
        basis_from,
    }
}

/// (rank, number ranked) of a region among its siblings; `None` for a root or without a value.
pub fn rank_among_siblings(ds: &Dataset, region: RegionId, ind: IndicatorId, year: i32) -> Option<(usize, usize)> {
    ds.regions.parent(region)?;
    let siblings = ds.regions.siblings(region);
    let values: Vec<Option<f64>> = siblings.iter().map(|r| ds.resolve_value(*r, ind, year)).collect();
    let r = ranks(&values, ds.catalog.get(ind).direction);
    let pos = siblings.iter().position(|s| *s == region)?;
    Some((r[pos]?, values.iter().flatten().count()))
}

/// A dispersion needs two regions with data, unless there is only one region to compare.
const MIN_SAMPLE: usize = 2;

fn enough(used: usize, of: usize) -> bool {
    used >= MIN_SAMPLE || (of == 1 && used == 1)
}

fn sample(ds: &Dataset, members: &[RegionId], indicator: IndicatorId, year: i32) -> Sample {
    let weight = ds.catalog.role(Role::Weight);
    let mut s = Sample {
        indicator,
        year,
        values: Vec::new(),
        weights: Vec::new(),
        missing_values: Vec::new(),
        missing_weights: Vec::new(),
        of: members.len(),
    };
    for &r in members {
        let Some(v) = ds.resolve_value(r, indicator, year) else {
            s.missing_values.push(r);
            continue;
        };
        s.values.push((r, v));
        match weight.and_then(|w| ds.value(r, w, year)) {
            Some(w) => s.weights.push((r, w)),
            None => s.missing_weights.push(r),
        }
    }
    s
}

impl Sample {
    fn plain(&self) -> Vec<f64> {
        self.values.iter().map(|(_, v)| *v).collect()
    }

    /// Weighted points, in the order of `weights` (a subsequence of `values`).
    fn points(&self) -> Vec<Point> {
        let mut vi = self.values.iter();
        self.weights.iter().filter_map(|(r, w)| vi.find(|(vr, _)| vr == r).map(|(_, v)| Point::new(*v, *w))).collect()
    }
}

/// A metric over a shared sample; its value only when enough regions were used.
fn sample_metric(id: MetricId, s: &Arc<Sample>, weighted: bool, value: Option<f64>, detail: Detail) -> Metric {
    let used = if weighted { s.weights.len() } else { s.values.len() };
    Metric {
        id,
        indicator: Some(s.indicator),
        value: value.filter(|_| enough(used, s.of)),
        unit: id.unit(),
        used,
        of: s.of,
        detail,
    }
}

/// Theil T over a sample, split by `groups` (one per weighted region) where at least two groups
/// have members.
fn theil_metric(id: MetricId, s: &Arc<Sample>, points: &[Point], groups: &[usize]) -> Metric {
    let parts = dispersion::theil_decomposed(points, groups).filter(|_| enough(s.weights.len(), s.of));
    let two = groups.iter().any(|g| Some(g) != groups.first());
    let split = parts.as_ref().filter(|_| two).map(|p| TheilSplit { between: p.between, within: p.within });
    sample_metric(id, s, true, parts.map(|p| p.total), Detail::Theil { sample: Arc::clone(s), split })
}

/// The groups that split `members` in `year`: applying that year, with members on both sides.
fn splitting_groups(ds: &Dataset, members: &[RegionId], year: i32) -> Vec<(GroupIx, String)> {
    ds.regions
        .groups_indexed()
        .filter(|(_, g)| g.applies_in(year))
        .filter(|(_, g)| {
            let inside = members.iter().filter(|r| ds.regions.get(**r).has_tag(&g.tag)).count();
            inside > 0 && inside < members.len()
        })
        .map(|(ix, g)| (ix, g.tag.clone()))
        .collect()
}

/// One flag per weighted region of the sample: in the group or not.
fn in_group(ds: &Dataset, s: &Sample, tag: &str) -> Vec<usize> {
    s.weights.iter().map(|(r, _)| usize::from(ds.regions.get(*r).has_tag(tag))).collect()
}

/// Dispersion metrics of an indicator across `members`: the region's children, or with `leaves`
/// all lowest-level regions under it; Theil is also split by every group that divides them.
fn dispersion_metrics(
    ds: &Dataset,
    region: RegionId,
    members: &[RegionId],
    s: &Arc<Sample>,
    leaves: bool,
) -> Vec<Metric> {
    let (ind, year) = (s.indicator, s.year);
    let plain = s.plain();
    let points = s.points();
    let over = if leaves { Over::Leaves } else { Over::Children };
    let x = dispersion::max_min(&plain).filter(|_| enough(s.values.len(), s.of));
    // The official ceiling on the cities' max/min applies to the province's cities, and only to a
    // ratio over all of them: a partial max/min is not the published statistic.
    let all_cities = !leaves && ds.regions.parent(region).is_none() && s.values.len() == s.of;
    let ceiling = x.filter(|_| all_cities).and_then(|x| {
        let id = &ds.catalog.get(ind).id;
        let (_, d) = ds
            .catalog
            .iter()
            .find(|(_, d)| matches!(&d.formula, Some(Formula::MaxMin { indicator, .. }) if indicator == id))?;
        let t = d.target.as_ref()?;
        Some((t.value, status(x.ratio, t.value, red_threshold(d, t.value), d.direction)))
    });
    let detail = Detail::MaxMin {
        sample: Arc::clone(s),
        extremes: x.map(|x| Extremes { max: (s.values[x.max_at].0, x.max), min: (s.values[x.min_at].0, x.min) }),
        target: ceiling.map(|c| c.0),
        status: ceiling.map(|c| c.1),
    };
    let mm = sample_metric(MetricId::MaxMinRatio(over), s, false, x.map(|x| x.ratio), detail);
    let spread = |id: MetricId, weighted: bool, v: Option<f64>| {
        sample_metric(id, s, weighted, v, Detail::Spread { sample: Arc::clone(s), weighted })
    };
    let mut out = vec![
        mm,
        spread(MetricId::Cv(over), false, dispersion::cv(&plain)),
        spread(MetricId::CvWeighted(over), true, dispersion::weighted_cv(&points)),
        spread(MetricId::Gini(over), true, dispersion::gini(&points)),
    ];
    if leaves {
        // Group each leaf by the child of `region` it lies under.
        let depth = ds.regions.get(region).depth;
        let by_child: Vec<usize> = s
            .weights
            .iter()
            .map(|(r, _)| ds.regions.ancestor_at_depth(*r, depth + 1).map_or(0, |c| c.index()))
            .collect();
        out.push(theil_metric(MetricId::Theil(over), s, &points, &by_child));
    } else {
        out.push(theil_metric(MetricId::Theil(over), s, &points, &vec![0; points.len()]));
    }
    for (g, tag) in splitting_groups(ds, members, year) {
        out.push(theil_metric(MetricId::TheilGroup(over, g), s, &points, &in_group(ds, s, &tag)));
    }
    out
}

/// Population-weighted mean of a group's leaves over that of the other leaves; each side needs
/// two counties with a value and a population.
fn group_rest_ratio(ds: &Dataset, s: &Arc<Sample>, points: &[Point], group: GroupIx) -> Metric {
    let tag = &ds.regions.group_at(group).tag;
    let (mut a, mut b): (Vec<Point>, Vec<Point>) = (Vec::new(), Vec::new());
    for ((r, _), p) in s.weights.iter().zip(points.iter().copied()) {
        if ds.regions.get(*r).has_tag(tag) {
            a.push(p)
        } else {
            b.push(p)
        }
    }
    let mean = |pts: &[Point]| {
        let w: f64 = pts.iter().map(|p| p.weight).sum();
        (pts.len() >= MIN_SAMPLE && w > 0.0).then(|| pts.iter().map(|p| p.value * p.weight).sum::<f64>() / w)
    };
    let means = mean(&a).zip(mean(&b));
    let detail = Detail::GroupRest { sample: Arc::clone(s), members: a.len(), rest: b.len(), means };
    sample_metric(MetricId::GroupRestRatio(group), s, true, means.map(|(x, y)| x / y), detail)
}

fn row_metric(ds: &Dataset, region: RegionId, year: i32, row: &IndicatorRow) -> Metric {
    let def = ds.catalog.get(row.indicator);
    let (used, of, computed, inputs, missing) = match &row.resolved {
        Resolved::Observed { value, .. } => {
            (1, 1, false, vec![Input { region, indicator: row.indicator, year, value: Some(*value) }], Vec::new())
        }
        Resolved::Computed { inputs, .. } => {
            (inputs.iter().filter(|i| i.value.is_some()).count(), inputs.len(), true, inputs.clone(), Vec::new())
        }
        Resolved::Missing { missing } => (0, missing.len().max(1), false, Vec::new(), missing.clone()),
    };
    Metric {
        id: MetricId::Value,
        indicator: Some(row.indicator),
        value: row.value(),
        unit: def.unit,
        used,
        of,
        detail: Detail::Value {
            target: row.applicable_target.map(|(t, _)| t),
            status: row.status(),
            trend: row.trend.kind,
            computed,
            inputs,
            missing,
        },
    }
}

/// The report of one area for a region and year: every indicator with its value, target,
/// trend and rank, and each indicator's dispersion across the children and the counties.
pub fn area_report(ds: &Dataset, region: RegionId, year: i32, area: Area) -> AreaReport {
    let mut report = area_rows(ds, region, year, area);
    let extra: Vec<Metric> =
        report.rows.iter().flat_map(|row| indicator_dispersion(ds, region, year, area, row.indicator)).collect();
    report.metrics.extend(extra);
    report
}

/// As [`area_report`] without the dispersion metrics, which the dashboard computes only for the
/// indicator on screen ([`indicator_dispersion`]).
pub fn area_rows(ds: &Dataset, region: RegionId, year: i32, area: Area) -> AreaReport {
    let rows: Vec<IndicatorRow> =
        ds.catalog.in_area_for(area, is_top(ds, region)).iter().map(|i| indicator_row(ds, region, *i, year)).collect();
    let mut metrics = Vec::new();
    for row in &rows {
        metrics.push(row_metric(ds, region, year, row));
        if let Some(rank) = &row.rank {
            metrics.push(Metric {
                id: MetricId::Rank,
                indicator: Some(row.indicator),
                value: Some(rank.rank as f64),
                unit: Unit::Rank,
                used: rank.rank,
                of: rank.of,
                detail: Detail::Rank { previous: rank.previous },
            });
        }
    }
    AreaReport { area, region, year, rows, metrics }
}

/// Whether regions are compared for inequality on the indicator: not a total (GDP, population,
/// counts: regions of different size), not itself a dispersion or a group mean.
pub fn has_dispersion(def: &crate::model::Indicator) -> bool {
    !def.unit.is_total() && !def.formula.as_ref().is_some_and(Formula::is_aggregate)
}

/// The dispersion metrics of an indicator across `parent`'s children only (max/min, CV, weighted
/// CV, Gini, Theil and its split by each group), as `cpdash metrics --table dispersion` lists.
pub fn children_dispersion(ds: &Dataset, parent: RegionId, ind: IndicatorId, year: i32) -> Vec<Metric> {
    let children = ds.regions.children(parent);
    dispersion_metrics(ds, parent, children, &Arc::new(sample(ds, children, ind, year)), false)
}

/// The numbers of [`children_dispersion`] alone, for the millions of rows of `cpdash metrics`:
/// the same sample and formulas, without a [`Metric`] and its words per group (a test checks
/// both agree on every parent, indicator and year of the bundled data).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChildrenNumbers {
    /// Children with a value, of all children.
    pub n: usize,
    pub of: usize,
    pub max: Option<(f64, RegionId)>,
    pub min: Option<(f64, RegionId)>,
    pub max_min: Option<f64>,
    pub cv: Option<f64>,
    pub cv_weighted: Option<f64>,
    pub gini: Option<f64>,
    pub theil: Option<f64>,
    /// Theil's part between each group of the data set (in order) and the rest, where both have
    /// members with a value.
    pub theil_between: Vec<Option<f64>>,
}

pub fn children_numbers(ds: &Dataset, parent: RegionId, ind: IndicatorId, year: i32) -> ChildrenNumbers {
    let members = ds.regions.children(parent);
    let s = sample(ds, members, ind, year);
    let plain = s.plain();
    let points = s.points();
    let (plain_ok, weighted_ok) = (enough(s.values.len(), s.of), enough(s.weights.len(), s.of));
    let x = dispersion::max_min(&plain).filter(|_| plain_ok);
    let splitting = splitting_groups(ds, members, year);
    let theil_between = ds
        .regions
        .groups_indexed()
        .map(|(g, _)| {
            let (_, tag) = splitting.iter().find(|(sg, _)| *sg == g)?;
            let flags = in_group(ds, &s, tag);
            let split = flags.iter().any(|f| Some(f) != flags.first());
            dispersion::theil_decomposed(&points, &flags).filter(|_| weighted_ok && split).map(|t| t.between)
        })
        .collect();
    ChildrenNumbers {
        n: s.values.len(),
        of: s.of,
        max: x.map(|x| (x.max, s.values[x.max_at].0)),
        min: x.map(|x| (x.min, s.values[x.min_at].0)),
        max_min: x.map(|x| x.ratio),
        cv: dispersion::cv(&plain).filter(|_| plain_ok),
        cv_weighted: dispersion::weighted_cv(&points).filter(|_| weighted_ok),
        gini: dispersion::gini(&points).filter(|_| weighted_ok),
        theil: dispersion::theil_decomposed(&points, &vec![0; points.len()]).filter(|_| weighted_ok).map(|t| t.total),
        theil_between,
    }
}

/// The dispersion metrics of one indicator: across the region's children, across all counties
/// below it, and each group against the rest (incomes). Empty for totals (GDP, population,
/// counts: regions of different size are not compared for inequality) and for indicators that
/// are themselves a dispersion or a group mean.
pub fn indicator_dispersion(ds: &Dataset, region: RegionId, year: i32, area: Area, ind: IndicatorId) -> Vec<Metric> {
    let def = ds.catalog.get(ind);
    let children = ds.regions.children(region);
    if children.is_empty() || !has_dispersion(def) {
        return Vec::new();
    }
    let over_children = Arc::new(sample(ds, children, ind, year));
    let mut metrics = dispersion_metrics(ds, region, children, &over_children, false);
    let leaves = ds.regions.leaves_under(region);
    // The counties' sample, taken once: the children's when they are the counties.
    let over_leaves = if leaves.len() > children.len() {
        let s = Arc::new(sample(ds, &leaves, ind, year));
        metrics.extend(dispersion_metrics(ds, region, &leaves, &s, true));
        s
    } else {
        over_children
    };
    if matches!(area, Area::Income | Area::UrbanRural | Area::Regional) && def.unit == Unit::Yuan {
        let points = over_leaves.points();
        for (g, _) in splitting_groups(ds, &leaves, year) {
            metrics.push(group_rest_ratio(ds, &over_leaves, &points, g));
        }
    }
    metrics
}
