//! `cpdash metrics`: the whole metrics table as two tidy tables, CSV or Parquet, written as they
//! are computed (row by row into the writer or a row group, never built whole in memory first).
//!
//! - `regions`: every region × year × indicator — the value (or missing), observed or computed,
//!   status and gap to the target, trend class and pace, the year the pace reaches the target,
//!   the rank among its siblings.
//! - `dispersion`: every parent × year × indicator, over the parent's children — n of N, max/min
//!   with the two regions, CV, population-weighted CV, Gini, Theil T with its split between each
//!   group of the data and the rest where both have members.
//!
//! Rows come parent by parent (the top region first, then each region's children, in the tree's
//! order); the regions table then indicator by indicator in catalog order and year by year, the
//! dispersion table year by year and indicator by indicator. Numbers are written in full
//! (shortest round-trip form); a missing value is an empty field.

use std::io::Write;
use std::ops::RangeInclusive;

use super::parquet::{Kind, ParquetTable};
use super::sink::Sink;
use crate::metrics::report::{children_numbers, has_dispersion, indicator_row, rows_among_years, IndicatorRow};
use crate::model::dataset::Resolved;
use crate::model::indicator::{Area, TargetScope};
use crate::model::{Dataset, IndicatorId, RegionId};

/// The file formats of `cpdash metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// CSV, streamed (to standard output by default).
    Csv,
    /// Parquet: typed columns, nulls for missing values; written to a file.
    Parquet,
}

/// The tables `cpdash metrics` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// Every region × year × indicator.
    Regions,
    /// Every parent × year × indicator, over its children.
    Dispersion,
}

/// The regions table's columns and what each holds (CSV header and Parquet schema alike).
pub const REGIONS_COLUMNS: [(&str, Kind); 24] = [
    ("region_code", Kind::Text),
    ("region_name_zh", Kind::Text),
    ("region_name_en", Kind::Text),
    ("level", Kind::Text),
    ("parent_code", Kind::Text),
    ("year", Kind::Int),
    ("area", Kind::Text),
    ("indicator", Kind::Text),
    ("unit", Kind::Text),
    ("value", Kind::Num),
    ("value_kind", Kind::Text),
    ("target", Kind::Num),
    ("target_year", Kind::Int),
    ("gap", Kind::Num),
    ("gap_pct", Kind::Num),
    ("status", Kind::Text),
    ("trend", Kind::Text),
    ("trend_pace", Kind::Num),
    ("trend_needed", Kind::Num),
    ("reach_year", Kind::Int),
    ("years_to_target", Kind::Int),
    ("rank", Kind::Int),
    ("rank_of", Kind::Int),
    ("rank_previous", Kind::Int),
];

/// The dispersion table's columns before one `theil_between_<group>_rest` (a number) per group
/// of the data.
pub const DISPERSION_COLUMNS: [(&str, Kind); 19] = [
    ("parent_code", Kind::Text),
    ("parent_name_zh", Kind::Text),
    ("parent_name_en", Kind::Text),
    ("children_level", Kind::Text),
    ("year", Kind::Int),
    ("area", Kind::Text),
    ("indicator", Kind::Text),
    ("unit", Kind::Text),
    ("n", Kind::Int),
    ("of", Kind::Int),
    ("max", Kind::Num),
    ("max_region", Kind::Text),
    ("min", Kind::Num),
    ("min_region", Kind::Text),
    ("max_min_ratio", Kind::Num),
    ("cv", Kind::Num),
    ("cv_weighted", Kind::Num),
    ("gini", Kind::Num),
    ("theil", Kind::Num),
];

/// What to list.
#[derive(Debug, Clone)]
pub struct Filter {
    /// The subtree: this region and everything under it.
    pub under: RegionId,
    pub years: RangeInclusive<i32>,
    pub area: Option<Area>,
    /// Only these indicators (all when empty).
    pub indicators: Vec<IndicatorId>,
}

