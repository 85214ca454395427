//! Observations and their provenance.

use chrono::NaiveDate;

use super::indicator::IndicatorId;
use super::region::RegionId;

/// The `format` of a snapshot file, and the schema version this cpdash writes and reads.
pub const SNAPSHOT_FORMAT: &str = "cpdash-snapshot";
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 1;
/// The `format` of an export file (`cpdash export --format json`), which loads as a data set too.
pub const EXPORT_FORMAT: &str = "cpdash-export";
/// 2: `year_from` and `by_year` (an export of a span of years).
pub const EXPORT_SCHEMA_VERSION: u32 = 2;
/// Years a data set may hold; a year outside is refused on load.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// "… is not a year between 1900 and 2100": the one wording of a year out of [`YEARS`].
pub fn year_out_of_range(year: impl std::fmt::Display) -> String {
    format!("{year} is not a year between {} and {}", YEARS.start(), YEARS.end())
}

/// How official the page a value was read from is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// A government page (gov.cn).
    Government,
    /// Official news media.
    StateMedia,
    /// A copy of an official release on another site.
    Repost,
    /// Not classified (e.g. a user's own file).
    Other,
}

impl SourceKind {
    pub fn parse(s: &str) -> Option<SourceKind> {
        match s {
            "government" => Some(SourceKind::Government),
            "state_media" => Some(SourceKind::StateMedia),
            "repost" => Some(SourceKind::Repost),
            "" | "other" => Some(SourceKind::Other),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Government => "government",
            SourceKind::StateMedia => "state_media",
            SourceKind::Repost => "repost",
            SourceKind::Other => "other",
        }
    }
}

/// Where a value was read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    pub url: String,
    pub kind: SourceKind,
}

/// One sourced value. Sources are shared: `source` indexes the data set's source table.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub region: RegionId,
    pub indicator: IndicatorId,
    pub year: i32,
    pub value: f64,
    pub source: u32,
    pub note: Option<String>,
}

/// What a snapshot says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotMeta {
    pub id: String,
    pub title: String,
    pub as_of: NaiveDate,
    pub provenance: String,
}

/// A dated set of sourced observations, resolved against a region tree and a catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub meta: SnapshotMeta,
    pub sources: Vec<Source>,
    pub observations: Vec<Observation>,
}
