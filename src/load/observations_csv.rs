//! The long-format observations CSV that `cpdash import` reads: one row per region × indicator ×
//! year, with `region_code, indicator, year, value, unit, source_url` and optional
//! `source_kind`, `note`, and for a value read from a publication `source_title` (edition and
//! table), `cell` and `copy_url` (the copy it was read from); other columns are ignored.

use super::collected::{Cite, Collected};
use super::error::{LoadError, LoadErrors};
use super::table::{parse_number, Table};
use crate::model::indicator::{nearest, Catalog};
use crate::model::region::RegionTree;
use crate::model::snapshot::{year_out_of_range, SourceKind, YEARS};

pub const REQUIRED: [&str; 6] = ["region_code", "indicator", "year", "value", "unit", "source_url"];

/// Positions of the columns, looked up once per file.
struct Columns {
    region: usize,
    indicator: usize,
    year: usize,
    value: usize,
    unit: usize,
    source_url: usize,
    source_kind: Option<usize>,
    note: Option<usize>,
    source_title: Option<usize>,
    copy_url: Option<usize>,
    cell: Option<usize>,
}

impl Columns {
    /// The columns' positions; `None` if a required one is missing.
    fn of(t: &Table) -> Option<Columns> {
        Some(Columns {
            region: t.column("region_code")?,
            indicator: t.column("indicator")?,
            year: t.column("year")?,
            value: t.column("value")?,
            unit: t.column("unit")?,
            source_url: t.column("source_url")?,
            source_kind: t.column("source_kind"),
            note: t.column("note"),
            source_title: t.column("source_title"),
            copy_url: t.column("copy_url"),
            cell: t.column("cell"),
        })
    }
}

pub use super::error::MAX_ROW_ERRORS;

/// Reads one long-format CSV into `into`, row by row, collecting every bad row (up to
/// [`MAX_ROW_ERRORS`]).
pub fn read_long_csv(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
    into: &mut Collected,
) -> Result<(), LoadErrors> {
    let mut errors = Vec::new();
    let cols = std::cell::OnceCell::new();
    Table::stream(
        file,
        bytes,
        |t| {
            t.require(&REQUIRED)?;
            if let Some(c) = Columns::of(t) {
                let _ = cols.set(c);
            }
            Ok(())
        },
        |t, row| {
            // The header check above has found every required column. Past the error cap the
            // rows are no longer checked (nor near names looked for): one line says so.
            let Some(cols) = cols.get() else { return };
            if errors.len() > MAX_ROW_ERRORS {
                return;
            }
            if let Err(e) = read_row(t, row, cols, regions, catalog, into) {
                errors.push(e);
                if errors.len() > MAX_ROW_ERRORS {
                    errors.push(LoadError::at(
                        file,
                        row.line,
                        None,
                        format!("more than {MAX_ROW_ERRORS} bad rows; stopped checking here"),
                    ));
                }
            }
        },
    )?;
    LoadErrors::check(errors)
}

fn read_row(
    t: &Table,
    row: &super::table::Row,
    cols: &Columns,
    regions: &RegionTree,
    catalog: &Catalog,
    into: &mut Collected,
) -> Result<(), LoadError> {
    let field = |i: usize| t.at(row, i);
    let required = |i: usize, name: &str| {
        Some(field(i)).filter(|s| !s.is_empty()).ok_or_else(|| t.err(row, name, "the value is empty"))
    };
    let code = required(cols.region, "region_code")?;
    let region = regions.by_code(code).ok_or_else(|| {
        let hint = nearest(code, regions.iter().map(|(_, r)| r.code.as_str()))
            .and_then(|c| regions.by_code(c).map(|id| format!("; did you mean {c} ({})?", regions.get(id).name_zh)))
            .unwrap_or_default();
        t.err(row, "region_code", format!("unknown region code \"{code}\"{hint}"))
    })?;
    let ind_s = required(cols.indicator, "indicator")?;
    let indicator = catalog.by_id(ind_s).ok_or_else(|| {
        let hint = catalog.nearest(ind_s).map(|c| format!("; did you mean \"{c}\"?")).unwrap_or_default();
        t.err(row, "indicator", format!("unknown indicator \"{ind_s}\"{hint}"))
    })?;
    let def = catalog.get(indicator);
    if let Some(f) = def.formula.as_ref().filter(|_| !def.is_stored()) {
        return Err(t.err(row, "indicator", format!("\"{ind_s}\" is derived ({f}); it is computed, not imported")));
    }
    let year_s = required(cols.year, "year")?;
    let year: i32 = year_s
        .parse()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| t.err(row, "year", year_out_of_range(format!("\"{year_s}\""))))?;
    let value_s = required(cols.value, "value")?;
    let value = parse_number(value_s).map_err(|m| t.err(row, "value", m))?;
    def.accepts(value).map_err(|m| t.err(row, "value", m))?;
    let unit = required(cols.unit, "unit")?;
    if unit != def.unit.key() {
        return Err(t.err(
            row,
            "unit",
            format!("\"{unit}\" does not match the catalog unit \"{}\" of {ind_s}", def.unit),
        ));
    }
    let url = Some(field(cols.source_url)).filter(|s| !s.is_empty()).ok_or_else(|| {
        t.err(row, "source_url", "the value has no source; every value needs the address it was read from")
    })?;
    let kind_s = cols.source_kind.map_or("", field);
    let kind = SourceKind::parse(kind_s).ok_or_else(|| t.err(row, "source_kind", SourceKind::unknown(kind_s)))?;
    let optional = |c: Option<usize>| c.map(field).filter(|s| !s.is_empty());
    let cite = Cite {
        url,
        kind,
        title: optional(cols.source_title),
        copy_url: optional(cols.copy_url),
        cell: optional(cols.cell),
    };
    if kind == SourceKind::Publication && (cite.title.is_none() || cite.cell.is_none()) {
        let missing = if cite.title.is_none() { "source_title" } else { "cell" };
        return Err(t.err(
            row,
            missing,
            "a value from a publication names its edition and table (source_title) and its cell (cell)",
        ));
    }
    into.add((&t.file, row.line, false), region, indicator, year, value, cite, optional(cols.note));
    Ok(())
}
