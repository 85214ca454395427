//! An area's detail: a table of its indicators (value, target, gap, status, trend, rank,
//! sparkline), and below it what lies behind the highlighted one: its trend in words, its source,
//! and its dispersion across the region's children and counties.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells;
use super::text::{number, number_trim, pad, pad_left, sparkline, truncate};
use super::wrap::wrap_lines;
use super::Theme;
use crate::app::{App, Pane};
use crate::metrics::report::{AreaReport, IndicatorRow};
use crate::model::dataset::Resolved;
use crate::model::indicator::{unit_label, Area};

pub struct AreaTable<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub area: Area,
}

/// Column widths for a pane width; narrower panes drop the sparkline, then target and gap.
struct Columns {
    name: usize,
    value: usize,
    target: usize,
    gap: usize,
    rank: usize,
    spark: usize,
}

impl Columns {
    fn fit(w: usize, years: usize) -> Columns {
        let mut c = Columns { name: 0, value: 12, target: 9, gap: 7, rank: 5, spark: years };
        let fixed = |c: &Columns| c.value + 1 + c.target + 1 + c.gap + 1 + 2 + 2 + c.rank + 1 + c.spark + 1;
        for drop in 0..3 {
            if w >= fixed(&c) + 16 {
                break;
            }
            match drop {
                0 => c.spark = 0,
                1 => c.target = 0,
                _ => c.gap = 0,
            }
        }
        c.name = w.saturating_sub(fixed(&c));
        c
    }
}

