//! Exports of the current view: the region, the year, its children, every area's gap metrics,
//! and the observations behind them with their sources. One [`ExportReport`] is built from the
//! library's metrics; the formats only lay it out.

pub mod csv_out;
pub mod files;
pub mod footnotes;
pub mod format;
pub mod html;
pub mod json;
pub mod listing;
pub mod report;
pub mod request;
pub mod svg;
pub mod text;
pub mod xlsx;

pub use files::{export_files, export_listing, file_name, ExportError, Target};
pub use format::ExportFormat;
pub use report::{build, build_with, ExportReport, Listed};
pub use request::{Request, YearSpan};
