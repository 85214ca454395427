//! Hostile use of the command line (issue 17): closed pipes, special files, huge requests,
//! terminals that cannot host the dashboard, writes that fail half-way. Each ends in a clear
//! word and leaves nothing behind; none panics.

mod common;

use std::process::Command;

fn cpdash(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = common::cpdash(dir, args);
    assert!(!err.contains("panicked"), "{args:?} panicked:\n{err}");
    (code, out, err)
}

/// Runs a shell line with the binary as `$CPDASH`: (exit status of the line, stderr).
fn sh(dir: &std::path::Path, line: &str) -> (i32, String) {
    let o = Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("CPDASH", env!("CARGO_BIN_EXE_cpdash"))
        .env("XDG_CONFIG_HOME", "/nonexistent-cpdash-test")
        .output()
        .unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for line in
        ["\"$CPDASH\" report 330000 | true", "\"$CPDASH\" check | head -c 1 >/dev/null", "\"$CPDASH\" man | true"]
    {
        let (_, err) = sh(dir.path(), line);
        assert_eq!(err, "", "{line}: nothing on stderr");
    }
}

#[test]
fn generate_refuses_scales_it_cannot_make_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    for scale in ["0", "1000000"] {
        let (code, _, err) = cpdash(dir.path(), &["generate", "--out", "nat", "--scale", scale]);
        assert_eq!(code, 1);
        assert!(err.starts_with(&format!("cpdash: --scale: {scale} is not between 1 and 16")), "{err}");
    }
    std::fs::create_dir(dir.path().join("mine")).unwrap();
    std::fs::write(dir.path().join("mine/regions.csv"), "my own regions").unwrap();
    let (code, _, err) = cpdash(dir.path(), &["generate", "--out", "mine"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "cpdash: mine/regions.csv already exist(s); use --force to replace them");
    assert_eq!(std::fs::read_to_string(dir.path().join("mine/regions.csv")).unwrap(), "my own regions");
}

#[test]
fn special_files_are_never_replaced_and_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = cpdash(dir.path(), &["export", "--region", "331127", "--format", "csv", "--output", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}region_code,"), "{out}");
    // A FIFO and a link stay what they are, --force or not.
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/etc/hostname", dir.path().join("link")).unwrap();
    for target in ["pipe", "link"] {
        let (code, _, err) =
            cpdash(dir.path(), &["export", "--region", "331127", "--format", "md", "--output", target, "--force"]);
        assert_eq!(code, 1);
        assert!(
            err.contains("is not a regular file (a FIFO, a device or a link); cpdash does not replace it"),
            "{err}"
        );
    }
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo_like());
    assert!(std::fs::symlink_metadata(dir.path().join("link")).unwrap().file_type().is_symlink());
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn concurrent_exports_in_one_second_take_the_next_free_names() {
    let dir = tempfile::tempdir().unwrap();
    // One after another, then four at once: each gets a file of its own.
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_cpdash"))
                .args(["export", "--region", "331127", "--format", "json", "--dir", "out"])
                .current_dir(dir.path())
                .env("XDG_CONFIG_HOME", "/nonexistent-cpdash-test")
                .output()
                .unwrap()
        })
        .collect();
    let started: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_cpdash"))
                .args(["export", "--region", "331127", "--format", "json", "--dir", "out"])
                .current_dir(dir.path())
                .env("XDG_CONFIG_HOME", "/nonexistent-cpdash-test")
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in started {
        assert!(c.wait().unwrap().success());
    }
    assert!(children.iter().all(|o| o.status.success()));
    assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 8, "eight exports, eight files");
}

