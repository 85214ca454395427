//! The report's charts, drawn once per export from the data set: the map of the children, a
//! line over the years per area, the children's bars per headline. The HTML report, the brief,
//! the PDF, the SVG files and the Markdown's links all take them from here.

use super::report::ExportReport;
use super::request::Request;
use super::svg::{self, Bar};
use crate::geo::Atlas;
use crate::metrics::classes::classify;
use crate::metrics::report::{applicable_target, children_rows};
use crate::model::indicator::Role;
use crate::model::{Dataset, IndicatorId};
use crate::number::number_trim;

/// A chart of the report: what it shows (for a file name), its title, its SVG.
pub struct ChartSvg {
    pub name: String,
    pub title: String,
    pub svg: String,
    /// The indicator drawn.
    pub indicator: String,
    /// How many years have a value (a line), or how many regions (a map, bars).
    pub points: usize,
    /// Drawn against an official target.
    pub target: bool,
}

/// The report's charts: the map of the children (or `None` where the regions have no
/// boundaries), a line over the years for each area's first indicator with two years or more,
/// and the children's bars for each headline indicator with values.
pub struct Charts {
    pub map: Option<Option<ChartSvg>>,
    /// By area id.
    pub lines: Vec<(String, ChartSvg)>,
    pub bars: Vec<ChartSvg>,
    /// The brief's one series (see [`telling_line`]); `None` for the full report.
    pub telling: Option<ChartSvg>,
}

impl Charts {
    /// Every chart, map first.
    pub fn all(&self) -> impl Iterator<Item = &ChartSvg> {
        self.map.iter().flatten().chain(self.lines.iter().map(|(_, c)| c)).chain(&self.bars)
    }
}

