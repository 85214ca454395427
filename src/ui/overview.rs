//! The overview: all six areas at once, each with its headline metric, status and trend.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells::{self, value_with_unit};
use super::text::{number, truncate, width};
use super::Theme;
use crate::app::{App, Pane};
use crate::metrics::AreaReport;
use crate::model::indicator::Area;

pub struct Overview<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Overview<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let en = app.english;
        let title =
            if en { " Six areas · Enter opens one, 1–6 jump " } else { " 六大领域 · ⏎ 打开,1–6 直达 " };
        let block = self.theme.block(title, self.theme.border(app.pane == Pane::Areas));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let extra = inner.height as usize >= 13;
        let mut lines = Vec::new();
        for (i, a) in Area::SIX.iter().enumerate() {
            let report = app.report(*a);
            let cursor = i == app.area_cursor;
            let marker = if cursor { "▶" } else { " " };
            let with = if en { "with data" } else { "项有数据" };
            let mut head = Line::from(vec![
                Span::raw(format!("{marker}{} ", a.number())),
                Span::styled(a.name(en).to_string(), self.theme.title()),
                Span::styled(format!("  {}/{} {with}", report.with_data(), report.rows.len()), self.theme.dim()),
            ]);
            if cursor && app.pane == Pane::Areas {
                head = head.style(self.theme.selected());
            }
            lines.push(head);
            lines.push(self.headline(report, w));
            if extra && *a == Area::Regional {
                if let Some(l) = self.dispersion_line(w) {
                    lines.push(l);
                }
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn headline(&self, report: &AreaReport, w: usize) -> Line<'static> {
        let app = self.app;
        let en = app.english;
        let Some(row) = report.headline() else {
            let latest =
                report.rows.iter().flat_map(|r| r.series.iter()).filter(|(_, v)| v.is_some()).map(|(y, _)| *y).max();
            let msg = match (latest, en) {
                (Some(y), true) => format!("   no data for {} (latest: {y})", app.year),
                (Some(y), false) => format!("   {}年无数据(最近:{y}年)", app.year),
                (None, true) => "   no data in any year".to_string(),
                (None, false) => "   各年均无数据".to_string(),
            };
            return Line::styled(msg, self.theme.missing());
        };
        let ind = app.ds.catalog.get(row.indicator);
        let value = format!(" {}", value_with_unit(row.value(), &ind.unit, en));
        let mut rest: Vec<Span<'static>> = Vec::new();
        if let Some(t) = &row.target {
            // Narrow panes keep the symbol and drop the words (the help explains the symbols).
            let label = t.status.label(en);
            let text = if w >= width(&value) + width(label) + 24 {
                format!("  {} {label}", t.status.symbol())
            } else {
                format!("  {}", t.status.symbol())
            };
            rest.push(Span::styled(text, self.theme.status(t.status)));
        }
        rest.push(Span::raw(format!("  {}", row.trend.kind.arrow())));
        let rest_w: usize = rest.iter().map(|s| width(&s.content)).sum::<usize>() + width(&value) + 3;
        if let (Some(t), true) = (&row.target, w >= rest_w + 30) {
            let tgt = if en { "target" } else { "目标" };
            rest.insert(0, Span::styled(format!("  {tgt} {}", cells::target(t.target, &ind.unit)), self.theme.dim()));
        }
        let used: usize = rest.iter().map(|s| width(&s.content)).sum::<usize>() + width(&value) + 3;
        let mut spans =
            vec![Span::raw(format!("   {}", truncate(ind.name(en), w.saturating_sub(used).max(6)))), Span::raw(value)];
        spans.extend(rest);
        Line::from(spans)
    }

    fn dispersion_line(&self, w: usize) -> Option<Line<'static>> {
        let app = self.app;
        let income = app.ds.catalog.by_id("income_pc");
        let gdp_pc = app.ds.catalog.by_id("gdp_per_capita");
        // The regional gap in incomes, else in output per head, across the focus region's children.
        let m = income
            .and_then(|i| app.dispersion_metric("children_max_min_ratio", i))
            .filter(|m| m.value.is_some())
            .or_else(|| {
            gdp_pc.and_then(|g| app.dispersion_metric("children_max_min_ratio", g)).filter(|m| m.value.is_some())
        })?;
        let ind = app.ds.catalog.get(m.indicator?);
        let symbol = m.status.map_or(" ", |s| s.symbol());
        let text = format!(
            "  {symbol}max/min {} {} ({}) n={}/{}",
            truncate(ind.name(app.english), 12),
            number(m.value?, "ratio"),
            m.note,
            m.used,
            m.of
        );
        let style = m.status.map_or(self.theme.dim(), |s| self.theme.status(s));
        Some(Line::styled(truncate(&text, w), style))
    }
}
