//! Where each pane sits on a screen of a given size. The app needs it (the map's raster is
//! computed for the size it is drawn at; mouse clicks are matched against it) and so does the
//! drawing: one computation serves both.

/// A rectangle of terminal cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Rect {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Rect {
        Rect { x, y, width, height }
    }

    /// The area inside a one-cell border.
    pub fn inner(self) -> Rect {
        Rect::new(self.x + 1, self.y + 1, self.width.saturating_sub(2), self.height.saturating_sub(2))
    }

    pub fn contains(self, x: u16, y: u16) -> bool {
        x >= self.x && x < self.x + self.width && y >= self.y && y < self.y + self.height
    }
}

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// How much of the body the bottom pane takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BottomSize {
    /// Two fifths (the bars).
    Normal,
    /// Eleven twentieths (the map, the charts).
    Tall,
    /// None: the pane above takes the whole body (the table of a level, over the bars).
    Hidden,
}

/// The panes of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    /// The region list (left).
    pub regions: Rect,
    /// The overview or an area's detail (right).
    pub areas: Rect,
    /// The bar chart or the map (bottom).
    pub bottom: Rect,
    pub footer: Rect,
}

impl Screen {
    /// The layout of a `width` × `height` terminal; `None` when it is too small to draw in.
    pub fn of(width: u16, height: u16, bottom: BottomSize) -> Option<Screen> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let body_h = height - 2;
        let bottom_h = match bottom {
            BottomSize::Tall => (body_h * 11 / 20).max(9),
            BottomSize::Normal => (body_h * 2 / 5).max(7),
            BottomSize::Hidden => 0,
        };
        let top_h = body_h - bottom_h;
        let left_w = (width * 2 / 5).clamp(38, 56);
        Some(Screen {
            header: Rect::new(0, 0, width, 1),
            regions: Rect::new(0, 1, left_w, top_h),
            areas: Rect::new(left_w, 1, width - left_w, top_h),
            bottom: Rect::new(0, 1 + top_h, width, bottom_h),
            footer: Rect::new(0, height - 1, width, 1),
        })
    }

    /// The region and area panes together (where the table of a level is drawn).
    pub fn top(&self) -> Rect {
        Rect::new(self.regions.x, self.regions.y, self.regions.width + self.areas.width, self.regions.height)
    }

    /// The map pane's canvas and legend inside the bottom pane, when there is room for a map.
    pub fn map_parts(&self) -> Option<(Rect, Rect)> {
        let inner = self.bottom.inner();
        if inner.width < 24 || inner.height < 3 {
            return None;
        }
        let legend_w = 28.min(inner.width / 2);
        let canvas = Rect::new(inner.x, inner.y, inner.width - legend_w, inner.height);
        let legend = Rect::new(inner.x + canvas.width, inner.y, legend_w, inner.height);
        Some((canvas, legend))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen() {
        let s = Screen::of(120, 40, BottomSize::Normal).unwrap();
        assert_eq!(s.regions, Rect::new(0, 1, 48, 23));
        assert_eq!(s.areas, Rect::new(48, 1, 72, 23));
        assert_eq!(s.bottom, Rect::new(0, 24, 120, 15));
        let s = Screen::of(80, 24, BottomSize::Tall).unwrap();
        assert_eq!((s.regions.width, s.areas.width, s.bottom.height), (38, 42, 12));
        assert_eq!(s.map_parts().unwrap().0, Rect::new(1, 12, 50, 10));
        let s = Screen::of(80, 24, BottomSize::Hidden).unwrap();
        assert_eq!((s.top(), s.bottom.height), (Rect::new(0, 1, 80, 22), 0));
        assert!(Screen::of(79, 24, BottomSize::Normal).is_none());
    }
}
