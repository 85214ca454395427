//! The JSON export. Its observations load back as a data set (`cpdash check`, `--data`; see
//! [`crate::load::snapshot_json`]).

use super::document::{Document, Needs, Part};
use super::error::ExportError;
use super::report::{ExportReport, Listed};

/// The JSON lists every value the metrics read.
pub const NEEDS: Needs = Needs { listed: Listed::Read, ..Needs::REPORT };

pub fn render(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(to_json(&doc.report).into_bytes()))
}

pub fn to_json(r: &ExportReport) -> String {
    // The report has only string keys and finite-or-null numbers: serialising it cannot fail.
    #[allow(clippy::expect_used)]
    let text = serde_json::to_string_pretty(r).expect("an export report serialises");
    text + "\n"
}
