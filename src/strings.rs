//! Every word cpdash shows, in Chinese and English, in one place (as gitui's `strings.rs`). The
//! domain hands out keys (a status, a trend kind, a unit, an area); this module turns them into
//! words. Nothing outside this module chooses between languages.

use serde::{Deserialize, Serialize};

use crate::fit::{self, printable, truncate};
use crate::metrics::trend::{Trend, TrendKind, HORIZON};
use crate::metrics::Status;
use crate::model::group::Group;
use crate::model::indicator::{Area, Direction, Indicator};
use crate::model::region::Region;
use crate::model::{SourceKind, Unit};
use crate::number::plain;

/// After a value on a new basis (a series break at or before its year).
pub const BREAK_MARK: &str = "‡";

/// The language of the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

/// Words without arguments, one set per language.
#[derive(Debug)]
pub struct Words {
    pub region: &'static str,
    pub value: &'static str,
    pub vs_target: &'static str,
    pub map_vs_target: &'static str,
    pub target: &'static str,
    pub indicator: &'static str,
    pub gap: &'static str,
    pub status_short: &'static str,
    pub trend_short: &'static str,
    pub rank: &'static str,
    pub met: &'static str,
    pub no_data: &'static str,
    pub no_children: &'static str,
    pub with_data: &'static str,
    pub source: &'static str,
    pub computed: &'static str,
    pub inputs: &'static str,
    pub missing_inputs: &'static str,
    pub over_children: &'static str,
    pub over_leaves: &'static str,
    pub as_of: &'static str,
    pub no_match: &'static str,
    pub more: &'static str,
    pub list_sep: &'static str,
    pub map: &'static str,
    pub all_counties: &'static str,
    pub no_boundaries: &'static str,
    pub quantiles: &'static str,
    pub keys_heading: &'static str,
    pub status_heading: &'static str,
    pub trend_heading: &'static str,
    pub trend_plain_heading: &'static str,
    pub data_heading: &'static str,
    pub help: &'static str,
    pub scroll: &'static str,
    pub closes: &'static str,
    pub search_hint: &'static str,
    pub search_title: &'static str,
    pub footer_scroll: &'static str,
    pub footer_close: &'static str,
    pub footer_quit: &'static str,
    pub footer_pick: &'static str,
    pub footer_go: &'static str,
    pub footer_cancel: &'static str,
    pub footer_go_search: &'static str,
    pub footer_cancel_search: &'static str,
    pub filter_hint: &'static str,
    pub footer_keep: &'static str,
    pub footer_clear: &'static str,
    pub exported: &'static str,
    pub export_failed: &'static str,
    pub sort_code: &'static str,
    pub sort_value: &'static str,
    pub sort_gap: &'static str,
    pub cities: &'static str,
    pub counties: &'static str,
    pub six_areas: &'static str,
    pub opens_one: &'static str,
    pub jump: &'static str,
    pub or: &'static str,
    pub comma: &'static str,
    pub mouse_help: &'static str,
    pub search_keys_heading: &'static str,
    pub missing_help: &'static str,
    pub break_help: &'static str,
    /// In the header while reposted values are hidden.
    pub official_only: &'static str,
    /// A statistic kept for the top region only, in a child's row.
    pub top_only: &'static str,
    pub map_source: &'static str,
    pub notice: &'static str,
    pub messages: &'static str,
    pub no_messages: &'static str,
    pub definition: &'static str,
    pub target_source: &'static str,
}

const ZH: Words = Words {
    region: "地区",
    value: "数值",
    vs_target: "距目标",
    map_vs_target: "对照目标",
    target: "目标",
    indicator: "指标",
    gap: "差距",
    status_short: "状",
    trend_short: "势",
    rank: "排名",
    met: "达标",
    no_data: "无数据",
    no_children: "  (无下级地区)",
    with_data: "项有数据",
    source: "来源:",
    computed: "计算:",
    inputs: "项输入",
    missing_inputs: "缺少数据:",
    over_children: "下级",
    over_leaves: "全部县级",
    as_of: "截至",
    no_match: "  无匹配",
    more: "个未显示",
    list_sep: "、",
    map: "地图",
    all_counties: "全部县级",
    no_boundaries: "本数据集没有边界数据",
    quantiles: "分位数分组,优者在上",
    keys_heading: "按键",
    status_heading: "对照官方目标的状态",
    trend_heading: "趋势:有目标时,近{w}年速度对照达标所需速度(箭头;w 换窗口)",
    trend_plain_heading: "趋势:无目标时,只看方向(三角与≈,变化超过每年0.5%)",
    data_heading: "数据",
    help: "帮助",
    scroll: "滚动",
    closes: "关闭",
    search_hint: "输入名称、拼音或代码",
    search_title: "搜索:中文名、拼音、英文或代码",
    footer_scroll: "scroll",
    footer_close: "close",
    footer_quit: "quit",
    footer_pick: "pick",
    footer_go: "go",
    footer_cancel: "cancel",
    footer_go_search: "前往",
    footer_cancel_search: "取消",
    filter_hint: "输入名称、拼音或代码筛选",
    footer_keep: "keep",
    footer_clear: "clear",
    exported: "已导出:",
    export_failed: "导出失败:",
    sort_code: "按代码",
    sort_value: "按数值",
    sort_gap: "按差距",
    cities: "个市",
    counties: "个县(市、区)",
    six_areas: "六大领域",
    opens_one: "打开",
    jump: "直达",
    or: "或",
    comma: ",",
    mouse_help: "  (鼠标:单击选择地区,双击下钻,滚轮移动)",
    search_keys_heading: "搜索框中(输入名称、拼音或代码)",
    missing_help: "  — 缺失:该地区该年份没有公布数值(绝不显示为0)",
    official_only: "仅官方来源",
    top_only: "仅全省统计",
    break_help: "  ‡ 序列断点当年的数值:口径已变(区划调整、普查修订),与上一年不可比;趋势与β收敛不跨断点,详情行说明原因",
    map_source: "地图",
    notice: "消息",
    messages: "最近的消息",
    no_messages: "(还没有消息)",
    definition: "定义(目录只有英文):",
    target_source: "目标出处:",
};

