//! Where the user is: the listed region and the focus, the selection, the year, the view and
//! the panes' options.

use super::region_table::{Column, TableNav};
use crate::model::indicator::Area;
use crate::model::RegionId;

/// What the right-hand pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Area(Area),
}

/// Which pane takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Regions,
    Areas,
}

/// Order of the region list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Data order (GB/T 2260 code order).
    Name,
    /// Best value first, by the indicator's direction; no data last.
    Value,
    /// Furthest from the target first; no data last.
    Gap,
}

impl Sort {
    /// The table's column whose order this is; `None` for code order.
    pub fn column(self) -> Option<Column> {
        match self {
            Sort::Name => None,
            Sort::Value => Some(Column::Value),
            Sort::Gap => Some(Column::Status),
        }
    }

    pub fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Value,
            Sort::Value => Sort::Gap,
            Sort::Gap => Sort::Name,
        }
    }
}

/// What the bottom pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bottom {
    /// The selected indicator across the listed regions, as bars.
    Bars,
    /// The same on a map.
    Map,
    /// The selected indicator over the years, for the focus and the pinned regions, with the
    /// values by year beside.
    Time,
    /// Whether the gap between the focus's children is closing: σ and β convergence.
    Convergence,
    /// Each group (the 26 mountainous counties, ...) against the rest.
    Groups,
}

impl Bottom {
    /// Whether the pane wants more height than the bars.
    pub fn tall(self) -> bool {
        !matches!(self, Bottom::Bars)
    }
}

/// Regions a time chart can compare at most (each with its own marker).
pub const MAX_PINS: usize = 6;

/// Which regions the map shades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapScope {
    /// The listed regions (the cities of the province, or a city's counties).
    Children,
    /// Every lowest-level region under the top (all counties).
    AllLeaves,
}

/// Where the user is.
#[derive(Debug, Clone, PartialEq)]
pub struct Navigation {
    /// The region whose children are listed.
    pub list_parent: RegionId,
    /// The region the area panes report on (the list parent, or a drilled-into leaf).
    pub focus: RegionId,
    /// The selected region of the list (`None`: the first row). Kept as the region, not as a
    /// row number, so that a new order or year keeps it selected.
    pub selected: Option<RegionId>,
    pub year: i32,
    pub view: View,
    pub pane: Pane,
    /// Overview: the highlighted area (0–5). Area view: the highlighted indicator row.
    pub area_cursor: usize,
    pub sort: Sort,
    pub bottom: Bottom,
    pub map_scope: MapScope,
    /// The table of a whole level, when open (it takes the place of the region and area panes).
    pub table: Option<TableNav>,
    /// The region list shows only the members of this group (tag).
    pub list_group: Option<String>,
    /// Regions pinned to the time chart, in pinning order.
    pub pins: Vec<RegionId>,
    /// The time chart shows each series as an index (100 in the first year all have a value).
    pub index: bool,
}
