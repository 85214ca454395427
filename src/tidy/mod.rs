//! Tidy tables for other tools: the whole metrics tables of `cpdash metrics` (CSV streamed,
//! or Parquet), the Parquet writer the export's tidy table also uses, and the year spans the
//! command line takes.

pub mod metrics_table;
pub mod parquet;
pub mod sink;
pub mod years;
