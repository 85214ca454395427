//! The binary cache beside a large data folder (`.cpdash-cache`): the snapshot's values, sources
//! and notes as arrays, read back in a fraction of the JSON's parse.
//!
//! It is keyed to its sources: the XXH3-128 hash of the cache's version and of every byte of
//! the folder's files the loader reads (`regions.csv`, `region_tags.csv`, `region_groups.csv`,
//! `indicators.csv`, `snapshot.json`), so a changed source never serves stale values, whatever
//! its size and time stamps say. It is never trusted: a checksum over the whole file, every
//! length checked against the bytes left before anything is allocated, every text as the JSON's,
//! every value through the catalog's checks, every index in range. A cache that fails any of it
//! is corrupt: the data set is loaded from its sources, the caller is told, and a new cache is
//! written (atomically: a temporary file, then a rename). A cache of other sources (the data
//! changed) is replaced without a word; a folder that cannot be written runs without one.
//!
//! Layout, little-endian: the magic `CPDASH-CACHE\n\0\0\0`, the version (u32), the key (u128),
//! the body's length (u64) and that of its part before the arrays (u64), the body, the XXH3-64 of all before it (u64). The body: the meta (id,
//! title, title_en, as_of as days from the common era, provenance), the sources (url, kind,
//! title, copy_url, cell), the notes, then the first year, the years, the regions and the
//! indicators (u32 each) and the values (f64), source indices and note indices (u32) of every
//! cell. A text is its length (u32) and UTF-8; an optional text a flag byte before it.

use std::io::Read;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use super::table::clean_text;
use crate::model::dataset::{Cells, NO_NOTE};
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{SnapshotMeta, Source, SourceKind, YEARS};
use crate::model::{Dataset, IndicatorId, RegionId};

/// No source (an empty cell), no note.
const NONE: u32 = NO_NOTE;

/// The cache's file name in a data folder.
pub const CACHE_FILE: &str = ".cpdash-cache";

/// A snapshot smaller than this is parsed each time: its cache would save nothing to notice.
pub const CACHE_MIN_BYTES: u64 = 4 << 20;

const MAGIC: &[u8; 16] = b"CPDASH-CACHE\n\0\0\0";

/// Bumped whenever the layout or what the loader accepts changes: an older cache is then of
/// other sources.
const VERSION: u32 = 1;

/// The header: magic, version, key, body length, length of the body before the arrays.
const HEADER: usize = 16 + 4 + 16 + 8 + 8;

/// The arrays are read in pieces of this many bytes (a multiple of 8), never held twice.
const PIECE: usize = 1 << 20;

/// The key being computed: the version, then each source file's name, length and bytes.
pub struct KeyHasher(Xxh3);

impl Default for KeyHasher {
    fn default() -> Self {
        let mut h = Xxh3::new();
        h.update(MAGIC);
        h.update(&VERSION.to_le_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        KeyHasher(h)
    }
}

impl From<&KeyHasher> for KeyHasher {
    /// The key so far, to go on two ways.
    fn from(k: &KeyHasher) -> Self {
        KeyHasher(k.0.clone())
    }
}

impl KeyHasher {
    /// A file read whole.
    pub fn file(&mut self, name: &str, bytes: &[u8]) {
        self.head(name, bytes.len() as u64);
        self.0.update(bytes);
    }

    /// A file absent (an optional one): not the same as an empty one.
    pub fn absent(&mut self, name: &str) {
        self.0.update(name.as_bytes());
        self.0.update(&u64::MAX.to_le_bytes());
    }

    fn head(&mut self, name: &str, len: u64) {
        self.0.update(name.as_bytes());
        self.0.update(&len.to_le_bytes());
    }

    /// A file read in pieces, never held whole: the bytes at memory speed, nothing allocated.
    pub fn stream(&mut self, name: &str, path: &Path) -> std::io::Result<()> {
        let mut f = std::fs::File::open(path)?;
        self.head(name, f.metadata()?.len());
        let mut buf = vec![0u8; 1 << 20];
        loop {
            match f.read(&mut buf)? {
                0 => return Ok(()),
                n => self.0.update(&buf[..n]),
            }
        }
    }

    pub fn key(&self) -> u128 {
        self.0.digest128()
    }
}

/// Why a cache was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Written for other sources, or by another version: replaced without a word.
    Stale,
    /// Damaged or forged: said, then replaced.
    Corrupt(String),
}

