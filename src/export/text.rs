//! The readable reports: Markdown (tables, footnoted sources) and plain text (linear, no colour,
//! for pipes, e-mail and screen readers). One writer, two layouts, in either language.

use std::fmt::Write as _;

use super::document::{Document, Part};
use super::error::ExportError;
use super::footnotes::Notes;
use super::report::{AreaOut, BreakOut, ExportReport, GroupOut, IndicatorOut, MetricOut};
use crate::model::Unit;
use crate::number::{number, number_trim, number_vs};
use crate::strings::{Lang, ReportWords, BREAK_MARK};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Markdown,
    Plain,
}

/// A unit from its key (reports carry keys).
fn unit_of(key: &str) -> Unit {
    Unit::parse(key).unwrap_or(Unit::Ratio)
}

/// The writer: the report, the layout, the language, and the footnotes gathered on the way.
struct Writer<'a> {
    r: &'a ExportReport,
    md: bool,
    lang: Lang,
    w: &'static ReportWords,
    notes: Notes,
    out: String,
}

/// Markdown, linking the charts written beside it.
pub fn render_md(doc: &Document, links: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(render_with_charts(&doc.report, Layout::Markdown, doc.lang(), links).into_bytes()))
}

pub fn render_txt(doc: &Document, _: &[(String, String)]) -> Result<Vec<Part>, ExportError> {
    Ok(Part::whole(render(&doc.report, Layout::Plain, doc.lang()).into_bytes()))
}

pub fn render(r: &ExportReport, layout: Layout, lang: Lang) -> String {
    render_with_charts(r, layout, lang, &[])
}

/// As [`render`], with links to the report's charts written as SVG files beside it: (title, file
/// name).
pub fn render_with_charts(r: &ExportReport, layout: Layout, lang: Lang, charts: &[(String, String)]) -> String {
    let escaped;
    let r = if layout == Layout::Markdown {
        // Never the unescaped text: a report that cannot be escaped is not written as Markdown.
        let Some(e) = markdown_escaped(r) else { return lang.report_words().not_escaped.to_string() };
        escaped = e;
        &escaped
    } else {
        r
    };
    let mut w = Writer {
        r,
        md: layout == Layout::Markdown,
        lang,
        w: lang.report_words(),
        notes: Notes::default(),
        out: String::new(),
    };
    w.head();
    w.charts(charts);
    for a in &r.areas {
        w.area(a);
    }
    w.breaks();
    w.by_year();
    w.children();
    w.sources();
    w.out
}

/// The report with every text it carries (names, titles, notes, addresses) escaped for Markdown
/// ([`crate::fit::markdown_text`]), so a name from a file cannot add HTML, a link or a table column.
fn markdown_escaped(r: &ExportReport) -> Option<ExportReport> {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = crate::fit::markdown_text(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            serde_json::Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).ok()?;
    walk(&mut v);
    serde_json::from_value(v).ok()
}

