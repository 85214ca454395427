//! The table of every region of one level under a region (`c`): all 90 counties of the
//! province in one list, sortable by any column, filtered as you type, by group and by parent.
//! The columns are kept once, in [`COLUMNS`]; the state is [`TableNav`], the rows are computed
//! into [`Listing`] by [`Listing::build`] and only re-ordered when the sort or filters change.

use std::cmp::Ordering;

use super::search;
use crate::metrics::report::{rows_among, IndicatorRow};
use crate::metrics::TrendKind;
use crate::model::{Dataset, Direction, IndicatorId, RegionId};

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Parent,
    Groups,
    Value,
    /// Status and the gap to the target in % of it.
    Status,
    /// Rank in the whole table (not only among the listed rows).
    Rank,
    /// Change against the year before.
    Change,
    Trend,
    /// The year the target is reached at the current pace.
    Reach,
}

/// One column: its width in cells and its priority on a narrow screen (lower shows first; the
/// name is always shown, at the left).
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub column: Column,
    /// Its key (headings come from [`crate::strings::Lang::column`]).
    pub key: &'static str,
    pub width: u16,
    pub priority: u8,
    /// Right-aligned (numbers).
    pub right: bool,
}

/// The columns, in display order.
pub const COLUMNS: [ColumnSpec; 9] = [
    ColumnSpec { column: Column::Name, key: "name", width: 16, priority: 0, right: false },
    ColumnSpec { column: Column::Parent, key: "parent", width: 8, priority: 4, right: false },
    ColumnSpec { column: Column::Groups, key: "groups", width: 5, priority: 5, right: false },
    ColumnSpec { column: Column::Value, key: "value", width: 11, priority: 1, right: true },
    ColumnSpec { column: Column::Status, key: "status", width: 10, priority: 2, right: false },
    ColumnSpec { column: Column::Rank, key: "rank", width: 8, priority: 3, right: true },
    ColumnSpec { column: Column::Change, key: "change", width: 10, priority: 6, right: true },
    ColumnSpec { column: Column::Trend, key: "trend", width: 3, priority: 7, right: false },
    ColumnSpec { column: Column::Reach, key: "reach", width: 11, priority: 8, right: false },
];

impl Column {
    pub fn spec(self) -> &'static ColumnSpec {
        // COLUMNS has one row per variant, in variant order (a unit test checks it).
        &COLUMNS[self as usize]
    }

    /// The next column in display order (for the sort key), wrapping.
    pub fn next(self) -> Column {
        COLUMNS[(self as usize + 1) % COLUMNS.len()].column
    }
}

/// The columns that fit in `width` cells, in display order, with `skip` columns after the name
/// scrolled out of view: filled by priority, one space between columns.
pub fn visible_columns(width: u16, skip: usize) -> Vec<Column> {
    let scrollable: Vec<&ColumnSpec> = COLUMNS.iter().skip(1).skip(skip).collect();
    let mut by_priority = scrollable.clone();
    by_priority.sort_by_key(|c| c.priority);
    let mut used = COLUMNS[0].width;
    let mut shown = vec![Column::Name];
    for c in by_priority {
        if used + 1 + c.width <= width {
            used += 1 + c.width;
            shown.push(c.column);
        }
    }
    shown.sort_by_key(|c| *c as usize);
    shown
}

/// Which level the table lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    /// Every region without children under the scope (counties, however deep the tree).
    Leaves,
    /// Every region with this level label (`city`, `county`).
    Named(String),
}

/// The table's state: what it lists and how.
#[derive(Debug, Clone, PartialEq)]
pub struct TableNav {
    /// The region whose descendants are listed (the focus when the table opened).
    pub scope: RegionId,
    pub level: Level,
    pub sort: Column,
    pub reverse: bool,
    /// The filter text (name, pinyin, English or code), and whether keys type into it.
    pub filter: String,
    pub typing: bool,
    /// Only the members of this group (tag).
    pub group: Option<String>,
    /// Only the children of this region.
    pub parent: Option<RegionId>,
    /// Index into the listed rows.
    pub cursor: usize,
    /// Columns after the name scrolled out of view.
    pub skip: usize,
    /// Indicators added as columns beside the current one ([`MAX_EXTRA`] at most).
    pub extra: Vec<IndicatorId>,
    /// Sorted by an added indicator's value (its index in `extra`) instead of `sort`.
    pub sort_extra: Option<usize>,
}

/// How many indicators can be added as columns.
pub const MAX_EXTRA: usize = 4;

/// The width of an added indicator's column.
pub const EXTRA_WIDTH: u16 = 12;

impl TableNav {
    /// A table of the leaves under `scope`, sorted furthest from the target first when the
    /// indicator has one, else best first.
    pub fn new(scope: RegionId, has_target: bool) -> TableNav {
        TableNav {
            scope,
            level: Level::Leaves,
            sort: if has_target { Column::Status } else { Column::Value },
            reverse: false,
            filter: String::new(),
            typing: false,
            group: None,
            parent: None,
            cursor: 0,
            skip: 0,
            extra: Vec::new(),
            sort_extra: None,
        }
    }
}

