//! Colours and styles. The palette is colour-blind-safe (Okabe–Ito); with `NO_COLOR` or the
//! `mono` theme there is no colour at all, and symbols, text and reverse video carry every signal.

use ratatui::style::{Color, Modifier, Style};

use crate::metrics::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn status(&self, s: Status) -> Style {
        self.fg(match s {
            Status::Achieved => Color::Rgb(0, 158, 115),
            Status::ChallengesRemain => Color::Rgb(240, 228, 66),
            Status::SignificantChallenges => Color::Rgb(230, 159, 0),
            Status::MajorChallenges => Color::Rgb(213, 94, 0),
        })
    }

    pub fn missing(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Rgb(86, 180, 233)).add_modifier(Modifier::BOLD)
    }

    pub fn bar(&self) -> Style {
        self.fg(Color::Rgb(0, 114, 178))
    }

    pub fn target(&self) -> Style {
        self.fg(Color::Rgb(204, 121, 167)).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Gray)
        } else {
            Style::new()
        }
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
