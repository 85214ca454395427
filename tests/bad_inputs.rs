//! Bad input of every kind the hardening issue lists, through the real binary: each gives the
//! exact error (file, line or field, what is wrong), a non-zero exit, and never a panic.

mod common;

use std::path::Path;

fn cpdash(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, out, err) = common::cpdash(dir, args);
    assert!(!err.contains("panicked"), "{args:?} panicked:\n{err}");
    // Nothing from a file reaches the terminal as a raw escape or control sequence.
    for text in [&out, &err] {
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{args:?} printed a control character:\n{text:?}");
    }
    (code, err)
}

/// A data folder from the bundled tables, with one file replaced.
fn data_dir(replace: &str, content: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for f in ["regions.csv", "indicators.csv", "region_tags.csv", "snapshot.json"] {
        std::fs::copy(assets.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join(replace), content).unwrap();
    dir
}

const REGIONS_HEAD: &str = "code,parent_code,level,kind,name_zh,name_en,name_pinyin\n";
const SNAP_HEAD: &str = r#"{"format": "cpdash-snapshot", "schema_version": 1, "id": "t", "title": "t", "as_of": "2024-01-01", "provenance": "t", "years": [2021, 2021], "sources": [{"url": "http://s", "kind": "government"}], "notes": [], "series": ["#;

#[test]
fn bad_data_folders() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("snapshot.json", b"{\"format\": \"cpdash-snapshot\", \"schema_version\": 1, \"series\": [".to_vec(), "snapshot.json:1: the JSON ends too early (is the file truncated?) (column 62)"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": \"2021\", \"unit\": \"100m_yuan\", \"obs\": []}}]}}").into_bytes(), "snapshot.json:1: invalid type: string \"2021\", expected i32 (column 256)"),
        ("snapshot.json", b"{\"format\": \"cpdash-snapshot\", \"schema_version\": 7}".to_vec(), "snapshot.json: field `schema_version`: the file has schema version 7, newer than this cpdash reads (2); update cpdash"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": [[\"339999\", 1, 0, null]]}}]}}").into_bytes(), "snapshot.json: field `series[0].obs[0]`: unknown region code \"339999\""),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gpd\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": []}}]}}").into_bytes(), "snapshot.json: field `series[0].indicator`: unknown indicator \"gpd\"; did you mean \"gdp\"?"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": [[\"330000\", -5, 0, null]]}}]}}").into_bytes(), "snapshot.json: field `series[0].obs[0]`: -5 is negative, and gdp cannot be"),
        ("snapshot.json", b"".to_vec(), "snapshot.json: the file is empty; expected a cpdash snapshot (JSON)"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n331100,339900,city,c,丽水市,Lishui,lishui\n").into_bytes(), "regions.csv:3: field `parent_code`: region 331100 names parent 339900, which is not in the table"),
        ("regions.csv", format!("{REGIONS_HEAD}1,2,city,a,甲,A,a\n2,1,city,a,乙,B,b\n").into_bytes(), "regions.csv: field `parent_code`: the region hierarchy has a cycle: 1 → 2 → 1"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n330000,,province,province,浙江省,Zhejiang,zhejiang\n").into_bytes(), "regions.csv:3: field `code`: duplicate region code 330000"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang\n").into_bytes(), "regions.csv:2: the line has 6 fields but the header has 7 (a comma inside a value must be quoted)"),
        ("regions.csv", b"code,level,kind,name_zh,name_en,name_pinyin\n".to_vec(), "regions.csv:1: field `parent_code`: the header lacks this column (it has: code, level, kind, name_zh, name_en, name_pinyin)"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction\ngdp,regional,a,b,100m_yuan,up\n".to_vec(), "indicators.csv:2: field `direction`: \"up\" is neither higher_better nor lower_better"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction\ngdp,regional,a,b,100m_yuan,higher_better\npop,regional,c,d,10k_persons,higher_better\ngdp,regional,e,f,100m_yuan,higher_better\n".to_vec(), "indicators.csv:4: field `id`: duplicate indicator id \"gdp\""),
        // Hostile and odd inputs (issue 17): each refused with where and why, never a panic.
        ("snapshot.json", format!("{SNAP_HEAD}]}}").replace("\"notes\": []", "\"notes\": [], \"sources\": []").into_bytes(), "snapshot.json:1: the key `sources` appears twice in one object (column 219)"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"year\": 2022, \"unit\": \"100m_yuan\", \"obs\": []}}]}}").into_bytes(), "snapshot.json:1: the key `year` appears twice in one object (column 262)"),
        ("snapshot.json", SNAP_HEAD.replace("[2021, 2021]", "[1, 2000000000]").into_bytes(), "snapshot.json:1: years: [1, 2000000000] is not a range of years within 1900–2100 (column 142)"),
        ("snapshot.json", SNAP_HEAD.replace("[2021, 2021]", "[-10000, 10000]").into_bytes(), "snapshot.json:1: years: [-10000, 10000] is not a range of years within 1900–2100 (column 142)"),
        ("snapshot.json", format!("{SNAP_HEAD}]}}").replace("\"title\": \"t\"", "\"title\": \"\\u001b]0;pwned\\u0007\\u001b[41m\"").into_bytes(), "snapshot.json: field `title`: title: the text holds the control character U+001B; cpdash does not load text that could act on a terminal"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": [[\"330000\", 1e300, 0, null]]}}]}}").into_bytes(), "snapshot.json: field `series[0].obs[0]`: 1e300 is not a plausible value in 100m_yuan (at most 1e7)"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": [[\"330000\", 5e-324, 0, null]]}}]}}").into_bytes(), "snapshot.json: field `series[0].obs[0]`: 5e-324 is not a plausible value in 100m_yuan (too close to 0 to be a measurement)"),
        ("regions.csv", REGIONS_HEAD.as_bytes().to_vec(), "regions.csv: field `code`: the table has no regions"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n340000,,province,province,安徽省,Anhui,anhui\n").into_bytes(), "regions.csv:3: field `parent_code`: region 340000 has no parent, but 330000 is already the top; a table has one top region"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n331100,330000,county,c,丽水市,Lishui,lishui\n331127,331100,county,c,景宁县,Jingning,jingning\n").into_bytes(), "regions.csv:4: field `level`: region 331127 is a county under a county; a region's level must be below its parent's"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,banana,province,浙江省,Zhejiang,zhejiang\n").into_bytes(), "regions.csv:2: field `level`: \"banana\" is not a level (levels: nation, province, city, county, township, village)"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江\u{1b}[2J省,Zhejiang,zhejiang\n").into_bytes(), "regions.csv:2: field `name_zh`: the value holds the control character U+001B; cpdash does not load text that could act on a terminal"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction\n".to_vec(), "indicators.csv: the table has no indicators"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,sibling\ngdp,regional,a,b,100m_yuan,higher_better,gdq\n".to_vec(), "indicators.csv:2: field `sibling`: unknown indicator \"gdq\""),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,sibling\ngdp,regional,a,b,100m_yuan,higher_better,gdp\n".to_vec(), "indicators.csv:2: field `sibling`: an indicator is not its own sibling"),
        ("indicators.csv", format!("id,area,name_zh,name_en,unit,direction,formula\nx,income,x,x,ratio,higher_better,\"{}a{}\"\n", "(".repeat(10_000), ")".repeat(10_000)).into_bytes(), "indicators.csv:2: field `formula`: the formula is 20001 characters long; a formula may have at most 256 parts"),
        ("indicators.csv", format!("id,area,name_zh,name_en,unit,direction,formula\nx,income,x,x,ratio,higher_better,{}\n", vec!["y"; 200].join(" + ")).into_bytes(), "indicators.csv:2: field `formula`: the formula has 399 parts; at most 256 are allowed"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url\nx,income,x,x,yuan,higher_better,0,2025,http://t\n".to_vec(), "indicators.csv:2: field `target`: a target of 0 leaves the gap undefined (it is a share of the target)"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url\nx,income,x,x,yuan,higher_better,1e308,2025,http://t\n".to_vec(), "indicators.csv:2: field `target`: the target is not a value x can take: 1e308 is not a plausible value in yuan (at most 1e8)"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url\nx,income,x,x,yuan,higher_better,-5,2025,http://t\n".to_vec(), "indicators.csv:2: field `target`: the target is not a value x can take: -5 is negative, and x cannot be"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url\nx,income,x,x,yuan,higher_better,100,99999999,http://t\n".to_vec(), "indicators.csv:2: field `target_year`: 99999999 is not a year between 1900 and 2100"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction,target,target_year,target_source_url,red_threshold\nx,income,x,x,yuan,higher_better,100,2025,http://t,120\n".to_vec(), "indicators.csv:2: field `red_threshold`: the red threshold 120 is not on the worse side of the target 100"),
        ("indicators.csv", {
            let mut t = String::from("id,area,name_zh,name_en,short_zh,short_en,unit,direction\n");
            for i in 0..65_537 {
                t.push_str(&format!("i{i},context,n{i},n{i},s{i},s{i},count,higher_better\n"));
            }
            t.into_bytes()
        }, "indicators.csv: the table has 65537 indicators; cpdash holds at most 65536"),
    ];
    for (file, content, expected) in cases {
        let dir = data_dir(file, &content);
        let (code, err) = cpdash(dir.path(), &["--data", ".", "check"]);
        assert_eq!(code, 1, "{expected}");
        let first = err.lines().next().unwrap_or_default().replace("./", "");
        assert_eq!(first, expected);
    }
}

