//! Screen areas: the app's layout rectangles as ratatui's, and clearing under a popup.

use ratatui::widgets::Clear;
use ratatui::Frame;

use super::text::width;

/// A ratatui rectangle from the app's layout.
pub fn rect(r: crate::app::layout::Rect) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(r.x, r.y, r.width, r.height)
}

/// Clears the area of a popup, and the halves of wide characters cut by its left and right edges
/// (a Chinese character straddling the border would otherwise hide it).
pub fn clear_popup(frame: &mut Frame, popup: ratatui::layout::Rect) {
    frame.render_widget(Clear, popup);
    let buf = frame.buffer_mut();
    let area = buf.area;
    for y in popup.top()..popup.bottom() {
        if popup.left() > area.left() {
            let cell = &mut buf[(popup.left() - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if popup.right() < area.right() && buf[(popup.right(), y)].symbol().is_empty() {
            buf[(popup.right(), y)].set_symbol(" ");
        }
    }
}
