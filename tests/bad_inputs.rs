//! Bad input of every kind the hardening issue lists, through the real binary: each gives the
//! exact error (file, line or field, what is wrong), a non-zero exit, and never a panic.

mod common;

use std::path::Path;

fn cpdash(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, _, err) = common::cpdash(dir, args);
    assert!(!err.contains("panicked"), "{args:?} panicked:\n{err}");
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
        ("snapshot.json", b"{\"format\": \"cpdash-snapshot\", \"schema_version\": 1, \"series\": [".to_vec(), "snapshot.json:1: the JSON ends too early (is the file truncated?)"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": \"2021\", \"unit\": \"100m_yuan\", \"obs\": []}}]}}").into_bytes(), "snapshot.json:1: invalid type: string \"2021\", expected i32"),
        ("snapshot.json", b"{\"format\": \"cpdash-snapshot\", \"schema_version\": 7}".to_vec(), "snapshot.json: field `schema_version`: the file has schema version 7, newer than this cpdash reads (1); update cpdash"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": [[\"339999\", 1, 0, null]]}}]}}").into_bytes(), "snapshot.json: field `series[0].obs[0]`: unknown region code \"339999\""),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gpd\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": []}}]}}").into_bytes(), "snapshot.json: field `series[0].indicator`: unknown indicator \"gpd\"; did you mean \"gdp\"?"),
        ("snapshot.json", format!("{SNAP_HEAD}{{\"indicator\": \"gdp\", \"year\": 2021, \"unit\": \"100m_yuan\", \"obs\": [[\"330000\", -5, 0, null]]}}]}}").into_bytes(), "snapshot.json: field `series[0].obs[0]`: -5 is negative, and gdp cannot be"),
        ("snapshot.json", b"".to_vec(), "snapshot.json: the file is empty; expected a cpdash snapshot (JSON)"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n331100,339900,city,c,丽水市,Lishui,lishui\n").into_bytes(), "regions.csv:3: field `parent_code`: region 331100 names parent 339900, which is not in the table"),
        ("regions.csv", format!("{REGIONS_HEAD}1,2,a,a,甲,A,a\n2,1,a,a,乙,B,b\n").into_bytes(), "regions.csv: field `parent_code`: the region hierarchy has a cycle: 1 → 2 → 1"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang,zhejiang\n330000,,province,province,浙江省,Zhejiang,zhejiang\n").into_bytes(), "regions.csv:3: field `code`: duplicate region code 330000"),
        ("regions.csv", format!("{REGIONS_HEAD}330000,,province,province,浙江省,Zhejiang\n").into_bytes(), "regions.csv:2: the line has 6 fields but the header has 7 (a comma inside a value must be quoted)"),
        ("regions.csv", b"code,level,kind,name_zh,name_en,name_pinyin\n".to_vec(), "regions.csv:1: field `parent_code`: the header lacks this column (it has: code, level, kind, name_zh, name_en, name_pinyin)"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction\ngdp,regional,a,b,100m_yuan,up\n".to_vec(), "indicators.csv:2: field `direction`: \"up\" is neither higher_better nor lower_better"),
        ("indicators.csv", b"id,area,name_zh,name_en,unit,direction\ngdp,regional,a,b,100m_yuan,higher_better\npop,regional,c,d,10k_persons,higher_better\ngdp,regional,e,f,100m_yuan,higher_better\n".to_vec(), "indicators.csv:4: field `id`: duplicate indicator id \"gdp\""),
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
        (format!("{head}330000,gdp,2021,1,100m_yuan,http://s,official,\n").into_bytes(), "in.csv:2: field `source_kind`: \"official\" is not one of government, state_media, repost, other"),
        (b"".to_vec(), "in.csv: the file is empty; expected a header line"),
        ([head.as_bytes(), b"\xFF\xFE\n"].concat(), "in.csv:2: the file is neither UTF-8 nor GBK/GB18030 text; save it as \"CSV UTF-8\" and try again"),
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
    let cases: [(&str, String); 4] = [
        (
            "theme = 1\n",
            "cpdash: config: c.toml:1: key `theme`: invalid type: integer `1`, expected struct ThemeConfig".into(),
        ),
        (
            "[export]\ndir = \"x\"\nzip = true\n",
            "cpdash: config: c.toml:3: unknown field `zip`, expected `dir` or `formats`".into(),
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
