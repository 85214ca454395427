//! `reference/province_reported.csv`: figures published by the province (a yearbook, a bulletin,
//! a progress report), kept to check the data set's own values against, with `region_code,
//! indicator, year, value, unit, source_url`. Rows of indicators the catalog does not hold are
//! skipped (the file also documents figures the dashboard has no indicator for); a row with an
//! unknown region, a unit other than the catalog's, or a bad number is an error with its line.

use super::error::LoadErrors;
use super::table::{parse_number, Table};
use crate::model::dataset::Published;
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{year_out_of_range, YEARS};
use crate::model::Unit;

pub fn parse_published(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
) -> Result<Vec<Published>, LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["region_code", "indicator", "year", "value", "unit", "source_url"])?;
    // (region, indicator, year) → (value, line): a figure given twice must be the same figure.
    let mut seen = std::collections::HashMap::new();
    t.parse_rows(|row| {
        let Some(indicator) = catalog.by_id(t.get(row, "indicator")) else { return Ok(None) };
        let code = t.required(row, "region_code")?;
        let region = regions
            .by_code(code)
            .ok_or_else(|| t.err(row, "region_code", format!("unknown region code \"{code}\"")))?;
        let y = t.required(row, "year")?;
        let year: i32 = y
            .parse()
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| t.err(row, "year", year_out_of_range(format!("\"{y}\""))))?;
        let v = t.required(row, "value")?;
        let value = parse_number(v).map_err(|m| t.err(row, "value", m))?;
        // The same plausibility bounds as an observation of the indicator.
        catalog.get(indicator).accepts(value).map_err(|m| t.err(row, "value", m))?;
        match seen.get(&(region, indicator, year)).copied() {
            Some((other, line)) if other != value => {
                return Err(t.err(
                    row,
                    "value",
                    format!("{value} contradicts {other} on line {line} for the same region, indicator and year"),
                ))
            }
            Some((_, line)) => return Err(t.err(row, "value", format!("the same figure is already on line {line}"))),
            None => {
                seen.insert((region, indicator, year), (value, row.line));
            }
        }
        let unit = t.required(row, "unit")?;
        let want = catalog.get(indicator).unit;
        if Unit::parse(unit) != Some(want) {
            return Err(t.err(row, "unit", format!("\"{unit}\" is not the catalog's unit {}", want.key())));
        }
        let source_url = t.required(row, "source_url")?.to_string();
        Ok(Some(Published { region, indicator, year, value, source_url }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data_dir::bundled_tables;

    #[test]
    fn the_bundled_reference_loads_and_bad_rows_are_named() {
        let (regions, catalog) = bundled_tables().unwrap();
        let p = parse_published("r.csv", crate::load::bundled::PUBLISHED, &regions, &catalog).unwrap();
        let gdp = catalog.by_id("gdp").unwrap();
        let zj = regions.by_code("330000").unwrap();
        assert!(p.iter().any(|x| x.region == zj && x.indicator == gdp && x.year == 2022 && x.value == 77715.0));
        let bad = b"region_code,indicator,year,value,unit,source_url\n339999,gdp,2022,1,100m_yuan,http://x\n330000,gdp,2022,1,yuan,http://x\n330000,no_such,2022,x,y,z\n";
        assert_eq!(
            parse_published("r.csv", bad, &regions, &catalog).unwrap_err().to_string(),
            "r.csv:2: field `region_code`: unknown region code \"339999\"\nr.csv:3: field `unit`: \"yuan\" is not the catalog's unit 100m_yuan"
        );
        // A year out of range, an implausible figure, a contradiction, a repeat.
        let bad = b"region_code,indicator,year,value,unit,source_url\n330000,gdp,20222,1,100m_yuan,http://x\n330000,gdp,2022,1e300,100m_yuan,http://x\n330000,gdp,2021,73516,100m_yuan,http://x\n330000,gdp,2021,73515,100m_yuan,http://y\n330000,gdp,2021,73516,100m_yuan,http://z\n";
        let e = parse_published("r.csv", bad, &regions, &catalog).unwrap_err().to_string();
        let lines: Vec<&str> = e.lines().collect();
        assert!(lines[0].starts_with("r.csv:2: field `year`: \"20222\""), "{e}");
        assert!(lines[1].starts_with("r.csv:3: field `value`: ") && lines[1].contains("1e300"), "{e}");
        assert_eq!(
            lines[2],
            "r.csv:5: field `value`: 73515 contradicts 73516 on line 4 for the same region, indicator and year"
        );
        assert_eq!(lines[3], "r.csv:6: field `value`: the same figure is already on line 4");
    }
}
