//! The dashboard state and how actions change it. No drawing here: the widgets in
//! [`crate::ui`] read this state.

use std::collections::HashMap;

use super::action::Action;
use super::keymap::Keymap;
use super::search::search;
use crate::config::Config;
use crate::metrics::report::{area_rows, children_rows, indicator_dispersion, AreaReport, IndicatorRow, Metric};
use crate::model::indicator::Area;
use crate::model::{Dataset, IndicatorId, RegionId};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Data order (GB/T 2260 code order).
    Name,
    /// Best value first, by the indicator's direction; no data last.
    Value,
    /// Furthest from the target first; no data last.
    Gap,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Value,
            Sort::Value => Sort::Gap,
            Sort::Gap => Sort::Name,
        }
    }

    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Sort::Name, true) => "by code",
            (Sort::Value, true) => "by value",
            (Sort::Gap, true) => "by gap",
            (Sort::Name, false) => "按代码",
            (Sort::Value, false) => "按数值",
            (Sort::Gap, false) => "按差距",
        }
    }
}

/// The incremental search box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub results: Vec<RegionId>,
    pub cursor: usize,
}

/// A row of the region list: a child of the listed region, with its value of the selected
/// indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRow {
    pub region: RegionId,
    pub row: IndicatorRow,
}

/// Which regions the map shades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapScope {
    /// The listed regions (the cities of the province, or a city's counties).
    Children,
    /// Every lowest-level region under the top (all counties).
    AllLeaves,
}

/// Screen areas the last frame drew, for mouse hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HitAreas {
    /// (x, y, width, height) of the region list's rows, and the index of its first visible row.
    pub region_rows: (u16, u16, u16, u16),
    pub region_offset: usize,
}

pub struct App {
    pub ds: Dataset,
    pub keymap: Keymap,
    pub english: bool,
    /// The region whose children are listed.
    pub list_parent: RegionId,
    /// The region the area panes report on (the list parent, or a drilled-into leaf).
    pub focus: RegionId,
    /// Index into `rows`.
    pub selected: usize,
    pub year: i32,
    pub view: View,
    pub pane: Pane,
    /// Overview: the highlighted area (0–5). Area view: the highlighted indicator row.
    pub area_cursor: usize,
    pub sort: Sort,
    pub search: Option<SearchState>,
    pub help: bool,
    /// Observations per source kind, counted once when the help is first opened.
    pub source_counts: Option<std::collections::BTreeMap<crate::model::SourceKind, usize>>,
    /// First line of the help shown (the help scrolls with the movement keys).
    pub help_scroll: u16,
    pub message: Option<String>,
    pub quit: bool,
    /// Children of `list_parent` with the selected indicator's values, in `sort` order.
    pub rows: Vec<RegionRow>,
    pub hit: HitAreas,
    /// The bottom pane shows the map instead of the bar chart.
    pub map: bool,
    pub map_scope: MapScope,
    /// Boundaries, read on first use of the map.
    atlas: Option<std::rc::Rc<crate::geo::Atlas>>,
    /// Rasters per (first region, scope, width, height): computed once per size, not per frame.
    rasters: HashMap<(RegionId, MapScope, usize, usize), std::rc::Rc<crate::geo::Raster>>,
    /// Where `e` writes, and in which formats.
    pub export: crate::config::ExportConfig,
    reports: HashMap<(RegionId, i32, Area), AreaReport>,
    /// What `rows` was built for.
    rows_key: Option<(RegionId, i32, IndicatorId, Sort)>,
    /// Dispersion metrics, computed only for the indicators shown.
    dispersions: HashMap<(RegionId, i32, IndicatorId), Vec<Metric>>,
    last_click: Option<(std::time::Instant, usize)>,
}

