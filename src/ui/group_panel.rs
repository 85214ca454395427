//! The bottom pane's group panel (`r`): each group of counties under the focus (the 26
//! mountainous counties, the 2024 regrouping) against the rest, for the selected indicator: n of
//! N, the simple and the weighted mean (naming the population that weighs it), each against the
//! focus's own value, the weakest and strongest members, the ratio over the years, and a
//! catalog indicator computing the same ratio beside its published figure.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::wrap::wrap_lines;
use crate::app::analysis::{GroupPanel, PUBLISHED_TOLERANCE};
use crate::app::App;
use crate::model::Unit;
use crate::number::number;

pub struct GroupPanels<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl GroupPanels<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let lang = app.lang();
        let ind = app.ds.catalog.get(app.indicator());
        let focus = app.ds.regions.get(app.nav.focus);
        let title = lang.groups_title(lang.indicator(ind), lang.region(focus), app.nav.year);
        let block = self.theme.block(&title, area.width, self.theme.border(false));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let panels = app.group_panels();
        if panels.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(lang.no_groups(), self.theme.missing())), inner);
            return;
        }
        // Side by side when there is room for two columns of 50.
        let n = if inner.width >= 100 { panels.len().min(2) } else { 1 };
        let columns = Layout::horizontal(vec![Constraint::Ratio(1, n as u32); n]).split(inner);
        for (i, area) in columns.iter().enumerate() {
            let lines: Vec<Line> = if n == 1 {
                panels.iter().flat_map(|p| self.lines(p)).collect()
            } else {
                panels.get(i).map(|p| self.lines(p)).unwrap_or_default()
            };
            let lines = wrap_lines(lines, area.width.saturating_sub(1) as usize);
            frame.render_widget(Paragraph::new(lines), *area);
        }
    }

    fn lines(&self, p: &GroupPanel) -> Vec<Line<'static>> {
        let app = self.app;
        let lang = app.lang();
        let ds = &app.ds;
        let Some(g) = ds.regions.group(&p.tag) else { return Vec::new() };
        let ind = ds.catalog.get(app.indicator());
        let unit = ind.unit;
        let whole = lang.region_short(ds.regions.get(app.nav.focus)).to_string();
        let v = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| number(x, unit));
        let ratio = |x: Option<f64>| match (x, p.whole) {
            (Some(x), Some(w)) if w != 0.0 => number(x / w, Unit::Ratio),
            _ => "—".into(),
        };
        let vs = &p.vs;
        let mut out = vec![Line::styled(lang.group_heading(g, vs.n, vs.of, vs.rest_n, vs.rest_of), self.theme.title())];
        let share = |part: Option<f64>, all: Option<f64>| match (part, all) {
            (Some(p), Some(a)) if a > 0.0 => format!("{:.2}%", p / a * 100.0),
            _ => "—".into(),
        };
        if unit.is_total() {
            // A quantity that adds up: the group's sum and its shares, never a mean of totals.
            let line = match vs.sum {
                Some(sum) => lang.group_totals(
                    &format!("{} {}", number(sum, unit), lang.unit(unit)),
                    &share(vs.sum, p.whole),
                    &whole,
                    &share(vs.sum, vs.rest_sum.map(|r| r + sum)),
                    &vs.rest_sum.map_or_else(|| "—".into(), |r| format!("{} {}", number(r, unit), lang.unit(unit))),
                ),
                None => lang.group_total_incomplete(vs.n, vs.of),
            };
            out.push(Line::raw(format!("  {line}")));
        } else if !vs.covered() {
            out.push(Line::styled(format!("  {}", lang.group_too_few(vs.n, vs.of)), self.theme.missing()));
        } else {
            out.push(Line::raw(format!(
                "  {}",
                lang.group_means(&v(vs.mean), &v(vs.rest_mean), &ratio(vs.mean), &whole)
            )));
            if let Some(w) = vs.weight {
                let weight = lang.indicator(ds.catalog.get(w));
                out.push(Line::raw(format!(
                    "  {}",
                    lang.group_weighted(weight, &v(vs.weighted), &v(vs.rest_weighted), &ratio(vs.weighted), &whole)
                )));
            }
            if vs.rest_covered() {
                let over = |a: Option<f64>, b: Option<f64>| match (a, b) {
                    (Some(a), Some(b)) if b != 0.0 => number(a / b, Unit::Ratio),
                    _ => "—".into(),
                };
                let line = lang.group_rest_ratio(&over(vs.weighted, vs.rest_weighted), &over(vs.mean, vs.rest_mean));
                out.push(Line::raw(format!("  {line}")));
            }
        }
        let name = |m: Option<(crate::model::RegionId, f64)>| {
            m.map_or_else(
                || "—".to_string(),
                |(r, x)| format!("{} {}", lang.region_short(ds.regions.get(r)), number(x, unit)),
            )
        };
        // Weakest and strongest among two or more members with a value.
        if vs.n >= 2 {
            out.push(Line::raw(format!("  {}", lang.group_extremes(&name(vs.weakest), &name(vs.strongest)))));
        }
        if !p.ratio.is_empty() {
            let line = if unit.is_total() {
                let years: Vec<String> = p.ratio.iter().map(|(y, r)| format!("{y} {:.2}%", r * 100.0)).collect();
                lang.group_share_years(&whole, &years.join(" · "))
            } else {
                let years: Vec<String> =
                    p.ratio.iter().map(|(y, r)| format!("{y} {}", number(*r, Unit::Ratio))).collect();
                lang.group_ratio_years(&whole, &years.join(" · "))
            };
            out.push(Line::raw(format!("  {line}")));
        }
        if let Some((c, value)) = p.computed {
            let c_def = ds.catalog.get(c);
            let published = p.published.as_ref().and_then(|(pv, _)| {
                let diff = p.published_difference()?;
                Some((number(*pv, c_def.unit), diff, diff.abs() > PUBLISHED_TOLERANCE))
            });
            let line = lang.computed_vs_published(
                lang.indicator_short(c_def),
                &value.map_or_else(|| "—".into(), |x| number(x, c_def.unit)),
                published.as_ref().map(|(s, d, f)| (s.as_str(), *d, *f)),
            );
            out.push(Line::styled(format!("  {line}"), self.theme.dim()));
        }
        out
    }
}
