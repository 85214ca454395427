//! Distance to target, in the four levels of the SDG dashboards of the Sustainable Development
//! Report (SDSN): achieved, challenges remain, significant challenges, major challenges.
//!
//! Thresholds, applied with the indicator's direction:
//! - green: the official target (a floor when higher is better, a ceiling when lower is better);
//! - red: the catalog's `red_threshold` where given; otherwise the default rule, 20% short of the
//!   target (`0.8 × target` when higher is better, `1.2 × target` when lower is better);
//! - between green and red, the midpoint separates "challenges remain" (nearer the target) from
//!   "significant challenges"; at or beyond red, "major challenges".

use crate::model::indicator::{Direction, Indicator};

/// How far the default red threshold lies from the target, as a share of the target.
pub const DEFAULT_RED_DISTANCE: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Achieved,
    ChallengesRemain,
    SignificantChallenges,
    MajorChallenges,
}

impl Status {
    pub const ALL: [Status; 4] =
        [Status::Achieved, Status::ChallengesRemain, Status::SignificantChallenges, Status::MajorChallenges];

    /// A symbol that reads without colour: the fuller the circle, the nearer the target.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "●",
            Status::ChallengesRemain => "◕",
            Status::SignificantChallenges => "◑",
            Status::MajorChallenges => "○",
        }
    }

    /// The status a key names (reports carry keys).
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::ChallengesRemain => "challenges_remain",
            Status::SignificantChallenges => "significant_challenges",
            Status::MajorChallenges => "major_challenges",
        }
    }
}

/// The red threshold of an indicator with a target: the catalog's, else the default rule.
pub fn red_threshold(ind: &Indicator, target: f64) -> f64 {
    ind.red_threshold.unwrap_or(match ind.direction {
        Direction::HigherBetter => target * (1.0 - DEFAULT_RED_DISTANCE),
        Direction::LowerBetter => target * (1.0 + DEFAULT_RED_DISTANCE),
    })
}

/// Status of `value` against a green threshold `target` and a red threshold `red`.
pub fn status(value: f64, target: f64, red: f64, direction: Direction) -> Status {
    let s = direction.sign();
    // Work in "goodness": larger is better for both directions.
    let (v, g, r) = (value * s, target * s, red * s);
    if v >= g {
        Status::Achieved
    } else if v <= r {
        Status::MajorChallenges
    } else if v >= (g + r) / 2.0 {
        Status::ChallengesRemain
    } else {
        Status::SignificantChallenges
    }
}

/// Gap to target: how much is still to go, in the indicator's unit (positive = short of the
/// target, zero or negative = met), and as % of the target.
pub fn gap(value: f64, target: f64, direction: Direction) -> (f64, f64) {
    let g = (target - value) * direction.sign();
    (g, if target != 0.0 { 100.0 * g / target.abs() } else { f64::NAN })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;

    #[test]
    fn four_levels_with_direction() {
        // Income target 75000, default red 60000, midpoint 67500.
        assert_eq!(status(75_000.0, 75_000.0, 60_000.0, HigherBetter), Status::Achieved);
        assert_eq!(status(67_500.0, 75_000.0, 60_000.0, HigherBetter), Status::ChallengesRemain);
        assert_eq!(status(67_013.0, 75_000.0, 60_000.0, HigherBetter), Status::SignificantChallenges);
        assert_eq!(status(57_541.0, 75_000.0, 60_000.0, HigherBetter), Status::MajorChallenges);
        // Urban/rural ratio ceiling 1.9, default red 2.28, midpoint 2.09.
        assert_eq!(status(1.86, 1.9, 2.28, LowerBetter), Status::Achieved);
        assert_eq!(status(1.94, 1.9, 2.28, LowerBetter), Status::ChallengesRemain);
        assert_eq!(status(2.2, 1.9, 2.28, LowerBetter), Status::SignificantChallenges);
        assert_eq!(status(2.3, 1.9, 2.28, LowerBetter), Status::MajorChallenges);
    }

    #[test]
    fn gap_is_signed_by_direction() {
        // 63830 vs 75000: 11170 short = 14.893% of target.
        let (g, p) = gap(63_830.0, 75_000.0, HigherBetter);
        assert_eq!(g, 11_170.0);
        assert!((p - 14.893_333).abs() < 1e-5);
        // 1.86 vs ceiling 1.9: met by 0.04 → gap -0.04.
        let (g, _) = gap(1.86, 1.9, LowerBetter);
        assert!((g + 0.04).abs() < 1e-12);
    }
}
