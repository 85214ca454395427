//! Gap metrics of the six areas, computed from a [`Dataset`](crate::model::Dataset).
//!
//! One implementation serves the dashboard, the exports and the tests:
//! - [`status`]: distance to an official target, in four levels;
//! - [`trend`]: the pace over the years against the pace the target needs;
//! - [`dispersion`]: max/min, CV, Gini and Theil across a set of regions;
//! - [`rank`]: a region's place among its siblings;
//! - [`report`]: all of it for one region, year and area, with stable metric ids.

pub mod classes;
pub mod convergence;
pub mod dispersion;
pub mod metric;
pub mod rank;
pub mod report;
pub mod status;
pub mod trend;

pub use metric::{Metric, MetricId, Over};
pub use report::{area_report, area_rows, indicator_dispersion, AreaReport, IndicatorRow};
pub use status::Status;
pub use trend::{Trend, TrendKind};
