//! Ranks among siblings: 1 is best, by the indicator's direction; ties share a rank and the next
//! rank is skipped (competition ranking: 1, 2, 2, 4).

use crate::model::indicator::Direction;

/// Ranks of `values` (None = no data, not ranked). Returns, for each position, its rank.
pub fn ranks(values: &[Option<f64>], direction: Direction) -> Vec<Option<usize>> {
    let s = direction.sign();
    let mut order: Vec<(f64, usize)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (v * s, i))).collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = vec![None; values.len()];
    for (pos, &(goodness, i)) in order.iter().enumerate() {
        let rank = match pos.checked_sub(1).map(|p| order[p]) {
            Some((prev, j)) if prev == goodness => out[j],
            _ => Some(pos + 1),
        };
        out[i] = rank;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking_with_ties_and_gaps() {
        let v = [Some(3.0), Some(5.0), None, Some(5.0), Some(1.0)];
        assert_eq!(ranks(&v, Direction::HigherBetter), [Some(3), Some(1), None, Some(1), Some(4)]);
        assert_eq!(ranks(&v, Direction::LowerBetter), [Some(2), Some(3), None, Some(3), Some(1)]);
    }
}
