//! The dashboard's words: messages, popups, the detail pane, the table and the help.

use super::lang::{Lang, BREAK_MARK};
use crate::fit::printable;
use crate::metrics::trend::{Trend, HORIZON};
use crate::model::group::Group;
use crate::model::region::Region;
use crate::model::SourceKind;

/// Something the app wants said in the footer; worded here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// No year before or after the one shown.
    NoYearBeyond(i32),
    /// The search found nothing.
    NoMatch(String),
    /// Files written by an export.
    Exported(Vec<String>),
    /// An export failed, with the reason.
    ExportFailed(String),
    /// The sort by gap was skipped: the indicator has no target here.
    NoTargetToSortBy,
    /// No group has members among the regions listed.
    NoGroupHere,
    /// A key of the table pressed with the table closed.
    TableOnly,
    /// The time chart compares at most this many pinned regions.
    TooManyPins(usize),
    /// The table has as many added indicator columns as it takes.
    TooManyColumns(usize),
    /// The indicator is already a column of the table.
    AlreadyAColumn,
    /// An indicator was added as a column of the table (its short name).
    ColumnAdded(String),
    /// Values from reposts hidden: how many.
    OfficialOnly(usize),
    /// Every value shown again.
    AllSources,
    /// The data set has no reposted value to hide.
    NoReposts,
    /// The trend's pace now looks back at most this many years.
    TrendWindow(i32),
}

