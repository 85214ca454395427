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

/// Applies `actions` (or types `typed`) and draws: one measured key press.
fn press(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    theme: &Theme,
    actions: &[Action],
    typed: Option<char>,
) -> Duration {
    let start = Instant::now();
    for a in actions {
        app.apply(*a);
    }
    if let Some(c) = typed {
        app.on_key(Key::char(c));
    }
    term.draw(|f| {
        draw(f, app, theme);
    })
    .unwrap();
    start.elapsed()
}

/// The analyst's views at the national root: the table of all 2,685 counties (opening it,
/// typing in its filter, sorting by each column, the group filter), the time chart with six
/// pinned regions, the convergence view over every county, the group panel; each returns to
/// the dashboard so every round does the same work.
fn analyst_views(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    theme: &Theme,
    times: &mut std::collections::BTreeMap<&'static str, Vec<Duration>>,
) {
    let mut t = |name: &'static str, d: Duration| times.entry(name).or_default().push(d);
    t("table: open", press(app, term, theme, &[Action::Table], None));
    t("table: move", press(app, term, theme, &[Action::MoveDown], None));
    for _ in 0..cpdash::app::region_table::COLUMNS.len() {
        t("table: sort column", press(app, term, theme, &[Action::Sort], None));
    }
    t("table: reverse", press(app, term, theme, &[Action::SortReverse], None));
    app.apply(Action::Search);
    for c in ['x', 'i', 'a'] {
        t("table: filter key", press(app, term, theme, &[], Some(c)));
    }
    t("table: filter clear", press(app, term, theme, &[Action::SearchCancel], None));
    t("table: group filter", press(app, term, theme, &[Action::GroupFilter], None));
    t("table: level", press(app, term, theme, &[Action::TableLevel], None));
    t("table: close", press(app, term, theme, &[Action::GoUp], None));
    // Six pinned regions (the first six listed), then the chart opened and closed.
    app.nav.pins = app.rows().iter().take(cpdash::app::MAX_PINS).map(|r| r.region).collect();
    app.apply(Action::TimeChart);
    t("time chart, 6 pins: year", press(app, term, theme, &[Action::PrevYear], None));
    t("time chart, 6 pins: index", press(app, term, theme, &[Action::IndexView], None));
    app.apply(Action::NextYear);
    app.apply(Action::IndexView);
    t("time chart, 6 pins: close", press(app, term, theme, &[Action::TimeChart], None));
    t("time chart, 6 pins: open", press(app, term, theme, &[Action::TimeChart], None));
    app.apply(Action::TimeChart);
    t("convergence: open", press(app, term, theme, &[Action::Convergence], None));
    t("convergence: all counties", press(app, term, theme, &[Action::MapScope], None));
    app.apply(Action::MapScope);
    app.apply(Action::Convergence);
    t("group panel: open", press(app, term, theme, &[Action::GroupPanel], None));
    app.apply(Action::GroupPanel);
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let scale: usize = std::env::var("CPDASH_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = std::env::temp_dir().join(format!("cpdash-bench-national-x{scale}"));
    if !cpdash::synthetic::FILES.iter().all(|f| dir.join(f).exists()) {
        std::fs::create_dir_all(&dir).expect("a folder for the synthetic data");
        cpdash::synthetic::write_dir(&cpdash::synthetic::dataset(scale, 2026), &dir, true)
            .expect("write synthetic data");
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
        analyst_views(&mut app, &mut term, &theme, &mut times);
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
