//! Progress on stderr for long work, only when stderr is a terminal (nothing in CI or a pipe).

use std::io::IsTerminal;

pub struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    pub fn new(what: &str) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        Bar(Some(bar))
    }

    pub fn set(&mut self, done: usize, of: usize) {
        if let Some(b) = &self.0 {
            b.set_length(of as u64);
            b.set_position(done as u64);
        }
    }

    /// A spinner with the stage of work under way (work with no count to show).
    pub fn spinner(what: &str) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Bar(Some(bar))
    }

    pub fn stage(&self, what: &str) {
        if let Some(b) = &self.0 {
            b.set_message(what.to_string());
        }
    }

    pub fn finish(self) {
        if let Some(b) = self.0 {
            b.finish_and_clear();
        }
    }
}
