//! The dashboard's state and behaviour, with no drawing and no I/O: named actions, the key map,
//! the search, and the state they change. An action that must reach outside (an export, quitting)
//! comes back as an [`Effect`] for the terminal loop to perform. Tested without a terminal.
//!
//! The state is split by what it is for: [`Navigation`] (where the user is), [`Overlays`] (search,
//! help, message), [`ViewCache`] (everything a frame shows, computed in [`App::refresh`] so that
//! drawing only reads) and [`Settings`] (what the dashboard was started with).

pub mod action;
pub mod analysis;
pub mod keys;
pub mod layout;
pub mod navigation;
pub mod region_table;
pub mod search;
pub mod view_cache;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use action::{Action, Mode};
pub use keys::{Key, KeyCode, Keymap};
pub use navigation::{Bottom, MapScope, Navigation, Pane, Sort, View, MAX_PINS};
pub use region_table::{Column, Level, TableNav};
pub use view_cache::{MapView, RegionRow, ViewCache};

use crate::export::{ExportFormat, Request, YearSpan};
use crate::metrics::report::AreaReport;
use crate::metrics::{Metric, MetricId};
use crate::model::indicator::{Area, Role};
use crate::model::{Dataset, IndicatorId, RegionId, SourceKind};
use crate::strings::{Lang, Message};
use layout::Rect;

/// The incremental search box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub results: Vec<RegionId>,
    pub cursor: usize,
}

/// A scrollable text over the panes, closed with the keys of `go_up` (or its own key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help,
    /// Everything about the highlighted indicator (what the detail pane has no room for).
    Details,
    /// The recent messages.
    Messages,
    /// A message in full (an export's paths) until dismissed.
    Notice(Message),
}

/// What lies over the panes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlays {
    pub search: Option<SearchState>,
    /// A popup, open at this scroll offset.
    pub popup: Option<(Popup, u16)>,
    /// The footer's message until the next key.
    pub message: Option<Message>,
    /// The messages of the session, oldest first (at most [`MESSAGE_LOG`]).
    pub log: Vec<Message>,
}

/// How many messages the log keeps.
pub const MESSAGE_LOG: usize = 50;

/// What the dashboard was started with.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub keymap: Keymap,
    pub lang: Lang,
    /// Where `e` writes, and in which formats.
    pub export_dir: PathBuf,
    pub export_formats: Vec<ExportFormat>,
    pub export_years: YearSpan,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keymap: Keymap::default(),
            lang: Lang::Zh,
            export_dir: PathBuf::from("./exports"),
            export_formats: vec![ExportFormat::Json, ExportFormat::Csv, ExportFormat::Md],
            export_years: YearSpan::Current,
        }
    }
}

/// Something the terminal loop must do for the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Stop the process as a shell's Ctrl-Z does (the terminal restored meanwhile).
    Suspend,
    /// Write the region's report for the years; report back with [`App::exported`].
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
    pub year: i32,
    pub listed: Vec<RegionId>,
    /// The filters and order in words, for the file's heading.
    pub filters: String,
    pub dir: PathBuf,
    pub lang: Lang,
}

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

/// What the last frame drew, as the app needs to know it: where the rows are (for the mouse)
/// and how far the help can scroll. The terminal loop reports it with [`App::frame_drawn`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameInfo {
    /// The region list's pane, its rows, and the index of its first visible row.
    pub regions_pane: Rect,
    pub region_rows: Rect,
    pub region_offset: usize,
    /// The areas pane, and its clickable lines: (screen row, cursor index there).
    pub areas_pane: Rect,
    pub area_lines: Vec<(u16, usize)>,
    /// The open popup's last scroll offset that still fills its window.
    pub popup_max_scroll: u16,
    /// The table of a level: its header's columns (x from, x to, column), its rows, and the
    /// first listed row shown.
    pub table_header: Vec<(u16, u16, Column)>,
    pub table_header_row: u16,
    pub table_rows: Rect,
    pub table_offset: usize,
}

/// Two clicks on the same row within this many milliseconds drill down.
const DOUBLE_CLICK_MS: u64 = 400;