impl App {
    pub fn new(ds: Dataset, config: &Config) -> App {
        let root = ds.regions.roots().first().copied().unwrap_or(RegionId(0));
        let year = default_year(&ds);
        let mut app = App {
            keymap: config.keymap.clone(),
            english: config.language == crate::config::Language::En,
            list_parent: root,
            focus: root,
            selected: 0,
            year,
            view: View::Overview,
            pane: Pane::Regions,
            // The income area is the headline panel (FRAMEWORK.md, section 5).
            area_cursor: Area::Income.number() - 1,
            sort: Sort::Name,
            search: None,
            help: false,
            help_scroll: 0,
            source_counts: None,
            message: None,
            quit: false,
            rows: Vec::new(),
            hit: HitAreas::default(),
            export: config.export.clone(),
            map: false,
            map_scope: MapScope::Children,
            atlas: None,
            rasters: HashMap::new(),
            reports: HashMap::new(),
            rows_key: None,
            dispersions: HashMap::new(),
            last_click: None,
            ds,
        };
        app.refresh();
        app
    }

    /// Forgets every computed report; the next action recomputes what it shows (benchmarks
    /// use it to measure the uncached path).
    pub fn clear_cache(&mut self) {
        self.reports.clear();
        self.rows_key = None;
        self.dispersions.clear();
    }

    /// The dispersion metrics of an indicator for the focus region and year, if computed (the
    /// shown indicator's and the incomes' always are).
    pub fn dispersion(&self, ind: IndicatorId) -> &[Metric] {
        self.dispersions.get(&(self.focus, self.year, ind)).map_or(&[], Vec::as_slice)
    }

    /// A dispersion metric of an indicator by id.
    pub fn dispersion_metric(&self, id: &str, ind: IndicatorId) -> Option<&Metric> {
        self.dispersion(ind).iter().find(|m| m.id == id)
    }

    /// The report of an area for the focus region and year (computed once, then cached).
    pub fn report(&self, area: Area) -> &AreaReport {
        self.reports.get(&(self.focus, self.year, area)).expect("refresh computes the six reports")
    }

    /// The area whose indicators the cursor points at.
    pub fn current_area(&self) -> Area {
        match self.view {
            View::Area(a) => a,
            View::Overview => Area::SIX[self.area_cursor.min(5)],
        }
    }

    /// The indicator shown in the region list and the bar chart.
    pub fn indicator(&self) -> IndicatorId {
        let report = self.report(self.current_area());
        let row = match self.view {
            View::Area(_) => report.rows.get(self.area_cursor),
            View::Overview => report.headline(),
        };
        row.map(|r| r.indicator)
            .or_else(|| report.rows.first().map(|r| r.indicator))
            .or_else(|| self.ds.catalog.by_id("income_pc"))
            .unwrap_or(IndicatorId(0))
    }

