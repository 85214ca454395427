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
use crate::model::Unit;

pub fn parse_published(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
) -> Result<Vec<Published>, LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["region_code", "indicator", "year", "value", "unit", "source_url"])?;
    t.parse_rows(|row| {
        let Some(indicator) = catalog.by_id(t.get(row, "indicator")) else { return Ok(None) };
        let code = t.required(row, "region_code")?;
        let region = regions
            .by_code(code)
            .ok_or_else(|| t.err(row, "region_code", format!("unknown region code \"{code}\"")))?;
        let y = t.required(row, "year")?;
        let year: i32 = y.parse().map_err(|_| t.err(row, "year", format!("\"{y}\" is not a year")))?;
        let v = t.required(row, "value")?;
        let value = parse_number(v).map_err(|m| t.err(row, "value", m))?;
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
    }
}
