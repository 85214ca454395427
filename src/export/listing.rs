//! The export of a table of regions (`e` in the table of a level; `cpdash export --children
//! --indicators`): exactly the rows listed, in the listed order, each indicator ranked among the
//! regions compared as on screen. CSV (UTF-8 with a byte-order mark, CRLF, as the report's CSV),
//! long: one row per region × indicator, raw numbers; Markdown with the screen's columns (one
//! indicator) or the indicators side by side; a workbook with the indicators side by side as
//! numbers.

use chrono::{DateTime, Local};

use super::report::SourceFields;
use crate::metrics::report::IndicatorRow;
use crate::model::dataset::Resolved;
use crate::model::{Dataset, IndicatorId, RegionId};
use crate::number::{number, number_vs};
use crate::strings::Lang;

pub const HEADER: [&str; 27] = [
    "region_code",
    "region_name_zh",
    "region_name_en",
    "parent_code",
    "parent_name_zh",
    "groups",
    "indicator",
    "year",
    "value",
    "value_kind",
    "latest_earlier_year",
    "latest_earlier_value",
    "unit",
    "target",
    "target_year",
    "gap_pct",
    "status",
    "rank",
    "rank_of",
    "change",
    "trend",
    "reach_year",
    "source_url",
    "note",
    "source_title",
    "cell",
    "copy_url",
];

/// The rows a table lists, with what they were listed from.
pub struct ListingExport<'a> {
    pub ds: &'a Dataset,
    pub scope: RegionId,
    /// The listed regions, in order.
    pub regions: Vec<RegionId>,
    /// Per indicator, its row for each listed region (in the order of `regions`), ranked among
    /// the regions compared.
    pub columns: Vec<(IndicatorId, Vec<IndicatorRow>)>,
    /// Regions compared (the level, or the children).
    pub of: usize,
    pub year: i32,
    /// Level, filters and order in words.
    pub heading: String,
    pub lang: Lang,
}

fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl ListingExport<'_> {
    pub fn scope_code(&self) -> &str {
        &self.ds.regions.get(self.scope).code
    }

    /// The indicators' ids, joined for a file name (`a+b`).
    pub fn indicator_ids(&self) -> String {
        let ids: Vec<&str> = self.columns.iter().map(|(i, _)| self.ds.catalog.get(*i).id.as_str()).collect();
        ids.join("+")
    }

    /// Every listed region with its row of every indicator: region by region.
    fn cells(&self) -> impl Iterator<Item = (RegionId, IndicatorId, &IndicatorRow)> + '_ {
        self.regions
            .iter()
            .enumerate()
            .flat_map(move |(k, r)| self.columns.iter().map(move |(i, rows)| (*r, *i, &rows[k])))
    }

    fn groups(&self, r: RegionId, mark: bool) -> String {
        let gs = self.ds.regions.groups_of(r, self.year);
        let v: Vec<&str> =
            if mark { gs.map(|g| self.lang.group_mark(g)).collect() } else { gs.map(|g| g.tag.as_str()).collect() };
        v.join(if mark { "" } else { ";" })
    }

    // The writer writes into memory, which cannot fail.
    #[allow(clippy::expect_used)]
    pub fn to_csv(&self) -> Vec<u8> {
        let ds = self.ds;
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(HEADER).expect("in memory");
        for (r, ind, row) in self.cells() {
            let def = ds.catalog.get(ind);
            let r = &r;
            let g = ds.regions.get(*r);
            let parent = ds.regions.parent(*r).map(|p| ds.regions.get(p));
            let kind = match &row.resolved {
                Resolved::Observed { .. } => "observed",
                Resolved::Computed { .. } => "computed",
                Resolved::Missing { .. } => "missing",
            };
            let src = SourceFields::of(ds, *r, ind, self.year, &row.resolved);
            let rec: [String; 27] = [
                g.code.clone(),
                g.name_zh.clone(),
                g.name_en.clone(),
                parent.map(|p| p.code.clone()).unwrap_or_default(),
                parent.map(|p| p.name_zh.clone()).unwrap_or_default(),
                self.groups(*r, false),
                def.id.clone(),
                self.year.to_string(),
                num(row.value()),
                kind.into(),
                row.stale.map(|s| s.0.to_string()).unwrap_or_default(),
                num(row.stale.map(|s| s.1)),
                def.unit.key().into(),
                num(row.applicable_target.map(|t| t.0)),
                row.applicable_target.map(|t| t.1.to_string()).unwrap_or_default(),
                num(row.target.as_ref().map(|t| (t.gap_pct * 100.0).round() / 100.0)),
                row.status().map(|s| s.key().to_string()).unwrap_or_default(),
                row.rank.as_ref().map(|x| x.rank.to_string()).unwrap_or_default(),
                row.rank.as_ref().map(|x| x.of.to_string()).unwrap_or_default(),
                num(row.change()),
                row.trend.kind.key().into(),
                row.trend.reach_year.map(|y| y.to_string()).unwrap_or_default(),
                src.url,
                src.note,
                src.title,
                src.cell,
                src.copy_url,
            ];
            w.write_record(rec.iter().map(|f| crate::fit::csv_field(f))).expect("in memory");
        }
        w.into_inner().expect("in memory")
    }

    /// The value of a row as the screen shows it: with the unit, or the latest earlier one marked.
    fn shown_value(&self, def: &crate::model::Indicator, row: &IndicatorRow) -> String {
        let target = row.applicable_target.map(|t| t.0);
        match (row.value(), row.stale) {
            (Some(v), _) => format!("{} {}", number_vs(v, target, def.unit), self.lang.unit(def.unit)),
            (None, Some((y, v))) => self.lang.stale(y, &number(v, def.unit)),
            (None, None) => "—".into(),
        }
    }

    /// The distance to the target as the screen shows it.
    fn shown_status(&self, row: &IndicatorRow) -> String {
        match &row.target {
            Some(t) if t.gap <= 0.0 => format!("{} {}", t.status.symbol(), self.lang.words().met),
            Some(t) => format!("{} {:.1}%", t.status.symbol(), t.gap_pct),
            None => String::new(),
        }
    }

    /// The table as on screen, in Markdown, under a heading that says what was listed; several
    /// indicators side by side.
    pub fn to_markdown(&self, at: &DateTime<Local>) -> String {
        let ds = self.ds;
        let lang = self.lang;
        let cell = |s: &str| crate::fit::markdown_text(s);
        let names: Vec<&str> = self.columns.iter().map(|(i, _)| lang.indicator(ds.catalog.get(*i))).collect();
        let mut out = format!(
            "# {} · {}\n\n{} · {}\n\n{}\n\n",
            cell(&names.join(" · ")),
            self.year,
            cell(&self.heading),
            lang.listed(self.regions.len(), self.of),
            cell(&lang.report_data(
                lang.title(&ds.meta.title, ds.meta.title_en.as_deref()),
                &ds.meta.id,
                &ds.meta.as_of.to_string(),
                &at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                env!("CARGO_PKG_VERSION")
            )),
        );
        match self.columns.as_slice() {
            [(ind, rows)] => self.one_indicator(&mut out, *ind, rows),
            _ => self.side_by_side(&mut out),
        }
        let legend = lang.group_legend(ds.regions.groups().iter().filter(|g| g.applies_in(self.year)));
        if !legend.is_empty() {
            out += &format!("\n{}\n", cell(&legend));
        }
        out
    }

    /// Several indicators: per indicator its value (with the distance to the target) and rank.
    fn side_by_side(&self, out: &mut String) {
        let (ds, lang) = (self.ds, self.lang);
        let cell = |s: &str| crate::fit::markdown_text(s);
        let mut head =
            vec![lang.column("name").to_string(), lang.column("parent").into(), lang.column("groups").into()];
        for (i, _) in &self.columns {
            let short = lang.indicator_short(ds.catalog.get(*i));
            head.extend([short.to_string(), format!("{short} {}", lang.column("rank"))]);
        }
        *out += &format!("| {} |\n", head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
        *out += &format!("|---|---|---|{}\n", "---:|---:|".repeat(self.columns.len()));
        for (k, r) in self.regions.iter().enumerate() {
            let g = ds.regions.get(*r);
            let parent = ds.regions.parent(*r).map(|p| lang.region(ds.regions.get(p)).to_string()).unwrap_or_default();
            let mut cells = vec![lang.region(g).to_string(), parent, self.groups(*r, true)];
            for (i, rows) in &self.columns {
                let row = &rows[k];
                let status = self.shown_status(row);
                let value = self.shown_value(ds.catalog.get(*i), row);
                cells.push(if status.is_empty() { value } else { format!("{value} {status}") });
                cells.push(row.rank.as_ref().map(|x| format!("{}/{}", x.rank, x.of)).unwrap_or_default());
            }
            *out += &format!("| {} |\n", cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        }
    }

    /// One indicator, with the screen's columns.
    fn one_indicator(&self, out: &mut String, ind: IndicatorId, rows: &[IndicatorRow]) {
        let (ds, lang) = (self.ds, self.lang);
        let def = ds.catalog.get(ind);
        let keys = ["name", "parent", "groups", "value", "status", "rank", "change", "trend", "reach"];
        let cell = |s: &str| crate::fit::markdown_text(s);
        let head: Vec<&str> = keys.iter().map(|k| lang.column(k)).collect();
        *out += &format!("| {} |\n", head.join(" | "));
        *out += &format!(
            "|{}\n",
            keys.iter()
                .map(|k| if ["value", "rank", "change"].contains(k) { "---:|" } else { "---|" })
                .collect::<String>()
        );
        for (r, row) in self.regions.iter().zip(rows) {
            let g = ds.regions.get(*r);
            let parent = ds.regions.parent(*r).map(|p| lang.region(ds.regions.get(p)).to_string()).unwrap_or_default();
            let value = self.shown_value(def, row);
            let status = self.shown_status(row);
            let rank = row.rank.as_ref().map(|x| format!("{}/{}", x.rank, x.of)).unwrap_or_default();
            let change = row
                .change()
                .map(|c| format!("{}{}", if c > 0.0 { "+" } else { "" }, number(c, def.unit)))
                .unwrap_or_default();
            let met = row.target.as_ref().is_some_and(|t| t.gap <= 0.0);
            let cells = [
                lang.region(g).to_string(),
                parent,
                self.groups(*r, true),
                value,
                status,
                rank,
                change,
                row.trend.kind.arrow().to_string(),
                lang.reach(&row.trend, met),
            ];
            *out += &format!("| {} |\n", cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        }
    }
}
