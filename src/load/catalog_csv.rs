//! `indicators.csv`: the catalog. Optional columns: `formula` (derived indicators), `optimum`,
//! `red_threshold`, `valid_min`, `valid_max`, `short_zh`, `short_en` (labels for narrow columns;
//! the full name when empty), `applies_to` (`all`, the default, or `top`: a statistic of the
//! province only, not shown for cities and counties), `weight_by` (the population that weighs the
//! indicator's group means, e.g. rural residents for rural income; the `weight` role's indicator
//! when empty, or where a member lacks it), `sibling` (the same quantity on
//! another definition, named where this one has no value), `roles` (`;`-separated: `weight`, `opening`, `overview_dispersion`, `overview_dispersion_fallback`, `fills`: stored where published, computed by the formula elsewhere; `brief`: a column of the one-page brief's children table).

use std::collections::HashMap;

use super::error::{LoadError, LoadErrors};
use super::table::Table;
use crate::model::dataset::MAX_DERIVED_DEPTH;
use crate::model::formula::Formula;
use crate::model::indicator::{Area, Catalog, Direction, Indicator, Role, Target, TargetScope};
use crate::model::Unit;

pub fn parse_catalog(file: &str, bytes: &[u8]) -> Result<Catalog, LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["id", "area", "name_zh", "name_en", "unit", "direction"])?;
    if t.rows.is_empty() {
        return Err(LoadError::file(file, "the table has no indicators").into());
    }
    // Indicator ids are 16-bit: more would wrap and show one indicator's value as another's.
    if t.rows.len() > u16::MAX as usize + 1 {
        return Err(LoadError::file(
            file,
            format!("the table has {} indicators; cpdash holds at most {}", t.rows.len(), u16::MAX as usize + 1),
        )
        .into());
    }
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for row in &t.rows {
        match parse_row(&t, row) {
            Ok(ind) => out.push((row.line, ind)),
            Err(e) => errors.push(e),
        }
    }
    // Formulas may only name known indicators.
    for (line, ind) in &out {
        if let Some(f) = &ind.formula {
            for input in f.inputs() {
                if !out.iter().any(|(_, d)| d.id == input) {
                    errors.push(LoadError::at(
                        file,
                        *line,
                        Some("formula"),
                        format!("the formula names unknown indicator \"{input}\""),
                    ));
                }
            }
        }
    }
    // A derived input may be derived too, but never lead back to itself, and not too deep.
    let defs: Vec<&Indicator> = out.iter().map(|(_, d)| d).collect();
    for ((line, _), depth) in out.iter().zip(derived_depths(&defs)) {
        if depth.is_none_or(|d| d > MAX_DERIVED_DEPTH) {
            errors.push(LoadError::at(
                file,
                *line,
                Some("formula"),
                format!(
                    "the formula rests on derived indicators more than {MAX_DERIVED_DEPTH} deep, or on itself (a cycle)"
                ),
            ));
        }
    }
    for (line, ind) in &out {
        for (field, other) in [("weight_by", &ind.weight_by), ("sibling", &ind.sibling)] {
            if let Some(w) = other {
                if !out.iter().any(|(_, d)| d.id == *w) {
                    errors.push(LoadError::at(file, *line, Some(field), format!("unknown indicator \"{w}\"")));
                } else if field == "sibling" && *w == ind.id {
                    errors.push(LoadError::at(file, *line, Some(field), "an indicator is not its own sibling"));
                }
            }
        }
    }
    // Short labels stand for their indicator in narrow columns: two in one area would be
    // indistinguishable there.
    for (i, (line, ind)) in out.iter().enumerate() {
        for (field, label) in [("short_zh", &ind.short_zh), ("short_en", &ind.short_en)] {
            let same = |d: &Indicator| {
                d.area == ind.area && [&d.short_zh, &d.short_en][usize::from(field == "short_en")] == label
            };
            if let Some((_, first)) = out[..i].iter().find(|(_, d)| same(d)) {
                errors.push(LoadError::at(
                    file,
                    *line,
                    Some(field),
                    format!("the short label \"{label}\" is also {}'s, in the same area", first.id),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let ids: Vec<(u64, String)> = out.iter().map(|(l, d)| (*l, d.id.clone())).collect();
    Catalog::new(out.into_iter().map(|(_, d)| d).collect()).map_err(|dup| {
        // The catalog names the id seen twice; the error points at its second line.
        let line = ids.iter().filter(|(_, id)| *id == dup).nth(1).map_or(0, |(l, _)| *l);
        LoadError::at(file, line, Some("id"), format!("duplicate indicator id \"{dup}\"")).into()
    })
}

fn parse_row(t: &Table, row: &super::table::Row) -> Result<Indicator, LoadError> {
    let id = t.required(row, "id")?;
    if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(t.err(row, "id", format!("\"{id}\" is not an indicator id (lower-case letters, digits, _)")));
    }
    let area_s = t.required(row, "area")?;
    let area = Area::parse(area_s).ok_or_else(|| {
        t.err(row, "area", format!("unknown area \"{area_s}\" (expected one of regional, urban_rural, income, public_services, culture, basic_units, context)"))
    })?;
    let dir_s = t.required(row, "direction")?;
    let direction = Direction::parse(dir_s)
        .ok_or_else(|| t.err(row, "direction", format!("\"{dir_s}\" is neither higher_better nor lower_better")))?;
    let target = match t.number(row, "target")? {
        None => None,
        Some(value) => {
            let year = t.required(row, "target_year")?;
            let year = year.parse().map_err(|_| t.err(row, "target_year", format!("\"{year}\" is not a year")))?;
            let source_url = t.required(row, "target_source_url")?.to_string();
            let scope = match t.get(row, "target_scope") {
                "" | "all" => TargetScope::All,
                "top" => TargetScope::Top,
                other => return Err(t.err(row, "target_scope", format!("\"{other}\" is neither all nor top"))),
            };
            if !(crate::model::snapshot::YEARS.contains(&year)) {
                return Err(t.err(row, "target_year", crate::model::snapshot::year_out_of_range(year)));
            }
            Some(Target { value, year, source_url, scope })
        }
    };
    let goal_note = match (&target, t.opt(row, "target_year")) {
        (None, Some(y)) => Some(format!("qualitative goal for {y}, no number")),
        _ => None,
    };
    let formula = t.opt(row, "formula").map(|f| Formula::parse(f).map_err(|m| t.err(row, "formula", m))).transpose()?;
    let unit_s = t.required(row, "unit")?;
    let unit = Unit::parse(unit_s).ok_or_else(|| {
        let known: Vec<&str> = Unit::keys().collect();
        t.err(row, "unit", format!("unknown unit \"{unit_s}\" (expected one of {})", known.join(", ")))
    })?;
    let roles = t
        .get(row, "roles")
        .split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| {
            Role::parse(r).ok_or_else(|| {
                let known: Vec<&str> = Role::keys().collect();
                t.err(row, "roles", format!("unknown role \"{r}\" (expected one of {})", known.join(", ")))
            })
        })
        .collect::<Result<Vec<Role>, LoadError>>()?;
    let applies_to = match t.get(row, "applies_to") {
        "" | "all" => TargetScope::All,
        "top" => TargetScope::Top,
        other => return Err(t.err(row, "applies_to", format!("\"{other}\" is neither all nor top"))),
    };
    let name_zh = t.required(row, "name_zh")?.to_string();
    let name_en = t.required(row, "name_en")?.to_string();
    let ind = Indicator {
        id: id.to_string(),
        area,
        short_zh: t.opt(row, "short_zh").map_or_else(|| name_zh.clone(), str::to_string),
        short_en: t.opt(row, "short_en").map_or_else(|| name_en.clone(), str::to_string),
        name_zh,
        name_en,
        unit,
        direction,
        target,
        goal_note,
        optimum: t.number(row, "optimum")?,
        red_threshold: t.number(row, "red_threshold")?,
        valid_min: t.number(row, "valid_min")?,
        valid_max: t.number(row, "valid_max")?,
        definition: t.get(row, "definition_en").to_string(),
        formula,
        roles,
        applies_to,
        weight_by: t.opt(row, "weight_by").map(str::to_string),
        sibling: t.opt(row, "sibling").map(str::to_string),
    };
    // A target and a red threshold must be values the indicator can take, and a target not 0
    // (the gap is a share of it).
    if let Some(target) = &ind.target {
        let v = target.value;
        if v == 0.0 {
            return Err(t.err(row, "target", "a target of 0 leaves the gap undefined (it is a share of the target)"));
        }
        ind.accepts(v).map_err(|m| t.err(row, "target", format!("the target is not a value {id} can take: {m}")))?;
        if let Some(red) = ind.red_threshold {
            ind.accepts(red).map_err(|m| t.err(row, "red_threshold", m))?;
            if !ind.direction.better(v, red) {
                let m = format!("the red threshold {red} is not on the worse side of the target {v}");
                return Err(t.err(row, "red_threshold", m));
            }
        }
    }
    Ok(ind)
}

/// How many derived indicators deep each formula goes (0: stored), in catalog order; `None` for
/// one on a cycle or resting on one. Kahn's order: linear in the catalog, no recursion, so a
/// hostile catalog of long chains or wide formulas costs no more than its size.
fn derived_depths(all: &[&Indicator]) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = all.iter().enumerate().map(|(k, d)| (d.id.as_str(), k)).collect();
    let inputs: Vec<Vec<usize>> = all
        .iter()
        .map(|d| {
            d.formula
                .as_ref()
                .map_or(Vec::new(), |f| f.own_region_inputs().iter().filter_map(|i| index.get(i).copied()).collect())
        })
        .collect();
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    let mut waiting: Vec<usize> = inputs.iter().map(Vec::len).collect();
    for (k, ins) in inputs.iter().enumerate() {
        for &i in ins {
            users[i].push(k);
        }
    }
    let mut depth: Vec<Option<usize>> = vec![None; all.len()];
    let mut ready: Vec<usize> = (0..all.len()).filter(|k| waiting[*k] == 0).collect();
    while let Some(k) = ready.pop() {
        let own = usize::from(all[k].formula.is_some());
        depth[k] = Some(own + inputs[k].iter().filter_map(|i| depth[*i]).max().unwrap_or(0));
        for &u in &users[k] {
            waiting[u] -= 1;
            if waiting[u] == 0 {
                ready.push(u);
            }
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url,definition_en,formula\n";

    #[test]
    fn parses_targets_and_formulas() {
        let csv = format!(
            "{HEAD}income_pc_urban,urban_rural,城镇,Urban,yuan,higher_better,,,,,\n\
             income_pc_rural,urban_rural,农村,Rural,yuan,higher_better,,,,,\n\
             urban_rural_income_ratio,urban_rural,倍差,Ratio,ratio,lower_better,1.9,2025,http://t,,income_pc_urban / income_pc_rural\n"
        );
        let c = parse_catalog("indicators.csv", csv.as_bytes()).unwrap();
        let r = c.get(c.by_id("urban_rural_income_ratio").unwrap());
        assert_eq!(r.target.as_ref().unwrap().value, 1.9);
        assert_eq!(r.direction, Direction::LowerBetter);
        assert!(r.is_derived());
    }

    #[test]
    fn names_bad_fields() {
        let csv = format!("{HEAD}x,nowhere,甲,X,yuan,higher_better,,,,,\n");
        assert_eq!(
            parse_catalog("indicators.csv", csv.as_bytes()).unwrap_err().to_string(),
            "indicators.csv:2: field `area`: unknown area \"nowhere\" (expected one of regional, urban_rural, income, public_services, culture, basic_units, context)"
        );
        let csv = format!("{HEAD}x,income,甲,X,yuan,higher_better,,,,,y / z\n");
        assert_eq!(
            parse_catalog("indicators.csv", csv.as_bytes()).unwrap_err().to_string(),
            "indicators.csv:2: field `formula`: the formula names unknown indicator \"y\"\nindicators.csv:2: field `formula`: the formula names unknown indicator \"z\""
        );
    }

    #[test]
    fn derived_inputs_may_be_derived_but_not_in_a_cycle() {
        let csv = format!(
            "{HEAD}beds,public_services,床位,Beds,count,higher_better,,,,,sum_children(beds_stored)\n\
             beds_stored,context,床位数,Stored beds,count,higher_better,,,,,\n\
             pop,regional,人口,Population,10k_persons,higher_better,,,,,\n\
             per_1000,public_services,千人床位,Beds per 1000,per_1000,higher_better,,,,,beds / pop / 10\n"
        );
        assert!(parse_catalog("indicators.csv", csv.as_bytes()).is_ok());
        // A sum over the children of itself (a city's beds from its counties') is no cycle.
        let csv = format!("{HEAD}beds,context,床位,Beds,count,higher_better,,,,,sum_children(beds)\n");
        assert!(parse_catalog("indicators.csv", csv.as_bytes()).is_ok());
        let csv = format!(
            "{HEAD}a,income,甲,A,ratio,higher_better,,,,,b * 2\n\
             b,income,乙,B,ratio,higher_better,,,,,c + 1\n\
             c,income,丙,C,ratio,higher_better,,,,,a / 3\n\
             d,income,丁,D,ratio,higher_better,,,,,a\n\
             e,income,戊,E,ratio,higher_better,,,,,\n"
        );
        let cycle = "field `formula`: the formula rests on derived indicators more than 4 deep, or on itself (a cycle)";
        assert_eq!(
            parse_catalog("indicators.csv", csv.as_bytes()).unwrap_err().to_string(),
            (2..=5).map(|l| format!("indicators.csv:{l}: {cycle}")).collect::<Vec<_>>().join("\n")
        );
        // A chain five deep is refused at its top only.
        let mut csv = format!("{HEAD}x0,income,零,X0,ratio,higher_better,,,,,\n");
        for k in 1..=5 {
            csv += &format!("x{k},income,名{k},X{k},ratio,higher_better,,,,,x{} + 1\n", k - 1);
        }
        let err = parse_catalog("indicators.csv", csv.as_bytes()).unwrap_err().to_string();
        assert_eq!(err, format!("indicators.csv:7: {cycle}"));
    }

    #[test]
    fn short_labels_are_distinct_within_an_area() {
        let head = "id,area,name_zh,name_en,short_zh,short_en,unit,direction\n";
        let csv = format!(
            "{head}a,income,城镇居民人均可支配收入,Urban income,城镇收入,Urban,yuan,higher_better\n\
             b,income,城镇居民人均消费支出,Urban consumption,城镇消费,Urban,yuan,higher_better\n\
             c,regional,城镇x,Urban x,城镇收入,Urban x,yuan,higher_better\n"
        );
        assert_eq!(
            parse_catalog("indicators.csv", csv.as_bytes()).unwrap_err().to_string(),
            "indicators.csv:3: field `short_en`: the short label \"Urban\" is also a's, in the same area"
        );
        // The bundled catalog: every short label fits a 14-cell column and none repeats in its area.
        let c = parse_catalog("indicators.csv", crate::load::bundled::INDICATORS).unwrap();
        for (_, d) in c.iter() {
            assert!(crate::fit::width(&d.short_zh) <= 14 && d.short_en.len() <= 14, "{}", d.id);
        }
    }
}
