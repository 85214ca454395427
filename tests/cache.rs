//! The binary cache beside a data folder (`.cpdash-cache`): read back as the data set it was
//! written from, and never trusted: a cut, flipped or foreign cache gives the values of the
//! source files (said, for a damaged one) and is rewritten; a changed source is never served
//! from the old cache, even at the same size and time stamp.

use std::path::{Path, PathBuf};

use cpdash::load::{load_dataset_cached, DataSource};
use cpdash::model::Dataset;

mod common;

/// The bundled data's files in a folder of their own.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for f in ["regions.csv", "indicators.csv", "region_tags.csv", "region_groups.csv", "breaks.csv", "snapshot.json"] {
        std::fs::copy(assets.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// Loads the folder, with a cache whatever the snapshot's size; the notes said.
fn load(dir: &Path) -> (Dataset, Vec<String>) {
    let mut notes = Vec::new();
    let ds = load_dataset_cached(&DataSource::Dir(dir.to_path_buf()), 0, &mut |n| notes.push(n)).unwrap();
    (ds, notes)
}

/// The folder's data set from its files alone.
fn from_files(dir: &Path) -> Dataset {
    load_dataset_cached(&DataSource::Dir(dir.to_path_buf()), u64::MAX, &mut |_| {}).unwrap()
}

/// Every stored value with its source and note.
fn values(ds: &Dataset) -> Vec<String> {
    ds.observations().map(|(r, i, y, c)| format!("{r:?} {i:?} {y} {} {} {:?}", c.value, c.source.url, c.note)).collect()
}

fn cache(dir: &Path) -> PathBuf {
    dir.join(cpdash::load::cache::CACHE_FILE)
}

#[test]
fn a_folder_is_read_back_from_its_cache() {
    let dir = folder();
    let (first, notes) = load(dir.path());
    assert!(notes.is_empty(), "{notes:?}");
    let written = std::fs::read(cache(dir.path())).unwrap();
    assert!(written.starts_with(b"CPDASH-CACHE\n"));
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before = inode(&cache(dir.path()));
    let (second, notes) = load(dir.path());
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(inode(&cache(dir.path())), before, "read, not rewritten");
    assert_eq!(values(&second), values(&first));
    assert_eq!(values(&second), values(&from_files(dir.path())));
    assert_eq!(second.n_observations(), first.n_observations());
    // The published figures and breaks come from their files, as without a cache.
    assert_eq!(second.breaks.len(), first.breaks.len());
    assert!(second.n_observations() > 1000);
}

#[test]
fn a_damaged_cache_is_said_and_never_trusted() {
    let dir = folder();
    let truth = values(&load(dir.path()).0);
    let good = std::fs::read(cache(dir.path())).unwrap();
    let mut damaged: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("not a cache".into(), b"PK\x03\x04 a zip, not a cache".to_vec()),
        ("the header only".into(), good[..52].to_vec()),
        ("half".into(), good[..good.len() / 2].to_vec()),
        ("all but the last byte".into(), good[..good.len() - 1].to_vec()),
        ("a byte too many".into(), [good.as_slice(), b"\0"].concat()),
    ];
    // Flipped bytes through the whole file (the key's bytes, 20..36, make it another source's).
    for k in 0..40 {
        let at = 36 + k * (good.len() - 37) / 39;
        let mut b = good.clone();
        b[at] ^= 0x5a;
        damaged.push((format!("byte {at} flipped"), b));
    }
    for (what, bytes) in damaged {
        std::fs::write(cache(dir.path()), &bytes).unwrap();
        let (ds, notes) = load(dir.path());
        assert_eq!(values(&ds), truth, "{what}: the values are the source files'");
        assert_eq!(notes.len(), 1, "{what}: {notes:?}");
        assert!(notes[0].contains(".cpdash-cache is not usable ("), "{what}: {}", notes[0]);
        assert!(notes[0].ends_with("the data set was read from its files and the cache rewritten"), "{}", notes[0]);
        assert_eq!(std::fs::read(cache(dir.path())).unwrap(), good, "{what}: rewritten");
    }
}

#[test]
fn a_changed_source_is_never_served_from_the_old_cache() {
    let dir = folder();
    let (old, _) = load(dir.path());
    let snap = dir.path().join("snapshot.json");
    let text = std::fs::read_to_string(&snap).unwrap();
    let mtime = std::fs::metadata(&snap).unwrap().modified().unwrap();
    // One digit of 丽水市's first value changed: the same size, and the time stamp put back.
    let at = text.find("[\"331100\", ").unwrap() + "[\"331100\", ".len();
    let d = text.as_bytes()[at];
    let changed = format!("{}{}{}", &text[..at], if d == b'9' { '8' } else { char::from(d + 1) }, &text[at + 1..]);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&snap, &changed).unwrap();
    std::fs::File::options().write(true).open(&snap).unwrap().set_modified(mtime).unwrap();
    let (new, notes) = load(dir.path());
    assert!(notes.is_empty(), "another source's cache is replaced without a word: {notes:?}");
    assert_ne!(values(&new), values(&old));
    assert_eq!(values(&new), values(&from_files(dir.path())));
    // Another folder's cache copied in: its key is not this folder's.
    let other = folder();
    load(other.path());
    std::fs::copy(cache(other.path()), cache(dir.path())).unwrap();
    assert_eq!(values(&load(dir.path()).0), values(&from_files(dir.path())));
    // A changed table (a region's name) is a changed source too.
    let regions = dir.path().join("regions.csv");
    let t = std::fs::read_to_string(&regions).unwrap().replacen("丽水市", "丽水巿", 1);
    std::fs::write(&regions, t).unwrap();
    let (renamed, _) = load(dir.path());
    assert_eq!(renamed.regions.get(renamed.regions.by_code("331100").unwrap()).name_zh, "丽水巿");
}

/// The command line says a damaged cache on standard error and goes on (a snapshot of 4 MiB or
/// more has a cache: the bundled one padded with spaces).
#[test]
fn the_command_line_says_a_damaged_cache_and_goes_on() {
    let dir = folder();
    let snap = dir.path().join("snapshot.json");
    let mut text = std::fs::read(&snap).unwrap();
    text.resize(text.len().max(cpdash::load::cache::CACHE_MIN_BYTES as usize) + 10, b' ');
    std::fs::write(&snap, text).unwrap();
    let data = dir.path().to_str().unwrap();
    let (code, out, err) = common::cpdash(dir.path(), &["--data", data, "check"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(cache(dir.path()).exists());
    let mut bytes = std::fs::read(cache(dir.path())).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 1;
    std::fs::write(cache(dir.path()), bytes).unwrap();
    let (code, again, err) = common::cpdash(dir.path(), &["--data", data, "check"]);
    assert_eq!((code, again), (0, out));
    assert!(
        err.starts_with("cpdash: note: the cache ") && err.contains("its checksum does not match its bytes"),
        "{err}"
    );
}
