//! The terminal session: raw mode and the alternate screen on entry, always restored on exit,
//! on error and on panic.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::{App, Effect, Key, KeyCode, Mouse, MouseKind};
use crate::export::{export_files, Target};
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

/// How long the event loop gets to wind down by itself once asked to stop.
const GRACE: Duration = Duration::from_millis(600);

/// Exit status when the terminal went away and the loop had to be cut short (128 + SIGHUP).
pub const EXIT_HANGUP: i32 = 129;

/// Ends the process when the event loop cannot end it: crossterm's event reader spins forever
/// on a terminal that has gone away (its read loop retries `read` returning 0, crossterm#793,
/// fix not released), so neither the poll timeout nor the stop flag is ever seen again. The
/// watchdog notices a stop request (a signal) or the terminal hanging up, gives the loop
/// [`GRACE`] to finish, and otherwise restores what it can and exits.
fn watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    let watch_tty = io::IsTerminal::is_terminal(&io::stdin());
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(100));
        if done.load(Ordering::Relaxed) {
            return;
        }
        let hung_up = watch_tty && stdin_hung_up();
        if !hung_up && !stop.load(Ordering::Relaxed) {
            continue;
        }
        stop.store(true, Ordering::Relaxed);
        let asked = std::time::Instant::now();
        while asked.elapsed() < GRACE {
            if done.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        restore();
        std::process::exit(EXIT_HANGUP);
    });
}

/// Whether standard input (the terminal) has hung up: `poll` reports POLLHUP, POLLERR or
/// POLLNVAL on it even when they were not asked for.
fn stdin_hung_up() -> bool {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: 0, revents: 0 };
    // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// A crossterm key as the app's key, if it is one the dashboard can bind.
fn key_of(ev: &crossterm::event::KeyEvent) -> Option<Key> {
    use crossterm::event::{KeyCode as C, KeyModifiers};
    let code = match ev.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Backspace => KeyCode::Backspace,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        alt: ev.modifiers.contains(KeyModifiers::ALT),
    })
}

/// A crossterm mouse event as the app's, stamped with the time since the session started.
fn mouse_of(ev: &crossterm::event::MouseEvent, start: Instant) -> Option<Mouse> {
    use crossterm::event::{MouseButton, MouseEventKind as K};
    let kind = match ev.kind {
        K::Down(MouseButton::Left) => MouseKind::LeftDown,
        K::ScrollUp => MouseKind::ScrollUp,
        K::ScrollDown => MouseKind::ScrollDown,
        _ => return None,
    };
    Some(Mouse { kind, column: ev.column, row: ev.row, at_ms: start.elapsed().as_millis() as u64 })
}

/// Performs an effect the app asked for; `false` when the dashboard is to end.
pub fn perform(app: &mut App, effect: Effect) -> bool {
    match effect {
        Effect::Quit => false,
        Effect::Export { region, year, formats, dir, lang } => {
            let now = chrono::Local::now();
            let result = export_files(&app.ds, region, year, None, &formats, Target::Dir(&dir), false, &now, lang)
                .map_err(|e| e.to_string());
            app.exported(result);
            true
        }
    }
}

/// Runs the dashboard until the user quits, or a SIGTERM, SIGHUP or SIGINT asks it to stop, or
/// the terminal goes away (the terminal is restored on every way out).
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
    let done = Arc::new(AtomicBool::new(false));
    watchdog(Arc::clone(&stop), Arc::clone(&done));
    // Tells the watchdog the loop is over, however it ends (`?` included).
    struct Done(Arc<AtomicBool>);
    impl Drop for Done {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let _done = Done(done);
    let _session = Session::start()?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let start = Instant::now();
    let mut dirty = true;
    let mut running = true;
    while running && !stop.load(Ordering::Relaxed) {
        if dirty {
            let size = terminal.size()?;
            app.resize(size.width, size.height);
            let mut drawn = None;
            terminal.draw(|f| drawn = Some(ui::draw(f, &app, &theme)))?;
            if let Some(info) = drawn {
                app.frame_drawn(info);
            }
        }
        // Wake up now and then to notice a signal; draw only after an event.
        dirty = event::poll(Duration::from_millis(250))?;
        if !dirty {
            continue;
        }
        let effect = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                // A fault on demand, for the end-to-end test of the panic path; debug builds only.
                #[cfg(debug_assertions)]
                #[allow(clippy::panic)] // the fault is the point
                if k.code == crossterm::event::KeyCode::F(12) && std::env::var_os("CPDASH_TEST_PANIC").is_some() {
                    panic!("test fault requested with F12 (CPDASH_TEST_PANIC, debug builds only)");
                }
                key_of(&k).and_then(|k| app.on_key(k))
            }
            Event::Mouse(m) => mouse_of(&m, start).and_then(|m| app.on_mouse(m)),
            // A resize is drawn (at the new size) on the next pass of the loop.
            _ => None,
        };
        if let Some(e) = effect {
            running = perform(&mut app, e);
        }
    }
    Ok(())
}
