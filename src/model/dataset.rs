//! The data set: regions, catalog and observations joined, with fast look-ups.
//!
//! Values are stored densely per indicator × year × region, so that a look-up is an index
//! computation and a whole row of children is contiguous. Missing cells hold NaN internally and
//! surface as `None`; no look-up ever turns a missing cell into a number.

use std::ops::RangeInclusive;

use super::formula::{Formula, Op};
use super::indicator::Catalog;
use super::indicator::IndicatorId;
use super::region::RegionId;
use super::region::RegionTree;
use super::snapshot::{Observation, Snapshot, SnapshotMeta, Source, SourceKind};

const NONE: u32 = u32::MAX;
/// How deep a derived indicator may rest on other derived ones (a city's beds per 1,000 on its
/// beds, a sum over its counties: 2).
pub const MAX_DERIVED_DEPTH: usize = 4;

/// Years before the latest value that a trend's pace looks back at most, by default.
pub const TREND_WINDOW_DEFAULT: i32 = 5;
/// The trend windows a user can choose (`w` in the dashboard, `--trend-window`, the config).
pub const TREND_WINDOWS: [i32; 3] = [3, 5, 10];

#[derive(Debug, Clone)]
pub struct Dataset {
    pub meta: SnapshotMeta,
    pub regions: RegionTree,
    pub catalog: Catalog,
    pub sources: Vec<Source>,
    notes: Vec<String>,
    first_year: i32,
    n_years: usize,
    values: Vec<f64>,
    cell_source: Vec<u32>,
    cell_note: Vec<u32>,
    n_observations: usize,
    /// By source index, the sources whose values are hidden (the dashboard's view of official
    /// sources alone): every lookup skips them, so no second copy of the data is kept. Empty when
    /// nothing is hidden.
    hidden: Vec<bool>,
    /// How many stored values the hidden sources give.
    n_hidden: usize,
    /// Figures published for values the data set computes (a group's income ratio), to show
    /// beside the computed ones; never used in place of them.
    pub published: Vec<Published>,
    /// Where a series changes basis (a boundary change, a census revision): trends and
    /// convergence never run across one, and the screen marks the value after it.
    pub breaks: Vec<SeriesBreak>,
    /// How many years a trend's pace looks back at most: an analysis setting, kept with the data
    /// so that every report, screen and export of it uses the same one.
    pub trend_window: i32,
}

/// Where a formula's evaluation records its inputs: a list, to name them and what is missing
/// ([`Dataset::resolve`]), or nowhere, so that [`Dataset::resolve_value`] allocates nothing. One
/// evaluator serves both.
trait Record: Default {
    const RECORDS: bool;
    fn push(&mut self, input: Input);
    fn extend(&mut self, other: Self);
    fn is_empty(&self) -> bool;
}

impl Record for Vec<Input> {
    const RECORDS: bool = true;
    fn push(&mut self, input: Input) {
        Vec::push(self, input)
    }
    fn extend(&mut self, other: Self) {
        Extend::extend(self, other)
    }
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

/// Records nothing.
#[derive(Default)]
struct NoRecord;

impl Record for NoRecord {
    const RECORDS: bool = false;
    fn push(&mut self, _: Input) {}
    fn extend(&mut self, _: Self) {}
    fn is_empty(&self) -> bool {
        true
    }
}

/// A series break: from `year` on, the region's indicator is on a new basis.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesBreak {
    pub region: RegionId,
    pub indicator: IndicatorId,
    /// The first year on the new basis.
    pub year: i32,
    /// Shared by every region a `tree` row covers (a census revision names thousands).
    pub reason_zh: std::sync::Arc<str>,
    pub reason_en: std::sync::Arc<str>,
    pub source_url: std::sync::Arc<str>,
}

/// The share of the listed regions the opening view's indicator must cover (see
/// [`Dataset::opening_view`]).
pub const OPENING_COVERAGE: f64 = 0.9;

