//! Values of the command line that clap parses with cpdash's own words.

use crate::model::Area;

/// `--area` of the metrics table: an area, or `context`.
pub fn area_or_context(s: &str) -> Result<Area, String> {
    Area::parse(s).ok_or_else(|| unknown_area(s, true))
}

/// `--area` of an export: one of the six areas.
pub fn area(s: &str) -> Result<Area, String> {
    Area::parse(s).filter(|a| *a != Area::Context).ok_or_else(|| unknown_area(s, false))
}

fn unknown_area(s: &str, context: bool) -> String {
    let mut keys: Vec<&str> = Area::SIX.iter().map(|a| a.key()).collect();
    if context {
        keys.push(Area::Context.key());
    }
    format!("unknown area \"{}\" ({})", crate::fit::printable(s), keys.join(", "))
}
