//! The bounds of a yearbook sheet and the A1 addresses its cells are named by.

/// The A1 address of a 0-based (row, column).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        c -= 1;
        letters.push(b'A' + (c % 26) as u8);
        c /= 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A yearbook table is a few hundred rows by a few dozen columns: a sheet reaching beyond is
/// refused before its cells are laid out (a hostile file naming cell XFD1048576 would otherwise
/// cost gigabytes).
pub const MAX_ROWS: u32 = 5_000;
pub const MAX_COLS: u32 = 128;

pub fn too_large(row: u32, col: u32) -> String {
    format!(
        "the sheet has a cell at {}, beyond row {MAX_ROWS} or column {}: not a yearbook table",
        a1(row, col),
        a1(0, MAX_COLS - 1).trim_end_matches('1')
    )
}
