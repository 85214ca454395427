//! Wide tables as yearbooks and statistics portals give them, read into observations:
//!
//! - **regions × years** for one indicator: `地区,2021,2022,2023` (the indicator from
//!   `--indicator`, or from a first header cell such as `地区生产总值(亿元)`);
//! - **regions × indicators** for one year: `地区,地区生产总值(亿元),常住人口(万人)` with `--year`.
//!
//! Region names are matched to codes with or without their 市/县/区 suffix (`--parent` narrows
//! the search when a name occurs twice); `全省` means the top region. Units come from the header
//! (`亿元`, `万元`, `元`, `万人`, `人`, `%`) and are converted to the catalog's by exact powers of
//! ten, or from `--unit`. Empty cells and `—`, `-`, `…` are missing, never zero. One source
//! address covers the whole file and is required.

use super::collected::{Cite, Collected};
use super::error::{LoadError, LoadErrors};
use super::table::{parse_grouped_number, Table};
use crate::model::indicator::Catalog;
use crate::model::region::{short_name, RegionTree};
use crate::model::snapshot::Source;
use crate::model::{IndicatorId, RegionId, Unit};

/// What the command line says about a wide file or a yearbook sheet.
#[derive(Debug, Clone, Default)]
pub struct WideOptions {
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub parent: Option<String>,
    pub source: Option<Source>,
    pub note: Option<String>,
    /// Sheets: the publication (`浙江统计年鉴2025`), when the title does not say it.
    pub edition: Option<String>,
    /// Sheets: the address of the copy read.
    pub copy_url: Option<String>,
    /// Sheets: header labels (or `upper/lower` labels) → indicator ids.
    pub map: Vec<(String, String)>,
    /// Sheets: which sheet (default: the first).
    pub sheet: Option<String>,
    /// Sheets: the yearbook's labels and the indicators they stand for.
    pub labels: Vec<super::yearbook_labels::LabelRule>,
}

/// (factor to the catalog unit) for a header unit and a catalog unit.
pub fn unit_factor(header_unit: &str, catalog_unit: Unit) -> Option<f64> {
    // A count takes the measure word the table prints: beds, persons, venues, institutions.
    if catalog_unit == Unit::Count && matches!(header_unit, "张" | "人" | "个" | "家" | "座" | "处" | "所" | "count")
    {
        return Some(1.0);
    }
    let (base, scale) = match header_unit {
        "元" | "yuan" => ("yuan", 1.0),
        "万元" => ("yuan", 1e4),
        "亿元" | "100m_yuan" => ("yuan", 1e8),
        "人" => ("persons", 1.0),
        "万人" | "10k_persons" => ("persons", 1e4),
        "%" | "percent" => ("percent", 1.0),
        "ratio" | "倍" => ("ratio", 1.0),
        "册" => ("volumes", 1.0),
        "万册" | "10k_volumes" => ("volumes", 1e4),
        _ => return None,
    };
    let (cbase, cscale) = match catalog_unit {
        Unit::Yuan => ("yuan", 1.0),
        Unit::HundredMillionYuan => ("yuan", 1e8),
        Unit::TenThousandPersons => ("persons", 1e4),
        Unit::Percent => ("percent", 1.0),
        Unit::Ratio => ("ratio", 1.0),
        Unit::TenThousandVolumes => ("volumes", 1e4),
        _ => return None,
    };
    (base == cbase).then_some(scale / cscale)
}

/// Splits `地区生产总值(亿元)` into the name and the unit (full- or half-width brackets).
pub fn name_and_unit(header: &str) -> (&str, Option<&str>) {
    let h = header.trim();
    for (open, close) in [("(", ")"), ("（", "）")] {
        if let Some(stripped) = h.strip_suffix(close) {
            if let Some(i) = stripped.rfind(open) {
                return (stripped[..i].trim(), Some(stripped[i + open.len()..].trim()));
            }
        }
        // A bracket the table never closes (`生产总值 （亿元`, as 17-25 prints it).
        if let Some(i) = h.rfind(open).filter(|i| !h[*i..].contains(close) && *i > 0) {
            let unit = h[i + open.len()..].trim();
            if !unit.is_empty() {
                return (h[..i].trim(), Some(unit));
            }
        }
    }
    (h, None)
}

