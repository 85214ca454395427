//! Inequality across a set of regions: max/min ratio, coefficient of variation, Gini and Theil.
//!
//! Definitions (n regions with values `y_i > 0` and weights `p_i`, usually resident population;
//! `P = Σ p_i`, weighted mean `μ = Σ p_i y_i / P`):
//! - max/min ratio: `max y / min y`, naming both regions (first in order on a tie);
//! - CV: population standard deviation over the mean, `sqrt(Σ (y_i − ȳ)² / n) / ȳ`; the weighted
//!   CV uses the weights throughout: `sqrt(Σ p_i (y_i − μ)² / P) / μ`;
//! - Gini: `Σ_i Σ_j p_i p_j |y_i − y_j| / (2 P² μ)`, computed in O(n log n) after sorting;
//! - Theil T: `Σ_i (p_i y_i / (P μ)) ln(y_i / μ)`; split by groups `g` into
//!   `between = Σ_g S_g ln(μ_g / μ)` and `within = Σ_g S_g T_g`, where `S_g` is the group's share
//!   of the total `Σ p y`, `μ_g` its weighted mean and `T_g` its own Theil T.
//!
//! All are scale-invariant; Gini lies in [0, 1); with equal weights the weighted forms give the
//! unweighted ones. Values must be positive: a zero or negative value yields `None`.

/// A region's value with its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub value: f64,
    pub weight: f64,
}

impl Point {
    pub fn new(value: f64, weight: f64) -> Point {
        Point { value, weight }
    }
}

/// Positions of the largest and smallest values and their ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxMin {
    pub max_at: usize,
    pub min_at: usize,
    pub max: f64,
    pub min: f64,
    pub ratio: f64,
}

