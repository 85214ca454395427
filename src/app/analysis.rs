//! What the analyst panes show, computed from the data set and the navigation: the selected
//! indicator over the years for the focus and the pinned regions ([`TimeView`]), whether the gap
//! between regions is closing ([`ConvergenceView`]), and each group against the rest
//! ([`GroupPanel`]). Pure computations; the [`super::ViewCache`] keeps them between frames.

use crate::metrics::convergence::{self, Beta, GroupVsRest, Sigma};
use crate::metrics::report::applicable_target;
use crate::model::{Dataset, IndicatorId, RegionId};

/// One region's values over every year of the data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub region: RegionId,
    pub points: Vec<(i32, Option<f64>)>,
}

/// The selected indicator over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeView {
    pub indicator: IndicatorId,
    /// The focus first, then the pinned regions.
    pub series: Vec<Series>,
    /// The index view's stretches, oldest first: (first year, base year). A series break starts a
    /// new stretch, set to 100 at its first year in which every series has a value, so that no
    /// index compares figures on two bases; a stretch without such a year has no index.
    pub stretches: Vec<(i32, Option<i32>)>,
    /// The target that applies to the focus: (value, year).
    pub target: Option<(f64, i32)>,
}

impl TimeView {
    pub fn new(ds: &Dataset, focus: RegionId, pins: &[RegionId], ind: IndicatorId) -> TimeView {
        let mut regions = vec![focus];
        regions.extend(pins.iter().copied().filter(|p| *p != focus));
        let series: Vec<Series> = regions
            .iter()
            .map(|r| Series { region: *r, points: ds.years().map(|y| (y, ds.resolve_value(*r, ind, y))).collect() })
            .collect();
        let (first, last) = (*ds.years().start(), *ds.years().end());
        let mut starts: Vec<i32> = regions
            .iter()
            .flat_map(|r| ds.breaks_between(*r, ind, first, last))
            .map(|b| b.year)
            .chain([first])
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let common =
            |y: i32| series.iter().all(|s| s.points.iter().any(|(py, v)| *py == y && v.is_some_and(|v| v != 0.0)));
        let stretches = starts
            .iter()
            .enumerate()
            .map(|(i, &from)| {
                let to = starts.get(i + 1).map_or(last, |next| next - 1);
                (from, (from..=to).find(|y| common(*y)))
            })
            .collect();
        TimeView { indicator: ind, series, stretches, target: applicable_target(ds, ind, focus) }
    }

    /// The base of the latest stretch: what the index view's title names.
    pub fn base(&self) -> Option<i32> {
        self.stretches.last().and_then(|s| s.1)
    }

    /// The years where the index restarts at 100 (the breaks between stretches).
    pub fn rebased_at(&self) -> Vec<i32> {
        self.stretches.iter().skip(1).map(|s| s.0).collect()
    }

    /// A series as drawn: the values, or each as an index of its value in its stretch's base year.
    pub fn shown(&self, s: &Series, index: bool) -> Vec<(i32, Option<f64>)> {
        if !index {
            return s.points.clone();
        }
        let value_in = |y: i32| s.points.iter().find(|(py, _)| *py == y).and_then(|(_, v)| *v);
        let base_of = |y: i32| {
            let stretch = self.stretches.iter().rev().find(|(from, _)| *from <= y)?;
            value_in(stretch.1?)
        };
        s.points.iter().map(|(y, v)| (*y, base_of(*y).and_then(|b| v.map(|v| v / b * 100.0)))).collect()
    }

    /// Years with a value in some series: the chart's span.
    pub fn span(&self) -> Option<(i32, i32)> {
        let years = self.series.iter().flat_map(|s| s.points.iter().filter(|p| p.1.is_some()).map(|p| p.0));
        let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        (lo <= hi).then_some((lo, hi))
    }
}

/// Whether the gap between a set of regions is closing.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvergenceView {
    pub indicator: IndicatorId,
    /// The regions compared (the listed ones, or every county).
    pub members: Vec<RegionId>,
    pub sigma: Vec<Sigma>,
    /// Up to the year on screen.
    pub beta: Option<Beta>,
    /// The group splitting Theil (its tag), when one has members on both sides.
    pub group: Option<String>,
    /// Series breaks inside the years compared: (year, members with it, reason zh, reason en).
    pub breaks: Vec<(i32, usize, String, String)>,
}

