//! The labels the yearbook prints over its columns, and the indicator each stands for
//! (`assets/yearbook_labels.csv`, or a data folder's own `yearbook_labels.csv`): data, not code,
//! so a new edition's wording is one row.
//!
//! The same words mean different things across editions, so a row may hold only `when` the table
//! says so: `note~按户籍人口计算` (a footnote contains the words), `title~消费支出` (the title
//! does), `has~年末总人口` (another column is labelled so), `year<2014`, `year>=2014` (the
//! column's data year); several joined by `&`. The first row whose label and conditions hold
//! decides, and its `why_en` is shown by `cpdash import --dry-run`.

use super::error::{LoadError, LoadErrors};
use super::table::Table;
use crate::model::indicator::Catalog;

pub const FILE: &str = "yearbook_labels.csv";

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Note(String),
    Title(String),
    Has(String),
    Before(i32),
    From(i32),
}

/// One row of the labels file.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRule {
    pub label: String,
    pub indicator: String,
    when: Vec<Cond>,
    pub when_text: String,
    pub why: String,
    /// Where the rule is written (`yearbook_labels.csv:12`), for the dry run.
    pub place: String,
}

/// What a table says that a rule may depend on.
pub struct TableFacts<'a> {
    pub title: &'a str,
    pub footnotes: &'a [String],
    /// Every column's own label (unit stripped).
    pub labels: &'a [String],
}

impl LabelRule {
    fn holds(&self, facts: &TableFacts, year: Option<i32>) -> bool {
        self.when.iter().all(|c| match c {
            Cond::Note(w) => facts.footnotes.iter().any(|f| f.contains(w.as_str())),
            Cond::Title(w) => facts.title.contains(w.as_str()),
            Cond::Has(w) => facts.labels.iter().any(|l| l == w),
            Cond::Before(y) => year.is_some_and(|v| v < *y),
            Cond::From(y) => year.is_some_and(|v| v >= *y),
        })
    }
}

fn parse_when(s: &str) -> Result<Vec<Cond>, String> {
    s.split('&')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let year = |t: &str| t.trim().parse::<i32>().map_err(|_| format!("\"{t}\" is not a year"));
            if let Some(w) = p.strip_prefix("note~") {
                Ok(Cond::Note(w.to_string()))
            } else if let Some(w) = p.strip_prefix("title~") {
                Ok(Cond::Title(w.to_string()))
            } else if let Some(w) = p.strip_prefix("has~") {
                Ok(Cond::Has(w.to_string()))
            } else if let Some(y) = p.strip_prefix("year>=") {
                year(y).map(Cond::From)
            } else if let Some(y) = p.strip_prefix("year<") {
                year(y).map(Cond::Before)
            } else {
                Err(format!("\"{p}\" is no condition (note~, title~, has~, year<, year>=)"))
            }
        })
        .collect()
}

/// Reads a labels file; every indicator must be in the catalog.
pub fn parse(file: &str, bytes: &[u8], catalog: &Catalog) -> Result<Vec<LabelRule>, LoadErrors> {
    let t = Table::parse(file, bytes)?;
    t.require(&["label", "indicator", "when", "why_en"])?;
    t.parse_rows(|row| {
        let label = t.required(row, "label")?.to_string();
        let indicator = t.required(row, "indicator")?.to_string();
        if catalog.by_id(&indicator).is_none() {
            return Err(t.err(row, "indicator", format!("\"{indicator}\" is not in the catalog")));
        }
        let when_text = t.get(row, "when").to_string();
        let when = parse_when(&when_text).map_err(|m| t.err(row, "when", m))?;
        let why = t.get(row, "why_en").to_string();
        Ok(Some(LabelRule { label, indicator, when, when_text, why, place: format!("{file}:{}", row.line) }))
    })
}

/// The bundled rules, or those of a data folder that has its own file.
pub fn load(dir: Option<&std::path::Path>, catalog: &Catalog) -> Result<Vec<LabelRule>, LoadErrors> {
    if let Some(p) = dir.map(|d| d.join(FILE)).filter(|p| p.is_file()) {
        let name = p.display().to_string();
        let bytes = crate::fsio::read_bounded(&p, 1 << 20)
            .map_err(|why| LoadErrors(vec![LoadError::file(&name, format!("cannot be read: {why}"))]))?;
        return parse(&name, &bytes, catalog);
    }
    parse("assets/yearbook_labels.csv", super::bundled::YEARBOOK_LABELS, catalog)
}

