//! Reading and writing data files: the CSV tables, the long-format observations, the snapshot
//! JSON, and the data bundled into the binary. Every error names the file, the line and the field.

pub mod breaks_csv;
pub mod bundled;
pub mod cache;
pub mod catalog_csv;
pub mod collected;
pub mod data_dir;
pub mod error;
pub mod import;
pub mod observations_csv;
pub mod ole;
pub mod published_csv;
pub mod rebuild;
pub mod regions_csv;
pub mod sheet;
pub mod sheet_bounds;
pub mod snapshot_json;
pub mod table;
pub mod wide_csv;
pub mod xls_scan;
pub mod xlsx_parts;
pub mod yearbook_labels;

pub use data_dir::{load_dataset, load_dataset_cached, load_dataset_noting, DataSource};
pub use error::{LoadError, LoadErrors};
