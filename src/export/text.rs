//! The readable reports: Markdown (tables, footnoted sources) and plain text (linear, no colour,
//! for pipes, e-mail and screen readers). One writer, two layouts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::report::{ExportReport, IndicatorOut, MetricOut};
use crate::model::Unit;
use crate::number::{number, number_trim, number_vs};
use crate::strings::Lang;

/// A unit's label in the text formats (English), from its key.
fn unit_text(unit: &str) -> &'static str {
    Unit::parse(unit).map_or("", |u| Lang::En.unit(u))
}

/// A number in a unit given by its key.
fn num(v: f64, unit: &str) -> String {
    number(v, Unit::parse(unit).unwrap_or(Unit::Ratio))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Markdown,
    Plain,
}

/// Footnote numbers of source addresses, in order of first use.
#[derive(Default)]
struct Notes {
    ids: BTreeMap<String, usize>,
    order: Vec<(String, String)>,
}

impl Notes {
    fn cite(&mut self, url: &str, kind: &str) -> usize {
        if let Some(n) = self.ids.get(url) {
            return *n;
        }
        self.order.push((url.to_string(), kind.to_string()));
        self.ids.insert(url.to_string(), self.order.len());
        self.order.len()
    }
}

fn val(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".to_string(), |v| num(v, unit))
}

fn status_text(s: &Option<String>) -> String {
    s.as_deref().map(|s| s.replace('_', " ")).unwrap_or_else(|| "—".into())
}

fn metric<'a>(metrics: &'a [MetricOut], id: &str, ind: &str) -> Option<&'a MetricOut> {
    metrics.iter().find(|m| m.id == id && m.indicator.as_deref() == Some(ind))
}

pub fn render(r: &ExportReport, layout: Layout) -> String {
    let md = layout == Layout::Markdown;
    let mut s = String::new();
    let mut notes = Notes::default();
    let chain: Vec<&str> = r.region.parents.iter().map(|p| p.name_zh.as_str()).collect();
    let h1 = if md { "# " } else { "" };
    let _ = writeln!(s, "{h1}{} ({}) · {}", r.region.name_zh, r.region.name_en, r.year);
    if !md {
        let _ = writeln!(s, "{}", "=".repeat(40));
    }
    let _ = writeln!(s);
    let path = if chain.is_empty() { String::new() } else { format!("{} › ", chain.join(" › ")) };
    let _ = writeln!(
        s,
        "Region: {path}{} ({}, code {}); {} children.",
        r.region.name_zh,
        r.region.level,
        r.region.code,
        r.children.len()
    );
    let _ = writeln!(
        s,
        "Data: {} ({}), as of {}. Generated {} by cpdash {}.",
        r.dataset.title, r.dataset.id, r.dataset.as_of, r.generated_at, r.cpdash_version
    );
    let _ = writeln!(s, "Missing values are shown as —; nothing is filled in.");
    for a in &r.areas {
        let _ = writeln!(s);
        if md {
            let _ = writeln!(s, "## {} · {}", a.name_zh, a.name_en);
            let _ = writeln!(s);
            let _ = writeln!(s, "| indicator | value | unit | target | gap | status | trend | rank |");
            let _ = writeln!(s, "|---|---:|---|---:|---:|---|---|---:|");
        } else {
            let _ = writeln!(s, "{} · {}", a.name_zh, a.name_en);
            let _ = writeln!(s, "{}", "-".repeat(40));
        }
        for i in &a.indicators {
            line(&mut s, &mut notes, i, md);
        }
        dispersion(&mut s, a, md);
    }
    let _ = writeln!(s);
    if md {
        let _ = writeln!(s, "## Sources");
        let _ = writeln!(s);
        for (n, (url, kind)) in notes.order.iter().enumerate() {
            let _ = writeln!(s, "[^{}]: <{url}> ({kind})", n + 1);
        }
    } else {
        let _ = writeln!(s, "Sources");
        let _ = writeln!(s, "{}", "-".repeat(40));
        for (n, (url, kind)) in notes.order.iter().enumerate() {
            let _ = writeln!(s, "[{}] {url} ({kind})", n + 1);
        }
    }
    s
}

