//! Footnotes of the readable reports (Markdown, text, HTML): each source (a page, or a
//! publication's table with the copy read) numbered once, in order of first use.

use super::report::{IndicatorOut, SourceOut};

/// Footnote numbers of sources, in order of first use.
#[derive(Default)]
pub struct Notes {
    /// The sources, in footnote order.
    pub order: Vec<SourceOut>,
}

impl Notes {
    pub fn cite(&mut self, s: &SourceOut) -> usize {
        if let Some(n) = self.order.iter().position(|o| o == s) {
            return n + 1;
        }
        self.order.push(s.clone());
        self.order.len()
    }

    /// The marks of an indicator's value: its own source, or those of its inputs.
    pub fn cite_indicator(&mut self, i: &IndicatorOut) -> Vec<usize> {
        match i.own_source() {
            Some(s) => vec![self.cite(&s)],
            None => i.input_sources.iter().map(|s| self.cite(s)).collect(),
        }
    }
}
