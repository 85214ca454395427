//! Exports of the current view: the region, the year, its children, every area's gap metrics,
//! and the observations behind them with their sources. One [`ExportReport`] is built from the
//! library's metrics, into one [`Document`] per export; each format renders that (see
//! [`format`] for the table of formats).

pub mod brief;
pub mod charts;
pub mod csv_out;
pub mod document;
pub mod error;
pub mod files;
pub mod footnotes;
pub mod format;
pub mod html;
pub mod json;
pub mod listing;
pub mod page;
pub mod pdf;
pub mod report;
pub mod request;
pub mod rows;
pub mod svg;
pub mod text;
pub mod xlsx;

pub use document::{Document, Needs};
pub use files::{export_files, export_listing, file_name, ExportError, Target};
pub use format::ExportFormat;
pub use report::{build, build_with, ExportReport, Listed};
pub use request::{Request, YearSpan};