fn find_indicator(catalog: &Catalog, name: &str) -> Option<IndicatorId> {
    catalog.by_id(name).or_else(|| {
        catalog.iter().find(|(_, d)| d.name_zh == name || d.name_en.eq_ignore_ascii_case(name)).map(|(i, _)| i)
    })
}

/// Derived indicators are computed, never imported (unless their formula only fills gaps).
pub fn observable(catalog: &Catalog, ind: IndicatorId) -> Result<IndicatorId, String> {
    match catalog.get(ind).formula.as_ref().filter(|_| !catalog.get(ind).is_stored()) {
        Some(f) => Err(format!("\"{}\" is derived ({f}); it is computed, not imported", catalog.get(ind).id)),
        None => Ok(ind),
    }
}

/// Codes for a region name as written in a table.
pub fn match_region(tree: &RegionTree, name: &str, parent: Option<RegionId>) -> Result<RegionId, String> {
    let n = name.trim();
    // Totals: 全省 is the top region; 全市/合计/总计 are the --parent region, and need it.
    match (n, parent) {
        ("全省", _) => return tree.roots().first().copied().ok_or_else(|| "the region table is empty".to_string()),
        ("全市" | "合计" | "总计", Some(p)) => return Ok(p),
        ("全市" | "合计" | "总计", None) => {
            return Err(format!("\"{n}\" is a total of the table's region: say which with --parent"))
        }
        _ => {}
    }
    if let Some(id) = tree.by_code(n) {
        return Ok(id);
    }
    let within = |id: RegionId| parent.is_none_or(|p| tree.ancestry(id).contains(&p));
    let stem = short_name(n);
    let hits: Vec<RegionId> = tree
        .iter()
        .filter(|(id, r)| within(*id) && (r.name_zh == n || r.short_name_zh() == stem))
        .map(|(id, _)| id)
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("no region is called \"{n}\"")),
        many => {
            let list: Vec<String> =
                many.iter().map(|id| format!("{} {}", tree.get(*id).code, tree.get(*id).name_zh)).collect();
            Err(format!("\"{n}\" is ambiguous ({}); give --parent", list.join(", ")))
        }
    }
}

