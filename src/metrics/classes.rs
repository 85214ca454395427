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
    let k = sorted.len().clamp(1, 5);
    // Quantile k groups of (nearly) equal size over the sorted values.
    let bounds: Vec<(f64, f64)> = (0..k)
        .filter_map(|q| {
            let lo = q * sorted.len() / k;
            let hi = ((q + 1) * sorted.len() / k).max(lo + 1).min(sorted.len());
            (lo < sorted.len()).then(|| (sorted[lo], sorted[hi - 1]))
        })
        .collect();
    let class_of = values
        .iter()
        .map(|v| {
            v.map(|v| {
                let ascending = bounds.iter().position(|(_, hi)| v <= *hi).unwrap_or(bounds.len() - 1);
                // Class 0 is the worst: the lowest values when higher is better.
                match def.direction {
                    crate::model::Direction::HigherBetter => ascending,
                    crate::model::Direction::LowerBetter => bounds.len() - 1 - ascending,
                }
            })
        })
        .collect();
    Classes { n_classes: bounds.len(), scheme: Scheme::Quantiles { ranges: bounds }, class_of, with_data }
}
