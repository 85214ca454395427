//! Rendered screens at 80×24 and 120×40, compared with reviewed snapshots (tests/snapshots).

mod common;

use common::{go_to_year, press, screen};

use cpdash::app::Settings;
use cpdash::app::{Action, App};
use cpdash::load::{load_dataset, DataSource};

fn app() -> App {
    App::new(load_dataset(&DataSource::Bundled).unwrap(), Settings::default())
}

fn go(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.apply(*a);
    }
}

fn jump(app: &mut App, code: &str) {
    let id = app.ds.regions.by_code(code).unwrap();
    app.jump_to(id);
}

#[test]
fn overview_of_the_province() {
    let mut a = app();
    insta::assert_snapshot!("overview_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("overview_80x24", screen(&mut a, 80, 24));
}

#[test]
fn area_detail_of_lishui() {
    let mut a = app();
    jump(&mut a, "331100");
    go_to_year(&mut a, 2021);
    go(&mut a, &[Action::Area1]);
    insta::assert_snapshot!("lishui_regional_2021_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("lishui_regional_2021_80x24", screen(&mut a, 80, 24));
}

#[test]
fn province_urban_rural_detail() {
    let mut a = app();
    go_to_year(&mut a, 2023);
    go(&mut a, &[Action::Area2]);
    insta::assert_snapshot!("province_urban_rural_2023_120x40", screen(&mut a, 120, 40));
}

#[test]
fn county_with_missing_data() {
    let mut a = app();
    jump(&mut a, "331127");
    go_to_year(&mut a, 2024);
    insta::assert_snapshot!("jingning_2024_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("jingning_2024_80x24", screen(&mut a, 80, 24));
}

#[test]
fn help_overlay() {
    let mut a = app();
    go(&mut a, &[Action::Help]);
    insta::assert_snapshot!("help_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("help_80x24", screen(&mut a, 80, 24));
    go(&mut a, &[Action::PageDown, Action::PageDown, Action::PageDown]);
    insta::assert_snapshot!("help_scrolled_120x40", screen(&mut a, 120, 40));
}

#[test]
fn english_mode() {
    let mut a = app();
    go(&mut a, &[Action::Language]);
    go_to_year(&mut a, 2023);
    let s = screen(&mut a, 120, 40);
    // The data set's own English title, not its Chinese one.
    assert!(s.lines().next().unwrap().contains("Zhejiang common prosperity indicators · as of"), "{s}");
    assert!(!s.contains("浙江共同富裕示范区指标"), "{s}");
    insta::assert_snapshot!("overview_english_2023_120x40", s);
    insta::assert_snapshot!("overview_english_2023_80x24", screen(&mut a, 80, 24));
}

#[test]
fn too_small_terminal_says_how_large_it_must_be() {
    let mut a = app();
    let s = screen(&mut a, 60, 20);
    assert!(s.starts_with("终端为 60×20,cpdash 至少需要 80×24。"), "{s}");
}

#[test]
fn cjk_columns_line_up() {
    // In the region list every value column ends in the same cell, whatever the name's width.
    let mut a = app();
    jump(&mut a, "331100");
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    let s = screen(&mut a, 120, 40);
    let left = |l: &str| l.split("││").next().unwrap_or("").to_string();
    let is_row = |l: &str| left(l).starts_with("│ ") || left(l).starts_with("│▶");
    let rows: Vec<&str> =
        s.lines().filter(|l| is_row(l) && (left(l).contains("云和县") || left(l).contains("景宁"))).collect();
    assert_eq!(rows.len(), 2, "{s}");
    // Display width up to the value's last digit, in the left pane.
    let end_of_value = |l: &str, v: &str| {
        let at = l.find(v).unwrap() + v.len();
        unicode_width::UnicodeWidthStr::width(&l[..at])
    };
    assert_eq!(end_of_value(rows[0], " 1.93"), end_of_value(rows[1], " 1.73"), "{rows:?}");
}

#[test]
fn a_percentage_target_keeps_its_sign() {
    // 2024: the province's urbanization rate, 75.5%, against the 76% target of the plan.
    let mut a = app();
    go_to_year(&mut a, 2024);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("常住人口城镇化率 75.5%  目标 76%  ◕ 尚有差距"), "{s}");
}

#[test]
fn a_value_is_shown_with_the_decimals_that_tell_it_from_its_target() {
    // The province's urban/rural ratio 2022 is 1.897 (met, below 1.9); 丽水市 2023 is 1.901
    // (not met). Two decimals would show 1.90 for both.
    let mut a = app();
    go_to_year(&mut a, 2022);
    go(&mut a, &[Action::Area2]);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("城乡居民收入倍差: 1.897  ● 已达标"), "{s}");
    jump(&mut a, "331100");
    go_to_year(&mut a, 2023);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("1.901"), "{s}");
    assert!(!s.contains(" 1.90 "), "{s}");
}

#[test]
fn missing_inputs_are_named_as_the_user_sees_them() {
    // 景宁 2024, public services: life expectancy (the first row) has no value; the line names
    // the indicator. (The area opens on its first row with a value, the yearbook's beds.)
    let mut a = app();
    jump(&mut a, "331127");
    go_to_year(&mut a, 2024);
    go(&mut a, &[Action::Area4, Action::FocusNext, Action::First]);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("缺少数据: 2024 人均预期寿命"), "{s}");
    assert!(!s.contains("life_expectancy@"), "{s}");
}

