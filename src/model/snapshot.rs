//! Observations and their provenance.

use chrono::NaiveDate;

use super::indicator::IndicatorId;
use super::region::RegionId;

/// The `format` of a snapshot file, and the schema version this cpdash writes and reads.
pub const SNAPSHOT_FORMAT: &str = "cpdash-snapshot";
/// 2: a source may carry a publication's `title`, `copy_url` and `cell` (version 1 files load).
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 2;
/// The `format` of an export file (`cpdash export --format json`), which loads as a data set too.
pub const EXPORT_FORMAT: &str = "cpdash-export";
/// 2: `year_from` and `by_year` (an export of a span of years). 3: an observation may carry
/// `source_title`, `copy_url` and `cell` (a value read from a publication).
pub const EXPORT_SCHEMA_VERSION: u32 = 3;
/// Years a data set may hold; a year outside is refused on load.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// "… is not a year between 1900 and 2100": the one wording of a year out of [`YEARS`].
pub fn year_out_of_range(year: impl std::fmt::Display) -> String {
    format!("{year} is not a year between {} and {}", YEARS.start(), YEARS.end())
}

/// How official the page a value was read from is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// An official statistical publication (a yearbook table), cited by edition, table and
    /// cell; `url` is the publisher's address, `copy_url` the copy it was read from.
    Publication,
    /// A government page (gov.cn).
    Government,
    /// Official news media.
    StateMedia,
    /// A copy of an official release on another site.
    Repost,
    /// Not classified (e.g. a user's own file).
    Other,
}

/// Every kind with its key, most official first.
pub const SOURCE_KINDS: [(SourceKind, &str); 5] = [
    (SourceKind::Publication, "publication"),
    (SourceKind::Government, "government"),
    (SourceKind::StateMedia, "state_media"),
    (SourceKind::Repost, "repost"),
    (SourceKind::Other, "other"),
];

impl SourceKind {
    pub fn parse(s: &str) -> Option<SourceKind> {
        if s.is_empty() {
            return Some(SourceKind::Other);
        }
        SOURCE_KINDS.iter().find(|(_, k)| *k == s).map(|(kind, _)| *kind)
    }

    pub fn key(self) -> &'static str {
        SOURCE_KINDS.iter().find(|(k, _)| *k == self).map_or("other", |(_, key)| key)
    }

    /// "… is not one of publication, government, …": the one wording of a bad kind.
    pub fn unknown(s: &str) -> String {
        let keys: Vec<&str> = SOURCE_KINDS.iter().map(|(_, k)| *k).collect();
        format!("\"{s}\" is not one of {}", keys.join(", "))
    }
}

/// Where a value was read: a page, or a publication's table and cell with the copy it was read
/// from. Each cell of a table is a source of its own (sources are shared by index, so a table
/// of 500 values costs 500 small entries).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    pub url: String,
    pub kind: SourceKind,
    /// The publication and table (`浙江统计年鉴2025 表17-42 各市、县文化和卫生事业主要指标（2024年）`).
    pub title: Option<String>,
    /// The address of the copy the value was read from, where it is not `url`.
    pub copy_url: Option<String>,
    /// The table cell (`D12`).
    pub cell: Option<String>,
}

impl Source {
    /// A page's address and kind, nothing more.
    pub fn page(url: impl Into<String>, kind: SourceKind) -> Source {
        Source { url: url.into(), kind, title: None, copy_url: None, cell: None }
    }
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
    /// The title in English, where the data set gives one (else the title is shown in both).
    pub title_en: Option<String>,
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