#[test]
fn the_dashboard_refuses_what_cannot_host_it() {
    let dir = tempfile::tempdir().unwrap();
    // No terminal at all (the test's pipes).
    let (code, _, err) = cpdash(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(err.starts_with("cpdash: the dashboard needs a terminal for its input and output"), "{err}");
    // TERM=dumb, in a real terminal.
    let bin = env!("CARGO_BIN_EXE_cpdash");
    let socket = format!("cpdash-hostile-{}", std::process::id());
    let cmd = format!("env TERM=dumb XDG_CONFIG_HOME=/nonexistent {bin}; echo EXITED $?; sleep 30");
    assert!(Command::new("tmux")
        .args(["-L", &socket, "new-session", "-d", "-s", "h", "-x", "100", "-y", "30", &cmd])
        .status()
        .unwrap()
        .success());
    let mut screen = String::new();
    for _ in 0..100 {
        let o = Command::new("tmux").args(["-L", &socket, "capture-pane", "-t", "h", "-p", "-J"]).output().unwrap();
        screen = String::from_utf8_lossy(&o.stdout).into_owned();
        if screen.contains("EXITED") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = Command::new("tmux").args(["-L", &socket, "kill-server"]).status();
    assert!(screen.contains("TERM=dumb: this terminal cannot place the cursor"), "{screen}");
    assert!(screen.contains("EXITED 1"), "{screen}");
}

#[test]
fn configs_that_say_nothing_or_point_home() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, "language = 1\n").unwrap();
    let (_, _, err) = cpdash(dir.path(), &["--config", "c.toml", "check"]);
    assert_eq!(err.trim(), "cpdash: config: c.toml:1: key `language`: expected one of \"zh\", \"en\"");
    std::fs::write(&cfg, "[export]\nformats = []\n").unwrap();
    let (code, _, err) = cpdash(dir.path(), &["--config", "c.toml", "check"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("cpdash: config: c.toml:2: [export] formats: name at least one format"), "{err}");
    // `~` is the home folder, as in a shell (not a folder called "~").
    std::fs::write(&cfg, "[export]\ndir = \"~/exports-cpdash\"\n").unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_cpdash"))
        .args(["--config", "c.toml", "export", "--region", "331127", "--format", "json"])
        .current_dir(dir.path())
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_dir(home.join("exports-cpdash")).unwrap().count(), 1);
    assert!(!dir.path().join("~").exists());
    // A config that never ends.
    let (code, _, err) = cpdash(dir.path(), &["--config", "/dev/zero", "check"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "cpdash: config: /dev/zero: cannot be read: it is larger than 1 MB, the most cpdash reads");
    let (code, _, err) = cpdash(dir.path(), &["check", "/dev/zero"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next().unwrap(),
        "/dev/zero: cannot be read: it is larger than 2048 MB, the most cpdash reads"
    );
    let (_, _, err) = cpdash(dir.path(), &["--data", "/dev/null", "check"]);
    assert_eq!(err.lines().next().unwrap(), "/dev/null: the file is empty; expected a cpdash snapshot (JSON)");
}

#[test]
fn a_killed_writes_temporary_file_is_cleaned_up_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    // A temporary of a process that no longer exists (pid 1 is init and lives: use a dead pid).
    let dead = {
        let mut c = Command::new("true").spawn().unwrap();
        let pid = c.id();
        c.wait().unwrap();
        pid
    };
    let stale = dir.path().join(format!(".out.json.tmp-{dead}-abc123"));
    std::fs::write(&stale, "half").unwrap();
    cpdash::fsio::write_atomic(&dir.path().join("out.json"), b"{}", false).unwrap();
    assert!(!stale.exists());
}

#[test]
fn nothing_raw_from_the_command_line_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // clap quotes a bad value: a window-title, clipboard or clear-screen sequence is not sent.
    for bad in ["\u{1b}]0;pwned\u{7}", "x\u{1b}]52;c;aGVsbG8=\u{7}", "\u{1b}[2J"] {
        let (code, _, err) = cpdash(dir.path(), &["metrics", "--table", bad]);
        assert_eq!(code, 2);
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        let (_, _, err) = cpdash(dir.path(), &[bad]);
        assert!(!err.contains('\u{1b}'), "{err:?}");
        let (_, _, err) = cpdash(dir.path(), &["export", "--region", bad]);
        assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}"), "{err:?}");
    }
    // A written path with a line break or a bidi override prints as one escaped line.
    let (code, out, err) =
        cpdash(dir.path(), &["export", "--region", "331127", "--format", "csv", "--output", "a\nb\u{202e}.csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "a\\u{a}b\\u{202e}.csv\n");
    // --help and --version still print as they are.
    let (code, out, _) = cpdash(dir.path(), &["--version"]);
    assert_eq!((code, out.trim()), (0, concat!("cpdash ", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn a_full_standard_output_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["report 330000", "check", "config --default", "completions bash", "man", "--help"] {
        let (code, err) = sh(dir.path(), &format!("\"$CPDASH\" {cmd} > /dev/full"));
        assert_eq!(code, 1, "{cmd}: {err}");
        assert!(!err.contains("panicked"), "{cmd}: {err}");
        assert!(err.contains("writing to standard output: No space left on device"), "{cmd}: {err}");
    }
    // A standard output closed before start is said, not written to nothing with success; one
    // redirected to /dev/null is fine.
    let (code, err) = sh(dir.path(), "\"$CPDASH\" check >&-");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("standard output is closed"), "{err}");
    let (code, err) = sh(dir.path(), "\"$CPDASH\" check > /dev/null");
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn generate_writes_all_or_nothing_and_never_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "keep me").unwrap();
    std::fs::create_dir(dir.path().join("nat")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("nat/regions.csv")).unwrap();
    let (code, _, err) = cpdash(dir.path(), &["generate", "--out", "nat", "--force"]);
    assert_eq!(code, 1);
    assert!(err.contains("nat/regions.csv") && err.contains("link"), "{err}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    // Nothing of the set was put in place.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("nat"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["regions.csv"]);
    // A dangling link is not followed either.
    std::fs::create_dir(dir.path().join("dang")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.csv"), dir.path().join("dang/indicators.csv")).unwrap();
    let (code, _, _) = cpdash(dir.path(), &["generate", "--out", "dang"]);
    assert_eq!(code, 1);
    assert!(!dir.path().join("nowhere.csv").exists());
    // An unusable folder is said before anything is built.
    let (code, _, err) = cpdash(dir.path(), &["generate", "--out", "/dev/full"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("cpdash: --out /dev/full: "), "{err}");
}
