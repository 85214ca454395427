//! `breaks.csv`: where a series changes basis, with `region_code, scope, indicator, year,
//! reason_zh, reason_en, source_url`. `scope` is `self` (the region only) or `tree` (the region
//! and every region below it: a census revision). `year` is the first year on the new basis. A
//! row with an unknown region or indicator, a bad year or scope, or no reason or source is an
//! error with its line and field.

use std::sync::Arc;

use super::error::LoadErrors;
use super::table::Table;
use crate::model::dataset::SeriesBreak;
use crate::model::indicator::Catalog;
use crate::model::region::RegionTree;
use crate::model::snapshot::{year_out_of_range, YEARS};

/// Region series the rows may cover in all (a `tree` row covers every region below): past it a
/// hostile file of many `tree` rows would take gigabytes.
pub const MAX_BREAKS: usize = 1_000_000;

pub fn parse_breaks(
    file: &str,
    bytes: &[u8],
    regions: &RegionTree,
    catalog: &Catalog,
) -> Result<Vec<SeriesBreak>, LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["region_code", "scope", "indicator", "year", "reason_zh", "reason_en", "source_url"])?;
    let mut total = 0usize;
    let mut seen: std::collections::HashMap<(String, String, String, String), u64> = std::collections::HashMap::new();
    t.parse_rows(|row| {
        let key = ["region_code", "scope", "indicator", "year"].map(|c| t.get(row, c).to_string());
        if let Some(line) = seen.insert(key.clone().into(), row.line) {
            return Err(t.err(row, "year", format!("the same break is on line {line}: a row given twice")));
        }
        let code = t.required(row, "region_code")?;
        let region = regions
            .by_code(code)
            .ok_or_else(|| t.err(row, "region_code", format!("unknown region code \"{code}\"")))?;
        let id = t.required(row, "indicator")?;
        let indicator =
            catalog.by_id(id).ok_or_else(|| t.err(row, "indicator", format!("unknown indicator \"{id}\"")))?;
        let y = t.required(row, "year")?;
        let year = y
            .parse::<i32>()
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| t.err(row, "year", year_out_of_range(format!("\"{y}\""))))?;
        let members = match t.required(row, "scope")? {
            "self" => vec![region],
            "tree" => std::iter::once(region).chain(regions.descendants(region)).collect(),
            other => return Err(t.err(row, "scope", format!("\"{other}\" is not one of self, tree"))),
        };
        let (zh, en, url) =
            (t.required(row, "reason_zh")?, t.required(row, "reason_en")?, t.required(row, "source_url")?);
        if total > MAX_BREAKS {
            return Ok(Vec::new());
        }
        total += members.len();
        if total > MAX_BREAKS {
            return Err(t.err(
                row,
                "scope",
                format!("the rows so far cover more than {MAX_BREAKS} region series; stopped here"),
            ));
        }
        let (zh, en, url): (Arc<str>, Arc<str>, Arc<str>) = (zh.into(), en.into(), url.into());
        let brk = |region| SeriesBreak {
            region,
            indicator,
            year,
            reason_zh: zh.clone(),
            reason_en: en.clone(),
            source_url: url.clone(),
        };
        Ok(members.into_iter().map(brk).collect::<Vec<_>>())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data_dir::bundled_tables;

    #[test]
    fn the_bundled_breaks_load_and_bad_rows_are_named() {
        let (regions, catalog) = bundled_tables().unwrap();
        let b = parse_breaks("b.csv", crate::load::bundled::BREAKS, &regions, &catalog).unwrap();
        let wx = regions.by_code("330502").unwrap();
        let pop = catalog.by_id("pop_resident").unwrap();
        assert!(b.iter().any(|x| x.region == wx && x.indicator == pop && x.year == 2024));
        // The census revision covers the province and all 101 regions below it; 吴兴 has its own.
        let gdp = catalog.by_id("gdp").unwrap();
        assert_eq!(b.iter().filter(|x| x.indicator == gdp && x.year == 2024).count(), 102 + 1);
        let head = "region_code,scope,indicator,year,reason_zh,reason_en,source_url\n";
        let bad = format!(
            "{head}339999,self,gdp,2024,甲,a,http://x\n330000,all,gdp,2024,甲,a,http://x\n330000,self,gdp,20x4,甲,a,http://x\n330000,self,gdp,2024,甲,a,\n"
        );
        assert_eq!(
            parse_breaks("b.csv", bad.as_bytes(), &regions, &catalog).unwrap_err().to_string(),
            "b.csv:2: field `region_code`: unknown region code \"339999\"\n\
             b.csv:3: field `scope`: \"all\" is not one of self, tree\n\
             b.csv:4: field `year`: \"20x4\" is not a year between 1900 and 2100\n\
             b.csv:5: field `source_url`: the value is empty"
        );
        let twice = format!("{head}330000,tree,gdp,2019,甲,a,http://x\n330000,tree,gdp,2019,乙,b,http://y\n");
        assert_eq!(
            parse_breaks("b.csv", twice.as_bytes(), &regions, &catalog).unwrap_err().to_string(),
            "b.csv:3: field `year`: the same break is on line 2: a row given twice"
        );
    }
}
