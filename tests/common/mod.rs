//! A small hand-made data set whose metrics are worked out by hand in the tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use cpdash::load::catalog_csv::parse_catalog;
use cpdash::load::import::import_csv_bytes;
use cpdash::load::regions_csv::{apply_tags, parse_regions};
use cpdash::model::snapshot::SnapshotMeta;
use cpdash::model::Dataset;

pub const REGIONS: &str = "code,parent_code,level,kind,name_zh,name_en,name_pinyin
1,,province,province,甲省,Jia,jia
10,1,city,prefecture_city,乙市,Yi,yi
20,1,city,prefecture_city,丙市,Bing,bing
30,1,city,prefecture_city,丁市,Ding,ding
11,10,county,county,乙一县,Yi One,yiyi
12,10,county,county,乙二县,Yi Two,yier
13,10,county,county,乙三县,Yi Three,yisan
21,20,county,county,丙一县,Bing One,bingyi
";

pub const TAGS: &str = "region_code,tag,source_url
12,mountain26,http://tags
21,mountain26,http://tags
";

pub const CATALOG: &str = "id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url,target_scope,definition_en,formula,roles
pop_resident,regional,人口,Population,10k_persons,higher_better,,,,,,,weight
city_income_max_min_ratio,regional,倍差,Max/min,ratio,lower_better,1.55,2025,http://t,top,,\"max_min(income_pc, city)\",
income_pc_urban,urban_rural,城镇,Urban,yuan,higher_better,,,,,,,
income_pc_rural,urban_rural,农村,Rural,yuan,higher_better,,,,,,,
urban_rural_income_ratio,urban_rural,城乡比,Urban/rural,ratio,lower_better,1.9,2025,http://t,all,,income_pc_urban / income_pc_rural,
income_pc,income,收入,Income,yuan,higher_better,75000,2025,http://t,all,,,opening;overview_dispersion
";

pub const OBSERVATIONS: &str = "region_code,indicator,year,value,unit,source_url,source_kind,note
1,income_pc_urban,2021,70000,yuan,http://s,government,
1,income_pc_rural,2021,35000,yuan,http://s,government,
1,income_pc_urban,2022,72000,yuan,http://s,government,
1,income_pc_rural,2022,37500,yuan,http://s,government,
1,income_pc_urban,2023,74000,yuan,http://s,government,
1,income_pc_rural,2023,40000,yuan,http://s,government,
10,income_pc,2022,55000,yuan,http://s,government,
20,income_pc,2022,55000,yuan,http://s,government,
30,income_pc,2022,50000,yuan,http://s,government,
10,income_pc,2023,60000,yuan,http://s,government,
20,income_pc,2023,40000,yuan,http://s,government,
10,pop_resident,2023,100,10k_persons,http://s,government,
20,pop_resident,2023,300,10k_persons,http://s,government,
11,income_pc,2023,60000,yuan,http://s,government,
12,income_pc,2023,30000,yuan,http://s,government,
21,income_pc,2023,40000,yuan,http://s,government,
11,pop_resident,2023,50,10k_persons,http://s,government,
12,pop_resident,2023,50,10k_persons,http://s,government,
21,pop_resident,2023,300,10k_persons,http://s,government,
";

pub fn dataset_from(observations: &str) -> Dataset {
    dataset_with(REGIONS, observations)
}

/// The fixture's catalog and tags over other regions and observations.
pub fn dataset_with(region_table: &str, observations: &str) -> Dataset {
    let mut regions = parse_regions("regions.csv", region_table.as_bytes()).unwrap();
    apply_tags(&mut regions, "tags.csv", TAGS.as_bytes()).unwrap();
    let catalog = parse_catalog("indicators.csv", CATALOG.as_bytes()).unwrap();
    let meta = SnapshotMeta {
        id: "fixture".into(),
        title: "Fixture".into(),
        title_en: None,
        as_of: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        provenance: "hand-made".into(),
    };
    import_csv_bytes(
        &[("obs.csv".into(), observations.as_bytes().to_vec())],
        &Default::default(),
        regions,
        catalog,
        meta,
    )
    .unwrap()
    .0
}