/// A published figure: an official statement of a value, kept apart from the observations.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub region: RegionId,
    pub indicator: IndicatorId,
    pub year: i32,
    pub value: f64,
    pub source_url: String,
}

/// The dense value store being filled by a loader, before it becomes a [`Dataset`]. Layout:
/// indicator × year × region.
#[derive(Debug, Clone)]
pub struct Cells {
    first_year: i32,
    n_years: usize,
    n_regions: usize,
    values: Vec<f64>,
    source: Vec<u32>,
    note: Vec<u32>,
    filled: usize,
}

/// The note index of a value without a note.
pub const NO_NOTE: u32 = NONE;

impl Cells {
    pub fn new(n_indicators: usize, n_regions: usize, years: RangeInclusive<i32>) -> Cells {
        let n_years = (years.end() - years.start() + 1).max(0) as usize;
        let n = n_indicators * n_years * n_regions;
        Cells {
            first_year: *years.start(),
            n_years,
            n_regions,
            values: vec![f64::NAN; n],
            source: vec![NONE; n],
            note: vec![NONE; n],
            filled: 0,
        }
    }

    /// Cells from their arrays (a cache read back): the three of the same length, that of
    /// `n_indicators × n_years × n_regions`; a cell is filled where it has a source.
    pub fn from_parts(
        first_year: i32,
        n_years: usize,
        n_regions: usize,
        n_indicators: usize,
        values: Vec<f64>,
        source: Vec<u32>,
        note: Vec<u32>,
    ) -> Result<Cells, String> {
        let n = n_indicators.checked_mul(n_years).and_then(|x| x.checked_mul(n_regions));
        if n != Some(values.len()) || source.len() != values.len() || note.len() != values.len() {
            return Err(format!(
                "{} values, {} sources and {} notes for {n_indicators} indicators × {n_years} years × {n_regions} regions",
                values.len(),
                source.len(),
                note.len()
            ));
        }
        let filled = source.iter().filter(|s| **s != NONE).count();
        Ok(Cells { first_year, n_years, n_regions, values, source, note, filled })
    }

    /// No years, no values.
    pub fn empty(n_regions: usize) -> Cells {
        Cells {
            first_year: 0,
            n_years: 0,
            n_regions,
            values: Vec::new(),
            source: Vec::new(),
            note: Vec::new(),
            filled: 0,
        }
    }

    fn index(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<usize> {
        let y = year.checked_sub(self.first_year)?;
        if y < 0 || y as usize >= self.n_years {
            return None;
        }
        Some((indicator.index() * self.n_years + y as usize) * self.n_regions + region.index())
    }

    /// Stores a value: `Ok(None)`. A second, different value for the same cell is refused with
    /// the first (`Err(Some(first))`); an equal one is not stored again: `Ok(Some(source of the
    /// value kept))`, for the caller to say so when the sources differ. `Err(None)`: the year is
    /// out of range.
    pub fn set(
        &mut self,
        region: RegionId,
        indicator: IndicatorId,
        year: i32,
        value: f64,
        source: u32,
        note: u32,
    ) -> Result<Option<u32>, Option<f64>> {
        let i = self.index(region, indicator, year).ok_or(None)?;
        if self.source[i] != NONE {
            return if self.values[i] == value { Ok(Some(self.source[i])) } else { Err(Some(self.values[i])) };
        }
        self.values[i] = value;
        self.source[i] = source;
        self.note[i] = note;
        self.filled += 1;
        Ok(None)
    }
}

/// A stored value with its provenance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell<'a> {
    pub value: f64,
    pub source: &'a Source,
    pub note: Option<&'a str>,
    /// Index of the source in [`Dataset::sources`].
    pub source_index: u32,
    pub note_index: Option<u32>,
}

/// One input of a computed value: which indicator of which region and year, and its value if
/// present.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub region: RegionId,
    pub indicator: IndicatorId,
    pub year: i32,
    pub value: Option<f64>,
}

