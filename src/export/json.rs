//! The JSON export, and reading one back as a snapshot (its observations), so that an export is
//! a data set that `cpdash check` and `--data` accept.

use super::ExportReport;

pub fn to_json(r: &ExportReport) -> String {
    serde_json::to_string_pretty(r).expect("serializable") + "\n"
}

/// Parses an export; `Err` carries serde's message with line and column.
pub fn from_json(bytes: &[u8]) -> Result<ExportReport, serde_json::Error> {
    serde_json::from_slice(bytes)
}
