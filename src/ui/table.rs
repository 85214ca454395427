//! An area's detail: a table of its indicators (value, target, gap, status, trend, rank,
//! sparkline), and below it what lies behind the highlighted one: its trend in words, its source,
//! and its dispersion across the region's children and counties.

use crate::model::RegionId;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells;
use super::text::{pad, pad_left, sparkline, truncate};
use super::theme::Theme;
use super::wrap::wrap_lines;
use crate::app::{Action, App, Pane};
use crate::metrics::metric::Detail;
use crate::metrics::report::{AreaReport, IndicatorRow};
use crate::metrics::{MetricId, Over};
use crate::model::dataset::Resolved;
use crate::model::indicator::Area;
use crate::model::Unit;
use crate::number::{number, number_trim};
use crate::strings::Lang;

pub struct AreaTable<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub area: Area,
}

/// The sparkline covers the data's last years, at most this many (a series of 14 years would
/// crowd out the names).
const SPARK_YEARS: usize = 8;

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
        let mut c = Columns { name: 0, value: 12, target: 9, gap: 7, rank: 5, spark: years.min(SPARK_YEARS) };
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
    /// Draws the table and the detail; returns the screen row of each indicator row shown, for
    /// the mouse.
    pub fn render(&self, frame: &mut Frame, area: Rect) -> Vec<(u16, usize)> {
        let app = self.app;
        let lang = app.lang();
        let title = format!(
            " {} {} · {} · {} · {} ",
            self.area.number(),
            lang.area(self.area),
            lang.region(app.ds.regions.get(app.nav.focus)),
            app.nav.year,
            lang.trend_window_tag(app.ds.trend_window)
        );
        let block = self.theme.block(&title, area.width, self.theme.border(app.nav.pane == Pane::Areas));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(report) = app.report(self.area) else { return Vec::new() };
        let table_h = (report.rows.len() as u16 + 1).min(inner.height.saturating_sub(3).max(2));
        let [table_area, detail_area] =
            Layout::vertical([Constraint::Length(table_h), Constraint::Min(0)]).areas(inner);
        let rows = self.table(frame, table_area, report);
        if let Some(row) = report.rows.get(app.nav.area_cursor) {
            self.detail(frame, detail_area, row);
        }
        rows
    }

    fn table(&self, frame: &mut Frame, area: Rect, report: &AreaReport) -> Vec<(u16, usize)> {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let c = Columns::fit(area.width as usize, app.years().count());
        let mut head = format!("{} {}", pad(words.indicator, c.name), pad_left(words.value, c.value));
        if c.target > 0 {
            head += &format!(" {}", pad_left(words.target, c.target));
        }
        if c.gap > 0 {
            head += &format!(" {}", pad_left(words.gap, c.gap));
        }
        head += &format!(" {} {} {}", words.status_short, words.trend_short, pad_left(words.rank, c.rank));
        if c.spark > 0 {
            let (from, to) = (app.years().end() + 1 - c.spark as i32, *app.years().end());
            head += &format!(" {}", pad(&format!("{}–{}", from.max(*app.years().start()) % 100, to % 100), c.spark));
        }
        let mut lines = vec![Line::styled(head, self.theme.dim())];
        let visible = area.height.saturating_sub(1) as usize;
        let offset = app.nav.area_cursor.saturating_sub(visible.saturating_sub(1));
        let mut rows = Vec::new();
        for (i, row) in report.rows.iter().enumerate().skip(offset).take(visible) {
            rows.push((area.y + lines.len() as u16, i));
            let ind = app.ds.catalog.get(row.indicator);
            let v = match row.value() {
                Some(_) => cells::value_then(row, ind.unit, if ind.unit == Unit::Percent { "%" } else { "" }),
                None => cells::value_or_stale_fit(row, ind.unit, lang, c.value),
            };
            let mut spans = vec![
                Span::raw(pad(&lang.indicator_fit(ind, c.name), c.name)),
                Span::raw(" "),
                Span::styled(
                    pad_left(&v, c.value),
                    if row.value().is_none() { self.theme.missing() } else { Default::default() },
                ),
            ];
            if c.target > 0 {
                let t = row.applicable_target.map_or(String::new(), |(t, _)| number_trim(t, ind.unit));
                spans.push(Span::styled(format!(" {}", pad_left(&t, c.target)), self.theme.dim()));
            }
            if c.gap > 0 {
                let g = match &row.target {
                    Some(t) if t.gap <= 0.0 => words.met.to_string(),
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
                let recent = &row.series[row.series.len().saturating_sub(c.spark)..];
                spans.push(Span::styled(format!(" {}", sparkline(recent)), self.theme.bar()));
            }
            let mut line = Line::from(spans);
            if i == app.nav.area_cursor {
                line = line.style(self.theme.selected());
            }
            lines.push(line);
        }
        frame.render_widget(Paragraph::new(lines), area);
        rows
    }

    /// The detail under the table: what [`AreaTable::detail_lines`] gives, cut to the pane with
    /// a last line saying which key shows it all.
    fn detail(&self, frame: &mut Frame, area: Rect, row: &IndicatorRow) {
        if area.height == 0 {
            return;
        }
        let w = area.width as usize;
        let mut lines = vec![Line::styled("─".repeat(w), self.theme.dim())];
        lines.extend(wrap_lines(self.detail_lines(self.app.nav.focus, row, 4), w));
        let h = area.height as usize;
        if lines.len() > h {
            lines.truncate(h.saturating_sub(1));
            let key = self.app.keymap().first(Action::Details);
            lines.push(Line::styled(truncate(&self.app.lang().more_in(&key), w), self.theme.accent()));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// Everything about the indicator of a row: value, status and trend, source (or formula, or
    /// what is missing, naming at most `max_missing` inputs), dispersion, the mountain counties.
    pub fn detail_lines(&self, region: RegionId, row: &IndicatorRow, max_missing: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let ind = app.ds.catalog.get(row.indicator);
        let mut lines = Vec::new();
        let value = cells::value_with_unit(row, ind.unit, lang);
        let mut head = vec![Span::styled(format!("{}: ", lang.indicator(ind)), self.theme.title()), Span::raw(value)];
        if let Some(t) = &row.target {
            head.push(Span::styled(
                format!("  {} {}", t.status.symbol(), lang.status(t.status)),
                self.theme.status(t.status),
            ));
        }
        head.push(Span::raw(format!("  {} {}", row.trend.kind.arrow(), lang.trend_sentence(&row.trend))));
        lines.push(Line::from(head));
        let source = match &row.resolved {
            Resolved::Observed { source, .. } => {
                let s = &app.ds.sources[*source as usize];
                let note = app
                    .ds
                    .get(region, row.indicator, app.nav.year)
                    .and_then(|c| c.note)
                    .map(|n| format!(" · {n}"))
                    .unwrap_or_default();
                let cited = lang.citation(&s.url, s.title.as_deref(), s.cell.as_deref(), s.copy_url.as_deref());
                format!("{} {cited} ({}){note}", words.source, s.kind.key())
            }
            Resolved::Computed { inputs, .. } => {
                let catalog = &app.ds.catalog;
                let name = |id: &str| {
                    catalog.by_id(id).map_or(id.to_string(), |i| lang.indicator_short(catalog.get(i)).into())
                };
                let f = ind.formula.as_ref().map(|f| f.render(&name)).unwrap_or_default();
                format!("{} {f} ({} {})", words.computed, inputs.len(), words.inputs)
            }
            Resolved::Missing { missing } => {
                let names = cells::missing_names(app, missing, region, max_missing);
                format!("{} {} {names}", words.missing_inputs, app.nav.year)
            }
        };
        lines.push(Line::styled(source, self.theme.dim()));
        let year = app.nav.year;
        if let Some((sib, _)) = app.ds.sibling_with_data(row.indicator, &[region], year) {
            let s = app.ds.catalog.get(sib);
            let v = app.ds.resolve_value(region, sib, year).map_or_else(String::new, |v| cells::target(v, s.unit));
            let line = lang.sibling_value(year, lang.indicator_short(s), &v, lang.unit(s.unit));
            lines.push(Line::styled(line, self.theme.accent()));
        }
        if let Some(b) = app.ds.break_between(region, row.indicator, i32::MIN, row.year) {
            lines.push(Line::styled(lang.break_line(b.year, &b.reason_zh, &b.reason_en), self.theme.accent()));
        }
        // The spreads are the focus's (its children, all counties): said of the focus only, not
        // of a county highlighted in the table.
        if region != app.nav.focus {
            return lines;
        }
        for (over, label) in [(Over::Children, words.over_children), (Over::Leaves, words.over_leaves)] {
            if let Some(l) = self.dispersion(row, over, label) {
                lines.push(l);
            }
        }
        for m in app.dispersion(row.indicator) {
            if let (Some(v), Some(g), Detail::GroupRest { members, rest, .. }) = (m.value, m.group(), &m.detail) {
                let name = lang.group_name(app.ds.regions.group_at(g));
                lines.push(Line::raw(lang.group_vs_rest(name, &number(v, Unit::Ratio), *members, *rest)));
            }
        }
        lines
    }

    fn dispersion(&self, row: &IndicatorRow, over: Over, label: &str) -> Option<Line<'static>> {
        let get = |id: MetricId| self.app.dispersion_metric(id, row.indicator);
        let mm = get(MetricId::MaxMinRatio(over))?;
        let lang = self.app.lang();
        let fmt = |v: Option<f64>, unit: Unit| v.map_or("—".to_string(), |v| number(v, unit));
        if !Lang::enough_for_dispersion(mm.used, mm.of) {
            return Some(Line::styled(format!("{label} {}", lang.too_few(mm.used, mm.of)), self.theme.dim()));
        }
        let mut text = lang.dispersion_head(label, &lang.coverage(mm.used, mm.of), &cells::max_min(self.app, mm));
        if let Some(t) = mm.target() {
            text += &lang.ceiling(&number(t, Unit::Ratio));
        }
        let value = |id: MetricId| fmt(get(id).and_then(|m| m.value), Unit::Index);
        text +=
            &lang.spreads(&value(MetricId::Cv(over)), &value(MetricId::CvWeighted(over)), &value(MetricId::Gini(over)));
        if let Some(t) = get(MetricId::Theil(over)).filter(|m| m.value.is_some()) {
            text += &lang.theil(&fmt(t.value, Unit::Index));
            // Each split only where both sides have regions (the metric leaves it out otherwise):
            // by city over the counties, then by each group that divides the regions.
            let by_group = self.app.dispersion(row.indicator).iter().filter_map(|m| match m.id {
                MetricId::TheilGroup(o, g) if o == over => Some((g, m.theil_split()?)),
                _ => None,
            });
            if let Some(s) = t.theil_split() {
                text += &lang.theil_parts(&fmt(Some(s.between), Unit::Index), &fmt(Some(s.within), Unit::Index));
            }
            for (g, s) in by_group {
                let name = lang.group_name(self.app.ds.regions.group_at(g));
                text += &lang.theil_group_between(name, &fmt(Some(s.between), Unit::Index));
            }
        }
        // The status, where the official ceiling applies, as a symbol as well as a colour.
        match mm.status() {
            Some(s) => Some(Line::styled(format!("{} {text}", s.symbol()), self.theme.status(s))),
            None => Some(Line::raw(text)),
        }
    }
}
