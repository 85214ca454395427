//! The HTML report (`--format html`): one self-contained file (no network, no script, system
//! fonts) with the region's six areas as tables, the children's table, and charts as inline
//! SVG: the map with the dashboard's classes, a line chart over the years per area headline with
//! its target, the children's bars with the target line. A print stylesheet lays it out on A4
//! (print to PDF from any browser). Every figure keeps its footnoted source.

use std::fmt::Write as _;

use super::charts::Charts;
use super::document::{Document, Needs, Part};
use super::error::ExportError;
use super::footnotes::Notes;
use super::page::{children_rows, head, region_and_data, sources_list, status_text, unit_of};
use super::report::{ExportReport, IndicatorOut, Listed};
use super::request::Request;
use super::svg::esc;
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

/// The HTML reads the charts, and the brief cites the sources of the children's values shown.
pub const NEEDS: Needs = Needs { charts: true, listed: Listed::Shown, tidy: false };

/// The full report, or the one-page brief (`--brief`).
pub fn render(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(page(doc).into_bytes()))
}

/// The page the request asks for: the brief or the full report.
pub fn page(doc: &Document) -> String {
    if doc.request.brief {
        super::brief::to_html(doc)
    } else {
        to_html(doc)
    }
}

/// The full report's HTML.
pub fn to_html(doc: &Document) -> String {
    let (r, req, charts) = (&doc.report, &doc.request, doc.charts());
    let lang = req.lang;
    let w = lang.report_words();
    let mut notes = Notes::default();
    let name = |zh: &str, en: &str| esc(lang.of(zh, en));
    let mut out = String::new();
    let title = format!("{} · {}", lang.of(&r.region.name_zh, &r.region.name_en), r.year);
    head(&mut out, lang, &title, STYLE);
    let _ = writeln!(out, "<h1>{}</h1>", esc(&title));
    let [region, data] = region_and_data(r, lang);
    let _ = writeln!(
        out,
        "<p class=\"meta\">{region}<br/>{data}<br/>{}<br/>{}<br/>{}</p>",
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
    children_section(&mut out, req, r, charts);
    out += &format!("<section class=\"sources\">\n<h2>{}</h2>\n", esc(w.sources));
    sources_list(&mut out, &notes, lang);
    out + "</section>\n</body>\n</html>\n"
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
    let headlines: Vec<usize> =
        (0..r.children_indicators.len()).filter(|k| r.children_indicators[*k].headline).collect();
    children_rows(out, r, lang, &headlines);
    out.push_str("</table>\n<div class=\"charts\">\n");
    for c in &charts.bars {
        let _ = writeln!(out, "<figure>{}</figure>", c.svg);
    }
    out.push_str("</div>\n</section>\n");
}
