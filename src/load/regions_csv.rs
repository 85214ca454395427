//! `regions.csv` (code, parent_code, level, kind, names) and `region_tags.csv`
//! (region_code, tag, source_url, note).

use super::error::{LoadError, LoadErrors};
use super::table::Table;
use crate::model::group::Group;
use crate::model::region::{RegionRecord, RegionTree, TreeError};

/// Regions a table may hold: a country down to its counties is a few thousand; past this a file is
/// refused before its rows are read (10 million would take gigabytes).
pub const MAX_REGIONS: usize = 200_000;

pub fn parse_regions(file: &str, bytes: &[u8]) -> Result<RegionTree, LoadErrors> {
    // Line ends as the CSV reader takes them: LF, CRLF, or a CR alone.
    let lines = bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    if lines > MAX_REGIONS + 1 {
        return Err(LoadError::file(file, format!("{lines} lines: more than {MAX_REGIONS} regions")).into());
    }
    let t = Table::parse(file, bytes)?;
    t.require(&["code", "parent_code", "level", "kind", "name_zh", "name_en", "name_pinyin"])?;
    let mut errors = Vec::new();
    let mut records = Vec::with_capacity(t.rows.len());
    let mut lines = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let code = t.get(row, "code");
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.push(t.err(
                row,
                "code",
                format!("\"{code}\" is not a region code (letters and digits, e.g. 331127)"),
            ));
            continue;
        }
        let [level, kind, name_zh] = match ["level", "kind", "name_zh"].map(|col| t.required(row, col)) {
            [Ok(level), Ok(kind), Ok(name_zh)] => [level, kind, name_zh].map(str::to_string),
            fields => {
                errors.extend(fields.into_iter().filter_map(Result::err));
                continue;
            }
        };
        records.push(RegionRecord {
            code: code.to_string(),
            parent_code: t.opt(row, "parent_code").map(str::to_string),
            level,
            kind,
            name_zh,
            name_en: t.get(row, "name_en").to_string(),
            name_pinyin: t.get(row, "name_pinyin").to_lowercase(),
        });
        lines.push(row.line);
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    RegionTree::build(records).map_err(|e| {
        let (line, field) = match &e {
            TreeError::DuplicateCode(_, _, dup) => (lines[*dup], "code"),
            TreeError::MissingParent(i, _, _) => (lines[*i], "parent_code"),
            TreeError::Cycle(_) => (0, "parent_code"),
            TreeError::Empty => (0, "code"),
            TreeError::SecondRoot(i, _, _) => (lines[*i], "parent_code"),
            TreeError::UnknownLevel(i, _) | TreeError::LevelNotBelow(i, _, _, _) => (lines[*i], "level"),
        };
        if line == 0 {
            LoadErrors(vec![LoadError {
                file: file.into(),
                line: None,
                field: Some(field.into()),
                message: e.to_string(),
            }])
        } else {
            LoadErrors(vec![LoadError::at(file, line, Some(field), e.to_string())])
        }
    })
}

/// Applies `region_tags.csv` to the tree. Each tag row carries its source.
pub fn apply_tags(tree: &mut RegionTree, file: &str, bytes: &[u8]) -> Result<(), LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["region_code", "tag", "source_url"])?;
    let mut errors = Vec::new();
    for row in &t.rows {
        let code = t.get(row, "region_code");
        let Some(id) = tree.by_code(code) else {
            errors.push(t.err(row, "region_code", format!("unknown region code \"{code}\"")));
            continue;
        };
        if let Err(e) = t.required(row, "source_url") {
            errors.push(e);
            continue;
        }
        match t.required(row, "tag") {
            Ok(tag) => {
                if let Err(e) = tree.add_tag(id, tag) {
                    errors.push(t.err(row, "tag", e));
                }
            }
            Err(e) => errors.push(e),
        }
    }
    LoadErrors::check(errors)
}

