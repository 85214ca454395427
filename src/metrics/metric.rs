//! A metric as a small typed value: what it is ([`MetricId`]), its value and coverage, and a
//! [`Detail`] that holds what that kind of metric was computed from. Nothing is read back by a
//! string key; the exported names of the parts ([`Metric::parts`]) are made here, once.
//!
//! Exported ids ([`Metric::key`]), stable (exports and scripts rely on them):
//!
//! | id | what | `parts` |
//! |---|---|---|
//! | `<indicator id>` | the indicator's value (observed, or computed for derived ones such as `urban_rural_income_ratio`), with target, gap, status and trend | |
//! | `rank` | rank among the region's siblings (1 = best) | `previous` |
//! | `children_max_min_ratio` | max / min across the region's children; the two regions in `note` | `max`, `min` |
//! | `children_cv` | unweighted coefficient of variation across the children | |
//! | `children_cv_weighted` | population-weighted CV | |
//! | `children_gini` | population-weighted Gini | |
//! | `children_theil` | population-weighted Theil T | |
//! | `children_theil_<group>` | the same, split between the children in a group and the rest | `between`, `within` |
//! | `leaves_max_min_ratio`, `leaves_cv`, …, `leaves_theil_<group>` | the same over all lowest-level regions under the region (the 90 counties of the province) | |
//! | `leaves_theil` | Theil T over those, split by the region's children (between-city / within-city) | `between`, `within` |
//! | `<group>_rest_ratio` | population-weighted mean of a group's counties / that of the other counties | `<group>_n`, `rest_n`, `<group>`, `rest` |
//!
//! `<group>` is a group's tag (`mountain26`); a group counts in the years it applies to.

use std::sync::Arc;

use super::status::Status;
use super::trend::TrendKind;
use crate::model::dataset::Input;
use crate::model::group::GroupIx;
use crate::model::{Dataset, IndicatorId, RegionId, Role, Unit};

/// Which regions a dispersion is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Over {
    /// The region's children.
    Children,
    /// Every lowest-level region under the region (the counties of the province).
    Leaves,
}

impl Over {
    fn prefix(self) -> &'static str {
        match self {
            Over::Children => "children",
            Over::Leaves => "leaves",
        }
    }
}

/// What a metric is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetricId {
    /// The indicator's own value (its id is the indicator's).
    Value,
    Rank,
    MaxMinRatio(Over),
    Cv(Over),
    CvWeighted(Over),
    Gini(Over),
    /// Theil T; over the leaves split by the region's children.
    Theil(Over),
    /// Theil T split between a group's members and the rest.
    TheilGroup(Over, GroupIx),
    /// Population-weighted mean of a group's leaves over that of the other leaves.
    GroupRestRatio(GroupIx),
}

impl MetricId {
    /// The unit of the metric's value (a value metric takes its indicator's).
    pub fn unit(self) -> Unit {
        match self {
            MetricId::Theil(_) | MetricId::TheilGroup(..) => Unit::Index,
            MetricId::Rank => Unit::Rank,
            _ => Unit::Ratio,
        }
    }
}

/// A max/min's two ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremes {
    pub max: (RegionId, f64),
    pub min: (RegionId, f64),
}

/// Theil T's two parts: between the groups and within them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TheilSplit {
    pub between: f64,
    pub within: f64,
}

/// What a metric was computed from, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// An indicator's value: observed (one input) or computed from `inputs`.
    Value {
        target: Option<f64>,
        status: Option<Status>,
        trend: TrendKind,
        computed: bool,
        inputs: Vec<Input>,
        /// Inputs it lacked.
        missing: Vec<Input>,
    },
    Rank {
        previous: Option<usize>,
    },
    /// Max/min: its ends, and the official ceiling where it applies (all the province's cities).
    MaxMin {
        sample: Arc<Sample>,
        extremes: Option<Extremes>,
        target: Option<f64>,
        status: Option<Status>,
    },
    /// CV, weighted CV, Gini.
    Spread {
        sample: Arc<Sample>,
        weighted: bool,
    },
    /// Theil T; the split only where at least two groups have members (with one, "between" is 0
    /// by construction and says nothing).
    Theil {
        sample: Arc<Sample>,
        split: Option<TheilSplit>,
    },
    /// A group against the rest: members and others counted, and both means when each side has
    /// enough regions.
    GroupRest {
        sample: Arc<Sample>,
        members: usize,
        rest: usize,
        means: Option<(f64, f64)>,
    },
}

