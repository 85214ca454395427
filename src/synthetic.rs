//! A deterministic generator of a synthetic national-size data set, for benchmarks and scale
//! tests: a national root, 34 provinces (× scale), about 330 prefecture cities and 2,850
//! counties (× scale), the full catalog padded with synthetic context indicators to 60, and
//! 20 years. Incomes are log-normal with urban above rural.
//!
//! Nothing here is real and nothing of it is bundled: the title, the id, every region name and
//! every source say "synthetic".

// The generator's invariants (a valid tree and catalog of its own making, writers into memory)
// are checked by its tests; its input is a scale and a seed, not a file.
#![allow(clippy::expect_used)]

use chrono::NaiveDate;

use crate::load::catalog_csv::parse_catalog;
use crate::model::indicator::Catalog;
use crate::model::region::{RegionRecord, RegionTree};
use crate::model::snapshot::{Observation, Snapshot, SnapshotMeta, Source, SourceKind};
use crate::model::{Dataset, IndicatorId, RegionId, Unit};

pub const FIRST_YEAR: i32 = 2005;
pub const YEARS: i32 = 20;
/// The catalog is padded to this many indicators: the bundled 61 and 6 synthetic ones, so that
/// 52 series are generated, 3.2 million observations at ×1 (the size the benchmarks measure).
pub const INDICATORS: usize = 67;
pub const SOURCE: &str = "synthetic://cpdash-generate";

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn int(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

fn record(code: String, parent: Option<&str>, level: &str, kind: &str, zh: String, en: String) -> RegionRecord {
    RegionRecord {
        name_pinyin: en.to_lowercase().replace(' ', ""),
        code,
        parent_code: parent.map(str::to_string),
        level: level.into(),
        kind: kind.into(),
        name_zh: zh,
        name_en: en,
    }
}

/// The regions: a national root, `provinces` provinces, 6–13 cities each, 4–13 counties each.
pub fn regions(provinces: usize, rng: &mut Rng) -> Vec<RegionRecord> {
    let mut out = vec![record("N".into(), None, "nation", "nation", "合成全国".into(), "Synthetic Nation".into())];
    for p in 1..=provinces {
        let pc = format!("P{p:03}");
        out.push(record(
            pc.clone(),
            Some("N"),
            "province",
            "province",
            format!("合成省{p:03}"),
            format!("Synthetic Province {p}"),
        ));
        for c in 1..=rng.int(6, 13) {
            let cc = format!("{pc}C{c:02}");
            out.push(record(
                cc.clone(),
                Some(&pc),
                "city",
                "prefecture_city",
                format!("合成市{p:03}-{c:02}"),
                format!("Synthetic City {p}-{c}"),
            ));
            for x in 1..=rng.int(4, 13) {
                let xc = format!("{cc}X{x:02}");
                out.push(record(
                    xc,
                    Some(&cc),
                    "county",
                    "county",
                    format!("合成县{p:03}-{c:02}-{x:02}"),
                    format!("Synthetic County {p}-{c}-{x}"),
                ));
            }
        }
    }
    out
}

/// `indicators.csv` of the synthetic data: the bundled catalog plus synthetic context
/// indicators up to [`INDICATORS`].
pub fn catalog_csv() -> String {
    let mut text = String::from_utf8_lossy(crate::load::bundled::INDICATORS).into_owned();
    let base = text.lines().count() - 1;
    let columns = text.lines().next().map_or(0, |h| h.split(',').count());
    for n in 1..=INDICATORS.saturating_sub(base) {
        text.push_str(&format!(
            "synthetic_context_{n:02},context,合成背景指标{n:02},Synthetic context indicator {n},合成{n:02},Synthetic {n},count,higher_better{}\n",
            ",".repeat(columns - 8)
        ));
    }
    text
}

pub fn catalog() -> Catalog {
    parse_catalog("synthetic indicators.csv", catalog_csv().as_bytes()).expect("synthetic catalog")
}

/// A base value and yearly growth for an indicator in a region.
/// `income_growth` is the region's own: every income grows at it (±0.2%), so urban stays above
/// rural.
fn base_value(unit: Unit, id: &str, depth: u8, income: f64, income_growth: f64, rng: &mut Rng) -> Option<(f64, f64)> {
    let size = match depth {
        0 => 140_000.0,
        1 => 4_000.0,
        2 => 400.0,
        _ => 45.0,
    };
    Some(match unit {
        Unit::Yuan => {
            let v = match id {
                "income_pc" => income,
                "income_pc_urban" => income * rng.range(1.15, 1.4),
                "income_pc_rural" => income / rng.range(1.3, 1.6),
                "income_pc_low_income_rural" => income * rng.range(0.25, 0.4),
                "gdp_per_capita" => income * rng.range(1.8, 2.6),
                _ => income * rng.range(0.6, 0.8),
            };
            (v, income_growth + rng.range(-0.002, 0.002))
        }
        Unit::TenThousandPersons => (size * rng.range(0.5, 1.5), rng.range(-0.01, 0.02)),
        Unit::HundredMillionYuan => (size * income * 2.2 / 1e4 * rng.range(0.7, 1.3), rng.range(0.04, 0.09)),
        Unit::Percent => (rng.range(30.0, 80.0), rng.range(0.002, 0.01)),
        Unit::PerThousand => (rng.range(2.0, 6.0), rng.range(0.01, 0.04)),
        Unit::Years => (rng.range(9.0, 14.0), rng.range(0.001, 0.004)),
        Unit::AgeYears => (rng.range(74.0, 80.0), rng.range(0.001, 0.004)),
        Unit::Count => (rng.range(10.0, 2000.0) * size / 400.0, rng.range(0.0, 0.1)),
        Unit::SquareMetresPer10k => (rng.range(1500.0, 4000.0), rng.range(0.01, 0.05)),
        _ => return None,
    })
}

/// The largest `--scale`: ×16 is about 49,000 regions and 52 million observations, a few GB
/// in memory while generating; more is refused rather than left to exhaust the machine.
pub const MAX_SCALE: usize = 16;

/// The files [`write_dir`] writes.
pub const FILES: [&str; 6] =
    ["regions.csv", "indicators.csv", "snapshot.json", "observations.csv", "region_tags.csv", "region_groups.csv"];

/// Synthetic groups, so that the group panel, marks and filters have work at national size: the
/// counties of the last third of the provinces ("west"), and every seventh county ("pilot").
const GROUPS: &str = "tag,mark_zh,mark_en,name_zh,name_en,from_year,to_year,source_url,note
west,西,W,西部(合成),West (synthetic),,,synthetic://cpdash-generate,counties of the last third of the provinces
pilot,试,P,试点县(合成),Pilot counties (synthetic),2015,,synthetic://cpdash-generate,every seventh county
";

/// The tags of the synthetic groups (see [`GROUPS`]).
pub fn region_tags_csv(ds: &Dataset) -> String {
    let mut s = String::from("region_code,tag,source_url\n");
    let provinces = ds.regions.roots().first().map_or(0, |r| ds.regions.children(*r).len());
    let mut county = 0;
    for (id, r) in ds.regions.iter() {
        if r.level != "county" {
            continue;
        }
        county += 1;
        let province = ds.regions.ancestor_at_depth(id, 1);
        let index = province.and_then(|p| {
            ds.regions.roots().first().map(|root| ds.regions.children(*root).iter().position(|x| *x == p))
        });
        if index.flatten().is_some_and(|i| i * 3 >= provinces * 2) {
            s += &format!("{},west,synthetic://cpdash-generate\n", r.code);
        }
        if county % 7 == 0 {
            s += &format!("{},pilot,synthetic://cpdash-generate\n", r.code);
        }
    }
    s
}

/// The whole synthetic data set: `34 × scale` provinces.
pub fn dataset(scale: usize, seed: u64) -> Dataset {
    dataset_with_provinces(34 * scale.max(1), scale, seed)
}

/// As [`dataset`], with a given number of provinces (small ones for tests).
pub fn dataset_with_provinces(provinces: usize, scale: usize, seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let records = regions(provinces, &mut rng);
    let tree = RegionTree::build(records).expect("synthetic tree is valid");
    let catalog = catalog();
    let mut observations = Vec::new();
    for (rid, region) in tree.iter() {
        // Log-normal income level of the region, lower in later provinces to give a gradient.
        let income = (10.6 + 0.35 * rng.normal()).exp();
        let income_growth = rng.range(0.03, 0.08);
        for (iid, ind) in catalog.iter() {
            if !ind.is_stored() {
                continue;
            }
            let Some((v0, growth)) = base_value(ind.unit, &ind.id, region.depth, income, income_growth, &mut rng)
            else {
                continue;
            };
            // Within what the loader accepts: the indicator's own bound and its unit's (a national
            // root's population growing for twenty years would pass 2 billion).
            let max = ind.valid_max.unwrap_or(f64::MAX).min(ind.unit.plausible_max() * 0.99);
            for y in 0..YEARS {
                let v = (v0 * (1.0 + growth).powi(y)).min(max);
                observations.push(obs(rid, iid, FIRST_YEAR + y, (v * 100.0).round() / 100.0));
            }
        }
    }
    let meta = SnapshotMeta {
        id: format!("synthetic-national-x{scale}-seed{seed}"),
        title: format!("SYNTHETIC national-size data ×{scale} (not real)"),
        title_en: None,
        as_of: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        provenance: format!("cpdash generate --scale {scale} --seed {seed}: synthetic values, not statistics"),
    };
    let sources = vec![Source::page(format!("{SOURCE}/seed-{seed}"), SourceKind::Other)];
    Dataset::new(tree, catalog, Snapshot { meta, sources, observations })
}

fn obs(region: RegionId, indicator: IndicatorId, year: i32, value: f64) -> Observation {
    Observation { region, indicator, year, value, source: 0, note: None }
}

/// `regions.csv` of a data set.
pub fn regions_csv(ds: &Dataset) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["code", "parent_code", "level", "kind", "name_zh", "name_en", "name_pinyin"]).expect("memory");
    for (_, r) in ds.regions.iter() {
        let parent = r.parent.map(|p| ds.regions.get(p).code.clone()).unwrap_or_default();
        w.write_record([&r.code, &parent, &r.level, &r.kind, &r.name_zh, &r.name_en, &r.name_pinyin]).expect("memory");
    }
    String::from_utf8(w.into_inner().expect("memory")).expect("utf-8")
}

