//! The dashboard's state driven by key sequences, without a terminal.

mod common;

use cpdash::app::{Action, App, Pane, Sort, View};
use cpdash::config::Config;
use cpdash::load::{load_dataset, DataSource};
use cpdash::model::indicator::Area;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    App::new(load_dataset(&DataSource::Bundled).unwrap(), &Config::default())
}

fn code(app: &App, id: cpdash::model::RegionId) -> String {
    app.ds.regions.get(id).code.clone()
}

fn breadcrumb(app: &App) -> Vec<String> {
    app.ds.regions.ancestry(app.focus).iter().map(|r| app.ds.regions.get(*r).name_zh.clone()).collect()
}

fn press(app: &mut App, c: KeyCode) {
    app.on_key(&KeyEvent::new(c, KeyModifiers::NONE));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn opens_on_the_province_listing_its_eleven_cities() {
    let a = app();
    assert_eq!(code(&a, a.focus), "330000");
    assert_eq!(a.rows.len(), 11);
    // The cities have 78 values for 2023 (80 for 2022, the best year) against 14 for 2024: 2023 is the latest
    // year in which the listed regions have at least half of their best year's values.
    assert_eq!(a.year, 2023);
    assert_eq!(a.view, View::Overview);
    assert_eq!(a.current_area(), Area::Income);
}

#[test]
fn drills_down_to_jingning_and_back_with_vim_and_arrow_keys() {
    let mut a = app();
    press(&mut a, KeyCode::Char('G')); // last city: 丽水市
    assert_eq!(code(&a, a.selected_region().unwrap()), "331100");
    press(&mut a, KeyCode::Enter);
    assert_eq!(breadcrumb(&a), ["浙江省", "丽水市"]);
    assert_eq!(a.rows.len(), 9);
    for _ in 0..7 {
        press(&mut a, KeyCode::Char('j'));
    }
    assert_eq!(code(&a, a.selected_region().unwrap()), "331127");
    press(&mut a, KeyCode::Right);
    assert_eq!(breadcrumb(&a), ["浙江省", "丽水市", "景宁畲族自治县"]);
    // A county has no children: its siblings stay listed, and moving follows the selection.
    assert_eq!(code(&a, a.list_parent), "331100");
    press(&mut a, KeyCode::Up);
    assert_eq!(code(&a, a.focus), "331126"); // 庆元县
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(breadcrumb(&a), ["浙江省", "丽水市"]);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(breadcrumb(&a), ["浙江省"]);
    assert_eq!(code(&a, a.selected_region().unwrap()), "331100", "the city we came from stays selected");
    press(&mut a, KeyCode::Esc);
    assert_eq!(breadcrumb(&a), ["浙江省"], "going up from the top stays there");
}

#[test]
fn search_by_pinyin_jumps_across_levels() {
    let mut a = app();
    press(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "jingning");
    assert_eq!(code(&a, a.search.as_ref().unwrap().results[0]), "331127");
    press(&mut a, KeyCode::Enter);
    assert!(a.search.is_none());
    assert_eq!(code(&a, a.focus), "331127");
    assert_eq!(code(&a, a.list_parent), "331100");
    assert_eq!(code(&a, a.selected_region().unwrap()), "331127");
    // Chinese, English and code work too; a city jumps to its county list.
    for (q, expect) in [("丽水", "331100"), ("Lishui", "331100"), ("330326", "330326"), ("莲都", "331102")] {
        press(&mut a, KeyCode::Char('/'));
        type_text(&mut a, q);
        press(&mut a, KeyCode::Enter);
        assert_eq!(code(&a, a.focus), expect, "query {q}");
    }
    press(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "atlantis");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.message.as_deref(), Some("没有匹配\"atlantis\"的地区"));
}

#[test]
fn years_switch_within_the_data() {
    let mut a = app();
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.year, 2022);
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.year, 2025);
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.year, 2025);
    assert_eq!(a.message.as_deref(), Some("2025年之外没有数据"));
    for _ in 0..10 {
        press(&mut a, KeyCode::Char('['));
    }
    assert_eq!(a.year, 2019);
}

#[test]
fn sort_cycles_by_value_and_gap_with_missing_last() {
    let mut a = app();
    assert_eq!(a.year, 2023);
    a.apply(Action::Sort);
    assert_eq!(a.sort, Sort::Value);
    let values: Vec<Option<f64>> = a.rows.iter().map(|r| r.row.value()).collect();
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    assert!(present.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    let first_missing = values.iter().position(|v| v.is_none()).unwrap_or(values.len());
    assert!(values[first_missing..].iter().all(|v| v.is_none()), "{values:?}");
    a.apply(Action::Sort);
    assert_eq!(a.sort, Sort::Gap);
    let gaps: Vec<f64> = a.rows.iter().filter_map(|r| r.row.target.as_ref().map(|t| t.gap_pct)).collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    a.apply(Action::Sort);
    assert_eq!(a.sort, Sort::Name);
    assert_eq!(code(&a, a.rows[0].region), "330100");
}

#[test]
fn areas_open_by_number_and_from_the_overview() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.view, View::Area(Area::UrbanRural));
    press(&mut a, KeyCode::Char('0'));
    assert_eq!(a.view, View::Overview);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.pane, Pane::Areas);
    // Back in the overview the cursor stands on the area just left (2); j moves to 3.
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.view, View::Area(Area::Income));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.view, View::Overview);
    assert_eq!(a.current_area(), Area::Income);
}

#[test]
fn help_language_and_quit() {
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    assert!(a.help);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.selected, 0, "while help is open, movement scrolls the help");
    assert_eq!(a.help_scroll, 1);
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.view, View::Overview, "other keys wait while help is open");
    press(&mut a, KeyCode::Esc);
    assert!(!a.help);
    press(&mut a, KeyCode::Char('L'));
    assert!(a.english);
    a.on_key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(a.quit);
}

#[test]
fn remapped_keys_from_the_config() {
    let text = "[keys]\nmove_down = [\"n\"]\nquit = [\"x\"]\n";
    let config = Config::parse("c.toml", text).unwrap();
    let mut a = App::new(load_dataset(&DataSource::Bundled).unwrap(), &config);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.selected, 0, "j is no longer bound");
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(a.selected, 1);
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit);
    press(&mut a, KeyCode::Char('x'));
    assert!(a.quit);
}

#[test]
fn opens_on_the_latest_year_its_listed_regions_are_covered() {
    use cpdash::app::state::default_year;
    let head = "region_code,indicator,year,value,unit,source_url,source_kind,note\n";
    // The three cities have 2021 values; 2022 has more values, but all of them one level down.
    let obs = format!(
        "{head}10,income_pc,2021,1,yuan,http://s,government,\n20,income_pc,2021,1,yuan,http://s,government,\n30,income_pc,2021,1,yuan,http://s,government,\n\
         11,income_pc,2022,1,yuan,http://s,government,\n12,income_pc,2022,1,yuan,http://s,government,\n13,income_pc,2022,1,yuan,http://s,government,\n\
         21,income_pc,2022,1,yuan,http://s,government,\n30,income_pc,2022,1,yuan,http://s,government,\n"
    );
    assert_eq!(default_year(&common::dataset_from(&obs)), 2021);
    // With a second city value, 2022 has two of 2021's three: at least half, so 2022 opens.
    let obs = format!("{obs}20,income_pc,2022,1,yuan,http://s,government,\n");
    assert_eq!(default_year(&common::dataset_from(&obs)), 2022);
}
