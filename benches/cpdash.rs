//! Benchmarks of the budgets in BENCHMARKS.md: loading, metrics, a frame after a key press,
//! import and export, on the bundled data and on the synthetic national-size data
//! (`cpdash generate`, written once into a temporary folder; CPDASH_BENCH_SCALE=2 or 4 for the
//! growth runs).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use cpdash::app::Settings;
use cpdash::app::{Action, App, Key, KeyCode};
use cpdash::export::ExportFormat;
use cpdash::load::import::{import_csv_files, Layout};
use cpdash::load::{load_dataset, DataSource};
use cpdash::metrics::area_report;
use cpdash::model::indicator::Area;
use cpdash::model::Dataset;
use cpdash::strings::Lang;
use cpdash::ui::{draw, Theme};
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn scale() -> usize {
    std::env::var("CPDASH_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1)
}

/// The synthetic national data, written once per run.
fn national_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cpdash-bench-national-x{}", scale()));
        if !cpdash::synthetic::FILES.iter().all(|f| dir.join(f).exists()) {
            let ds = cpdash::synthetic::dataset(scale(), 2026);
            std::fs::create_dir_all(&dir).expect("a folder for the synthetic data");
            cpdash::synthetic::write_dir(&ds, &dir, true).expect("write synthetic data");
        }
        dir
    })
}

fn national() -> Dataset {
    load_dataset(&DataSource::Dir(national_dir().clone())).expect("synthetic data loads")
}

fn loading(c: &mut Criterion) {
    c.bench_function("load+validate bundled", |b| b.iter(|| load_dataset(&DataSource::Bundled).unwrap()));
    let dir = national_dir().clone();
    let mut g = c.benchmark_group("national");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("load+validate national", |b| b.iter(|| load_dataset(&DataSource::Dir(dir.clone())).unwrap()));
    let csv = dir.join("observations.csv");
    g.bench_function("import national CSV", |b| {
        b.iter(|| {
            let (regions, catalog) = cpdash::load::data_dir::dir_tables(&dir).unwrap();
            let meta = cpdash::model::snapshot::SnapshotMeta {
                id: "bench".into(),
                title: "bench".into(),
                title_en: None,
                as_of: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                provenance: "bench".into(),
            };
            import_csv_files(std::slice::from_ref(&csv), &Layout::Long, regions, catalog, meta).unwrap().0
        })
    });
    g.finish();
}

fn metrics(c: &mut Criterion) {
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    c.bench_function("all area reports, bundled (every region × year × area)", |b| {
        b.iter(|| {
            for r in ds.regions.ids() {
                for y in ds.years() {
                    for a in Area::SIX {
                        black_box(area_report(&ds, r, y, a));
                    }
                }
            }
        })
    });
    let nat = national();
    let root = nat.regions.roots()[0];
    let province = nat.regions.children(root)[0];
    c.bench_function("six area reports, national root (34 provinces, all counties)", |b| {
        b.iter(|| Area::SIX.map(|a| black_box(area_report(&nat, root, 2024, a))))
    });
    c.bench_function("six area reports, one province (cities, its counties)", |b| {
        b.iter(|| Area::SIX.map(|a| black_box(area_report(&nat, province, 2024, a))))
    });
}

/// One frame, as the terminal loop draws it: the app learns the size, then is drawn.
fn frame(app: &mut App, term: &mut Terminal<TestBackend>, theme: &Theme) {
    let size = term.size().unwrap();
    app.resize(size.width, size.height);
    term.draw(|f| {
        draw(f, app, theme);
    })
    .unwrap();
}

fn frames(c: &mut Criterion) {
    let theme = Theme::new(cpdash::ui::theme::ColorDepth::TrueColor, Default::default());
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut app = App::new(national(), Settings::default());
    frame(&mut app, &mut term, &theme);
    let mut g = c.benchmark_group("key press to frame, national, 200×60");
    g.bench_function("move down", |b| {
        b.iter(|| {
            app.apply(Action::MoveDown);
            app.apply(Action::MoveUp);
            frame(&mut app, &mut term, &theme);
        })
    });
    g.bench_function("switch year (uncached reports)", |b| {
        let mut forward = true;
        b.iter(|| {
            app.clear_cache();
            app.apply(if forward { Action::PrevYear } else { Action::NextYear });
            forward = !forward;
            frame(&mut app, &mut term, &theme);
        })
    });
    g.bench_function("drill down and up", |b| {
        b.iter(|| {
            app.apply(Action::DrillDown);
            frame(&mut app, &mut term, &theme);
            app.apply(Action::GoUp);
            frame(&mut app, &mut term, &theme);
        })
    });
    g.bench_function("open an area", |b| {
        b.iter(|| {
            app.apply(Action::Area1);
            frame(&mut app, &mut term, &theme);
            app.apply(Action::Overview);
        })
    });
    g.bench_function("search keystroke", |b| {
        app.apply(Action::Search);
        b.iter(|| {
            app.on_key(Key::char('3'));
            frame(&mut app, &mut term, &theme);
            app.on_key(Key::new(KeyCode::Backspace));
        })
    });
    g.finish();
    let mut bundled_term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut map_app = App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default());
    map_app.apply(Action::Map);
    frame(&mut map_app, &mut bundled_term, &theme);
    c.bench_function("bundled: key press to map frame 120×40 (all counties)", |b| {
        map_app.apply(Action::MapScope);
        b.iter(|| {
            map_app.apply(Action::MoveDown);
            map_app.apply(Action::MoveUp);
            frame(&mut map_app, &mut bundled_term, &theme);
        })
    });
    let mut map_big = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("bundled: key press to map frame 200×60 (all counties)", |b| {
        b.iter(|| {
            map_app.apply(Action::MoveDown);
            map_app.apply(Action::MoveUp);
            frame(&mut map_app, &mut map_big, &theme);
        })
    });
    c.bench_function("bundled: load + first frame 120×40", |b| {
        b.iter(|| {
            let mut app = App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default());
            frame(&mut app, &mut bundled_term, &theme);
        })
    });
}

fn export(c: &mut Criterion) {
    let ds = load_dataset(&DataSource::Bundled).unwrap();
    let lishui = ds.regions.by_code("331100").unwrap();
    let at = chrono::Local::now();
    c.bench_function("export one region, three formats (bundled)", |b| {
        b.iter(|| {
            for f in [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Md] {
                let req = cpdash::export::Request::one(lishui, 2021, Lang::En);
                black_box(cpdash::export::files::render(&ds, &req, f, &at).unwrap());
            }
        })
    });
}

criterion_group!(benches, loading, metrics, frames, export);
criterion_main!(benches);
