//! The named colours, kept once: the dashboard's palette (overridable in the config), the
//! status colours of the workbook and the HTML report, the line chart's series markers. Plain
//! data, with no terminal in it; `ui::theme` turns them into terminal styles.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn parse(s: &str) -> Result<Rgb, String> {
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
        let byte = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
        hex.map(|h| Rgb(byte(h, 0), byte(h, 2), byte(h, 4)))
            .ok_or_else(|| format!("\"{}\" is not a colour (write it as #rrggbb, e.g. #009e73)", s.escape_debug()))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The named colours of the palette, kept once: the config's `[theme.colors]` keys, what each
/// colours, and the default.
pub const COLORS: [(&str, &str, Rgb); 21] = [
    ("achieved", "status: target achieved", Rgb(0, 158, 115)),
    ("challenges_remain", "status: challenges remain", Rgb(240, 228, 66)),
    ("significant_challenges", "status: significant challenges", Rgb(230, 159, 0)),
    ("major_challenges", "status: major challenges", Rgb(213, 94, 0)),
    ("accent", "keys, focused borders, messages", Rgb(86, 180, 233)),
    ("bar", "bars and sparklines", Rgb(0, 114, 178)),
    ("target", "the target line; the selected region on the map", Rgb(204, 121, 167)),
    ("missing", "missing values", Rgb(128, 128, 128)),
    ("dim", "secondary text and map outlines", Rgb(190, 190, 190)),
    ("map_1", "map class 1 of 5 (worst)", Rgb(68, 1, 84)),
    ("map_2", "map class 2 of 5", Rgb(59, 82, 139)),
    ("map_3", "map class 3 of 5", Rgb(33, 145, 140)),
    ("map_4", "map class 4 of 5", Rgb(94, 201, 98)),
    ("map_5", "map class 5 of 5 (best)", Rgb(253, 231, 37)),
    ("series_1", "line chart: the focus region", Rgb(86, 180, 233)),
    ("series_2", "line chart: pinned region 1", Rgb(230, 159, 0)),
    ("series_3", "line chart: pinned region 2", Rgb(0, 158, 115)),
    ("series_4", "line chart: pinned region 3", Rgb(204, 121, 167)),
    ("series_5", "line chart: pinned region 4", Rgb(240, 228, 66)),
    ("series_6", "line chart: pinned region 5", Rgb(213, 94, 0)),
    ("series_7", "line chart: pinned region 6", Rgb(190, 190, 190)),
];

/// The line chart's series, focus first: a marker each (so that they read without colour) and
/// its colour's name in [`COLORS`].
pub const SERIES: [(&str, &str); 7] = [
    ("●", "series_1"),
    ("■", "series_2"),
    ("▲", "series_3"),
    ("◆", "series_4"),
    ("✚", "series_5"),
    ("✱", "series_6"),
    ("○", "series_7"),
];

/// Colours in the palette.
pub const N_COLORS: usize = COLORS.len();

/// A named colour's default.
pub fn named(name: &str) -> Option<Rgb> {
    COLORS.iter().find(|c| c.0 == name).map(|c| c.2)
}