#[test]
fn bad_observation_csvs() {
    let head = "region_code,indicator,year,value,unit,source_url,source_kind,note\n";
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (format!("{head}330000,gdp,2021,inf,100m_yuan,http://s,,\n").into_bytes(), "in.csv:2: field `value`: \"inf\" is not a finite number"),
        (format!("{head}330000,gdp,2021,1,100m_yuan,http://s,,,extra\n").into_bytes(), "in.csv:2: the line has 9 fields but the header has 8 (a comma inside a value must be quoted)"),
        (b"region_code,indicator,year,value,unit\n330000,gdp,2021,1,100m_yuan\n".to_vec(), "in.csv:1: field `source_url`: the header lacks this column (it has: region_code, indicator, year, value, unit)"),
        (format!("{head}330000,gdp,2021,1,100m_yuan,http://s,official,\n").into_bytes(), "in.csv:2: field `source_kind`: \"official\" is not one of publication, government, state_media, repost, other"),
        (b"".to_vec(), "in.csv: the file is empty; expected a header line"),
        ([head.as_bytes(), b"\xFF\xFF\n"].concat(), "in.csv:2: the file is neither UTF-8 nor GBK/GB18030 text; save it as \"CSV UTF-8\" and try again"),
        // Hostile and odd inputs (issue 17).
        (head.as_bytes().to_vec(), "in.csv: the files hold no observations; there is nothing to import"),
        ([head.as_bytes(), "330000,gdp,2021,1,100m_yuan,http://s,repost,初步数\n331100,gdp,2021,1,100m_yuan,http://s,repost,caf".as_bytes(), b"\xE9", "a\n".as_bytes()].concat(), "in.csv:3: the line is not UTF-8 text (byte 0xE9), though the rest of the file is; save it as \"CSV UTF-8\" and try again"),
        (head.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(), "in.csv: the file is UTF-16 text; save it as \"CSV UTF-8\" and try again"),
        (format!("{head}330000,gdp,2021,1,100m_yuan,http://s,repost,\"open\n330000,gdp,2022,1,100m_yuan,http://s,,\n").into_bytes(), "in.csv:2: a quote opened on this line is never closed; the rest of the file would be one value"),
        (format!("{head}33\u{1b}]0;x\u{7},gdp,2021,1,100m_yuan,http://s,,\n").into_bytes(), "in.csv:2: field `region_code`: the value holds the control character U+001B; cpdash does not load text that could act on a terminal"),
        (format!("{head}330000,gdp,2021,1,100m_yuan,http://s\u{9b}31m,,\n").into_bytes(), "in.csv:2: field `source_url`: the value holds the control character U+009B; cpdash does not load text that could act on a terminal"),
        (format!("{head}330000,gdp,2021,1,100m_yuan,http://{},,\n", "x".repeat(70_000)).into_bytes(), "in.csv:2: field `source_url`: the value is 70007 bytes long; a field may have at most 65536"),
        (format!("{head}330000,income_pc,2021,1e300,yuan,http://s,,\n").into_bytes(), "in.csv:2: field `value`: 1e300 is not a plausible value in yuan (at most 1e8)"),
        (format!("{head}\r330000,gdp,2021,1,100m_yuan,http://s,,\r330000,gdp,2021,1,100m_yuan,http://s,,,x\r").replace('\n', "\r").into_bytes(), "in.csv:4: the line has 9 fields but the header has 8 (a comma inside a value must be quoted)"),
    ];
    for (content, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("in.csv"), &content).unwrap();
        let (code, err) = cpdash(dir.path(), &["import", "in.csv", "--out", "out.json"]);
        assert_eq!(code, 1, "{expected}");
        assert_eq!(err.lines().next().unwrap_or_default(), expected);
        assert!(!dir.path().join("out.json").exists());
    }
}

