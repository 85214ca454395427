//! The HTML report (`--format html`): one self-contained file (no network, no script, system
//! fonts) with the region's six areas as tables, the children's table, and charts as inline
//! SVG: the map with the dashboard's classes, a line chart over the years per area headline with
//! its target, the children's bars with the target line. A print stylesheet lays it out on A4
//! (print to PDF from any browser). Every figure keeps its footnoted source.

use std::fmt::Write as _;

use super::footnotes::Notes;
use super::report::{ExportReport, IndicatorOut};
use super::request::Request;
use super::svg::{self, esc, Bar};
use crate::geo::Atlas;
use crate::metrics::report::{applicable_target, children_rows};
use crate::metrics::Status;
use crate::model::indicator::Role;
use crate::model::{Dataset, IndicatorId, Unit};
use crate::number::{number_trim, number_vs};
use crate::strings::Lang;

const STYLE: &str = "
body { font-family: system-ui, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2em auto; max-width: 60em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; } th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.k, td.u { white-space: nowrap; }
.meta { color: #555; font-size: 0.9em; } .charts { display: flex; flex-wrap: wrap; gap: 1em; } svg { max-width: 100%; height: auto; }
ol.sources { font-size: 0.85em; word-break: break-all; } sup { font-size: 0.7em; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } section, figure, table { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
";

fn unit_of(key: &str) -> Unit {
    Unit::parse(key).unwrap_or(Unit::Ratio)
}

fn status_text(lang: Lang, key: Option<&str>) -> String {
    key.and_then(Status::from_key).map_or_else(String::new, |s| format!("{} {}", s.symbol(), lang.status(s)))
}

/// A chart of the report: what it shows (for a file name), its title, its SVG.
pub struct ChartSvg {
    pub name: String,
    pub title: String,
    pub svg: String,
}

/// The report's charts: the map of the children (or `None` where the regions have no
/// boundaries), a line over the years for each area's first indicator with two years or more,
/// and the children's bars for each headline indicator with values.
pub struct Charts {
    pub map: Option<Option<ChartSvg>>,
    /// By area id.
    pub lines: Vec<(String, ChartSvg)>,
    pub bars: Vec<ChartSvg>,
}

impl Charts {
    /// Every chart, map first.
    pub fn all(&self) -> impl Iterator<Item = &ChartSvg> {
        self.map.iter().flatten().chain(self.lines.iter().map(|(_, c)| c)).chain(&self.bars)
    }
}

pub fn charts(ds: &Dataset, req: &Request, r: &ExportReport) -> Charts {
    let lang = req.lang;
    let region = req.region;
    let children = ds.regions.children(region);
    let headlines: Vec<_> =
        r.children_indicators.iter().filter(|i| i.headline).filter_map(|i| ds.catalog.by_id(&i.id)).collect();
    let has_children_values = |i: IndicatorId| children.iter().any(|c| ds.resolve_value(*c, i, r.year).is_some());
    let map_ind = ds
        .catalog
        .role(Role::Opening)
        .filter(|i| has_children_values(*i))
        .or_else(|| headlines.iter().copied().find(|i| has_children_values(*i)));
    let map = map_ind.map(|ind| {
        let atlas = Atlas::bundled(&ds.regions);
        svg::map(ds, &atlas, children, ind, r.year, lang).map(|svg| ChartSvg {
            name: "map".into(),
            title: format!("{} · {}", lang.indicator(ds.catalog.get(ind)), r.year),
            svg,
        })
    });
    let mut lines = Vec::new();
    for a in &r.areas {
        let Some(i) = a.indicators.first().and_then(|i| ds.catalog.by_id(&i.id)) else { continue };
        let points: Vec<(i32, Option<f64>)> =
            ds.years().filter(|y| *y <= r.year).map(|y| (y, ds.resolve_value(region, i, y))).collect();
        if points.iter().filter(|p| p.1.is_some()).count() < 2 {
            continue;
        }
        let def = ds.catalog.get(i);
        let target =
            applicable_target(ds, i, region).map(|(t, ty)| (t, ty, lang.target_label(&number_trim(t, def.unit), ty)));
        let svg = svg::line(lang.indicator(def), &points, target, def.unit);
        let first = points.iter().find(|p| p.1.is_some()).map_or(r.year, |p| p.0);
        let title = format!("{} · {first}–{}", lang.indicator(def), r.year);
        lines.push((a.id.clone(), ChartSvg { name: format!("years_{}", def.id), title, svg }));
    }
    let bars = headlines.iter().filter_map(|i| children_bars(ds, req, r, *i)).collect();
    Charts { map, lines, bars }
}

/// The children's bars of one indicator, best first, with the target line.
fn children_bars(ds: &Dataset, req: &Request, r: &ExportReport, ind: IndicatorId) -> Option<ChartSvg> {
    let lang = req.lang;
    let def = ds.catalog.get(ind);
    let mut rows = children_rows(ds, req.region, ind, r.year);
    if rows.iter().all(|(_, row)| row.value().is_none()) {
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
    let no_data = lang.no_data_in(r.year);
    let svg = svg::bars(lang.indicator(def), &bars, target, def.unit, &format!("{no_data} "));
    let title = format!("{} · {}", lang.indicator(def), lang.children_of(lang.region(ds.regions.get(req.region))));
    Some(ChartSvg { name: format!("children_{}", def.id), title, svg })
}

/// The report's HTML.
pub fn to_html(ds: &Dataset, req: &Request, r: &ExportReport) -> String {
    let charts = charts(ds, req, r);
    let lang = req.lang;
    let w = lang.report_words();
    let mut notes = Notes::default();
    let name = |zh: &str, en: &str| esc(lang.of(zh, en));
    let mut out = String::new();
    let title = format!("{} · {}", lang.of(&r.region.name_zh, &r.region.name_en), r.year);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>",
        lang.html_lang(),
        esc(&title),
        esc(&title)
    );
    let chain: Vec<&str> = r.region.parents.iter().map(|p| lang.of(p.name_zh.as_str(), &p.name_en)).collect();
    let path = if chain.is_empty() { String::new() } else { format!("{} › ", chain.join(" › ")) };
    let region_name = lang.of(&r.region.name_zh, &r.region.name_en).to_string();
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}<br/>{}<br/>{}<br/>{}<br/>{}</p>",
        esc(&lang.report_region(&path, &region_name, &r.region.level, &r.region.code, r.children.len())),
        esc(&lang.report_data(
            lang.title(&r.dataset.title, r.dataset.title_en.as_deref()),
            &r.dataset.id,
            &r.dataset.as_of,
            &r.generated_at,
            &r.cpdash_version
        )),
        esc(&lang.report_trend_window(r.trend_window)),
        esc(&lang.values_by_kind(&r.kinds_shown())),
        esc(w.missing_note)
    );
    match &charts.map {
        Some(Some(m)) => {
            let _ = writeln!(
                out,
                "<section class=\"map\"><figure>{}</figure><p class=\"meta\">{}</p></section>",
                m.svg,
                esc(crate::geo::ATTRIBUTION)
            );
        }
        Some(None) => {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(lang.no_map()));
        }
        None => {}
    }
    for a in &r.areas {
        let _ = write!(out, "<section class=\"area\">\n<h2>{}</h2>\n<table>\n<tr>", name(&a.name_zh, &a.name_en));
        for h in w.head {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out += "</tr>\n";
        for i in &a.indicators {
            row(&mut out, &mut notes, i, lang);
        }
        out += "</table>\n";
        if let Some((_, c)) = charts.lines.iter().find(|(id, _)| *id == a.id) {
            let _ = writeln!(out, "<figure>{}</figure>", c.svg);
        }
        out += "</section>\n";
    }
    children_section(&mut out, req, r, &charts);
    out += &format!("<section class=\"sources\">\n<h2>{}</h2>\n", esc(w.sources));
    if notes.order.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(w.no_sources));
    } else {
        out += "<ol class=\"sources\">\n";
        for n in &notes.order {
            let title = n.title.as_ref().map(|t| format!("{}, ", esc(t))).unwrap_or_default();
            let copy = n.copy_url.as_ref().map(|c| format!("; {} {}", esc(w.read_from), link(c))).unwrap_or_default();
            let _ = writeln!(out, "<li>{title}{} ({}){copy}</li>", link(&n.url), esc(&n.kind));
        }
        out += "</ol>\n";
    }
    out + "</section>\n</body>\n</html>\n"
}

