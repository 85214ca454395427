//! The export formats, kept once: the config (serde), the command line (clap) and the writers
//! all use this enum. Adding a format is one variant here, its row in [`FORMATS`] and its writer
//! in [`super::files::render`].

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Json,
    Csv,
    Md,
    Txt,
    Xlsx,
    Html,
    Svg,
    Parquet,
}

/// Per format: the file extension (also its name in the config and on the command line), and
/// what it is.
const FORMATS: [(ExportFormat, &str, &str); 8] = [
    (ExportFormat::Json, "json", "the report as JSON (loads back as a data set)"),
    (ExportFormat::Csv, "csv", "one row per region × indicator × year (UTF-8 with BOM, CRLF)"),
    (ExportFormat::Md, "md", "Markdown: a table per area, footnoted sources"),
    (ExportFormat::Txt, "txt", "the same report as plain text"),
    (
        ExportFormat::Parquet,
        "parquet",
        "the CSV's table with typed columns (strings, 64-bit integers, doubles; nulls for missing values), for pandas, polars, R's arrow, DuckDB",
    ),
    (
        ExportFormat::Svg,
        "svg",
        "the HTML report's map and charts, each an SVG file beside the others (_map, _years_<id>, _children_<id>)",
    ),
    (ExportFormat::Html, "html", "a self-contained HTML report with the map and charts as SVG, printable on A4"),
    (
        ExportFormat::Xlsx,
        "xlsx",
        "an Excel workbook: a sheet per area, the children with a chart, the years, the sources",
    ),
];

impl ExportFormat {
    pub fn all() -> impl Iterator<Item = ExportFormat> {
        FORMATS.iter().map(|f| f.0)
    }

    fn row(self) -> (ExportFormat, &'static str, &'static str) {
        FORMATS.iter().copied().find(|f| f.0 == self).unwrap_or((self, "", ""))
    }

    pub fn ext(self) -> &'static str {
        self.row().1
    }

    pub fn describe(self) -> &'static str {
        self.row().2
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        FORMATS.iter().find(|f| f.1 == s).map(|f| f.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_variant_has_a_row_and_the_names_agree() {
        for f in ExportFormat::value_variants() {
            assert_eq!(ExportFormat::parse(f.ext()), Some(*f));
            let clap_name = f.to_possible_value().map(|v| v.get_name().to_string());
            assert_eq!(clap_name.as_deref(), Some(f.ext()));
            let serde_name = serde_json::to_string(f).unwrap();
            assert_eq!(serde_name, format!("\"{}\"", f.ext()));
        }
        assert_eq!(ExportFormat::all().count(), ExportFormat::value_variants().len());
    }
}
