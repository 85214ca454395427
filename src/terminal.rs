//! The terminal session: raw mode and the alternate screen on entry, always restored on exit,
//! on error and on panic.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

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

/// Runs the dashboard until the user quits, or a SIGTERM, SIGHUP or SIGINT asks it to stop (the
/// terminal is restored on every way out).
pub fn run(mut app: App, theme: Theme) -> anyhow::Result<()> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default_hook(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let _session = Session::start()?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|f| ui::draw(f, &mut app, &theme))?;
        }
        // Wake up now and then to notice a signal; draw only after an event.
        dirty = event::poll(Duration::from_millis(250))?;
        if !dirty {
            continue;
        }
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                // A fault on demand, for the end-to-end test of the panic path; debug builds only.
                #[cfg(debug_assertions)]
                if k.code == crossterm::event::KeyCode::F(12) && std::env::var_os("CPDASH_TEST_PANIC").is_some() {
                    panic!("test fault requested with F12 (CPDASH_TEST_PANIC, debug builds only)");
                }
                app.on_key(&k)
            }
            Event::Mouse(m) => app.on_mouse(&m),
            // A resize is drawn on the next pass of the loop.
            _ => {}
        }
    }
    Ok(())
}
