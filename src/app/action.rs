//! Every named action of the dashboard. One enum drives the key map, the config's `[keys]`
//! table, the help overlay and the footer, so they cannot drift apart.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    First,
    Last,
    DrillDown,
    GoUp,
    FocusNext,
    FocusPrev,
    Overview,
    Area1,
    Area2,
    Area3,
    Area4,
    Area5,
    Area6,
    PrevYear,
    NextYear,
    Search,
    Sort,
    Export,
    Language,
    Map,
    MapScope,
}

impl Action {
    pub const ALL: [Action; 27] = [
        Action::Quit,
        Action::Help,
        Action::MoveUp,
        Action::MoveDown,
        Action::PageUp,
        Action::PageDown,
        Action::First,
        Action::Last,
        Action::DrillDown,
        Action::GoUp,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Overview,
        Action::Area1,
        Action::Area2,
        Action::Area3,
        Action::Area4,
        Action::Area5,
        Action::Area6,
        Action::PrevYear,
        Action::NextYear,
        Action::Search,
        Action::Sort,
        Action::Export,
        Action::Language,
        Action::Map,
        Action::MapScope,
    ];

    /// The name used in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::MoveUp => "move_up",
            Action::MoveDown => "move_down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::First => "first",
            Action::Last => "last",
            Action::DrillDown => "drill_down",
            Action::GoUp => "go_up",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Overview => "overview",
            Action::Area1 => "area_1",
            Action::Area2 => "area_2",
            Action::Area3 => "area_3",
            Action::Area4 => "area_4",
            Action::Area5 => "area_5",
            Action::Area6 => "area_6",
            Action::PrevYear => "prev_year",
            Action::NextYear => "next_year",
            Action::Search => "search",
            Action::Sort => "sort",
            Action::Export => "export",
            Action::Language => "language",
            Action::Map => "map",
            Action::MapScope => "map_scope",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "show or hide this help",
            Action::MoveUp => "move the selection up",
            Action::MoveDown => "move the selection down",
            Action::PageUp => "move up a page",
            Action::PageDown => "move down a page",
            Action::First => "go to the first row",
            Action::Last => "go to the last row",
            Action::DrillDown => "drill down into the selected region (or open the selected area)",
            Action::GoUp => "go up one level (or close the area, search, help)",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::Overview => "overview of the six areas",
            Action::Area1 => "area 1: regional gap",
            Action::Area2 => "area 2: urban-rural gap",
            Action::Area3 => "area 3: income gap",
            Action::Area4 => "area 4: public services",
            Action::Area5 => "area 5: culture",
            Action::Area6 => "area 6: basic units",
            Action::PrevYear => "previous year",
            Action::NextYear => "next year",
            Action::Search => "search regions by name, pinyin, English or code",
            Action::Sort => "cycle the sort of the region list (name, value, gap)",
            Action::Export => "export the current region and year",
            Action::Language => "switch Chinese / English names",
            Action::Map => "show the map instead of the bar chart, or back",
            Action::MapScope => "map: the listed regions, or all counties",
        }
    }

    /// A short label for the footer.
    pub fn short(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::MoveUp | Action::MoveDown => "move",
            Action::DrillDown => "drill",
            Action::GoUp => "up",
            Action::FocusNext => "pane",
            Action::Overview => "overview",
            Action::Area1 => "area",
            Action::PrevYear | Action::NextYear => "year",
            Action::Search => "search",
            Action::Sort => "sort",
            Action::Export => "export",
            Action::Language => "中/EN",
            Action::Map => "map",
            _ => self.name(),
        }
    }

    /// The area an `AreaN` action opens (1–6).
    pub fn area_number(self) -> Option<usize> {
        match self {
            Action::Area1 => Some(1),
            Action::Area2 => Some(2),
            Action::Area3 => Some(3),
            Action::Area4 => Some(4),
            Action::Area5 => Some(5),
            Action::Area6 => Some(6),
            _ => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