pub struct App {
    pub ds: Dataset,
    /// The whole data set while `ds` shows official sources only ([`Action::OfficialOnly`]).
    full: Option<Dataset>,
    pub settings: Settings,
    pub lang: Lang,
    pub nav: Navigation,
    pub overlay: Overlays,
    pub cache: ViewCache,
    /// The terminal's size in cells, as last reported.
    size: (u16, u16),
    last_click: Option<(u64, usize)>,
    last_frame: FrameInfo,
}

impl App {
    pub fn new(ds: Dataset, settings: Settings) -> App {
        let root = ds.regions.roots().first().copied().unwrap_or(RegionId(0));
        // The catalog names the opening indicators, in order of preference; the first that the
        // listed regions cover opens, with its area (Dataset::opening_view).
        let (opening, year) = ds.opening_view();
        let area = opening.map_or(Area::Income, |i| ds.catalog.get(i).area);
        let mut app = App {
            lang: settings.lang,
            settings,
            nav: Navigation {
                list_parent: root,
                focus: root,
                selected: 0,
                year,
                view: View::Overview,
                pane: Pane::Regions,
                area_cursor: area.number().saturating_sub(1),
                sort: Sort::Name,
                bottom: Bottom::Bars,
                map_scope: MapScope::Children,
                table: None,
                list_group: None,
                pins: Vec::new(),
                index: false,
            },
            overlay: Overlays::default(),
            cache: ViewCache::default(),
            size: (0, 0),
            last_click: None,
            last_frame: FrameInfo::default(),
            ds,
            full: None,
        };
        app.refresh();
        app
    }

    /// Whether reposted values are hidden.
    pub fn official_only(&self) -> bool {
        self.full.is_some()
    }

    /// Hides the values only a repost gives, or shows them again; every view is recomputed.
    fn toggle_official_only(&mut self) {
        let message = match self.full.take() {
            Some(full) => {
                self.ds = full;
                Message::AllSources
            }
            None => match self.ds.without_kind(SourceKind::Repost) {
                None => return self.say(Message::NoReposts),
                Some(filtered) => {
                    let hidden = self.ds.n_observations() - filtered.n_observations();
                    self.full = Some(std::mem::replace(&mut self.ds, filtered));
                    Message::OfficialOnly(hidden)
                }
            },
        };
        self.cache = ViewCache::default();
        self.refresh();
        self.say(message);
    }

    /// Sets how far back a trend's pace looks, in the data shown and in the full data kept
    /// aside, and recomputes.
    pub fn set_trend_window(&mut self, years: i32) {
        self.ds.trend_window = years;
        if let Some(full) = &mut self.full {
            full.trend_window = years;
        }
        self.cache = ViewCache::default();
        self.refresh();
    }

