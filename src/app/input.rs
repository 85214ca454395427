//! Input, routed through layers as a stack: a popup over everything, then the search box, then
//! the table of a level, then the main screen. Each layer takes an action (perhaps with an
//! [`Effect`]) or passes it to the one below; the main screen takes every action. Keys become
//! actions through the key map of the mode in use, and typing goes to the search box or the
//! table's filter.

use super::action::{Action, Mode};
use super::effect::{Effect, TableExport};
use super::keys::{Key, KeyCode};
use super::navigation::{Bottom, MapScope, Pane, Sort, View, MAX_PINS};
use super::region_table::{self, Column, TableNav};
use super::search;
use super::state::{App, Popup, SearchState};
use crate::export::Request;
use crate::model::indicator::Area;
use crate::model::RegionId;
use crate::strings::Message;

/// A page: the rows the last frame showed of the list or popup paged (at least one).
fn page(rows: u16) -> i32 {
    i32::from(rows).max(1)
}

/// What a layer did with an action.
enum Taken {
    /// Taken, with what the terminal loop must do, if anything.
    Yes(Option<Effect>),
    /// Not this layer's: the one below gets it.
    Pass,
}

/// The input layers, top first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Popup,
    Search,
    Table,
    Main,
}

impl App {
    /// The layers open now, top first (the main screen always).
    fn layers(&self) -> impl Iterator<Item = Layer> {
        [
            (self.overlay.popup.is_some(), Layer::Popup),
            (self.overlay.search.is_some(), Layer::Search),
            (self.nav.table.is_some(), Layer::Table),
            (true, Layer::Main),
        ]
        .into_iter()
        .filter_map(|(open, l)| open.then_some(l))
    }

    /// Handles a key: the key map of the mode in use, and typing in the search box or the
    /// table's filter.
    pub fn on_key(&mut self, key: Key) -> Option<Effect> {
        let keymap = &self.settings.keymap;
        match self.mode() {
            Mode::Normal => keymap.action(Mode::Normal, key).and_then(|a| self.apply(a)),
            Mode::Search => {
                if let Some(action) = keymap.action(Mode::Search, key) {
                    return self.apply(action);
                }
                // The control keys of quit and suspend work everywhere.
                if let Some(a @ (Action::Quit | Action::Suspend)) =
                    keymap.action(Mode::Normal, key).filter(|_| key.ctrl)
                {
                    return self.apply(a);
                }
                if let (KeyCode::Char(c), false, false) = (key.code, key.ctrl, key.alt) {
                    self.type_char(c);
                }
                None
            }
        }
    }

    /// A character typed into the search box, or into the table's filter.
    fn type_char(&mut self, c: char) {
        // No name is longer: a paste of thousands of characters stops here rather than
        // searching again for each (which grew with the square of its length).
        let full = |q: &str| q.chars().count() >= search::MAX_QUERY;
        if let Some(s) = &mut self.overlay.search {
            if !full(&s.query) {
                s.query.push(c);
                self.search_update();
            }
        } else if let Some(t) = self.nav.table.as_mut().filter(|t| !full(&t.filter)) {
            // The list narrows with each key (htop's filter).
            t.filter.push(c);
            t.cursor = 0;
            self.refresh();
        }
    }

    /// Applies a named action through the layers; returns what the terminal loop must do.
    pub fn apply(&mut self, action: Action) -> Option<Effect> {
        let layers: Vec<Layer> = self.layers().collect();
        for layer in layers {
            if layer != Layer::Popup {
                // The footer's message lasts until the next action past a popup.
                self.overlay.message = None;
            }
            let taken = match layer {
                Layer::Popup => {
                    // A popup's keys change only the popup: nothing to recompute.
                    if let Taken::Yes(e) = self.popup_layer(action) {
                        return e;
                    }
                    continue;
                }
                Layer::Search => self.search_layer(action),
                Layer::Table => self.table_layer(action),
                Layer::Main => Taken::Yes(self.main_layer(action)),
            };
            if let Taken::Yes(effect) = taken {
                self.refresh();
                return effect;
            }
        }
        None
    }

    /// A popup scrolls; its own key, go_up and drill_down close it; quit passes; the rest waits.
    fn popup_layer(&mut self, action: Action) -> Taken {
        let Some((popup, scroll)) = self.overlay.popup.clone() else { return Taken::Pass };
        let max = self.last_frame.popup_max_scroll as i32;
        let by = |d: i32| Some((scroll as i32 + d).clamp(0, max) as u16);
        let page = page(self.last_frame.popup_rows);
        let next = match action {
            Action::MoveUp => by(-1),
            Action::MoveDown => by(1),
            Action::PageUp => by(-page),
            Action::PageDown => by(page),
            Action::First => Some(0),
            Action::Last => by(max),
            _ => None,
        };
        if let Some(n) = next {
            self.overlay.popup = Some((popup, n));
            return Taken::Yes(None);
        }
        let own = matches!(
            (&popup, action),
            (Popup::Help, Action::Help) | (Popup::Details, Action::Details) | (Popup::Messages, Action::Messages)
        );
        if own || matches!(action, Action::GoUp | Action::DrillDown) {
            self.overlay.popup = None;
        }
        match action {
            Action::Quit => Taken::Pass,
            _ => Taken::Yes(None),
        }
    }

