//! The `cpdash` binary on the bundled data: `check`, `import`, `--help`, `--version`.

use std::path::Path;
use std::process::Command;

fn cpdash() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cpdash"));
    // Keep a user's config out of the tests.
    c.env("XDG_CONFIG_HOME", "/nonexistent-cpdash-test");
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cpdash().args(args).output().expect("cpdash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn check_reports_the_bundled_data() {
    let (code, out, err) = run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("regions: 1 province, 11 city, 90 county\n"), "{out}");
    for area in ["regional", "urban_rural", "income", "public_services", "culture", "basic_units"] {
        assert!(out.lines().any(|l| l.trim_start().starts_with(area)), "area {area} missing in:\n{out}");
    }
    // Six areas populated from the catalog: observed + derived per area.
    assert!(out.contains("  regional         4 + 3\n"), "{out}");
    assert!(out.contains("  urban_rural      6 + 2\n"), "{out}");
    assert!(out.contains("  income           6 + 2\n"), "{out}");
    assert!(out.contains("observations without a source: 0\n"), "{out}");
    assert!(out.trim_end().ends_with("valid"));
}

#[test]
fn bundled_snapshot_is_what_import_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snapshot.json");
    let root = env!("CARGO_MANIFEST_DIR");
    // The command given in README.md, "Rebuilding the bundled snapshot", run as written there
    // except for the output path.
    let readme = std::fs::read_to_string(Path::new(root).join("README.md")).unwrap();
    let command = readme
        .split("```sh\n")
        .filter_map(|block| block.split("```").next())
        .find(|block| block.contains("import assets/observations.csv"))
        .expect("README gives the rebuild command")
        .replace("\\\n", " ");
    let words = shell_words(&command);
    assert_eq!(words[..4], ["cargo", "run", "--release", "--"], "{words:?}");
    let mut args = words[4..].to_vec();
    let at = args.iter().position(|a| a == "--out").expect("--out") + 1;
    args[at] = out.to_string_lossy().into_owned();
    let status = cpdash().current_dir(root).args(&args).status().unwrap();
    assert!(status.success());
    let rebuilt = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(Path::new(root).join("assets/snapshot.json")).unwrap();
    assert!(rebuilt == committed, "assets/snapshot.json differs from what `cpdash import` builds; rebuild it (README)");
}

/// Splits a one-line shell command on blanks, keeping double-quoted words whole.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut started) = (Vec::new(), String::new(), false, false);
    for c in line.trim().chars() {
        match c {
            '"' => (quoted, started) = (!quoted, true),
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

fn import_errors(csv: &str) -> (i32, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("out.json");
    let o = cpdash().current_dir(dir.path()).args(["import", "in.csv", "--out", "out.json"]).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into(), out.exists())
}

const HEAD: &str = "region_code,indicator,year,value,unit,source_url,source_kind,note\n";

#[test]
fn import_rejects_bad_rows_naming_file_line_and_field() {
    let cases: [(&str, &str); 9] = [
        ("331128,income_pc,2023,1,yuan,http://s,government,", "in.csv:2: field `region_code`: unknown region code \"331128\"; did you mean 331121 (青田县)?"),
        ("331127,incme_pc,2023,1,yuan,http://s,government,", "in.csv:2: field `indicator`: unknown indicator \"incme_pc\"; did you mean \"income_pc\"?"),
        ("331127,income_pc,2023,abc,yuan,http://s,government,", "in.csv:2: field `value`: \"abc\" is not a number"),
        ("331127,income_pc,2023,NaN,yuan,http://s,government,", "in.csv:2: field `value`: \"NaN\" is not a finite number"),
        ("331127,income_pc,2023,-5,yuan,http://s,government,", "in.csv:2: field `value`: -5 is negative, and income_pc cannot be"),
        ("331127,income_pc,2023,5,元,http://s,government,", "in.csv:2: field `unit`: \"元\" does not match the catalog unit \"yuan\" of income_pc"),
        ("331127,income_pc,2023,5,yuan,,government,", "in.csv:2: field `source_url`: the value has no source; every value needs the address it was read from"),
        ("331127,urban_rural_income_ratio,2023,1.7,ratio,http://s,government,", "in.csv:2: field `indicator`: \"urban_rural_income_ratio\" is derived (income_pc_urban / income_pc_rural); it is computed, not imported"),
        ("331127,income_pc,23,5,yuan,http://s,government,", "in.csv:2: field `year`: \"23\" is not a year between 1900 and 2100"),
    ];
    for (row, expected) in cases {
        let (code, err, written) = import_errors(&format!("{HEAD}{row}\n"));
        assert_eq!(code, 1, "{row}");
        assert_eq!(err.lines().next().unwrap(), expected, "{row}");
        assert!(err.contains("nothing was written"));
        assert!(!written, "{row}: a rejected import wrote its output");
    }
}

#[test]
fn import_rejects_conflicting_duplicates_but_keeps_equal_ones() {
    let (code, err, written) = import_errors(&format!(
        "{HEAD}331127,income_pc,2023,5,yuan,http://a,,\n331127,income_pc,2023,5,yuan,http://b,,\n331127,income_pc,2023,6,yuan,http://c,,\n"
    ));
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next().unwrap(),
        "in.csv:4: field `value`: a second, different value 6 for the same region, indicator and year (first: 5 at in.csv:2)"
    );
    assert!(!written);
    let (code, err, written) = import_errors(&format!("{HEAD}331127,income_pc,2023,5,yuan,http://a,,\n"));
    assert_eq!(code, 0, "{err}");
    assert!(written);
}