/// The cache of a loaded data set with its key.
pub fn encode(ds: &Dataset, key: u128) -> Vec<u8> {
    let st = ds.stored();
    let n = st.values.len();
    let mut b = Vec::with_capacity(HEADER + 64 + n * 16 + 8);
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&VERSION.to_le_bytes());
    b.extend_from_slice(&key.to_le_bytes());
    b.extend_from_slice(&[0u8; 16]);
    let m = &ds.meta;
    for s in [&m.id, &m.title] {
        text(&mut b, s);
    }
    opt(&mut b, m.title_en.as_deref());
    b.extend_from_slice(&m.as_of.num_days_from_ce().to_le_bytes());
    text(&mut b, &m.provenance);
    b.extend_from_slice(&(ds.sources.len() as u32).to_le_bytes());
    for s in &ds.sources {
        text(&mut b, &s.url);
        text(&mut b, s.kind.key());
        for o in [&s.title, &s.copy_url, &s.cell] {
            opt(&mut b, o.as_deref());
        }
    }
    b.extend_from_slice(&(st.notes.len() as u32).to_le_bytes());
    for s in st.notes {
        text(&mut b, s);
    }
    for x in [st.first_year as u32, st.n_years as u32, ds.regions.len() as u32, ds.catalog.len() as u32] {
        b.extend_from_slice(&x.to_le_bytes());
    }
    let front = (b.len() - HEADER) as u64;
    for v in st.values {
        b.extend_from_slice(&v.to_le_bytes());
    }
    for x in st.source.iter().chain(st.note) {
        b.extend_from_slice(&x.to_le_bytes());
    }
    let body = (b.len() - HEADER) as u64;
    b[HEADER - 16..HEADER - 8].copy_from_slice(&body.to_le_bytes());
    b[HEADER - 8..HEADER].copy_from_slice(&front.to_le_bytes());
    let sum = xxh3_64(&b);
    b.extend_from_slice(&sum.to_le_bytes());
    b
}

fn text(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(&(s.len() as u32).to_le_bytes());
    b.extend_from_slice(s.as_bytes());
}

fn opt(b: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            b.push(1);
            text(b, s);
        }
        None => b.push(0),
    }
}

/// The data set a cache holds (see [`decode_from`]), from its bytes.
pub fn decode(bytes: &[u8], key: u128, regions: RegionTree, catalog: Catalog) -> Result<Dataset, Refused> {
    decode_from(&mut &bytes[..], bytes.len() as u64, key, regions, catalog)
}

/// The data set a cache of `len` bytes holds, for these regions and catalog, if its key is
/// `key` and every part of it passes the checks the JSON's would.
pub fn decode_from(
    file: &mut dyn Read,
    len: u64,
    key: u128,
    regions: RegionTree,
    catalog: Catalog,
) -> Result<Dataset, Refused> {
    match decode_keyed(file, len, regions, catalog) {
        (Some(k), decoded) if k == key => decoded,
        _ => Err(Refused::Stale),
    }
}

/// The key a cache says it has (`None` where its header is unreadable or of another version),
/// and the data set it holds if every part of it passes the checks: for a caller that learns
/// the sources' key meanwhile (and takes a cache of another key as stale, whatever it holds).
/// Read in one pass: the arrays go straight into the data set's, in pieces.
pub fn decode_keyed(
    file: &mut dyn Read,
    len: u64,
    regions: RegionTree,
    catalog: Catalog,
) -> (Option<u128>, Result<Dataset, Refused>) {
    let mut stored = None;
    let decoded = decode_body(file, len, &mut stored, regions, catalog);
    (stored, decoded)
}

