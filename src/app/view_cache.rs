//! Everything a frame shows that takes computing: the six area reports, the dispersions on
//! screen, the region rows and the map. Computed in [`crate::app::App::refresh`], each part only
//! when what it depends on changed; drawing only reads it.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::analysis::{ConvergenceView, GroupPanel, TimeView};
use super::layout::Rect;
use super::navigation::{Bottom, MapScope, Navigation, Sort};
use super::region_table::{self, Listing};
use crate::geo::{Atlas, Raster};
use crate::metrics::classes::{classify, Classes};
use crate::metrics::report::{area_rows, children_rows, indicator_dispersion, AreaReport, IndicatorRow};
use crate::metrics::Metric;
use crate::model::indicator::Area;
use crate::model::{Dataset, IndicatorId, RegionId, SourceKind};

/// A row of the region list: a child of the listed region, with its value of the selected
/// indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRow {
    pub region: RegionId,
    pub row: IndicatorRow,
}

/// What the map pane draws.
#[derive(Debug, Clone)]
pub struct MapView {
    pub regions: Vec<RegionId>,
    pub indicator: IndicatorId,
    pub classes: Classes,
    pub atlas: Rc<Atlas>,
    /// The dot raster at the canvas size (none without boundaries).
    pub raster: Option<Rc<Raster>>,
    /// Where the canvas is drawn.
    pub canvas: Rect,
    /// Per region of `regions`: the mean dot (column, row) and the number of dots.
    pub centroids: Vec<(f64, f64, usize)>,
    pub selected: Option<RegionId>,
}

#[derive(Default)]
pub struct ViewCache {
    pub reports: HashMap<(RegionId, i32, Area), AreaReport>,
    /// Children of the listed region with the selected indicator's values, in sort order.
    pub rows: Vec<RegionRow>,
    rows_key: Option<(RegionId, i32, IndicatorId, Sort, Option<String>)>,
    /// Dispersion metrics, computed only for the indicators shown.
    pub dispersions: HashMap<(RegionId, i32, IndicatorId), Vec<Metric>>,
    /// Observations per source kind, counted once (for the help).
    pub source_counts: BTreeMap<SourceKind, usize>,
    pub map: Option<MapView>,
    /// Boundaries, read on first use of the map.
    atlas: Option<Rc<Atlas>>,
    /// Rasters per (first region, scope, width, height): computed once per size.
    rasters: HashMap<(RegionId, MapScope, usize, usize), Rc<Raster>>,
    /// The table of a level, when open.
    pub listing: Listing,
    /// The bottom pane's analyses, when shown.
    pub time: Option<TimeView>,
    pub convergence: Option<ConvergenceView>,
    convergence_key: Option<(Vec<RegionId>, IndicatorId, i32, Option<String>)>,
    pub groups: Vec<GroupPanel>,
    groups_key: Option<(RegionId, IndicatorId, i32)>,
}

/// The regions the map shades.
pub fn map_regions(ds: &Dataset, nav: &Navigation) -> Vec<RegionId> {
    match nav.map_scope {
        MapScope::Children => ds.regions.children(nav.list_parent).to_vec(),
        MapScope::AllLeaves => {
            let top = ds.regions.ancestry(nav.list_parent).first().copied().unwrap_or(nav.list_parent);
            ds.regions.leaves_under(top)
        }
    }
}

impl ViewCache {
    pub fn clear(&mut self) {
        self.reports.clear();
        self.rows_key = None;
        self.dispersions.clear();
        self.map = None;
        self.listing = Listing::default();
        self.time = None;
        self.convergence = None;
        self.convergence_key = None;
        self.groups.clear();
        self.groups_key = None;
    }

