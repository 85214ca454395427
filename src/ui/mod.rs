//! Drawing: a pure function of the [`App`] state. Each widget is a struct with a `render` that
//! reads the state; nothing here changes it. [`draw`] returns where the region rows were drawn,
//! for the terminal loop to match mouse clicks against.

pub mod area;
pub mod bar_chart;
pub mod cells;
pub mod convergence;
pub mod footer;
pub mod group_panel;
pub mod header;
pub mod help;
pub mod level_table;
pub mod line_chart;
pub mod map;
pub mod overview;
pub mod popup;
pub mod region_list;
pub mod search_box;
pub mod table;
pub mod text;
pub mod theme;
pub mod time_chart;
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
    let mut info = FrameInfo::default();
    if app.nav.table.is_some() {
        // The table of a level takes the place of the region and area panes.
        let drawn = level_table::LevelTable { app, theme }.render(frame, rect(screen.top()));
        if let Some(d) = drawn {
            info.table_header = d.header;
            info.table_header_row = d.header_row;
            info.table_rows = d.rows;
            info.table_offset = d.offset;
        }
    } else {
        let (region_rows, region_offset) = region_list::RegionList { app, theme }.render(frame, rect(screen.regions));
        info.area_lines = match app.nav.view {
            View::Overview => overview::Overview { app, theme }.render(frame, rect(screen.areas)),
            View::Area(area) => table::AreaTable { app, theme, area }.render(frame, rect(screen.areas)),
        };
        info.regions_pane = screen.regions;
        info.region_rows = region_rows;
        info.region_offset = region_offset;
        info.areas_pane = screen.areas;
    }
    let bottom = rect(screen.bottom);
    match app.nav.bottom {
        _ if bottom.height == 0 => {}
        Bottom::Map => map::MapPane { app, theme }.render(frame, bottom),
        Bottom::Bars => bar_chart::BarChart { app, theme }.render(frame, bottom),
        Bottom::Time => time_chart::TimeChart { app, theme }.render(frame, bottom),
        Bottom::Convergence => convergence::ConvergenceChart { app, theme }.render(frame, bottom),
        Bottom::Groups => group_panel::GroupPanels { app, theme }.render(frame, bottom),
    }
    footer::Footer { app, theme }.render(frame, rect(screen.footer));
    if app.overlay.search.is_some() {
        search_box::SearchBox { app, theme }.render(frame, area);
    }
    if app.overlay.popup.is_some() {
        (info.popup_max_scroll, info.popup_rows) = popup::PopupView { app, theme }.render(frame, area);
    }
    info
}

fn draw_too_small(frame: &mut Frame, area: ratatui::layout::Rect, app: &App) {
    let msg = app.lang().too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(wrap::wrap_lines(vec![Line::from(msg)], area.width as usize)), area);
}