const EN: Words = Words {
    region: "region",
    value: "value",
    vs_target: "vs target",
    map_vs_target: "vs target",
    target: "target",
    indicator: "indicator",
    gap: "gap",
    status_short: "st",
    trend_short: "tr",
    rank: "rank",
    met: "met",
    no_data: "no data",
    no_children: "  (no regions below this one)",
    with_data: "with data",
    source: "source:",
    computed: "computed:",
    inputs: "inputs",
    missing_inputs: "no data for",
    over_children: "children",
    over_leaves: "all counties",
    as_of: "as of",
    no_match: "  no match",
    more: "more",
    list_sep: ", ",
    map: "Map",
    all_counties: "all counties",
    no_boundaries: "no boundaries for this data set",
    quantiles: "quantiles, best first",
    keys_heading: "Keys",
    status_heading: "Status against the official target",
    trend_heading: "Trend with a target: pace over up to {w} years vs the pace the target needs (arrows; w: another window)",
    trend_plain_heading: "Trend without a target: direction only (triangles and ≈; a change above 0.5% a year)",
    data_heading: "Data",
    help: "Help",
    scroll: "scroll",
    closes: "closes",
    search_hint: "type a name, pinyin or code",
    search_title: "Search: name, pinyin, English or code",
    footer_scroll: "scroll",
    footer_close: "close",
    footer_quit: "quit",
    footer_pick: "pick",
    footer_go: "go",
    footer_cancel: "cancel",
    footer_go_search: "go",
    footer_cancel_search: "cancel",
    filter_hint: "type a name, pinyin or code to filter",
    footer_keep: "keep",
    footer_clear: "clear",
    exported: "exported to",
    export_failed: "export failed:",
    sort_code: "by code",
    sort_value: "by value",
    sort_gap: "by gap",
    cities: "cities",
    counties: "counties",
    six_areas: "Six areas",
    opens_one: "opens one",
    jump: "jump",
    or: "or",
    comma: ", ",
    mouse_help: "  (mouse: click selects a region, double-click drills down, wheel scrolls)",
    search_keys_heading: "In the search box (type a name, pinyin or code)",
    missing_help: "  — missing: no value was published for that place and year (never shown as 0)",
    official_only: "official sources only",
    top_only: "province only",
    break_help: "  ‡ the first value after a series break (a boundary change, a census revision), not comparable with the year before: trends and β never run across it; the detail line says why",
    map_source: "Map",
    notice: "Notice",
    messages: "Recent messages",
    no_messages: "(no messages yet)",
    definition: "Definition:",
    target_source: "Target from:",
};

