//! Replays every input the fuzzers kept (fuzz/corpus/<target>/) through the same entry points:
//! none may panic. The seeds include the bundled files and the bad inputs of the other tests.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panics", path.display());
        n += 1;
    }
    n
}

#[test]
fn snapshot_corpus() {
    assert!(replay("snapshot", cpdash::load::fuzz::snapshot) > 0);
}

#[test]
fn csv_import_corpus() {
    assert!(replay("csv_import", cpdash::load::fuzz::csv_import) > 0);
}

#[test]
fn config_corpus() {
    assert!(replay("config", cpdash::load::fuzz::config) > 0);
}
