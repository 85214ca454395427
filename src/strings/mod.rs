//! Every word cpdash shows, in Chinese and English, in one place (as gitui's `strings.rs`). The
//! domain hands out keys (a status, a trend kind, a unit, an area); this module turns them into
//! words. Nothing outside this module chooses between languages.

use crate::fit::{self, truncate};
use crate::metrics::trend::TrendKind;
use crate::metrics::Status;
use crate::model::group::Group;
use crate::model::indicator::{Area, Indicator};
use crate::model::region::Region;
use crate::model::{SourceKind, Unit};

mod analysis;
mod dashboard;
mod lang;
mod reports;
mod words;

pub use dashboard::Message;
pub use lang::{Lang, BREAK_MARK};
pub use reports::{BriefWords, ReportWords, SheetWords};
pub use words::Words;

impl Lang {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::trend::trend;
    use crate::model::indicator::{Direction, Indicator};

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