impl Writer<'_> {
    fn line(&mut self, text: impl AsRef<str>) {
        let _ = writeln!(self.out, "{}", crate::fit::printable(text.as_ref()));
    }

    /// An address: in Markdown an autolink where it is one a browser fetches (`http`, `https`),
    /// else text (a `javascript:` address is never made a link); in plain text `<address>`.
    fn url(&self, u: &str) -> String {
        if !self.md {
            return format!("<{u}>");
        }
        // The report's text is escaped for Markdown; an autolink takes the address as it is.
        let raw = u.replace("&lt;", "<").replace("&gt;", ">");
        let raw = ['\\', '|', '[', ']', '`'].iter().fold(raw, |s, c| s.replace(&format!("\\{c}"), &c.to_string()));
        let lower = raw.to_ascii_lowercase();
        let web = lower.starts_with("http://") || lower.starts_with("https://");
        if web && !raw.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
            format!("<{raw}>")
        } else {
            u.to_string()
        }
    }

    /// A heading: `## text` in Markdown, the text underlined in plain text.
    fn heading(&mut self, text: &str) {
        self.line("");
        if self.md {
            self.line(format!("## {text}"));
            self.line("");
        } else {
            self.line(text);
            self.line("-".repeat(40));
        }
    }

    fn name(&self, zh: &str, en: &str) -> String {
        format!("{} ({})", self.lang.of(zh, en), self.lang.of(en, zh))
    }

    fn head(&mut self) {
        let r = self.r;
        let title = format!("{} · {}", self.name(&r.region.name_zh, &r.region.name_en), r.year);
        if self.md {
            self.line(format!("# {title}"));
        } else {
            self.line(&title);
            self.line("=".repeat(40));
        }
        self.line("");
        let chain: Vec<&str> = r.region.parents.iter().map(|p| self.lang.of(p.name_zh.as_str(), &p.name_en)).collect();
        let path = if chain.is_empty() { String::new() } else { format!("{} › ", chain.join(" › ")) };
        let name = self.lang.of(&r.region.name_zh, &r.region.name_en).to_string();
        self.line(self.lang.report_region(&path, &name, &r.region.level, &r.region.code, r.children.len()));
        self.line(self.lang.report_data(
            self.lang.title(&r.dataset.title, r.dataset.title_en.as_deref()),
            &r.dataset.id,
            &r.dataset.as_of,
            &r.generated_at,
            &r.cpdash_version,
        ));
        self.line(self.lang.report_trend_window(r.trend_window));
        let kinds = r.kinds_shown();
        if !kinds.is_empty() {
            self.line(self.lang.values_by_kind(&kinds));
        }
        self.line(self.w.missing_note);
    }

    fn area(&mut self, a: &AreaOut) {
        self.heading(&format!("{} · {}", self.lang.of(&a.name_zh, &a.name_en), self.lang.of(&a.name_en, &a.name_zh)));
        if self.md {
            let h = self.w.head;
            self.line(format!("| {} |", h.join(" | ")));
            self.line("|---|---:|---|---:|---:|---|---|---:|");
        }
        for i in &a.indicators {
            self.indicator(i);
        }
        self.dispersion(&self.r.groups, a);
    }

    /// The footnote marks of an indicator's value: its own source, or those of its inputs.
    fn cite(&mut self, i: &IndicatorOut) -> Vec<usize> {
        self.notes.cite_indicator(i)
    }

    fn indicator(&mut self, i: &IndicatorOut) {
        let (lang, w) = (self.lang, self.w);
        let unit = unit_of(&i.unit);
        let cites = self.cite(i);
        let first_year = i.series_break.as_ref().is_some_and(|b| b.year == self.r.year);
        let mark = if first_year && i.value.is_some() { BREAK_MARK } else { "" };
        let value = i.value.map_or_else(|| "—".to_string(), |v| format!("{}{mark}", number_vs(v, i.target, unit)));
        let target = i.target.map_or("—".to_string(), |t| number_trim(t, unit));
        let gap = match (i.gap, i.gap_pct) {
            (Some(g), _) if g <= 0.0 => w.met.to_string(),
            (Some(_), Some(p)) => lang.short_by(p),
            _ => "—".into(),
        };
        let status = status_text(lang, i.status.as_deref());
        let rank = match (i.rank, i.rank_of) {
            (Some(r), Some(o)) => format!("{r}/{o}"),
            _ => "—".into(),
        };
        let kind = if i.value_kind == "computed" { w.computed } else { "" };
        let name = self.name(&i.name_zh, &i.name_en);
        if self.md {
            let foot: String = cites.iter().map(|n| format!("[^{n}]")).collect();
            self.line(format!(
                "| {name} | {value}{foot}{kind} | {} | {target} | {gap} | {status} | {} | {rank} |",
                lang.unit_long(unit),
                i.trend_text
            ));
        } else {
            let foot: String = cites.iter().map(|n| format!(" [{n}]")).collect();
            let unit = match (i.value, lang.unit_long(unit)) {
                (Some(_), u) if !u.is_empty() => format!(" {u}"),
                _ => String::new(),
            };
            let mut t = format!("{name}: {value}{unit}{kind}{foot}");
            match (i.target.is_some(), i.gap) {
                (false, _) => {}
                (true, None) => {
                    let _ = write!(t, "; {} {target}", w.target);
                }
                (true, Some(g)) if g <= 0.0 => {
                    let _ = write!(t, "; {} {target}: {status}", w.target);
                }
                (true, Some(_)) => {
                    let _ = write!(t, "; {} {target}, {gap}, {status}", w.target);
                }
            }
            let _ = write!(t, "; {}: {}", w.trend, i.trend_text);
            if i.rank.is_some() {
                let _ = write!(t, "; {} {rank}", w.rank);
            }
            self.line(t);
        }
    }

    fn dispersion(&mut self, groups: &[GroupOut], a: &AreaOut) {
        let (lang, w) = (self.lang, self.w);
        let f = |m: Option<&MetricOut>| m.and_then(|m| m.value).map_or("—".to_string(), |v| format!("{v:.4}"));
        let part =
            |m: Option<&MetricOut>, n: &str| m.and_then(|m| m.parts.iter().find(|(k, _)| k == n)).map(|(_, v)| *v);
        let mut rows = Vec::new();
        for i in &a.indicators {
            for (prefix, over) in [("children", w.over_children), ("leaves", w.over_leaves)] {
                let get = |id: &str| metric(&a.metrics, &format!("{prefix}_{id}"), &i.id);
                let Some(mm) = get("max_min_ratio").filter(|m| m.used > 0) else { continue };
                let label = format!("{} ({over})", lang.of(&i.name_zh, &i.name_en));
                if !Lang::enough_for_dispersion(mm.used, mm.of) {
                    rows.push(if self.md {
                        format!("| {label} | {}/{} | {} | | | | |", mm.used, mm.of, lang.too_few(mm.used, mm.of))
                    } else {
                        format!("{label}: {}", lang.too_few(mm.used, mm.of))
                    });
                    continue;
                }
                let ratio = mm.value.map_or("—".to_string(), |v| number(v, Unit::Ratio));
                let names = mm.note.split_once(" / ");
                let theil = get("theil");
                // Theil's splits: by child (over the leaves), then by each group it was split by.
                let by_group =
                    groups_compared(groups, a).map(|g| (lang.split_group(lang.of(&g.name_zh, &g.name_en)), g));
                let splits = std::iter::once((w.split_leaves.to_string(), theil))
                    .chain(by_group.map(|(label, g)| (label, get(&format!("theil_{}", g.tag)))));
                let mut theil_text = f(theil);
                for (label, m) in splits {
                    if let (Some(b), Some(wi)) = (part(m, "between"), part(m, "within")) {
                        theil_text += &format!(" ({label}: {b:.4} / {wi:.4})");
                    }
                }
                let cells = [
                    label,
                    format!("{}/{}", mm.used, mm.of),
                    lang.max_min(&ratio, names, mm.used, mm.of),
                    f(get("cv")),
                    f(get("cv_weighted")),
                    f(get("gini")),
                    theil_text,
                ];
                rows.push(if self.md {
                    format!("| {} |", cells.join(" | "))
                } else {
                    let h = w.dispersion_head;
                    format!(
                        "{}: n {}, {} {}, {} {}, {} {}, {} {}, {} {}",
                        cells[0],
                        cells[1],
                        h[2],
                        cells[2],
                        h[3],
                        cells[3],
                        h[4],
                        cells[4],
                        h[5],
                        cells[5],
                        h[6],
                        cells[6]
                    )
                });
            }
            for g in groups_compared(groups, a) {
                let Some(m) = metric(&a.metrics, &format!("{}_rest_ratio", g.tag), &i.id).filter(|m| m.value.is_some())
                else {
                    continue;
                };
                let n = |k: &str| part(Some(m), k).unwrap_or_default() as usize;
                let ratio = m.value.map_or("—".to_string(), |v| number(v, Unit::Ratio));
                let name = lang.of(&g.name_zh, &g.name_en);
                let text = format!(
                    "{}: {}",
                    lang.of(&i.name_zh, &i.name_en),
                    lang.group_vs_rest(name, &ratio, n(&format!("{}_n", g.tag)), n("rest_n"))
                );
                rows.push(if self.md { format!("| {text} | | | | | | |") } else { text });
            }
        }
        if rows.is_empty() {
            return;
        }
        self.line("");
        self.line(format!("{}:", w.dispersion));
        if self.md {
            self.line("");
            self.line(format!("| {} |", w.dispersion_head.join(" | ")));
            self.line("|---|---:|---|---:|---:|---:|---|");
        }
        for r in rows {
            self.line(r);
        }
    }

    /// The children's values of the headline indicators: value, status, % to target, rank and
    /// group marks.
    /// The charts written beside the report, as image links (Markdown) or file names.
    fn charts(&mut self, charts: &[(String, String)]) {
        if charts.is_empty() {
            return;
        }
        self.heading(self.w.charts);
        for (title, file) in charts {
            if self.md {
                self.line(format!("![{}]({})", crate::fit::markdown_text(title), crate::fit::markdown_text(file)));
                self.line("");
            } else {
                self.line(format!("{title}: {file}"));
            }
        }
    }

    /// For a span of years: the region's indicators year by year (a column a year).
    fn by_year(&mut self) {
        let r = self.r;
        if r.by_year.len() < 2 {
            return;
        }
        let lang = self.lang;
        self.heading(&format!("{} · {}–{}", self.w.by_year, r.year_from, r.year));
        let years: Vec<String> = r.by_year.iter().map(|y| y.year.to_string()).collect();
        if self.md {
            self.line(format!("| {} | {} |", self.w.head[0], years.join(" | ")));
            self.line(format!("|---|{}", "---:|".repeat(years.len())));
        }
        for a in &r.areas {
            for i in &a.indicators {
                let unit = unit_of(&i.unit);
                let cells: Vec<String> = r
                    .by_year
                    .iter()
                    .map(|y| {
                        let c = y.indicators.iter().find(|x| x.id == i.id);
                        let v = c.and_then(|c| c.value).map_or("—".to_string(), |v| number_vs(v, i.target, unit));
                        let st = c
                            .and_then(|c| c.status.as_deref())
                            .map(|s| format!(" {}", status_symbol(s)))
                            .unwrap_or_default();
                        format!("{v}{st}")
                    })
                    .collect();
                let name = lang.of(&i.name_zh, &i.name_en).to_string();
                if self.md {
                    self.line(format!("| {name} | {} |", cells.join(" | ")));
                } else {
                    let pairs: Vec<String> = years.iter().zip(&cells).map(|(y, c)| format!("{y} {c}")).collect();
                    self.line(format!("{name}: {}", pairs.join("; ")));
                }
            }
        }
    }

    fn children(&mut self) {
        let r = self.r;
        if r.children_table.is_empty() || r.children_indicators.is_empty() {
            return;
        }
        let (lang, w) = (self.lang, self.w);
        self.heading(&format!("{} · {}", w.children_table, r.year));
        let mark = |tag: &str| {
            r.groups
                .iter()
                .find(|g| g.tag == tag)
                .map_or(tag.to_string(), |g| lang.of(&g.mark_zh, &g.mark_en).to_string())
        };
        let cell = |c: &super::report::ChildCellOut, unit: Unit, target: Option<f64>| {
            let v = c.value.map_or("—".to_string(), |v| number_vs(v, target, unit));
            let st = c.status.as_deref().map(|s| format!(" {}", status_symbol(s))).unwrap_or_default();
            let gap = c.gap_pct.filter(|p| *p > 0.0).map(|p| format!(" {}", lang.short_by(p))).unwrap_or_default();
            let rank = c.rank.map(|k| format!(" #{k}/{}", c.rank_of.unwrap_or(0))).unwrap_or_default();
            format!("{v}{st}{gap}{rank}")
        };
        if self.md {
            let heads: Vec<String> = r
                .children_indicators
                .iter()
                .filter(|i| i.headline)
                .map(|i| {
                    let u = lang.unit_long(unit_of(&i.unit));
                    let name = lang.of(&i.name_zh, &i.name_en);
                    if u.is_empty() {
                        name.to_string()
                    } else {
                        format!("{name} ({u})")
                    }
                })
                .collect();
            self.line(format!("| {} | {} |", w.region, heads.join(" | ")));
            self.line(format!("|---|{}", "---:|".repeat(heads.len())));
        }
        for c in &r.children_table {
            let marks: Vec<String> = c.groups.iter().map(|t| mark(t)).collect();
            let name = format!(
                "{}{}",
                lang.of(&c.name_zh, &c.name_en),
                if marks.is_empty() { String::new() } else { format!(" {}", marks.join("")) }
            );
            let shown = || c.cells.iter().zip(&r.children_indicators).filter(|(_, i)| i.headline);
            let cells: Vec<String> = shown().map(|(v, i)| cell(v, unit_of(&i.unit), i.target)).collect();
            if self.md {
                self.line(format!("| {name} | {} |", cells.join(" | ")));
            } else {
                let parts: Vec<String> = cells
                    .iter()
                    .zip(shown())
                    .map(|(v, (_, i))| format!("{} {v}", lang.of(&i.name_zh, &i.name_en)))
                    .collect();
                self.line(format!("{name}: {}", parts.join("; ")));
            }
        }
        if !r.groups.is_empty() {
            self.line("");
            let legend: Vec<String> = r
                .groups
                .iter()
                .map(|g| {
                    format!(
                        "{} {} {}",
                        lang.of(&g.mark_zh, &g.mark_en),
                        lang.of(&g.name_zh, &g.name_en),
                        self.url(&g.source_url)
                    )
                })
                .collect();
            self.line(format!("{}: {}", w.groups, legend.join("; ")));
        }
    }

    /// The series breaks the report's values follow, each once.
    fn breaks(&mut self) {
        let mut seen: Vec<&BreakOut> = Vec::new();
        let mut lines = Vec::new();
        for i in self.r.areas.iter().flat_map(|a| &a.indicators) {
            if let Some(b) = i.series_break.as_ref().filter(|b| !seen.contains(b)) {
                seen.push(b);
                let name = self.lang.of(&i.name_zh, &i.name_en);
                let why = self.lang.break_line(b.year, &b.reason_zh, &b.reason_en);
                lines.push(if self.md {
                    format!("- {name}: {why} {}", self.url(&b.source_url))
                } else {
                    format!("{name}: {why} {}", b.source_url)
                });
            }
        }
        if lines.is_empty() {
            return;
        }
        self.heading(self.w.breaks);
        for l in lines {
            self.line(l);
        }
    }

    fn sources(&mut self) {
        let w = self.w;
        self.heading(w.sources);
        if self.notes.order.is_empty() {
            self.line(w.no_sources);
            return;
        }
        let notes = std::mem::take(&mut self.notes.order);
        for (k, n) in notes.iter().enumerate() {
            let title = n.title.as_ref().map(|t| format!("{t}, ")).unwrap_or_default();
            let copy = n.copy_url.as_ref().map(|c| format!("; {} {c}", w.read_from)).unwrap_or_default();
            let (url, kind) = (&n.url, &n.kind);
            if self.md {
                let copy =
                    n.copy_url.as_ref().map(|c| format!("; {} {}", w.read_from, self.url(c))).unwrap_or_default();
                self.line(format!("[^{}]: {title}{} ({kind}){copy}", k + 1, self.url(url)));
            } else {
                self.line(format!("[{}] {title}{url} ({kind}){copy}", k + 1));
            }
        }
    }
}

/// A status key as words in the language.
fn status_text(lang: Lang, key: Option<&str>) -> String {
    crate::metrics::Status::ALL
        .iter()
        .find(|s| Some(s.key()) == key)
        .map_or("—".to_string(), |s| format!("{} {}", s.symbol(), lang.status(*s)))
}

fn status_symbol(key: &str) -> &'static str {
    crate::metrics::Status::from_key(key).map_or("", |s| s.symbol())
}

/// The groups the area's metrics compare, in the report's order.
fn groups_compared<'a>(groups: &'a [GroupOut], a: &'a AreaOut) -> impl Iterator<Item = &'a GroupOut> + 'a {
    groups.iter().filter(move |g| a.metrics.iter().any(|m| m.group.as_ref() == Some(&g.tag)))
}

fn metric<'a>(metrics: &'a [MetricOut], id: &str, ind: &str) -> Option<&'a MetricOut> {
    metrics.iter().find(|m| m.id == id && m.indicator.as_deref() == Some(ind))
}
