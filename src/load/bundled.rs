//! The data compiled into the binary, so `cpdash` works from any directory.

pub const REGIONS: &[u8] = include_bytes!("../../assets/regions.csv");
pub const REGION_TAGS: &[u8] = include_bytes!("../../assets/region_tags.csv");
pub const REGION_GROUPS: &[u8] = include_bytes!("../../assets/region_groups.csv");
pub const INDICATORS: &[u8] = include_bytes!("../../assets/indicators.csv");
pub const SNAPSHOT: &[u8] = include_bytes!("../../assets/snapshot.json");
pub const PUBLISHED: &[u8] = include_bytes!("../../assets/reference/province_reported.csv");
pub const BREAKS: &[u8] = include_bytes!("../../assets/breaks.csv");
pub const YEARBOOK_LABELS: &[u8] = include_bytes!("../../assets/yearbook_labels.csv");

/// A bundled file by its name in a data folder (`regions.csv`, `reference/province_reported.csv`).
pub fn file(name: &str) -> Option<&'static [u8]> {
    Some(match name {
        "regions.csv" => REGIONS,
        "region_tags.csv" => REGION_TAGS,
        "region_groups.csv" => REGION_GROUPS,
        "indicators.csv" => INDICATORS,
        "snapshot.json" => SNAPSHOT,
        "reference/province_reported.csv" => PUBLISHED,
        "breaks.csv" => BREAKS,
        _ => return None,
    })
}
