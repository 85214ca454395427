//! Colours and styles. The default palette is colour-blind-safe (Okabe–Ito for statuses, viridis
//! for map classes); each named colour can be overridden in the config. Colours are sent at the
//! depth the terminal supports: 24-bit where `COLORTERM` says so, else the nearest of the 256 or
//! 16 colours. With `NO_COLOR` or the `mono` theme there is no colour at all, and symbols, text and
//! reverse video carry every signal.

use ratatui::style::{Color, Modifier, Style};

use crate::metrics::Status;
pub use crate::palette::{Rgb, COLORS, N_COLORS, SERIES};

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorDepth {
    /// No colour (`NO_COLOR`, the `mono` theme).
    None,
    /// The 16 ANSI colours.
    Basic,
    /// The xterm 256-colour palette.
    Indexed,
    /// 24-bit RGB.
    TrueColor,
}

impl ColorDepth {
    /// The depth a terminal announces: `COLORTERM=truecolor` or `24bit` for RGB, a `TERM` with
    /// `256color` for the 256 colours, else the 16 basic ones.
    pub fn detect(term: Option<&str>, colorterm: Option<&str>) -> ColorDepth {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            ColorDepth::TrueColor
        } else if term.unwrap_or_default().contains("256color") {
            ColorDepth::Indexed
        } else {
            ColorDepth::Basic
        }
    }
}

/// The palette's colours, in the order of [`COLORS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette(pub [Rgb; N_COLORS]);

impl Default for Palette {
    fn default() -> Self {
        Palette(COLORS.map(|(_, _, c)| c))
    }
}

impl Palette {
    /// Sets a named colour; `Err` names the known ones.
    pub fn set(&mut self, name: &str, color: Rgb) -> Result<(), String> {
        let i = COLORS.iter().position(|(n, _, _)| *n == name).ok_or_else(|| {
            let names: Vec<&str> = COLORS.iter().map(|c| c.0).collect();
            format!("unknown colour \"{}\" (colours: {})", name.escape_debug(), names.join(", "))
        })?;
        self.0[i] = color;
        Ok(())
    }

    fn get(&self, name: &str) -> Rgb {
        COLORS.iter().position(|(n, _, _)| *n == name).map_or(Rgb(255, 255, 255), |i| self.0[i])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub depth: ColorDepth,
    pub palette: Palette,
}

impl Theme {
    /// No colour: what tests and `NO_COLOR` use.
    pub const MONO: Theme = Theme { depth: ColorDepth::None, palette: Palette(COLORS_DEFAULT) };

    pub fn new(depth: ColorDepth, palette: Palette) -> Theme {
        Theme { depth, palette }
    }

    /// Whether any colour is sent.
    pub fn color(&self) -> bool {
        self.depth != ColorDepth::None
    }

    /// A palette colour at the terminal's depth (`Reset` without colour).
    pub fn named(&self, name: &str) -> Color {
        convert(self.palette.get(name), self.depth)
    }

    fn fg(&self, name: &str) -> Style {
        if self.color() {
            Style::new().fg(self.named(name))
        } else {
            Style::new()
        }
    }

    /// The style of the line chart's series `i` (0: the focus).
    pub fn series(&self, i: usize) -> Style {
        self.fg(SERIES[i % SERIES.len()].1)
    }

    pub fn status(&self, s: Status) -> Style {
        self.fg(s.key())
    }

    pub fn missing(&self) -> Style {
        self.fg("missing")
    }

    pub fn accent(&self) -> Style {
        self.fg("accent").add_modifier(Modifier::BOLD)
    }

    pub fn bar(&self) -> Style {
        self.fg("bar")
    }

    pub fn target(&self) -> Style {
        self.fg("target").add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg("dim")
    }

    /// The selected row: reverse video reads in any terminal, with or without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A bordered pane `width` cells wide with a bold title, cut with "…" where it does not fit
    /// between the corners; `border` styles the frame (focus, popups).
    pub fn block(&self, title: &str, width: u16, border: Style) -> ratatui::widgets::Block<'static> {
        let title = crate::fit::truncate(title, width.saturating_sub(2) as usize);
        ratatui::widgets::Block::default()
            .borders(ratatui::widgets::Borders::ALL)
            .border_style(border)
            .title(ratatui::text::Span::styled(title, self.title()))
    }

    /// The border of the focused pane: bold (and coloured when colour is on).
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.accent()
        } else {
            Style::new()
        }
    }
}

const COLORS_DEFAULT: [Rgb; N_COLORS] = {
    let mut out = [Rgb(0, 0, 0); N_COLORS];
    let mut i = 0;
    while i < N_COLORS {
        out[i] = COLORS[i].2;
        i += 1;
    }
    out
};

