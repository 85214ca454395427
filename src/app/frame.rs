//! What the last frame drew, as input needs it: where the rows are (for the mouse), how far a
//! popup scrolls, and the clicks that make a double click.

use super::layout::Rect;
use super::region_table::Column;

/// What the last frame drew, as the app needs to know it: where the rows are (for the mouse)
/// and how far the help can scroll. The terminal loop reports it with `App::frame_drawn`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameInfo {
    /// The region list's pane, its rows, and the index of its first visible row.
    pub regions_pane: Rect,
    pub region_rows: Rect,
    pub region_offset: usize,
    /// The areas pane, and its clickable lines: (screen row, cursor index there).
    pub areas_pane: Rect,
    pub area_lines: Vec<(u16, usize)>,
    /// The open popup's last scroll offset that still fills its window, and the lines it shows.
    pub popup_max_scroll: u16,
    pub popup_rows: u16,
    /// The table of a level: its header's columns (x from, x to, column), its rows, and the
    /// first listed row shown.
    pub table_header: Vec<(u16, u16, Column)>,
    pub table_header_row: u16,
    pub table_rows: Rect,
    pub table_offset: usize,
}

/// Two clicks on the same row of the same list within this many milliseconds are a double click.
const DOUBLE_CLICK_MS: u64 = 400;

/// The list a click lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickOn {
    Regions,
    Table,
}

/// The last click, to tell a double click (one tracker for every list).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clicks {
    last: Option<(u64, ClickOn, usize)>,
}

impl Clicks {
    /// A click at `at_ms` on `row` of a list: whether it completes a double click (a third click
    /// then starts anew).
    pub fn click(&mut self, at_ms: u64, on: ClickOn, row: usize) -> bool {
        let double = matches!(self.last,
            Some((t, o, r)) if o == on && r == row && at_ms.saturating_sub(t) < DOUBLE_CLICK_MS);
        self.last = if double { None } else { Some((at_ms, on, row)) };
        double
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_double_click_is_two_on_one_row_of_one_list_in_time() {
        let mut c = Clicks::default();
        assert!(!c.click(1_000, ClickOn::Regions, 3));
        assert!(c.click(1_399, ClickOn::Regions, 3), "399 ms later on the same row");
        assert!(!c.click(1_500, ClickOn::Regions, 3), "a third click starts anew");
        assert!(!c.click(1_900, ClickOn::Regions, 3), "400 ms is too late");
        assert!(!c.click(2_000, ClickOn::Table, 3), "the same row of another list");
        assert!(!c.click(2_100, ClickOn::Table, 4), "another row");
        assert!(c.click(2_200, ClickOn::Table, 4));
    }
}
