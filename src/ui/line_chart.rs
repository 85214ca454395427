//! A chart of series of points on braille lines, each point drawn with its series' marker so
//! the series read without colour; a labelled horizontal line (a target) and a vertical one (its
//! year). Used by the time chart, the σ-convergence chart and the β scatter.

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::{pad_left, width};

/// One series: points (x, y or a gap), its marker and style, and whether points are joined.
pub struct ChartSeries {
    pub points: Vec<(f64, Option<f64>)>,
    pub mark: &'static str,
    pub style: Style,
    /// Lines between consecutive points that both have a value (a gap is never bridged).
    pub join: bool,
}

/// A straight line from one point to another, in a style.
pub type Segment = ((f64, f64), (f64, f64), Style);

pub struct LineChart<'a> {
    pub series: &'a [ChartSeries],
    /// A horizontal line: its y, label and style.
    pub hline: Option<(f64, String, Style)>,
    /// A vertical line at this x (the target's year).
    pub vline: Option<f64>,
    /// A straight line from (x1, y1) to (x2, y2) (the fitted β slope).
    pub fit: Option<Segment>,
    /// How the axes' numbers are written.
    pub x_label: &'a dyn Fn(f64) -> String,
    pub y_label: &'a dyn Fn(f64) -> String,
    /// Whether x is whole years (one tick per year that fits).
    pub years: bool,
    /// A frame without colour: lines in the default colour.
    pub color: bool,
}

/// The x and y bounds of a chart (padded) and the y extremes of what it draws.
type Bounds = ([f64; 2], [f64; 2], (f64, f64));

impl LineChart<'_> {
    /// The bounds of the data and the lines, padded by a twentieth, and the extremes of what is
    /// drawn (the y labels: a reader sees the values themselves, not the padded edges).
    fn bounds(&self) -> Option<Bounds> {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for s in self.series {
            for (x, y) in &s.points {
                if let Some(y) = y.filter(|y| y.is_finite()) {
                    xs.push(*x);
                    ys.push(y);
                }
            }
        }
        if let Some((y, _, _)) = &self.hline {
            ys.push(*y);
        }
        if let Some(x) = self.vline {
            xs.push(x);
        }
        if let Some(((x1, y1), (x2, y2), _)) = self.fit {
            xs.extend([x1, x2]);
            ys.extend([y1, y2]);
        }
        let range = |v: &[f64]| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
        };
        let (x0, x1) = range(&xs)?;
        let (y0, y1) = range(&ys)?;
        let pad = |a: f64, b: f64, min: f64| {
            let span = (b - a).max(min);
            [a - span / 20.0, b + span / 20.0]
        };
        let ymin = (y0.abs().max(y1.abs()) * 0.02).max(1e-9);
        Some((pad(x0, x1, if self.years { 1.0 } else { 1e-9 }), pad(y0, y1, ymin), (y0, y1)))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let Some((xb, yb, (y_lo, y_hi))) = self.bounds() else { return };
        if area.height < 4 || area.width < 16 {
            return;
        }
        // The y labels on the left, the x labels on the last row.
        let ylab_top = (self.y_label)(y_hi);
        let ylab_bot = (self.y_label)(y_lo);
        let lw = width(&ylab_top).max(width(&ylab_bot)) as u16 + 1;
        let plot = Rect::new(area.x + lw, area.y, area.width.saturating_sub(lw), area.height - 1);
        let ylabels = vec![Line::raw(pad_left(&ylab_top, lw as usize - 1)); 1];
        frame.render_widget(Paragraph::new(ylabels), Rect::new(area.x, area.y, lw, 1));
        frame.render_widget(
            Paragraph::new(Line::raw(pad_left(&ylab_bot, lw as usize - 1))),
            Rect::new(area.x, area.y + plot.height - 1, lw, 1),
        );
        // X ticks: the years that fit, each under its column.
        let col_of = |x: f64| plot.x as f64 + (x - xb[0]) / (xb[1] - xb[0]) * (plot.width as f64 - 1.0);
        let mut ticks: Vec<(u16, String)> = Vec::new();
        if self.years {
            let (first, last) = (xb[0].ceil() as i64, xb[1].floor() as i64);
            let span = (last - first).max(1);
            let step = (1..=span).find(|s| (span / s + 1) as u16 * 6 <= plot.width).unwrap_or(span);
            let mut y = first;
            while y <= last {
                ticks.push((col_of(y as f64).round() as u16, (self.x_label)(y as f64)));
                y += step;
            }
        } else {
            ticks.push((plot.x, (self.x_label)(xb[0] + (xb[1] - xb[0]) / 21.0)));
            let right = (self.x_label)(xb[1] - (xb[1] - xb[0]) / 21.0);
            ticks.push(((plot.x + plot.width).saturating_sub(width(&right) as u16), right));
        }
        let mut axis = String::new();
        let mut at = plot.x;
        for (col, label) in ticks {
            let col = col.saturating_sub(width(&label) as u16 / 2).max(at);
            if col + width(&label) as u16 > plot.x + plot.width {
                break;
            }
            axis += &" ".repeat((col - at) as usize);
            axis += &label;
            at = col + width(&label) as u16 + 1;
            axis.push(' ');
        }
        frame
            .render_widget(Paragraph::new(Line::raw(axis)), Rect::new(plot.x, area.y + area.height - 1, plot.width, 1));
        let color_of = |s: Style| if self.color { s.fg.unwrap_or(Color::Reset) } else { Color::Reset };
        let canvas = Canvas::default().marker(Marker::Braille).x_bounds(xb).y_bounds(yb).paint(|ctx| {
            if let Some((y, _, style)) = &self.hline {
                let mut x = xb[0];
                let dash = (xb[1] - xb[0]) / (plot.width as f64 * 1.5).max(1.0);
                while x < xb[1] {
                    ctx.draw(&CanvasLine {
                        x1: x,
                        y1: *y,
                        x2: (x + dash / 2.0).min(xb[1]),
                        y2: *y,
                        color: color_of(*style),
                    });
                    x += dash;
                }
            }
            if let Some(x) = self.vline {
                let style = self.hline.as_ref().map_or(Style::default(), |h| h.2);
                ctx.draw(&CanvasLine { x1: x, y1: yb[0], x2: x, y2: yb[1], color: color_of(style) });
            }
            if let Some(((x1, y1), (x2, y2), style)) = self.fit {
                ctx.draw(&CanvasLine { x1, y1, x2, y2, color: color_of(style) });
            }
            for s in self.series {
                if s.join {
                    for w in s.points.windows(2) {
                        if let ((x1, Some(y1)), (x2, Some(y2))) = (w[0], w[1]) {
                            ctx.draw(&CanvasLine { x1, y1, x2, y2, color: color_of(s.style) });
                        }
                    }
                }
            }
            ctx.layer();
            for s in self.series {
                for (x, y) in &s.points {
                    if let Some(y) = y {
                        ctx.print(*x, *y, Line::from(Span::styled(s.mark, s.style)));
                    }
                }
            }
            if let Some((y, label, style)) = &self.hline {
                let lx = xb[1] - (xb[1] - xb[0]) * (width(label) as f64 + 1.0) / plot.width.max(1) as f64;
                ctx.print(lx.max(xb[0]), *y, Line::from(Span::styled(label.clone(), *style)));
            }
        });
        frame.render_widget(canvas, plot);
    }
}
