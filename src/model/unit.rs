//! Units of indicators and metrics: one table, from which the catalog's unit keys, the decimals a
//! value is shown with and whether a unit counts a total all come. Display labels per language
//! live in [`crate::strings`].

/// A unit of measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Yuan,
    HundredMillionYuan,
    TenThousandPersons,
    Percent,
    Ratio,
    PerThousand,
    /// Years of a duration (schooling).
    Years,
    /// Years of age (life expectancy): 岁, not 年.
    AgeYears,
    Count,
    SquareMetresPer10k,
    /// Library volumes, 10,000.
    TenThousandVolumes,
    /// Items per resident (library volumes).
    PerCapita,
    /// Items per 10,000 residents (sports venues).
    PerTenThousand,
    /// Items per 100,000 residents (museums).
    PerHundredThousand,
    /// A dimensionless index (CV, Gini, Theil).
    Index,
    /// A rank among regions (1 = best).
    Rank,
}

/// Per unit: catalog key, decimals shown, whether a value is a total (regions of different
/// size are then not compared for inequality), and the largest plausible magnitude (a value
/// beyond it is a typo or a wrong unit: 1e300 yuan is refused on load).
const UNITS: [(Unit, &str, usize, bool, f64); 16] = [
    (Unit::Yuan, "yuan", 0, false, 1e8),
    (Unit::HundredMillionYuan, "100m_yuan", 1, true, 1e7),
    (Unit::TenThousandPersons, "10k_persons", 1, true, 2e5),
    (Unit::Percent, "percent", 1, false, 1e4),
    (Unit::Ratio, "ratio", 2, false, 1e4),
    (Unit::PerThousand, "per_1000", 2, false, 1e4),
    (Unit::Years, "years", 1, false, 200.0),
    (Unit::AgeYears, "age_years", 1, false, 200.0),
    (Unit::Count, "count", 0, true, 1e9),
    (Unit::SquareMetresPer10k, "m2_per_10k", 0, false, 1e7),
    (Unit::TenThousandVolumes, "10k_volumes", 1, true, 1e6),
    (Unit::PerCapita, "per_capita", 2, false, 1e4),
    (Unit::PerTenThousand, "per_10k", 2, false, 1e5),
    (Unit::PerHundredThousand, "per_100k", 2, false, 1e6),
    (Unit::Index, "index", 4, false, 1e3),
    (Unit::Rank, "rank", 0, false, 1e7),
];

/// Below this magnitude a value other than 0 is implausible in every unit (5e-324 is a bug).
pub const SMALLEST_PLAUSIBLE: f64 = 1e-9;

impl Unit {
    fn row(self) -> (Unit, &'static str, usize, bool, f64) {
        UNITS.iter().copied().find(|r| r.0 == self).unwrap_or((self, "", 2, false, f64::MAX))
    }

    /// The largest plausible magnitude of a value in this unit.
    pub fn plausible_max(self) -> f64 {
        self.row().4
    }

    /// The key used in the catalog, snapshots and exports.
    pub fn key(self) -> &'static str {
        self.row().1
    }

    pub fn parse(s: &str) -> Option<Unit> {
        UNITS.iter().find(|r| r.1 == s).map(|r| r.0)
    }

    /// Every key a catalog may use, for error messages.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        UNITS.iter().map(|r| r.1)
    }

    /// Decimals a value is shown with.
    pub fn decimals(self) -> usize {
        self.row().2
    }

    /// A total (GDP, population, a count), as opposed to a per-head level or a ratio.
    pub fn is_total(self) -> bool {
        self.row().3
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_has_one_row_and_round_trips_its_key() {
        for (u, key, _, _, _) in UNITS {
            assert_eq!(Unit::parse(key), Some(u));
            assert_eq!(u.key(), key);
            assert_eq!(UNITS.iter().filter(|r| r.0 == u).count(), 1);
        }
        assert_eq!(Unit::parse("furlongs"), None);
        assert!(Unit::HundredMillionYuan.is_total() && !Unit::Yuan.is_total());
    }
}
