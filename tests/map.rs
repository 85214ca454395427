//! The map: boundaries, the raster over known points, classes, and rendered screens.

mod common;

use common::screen;

use cpdash::app::Settings;
use cpdash::app::{Action, App};
use cpdash::geo::{Atlas, Raster};
use cpdash::load::{load_dataset, DataSource};
use cpdash::metrics::classes::{classify, Scheme};

fn centroid(atlas: &Atlas, r: cpdash::model::RegionId) -> (f64, f64) {
    // The vertex mean of the largest part; checked to lie inside before use.
    let shape = atlas.shape(r).unwrap();
    let ring = shape.polygons.iter().map(|p| &p.rings[0]).max_by_key(|r| r.len()).unwrap();
    let n = ring.len() as f64;
    (ring.iter().map(|p| p.0).sum::<f64>() / n, ring.iter().map(|p| p.1).sum::<f64>() / n)
}

#[test]
fn boundaries_cover_every_bundled_region_but_the_province() {
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let atlas = Atlas::bundled(&ds.regions);
    assert_eq!(atlas.shapes.len(), 101, "11 cities and 90 counties");
    assert!(ds.regions.iter().filter(|(_, r)| r.depth > 0).all(|(id, _)| atlas.shape(id).is_some()));
}

#[test]
fn raster_cells_over_known_points_carry_their_region() {
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let atlas = Atlas::bundled(&ds.regions);
    let lishui = ds.regions.by_code("331100").unwrap();
    let jingning = ds.regions.by_code("331127").unwrap();
    let c = centroid(&atlas, jingning);
    assert!(atlas.shape(jingning).unwrap().contains(c), "centre of 景宁 {c:?}");
    // Lishui's counties at 120 × 96 dots (a 60 × 24 cell map).
    let raster = Raster::new(&atlas, ds.regions.children(lishui), 120, 96);
    assert_eq!(raster.at(c.0, c.1), Some(jingning));
    // The whole province by city: 舟山's main island (定海, 122.10°E 30.05°N) is 舟山市.
    let cities = ds.regions.children(ds.regions.by_code("330000").unwrap());
    let raster = Raster::new(&atlas, cities, 80, 64);
    let zhoushan = ds.regions.by_code("330900").unwrap();
    assert!(atlas.shape(zhoushan).unwrap().contains((122.10, 30.05)));
    assert_eq!(raster.at(122.10, 30.05), Some(zhoushan));
    // Open sea east of the islands is no region.
    assert_eq!(raster.at(122.9, 28.2), None);
    // Aspect: a degree of longitude is cos(lat) of a degree of latitude on the dot grid.
    let (x0, y0, x1, y1) = raster.view;
    let k = ((y0 + y1) / 2.0).to_radians().cos();
    assert!((((x1 - x0) * k / 80.0) - ((y1 - y0) / 64.0)).abs() < 1e-9);
}

#[test]
fn classes_by_target_or_by_quantiles() {
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let cities: Vec<_> = ds.regions.children(ds.regions.by_code("330000").unwrap()).to_vec();
    // Income has a target that applies to every region: status classes (0 = major ... 3 = met).
    let income = ds.catalog.by_id("income_pc").unwrap();
    let c = classify(&ds, &cities, income, 2023);
    assert_eq!(c.scheme, Scheme::Status { target: 75000.0 });
    let lishui = cities.iter().position(|r| ds.regions.get(*r).code == "331100").unwrap();
    assert_eq!(c.class_of[lishui], Some(0), "丽水 47,182 is under the red threshold 60,000");
    assert_eq!(c.with_data, 5);
    // Resident population has none: quantiles over the 11 cities, all with 2023 data.
    let pop = ds.catalog.by_id("pop_resident").unwrap();
    let q = classify(&ds, &cities, pop, 2023);
    assert!(matches!(q.scheme, Scheme::Quantiles { ref ranges } if ranges.len() == 5));
    assert_eq!(q.with_data, 11);
    // Over the 90 counties, 43 have a 2023 population; the other 47 stay unclassed.
    let counties: Vec<_> = cities.iter().flat_map(|c| ds.regions.children(*c).to_vec()).collect();
    let q = classify(&ds, &counties, pop, 2023);
    assert_eq!((counties.len(), q.with_data), (90, 43));
    assert_eq!(q.class_of.iter().filter(|c| c.is_none()).count(), 47, "no data stays unclassed");
}

#[test]
fn map_screens() {
    let mut a = App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default());
    assert_eq!(a.nav.year, 2023);
    a.apply(Action::Map);
    insta::assert_snapshot!("map_province_by_city_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("map_province_by_city_80x24", screen(&mut a, 80, 24));
    let lishui = a.ds.regions.by_code("331100").unwrap();
    a.jump_to(lishui);
    insta::assert_snapshot!("map_lishui_by_county_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("map_lishui_by_county_80x24", screen(&mut a, 80, 24));
    a.apply(Action::MapScope);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("全部县级"), "{s}");
    insta::assert_snapshot!("map_all_counties_120x40", s);
    insta::assert_snapshot!("map_all_counties_80x24", screen(&mut a, 80, 24));
}

#[test]
fn few_distinct_values_make_few_classes_and_no_range_of_one_value() {
    // Counties 11, 12 (50 each) and 21 (300): two distinct values, two classes, each a single
    // value; never five classes or "50–50".
    let ds = common::fixture();
    let pop = ds.catalog.by_id("pop_resident").unwrap();
    let ids: Vec<_> = ["11", "12", "21", "13"].iter().map(|c| ds.regions.by_code(c).unwrap()).collect();
    let c = classify(&ds, &ids, pop, 2023);
    assert_eq!(c.n_classes, 2);
    assert_eq!(c.class_of, [Some(0), Some(0), Some(1), None]);
    match &c.scheme {
        Scheme::Quantiles { ranges } => assert_eq!(ranges, &[(50.0, 50.0), (300.0, 300.0)]),
        other => panic!("{other:?}"),
    }
    assert_eq!(cpdash::number::range_trim(50.0, 50.0, cpdash::model::Unit::TenThousandPersons), "50");
    assert_eq!(cpdash::number::range_trim(24.51, 24.54, cpdash::model::Unit::TenThousandPersons), "24.5");
    assert_eq!(cpdash::number::range_trim(24.5, 26.4, cpdash::model::Unit::TenThousandPersons), "24.5–26.4");
}
