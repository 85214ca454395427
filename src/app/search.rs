//! Incremental region search by Chinese name, pinyin, English name or code.

use crate::model::region::RegionTree;
use crate::model::RegionId;

/// How well a region matches; lower is better.
fn score(tree: &RegionTree, id: RegionId, query: &str) -> Option<u32> {
    let r = tree.get(id);
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return None;
    }
    let pinyin = r.name_pinyin.replace([' ', '\''], "");
    let en = r.name_en.to_lowercase();
    let candidates: [(&str, u32); 5] = [(&r.code, 0), (&r.name_zh, 0), (r.short_name_zh(), 0), (&pinyin, 0), (&en, 1)];
    let mut best: Option<u32> = None;
    for (text, penalty) in candidates {
        let s = if text == q {
            Some(0)
        } else if text.starts_with(&q) {
            Some(1)
        } else if text.contains(&q) {
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

/// Regions matching `query`, best first (exact, then prefix, then substring; shallower regions
/// first on a tie), at most `limit`.
pub fn search(tree: &RegionTree, query: &str, limit: usize) -> Vec<RegionId> {
    let mut hits: Vec<(u32, u8, RegionId)> =
        tree.ids().filter_map(|id| score(tree, id, query).map(|s| (s, tree.get(id).depth, id))).collect();
    hits.sort();
    hits.into_iter().take(limit).map(|(_, _, id)| id).collect()
}