/// An RGB colour at a depth: itself, the nearest of the xterm 256 (its 6×6×6 cube and grey
/// ramp), or the nearest of the 16 ANSI colours.
pub fn convert(c: Rgb, depth: ColorDepth) -> Color {
    match depth {
        ColorDepth::None => Color::Reset,
        ColorDepth::TrueColor => Color::Rgb(c.0, c.1, c.2),
        ColorDepth::Indexed => Color::Indexed(nearest_256(c)),
        ColorDepth::Basic => nearest_16(c),
    }
}

fn distance(a: Rgb, b: Rgb) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// The nearest xterm-256 colour of the cube (16–231) or the grey ramp (232–255).
fn nearest_256(c: Rgb) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level =
        |v: u8| LEVELS.iter().enumerate().min_by_key(|(_, l)| (**l as i32 - v as i32).abs()).map_or(0, |(i, _)| i);
    let (r, g, b) = (level(c.0), level(c.1), level(c.2));
    let cube = Rgb(LEVELS[r], LEVELS[g], LEVELS[b]);
    let cube_index = 16 + 36 * r + 6 * g + b;
    let grey_level = ((c.0 as u32 + c.1 as u32 + c.2 as u32) / 3) as i32;
    let g_i = ((grey_level - 8).clamp(0, 230) / 10) as u8;
    let grey = 8 + 10 * g_i;
    if distance(c, Rgb(grey, grey, grey)) < distance(c, cube) {
        232 + g_i
    } else {
        cube_index as u8
    }
}

/// The nearest of the 16 ANSI colours, by their usual xterm values.
fn nearest_16(c: Rgb) -> Color {
    const ANSI: [(Color, Rgb); 16] = [
        (Color::Black, Rgb(0, 0, 0)),
        (Color::Red, Rgb(205, 0, 0)),
        (Color::Green, Rgb(0, 205, 0)),
        (Color::Yellow, Rgb(205, 205, 0)),
        (Color::Blue, Rgb(0, 0, 238)),
        (Color::Magenta, Rgb(205, 0, 205)),
        (Color::Cyan, Rgb(0, 205, 205)),
        (Color::Gray, Rgb(229, 229, 229)),
        (Color::DarkGray, Rgb(127, 127, 127)),
        (Color::LightRed, Rgb(255, 0, 0)),
        (Color::LightGreen, Rgb(0, 255, 0)),
        (Color::LightYellow, Rgb(255, 255, 0)),
        (Color::LightBlue, Rgb(92, 92, 255)),
        (Color::LightMagenta, Rgb(255, 0, 255)),
        (Color::LightCyan, Rgb(0, 255, 255)),
        (Color::White, Rgb(255, 255, 255)),
    ];
    ANSI.iter().min_by_key(|(_, rgb)| distance(c, *rgb)).map_or(Color::Reset, |(col, _)| *col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_from_the_environment() {
        assert_eq!(ColorDepth::detect(Some("xterm-256color"), Some("truecolor")), ColorDepth::TrueColor);
        assert_eq!(ColorDepth::detect(Some("tmux-256color"), Some("24bit")), ColorDepth::TrueColor);
        assert_eq!(ColorDepth::detect(Some("xterm-256color"), None), ColorDepth::Indexed);
        assert_eq!(ColorDepth::detect(Some("xterm"), None), ColorDepth::Basic);
        assert_eq!(ColorDepth::detect(None, None), ColorDepth::Basic);
    }

    #[test]
    fn colours_at_each_depth() {
        let green = Rgb(0, 158, 115);
        assert_eq!(convert(green, ColorDepth::TrueColor), Color::Rgb(0, 158, 115));
        // Cube levels 0, 175, 95 → 16 + 36·0 + 6·3 + 1 = 35.
        assert_eq!(convert(green, ColorDepth::Indexed), Color::Indexed(35));
        assert_eq!(convert(Rgb(128, 128, 128), ColorDepth::Indexed), Color::Indexed(244));
        assert_eq!(convert(Rgb(213, 94, 0), ColorDepth::Basic), Color::Red);
        assert_eq!(convert(Rgb(253, 231, 37), ColorDepth::Basic), Color::LightYellow);
        assert_eq!(convert(green, ColorDepth::None), Color::Reset);
    }

    #[test]
    fn palette_names_and_hex() {
        let mut p = Palette::default();
        p.set("achieved", Rgb::parse("#00ff00").unwrap()).unwrap();
        assert_eq!(p.get("achieved"), Rgb(0, 255, 0));
        assert!(p.set("chartreuse", Rgb(1, 2, 3)).unwrap_err().starts_with("unknown colour \"chartreuse\""));
        assert!(Rgb::parse("green").is_err() && Rgb::parse("#12345").is_err() && Rgb::parse("#gg0000").is_err());
        assert_eq!(Rgb(0, 158, 115).hex(), "#009e73");
        assert_eq!(Theme::MONO.palette, Palette::default());
    }
}
