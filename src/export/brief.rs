//! The one-page brief (`--brief`, HTML and PDF): a region in a year on one A4 page. The areas'
//! headline figures (areas without a value named in one line, never an empty section), the map
//! of the children shaded by one indicator, the series that says most (a line against its
//! target), the children's incomes, and the sources of every figure shown. The full report
//! keeps everything else.

use std::fmt::Write as _;

use super::document::Document;
use super::footnotes::Notes;
use super::page::{children_rows, head, region_and_data, sources_list, status_text, unit_of};
use super::report::{AreaOut, ExportReport, IndicatorOut, SourceOut};
use super::svg::esc;
use crate::number::{number_trim, number_vs};
use crate::strings::Lang;

/// Figures per area at most: the headline, then the next with a target, then the others.
const PER_AREA: usize = 3;

const STYLE: &str = "
@page { size: A4; margin: 11mm 12mm; }
body { font-family: system-ui, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 8.6pt; color: #222; line-height: 1.3; margin: 1em auto; max-width: 186mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; } h1 small { font-weight: normal; color: #555; font-size: 10pt; margin-left: 2mm; }
h2 { font-size: 10pt; margin: 2.5mm 0 1mm; border-bottom: 1px solid #ccc; }
.meta { color: #555; font-size: 7.6pt; margin: 0.4mm 0; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #e4e4e4; padding: 0.5mm 1.4mm; text-align: left; vertical-align: top; }
th { font-weight: 600; font-size: 7.8pt; color: #444; } td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } td.k, th.k { white-space: nowrap; }
.pair { display: flex; gap: 4mm; align-items: flex-start; } .pair > * { flex: 1 1 0; min-width: 0; margin: 0; }
svg { width: 100%; height: auto; max-height: 56mm; } figure { margin: 0; }
ol.sources { font-size: 6.6pt; margin: 0.5mm 0 0 4mm; padding: 0; word-break: break-all; color: #444; columns: 2; column-gap: 6mm; } ol.sources li { margin: 0; break-inside: avoid; }
sup { font-size: 0.7em; } a { color: inherit; text-decoration: none; }
@media print { body { margin: 0; max-width: none; } }
";

pub fn to_html(doc: &Document) -> String {
    let (r, lang) = (&doc.report, doc.lang());
    let (w, b) = (lang.report_words(), lang.brief_words());
    let mut notes = Notes::default();
    let mut out = String::new();
    let name = lang.of(&r.region.name_zh, &r.region.name_en).to_string();
    head(&mut out, lang, &format!("{name} · {} · {}", r.year, b.title), STYLE);
    let _ = writeln!(out, "<h1>{} · {}<small>{}</small></h1>", esc(&name), r.year, esc(b.title));
    let [region, data] = region_and_data(r, lang);
    let _ = writeln!(out, "<p class=\"meta\">{region}<br/>{data}</p>");
    figures(&mut out, &mut notes, r, lang);
    charts(&mut out, doc);
    children(&mut out, &mut notes, r, lang);
    let _ = writeln!(out, "<h2>{}</h2>", esc(w.sources));
    sources_list(&mut out, &notes, lang);
    let _ = writeln!(out, "<p class=\"meta\">{} {}</p>", esc(w.missing_note), esc(b.full_report));
    out + "</body>\n</html>\n"
}

/// The figures an area shows: those with a value, those with a target first (the first of them
/// is the area's headline, as the dashboard picks it), in catalog order, at most [`PER_AREA`].
fn shown(a: &AreaOut) -> Vec<&IndicatorOut> {
    let mut with: Vec<(usize, &IndicatorOut)> =
        a.indicators.iter().enumerate().filter(|(_, i)| i.value.is_some()).collect();
    with.sort_by_key(|(k, i)| (i.target.is_none(), *k));
    with.into_iter().take(PER_AREA).map(|(_, i)| i).collect()
}

/// The areas' headline figures, one table; the areas without any value in one line.
fn figures(out: &mut String, notes: &mut Notes, r: &ExportReport, lang: Lang) {
    let b = lang.brief_words();
    let _ = write!(out, "<h2>{}</h2>\n<table>\n<tr>", esc(b.figures));
    for h in b.figures_head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr>\n");
    let mut empty = Vec::new();
    for a in &r.areas {
        let rows = shown(a);
        if rows.is_empty() {
            empty.push(lang.of(a.name_zh.as_str(), &a.name_en));
            continue;
        }
        for (k, i) in rows.iter().enumerate() {
            out.push_str("<tr>");
            if k == 0 {
                let _ = write!(
                    out,
                    "<td class=\"k\" rowspan=\"{}\">{}</td>",
                    rows.len(),
                    esc(lang.of(&a.name_zh, &a.name_en))
                );
            }
            let unit = unit_of(&i.unit);
            let foot: String = notes.cite_indicator(i).iter().map(|n| format!("<sup>[{n}]</sup>")).collect();
            let value = i.value.map_or_else(|| "—".to_string(), |v| number_vs(v, i.target, unit));
            let rank = match (i.rank, i.rank_of) {
                (Some(k), Some(o)) => format!("{k}/{o}"),
                _ => "—".into(),
            };
            let target = i.target.map_or_else(|| "—".to_string(), |t| number_trim(t, unit));
            let _ = writeln!(
                out,
                "<td>{}</td><td class=\"n\">{} {}{foot}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(lang.of(&i.name_zh, &i.name_en)),
                esc(&value),
                esc(lang.unit_long(unit)),
                esc(&target),
                esc(&status_text(lang, i.status.as_deref())),
                esc(&rank)
            );
        }
    }
    out.push_str("</table>\n");
    if !empty.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}{}</p>", esc(b.no_data), esc(&empty.join(lang.words().list_sep)));
    }
}

/// The map of the children beside the series that says most.
fn charts(out: &mut String, doc: &Document) {
    let charts = doc.charts();
    let map = charts.map.as_ref().and_then(|m| m.as_ref());
    let line = charts.telling.as_ref();
    if map.is_none() && line.is_none() {
        return;
    }
    out.push_str("<div class=\"pair\">\n");
    for c in [map, line].into_iter().flatten() {
        let _ = writeln!(out, "<figure>{}</figure>", c.svg);
    }
    out.push_str("</div>\n");
    if map.is_some() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(crate::geo::ATTRIBUTION));
    }
}

/// The children's values of the brief's columns (their incomes), with the sources of the values
/// in each column's head.
fn children(out: &mut String, notes: &mut Notes, r: &ExportReport, lang: Lang) {
    // The brief's columns with a value for at least one child.
    let columns: Vec<usize> = (0..r.children_indicators.len())
        .filter(|k| r.children_indicators[*k].brief && r.children_table.iter().any(|c| c.cells[*k].value.is_some()))
        .collect();
    if r.children_table.is_empty() || columns.is_empty() {
        return;
    }
    let b = lang.brief_words();
    let _ = write!(
        out,
        "<h2>{} · {}</h2>\n<table>\n<tr><th class=\"k\">{}</th>",
        esc(b.children),
        r.year,
        esc(lang.sheet_words().children_head[1])
    );
    for k in &columns {
        let i = &r.children_indicators[*k];
        let mut cited: Vec<usize> = Vec::new();
        let codes: Vec<&str> = r.children_table.iter().map(|c| c.code.as_str()).collect();
        for o in r
            .observations
            .iter()
            .filter(|o| o.indicator == i.id && o.year == r.year && codes.contains(&o.region_code.as_str()))
        {
            let s = SourceOut {
                url: o.source_url.clone(),
                kind: o.source_kind.clone(),
                title: o.cite.source_title.clone(),
                copy_url: o.cite.copy_url.clone(),
            };
            let n = notes.cite(&s);
            if !cited.contains(&n) {
                cited.push(n);
            }
        }
        let foot: String = cited.iter().map(|n| format!("<sup>[{n}]</sup>")).collect();
        let unit = lang.unit_long(unit_of(&i.unit));
        let unit = if unit.is_empty() { String::new() } else { format!("({unit})") };
        let _ = write!(out, "<th>{}{}{foot}</th>", esc(lang.of(&i.name_zh, &i.name_en)), esc(&unit));
    }
    out.push_str("</tr>\n");
    children_rows(out, r, lang, &columns);
    out.push_str("</table>\n");
    let legend: Vec<String> = r
        .groups
        .iter()
        .map(|g| format!("{} {}", lang.of(&g.mark_zh, &g.mark_en), lang.of(&g.name_zh, &g.name_en)))
        .collect();
    if !legend.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(&legend.join(" · ")));
    }
}
