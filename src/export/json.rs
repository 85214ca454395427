//! The JSON export. Its observations load back as a data set (`cpdash check`, `--data`; see
//! [`crate::load::snapshot_json`]).

use super::report::ExportReport;

pub fn to_json(r: &ExportReport) -> String {
    // The report has only string keys and finite-or-null numbers: serialising it cannot fail.
    #[allow(clippy::expect_used)]
    let text = serde_json::to_string_pretty(r).expect("an export report serialises");
    text + "\n"
}