fn valid(values: impl IntoIterator<Item = f64>) -> bool {
    let mut any = false;
    for v in values {
        if !(v.is_finite() && v > 0.0) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a spread over `used` of `of` regions says something of them all: at least half of
/// them, and at least two (README, "How the gap metrics are measured").
pub fn enough(used: usize, of: usize) -> bool {
    used * 2 >= of && used >= 2
}

pub fn max_min(values: &[f64]) -> Option<MaxMin> {
    if !valid(values.iter().copied()) {
        return None;
    }
    let (mut max_at, mut min_at) = (0, 0);
    for (i, v) in values.iter().enumerate() {
        if *v > values[max_at] {
            max_at = i;
        }
        if *v < values[min_at] {
            min_at = i;
        }
    }
    let (max, min) = (values[max_at], values[min_at]);
    Some(MaxMin { max_at, min_at, max, min, ratio: max / min })
}

fn weighted_mean(points: &[Point]) -> Option<f64> {
    let p: f64 = points.iter().map(|x| x.weight).sum();
    (p > 0.0).then(|| points.iter().map(|x| x.weight * x.value).sum::<f64>() / p)
}

fn valid_points(points: &[Point]) -> bool {
    valid(points.iter().map(|p| p.value)) && points.iter().all(|p| p.weight.is_finite() && p.weight > 0.0)
}

/// Unweighted coefficient of variation (population standard deviation / mean).
pub fn cv(values: &[f64]) -> Option<f64> {
    let points: Vec<Point> = values.iter().map(|v| Point::new(*v, 1.0)).collect();
    weighted_cv(&points)
}

/// Weighted coefficient of variation.
pub fn weighted_cv(points: &[Point]) -> Option<f64> {
    if !valid_points(points) {
        return None;
    }
    let mu = weighted_mean(points)?;
    let p: f64 = points.iter().map(|x| x.weight).sum();
    let var = points.iter().map(|x| x.weight * (x.value - mu).powi(2)).sum::<f64>() / p;
    Some(var.sqrt() / mu)
}

/// Weighted Gini coefficient.
pub fn gini(points: &[Point]) -> Option<f64> {
    if !valid_points(points) {
        return None;
    }
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.value.total_cmp(&b.value));
    let total_p: f64 = sorted.iter().map(|x| x.weight).sum();
    let mu = weighted_mean(&sorted)?;
    // Σ_i Σ_j p_i p_j |y_i − y_j| = 2 Σ_i p_i y_i (2 C_i − p_i − P), C_i = cumulative weight to i.
    let mut cum = 0.0;
    let mut sum = 0.0;
    for x in &sorted {
        cum += x.weight;
        sum += x.weight * x.value * (2.0 * cum - x.weight - total_p);
    }
    Some((sum / (total_p * total_p * mu)).max(0.0))
}

/// Weighted Theil T index.
pub fn theil(points: &[Point]) -> Option<f64> {
    if !valid_points(points) {
        return None;
    }
    let mu = weighted_mean(points)?;
    let total: f64 = points.iter().map(|x| x.weight * x.value).sum();
    Some(points.iter().map(|x| (x.weight * x.value / total) * (x.value / mu).ln()).sum::<f64>().max(0.0))
}

/// One group's part of a Theil decomposition.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPart {
    pub group: usize,
    pub n: usize,
    /// Share of the total `Σ p y`.
    pub share: f64,
    /// Weighted mean of the group.
    pub mean: f64,
    /// The group's own Theil T.
    pub theil: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TheilParts {
    pub total: f64,
    pub between: f64,
    pub within: f64,
    pub groups: Vec<GroupPart>,
}

/// Theil T split into between-group and within-group parts; `groups[i]` is the group of
/// `points[i]`. Groups are reported in order of first appearance. Linear in the number of points.
pub fn theil_decomposed(points: &[Point], groups: &[usize]) -> Option<TheilParts> {
    if points.len() != groups.len() || !valid_points(points) {
        return None;
    }
    let total_t = theil(points)?;
    let mu = weighted_mean(points)?;
    let grand: f64 = points.iter().map(|x| x.weight * x.value).sum();
    // Dense slots for the groups, in order of first appearance (group ids are small indices).
    let mut slot_of = vec![usize::MAX; groups.iter().max().map_or(0, |m| m + 1)];
    let mut parts: Vec<GroupPart> = Vec::new();
    let mut sums: Vec<(f64, f64)> = Vec::new(); // (Σ p, Σ p y)
    let slots: Vec<usize> = groups
        .iter()
        .map(|g| {
            if slot_of[*g] == usize::MAX {
                slot_of[*g] = parts.len();
                parts.push(GroupPart { group: *g, n: 0, share: 0.0, mean: 0.0, theil: 0.0 });
                sums.push((0.0, 0.0));
            }
            slot_of[*g]
        })
        .collect();
    for (p, s) in points.iter().zip(&slots) {
        parts[*s].n += 1;
        sums[*s].0 += p.weight;
        sums[*s].1 += p.weight * p.value;
    }
    for (part, (w, wy)) in parts.iter_mut().zip(&sums) {
        part.mean = wy / w;
        part.share = wy / grand;
    }
    for (p, s) in points.iter().zip(&slots) {
        let part = &mut parts[*s];
        part.theil += (p.weight * p.value / sums[*s].1) * (p.value / part.mean).ln();
    }
    let (mut between, mut within) = (0.0, 0.0);
    for part in &mut parts {
        part.theil = part.theil.max(0.0);
        between += part.share * (part.mean / mu).ln();
        within += part.share * part.theil;
    }
    Some(TheilParts { total: total_t, between, within, groups: parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn max_min_names_positions_and_handles_ties() {
        let m = max_min(&[40.0, 60.0, 30.0, 60.0]).unwrap();
        // 60 / 30 = 2; the first 60 (position 1) is named.
        assert_eq!((m.max_at, m.min_at, m.ratio), (1, 2, 2.0));
        assert_eq!(max_min(&[5.0]).unwrap().ratio, 1.0);
        assert_eq!(max_min(&[]), None);
        assert_eq!(max_min(&[3.0, 0.0]), None);
    }

    #[test]
    fn cv_unweighted_and_weighted_by_hand() {
        // 2, 4, 6: mean 4, variance (4+0+4)/3 = 8/3, sd 1.632993, CV 0.408248.
        assert!(close(cv(&[2.0, 4.0, 6.0]).unwrap(), (8.0f64 / 3.0).sqrt() / 4.0));
        // Weights 1, 1, 2: μ = (2+4+12)/4 = 4.5; var = (6.25 + 0.25 + 2×2.25)/4 = 11/4;
        // CV = sqrt(2.75)/4.5 = 0.368514.
        let w = [Point::new(2.0, 1.0), Point::new(4.0, 1.0), Point::new(6.0, 2.0)];
        assert!(close(weighted_cv(&w).unwrap(), 2.75f64.sqrt() / 4.5));
        assert_eq!(cv(&[7.0]).unwrap(), 0.0);
    }

    #[test]
    fn gini_by_hand() {
        // Unweighted 1, 2, 3: Σ|yi−yj| over ordered pairs = 2(1+2+1) = 8; 2 n² μ = 2·9·2 = 36;
        // G = 8/36 = 0.2222.
        let u = [Point::new(1.0, 1.0), Point::new(2.0, 1.0), Point::new(3.0, 1.0)];
        assert!(close(gini(&u).unwrap(), 8.0 / 36.0));
        // Weighted: y = 1 (p 3), y = 5 (p 1): P = 4, μ = 8/4 = 2; Σ p_i p_j |Δ| = 2·3·1·4 = 24;
        // G = 24 / (2·16·2) = 0.375.
        let w = [Point::new(5.0, 1.0), Point::new(1.0, 3.0)];
        assert!(close(gini(&w).unwrap(), 0.375));
        // Equal values and a single region: 0.
        assert_eq!(gini(&[Point::new(4.0, 2.0), Point::new(4.0, 9.0)]).unwrap(), 0.0);
        assert_eq!(gini(&[Point::new(4.0, 2.0)]).unwrap(), 0.0);
    }

    #[test]
    fn theil_and_its_decomposition_by_hand() {
        // y = 1, 3 with weights 1, 1: μ = 2; shares 1/4, 3/4;
        // T = 0.25 ln(0.5) + 0.75 ln(1.5) = −0.173287 + 0.304099 = 0.130812.
        let two = [Point::new(1.0, 1.0), Point::new(3.0, 1.0)];
        let t = theil(&two).unwrap();
        assert!(close(t, 0.25 * 0.5f64.ln() + 0.75 * 1.5f64.ln()));
        // Groups {1, 3} and {2 (weight 2)}: μ = (1+3+4)/4 = 2; group A mean 2, share 4/8, T_A = t;
        // group B mean 2, share 4/8, T_B = 0. between = 0, within = 0.5 t; total = 0.5 t.
        let pts = [Point::new(1.0, 1.0), Point::new(3.0, 1.0), Point::new(2.0, 2.0)];
        let parts = theil_decomposed(&pts, &[0, 0, 1]).unwrap();
        assert!(close(parts.between, 0.0));
        assert!(close(parts.within, 0.5 * t));
        assert!(close(parts.total, parts.between + parts.within));
        // Groups {1}, {3}: all inequality is between groups.
        let parts = theil_decomposed(&two, &[0, 1]).unwrap();
        assert!(close(parts.within, 0.0) && close(parts.between, t));
    }
}