/// A metric value with what it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub id: MetricId,
    pub indicator: Option<IndicatorId>,
    pub value: Option<f64>,
    pub unit: Unit,
    /// Regions (or inputs) used, of how many.
    pub used: usize,
    pub of: usize,
    pub detail: Detail,
}

/// The values (and population weights) of an indicator across a set of regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub indicator: IndicatorId,
    pub year: i32,
    /// Regions with a value.
    pub values: Vec<(RegionId, f64)>,
    /// Regions with a value and a weight (the weight).
    pub weights: Vec<(RegionId, f64)>,
    /// Regions without a value.
    pub missing_values: Vec<RegionId>,
    /// Regions with a value but no weight.
    pub missing_weights: Vec<RegionId>,
    pub of: usize,
}

impl Metric {
    /// The stable id of exports (see the module's table).
    pub fn key(&self, ds: &Dataset) -> String {
        let tag = |g: GroupIx| ds.regions.group_at(g).tag.as_str();
        let over = |o: Over, name: &str| format!("{}_{name}", o.prefix());
        match self.id {
            MetricId::Value => self.indicator.map(|i| ds.catalog.get(i).id.clone()).unwrap_or_default(),
            MetricId::Rank => "rank".into(),
            MetricId::MaxMinRatio(o) => over(o, "max_min_ratio"),
            MetricId::Cv(o) => over(o, "cv"),
            MetricId::CvWeighted(o) => over(o, "cv_weighted"),
            MetricId::Gini(o) => over(o, "gini"),
            MetricId::Theil(o) => over(o, "theil"),
            MetricId::TheilGroup(o, g) => over(o, &format!("theil_{}", tag(g))),
            MetricId::GroupRestRatio(g) => format!("{}_rest_ratio", tag(g)),
        }
    }

    /// The group a group metric compares.
    pub fn group(&self) -> Option<GroupIx> {
        match self.id {
            MetricId::TheilGroup(_, g) | MetricId::GroupRestRatio(g) => Some(g),
            _ => None,
        }
    }

    /// The official target the value is measured against.
    pub fn target(&self) -> Option<f64> {
        match &self.detail {
            Detail::Value { target, .. } | Detail::MaxMin { target, .. } => *target,
            _ => None,
        }
    }

    pub fn status(&self) -> Option<Status> {
        match &self.detail {
            Detail::Value { status, .. } | Detail::MaxMin { status, .. } => *status,
            _ => None,
        }
    }

    pub fn trend(&self) -> Option<TrendKind> {
        match &self.detail {
            Detail::Value { trend, .. } => Some(*trend),
            _ => None,
        }
    }

    pub fn extremes(&self) -> Option<Extremes> {
        match &self.detail {
            Detail::MaxMin { extremes, .. } => *extremes,
            _ => None,
        }
    }

    /// Theil's split, where one is given.
    pub fn theil_split(&self) -> Option<TheilSplit> {
        match &self.detail {
            Detail::Theil { split, .. } => *split,
            _ => None,
        }
    }

    fn sample(&self) -> Option<&Sample> {
        match &self.detail {
            Detail::MaxMin { sample, .. }
            | Detail::Theil { sample, .. }
            | Detail::GroupRest { sample, .. }
            | Detail::Spread { sample, .. } => Some(sample),
            _ => None,
        }
    }