    /// The bottom pane's analysis, when it shows one: computed when what it depends on changed.
    pub fn refresh_analysis(&mut self, ds: &Dataset, nav: &Navigation, ind: IndicatorId) {
        self.time = (nav.bottom == Bottom::Time).then(|| TimeView::new(ds, nav.focus, &nav.pins, ind));
        if nav.bottom == Bottom::Convergence {
            let members = map_regions(ds, nav);
            // The group splitting Theil: the one filtered on, else the first with members.
            let group = nav.list_group.clone().or_else(|| {
                ds.regions
                    .groups()
                    .iter()
                    .find(|g| members.iter().any(|r| ds.regions.get(*r).has_tag(&g.tag)))
                    .map(|g| g.tag.clone())
            });
            let key = (members, ind, nav.year, group);
            if self.convergence_key.as_ref() != Some(&key) {
                let (members, _, year, group) = key.clone();
                self.convergence = Some(ConvergenceView::new(ds, members, ind, year, group));
                self.convergence_key = Some(key);
            }
        }
        if nav.bottom == Bottom::Groups {
            let key = (nav.focus, ind, nav.year);
            if self.groups_key != Some(key) {
                self.groups = GroupPanel::all(ds, nav.focus, ind, nav.year);
                self.groups_key = Some(key);
            }
        }
    }

    /// The six reports of the focus region and year.
    pub fn refresh_reports(&mut self, ds: &Dataset, nav: &Navigation) {
        for area in Area::SIX {
            self.reports.entry((nav.focus, nav.year, area)).or_insert_with(|| area_rows(ds, nav.focus, nav.year, area));
        }
    }

    pub fn refresh_dispersions(&mut self, ds: &Dataset, nav: &Navigation, wanted: &[(Area, IndicatorId)]) {
        for &(area, ind) in wanted {
            self.dispersions
                .entry((nav.focus, nav.year, ind))
                .or_insert_with(|| indicator_dispersion(ds, nav.focus, nav.year, area, ind));
        }
    }

    /// Rebuilds the region rows if the list's region, year, indicator or sort changed.
    pub fn refresh_rows(&mut self, ds: &Dataset, nav: &Navigation, ind: IndicatorId) {
        let key = (nav.list_parent, nav.year, ind, nav.sort, nav.list_group.clone());
        if self.rows_key.as_ref() == Some(&key) && !self.rows.is_empty() {
            return;
        }
        self.rows_key = Some(key);
        // Ranks stay among all the children: a group filter hides rows, it does not re-rank.
        let in_group = |r: RegionId| {
            nav.list_group.as_ref().is_none_or(|g| ds.regions.groups_of(r, nav.year).any(|x| &x.tag == g))
        };
        let mut rows: Vec<RegionRow> = children_rows(ds, nav.list_parent, ind, nav.year)
            .into_iter()
            .filter(|(region, _)| in_group(*region))
            .map(|(region, row)| RegionRow { region, row })
            .collect();
        // Present values first, in the sort's order (the table's keys); missing ones last, in
        // code order (the sort is stable).
        if let Some(col) = nav.sort.column() {
            let dir = ds.catalog.get(ind).direction;
            let key = |r: &RegionRow| region_table::numeric_key(col, &r.row, dir);
            rows.sort_by(|a, b| region_table::cmp_keys(key(a), key(b), false));
        }
        self.rows = rows;
    }

    /// The map's classes and raster, when the map is shown at a known size.
    pub fn refresh_map(
        &mut self,
        ds: &Dataset,
        nav: &Navigation,
        ind: IndicatorId,
        canvas: Option<Rect>,
        selected: Option<RegionId>,
    ) {
        let Some(canvas) = canvas.filter(|_| nav.bottom == Bottom::Map) else {
            self.map = None;
            return;
        };
        let regions = map_regions(ds, nav);
        let classes = classify(ds, &regions, ind, nav.year);
        let atlas = Rc::clone(self.atlas.get_or_insert_with(|| Rc::new(Atlas::bundled(&ds.regions))));
        let (w, h) = (canvas.width as usize * 2, canvas.height as usize * 4);
        let raster = (!atlas.is_empty()).then(|| {
            let first = regions.first().copied().unwrap_or(nav.list_parent);
            let key = (first, nav.map_scope, w, h);
            Rc::clone(self.rasters.entry(key).or_insert_with(|| Rc::new(Raster::new(&atlas, &regions, w, h))))
        });
        let mut centroids = vec![(0.0, 0.0, 0); regions.len()];
        if let Some(raster) = &raster {
            for (i, dot) in raster.dots.iter().enumerate() {
                if let Some(c) = dot.and_then(|r| centroids.get_mut(r as usize)) {
                    *c = (c.0 + (i % w) as f64, c.1 + (i / w) as f64, c.2 + 1);
                }
            }
        }
        self.map = Some(MapView { regions, indicator: ind, classes, atlas, raster, canvas, centroids, selected });
    }
}