impl Filter {
    /// The indicators listed, in catalog order.
    fn indicators(&self, ds: &Dataset) -> Vec<IndicatorId> {
        ds.catalog
            .iter()
            .filter(|(id, d)| {
                self.area.is_none_or(|a| d.area == a) && (self.indicators.is_empty() || self.indicators.contains(id))
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// Why the table would have no row (the filters select no indicator of it, or the region has
    /// no children to compare), said before anything is written.
    pub fn empty_because(&self, ds: &Dataset, table: Table) -> Option<String> {
        let inds = self.indicators(ds);
        let name = ds.regions.get(self.under).code.clone();
        match table {
            _ if inds.is_empty() => Some("the --area and --indicator given select no indicator together".into()),
            Table::Regions => None,
            Table::Dispersion if !inds.iter().any(|i| has_dispersion(ds.catalog.get(*i))) => Some(
                "the indicators selected are totals or group statistics, which the dispersion table does not compare"
                    .into(),
            ),
            Table::Dispersion if self.parents(ds).is_empty() => {
                Some(format!("region {name} has no children whose dispersion could be measured"))
            }
            Table::Dispersion => None,
        }
    }

    /// The parents whose children are listed: the subtree's regions with children, top first.
    fn parents(&self, ds: &Dataset) -> Vec<RegionId> {
        std::iter::once(self.under)
            .chain(ds.regions.descendants(self.under))
            .filter(|r| !ds.regions.children(*r).is_empty())
            .collect()
    }
}

/// Writes a table as CSV; `progress` is called with the parents done and their number. Returns
/// the rows written.
pub fn write_csv(
    ds: &Dataset,
    f: &Filter,
    table: Table,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<u64> {
    let mut w = Fields::new(&mut *out);
    w.header(&columns(ds, table).iter().map(|c| c.0.as_str()).collect::<Vec<_>>())?;
    w.flush()?;
    drop(w);
    csv_rows_in_parallel(ds, f, table, out, progress)
}

/// Writes a table as Parquet (the same rows and columns, typed).
pub fn write_parquet<W: Write + Send>(
    ds: &Dataset,
    f: &Filter,
    table: Table,
    out: W,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<u64> {
    let columns = columns(ds, table);
    let columns: Vec<(&str, Kind)> = columns.iter().map(|(n, k)| (n.as_str(), *k)).collect();
    let name = match table {
        Table::Regions => "regions",
        Table::Dispersion => "dispersion",
    };
    let mut w = ParquetTable::new(out, &columns, footer(ds, name))?;
    let rows = rows_into(ds, f, table, &mut w, progress)?;
    w.finish()?.flush()?;
    Ok(rows)
}

/// A table's columns: the regions table's, or the dispersion table's with one per group.
fn columns(ds: &Dataset, table: Table) -> Vec<(String, Kind)> {
    match table {
        Table::Regions => REGIONS_COLUMNS.iter().map(|(n, k)| (n.to_string(), *k)).collect(),
        Table::Dispersion => dispersion_columns(ds),
    }
}

/// A piece of a table, written whole by one thread: the top region's own rows (the regions
/// table), or a parent's children's rows.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Top,
    Parent(RegionId),
}

/// The pieces of a table, in the order their rows are written.
fn units(ds: &Dataset, f: &Filter, table: Table) -> Vec<Unit> {
    let top = (table == Table::Regions).then_some(Unit::Top);
    top.into_iter().chain(f.parents(ds).into_iter().map(Unit::Parent)).collect()
}

/// The indicators a table lists.
fn table_indicators(ds: &Dataset, f: &Filter, table: Table) -> Vec<IndicatorId> {
    let inds = f.indicators(ds);
    match table {
        Table::Regions => inds,
        Table::Dispersion => inds.into_iter().filter(|i| has_dispersion(ds.catalog.get(*i))).collect(),
    }
}

/// The rows of one piece.
fn unit_into<S: Sink>(
    ds: &Dataset,
    f: &Filter,
    table: Table,
    inds: &[IndicatorId],
    unit: Unit,
    w: &mut S,
) -> std::io::Result<u64> {
    match (table, unit) {
        (Table::Regions, Unit::Top) => top_rows(ds, f, inds, w),
        (Table::Regions, Unit::Parent(p)) => children_rows(ds, f, inds, p, w),
        (Table::Dispersion, Unit::Parent(p)) => dispersion_rows(ds, f, inds, p, w),
        (Table::Dispersion, Unit::Top) => Ok(0),
    }
}

/// Writes the pieces one after the other; `progress` hears of each parent done.
fn rows_into<S: Sink>(
    ds: &Dataset,
    f: &Filter,
    table: Table,
    w: &mut S,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<u64> {
    let inds = table_indicators(ds, f, table);
    let units = units(ds, f, table);
    let parents = units.iter().filter(|u| matches!(u, Unit::Parent(_))).count();
    let mut rows = 0;
    let mut done = 0;
    for u in units {
        rows += unit_into(ds, f, table, &inds, u, w)?;
        if let Unit::Parent(_) = u {
            done += 1;
            progress(done, parents);
        }
    }
    Ok(rows)
}

/// How many pieces a worker may finish ahead of the one being written (a bound on the memory
/// held for the writer).
const AHEAD: usize = 8;

/// The CSV's rows computed and formatted by one worker per core, piece by piece, and written
/// in order: the same bytes as one thread writes, in about half the time on two cores.
fn csv_rows_in_parallel(
    ds: &Dataset,
    f: &Filter,
    table: Table,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<u64> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
    let inds = table_indicators(ds, f, table);
    let units = units(ds, f, table);
    let parents = units.iter().filter(|u| matches!(u, Unit::Parent(_))).count();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let (next, written, stop) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicBool::new(false));
    type Piece = std::io::Result<(Vec<u8>, u64)>;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Piece)>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (units, inds, next, written, stop) = (&units, &inds, &next, &written, &stop);
            s.spawn(move || {
                let mut w = Fields::new(Vec::new());
                loop {
                    let k = next.fetch_add(1, SeqCst);
                    if k >= units.len() {
                        return;
                    }
                    while k >= written.load(SeqCst) + AHEAD {
                        if stop.load(SeqCst) {
                            return;
                        }
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    let piece = unit_into(ds, f, table, inds, units[k], &mut w)
                        .and_then(|rows| w.flush().map(|_| (std::mem::take(w.out.get_mut()), rows)));
                    if stop.load(SeqCst) || tx.send((k, piece)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: std::collections::BTreeMap<usize, Piece> = std::collections::BTreeMap::new();
        let (mut at, mut rows, mut done) = (0, 0, 0);
        let result = (|| {
            for (k, piece) in &rx {
                pending.insert(k, piece);
                while let Some(piece) = pending.remove(&at) {
                    let (bytes, n) = piece?;
                    out.write_all(&bytes)?;
                    rows += n;
                    if let Unit::Parent(_) = units[at] {
                        done += 1;
                        progress(done, parents);
                    }
                    at += 1;
                    written.store(at, SeqCst);
                }
            }
            Ok(rows)
        })();
        // On an error the workers stop at their next piece.
        stop.store(true, SeqCst);
        result
    })
}

/// What a Parquet file says of itself in its footer: the table and the data set it is from.
fn footer(ds: &Dataset, table: &str) -> Vec<(String, String)> {
    vec![
        ("cpdash.table".into(), table.into()),
        ("cpdash.dataset".into(), format!("{} (as of {})", ds.meta.id, ds.meta.as_of)),
        ("cpdash.columns".into(), "see the README of cpdash, \"The whole metrics table\"".into()),
    ]
}

/// The top of the subtree's own rows (ranked among its own siblings, if it has any).
fn top_rows<S: Sink>(ds: &Dataset, f: &Filter, inds: &[IndicatorId], w: &mut S) -> std::io::Result<u64> {
    let mut rows = 0;
    for year in f.years.clone() {
        for &ind in inds {
            if applies(ds, ind, f.under) {
                let row = indicator_row(ds, f.under, ind, year);
                write_region_row(w, ds, f.under, &row)?;
                rows += 1;
            }
        }
    }
    Ok(rows)
}

/// A parent's children's rows, indicator by indicator and year by year.
fn children_rows<S: Sink>(
    ds: &Dataset,
    f: &Filter,
    inds: &[IndicatorId],
    parent: RegionId,
    w: &mut S,
) -> std::io::Result<u64> {
    let children = ds.regions.children(parent);
    let mut rows = 0;
    for &ind in inds {
        if !applies(ds, ind, children[0]) {
            continue;
        }
        for (_, year_rows) in rows_among_years(ds, children, ind, f.years.clone()) {
            for (r, row) in year_rows {
                write_region_row(w, ds, r, &row)?;
                rows += 1;
            }
        }
    }
    Ok(rows)
}

/// Whether the indicator exists for the region (provincial statistics for the top only).
fn applies(ds: &Dataset, ind: IndicatorId, region: RegionId) -> bool {
    ds.catalog.get(ind).applies_to == TargetScope::All || ds.regions.parent(region).is_none()
}

fn write_region_row<S: Sink>(w: &mut S, ds: &Dataset, r: RegionId, row: &IndicatorRow) -> std::io::Result<()> {
    let kind = match row.resolved {
        Resolved::Observed { .. } => "observed",
        Resolved::Computed { .. } => "computed",
        Resolved::Missing { .. } => "missing",
    };
    let t = &row.trend;
    w.region(ds, r)?;
    w.int(Some(i64::from(row.year)))?;
    w.indicator(ds, row.indicator)?;
    w.num(row.value())?;
    w.text(kind)?;
    w.num(row.applicable_target.map(|x| x.0))?;
    w.int(row.applicable_target.map(|x| i64::from(x.1)))?;
    w.num(row.target.as_ref().map(|x| x.gap))?;
    w.num(row.target.as_ref().map(|x| x.gap_pct))?;
    w.text(row.status().map(|s| s.key()).unwrap_or_default())?;
    w.text(t.kind.key())?;
    w.num(t.pace)?;
    w.num(t.needed)?;
    w.int(t.reach_year.map(i64::from))?;
    w.int(t.reach_year.map(|y| i64::from(y - row.year)))?;
    w.int(row.rank.as_ref().map(|x| x.rank as i64))?;
    w.int(row.rank.as_ref().map(|x| x.of as i64))?;
    w.int(row.rank.as_ref().and_then(|x| x.previous).map(|p| p as i64))?;
    w.end()
}

/// A CSV writer of fields as they come: text escaped ([`crate::fit::printable`]), defused
/// ([`crate::fit::csv_safe`]) and quoted where it holds a comma, a quote or a line break (as the
/// `csv` crate does); numbers formatted into one reused buffer. A region's five leading fields
/// and an indicator's three are encoded once and then copied: a national table repeats each
/// region in a thousand rows.
struct Fields<W: Write> {
    out: std::io::BufWriter<W>,
    /// No field written yet in the record (no comma before the next).
    first: bool,
    buf: String,
    regions: Vec<Vec<u8>>,
    indicators: Vec<Vec<u8>>,
    /// The last parent's leading fields, encoded.
    parent: Option<(RegionId, Vec<u8>)>,
}

impl<W: Write> Fields<W> {
    fn new(out: W) -> Self {
        Fields {
            out: std::io::BufWriter::with_capacity(1 << 16, out),
            first: true,
            buf: String::with_capacity(32),
            regions: Vec::new(),
            indicators: Vec::new(),
            parent: None,
        }
    }

    fn comma(&mut self) -> std::io::Result<()> {
        if !std::mem::take(&mut self.first) {
            self.out.write_all(b",")?;
        }
        Ok(())
    }

    /// Fields already encoded, comma separated (from [`Self::cached`]).
    fn encoded(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.comma()?;
        self.out.write_all(bytes)
    }

    /// A value as `Display` writes it, into the reused buffer.
    fn shown(&mut self, v: Option<impl std::fmt::Display>) -> std::io::Result<()> {
        use std::fmt::Write as _;
        self.comma()?;
        if let Some(v) = v {
            self.buf.clear();
            let _ = write!(self.buf, "{v}");
            self.out.write_all(self.buf.as_bytes())?;
        }
        Ok(())
    }

    fn header(&mut self, names: &[&str]) -> std::io::Result<()> {
        for n in names {
            self.text(n)?;
        }
        self.end()
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> Sink for Fields<W> {
    fn text(&mut self, s: &str) -> std::io::Result<()> {
        self.comma()?;
        encode(&mut self.out, s)
    }
    /// A number in full (the shortest form that reads back as the same f64, never with an
    /// exponent), empty when missing. Whole numbers (most stored values) go through `itoa`, the
    /// rest between 1e-5 and 1e15 through `ryu`, three times faster than `Display`, which writes
    /// the others. Where two shortest forms are equally close (some 17-digit values) `ryu` and
    /// `Display` may pick different ones; both read back as the same number.
    fn num(&mut self, v: Option<f64>) -> std::io::Result<()> {
        match v {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) => {
                self.int(Some(x as i64))
            }
            Some(x) if (1e-5..1e15).contains(&x.abs()) => {
                self.comma()?;
                self.out.write_all(ryu::Buffer::new().format_finite(x).as_bytes())
            }
            _ => self.shown(v),
        }
    }
    fn int(&mut self, v: Option<i64>) -> std::io::Result<()> {
        self.comma()?;
        match v {
            Some(i) => self.out.write_all(itoa::Buffer::new().format(i).as_bytes()),
            None => Ok(()),
        }
    }
    fn end(&mut self) -> std::io::Result<()> {
        self.first = true;
        self.out.write_all(b"\n")
    }
    /// The region's code, names, level and parent code.
    fn region(&mut self, ds: &Dataset, r: RegionId) -> std::io::Result<()> {
        let k = r.index();
        if self.regions.len() <= k {
            self.regions.resize(k + 1, Vec::new());
        }
        if self.regions[k].is_empty() {
            let g = ds.regions.get(r);
            let parent = ds.regions.parent(r).map(|p| ds.regions.get(p).code.as_str()).unwrap_or_default();
            self.regions[k] = joined(&[&g.code, &g.name_zh, &g.name_en, &g.level, parent]);
        }
        let bytes = std::mem::take(&mut self.regions[k]);
        let done = self.encoded(&bytes);
        self.regions[k] = bytes;
        done
    }
    /// The indicator's area, id and unit.
    fn indicator(&mut self, ds: &Dataset, i: IndicatorId) -> std::io::Result<()> {
        let k = i.index();
        if self.indicators.len() <= k {
            self.indicators.resize(k + 1, Vec::new());
        }
        if self.indicators[k].is_empty() {
            let d = ds.catalog.get(i);
            self.indicators[k] = joined(&[d.area.key(), &d.id, d.unit.key()]);
        }
        let bytes = std::mem::take(&mut self.indicators[k]);
        let done = self.encoded(&bytes);
        self.indicators[k] = bytes;
        done
    }
    fn parent(&mut self, ds: &Dataset, p: RegionId) -> std::io::Result<()> {
        // The parent's four leading fields, encoded once for its rows.
        if self.parent.as_ref().is_none_or(|(q, _)| *q != p) {
            let g = ds.regions.get(p);
            let level = ds.regions.children(p).first().map(|c| ds.regions.get(*c).level.as_str()).unwrap_or_default();
            self.parent = Some((p, joined(&[&g.code, &g.name_zh, &g.name_en, level])));
        }
        let cached = self.parent.take();
        let done = match &cached {
            Some((_, bytes)) => self.encoded(bytes),
            None => Ok(()),
        };
        self.parent = cached;
        done
    }
}

/// Writes one text field, escaped, defused and quoted where needed.
fn encode(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    let shown = crate::fit::printable(s);
    let safe = crate::fit::csv_safe(&shown);
    let b = safe.as_bytes();
    if !b.iter().any(|c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
        return out.write_all(b);
    }
    out.write_all(b"\"")?;
    for (k, part) in b.split(|c| *c == b'"').enumerate() {
        if k > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part)?;
    }
    out.write_all(b"\"")
}

/// Text fields encoded and joined by commas.
fn joined(fields: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, f) in fields.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let _ = encode(&mut out, f);
    }
    out
}

/// The dispersion table's columns: the fixed ones, then one per group of the data.
fn dispersion_columns(ds: &Dataset) -> Vec<(String, Kind)> {
    let fixed = DISPERSION_COLUMNS.iter().map(|(n, k)| (n.to_string(), *k));
    let groups = ds.regions.groups().iter().map(|g| (format!("theil_between_{}_rest", g.tag), Kind::Num));
    fixed.chain(groups).collect()
}

/// A parent's rows: year by year and indicator by indicator, over its children.
fn dispersion_rows<S: Sink>(
    ds: &Dataset,
    f: &Filter,
    inds: &[IndicatorId],
    parent: RegionId,
    w: &mut S,
) -> std::io::Result<u64> {
    let children = ds.regions.children(parent);
    let mut rows = 0;
    for year in f.years.clone() {
        for &ind in inds {
            if !applies(ds, ind, children[0]) {
                continue;
            }
            let x = children_numbers(ds, parent, ind, year);
            let code = |e: Option<(f64, RegionId)>| e.map_or("", |(_, r)| ds.regions.get(r).code.as_str());
            w.parent(ds, parent)?;
            w.int(Some(i64::from(year)))?;
            w.indicator(ds, ind)?;
            w.int(Some(x.n as i64))?;
            w.int(Some(x.of as i64))?;
            w.num(x.max.map(|m| m.0))?;
            w.text(code(x.max))?;
            w.num(x.min.map(|m| m.0))?;
            w.text(code(x.min))?;
            // The screen's coverage rule: a spread over fewer than half the children (or
            // fewer than two) says nothing of them all, so its measures are left empty.
            let covered = crate::metrics::dispersion::enough(x.n, x.of);
            let m = |v: Option<f64>| v.filter(|_| covered);
            w.num(m(x.max_min))?;
            w.num(m(x.cv))?;
            w.num(m(x.cv_weighted))?;
            w.num(m(x.gini))?;
            w.num(m(x.theil))?;
            for b in &x.theil_between {
                w.num(m(*b))?;
            }
            w.end()?;
            rows += 1;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::years::parse_years;

    /// What `Fields::num` writes for `v`.
    fn written(v: f64) -> String {
        let mut w = Fields::new(Vec::new());
        w.num(Some(v)).unwrap();
        String::from_utf8(w.out.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn numbers_are_written_in_full_and_read_back_the_same() {
        // Read back as the same f64; no exponent in 1e-5..1e15, where ryu writes; as `Display`
        // writes it wherever the shortest form has at most 15 digits (two such decimals never
        // name the same f64, so the shortest form is unique).
        let check = |v: f64| {
            let w = written(v);
            assert_eq!(w.parse::<f64>().unwrap().to_bits(), v.to_bits(), "{v:e} written {w}");
            if (1e-5..1e15).contains(&v.abs()) {
                assert!(!w.contains('e'), "{w}");
            }
            let digits = w.trim_start_matches(['-', '0', '.']).bytes().filter(u8::is_ascii_digit).count();
            if digits <= 15 {
                assert_eq!(w, format!("{v}"), "{v:e}");
            }
        };
        let edges = [
            0.0,
            1.0,
            -2.5,
            0.1,
            1e-5,
            9.99e-6,
            1e15,
            1e15 - 1.0,
            123456789.125,
            1e300,
            f64::MIN_POSITIVE,
            0.30000000000000004,
        ];
        for v in edges {
            check(v);
        }
        assert_eq!(written(-0.0), "-0");
        // Values of every magnitude, from a fixed sequence of bit patterns.
        let mut bits: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            bits = bits.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let v = f64::from_bits(bits);
            if v.is_finite() {
                check(v);
            }
            check((bits >> 40) as f64 / 1000.0 - 5000.0);
            // Every magnitude with a full mantissa, 1e-7 to 1e16.
            let scale = 10f64.powi((bits % 24) as i32 - 7);
            check((bits >> 11) as f64 / (1u64 << 53) as f64 * scale);
        }
    }

    #[test]
    fn text_is_quoted_only_where_needed() {
        let mut w = Fields::new(Vec::new());
        for t in ["丽水市", "a,b", "say \"hi\"", "=1+1", "x\ny"] {
            w.text(t).unwrap();
        }
        w.end().unwrap();
        let out = String::from_utf8(w.out.into_inner().unwrap()).unwrap();
        assert_eq!(out, "丽水市,\"a,b\",\"say \"\"hi\"\"\",'=1+1,\"x\ny\"\n");
    }

    /// The workers' pieces, written in order, are the bytes one thread writes, for both tables.
    #[test]
    fn the_parallel_csv_is_the_sequential_one() {
        let ds = crate::load::load_dataset(&crate::load::DataSource::Bundled).unwrap();
        let root = ds.regions.roots()[0];
        let f = Filter { under: root, years: ds.years(), area: None, indicators: Vec::new() };
        for table in [Table::Regions, Table::Dispersion] {
            let mut one = Fields::new(Vec::new());
            let rows = rows_into(&ds, &f, table, &mut one, &mut |_, _| {}).unwrap();
            one.flush().unwrap();
            let mut many = Vec::new();
            let mut seen = Vec::new();
            let n = csv_rows_in_parallel(&ds, &f, table, &mut many, &mut |d, n| seen.push((d, n))).unwrap();
            assert_eq!(n, rows);
            assert!(rows > 1000, "{rows}");
            assert!(one.out.get_ref() == &many, "{table:?}: the bytes differ");
            // Every parent reported once, in order.
            let parents = f.parents(&ds).len();
            assert_eq!(seen, (1..=parents).map(|d| (d, parents)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn year_ranges() {
        assert_eq!(parse_years("all", 2019..=2025), Ok(2019..=2025));
        assert_eq!(parse_years("2021-2023", 2019..=2025), Ok(2021..=2023));
        assert_eq!(parse_years("2024", 2019..=2025), Ok(2024..=2024));
        // Clipped to the data's years.
        assert_eq!(parse_years("2010-2020", 2019..=2025), Ok(2019..=2020));
        assert!(parse_years("2024-2021", 2019..=2025).unwrap_err().contains("backwards"));
        assert!(parse_years("2030-2031", 2019..=2025).unwrap_err().contains("no year"));
        assert!(parse_years("x", 2019..=2025).unwrap_err().contains("not a year"));
    }
}