/// The value of an indicator for a region and year, observed or computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Observed {
        value: f64,
        source: u32,
    },
    /// Computed from the catalog formula; `inputs` are the values it used.
    Computed {
        value: f64,
        inputs: Vec<Input>,
    },
    /// Not observed; for a derived indicator, `missing` lists the inputs it lacked.
    Missing {
        missing: Vec<Input>,
    },
}

impl Resolved {
    pub fn value(&self) -> Option<f64> {
        match self {
            Resolved::Observed { value, .. } | Resolved::Computed { value, .. } => Some(*value),
            Resolved::Missing { .. } => None,
        }
    }
}

/// A data set's stored values as arrays, for the binary cache (layout: indicator × year × region;
/// a cell without a value has no source, [`NO_NOTE`] for no note).
pub struct Stored<'a> {
    pub first_year: i32,
    pub n_years: usize,
    pub values: &'a [f64],
    pub source: &'a [u32],
    pub note: &'a [u32],
    pub notes: &'a [String],
}

impl Dataset {
    /// The stored values as they are kept (see [`Stored`]).
    pub fn stored(&self) -> Stored<'_> {
        Stored {
            first_year: self.first_year,
            n_years: self.n_years,
            values: &self.values,
            source: &self.cell_source,
            note: &self.cell_note,
            notes: &self.notes,
        }
    }

    /// Joins filled cells with their regions, catalog, sources and notes.
    pub fn from_cells(
        meta: SnapshotMeta,
        regions: RegionTree,
        catalog: Catalog,
        sources: Vec<Source>,
        notes: Vec<String>,
        cells: Cells,
    ) -> Dataset {
        debug_assert_eq!(cells.n_regions, regions.len());
        Dataset {
            meta,
            regions,
            catalog,
            sources,
            notes,
            first_year: cells.first_year,
            n_years: cells.n_years,
            values: cells.values,
            cell_source: cells.source,
            cell_note: cells.note,
            n_observations: cells.filled,
            hidden: Vec::new(),
            n_hidden: 0,
            published: Vec::new(),
            breaks: Vec::new(),
            trend_window: TREND_WINDOW_DEFAULT,
        }
    }

    /// Joins a list of observations with its regions and catalog. Observations should be unique
    /// per region × indicator × year (the loaders check this and name the lines); of two, the
    /// first is kept.
    pub fn new(regions: RegionTree, catalog: Catalog, snapshot: Snapshot) -> Dataset {
        let Snapshot { meta, sources, observations } = snapshot;
        let mut cells = observations
            .iter()
            .fold(None, |acc: Option<(i32, i32)>, o| match acc {
                None => Some((o.year, o.year)),
                Some((a, b)) => Some((a.min(o.year), b.max(o.year))),
            })
            .map_or(Cells::empty(regions.len()), |(a, b)| Cells::new(catalog.len(), regions.len(), a..=b));
        let mut notes = Vec::new();
        for Observation { region, indicator, year, value, source, note } in observations {
            let note = match note.filter(|n| !n.is_empty()) {
                Some(n) => {
                    notes.push(n);
                    notes.len() as u32 - 1
                }
                None => NONE,
            };
            let _ = cells.set(region, indicator, year, value, source, note);
        }
        Dataset::from_cells(meta, regions, catalog, sources, notes, cells)
    }

    fn cell(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<usize> {
        let y = year.checked_sub(self.first_year)?;
        if y < 0 || y as usize >= self.n_years {
            return None;
        }
        Some((indicator.index() * self.n_years + y as usize) * self.regions.len() + region.index())
    }

    /// The published figure for a value, if one was read.
    pub fn published(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<&Published> {
        self.published.iter().find(|p| p.region == region && p.indicator == indicator && p.year == year)
    }

    /// Years spanned by the observations (empty when there are none).
    pub fn years(&self) -> RangeInclusive<i32> {
        self.first_year..=self.first_year + self.n_years as i32 - 1
    }

    /// Number of stored observations shown (those of hidden sources left out).
    pub fn n_observations(&self) -> usize {
        self.n_observations - self.n_hidden
    }

    /// Whether the cell at a storage index holds a value that is shown.
    fn shown(&self, i: usize) -> bool {
        let s = self.cell_source[i];
        s != NONE && self.hidden.get(s as usize).is_none_or(|h| !h)
    }

    /// The stored value, if observed.
    pub fn value(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<f64> {
        self.cell(region, indicator, year).filter(|i| self.shown(*i)).map(|i| self.values[i])
    }

    /// The stored value with its source and note.
    pub fn get(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<Cell<'_>> {
        let i = self.cell(region, indicator, year)?;
        self.shown(i).then(|| self.cell_at(i))
    }

    /// The cell at a storage index that holds a value.
    fn cell_at(&self, i: usize) -> Cell<'_> {
        let s = self.cell_source[i];
        let note = self.cell_note[i];
        Cell {
            value: self.values[i],
            source: &self.sources[s as usize],
            note: (note != NONE).then(|| self.notes[note as usize].as_str()),
            source_index: s,
            note_index: (note != NONE).then_some(note),
        }
    }

    /// The distinct sources of the inputs of a computed value that have one, in input order.
    pub fn sources_of(&self, inputs: &[Input]) -> Vec<&Source> {
        let mut out: Vec<&Source> = Vec::new();
        for i in inputs {
            if let Some(c) = self.get(i.region, i.indicator, i.year) {
                if !out.contains(&c.source) {
                    out.push(c.source);
                }
            }
        }
        out
    }

    /// Every observation, in storage order (indicator, year, region).
    pub fn observations(&self) -> impl Iterator<Item = (RegionId, IndicatorId, i32, Cell<'_>)> + '_ {
        let nr = self.regions.len();
        let ny = self.n_years;
        (0..self.values.len()).filter(|i| self.shown(*i)).map(move |i| {
            let region = RegionId((i % nr) as u32);
            let y = (i / nr) % ny;
            let ind = IndicatorId((i / nr / ny) as u16);
            let year = self.first_year + y as i32;
            (region, ind, year, self.cell_at(i))
        })
    }

    /// Each stored value shown, as (region, indicator, source index): what a count of them needs,
    /// without building its [`Cell`].
    pub fn stored_sources(&self) -> impl Iterator<Item = (RegionId, IndicatorId, u32)> + '_ {
        let nr = self.regions.len();
        let block = nr * self.n_years;
        (0..self.values.len())
            .filter(|i| self.shown(*i))
            .map(move |i| (RegionId((i % nr) as u32), IndicatorId((i / block.max(1)) as u16), self.cell_source[i]))
    }

    /// Observed value, else computed from the catalog formula, else missing with the reasons.
    pub fn resolve(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Resolved {
        if let Some(i) = self.cell(region, indicator, year) {
            if self.shown(i) {
                return Resolved::Observed { value: self.values[i], source: self.cell_source[i] };
            }
        }
        match &self.catalog.get(indicator).formula {
            None => Resolved::Missing { missing: vec![Input { region, indicator, year, value: None }] },
            Some(f) => {
                let mut inputs = Vec::new();
                match self.eval(f, region, year, &mut inputs, 1) {
                    Some(value) if value.is_finite() => Resolved::Computed { value, inputs },
                    _ => Resolved::Missing { missing: inputs.into_iter().filter(|i| i.value.is_none()).collect() },
                }
            }
        }
    }

    /// Resolved value only (no record of the inputs, so nothing is allocated for the common
    /// formulas).
    pub fn resolve_value(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<f64> {
        self.value_at_depth(region, indicator, year, 0)
    }

    /// A stored value, else one computed from the formula: a formula's input may be derived too,
    /// [`MAX_DERIVED_DEPTH`] deep at most (the catalog refuses cycles; this bounds a snapshot's).
    fn value_at_depth(&self, region: RegionId, indicator: IndicatorId, year: i32, depth: usize) -> Option<f64> {
        match self.cell(region, indicator, year) {
            Some(i) if self.shown(i) => Some(self.values[i]),
            _ => match &self.catalog.get(indicator).formula {
                Some(_) if depth >= MAX_DERIVED_DEPTH => None,
                None => None,
                Some(f) => self.eval(f, region, year, &mut NoRecord, depth + 1).filter(|v| v.is_finite()),
            },
        }
    }

    /// An input's value, recorded in `inputs`: a stored value as itself, a derived one as the
    /// stored values it is computed from (so a computed value's sources reach the stored ones).
    fn input<R: Record>(&self, id: &str, region: RegionId, year: i32, inputs: &mut R, depth: usize) -> Option<f64> {
        self.input_at(self.catalog.by_id(id)?, region, year, inputs, depth)
    }

    /// [`Dataset::input`] of an indicator already found in the catalog.
    fn input_at<R: Record>(
        &self,
        indicator: IndicatorId,
        region: RegionId,
        year: i32,
        inputs: &mut R,
        depth: usize,
    ) -> Option<f64> {
        let value = self.value(region, indicator, year);
        if value.is_none() && depth < MAX_DERIVED_DEPTH {
            if let Some(f) = &self.catalog.get(indicator).formula {
                let mut own = R::default();
                let computed = self.eval(f, region, year, &mut own, depth + 1).filter(|v| v.is_finite());
                if computed.is_some() || !own.is_empty() {
                    inputs.extend(own);
                    return computed;
                }
            }
        }
        inputs.push(Input { region, indicator, year, value });
        value
    }

    /// Evaluates a formula, recording its inputs in `inputs` (or nowhere, see [`Record`]).
    fn eval<R: Record>(&self, f: &Formula, region: RegionId, year: i32, inputs: &mut R, depth: usize) -> Option<f64> {
        match f {
            Formula::Number(n) => Some(*n),
            Formula::Indicator(_, Some(at)) => self.input_at(IndicatorId(*at), region, year, inputs, depth),
            Formula::Indicator(id, None) => self.input(id, region, year, inputs, depth),
            Formula::Binary(a, op, b) => {
                // Evaluate both sides so that every missing input is recorded (when recording).
                let a = self.eval(a, region, year, inputs, depth);
                if a.is_none() && !R::RECORDS {
                    return None;
                }
                let b = self.eval(b, region, year, inputs, depth);
                let (a, b) = (a?, b?);
                Some(match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div if b == 0.0 => return None,
                    Op::Div => a / b,
                })
            }
            Formula::MaxMin { indicator, level } => {
                let members = self.regions.descendants_at_level(region, level);
                let mut vals: Vec<f64> = Vec::with_capacity(members.len());
                for r in &members {
                    match self.input(indicator, *r, year, inputs, depth) {
                        Some(v) => vals.push(v),
                        None if !R::RECORDS => return None,
                        None => {}
                    }
                }
                // Max/min of a partial set is not the published statistic: require all members.
                if vals.is_empty() || vals.len() < members.len() {
                    return None;
                }
                let max = vals.iter().cloned().fold(f64::MIN, f64::max);
                let min = vals.iter().cloned().fold(f64::MAX, f64::min);
                (min > 0.0).then(|| max / min)
            }
            Formula::GroupMean { indicator, tag, weight } => {
                let members = self.tagged_descendants(region, tag);
                let mut num = 0.0;
                let mut den = 0.0;
                let mut complete = !members.is_empty();
                for r in members {
                    let v = self.input(indicator, r, year, inputs, depth);
                    let w = self.input(weight, r, year, inputs, depth);
                    match (v, w) {
                        (Some(v), Some(w)) => {
                            num += v * w;
                            den += w;
                        }
                        _ if !R::RECORDS => return None,
                        _ => complete = false,
                    }
                }
                (complete && den > 0.0).then(|| num / den)
            }
            Formula::SumChildren { indicator } => {
                self.sum_all(indicator, self.regions.children(region), year, inputs, depth)
            }
            Formula::GroupSum { indicator, tag } => {
                let members = self.tagged_descendants(region, tag);
                self.sum_all(indicator, &members, year, inputs, depth)
            }
        }
    }

    /// The regions under `region` that carry `tag` (a group's members).
    fn tagged_descendants(&self, region: RegionId, tag: &str) -> Vec<RegionId> {
        self.regions.descendants(region).into_iter().filter(|r| self.regions.get(*r).has_tag(tag)).collect()
    }

    /// The sum over `members`, each recorded as an input; none when any lacks a value (a
    /// partial sum is not the total).
    fn sum_all<R: Record>(
        &self,
        id: &str,
        members: &[RegionId],
        year: i32,
        inputs: &mut R,
        depth: usize,
    ) -> Option<f64> {
        let mut sum = 0.0;
        let mut complete = !members.is_empty();
        for r in members {
            match self.input(id, *r, year, inputs, depth) {
                Some(v) => sum += v,
                // Recording, every missing member is named; else the first ends the sum.
                None if !R::RECORDS => return None,
                None => complete = false,
            }
        }
        complete.then_some(sum)
    }

    /// Hides the values whose source is of `kind` from every lookup (the dashboard's view of
    /// official sources alone), or with `None` shows all again. Returns how many values are
    /// hidden now.
    pub fn hide_kind(&mut self, kind: Option<SourceKind>) -> usize {
        self.hidden = match kind {
            Some(k) if self.sources.iter().any(|s| s.kind == k) => self.sources.iter().map(|s| s.kind == k).collect(),
            _ => Vec::new(),
        };
        self.n_hidden = 0;
        if !self.hidden.is_empty() {
            self.n_hidden = self.cell_source.iter().filter(|s| **s != NONE && self.hidden[**s as usize]).count();
        }
        self.n_hidden
    }

    /// Whether some values are hidden ([`Dataset::hide_kind`]).
    pub fn hides(&self) -> bool {
        self.n_hidden > 0
    }

    /// The break the series of `region`'s `indicator` has in `(from, to]`, the latest if several;
    /// a derived indicator has the breaks of the indicators its formula reads.
    pub fn break_between(&self, region: RegionId, indicator: IndicatorId, from: i32, to: i32) -> Option<&SeriesBreak> {
        if self.breaks.is_empty() {
            return None;
        }
        let ids = self.catalog.with_inputs([indicator]);
        self.breaks
            .iter()
            .filter(|b| b.region == region && ids.contains(&b.indicator) && b.year > from && b.year <= to)
            .max_by_key(|b| b.year)
    }

    /// Every break the series of `region`'s `indicator` has in `(from, to]`, oldest first (a
    /// derived indicator has those of what its formula reads).
    pub fn breaks_between(&self, region: RegionId, indicator: IndicatorId, from: i32, to: i32) -> Vec<&SeriesBreak> {
        if self.breaks.is_empty() {
            return Vec::new();
        }
        let ids = self.catalog.with_inputs([indicator]);
        let mut out: Vec<&SeriesBreak> = self
            .breaks
            .iter()
            .filter(|b| b.region == region && ids.contains(&b.indicator) && b.year > from && b.year <= to)
            .collect();
        out.sort_by_key(|b| b.year);
        out
    }

    /// The first year of the basis `year` is on: the latest break at or before it, if any.
    pub fn basis_start(&self, region: RegionId, indicator: IndicatorId, year: i32) -> Option<i32> {
        self.break_between(region, indicator, i32::MIN, year).map(|b| b.year)
    }

    /// The year the dashboard opens on: the latest year in which the regions it lists first (the
    /// root's children) have at least half as many values as in their best-covered year, so that
    /// neither a year with a few early releases nor a year covered only one level down opens it.
    /// Without children, the root's own values count.
    pub fn opening_year(&self) -> i32 {
        let mut listed = vec![false; self.regions.len()];
        if let Some(&root) = self.regions.roots().first() {
            let children = self.regions.children(root);
            for r in if children.is_empty() { std::slice::from_ref(&root) } else { children } {
                listed[r.index()] = true;
            }
        }
        let mut counts = vec![0usize; self.n_years];
        for (region, _, y, _) in self.observations() {
            if listed[region.index()] {
                counts[(y - self.first_year) as usize] += 1;
            }
        }
        let max = counts.iter().copied().max().unwrap_or(0);
        let end = *self.years().end();
        self.years().rev().find(|y| counts[(y - self.first_year) as usize] * 2 >= max).unwrap_or(end)
    }

    /// The view the dashboard opens on (the one place of this rule): the first indicator with
    /// the `opening` role, in catalog order, whose values cover at least [`OPENING_COVERAGE`] of
    /// the regions listed first (the top's children) in some year, in the latest such year, so
    /// that a new user's first screen is a full list; else the first `opening` indicator in
    /// [`Dataset::opening_year`].
    pub fn opening_view(&self) -> (Option<IndicatorId>, i32) {
        let Some(&root) = self.regions.roots().first() else { return (None, self.opening_year()) };
        let listed = self.regions.children(root);
        let candidates: Vec<IndicatorId> = self.catalog.with_role(crate::model::indicator::Role::Opening).collect();
        if !listed.is_empty() {
            for &ind in &candidates {
                let covered = |y: i32| listed.iter().filter(|r| self.resolve_value(**r, ind, y).is_some()).count();
                let need = (listed.len() as f64 * OPENING_COVERAGE).ceil() as usize;
                if let Some(y) = self.years().rev().find(|y| covered(*y) >= need) {
                    return (Some(ind), y);
                }
            }
        }
        (candidates.first().copied(), self.opening_year())
    }

    /// Where `regions` have no value of `indicator` in `year`: its sibling definition (the
    /// catalog's `sibling`) and how many of them have that one, when any do. Only named to the
    /// user, never put in the indicator's place: the two are not comparable.
    pub fn sibling_with_data(
        &self,
        indicator: IndicatorId,
        regions: &[RegionId],
        year: i32,
    ) -> Option<(IndicatorId, usize)> {
        if regions.iter().any(|r| self.resolve_value(*r, indicator, year).is_some()) {
            return None;
        }
        let sibling = self.catalog.by_id(self.catalog.get(indicator).sibling.as_deref()?)?;
        let n = regions.iter().filter(|r| self.resolve_value(**r, sibling, year).is_some()).count();
        (n > 0).then_some((sibling, n))
    }

    /// The year an export or report of `region` defaults to: the latest year with the most data
    /// for it, counting the stored values of the region and of its children (a report shows
    /// both), a year within 10% of the best-covered one counting as "most" (a later year a
    /// value or two short is not passed over for an older one). `None` without any value.
    pub fn export_year_for(&self, region: RegionId) -> Option<i32> {
        let regions: Vec<RegionId> =
            std::iter::once(region).chain(self.regions.children(region).iter().copied()).collect();
        let count = |y: i32| {
            let cells = self.catalog.iter().flat_map(|(i, _)| regions.iter().map(move |r| (*r, i)));
            cells.filter(|(r, i)| self.value(*r, *i, y).is_some()).count()
        };
        let counts: Vec<(i32, usize)> = self.years().map(|y| (y, count(y))).collect();
        let best = counts.iter().map(|c| c.1).max().filter(|n| *n > 0)?;
        counts.iter().rev().find(|(_, n)| *n * 10 >= best * 9).map(|(y, _)| *y)
    }
}
