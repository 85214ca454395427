//! Is the gap closing? Two classic answers, over a set of regions (a region's children, or its
//! counties):
//!
//! - **σ-convergence**: the spread across the regions shrinks over the years. For each year, the
//!   CV, the population-weighted CV, the Gini and the Theil T of the regions with a value, and
//!   Theil's split between and within a grouping (the mountain counties and the rest).
//! - **β-convergence**: regions that started lower grew faster. Each region's average annual
//!   log growth from a first year `y0` to the year shown `y1`, `(ln v₁ − ln v₀) / (y₁ − y₀)`,
//!   against its starting level `ln v₀`; the least-squares slope. A negative slope: the poorer
//!   caught up. `y0` is the earliest year from which at least [`MIN_BETA`] regions have a value in
//!   both years (and in every year between, so a series is not bridged over a gap).

use super::dispersion::{self, Point};
use crate::model::indicator::Role;
use crate::model::{Dataset, IndicatorId, RegionId};

/// Regions needed for a β slope.
pub const MIN_BETA: usize = 3;

/// The spread across the regions in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Sigma {
    pub year: i32,
    /// Regions with a value, of how many.
    pub n: usize,
    pub of: usize,
    pub cv: Option<f64>,
    pub cv_weighted: Option<f64>,
    pub gini: Option<f64>,
    pub theil: Option<f64>,
    /// Theil's parts between and within the groups (when both groups have members).
    pub between: Option<f64>,
    pub within: Option<f64>,
}

/// The spread in every year of the data set, over `members`, with Theil split by `in_group`;
/// measures only in years where at least half the members have a value (and a weight).
pub fn sigma(ds: &Dataset, members: &[RegionId], ind: IndicatorId, in_group: &dyn Fn(RegionId) -> bool) -> Vec<Sigma> {
    let weight = ds.catalog.role(Role::Weight);
    ds.years()
        .map(|year| {
            let mut plain = Vec::new();
            let mut points = Vec::new();
            let mut groups = Vec::new();
            for &r in members {
                let Some(v) = ds.resolve_value(r, ind, year) else { continue };
                plain.push(v);
                if let Some(w) = weight.and_then(|w| ds.resolve_value(r, w, year)) {
                    points.push(Point::new(v, w));
                    groups.push(usize::from(in_group(r)));
                }
            }
            // A year where fewer than half the regions have a value is left out: its spread is
            // of another set of regions.
            let enough = dispersion::enough(plain.len(), members.len());
            let weighted = dispersion::enough(points.len(), members.len());
            let parts = dispersion::theil_decomposed(&points, &groups);
            let split = groups.contains(&1) && groups.contains(&0);
            Sigma {
                year,
                n: plain.len(),
                of: members.len(),
                cv: dispersion::cv(&plain).filter(|_| enough),
                cv_weighted: dispersion::weighted_cv(&points).filter(|_| weighted),
                gini: dispersion::gini(&points).filter(|_| weighted),
                theil: parts.as_ref().map(|p| p.total).filter(|_| weighted),
                between: parts.as_ref().map(|p| p.between).filter(|_| split && weighted),
                within: parts.as_ref().map(|p| p.within).filter(|_| split && weighted),
            }
        })
        .collect()
}

/// Whether a series of a spread measure is shrinking: the change from its first to its last
/// value with one (`None` with fewer than two).
pub fn spread_change(series: &[(i32, f64)]) -> Option<(i32, f64, i32, f64)> {
    let (first, last) = (series.first()?, series.last()?);
    (last.0 > first.0).then_some((first.0, first.1, last.0, last.1))
}

/// One region of a β regression.
#[derive(Debug, Clone, PartialEq)]
pub struct BetaPoint {
    pub region: RegionId,
    /// ln of the value in the first year.
    pub log_start: f64,
    /// Average annual log growth.
    pub growth: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Beta {
    pub from: i32,
    pub to: i32,
    pub points: Vec<BetaPoint>,
    /// Least-squares slope and intercept of growth on the log start.
    pub slope: f64,
    pub intercept: f64,
    /// Members considered (some may lack values).
    pub of: usize,
    /// Standard error of the slope (residual variance over n − 2 degrees of freedom).
    pub se: f64,
    /// Share of the growth's variance the start explains.
    pub r2: f64,
}

/// What a β slope says, as far as its test allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BetaVerdict {
    /// The slope is negative and significantly so: a one-sided t-test of β < 0 at 5%.
    Converging,
    /// Negative, but not significantly: the data do not show convergence.
    NotSignificant,
    /// Zero or positive: the lower did not grow faster.
    NotConverging,
}

