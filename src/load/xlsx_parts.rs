//! The parts of an `.xlsx` that calamine does not bound or does not give:
//!
//! - [`check_parts`]: before calamine opens the file, every part is inflated once with a cap (a
//!   3 MB zip can claim gigabytes of shared strings), and a part stored twice is refused;
//! - [`sheet_facts`]: the number formats of a sheet's cells, how many decimals the table prints. A
//!   yearbook cell may hold more than it shows (`41302.65` under the format `0`, printed 41,303);
//!   the value the publication gives is the one printed. The same pass refuses two cells at one
//!   address and more merged regions than a table has.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// No part of a yearbook workbook comes near this once inflated; a larger one is refused
/// rather than inflated without bound (a small zip can claim gigabytes).
pub const MAX_PART: u64 = 64 << 20;
/// All parts together, inflated.
pub const MAX_TOTAL: u64 = 256 << 20;
/// Parts in one workbook (a yearbook table has about a dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Merged regions in one sheet (a yearbook table has a few dozen).
pub const MAX_MERGED: usize = 10_000;

/// Inflates every part once, counting, before anything else reads the file: `Err` names a part
/// beyond [`MAX_PART`], all beyond [`MAX_TOTAL`], too many parts, or a part stored twice.
pub fn check_parts(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("the workbook holds {} parts (at most {MAX_ENTRIES}): not a yearbook table", zip.len()));
    }
    // The reader keeps one part per name: the directory's own count tells a name stored twice.
    let listed = bytes
        .windows(4)
        .rposition(|w| w == [0x50, 0x4B, 0x05, 0x06])
        .and_then(|at| bytes.get(at + 10..at + 12))
        .map(|n| usize::from(u16::from_le_bytes([n[0], n[1]])));
    if let Some(n) = listed.filter(|n| *n != 0xFFFF && *n != zip.len()) {
        return Err(format!(
            "the directory lists {n} parts but {} names: a part is stored twice, and which one counts cannot be told",
            zip.len()
        ));
    }
    let mut names = std::collections::HashSet::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = f.name().to_string();
        if !names.insert(name.clone()) {
            return Err(format!("the part {name} is stored twice: which one counts cannot be told"));
        }
        let n = std::io::copy(&mut f.take(MAX_PART + 1), &mut std::io::sink()).map_err(|e| format!("{name}: {e}"))?;
        if n > MAX_PART {
            return Err(format!("the part {name} inflates beyond {} MiB: not a yearbook table", MAX_PART >> 20));
        }
        total += n;
        if total > MAX_TOTAL {
            return Err(format!("the parts inflate beyond {} MiB in all: not a yearbook table", MAX_TOTAL >> 20));
        }
    }
    Ok(())
}

/// The decimals printed by a format code (`0` → 0, `#,##0.00` → 2); `None` for General, text,
/// dates and anything else whose printed decimals are not a fixed count.
pub fn decimals_of(code: &str) -> Option<u8> {
    let section = code.split(';').next().unwrap_or("");
    // Quoted text, escaped characters and bracketed colours or conditions print no digits.
    let mut plain = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            other => plain.push(other),
        }
    }
    let lower = plain.to_ascii_lowercase();
    if lower.contains("general")
        || lower.chars().any(|c| matches!(c, 'y' | 'm' | 'd' | 'h' | 's' | 'e' | '@' | '%' | '/'))
        || !lower.contains(['0', '#'])
    {
        return None;
    }
    let decimals = match lower.split_once('.') {
        Some((_, frac)) => frac.chars().take_while(|c| matches!(c, '0' | '#' | '?')).count(),
        None => 0,
    };
    // `#` and `?` print a digit only when there is one: a fixed count needs zeros only.
    let frac = lower.split_once('.').map_or("", |(_, f)| f);
    if frac.chars().take(decimals).any(|c| c != '0') {
        return None;
    }
    u8::try_from(decimals).ok()
}

/// The built-in format ids (ECMA-376 18.8.30) with a fixed number of decimals.
fn builtin(id: u32) -> Option<u8> {
    match id {
        1 | 3 | 37 | 38 => Some(0),
        2 | 4 | 39 | 40 => Some(2),
        _ => None,
    }
}

