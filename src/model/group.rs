//! Region groups: a tag that regions carry (`region_tags.csv`) with what the group is
//! (`region_groups.csv`): its short mark, its names, the years it applies to and its source. The
//! 26 mountainous counties of the 2021 plan are the province's own lens on the regional gap; a
//! user's files can define any other group (西部, 东北, pilot counties) the same way.

/// A group's place in the data set's list of groups ([`crate::model::RegionTree::groups`]):
/// small and `Copy`, so metric ids can name a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupIx(pub u16);

/// A group of regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The tag its members carry, e.g. `mountain26`.
    pub tag: String,
    /// A one-character mark shown beside members' names (山), in each language.
    pub mark_zh: String,
    pub mark_en: String,
    pub name_zh: String,
    pub name_en: String,
    /// The years the grouping applies to (inclusive); open ends where not given.
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub source_url: String,
}

impl Group {
    /// A group known only by its tag (a tag used without a row in the groups table): its mark is
    /// the tag's first letter.
    pub fn from_tag(tag: &str) -> Group {
        let mark: String = tag.chars().next().map(|c| c.to_ascii_uppercase()).into_iter().collect();
        Group {
            tag: tag.into(),
            mark_zh: mark.clone(),
            mark_en: mark,
            name_zh: tag.into(),
            name_en: tag.into(),
            from_year: None,
            to_year: None,
            source_url: String::new(),
        }
    }

    /// Whether the grouping applies in `year`.
    pub fn applies_in(&self, year: i32) -> bool {
        self.from_year.is_none_or(|y| year >= y) && self.to_year.is_none_or(|y| year <= y)
    }
}