fn line(s: &mut String, notes: &mut Notes, i: &IndicatorOut, md: bool) {
    let cite = i.source_url.as_ref().map(|u| notes.cite(u, i.source_kind.as_deref().unwrap_or("other")));
    let value = i
        .value
        .map_or_else(|| "—".to_string(), |v| number_vs(v, i.target, Unit::parse(&i.unit).unwrap_or(Unit::Ratio)));
    let target = i.target.map_or("—".to_string(), |t| number_trim(t, Unit::parse(&i.unit).unwrap_or(Unit::Ratio)));
    let gap = match (i.gap, i.gap_pct) {
        (Some(g), _) if g <= 0.0 => "met".to_string(),
        (Some(_), Some(p)) => format!("{p:.1}% short"),
        _ => "—".into(),
    };
    let rank = match (i.rank, i.rank_of) {
        (Some(r), Some(o)) => format!("{r}/{o}"),
        _ => "—".into(),
    };
    let kind = if i.value_kind == "computed" { " (computed)" } else { "" };
    if md {
        let foot = cite.map(|n| format!("[^{n}]")).unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} {} | {value}{foot}{kind} | {} | {target} | {gap} | {} | {} | {rank} |",
            i.name_zh,
            i.name_en,
            unit_text(&i.unit),
            status_text(&i.status),
            i.trend_text
        );
    } else {
        let foot = cite.map(|n| format!(" [{n}]")).unwrap_or_default();
        let mut t = format!("{} ({}): {value} {}{kind}{foot}", i.name_zh, i.name_en, unit_text(&i.unit));
        if i.target.is_some() {
            let _ = write!(t, "; target {target}, {gap}, {}", status_text(&i.status));
        }
        let _ = write!(t, "; trend: {}", i.trend_text);
        if i.rank.is_some() {
            let _ = write!(t, "; rank {rank}");
        }
        let _ = writeln!(s, "{t}");
    }
}

fn dispersion(s: &mut String, a: &super::report::AreaOut, md: bool) {
    let f = |m: Option<&MetricOut>| m.and_then(|m| m.value).map_or("—".to_string(), |v| format!("{v:.4}"));
    let part = |m: Option<&MetricOut>, n: &str| {
        m.and_then(|m| m.parts.iter().find(|(k, _)| k == n)).map_or("—".to_string(), |(_, v)| format!("{v:.4}"))
    };
    let mut rows = Vec::new();
    for i in &a.indicators {
        for (prefix, over) in [("children", "children"), ("leaves", "all counties")] {
            let get = |id: &str| metric(&a.metrics, &format!("{prefix}_{id}"), &i.id);
            let Some(mm) = get("max_min_ratio").filter(|m| m.used > 0) else { continue };
            let names = if mm.note.is_empty() { String::new() } else { format!(" ({})", mm.note) };
            let theil = get("theil");
            let split =
                if prefix == "leaves" { "between / within the children" } else { "between / within mountain26" };
            let cells = [
                format!("{} ({over})", i.name_zh),
                format!("{}/{}", mm.used, mm.of),
                format!("{}{names}", val(mm.value, "ratio")),
                f(get("cv")),
                f(get("cv_weighted")),
                f(get("gini")),
                format!("{} ({split}: {} / {})", f(theil), part(theil, "between"), part(theil, "within")),
            ];
            rows.push(if md {
                format!("| {} |", cells.join(" | "))
            } else {
                format!(
                    "{}: n {}, max/min {}, CV {}, weighted CV {}, Gini {}, Theil {}",
                    cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]
                )
            });
        }
        let counted = |m: &&MetricOut| m.parts.iter().any(|(k, v)| k.ends_with("_n") && *v > 0.0);
        if let Some(m) = metric(&a.metrics, "mountain26_rest_ratio", &i.id).filter(counted) {
            let n = |k: &str| part(Some(m), k).parse::<f64>().map_or("0".into(), |v| format!("{v:.0}"));
            let text = format!(
                "{}: mountain26 counties / the other counties (population-weighted) {} (n {} and {})",
                i.name_zh,
                val(m.value, "ratio"),
                n("mountain26_n"),
                n("rest_n")
            );
            rows.push(if md { format!("| {text} | | | | | | |") } else { text });
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(s);
    if md {
        let _ = writeln!(s, "Dispersion (population-weighted where it says so):");
        let _ = writeln!(s);
        let _ = writeln!(s, "| indicator (over) | n | max/min | CV | weighted CV | Gini | Theil |");
        let _ = writeln!(s, "|---|---:|---|---:|---:|---:|---|");
    } else {
        let _ = writeln!(s, "Dispersion:");
    }
    for r in rows {
        let _ = writeln!(s, "{r}");
    }
}