/// A part by name, found as calamine finds it: letter case and `\` for `/` aside.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let same = |n: &str| n.replace('\\', "/").eq_ignore_ascii_case(name);
    let Some(index) = (0..zip.len()).find(|i| zip.name_for_index(*i).is_some_and(same)) else { return Ok(None) };
    let f = zip.by_index(index).map_err(|e| format!("{name}: {e}"))?;
    let mut out = Vec::new();
    f.take(MAX_PART + 1).read_to_end(&mut out).map_err(|e| format!("{name}: {e}"))?;
    if out.len() as u64 > MAX_PART {
        return Err(format!("the part {name} inflates beyond {} MiB: not a yearbook table", MAX_PART >> 20));
    }
    Ok(Some(out))
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key).and_then(|a| {
        std::str::from_utf8(&a.value).ok().and_then(|v| quick_xml::escape::unescape(v).ok()).map(|v| v.into_owned())
    })
}

/// An element of an XML part as the reader meets it.
enum Tag<'a> {
    /// `<c …>`, with children to come.
    Open(&'a BytesStart<'a>),
    /// `<c …/>`.
    Empty(&'a BytesStart<'a>),
    /// `</c>`: its local name.
    Close(&'a [u8]),
}

impl<'a> Tag<'a> {
    /// The element's attributes, where it opens.
    fn start(&self) -> Option<&'a BytesStart<'a>> {
        match self {
            Tag::Open(e) | Tag::Empty(e) => Some(e),
            Tag::Close(_) => None,
        }
    }
}

/// Every element of an XML part, in order.
fn each_element(xml: &[u8], mut f: impl FnMut(Tag)) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(Tag::Open(&e)),
            Ok(Event::Empty(e)) => f(Tag::Empty(&e)),
            Ok(Event::End(e)) => f(Tag::Close(e.local_name().as_ref())),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
        buf.clear();
    }
}

/// What a sheet's XML says beyond its values.
#[derive(Debug, Default)]
pub struct SheetFacts {
    /// The decimals printed, by 0-based (row, column), for the number cells whose format fixes
    /// them.
    pub decimals: HashMap<(u32, u32), u8>,
    /// Cells holding a formula but no computed value (a file saved without calculating).
    pub uncomputed: std::collections::HashSet<(u32, u32)>,
}