/// The indicator the map shades: the user's (`--map`) where a child has a value; else the first
/// that sets the children apart (two classes or more) of the one the dashboard opens on, the
/// brief's columns (the incomes) and the headlines; else the first of those with a value.
pub fn map_indicator(ds: &Dataset, req: &Request, r: &ExportReport) -> Option<IndicatorId> {
    let children = ds.regions.children(req.region);
    let has_values = |i: IndicatorId| children.iter().any(|c| ds.resolve_value(*c, i, r.year).is_some());
    if let Some(i) = req.map.filter(|i| has_values(*i)) {
        return Some(i);
    }
    let listed = |brief: bool| {
        r.children_indicators
            .iter()
            .filter(move |i| if brief { i.brief } else { i.headline })
            .filter_map(|i| ds.catalog.by_id(&i.id))
    };
    let candidates: Vec<IndicatorId> = ds
        .catalog
        .role(Role::Opening)
        .into_iter()
        .chain(listed(true))
        .chain(listed(false))
        .filter(|i| has_values(*i))
        .collect();
    let distinct = |i: IndicatorId| {
        let classes = classify(ds, children, i, r.year);
        let mut seen: Vec<usize> = classes.class_of.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    candidates.iter().copied().find(|i| distinct(*i) >= 2).or(candidates.first().copied())
}

pub fn charts(ds: &Dataset, req: &Request, r: &ExportReport) -> Charts {
    let lang = req.lang;
    let children = ds.regions.children(req.region);
    let map = map_indicator(ds, req, r).map(|ind| {
        let atlas = Atlas::bundled(&ds.regions);
        let def = ds.catalog.get(ind);
        svg::map(ds, &atlas, children, ind, r.year, lang).map(|svg| ChartSvg {
            name: "map".into(),
            title: format!("{} · {}", lang.indicator(def), r.year),
            svg,
            indicator: def.id.clone(),
            points: children.iter().filter(|c| ds.resolve_value(**c, ind, r.year).is_some()).count(),
            target: false,
        })
    });
    let mut lines = Vec::new();
    for a in &r.areas {
        let Some(i) = a.indicators.first().and_then(|i| ds.catalog.by_id(&i.id)) else { continue };
        if let Some(chart) = line(ds, req, i, r.year) {
            lines.push((a.id.clone(), chart));
        }
    }
    let telling = req.brief.then(|| telling_line(ds, req, r)).flatten();
    let headlines = r.children_indicators.iter().filter(|i| i.headline).filter_map(|i| ds.catalog.by_id(&i.id));
    let bars = headlines.filter_map(|i| children_bars(ds, req, r, i)).collect();
    Charts { map, lines, bars, telling }
}

/// The region's series of one indicator up to the year, with its target; `None` with fewer than
/// two years of values.
fn line(ds: &Dataset, req: &Request, i: IndicatorId, year: i32) -> Option<ChartSvg> {
    let (lang, region) = (req.lang, req.region);
    let points: Vec<(i32, Option<f64>)> =
        ds.years().filter(|y| *y <= year).map(|y| (y, ds.resolve_value(region, i, y))).collect();
    let n = points.iter().filter(|p| p.1.is_some()).count();
    if n < 2 {
        return None;
    }
    let def = ds.catalog.get(i);
    let target =
        applicable_target(ds, i, region).map(|(t, ty)| (t, ty, lang.target_label(&number_trim(t, def.unit), ty)));
    let has_target = target.is_some();
    let svg = svg::line(lang.indicator(def), &points, target, def.unit);
    let first = points.iter().find(|p| p.1.is_some()).map_or(year, |p| p.0);
    let title = format!("{} · {first}–{year}", lang.indicator(def));
    Some(ChartSvg {
        name: format!("years_{}", def.id),
        title,
        svg,
        indicator: def.id.clone(),
        points: n,
        target: has_target,
    })
}

/// The series that says most on one page: the indicator the dashboard opens on (the province's
/// lens, the urban-rural income ratio) where it has two years or more; else, of the areas'
/// indicators, the longest series drawn against a target; else the longest.
fn telling_line(ds: &Dataset, req: &Request, r: &ExportReport) -> Option<ChartSvg> {
    if let Some(c) = ds.catalog.role(Role::Opening).and_then(|i| line(ds, req, i, r.year)) {
        return Some(c);
    }
    let mut best: Option<ChartSvg> = None;
    for i in r.areas.iter().flat_map(|a| &a.indicators).filter_map(|i| ds.catalog.by_id(&i.id)) {
        if let Some(c) = line(ds, req, i, r.year) {
            if best.as_ref().is_none_or(|b| (c.target, c.points) > (b.target, b.points)) {
                best = Some(c);
            }
        }
    }
    best
}

/// The children's bars of one indicator, best first, with the target line.
fn children_bars(ds: &Dataset, req: &Request, r: &ExportReport, ind: IndicatorId) -> Option<ChartSvg> {
    let lang = req.lang;
    let def = ds.catalog.get(ind);
    let mut rows = children_rows(ds, req.region, ind, r.year);
    let n = rows.iter().filter(|(_, row)| row.value().is_some()).count();
    if n == 0 {
        return None;
    }
    let s = def.direction.sign();
    rows.sort_by(|a, b| match (a.1.value(), b.1.value()) {
        (Some(x), Some(y)) => (y * s).total_cmp(&(x * s)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(c, row)| Bar {
            label: lang.region_short(ds.regions.get(*c)).to_string(),
            value: row.value(),
            status: row.status(),
        })
        .collect();
    let target = rows
        .first()
        .and_then(|(_, row)| row.applicable_target)
        .map(|(t, ty)| (t, lang.target_label(&number_trim(t, def.unit), ty)));
    let has_target = target.is_some();
    let no_data = lang.no_data_in(r.year);
    let svg = svg::bars(lang.indicator(def), &bars, target, def.unit, &format!("{no_data} "));
    let title = format!("{} · {}", lang.indicator(def), lang.children_of(lang.region(ds.regions.get(req.region))));
    Some(ChartSvg {
        name: format!("children_{}", def.id),
        title,
        svg,
        indicator: def.id.clone(),
        points: n,
        target: has_target,
    })
}