/// Reads one wide table into `into`.
pub fn read_wide_csv(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
    opts: &WideOptions,
    into: &mut Collected,
) -> Result<(), LoadErrors> {
    let t = Table::parse(file, bytes)?;
    let headers = t.headers().to_vec();
    let err1 = |col: usize, msg: String| LoadErrors(vec![LoadError::at(file, 1, Some(&headers[col]), msg)]);
    let source = opts.source.clone().ok_or_else(|| {
        LoadErrors(vec![LoadError::file(
            file,
            "a wide table needs --source URL: the address its figures were read from",
        )])
    })?;
    let parent = match &opts.parent {
        None => None,
        Some(p) => {
            Some(regions.resolve(p).map_err(|m| LoadErrors(vec![LoadError::file(file, format!("--parent: {m}"))]))?)
        }
    };
    if headers.len() < 2 {
        return Err(
            LoadError::at(file, 1, None, "a wide table needs a region column and at least one value column").into()
        );
    }
    let years: Vec<Option<i32>> = headers[1..]
        .iter()
        .map(|h| h.trim_end_matches('年').parse::<i32>().ok().filter(|y| crate::model::snapshot::YEARS.contains(y)))
        .collect();
    // Each value column: (indicator, year, factor to the catalog unit).
    let mut columns: Vec<(IndicatorId, i32, f64)> = Vec::new();
    if years.iter().all(Option::is_some) {
        let (first_name, first_unit) = name_and_unit(&headers[0]);
        let ind = match &opts.indicator {
            Some(i) => find_indicator(catalog, i).ok_or_else(|| {
                LoadErrors(vec![LoadError::file(file, format!("--indicator: unknown indicator \"{i}\""))])
            })?,
            None => find_indicator(catalog, first_name)
                .ok_or_else(|| err1(0, "the columns are years: say which indicator with --indicator".into()))?,
        };
        let ind = observable(catalog, ind).map_err(|m| err1(0, m))?;
        let def = catalog.get(ind);
        let unit = opts.unit.as_deref().or(first_unit).unwrap_or(def.unit.key());
        let factor = unit_factor(unit, def.unit)
            .ok_or_else(|| err1(0, format!("the unit \"{unit}\" cannot be converted to {} ({})", def.unit, def.id)))?;
        for y in years.into_iter().flatten() {
            columns.push((ind, y, factor));
        }
    } else {
        let year = opts.year.ok_or_else(|| err1(1, "the columns are indicators: say which year with --year".into()))?;
        for (i, h) in headers.iter().enumerate().skip(1) {
            let (name, unit) = name_and_unit(h);
            let ind = find_indicator(catalog, name).ok_or_else(|| {
                let hint = catalog.nearest(name).map(|c| format!("; did you mean \"{c}\"?")).unwrap_or_default();
                err1(i, format!("no indicator of the catalog is called \"{name}\"{hint}"))
            })?;
            let ind = observable(catalog, ind).map_err(|m| err1(i, m))?;
            let def = catalog.get(ind);
            let unit = unit.or(opts.unit.as_deref()).unwrap_or(def.unit.key());
            let factor = unit_factor(unit, def.unit).ok_or_else(|| {
                err1(i, format!("the unit \"{unit}\" cannot be converted to {} ({})", def.unit, def.id))
            })?;
            columns.push((ind, year, factor));
        }
    }
    let mut errors = Vec::new();
    for row in &t.rows {
        let name = t.at(row, 0);
        let region = match match_region(regions, name, parent) {
            Ok(r) => r,
            Err(m) => {
                errors.push(LoadError::at(file, row.line, Some(&headers[0]), m));
                continue;
            }
        };
        for (c, (ind, year, factor)) in columns.iter().enumerate() {
            let raw = t.at(row, c + 1);
            if matches!(raw, "" | "—" | "-" | "–" | "…" | "...") {
                continue;
            }
            let def = catalog.get(*ind);
            let value = match parse_grouped_number(raw) {
                Ok(v) => v * factor,
                Err(m) => {
                    errors.push(LoadError::at(file, row.line, Some(&headers[c + 1]), m));
                    continue;
                }
            };
            // Undo float noise of the unit shift (e.g. 7.3 × 0.0001), keeping 10 significant digits.
            let value = format!("{value:.10e}").parse::<f64>().unwrap_or(value);
            if let Err(m) = def.accepts(value) {
                errors.push(LoadError::at(file, row.line, Some(&headers[c + 1]), m));
                continue;
            }
            into.add((file, row.line, false), region, *ind, *year, value, Cite::of(&source), opts.note.as_deref());
        }
    }
    LoadErrors::check(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_and_units() {
        assert_eq!(name_and_unit("地区生产总值(亿元)"), ("地区生产总值", Some("亿元")));
        assert_eq!(name_and_unit("常住人口(万人)"), ("常住人口", Some("万人")));
        assert_eq!(name_and_unit("地区"), ("地区", None));
        // Full-width brackets keep their unit (a wide CSV's GDP in 万元 is not taken as 亿元).
        assert_eq!(name_and_unit("地区生产总值（万元）"), ("地区生产总值", Some("万元")));
        assert_eq!(name_and_unit("生产总值(亿元"), ("生产总值", Some("亿元")));
        assert_eq!(unit_factor("万元", Unit::HundredMillionYuan), Some(1e-4));
        assert_eq!(unit_factor("人", Unit::TenThousandPersons), Some(1e-4));
        assert_eq!(unit_factor("元", Unit::Percent), None);
    }
}