/// The facts of `sheet` (cells beyond `max` are left out: the sheet reader refuses them), or
/// `Err` for two cells at one address or more merged regions than a table has.
pub fn sheet_facts(bytes: &[u8], sheet: &str, max: (u32, u32)) -> Result<SheetFacts, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    // The sheet's part: its relationship id in the workbook, its target in the relationships.
    let workbook = part(&mut zip, "xl/workbook.xml")?.ok_or("no xl/workbook.xml")?;
    let mut rid = None;
    each_element(&workbook, |t| {
        if let Some(e) = t.start().filter(|e| e.local_name().as_ref() == b"sheet") {
            if attr(e, b"name").as_deref() == Some(sheet) {
                rid = attr(e, b"id");
            }
        }
    })?;
    let rels = part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let mut target = None;
    each_element(&rels, |t| {
        if let Some(e) = t.start().filter(|e| e.local_name().as_ref() == b"Relationship") {
            if attr(e, b"Id").is_some() && attr(e, b"Id") == rid {
                target = attr(e, b"Target");
            }
        }
    })?;
    let Some(target) = target else { return Err(format!("the workbook names no part for sheet \"{sheet}\"")) };
    let target = target.replace('\\', "/");
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if target.to_ascii_lowercase().starts_with("xl/") => target,
        None => format!("xl/{target}"),
    };
    // Styles: the custom formats' codes, and each cell style's format id.
    let mut codes: HashMap<u32, Option<u8>> = HashMap::new();
    let mut xf_decimals: Vec<Option<u8>> = Vec::new();
    if let Some(styles) = part(&mut zip, "xl/styles.xml")? {
        let mut in_cell_xfs = false;
        each_element(&styles, |t| match t {
            Tag::Close(b"cellXfs") => in_cell_xfs = false,
            Tag::Open(e) | Tag::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(e, b"numFmtId"), attr(e, b"formatCode")) {
                        if let Ok(id) = id.parse() {
                            codes.insert(id, decimals_of(&code));
                        }
                    }
                }
                b"cellXfs" => in_cell_xfs = matches!(t, Tag::Open(_)),
                b"xf" if in_cell_xfs => {
                    let id: u32 = attr(e, b"numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    xf_decimals.push(codes.get(&id).copied().unwrap_or_else(|| builtin(id)));
                }
                _ => {}
            },
            Tag::Close(_) => {}
        })?;
    }
    // A sheet calamine read must be found here too: else its checks would be skipped unseen.
    let Some(xml) = part(&mut zip, &path)? else { return Err(format!("the sheet's part {path} is missing")) };
    let mut out = SheetFacts::default();
    let mut seen = std::collections::HashSet::new();
    let (mut twice, mut merged) = (None, 0usize);
    // The cell open now: its address, whether it holds a formula, whether a value.
    let mut open: Option<((u32, u32), bool, bool)> = None;
    each_element(&xml, |t| {
        let e = match t {
            Tag::Close(b"c") => {
                if let Some((at, true, false)) = open.take() {
                    out.uncomputed.insert(at);
                }
                return;
            }
            Tag::Close(_) => return,
            Tag::Open(e) | Tag::Empty(e) => e,
        };
        match e.local_name().as_ref() {
            b"mergeCell" => merged += 1,
            b"f" => {
                if let Some(c) = &mut open {
                    c.1 = true;
                }
            }
            b"v" => {
                if let Some(c) = &mut open {
                    c.2 = true;
                }
            }
            b"c" => {
                let Some(r) = attr(e, b"r") else { return };
                let Some(at) = parse_a1(&r).filter(|(row, col)| *row < max.0 && *col < max.1) else { return };
                if !seen.insert(at) && twice.is_none() {
                    twice = Some(r.clone());
                }
                if matches!(t, Tag::Open(_)) {
                    open = Some((at, false, false));
                }
                // A text cell shows as typed: only number cells (no `t`, or `t="n"`) print decimals.
                if attr(e, b"t").is_some_and(|t| t != "n") {
                    return;
                }
                let Some(s) = attr(e, b"s") else { return };
                if let Some(d) = s.parse::<usize>().ok().and_then(|s| xf_decimals.get(s).copied().flatten()) {
                    out.decimals.insert(at, d);
                }
            }
            _ => {}
        }
    })?;
    if let Some(r) = twice {
        return Err(format!("the sheet holds two cells at {r}: which one counts cannot be told"));
    }
    if merged > MAX_MERGED {
        return Err(format!("the sheet has {merged} merged regions (at most {MAX_MERGED}): not a yearbook table"));
    }
    Ok(out)
}

/// `C4` → (3, 2).
fn parse_a1(a: &str) -> Option<(u32, u32)> {
    let letters: String = a.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &a[letters.len()..];
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |acc, b| Some(acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)))?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_decimals() {
        assert_eq!(decimals_of("0"), Some(0));
        assert_eq!(decimals_of("0.00"), Some(2));
        assert_eq!(decimals_of("#,##0.0_ "), Some(1));
        assert_eq!(decimals_of("0.00;[Red]-0.00"), Some(2));
        assert_eq!(decimals_of("General"), None);
        assert_eq!(decimals_of("yyyy-mm-dd"), None);
        assert_eq!(decimals_of("0.00%"), None);
        assert_eq!(decimals_of("0.0#"), None);
        assert_eq!(decimals_of("\"约\"0"), Some(0));
        assert_eq!(builtin(1), Some(0));
        assert_eq!(builtin(0), None);
        assert_eq!(parse_a1("C4"), Some((3, 2)));
        assert_eq!(parse_a1("AA10"), Some((9, 26)));
        assert_eq!(parse_a1("4C"), None);
    }
}