fn decode_body(
    file: &mut dyn Read,
    len: u64,
    stored: &mut Option<u128>,
    regions: RegionTree,
    catalog: Catalog,
) -> Result<Dataset, Refused> {
    let corrupt = |why: &str| Refused::Corrupt(why.to_string());
    let mut sum = Xxh3::new();
    let mut read = |n: usize, buf: &mut Vec<u8>| -> Result<(), Refused> {
        buf.resize(n, 0);
        file.read_exact(buf).map_err(|_| Refused::Corrupt("it is cut short".into()))?;
        sum.update(buf);
        Ok(())
    };
    let mut buf = Vec::new();
    if len < (HEADER + 8) as u64 {
        return Err(corrupt("it is cut short"));
    }
    read(HEADER, &mut buf)?;
    if &buf[..16] != MAGIC {
        return Err(corrupt("it is not a cpdash cache"));
    }
    let mut r = Bytes { b: &buf[16..], at: 0 };
    let (version, stored_key, body, front) = (r.u32()?, r.u128()?, r.u64()?, r.u64()?);
    if version != VERSION {
        return Err(Refused::Stale);
    }
    *stored = Some(stored_key);
    if Some(len) != body.checked_add((HEADER + 8) as u64) || front > body {
        return Err(corrupt("it is cut short or has bytes past its end"));
    }
    let arrays = (body - front) as usize;
    let mut front_bytes = Vec::new();
    read(front as usize, &mut front_bytes)?;
    let mut r = Bytes { b: &front_bytes, at: 0 };
    let meta = SnapshotMeta {
        id: r.text("id")?,
        title: r.text("title")?,
        title_en: r.opt("title_en")?,
        as_of: NaiveDate::from_num_days_from_ce_opt(r.u32()? as i32).ok_or_else(|| corrupt("as_of is not a date"))?,
        provenance: r.text("provenance")?,
    };
    let n_sources = r.count(6)?;
    let mut sources = Vec::with_capacity(n_sources);
    for _ in 0..n_sources {
        let url = r.text("source url")?;
        let kind = r.text("source kind")?;
        let kind = SourceKind::parse(&kind).ok_or_else(|| corrupt(&format!("unknown source kind \"{kind}\"")))?;
        let (title, copy_url, cell) = (r.opt("source title")?, r.opt("copy_url")?, r.opt("cell")?);
        sources.push(Source { url, kind, title, copy_url, cell });
    }
    let n_notes = r.count(4)?;
    let mut notes = Vec::with_capacity(n_notes);
    for _ in 0..n_notes {
        notes.push(r.text("note")?);
    }
    let (first_year, n_years, n_regions, n_indicators) = (r.u32()? as i32, r.u32()?, r.u32()?, r.u32()?);
    if r.left() != 0 {
        return Err(corrupt("its header says a wrong length"));
    }
    if n_regions as usize != regions.len() || n_indicators as usize != catalog.len() {
        return Err(corrupt("its regions or indicators are not the data set's"));
    }
    let last_year = i32::try_from(n_years).ok().and_then(|n| first_year.checked_add(n - 1));
    if n_years > 0 && !(YEARS.contains(&first_year) && last_year.is_some_and(|y| YEARS.contains(&y))) {
        return Err(corrupt("its years are out of range"));
    }
    let n = (n_years as usize)
        .checked_mul(n_regions as usize)
        .and_then(|x| x.checked_mul(n_indicators as usize))
        .filter(|n| n.checked_mul(16) == Some(arrays))
        .ok_or_else(|| corrupt("its arrays are not as long as its regions, indicators and years say"))?;
    // Allocated only now: `n` is bounded by the file's length, which was read.
    let mut values: Vec<f64> = Vec::with_capacity(n);
    let mut source: Vec<u32> = Vec::with_capacity(n);
    let mut note: Vec<u32> = Vec::with_capacity(n);
    let mut left = n * 8;
    while left > 0 {
        read(left.min(PIECE), &mut buf)?;
        values.extend(buf.chunks_exact(8).map(|c| f64::from_le_bytes(le(c))));
        left -= buf.len();
    }
    for out in [&mut source, &mut note] {
        let mut left = n * 4;
        while left > 0 {
            read(left.min(PIECE), &mut buf)?;
            out.extend(buf.chunks_exact(4).map(|c| u32::from_le_bytes(le(c))));
            left -= buf.len();
        }
    }
    let mut trailer = [0u8; 8];
    file.read_exact(&mut trailer).map_err(|_| corrupt("it is cut short"))?;
    // A fuzzer's mutations would nearly all stop here; under cargo-fuzz (`--cfg fuzzing`) the
    // checks after it are what is explored.
    if sum.digest().to_le_bytes() != trailer && !cfg!(fuzzing) {
        return Err(corrupt("its checksum does not match its bytes"));
    }
    let cells = Cells::from_parts(
        first_year,
        n_years as usize,
        n_regions as usize,
        n_indicators as usize,
        values,
        source,
        note,
    )
    .map_err(|e| corrupt(&e))?;
    let ds = Dataset::from_cells(meta, regions, catalog, sources, notes, cells);
    check_values(&ds).map_err(Refused::Corrupt)?;
    Ok(ds)
}

