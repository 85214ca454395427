//! The overview: all six areas at once, each with its headline metric, status and trend.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells::{self, value_with_unit};
use super::text::{truncate, width};
use super::theme::Theme;
use crate::app::{Action, App, Pane};
use crate::metrics::AreaReport;
use crate::metrics::{MetricId, Over};
use crate::model::indicator::{Area, Role};

pub struct Overview<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Overview<'_> {
    /// Draws the six areas; returns the screen row of each area's heading, for the mouse.
    pub fn render(&self, frame: &mut Frame, area: Rect) -> Vec<(u16, usize)> {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let km = app.keymap();
        let title = format!(
            " {} · {} {}{}{}–{} {} ",
            words.six_areas,
            km.first(Action::DrillDown),
            words.opens_one,
            words.comma,
            km.first(Action::Area1),
            km.first(Action::Area6),
            words.jump
        );
        let block = self.theme.block(&title, area.width, self.theme.border(app.nav.pane == Pane::Areas));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let extra = inner.height as usize >= 13;
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        for (i, a) in Area::SIX.iter().enumerate() {
            let Some(report) = app.report(*a) else { continue };
            let cursor = i == app.nav.area_cursor;
            let marker = if cursor { "▶" } else { " " };
            let mut head = Line::from(vec![
                Span::raw(format!("{marker}{} ", a.number())),
                Span::styled(lang.area(*a).to_string(), self.theme.title()),
                Span::styled(
                    format!("  {}/{} {}", report.with_data(), report.rows.len(), words.with_data),
                    self.theme.dim(),
                ),
            ]);
            if cursor && app.nav.pane == Pane::Areas {
                head = head.style(self.theme.selected());
            }
            rows.push((inner.y + lines.len() as u16, i));
            rows.push((inner.y + lines.len() as u16 + 1, i));
            lines.push(head);
            lines.push(self.headline(report, w));
            if extra && *a == Area::Regional {
                if let Some(l) = self.dispersion_line(w) {
                    lines.push(l);
                }
            }
        }
        rows.retain(|(y, _)| *y < inner.y + inner.height);
        frame.render_widget(Paragraph::new(lines), inner);
        rows
    }

    fn headline(&self, report: &AreaReport, w: usize) -> Line<'static> {
        let app = self.app;
        let lang = app.lang();
        let Some(row) = report.headline() else {
            // The nearest year with data, before or after.
            let year = app.nav.year;
            let nearest = report
                .rows
                .iter()
                .flat_map(|r| r.series.iter())
                .filter(|(_, v)| v.is_some())
                .map(|(y, _)| *y)
                .min_by_key(|y| ((y - year).abs(), *y > year));
            return Line::styled(lang.no_data_latest(year, nearest), self.theme.missing());
        };
        let ind = app.ds.catalog.get(row.indicator);
        let value = format!(" {}", value_with_unit(row, ind.unit, lang));
        let mut rest: Vec<Span<'static>> = Vec::new();
        if let Some(t) = &row.target {
            // Narrow panes keep the symbol and drop the words (the help explains the symbols).
            let label = lang.status(t.status);
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
            let tgt = lang.words().target;
            rest.insert(0, Span::styled(format!("  {tgt} {}", cells::target(t.target, ind.unit)), self.theme.dim()));
        }
        let used: usize = rest.iter().map(|s| width(&s.content)).sum::<usize>() + width(&value) + 3;
        let name = lang.indicator_fit(ind, w.saturating_sub(used).max(6));
        let mut spans = vec![Span::raw(format!("   {name}")), Span::raw(value)];
        spans.extend(rest);
        Line::from(spans)
    }

    /// The regional gap across the focus region's children, in the catalog's overview-dispersion
    /// indicator, else in its fallback.
    fn dispersion_line(&self, w: usize) -> Option<Line<'static>> {
        let app = self.app;
        let catalog = &app.ds.catalog;
        let m = catalog
            .with_role(Role::OverviewDispersion)
            .chain(catalog.with_role(Role::OverviewDispersionFallback))
            .filter_map(|i| app.dispersion_metric(MetricId::MaxMinRatio(Over::Children), i))
            .filter(|m| m.value.is_some())
            .min_by_key(|m| m.used * 2 < m.of)?;
        let ind = app.ds.catalog.get(m.indicator?);
        let symbol = m.status().map_or(" ", |s| s.symbol());
        let mut text = format!(
            "  {symbol}{} {} {}",
            app.lang().max_min_label(),
            app.lang().indicator_fit(ind, 14),
            cells::max_min(app, m)
        );
        if m.used == m.of {
            text += &format!(" n={}/{}", m.used, m.of);
        }
        let style = m.status().map_or(self.theme.dim(), |s| self.theme.status(s));
        Some(Line::styled(truncate(&text, w), style))
    }
}
