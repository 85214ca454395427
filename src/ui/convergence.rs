//! The bottom pane's convergence view (`v`): is the gap between the regions closing? On the left
//! the spread over the years (σ: CV, weighted CV, Gini, Theil T), on the right each region's
//! growth against its starting level with the fitted slope (β), and below both in words, with
//! Theil's split between a group (the mountain counties) and the rest.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::line_chart::{ChartSeries, LineChart};
use super::text::truncate;
use super::theme::{Theme, SERIES};
use super::wrap::wrap_lines;
use crate::app::App;
use crate::metrics::convergence::{Sigma, MIN_BETA};

pub struct ConvergenceChart<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// The σ measures, in chart order (names from [`crate::strings::Lang::sigma_names`]).
const MEASURES: [fn(&Sigma) -> Option<f64>; 4] = [|s| s.cv, |s| s.cv_weighted, |s| s.gini, |s| s.theil];

impl ConvergenceChart<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let lang = app.lang();
        let Some(view) = app.convergence_view() else { return };
        let ind = app.ds.catalog.get(view.indicator);
        let over = match app.nav.map_scope {
            crate::app::MapScope::Children => lang.children_of(lang.region(app.ds.regions.get(app.nav.list_parent))),
            crate::app::MapScope::AllLeaves => lang.words().all_counties.to_string(),
        };
        let title = lang.convergence_title(lang.indicator(ind), &over, view.members.len());
        let block = self.theme.block(&title, area.width, self.theme.border(false));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 5 || inner.width < 40 {
            return;
        }
        // The words below the charts.
        let names = lang.sigma_names(inner.width < 110);
        let mut words = Vec::new();
        // Up to the year shown: at 2020 the sentence speaks of the years to 2020.
        let cv: Vec<(i32, f64, usize)> = view
            .sigma
            .iter()
            .filter(|s| s.year <= app.nav.year)
            .filter_map(|s| s.cv.map(|v| (s.year, v, s.n)))
            .collect();
        match (cv.first(), cv.last()) {
            (Some(a), Some(b)) if b.0 > a.0 => {
                words.push(lang.sigma_sentence(names[0], (a.0, a.1), (b.0, b.1), (b.2, view.members.len())));
                // The weighted CV and the Gini over the same years: said where they move the other way.
                let at = |y: i32| view.sigma.iter().find(|s| s.year == y);
                let (first, last) = (at(a.0), at(b.0));
                let other = |m: fn(&crate::metrics::convergence::Sigma) -> Option<f64>| {
                    Some((m(first?)?, m(last?)?)).filter(|(x, y)| (y - x).signum() != (b.1 - a.1).signum())
                };
                let against: Vec<(&str, f64, f64)> =
                    [(names[1], other(|s| s.cv_weighted)), (names[2], other(|s| s.gini))]
                        .into_iter()
                        .filter_map(|(n, v)| v.map(|(x, y)| (n, x, y)))
                        .collect();
                if !against.is_empty() {
                    words.push(lang.sigma_disagree(&against));
                }
            }
            _ => words.push(lang.sigma_one_year().into()),
        }
        match &view.beta {
            Some(b) => {
                words.push(lang.beta_sentence(b));
                // Which region grew how fast, fastest first: the scatter's points by name.
                // Best first by the indicator's direction: for a ratio where less is better, the
                // fastest fall leads.
                let sign = app.ds.catalog.get(view.indicator).direction.sign();
                let mut points: Vec<&crate::metrics::convergence::BetaPoint> = b.points.iter().collect();
                points.sort_by(|x, y| (y.growth * sign).total_cmp(&(x.growth * sign)));
                let named: Vec<String> = points
                    .iter()
                    .map(|p| format!("{} {:+.1}%", lang.region_short(app.ds.regions.get(p.region)), p.growth * 100.0))
                    .collect();
                words.push(lang.beta_growths(b.from, b.to, &named));
            }
            // A break inside the years, not a lack of data, keeps β from being measured.
            None if !view.breaks.is_empty() => words.push(lang.beta_break(view.breaks.last().map_or(0, |b| b.0))),
            None => words.push(lang.beta_none(MIN_BETA)),
        }
        let group = view.group.as_ref().and_then(|g| app.ds.regions.group(g));
        if let (Some(g), Some(s)) =
            (group, view.sigma.iter().rev().find(|s| s.between.is_some() && s.year <= app.nav.year))
        {
            if let (Some(t), Some(b), Some(w)) = (s.theil, s.between, s.within) {
                words.push(lang.theil_split(lang.group_name(g), s.year, t, b, w));
            }
        }
        for (year, n, zh, en) in &view.breaks {
            words.push(lang.convergence_break(*year, *n, zh, en));
        }
        let text = wrap_lines(words.into_iter().map(Line::raw).collect(), inner.width as usize);
        let text_h = (text.len() as u16).min(inner.height.saturating_sub(4));
        let [charts, below] = Layout::vertical([Constraint::Min(4), Constraint::Length(text_h)]).areas(inner);
        frame.render_widget(Paragraph::new(text), below);
        let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(charts);
        self.sigma(frame, left, &names);
        self.beta(frame, right);
    }

    fn sigma(&self, frame: &mut Frame, area: Rect, names: &[&str; 4]) {
        let Some(view) = self.app.convergence_view() else { return };
        let legend: Vec<Span> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Span::styled(format!("{} {n} ", SERIES[i].0), self.theme.series(i)))
            .collect();
        frame.render_widget(Paragraph::new(Line::from(legend)), Rect::new(area.x, area.y, area.width, 1));
        let series: Vec<ChartSeries> = MEASURES
            .iter()
            .enumerate()
            .map(|(i, m)| ChartSeries {
                points: view.sigma.iter().map(|s| (s.year as f64, m(s))).collect(),
                mark: SERIES[i].0,
                style: self.theme.series(i),
                join: true,
            })
            .collect();
        if view.sigma_shown().next().is_none() {
            let msg = Line::styled(self.app.lang().too_few(0, view.members.len()), self.theme.missing());
            frame.render_widget(Paragraph::new(msg), Rect::new(area.x, area.y + 1, area.width, 1));
            return;
        }
        LineChart {
            series: &series,
            hline: None,
            vline: None,
            fit: None,
            x_label: &|x| format!("{x:.0}"),
            y_label: &|y| format!("{y:.3}"),
            years: true,
            color: self.theme.color(),
        }
        .render(frame, Rect::new(area.x, area.y + 1, area.width.saturating_sub(1), area.height.saturating_sub(1)));
    }

    fn beta(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let Some(view) = app.convergence_view() else { return };
        let (x_name, y_name) = app.lang().beta_axes();
        let head = format!("β: {y_name} ↑ · {x_name} →");
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(&head, area.width as usize), self.theme.dim())),
            Rect::new(area.x, area.y, area.width, 1),
        );
        let Some(b) = &view.beta else { return };
        let points: Vec<(f64, Option<f64>)> = b.points.iter().map(|p| (p.log_start, Some(p.growth))).collect();
        let series = [ChartSeries { points, mark: "•", style: self.theme.series(0), join: false }];
        let (lo, hi) = b
            .points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p.log_start), hi.max(p.log_start)));
        let at = |x: f64| b.intercept + b.slope * x;
        let style = if b.verdict() == crate::metrics::convergence::BetaVerdict::Converging {
            self.theme.status(crate::metrics::Status::Achieved)
        } else {
            self.theme.status(crate::metrics::Status::MajorChallenges)
        };
        LineChart {
            series: &series,
            hline: None,
            vline: None,
            fit: Some(((lo, at(lo)), (hi, at(hi)), style)),
            x_label: &|x| format!("{x:.2}"),
            y_label: &|y| format!("{:.1}%", y * 100.0),
            years: false,
            color: self.theme.color(),
        }
        .render(frame, Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(1)));
    }
}
