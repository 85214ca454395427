//! Charts as SVG, for the HTML report: the children as bars with the target line, an indicator
//! over the years with its target, and the map with the dashboard's classes and legend. Each
//! mark is an element of its own class (`bar`, `point`, `region`), so tests can count them; text
//! is escaped; a missing value draws nothing (never a zero bar).

use std::fmt::Write as _;

use super::document::{Document, Needs, Part};
use super::error::ExportError;
use crate::geo::Atlas;
use crate::metrics::classes::{classify, Scheme, STATUS_CLASSES};
use crate::metrics::Status;
use crate::model::{Dataset, IndicatorId, RegionId, Unit};
use crate::number::{number, number_trim};
use crate::palette::named;
use crate::strings::Lang;

/// The SVG files are the charts.
pub const NEEDS: Needs = Needs { charts: true, ..Needs::REPORT };

/// Each chart as a file of its own, named by what it shows (`_map`, `_years_<id>`, ...).
pub fn render(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(doc.charts().all().map(|c| Part { suffix: format!("_{}", c.name), bytes: c.svg.clone().into_bytes() }).collect())
}

/// Text for XML: `&`, `<`, `>`, quotes escaped, control characters shown as escapes.
pub fn esc(s: &str) -> String {
    let s = crate::fit::printable(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn hex(name: &str) -> String {
    named(name).map_or("#888888".into(), |c| c.hex())
}

/// One bar: its label, value and status key.
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub status: Option<Status>,
}

const FONT: &str = "font-family=\"system-ui, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif\" font-size=\"12\"";

/// Horizontal bars, best first as given, the target as a vertical line; regions without a value
/// are listed under the bars.
pub fn bars(title: &str, bars: &[Bar], target: Option<(f64, String)>, unit: Unit, no_data: &str) -> String {
    let with: Vec<&Bar> = bars.iter().filter(|b| b.value.is_some_and(f64::is_finite)).collect();
    let missing: Vec<&str> = bars.iter().filter(|b| b.value.is_none()).map(|b| b.label.as_str()).collect();
    let (label_w, bar_w, row_h) = (110.0, 360.0, 20.0);
    let width = label_w + bar_w + 90.0;
    let height = 40.0 + row_h * with.len() as f64 + if missing.is_empty() { 10.0 } else { 30.0 };
    let max = with.iter().filter_map(|b| b.value).chain(target.as_ref().map(|t| t.0)).fold(0.0_f64, f64::max);
    let scale = |v: f64| if max > 0.0 { (v.max(0.0) / max) * bar_w } else { 0.0 };
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" {FONT}>\n<title>{}</title>\n<text x=\"0\" y=\"16\" font-weight=\"bold\">{}</text>\n",
        esc(title),
        esc(title)
    );
    for (i, b) in with.iter().enumerate() {
        let y = 30.0 + row_h * i as f64;
        let v = b.value.unwrap_or_default();
        let fill = b.status.map_or(hex("bar"), |st| hex(st.key()));
        let symbol = b.status.map(|st| format!(" {}", st.symbol())).unwrap_or_default();
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{label_w}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" fill=\"{fill}\"/><text x=\"{:.1}\" y=\"{}\">{}{}</text>",
            label_w - 6.0,
            y + 14.0,
            esc(&b.label),
            y + 3.0,
            scale(v),
            row_h - 6.0,
            label_w + scale(v) + 4.0,
            y + 14.0,
            esc(&number(v, unit)),
            symbol
        );
    }
    if let Some((t, label)) = &target {
        let x = label_w + scale(*t);
        let _ = writeln!(
            s,
            "<line class=\"target\" x1=\"{x:.1}\" y1=\"24\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"{x:.1}\" y=\"22\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            30.0 + row_h * with.len() as f64,
            hex("target"),
            hex("target"),
            esc(label)
        );
    }
    if !missing.is_empty() {
        let _ = writeln!(
            s,
            "<text x=\"0\" y=\"{:.1}\" fill=\"#666\">{}{}</text>",
            height - 8.0,
            esc(no_data),
            esc(&missing.join("、"))
        );
    }
    s + "</svg>\n"
}