impl AreaTable<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let en = app.english;
        let report = app.report(self.area);
        let title = format!(
            " {} {} · {} · {} ",
            self.area.number(),
            self.area.name(en),
            app.ds.regions.get(app.focus).name(en),
            app.year
        );
        let block = self.theme.block(title, self.theme.border(app.pane == Pane::Areas));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let table_h = (report.rows.len() as u16 + 1).min(inner.height.saturating_sub(3).max(2));
        let [table_area, detail_area] =
            Layout::vertical([Constraint::Length(table_h), Constraint::Min(0)]).areas(inner);
        self.table(frame, table_area, report);
        if let Some(row) = report.rows.get(app.area_cursor) {
            self.detail(frame, detail_area, row);
        }
    }

    fn table(&self, frame: &mut Frame, area: Rect, report: &AreaReport) {
        let app = self.app;
        let en = app.english;
        let c = Columns::fit(area.width as usize, app.years().count());
        let mut head = format!(
            "{} {}",
            pad(if en { "indicator" } else { "指标" }, c.name),
            pad_left(if en { "value" } else { "数值" }, c.value)
        );
        if c.target > 0 {
            head += &format!(" {}", pad_left(if en { "target" } else { "目标" }, c.target));
        }
        if c.gap > 0 {
            head += &format!(" {}", pad_left(if en { "gap" } else { "差距" }, c.gap));
        }
        head += &format!(
            " {} {} {}",
            if en { "st" } else { "状" },
            if en { "tr" } else { "势" },
            pad_left(if en { "rank" } else { "排名" }, c.rank)
        );
        if c.spark > 0 {
            head +=
                &format!(" {}", pad(&format!("{}–{}", app.years().start() % 100, app.years().end() % 100), c.spark));
        }
        let mut lines = vec![Line::styled(head, self.theme.dim())];
        let visible = area.height.saturating_sub(1) as usize;
        let offset = app.area_cursor.saturating_sub(visible.saturating_sub(1));
        for (i, row) in report.rows.iter().enumerate().skip(offset).take(visible) {
            let ind = app.ds.catalog.get(row.indicator);
            let unit = unit_label(&ind.unit, en);
            let v = match row.value() {
                Some(_) => format!("{}{}", cells::value(row, &ind.unit), if unit == "%" { "%" } else { "" }),
                None => "—".into(),
            };
            let mut spans = vec![
                Span::raw(pad(ind.name(en), c.name)),
                Span::raw(" "),
                Span::styled(
                    pad_left(&v, c.value),
                    if row.value().is_none() { self.theme.missing() } else { Default::default() },
                ),
            ];
            if c.target > 0 {
                let t = row.applicable_target.map_or(String::new(), |(t, _)| number_trim(t, &ind.unit));
                spans.push(Span::styled(format!(" {}", pad_left(&t, c.target)), self.theme.dim()));
            }
            if c.gap > 0 {
                let g = match &row.target {
                    Some(t) if t.gap <= 0.0 => {
                        if en {
                            "met".to_string()
                        } else {
                            "达标".to_string()
                        }
                    }
                    Some(t) => format!("{:.1}%", t.gap_pct),
                    None => String::new(),
                };
                spans.push(Span::raw(format!(" {}", pad_left(&g, c.gap))));
            }
            match &row.target {
                Some(t) => spans.push(Span::styled(format!(" {} ", t.status.symbol()), self.theme.status(t.status))),
                None => spans.push(Span::raw("   ")),
            }
            spans.push(Span::raw(format!("{} ", row.trend.kind.arrow())));
            let rank = row.rank.as_ref().map_or("–".to_string(), |r| format!("{}/{}", r.rank, r.of));
            spans.push(Span::raw(pad_left(&rank, c.rank)));
            if c.spark > 0 {
                spans.push(Span::styled(format!(" {}", sparkline(&row.series)), self.theme.bar()));
            }
            let mut line = Line::from(spans);
            if i == app.area_cursor {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn detail(&self, frame: &mut Frame, area: Rect, row: &IndicatorRow) {
        if area.height == 0 {
            return;
        }
        let app = self.app;
        let en = app.english;
        let ind = app.ds.catalog.get(row.indicator);
        let mut lines = vec![Line::styled("─".repeat(area.width as usize), self.theme.dim())];
        let value = cells::value_with_unit(row.value(), &ind.unit, en);
        let mut head = vec![Span::styled(format!("{}: ", ind.name(en)), self.theme.title()), Span::raw(value)];
        if let Some(t) = &row.target {
            head.push(Span::styled(
                format!("  {} {}", t.status.symbol(), t.status.label(en)),
                self.theme.status(t.status),
            ));
        }
        head.push(Span::raw(format!("  {} {}", row.trend.kind.arrow(), row.trend.describe(en))));
        lines.push(Line::from(head));
        let source = match &row.resolved {
            Resolved::Observed { source, .. } => {
                let s = &app.ds.sources[*source as usize];
                let note = app
                    .ds
                    .get(app.focus, row.indicator, app.year)
                    .and_then(|c| c.note)
                    .map(|n| format!(" · {n}"))
                    .unwrap_or_default();
                format!("{} {} ({}){note}", if en { "source:" } else { "来源:" }, s.url, s.kind.key())
            }
            Resolved::Computed { inputs, .. } => {
                let f = ind.formula.as_ref().map(|f| f.to_string()).unwrap_or_default();
                format!(
                    "{} {f} ({} {})",
                    if en { "computed:" } else { "计算:" },
                    inputs.len(),
                    if en { "inputs" } else { "项输入" }
                )
            }
            Resolved::Missing { missing } => {
                let ids: Vec<String> = missing
                    .iter()
                    .take(4)
                    .map(|i| format!("{}@{}", app.ds.catalog.get(i.indicator).id, app.ds.regions.get(i.region).code))
                    .collect();
                let more = if missing.len() > 4 { format!(" +{}", missing.len() - 4) } else { String::new() };
                format!("{} {} {}{more}", if en { "no data for" } else { "缺少数据:" }, app.year, ids.join(", "))
            }
        };
        lines.push(Line::styled(source, self.theme.dim()));
        for (prefix, label) in [
            ("children", if en { "children" } else { "下级" }),
            ("leaves", if en { "all counties" } else { "全部县级" }),
        ] {
            if let Some(l) = self.dispersion(row, prefix, label) {
                lines.push(l);
            }
        }
        if let Some(m) = app.dispersion_metric("mountain26_rest_ratio", row.indicator).filter(|m| m.value.is_some()) {
            let text = format!(
                "{} {} ({})",
                if en { "mountain26 / rest:" } else { "山区26县/其余:" },
                number(m.value.unwrap_or_default(), "ratio"),
                m.note
            );
            lines.push(Line::raw(truncate(&text, area.width as usize * 2)));
        }
        frame.render_widget(Paragraph::new(wrap_lines(lines, area.width as usize)), area);
    }

    fn dispersion(&self, row: &IndicatorRow, prefix: &str, label: &str) -> Option<Line<'static>> {
        let get = |id: &str| self.app.dispersion_metric(&format!("{prefix}_{id}"), row.indicator);
        let mm = get("max_min_ratio")?;
        let fmt = |v: Option<f64>, unit: &str| v.map_or("—".to_string(), |v| number(v, unit));
        let mut text = format!("{label} n={}/{}: max/min {}", mm.used, mm.of, fmt(mm.value, "ratio"));
        if mm.value.is_some() {
            text += &format!(" ({})", mm.note);
        }
        if let Some(t) = mm.target {
            text += &format!(" target <{}", number(t, "ratio"));
        }
        text += &format!(
            " · CV {} · wCV {} · Gini {}",
            fmt(get("cv").and_then(|m| m.value), "index"),
            fmt(get("cv_weighted").and_then(|m| m.value), "index"),
            fmt(get("gini").and_then(|m| m.value), "index")
        );
        if let Some(t) = get("theil").filter(|m| m.value.is_some()) {
            let (b, w) = (t.part("between"), t.part("within"));
            let split = if prefix == "leaves" { "city" } else { "m26" };
            text += &format!(
                " · Theil {} ({split} between {} within {})",
                fmt(t.value, "index"),
                fmt(b, "index"),
                fmt(w, "index")
            );
        }
        // The status, where the official ceiling applies, as a symbol as well as a colour.
        match mm.status {
            Some(s) => Some(Line::styled(format!("{} {text}", s.symbol()), self.theme.status(s))),
            None => Some(Line::raw(text)),
        }
    }
}
