//! The `cpdash` command line.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::process::ExitCode;

use clap::Parser;

use cpdash::cli::output::say;
use cpdash::cli::{run, Cli};

fn main() -> ExitCode {
    // A closed pipe (`cpdash report … | head`) ends the program quietly, as it ends `cat`,
    // instead of a panic in print!.
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cpdash: {}", cpdash::fit::printable(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

/// A command-line error, or `--help`/`--version`: clap quotes a bad argument as typed, so the
/// text is printed with its control and format characters escaped (an ESC in an argument
/// never reaches the terminal), without colour.
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = e.render().to_string();
    let safe: Vec<String> = text.lines().map(|l| cpdash::fit::printable(l).into_owned()).collect();
    let safe = safe.join("\n");
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return match say(format_args!("{safe}\n")) {
            Ok(()) => ExitCode::from(code),
            Err(err) => {
                eprintln!("cpdash: {err:#}");
                ExitCode::from(1)
            }
        };
    }
    eprintln!("{safe}");
    ExitCode::from(code)
}