/// Student's t critical values by degrees of freedom: one-sided 5% (t₀.₉₅) and two-sided 95%
/// (t₀.₉₇₅). Between rows the smaller degrees of freedom are used (a stricter test).
const T_CRITICAL: [(usize, f64, f64); 33] = [
    (1, 6.314, 12.706),
    (2, 2.920, 4.303),
    (3, 2.353, 3.182),
    (4, 2.132, 2.776),
    (5, 2.015, 2.571),
    (6, 1.943, 2.447),
    (7, 1.895, 2.365),
    (8, 1.860, 2.306),
    (9, 1.833, 2.262),
    (10, 1.812, 2.228),
    (11, 1.796, 2.201),
    (12, 1.782, 2.179),
    (13, 1.771, 2.160),
    (14, 1.761, 2.145),
    (15, 1.753, 2.131),
    (16, 1.746, 2.120),
    (17, 1.740, 2.110),
    (18, 1.734, 2.101),
    (19, 1.729, 2.093),
    (20, 1.725, 2.086),
    (21, 1.721, 2.080),
    (22, 1.717, 2.074),
    (23, 1.714, 2.069),
    (24, 1.711, 2.064),
    (25, 1.708, 2.060),
    (26, 1.706, 2.056),
    (27, 1.703, 2.052),
    (28, 1.701, 2.048),
    (29, 1.699, 2.045),
    (30, 1.697, 2.042),
    (40, 1.684, 2.021),
    (60, 1.671, 2.000),
    (120, 1.658, 1.980),
];

/// (one-sided 5%, two-sided 95%) critical values for `df` degrees of freedom.
pub fn t_critical(df: usize) -> (f64, f64) {
    T_CRITICAL.iter().rev().find(|(d, _, _)| *d <= df).map_or((f64::INFINITY, f64::INFINITY), |(d, one, two)| {
        if df > 120 && *d == 120 {
            (1.645, 1.960)
        } else {
            (*one, *two)
        }
    })
}

impl Beta {
    /// Degrees of freedom of the slope's test.
    pub fn df(&self) -> usize {
        self.points.len().saturating_sub(2)
    }

    /// The slope's t statistic.
    pub fn t(&self) -> f64 {
        self.slope / self.se
    }

    /// The 95% confidence interval of the slope.
    pub fn interval(&self) -> (f64, f64) {
        let half = t_critical(self.df()).1 * self.se;
        (self.slope - half, self.slope + half)
    }

    /// Convergence only where the slope is significantly negative (one-sided t-test, 5%): a
    /// slope of −0.0005 with R² ≈ 0 is no evidence of catching up.
    pub fn verdict(&self) -> BetaVerdict {
        if self.slope >= 0.0 {
            BetaVerdict::NotConverging
        } else if self.df() > 0 && self.t() < -t_critical(self.df()).0 {
            BetaVerdict::Converging
        } else {
            BetaVerdict::NotSignificant
        }
    }
}