/// The long-format observations CSV of a data set (what `cpdash import` reads).
pub fn observations_csv(ds: &Dataset) -> String {
    let mut s = String::from("region_code,indicator,year,value,unit,source_url,source_kind,note\n");
    for (r, i, y, c) in ds.observations() {
        let ind = ds.catalog.get(i);
        s.push_str(&format!(
            "{},{},{y},{},{},{},{},\n",
            ds.regions.get(r).code,
            ind.id,
            c.value,
            ind.unit,
            c.source.url,
            c.source.kind.key()
        ));
    }
    s
}

/// Writes `regions.csv`, `indicators.csv`, `snapshot.json` and `observations.csv` into `dir`
/// (which must exist), all or none: each file goes to a temporary beside it, and only when all
/// are written are they put in place (never through a link; with `overwrite`, over the old set).
pub fn write_dir(ds: &Dataset, dir: &std::path::Path, overwrite: bool) -> Result<(), crate::fsio::WriteError> {
    use std::io::Write;
    let [regions, indicators, snapshot, observations, tags, groups] = FILES.map(|f| dir.join(f));
    let mut set = crate::fsio::AtomicSet::new(overwrite);
    set.add(&regions, |f| f.write_all(regions_csv(ds).as_bytes()))?;
    set.add(&tags, |f| f.write_all(region_tags_csv(ds).as_bytes()))?;
    set.add(&groups, |f| f.write_all(GROUPS.as_bytes()))?;
    set.add(&indicators, |f| f.write_all(catalog_csv().as_bytes()))?;
    set.add(&snapshot, |f| f.write_all(crate::load::snapshot_json::write_snapshot(ds).as_bytes()))?;
    set.add(&observations, |f| f.write_all(observations_csv(ds).as_bytes()))?;
    set.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_size() {
        let records = regions(34, &mut Rng::new(7));
        let count = |l: &str| records.iter().filter(|r| r.level == l).count();
        assert_eq!(count("province"), 34);
        assert!((280..=380).contains(&count("city")), "{}", count("city"));
        assert!((2_400..=3_300).contains(&count("county")), "{}", count("county"));
        assert_eq!(catalog().len(), INDICATORS);
    }

    #[test]
    fn deterministic_and_plausible() {
        let ds = dataset_with_provinces(3, 1, 7);
        assert_eq!(ds.years().count(), YEARS as usize);
        let again = dataset_with_provinces(3, 1, 7);
        assert_eq!(crate::load::snapshot_json::write_snapshot(&ds), crate::load::snapshot_json::write_snapshot(&again));
        // Urban above rural, everywhere and every year.
        let (u, r) = (ds.catalog.by_id("income_pc_urban").unwrap(), ds.catalog.by_id("income_pc_rural").unwrap());
        assert!(ds
            .regions
            .ids()
            .all(|id| ds.years().all(|y| ds.value(id, u, y).unwrap() > ds.value(id, r, y).unwrap())));
        assert!(ds.meta.title.contains("SYNTHETIC"));
        assert!(ds.observations().all(|(_, _, _, c)| c.source.url.starts_with("synthetic://")));
    }
}
