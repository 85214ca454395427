//! Incremental region search by Chinese name, pinyin (with or without spaces, or by initials),
//! English name (with or without "City", "County", "District") or code.

/// The longest query the search box and the table filter take (the longest region name is far
/// shorter).
pub const MAX_QUERY: usize = 64;

use crate::model::region::{english_stem, RegionTree};
use crate::model::RegionId;

/// How well a region matches; lower is better.
fn score(tree: &RegionTree, id: RegionId, query: &str) -> Option<u32> {
    let r = tree.get(id);
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return None;
    }
    let q_joined: String = q.chars().filter(|c| !matches!(c, ' ' | '\'')).collect();
    let q_en = english_stem(&q);
    let (pinyin, initials) = (r.pinyin_joined(), r.pinyin_initials());
    let (en, en_stem) = (r.name_en.to_lowercase(), english_stem(&r.name_en));
    // (candidate, query, penalty): a Chinese name, code or pinyin beats the English name, and
    // initials count only when they are the whole query (two letters match too much otherwise).
    let candidates: [(&str, &str, u32); 7] = [
        (&r.code, &q, 0),
        (&r.name_zh, &q, 0),
        (r.short_name_zh(), &q, 0),
        (&pinyin, &q_joined, 0),
        (&en, &q, 1),
        (&en_stem, &q_en, 1),
        (&initials, &q_joined, 1),
    ];
    let mut best: Option<u32> = None;
    for (i, (text, q, penalty)) in candidates.into_iter().enumerate() {
        let initials = i == 6;
        let s = if text == q {
            Some(0)
        } else if !initials && text.starts_with(q) {
            Some(1)
        } else if !initials && text.contains(q) {
            Some(2)
        } else {
            None
        };
        if let Some(s) = s {
            let s = s * 2 + penalty;
            best = Some(best.map_or(s, |b: u32| b.min(s)));
        }
    }
    best
}

/// Whether a region matches `query` (the table's filter).
pub fn matches(tree: &RegionTree, id: RegionId, query: &str) -> bool {
    score(tree, id, query).is_some()
}

/// Regions matching `query`, best first (exact, then prefix, then substring; shallower regions
/// first on a tie).
pub fn search(tree: &RegionTree, query: &str) -> Vec<RegionId> {
    let mut hits: Vec<(u32, u8, RegionId)> =
        tree.ids().filter_map(|id| score(tree, id, query).map(|s| (s, tree.get(id).depth, id))).collect();
    hits.sort();
    hits.into_iter().map(|(_, _, id)| id).collect()
}
