//! Key press to finished frame on the synthetic national data, as percentiles: every action
//! many times over, each measured on its own (criterion reports means; the budget is a p99).
//!
//! `cargo bench --bench keypress` (CPDASH_BENCH_SCALE=2 or 4 for larger data).

use std::time::{Duration, Instant};

use cpdash::app::Settings;
use cpdash::app::{Action, App, Key, KeyCode};
use cpdash::load::{load_dataset, DataSource};
use cpdash::ui::{draw, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const ROUNDS: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let scale: usize = std::env::var("CPDASH_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = std::env::temp_dir().join(format!("cpdash-bench-national-x{scale}"));
    if !dir.join("snapshot.json").exists() {
        cpdash::synthetic::write_dir(&cpdash::synthetic::dataset(scale, 2026), &dir).expect("write synthetic data");
    }
    let ds = load_dataset(&DataSource::Dir(dir)).expect("synthetic data loads");
    println!("national ×{scale}: {} regions, {} observations; 200×60 frames", ds.regions.len(), ds.n_observations());
    let mut app = App::new(ds, Settings::default());
    let theme = Theme::new(cpdash::ui::theme::ColorDepth::TrueColor, Default::default());
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    app.resize(200, 60);
    term.draw(|f| {
        draw(f, &app, &theme);
    })
    .unwrap();
    // Each step: the keys of one "press", applied then drawn. Sequences return to the start so
    // every round does the same work; year switches and drills alternate so caches are cold
    // half of the time.
    type Step = (&'static str, Vec<Action>);
    let steps: Vec<Step> = vec![
        ("move down/up", vec![Action::MoveDown]),
        ("move down/up", vec![Action::MoveUp]),
        ("drill down", vec![Action::DrillDown]),
        ("go up", vec![Action::GoUp]),
        ("previous year", vec![Action::PrevYear]),
        ("next year", vec![Action::NextYear]),
        ("open area 1", vec![Action::Area1]),
        ("overview", vec![Action::Overview]),
        ("sort", vec![Action::Sort]),
    ];
    let mut times: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            app.clear_cache();
            app.refresh();
        }
        for (name, actions) in &steps {
            let start = Instant::now();
            for a in actions {
                app.apply(*a);
            }
            term.draw(|f| {
                draw(f, &app, &theme);
            })
            .unwrap();
            times.entry(name).or_default().push(start.elapsed());
        }
        // A search keystroke and its undo.
        app.apply(Action::Search);
        let start = Instant::now();
        app.on_key(Key::char('3'));
        term.draw(|f| {
            draw(f, &app, &theme);
        })
        .unwrap();
        times.entry("search keystroke").or_default().push(start.elapsed());
        app.on_key(Key::new(KeyCode::Esc));
    }
    let mut all = Vec::new();
    println!("{:<18} {:>9} {:>9} {:>9}", "key press", "p50", "p99", "max");
    for (name, mut t) in times {
        t.sort();
        println!("{name:<18} {:>9.2?} {:>9.2?} {:>9.2?}", percentile(&t, 0.5), percentile(&t, 0.99), t[t.len() - 1]);
        all.extend(t);
    }
    all.sort();
    println!(
        "{:<18} {:>9.2?} {:>9.2?} {:>9.2?}",
        "all",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all[all.len() - 1]
    );
}
