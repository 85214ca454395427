//! Drawing: a pure function of the [`App`] state. Each widget is a struct with a `render` that
//! reads the state; nothing here changes it. [`draw`] returns where the region rows were drawn,
//! for the terminal loop to match mouse clicks against.

pub mod area;
pub mod bar_chart;
pub mod cells;
pub mod footer;
pub mod header;
pub mod help;
pub mod map;
pub mod overview;
pub mod popup;
pub mod region_list;
pub mod search_box;
pub mod table;
pub mod text;
pub mod theme;
pub mod wrap;

use area::rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Bottom, FrameInfo, View};
pub use theme::Theme;

/// Draws one frame of the app at its current size (see [`App::resize`]).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> FrameInfo {
    let area = frame.area();
    let Some(screen) = app.screen().filter(|_| area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT) else {
        draw_too_small(frame, area, app);
        return FrameInfo::default();
    };
    header::Header { app, theme }.render(frame, rect(screen.header));
    let (region_rows, region_offset) = region_list::RegionList { app, theme }.render(frame, rect(screen.regions));
    let area_lines = match app.nav.view {
        View::Overview => overview::Overview { app, theme }.render(frame, rect(screen.areas)),
        View::Area(area) => table::AreaTable { app, theme, area }.render(frame, rect(screen.areas)),
    };
    let mut info = FrameInfo {
        regions_pane: screen.regions,
        region_rows,
        region_offset,
        areas_pane: screen.areas,
        area_lines,
        popup_max_scroll: 0,
    };
    match app.nav.bottom {
        Bottom::Map => map::MapPane { app, theme }.render(frame, rect(screen.bottom)),
        Bottom::Bars => bar_chart::BarChart { app, theme }.render(frame, rect(screen.bottom)),
    }
    footer::Footer { app, theme }.render(frame, rect(screen.footer));
    if app.overlay.search.is_some() {
        search_box::SearchBox { app, theme }.render(frame, area);
    }
    if app.overlay.popup.is_some() {
        info.popup_max_scroll = popup::PopupView { app, theme }.render(frame, area);
    }
    info
}

fn draw_too_small(frame: &mut Frame, area: ratatui::layout::Rect, app: &App) {
    let msg = app.lang.too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(wrap::wrap_lines(vec![Line::from(msg)], area.width as usize)), area);
}
