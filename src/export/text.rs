//! The readable reports: Markdown (tables, footnoted sources) and plain text (linear, no colour,
//! for pipes, e-mail and screen readers). One writer, two layouts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{unit_text, ExportReport, IndicatorOut, MetricOut};
use crate::ui::text::{number, number_trim};

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
    v.map_or_else(|| "—".to_string(), |v| number(v, unit))
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
    let value = val(i.value, &i.unit);
    let target = i.target.map_or("—".to_string(), |t| number_trim(t, &i.unit));
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

fn dispersion(s: &mut String, a: &super::AreaOut, md: bool) {
    let rows: Vec<String> = a
        .indicators
        .iter()
        .filter_map(|i| {
            let mm = metric(&a.metrics, "children_max_min_ratio", &i.id).filter(|m| m.used > 0)?;
            let f = |id: &str| metric(&a.metrics, id, &i.id).and_then(|m| m.value).map_or("—".to_string(), |v| format!("{v:.4}"));
            let theil = metric(&a.metrics, "children_theil", &i.id);
            let parts = theil
                .filter(|t| t.value.is_some())
                .map(|t| {
                    let p = |n: &str| t.parts.iter().find(|(k, _)| k == n).map_or("—".to_string(), |(_, v)| format!("{v:.4}"));
                    format!("{} ({} / {})", f("children_theil"), p("between"), p("within"))
                })
                .unwrap_or_else(|| "—".into());
            let names = if mm.note.is_empty() { String::new() } else { format!(" ({})", mm.note) };
            Some(if md {
                format!(
                    "| {} | {}/{} | {}{names} | {} | {} | {} | {parts} |",
                    i.name_zh,
                    mm.used,
                    mm.of,
                    val(mm.value, "ratio"),
                    f("children_cv"),
                    f("children_cv_weighted"),
                    f("children_gini")
                )
            } else {
                format!(
                    "{}: n {} of {}, max/min {}{names}, CV {}, weighted CV {}, Gini {}, Theil (between / within) {parts}",
                    i.name_zh,
                    mm.used,
                    mm.of,
                    val(mm.value, "ratio"),
                    f("children_cv"),
                    f("children_cv_weighted"),
                    f("children_gini")
                )
            })
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(s);
    if md {
        let _ = writeln!(s, "Dispersion across the children (population-weighted where it says so):");
        let _ = writeln!(s);
        let _ = writeln!(s, "| indicator | n | max/min | CV | weighted CV | Gini | Theil (between / within) |");
        let _ = writeln!(s, "|---|---:|---|---:|---:|---:|---|");
    } else {
        let _ = writeln!(s, "Dispersion across the children:");
    }
    for r in rows {
        let _ = writeln!(s, "{r}");
    }
}
