//! Drawing: thin widgets that render the [`App`](crate::app::App) state. Each widget is a struct
//! with a `render`; none changes state except recording where the region rows were drawn, for
//! mouse clicks.

pub mod bar_chart;
pub mod cells;
pub mod footer;
pub mod header;
pub mod help;
pub mod map;
pub mod overview;
pub mod region_list;
pub mod search_box;
pub mod table;
pub mod text;
pub mod theme;
pub mod wrap;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use crate::app::{App, View};
pub use theme::Theme;

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws one frame.
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, app.english);
        return;
    }
    let [header_area, body, footer_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(10), Constraint::Length(1)]).areas(area);
    // The map wants more height than the bar chart.
    let chart_h = if app.map { (body.height * 11 / 20).max(9) } else { (body.height * 2 / 5).max(7) };
    let [top, chart_area] = Layout::vertical([Constraint::Min(10), Constraint::Length(chart_h)]).areas(body);
    let left_w = (top.width * 2 / 5).clamp(38, 56);
    let [left, right] = Layout::horizontal([Constraint::Length(left_w), Constraint::Min(40)]).areas(top);

    header::Header { app, theme }.render(frame, header_area);
    let hit = region_list::RegionList { app, theme }.render(frame, left);
    app.hit = hit;
    match app.view {
        View::Overview => overview::Overview { app, theme }.render(frame, right),
        View::Area(area) => table::AreaTable { app, theme, area }.render(frame, right),
    }
    if app.map {
        map::MapPane { theme }.render(frame, app, chart_area);
    } else {
        bar_chart::BarChart { app, theme }.render(frame, chart_area);
    }
    footer::Footer { app, theme }.render(frame, footer_area);
    if app.search.is_some() {
        search_box::SearchBox { app, theme }.render(frame, area);
    }
    if app.help {
        help::Help { app, theme }.render(frame, area);
    }
}

/// Clears the area of a popup, and the halves of wide characters cut by its left and right edges
/// (a Chinese character straddling the border would otherwise hide it).
pub fn clear_popup(frame: &mut Frame, popup: Rect) {
    frame.render_widget(Clear, popup);
    let buf = frame.buffer_mut();
    let area = buf.area;
    for y in popup.top()..popup.bottom() {
        if popup.left() > area.left() {
            let cell = &mut buf[(popup.left() - 1, y)];
            if text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if popup.right() < area.right() && buf[(popup.right(), y)].symbol().is_empty() {
            buf[(popup.right(), y)].set_symbol(" ");
        }
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, english: bool) {
    let msg = if english {
        format!(
            "The terminal is {}×{}; cpdash needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window (q quits).",
            area.width, area.height
        )
    } else {
        format!("终端为 {}×{},cpdash 至少需要 {MIN_WIDTH}×{MIN_HEIGHT}。请放大窗口(q 退出)。", area.width, area.height)
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(wrap::wrap_lines(vec![Line::from(msg)], area.width as usize)), area);
}