#[test]
fn provincial_statistics_are_not_listed_for_cities_and_counties() {
    // The max/min across the 11 cities and the mountain counties' income are statistics of the
    // province: a city's area 1 lists its own three indicators, not four "no data" rows.
    let mut a = app();
    jump(&mut a, "331100");
    go(&mut a, &[Action::Area1]);
    let report = a.report(cpdash::model::Area::Regional).unwrap();
    let ids: Vec<&str> = report.rows.iter().map(|r| a.ds.catalog.get(r.indicator).id.as_str()).collect();
    assert_eq!(ids, ["gdp", "gdp_per_capita", "pop_resident"]);
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("市际收入倍差") && !s.contains("山区县收入比"), "{s}");
    // The province still has all seven.
    jump(&mut a, "330000");
    assert_eq!(a.report(cpdash::model::Area::Regional).unwrap().rows.len(), 7);
}

/// The bytes a frame sends to a terminal of the given colour depth.
fn escapes(depth: cpdash::ui::theme::ColorDepth) -> String {
    use ratatui::backend::CrosstermBackend;
    use ratatui::{layout::Rect, Terminal, TerminalOptions, Viewport};
    let mut a = app();
    a.resize(120, 40);
    let theme = cpdash::ui::Theme::new(depth, Default::default());
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)) };
        let mut t = Terminal::with_options(backend, options).unwrap();
        t.draw(|f| {
            cpdash::ui::draw(f, &a, &theme);
        })
        .unwrap();
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn colours_are_sent_at_the_terminals_depth() {
    use cpdash::ui::theme::ColorDepth;
    let rgb = escapes(ColorDepth::TrueColor);
    assert!(rgb.contains("\x1b[38;2;0;158;115;"), "24-bit: the achieved green as RGB");
    let indexed = escapes(ColorDepth::Indexed);
    assert!(!indexed.contains("38;2;") && indexed.contains("\x1b[38;5;35;"), "256 colours: index 35, no RGB");
    let basic = escapes(ColorDepth::Basic);
    // crossterm writes the 16 colours as indices 0–15.
    let indices: Vec<u32> = basic
        .match_indices("38;5;")
        .filter_map(|(i, _)| basic[i + 5..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect();
    assert!(!basic.contains("38;2;") && !indices.is_empty(), "16 colours: no RGB");
    assert!(indices.iter().all(|n| *n < 16), "16 colours only: {indices:?}");
    let none = escapes(ColorDepth::None);
    assert!(!none.contains("38;5;") && !none.contains("38;2;"), "no colour at all");
}

#[test]
fn table_of_all_counties_sorted_and_filtered() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    press(&mut a, "c");
    insta::assert_snapshot!("table_counties_ratio_2024_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("table_counties_ratio_2024_80x24", screen(&mut a, 80, 24));
    // The mountain counties only, scrolled two columns right, filtered to Lishui's by pinyin.
    press(&mut a, "f");
    press(&mut a, ">");
    press(&mut a, ">");
    press(&mut a, "/");
    common::type_text(&mut a, "l");
    insta::assert_snapshot!("table_mountain_filtered_80x24", screen(&mut a, 80, 24));
}

#[test]
fn group_panel_time_chart_and_convergence() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    press(&mut a, "r");
    insta::assert_snapshot!("groups_ratio_2024_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("groups_ratio_2024_80x24", screen(&mut a, 80, 24));
    // Three cities pinned beside the province.
    press(&mut a, "t");
    for _ in 0..3 {
        press(&mut a, "p");
        press(&mut a, "j");
    }
    insta::assert_snapshot!("time_ratio_pinned_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("time_ratio_pinned_80x24", screen(&mut a, 80, 24));
    press(&mut a, "x");
    insta::assert_snapshot!("time_ratio_index_80x24", screen(&mut a, 80, 24));
    press(&mut a, "v");
    go_to_year(&mut a, 2023);
    insta::assert_snapshot!("convergence_cities_2023_120x40", screen(&mut a, 120, 40));
    insta::assert_snapshot!("convergence_cities_2023_80x24", screen(&mut a, 80, 24));
}

#[test]
fn stale_values_are_marked_older() {
    let mut a = app();
    press(&mut a, "2");
    go_to_year(&mut a, 2024);
    // The cities' ratio: only 金华 has 2024; the others show their 2023 value, marked.
    insta::assert_snapshot!("stale_cities_ratio_2024_80x24", screen(&mut a, 80, 24));
}

#[test]
fn a_value_after_a_series_break_is_marked_and_explained() {
    // 景宁 2024, regional gap: GDP follows the census revision's break; the table marks it and
    // the detail line says why and that the trend starts there.
    let mut a = app();
    jump(&mut a, "331127");
    go_to_year(&mut a, 2024);
    go(&mut a, &[Action::Area1, Action::FocusNext, Action::First]);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("119.7‡"), "{s}");
    assert!(s.contains("‡ 2024年序列断点,趋势自2024年起算:第五次全国经济普查后"), "{s}");
    // The year before is on the basis of the 2019 revision, not the 2024 one.
    go_to_year(&mut a, 2023);
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("2024年序列断点"), "{s}");
    assert!(s.contains("‡ 2019年序列断点,趋势自2019年起算:第四次全国经济普查后"), "{s}");
}

#[test]
fn the_years_mark_the_first_value_on_a_new_basis() {
    // The province's resident population: 5,850 in 2019, 6,468 in 2020 on the seventh census's
    // basis. The values by year mark 2020 (not 2021), and the detail line says why.
    let mut a = app();
    go(&mut a, &[Action::Area1, Action::FocusNext, Action::First, Action::MoveDown, Action::MoveDown]);
    go(&mut a, &[Action::TimeChart]);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("6,468.0‡"), "{s}");
    assert!(!s.contains("6,540.0‡"), "2021 is on the same basis as 2020: {s}");
    assert!(s.contains("5,850.0") && !s.contains("5,850.0‡"), "{s}");
}

