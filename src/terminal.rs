//! The terminal session: raw mode and the alternate screen on entry, always restored on exit,
//! on error and on panic.

use std::io::{self, Stdout};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::app::App;
use crate::ui::{self, Theme};

/// Restores the terminal when dropped, whatever the way out.
struct Session;

impl Session {
    fn start() -> io::Result<Session> {
        enable_raw_mode()?;
        let session = Session;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(session)
    }
}

/// Leaves the alternate screen and raw mode; safe to call twice.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the dashboard until the user quits.
pub fn run(mut app: App, theme: Theme) -> anyhow::Result<()> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default_hook(info);
    }));
    let _session = Session::start()?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    while !app.quit {
        terminal.draw(|f| ui::draw(f, &mut app, &theme))?;
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => app.on_key(&k),
            Event::Mouse(m) => app.on_mouse(&m),
            // A resize is drawn on the next pass of the loop.
            _ => {}
        }
    }
    Ok(())
}
