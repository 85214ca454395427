//! The bottom pane's time chart (`t`): the selected indicator over every year with data for the
//! focus and the pinned regions, the target as a dashed line with its year marked, and beside it
//! the values by year (the numbers the sparkline hides). `x` shows each series as an index.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::cells;
use super::line_chart::{ChartSeries, LineChart};
use super::text::{pad_left, truncate, width};
use super::theme::{Theme, SERIES};
use super::wrap::wrap_lines;
use crate::app::{Action, App};
use crate::number::{number, number_trim};
use crate::strings::BREAK_MARK;

pub struct TimeChart<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// Width of a value column in the by-year table.
const VALUE_W: usize = 10;

impl TimeChart<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let lang = app.lang();
        let Some(view) = app.time_view() else { return };
        let ind = app.ds.catalog.get(view.indicator);
        let index = app.nav.index;
        let mut title = lang.time_title(lang.indicator(ind), lang.unit(ind.unit), view.base(), index);
        // An index restarts at 100 at each series break (figures on two bases are not compared).
        let rebased = view.rebased_at();
        if index && !rebased.is_empty() {
            title = format!("{} {} ", title.trim_end(), lang.index_rebased(&rebased));
        }
        let block = self.theme.block(&title, area.width, self.theme.border(false));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 4 || inner.width < 30 {
            return;
        }
        // The table beside: a year column and one column per series that fits in two fifths.
        let fit = ((inner.width as usize * 2 / 5).saturating_sub(5) / (VALUE_W + 1)).clamp(1, view.series.len().max(1));
        // Room for the line naming a missing year's inputs, where the pane is wide enough.
        let table_w = ((5 + fit * (VALUE_W + 1)) as u16).max(30.min(inner.width / 3));
        let [chart_area, table_area] =
            Layout::horizontal([Constraint::Min(20), Constraint::Length(table_w)]).areas(inner);
        // Legend on the chart's first line: each series' marker and name.
        let mut legend = Vec::new();
        for (i, s) in view.series.iter().enumerate() {
            let name = lang.region_short(app.ds.regions.get(s.region));
            legend.push(Span::styled(format!("{} {name}  ", SERIES[i % SERIES.len()].0), self.theme.series(i)));
        }
        if view.series.len() == 1 {
            legend.push(Span::styled(lang.pin_hint(&app.keymap().first(Action::Pin)), self.theme.dim()));
        }
        let legend_w: usize = legend.iter().map(|s| width(&s.content)).sum();
        let legend_line = if legend_w > chart_area.width as usize {
            let text: String = legend.iter().map(|s| s.content.as_ref()).collect();
            Line::raw(truncate(&text, chart_area.width as usize))
        } else {
            Line::from(legend)
        };
        frame.render_widget(Paragraph::new(legend_line), Rect::new(chart_area.x, chart_area.y, chart_area.width, 1));
        let plot = Rect::new(chart_area.x, chart_area.y + 1, chart_area.width.saturating_sub(1), chart_area.height - 1);
        if view.span().is_none() {
            frame.render_widget(Paragraph::new(Line::styled(lang.no_series(), self.theme.missing())), plot);
            return;
        }
        let series: Vec<ChartSeries> = view
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| ChartSeries {
                // No line across a series break: a gap before the first year on a new basis.
                points: view
                    .shown(s, index)
                    .into_iter()
                    .flat_map(|(y, v)| {
                        let new_basis = app.ds.basis_start(s.region, view.indicator, y) == Some(y);
                        new_basis.then_some((f64::from(y) - 0.5, None)).into_iter().chain([(f64::from(y), v)])
                    })
                    .collect(),
                mark: SERIES[i % SERIES.len()].0,
                style: self.theme.series(i),
                join: true,
            })
            .collect();
        // The target, in value terms only (an index has no target).
        let last = view.span().map_or(0, |s| s.1);
        let target = view.target.filter(|_| !index);
        let hline = target.map(|(t, y)| (t, lang.target_label(&cells::target(t, ind.unit), y), self.theme.target()));
        let vline = target.map(|(_, y)| y).filter(|y| *y <= last + 6).map(f64::from);
        let unit = ind.unit;
        let y_label = move |v: f64| if index { format!("{v:.0}") } else { number_trim(v, unit) };
        LineChart {
            series: &series,
            hline,
            vline,
            fit: None,
            x_label: &|x| format!("{x:.0}"),
            y_label: &y_label,
            years: true,
            color: self.theme.color(),
        }
        .render(frame, plot);
        self.by_year(frame, table_area, fit);
    }

    /// The values by year, newest first, with a column per series that fits.
    fn by_year(&self, frame: &mut Frame, area: Rect, fit: usize) {
        let app = self.app;
        let Some(view) = app.time_view() else { return };
        let unit = app.ds.catalog.get(view.indicator).unit;
        let mut head = vec![Span::raw("    ")];
        for (i, _) in view.series.iter().enumerate().take(fit) {
            head.push(Span::styled(pad_left(SERIES[i % SERIES.len()].0, VALUE_W + 1), self.theme.series(i)));
        }
        // Series whose columns do not fit are said, not dropped silently.
        let hidden = view.series.len().saturating_sub(fit);
        let mut title = app.lang().by_year().to_string();
        if hidden > 0 {
            title = format!("{title} {}", app.lang().series_hidden(hidden));
        }
        let mut lines = vec![Line::styled(truncate(&title, area.width as usize), self.theme.dim()), Line::from(head)];
        let shown: Vec<Vec<(i32, Option<f64>)>> =
            view.series.iter().take(fit).map(|s| view.shown(s, app.nav.index)).collect();
        // Every year from the latest to the first with a value: a year without one shows "—".
        let first = shown.iter().flat_map(|s| s.iter().filter(|p| p.1.is_some()).map(|p| p.0)).min();
        let years: Vec<i32> = app.ds.years().rev().filter(|y| first.is_some_and(|f| *y >= f)).collect();
        // The latest year the focus lacks, and the inputs it lacks there.
        let lacks = |y: &&i32| shown.first().is_some_and(|s| s.iter().any(|(sy, v)| sy == *y && v.is_none()));
        let lacking = years.iter().filter(|y| **y <= app.nav.year).find(lacks).or_else(|| years.iter().find(lacks));
        let why = lacking.and_then(|y| match app.ds.resolve(app.nav.focus, view.indicator, *y) {
            crate::model::dataset::Resolved::Missing { missing } if !missing.is_empty() => Some(format!(
                "{y} {} {}",
                app.lang().words().missing_inputs,
                cells::missing_names(app, &missing, app.nav.focus, 2)
            )),
            _ => None,
        });
        let why = why.map(|w| wrap_lines(vec![Line::raw(w)], area.width as usize)).unwrap_or_default();
        let room = area.height.saturating_sub(2 + why.len().min(3) as u16) as usize;
        for y in years.iter().take(room) {
            let mut spans = vec![Span::raw(format!("{y} "))];
            for (s, series) in shown.iter().zip(&view.series) {
                let v = s.iter().find(|(sy, _)| sy == y).and_then(|(_, v)| *v);
                // The first value on a new basis (a series break in its year) is marked, as in the table.
                let mark =
                    if app.ds.basis_start(series.region, view.indicator, *y) == Some(*y) { BREAK_MARK } else { "" };
                let text = match v {
                    Some(v) if app.nav.index => format!("{v:.1}{mark}"),
                    Some(v) => format!("{}{mark}", number(v, unit)),
                    None => "—".into(),
                };
                let style = if v.is_none() { self.theme.missing() } else { Default::default() };
                spans.push(Span::styled(pad_left(&text, VALUE_W + 1), style));
            }
            lines.push(Line::from(spans));
        }
        lines.extend(why.into_iter().take(3).map(|l| l.style(self.theme.missing())));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