#[test]
fn csv_variants_that_are_fine() {
    // BOM, CRLF, quoted commas in a note, an extra column, and GBK text all import.
    let dir = tempfile::tempdir().unwrap();
    let mut gbk = encoding_rs::GBK
        .encode("region_code,indicator,year,value,unit,source_url,source_kind,note,extra\r\n331127,gdp,2021,80.67,100m_yuan,http://s,repost,\"初步数, 待修订\",x\r\n")
        .0
        .into_owned();
    std::fs::write(dir.path().join("gbk.csv"), &gbk).unwrap();
    gbk.clear();
    let utf8 =
        "\u{feff}region_code,indicator,year,value,unit,source_url\r\n331125,gdp,2021,97.2846,100m_yuan,http://s\r\n";
    std::fs::write(dir.path().join("bom.csv"), utf8).unwrap();
    let (code, err) = cpdash(dir.path(), &["import", "gbk.csv", "bom.csv", "--out", "out.json"]);
    assert_eq!(code, 0, "{err}");
    let ds = cpdash::load::load_dataset(&cpdash::load::DataSource::File(dir.path().join("out.json"))).unwrap();
    let jn = ds.regions.by_code("331127").unwrap();
    let gdp = ds.catalog.by_id("gdp").unwrap();
    assert_eq!(ds.get(jn, gdp, 2021).unwrap().note, Some("初步数, 待修订"));
    assert_eq!(ds.n_observations(), 2);
}

