//! What an export is of ([`Request`]) and which years the dashboard's export covers
//! ([`YearSpan`]).

use std::ops::RangeInclusive;

use crate::model::{Area, IndicatorId, RegionId};
use crate::strings::Lang;

/// What an export is of: a region, a span of years (one year: the same year twice), one area
/// or all six, and the language of its sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub region: RegionId,
    pub years: RangeInclusive<i32>,
    pub area: Option<Area>,
    pub lang: Lang,
    /// The one-page brief instead of the full report (HTML, PDF).
    pub brief: bool,
    /// The indicator the map shades (default: see [`super::charts::map_indicator`]).
    pub map: Option<IndicatorId>,
}

impl Request {
    /// One region and year, every area.
    pub fn one(region: RegionId, year: i32, lang: Lang) -> Request {
        Request { region, years: year..=year, area: None, lang, brief: false, map: None }
    }

    /// The year the metrics are for: the last of the span.
    pub fn year(&self) -> i32 {
        *self.years.end()
    }

    /// `2024`, or `2019-2024` for a span (file names, headings).
    pub fn years_label(&self) -> String {
        match (self.years.start(), self.years.end()) {
            (a, b) if a == b => a.to_string(),
            (a, b) => format!("{a}-{b}"),
        }
    }
}

/// Which years the dashboard's `e` exports (`[export] years` in the config): the year on
/// screen, every year, or a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YearSpan {
    #[default]
    Current,
    All,
    Span(i32, i32),
}

impl YearSpan {
    /// `current`, `all`, or `2019-2024`.
    pub fn parse(s: &str) -> Result<YearSpan, String> {
        match s.trim() {
            "current" => Ok(YearSpan::Current),
            "all" => Ok(YearSpan::All),
            other => {
                let bad = || format!("\"{other}\" is not current, all or a span of years such as 2019-2024");
                let (a, b) = other.split_once('-').ok_or_else(bad)?;
                let (a, b): (i32, i32) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
                if a > b || !crate::model::snapshot::YEARS.contains(&a) || !crate::model::snapshot::YEARS.contains(&b) {
                    return Err(bad());
                }
                Ok(YearSpan::Span(a, b))
            }
        }
    }

    /// The years exported with `current` on screen from a data set covering `data`: a span is
    /// clipped to the data (and to the current year when it lies outside).
    pub fn resolve(self, current: i32, data: RangeInclusive<i32>) -> RangeInclusive<i32> {
        match self {
            YearSpan::Current => current..=current,
            YearSpan::All => data,
            YearSpan::Span(a, b) => {
                let (a, b) = (a.max(*data.start()), b.min(*data.end()));
                if a > b {
                    current..=current
                } else {
                    a..=b
                }
            }
        }
    }

    /// As the config writes it.
    pub fn text(self) -> String {
        match self {
            YearSpan::Current => "current".into(),
            YearSpan::All => "all".into(),
            YearSpan::Span(a, b) => format!("{a}-{b}"),
        }
    }
}