pub fn fixture() -> Dataset {
    dataset_from(OBSERVATIONS)
}

/// The screen as text, one line per row; wide characters occupy their first cell only.
pub fn screen(app: &mut cpdash::app::App, w: u16, h: u16) -> String {
    app.resize(w, h);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut info = None;
    t.draw(|f| info = Some(cpdash::ui::draw(f, app, &cpdash::ui::Theme::MONO))).unwrap();
    // As the terminal loop does: the app learns what the frame showed.
    app.frame_drawn(info.unwrap());
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Runs the binary in `dir` with no user config: (exit code, stdout, stderr).
pub fn cpdash(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cpdash"))
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent-cpdash-test")
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// Switches the dashboard to `year` with the year keys' actions, as a user would.
pub fn go_to_year(app: &mut cpdash::app::App, year: i32) {
    for _ in 0..50 {
        let action = match app.nav.year.cmp(&year) {
            std::cmp::Ordering::Greater => cpdash::app::Action::PrevYear,
            std::cmp::Ordering::Less => cpdash::app::Action::NextYear,
            std::cmp::Ordering::Equal => return,
        };
        app.apply(action);
    }
    panic!("the data has no year {year}");
}

/// Presses a key as written in the config (`j`, `enter`, `ctrl-c`); returns the effect.
pub fn press(app: &mut cpdash::app::App, key: &str) -> Option<cpdash::app::Effect> {
    app.on_key(cpdash::app::Key::parse(key).unwrap())
}

/// Types text into whatever takes it (the search box).
pub fn type_text(app: &mut cpdash::app::App, s: &str) {
    for c in s.chars() {
        app.on_key(cpdash::app::Key::char(c));
    }
}

/// The footer's message as the user reads it.
pub fn message(app: &cpdash::app::App) -> Option<String> {
    app.overlay.message.as_ref().map(|m| app.lang().message(m))
}

/// A metric of a report by its exported id (`children_max_min_ratio`, `urban_rural_income_ratio`).
pub fn metric<'a>(
    ds: &Dataset,
    r: &'a cpdash::metrics::AreaReport,
    key: &str,
    ind: Option<cpdash::model::IndicatorId>,
) -> Option<&'a cpdash::metrics::Metric> {
    r.metrics.iter().find(|m| m.key(ds) == key && (ind.is_none() || m.indicator == ind))
}

/// Whether the external programs a test needs are installed. Without them the test is skipped
/// with a note on how to install them, so that `cargo test` runs everything else on any machine;
/// where `CPDASH_REQUIRE_TOOLS` is set (`bash .ci/run` sets it, after installing them) a missing
/// one fails the test instead.
#[allow(dead_code)]
pub fn tools(cmds: &[&str], install: &str) -> bool {
    let have = |cmd: &str| {
        std::process::Command::new("sh")
            .args(["-c", &format!("command -v {cmd}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let missing: Vec<&str> = cmds.iter().copied().filter(|c| !have(c)).collect();
    if missing.is_empty() {
        return true;
    }
    let note = format!("skipped: {} not found; install with `{install}` (bash .ci/run does)", missing.join(", "));
    assert!(std::env::var_os("CPDASH_REQUIRE_TOOLS").is_none(), "{note}");
    // Past the test harness's capture (which hides what a passing test prints).
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{note}\n").as_bytes());
    false
}

/// Whether python3 can import these modules; as [`tools`], a test without them is skipped with a
/// note (and fails where `CPDASH_REQUIRE_TOOLS` is set).
#[allow(dead_code)]
pub fn python_modules(modules: &[&str]) -> bool {
    let import = format!("import {}", modules.join(", "));
    let ok = std::process::Command::new("python3").args(["-c", &import]).output().is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    let note = format!(
        "skipped: python3 cannot import {}; install with `python3 -m pip install {}` (bash .ci/run does)",
        modules.join(", "),
        modules.join(" ")
    );
    assert!(std::env::var_os("CPDASH_REQUIRE_TOOLS").is_none(), "{note}");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{note}\n").as_bytes());
    false
}
