//! Every named action of the dashboard, in one table ([`SPECS`]): its name in `config.toml`, the
//! mode it works in, its default keys, what it does in both languages and its footer label. The
//! enum, the default key map, the shipped `config.toml`, the help overlay and the footer all
//! come from this table, so they cannot drift apart. Adding an action is one row here plus its
//! handler in the input layer that takes it (`src/app/input.rs`).

/// Which key map is live: the dashboard's, or the search box's (where letters are typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Normal,
    Search,
}

/// A footer hint: `Label` stands alone, `Pair` joins the next action's key ("↑↓ move"),
/// `Range` joins the key of the named action with a dash ("1-6 area").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footer {
    None,
    Label(u8, &'static str),
    Pair(u8, &'static str),
    Range(u8, &'static str, Action),
}

/// One row of the action table.
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    pub action: Action,
    /// The name in `config.toml`'s `[keys]`.
    pub name: &'static str,
    pub mode: Mode,
    /// Default keys, as written in the config (see [`crate::app::keys::Key::parse`]).
    pub keys: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
    /// Place (order) and label in the footer.
    pub footer: Footer,
}

macro_rules! actions {
    ($( $variant:ident $name:literal $mode:ident [$($key:literal),*] $zh:literal $en:literal $footer:expr; )*) => {
        /// A named action; see [`SPECS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),* }

        /// The action table.
        pub const SPECS: &[ActionSpec] = &[
            $( ActionSpec {
                action: Action::$variant,
                name: $name,
                mode: Mode::$mode,
                keys: &[$($key),*],
                zh: $zh,
                en: $en,
                footer: $footer,
            } ),*
        ];
    };
}

use Footer::{Label, Pair, Range};

/// The actions that mean something else in the table of a level (`c`), with what they do there,
/// in the order its help lists them.
pub const TABLE_KEYS: [(Action, &str, &str); 15] = [
    (Action::FocusNext, "领域中的下一个指标(回到表首)", "the next indicator of the area (from the top)"),
    (Action::FocusPrev, "领域中的上一个指标", "the previous indicator of the area"),
    (
        Action::Sort,
        "按下一列排序(含加入的指标列;缺值总在最后)",
        "sort by the next column (the added indicators too; missing values always last)",
    ),
    (
        Action::TableAddColumn,
        "把当前指标加为一列,再按 Tab 换主指标以并排比较",
        "add the current indicator as a column, then Tab to another to compare side by side",
    ),
    (Action::TableRemoveColumn, "去掉最后加入的指标列", "remove the indicator column added last"),
    (Action::SortReverse, "倒序", "reverse the order"),
    (Action::Search, "按名称、拼音或代码筛选", "filter by name, pinyin or code"),
    (Action::GroupFilter, "只看一组(山区26县等)", "only one group (the 26 mountain counties, ...)"),
    (Action::ParentFilter, "只看一个上级市", "only one parent city"),
    (Action::TableLevel, "换一层级(县级、市级)", "another level (counties, cities)"),
    (Action::ColumnsLeft, "左右滚动各列", "scroll the columns"),
    (Action::ColumnsRight, "左右滚动各列", "scroll the columns"),
    (Action::DrillDown, "前往所选地区", "go to the highlighted region"),
    (
        Action::Export,
        "导出所列的行与列(CSV、Markdown 和 Excel)",
        "export the rows and columns shown (CSV, Markdown and Excel)",
    ),
    (Action::Details, "所选地区的详情", "everything about the highlighted region"),
];

actions! {
    Quit "quit" Normal ["q", "ctrl-c"] "退出" "quit" Label(15, "quit");
    Suspend "suspend" Normal ["ctrl-z"] "挂起(回到 shell;fg 继续)" "suspend (back to the shell; fg resumes)" Footer::None;
    Help "help" Normal ["?", "f1"] "显示或关闭本帮助" "show or hide this help" Label(14, "help");
    MoveUp "move_up" Normal ["up", "k"] "选择上移" "move the selection up" Pair(1, "move");
    MoveDown "move_down" Normal ["down", "j"] "选择下移" "move the selection down" Footer::None;
    PageUp "page_up" Normal ["pageup", "ctrl-u"] "上翻一页" "move up a page" Footer::None;
    PageDown "page_down" Normal ["pagedown", "ctrl-d"] "下翻一页" "move down a page" Footer::None;
    First "first" Normal ["home", "g"] "到第一行" "go to the first row" Footer::None;
    Last "last" Normal ["end", "G"] "到最后一行" "go to the last row" Footer::None;
    DrillDown "drill_down" Normal ["enter", "right", "l"] "下钻到所选地区(总览中:打开所选领域)" "drill down into the selected region (or open the selected area)" Label(2, "drill");
    GoUp "go_up" Normal ["esc", "left", "h", "backspace"] "返回上一级(或关闭领域、帮助)" "go up one level (or close the area, help)" Label(3, "up");
    FocusNext "focus_next" Normal ["tab"] "切换到下一个窗格" "focus the next pane" Label(4, "pane");
    FocusPrev "focus_prev" Normal ["shift-tab"] "切换到上一个窗格" "focus the previous pane" Footer::None;
    Overview "overview" Normal ["0"] "六大领域总览" "overview of the six areas" Footer::None;
    Area1 "area_1" Normal ["1"] "领域1:区域差距" "area 1: regional gap" Range(5, "area", Action::Area6);
    Area2 "area_2" Normal ["2"] "领域2:城乡差距" "area 2: urban-rural gap" Footer::None;
    Area3 "area_3" Normal ["3"] "领域3:收入差距" "area 3: income gap" Footer::None;
    Area4 "area_4" Normal ["4"] "领域4:公共服务" "area 4: public services" Footer::None;
    Area5 "area_5" Normal ["5"] "领域5:精神文化" "area 5: culture" Footer::None;
    Area6 "area_6" Normal ["6"] "领域6:基本单元" "area 6: basic units" Footer::None;
    PrevYear "prev_year" Normal ["["] "上一年" "previous year" Pair(6, "year");
    NextYear "next_year" Normal ["]"] "下一年" "next year" Footer::None;
    Search "search" Normal ["/"] "按中文名、拼音、英文或代码搜索地区" "search regions by name, pinyin, English or code" Label(7, "search");
    Sort "sort" Normal ["s"] "切换地区列表排序(代码、数值、差距)" "cycle the sort of the region list (name, value, gap)" Label(8, "sort");
    Export "export" Normal ["e"] "导出当前地区和年份" "export the current region and year" Label(9, "export");
    Language "language" Normal ["L"] "切换中文/英文" "switch Chinese / English names" Label(10, "中/EN");
    Details "details" Normal ["i"] "所选指标的全部信息(来源、离散度、趋势)" "everything about the selected indicator (sources, dispersion, trend)" Footer::None;
    Messages "messages" Normal ["!"] "最近的消息(导出路径等)" "recent messages (export paths, ...)" Footer::None;
    Map "map" Normal ["m"] "以地图代替条形图,或切回" "show the map instead of the bar chart, or back" Label(8, "map");
    MapScope "map_scope" Normal ["M"] "地图与收敛:所列地区或全部县级" "map and convergence: the listed regions, or all counties" Footer::None;
    Table "table" Normal ["c"] "同一级全部地区一览表(可排序、筛选;Esc 返回)" "every region of one level in a table (sort, filter; Esc returns)" Label(11, "table");
    TableLevel "table_level" Normal ["u"] "一览表:换一级(县级、市级…)" "table: another level (counties, cities, ...)" Footer::None;
    TableAddColumn "table_add_column" Normal ["+"] "一览表:把当前指标加为一列(最多4列)" "table: add the current indicator as a column (up to 4)" Footer::None;
    TableRemoveColumn "table_remove_column" Normal ["-"] "一览表:去掉最后加入的指标列" "table: remove the indicator column added last" Footer::None;
    SortReverse "sort_reverse" Normal ["S"] "一览表:倒序" "table: reverse the order" Footer::None;
    ColumnsLeft "columns_left" Normal ["<"] "一览表:列向左滚动" "table: scroll the columns left" Footer::None;
    ColumnsRight "columns_right" Normal [">"] "一览表:列向右滚动" "table: scroll the columns right" Footer::None;
    GroupFilter "group_filter" Normal ["f"] "只看一组地区(山区26县…),再按换组或取消" "show one group only (mountain counties, ...); again for the next or none" Footer::None;
    ParentFilter "parent_filter" Normal ["F"] "一览表:只看一个上级地区的下级,再按换一个或取消" "table: only one parent's regions; again for the next or none" Footer::None;
    TimeChart "time_chart" Normal ["t"] "历年折线图和逐年数值,或切回条形图" "the years as a line chart with the values by year, or back to the bars" Label(12, "years");
    Pin "pin" Normal ["p"] "在折线图中加入或移除所选地区(最多6个)" "pin or unpin the selected region on the line chart (up to 6)" Footer::None;
    IndexView "index_view" Normal ["x"] "折线图:数值或指数(共同首年=100,序列断点处重设)" "line chart: values, or an index (100 in the first common year, reset at series breaks)" Footer::None;
    Convergence "convergence" Normal ["v"] "差距是否在缩小:σ收敛与β收敛,或切回条形图" "is the gap closing: sigma and beta convergence, or back to the bars" Label(13, "gap");
    OfficialOnly "official_only" Normal ["o"] "只看官方来源(隐藏仅有转载来源的数值),或恢复全部" "official sources only (hide values only a repost gives), or all again" Footer::None;
    TrendWindow "trend_window" Normal ["w"] "趋势窗口:最近3、5、10年轮换" "trend window: the last 3, 5 or 10 years, in turn" Footer::None;
    GroupPanel "group_panel" Normal ["r"] "各组与其余地区对比(山区26县…),或切回条形图" "each group against the rest (mountain counties, ...), or back to the bars" Footer::None;
    SearchGo "search_go" Search ["enter"] "搜索:前往所选结果" "search: go to the selected result" Footer::None;
    SearchCancel "search_cancel" Search ["esc"] "搜索:取消" "search: cancel" Footer::None;
    SearchPrev "search_prev" Search ["up"] "搜索:上一个结果" "search: previous result" Footer::None;
    SearchNext "search_next" Search ["down", "tab"] "搜索:下一个结果" "search: next result" Footer::None;
    SearchDelete "search_delete" Search ["backspace"] "搜索:删除一个字符" "search: delete a character" Footer::None;
}

impl Action {
    pub fn spec(self) -> &'static ActionSpec {
        // The table has a row per variant, in variant order (a unit test checks it).
        &SPECS[self as usize]
    }

    /// The name used in `config.toml`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn from_name(name: &str) -> Option<Action> {
        SPECS.iter().find(|s| s.name == name).map(|s| s.action)
    }

    /// Every action, in table order.
    pub fn all() -> impl Iterator<Item = Action> {
        SPECS.iter().map(|s| s.action)
    }

    /// The area an `AreaN` action opens (1–6).
    pub fn area_number(self) -> Option<usize> {
        const AREAS: [Action; 6] =
            [Action::Area1, Action::Area2, Action::Area3, Action::Area4, Action::Area5, Action::Area6];
        AREAS.iter().position(|a| *a == self).map(|p| p + 1)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_row_per_action_in_order_with_unique_names() {
        for (i, s) in SPECS.iter().enumerate() {
            assert_eq!(s.action as usize, i, "{}", s.name);
            assert_eq!(Action::from_name(s.name), Some(s.action));
            assert!(!s.keys.is_empty(), "{} has default keys", s.name);
        }
        assert_eq!(Action::Area3.area_number(), Some(3));
        assert_eq!(Action::Quit.area_number(), None);
    }
}
