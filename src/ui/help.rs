//! The help: every key from the live key map (with what it does, from the action table), what
//! statuses and arrows mean, and where the data comes from. Shown in a [`super::popup`].

use ratatui::text::{Line, Span};

use super::text::pad;
use super::theme::Theme;
use crate::app::action::{Mode, SPECS};
use crate::app::{Action, App};
use crate::metrics::status::DEFAULT_RED_DISTANCE;
use crate::metrics::{Status, TrendKind};
use crate::model::snapshot::SourceKind;
use crate::strings::Lang;

pub struct Help<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Help<'_> {
    /// The help's title and lines.
    pub fn content(&self) -> (String, Vec<Line<'static>>) {
        let app = self.app;
        let lang = app.lang();
        let w = lang.words();
        let km = app.keymap();
        let scroll_keys = format!(
            "{}{} {} {}",
            km.first(Action::MoveUp),
            km.first(Action::MoveDown),
            km.first(Action::PageUp),
            km.first(Action::PageDown)
        );
        let title = lang.help_title(&scroll_keys, &km.first(Action::Help), &km.first(Action::GoUp));
        let key_w = SPECS.iter().map(|s| km.label(s.action).chars().count()).max().unwrap_or(8) + 2;
        let mut lines = Vec::new();
        // In the table of a level some keys mean something else: those first, as they work here.
        if app.nav.table.is_some() {
            lines.push(Line::styled(lang.table_keys_heading(), self.theme.title()));
            for (a, zh, en) in crate::app::action::TABLE_KEYS {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {}", pad(&km.label(a), key_w)), self.theme.accent()),
                    Span::raw(lang.of(zh, en)),
                ]));
            }
            lines.push(Line::raw(""));
        }
        for (mode, heading) in [(Mode::Normal, w.keys_heading), (Mode::Search, w.search_keys_heading)] {
            if mode == Mode::Search {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(heading, self.theme.title()));
            for s in SPECS.iter().filter(|s| s.mode == mode) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {}", pad(&km.label(s.action), key_w)), self.theme.accent()),
                    Span::raw(lang.of(s.zh, s.en)),
                ]));
            }
            if mode == Mode::Normal {
                lines.push(Line::raw(w.mouse_help));
                let formats: Vec<&str> = crate::export::ExportFormat::all().map(|f| f.ext()).collect();
                lines.push(Line::raw(lang.exports_help(&formats.join(" "))));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(w.status_heading, self.theme.title()));
        for s in Status::ALL {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", s.symbol()), self.theme.status(s)),
                Span::raw(format!("{} / {}", Lang::En.status(s), Lang::Zh.status(s))),
            ]));
        }
        lines.push(Line::raw(lang.status_rule(DEFAULT_RED_DISTANCE * 100.0)));
        lines.push(Line::raw(""));
        let window = app.ds.trend_window.to_string();
        for (against, heading) in [(true, w.trend_heading), (false, w.trend_plain_heading)] {
            lines.push(Line::styled(heading.replace("{w}", &window), self.theme.title()));
            for k in TrendKind::all().filter(|k| k.against_target() == against) {
                lines.push(Line::raw(format!("  {} {} / {}", k.arrow(), Lang::En.trend(k), Lang::Zh.trend(k))));
            }
        }
        lines.push(Line::raw(w.missing_help));
        lines.push(Line::raw(w.break_help));
        lines.push(Line::raw(""));
        lines.push(Line::styled(w.data_heading, self.theme.title()));
        let ds = &app.ds;
        let count = |k: SourceKind| app.source_counts().get(&k).copied().unwrap_or(0);
        let years = (*ds.years().start(), *ds.years().end());
        let as_of = ds.meta.as_of.to_string();
        lines.push(Line::raw(lang.dataset_line(
            lang.title(&ds.meta.title, ds.meta.title_en.as_deref()),
            &ds.meta.id,
            &as_of,
            ds.n_observations(),
            years,
        )));
        lines.push(Line::raw(lang.sources_line(
            count(SourceKind::Publication),
            count(SourceKind::Government),
            count(SourceKind::StateMedia),
            count(SourceKind::Repost),
        )));
        lines.push(Line::raw(format!("  {}", ds.meta.provenance)));
        lines.push(Line::raw(format!("  {}: {}", w.map_source, crate::geo::ATTRIBUTION)));
        (title, lines)
    }
}