/// β-convergence of `members` up to `year` (see the module's words): up to the latest year at
/// or before `year` in which [`MIN_BETA`] regions have a value; `None` without a first year from
/// which [`MIN_BETA`] regions have positive values throughout.
pub fn beta(ds: &Dataset, members: &[RegionId], ind: IndicatorId, year: i32) -> Option<Beta> {
    let first = *ds.years().start();
    // Every positive value up to `year`, looked up year by year (as the data set keeps them: a
    // year's regions side by side) and read below region by region.
    let table: Vec<Vec<Option<f64>>> = (first..=year)
        .map(|y| members.iter().map(|r| ds.resolve_value(*r, ind, y).filter(|v| *v > 0.0)).collect())
        .collect();
    // The `k`th member's value in `y`.
    let value = |k: usize, y: i32| table.get(usize::try_from(y - first).ok()?).and_then(|row| row[k]);
    let year = (first..=year).rev().find(|y| {
        table.get((y - first) as usize).is_some_and(|row| row.iter().filter(|v| v.is_some()).count() >= MIN_BETA)
    })?;
    // Each member's unbroken run of values ending in `year` starts at `run[i]` (one backward
    // scan per member); `from` is the earliest start that MIN_BETA runs reach back to.
    let run: Vec<Option<i32>> = members
        .iter()
        .enumerate()
        .map(|(k, r)| {
            // A run stops at a series break: growth is never measured across one.
            let basis = ds.basis_start(*r, ind, year).unwrap_or(first);
            let mut start = None;
            for y in (first.max(basis)..=year).rev() {
                if value(k, y).is_none() {
                    break;
                }
                start = Some(y);
            }
            start
        })
        .collect();
    let mut starts: Vec<i32> = run.iter().flatten().copied().filter(|s| *s < year).collect();
    starts.sort_unstable();
    let from = *starts.get(MIN_BETA - 1)?;
    let span = (year - from) as f64;
    let points: Vec<BetaPoint> = members
        .iter()
        .enumerate()
        .zip(&run)
        .filter(|(_, start)| start.is_some_and(|s| s <= from))
        .map(|(kr, _)| kr)
        .filter_map(|(k, r)| {
            let (v0, v1) = (value(k, from)?, value(k, year)?);
            Some(BetaPoint { region: *r, log_start: v0.ln(), growth: (v1.ln() - v0.ln()) / span })
        })
        .collect();
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.log_start).sum::<f64>() / n;
    let my = points.iter().map(|p| p.growth).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.log_start - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.log_start - mx) * (p.growth - my)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let syy: f64 = points.iter().map(|p| (p.growth - my).powi(2)).sum();
    let ssr: f64 = points.iter().map(|p| (p.growth - intercept - slope * p.log_start).powi(2)).sum();
    let df = points.len().saturating_sub(2).max(1) as f64;
    let se = (ssr / df / sxx).sqrt();
    let r2 = if syy > 0.0 { sxy * sxy / (sxx * syy) } else { 1.0 };
    Some(Beta { from, to: year, intercept, slope, points, of: members.len(), se, r2 })
}

/// The population that weighs `ind`'s group means over `regions` in `year`: the catalog's
/// `weight_by` (rural residents for rural income) where every region with a value has it, else
/// the `weight` role's (resident population).
pub fn weight_for(ds: &Dataset, ind: IndicatorId, regions: &[RegionId], year: i32) -> Option<IndicatorId> {
    let own = ds.catalog.get(ind).weight_by.as_deref().and_then(|w| ds.catalog.by_id(w));
    let complete = |w: IndicatorId| {
        regions
            .iter()
            .filter(|r| ds.resolve_value(**r, ind, year).is_some())
            .all(|r| ds.resolve_value(*r, w, year).is_some_and(|v| v > 0.0))
    };
    own.filter(|w| complete(*w)).or_else(|| ds.catalog.role(Role::Weight))
}

/// A group against the rest, over a set of regions, for one indicator and year.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupVsRest {
    /// Members of the group among the regions, with a value; and the group's members in all.
    pub n: usize,
    pub of: usize,
    pub rest_n: usize,
    pub rest_of: usize,
    pub mean: Option<f64>,
    pub rest_mean: Option<f64>,
    /// Weighted by `weight` (see [`weight_for`]), over those with a weight too.
    pub weighted: Option<f64>,
    pub weight: Option<IndicatorId>,
    pub rest_weighted: Option<f64>,
    /// The group's lowest and highest members by the indicator's direction: (worst, best).
    pub weakest: Option<(RegionId, f64)>,
    pub strongest: Option<(RegionId, f64)>,
    /// For a quantity that adds up (GDP, population, counts): the sum over each side, only when
    /// every member of that side has a value (a partial sum is not the total).
    pub sum: Option<f64>,
    pub rest_sum: Option<f64>,
}

impl GroupVsRest {
    /// Whether the group's means say something of the group: the dispersion coverage rule (at
    /// least two members, and at least half, with a value).
    pub fn covered(&self) -> bool {
        super::dispersion::enough(self.n, self.of)
    }

    /// The rest's coverage under the same rule.
    pub fn rest_covered(&self) -> bool {
        super::dispersion::enough(self.rest_n, self.rest_of)
    }
}

