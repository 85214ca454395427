//! The mouse, against what the last frame drew: a click selects the row under it (a second
//! click drills down), the wheel moves the selection of the pane under the pointer.

use super::action::Action;
use super::effect::Effect;
use super::frame::{ClickOn, FrameInfo};
use super::navigation::Pane;
use super::state::App;

/// A mouse event, in screen cells; `at_ms` is when it happened (any monotonic clock), for
/// double clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
    pub at_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    LeftDown,
    ScrollUp,
    ScrollDown,
}

impl App {
    /// What the frame just drawn showed (the terminal loop reports it after each draw).
    pub fn frame_drawn(&mut self, info: FrameInfo) {
        self.last_frame = info;
        if let Some((_, scroll)) = &mut self.overlay.popup {
            *scroll = (*scroll).min(self.last_frame.popup_max_scroll);
        }
    }

    /// Handles a mouse event; nothing while a popup or the search box is open.
    pub fn on_mouse(&mut self, ev: Mouse) -> Option<Effect> {
        if self.overlay.popup.is_some() || self.overlay.search.is_some() {
            return None;
        }
        if self.nav.table.is_some() {
            return self.on_table_mouse(ev);
        }
        let hit = &self.last_frame;
        let rows = hit.region_rows;
        let over_areas = hit.areas_pane.contains(ev.column, ev.row);
        let area_line = hit.area_lines.iter().find(|(y, _)| *y == ev.row).map(|(_, i)| *i);
        match ev.kind {
            MouseKind::ScrollDown | MouseKind::ScrollUp => {
                self.nav.pane = if over_areas { Pane::Areas } else { Pane::Regions };
                self.apply(if ev.kind == MouseKind::ScrollDown { Action::MoveDown } else { Action::MoveUp })
            }
            MouseKind::LeftDown if over_areas => {
                if let Some(i) = area_line.filter(|_| ev.column > hit.areas_pane.x) {
                    self.nav.pane = Pane::Areas;
                    self.nav.area_cursor = i;
                    self.refresh();
                }
                None
            }
            MouseKind::LeftDown if rows.contains(ev.column, ev.row) => {
                let idx = hit.region_offset + (ev.row - rows.y) as usize;
                if idx >= self.cache.rows.len() {
                    return None;
                }
                self.nav.pane = Pane::Regions;
                self.nav.selected = Some(self.cache.rows[idx].region);
                if self.clicks.click(ev.at_ms, ClickOn::Regions, idx) {
                    self.drill_down();
                } else if self.nav.focus != self.nav.list_parent {
                    self.nav.focus = self.cache.rows[idx].region;
                }
                self.refresh();
                None
            }
            MouseKind::LeftDown => None,
        }
    }

    /// The mouse over the table: a click on a heading sorts by its column (again: reversed), on a
    /// row moves the cursor there (twice: goes to the region), the wheel moves the cursor.
    fn on_table_mouse(&mut self, ev: Mouse) -> Option<Effect> {
        let hit = &self.last_frame;
        match ev.kind {
            MouseKind::ScrollDown => return self.apply(Action::MoveDown),
            MouseKind::ScrollUp => return self.apply(Action::MoveUp),
            MouseKind::LeftDown => {}
        }
        if ev.row == hit.table_header_row {
            let col = hit.table_header.iter().find(|(a, b, _)| ev.column >= *a && ev.column < *b).map(|c| c.2);
            if let (Some(c), Some(t)) = (col, &mut self.nav.table) {
                t.reverse = t.sort == c && t.sort_extra.is_none() && !t.reverse;
                t.sort = c;
                t.sort_extra = None;
                t.cursor = 0;
                self.refresh();
            }
            return None;
        }
        if !hit.table_rows.contains(ev.column, ev.row) {
            return None;
        }
        let idx = hit.table_offset + (ev.row - hit.table_rows.y) as usize;
        if idx >= self.cache.listing.len() {
            return None;
        }
        if let Some(t) = &mut self.nav.table {
            t.cursor = idx;
        }
        if self.clicks.click(ev.at_ms, ClickOn::Table, idx) {
            return self.apply(Action::DrillDown);
        }
        None
    }
}
