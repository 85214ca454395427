//! `cpdash rebuild`: the bundled `observations.csv` made from the yearbook's own tables and the
//! rows sourced by hand. The tables are listed in a manifest (`assets/yearbook_tables.csv`: the
//! file under the tables folder, its SHA-256, the address of the copy, a note); each present
//! file whose hash matches is imported as `cpdash import` reads it, with no map. The hand rows
//! (`assets/observations_hand.csv`: pages, communiqués, and tables whose files are not at hand)
//! are kept as written; one for a cell a table also gives takes its place where it comes from an
//! official page (a finer figure than the table prints), and is reported; a repost's figure
//! never replaces a table's, and goes into the table row's note.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::collected::Collected;
use super::error::{LoadError, LoadErrors};
use super::sheet::read_sheet;
use super::table::Table;
use super::wide_csv::WideOptions;
use super::yearbook_labels::LabelRule;
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{Source, SourceKind};

/// The publisher's address, cited by every table value.
pub const PUBLISHER: &str = "https://tjj.zj.gov.cn/";

pub const HEADER: [&str; 11] = [
    "region_code",
    "indicator",
    "year",
    "value",
    "unit",
    "source_url",
    "source_kind",
    "note",
    "source_title",
    "copy_url",
    "cell",
];

/// What a rebuild made and found.
#[derive(Debug)]
pub struct Rebuilt {
    pub csv: String,
    /// Rows from tables, rows kept from the hand file.
    pub table_rows: usize,
    pub hand_rows: usize,
    /// Manifest files not found under the tables folder, and the rows of the committed data that
    /// cite them are then not reproduced.
    pub absent: Vec<String>,
    pub tables_read: usize,
    /// Cells a table gives that a hand row from an official page keeps instead: `code indicator
    /// year: table → hand`.
    pub superseded: Vec<String>,
    /// Hand rows from reposts for cells a table gives: the table's value stays, the repost's
    /// figure goes into its note.
    pub demoted: usize,
}

type Key = (String, String, i32);

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows of every present table of the manifest.
fn table_rows(
    tables: &Path,
    manifest: (&str, &[u8]),
    (regions, catalog, labels): (&RegionTree, &Catalog, &[LabelRule]),
    absent: &mut Vec<String>,
) -> Result<(BTreeMap<Key, Vec<String>>, usize), LoadErrors> {
    let m = Table::parse(manifest.0, manifest.1)?;
    m.require(&["file", "sha256", "copy_url", "note"])?;
    let mut rows: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut read = 0;
    for row in &m.rows {
        let file = m.get(row, "file");
        let path = tables.join(file);
        if !path.is_file() {
            absent.push(file.to_string());
            continue;
        }
        let name = path.display().to_string();
        let bytes = match crate::fsio::read_bounded(&path, crate::fsio::MAX_DATA_FILE) {
            Ok(b) => b,
            Err(why) => {
                errors.push(LoadError::file(&name, format!("cannot be read: {why}")));
                continue;
            }
        };
        let hash = sha256_hex(&bytes);
        if hash != m.get(row, "sha256") {
            errors.push(m.err(
                row,
                "sha256",
                format!("{name} has SHA-256 {hash}, not the one listed: not the file the data were read from"),
            ));
            continue;
        }
        let opts = WideOptions {
            source: Some(Source::page(PUBLISHER.to_string(), SourceKind::Publication)),
            copy_url: Some(m.get(row, "copy_url").to_string()).filter(|u| !u.is_empty()),
            note: m.opt(row, "note").map(str::to_string),
            labels: labels.to_vec(),
            ..WideOptions::default()
        };
        let mut c = Collected::default();
        if let Err(LoadErrors(mut es)) = read_sheet(&name, &bytes, regions, catalog, &opts, &mut c) {
            errors.append(&mut es);
            continue;
        }
        read += 1;
        for p in &c.observations {
            let ind = catalog.get(p.indicator);
            let src = &c.sources[p.source as usize];
            let key = (regions.get(p.region).code.clone(), ind.id.clone(), p.year);
            let fields = vec![
                key.0.clone(),
                key.1.clone(),
                p.year.to_string(),
                format!("{}", p.value),
                ind.unit.key().to_string(),
                src.url.clone(),
                src.kind.key().to_string(),
                c.note_text(p.note).unwrap_or("").to_string(),
                src.title.clone().unwrap_or_default(),
                src.copy_url.clone().unwrap_or_default(),
                src.cell.clone().unwrap_or_default(),
            ];
            // A cell two tables print (17-25 and 17-26 both give the resident population): the
            // first table of the manifest is cited; another value is an error.
            match rows.get(&key) {
                Some(first) if first[3] == fields[3] => {}
                Some(first) => errors.push(m.err(
                    row,
                    "file",
                    format!(
                        "{} {} {}: {} here, {} in {} ({})",
                        key.0, key.1, key.2, fields[3], first[3], first[8], first[10]
                    ),
                )),
                None => {
                    rows.insert(key, fields);
                }
            }
        }
    }
    LoadErrors::check(errors).map(|()| (rows, read))
}

