//! The data compiled into the binary, so `cpdash` works from any directory.

pub const REGIONS: &[u8] = include_bytes!("../../assets/regions.csv");
pub const REGION_TAGS: &[u8] = include_bytes!("../../assets/region_tags.csv");
pub const REGION_GROUPS: &[u8] = include_bytes!("../../assets/region_groups.csv");
pub const INDICATORS: &[u8] = include_bytes!("../../assets/indicators.csv");
pub const SNAPSHOT: &[u8] = include_bytes!("../../assets/snapshot.json");
pub const PUBLISHED: &[u8] = include_bytes!("../../assets/reference/province_reported.csv");
pub const BREAKS: &[u8] = include_bytes!("../../assets/breaks.csv");
pub const YEARBOOK_LABELS: &[u8] = include_bytes!("../../assets/yearbook_labels.csv");
