//! Map classes: each region's value of an indicator put in one of a few ordered classes, by
//! distance to the official target where one applies to all the regions shown, else by quantiles
//! (quintiles when there are enough regions with data). Class 0 is the worst, the last the best,
//! by the indicator's direction; regions without data have no class.

use super::report::applicable_target;
use super::status::{red_threshold, status, Status};
use crate::model::{Dataset, IndicatorId, RegionId};

#[derive(Debug, Clone, PartialEq)]
pub enum Scheme {
    /// Classes are the four statuses, worst first.
    Status { target: f64 },
    /// Classes split the sorted values at these upper bounds (ascending by value).
    Quantiles { ranges: Vec<(f64, f64)> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    pub scheme: Scheme,
    /// Per region (same order as given): its class.
    pub class_of: Vec<Option<usize>>,
    pub n_classes: usize,
    pub with_data: usize,
}

/// Status classes, worst first.
pub const STATUS_CLASSES: [Status; 4] =
    [Status::MajorChallenges, Status::SignificantChallenges, Status::ChallengesRemain, Status::Achieved];

pub fn classify(ds: &Dataset, regions: &[RegionId], ind: IndicatorId, year: i32) -> Classes {
    let def = ds.catalog.get(ind);
    let values: Vec<Option<f64>> = regions.iter().map(|r| ds.resolve_value(*r, ind, year)).collect();
    let with_data = values.iter().flatten().count();
    let target = regions.first().and_then(|r| applicable_target(ds, ind, *r)).map(|(t, _)| t);
    if let Some(t) = target {
        let red = red_threshold(def, t);
        let class_of = values
            .iter()
            .map(|v| v.map(|v| STATUS_CLASSES.iter().position(|s| *s == status(v, t, red, def.direction)).unwrap_or(0)))
            .collect();
        return Classes { scheme: Scheme::Status { target: t }, class_of, n_classes: 4, with_data };
    }
    let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    // No more classes than distinct values: two values make two classes, never five.
    let mut distinct = sorted.clone();
    distinct.dedup();
    let k = distinct.len().clamp(1, 5);
    // Quantile k groups of (nearly) equal size over the sorted values.
    let bounds: Vec<(f64, f64)> = (0..k)
        .filter_map(|q| {
            let lo = q * sorted.len() / k;
            let hi = ((q + 1) * sorted.len() / k).max(lo + 1).min(sorted.len());
            (lo < sorted.len()).then(|| (sorted[lo], sorted[hi - 1]))
        })
        .collect();
    // Each value in the first class whose upper bound it does not pass; then each class's range
    // is what its values span, and a class left empty (ties at a boundary) is dropped, so that
    // no range is claimed that no region has.
    let ascending: Vec<Option<usize>> = values
        .iter()
        .map(|v| v.map(|v| bounds.iter().position(|(_, hi)| v <= *hi).unwrap_or(bounds.len() - 1)))
        .collect();
    let mut spans: Vec<Option<(f64, f64)>> = vec![None; bounds.len()];
    for (v, c) in values.iter().zip(&ascending) {
        if let (Some(v), Some(c)) = (v, c) {
            let s = spans[*c].get_or_insert((*v, *v));
            *s = (s.0.min(*v), s.1.max(*v));
        }
    }
    let kept: Vec<usize> = (0..spans.len()).filter(|c| spans[*c].is_some()).collect();
    let ranges: Vec<(f64, f64)> = kept.iter().filter_map(|c| spans[*c]).collect();
    let n = ranges.len();
    let class_of = ascending
        .iter()
        .map(|c| {
            c.and_then(|c| kept.iter().position(|k| *k == c)).map(|a| {
                // Class 0 is the worst: the lowest values when higher is better.
                match def.direction {
                    crate::model::Direction::HigherBetter => a,
                    crate::model::Direction::LowerBetter => n - 1 - a,
                }
            })
        })
        .collect();
    Classes { n_classes: n, scheme: Scheme::Quantiles { ranges }, class_of, with_data }
}
