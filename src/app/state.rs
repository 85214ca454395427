//! The app's state, and what reads or changes it outside input: the data set, the navigation,
//! the overlays, the view cache and the settings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::action::Mode;
use super::analysis::{ConvergenceView, GroupPanel, TimeView};
use super::effect::TableExport;
use super::frame::{Clicks, FrameInfo};
use super::keys::Keymap;
use super::navigation::{Bottom, MapScope, Navigation, Pane, Sort, View};
use super::region_table::Listing;
use super::region_table::{self, Level, TableNav};
use super::view_cache::{self, MapView, RegionRow, ViewCache};
use super::{layout, search};
use crate::export::{ExportFormat, YearSpan};
use crate::metrics::report::AreaReport;
use crate::metrics::{Metric, MetricId};
use crate::model::indicator::{Area, Role};
use crate::model::{Dataset, IndicatorId, RegionId, SourceKind};
use crate::strings::{Lang, Message};

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

/// What the dashboard was started with; the language changes with its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub keymap: Keymap,
    /// The display language: kept here only.
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

pub struct App {
    pub ds: Dataset,
    pub settings: Settings,
    pub nav: Navigation,
    pub overlay: Overlays,
    /// What the frames show, computed in [`App::refresh`]; read through the accessors below.
    pub(super) cache: ViewCache,
    /// The terminal's size in cells, as last reported.
    pub(super) size: (u16, u16),
    pub(super) clicks: Clicks,
    pub(super) last_frame: FrameInfo,
}
impl App {
    pub fn new(ds: Dataset, settings: Settings) -> App {
        let root = ds.regions.roots().first().copied().unwrap_or(RegionId(0));
        // The catalog names the opening indicators, in order of preference; the first that the
        // listed regions cover opens, with its area (Dataset::opening_view).
        let (opening, year) = ds.opening_view();
        let area = opening.map_or(Area::Income, |i| ds.catalog.get(i).area);
        let mut app = App {
            settings,
            nav: Navigation {
                list_parent: root,
                focus: root,
                selected: None,
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
            clicks: Clicks::default(),
            last_frame: FrameInfo::default(),
            ds,
        };
        app.refresh();
        app
    }

    /// The table of a level: its rows as listed (the view the table pane draws).
    pub fn listing(&self) -> &Listing {
        &self.cache.listing
    }

    /// The time chart's view, when it is shown.
    pub fn time_view(&self) -> Option<&TimeView> {
        self.cache.time.as_ref()
    }

    /// The convergence view, when it is shown.
    pub fn convergence_view(&self) -> Option<&ConvergenceView> {
        self.cache.convergence.as_ref()
    }

    /// The group panels, when they are shown.
    pub fn group_panels(&self) -> &[GroupPanel] {
        &self.cache.groups
    }

    /// The map's view, when the map is shown.
    pub fn map_view(&self) -> Option<&MapView> {
        self.cache.map.as_ref()
    }

    /// The display language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Whether reposted values are hidden.
    pub fn official_only(&self) -> bool {
        self.ds.hides()
    }

    /// Hides the values only a repost gives, or shows them again; every view is recomputed.
    pub(super) fn toggle_official_only(&mut self) {
        let message = if self.ds.hides() {
            self.ds.hide_kind(None);
            Message::AllSources
        } else {
            match self.ds.hide_kind(Some(SourceKind::Repost)) {
                0 => return self.say(Message::NoReposts),
                hidden => Message::OfficialOnly(hidden),
            }
        };
        self.cache = ViewCache::default();
        self.refresh();
        self.say(message);
    }

    /// Sets how far back a trend's pace looks, and recomputes.
    pub fn set_trend_window(&mut self, years: i32) {
        self.ds.trend_window = years;
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

    /// The selected region of the list: the one kept, if listed, else the first row.
    pub fn selected_region(&self) -> Option<RegionId> {
        self.cache.rows.get(self.selected_index()).map(|r| r.region)
    }

    /// The selected row of the list.
    pub fn selected_index(&self) -> usize {
        self.nav.selected.and_then(|s| self.cache.rows.iter().position(|r| r.region == s)).unwrap_or(0)
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
        let ind = indicator_of(self);
        self.cache.refresh_rows(&self.ds, &self.nav, ind);
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

    /// The table's level, filters and order in words (its title and its export's heading).
    pub fn table_filters_text(&self, t: &TableNav) -> String {
        let tree = &self.ds.regions;
        let group = t.group.as_ref().and_then(|g| tree.group(g));
        let parent = t.parent.map(|p| tree.get(p));
        self.lang().table_filters(
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
        // The listed regions of the level (all of them, unless the level changed meanwhile).
        let level: std::collections::HashSet<RegionId> = regions.iter().copied().collect();
        let listed: Vec<RegionId> = t.listed.iter().copied().filter(|r| level.contains(r)).collect();
        // The current indicator, then the added ones (not twice), each ranked among the level.
        let mut indicators = vec![t.indicator];
        indicators.extend(t.extra.iter().filter(|e| **e != t.indicator));
        let columns = indicators
            .into_iter()
            .map(|ind| {
                let mut all: std::collections::HashMap<RegionId, crate::metrics::report::IndicatorRow> =
                    crate::metrics::report::rows_among(&self.ds, &regions, ind, t.year).into_iter().collect();
                (ind, listed.iter().filter_map(|r| all.remove(r)).collect())
            })
            .collect();
        crate::export::listing::ListingExport {
            ds: &self.ds,
            scope: t.scope,
            regions: listed,
            columns,
            of: regions.len(),
            year: t.year,
            heading: t.filters.clone(),
            lang: t.lang,
        }
    }

    /// A level's name in the display language.
    pub fn level_name(&self, level: &Level) -> String {
        match level {
            Level::Leaves => self.lang().words().all_counties.to_string(),
            Level::Named(l) => self.lang().level(l),
        }
    }

    /// Puts a message in the footer and the log.
    pub(super) fn say(&mut self, m: Message) {
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
    pub(super) fn headline_index(&self) -> usize {
        let Some(r) = self.report(self.current_area()) else { return 0 };
        r.headline().and_then(|h| r.rows.iter().position(|x| x.indicator == h.indicator)).unwrap_or(0)
    }

    pub(super) fn move_by(&mut self, delta: i32) {
        let len = match (self.nav.pane, self.nav.view) {
            (Pane::Regions, _) => self.cache.rows.len(),
            (Pane::Areas, View::Overview) => Area::SIX.len(),
            (Pane::Areas, View::Area(a)) => self.report(a).map_or(0, |r| r.rows.len()),
        };
        if len == 0 {
            return;
        }
        let step = |at: usize| (at as i64 + delta as i64).clamp(0, len as i64 - 1) as usize;
        match self.nav.pane {
            Pane::Regions => self.nav.selected = Some(self.cache.rows[step(self.selected_index())].region),
            Pane::Areas => self.nav.area_cursor = step(self.nav.area_cursor),
        }
        // In the region list a leaf that was drilled into follows the selection.
        if self.nav.pane == Pane::Regions && self.nav.focus != self.nav.list_parent {
            if let Some(r) = self.selected_region() {
                self.nav.focus = r;
            }
        }
    }

    pub(super) fn shift_year(&mut self, delta: i32) {
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
        self.nav.selected = select;
        self.cache.rows.clear();
        self.refresh();
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

    pub(super) fn search_update(&mut self) {
        if let Some(s) = &mut self.overlay.search {
            s.results = search::search(&self.ds.regions, &s.query);
            s.cursor = 0;
        }
    }

    pub(super) fn search_move(&mut self, delta: i32) {
        if let Some(s) = &mut self.overlay.search {
            if !s.results.is_empty() {
                s.cursor = (s.cursor as i32 + delta).clamp(0, s.results.len() as i32 - 1) as usize;
            }
        }
    }

    pub(super) fn search_jump(&mut self) {
        let Some(s) = self.overlay.search.take() else { return };
        match s.results.get(s.cursor) {
            Some(r) => {
                self.jump_to(*r);
                self.nav.pane = Pane::Regions;
            }
            None => self.say(Message::NoMatch(s.query)),
        }
    }
}