    /// The search box's own actions.
    fn search_layer(&mut self, action: Action) -> Taken {
        match action {
            Action::SearchGo => self.search_jump(),
            Action::SearchCancel => self.overlay.search = None,
            Action::SearchPrev => self.search_move(-1),
            Action::SearchNext => self.search_move(1),
            Action::SearchDelete => {
                if let Some(s) = &mut self.overlay.search {
                    s.query.pop();
                }
                self.search_update();
            }
            _ => return Taken::Pass,
        }
        Taken::Yes(None)
    }

    /// The table of a level: its cursor, order, filters, level and columns, Tab through the
    /// area's indicators, its export; the rest (years, areas, help, quit, the bottom pane) passes.
    fn table_layer(&mut self, action: Action) -> Taken {
        let n = self.cache.listing.len();
        let page = i64::from(page(self.last_frame.table_rows.height));
        let Some(t) = self.nav.table.as_mut() else { return Taken::Pass };
        let move_to = |t: &mut TableNav, d: i64| {
            t.cursor = (t.cursor as i64 + d).clamp(0, n.saturating_sub(1) as i64) as usize;
        };
        match action {
            Action::MoveUp | Action::SearchPrev => move_to(t, -1),
            Action::MoveDown | Action::SearchNext => move_to(t, 1),
            Action::PageUp => move_to(t, -page),
            Action::PageDown => move_to(t, page),
            Action::First => move_to(t, i64::MIN / 2),
            Action::Last => move_to(t, i64::MAX / 2),
            Action::GoUp | Action::Table => self.nav.table = None,
            Action::DrillDown => {
                let target = self.cache.listing.row(t.cursor).map(|r| r.0);
                self.nav.table = None;
                if let Some(r) = target {
                    self.jump_to(r);
                    self.nav.pane = Pane::Regions;
                }
            }
            Action::FocusNext | Action::FocusPrev => self.table_indicator(action == Action::FocusNext),
            Action::Export => return Taken::Yes(self.table_export().map(Effect::ExportTable)),
            Action::Pin => self.pin(),
            _ => return self.table_filter(action),
        }
        Taken::Yes(None)
    }

    /// The table's order, filters, level and columns.
    fn table_filter(&mut self, action: Action) -> Taken {
        let Some((scope, level)) = self.nav.table.as_ref().map(|t| (t.scope, t.level.clone())) else {
            return Taken::Pass;
        };
        let regions = region_table::level_regions(&self.ds, scope, &level);
        let year = self.nav.year;
        let ind = self.indicator();
        let mut message = None;
        let Some(t) = self.nav.table.as_mut() else { return Taken::Pass };
        match action {
            Action::Sort => {
                // The columns in turn, then the added indicators, then back to the name.
                match t.sort_extra {
                    Some(k) if k + 1 < t.extra.len() => t.sort_extra = Some(k + 1),
                    Some(_) => {
                        t.sort_extra = None;
                        t.sort = Column::Name;
                    }
                    None if t.sort.next() == Column::Name && !t.extra.is_empty() => t.sort_extra = Some(0),
                    None => t.sort = t.sort.next(),
                }
                t.reverse = false;
            }
            Action::SortReverse => t.reverse = !t.reverse,
            Action::Search => t.typing = true,
            Action::SearchGo => t.typing = false,
            Action::SearchCancel => {
                t.typing = false;
                t.filter.clear();
            }
            Action::SearchDelete => _ = t.filter.pop(),
            Action::GroupFilter => {
                let groups = region_table::groups_among(&self.ds, &regions, year);
                t.group = region_table::cycle(&t.group, &groups);
                if groups.is_empty() {
                    message = Some(Message::NoGroupHere);
                }
            }
            Action::ParentFilter => {
                let parents = region_table::parents_of(&self.ds, &regions);
                t.parent = region_table::cycle(&t.parent, &parents);
            }
            Action::TableLevel => {
                let levels = region_table::levels_under(&self.ds, scope);
                let next = levels.iter().position(|l| *l == t.level).map_or(0, |p| (p + 1) % levels.len().max(1));
                if let Some(l) = levels.get(next) {
                    t.level = l.clone();
                }
                t.parent = None;
            }
            Action::TableAddColumn => {
                if t.extra.contains(&ind) {
                    message = Some(Message::AlreadyAColumn);
                } else if t.extra.len() >= region_table::MAX_EXTRA {
                    message = Some(Message::TooManyColumns(region_table::MAX_EXTRA));
                } else {
                    t.extra.push(ind);
                    let short = self.settings.lang.indicator_short(self.ds.catalog.get(ind)).to_string();
                    message = Some(Message::ColumnAdded(short));
                }
            }
            Action::TableRemoveColumn => {
                t.extra.pop();
                if t.sort_extra.is_some_and(|k| k >= t.extra.len()) {
                    t.sort_extra = None;
                }
            }
            Action::ColumnsLeft => t.skip = t.skip.saturating_sub(1),
            Action::ColumnsRight => t.skip = (t.skip + 1).min(region_table::COLUMNS.len() - 2),
            _ => return Taken::Pass,
        }
        // A new order, filter or level lists from the top; the columns, typing and a cleared
        // filter keep the cursor.
        let keeps = [
            Action::ColumnsLeft,
            Action::ColumnsRight,
            Action::Search,
            Action::SearchGo,
            Action::SearchCancel,
            Action::TableAddColumn,
            Action::TableRemoveColumn,
        ];
        if !keeps.contains(&action) {
            t.cursor = 0;
        }
        if let Some(m) = message {
            self.say(m);
        }
        Taken::Yes(None)
    }