    pub fn selected_region(&self) -> Option<RegionId> {
        self.rows.get(self.selected).map(|r| r.region)
    }

    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.ds.years()
    }

    /// Recomputes what depends on the navigation state: the six reports and the region rows.
    pub fn refresh(&mut self) {
        for area in Area::SIX {
            let key = (self.focus, self.year, area);
            if !self.reports.contains_key(&key) {
                let r = area_rows(&self.ds, self.focus, self.year, area);
                self.reports.insert(key, r);
            }
        }
        // Dispersion for what is on screen: the selected indicator, and for the overview's
        // regional line the incomes and output per head.
        let mut wanted = vec![(self.current_area(), self.indicator())];
        for id in ["income_pc", "gdp_per_capita"] {
            if let Some(i) = self.ds.catalog.by_id(id) {
                wanted.push((self.ds.catalog.get(i).area, i));
            }
        }
        for (area, ind) in wanted {
            let key = (self.focus, self.year, ind);
            if !self.dispersions.contains_key(&key) {
                let d = indicator_dispersion(&self.ds, self.focus, self.year, area, ind);
                self.dispersions.insert(key, d);
            }
        }
        if let View::Area(_) = self.view {
            let n = self.report(self.current_area()).rows.len();
            self.area_cursor = self.area_cursor.min(n.saturating_sub(1));
        }
        let keep = self.selected_region();
        let ind = self.indicator();
        // The list depends on these only: moving the selection does not rebuild it.
        let key = (self.list_parent, self.year, ind, self.sort);
        if self.rows_key == Some(key) && !self.rows.is_empty() {
            return;
        }
        self.rows_key = Some(key);
        let mut rows: Vec<RegionRow> = children_rows(&self.ds, self.list_parent, ind, self.year)
            .into_iter()
            .map(|(region, row)| RegionRow { region, row })
            .collect();
        let dir = self.ds.catalog.get(ind).direction;
        match self.sort {
            Sort::Name => {}
            Sort::Value => rows.sort_by(|a, b| match (a.row.value(), b.row.value()) {
                (Some(x), Some(y)) => (y * dir.sign()).total_cmp(&(x * dir.sign())),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }),
            Sort::Gap => rows.sort_by(|a, b| {
                let gap = |r: &RegionRow| r.row.target.as_ref().map(|t| t.gap_pct);
                match (gap(a), gap(b)) {
                    (Some(x), Some(y)) => y.total_cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
        }
        self.rows = rows;
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|r| r.region == k))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Handles a key event: search input first, then the key map.
    pub fn on_key(&mut self, ev: &crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        if self.search.is_some() {
            let ctrl_c = ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL);
            match ev.code {
                _ if ctrl_c => self.quit = true,
                KeyCode::Esc => self.search = None,
                KeyCode::Enter => self.search_jump(),
                KeyCode::Up => self.search_move(-1),
                KeyCode::Down | KeyCode::Tab => self.search_move(1),
                KeyCode::Backspace => {
                    if let Some(s) = &mut self.search {
                        s.query.pop();
                    }
                    self.search_update();
                }
                KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => {
                    if let Some(s) = &mut self.search {
                        s.query.push(c);
                    }
                    self.search_update();
                }
                _ => {}
            }
            return;
        }
        if let Some(action) = self.keymap.action(ev) {
            self.apply(action);
        }
    }

    /// Applies a named action.
    pub fn apply(&mut self, action: Action) {
        if self.help {
            let scroll = |s: u16, d: i32| (s as i32 + d).clamp(0, 200) as u16;
            match action {
                Action::MoveUp => self.help_scroll = scroll(self.help_scroll, -1),
                Action::MoveDown => self.help_scroll = scroll(self.help_scroll, 1),
                Action::PageUp => self.help_scroll = scroll(self.help_scroll, -10),
                Action::PageDown => self.help_scroll = scroll(self.help_scroll, 10),
                Action::First => self.help_scroll = 0,
                _ => {}
            }
            if !matches!(action, Action::Help | Action::Quit | Action::GoUp) {
                return;
            }
        }
        self.message = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
                if self.source_counts.is_none() {
                    let mut counts = std::collections::BTreeMap::new();
                    for (_, _, _, c) in self.ds.observations() {
                        *counts.entry(c.source.kind).or_insert(0) += 1;
                    }
                    self.source_counts = Some(counts);
                }
            }
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::First => self.move_by(-(i32::MAX / 2)),
            Action::Last => self.move_by(i32::MAX / 2),
            Action::DrillDown => match (self.pane, self.view) {
                (Pane::Areas, View::Overview) => {
                    self.view = View::Area(Area::SIX[self.area_cursor.min(5)]);
                    self.area_cursor = self.headline_index();
                }
                _ => self.drill_down(),
            },
            Action::GoUp => {
                if self.help {
                    self.help = false;
                } else if let (Pane::Areas, View::Area(a)) = (self.pane, self.view) {
                    self.view = View::Overview;
                    self.area_cursor = a.number() - 1;
                } else {
                    self.go_up();
                }
            }
            Action::FocusNext | Action::FocusPrev => {
                self.pane = match self.pane {
                    Pane::Regions => Pane::Areas,
                    Pane::Areas => Pane::Regions,
                }
            }
            Action::Overview => {
                if let View::Area(a) = self.view {
                    self.area_cursor = a.number() - 1;
                }
                self.view = View::Overview;
            }
            a if a.area_number().is_some() => {
                if let Some(n) = a.area_number() {
                    self.view = View::Area(Area::SIX[n - 1]);
                    self.area_cursor = self.headline_index();
                }
            }
            Action::PrevYear => self.shift_year(-1),
            Action::NextYear => self.shift_year(1),
            Action::Search => self.search = Some(SearchState::default()),
            Action::Sort => self.sort = self.sort.next(),
            Action::Export => self.export(),
            Action::Language => self.english = !self.english,
            Action::Map => self.map = !self.map,
            Action::MapScope => {
                self.map = true;
                self.map_scope = match self.map_scope {
                    MapScope::Children => MapScope::AllLeaves,
                    MapScope::AllLeaves => MapScope::Children,
                }
            }
            _ => {}
        }
        self.refresh();
    }

    /// The regions the map shades.
    pub fn map_regions(&self) -> Vec<RegionId> {
        match self.map_scope {
            MapScope::Children => self.ds.regions.children(self.list_parent).to_vec(),
            MapScope::AllLeaves => {
                let top = self.ds.regions.ancestry(self.list_parent)[0];
                self.ds.regions.leaves_under(top)
            }
        }
    }

    /// The raster of the map's regions (from [`App::map_regions`]) at a size in dots, computed
    /// once per view and size.
    pub fn map_raster(&mut self, regions: &[RegionId], width: usize, height: usize) -> std::rc::Rc<crate::geo::Raster> {
        let first = regions.first().copied().unwrap_or(self.list_parent);
        let key = (first, self.map_scope, width, height);
        if let Some(r) = self.rasters.get(&key) {
            return std::rc::Rc::clone(r);
        }
        let atlas = self.atlas();
        let raster = std::rc::Rc::new(crate::geo::Raster::new(&atlas, regions, width, height));
        self.rasters.insert(key, std::rc::Rc::clone(&raster));
        raster
    }

    /// The boundaries (read on first use).
    pub fn atlas(&mut self) -> std::rc::Rc<crate::geo::Atlas> {
        let ds = &self.ds;
        std::rc::Rc::clone(self.atlas.get_or_insert_with(|| std::rc::Rc::new(crate::geo::Atlas::bundled(&ds.regions))))
    }

    /// Exports the focus region and year in the config's formats into its export folder; the
    /// footer says where, or why not. The dashboard keeps running either way.
    pub fn export(&mut self) {
        use crate::export::{export_files, Format, Target};
        let formats: Vec<Format> = self.export.formats.iter().map(|f| Format::from_config(*f)).collect();
        let dir = std::path::PathBuf::from(&self.export.dir);
        let now = chrono::Local::now();
        let result = export_files(&self.ds, self.focus, self.year, None, &formats, Target::Dir(&dir), false, &now);
        self.message = Some(match result {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!("{} {}", if self.english { "exported to" } else { "已导出:" }, names.join(", "))
            }
            Err(e) => format!("{} {e}", if self.english { "export failed:" } else { "导出失败:" }),
        });
    }

    /// Index of the headline row of the current area, for the cursor.
    fn headline_index(&self) -> usize {
        let r = self.report(self.current_area());
        r.headline().and_then(|h| r.rows.iter().position(|x| x.indicator == h.indicator)).unwrap_or(0)
    }

    fn move_by(&mut self, delta: i32) {
        let (cursor, len) = match (self.pane, self.view) {
            (Pane::Regions, _) => (&mut self.selected, self.rows.len()),
            (Pane::Areas, View::Overview) => (&mut self.area_cursor, 6),
            (Pane::Areas, View::Area(a)) => {
                let n = self.reports.get(&(self.focus, self.year, a)).map_or(0, |r| r.rows.len());
                (&mut self.area_cursor, n)
            }
        };
        if len == 0 {
            return;
        }
        let next = (*cursor as i64 + delta as i64).clamp(0, len as i64 - 1);
        *cursor = next as usize;
        // In the region list a leaf that was drilled into follows the selection.
        if self.pane == Pane::Regions && self.focus != self.list_parent {
            if let Some(r) = self.selected_region() {
                self.focus = r;
            }
        }
    }

    fn shift_year(&mut self, delta: i32) {
        let years = self.years();
        let y = self.year + delta;
        if years.contains(&y) {
            self.year = y;
        } else {
            self.message = Some(if self.english {
                format!("no data before or after {}", self.year)
            } else {
                format!("{}年之外没有数据", self.year)
            });
        }
    }

    /// Goes into the selected region: a region with children becomes the listed one; a leaf
    /// becomes the focus, with its siblings still listed.
    pub fn drill_down(&mut self) {
        let Some(r) = self.selected_region() else { return };
        if self.ds.regions.children(r).is_empty() {
            self.focus = r;
        } else {
            self.list_parent = r;
            self.focus = r;
            self.selected = 0;
            self.rows.clear();
        }
    }

    /// One level up: from a leaf to its listed parent, from a listed region to its parent.
    pub fn go_up(&mut self) {
        if self.focus != self.list_parent {
            self.focus = self.list_parent;
            return;
        }
        let Some(parent) = self.ds.regions.parent(self.list_parent) else { return };
        let from = self.list_parent;
        self.list_parent = parent;
        self.focus = parent;
        self.rows.clear();
        self.refresh();
        self.selected = self.rows.iter().position(|r| r.region == from).unwrap_or(0);
    }

    /// Shows `target`: its children listed if it has any, else it is focused among its siblings.
    pub fn jump_to(&mut self, target: RegionId) {
        // A region with children lists them; a leaf is shown selected among its siblings.
        let leaf_parent = self.ds.regions.parent(target).filter(|_| self.ds.regions.children(target).is_empty());
        if let Some(parent) = leaf_parent {
            self.list_parent = parent;
            self.focus = target;
            self.rows.clear();
            self.refresh();
            self.selected = self.rows.iter().position(|r| r.region == target).unwrap_or(0);
        } else {
            self.list_parent = target;
            self.focus = target;
            self.rows.clear();
            self.selected = 0;
            self.refresh();
        }
    }

    fn search_update(&mut self) {
        if let Some(s) = &mut self.search {
            s.results = search(&self.ds.regions, &s.query, 50);
            s.cursor = 0;
        }
    }

    fn search_move(&mut self, delta: i32) {
        if let Some(s) = &mut self.search {
            if !s.results.is_empty() {
                s.cursor = (s.cursor as i32 + delta).clamp(0, s.results.len() as i32 - 1) as usize;
            }
        }
    }

    fn search_jump(&mut self) {
        let Some(s) = self.search.take() else { return };
        match s.results.get(s.cursor) {
            Some(r) => {
                self.jump_to(*r);
                self.pane = Pane::Regions;
            }
            None => {
                self.message = Some(if self.english {
                    format!("no region matches \"{}\"", s.query)
                } else {
                    format!("没有匹配\"{}\"的地区", s.query)
                })
            }
        }
        self.refresh();
    }

    /// Handles a mouse event against the areas of the last frame.
    pub fn on_mouse(&mut self, ev: &crossterm::event::MouseEvent) {
        use crossterm::event::{MouseButton, MouseEventKind};
        if self.help || self.search.is_some() {
            return;
        }
        let (x, y, w, h) = self.hit.region_rows;
        let inside = ev.column >= x && ev.column < x + w && ev.row >= y && ev.row < y + h;
        match ev.kind {
            MouseEventKind::ScrollDown => self.apply(Action::MoveDown),
            MouseEventKind::ScrollUp => self.apply(Action::MoveUp),
            MouseEventKind::Down(MouseButton::Left) if inside => {
                let idx = self.hit.region_offset + (ev.row - y) as usize;
                if idx >= self.rows.len() {
                    return;
                }
                self.pane = Pane::Regions;
                let now = std::time::Instant::now();
                let double =
                    matches!(self.last_click, Some((t, i)) if i == idx && now.duration_since(t).as_millis() < 400);
                self.selected = idx;
                if double {
                    self.last_click = None;
                    self.drill_down();
                } else {
                    self.last_click = Some((now, idx));
                    if self.focus != self.list_parent {
                        self.focus = self.rows[idx].region;
                    }
                }
                self.refresh();
            }
            _ => {}
        }
    }
}

/// The year shown first: the latest year in which the regions the dashboard opens on (the
/// root's children) have at least half as many values as in their best-covered year, so neither
/// a year with a few early releases nor a year covered only one level down opens the dashboard.
/// Without children, the root's own values count.
pub fn default_year(ds: &Dataset) -> i32 {
    let mut shown = vec![false; ds.regions.len()];
    if let Some(&root) = ds.regions.roots().first() {
        let children = ds.regions.children(root);
        for r in if children.is_empty() { std::slice::from_ref(&root) } else { children } {
            shown[r.0 as usize] = true;
        }
    }
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for (region, _, y, _) in ds.observations() {
        if shown[region.0 as usize] {
            *counts.entry(y).or_insert(0) += 1;
        }
    }
    let max = counts.values().copied().max().unwrap_or(0);
    ds.years().rev().find(|y| counts.get(y).copied().unwrap_or(0) * 2 >= max).unwrap_or(*ds.years().end())
}
