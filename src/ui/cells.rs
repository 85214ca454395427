//! Cell texts shared by the widgets: a value with its unit, a status, a rank.

use ratatui::text::Span;

use super::text::{number, number_trim};
use super::Theme;
use crate::metrics::report::IndicatorRow;
use crate::model::indicator::unit_label;

/// The value, or "—" when missing.
pub fn value(row: &IndicatorRow, unit: &str) -> String {
    row.value().map_or_else(|| "—".to_string(), |v| number(v, unit))
}

/// Value with its unit label: "58,210 元".
pub fn value_with_unit(v: Option<f64>, unit: &str, english: bool) -> String {
    match v {
        None => "—".into(),
        Some(v) => {
            let u = unit_label(unit, english);
            if u.is_empty() || u == "%" {
                format!("{}{u}", number(v, unit))
            } else {
                format!("{} {u}", number(v, unit))
            }
        }
    }
}

/// A target as a sentence gives it: "130,000", "76%" (a percentage keeps its sign, since the
/// value beside it has one).
pub fn target(t: f64, unit: &str) -> String {
    let n = number_trim(t, unit);
    if unit == "percent" {
        n + "%"
    } else {
        n
    }
}

/// The status as symbol plus the gap as % of the target: "◑ 14.9%" (still to go), "● met"; empty
/// without a target.
pub fn status_short(row: &IndicatorRow, theme: &Theme, english: bool) -> Span<'static> {
    match (&row.target, row.value()) {
        (Some(t), _) if t.gap <= 0.0 => Span::styled(
            format!("{} {}", t.status.symbol(), if english { "met" } else { "达标" }),
            theme.status(t.status),
        ),
        (Some(t), _) => Span::styled(format!("{} {:.1}%", t.status.symbol(), t.gap_pct), theme.status(t.status)),
        (None, None) => Span::styled(if english { "no data" } else { "无数据" }, theme.missing()),
        (None, Some(_)) => Span::raw(""),
    }
}

/// "3/11" or "–".
pub fn rank(row: &IndicatorRow) -> String {
    row.rank.as_ref().map_or_else(|| "–".into(), |r| r.rank.to_string())
}
