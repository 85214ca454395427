//! The region hierarchy, keyed by GB/T 2260 codes.
//!
//! The tree is an arena: regions are addressed by a dense [`RegionId`] so that per-region data
//! can live in flat vectors. Nothing assumes Zhejiang or a fixed number of levels; depth comes
//! from the parent links.

use std::collections::HashMap;

use super::group::{Group, GroupIx};

/// At most this many groups in a data set (each adds metrics to every indicator).
pub const MAX_GROUPS: usize = 64;

/// Index of a region in its [`RegionTree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionId(pub u32);

impl RegionId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// GB/T 2260 code, e.g. `331127`.
    pub code: String,
    pub parent: Option<RegionId>,
    /// Level label as given by the data (`province`, `city`, `county`, ...).
    pub level: String,
    /// Kind as given by the data (`district`, `county_city`, `county`, `autonomous_county`, ...).
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub name_pinyin: String,
    /// Group tags such as `mountain26`; sorted, no duplicates.
    pub tags: Vec<String>,
    /// 0 for a root.
    pub depth: u8,
}

impl Region {
    /// The Chinese name without its administrative suffix (丽水市 → 丽水, 景宁畲族自治县 → 景宁),
    /// for compact labels and name matching.
    pub fn short_name_zh(&self) -> &str {
        short_name(&self.name_zh)
    }

    /// The pinyin without syllable breaks: `jingning`.
    pub fn pinyin_joined(&self) -> String {
        self.name_pinyin.chars().filter(|c| !matches!(c, ' ' | '\'')).collect()
    }

    /// The initials of the pinyin's syllables: `jn` for `jing ning`.
    pub fn pinyin_initials(&self) -> String {
        self.name_pinyin.split([' ', '\'']).filter_map(|s| s.chars().next()).collect()
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// An English name without its administrative suffix, lower-cased: `lishui` for `Lishui City`.
pub fn english_stem(name: &str) -> String {
    let s = name.trim().to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for suffix in [" she autonomous county", " autonomous county", " district", " county", " city", " province"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem.to_string();
        }
    }
    s
}

/// Strips the administrative suffix of a Chinese region name, keeping at least two characters.
pub fn short_name(name: &str) -> &str {
    const SUFFIXES: [&str; 9] = ["畲族自治县", "自治县", "新区", "省", "市", "区", "县", "旗", "州"];
    for suffix in SUFFIXES {
        if let Some(stem) = name.strip_suffix(suffix) {
            if stem.chars().count() >= 2 {
                return stem;
            }
        }
    }
    name
}

/// A region as read from a table, before the tree links parents.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRecord {
    pub code: String,
    pub parent_code: Option<String>,
    pub level: String,
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub name_pinyin: String,
}

/// Why a set of region records does not form a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeError {
    /// (code, index of first record, index of the duplicate)
    DuplicateCode(String, usize, usize),
    /// (record index, child code, missing parent code)
    MissingParent(usize, String, String),
    /// codes on the cycle
    Cycle(Vec<String>),
    /// No region at all.
    Empty,
    /// (record index, code, the first root's code): a tree has one top.
    SecondRoot(usize, String, String),
    /// (record index, level): not one of [`LEVELS`].
    UnknownLevel(usize, String),
    /// (record index, code, level, parent's level): a child must sit below its parent.
    LevelNotBelow(usize, String, String, String),
}