/// The group (`in_group`) against the other `members`.
pub fn group_vs_rest(
    ds: &Dataset,
    members: &[RegionId],
    in_group: &dyn Fn(RegionId) -> bool,
    ind: IndicatorId,
    year: i32,
) -> GroupVsRest {
    let weight = weight_for(ds, ind, members, year);
    let dir = ds.catalog.get(ind).direction;
    let side = |inside: bool| {
        let regions: Vec<RegionId> = members.iter().copied().filter(|r| in_group(*r) == inside).collect();
        let values: Vec<(RegionId, f64)> =
            regions.iter().filter_map(|r| ds.resolve_value(*r, ind, year).map(|v| (*r, v))).collect();
        let mean = (!values.is_empty()).then(|| values.iter().map(|(_, v)| v).sum::<f64>() / values.len() as f64);
        let pts: Vec<(f64, f64)> = values
            .iter()
            .filter_map(|(r, v)| weight.and_then(|w| ds.resolve_value(*r, w, year)).map(|w| (*v, w)))
            .collect();
        let wsum: f64 = pts.iter().map(|p| p.1).sum();
        let weighted = (wsum > 0.0).then(|| pts.iter().map(|(v, w)| v * w).sum::<f64>() / wsum);
        let better = |a: &&(RegionId, f64), b: &&(RegionId, f64)| {
            if dir.better(a.1, b.1) {
                std::cmp::Ordering::Greater
            } else if dir.better(b.1, a.1) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        };
        let weakest = values.iter().min_by(better).copied();
        let strongest = values.iter().max_by(better).copied();
        let sum = (!regions.is_empty() && values.len() == regions.len()).then(|| values.iter().map(|(_, v)| v).sum());
        (values.len(), regions.len(), mean, weighted, weakest, strongest, sum)
    };
    let (n, of, mean, weighted, weakest, strongest, sum) = side(true);
    let (rest_n, rest_of, rest_mean, rest_weighted, _, _, rest_sum) = side(false);
    GroupVsRest {
        n,
        of,
        rest_n,
        rest_of,
        mean,
        rest_mean,
        weighted,
        rest_weighted,
        weight,
        weakest,
        strongest,
        sum,
        rest_sum,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::catalog_csv::parse_catalog;
    use crate::load::regions_csv::parse_regions;
    use crate::model::snapshot::{Observation, Snapshot, SnapshotMeta, Source, SourceKind};

    /// Four counties under one root; incomes given per year.
    fn ds(values: &[(&str, i32, f64)]) -> Dataset {
        let regions = parse_regions(
            "r.csv",
            b"code,parent_code,level,kind,name_zh,name_en,name_pinyin\n1,,province,p,P,P,p\n11,1,county,c,A,A,a\n12,1,county,c,B,B,b\n13,1,county,c,C,C,c\n14,1,county,c,D,D,d\n",
        )
        .unwrap();
        let catalog = parse_catalog(
            "i.csv",
            b"id,area,name_zh,name_en,unit,direction,roles\nincome_pc,income,x,x,yuan,higher_better,\npop_resident,regional,p,p,10k_persons,higher_better,weight\n",
        )
        .unwrap();
        let inc = catalog.by_id("income_pc").unwrap();
        let pop = catalog.by_id("pop_resident").unwrap();
        let mut observations = Vec::new();
        for (code, year, v) in values {
            let region = regions.by_code(code).unwrap();
            observations.push(Observation { region, indicator: inc, year: *year, value: *v, source: 0, note: None });
            observations.push(Observation { region, indicator: pop, year: *year, value: 10.0, source: 0, note: None });
        }
        let meta = SnapshotMeta {
            id: "t".into(),
            title: "t".into(),
            title_en: None,
            as_of: chrono::NaiveDate::MIN,
            provenance: "t".into(),
        };
        let sources = vec![Source::page("http://s", SourceKind::Other)];
        Dataset::new(regions, catalog, Snapshot { meta, sources, observations })
    }

    #[test]
    fn beta_slope_by_hand() {
        // From 2021 to 2023 (2 years): A 10000 → 12100 (10%/yr), B 20000 → 22050 (5%), C 40000 → 42025 (2.5%).
        let d = ds(&[
            ("11", 2021, 10000.0),
            ("11", 2022, 11000.0),
            ("11", 2023, 12100.0),
            ("12", 2021, 20000.0),
            ("12", 2022, 21000.0),
            ("12", 2023, 22050.0),
            ("13", 2021, 40000.0),
            ("13", 2022, 41000.0),
            ("13", 2023, 42025.0),
        ]);
        let members: Vec<RegionId> = d.regions.children(d.regions.roots()[0]).to_vec();
        let inc = d.catalog.by_id("income_pc").unwrap();
        let b = beta(&d, &members, inc, 2023).unwrap();
        assert_eq!((b.from, b.to, b.points.len(), b.of), (2021, 2023, 3, 4));
        // growth = ln(v1/v0)/2: 0.0953102, 0.0487902, 0.0246926; x = ln v0: 9.21034, 9.90349, 10.59663.
        let g = |x: f64| (x).ln() / 2.0;
        let xs = [10000f64.ln(), 20000f64.ln(), 40000f64.ln()];
        let ys = [g(1.21), g(22050.0 / 20000.0), g(42025.0 / 40000.0)];
        let (mx, my) = (xs.iter().sum::<f64>() / 3.0, ys.iter().sum::<f64>() / 3.0);
        let slope = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum::<f64>()
            / xs.iter().map(|x| (x - mx).powi(2)).sum::<f64>();
        assert!((b.slope - slope).abs() < 1e-12);
        assert!((slope - (-0.05098)).abs() < 1e-4, "{slope}");
        // Its standard error, R² and test by hand: residuals of the fitted line over n − 2 = 1.
        let a = my - slope * mx;
        let ssr: f64 = xs.iter().zip(&ys).map(|(x, y)| (y - a - slope * x).powi(2)).sum();
        let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
        let syy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
        assert!((b.se - (ssr / sxx).sqrt()).abs() < 1e-12);
        assert!((b.r2 - (1.0 - ssr / syy)).abs() < 1e-9, "{}", b.r2);
        // Three points, one degree of freedom: t must pass −6.314.
        assert_eq!(b.df(), 1);
        let expected = if b.t() < -6.314 { BetaVerdict::Converging } else { BetaVerdict::NotSignificant };
        assert_eq!(b.verdict(), expected);
        let (lo, hi) = b.interval();
        assert!((hi - lo - 2.0 * 12.706 * b.se).abs() < 1e-12);
    }

    #[test]
    fn a_flat_slope_is_no_convergence_and_critical_values_are_stricter_between_rows() {
        assert_eq!(t_critical(9), (1.833, 2.262));
        assert_eq!(t_critical(35), (1.697, 2.042), "df 35 uses the row of 30");
        assert_eq!(t_critical(500), (1.645, 1.960));
        let b = Beta {
            from: 2016,
            to: 2023,
            points: (0..11)
                .map(|i| BetaPoint { region: RegionId(i), log_start: 11.0 + f64::from(i) * 0.1, growth: 0.07 })
                .collect(),
            slope: -0.0005,
            intercept: 0.0,
            of: 11,
            se: 0.004,
            r2: 0.002,
        };
        assert_eq!(b.verdict(), BetaVerdict::NotSignificant);
        assert_eq!(Beta { slope: -0.05, ..b.clone() }.verdict(), BetaVerdict::Converging);
        assert_eq!(Beta { slope: 0.01, ..b }.verdict(), BetaVerdict::NotConverging);
    }

    #[test]
    fn sigma_shrinks_and_groups_split_theil() {
        // 2021: 10000 / 30000; 2022: 15000 / 25000 — the spread halves.
        let d = ds(&[("11", 2021, 10000.0), ("12", 2021, 30000.0), ("11", 2022, 15000.0), ("12", 2022, 25000.0)]);
        let members: Vec<RegionId> = d.regions.children(d.regions.roots()[0]).to_vec();
        let inc = d.catalog.by_id("income_pc").unwrap();
        let a = d.regions.by_code("11").unwrap();
        let s = sigma(&d, &members, inc, &|r| r == a);
        assert_eq!(s.len(), 2);
        // CV (population sd / mean): 2021 10000/20000 = 0.5, 2022 5000/20000 = 0.25.
        assert!((s[0].cv.unwrap() - 0.5).abs() < 1e-12 && (s[1].cv.unwrap() - 0.25).abs() < 1e-12);
        assert_eq!((s[0].n, s[0].of), (2, 4));
        // Two groups of one region each: all of Theil is between them.
        assert!((s[0].between.unwrap() - s[0].theil.unwrap()).abs() < 1e-12);
        assert!(s[0].within.unwrap().abs() < 1e-12);
        let vs = group_vs_rest(&d, &members, &|r| r == a, inc, 2021);
        assert_eq!((vs.n, vs.of, vs.rest_n, vs.rest_of), (1, 1, 1, 3));
        assert_eq!((vs.mean, vs.rest_mean), (Some(10000.0), Some(30000.0)));
        assert_eq!(vs.weakest.map(|w| w.1), Some(10000.0));
    }
}