#[test]
fn import_reports_every_bad_row_and_missing_columns() {
    let (code, err, _) =
        import_errors(&format!("{HEAD}1,income_pc,2023,5,yuan,http://a,,\n2,income_pc,2023,5,yuan,http://a,,\n"));
    assert_eq!(code, 1);
    assert!(err.contains("in.csv:2: field `region_code`") && err.contains("in.csv:3: field `region_code`"), "{err}");
    assert!(err.contains("2 error(s)"));
    let (_, err, _) = import_errors("region_code,indicator,year,value,source_url\n331127,income_pc,2023,5,http://a\n");
    assert!(err.starts_with("in.csv:1: field `unit`: the header lacks this column"), "{err}");
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.csv"), format!("{HEAD}331127,income_pc,2023,5,yuan,http://a,,\n")).unwrap();
    std::fs::write(dir.path().join("out.json"), "keep").unwrap();
    let o = cpdash().current_dir(dir.path()).args(["import", "in.csv", "--out", "out.json"]).output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("out.json already exists; use --force to replace it"));
    assert_eq!(std::fs::read_to_string(dir.path().join("out.json")).unwrap(), "keep");
    let o =
        cpdash().current_dir(dir.path()).args(["import", "in.csv", "--out", "out.json", "--force"]).output().unwrap();
    assert!(o.status.success());
    let (code, out, _) = run(&["check", dir.path().join("out.json").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("observations: 1 (1 other)"), "{out}");
}

#[test]
fn check_rejects_bad_snapshots_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.json");
    std::fs::write(&p, "{\"format\": \"cpdash-snapshot\", \"schema_version\": 1, \"id\": ").unwrap();
    let (code, _, err) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.starts_with(&format!("{}:1: the JSON ends too early (is the file truncated?)", p.display())), "{err}");
    std::fs::write(&p, "{\"format\": \"cpdash-snapshot\", \"schema_version\": 9}").unwrap();
    let (_, _, err) = run(&["check", p.to_str().unwrap()]);
    assert!(
        err.contains(
            "field `schema_version`: the file has schema version 9, newer than this cpdash reads (2); update cpdash"
        ),
        "{err}"
    );
    std::fs::write(&p, "{\"format\": \"cpdash-snapshot\", \"schema_version\": 1, \"id\": \"x\", \"title\": \"x\", \"as_of\": \"2024-01-01\", \"provenance\": \"x\", \"sources\": [{\"url\": \"http://s\", \"kind\": \"government\"}], \"series\": [{\"indicator\": \"gdp\", \"year\": 1, \"unit\": \"100m_yuan\", \"obs\": [[\"330000\", 1, 0, null]]}]}").unwrap();
    let (code, _, err) = run(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("{}: field `series[0].year`: 1 is not a year between 1900 and 2100", p.display())),
        "{err}"
    );
    let (code, _, err) = run(&["--data", "/nonexistent/data", "check"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("/nonexistent/data: no such data folder"), "{err}");
}

#[test]
fn help_and_version() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: cpdash") && out.contains("check") && out.contains("import"));
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("cpdash {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn config_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.toml");
    std::fs::write(&p, "language = \"zh\"\n[keys]\nquit = [\"q\"]\nhelp = [\"q\"]\n").unwrap();
    let (code, _, err) = run(&["--config", p.to_str().unwrap(), "check"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), format!("cpdash: config: {}:4: key `q` is bound to both `quit` and `help`", p.display()));
    std::fs::write(&p, "").unwrap();
    let (code, _, _) = run(&["--config", p.to_str().unwrap(), "check"]);
    assert_eq!(code, 0, "an empty config is valid");
}