impl Lang {
    /// The help's heading over the keys of the table of a level.
    pub fn table_keys_heading(self) -> &'static str {
        self.pick("一览表(c)中的键", "Keys in the table of a level (c)")
    }

    /// Where the exports are; `formats` from the format table ("json csv md ...").
    pub fn exports_help(self, formats: &str) -> String {
        self.pick(
            format!("  导出:e 写出当前地区(格式与文件夹见配置 [export]:{formats});命令行 cpdash export、report、metrics(见 README)"),
            format!("  Exports: e writes the region shown (formats and folder in the config's [export]: {formats}); headless: cpdash export, report, metrics (see the README)"),
        )
    }

    /// A footer label of the action table (`quit`, `drill`) in the language: the footer is
    /// Chinese on a Chinese screen.
    pub fn footer_word(self, key: &'static str) -> &'static str {
        let (zh, en) = match key {
            "move" => ("移动", "move"),
            "drill" => ("下钻", "drill"),
            "up" => ("上级", "up"),
            "pane" => ("窗格", "pane"),
            "area" => ("领域", "area"),
            "year" => ("年份", "year"),
            "search" => ("搜索", "search"),
            "sort" => ("排序", "sort"),
            "map" => ("地图", "map"),
            "export" => ("导出", "export"),
            "table" => ("一览表", "table"),
            "years" => ("历年", "years"),
            "gap" => ("收敛", "gap"),
            "help" => ("帮助", "help"),
            "quit" => ("退出", "quit"),
            "go" => ("前往", "go"),
            "reverse" => ("倒序", "reverse"),
            "filter" => ("筛选", "filter"),
            "group" => ("按组", "group"),
            "parent" => ("按上级", "parent"),
            "level" => ("层级", "level"),
            "columns" => ("更多列", "columns"),
            "back" => ("返回", "back"),
            other => (other, other),
        };
        self.pick(zh, en)
    }

    /// "14.9% short" / "差14.9%"
    pub fn short_by(self, pct: f64) -> String {
        // Never "0.0% short": a gap below a twentieth of a percent is said as such.
        if pct < 0.05 {
            return self.pick("差<0.1%".to_string(), "<0.1% short".to_string());
        }
        self.pick(format!("差{pct:.1}%"), format!("{pct:.1}% short"))
    }

    /// The trend window in use, in the area pane's title ("势" heads its column).
    pub fn trend_window_tag(self, years: i32) -> String {
        self.pick(format!("势:近{years}年"), format!("trend: {years}y"))
    }

    /// "no data before or after 2025"
    pub fn message(self, m: &Message) -> String {
        match m {
            Message::NoYearBeyond(y) => self.pick(format!("{y}年之外没有数据"), format!("no data before or after {y}")),
            Message::NoMatch(q) => self.pick(format!("没有匹配\"{q}\"的地区"), format!("no region matches \"{q}\"")),
            // The folder once, then the file names: a line of full paths would be cut by the
            // footer (`!` lists them whole).
            Message::Exported(paths) => {
                let path = |p: &String| std::path::Path::new(p).to_path_buf();
                let dirs: Vec<_> = paths.iter().map(|p| path(p).parent().map(|d| d.to_path_buf())).collect();
                let same = dirs.first().filter(|d| dirs.iter().all(|x| x == *d)).cloned().flatten();
                match same.filter(|d| !d.as_os_str().is_empty()) {
                    Some(dir) => {
                        let names: Vec<String> = paths
                            .iter()
                            .map(|p| {
                                path(p).file_name().map_or_else(|| p.clone(), |n| n.to_string_lossy().into_owned())
                            })
                            .collect();
                        format!("{} {}/ {}", self.words().exported, dir.display(), names.join(", "))
                    }
                    None => format!("{} {}", self.words().exported, paths.join(", ")),
                }
            }
            Message::ExportFailed(why) => format!("{} {why}", self.words().export_failed),
            Message::NoTargetToSortBy => self
                .pick(
                    "此指标在此无目标,不按差距排序(已按代码排序)",
                    "no target for this indicator here: sorting by gap skipped (sorted by code)",
                )
                .into(),
            Message::NoGroupHere => self
                .pick(
                    "所列地区不属于任何组(组在县级:按 c 打开一览表)",
                    "no group among the regions listed (groups are of counties: c opens the table)",
                )
                .into(),
            Message::OfficialOnly(n) => self.pick(
                format!("只看官方来源:隐藏了 {n} 个仅有转载来源的数值(再按一次恢复)"),
                format!("official sources only: {n} values that only a repost gives are hidden (again to show them)"),
            ),
            Message::AllSources => self.pick("显示全部来源的数值", "values from every source shown").into(),
            Message::NoReposts => self.pick("没有来自转载的数值", "no value comes from a repost").into(),
            Message::TrendWindow(n) => self.pick(
                format!("趋势窗口:最近至多{n}年(同一口径内;再按 w 换一个)"),
                format!("trend window: up to {n} years (within one basis; w again for another)"),
            ),
            Message::TableOnly => {
                self.pick("此键用于一览表(按 c 打开)", "this key works in the table (c opens it)").into()
            }
            Message::TooManyPins(n) => self.pick(
                format!("最多固定{n}个地区:先按 p 取消一个"),
                format!("at most {n} pinned regions: unpin one with p first"),
            ),
            Message::TooManyColumns(n) => self.pick(
                format!("最多加入{n}个指标列:先按 - 去掉一个"),
                format!("at most {n} added indicator columns: remove one with - first"),
            ),
            Message::ColumnAdded(name) => self.pick(
                format!("已加入指标列:{name};按 Tab 或领域键换主指标,两者并排"),
                format!("added the column {name}; Tab or an area key changes the main indicator, shown beside it"),
            ),
            Message::AlreadyAColumn => self
                .pick(
                    "此指标已是一列:按 Tab 换到另一个指标再加",
                    "this indicator is already a column: Tab to another, then add it",
                )
                .into(),
        }
    }

    /// A message as lines: an export's paths one per line.
    pub fn message_lines(self, m: &Message) -> Vec<String> {
        match m {
            Message::Exported(paths) => std::iter::once(self.words().exported.to_string())
                .chain(paths.iter().map(|p| format!("  {p}")))
                .collect(),
            other => vec![self.message(other)],
        }
    }

    /// A popup's title with the key that closes it.
    pub fn popup_title(self, name: &str, close: &str) -> String {
        self.pick(format!(" {name} · {close} 关闭 "), format!(" {name} · {close} closes "))
    }

    /// "101 个匹配" / "101 matches, 13–24 shown" in the search box.
    pub fn matches(self, n: usize, from: usize, to: usize) -> String {
        if n > to - from {
            self.pick(
                format!("{n} 个匹配,显示第 {}–{to} 个", from + 1),
                format!("{n} matches, {}–{to} shown", from + 1),
            )
        } else {
            self.pick(format!("{n} 个匹配"), format!("{n} {}", if n == 1 { "match" } else { "matches" }))
        }
    }

    /// The last line of a pane that has more than it shows.
    pub fn more_in(self, key: &str) -> String {
        self.pick(format!("… 更多内容:按 {key} 查看全部"), format!("… more: {key} shows it all"))
    }

    /// "… 89 more below (↓)"
    pub fn more_below(self, n: usize, key: &str) -> String {
        self.pick(format!("  … 下方还有 {n} 个({key} 滚动)"), format!("  … {n} more below ({key} scrolls)"))
    }

    /// A max/min across regions, saying when the set is partial: with regions missing the true
    /// ratio is at least the one computed, and below half of them it is not shown at all.
    /// `names`: the highest and the lowest region with data.
    pub fn max_min(self, ratio: &str, names: Option<(&str, &str)>, used: usize, of: usize) -> String {
        let (hi, lo) = names.unwrap_or(("?", "?"));
        if !Lang::enough_for_dispersion(used, of) {
            self.pick(format!("数据不全({used}/{of}),不计算"), format!("too few with data ({used} of {of})"))
        } else if used < of {
            self.pick(
                format!("≥{ratio}(数据不全 {used}/{of};已知最高 {hi},最低 {lo})"),
                format!("≥{ratio} (partial, {used} of {of}; highest known {hi}, lowest {lo})"),
            )
        } else {
            format!("{ratio} ({hi} / {lo})")
        }
    }

    /// Whether a dispersion over `used` of `of` regions is shown at all (README, "How the gap
    /// metrics are measured": at least half of the regions and at least two).
    pub fn enough_for_dispersion(used: usize, of: usize) -> bool {
        crate::metrics::dispersion::enough(used, of)
    }

    /// A dispersion line withheld for want of data.
    pub fn too_few(self, used: usize, of: usize) -> String {
        self.pick(
            format!("n={used}/{of},数据不全,不计算离散度"),
            format!("n={used}/{of}: too few with data for a dispersion"),
        )
    }

    /// "5/11 个市有值": how many of a list's regions have a value (the ranks are over those).
    /// "2015年只有另一口径:户籍人均GDP 77,644 元(不可比)" under a region's missing value.
    pub fn sibling_value(self, year: i32, sibling: &str, value: &str, unit: &str) -> String {
        self.pick(
            format!("{year}年只有另一口径:{sibling} {value} {unit}(不可比)"),
            format!("{year}: only another basis: {sibling} {value} {unit} (not comparable)"),
        )
    }

    /// "2015年只有另一口径:户籍人均GDP 11/11(不可比)" under a list with no value.
    pub fn sibling_note(self, year: i32, sibling: &str, with: usize, of: usize) -> String {
        self.pick(
            format!("{year}年只有另一口径:{sibling} {with}/{of}(不可比)"),
            format!("{year}: only another basis: {sibling}, {with} of {of} (not comparable)"),
        )
    }

    pub fn ranked_of(self, with: usize, of: usize, kind: &str) -> String {
        self.pick(format!("{with}/{of} {kind}有值"), format!("{with}/{of} {kind} with data"))
    }

    /// "n=5/11" of a dispersion line, marked when partial.
    pub fn coverage(self, used: usize, of: usize) -> String {
        match used < of {
            true => self.pick(format!("n={used}/{of} 数据不全"), format!("n={used}/{of}, partial")),
            false => format!("n={used}/{of}"),
        }
    }

    /// The max/min measure's name, before its value.
    pub fn max_min_label(self) -> &'static str {
        self.pick("最高/最低", "max/min")
    }

    /// A dispersion line's head: over what, how many, the max/min.
    pub fn dispersion_head(self, over: &str, coverage: &str, max_min: &str) -> String {
        format!("{over} {coverage}: {} {max_min}", self.max_min_label())
    }

    /// The official ceiling a max/min is held to.
    pub fn ceiling(self, t: &str) -> String {
        self.pick(format!(" 目标 <{t}"), format!(" target <{t}"))
    }

    /// The spreads of a dispersion line: CV, population-weighted CV, Gini.
    pub fn spreads(self, cv: &str, wcv: &str, gini: &str) -> String {
        self.pick(format!(" · CV {cv} · 加权CV {wcv} · 基尼 {gini}"), format!(" · CV {cv} · wCV {wcv} · Gini {gini}"))
    }

    /// Theil T in a dispersion line.
    pub fn theil(self, t: &str) -> String {
        self.pick(format!(" · 泰尔 {t}"), format!(" · Theil {t}"))
    }

    /// A group's counties against the other counties: the ratio of population-weighted means.
    pub fn group_vs_rest(self, group: &str, ratio: &str, n_group: usize, n_rest: usize) -> String {
        self.pick(
            format!("{group}/其余县(人口加权均值之比) {ratio}(组内 n={n_group},其余 n={n_rest})"),
            format!("{group} / other counties (ratio of population-weighted means) {ratio} (n {n_group} and {n_rest})"),
        )
    }

    /// The message shown when the terminal is too small.
    pub fn too_small(self, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
        self.pick(
            format!("终端为 {w}×{h},cpdash 至少需要 {min_w}×{min_h}。请放大窗口(q 退出)。"),
            format!("The terminal is {w}×{h}; cpdash needs at least {min_w}×{min_h}. Enlarge the window (q quits)."),
        )
    }

    /// "no data for 2023 (nearest earlier: 2020)" in the overview: the nearest year with data,
    /// said as earlier or later.
    pub fn no_data_latest(self, year: i32, nearest: Option<i32>) -> String {
        match nearest {
            Some(y) if y < year => self
                .pick(format!("   {year}年无数据(此前最近:{y}年)"), format!("   no data for {year} (previous: {y})")),
            Some(y) => {
                self.pick(format!("   {year}年无数据(此后最近:{y}年)"), format!("   no data for {year} (next: {y})"))
            }
            None => self.pick("   各年均无数据".into(), "   no data in any year".into()),
        }
    }

    /// "丽水市下级" / "children of Lishui"
    pub fn children_of(self, parent: &str) -> String {
        self.pick(format!("{parent}下级"), format!("children of {parent}"))
    }

    /// "2023年无数据:" / "no data 2023: "
    pub fn no_data_in(self, year: i32) -> String {
        self.pick(format!("{year}年无数据:"), format!("no data {year}: "))
    }

    /// "无数据:3/11(仅轮廓)" under a map legend.
    pub fn map_no_data(self, no_data: usize, n: usize) -> String {
        self.pick(format!("   无数据:{no_data}/{n}(仅轮廓)"), format!("   no data: {no_data} of {n} (outline)"))
    }

    /// How the status thresholds are set, for the help.
    pub fn status_rule(self, red_pct: f64) -> String {
        self.pick(
            format!("  绿线 = 目标;红线 = 指标目录中的红线,否则为距目标{red_pct:.0}%;两者中点分隔中间两级。"),
            format!("  Green threshold = the target; red = the catalog's red threshold, else {red_pct:.0}% short of the target; the midpoint splits the two middle levels."),
        )
    }

    /// What the data set is, for the help.
    pub fn dataset_line(self, title: &str, id: &str, as_of: &str, n: usize, years: (i32, i32)) -> String {
        let (y0, y1) = years;
        self.pick(
            format!("  {title} ({id}),截至 {as_of}:{n} 个观测值,{y0}–{y1}年"),
            format!("  {title} ({id}), as of {as_of}: {n} observations, years {y0}–{y1}"),
        )
    }

    /// How many values come from which kind of source, for the help.
    /// How many stored values stand on each kind of source.
    pub fn sources_line(self, publications: usize, government: usize, media: usize, reposts: usize) -> String {
        self.pick(
            format!("  数值来源:年鉴表格 {publications},政府网站 {government},官方媒体 {media},转载 {reposts};出处见领域表下方及导出"),
            format!("  values from yearbook tables {publications}, government pages {government}, official media {media}, reposts {reposts}; each source under an area's table and in exports"),
        )
    }

    /// A report's values by kind of source: "数值来源:统计出版物 12,转载 3"; without any, that
    /// no stored value is shown (never a heading followed by nothing).
    pub fn values_by_kind(self, kinds: &[(SourceKind, usize)]) -> String {
        if kinds.is_empty() {
            return self
                .pick("本报告未列出任何存储的数值,故无来源可列。", "No stored value is shown, so no source is listed.")
                .into();
        }
        let parts: Vec<String> = kinds.iter().map(|(k, n)| format!("{} {n}", self.source_kind(*k))).collect();
        self.pick(
            format!("所列数值的来源:{}", parts.join(",")),
            format!("Values shown by source: {}.", parts.join(", ")),
        )
    }

    /// A source in one line: a page's address, or a publication's edition and table (its cell
    /// where given) at the publisher's address, and the copy it was read from.
    pub fn citation(self, url: &str, title: Option<&str>, cell: Option<&str>, copy_url: Option<&str>) -> String {
        let Some(title) = title else { return url.to_string() };
        let cell = cell.map(|c| self.pick(format!("(单元格 {c})"), format!(" (cell {c})"))).unwrap_or_default();
        let copy = copy_url.map(|c| format!("; {} {c}", self.report_words().read_from)).unwrap_or_default();
        format!("{title}{cell}, {url}{copy}")
    }

    /// The help's title: how to scroll and close it, with the keys bound.
    pub fn help_title(self, scroll_keys: &str, close_a: &str, close_b: &str) -> String {
        let w = self.words();
        format!(" {} · {scroll_keys} {} · {close_a} {} {close_b} {} ", w.help, w.scroll, w.or, w.closes)
    }

    /// When the current pace meets the target: "2031", "met", "after 2100", "moving away".
    pub fn reach(self, t: &Trend, met: bool) -> String {
        if met {
            return self.words().met.into();
        }
        if t.target.is_none() {
            return String::new();
        }
        match t.reach_year {
            Some(y) => y.to_string(),
            None if t.beyond_horizon => self.pick(format!("{}后", HORIZON), format!("after {HORIZON}")),
            None if t.pace.is_some() => self.pick("未趋近", "not nearing").into(),
            None => "—".into(),
        }
    }

    /// The table's scope, level, filters and order: "浙江省 · 县级 · 组 山区26县 · 按距目标排序".
    #[allow(clippy::too_many_arguments)]
    pub fn table_filters(
        self,
        scope: &Region,
        level: &str,
        group: Option<&Group>,
        parent: Option<&Region>,
        filter: &str,
        sort: &str,
        reverse: bool,
    ) -> String {
        let mut parts = vec![self.region(scope).to_string(), level.to_string()];
        if let Some(g) = group {
            parts.push(format!("{}{}", self.pick("组 ", "group "), self.group_name(g)));
        }
        if let Some(p) = parent {
            parts.push(format!("{}{}", self.pick("属 ", "in "), self.region(p)));
        }
        if !filter.is_empty() {
            parts.push(format!("\"{}\"", printable(filter)));
        }
        let order = if reverse { self.pick("(倒序)", " (reversed)") } else { "" };
        parts.push(self.pick(
            format!("按{}排序{order}", self.column(sort)),
            format!("by {}{order}", self.column(sort).to_lowercase()),
        ));
        parts.join(" · ")
    }

    /// The count in the table's title: "26/90".
    pub fn listed(self, listed: usize, of: usize) -> String {
        self.pick(format!("{listed}/{of} 个"), format!("{listed} of {of}"))
    }

    /// The filter line while typing: "筛选: jn▏".
    pub fn filter_prompt(self, filter: &str, typing: bool) -> String {
        let cursor = if typing { "▏" } else { "" };
        format!("{}{}{cursor}", self.pick("筛选:", "filter: "), printable(filter))
    }

    /// The computed indicator beside its published figure.
    /// `flagged`: the difference is beyond the tolerance.
    pub fn computed_vs_published(self, name: &str, computed: &str, published: Option<(&str, f64, bool)>) -> String {
        let computed = self.pick(format!("{name}(计算值){computed}"), format!("{name} (computed) {computed}"));
        match published {
            None => format!("{computed}{}", self.pick(";本年无公布值", "; no published figure this year")),
            Some((p, diff, flagged)) => {
                let flag = if flagged { " ⚠" } else { "" };
                self.pick(
                    format!("{computed} · 公布值 {p} · 相差 {:+.1}%{flag}", diff * 100.0),
                    format!("{computed} · published {p} · difference {:+.1}%{flag}", diff * 100.0),
                )
            }
        }
    }

    /// Theil's split by city in a dispersion line (the counties of all cities).
    pub fn theil_parts(self, between: &str, within: &str) -> String {
        self.pick(format!("(市间 {between},市内 {within})"), format!(" (between cities {between}, within {within})"))
    }

    /// Theil's part between a group's regions and the rest, in a dispersion line (the part
    /// within is the total less it).
    pub fn theil_group_between(self, group: &str, between: &str) -> String {
        self.pick(format!("({group}与其余之间 {between})"), format!(" (between {group} and the rest {between})"))
    }

    /// A value shown for a year without one: its latest earlier value, marked as older.
    pub fn stale(self, year: i32, value: &str) -> String {
        format!("— ({year}: {value})")
    }

    /// Under a value on a new basis: the break, why, and that the trend starts there.
    pub fn break_line(self, year: i32, reason_zh: &str, reason_en: &str) -> String {
        self.pick(
            format!("{BREAK_MARK} {year}年序列断点,趋势自{year}年起算:{reason_zh}"),
            format!("{BREAK_MARK} series break in {year}, the trend starts there: {reason_en}"),
        )
    }
}
