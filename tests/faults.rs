//! Faults: a write that fails half-way, a resize storm, and round trips of anything written.

use std::io::Write;

use cpdash::app::App;
use cpdash::app::Settings;
use cpdash::fsio::{write_atomic_with, WriteError};
use cpdash::load::{load_dataset, DataSource};
use cpdash::ui::{draw, Theme};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

mod common;

#[test]
fn a_write_failing_half_way_leaves_no_file_under_the_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("export.json");
    let e = write_atomic_with(&p, false, |f| {
        f.write_all(b"{\"half\": ")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert_eq!(e, WriteError::Io(p.clone(), "disk full".into()));
    assert!(!p.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "the temporary file is removed");
    // Replacing an existing file: on failure the old content stays whole.
    std::fs::write(&p, "old").unwrap();
    write_atomic_with(&p, true, |f| {
        f.write_all(b"new, but cut")?;
        Err(std::io::Error::other("killed"))
    })
    .unwrap_err();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
}

#[test]
fn a_resize_storm_neither_panics_nor_garbles() {
    let mut app = App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default());
    let theme = Theme::MONO;
    let sizes = (1..=200u16).step_by(7).flat_map(|w| (1..=60u16).step_by(5).map(move |h| (w, h)));
    for (w, h) in sizes.chain([(1, 1), (80, 24), (0, 0)]) {
        app.resize(w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| {
            draw(f, &app, &theme);
        })
        .unwrap();
    }
    // Back at 120×40 the screen is whole again.
    app.resize(120, 40);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| {
        draw(f, &app, &theme);
    })
    .unwrap();
    // Wide characters fill two cells; the second is skipped.
    let mut text = String::new();
    let mut skip = 0;
    for c in t.backend().buffer().content() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
        text.push_str(c.symbol());
    }
    assert!(text.contains("六大领域") && text.contains("杭州市"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any set of observations written as a snapshot loads back with the same values, sources
    /// and notes.
    #[test]
    fn snapshots_round_trip(cells in prop::collection::vec(
        (0usize..7, 0usize..6, 2015i32..2025, 0.0f64..1.0, 0usize..3, prop::option::of("[a-z 了,\"]{0,12}")),
        1..60,
    )) {
        let ds0 = common::fixture();
        let codes = ["1", "10", "20", "30", "11", "12", "13"];
        let head = "region_code,indicator,year,value,unit,source_url,source_kind,note\n";
        let mut csv = String::from(head);
        let mut seen = std::collections::HashSet::new();
        for (r, i, y, v, s, n) in &cells {
            let (_, def) = ds0.catalog.iter().filter(|(_, d)| !d.is_derived()).nth(i % 4).unwrap();
            if !seen.insert((r, def.id.clone(), y)) {
                continue;
            }
            let note = n.as_ref().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).unwrap_or_default();
            // Any value the unit allows (a share of its plausible maximum; none too close to 0).
            let v = v * def.unit.plausible_max();
            let v = if v < 1e-6 { 0.0 } else { v };
            csv.push_str(&format!("{},{},{y},{v},{},http://s/{s},repost,{note}\n", codes[*r], def.id, def.unit));
        }
        let ds = common::dataset_from(&csv);
        let text = cpdash::load::snapshot_json::write_snapshot(&ds);
        let (regions, catalog) = (ds.regions.clone(), ds.catalog.clone());
        let back = cpdash::load::snapshot_json::load_snapshot("p.json", text.as_bytes(), regions, catalog).unwrap();
        let a: Vec<_> = ds.observations().map(|(r, i, y, c)| (r, i, y, c.value, c.source.clone(), c.note.map(str::to_string))).collect();
        let b: Vec<_> = back.observations().map(|(r, i, y, c)| (r, i, y, c.value, c.source.clone(), c.note.map(str::to_string))).collect();
        prop_assert_eq!(a, b);
    }
}
