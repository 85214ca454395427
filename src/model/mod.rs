//! The domain: regions, indicators, observations and the data set that joins them.
//! Nothing here knows about terminals or files; loaders live in [`crate::load`].

pub mod dataset;
pub mod formula;
pub mod group;
pub mod indicator;
pub mod region;
pub mod snapshot;
pub mod unit;

pub use dataset::Dataset;
pub use group::Group;
pub use indicator::{Area, Catalog, Direction, Indicator, IndicatorId, Role};
pub use region::{RegionId, RegionTree};
pub use snapshot::{Observation, Snapshot, Source, SourceKind};
pub use unit::Unit;
