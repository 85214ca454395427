//! The analyst panes' words: trends, the time chart, convergence, groups against the rest.

use super::lang::{Lang, BREAK_MARK};
use crate::metrics::trend::Trend;
use crate::model::group::Group;
use crate::model::indicator::Direction;
use crate::number::plain;

impl Lang {
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

    /// Under the convergence charts: a break inside the years compared, in how many regions.
    pub fn convergence_break(self, year: i32, regions: usize, reason_zh: &str, reason_en: &str) -> String {
        self.pick(
            format!("{BREAK_MARK} {year}年起口径变化({regions} 个地区),σ跨此年的比较不可比,β不跨此年:{reason_zh}"),
            format!("{BREAK_MARK} a new basis from {year} ({regions} regions): σ across that year compares unlike figures, β stops before it: {reason_en}"),
        )
    }
}