/// The levels the table can list under `scope`: the leaves, then each level label found among
/// the descendants, shallow first (the leaves' own label is not repeated when every leaf has it).
pub fn levels_under(ds: &Dataset, scope: RegionId) -> Vec<Level> {
    let tree = &ds.regions;
    let descendants = tree.descendants(scope);
    let mut labels: Vec<(u8, &str)> = Vec::new();
    for r in &descendants {
        let reg = tree.get(*r);
        if !labels.iter().any(|(_, l)| *l == reg.level) {
            labels.push((reg.depth, &reg.level));
        }
    }
    labels.sort();
    let leaves_all_one_label = {
        let mut leaf_labels = descendants.iter().filter(|r| tree.children(**r).is_empty()).map(|r| &tree.get(*r).level);
        let first = leaf_labels.next();
        first.map(|f| leaf_labels.all(|l| l == f).then(|| f.clone()))
    };
    let mut out = vec![Level::Leaves];
    for (_, l) in labels {
        if leaves_all_one_label.as_ref().and_then(|x| x.as_deref()) != Some(l) {
            out.push(Level::Named(l.to_string()));
        }
    }
    out
}

/// The regions of a level under `scope`, in data (code) order.
pub fn level_regions(ds: &Dataset, scope: RegionId, level: &Level) -> Vec<RegionId> {
    match level {
        Level::Leaves => ds.regions.leaves_under(scope),
        Level::Named(l) => ds.regions.descendants_at_level(scope, l),
    }
}

/// What a listing's order depends on beyond its rows: filter text, group, parent, sort (or the
/// added column sorted by), reverse.
type ListKey = (String, Option<String>, Option<RegionId>, Column, Option<usize>, bool);

/// The rows of a level, and which of them are listed in which order.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Every region of the level, ranked among all of them, in code order.
    pub all: Vec<(RegionId, IndicatorRow)>,
    /// Per added indicator, its row for each region of `all` (in the same order).
    pub extra: Vec<Vec<IndicatorRow>>,
    /// Indices into `all`: the rows that pass the filters, in sort order.
    pub listed: Vec<usize>,
    /// What `all` was built for: scope, level, indicator, year, added indicators.
    pub key: Option<(RegionId, Level, IndicatorId, i32, Vec<IndicatorId>)>,
    /// What `listed` was made with: filter text, group, parent, sort, reverse.
    list_key: Option<ListKey>,
    /// Whether any listed row has a value to sort by (else the rows stand in code order, and
    /// the title says so rather than naming a sort that did nothing).
    pub sorted: bool,
}

impl Listing {
    /// Rebuilds the rows when the scope, level, indicator or year changed, and re-lists them
    /// when those or the filters or order changed (a cursor move does neither).
    pub fn build(&mut self, ds: &Dataset, nav: &TableNav, ind: IndicatorId, year: i32) {
        let key = (nav.scope, nav.level.clone(), ind, year, nav.extra.clone());
        let list_key = (nav.filter.clone(), nav.group.clone(), nav.parent, nav.sort, nav.sort_extra, nav.reverse);
        if self.key.as_ref() != Some(&key) {
            let regions = level_regions(ds, nav.scope, &nav.level);
            self.all = rows_among(ds, &regions, ind, year);
            self.extra = nav
                .extra
                .iter()
                .map(|e| rows_among(ds, &regions, *e, year).into_iter().map(|(_, row)| row).collect())
                .collect();
            self.key = Some(key);
            self.list_key = None;
        }
        if self.list_key.as_ref() != Some(&list_key) {
            (self.listed, self.sorted) = list(ds, &self.all, &self.extra, nav, year);
            self.list_key = Some(list_key);
        }
    }

    pub fn row(&self, listed_index: usize) -> Option<&(RegionId, IndicatorRow)> {
        self.listed.get(listed_index).and_then(|i| self.all.get(*i))
    }

    /// A listed row's row of the `k`th added indicator.
    pub fn extra_row(&self, listed_index: usize, k: usize) -> Option<&IndicatorRow> {
        self.listed.get(listed_index).and_then(|i| self.extra.get(k)?.get(*i))
    }