/// A series over the years: a line through the years with values (a gap is not bridged), a dot
/// per value, the target as a dashed line with its year marked.
pub fn line(title: &str, points: &[(i32, Option<f64>)], target: Option<(f64, i32, String)>, unit: Unit) -> String {
    let (w, h, left, top, bottom) = (480.0, 220.0, 64.0, 28.0, 30.0);
    let vals: Vec<(i32, f64)> =
        points.iter().filter_map(|(y, v)| v.filter(|v| v.is_finite()).map(|v| (*y, v))).collect();
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" {FONT}>\n<title>{}</title>\n<text x=\"0\" y=\"16\" font-weight=\"bold\">{}</text>\n",
        esc(title),
        esc(title)
    );
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return s + "</svg>\n" };
    let (mut x0, mut x1) = (first.0, last.0);
    if let Some((_, ty, _)) = &target {
        if *ty > x1 && *ty <= x1 + 6 {
            x1 = *ty;
        }
        x0 = x0.min(x1);
    }
    let ys = vals.iter().map(|v| v.1).chain(target.as_ref().map(|t| t.0));
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        return s + "</svg>\n";
    }
    let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.01).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    let px = |y: i32| left + (y - x0) as f64 / (x1 - x0).max(1) as f64 * (w - left - 20.0);
    let py = |v: f64| top + (hi - v) / (hi - lo) * (h - top - bottom);
    let axis = "#999";
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{axis}\"/>\n<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
        h - bottom,
        w - 20.0,
        h - bottom,
        left - 4.0,
        py(hi - pad) + 4.0,
        esc(&number_trim(hi - pad, unit)),
        left - 4.0,
        py(lo + pad) + 4.0,
        esc(&number_trim(lo + pad, unit)),
    );
    // At most about eight year labels, counted back from the last (the year or the target's).
    let step = ((x1 - x0) / 8 + 1).max(1);
    for y in (x0..=x1).filter(|y| (x1 - y) % step == 0) {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{y}</text>",
            px(y),
            h - bottom + 16.0
        );
    }
    s.push('\n');
    if let Some((t, ty, label)) = &target {
        let c = hex("target");
        let _ = writeln!(
            s,
            "<line class=\"target\" x1=\"{left}\" y1=\"{:.1}\" x2=\"{}\" y2=\"{:.1}\" stroke=\"{c}\" stroke-dasharray=\"5 4\"/><line class=\"target-year\" x1=\"{:.1}\" y1=\"{top}\" x2=\"{:.1}\" y2=\"{}\" stroke=\"{c}\" stroke-dasharray=\"2 3\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{c}\">{}</text>",
            py(*t),
            w - 20.0,
            py(*t),
            px(*ty),
            px(*ty),
            h - bottom,
            w - 22.0,
            py(*t) - 4.0,
            esc(label)
        );
    }
    // Segments between consecutive years that both have a value.
    let c = hex("series_1");
    for pair in points.windows(2) {
        if let ((ya, Some(a)), (yb, Some(b))) = (pair[0], pair[1]) {
            let _ = write!(
                s,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{c}\" stroke-width=\"2\"/>",
                px(ya),
                py(a),
                px(yb),
                py(b)
            );
        }
    }
    for (y, v) in &vals {
        let _ = write!(
            s,
            "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{c}\"><title>{y}: {}</title></circle>",
            px(*y),
            py(*v),
            esc(&number(*v, unit))
        );
    }
    s + "\n</svg>\n"
}

