//! The indicator catalog: what is measured, in which area, in which unit, and the official
//! target where one exists.

use std::collections::HashMap;

use super::formula::Formula;
use super::unit::Unit;

/// Index of an indicator in its [`Catalog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorId(pub u16);

impl IndicatorId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The six exploration areas of the demonstration zone, plus context indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    Regional,
    UrbanRural,
    Income,
    PublicServices,
    Culture,
    BasicUnits,
    Context,
}

impl Area {
    /// The six areas in the order of the framework (keys 1–6 in the dashboard).
    pub const SIX: [Area; 6] =
        [Area::Regional, Area::UrbanRural, Area::Income, Area::PublicServices, Area::Culture, Area::BasicUnits];

    pub fn key(self) -> &'static str {
        match self {
            Area::Regional => "regional",
            Area::UrbanRural => "urban_rural",
            Area::Income => "income",
            Area::PublicServices => "public_services",
            Area::Culture => "culture",
            Area::BasicUnits => "basic_units",
            Area::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Option<Area> {
        [Area::Context].into_iter().chain(Area::SIX).find(|a| a.key() == s)
    }

    /// 1-based number of the area (0 for context).
    pub fn number(self) -> usize {
        Area::SIX.iter().position(|a| *a == self).map_or(0, |p| p + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherBetter,
    LowerBetter,
}

impl Direction {
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "higher_better" => Some(Direction::HigherBetter),
            "lower_better" => Some(Direction::LowerBetter),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Direction::HigherBetter => "higher_better",
            Direction::LowerBetter => "lower_better",
        }
    }

    /// +1 when more is better, -1 when less is better: multiply a change by this to get
    /// "improvement".
    pub fn sign(self) -> f64 {
        match self {
            Direction::HigherBetter => 1.0,
            Direction::LowerBetter => -1.0,
        }
    }

    /// Whether `a` is better than `b`.
    pub fn better(self, a: f64, b: f64) -> bool {
        (a - b) * self.sign() > 0.0
    }
}

/// An official target: a floor for higher-is-better indicators, a ceiling for lower-is-better.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: f64,
    pub year: i32,
    pub source_url: String,
    /// Which regions the target is meant for.
    pub scope: TargetScope,
}

/// A provincial total (GDP, counts of future villages) is a target for the province only; a
/// per-capita level or a ratio is a yardstick for every region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetScope {
    /// Every region.
    All,
    /// Only regions without a parent (the province).
    Top,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub area: Area,
    pub name_zh: String,
    pub name_en: String,
    /// Short labels for narrow columns; distinct within an area (the catalog checks it).
    pub short_zh: String,
    pub short_en: String,
    pub unit: Unit,
    pub direction: Direction,
    pub target: Option<Target>,
    /// Where a qualitative goal has a year and source but no number (e.g. "keep rising").
    pub goal_note: Option<String>,
    /// SDSN-style best value; only documents the scale.
    pub optimum: Option<f64>,
    /// SDSN-style red threshold; when absent the default rule in [`crate::metrics::status`] applies.
    pub red_threshold: Option<f64>,
    /// Values outside these bounds are rejected on load (default: not negative).
    pub valid_min: Option<f64>,
    pub valid_max: Option<f64>,
    pub definition: String,
    /// Present for derived indicators, which are computed and never observed.
    pub formula: Option<Formula>,
    /// What the dashboard uses the indicator for, beyond its area (see [`Role`]).
    pub roles: Vec<Role>,
    /// Which regions the indicator exists for: a provincial statistic (the max/min across the
    /// cities, the mountain counties' income) has no meaning for a city or county.
    pub applies_to: TargetScope,
    /// The id of the population that weighs its group means (rural residents for rural income);
    /// the `weight` role's when `None`.
    pub weight_by: Option<String>,
    /// The id of the same quantity on another definition (GDP per capita on the registered
    /// population): named where this one has no value, never substituted for it.
    pub sibling: Option<String>,
}

/// A part an indicator plays for the dashboard, declared in the catalog's `roles` column so that
/// no indicator id is written in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The population that weighs regions in weighted dispersion and group means.
    Weight,
    /// Its area is the one the dashboard opens on, and it is the fallback indicator shown.
    Opening,
    /// The overview's regional-gap line shows its dispersion across the children...
    OverviewDispersion,
    /// ... or, where that has no value, this one's.
    OverviewDispersionFallback,
    /// Stored where published, its formula computes it elsewhere (a county's hospital beds from
    /// the yearbook, a city's as the sum of its counties'); without it a formula's indicator is
    /// never stored.
    Fills,
    /// The one-page brief's children table shows it (their incomes).
    Brief,
}

impl Role {
    const ALL: [(Role, &'static str); 6] = [
        (Role::Weight, "weight"),
        (Role::Opening, "opening"),
        (Role::OverviewDispersion, "overview_dispersion"),
        (Role::OverviewDispersionFallback, "overview_dispersion_fallback"),
        (Role::Fills, "fills"),
        (Role::Brief, "brief"),
    ];

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.iter().find(|(_, k)| *k == s).map(|(r, _)| *r)
    }

    pub fn keys() -> impl Iterator<Item = &'static str> {
        Role::ALL.iter().map(|(_, k)| *k)
    }
}

