//! The reports' and the workbook's words.

use super::lang::Lang;

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

/// The one-page brief's headings (`--brief`).
#[derive(Debug)]
pub struct BriefWords {
    pub title: &'static str,
    pub figures: &'static str,
    pub figures_head: [&'static str; 6],
    pub children: &'static str,
    /// Before the areas without a value in the year.
    pub no_data: &'static str,
    /// Where the rest is.
    pub full_report: &'static str,
}

pub(super) const BRIEF_ZH: BriefWords = BriefWords {
    title: "共同富裕简报",
    figures: "各领域主要指标",
    figures_head: ["领域", "指标", "数值", "目标", "状态", "排名"],
    children: "下级地区的收入",
    no_data: "本年无数据的领域:",
    full_report: "完整报告(全部指标、离散度、逐年数值):cpdash export --format html 或 pdf,不加 --brief。",
};

pub(super) const BRIEF_EN: BriefWords = BriefWords {
    title: "Common-prosperity brief",
    figures: "Headline figures by area",
    figures_head: ["area", "indicator", "value", "target", "status", "rank"],
    children: "Incomes of the children",
    no_data: "Areas without data this year: ",
    full_report:
        "The full report (every indicator, dispersion, the years): cpdash export --format html or pdf, without --brief.",
};

/// The workbook's sheet names and headings (`--format xlsx`).
#[derive(Debug)]
pub struct SheetWords {
    pub children: &'static str,
    pub years: &'static str,
    pub sources: &'static str,
    pub notes: &'static str,
    pub area_head: [&'static str; 12],
    pub children_head: [&'static str; 3],
    /// The sheet of regions compared on several indicators, and its rank column's word.
    pub compared: &'static str,
    pub rank: &'static str,
    pub status: &'static str,
    pub years_head: [&'static str; 2],
    pub sources_head: [&'static str; 12],
    pub notes_head: [&'static str; 2],
    pub notes_rows: [&'static str; 8],
    /// How statuses, trends, dispersion and missing values are defined (one line each).
    pub definitions: [&'static str; 4],
}

pub(super) const SHEETS_ZH: SheetWords = SheetWords {
    children: "下级地区",
    years: "逐年",
    sources: "来源",
    notes: "说明",
    area_head: ["指标", "数值", "单位", "目标", "目标年份", "差距(%)", "状态", "趋势", "排名", "排名共", "数值类型", "来源"],
    children_head: ["代码", "地区", "组"],
    compared: "对比",
    rank: "排名",
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

pub(super) const SHEETS_EN: SheetWords = SheetWords {
    children: "Children",
    years: "Years",
    sources: "Sources",
    notes: "Notes",
    area_head: ["Indicator", "Value", "Unit", "Target", "Target year", "Gap (%)", "Status", "Trend", "Rank", "Rank of", "Kind", "Source"],
    children_head: ["Code", "Region", "Groups"],
    compared: "Compared",
    rank: "rank",
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

pub(super) const REPORT_ZH: ReportWords = ReportWords {
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

pub(super) const REPORT_EN: ReportWords = ReportWords {
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

impl Lang {
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

    /// The trend window a report used.
    pub fn report_trend_window(self, years: i32) -> String {
        self.pick(
            format!("趋势:年均变化取最近至多{years}年(不跨序列断点)。"),
            format!("Trends: the annual pace over up to {years} years (never across a series break)."),
        )
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
}

impl Lang {
    pub fn sheet_words(self) -> &'static SheetWords {
        self.pick(&SHEETS_ZH, &SHEETS_EN)
    }
    pub fn report_words(self) -> &'static ReportWords {
        self.pick(&REPORT_ZH, &REPORT_EN)
    }
    pub fn brief_words(self) -> &'static BriefWords {
        self.pick(&BRIEF_ZH, &BRIEF_EN)
    }
}
