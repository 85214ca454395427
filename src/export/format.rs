//! The export formats, kept once: the config (serde), the command line (clap) and the writers
//! all use this enum and its table. Adding a format is one variant here, its row in [`FORMATS`],
//! and one file with its `render` and what it needs.

use serde::{Deserialize, Serialize};

use super::document::{Needs, Render};
use super::{csv_out, html, json, pdf, svg, text, xlsx};

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
    Pdf,
}

/// A format: the file extension (also its name in the config and on the command line), what it
/// is, what it reads besides the report, and its writer.
struct Row {
    format: ExportFormat,
    ext: &'static str,
    about: &'static str,
    needs: Needs,
    render: Render,
}

const FORMATS: [Row; 9] = [
    Row {
        format: ExportFormat::Json,
        ext: "json",
        about: "the report as JSON (loads back as a data set)",
        needs: json::NEEDS,
        render: json::render,
    },
    Row {
        format: ExportFormat::Csv,
        ext: "csv",
        about: "one row per region × indicator × year (UTF-8 with BOM, CRLF)",
        needs: csv_out::NEEDS,
        render: csv_out::render_csv,
    },
    Row {
        format: ExportFormat::Md,
        ext: "md",
        about: "Markdown: a table per area, footnoted sources",
        needs: Needs::REPORT,
        render: text::render_md,
    },
    Row {
        format: ExportFormat::Txt,
        ext: "txt",
        about: "the same report as plain text",
        needs: Needs::REPORT,
        render: text::render_txt,
    },
    Row {
        format: ExportFormat::Parquet,
        ext: "parquet",
        about: "the CSV's table with typed columns (strings, 64-bit integers, doubles; nulls for missing values), for pandas, polars, R's arrow, DuckDB",
        needs: csv_out::NEEDS,
        render: csv_out::render_parquet,
    },
    Row {
        format: ExportFormat::Svg,
        ext: "svg",
        about: "the HTML report's map and charts, each an SVG file beside the others (_map, _years_<id>, _children_<id>)",
        needs: svg::NEEDS,
        render: svg::render,
    },
    Row {
        format: ExportFormat::Html,
        ext: "html",
        about: "a self-contained HTML report with the map and charts as SVG, printable on A4 (--brief: one page)",
        needs: html::NEEDS,
        render: html::render,
    },
    Row {
        format: ExportFormat::Xlsx,
        ext: "xlsx",
        about: "an Excel workbook: a sheet per area, the children with a chart, the years, the sources",
        needs: xlsx::NEEDS,
        render: xlsx::render,
    },
    Row {
        format: ExportFormat::Pdf,
        ext: "pdf",
        about: "the HTML report (--brief: the one-page brief) printed to PDF by a headless Chromium, which must be installed",
        needs: pdf::NEEDS,
        render: pdf::render,
    },
];

impl ExportFormat {
    pub fn all() -> impl Iterator<Item = ExportFormat> {
        FORMATS.iter().map(|f| f.format)
    }

    fn row(self) -> &'static Row {
        // Every variant has its row (a test checks it).
        FORMATS.iter().find(|f| f.format == self).unwrap_or(&FORMATS[0])
    }

    pub fn ext(self) -> &'static str {
        self.row().ext
    }

    pub fn describe(self) -> &'static str {
        self.row().about
    }

    pub fn needs(self) -> Needs {
        self.row().needs
    }

    pub fn render(self) -> Render {
        self.row().render
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        FORMATS.iter().find(|f| f.ext == s).map(|f| f.format)
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
        for (k, f) in FORMATS.iter().enumerate() {
            assert_eq!(f.format.row().ext, f.ext, "row {k} is found by its variant");
        }
    }
}
