//! Text helpers of the widgets: the fitting functions (from [`crate::fit`]) and sparklines.

pub use crate::fit::{pad, pad_left, truncate, width};

/// A sparkline of the series in block characters; `·` marks a missing year.
pub fn sparkline(series: &[(i32, Option<f64>)]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let vals: Vec<f64> = series.iter().filter_map(|(_, v)| *v).collect();
    let (lo, hi) = vals.iter().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    series
        .iter()
        .map(|(_, v)| match v {
            None => '·',
            Some(v) if hi > lo => BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize],
            Some(_) => BARS[3],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_marks_missing_years() {
        assert_eq!(sparkline(&[(1, Some(1.0)), (2, None), (3, Some(2.0))]), "▁·█");
    }
}
