//! Numbers as people read them: thousands separators, the unit's decimals, trailing zeros trimmed
//! where a target is quoted. Shared by the screen and the exports, so both print a value alike.

use crate::model::Unit;

/// A number with thousands separators and the unit's decimals: 58,210 · 1.86 · 606.4.
pub fn number(v: f64, unit: Unit) -> String {
    fixed(v, unit.decimals())
}

/// A number with thousands separators and `decimals` decimals. A non-finite result (which the
/// metrics never give, but a division by zero could) shows as "n/a", never "NaN" or "inf"; -0
/// as 0.
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let v = if v == 0.0 { 0.0 } else { v };
    let s = format!("{v:.decimals$}");
    // A value that rounds to zero keeps no sign: -0.0001 at two decimals is 0.00.
    let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') { s[1..].to_string() } else { s };
    group(&s)
}

/// As [`number`], with as many more decimals (up to 6) as it takes not to read as equal to
/// `target` when it is not: 1.897 and 1.901 against a target of 1.9, where two decimals would show
/// 1.90 for both, one side of the target each.
pub fn number_vs(v: f64, target: Option<f64>, unit: Unit) -> String {
    let mut d = unit.decimals();
    if let Some(t) = target.filter(|t| *t != v) {
        while d < 6 && format!("{v:.d$}") == format!("{t:.d$}") {
            d += 1;
        }
    }
    fixed(v, d)
}

/// A range of values as a legend shows it, "24.5–26.4"; one number where both ends print the
/// same (a class of one value never reads "24.5–24.5").
pub fn range_trim(lo: f64, hi: f64, unit: Unit) -> String {
    let (a, b) = (number_trim(lo, unit), number_trim(hi, unit));
    if a == b {
        a
    } else {
        format!("{a}–{b}")
    }
}

/// As [`number`], without trailing zeros after the decimal point (for targets: 76, 1.9).
pub fn number_trim(v: f64, unit: Unit) -> String {
    trim_zeros(number(v, unit))
}

fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Inserts thousands separators into a formatted number.
pub fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A rate of change in a sentence: three significant digits (+49.9 a year, not +49.9075), whole
/// numbers grouped from 10,000.
pub fn pace(v: f64) -> String {
    if !v.is_finite() || v == 0.0 || v.abs() >= 100.0 {
        return plain(v);
    }
    let decimals = (2 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
    trim_zeros(format!("{v:.decimals$}"))
}

/// A number in a sentence: no trailing zeros, at most 4 decimals below 100, whole above;
/// thousands separated from 10,000 (as the tables print them).
pub fn plain(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let s = if v.abs() >= 100.0 { format!("{v:.0}") } else { format!("{v:.4}") };
    if s.contains('.') {
        return trim_zeros(s);
    }
    let digits = s.trim_start_matches('-');
    if digits.len() < 5 {
        s
    } else {
        group(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pace_has_three_significant_digits() {
        assert_eq!(pace(49.9075), "49.9");
        assert_eq!(pace(-0.0123456), "-0.0123");
        assert_eq!(pace(1.5), "1.5");
        assert_eq!(pace(12345.6), "12,346");
        assert_eq!(pace(0.05), "0.05");
    }

    #[test]
    fn formats_numbers_by_unit() {
        assert_eq!(number(58210.0, Unit::Yuan), "58,210");
        assert_eq!(number(1.8605, Unit::Ratio), "1.86");
        assert_eq!(number(606.4, Unit::HundredMillionYuan), "606.4");
        assert_eq!(number(-1234567.0, Unit::Yuan), "-1,234,567");
        assert_eq!(number_trim(76.0, Unit::Percent), "76");
        assert_eq!(number_trim(1.9, Unit::Ratio), "1.9");
        assert_eq!(number_vs(1.8972, Some(1.9), Unit::Ratio), "1.897");
        assert_eq!(number_vs(1.9014, Some(1.9), Unit::Ratio), "1.901");
        assert_eq!(number_vs(1.86, Some(1.9), Unit::Ratio), "1.86");
        assert_eq!(number_vs(1.9, Some(1.9), Unit::Ratio), "1.90");
        assert_eq!(number_vs(74_999.6, Some(75_000.0), Unit::Yuan), "74,999.6");
        assert_eq!(plain(130000.0), "130,000");
        assert_eq!(number(f64::NAN, Unit::Ratio), "n/a");
        assert_eq!(number(f64::INFINITY, Unit::Yuan), "n/a");
        assert_eq!(number(-0.0, Unit::Yuan), "0");
        assert_eq!(number(-0.001, Unit::Ratio), "0.00");
        assert_eq!(plain(f64::NEG_INFINITY), "n/a");
        assert_eq!(plain(1.9), "1.9");
        assert_eq!(plain(-2345.6), "-2346");
        assert_eq!(plain(-23456.0), "-23,456");
    }
}
