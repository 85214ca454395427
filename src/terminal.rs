//! The terminal session: raw mode and the alternate screen on entry, always restored on exit,
//! on error, on panic, on every terminating signal (with the conventional status 128 + signal)
//! and while suspended (Ctrl-Z, or SIGTSTP from outside; re-entered and redrawn on SIGCONT).

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2};

use crate::app::{App, Effect, Key, KeyCode, Mouse, MouseKind};
use crate::export::{export_files, export_listing, Target};
use crate::ui::{self, Theme};

/// Signals that end the dashboard (the terminal is restored first).
const STOP_SIGNALS: [i32; 6] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2];

/// Restores the terminal when dropped, whatever the way out.
struct Session;

impl Session {
    fn start() -> io::Result<Session> {
        enter()?;
        Ok(Session)
    }
}

/// Raw mode, the alternate screen and mouse reporting.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
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
/// watchdog notices a stop request (the signal's number in `stop`) or the terminal hanging up,
/// gives the loop [`GRACE`] to finish, and otherwise restores what it can and exits with
/// 128 + the signal.
fn watchdog(stop: Arc<AtomicUsize>, done: Arc<AtomicBool>) {
    let watch_tty = io::IsTerminal::is_terminal(&io::stdin());
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(100));
        if done.load(Ordering::Relaxed) {
            return;
        }
        let hung_up = watch_tty && stdin_hung_up();
        if !hung_up && stop.load(Ordering::Relaxed) == 0 {
            continue;
        }
        if hung_up {
            let _ = stop.compare_exchange(0, SIGHUP as usize, Ordering::Relaxed, Ordering::Relaxed);
        }
        let asked = std::time::Instant::now();
        while asked.elapsed() < GRACE {
            if done.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        restore();
        std::process::exit(128 + stop.load(Ordering::Relaxed) as i32);
    });
}

/// Suspends the process as Ctrl-Z does in a shell: the terminal restored while stopped, raw
/// mode, the alternate screen and the mouse back on when continued (the caller redraws).
fn suspend() -> io::Result<()> {
    restore();
    // SAFETY: raising a signal at ourselves; SIGSTOP cannot be caught and returns on SIGCONT.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    enter()
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
        Effect::Suspend => true,
        Effect::Export { request, formats, dir } => {
            let now = chrono::Local::now();
            let result =
                export_files(&app.ds, &request, &formats, Target::Dir(&dir), false, &now).map_err(|e| e.to_string());
            app.exported(result);
            true
        }
        Effect::ExportTable(t) => {
            let now = chrono::Local::now();
            let listing = app.listing_export(&t);
            let result = export_listing(&listing, &t.dir, &now).map_err(|e| e.to_string());
            app.exported(result);
            true
        }
    }
}

/// Runs the dashboard until the user quits, or a signal asks it to stop, or the terminal goes
/// away (the terminal is restored on every way out). Returns the exit status: 0, or 128 + the
/// signal that ended it.
pub fn run(mut app: App, theme: Theme) -> anyhow::Result<i32> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default_hook(info);
    }));
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in STOP_SIGNALS {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    let tstp = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTSTP, Arc::clone(&tstp))?;
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
    while running && stop.load(Ordering::Relaxed) == 0 {
        if tstp.swap(false, Ordering::Relaxed) {
            suspend()?;
            terminal.clear()?;
            dirty = true;
        }
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
        match effect {
            Some(Effect::Suspend) => {
                suspend()?;
                terminal.clear()?;
            }
            Some(e) => running = perform(&mut app, e),
            None => {}
        }
    }
    let signal = stop.load(Ordering::Relaxed) as i32;
    Ok(if signal == 0 { 0 } else { 128 + signal })
}