impl ConvergenceView {
    pub fn new(
        ds: &Dataset,
        members: Vec<RegionId>,
        ind: IndicatorId,
        year: i32,
        group: Option<String>,
    ) -> ConvergenceView {
        let tree = &ds.regions;
        let group = group.filter(|g| {
            let inside = members.iter().filter(|r| tree.get(**r).has_tag(g)).count();
            inside > 0 && inside < members.len()
        });
        let in_group = |r: RegionId| group.as_ref().is_some_and(|g| tree.get(r).has_tag(g));
        let sigma = convergence::sigma(ds, &members, ind, &in_group);
        let beta = convergence::beta(ds, &members, ind, year);
        let first = *ds.years().start();
        let mut breaks: Vec<(i32, usize, String, String)> = Vec::new();
        // Every break in the years compared, not only the latest: σ across each compares unlike figures.
        for b in members.iter().flat_map(|r| ds.breaks_between(*r, ind, first, year)) {
            match breaks.iter_mut().find(|x| x.0 == b.year && *x.2 == *b.reason_zh) {
                Some(x) => x.1 += 1,
                None => breaks.push((b.year, 1, b.reason_zh.to_string(), b.reason_en.to_string())),
            }
        }
        breaks.sort_by_key(|b| b.0);
        ConvergenceView { indicator: ind, members, sigma, beta, group, breaks }
    }

    /// The years with a spread to show (at least two regions with values).
    pub fn sigma_shown(&self) -> impl Iterator<Item = &Sigma> {
        self.sigma.iter().filter(|s| s.cv.is_some())
    }
}

/// A group against the rest of the counties under the focus.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPanel {
    pub tag: String,
    pub vs: GroupVsRest,
    /// The focus's own value (the province's), for the ratios.
    pub whole: Option<f64>,
    /// Per year where at least half the group has a value: the group's weighted (else simple)
    /// mean over the focus's value (a year with a few members would say little of the group).
    pub ratio: Vec<(i32, f64)>,
    /// A catalog indicator that computes the same ratio (`group_mean(x, tag, w) / x`), its value
    /// this year, and the published figure for it: (value, source) with the relative difference.
    pub computed: Option<(IndicatorId, Option<f64>)>,
    pub published: Option<(f64, String)>,
}

/// Differences between a computed and a published figure above this share are flagged.
pub const PUBLISHED_TOLERANCE: f64 = 0.01;

impl GroupPanel {
    /// One panel per group that applies in `year` and has members among the leaves under `focus`.
    pub fn all(ds: &Dataset, focus: RegionId, ind: IndicatorId, year: i32) -> Vec<GroupPanel> {
        let tree = &ds.regions;
        let members = tree.leaves_under(focus);
        tree.groups()
            .iter()
            .filter(|g| g.applies_in(year) && members.iter().any(|r| tree.get(*r).has_tag(&g.tag)))
            .map(|g| {
                let in_group = |r: RegionId| tree.get(r).has_tag(&g.tag);
                let vs = convergence::group_vs_rest(ds, &members, &in_group, ind, year);
                // A total: the group's share of the focus (every member summed); otherwise the
                // weighted (else simple) mean over the focus's value, where the mean is covered.
                let total = ds.catalog.get(ind).unit.is_total();
                let ratio = ds
                    .years()
                    .filter(|y| g.applies_in(*y))
                    .filter_map(|y| {
                        let v = convergence::group_vs_rest(ds, &members, &in_group, ind, y);
                        let part = if total { v.sum? } else { v.weighted.or(v.mean).filter(|_| v.covered())? };
                        let whole = ds.resolve_value(focus, ind, y)?;
                        Some((y, part / whole))
                    })
                    .collect();
                let computed = ds.catalog.iter().find_map(|(id, d)| {
                    let (x, tag) = d.formula.as_ref()?.group_ratio()?;
                    (x == ds.catalog.get(ind).id && tag == g.tag).then_some(id)
                });
                let published =
                    computed.and_then(|c| ds.published(focus, c, year)).map(|p| (p.value, p.source_url.clone()));
                GroupPanel {
                    tag: g.tag.clone(),
                    vs,
                    whole: ds.resolve_value(focus, ind, year),
                    ratio,
                    computed: computed.map(|c| (c, ds.resolve_value(focus, c, year))),
                    published,
                }
            })
            .collect()
    }

    /// The computed figure's difference from the published one, as a share of the published one.
    pub fn published_difference(&self) -> Option<f64> {
        let computed = self.computed.and_then(|c| c.1)?;
        let (published, _) = self.published.as_ref()?;
        (*published != 0.0).then(|| (computed - published) / published)
    }
}