    /// Whether the metric uses the sample's population weights.
    pub fn weighted(&self) -> bool {
        match &self.detail {
            Detail::Spread { weighted, .. } => *weighted,
            Detail::Theil { .. } | Detail::GroupRest { .. } => true,
            _ => false,
        }
    }

    /// The numbers behind the value as exported, named (see the module's table).
    pub fn parts(&self, ds: &Dataset) -> Vec<(String, f64)> {
        match (&self.detail, self.id) {
            (Detail::Rank { previous: Some(p) }, _) => vec![("previous".into(), *p as f64)],
            (Detail::MaxMin { extremes: Some(x), .. }, _) if self.value.is_some() => {
                vec![("max".into(), x.max.1), ("min".into(), x.min.1)]
            }
            (Detail::Theil { split: Some(s), .. }, _) if self.value.is_some() => {
                vec![("between".into(), s.between), ("within".into(), s.within)]
            }
            (Detail::GroupRest { members, rest, means, .. }, MetricId::GroupRestRatio(g)) => {
                let tag = &ds.regions.group_at(g).tag;
                let mut out = vec![(format!("{tag}_n"), *members as f64), ("rest_n".into(), *rest as f64)];
                if let Some((a, b)) = means {
                    out.extend([(tag.clone(), *a), ("rest".into(), *b)]);
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// A word on the metric as exported: the max/min's two regions, what a Theil is split by,
    /// "computed" for a computed value.
    pub fn note(&self, ds: &Dataset) -> String {
        match (&self.detail, self.id) {
            (Detail::Value { computed: true, .. }, _) => "computed".into(),
            (Detail::MaxMin { extremes: Some(x), .. }, _) if self.value.is_some() => {
                format!("{} / {}", ds.regions.get(x.max.0).name_zh, ds.regions.get(x.min.0).name_zh)
            }
            (_, MetricId::Theil(Over::Leaves)) => "children".into(),
            (_, MetricId::TheilGroup(_, g)) => ds.regions.group_at(g).tag.clone(),
            _ => String::new(),
        }
    }

    /// Inputs as `indicator@region/year = value`.
    pub fn input_labels(&self, ds: &Dataset) -> Vec<String> {
        let label = |i: IndicatorId, r: RegionId, y: i32, v: f64| format!("{} = {v}", input_label(ds, i, r, y));
        match (&self.detail, self.sample()) {
            (Detail::Value { inputs, .. }, _) => {
                inputs.iter().filter_map(|i| i.value.map(|v| label(i.indicator, i.region, i.year, v))).collect()
            }
            (_, Some(s)) => {
                let mut out: Vec<String> = s.values.iter().map(|(r, v)| label(s.indicator, *r, s.year, *v)).collect();
                if let (true, Some(w)) = (self.weighted(), ds.catalog.role(Role::Weight)) {
                    out.extend(s.weights.iter().map(|(r, v)| label(w, *r, s.year, *v)));
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Missing inputs as `indicator@region/year`.
    pub fn missing_labels(&self, ds: &Dataset) -> Vec<String> {
        match (&self.detail, self.sample()) {
            (Detail::Value { missing, .. }, _) => {
                missing.iter().map(|i| input_label(ds, i.indicator, i.region, i.year)).collect()
            }
            (_, Some(s)) => {
                let mut out: Vec<String> =
                    s.missing_values.iter().map(|r| input_label(ds, s.indicator, *r, s.year)).collect();
                if let (true, Some(w)) = (self.weighted(), ds.catalog.role(Role::Weight)) {
                    out.extend(s.missing_weights.iter().map(|r| input_label(ds, w, *r, s.year)));
                }
                out
            }
            _ => Vec::new(),
        }
    }
}

fn input_label(ds: &Dataset, ind: IndicatorId, region: RegionId, year: i32) -> String {
    format!("{}@{}/{year}", ds.catalog.get(ind).id, ds.regions.get(region).code)
}
