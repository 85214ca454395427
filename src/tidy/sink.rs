//! The fields of a tidy table's rows, wherever they go.

use crate::model::{Dataset, IndicatorId, RegionId};

/// Where a table's fields go, in column order: CSV text (`metrics_table::Fields`) or Parquet
/// columns ([`super::parquet::ParquetTable`]). A region, an indicator and a parent are written
/// field by field unless the sink has a faster way (the CSV encodes each once).
pub trait Sink {
    fn text(&mut self, s: &str) -> std::io::Result<()>;
    fn num(&mut self, v: Option<f64>) -> std::io::Result<()>;
    fn int(&mut self, v: Option<i64>) -> std::io::Result<()>;
    fn end(&mut self) -> std::io::Result<()>;

    /// The region's code, names, level and parent code.
    fn region(&mut self, ds: &Dataset, r: RegionId) -> std::io::Result<()> {
        let g = ds.regions.get(r);
        let parent = ds.regions.parent(r).map(|p| ds.regions.get(p).code.as_str()).unwrap_or_default();
        for t in [&g.code, &g.name_zh, &g.name_en, &g.level, parent] {
            self.text(t)?;
        }
        Ok(())
    }

    /// The indicator's area, id and unit.
    fn indicator(&mut self, ds: &Dataset, i: IndicatorId) -> std::io::Result<()> {
        let d = ds.catalog.get(i);
        for t in [d.area.key(), &d.id, d.unit.key()] {
            self.text(t)?;
        }
        Ok(())
    }

    /// A parent's code and names, and its children's level.
    fn parent(&mut self, ds: &Dataset, p: RegionId) -> std::io::Result<()> {
        let g = ds.regions.get(p);
        let level = ds.regions.children(p).first().map(|c| ds.regions.get(*c).level.as_str()).unwrap_or_default();
        for t in [&g.code, &g.name_zh, &g.name_en, level] {
            self.text(t)?;
        }
        Ok(())
    }
}