/// The administrative levels a region may have, from the top down (GB/T 2260 and below).
pub const LEVELS: [&str; 6] = ["nation", "province", "city", "county", "township", "village"];

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TreeError::DuplicateCode(code, _, _) => write!(f, "duplicate region code {code}"),
            TreeError::MissingParent(_, code, parent) => {
                write!(f, "region {code} names parent {parent}, which is not in the table")
            }
            TreeError::Cycle(codes) => {
                write!(f, "the region hierarchy has a cycle: {}", codes.join(" → "))
            }
            TreeError::Empty => write!(f, "the table has no regions"),
            TreeError::SecondRoot(_, code, first) => {
                write!(f, "region {code} has no parent, but {first} is already the top; a table has one top region")
            }
            TreeError::UnknownLevel(_, level) => {
                write!(f, "\"{level}\" is not a level (levels: {})", LEVELS.join(", "))
            }
            TreeError::LevelNotBelow(_, code, level, parent) => {
                write!(f, "region {code} is a {level} under a {parent}; a region's level must be below its parent's")
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RegionTree {
    regions: Vec<Region>,
    children: Vec<Vec<RegionId>>,
    by_code: HashMap<String, RegionId>,
    roots: Vec<RegionId>,
    /// What each tag stands for.
    groups: Vec<Group>,
}

impl RegionTree {
    /// Links records into a tree. Children keep the order of the records.
    pub fn build(records: Vec<RegionRecord>) -> Result<Self, TreeError> {
        if records.is_empty() {
            return Err(TreeError::Empty);
        }
        let rank = |level: &str| LEVELS.iter().position(|l| *l == level);
        for (i, r) in records.iter().enumerate() {
            if rank(&r.level).is_none() {
                return Err(TreeError::UnknownLevel(i, r.level.clone()));
            }
        }
        let mut by_code = HashMap::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            if let Some(prev) = by_code.insert(r.code.clone(), RegionId(i as u32)) {
                return Err(TreeError::DuplicateCode(r.code.clone(), prev.index(), i));
            }
        }
        if let Some(first) = records.iter().position(|r| r.parent_code.is_none()) {
            if let Some(i) = records.iter().skip(first + 1).position(|r| r.parent_code.is_none()) {
                let i = first + 1 + i;
                return Err(TreeError::SecondRoot(i, records[i].code.clone(), records[first].code.clone()));
            }
        }
        let mut parents = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            let parent = match &r.parent_code {
                None => None,
                Some(p) => match by_code.get(p) {
                    Some(id) => Some(*id),
                    None => return Err(TreeError::MissingParent(i, r.code.clone(), p.clone())),
                },
            };
            parents.push(parent);
        }
        // Depth by walking up; meeting a region already on the walk is a cycle.
        let n = records.len();
        let mut depth = vec![0u8; n];
        for (start, depth_of_start) in depth.iter_mut().enumerate() {
            let mut path = vec![start];
            let mut cur = start;
            while let Some(p) = parents[cur] {
                cur = p.index();
                if let Some(pos) = path.iter().position(|&i| i == cur) {
                    let mut cycle: Vec<String> = path[pos..].iter().map(|&i| records[i].code.clone()).collect();
                    cycle.push(records[cur].code.clone());
                    return Err(TreeError::Cycle(cycle));
                }
                path.push(cur);
            }
            *depth_of_start = (path.len() - 1).min(u8::MAX as usize) as u8;
        }
        for (i, p) in parents.iter().enumerate() {
            if let Some(p) = p {
                let (child, parent) = (&records[i], &records[p.index()]);
                if rank(&child.level) <= rank(&parent.level) {
                    return Err(TreeError::LevelNotBelow(
                        i,
                        child.code.clone(),
                        child.level.clone(),
                        parent.level.clone(),
                    ));
                }
            }
        }
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, p) in parents.iter().enumerate() {
            match p {
                Some(p) => children[p.index()].push(RegionId(i as u32)),
                None => roots.push(RegionId(i as u32)),
            }
        }
        let regions = records
            .into_iter()
            .zip(parents)
            .zip(depth)
            .map(|((r, parent), depth)| Region {
                code: r.code,
                parent,
                level: r.level,
                kind: r.kind,
                name_zh: r.name_zh,
                name_en: r.name_en,
                name_pinyin: r.name_pinyin,
                tags: Vec::new(),
                depth,
            })
            .collect();
        Ok(RegionTree { regions, children, by_code, roots, groups: Vec::new() })
    }

    /// Adds a tag to a region; unknown codes are the caller's to report. A tag not yet described
    /// by a group gets one from the tag alone (see [`Group::from_tag`]). Refused: a tag that is
    /// not a plain name (it becomes part of metric ids and column names) or one group too many.
    pub fn add_tag(&mut self, id: RegionId, tag: &str) -> Result<(), String> {
        if self.group(tag).is_none() {
            self.push_group(Group::from_tag(tag))?;
        }
        let tags = &mut self.regions[id.index()].tags;
        if let Err(pos) = tags.binary_search_by(|t| t.as_str().cmp(tag)) {
            tags.insert(pos, tag.to_string());
        }
        Ok(())
    }

    /// Describes a group (replacing what its tag alone gave).
    pub fn set_group(&mut self, group: Group) -> Result<(), String> {
        match self.groups.iter_mut().find(|g| g.tag == group.tag) {
            Some(g) => *g = group,
            None => self.push_group(group)?,
        }
        Ok(())
    }

    fn push_group(&mut self, group: Group) -> Result<(), String> {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if group.tag.is_empty() || group.tag.len() > 32 || !group.tag.chars().all(plain) {
            return Err(format!("tag {:?} is not a name of at most 32 ASCII letters, digits and _", group.tag));
        }
        if self.groups.len() >= MAX_GROUPS {
            return Err(format!("more than {MAX_GROUPS} groups: each is compared on every indicator"));
        }
        self.groups.push(group);
        Ok(())
    }

    /// The groups, in the order they were described.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// A group by its place in [`RegionTree::groups`].
    pub fn group_at(&self, ix: GroupIx) -> &Group {
        &self.groups[usize::from(ix.0)]
    }

    /// The groups with their places, in order (at most [`MAX_GROUPS`], so a place fits).
    pub fn groups_indexed(&self) -> impl Iterator<Item = (GroupIx, &Group)> {
        self.groups.iter().enumerate().map(|(i, g)| (GroupIx(i as u16), g))
    }

    pub fn group(&self, tag: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.tag == tag)
    }

    /// The groups a region is in that apply in `year`.
    pub fn groups_of(&self, id: RegionId, year: i32) -> impl Iterator<Item = &Group> {
        let tags = &self.regions[id.index()].tags;
        self.groups.iter().filter(move |g| g.applies_in(year) && tags.contains(&g.tag))
    }

    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    pub fn get(&self, id: RegionId) -> &Region {
        &self.regions[id.index()]
    }

    pub fn by_code(&self, code: &str) -> Option<RegionId> {
        self.by_code.get(code).copied()
    }

    pub fn ids(&self) -> impl ExactSizeIterator<Item = RegionId> + '_ {
        (0..self.regions.len() as u32).map(RegionId)
    }

    pub fn iter(&self) -> impl Iterator<Item = (RegionId, &Region)> {
        self.regions.iter().enumerate().map(|(i, r)| (RegionId(i as u32), r))
    }

    pub fn roots(&self) -> &[RegionId] {
        &self.roots
    }

    pub fn children(&self, id: RegionId) -> &[RegionId] {
        &self.children[id.index()]
    }

    pub fn parent(&self, id: RegionId) -> Option<RegionId> {
        self.regions[id.index()].parent
    }

    /// The chain from the root down to `id`, both included.
    pub fn ancestry(&self, id: RegionId) -> Vec<RegionId> {
        let mut chain = vec![id];
        let mut cur = id;
        while let Some(p) = self.parent(cur) {
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        chain
    }

    /// The ancestor of `id` at `depth` (`id` itself at its own depth), without allocating.
    pub fn ancestor_at_depth(&self, id: RegionId, depth: u8) -> Option<RegionId> {
        let mut cur = id;
        loop {
            let r = self.get(cur);
            if r.depth == depth {
                return Some(cur);
            }
            if r.depth < depth {
                return None;
            }
            cur = r.parent?;
        }
    }

    /// All descendants of `id` (not `id` itself), depth first in record order.
    pub fn descendants(&self, id: RegionId) -> Vec<RegionId> {
        let mut out = Vec::new();
        let mut stack: Vec<RegionId> = self.children(id).iter().rev().copied().collect();
        while let Some(r) = stack.pop() {
            out.push(r);
            stack.extend(self.children(r).iter().rev().copied());
        }
        out
    }

    /// Descendants of `id` that have no children: the finest units under it (counties).
    pub fn leaves_under(&self, id: RegionId) -> Vec<RegionId> {
        self.descendants(id).into_iter().filter(|r| self.children(*r).is_empty()).collect()
    }

    /// Descendants of `id` whose level label is `level`.
    pub fn descendants_at_level(&self, id: RegionId, level: &str) -> Vec<RegionId> {
        self.descendants(id).into_iter().filter(|r| self.get(*r).level == level).collect()
    }

    /// The distinct level labels, ordered by depth.
    pub fn levels(&self) -> Vec<String> {
        let mut levels: Vec<(u8, String)> = Vec::new();
        for r in &self.regions {
            if !levels.iter().any(|(_, l)| *l == r.level) {
                levels.push((r.depth, r.level.clone()));
            }
        }
        levels.sort();
        levels.into_iter().map(|(_, l)| l).collect()
    }

    /// The region a user means by `query`: a code, or a Chinese name (with or without its
    /// suffix), pinyin or English name, ignoring case. Errors say why: no match (with close
    /// names), or several (listed).
    pub fn resolve(&self, query: &str) -> Result<RegionId, String> {
        let q = query.trim();
        if let Some(id) = self.by_code(q) {
            return Ok(id);
        }
        let lower = q.to_lowercase();
        let joined: String = lower.chars().filter(|c| !matches!(c, ' ' | '\'')).collect();
        let hits: Vec<RegionId> = self
            .iter()
            .filter(|(_, r)| {
                r.name_zh == q
                    || r.short_name_zh() == q
                    || r.pinyin_joined() == joined
                    || r.name_en.to_lowercase() == lower
                    || english_stem(&r.name_en) == english_stem(&lower)
            })
            .map(|(id, _)| id)
            .collect();
        match hits.len() {
            1 => Ok(hits[0]),
            0 => {
                let close: Vec<String> = self
                    .iter()
                    .filter(|(_, r)| {
                        r.name_zh.contains(q)
                            || r.pinyin_joined().starts_with(&joined)
                            || r.name_en.to_lowercase().starts_with(&lower)
                    })
                    .take(5)
                    .map(|(_, r)| format!("{} {}", r.code, r.name_zh))
                    .collect();
                let hint = if close.is_empty() { String::new() } else { format!("; close: {}", close.join(", ")) };
                Err(format!("no region is called \"{q}\"{hint}"))
            }
            _ => {
                let all: Vec<String> =
                    hits.iter().map(|id| format!("{} {}", self.get(*id).code, self.get(*id).name_zh)).collect();
                Err(format!("\"{q}\" is ambiguous: {}; give the code", all.join(", ")))
            }
        }
    }

    /// Siblings of `id` (the children of its parent, `id` included), or the roots.
    pub fn siblings(&self, id: RegionId) -> &[RegionId] {
        match self.parent(id) {
            Some(p) => self.children(p),
            None => &self.roots,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(code: &str, parent: Option<&str>, level: &str) -> RegionRecord {
        RegionRecord {
            code: code.into(),
            parent_code: parent.map(Into::into),
            level: level.into(),
            kind: level.into(),
            name_zh: format!("地{code}"),
            name_en: code.into(),
            name_pinyin: code.into(),
        }
    }

    #[test]
    fn builds_three_levels_with_depth_and_children() {
        let t = RegionTree::build(vec![
            rec("330000", None, "province"),
            rec("331100", Some("330000"), "city"),
            rec("331127", Some("331100"), "county"),
            rec("331102", Some("331100"), "county"),
        ])
        .unwrap();
        let jn = t.by_code("331127").unwrap();
        assert_eq!(t.get(jn).depth, 2);
        let lishui = t.by_code("331100").unwrap();
        let kids: Vec<_> = t.children(lishui).iter().map(|c| t.get(*c).code.as_str()).collect();
        assert_eq!(kids, ["331127", "331102"]);
        let chain: Vec<_> = t.ancestry(jn).iter().map(|c| t.get(*c).code.clone()).collect();
        assert_eq!(chain, ["330000", "331100", "331127"]);
        assert_eq!(t.levels(), ["province", "city", "county"]);
        assert_eq!(t.leaves_under(t.roots()[0]).len(), 2);
    }

    #[test]
    fn rejects_duplicates_missing_parents_and_cycles() {
        let dup = RegionTree::build(vec![rec("1", None, "city"), rec("1", None, "city")]).unwrap_err();
        assert_eq!(dup, TreeError::DuplicateCode("1".into(), 0, 1));
        let orphan = RegionTree::build(vec![rec("2", Some("9"), "city")]).unwrap_err();
        assert_eq!(orphan.to_string(), "region 2 names parent 9, which is not in the table");
        let cycle = RegionTree::build(vec![rec("1", Some("2"), "city"), rec("2", Some("1"), "city")]).unwrap_err();
        assert!(matches!(cycle, TreeError::Cycle(_)), "{cycle:?}");
        assert!(cycle.to_string().starts_with("the region hierarchy has a cycle: "));
    }

    #[test]
    fn rejects_an_empty_table_a_second_top_and_levels_out_of_order() {
        assert_eq!(RegionTree::build(Vec::new()).unwrap_err(), TreeError::Empty);
        let two = RegionTree::build(vec![rec("1", None, "province"), rec("2", None, "province")]).unwrap_err();
        assert_eq!(two.to_string(), "region 2 has no parent, but 1 is already the top; a table has one top region");
        let odd = RegionTree::build(vec![rec("1", None, "banana")]).unwrap_err();
        assert_eq!(odd, TreeError::UnknownLevel(0, "banana".into()));
        // A county with a county under it, or a city under a county.
        let inverted = RegionTree::build(vec![
            rec("1", None, "province"),
            rec("2", Some("1"), "county"),
            rec("3", Some("2"), "city"),
        ])
        .unwrap_err();
        assert_eq!(
            inverted.to_string(),
            "region 3 is a city under a county; a region's level must be below its parent's"
        );
    }

    #[test]
    fn short_names_drop_the_suffix() {
        assert_eq!(short_name("景宁畲族自治县"), "景宁");
        assert_eq!(short_name("丽水市"), "丽水");
        assert_eq!(short_name("莲都区"), "莲都");
        assert_eq!(short_name("浙江省"), "浙江");
        assert_eq!(short_name("县城"), "县城");
    }
}
