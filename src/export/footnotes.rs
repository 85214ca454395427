//! Footnotes of the readable reports (Markdown, text, HTML): each source address numbered once,
//! in order of first use.

use std::collections::BTreeMap;

/// Footnote numbers of source addresses, in order of first use.
#[derive(Default)]
pub struct Notes {
    ids: BTreeMap<String, usize>,
    /// (address, source kind), in footnote order.
    pub order: Vec<(String, String)>,
}

impl Notes {
    pub fn cite(&mut self, url: &str, kind: &str) -> usize {
        if let Some(n) = self.ids.get(url) {
            return *n;
        }
        self.order.push((url.to_string(), kind.to_string()));
        self.ids.insert(url.to_string(), self.order.len());
        self.order.len()
    }
}
