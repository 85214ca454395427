//! Cell texts shared by the widgets: a value with its unit, a status, a rank.

use ratatui::text::Span;

use super::theme::Theme;
use crate::metrics::report::IndicatorRow;
use crate::model::Unit;
use crate::number::{number, number_trim, number_vs};
use crate::strings::{Lang, BREAK_MARK};

/// The value, or "—" when missing; with the decimals that tell it apart from its target.
pub fn value(row: &IndicatorRow, unit: Unit) -> String {
    value_then(row, unit, "")
}

/// The value with `suffix` (a `%` where the column has no unit) before the break mark.
pub fn value_then(row: &IndicatorRow, unit: Unit, suffix: &str) -> String {
    row.value().map_or_else(
        || "—".to_string(),
        |v| format!("{}{suffix}{}", number_vs(v, target_of(row), unit), break_mark(row)),
    )
}

/// [`BREAK_MARK`] after a value of the first year on a new basis (a series break in its year),
/// so the eye does not compare it with the year before; the detail line says why, and that
/// trends start there. Later years on the same basis are not marked (a census rebasing would
/// otherwise mark every value since).
pub fn break_mark(row: &IndicatorRow) -> &'static str {
    if row.basis_from == Some(row.year) && row.value().is_some() {
        BREAK_MARK
    } else {
        ""
    }
}

/// The value, or for a year without one the latest earlier value marked as older:
/// "— (2020: 79.2)". Only shown: the year's metrics never use it.
pub fn value_or_stale(row: &IndicatorRow, unit: Unit, lang: Lang) -> String {
    match (row.value(), row.stale) {
        (None, Some((y, v))) => lang.stale(y, &number(v, unit)),
        _ => value(row, unit),
    }
}

/// [`value_or_stale`] in at most `w` cells: the older value drops its dash, then its brackets
/// ("2020: 79.2"), then goes ("—").
pub fn value_or_stale_fit(row: &IndicatorRow, unit: Unit, lang: Lang, w: usize) -> String {
    let full = value_or_stale(row, unit, lang);
    match row.stale.filter(|_| row.value().is_none() && crate::fit::width(&full) > w) {
        Some((y, v)) => {
            let short = format!("{y}: {}", number(v, unit));
            if crate::fit::width(&short) <= w {
                short
            } else {
                "—".into()
            }
        }
        None => full,
    }
}

/// The target a value is shown against.
fn target_of(row: &IndicatorRow) -> Option<f64> {
    row.applicable_target.map(|(t, _)| t)
}

/// Value with its unit label: "58,210 元" (or the latest earlier value, marked as older).
pub fn value_with_unit(row: &IndicatorRow, unit: Unit, lang: Lang) -> String {
    match row.value() {
        None => value_or_stale(row, unit, lang),
        Some(v) => {
            let u = lang.unit(unit);
            let n = number_vs(v, target_of(row), unit);
            let mark = break_mark(row);
            if u.is_empty() || u == "%" {
                format!("{n}{u}{mark}")
            } else {
                format!("{n} {u}{mark}")
            }
        }
    }
}

/// A target as a sentence gives it: "130,000", "76%" (a percentage keeps its sign, since the
/// value beside it has one).
pub fn target(t: f64, unit: Unit) -> String {
    let n = number_trim(t, unit);
    if unit == Unit::Percent {
        n + "%"
    } else {
        n
    }
}

/// The status as symbol plus the gap as % of the target: "◑ 14.9%" (still to go), "● met"; empty
/// without a target.
pub fn status_short(row: &IndicatorRow, theme: &Theme, lang: Lang) -> Span<'static> {
    let w = lang.words();
    match (&row.target, row.value()) {
        (Some(t), _) if t.gap <= 0.0 => {
            Span::styled(format!("{} {}", t.status.symbol(), w.met), theme.status(t.status))
        }
        // A gap too small for one decimal is still a gap: "<0.1%", never "0.0%" beside a status
        // that is not met.
        (Some(t), _) if t.gap_pct < 0.05 => {
            Span::styled(format!("{} <0.1%", t.status.symbol()), theme.status(t.status))
        }
        (Some(t), _) => Span::styled(format!("{} {:.1}%", t.status.symbol(), t.gap_pct), theme.status(t.status)),
        (None, None) => Span::styled(w.no_data, theme.missing()),
        (None, Some(_)) => Span::raw(""),
    }
}

/// A max/min metric in words, with the regions' names in the display language.
pub fn max_min(app: &crate::app::App, m: &crate::metrics::Metric) -> String {
    let ratio = m.value.map_or_else(|| "—".to_string(), |v| crate::number::number(v, Unit::Ratio));
    let name = |r| app.lang().region(app.ds.regions.get(r));
    app.lang().max_min(&ratio, m.extremes().map(|x| (name(x.max.0), name(x.min.0))), m.used, m.of)
}

/// "3" or "–".
pub fn rank(row: &IndicatorRow) -> String {
    row.rank.as_ref().map_or_else(|| "–".into(), |r| r.rank.to_string())
}

/// The inputs a value lacks, as the user sees them: the indicator, with the region where it is
/// not `focus`; at most `max`, then "+n".
pub fn missing_names(
    app: &crate::app::App,
    missing: &[crate::model::dataset::Input],
    focus: crate::model::RegionId,
    max: usize,
) -> String {
    let lang = app.lang();
    let names: Vec<String> = missing
        .iter()
        .take(max)
        .map(|i| {
            let ind = lang.indicator(app.ds.catalog.get(i.indicator));
            match i.region == focus {
                true => ind.to_string(),
                false => format!("{ind} ({})", lang.region(app.ds.regions.get(i.region))),
            }
        })
        .collect();
    let more = match missing.len().checked_sub(max) {
        Some(n) if n > 0 => format!(" +{n}"),
        _ => String::new(),
    };
    format!("{}{more}", names.join(lang.words().list_sep))
}