/// How a column's label was matched: the rule that decided, or why none did.
#[derive(Debug, Clone, PartialEq)]
pub enum Match<'a> {
    Rule(&'a LabelRule),
    /// Rows for this label exist but none of their conditions hold.
    Undecided(Vec<&'a LabelRule>),
    None,
}

/// The rule for a column's label in this table. A footnote decides first (the table says which
/// definition); otherwise every row that holds must name the same indicator, or nothing is
/// chosen (a table printing both 年末总人口 and 年末常住人口 beside 人均生产总值, without a
/// footnote, does not say which population it divides by).
pub fn find<'a>(rules: &'a [LabelRule], label: &str, facts: &TableFacts, year: Option<i32>) -> Match<'a> {
    let same: Vec<&LabelRule> = rules.iter().filter(|r| r.label == label).collect();
    let holding: Vec<&LabelRule> = same.iter().copied().filter(|r| r.holds(facts, year)).collect();
    if let Some(r) = holding.iter().find(|r| r.when.iter().any(|c| matches!(c, Cond::Note(_)))) {
        return Match::Rule(r);
    }
    match holding.first() {
        Some(r) if holding.iter().all(|h| h.indicator == r.indicator) => Match::Rule(r),
        Some(_) => Match::Undecided(holding),
        None if same.is_empty() => Match::None,
        None => Match::Undecided(same),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_decide_between_definitions() {
        let (_, catalog) = crate::load::data_dir::bundled_tables().unwrap();
        let rules = load(None, &catalog).unwrap();
        let labels = vec!["年末总人口".to_string(), "人均生产总值".to_string()];
        let facts =
            TableFacts { title: "17-2 各市国民经济主要指标（2012年）", footnotes: &[], labels: &labels };
        let pick = |label: &str, year: i32| match find(&rules, label, &facts, Some(year)) {
            Match::Rule(r) => r.indicator.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(pick("人均生产总值", 2012), "gdp_per_capita_registered");
        assert_eq!(pick("城镇居民人均可支配收入", 2013), "income_pc_urban_oldsurvey");
        assert_eq!(pick("城镇居民人均可支配收入", 2014), "income_pc_urban");
        assert_eq!(pick("农村居民人均纯收入", 2013), "income_net_rural");
        assert_eq!(pick("年末总人口", 2012), "pop_registered");
        // A footnote outranks the population column beside.
        let notes = vec!["注：人均生产总值按常住人口计算".to_string()];
        let facts = TableFacts { title: "t", footnotes: &notes, labels: &labels };
        assert!(
            matches!(find(&rules, "人均生产总值", &facts, Some(2012)), Match::Rule(r) if r.indicator == "gdp_per_capita")
        );
        // Both populations printed and no footnote: undecided, never chosen by row order.
        let both = vec!["年末总人口".to_string(), "年末常住人口".to_string()];
        let facts = TableFacts { title: "t", footnotes: &[], labels: &both };
        assert!(matches!(find(&rules, "人均生产总值", &facts, Some(2016)), Match::Undecided(v) if v.len() == 2));
        // A footnote still decides then.
        let facts = TableFacts { title: "t", footnotes: &notes, labels: &both };
        assert!(
            matches!(find(&rules, "人均生产总值", &facts, Some(2016)), Match::Rule(r) if r.indicator == "gdp_per_capita")
        );
        // Neither a footnote nor a population column: undecided, never guessed.
        let facts = TableFacts { title: "t", footnotes: &[], labels: &[] };
        assert!(matches!(find(&rules, "人均生产总值", &facts, Some(2012)), Match::Undecided(v) if v.len() == 4));
        // 全体居民 means consumption only in a consumption table.
        assert!(matches!(find(&rules, "全体居民", &facts, Some(2022)), Match::Undecided(_)));
    }

    #[test]
    fn bad_rows_are_named() {
        let (_, catalog) = crate::load::data_dir::bundled_tables().unwrap();
        let bad = "label,indicator,when,why_en\n生产总值,gdp_total,,\n人均,gdp,year=2014,\n";
        let e = parse("l.csv", bad.as_bytes(), &catalog).unwrap_err().to_string();
        assert!(e.contains("l.csv:2: field `indicator`: \"gdp_total\" is not in the catalog"), "{e}");
        assert!(e.contains("l.csv:3: field `when`: \"year=2014\" is no condition"), "{e}");
    }
}