/// An address as a link where it is one a browser fetches (`http`, `https`); anything else
/// (`javascript:`, `data:`) is shown as text, never made live.
fn link(u: &str) -> String {
    let lower = u.trim_start().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!("<a href=\"{}\">{}</a>", esc(u), esc(u))
    } else {
        esc(u)
    }
}

fn row(out: &mut String, notes: &mut Notes, i: &IndicatorOut, lang: Lang) {
    let w = lang.report_words();
    let unit = unit_of(&i.unit);
    let cites = notes.cite_indicator(i);
    let foot: String = cites.iter().map(|n| format!("<sup>[{n}]</sup>")).collect();
    let value = i.value.map_or_else(|| "—".to_string(), |v| number_vs(v, i.target, unit));
    let kind = if i.value_kind == "computed" { w.computed } else { "" };
    let gap = match (i.gap, i.gap_pct) {
        (Some(g), _) if g <= 0.0 => w.met.to_string(),
        (Some(_), Some(p)) => lang.short_by(p),
        _ => "—".into(),
    };
    let rank = match (i.rank, i.rank_of) {
        (Some(k), Some(o)) => format!("{k}/{o}"),
        _ => "—".into(),
    };
    let _ = writeln!(
        out,
        "<tr><td class=\"k\">{}</td><td class=\"n\">{}{foot}{}</td><td class=\"u\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
        esc(lang.of(&i.name_zh, &i.name_en)),
        esc(&value),
        esc(kind),
        esc(lang.unit_long(unit)),
        esc(&i.target.map_or("—".into(), |t| number_trim(t, unit))),
        esc(&gap),
        esc(&status_text(lang, i.status.as_deref())),
        esc(&i.trend_text),
        esc(&rank)
    );
}