/// Applies `region_groups.csv` (tag, mark_zh, mark_en, name_zh, name_en, from_year, to_year,
/// source_url): what each tag stands for.
pub fn apply_groups(tree: &mut RegionTree, file: &str, bytes: &[u8]) -> Result<(), LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["tag", "mark_zh", "mark_en", "name_zh", "name_en", "source_url"])?;
    let mut errors = Vec::new();
    let year = |row: &super::table::Row, col: &str| -> Result<Option<i32>, crate::load::LoadError> {
        t.opt(row, col)
            .map(|y| {
                y.parse::<i32>()
                    .ok()
                    .filter(|y| crate::model::snapshot::YEARS.contains(y))
                    .ok_or_else(|| t.err(row, col, crate::model::snapshot::year_out_of_range(format!("\"{y}\""))))
            })
            .transpose()
    };
    for row in &t.rows {
        let group = (|| {
            let text = |col: &str| t.required(row, col).map(str::to_string);
            let g = Group {
                tag: text("tag")?,
                mark_zh: text("mark_zh")?,
                mark_en: text("mark_en")?,
                name_zh: text("name_zh")?,
                name_en: text("name_en")?,
                from_year: year(row, "from_year")?,
                to_year: year(row, "to_year")?,
                source_url: text("source_url")?,
            };
            for (col, mark) in [("mark_zh", &g.mark_zh), ("mark_en", &g.mark_en)] {
                if crate::fit::width(mark) > 2 {
                    return Err(t.err(row, col, format!("the mark \"{mark}\" is wider than one Chinese character")));
                }
            }
            Ok(g)
        })();
        match group.and_then(|g| tree.set_group(g).map_err(|e| t.err(row, "tag", e))) {
            Ok(()) => {}
            Err(e) => errors.push(e),
        }
    }
    LoadErrors::check(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::region::MAX_GROUPS;

    const HEAD: &str = "code,parent_code,level,kind,name_zh,name_en,name_pinyin\n";

    #[test]
    fn loads_and_tags() {
        let csv = format!("{HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n331100,330000,city,prefecture_city,丽水市,Lishui,Lishui\n");
        let mut tree = parse_regions("regions.csv", csv.as_bytes()).unwrap();
        apply_tags(&mut tree, "region_tags.csv", b"region_code,tag,source_url\n331100,mountain26,http://x\n").unwrap();
        let ls = tree.by_code("331100").unwrap();
        assert!(tree.get(ls).has_tag("mountain26"));
        assert_eq!(tree.get(ls).name_pinyin, "lishui");
    }

    #[test]
    fn names_the_line_of_a_missing_parent_and_a_duplicate() {
        let csv = format!(
            "{HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n331100,339900,city,c,丽水市,Lishui,lishui\n"
        );
        assert_eq!(
            parse_regions("regions.csv", csv.as_bytes()).unwrap_err().to_string(),
            "regions.csv:3: field `parent_code`: region 331100 names parent 339900, which is not in the table"
        );
        let csv = format!("{HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n330000,,province,province,浙江省,Zhejiang,zhejiang\n");
        assert_eq!(
            parse_regions("regions.csv", csv.as_bytes()).unwrap_err().to_string(),
            "regions.csv:3: field `code`: duplicate region code 330000"
        );
        let csv = format!("{HEAD}1,2,city,a,甲,A,a\n2,1,city,a,乙,B,b\n");
        assert_eq!(
            parse_regions("regions.csv", csv.as_bytes()).unwrap_err().to_string(),
            "regions.csv: field `parent_code`: the region hierarchy has a cycle: 1 → 2 → 1"
        );
    }

    #[test]
    fn a_tag_that_is_no_plain_name_or_one_group_too_many_is_refused_at_its_line() {
        let csv = format!("{HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n");
        let mut tree = parse_regions("regions.csv", csv.as_bytes()).unwrap();
        let bad = "region_code,tag,source_url\n330000,ok_tag,http://x\n330000,\"a,b\",http://x\n330000,山区,http://x\n";
        assert_eq!(
            apply_tags(&mut tree, "region_tags.csv", bad.as_bytes()).unwrap_err().to_string(),
            "region_tags.csv:3: field `tag`: tag \"a,b\" is not a name of at most 32 ASCII letters, digits and _\n\
             region_tags.csv:4: field `tag`: tag \"山区\" is not a name of at most 32 ASCII letters, digits and _"
        );
        let many: String = (0..=MAX_GROUPS).map(|i| format!("330000,g{i},http://x\n")).collect();
        let err = apply_tags(&mut tree, "region_tags.csv", format!("region_code,tag,source_url\n{many}").as_bytes())
            .unwrap_err()
            .to_string();
        // ok_tag and g0..g62 fill the 64; g63 and g64 are refused.
        assert!(err.starts_with("region_tags.csv:65: field `tag`: more than 64 groups"), "{err}");
        assert_eq!(tree.groups().len(), MAX_GROUPS);
    }
}
