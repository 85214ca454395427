//! What the app asks the terminal loop to do: the app itself does no I/O.

use std::path::PathBuf;

use super::region_table::Level;
use crate::export::{ExportFormat, Request};
use crate::model::{IndicatorId, RegionId};
use crate::strings::Lang;

/// Something the terminal loop must do for the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Stop the process as a shell's Ctrl-Z does (the terminal restored meanwhile).
    Suspend,
    /// Write the region's report for the years; report back with `App::exported`.
    Export {
        request: Request,
        formats: Vec<ExportFormat>,
        dir: PathBuf,
    },
    /// Write the rows the table lists, in its order (CSV and Markdown).
    ExportTable(TableExport),
}

/// What the table lists, for its export: the level's regions are ranked as on screen, and the
/// listed ones written in the listed order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableExport {
    pub scope: RegionId,
    pub level: Level,
    pub indicator: IndicatorId,
    /// The indicators added as columns beside it.
    pub extra: Vec<IndicatorId>,
    pub year: i32,
    pub listed: Vec<RegionId>,
    /// The filters and order in words, for the file's heading.
    pub filters: String,
    pub dir: PathBuf,
    pub lang: Lang,
}
