//! Year spans as the command line gives them.

use std::ops::RangeInclusive;

/// A year range as `--years` gives it: `2019-2024`, `2023`, or `all` (every year of the data
/// set); `Err` says why not.
pub fn parse_years(s: &str, data: RangeInclusive<i32>) -> Result<RangeInclusive<i32>, String> {
    let s = s.trim();
    if s == "all" {
        return Ok(data);
    }
    let year =
        |t: &str| t.trim().parse::<i32>().map_err(|_| format!("\"{t}\" is not a year (e.g. 2019-2024, 2023 or all)"));
    let (a, b) = match s.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(s)?, year(s)?),
    };
    if a > b {
        return Err(format!("{a}-{b} runs backwards"));
    }
    if b < *data.start() || a > *data.end() {
        return Err(format!("the data has no year in {a}-{b} (it covers {}-{})", data.start(), data.end()));
    }
    Ok(a.max(*data.start())..=b.min(*data.end()))
}