#[test]
fn the_header_keeps_a_space_between_the_year_and_what_follows() {
    let mut a = app();
    press(&mut a, "o");
    for w in [80u16, 90, 100, 110, 120] {
        let s = screen(&mut a, w, 30);
        let top = s.lines().next().unwrap();
        assert!(!top.contains("▸仅") && !top.contains("▸浙") && !top.contains("▸截"), "{w}: {top}");
    }
}

#[test]
fn the_cities_gdp_per_capita_convergence_says_what_its_statistics_allow() {
    // 2023, the eleven cities' GDP per capita: the CV rises 0.283 → 0.292 from 2016 while the
    // weighted CV and the Gini fall, and the screen says the measures disagree; β (from 2020, the
    // census rebasing) is +0.0087 with its standard error: no convergence is claimed.
    let mut a = app();
    go(&mut a, &[Action::Area1, Action::FocusNext, Action::First, Action::MoveDown, Action::Convergence]);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("σ 变异系数 0.283(2016) → 0.292(2023,11/11 个有值):差距扩大"), "{s}");
    assert!(s.contains("但加权变异系数 0.300 → 0.279、基尼系数 0.168 → 0.156 下降:各度量方向不一致"), "{s}");
    assert!(s.contains("β = +0.0087(标准误 0.0166,95%区间 -0.0289至+0.0464,R² 0.03"), "{s}");
    assert!(!s.contains("在收敛"), "{s}");
    // The fastest and the slowest growth, by name, and the break the years start after.
    assert!(s.contains("2020–2023年年均增长(改善最快在前):舟山 +10.7%"), "{s}");
}

#[test]
fn the_mountain_counties_share_of_the_provinces_gdp_in_three_keys() {
    // `]` 2024, `1` the regional gap (GDP first), `r` the groups: a total is summed, never
    // averaged: 8,691.7 of 90,131.0 亿元 is 9.64% of the province.
    let mut a = app();
    for k in ["]", "1", "r"] {
        press(&mut a, k);
    }
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("合计 8,691.7 亿元 · 占浙江 9.64%"), "{s}");
    assert!(s.contains("占浙江逐年:2024 9.64%"), "a share, not a ratio: {s}");
    assert!(!s.contains("简单平均"), "no mean of totals: {s}");
}