/// The words of the Markdown and text reports.
#[derive(Debug)]
pub struct ReportWords {
    pub region: &'static str,
    pub children: &'static str,
    pub data: &'static str,
    pub missing_note: &'static str,
    pub head: [&'static str; 8],
    pub met: &'static str,
    pub computed: &'static str,
    pub target: &'static str,
    pub trend: &'static str,
    pub rank: &'static str,
    pub dispersion: &'static str,
    pub dispersion_head: [&'static str; 7],
    pub over_children: &'static str,
    pub over_leaves: &'static str,
    pub split_leaves: &'static str,
    pub sources: &'static str,
    pub no_sources: &'static str,
    /// A Markdown report whose text could not be escaped is not written.
    pub not_escaped: &'static str,
    /// Before the address of the copy a publication's figure was read from.
    pub read_from: &'static str,
    /// The heading of the series breaks a report's values follow.
    pub breaks: &'static str,
    pub children_table: &'static str,
    pub groups: &'static str,
    pub inputs_from: &'static str,
    pub by_year: &'static str,
    pub charts: &'static str,
}

/// The workbook's sheet names and headings (`--format xlsx`).
#[derive(Debug)]
pub struct SheetWords {
    pub children: &'static str,
    pub years: &'static str,
    pub sources: &'static str,
    pub notes: &'static str,
    pub area_head: [&'static str; 12],
    pub children_head: [&'static str; 3],
    pub status: &'static str,
    pub years_head: [&'static str; 2],
    pub sources_head: [&'static str; 12],
    pub notes_head: [&'static str; 2],
    pub notes_rows: [&'static str; 8],
    /// How statuses, trends, dispersion and missing values are defined (one line each).
    pub definitions: [&'static str; 4],
}

const SHEETS_ZH: SheetWords = SheetWords {
    children: "下级地区",
    years: "逐年",
    sources: "来源",
    notes: "说明",
    area_head: ["指标", "数值", "单位", "目标", "目标年份", "差距(%)", "状态", "趋势", "排名", "排名共", "数值类型", "来源"],
    children_head: ["代码", "地区", "组"],
    status: "状态",
    years_head: ["指标", "单位"],
    sources_head: ["代码", "地区", "指标", "年份", "数值", "单位", "来源地址", "来源类型", "备注", "出版物与表", "单元格", "读取的副本"],
    notes_head: ["项目", "内容"],
    notes_rows: ["数据集", "编号", "截至", "导出时间", "cpdash 版本", "地区", "年份", "语言"],
    definitions: [
        "状态:● 已达标(达到官方目标)、◕ 尚有差距、◑ 差距较大、○ 差距很大;红线为目录中的 red_threshold,否则为距目标20%。",
        "趋势:最近至多{w}年的年均变化与按期达标所需速度之比(↑ 按期、↗ 温和改善、⇢ 改善但不足所需速度一半、→ 停滞(几乎不变)、↓ 恶化);无目标时 ▴ 改善、≈ 持平、▾ 下降。",
        "离散度:变异系数、常住人口加权变异系数、基尼系数、泰尔指数,仅在至少一半地区有数值时计算。",
        "缺失的数值留空,从不以0填补或插值。",
    ],
};

const SHEETS_EN: SheetWords = SheetWords {
    children: "Children",
    years: "Years",
    sources: "Sources",
    notes: "Notes",
    area_head: ["Indicator", "Value", "Unit", "Target", "Target year", "Gap (%)", "Status", "Trend", "Rank", "Rank of", "Kind", "Source"],
    children_head: ["Code", "Region", "Groups"],
    status: "status",
    years_head: ["Indicator", "Unit"],
    sources_head: ["Code", "Region", "Indicator", "Year", "Value", "Unit", "Source address", "Source kind", "Note", "Publication and table", "Cell", "Copy read"],
    notes_head: ["Item", "Value"],
    notes_rows: ["Data set", "Id", "As of", "Exported", "cpdash version", "Region", "Years", "Language"],
    definitions: [
        "Status: ● achieved (the official target met), ◕ challenges remain, ◑ significant challenges, ○ major challenges; the red threshold is the catalog's red_threshold, else 20% short of the target.",
        "Trend: the average annual change over up to {w} years against the pace the target needs (↑ on track, ↗ moderately improving, ⇢ improving at less than half the pace needed, → stagnating (no change), ↓ worsening); without a target ▴ improving, ≈ flat, ▾ declining.",
        "Dispersion: CV, population-weighted CV, Gini, Theil T, computed only where at least half the regions have a value.",
        "A missing value is left empty: never 0, never filled in.",
    ],
};

const REPORT_ZH: ReportWords = ReportWords {
    region: "地区",
    children: "个下级地区",
    data: "数据",
    missing_note: "缺失的数值以 — 表示,从不填补。",
    head: ["指标", "数值", "单位", "目标", "差距", "状态", "趋势", "排名"],
    met: "已达标",
    computed: "(计算)",
    target: "目标",
    trend: "趋势",
    rank: "排名",
    dispersion: "离散度(注明处按常住人口加权)",
    dispersion_head: ["指标(范围)", "n", "最高/最低", "变异系数", "加权变异系数", "基尼系数", "泰尔指数"],
    over_children: "下级",
    over_leaves: "全部县级",
    split_leaves: "各下级之间/之内",
    sources: "来源",
    no_sources: "(本报告中没有带来源的数值)",
    not_escaped: "本报告的文字无法为 Markdown 转义,未写出;请改用 txt 或 html 格式。\n",
    read_from: "读自",
    breaks: "序列断点",
    children_table: "下级地区",
    groups: "分组标记",
    inputs_from: "计算所用数值的来源",
    by_year: "逐年数值",
    charts: "图表",
};

const REPORT_EN: ReportWords = ReportWords {
    region: "Region",
    children: "children",
    data: "Data",
    missing_note: "Missing values are shown as —; nothing is filled in.",
    head: ["indicator", "value", "unit", "target", "gap", "status", "trend", "rank"],
    met: "met",
    computed: " (computed)",
    target: "target",
    trend: "trend",
    rank: "rank",
    dispersion: "Dispersion (population-weighted where it says so)",
    dispersion_head: ["indicator (over)", "n", "max/min", "CV", "weighted CV", "Gini", "Theil"],
    over_children: "children",
    over_leaves: "all counties",
    split_leaves: "between / within the children",
    sources: "Sources",
    no_sources: "(no value in this report has a source)",
    not_escaped:
        "The report's text could not be escaped for Markdown and is not written; export it as txt or html instead.\n",
    read_from: "read from",
    breaks: "Series breaks",
    children_table: "Children",
    groups: "Group marks",
    inputs_from: "sources of the values it is computed from",
    by_year: "By year",
    charts: "Charts",
};

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
    /// The one place a language is chosen. Outside this module only for texts that a table
    /// keeps in both languages (the action table's descriptions).
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A text the data give in both languages (a name), in this one. Words belong in this module;
    /// this is for data only (a test forbids string literals in its calls).
    pub fn of<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        self.pick(zh, en)
    }

    /// A data set's title in this language: its English title where it has one.
    pub fn title<'a>(self, title: &'a str, title_en: Option<&'a str>) -> &'a str {
        self.pick(title, title_en.unwrap_or(title))
    }

    /// `zh` or `en`, as the config and the command line write it.
    pub fn code(self) -> &'static str {
        self.pick("zh", "en")
    }

    pub fn toggle(self) -> Lang {
        self.pick(Lang::En, Lang::Zh)
    }

    pub fn words(self) -> &'static Words {
        self.pick(&ZH, &EN)
    }

    pub fn sheet_words(self) -> &'static SheetWords {
        self.pick(&SHEETS_ZH, &SHEETS_EN)
    }

    pub fn report_words(self) -> &'static ReportWords {
        self.pick(&REPORT_ZH, &REPORT_EN)
    }

    /// A unit written out, for reports: 万人 / 10,000 persons, 亿元 / 100 million yuan.
    pub fn unit_long(self, u: Unit) -> &'static str {
        match u {
            Unit::Yuan => self.pick("元", "yuan"),
            Unit::HundredMillionYuan => self.pick("亿元", "100 million yuan"),
            Unit::TenThousandPersons => self.pick("万人", "10,000 persons"),
            Unit::Percent => "%",
            Unit::Ratio | Unit::Index | Unit::Rank => "",
            Unit::PerThousand => self.pick("每千人", "per 1,000 residents"),
            Unit::Years => self.pick("年", "years"),
            Unit::AgeYears => self.pick("岁", "years of age"),
            Unit::Count => self.pick("个", ""),
            Unit::SquareMetresPer10k => self.pick("平方米/万人", "m² per 10,000 residents"),
            Unit::TenThousandVolumes => self.pick("万册", "10,000 volumes"),
            Unit::PerCapita => self.pick("每人", "per resident"),
            Unit::PerTenThousand => self.pick("每万人", "per 10,000 residents"),
            Unit::PerHundredThousand => self.pick("每十万人", "per 100,000 residents"),
        }
    }

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

    /// The line under the title: where the region is and how many children it has.
    pub fn report_region(self, path: &str, name: &str, level: &str, code: &str, children: usize) -> String {
        let w = self.report_words();
        self.pick(
            format!("{}:{path}{name}({level},代码 {code});{children} {}。", w.region, w.children),
            format!("{}: {path}{name} ({level}, code {code}); {children} {}.", w.region, w.children),
        )
    }

    /// The data set and when the report was made.
    pub fn report_data(self, title: &str, id: &str, as_of: &str, generated: &str, version: &str) -> String {
        self.pick(
            format!("数据:{title}({id}),截至 {as_of}。由 cpdash {version} 于 {generated} 生成。"),
            format!("Data: {title} ({id}), as of {as_of}. Generated {generated} by cpdash {version}."),
        )
    }

    /// The trend window in use, in the area pane's title ("势" heads its column).
    pub fn trend_window_tag(self, years: i32) -> String {
        self.pick(format!("势:近{years}年"), format!("trend: {years}y"))
    }

    /// The trend window a report used.
    pub fn report_trend_window(self, years: i32) -> String {
        self.pick(
            format!("趋势:年均变化取最近至多{years}年(不跨序列断点)。"),
            format!("Trends: the annual pace over up to {years} years (never across a series break)."),
        )
    }

    /// A region's name; the Chinese one where no English name is known.
    pub fn region(self, r: &Region) -> &str {
        if r.name_en.is_empty() {
            &r.name_zh
        } else {
            self.pick(&r.name_zh, &r.name_en)
        }
    }

    /// A region's name in labels that want it short: 丽水 for 丽水市, the English name in English.
    pub fn region_short(self, r: &Region) -> &str {
        self.pick(r.short_name_zh(), self.region(r))
    }

    pub fn indicator(self, i: &Indicator) -> &str {
        self.pick(&i.name_zh, &i.name_en)
    }

    /// An indicator's short label, for narrow columns.
    pub fn indicator_short(self, i: &Indicator) -> &str {
        self.pick(&i.short_zh, &i.short_en)
    }

    /// An indicator's name in at most `width` cells: the full name if it fits, else its short
    /// label, cut with "…" only if even that does not fit.
    pub fn indicator_fit(self, i: &Indicator, width: usize) -> String {
        let full = self.indicator(i);
        if fit::width(full) <= width {
            return full.to_string();
        }
        truncate(self.indicator_short(i), width)
    }

    pub fn area(self, a: Area) -> &'static str {
        match a {
            Area::Regional => self.pick("区域差距", "Regional gap"),
            Area::UrbanRural => self.pick("城乡差距", "Urban-rural gap"),
            Area::Income => self.pick("收入差距", "Income gap"),
            Area::PublicServices => self.pick("公共服务", "Public services"),
            Area::Culture => self.pick("精神文化", "Culture"),
            Area::BasicUnits => self.pick("基本单元", "Basic units"),
            Area::Context => self.pick("背景", "Context"),
        }
    }

    pub fn status(self, s: Status) -> &'static str {
        match s {
            Status::Achieved => self.pick("已达标", "achieved"),
            Status::ChallengesRemain => self.pick("尚有差距", "challenges remain"),
            Status::SignificantChallenges => self.pick("差距较大", "significant challenges"),
            Status::MajorChallenges => self.pick("差距很大", "major challenges"),
        }
    }

