//! `cpdash` without a command: the dashboard, in the terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{anyhow, Result};

use super::ctx::Ctx;

pub fn run(ctx: &Ctx) -> Result<ExitCode> {
    let ds = ctx.dataset()?;
    let config = &ctx.config;
    let env = |k: &str| std::env::var(k).ok();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(anyhow!(
            "the dashboard needs a terminal for its input and output; for the figures as text use `cpdash report REGION`"
        ));
    }
    if env("TERM").as_deref() == Some("dumb") {
        return Err(anyhow!(
            "TERM=dumb: this terminal cannot place the cursor, which the dashboard needs; for the figures as text use `cpdash report REGION`"
        ));
    }
    if ds.n_observations() == 0 {
        return Err(anyhow!("the data set has no observations: nothing to show (`cpdash check` says what it holds)"));
    }
    // Colour unless the config says mono or `NO_COLOR` is set (to anything non-empty), at the
    // depth the terminal announces.
    let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = config.ui_theme(env("TERM").as_deref(), env("COLORTERM").as_deref(), no_color);
    let app = crate::app::App::new(ds, config.settings());
    let status = crate::terminal::run(app, theme)?;
    Ok(ExitCode::from(u8::try_from(status).unwrap_or(1)))
}