    /// The terminal's new size: the map is rasterised for the size it is drawn at.
    pub fn resize(&mut self, width: u16, height: u16) {
        if self.size != (width, height) {
            self.size = (width, height);
            self.refresh();
        }
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The layout of the current frame, if the terminal is large enough.
    pub fn screen(&self) -> Option<layout::Screen> {
        let bottom = match (self.nav.bottom, self.nav.table.is_some()) {
            (Bottom::Bars | Bottom::Map, true) => layout::BottomSize::Hidden,
            (b, _) if b.tall() => layout::BottomSize::Tall,
            _ => layout::BottomSize::Normal,
        };
        layout::Screen::of(self.size.0, self.size.1, bottom)
    }

    /// The key map live now.
    pub fn mode(&self) -> Mode {
        if self.overlay.search.is_some() || self.nav.table.as_ref().is_some_and(|t| t.typing) {
            Mode::Search
        } else {
            Mode::Normal
        }
    }

    pub fn keymap(&self) -> &Keymap {
        &self.settings.keymap
    }

    /// Forgets every computed report; the next action recomputes what it shows (benchmarks
    /// use it to measure the uncached path).
    pub fn clear_cache(&mut self) {
        self.cache.clear();
    }

    /// The region rows of the list, in sort order.
    pub fn rows(&self) -> &[RegionRow] {
        &self.cache.rows
    }

    /// The dispersion metrics of an indicator for the focus region and year, if computed (the
    /// shown indicator's and the overview's always are).
    pub fn dispersion(&self, ind: IndicatorId) -> &[Metric] {
        self.cache.dispersions.get(&(self.nav.focus, self.nav.year, ind)).map_or(&[], Vec::as_slice)
    }

    /// A dispersion metric of an indicator.
    pub fn dispersion_metric(&self, id: MetricId, ind: IndicatorId) -> Option<&Metric> {
        self.dispersion(ind).iter().find(|m| m.id == id)
    }

    /// The report of an area for the focus region and year (computed by [`App::refresh`]).
    pub fn report(&self, area: Area) -> Option<&AreaReport> {
        self.cache.reports.get(&(self.nav.focus, self.nav.year, area))
    }

    /// The area whose indicators the cursor points at.
    pub fn current_area(&self) -> Area {
        match self.nav.view {
            View::Area(a) => a,
            View::Overview => Area::SIX[self.nav.area_cursor.min(5)],
        }
    }

    /// The indicator shown in the region list and the bar chart.
    pub fn indicator(&self) -> IndicatorId {
        let report = self.report(self.current_area());
        let row = report.and_then(|r| match self.nav.view {
            View::Area(_) => r.rows.get(self.nav.area_cursor),
            View::Overview => r.headline(),
        });
        row.map(|r| r.indicator)
            .or_else(|| report.and_then(|r| r.rows.first()).map(|r| r.indicator))
            .or_else(|| self.ds.catalog.role(Role::Opening))
            .unwrap_or(IndicatorId(0))
    }

    pub fn selected_region(&self) -> Option<RegionId> {
        self.cache.rows.get(self.nav.selected).map(|r| r.region)
    }

    /// The region under the cursor: the table's row when the table is open, else the list's.
    pub fn cursor_region(&self) -> Option<RegionId> {
        match &self.nav.table {
            Some(t) => self.cache.listing.row(t.cursor).map(|r| r.0),
            None => self.selected_region(),
        }
    }

    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.ds.years()
    }

    /// Observations per source kind (counted when the help first opens).
    pub fn source_counts(&self) -> &BTreeMap<SourceKind, usize> {
        &self.cache.source_counts
    }

    /// Recomputes what the frame shows from the navigation state: the six reports, the
    /// dispersions on screen, the region rows and the map.
    pub fn refresh(&mut self) {
        let indicator_of = |app: &App| app.indicator();
        self.cache.refresh_reports(&self.ds, &self.nav);
        // Dispersion for what is on screen: the selected indicator, and the candidates of the
        // overview's regional line.
        let mut wanted = vec![(self.current_area(), self.indicator())];
        let catalog = &self.ds.catalog;
        for i in catalog.with_role(Role::OverviewDispersion).chain(catalog.with_role(Role::OverviewDispersionFallback))
        {
            wanted.push((self.ds.catalog.get(i).area, i));
        }
        self.cache.refresh_dispersions(&self.ds, &self.nav, &wanted);
        if let View::Area(_) = self.nav.view {
            let n = self.report(self.current_area()).map_or(0, |r| r.rows.len());
            self.nav.area_cursor = self.nav.area_cursor.min(n.saturating_sub(1));
        }
        let keep = self.selected_region();
        let ind = indicator_of(self);
        if self.cache.refresh_rows(&self.ds, &self.nav, ind) {
            self.nav.selected = keep
                .and_then(|k| self.cache.rows.iter().position(|r| r.region == k))
                .unwrap_or(self.nav.selected)
                .min(self.cache.rows.len().saturating_sub(1));
        }
        let canvas = match (self.nav.bottom, self.screen().and_then(|s| s.map_parts())) {
            (Bottom::Map, Some((canvas, _))) => Some(canvas),
            _ => None,
        };
        let selected = self.selected_region();
        self.cache.refresh_map(&self.ds, &self.nav, ind, canvas, selected);
        if let Some(t) = &mut self.nav.table {
            self.cache.listing.build(&self.ds, t, ind, self.nav.year);
            t.cursor = t.cursor.min(self.cache.listing.len().saturating_sub(1));
        }
        self.cache.refresh_analysis(&self.ds, &self.nav, ind);
    }