    pub fn trend(self, k: TrendKind) -> &'static str {
        match k {
            TrendKind::OnTrack => self.pick("按期达标", "on track"),
            TrendKind::ModeratelyImproving => self.pick("稳步改善", "moderately improving"),
            TrendKind::TooSlow => self.pick("改善过慢", "improving too slowly"),
            TrendKind::Stagnating => self.pick("停滞", "stagnating"),
            TrendKind::Worsening => self.pick("趋于恶化", "worsening"),
            TrendKind::Improving => self.pick("改善", "improving"),
            TrendKind::Flat => self.pick("持平", "flat"),
            TrendKind::Declining => self.pick("下降", "declining"),
            TrendKind::NoTrend => self.pick("无趋势", "no trend"),
        }
    }

    /// A unit as shown after a number: 万人 / 10k, 亿元 / 100m yuan, ...
    pub fn unit(self, u: Unit) -> &'static str {
        match u {
            Unit::Yuan => self.pick("元", "yuan"),
            Unit::HundredMillionYuan => self.pick("亿元", "100m yuan"),
            Unit::TenThousandPersons => self.pick("万人", "10k"),
            Unit::Percent => "%",
            Unit::Ratio | Unit::Index | Unit::Rank => "",
            Unit::PerThousand => self.pick("/千人", "/1,000"),
            Unit::Years => self.pick("年", "years"),
            Unit::AgeYears => self.pick("岁", "years"),
            Unit::Count => self.pick("个", ""),
            Unit::SquareMetresPer10k => self.pick("m²/万人", "m²/10k"),
            Unit::TenThousandVolumes => self.pick("万册", "10k vol."),
            Unit::PerCapita => self.pick("/人", "/person"),
            Unit::PerTenThousand => self.pick("/万人", "/10k"),
            Unit::PerHundredThousand => self.pick("/10万人", "/100k"),
        }
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

    /// A kind of source, in words.
    pub fn source_kind(self, k: SourceKind) -> &'static str {
        match k {
            SourceKind::Publication => self.pick("统计出版物", "statistical publications"),
            SourceKind::Government => self.pick("政府网站", "government pages"),
            SourceKind::StateMedia => self.pick("官方媒体", "official media"),
            SourceKind::Repost => self.pick("转载", "reposts"),
            SourceKind::Other => self.pick("其他", "other"),
        }
    }

    /// A report's values by kind of source: "数值来源:统计出版物 12,转载 3".
    pub fn values_by_kind(self, kinds: &[(SourceKind, usize)]) -> String {
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

    /// A trend in a sentence: "at the 2021–2023 pace, below 1.9 in 2026".
    pub fn trend_sentence(self, t: &Trend) -> String {
        if t.to.is_none() {
            return self.words().no_data.into();
        }
        let (Some((y0, _)), Some((y1, v1)), Some(pace)) = (t.from, t.to, t.pace) else {
            return self.pick("不足两年数据,无趋势", "fewer than two years of data: no trend").into();
        };
        let period = format!("{y0}–{y1}");
        let sign = if pace >= 0.0 { "+" } else { "" };
        let Some((target, ty)) = t.target else {
            let kind = self.trend(t.kind);
            let p = crate::number::pace(pace);
            return self.pick(format!("{kind}:年均{sign}{p}({period})"), format!("{kind} {sign}{p} a year ({period})"));
        };
        let rel = match t.direction {
            Direction::HigherBetter => self.pick("达到", "at or above"),
            Direction::LowerBetter => self.pick("低于", "below"),
        };
        let tgt = plain(target);
        if (v1 - target) * t.direction.sign() >= 0.0 {
            return self.pick(format!("{y1}年已{rel}目标{tgt}"), format!("target {rel} {tgt} met in {y1}"));
        }
        match t.reach_year {
            Some(y) => {
                let late = if y > ty {
                    self.pick(format!("(目标年份{ty})"), format!(" (target year {ty})"))
                } else {
                    String::new()
                };
                self.pick(
                    format!("按{period}年速度,{y}年{rel}{tgt}{late}"),
                    format!("at the {period} pace, {rel} {tgt} in {y}{late}"),
                )
            }
            None if t.beyond_horizon => self.pick(
                format!("按{period}年速度,{}年前达不到{tgt}", crate::metrics::trend::HORIZON),
                format!("at the {period} pace, not {rel} {tgt} by {}", crate::metrics::trend::HORIZON),
            ),
            None if pace * t.direction.sign() < 0.0 => {
                self.pick(format!("偏离目标{tgt}({period})"), format!("moving away from the target {tgt} ({period})"))
            }
            None => self
                .pick(format!("未向目标{tgt}推进({period})"), format!("not moving toward the target {tgt} ({period})")),
        }
    }
}