    /// Tab in the table: the next (or previous) indicator of the area, its table from the top.
    fn table_indicator(&mut self, forward: bool) {
        let area = self.current_area();
        let len = self.report(area).map_or(0, |r| r.rows.len());
        if len > 0 {
            let step = if forward { 1 } else { len - 1 };
            if self.nav.view == View::Overview {
                self.nav.view = View::Area(area);
                self.nav.area_cursor = self.headline_index();
            }
            self.nav.area_cursor = (self.nav.area_cursor + step) % len;
        }
        if let Some(t) = self.nav.table.as_mut() {
            t.cursor = 0;
        }
    }

    /// What the table lists, for its export.
    fn table_export(&self) -> Option<TableExport> {
        let t = self.nav.table.as_ref()?;
        let listed: Vec<RegionId> =
            (0..self.cache.listing.len()).filter_map(|i| self.cache.listing.row(i).map(|r| r.0)).collect();
        Some(TableExport {
            scope: t.scope,
            level: t.level.clone(),
            indicator: self.indicator(),
            extra: t.extra.clone(),
            year: self.nav.year,
            listed,
            filters: self.table_filters_text(t),
            dir: self.settings.export_dir.clone(),
            lang: self.settings.lang,
        })
    }

    /// The main screen takes every action.
    fn main_layer(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Export => {
                let years = self.settings.export_years.resolve(self.nav.year, self.years());
                return Some(Effect::Export {
                    request: Request { years, ..Request::one(self.nav.focus, 0, self.settings.lang) },
                    formats: self.settings.export_formats.clone(),
                    dir: self.settings.export_dir.clone(),
                });
            }
            _ if self.navigate(action) => {}
            _ => self.switch(action),
        }
        None
    }

    /// Moving: the selection, down and up the tree, between panes, areas and years, the search.
    /// Whether the action was one of these.
    fn navigate(&mut self, action: Action) -> bool {
        match action {
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-page(self.last_frame.region_rows.height)),
            Action::PageDown => self.move_by(page(self.last_frame.region_rows.height)),
            Action::First => self.move_by(-(i32::MAX / 2)),
            Action::Last => self.move_by(i32::MAX / 2),
            Action::DrillDown => match (self.nav.pane, self.nav.view) {
                (Pane::Areas, View::Overview) => {
                    self.nav.view = View::Area(Area::SIX[self.nav.area_cursor.min(5)]);
                    self.nav.area_cursor = self.headline_index();
                }
                _ => self.drill_down(),
            },
            Action::GoUp => {
                // Listing the top's children there is no level to go up to: an open area closes,
                // as help says, whichever pane has the focus.
                let at_top = self.ds.regions.parent(self.nav.list_parent).is_none();
                match self.nav.view {
                    View::Area(a) if at_top || self.nav.pane == Pane::Areas => {
                        self.nav.view = View::Overview;
                        self.nav.area_cursor = a.number() - 1;
                    }
                    _ => self.go_up(),
                }
            }
            Action::FocusNext | Action::FocusPrev => {
                self.nav.pane = match self.nav.pane {
                    Pane::Regions => Pane::Areas,
                    Pane::Areas => Pane::Regions,
                }
            }
            Action::Overview => {
                if let View::Area(a) = self.nav.view {
                    self.nav.area_cursor = a.number() - 1;
                }
                self.nav.view = View::Overview;
            }
            Action::Area1 | Action::Area2 | Action::Area3 | Action::Area4 | Action::Area5 | Action::Area6 => {
                if let Some(n) = action.area_number() {
                    self.nav.view = View::Area(Area::SIX[n - 1]);
                    self.nav.area_cursor = self.headline_index();
                }
            }
            Action::PrevYear => self.shift_year(-1),
            Action::NextYear => self.shift_year(1),
            Action::Search => self.overlay.search = Some(SearchState::default()),
            _ => return false,
        }
        true
    }

    /// Switching what is shown and how: popups, the bottom pane, the table, the order, the
    /// language, the sources, the trend window, the group filter.
    fn switch(&mut self, action: Action) {
        match action {
            Action::Help => {
                self.overlay.popup = Some((Popup::Help, 0));
                if self.cache.source_counts.is_empty() {
                    for (_, _, _, c) in self.ds.observations() {
                        *self.cache.source_counts.entry(c.source.kind).or_insert(0) += 1;
                    }
                }
            }
            Action::Details => self.overlay.popup = Some((Popup::Details, 0)),
            Action::Messages => self.overlay.popup = Some((Popup::Messages, 0)),
            Action::Sort => {
                // Sorting by the gap to a target needs a target: without one, say so and skip it.
                let mut next = self.nav.sort.next();
                if next == Sort::Gap && !self.cache.rows.iter().any(|r| r.row.applicable_target.is_some()) {
                    next = next.next();
                    self.say(Message::NoTargetToSortBy);
                }
                self.nav.sort = next;
            }
            Action::Language => self.settings.lang = self.settings.lang.toggle(),
            Action::OfficialOnly => self.toggle_official_only(),
            Action::TrendWindow => {
                let windows = crate::metrics::trend::WINDOWS;
                let next = windows.iter().copied().find(|w| *w > self.ds.trend_window).unwrap_or(windows[0]);
                self.set_trend_window(next);
                self.say(Message::TrendWindow(next));
            }
            Action::Map => self.toggle_bottom(Bottom::Map),
            Action::MapScope => {
                // The scope serves the map and the convergence view.
                if self.nav.bottom != Bottom::Convergence {
                    self.nav.bottom = Bottom::Map;
                }
                self.nav.map_scope = match self.nav.map_scope {
                    MapScope::Children => MapScope::AllLeaves,
                    MapScope::AllLeaves => MapScope::Children,
                }
            }
            Action::Table => {
                let has_target = self.ds.catalog.get(self.indicator()).target.is_some();
                self.nav.table = Some(TableNav::new(self.nav.focus, has_target));
            }
            Action::GroupFilter => {
                let children = self.ds.regions.children(self.nav.list_parent).to_vec();
                let groups = region_table::groups_among(&self.ds, &children, self.nav.year);
                if groups.is_empty() {
                    self.say(Message::NoGroupHere);
                }
                self.nav.list_group = region_table::cycle(&self.nav.list_group, &groups);
                self.nav.selected = None;
            }
            Action::TimeChart => self.toggle_bottom(Bottom::Time),
            Action::Convergence => self.toggle_bottom(Bottom::Convergence),
            Action::GroupPanel => self.toggle_bottom(Bottom::Groups),
            Action::Pin => self.pin(),
            Action::IndexView => self.nav.index = !self.nav.index,
            // Table actions with the table closed: nothing to do.
            Action::TableLevel
            | Action::SortReverse
            | Action::ColumnsLeft
            | Action::ColumnsRight
            | Action::TableAddColumn
            | Action::TableRemoveColumn
            | Action::ParentFilter => self.say(Message::TableOnly),
            // The search box's actions with the box closed, and those [`App::main_layer`] and
            // [`App::navigate`] took: nothing to do.
            _ => {}
        }
    }

    /// Shows `pane` in the bottom pane, or the bars if it is already shown.
    fn toggle_bottom(&mut self, pane: Bottom) {
        self.nav.bottom = if self.nav.bottom == pane { Bottom::Bars } else { pane };
    }

    /// Pins the region under the cursor to the time chart, or unpins it.
    fn pin(&mut self) {
        let Some(r) = self.cursor_region() else { return };
        if let Some(pos) = self.nav.pins.iter().position(|p| *p == r) {
            self.nav.pins.remove(pos);
        } else if self.nav.pins.len() >= MAX_PINS {
            self.say(Message::TooManyPins(MAX_PINS));
        } else {
            self.nav.pins.push(r);
            if self.nav.bottom != Bottom::Time {
                self.nav.bottom = Bottom::Time;
            }
        }
    }
}