/// The children's values of the headlines, and their bar charts.
fn children_section(out: &mut String, req: &Request, r: &ExportReport, charts: &Charts) {
    if r.children_table.is_empty() {
        return;
    }
    let lang = req.lang;
    let w = lang.report_words();
    let _ = write!(
        out,
        "<section class=\"children\">\n<h2>{} · {}</h2>\n<table>\n<tr><th>{}</th>",
        esc(w.children_table),
        r.year,
        esc(lang.sheet_words().children_head[1])
    );
    for i in r.children_indicators.iter().filter(|i| i.headline) {
        let _ = write!(out, "<th>{}</th>", esc(lang.of(&i.name_zh, &i.name_en)));
    }
    out.push_str("</tr>\n");
    for c in &r.children_table {
        let marks = r.marks(c, lang);
        let _ = write!(out, "<tr><td class=\"k\">{} {}</td>", esc(lang.of(&c.name_zh, &c.name_en)), esc(&marks));
        for (cell, i) in c.cells.iter().zip(&r.children_indicators).filter(|(_, i)| i.headline) {
            let v = cell.value.map_or("—".to_string(), |v| number_vs(v, i.target, unit_of(&i.unit)));
            let st = cell
                .status
                .as_deref()
                .and_then(Status::from_key)
                .map(|s| format!(" {}", s.symbol()))
                .unwrap_or_default();
            let _ = write!(out, "<td class=\"n\">{}{}</td>", esc(&v), st);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<div class=\"charts\">\n");
    for c in &charts.bars {
        let _ = writeln!(out, "<figure>{}</figure>", c.svg);
    }
    out.push_str("</div>\n</section>\n");
}