/// Every cell as the JSON loader would take it: a value only with a source, of a stored
/// indicator, allowed by the catalog, not after the data set's date; indices in range.
fn check_values(ds: &Dataset) -> Result<(), String> {
    let st = ds.stored();
    let n_regions = ds.regions.len();
    let (n_sources, n_notes) = (ds.sources.len() as u32, st.notes.len() as u32);
    let last = ds.meta.as_of.year();
    let block = n_regions.max(1);
    for (b, ((values, sources), notes)) in
        st.values.chunks(block).zip(st.source.chunks(block)).zip(st.note.chunks(block)).enumerate()
    {
        let (ind, year) = (b / st.n_years.max(1), st.first_year + (b % st.n_years.max(1)) as i32);
        let def = ds.catalog.get(IndicatorId(ind as u16));
        for (r, ((&v, &s), &n)) in values.iter().zip(sources).zip(notes).enumerate() {
            if s == NONE {
                if !v.is_nan() || n != NONE {
                    return Err(format!("cell {} has a value or a note but no source", b * block + r));
                }
                continue;
            }
            let bad = |why: String| format!("{} {} {year}: {why}", ds.regions.get(RegionId(r as u32)).code, def.id);
            if s >= n_sources || (n != NONE && n >= n_notes) {
                return Err(bad("its source or note index is out of range".into()));
            }
            if !def.is_stored() {
                return Err(bad("the indicator is derived, never stored".into()));
            }
            if year > last {
                return Err(bad(format!("after the data set's date {}", ds.meta.as_of)));
            }
            def.accepts(v).map_err(bad)?;
        }
    }
    for (field, t) in [("id", &ds.meta.id), ("title", &ds.meta.title), ("provenance", &ds.meta.provenance)] {
        clean_text(field, t)?;
    }
    Ok(())
}

fn le<const N: usize>(c: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(c);
    a
}