/// Words of the table of a level and the analyst panes.
impl Lang {
    /// A level label of the data (`city`, `county`) as a heading.
    pub fn level(self, level: &str) -> String {
        let (zh, en) = match level {
            "nation" => ("全国", "nation"),
            "province" => ("省级", "provinces"),
            "city" => ("市级", "cities"),
            "county" => ("县级", "counties"),
            "township" => ("乡镇", "townships"),
            "village" => ("村", "villages"),
            other => (other, other),
        };
        self.pick(zh, en).to_string()
    }

    /// A table column's heading, by its key.
    pub fn column(self, key: &str) -> &'static str {
        match key {
            "name" => self.pick("地区", "Region"),
            "parent" => self.pick("上级", "Parent"),
            "groups" => self.pick("组", "Group"),
            "value" => self.pick("数值", "Value"),
            "status" => self.pick("距目标", "To target"),
            "rank" => self.pick("排名", "Rank"),
            "change" => self.pick("较上年", "Change"),
            "trend" => self.pick("势", "Tr"),
            "reach" => self.pick("达标年份", "Year met"),
            // The order a table keeps when its sort has nothing to sort by.
            "code" => self.pick("代码(所选排序列无值)", "Code (the sort column has no values)"),
            _ => "",
        }
    }

    /// A group's mark beside a member's name.
    pub fn group_mark(self, g: &Group) -> &str {
        self.pick(&g.mark_zh, &g.mark_en)
    }

    pub fn group_name(self, g: &Group) -> &str {
        self.pick(&g.name_zh, &g.name_en)
    }

    /// The legend of group marks: "山=山区26县 岛=山区海岛县".
    pub fn group_legend<'a>(self, groups: impl Iterator<Item = &'a Group>) -> String {
        groups.map(|g| format!("{}={}", self.group_mark(g), self.group_name(g))).collect::<Vec<_>>().join(" ")
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

    /// The time chart's title.
    pub fn time_title(self, indicator: &str, unit: &str, base: Option<i32>, index: bool) -> String {
        match (index, base) {
            (true, Some(b)) => {
                self.pick(format!(" {indicator} · 指数({b}年=100) "), format!(" {indicator} · index ({b} = 100) "))
            }
            (true, None) => self.pick(
                format!(" {indicator} · 无共同年份,不能作指数 "),
                format!(" {indicator} · no common year for an index "),
            ),
            _ if unit.is_empty() => format!(" {indicator} "),
            _ => format!(" {indicator} ({unit}) "),
        }
    }

    /// The chart's target line label: "目标 1.9 (2025)".
    pub fn target_label(self, target: &str, year: i32) -> String {
        self.pick(format!("目标 {target}({year})"), format!("target {target} ({year})"))
    }

    pub fn by_year(self) -> &'static str {
        self.pick("逐年数值", "by year")
    }

    /// Pinned series whose values by year do not fit: "(另 2 个放不下)".
    pub fn series_hidden(self, n: usize) -> String {
        self.pick(format!("(另 {n} 个放不下)"), format!("(+{n}: widen)"))
    }

    /// The index view's title, when the index restarts at 100 at series breaks.
    pub fn index_rebased(self, years: &[i32]) -> String {
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        self.pick(
            format!("‡ {}年断点处重设为100(前后不可比)", list.join("、")),
            format!(
                "‡ reset to 100 at the {} break{} (unlike figures)",
                list.join(", "),
                if years.len() > 1 { "s" } else { "" }
            ),
        )
    }

    /// The pins in the chart's legend, or how to add one.
    pub fn pin_hint(self, key: &str) -> String {
        self.pick(format!("按 {key} 加入所选地区对比"), format!("{key} pins the selected region"))
    }

    pub fn no_series(self) -> &'static str {
        self.pick("此指标在此没有任何年份的数据", "no year has data for this indicator here")
    }

    /// The convergence pane's title.
    pub fn convergence_title(self, indicator: &str, over: &str, n: usize) -> String {
        self.pick(
            format!(" 差距在缩小吗? {indicator} · {over} {n} 个 "),
            format!(" Is the gap closing? {indicator} · {over} ({n}) "),
        )
    }

    /// σ measures' names, in the order of the chart's series (`short`: for a narrow legend).
    pub fn sigma_names(self, short: bool) -> [&'static str; 4] {
        match short {
            true => ["CV", "wCV", "Gini", "Theil"],
            false => self
                .pick(["变异系数", "加权变异系数", "基尼系数", "泰尔指数"], ["CV", "weighted CV", "Gini", "Theil T"]),
        }
    }

    /// σ-convergence in words: "CV 0.312 (2012) → 0.254 (2023): narrowing".
    pub fn sigma_sentence(self, name: &str, from: (i32, f64), to: (i32, f64), n: (usize, usize)) -> String {
        let verdict = if to.1 < from.1 {
            self.pick("差距缩小", "narrowing")
        } else if to.1 > from.1 {
            self.pick("差距扩大", "widening")
        } else {
            self.pick("持平", "unchanged")
        };
        self.pick(
            format!("σ {name} {:.3}({}) → {:.3}({},{}/{} 个有值):{verdict}", from.1, from.0, to.1, to.0, n.0, n.1),
            format!(
                "σ {name} {:.3} ({}) → {:.3} ({}, {} of {} with values): {verdict}",
                from.1, from.0, to.1, to.0, n.0, n.1
            ),
        )
    }

    /// The σ measures that move the other way from the CV: "but the weighted CV 0.201 → 0.195 and
    /// the Gini 0.110 → 0.104 fall: the measures disagree".
    pub fn sigma_disagree(self, against: &[(&str, f64, f64)]) -> String {
        let parts: Vec<String> = against.iter().map(|(n, a, b)| format!("{n} {a:.3} → {b:.3}")).collect();
        let falls = against.first().is_some_and(|(_, a, b)| b < a);
        let (zh, en) = if falls { ("下降", "fall") } else { ("上升", "rise") };
        self.pick(
            format!("但{} {zh}:各度量方向不一致,差距是否缩小取决于度量", parts.join("、")),
            format!(
                "but {} {en}: the measures disagree, so whether the gap narrows depends on the measure",
                parts.join(" and ")
            ),
        )
    }

    pub fn sigma_one_year(self) -> &'static str {
        self.pick("σ:只有一年有足够数据,看不出变化", "σ: only one year has enough data: no change to see")
    }

    /// β-convergence in words.
    /// β with its standard error, 95% interval and R², and the verdict its one-sided t-test
    /// (5%) allows.
    pub fn beta_sentence(self, b: &crate::metrics::convergence::Beta) -> String {
        use crate::metrics::convergence::BetaVerdict;
        let verdict = match b.verdict() {
            BetaVerdict::Converging => self.pick(
                "起点越低增长越快,且显著(单侧t检验,5%):在收敛(追赶)",
                "the lower the start, the faster the growth, significantly (one-sided t-test, 5%): converging (catching up)",
            ),
            BetaVerdict::NotSignificant => self.pick(
                "β为负但不显著(单侧t检验,5%):没有显著的收敛",
                "β is negative but not significant (one-sided t-test, 5%): no significant convergence",
            ),
            BetaVerdict::NotConverging => self.pick(
                "起点低的并未增长更快:未收敛(没有追赶)",
                "the lower did not grow faster: not converging (not catching up)",
            ),
        };
        let (lo, hi) = b.interval();
        let (n, of, from, to, slope, se, r2) = (b.points.len(), b.of, b.from, b.to, b.slope, b.se, b.r2);
        self.pick(
            format!("β = {slope:+.4}(标准误 {se:.4},95%区间 {lo:+.4}至{hi:+.4},R² {r2:.2};{n}/{of} 个,{from}–{to}年年均增长对起点取对数):{verdict}"),
            format!("β = {slope:+.4} (SE {se:.4}, 95% CI {lo:+.4} to {hi:+.4}, R² {r2:.2}; {n} of {of}, {from}–{to} annual growth on the log start): {verdict}"),
        )
    }

    /// The regions of a β regression by their annual log growth, fastest first.
    pub fn beta_growths(self, from: i32, to: i32, named: &[String]) -> String {
        self.pick(
            format!("{from}–{to}年年均增长(改善最快在前):{}", named.join(" · ")),
            format!("annual growth {from}–{to}, most improving first: {}", named.join(" · ")),
        )
    }

    /// β not measured because a series break lies in the years it would compare.
    pub fn beta_break(self, year: i32) -> String {
        self.pick(
            format!("β:{year}年的序列断点之后还不足两年,β不跨断点,故不计算"),
            format!(
                "β: fewer than two years since the series break of {year}, and β never spans a break: not measured"
            ),
        )
    }

    pub fn beta_none(self, min: usize) -> String {
        self.pick(
            format!("β:不足{min}个地区有连续两年以上的数据"),
            format!("β: fewer than {min} regions have two or more consecutive years of data"),
        )
    }

    /// Theil's split between and within a group: "泰尔 0.021 = 组间 0.012 (57%) + 组内 0.009".
    pub fn theil_split(self, group: &str, year: i32, total: f64, between: f64, within: f64) -> String {
        let share = if total > 0.0 { between / total * 100.0 } else { 0.0 };
        self.pick(
            format!("{year}年泰尔 {total:.4} = {group}与其余之间 {between:.4}({share:.0}%)+ 各自内部 {within:.4}"),
            format!("{year} Theil {total:.4} = between {group} and the rest {between:.4} ({share:.0}%) + within {within:.4}"),
        )
    }

    /// The axes of the β scatter.
    pub fn beta_axes(self) -> (&'static str, &'static str) {
        self.pick(("起点(对数)", "年均增长"), ("log start", "growth/yr"))
    }

    /// A group panel's heading: "山区26县 vs 其余 · 26/26 个县有值 · 其余 64/64".
    pub fn group_heading(self, g: &Group, n: usize, of: usize, rest_n: usize, rest_of: usize) -> String {
        self.pick(
            format!("{} 对 其余 · {n}/{of} 有值 · 其余 {rest_n}/{rest_of}", self.group_name(g)),
            format!("{} vs the rest · {n} of {of} with values · rest {rest_n} of {rest_of}", self.group_name(g)),
        )
    }

    /// A mean line: "均值 33,512 · 其余 45,120 · 与浙江省之比 0.71".
    pub fn group_means(self, simple: &str, rest: &str, ratio: &str, whole: &str) -> String {
        self.pick(
            format!("简单平均 {simple} · 其余 {rest} · 与{whole}之比 {ratio}"),
            format!("simple mean {simple} · rest {rest} · ratio to {whole} {ratio}"),
        )
    }

    pub fn group_weighted(self, weight: &str, mean: &str, rest: &str, ratio: &str, whole: &str) -> String {
        self.pick(
            format!("按{weight}加权 {mean} · 其余 {rest} · 与{whole}之比 {ratio}"),
            format!("weighted by {weight} {mean} · rest {rest} · ratio to {whole} {ratio}"),
        )
    }

    /// A total's line: "合计 8,691.7 亿元 · 占浙江 9.64% · 占下级合计 9.64% · 其余合计 81,439.3 亿元".
    pub fn group_totals(self, sum: &str, of_whole: &str, whole: &str, of_children: &str, rest: &str) -> String {
        self.pick(
            format!("合计 {sum} · 占{whole} {of_whole} · 占下级合计 {of_children} · 其余合计 {rest}"),
            format!(
                "total {sum} · share of {whole} {of_whole} · of the children's sum {of_children} · rest's total {rest}"
            ),
        )
    }

    /// A total that cannot be summed: "合计:26 个中 3 个无值,不计合计".
    pub fn group_total_incomplete(self, n: usize, of: usize) -> String {
        self.pick(
            format!("合计:{of} 个中只有 {n} 个有值,不计合计(部分之和不是总量)"),
            format!("total: {n} of {of} have a value, so no total (a partial sum is not the total)"),
        )
    }

    /// Too few members with a value for a mean to speak for the group.
    pub fn group_too_few(self, n: usize, of: usize) -> String {
        self.pick(
            format!("{of} 个中只有 {n} 个有值,太少,不计均值"),
            format!("{n} of {of} have a value: too few for a mean"),
        )
    }

    /// The group against the rest: "组/其余之比 0.67(加权)· 0.69(简单)".
    pub fn group_rest_ratio(self, weighted: &str, simple: &str) -> String {
        self.pick(
            format!("与其余之比 {weighted}(加权)· {simple}(简单平均)"),
            format!("ratio to the rest {weighted} (weighted) · {simple} (simple means)"),
        )
    }

    pub fn group_extremes(self, weakest: &str, strongest: &str) -> String {
        self.pick(format!("最弱 {weakest} · 最强 {strongest}"), format!("weakest {weakest} · strongest {strongest}"))
    }

    /// The ratio over the years: "与全省之比(加权,无权重则简单平均):2024 0.72".
    pub fn group_ratio_years(self, whole: &str, years: &str) -> String {
        self.pick(
            format!("与{whole}之比逐年(加权均值,无权重时简单均值):{years}"),
            format!("ratio to {whole} by year (weighted mean, else simple): {years}"),
        )
    }

    /// A total's share over the years: "占浙江逐年:2024 9.64%".
    pub fn group_share_years(self, whole: &str, years: &str) -> String {
        self.pick(format!("占{whole}逐年:{years}"), format!("share of {whole} by year: {years}"))
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

    /// The heading of a Theil split in a report's table: between and within a group.
    pub fn split_group(self, group: &str) -> String {
        self.pick(format!("{group}与其余之间/之内"), format!("between / within {group} and the rest"))
    }

    /// The last row of a workbook sheet that could not hold every row.
    pub fn sheet_values_unlisted(self, n: usize) -> String {
        self.pick(
            format!("排名、趋势和离散度另读取了 {n} 个其他地区或往年的存储值,逐一列在 JSON 导出中"),
            format!("The ranks, trends and dispersion also read {n} stored values of other regions or earlier years: the JSON export lists each"),
        )
    }

    pub fn sheet_rows_left_out(self, n: usize) -> String {
        self.pick(
            format!("另有 {n} 行超出 Excel 的行数上限,见 JSON 或 CSV 导出"),
            format!("{n} more rows exceed Excel's row limit: see the JSON or CSV export"),
        )
    }

    /// The `lang` attribute of an HTML report.
    pub fn html_lang(self) -> &'static str {
        self.pick("zh-CN", "en")
    }

    /// Said where a report has no boundaries for its regions.
    pub fn no_map(self) -> &'static str {
        self.pick("此地区没有边界数据,不绘制地图。", "No boundaries for these regions: no map.")
    }

    /// The group panel's title.
    pub fn groups_title(self, indicator: &str, region: &str, year: i32) -> String {
        self.pick(
            format!(" 各组与其余 · {indicator} · {region} · {year} "),
            format!(" Groups vs the rest · {indicator} · {region} · {year} "),
        )
    }

    pub fn no_groups(self) -> &'static str {
        self.pick(
            "此地区下没有分组的县(组见 assets/region_tags.csv)",
            "no grouped counties under this region (groups: assets/region_tags.csv)",
        )
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

    /// Under the convergence charts: a break inside the years compared, in how many regions.
    pub fn convergence_break(self, year: i32, regions: usize, reason_zh: &str, reason_en: &str) -> String {
        self.pick(
            format!("{BREAK_MARK} {year}年起口径变化({regions} 个地区),σ跨此年的比较不可比,β不跨此年:{reason_zh}"),
            format!("{BREAK_MARK} a new basis from {year} ({regions} regions): σ across that year compares unlike figures, β stops before it: {reason_en}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::trend::trend;
    use crate::model::indicator::Indicator;

    fn ind(direction: Direction) -> Indicator {
        Indicator::new("x", Area::Income, Unit::Ratio, direction)
    }

    #[test]
    fn trend_sentences_in_both_languages() {
        let lower = ind(Direction::LowerBetter);
        let t = trend(&[(2021, 2.10), (2023, 2.00)], &lower, Some((1.9, 2025)));
        assert_eq!(Lang::En.trend_sentence(&t), "at the 2021–2023 pace, below 1.9 in 2025");
        assert_eq!(Lang::Zh.trend_sentence(&t), "按2021–2023年速度,2025年低于1.9");
        let t = trend(&[(2021, 2.04), (2023, 2.00)], &lower, Some((1.9, 2025)));
        assert_eq!(Lang::En.trend_sentence(&t), "at the 2021–2023 pace, below 1.9 in 2028 (target year 2025)");
        let t = trend(&[(2021, 1.95), (2023, 2.00)], &lower, Some((1.9, 2025)));
        assert_eq!(Lang::En.trend_sentence(&t), "moving away from the target 1.9 (2021–2023)");
        let t = trend(&[(2022, 1.90), (2023, 1.86)], &lower, Some((1.9, 2025)));
        assert_eq!(Lang::En.trend_sentence(&t), "target below 1.9 met in 2023");
        let t = trend(&[(2023, 1.86)], &lower, Some((1.9, 2025)));
        assert_eq!(Lang::En.trend_sentence(&t), "fewer than two years of data: no trend");
        let t = trend(&[(2022, 50_000.0), (2023, 51_000.0)], &ind(Direction::HigherBetter), None);
        assert_eq!(Lang::En.trend_sentence(&t), "improving +1000 a year (2022–2023)");
        assert_eq!(Lang::Zh.trend_sentence(&t), "改善:年均+1000(2022–2023)");
    }

    #[test]
    fn units_and_toggle() {
        assert_eq!(Lang::Zh.unit(Unit::TenThousandPersons), "万人");
        assert_eq!(Lang::En.unit(Unit::HundredMillionYuan), "100m yuan");
        assert_eq!(Lang::Zh.toggle(), Lang::En);
        assert_eq!(Lang::En.toggle(), Lang::Zh);
    }

    #[test]
    fn a_count_of_one_is_singular() {
        assert_eq!(Lang::En.matches(1, 0, 12), "1 match");
        assert_eq!(Lang::En.matches(3, 0, 12), "3 matches");
        assert_eq!(Lang::En.matches(30, 12, 24), "30 matches, 13–24 shown");
        assert_eq!(Lang::Zh.matches(1, 0, 12), "1 个匹配");
    }
}