/// The map of `regions` shaded by the indicator's classes in `year`, as on the dashboard (the
/// four statuses where the target applies, else quintiles), with its legend; `None` where the
/// bundled boundaries do not cover the regions (the synthetic national data).
pub fn map(
    ds: &Dataset,
    atlas: &Atlas,
    regions: &[RegionId],
    ind: IndicatorId,
    year: i32,
    lang: Lang,
) -> Option<String> {
    let shapes: Vec<_> = regions.iter().filter_map(|r| atlas.shape(*r)).collect();
    if shapes.is_empty() {
        return None;
    }
    let classes = classify(ds, regions, ind, year);
    let bbox = shapes.iter().fold((f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY), |b, s| {
        (b.0.min(s.bbox.0), b.1.min(s.bbox.1), b.2.max(s.bbox.2), b.3.max(s.bbox.3))
    });
    let k = ((bbox.1 + bbox.3) / 2.0).to_radians().cos();
    let (w, legend_w) = (420.0, 180.0);
    let scale = w / ((bbox.2 - bbox.0) * k).max(1e-9);
    let h = (bbox.3 - bbox.1) * scale;
    let x = |lon: f64| (lon - bbox.0) * k * scale;
    let y = |lat: f64| (bbox.3 - lat) * scale;
    let def = ds.catalog.get(ind);
    let title = format!("{} · {year}", lang.indicator(def));
    // The title on top, the map below it.
    let head = 24.0;
    let total_h = (h + head).max(160.0);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart map\" viewBox=\"0 0 {:.0} {total_h:.0}\" width=\"{:.0}\" height=\"{total_h:.0}\" {FONT}>\n<title>{}</title>\n<text x=\"0\" y=\"16\" font-weight=\"bold\">{}</text>\n<g transform=\"translate(0 {head})\">\n",
        w + legend_w,
        w + legend_w,
        esc(&title),
        esc(&title)
    );
    let color = |c: usize| match &classes.scheme {
        Scheme::Status { .. } => hex(STATUS_CLASSES[c.min(3)].key()),
        Scheme::Quantiles { .. } => hex(&format!("map_{}", c + 1)),
    };
    for (i, r) in regions.iter().enumerate() {
        let Some(shape) = atlas.shape(*r) else { continue };
        let mut d = String::new();
        for p in &shape.polygons {
            for ring in &p.rings {
                for (j, (lon, lat)) in ring.iter().enumerate() {
                    let _ = write!(d, "{}{:.1} {:.1}", if j == 0 { "M" } else { "L" }, x(*lon), y(*lat));
                }
                d.push('Z');
            }
        }
        let name = lang.region(ds.regions.get(*r));
        let value = ds.resolve_value(*r, ind, year).map_or_else(|| "—".to_string(), |v| number(v, def.unit));
        let fill = classes.class_of[i].map_or("none".to_string(), color);
        let _ = writeln!(
            s,
            "<path class=\"region\" d=\"{d}\" fill=\"{fill}\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.6\"><title>{}: {}</title></path>",
            esc(name),
            esc(&value)
        );
    }
    s.push_str("</g>\n");
    // The legend: a swatch and a label per class, then the regions without data.
    let labels: Vec<String> = match &classes.scheme {
        Scheme::Status { .. } => {
            STATUS_CLASSES.iter().map(|st| format!("{} {}", st.symbol(), lang.status(*st))).collect()
        }
        Scheme::Quantiles { ranges } => {
            // Class 0 is the worst: the lowest range when higher is better, else the highest.
            let k = ranges.len();
            let higher = def.direction == crate::model::Direction::HigherBetter;
            (0..k)
                .map(|c| ranges[if higher { c } else { k - 1 - c }])
                .map(|(a, b)| crate::number::range_trim(a, b, def.unit))
                .collect()
        }
    };
    for (c, label) in labels.iter().enumerate().take(classes.n_classes) {
        let ly = 20.0 + 20.0 * c as f64;
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{ly}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#555\"/><text x=\"{}\" y=\"{}\">{}</text>",
            w + 10.0,
            color(c),
            w + 30.0,
            ly + 12.0,
            esc(label)
        );
    }
    let no_data = regions.len() - classes.with_data;
    let _ = writeln!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"none\" stroke=\"#555\"/><text x=\"{}\" y=\"{}\">{}</text>",
        w + 10.0,
        20.0 + 20.0 * classes.n_classes as f64,
        w + 30.0,
        32.0 + 20.0 * classes.n_classes as f64,
        esc(&lang.map_no_data(no_data, regions.len()))
    );
    Some(s + "</svg>\n")
}