    /// Handles a key: the search box's keys and typing while it is open, else the key map.
    pub fn on_key(&mut self, key: Key) -> Option<Effect> {
        let keymap = &self.settings.keymap;
        match self.mode() {
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
                    // No name is longer: a paste of thousands of characters stops here rather
                    // than searching again for each (which grew with the square of its length).
                    let full = |q: &str| q.chars().count() >= search::MAX_QUERY;
                    if self.overlay.search.as_ref().is_some_and(|s| full(&s.query))
                        || (self.overlay.search.is_none() && self.nav.table.as_ref().is_some_and(|t| full(&t.filter)))
                    {
                        return None;
                    }
                    if let Some(s) = &mut self.overlay.search {
                        s.query.push(c);
                        self.search_update();
                    } else if let Some(t) = &mut self.nav.table {
                        // The list narrows with each key (htop's filter).
                        t.filter.push(c);
                        t.cursor = 0;
                        self.refresh();
                    }
                }
                None
            }
            Mode::Normal => keymap.action(Mode::Normal, key).and_then(|a| self.apply(a)),
        }
    }

    /// Applies a named action; returns what the terminal loop must do, if anything.
    pub fn apply(&mut self, action: Action) -> Option<Effect> {
        if let Some((popup, scroll)) = self.overlay.popup.clone() {
            let max = self.last_frame.popup_max_scroll as i32;
            let by = |d: i32| Some((scroll as i32 + d).clamp(0, max) as u16);
            let page = (self.size.1 as i32 - 6).max(1);
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
                return None;
            }
            // The popup's own key, go_up and drill_down close it; quit quits; the rest waits.
            let own = matches!(
                (&popup, action),
                (Popup::Help, Action::Help) | (Popup::Details, Action::Details) | (Popup::Messages, Action::Messages)
            );
            if own || matches!(action, Action::GoUp | Action::DrillDown) {
                self.overlay.popup = None;
                return None;
            }
            if action != Action::Quit {
                return None;
            }
        }
        self.overlay.message = None;
        if self.nav.table.is_some() {
            if let Some(effect) = self.apply_in_table(action) {
                self.refresh();
                return effect;
            }
        }
        let mut effect = None;
        match action {
            Action::Quit => effect = Some(Effect::Quit),
            Action::Suspend => effect = Some(Effect::Suspend),
            Action::Help => {
                self.overlay.popup = Some((Popup::Help, 0));
                if self.cache.source_counts.is_empty() {
                    for (_, _, _, c) in self.ds.observations() {
                        *self.cache.source_counts.entry(c.source.kind).or_insert(0) += 1;
                    }
                }
            }
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::First => self.move_by(-(i32::MAX / 2)),
            Action::Last => self.move_by(i32::MAX / 2),
            Action::DrillDown => match (self.nav.pane, self.nav.view) {
                (Pane::Areas, View::Overview) => {
                    self.nav.view = View::Area(Area::SIX[self.nav.area_cursor.min(5)]);
                    self.nav.area_cursor = self.headline_index();
                }
                _ => self.drill_down(),
            },
            Action::Details => self.overlay.popup = Some((Popup::Details, 0)),
            Action::Messages => self.overlay.popup = Some((Popup::Messages, 0)),
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
            Action::Sort => {
                // Sorting by the gap to a target needs a target: without one, say so and skip it.
                let mut next = self.nav.sort.next();
                if next == Sort::Gap && !self.cache.rows.iter().any(|r| r.row.applicable_target.is_some()) {
                    next = next.next();
                    self.say(Message::NoTargetToSortBy);
                }
                self.nav.sort = next;
            }
            Action::Export => {
                let years = self.settings.export_years.resolve(self.nav.year, self.years());
                effect = Some(Effect::Export {
                    request: Request { region: self.nav.focus, years, area: None, lang: self.lang },
                    formats: self.settings.export_formats.clone(),
                    dir: self.settings.export_dir.clone(),
                })
            }
            Action::Language => self.lang = self.lang.toggle(),
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
                self.nav.selected = 0;
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
            | Action::ParentFilter => self.say(Message::TableOnly),
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
        }
        self.refresh();
        effect
    }

    /// What an export the app asked for ([`Effect::Export`]) came to: the files written, or why
    /// not. The footer says so.
    pub fn exported(&mut self, result: Result<Vec<PathBuf>, String>) {
        let m = match result {
            Ok(paths) => Message::Exported(paths.iter().map(|p| p.display().to_string()).collect()),
            Err(e) => Message::ExportFailed(e),
        };
        // The paths in full until dismissed; the footer's line is cut on a narrow terminal.
        self.overlay.popup = Some((Popup::Notice(m.clone()), 0));
        self.say(m);
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

    /// An action while the table is open: `Some(effect)` when the table took it, `None` when it
    /// works as elsewhere (years, areas, help, quit, the bottom pane).
    fn apply_in_table(&mut self, action: Action) -> Option<Option<Effect>> {
        let n = self.cache.listing.len();
        let page = (self.last_frame.table_rows.height as i64).max(1);
        let ind = self.indicator();
        let (scope, level) = self.nav.table.as_ref().map(|t| (t.scope, t.level.clone()))?;
        let regions = region_table::level_regions(&self.ds, scope, &level);
        let year = self.nav.year;
        let mut message = None;
        let t = self.nav.table.as_mut()?;
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
            Action::Sort => {
                t.sort = t.sort.next();
                t.reverse = false;
                t.cursor = 0;
            }
            Action::SortReverse => {
                t.reverse = !t.reverse;
                t.cursor = 0;
            }
            Action::Search => t.typing = true,
            Action::SearchGo => t.typing = false,
            Action::SearchCancel => {
                t.typing = false;
                t.filter.clear();
            }
            Action::SearchDelete => {
                t.filter.pop();
                t.cursor = 0;
            }
            Action::GroupFilter => {
                let groups = region_table::groups_among(&self.ds, &regions, year);
                t.group = region_table::cycle(&t.group, &groups);
                t.cursor = 0;
                if groups.is_empty() {
                    message = Some(Message::NoGroupHere);
                }
            }
            Action::ParentFilter => {
                let parents = region_table::parents_of(&self.ds, &regions);
                t.parent = region_table::cycle(&t.parent, &parents);
                t.cursor = 0;
            }
            Action::TableLevel => {
                let levels = region_table::levels_under(&self.ds, scope);
                let next = levels.iter().position(|l| *l == t.level).map_or(0, |p| (p + 1) % levels.len().max(1));
                if let Some(l) = levels.get(next) {
                    t.level = l.clone();
                }
                t.parent = None;
                t.cursor = 0;
            }
            Action::ColumnsLeft => t.skip = t.skip.saturating_sub(1),
            Action::ColumnsRight => t.skip = (t.skip + 1).min(region_table::COLUMNS.len() - 2),
            Action::FocusNext | Action::FocusPrev => {
                // Tab steps through the indicators of the area.
                let area = self.current_area();
                let len = self.report(area).map_or(0, |r| r.rows.len());
                if len > 0 {
                    let step = if action == Action::FocusNext { 1 } else { len - 1 };
                    if self.nav.view == View::Overview {
                        self.nav.view = View::Area(area);
                        self.nav.area_cursor = self.headline_index();
                    }
                    self.nav.area_cursor = (self.nav.area_cursor + step) % len;
                }
                // Another indicator's table starts at its top.
                if let Some(t) = self.nav.table.as_mut() {
                    t.cursor = 0;
                }
            }
            Action::Export => {
                let listed: Vec<RegionId> =
                    (0..self.cache.listing.len()).filter_map(|i| self.cache.listing.row(i).map(|r| r.0)).collect();
                let t = self.nav.table.as_ref()?;
                let filters = self.table_filters_text(t);
                return Some(Some(Effect::ExportTable(TableExport {
                    scope: t.scope,
                    level: t.level.clone(),
                    indicator: ind,
                    year: self.nav.year,
                    listed,
                    filters,
                    dir: self.settings.export_dir.clone(),
                    lang: self.lang,
                })));
            }
            Action::Pin => self.pin(),
            _ => return None,
        }
        if let Some(m) = message {
            self.say(m);
        }
        Some(None)
    }

    /// The table's level, filters and order in words (its title and its export's heading).
    pub fn table_filters_text(&self, t: &TableNav) -> String {
        let tree = &self.ds.regions;
        let group = t.group.as_ref().and_then(|g| tree.group(g));
        let parent = t.parent.map(|p| tree.get(p));
        self.lang.table_filters(
            tree.get(t.scope),
            &self.level_name(&t.level),
            group,
            parent,
            &t.filter,
            // A sort with nothing to sort by (the gap, where the indicator has no target) left
            // the code order: the title names that order.
            if self.cache.listing.sorted { t.sort.spec().key } else { "code" },
            t.reverse && self.cache.listing.sorted,
        )
    }

    /// What an [`Effect::ExportTable`] writes: the listed rows, ranked among the whole level.
    pub fn listing_export(&self, t: &TableExport) -> crate::export::listing::ListingExport<'_> {
        let regions = region_table::level_regions(&self.ds, t.scope, &t.level);
        let mut all: std::collections::HashMap<RegionId, crate::metrics::report::IndicatorRow> =
            crate::metrics::report::rows_among(&self.ds, &regions, t.indicator, t.year).into_iter().collect();
        let rows = t.listed.iter().filter_map(|r| all.remove(r).map(|row| (*r, row))).collect();
        crate::export::listing::ListingExport {
            ds: &self.ds,
            scope: t.scope,
            rows,
            of: regions.len(),
            indicator: t.indicator,
            year: t.year,
            heading: t.filters.clone(),
            lang: t.lang,
        }
    }

    /// A level's name in the display language.
    pub fn level_name(&self, level: &Level) -> String {
        match level {
            Level::Leaves => self.lang.words().all_counties.to_string(),
            Level::Named(l) => self.lang.level(l),
        }
    }

    /// Puts a message in the footer and the log.
    fn say(&mut self, m: Message) {
        if self.overlay.log.len() >= MESSAGE_LOG {
            self.overlay.log.remove(0);
        }
        self.overlay.log.push(m.clone());
        self.overlay.message = Some(m);
    }

    /// The regions the map shades.
    pub fn map_regions(&self) -> Vec<RegionId> {
        view_cache::map_regions(&self.ds, &self.nav)
    }

    /// Index of the headline row of the current area, for the cursor.
    fn headline_index(&self) -> usize {
        let Some(r) = self.report(self.current_area()) else { return 0 };
        r.headline().and_then(|h| r.rows.iter().position(|x| x.indicator == h.indicator)).unwrap_or(0)
    }

    fn move_by(&mut self, delta: i32) {
        let len = match (self.nav.pane, self.nav.view) {
            (Pane::Regions, _) => self.cache.rows.len(),
            (Pane::Areas, View::Overview) => Area::SIX.len(),
            (Pane::Areas, View::Area(a)) => self.report(a).map_or(0, |r| r.rows.len()),
        };
        let cursor = match self.nav.pane {
            Pane::Regions => &mut self.nav.selected,
            Pane::Areas => &mut self.nav.area_cursor,
        };
        if len == 0 {
            return;
        }
        *cursor = (*cursor as i64 + delta as i64).clamp(0, len as i64 - 1) as usize;
        // In the region list a leaf that was drilled into follows the selection.
        if self.nav.pane == Pane::Regions && self.nav.focus != self.nav.list_parent {
            if let Some(r) = self.selected_region() {
                self.nav.focus = r;
            }
        }
    }

    fn shift_year(&mut self, delta: i32) {
        let y = self.nav.year + delta;
        if self.years().contains(&y) {
            // An area's cursor on its headline (as an area key puts it) follows the headline of
            // the new year where the indicator it is on has no value there at all, neither for
            // the focus nor for a listed region: `4 ]` then selects what `] 4` does.
            let on_headline = matches!(self.nav.view, View::Area(_)) && self.nav.area_cursor == self.headline_index();
            self.nav.year = y;
            if on_headline {
                self.refresh();
                let ind = self.indicator();
                let listed = self.cache.rows.iter().any(|r| r.row.value().is_some());
                if self.ds.resolve_value(self.nav.focus, ind, y).is_none() && !listed {
                    self.nav.area_cursor = self.headline_index();
                }
            }
        } else {
            self.say(Message::NoYearBeyond(self.nav.year));
        }
    }

    /// Lists `parent`'s children, focused on `focus`, with `select` selected if listed.
    fn list(&mut self, parent: RegionId, focus: RegionId, select: Option<RegionId>) {
        self.nav.list_parent = parent;
        self.nav.focus = focus;
        self.nav.selected = 0;
        self.cache.rows.clear();
        self.refresh();
        if let Some(s) = select {
            self.nav.selected = self.cache.rows.iter().position(|r| r.region == s).unwrap_or(0);
        }
    }

    /// Goes into the selected region: a region with children becomes the listed one; a leaf
    /// becomes the focus, with its siblings still listed.
    pub fn drill_down(&mut self) {
        let Some(r) = self.selected_region() else { return };
        if self.ds.regions.children(r).is_empty() {
            self.nav.focus = r;
        } else {
            self.list(r, r, None);
        }
    }

    /// One level up: from a leaf to its listed parent, from a listed region to its parent.
    pub fn go_up(&mut self) {
        if self.nav.focus != self.nav.list_parent {
            self.nav.focus = self.nav.list_parent;
            return;
        }
        let Some(parent) = self.ds.regions.parent(self.nav.list_parent) else { return };
        let from = self.nav.list_parent;
        self.list(parent, parent, Some(from));
    }

    /// Shows `target`: its children listed if it has any, else it is focused among its siblings.
    pub fn jump_to(&mut self, target: RegionId) {
        let leaf_parent = self.ds.regions.parent(target).filter(|_| self.ds.regions.children(target).is_empty());
        match leaf_parent {
            Some(parent) => self.list(parent, target, Some(target)),
            None => self.list(target, target, None),
        }
    }

    fn search_update(&mut self) {
        if let Some(s) = &mut self.overlay.search {
            s.results = search::search(&self.ds.regions, &s.query);
            s.cursor = 0;
        }
    }

    fn search_move(&mut self, delta: i32) {
        if let Some(s) = &mut self.overlay.search {
            if !s.results.is_empty() {
                s.cursor = (s.cursor as i32 + delta).clamp(0, s.results.len() as i32 - 1) as usize;
            }
        }
    }

    fn search_jump(&mut self) {
        let Some(s) = self.overlay.search.take() else { return };
        match s.results.get(s.cursor) {
            Some(r) => {
                self.jump_to(*r);
                self.nav.pane = Pane::Regions;
            }
            None => self.say(Message::NoMatch(s.query)),
        }
    }

    /// What the frame just drawn showed (the terminal loop reports it after each draw).
    pub fn frame_drawn(&mut self, info: FrameInfo) {
        self.last_frame = info;
        if let Some((_, scroll)) = &mut self.overlay.popup {
            *scroll = (*scroll).min(self.last_frame.popup_max_scroll);
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
                t.reverse = t.sort == c && !t.reverse;
                t.sort = c;
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
        let double =
            matches!(self.last_click, Some((t, i)) if i == idx && ev.at_ms.saturating_sub(t) < DOUBLE_CLICK_MS);
        if let Some(t) = &mut self.nav.table {
            t.cursor = idx;
        }
        if double {
            self.last_click = None;
            return self.apply(Action::DrillDown);
        }
        self.last_click = Some((ev.at_ms, idx));
        None
    }

    /// Handles a mouse event against what the last frame drew: a click selects the row under
    /// it (a second click on a region drills down), the wheel moves the selection of the pane
    /// under the pointer.
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
                let double = matches!(self.last_click,
                    Some((t, i)) if i == idx && ev.at_ms.saturating_sub(t) < DOUBLE_CLICK_MS);
                self.nav.selected = idx;
                if double {
                    self.last_click = None;
                    self.drill_down();
                } else {
                    self.last_click = Some((ev.at_ms, idx));
                    if self.nav.focus != self.nav.list_parent {
                        self.nav.focus = self.cache.rows[idx].region;
                    }
                }
                self.refresh();
                None
            }
            MouseKind::LeftDown => None,
        }
    }
}