    pub fn len(&self) -> usize {
        self.listed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

/// The rows passing the filters, in the table's sort order (missing values last in any order),
/// and whether any of them had a value to sort by.
fn list(
    ds: &Dataset,
    all: &[(RegionId, IndicatorRow)],
    extra: &[Vec<IndicatorRow>],
    nav: &TableNav,
    year: i32,
) -> (Vec<usize>, bool) {
    let tree = &ds.regions;
    let query = nav.filter.trim();
    let mut idx: Vec<usize> = (0..all.len())
        .filter(|i| {
            let r = all[*i].0;
            nav.group.as_ref().is_none_or(|g| tree.groups_of(r, year).any(|x| &x.tag == g))
                && nav.parent.is_none_or(|p| tree.parent(r) == Some(p))
                && (query.is_empty() || search::matches(tree, r, query))
        })
        .collect();
    // An added indicator sorts by its value, best first.
    let by = |row: &IndicatorRow, col: Column| numeric_key(col, row, ds.catalog.get(row.indicator).direction);
    let key = |i: usize| match nav.sort_extra.and_then(|k| extra.get(k)) {
        Some(rows) => by(&rows[i], Column::Value),
        None => by(&all[i].1, nav.sort),
    };
    let text = |i: usize| -> String {
        let r = all[i].0;
        match nav.sort {
            Column::Name => tree.get(r).pinyin_joined(),
            Column::Parent => tree.parent(r).map_or_else(String::new, |p| tree.get(p).code.clone()),
            // Members of more groups first.
            Column::Groups => (u8::MAX - tree.groups_of(r, year).count().min(255) as u8).to_string(),
            _ => String::new(),
        }
    };
    let reverse = nav.reverse;
    let sorted = match nav.sort {
        Column::Name | Column::Parent | Column::Groups if nav.sort_extra.is_none() => {
            idx.sort_by_cached_key(|i| (text(*i), *i));
            if reverse {
                idx.reverse();
            }
            true
        }
        _ => {
            let keys: Vec<Option<f64>> = (0..all.len()).map(key).collect();
            idx.sort_by(|a, b| cmp_keys(keys[*a], keys[*b], reverse).then(a.cmp(b)));
            idx.iter().any(|i| keys[*i].is_some())
        }
    };
    (idx, sorted)
}

/// The number a column sorts a row by (less first), or `None` where the row has none (sorted last
/// in either order); the text columns sort by text, not by this. The region list's orders use
/// it too.
pub fn numeric_key(col: Column, row: &IndicatorRow, dir: Direction) -> Option<f64> {
    match col {
        Column::Name | Column::Parent | Column::Groups => Some(0.0),
        Column::Value => row.value().map(|v| -v * dir.sign()),
        Column::Status => row.target.as_ref().map(|t| -t.gap_pct),
        Column::Rank => row.rank.as_ref().map(|r| r.rank as f64),
        Column::Change => row.change().map(|c| -c * dir.sign()),
        Column::Trend => trend_order(row.trend.kind),
        // Met: first; moving away or beyond the horizon: after every year.
        Column::Reach => {
            row.trend.reach_year.map(f64::from).or(row.target.as_ref().and_then(|t| (t.gap <= 0.0).then_some(f64::MIN)))
        }
    }
}

/// Present keys in order (reversed if asked), missing ones last whatever the order.
pub fn cmp_keys(a: Option<f64>, b: Option<f64>, reverse: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) if reverse => y.total_cmp(&x),
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Trend kinds in sort order: on track first, no trend last.
fn trend_order(k: TrendKind) -> Option<f64> {
    TrendKind::all().position(|x| x == k).filter(|_| k != TrendKind::NoTrend).map(|p| p as f64)
}

/// The groups a filter can cycle through in `year`: those with a member among `regions`.
pub fn groups_among(ds: &Dataset, regions: &[RegionId], year: i32) -> Vec<String> {
    ds.regions
        .groups()
        .iter()
        .filter(|g| g.applies_in(year) && regions.iter().any(|r| ds.regions.get(*r).has_tag(&g.tag)))
        .map(|g| g.tag.clone())
        .collect()
}

/// The next value of a cycling filter: none → each choice in turn → none.
pub fn cycle<T: Clone + PartialEq>(current: &Option<T>, choices: &[T]) -> Option<T> {
    match current {
        None => choices.first().cloned(),
        Some(c) => choices.iter().position(|x| x == c).and_then(|p| choices.get(p + 1)).cloned(),
    }
}

/// The distinct parents of `regions`, in order of first appearance.
pub fn parents_of(ds: &Dataset, regions: &[RegionId]) -> Vec<RegionId> {
    let mut out: Vec<RegionId> = Vec::new();
    for r in regions {
        if let Some(p) = ds.regions.parent(*r) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spec_per_column_in_order() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.column as usize, i);
        }
        assert_eq!(Column::Reach.next(), Column::Name);
    }

    #[test]
    fn narrow_screens_keep_the_columns_of_highest_priority() {
        // 16 name + (1+11 value) + (1+10 status) + (1+8 rank) + (1+8 parent) = 57; + groups 6 = 63;
        // + change 11 = 74; trend 4 = 78 ≤ 78; reach (12) no longer fits.
        assert_eq!(
            visible_columns(78, 0),
            [
                Column::Name,
                Column::Parent,
                Column::Groups,
                Column::Value,
                Column::Status,
                Column::Rank,
                Column::Change,
                Column::Trend
            ]
        );
        assert_eq!(visible_columns(40, 0), [Column::Name, Column::Value, Column::Status]);
        // Scrolled by two: parent and groups leave, reach comes in.
        assert_eq!(
            visible_columns(78, 2),
            [Column::Name, Column::Value, Column::Status, Column::Rank, Column::Change, Column::Trend, Column::Reach]
        );
    }

    #[test]
    fn cycling_a_filter_returns_to_none() {
        let c = ["a", "b"];
        assert_eq!(cycle(&None, &c), Some("a"));
        assert_eq!(cycle(&Some("a"), &c), Some("b"));
        assert_eq!(cycle(&Some("b"), &c), None);
    }
}
