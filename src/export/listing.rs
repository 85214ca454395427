//! The export of a table of one level (`e` in the table): exactly the rows listed, in the listed
//! order, ranked among the whole level as on screen. CSV (UTF-8 with a byte-order mark, CRLF, as
//! the report's CSV) with raw numbers, and Markdown with the screen's columns.

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
    /// The listed rows, in order (ranked among the whole level).
    pub rows: Vec<(RegionId, IndicatorRow)>,
    /// Regions in the level.
    pub of: usize,
    pub indicator: IndicatorId,
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

    pub fn indicator_id(&self) -> &str {
        &self.ds.catalog.get(self.indicator).id
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
        let def = ds.catalog.get(self.indicator);
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(HEADER).expect("in memory");
        for (r, row) in &self.rows {
            let g = ds.regions.get(*r);
            let parent = ds.regions.parent(*r).map(|p| ds.regions.get(p));
            let kind = match &row.resolved {
                Resolved::Observed { .. } => "observed",
                Resolved::Computed { .. } => "computed",
                Resolved::Missing { .. } => "missing",
            };
            let src = SourceFields::of(ds, *r, self.indicator, self.year, &row.resolved);
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

    /// The table as on screen, in Markdown, under a heading that says what was listed.
    pub fn to_markdown(&self, at: &DateTime<Local>) -> String {
        let ds = self.ds;
        let lang = self.lang;
        let def = ds.catalog.get(self.indicator);
        let keys = ["name", "parent", "groups", "value", "status", "rank", "change", "trend", "reach"];
        let cell = |s: &str| crate::fit::markdown_text(s);
        let mut out = format!(
            "# {} · {}\n\n{} · {}\n\n{}\n\n",
            cell(lang.indicator(def)),
            self.year,
            cell(&self.heading),
            lang.listed(self.rows.len(), self.of),
            cell(&lang.report_data(
                lang.title(&ds.meta.title, ds.meta.title_en.as_deref()),
                &ds.meta.id,
                &ds.meta.as_of.to_string(),
                &at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                env!("CARGO_PKG_VERSION")
            )),
        );
        let head: Vec<&str> = keys.iter().map(|k| lang.column(k)).collect();
        out += &format!("| {} |\n", head.join(" | "));
        out += &format!(
            "|{}\n",
            keys.iter()
                .map(|k| if ["value", "rank", "change"].contains(k) { "---:|" } else { "---|" })
                .collect::<String>()
        );
        let unit = lang.unit(def.unit);
        for (r, row) in &self.rows {
            let g = ds.regions.get(*r);
            let parent = ds.regions.parent(*r).map(|p| lang.region(ds.regions.get(p)).to_string()).unwrap_or_default();
            let target = row.applicable_target.map(|t| t.0);
            let value = match (row.value(), row.stale) {
                (Some(v), _) => format!("{} {unit}", number_vs(v, target, def.unit)),
                (None, Some((y, v))) => lang.stale(y, &number(v, def.unit)),
                (None, None) => "—".into(),
            };
            let status = match &row.target {
                Some(t) if t.gap <= 0.0 => format!("{} {}", t.status.symbol(), lang.words().met),
                Some(t) => format!("{} {:.1}%", t.status.symbol(), t.gap_pct),
                None => String::new(),
            };
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
            out += &format!("| {} |\n", cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        }
        let legend = lang.group_legend(ds.regions.groups().iter().filter(|g| g.applies_in(self.year)));
        if !legend.is_empty() {
            out += &format!("\n{}\n", cell(&legend));
        }
        out
    }
}