/// The README's data section quotes figures of the bundled data; they must follow the data.
#[test]
fn readme_data_figures_match_the_bundled_data() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(Path::new(root).join("README.md")).unwrap();

    // The coverage table: `| indicator | 2019 | ... |` then one row per indicator.
    let table: Vec<Vec<String>> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| indicator | 20"))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect())
        .collect();
    assert!(table.len() > 3, "README has no coverage table");
    let years = &table[0][1..];
    let ids: Vec<&str> = table[2..].iter().map(|r| r[0].as_str()).collect();
    let (code, out, err) = run(&["check", "--coverage", &ids.join(",")]);
    assert_eq!(code, 0, "{err}");
    let header: Vec<&str> =
        out.lines().find(|l| l.starts_with("indicator \\ year")).unwrap().split_whitespace().skip(3).collect();
    for row in &table[2..] {
        let line = out.lines().find(|l| l.split_whitespace().next() == Some(row[0].as_str())).unwrap();
        let cells: Vec<&str> = line.split_whitespace().skip(1).collect();
        for (year, readme_cell) in years.iter().zip(&row[1..]) {
            let col =
                header.iter().position(|y| y == year).unwrap_or_else(|| panic!("year {year} not in check output"));
            assert_eq!(cells[col], readme_cell, "README coverage of {} in {year}", row[0]);
        }
    }

    // "(N observations: P from tables of the provincial statistical yearbook, A from government
    // pages, B from official media, C from reposts"
    let (_, check, _) = run(&["check"]);
    let counts = check.lines().find(|l| l.starts_with("observations: ")).unwrap();
    let nums: Vec<&str> = counts.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let quoted = format!(
        "{} observations: {} from tables of the provincial statistical yearbook, {} from government pages, {} from official media, {} from reposts",
        nums[0], nums[1], nums[2], nums[3], nums[4]
    );
    assert!(readme.replace('\n', " ").contains(&quoted), "README should say \"{quoted}\"");

    // The size of the search log.
    let log = std::fs::read_to_string(Path::new(root).join("assets/search_log.csv")).unwrap();
    let rows = log.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert!(
        readme.contains(&format!("search_log.csv`, {rows} rows")),
        "README should give {rows} rows of the search log"
    );
}

#[test]
fn coverage_refuses_unknown_indicators_and_counts_computed_values() {
    let (code, out, err) = run(&["check", "--coverage", "nosuch,gdp"]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(err.trim(), "cpdash check: --coverage: unknown indicator \"nosuch\"");
    assert!(!out.contains("valid"));
    let (code, _, err) = run(&["check", "--coverage", "incom_pc"]);
    assert_eq!(code, 2);
    assert!(err.contains("\"incom_pc\" (did you mean \"income_pc\"?)"), "{err}");
    // The urban/rural ratio is computed wherever both incomes are (counted in observations.csv):
    // 2023 the province, 11 cities and 4 counties; 2024 one city and the 85 counties that print a
    // rural income.
    let (code, out, err) = run(&["check", "--coverage", "urban_rural_income_ratio"]);
    assert_eq!(code, 0, "{err}");
    let header: Vec<&str> =
        out.lines().find(|l| l.starts_with("indicator \\ year")).unwrap().split_whitespace().skip(3).collect();
    let row: Vec<&str> =
        out.lines().find(|l| l.starts_with("urban_rural_income_ratio")).unwrap().split_whitespace().skip(1).collect();
    let at = |y: &str| row[header.iter().position(|h| *h == y).unwrap()];
    assert_eq!(at("2023"), "1/11/4");
    assert_eq!(at("2024"), "0/1/85");
}

#[test]
fn every_option_of_every_subcommand_is_described() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id != "help" && id != "version" && arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_about().is_none() {
                missing.push(format!("{path} {} (no description)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&<cpdash::cli::Cli as clap::CommandFactory>::command(), "cpdash", &mut missing);
    assert!(missing.is_empty(), "without help: {missing:?}");
}

#[test]
fn completions_and_man_page_come_from_the_command_line() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("export") && out.contains("region"), "{shell}: {out}");
    }
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(".ie") || out.contains(".TH cpdash"), "{out}");
    assert!(out.contains("completions"));
}

#[test]
fn the_synthetic_data_at_twice_national_size_passes_check() {
    // The ×2 and ×4 data sets are what the benchmarks load: every value within the loader's
    // plausibility bounds (the national root's population too).
    let dir = tempfile::tempdir().unwrap();
    let out = cpdash().args(["generate", "--out"]).arg(dir.path().join("x2")).args(["--scale", "2"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cpdash().arg("--data").arg(dir.path().join("x2")).arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("regions: 1 nation, 68 province, 659 city, 5569 county"), "{text}");
    assert!(text.trim_end().ends_with("valid"), "{text}");
}

#[test]
fn the_trend_window_is_chosen_on_the_command_line_and_said_in_the_report() {
    let (code, _, err) = run(&["--trend-window", "4", "report", "330000"]);
    assert_eq!(code, 2);
    assert!(err.contains("\"4\" is not a trend window cpdash offers (3, 5, 10 years)"), "{err}");
    // Lishui's urban income, 2023: from 2020 over 3 years, from 2018 over the default 5.
    let (code, out, err) = run(&["--trend-window", "3", "report", "331100", "--year", "2023"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("趋势:年均变化取最近至多3年(不跨序列断点)。"), "{out}");
    assert!(out.contains("58,583 元 [1]; 趋势: 改善:年均+3350(2020–2023)"), "{out}");
    let (_, out, _) = run(&["report", "331100", "--year", "2023"]);
    assert!(out.contains("58,583 元 [1]; 趋势: 改善:年均+3205(2018–2023)"), "{out}");
}