/// A cursor over the cache's bytes that never reads past them.
struct Bytes<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn left(&self) -> usize {
        self.b.len() - self.at
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Refused> {
        if n > self.left() {
            return Err(Refused::Corrupt("it is cut short".into()));
        }
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, Refused> {
        Ok(u32::from_le_bytes(le(self.take(4)?)))
    }

    fn u64(&mut self) -> Result<u64, Refused> {
        Ok(u64::from_le_bytes(le(self.take(8)?)))
    }

    fn u128(&mut self) -> Result<u128, Refused> {
        Ok(u128::from_le_bytes(le(self.take(16)?)))
    }

    /// A number of items, each at least `min` bytes: never more than the bytes left could hold.
    fn count(&mut self, min: usize) -> Result<usize, Refused> {
        let n = self.u32()? as usize;
        if n > self.left() / min {
            return Err(Refused::Corrupt("a list is longer than the file".into()));
        }
        Ok(n)
    }

    fn text(&mut self, field: &str) -> Result<String, Refused> {
        let n = self.u32()? as usize;
        let s = std::str::from_utf8(self.take(n)?)
            .map_err(|_| Refused::Corrupt(format!("{field} is not UTF-8")))?
            .to_string();
        clean_text(field, &s).map_err(Refused::Corrupt)?;
        Ok(s)
    }

    fn opt(&mut self, field: &str) -> Result<Option<String>, Refused> {
        match self.take(1)?[0] {
            0 => Ok(None),
            1 => self.text(field).map(Some),
            _ => Err(Refused::Corrupt(format!("{field}: not a flag byte"))),
        }
    }
}

/// The tables of the smallest data set a cache can hold: a province and two counties, an
/// indicator stored and one derived (the fuzz target's, and the tests').
pub fn tiny_tables() -> Option<(RegionTree, Catalog)> {
    let regions = super::regions_csv::parse_regions(
        "r.csv",
        b"code,parent_code,level,kind,name_zh,name_en,name_pinyin\n1,,province,p,P,P,p\n11,1,county,c,A,A,a\n12,1,county,c,B,B,b\n",
    )
    .ok()?;
    let catalog = super::catalog_csv::parse_catalog(
        "i.csv",
        b"id,area,name_zh,name_en,unit,direction,formula\nincome_pc,income,x,x,yuan,higher_better,\nhalf,income,h,h,yuan,higher_better,income_pc / 2\n",
    )
    .ok()?;
    Some((regions, catalog))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::snapshot::{Observation, Snapshot};

    fn tiny() -> Dataset {
        let (regions, catalog) = tiny_tables().unwrap();
        let inc = catalog.by_id("income_pc").unwrap();
        let obs = |code: &str, year, value, note: Option<&str>| Observation {
            region: regions.by_code(code).unwrap(),
            indicator: inc,
            year,
            value,
            source: u32::from(code == "12"),
            note: note.map(str::to_string),
        };
        let observations = vec![
            obs("1", 2022, 50000.0, None),
            obs("11", 2023, 41945.5, Some("a note")),
            obs("12", 2023, 27970.0, None),
        ];
        let meta = SnapshotMeta {
            id: "t".into(),
            title: "标题".into(),
            title_en: Some("Title".into()),
            as_of: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            provenance: "hand-made".into(),
        };
        let mut table = Source::page("http://a", SourceKind::Publication);
        (table.title, table.copy_url, table.cell) =
            (Some("年鉴 表1".into()), Some("http://copy".into()), Some("D12".into()));
        let sources = vec![Source::page("http://s", SourceKind::Government), table];
        Dataset::new(regions, catalog, Snapshot { meta, sources, observations })
    }

    fn observations(ds: &Dataset) -> Vec<String> {
        ds.observations()
            .map(|(r, i, y, c)| format!("{r:?} {i:?} {y} {} {:?} {:?}", c.value, c.source, c.note))
            .collect()
    }

    fn decoded(bytes: &[u8], key: u128) -> Result<Dataset, Refused> {
        let (regions, catalog) = tiny_tables().unwrap();
        decode(bytes, key, regions, catalog)
    }

    #[test]
    fn a_cache_reads_back_as_the_data_set_it_was_written_from() {
        let ds = tiny();
        let bytes = encode(&ds, 7);
        let back = decoded(&bytes, 7).unwrap();
        assert_eq!(observations(&back), observations(&ds));
        assert_eq!(back.meta, ds.meta);
        assert_eq!(back.sources, ds.sources);
        assert_eq!(back.n_observations(), 3);
        assert_eq!(decoded(&bytes, 8).unwrap_err(), Refused::Stale, "another key: another source's cache");
    }

    /// The fuzz target's seeds: this cache, and its key and checksum forged to pass.
    #[test]
    fn the_fuzz_seed_is_this_cache() {
        let bytes = encode(&tiny(), 7);
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/cache/tiny");
        assert_eq!(std::fs::read(&seed).ok(), Some(bytes), "{} is not a cache of `tiny()`", seed.display());
    }

    #[test]
    fn every_cut_and_every_flipped_bit_is_refused() {
        let bytes = encode(&tiny(), 7);
        for n in 0..bytes.len() {
            assert!(decoded(&bytes[..n], 7).is_err(), "cut at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decoded(&longer, 7).is_err());
        for at in 0..bytes.len() {
            for bit in [0, 3, 7] {
                let mut b = bytes.clone();
                b[at] ^= 1 << bit;
                assert!(decoded(&b, 7).is_err(), "bit {bit} of byte {at} flipped");
            }
        }
    }

    /// A forged cache (checksum recomputed) is checked as the JSON is: a value the catalog
    /// refuses, a value of a derived indicator, an index out of range, a value with no source.
    #[test]
    fn a_forged_cache_with_a_good_checksum_is_still_checked() {
        let ds = tiny();
        let bytes = encode(&ds, 7);
        let n = 2 * 2 * 3; // indicators × years × regions
        let arrays = bytes.len() - 8 - n * 16;
        let forge = |at: usize, with: &[u8]| {
            let mut b = bytes.clone();
            b[at..at + with.len()].copy_from_slice(with);
            let body = b.len() - 8;
            let sum = xxh3_64(&b[..body]);
            b[body..].copy_from_slice(&sum.to_le_bytes());
            match decoded(&b, 7) {
                Err(Refused::Corrupt(why)) => why,
                other => panic!("{:?}", other.map(|d| observations(&d))),
            }
        };
        // Cell 4: 2023, region 11 (income_pc): a value far past any income.
        assert!(forge(arrays + 4 * 8, &1e300f64.to_le_bytes()).contains("not a plausible value"));
        assert!(forge(arrays + 4 * 8, &(-5.0f64).to_le_bytes()).contains("negative"));
        // Cell 6: `half` (derived) 2022, province: a value and a source where none may be.
        let (v, s) = (arrays + 6 * 8, arrays + n * 8 + 6 * 4);
        let mut b = bytes.clone();
        b[v..v + 8].copy_from_slice(&1.0f64.to_le_bytes());
        b[s..s + 4].copy_from_slice(&0u32.to_le_bytes());
        let body = b.len() - 8;
        let sum = xxh3_64(&b[..body]);
        b[body..].copy_from_slice(&sum.to_le_bytes());
        assert!(matches!(decoded(&b, 7), Err(Refused::Corrupt(w)) if w.contains("derived")));
        // Years that overflow when added up (found by the fuzzer): 2^31 years from 2022.
        let years_at = arrays - 12;
        assert!(forge(years_at, &0x8000_0000u32.to_le_bytes()).contains("years are out of range"));
        // Cell 4's source index past the two sources; cell 1 (county 11 in 2022, empty) given a value.
        assert!(forge(arrays + n * 8 + 4 * 4, &9u32.to_le_bytes()).contains("out of range"));
        assert!(forge(arrays + 8, &1.0f64.to_le_bytes()).contains("no source"));
    }
}