impl Indicator {
    /// An indicator with only the fields that matter for metrics (tests, synthetic data).
    pub fn new(id: &str, area: Area, unit: Unit, direction: Direction) -> Indicator {
        Indicator {
            id: id.into(),
            area,
            name_zh: id.into(),
            name_en: id.into(),
            short_zh: id.into(),
            short_en: id.into(),
            unit,
            direction,
            target: None,
            goal_note: None,
            optimum: None,
            red_threshold: None,
            valid_min: None,
            valid_max: None,
            definition: String::new(),
            formula: None,
            roles: Vec::new(),
            applies_to: TargetScope::All,
            weight_by: None,
            sibling: None,
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_derived(&self) -> bool {
        self.formula.is_some()
    }

    /// Whether values may be stored for it: it has no formula, or its formula only fills gaps.
    pub fn is_stored(&self) -> bool {
        self.formula.is_none() || self.roles.contains(&Role::Fills)
    }

    /// A value the catalog allows for this indicator.
    pub fn accepts(&self, v: f64) -> Result<(), String> {
        // Numbers in messages: 1e300, not three hundred digits.
        let show = |v: f64| {
            if v != 0.0 && (v.abs() >= 1e9 || v.abs() < 1e-4) {
                format!("{v:e}")
            } else {
                format!("{v}")
            }
        };
        if !v.is_finite() {
            return Err(format!("{v} is not a finite number"));
        }
        let min = self.valid_min.unwrap_or(0.0);
        if v < min {
            return Err(if min == 0.0 {
                format!("{} is negative, and {} cannot be", show(v), self.id)
            } else {
                format!("{} is below the smallest value allowed for {} ({min})", show(v), self.id)
            });
        }
        if let Some(max) = self.valid_max {
            if v > max {
                return Err(format!("{} is above the largest value allowed for {} ({max})", show(v), self.id));
            }
        }
        let plausible = self.unit.plausible_max();
        if v.abs() > plausible {
            return Err(format!("{} is not a plausible value in {} (at most {plausible:e})", show(v), self.unit));
        }
        if v != 0.0 && v.abs() < super::unit::SMALLEST_PLAUSIBLE {
            return Err(format!(
                "{} is not a plausible value in {} (too close to 0 to be a measurement)",
                show(v),
                self.unit
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    indicators: Vec<Indicator>,
    by_id: HashMap<String, IndicatorId>,
}

impl Catalog {
    /// Builds a catalog; returns the duplicate id if one occurs.
    pub fn new(mut indicators: Vec<Indicator>) -> Result<Self, String> {
        let mut by_id = HashMap::with_capacity(indicators.len());
        for (i, ind) in indicators.iter().enumerate() {
            if by_id.insert(ind.id.clone(), IndicatorId(i as u16)).is_some() {
                return Err(ind.id.clone());
            }
        }
        for ind in &mut indicators {
            if let Some(f) = &mut ind.formula {
                f.resolve_inputs(&|id| by_id.get(id).map(|i: &IndicatorId| i.0));
            }
        }
        Ok(Catalog { indicators, by_id })
    }

    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    pub fn get(&self, id: IndicatorId) -> &Indicator {
        &self.indicators[id.index()]
    }

    pub fn by_id(&self, id: &str) -> Option<IndicatorId> {
        self.by_id.get(id).copied()
    }

    /// The indicators and every one their formulas read, their inputs' inputs included, each once
    /// (a city's beds per 1,000 reads its beds, which read its counties' beds).
    pub fn with_inputs(&self, ids: impl IntoIterator<Item = IndicatorId>) -> Vec<IndicatorId> {
        let mut out: Vec<IndicatorId> = Vec::new();
        for i in ids {
            if !out.contains(&i) {
                out.push(i);
            }
        }
        let mut k = 0;
        while k < out.len() {
            if let Some(f) = &self.get(out[k]).formula {
                for i in f.inputs().into_iter().filter_map(|id| self.by_id(id)) {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
            }
            k += 1;
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = (IndicatorId, &Indicator)> {
        self.indicators.iter().enumerate().map(|(i, d)| (IndicatorId(i as u16), d))
    }

    /// Indicators with a role, in catalog order.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = IndicatorId> + '_ {
        self.iter().filter(move |(_, d)| d.has_role(role)).map(|(i, _)| i)
    }

    /// The first indicator with a role.
    pub fn role(&self, role: Role) -> Option<IndicatorId> {
        self.with_role(role).next()
    }

    /// Indicators of an area that exist for a region (`top`: a region without a parent), in
    /// catalog order.
    pub fn in_area_for(&self, area: Area, top: bool) -> Vec<IndicatorId> {
        self.iter()
            .filter(|(_, d)| d.area == area && (top || d.applies_to == TargetScope::All))
            .map(|(i, _)| i)
            .collect()
    }

    /// Indicators of an area, in catalog order.
    pub fn in_area(&self, area: Area) -> Vec<IndicatorId> {
        self.iter().filter(|(_, d)| d.area == area).map(|(i, _)| i).collect()
    }

    /// The known id closest to `id` by edit distance, for "did you mean" hints.
    pub fn nearest(&self, id: &str) -> Option<&str> {
        nearest(id, self.indicators.iter().map(|d| d.id.as_str()))
    }
}

/// The candidate with the smallest edit distance to `word`, if it is close enough to be a
/// plausible typo (at most a third of the word's length).
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates.map(|c| (edit_distance(word, c), c)).filter(|(d, _)| *d <= limit).min_by_key(|(d, _)| *d).map(|(_, c)| c)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_and_nearest() {
        assert_eq!(edit_distance("income_pc", "income_pc"), 0);
        assert_eq!(edit_distance("incme_pc", "income_pc"), 1);
        assert_eq!(nearest("incom_pc", ["gdp", "income_pc", "income_pc_rural"].into_iter()), Some("income_pc"));
        assert_eq!(nearest("zzzz", ["gdp", "income_pc"].into_iter()), None);
    }

    #[test]
    fn areas_round_trip_their_keys() {
        for a in Area::SIX {
            assert_eq!(Area::parse(a.key()), Some(a));
        }
        assert_eq!(Area::Income.number(), 3);
        assert_eq!(Area::parse("nope"), None);
    }
}