#[test]
fn bad_configs_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    let cases: [(&str, String); 5] = [
        (
            "theme = 1\n",
            "cpdash: config: c.toml:1: key `theme`: invalid type: integer `1`, expected struct ThemeConfig".into(),
        ),
        (
            "[export]\ndir = \"x\"\nzip = true\n",
            "cpdash: config: c.toml:3: unknown field `zip`, expected one of `dir`, `formats`, `years`".into(),
        ),
        (
            "[export]\nyears = \"2024-2019\"\n",
            "cpdash: config: c.toml:2: [export] years: \"2024-2019\" is not current, all or a span of years such as 2019-2024".into(),
        ),
        ("[keys]\nquit = []\n", "cpdash: config: c.toml:2: [keys] quit: needs at least one key".into()),
        ("[keys]\nfly = [\"f\"]\n", "cpdash: config: c.toml:2: unknown action `fly` in [keys]".into()),
    ];
    for (text, expected) in cases {
        std::fs::write(&cfg, text).unwrap();
        let (code, err) = cpdash(dir.path(), &["--config", "c.toml", "check"]);
        assert_eq!(code, 1, "{text}");
        assert!(err.starts_with(&expected), "{text}: {err}");
    }
    std::fs::write(&cfg, "").unwrap();
    assert_eq!(cpdash(dir.path(), &["--config", "c.toml", "check"]).0, 0, "a 0-byte config is valid");
    let (code, err) = cpdash(dir.path(), &["--config", "missing.toml", "check"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "cpdash: config: missing.toml: cannot be read: no such file or folder");
    let (code, err) = cpdash(dir.path(), &["--data", "nowhere", "check"]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().next().unwrap(), "nowhere: no such data folder");
}
