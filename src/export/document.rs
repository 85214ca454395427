//! One export, built once: the report, and what only some formats need (the tidy rows, the
//! charts), each built only when a format asked for needs it. Every format renders from this;
//! none goes back to the data set.

use std::collections::BTreeMap;

use super::charts::{charts, Charts};
use super::error::ExportError;
use super::report::{build_with, ExportReport, Listed};
use super::request::Request;
use super::rows::{records, Record};
use crate::model::Dataset;
use crate::strings::Lang;

/// What a format reads besides the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// Which stored values the report lists with their sources.
    pub listed: Listed,
    /// The tidy table (CSV, Parquet).
    pub tidy: bool,
    /// The charts (HTML, PDF, SVG).
    pub charts: bool,
}

impl Needs {
    pub const REPORT: Needs = Needs { listed: Listed::Nothing, tidy: false, charts: false };
    /// What every format together needs.
    pub const ALL: Needs = Needs { listed: Listed::Read, tidy: true, charts: true };

    /// What two formats need together.
    pub fn and(self, other: Needs) -> Needs {
        Needs {
            listed: self.listed.max(other.listed),
            tidy: self.tidy || other.tidy,
            charts: self.charts || other.charts,
        }
    }
}

/// One file of a format's output: the suffix after the export's base name (`_map` for a chart,
/// empty for the report itself) and its bytes.
pub struct Part {
    pub suffix: String,
    pub bytes: Vec<u8>,
}

impl Part {
    /// The format's one file.
    pub fn whole(bytes: Vec<u8>) -> Vec<Part> {
        vec![Part { suffix: String::new(), bytes }]
    }
}

/// What a format writes: its files, from the document. `links` are the charts written as SVG
/// files beside it in the same export (title, file name), for a report that links them.
pub type Render = fn(&Document, links: &[(String, String)]) -> Result<Vec<Part>, ExportError>;

/// The names of the regions and indicators the listed values refer to, in both languages (a
/// workbook names them; the report keeps codes).
#[derive(Default)]
pub struct Names {
    regions: BTreeMap<String, (String, String)>,
    indicators: BTreeMap<String, (String, String)>,
}

impl Names {
    pub fn region(&self, code: &str, lang: Lang) -> Option<&str> {
        self.regions.get(code).map(|(zh, en)| lang.of(zh.as_str(), en))
    }

    pub fn indicator(&self, id: &str, lang: Lang) -> Option<&str> {
        self.indicators.get(id).map(|(zh, en)| lang.of(zh.as_str(), en))
    }
}

/// An export of one request, built once.
pub struct Document {
    pub request: Request,
    pub report: ExportReport,
    /// The tidy table's records (empty unless a format needs them).
    pub tidy: Vec<Record>,
    /// `None` unless a format needs them.
    pub charts: Option<Charts>,
    pub names: Names,
}

impl Document {
    /// Builds what `needs` asks for; `generated_at` is RFC 3339.
    pub fn build(ds: &Dataset, req: &Request, generated_at: &str, needs: Needs) -> Document {
        let report = build_with(ds, req, generated_at, needs.listed);
        let mut names = Names::default();
        // The workbook names the values it lists: those shown (a national JSON reads millions more).
        for o in report.observations.iter().filter(|o| o.shown) {
            if !names.regions.contains_key(&o.region_code) {
                if let Some(r) = ds.regions.by_code(&o.region_code) {
                    let g = ds.regions.get(r);
                    names.regions.insert(o.region_code.clone(), (g.name_zh.clone(), g.name_en.clone()));
                }
            }
            if !names.indicators.contains_key(&o.indicator) {
                if let Some(i) = ds.catalog.by_id(&o.indicator) {
                    let d = ds.catalog.get(i);
                    names.indicators.insert(o.indicator.clone(), (d.name_zh.clone(), d.name_en.clone()));
                }
            }
        }
        Document {
            tidy: if needs.tidy { records(ds, req) } else { Vec::new() },
            charts: needs.charts.then(|| charts(ds, req, &report)),
            request: req.clone(),
            report,
            names,
        }
    }

    pub fn lang(&self) -> Lang {
        self.request.lang
    }

    /// The charts (an empty set where none were built).
    pub fn charts(&self) -> &Charts {
        static NONE: Charts = Charts { map: None, lines: Vec::new(), bars: Vec::new(), telling: None };
        self.charts.as_ref().unwrap_or(&NONE)
    }
}