/// Rebuilds `observations.csv` from the tables under `tables` and the hand rows.
pub fn rebuild(
    tables: &Path,
    manifest: (&str, &[u8]),
    hand: (&str, &[u8]),
    notes: (&str, &[u8]),
    data: (&RegionTree, &Catalog, &[LabelRule]),
) -> Result<Rebuilt, LoadErrors> {
    let mut absent = Vec::new();
    let (mut rows, tables_read) = table_rows(tables, manifest, data, &mut absent)?;
    let table_rows = rows.len();
    // Notes about a table's cell beyond what the table says (the same figure on an official page,
    // a repost's different figure): appended to the row's note.
    let n = Table::parse(notes.0, notes.1)?;
    n.require(&["region_code", "indicator", "year", "note"])?;
    let mut errors = Vec::new();
    for row in &n.rows {
        let Ok(year) = n.get(row, "year").parse::<i32>() else {
            errors.push(n.err(row, "year", format!("\"{}\" is not a year", n.get(row, "year"))));
            continue;
        };
        let key = (n.get(row, "region_code").to_string(), n.get(row, "indicator").to_string(), year);
        match rows.get_mut(&key) {
            Some(fields) => {
                let extra = n.get(row, "note");
                fields[7] = if fields[7].is_empty() { extra.to_string() } else { format!("{}; {extra}", fields[7]) };
            }
            None if absent.is_empty() => {
                errors.push(n.err(row, "region_code", "no table of the manifest gives this cell"))
            }
            None => {}
        }
    }
    LoadErrors::check(std::mem::take(&mut errors))?;
    let h = Table::parse(hand.0, hand.1)?;
    h.require(&HEADER)?;
    let mut superseded = Vec::new();
    let (mut hand_rows, mut demoted) = (0, 0);
    let mut seen = std::collections::HashSet::new();
    for row in &h.rows {
        let fields: Vec<String> = HEADER.iter().map(|c| h.get(row, c).to_string()).collect();
        let Ok(year) = fields[2].parse::<i32>() else {
            errors.push(h.err(row, "year", format!("\"{}\" is not a year", fields[2])));
            continue;
        };
        let key = (fields[0].clone(), fields[1].clone(), year);
        if !seen.insert(key.clone()) {
            errors.push(h.err(row, "region_code", format!("{} {} {year} is given twice by hand", key.0, key.1)));
            continue;
        }
        // A finer figure from an official page may stand for a table's cell; a repost's may not
        // (it is kept in the table row's note).
        let official = matches!(fields[6].as_str(), "government" | "state_media" | "publication");
        match rows.get_mut(&key) {
            Some(t) if !official => {
                let said = format!("a repost gives {} ({})", fields[3], fields[5]);
                t[7] = if t[7].is_empty() { said } else { format!("{}; {said}", t[7]) };
                demoted += 1;
            }
            Some(t) => {
                superseded.push(format!(
                    "{} {} {}: table {} ({}) → {} ({})",
                    key.0, key.1, year, t[3], t[10], fields[3], fields[5]
                ));
                rows.insert(key, fields);
            }
            None => {
                hand_rows += 1;
                rows.insert(key, fields);
            }
        }
    }
    LoadErrors::check(errors)?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut out_errors = Vec::new();
    let mut write = |r: &[String]| {
        if let Err(e) = w.write_record(r) {
            out_errors.push(LoadError::file(hand.0, e.to_string()));
        }
    };
    write(&HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    for r in rows.values() {
        write(r);
    }
    LoadErrors::check(out_errors)?;
    let bytes = w.into_inner().map_err(|e| LoadErrors(vec![LoadError::file(hand.0, e.to_string())]))?;
    let csv = String::from_utf8(bytes).map_err(|e| LoadErrors(vec![LoadError::file(hand.0, e.to_string())]))?;
    Ok(Rebuilt { csv, table_rows: table_rows - superseded.len(), hand_rows, absent, tables_read, superseded, demoted })
}