#[test]
fn a_group_mean_from_too_few_members_is_not_given() {
    // 2023, all-resident income: one of the 26 mountain counties has a value.
    let mut a = app();
    go_to_year(&mut a, 2023);
    press(&mut a, "3");
    press(&mut a, "r");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("26 个中只有 1 个有值,太少,不计均值"), "{s}");
    assert!(!s.contains("最弱"), "no weakest and strongest of one member: {s}");
}

#[test]
fn a_provincial_statistic_is_said_to_be_the_provinces_in_each_citys_row() {
    // 人均GDP倍差 (the cities' max/min) exists for the province only: each city's row says so
    // rather than "no data".
    let mut a = app();
    go(&mut a, &[Action::Area1, Action::FocusNext, Action::First]);
    go(&mut a, &[Action::MoveDown, Action::MoveDown, Action::MoveDown, Action::MoveDown]);
    assert_eq!(a.ds.catalog.get(a.indicator()).id, "city_gdp_pc_max_min_ratio");
    let s = screen(&mut a, 120, 40);
    let left: Vec<&str> = s.lines().filter(|l| l.contains("杭州市") || l.contains("丽水市")).collect();
    assert!(left.iter().all(|l| l.contains("仅全省统计") && !l.contains("无数据")), "{s}");
}

#[test]
fn the_time_charts_axis_reads_the_datas_own_extremes() {
    let mut a = app();
    go(&mut a, &[Action::Area1, Action::FocusNext, Action::First, Action::MoveDown]);
    go(&mut a, &[Action::TimeChart]);
    let s = screen(&mut a, 120, 40);
    // The province's GDP per capita spans 107,624 (2019) to 135,565 (2024): the axis says so.
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines.iter().any(|l| l.starts_with("│135,565 ")), "{s}");
    assert!(lines.iter().any(|l| l.starts_with("│107,624 ")), "{s}");
}

#[test]
fn a_gap_too_small_for_one_decimal_is_not_shown_as_nothing() {
    // Official sources only, 2024: 温州's urbanisation computed from the yearbook's populations is
    // 75.96 against 76 — a gap, not "0.0%".
    let mut a = app();
    go_to_year(&mut a, 2024);
    press(&mut a, "2");
    press(&mut a, "o");
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains(" 0.0%"), "{s}");
    assert!(s.contains("温州市") && s.contains("◕ <0.1%"), "{s}");
}

#[test]
fn an_index_across_a_series_break_says_so() {
    // The province's GDP per capita crosses the 2019, 2020 and 2024 breaks: the index restarts
    // at 100 at each (no line across them).
    let mut a = app();
    go(&mut a, &[Action::Area1, Action::FocusNext, Action::First, Action::MoveDown]);
    go(&mut a, &[Action::TimeChart]);
    press(&mut a, "x");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("‡ 2019、2020、2024年断点处重设为100(前后不可比)"), "{s}");
}

#[test]
fn the_help_in_the_table_lists_the_tables_keys_first() {
    let mut a = app();
    press(&mut a, "c");
    press(&mut a, "?");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("一览表(c)中的键"), "{s}");
    assert!(s.contains("按下一列排序(含加入的指标列;缺值总在最后)"), "{s}");
    assert!(s.contains("把当前指标加为一列,再按 Tab 换主指标以并排比较"), "{s}");
    // Outside the table, the help starts with the general keys and names the exports further on.
    let mut b = app();
    press(&mut b, "?");
    let mut seen = String::new();
    for _ in 0..4 {
        seen.push_str(&screen(&mut b, 120, 40));
        go(&mut b, &[Action::PageDown]);
    }
    assert!(!seen.contains("一览表(c)中的键"));
    assert!(seen.contains("导出:e 写出当前地区"), "{seen}");
}

#[test]
fn a_year_only_on_another_basis_names_it_and_never_shows_it_in_place() {
    let mut a = app();
    press(&mut a, "1");
    go_to_year(&mut a, 2015);
    // GDP per capita: no city has it in 2015 on the resident basis; all 11 on the registered one.
    press(&mut a, "tab");
    press(&mut a, "j");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("0/11 个市有值"), "{s}");
    assert!(s.contains("2015年只有另一口径:户籍人均GDP 11/11(不可比)"), "{s}");
    // Hangzhou itself: the registered-basis value, from table 17-2 of the 2016 edition.
    press(&mut a, "tab");
    press(&mut a, "enter");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("2015年只有另一口径:户籍人均GDP 139,653 元(不可比)"), "{s}");
    assert!(s.contains("0/13"), "{s}");
}
