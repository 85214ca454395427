//! The help overlay: every key from the live key map, what statuses and arrows mean, and where
//! the data comes from.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::pad;
use super::wrap::wrap_lines;
use super::Theme;
use crate::app::{Action, App};
use crate::metrics::status::DEFAULT_RED_DISTANCE;
use crate::metrics::{Status, TrendKind};
use crate::model::snapshot::SourceKind;

pub struct Help<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Help<'_> {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let app = self.app;
        let en = app.english;
        let [v] = Layout::vertical([Constraint::Length(area.height.saturating_sub(2))]).flex(Flex::Center).areas(area);
        let [popup] =
            Layout::horizontal([Constraint::Length(area.width.saturating_sub(4).min(100))]).flex(Flex::Center).areas(v);
        super::clear_popup(frame, popup);
        let title = if en {
            " Help · ↑↓ PgUp PgDn scroll · ? or Esc closes "
        } else {
            " 帮助 · ↑↓ PgUp PgDn 滚动 · ? 或 Esc 关闭 "
        };
        let block = self.theme.block(title, self.theme.accent());
        let mut lines = vec![Line::styled(if en { "Keys" } else { "按键" }, self.theme.title())];
        let key_w = Action::ALL.iter().map(|a| app.keymap.label(*a).chars().count()).max().unwrap_or(8) + 2;
        for a in Action::ALL {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&app.keymap.label(a), key_w)), self.theme.accent()),
                Span::raw(a.describe()),
            ]));
        }
        lines.push(Line::raw("  (mouse: click selects a region, double-click drills down, wheel scrolls; in search, type, ↑↓ pick, ⏎ go, Esc cancel)"));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            if en { "Status against the official target" } else { "对照官方目标的状态" },
            self.theme.title(),
        ));
        for s in Status::ALL {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", s.symbol()), self.theme.status(s)),
                Span::raw(format!("{} / {}", s.label(true), s.label(false))),
            ]));
        }
        lines.push(Line::raw(format!(
            "  Green threshold = the target; red = the catalog's red threshold, else {:.0}% short of the target; the midpoint splits the two middle levels.",
            DEFAULT_RED_DISTANCE * 100.0
        )));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            if en {
                "Trend (pace over up to 5 years vs the pace the target needs)"
            } else {
                "趋势(近5年速度对照达标所需速度)"
            },
            self.theme.title(),
        ));
        for k in [
            TrendKind::OnTrack,
            TrendKind::ModeratelyImproving,
            TrendKind::Stagnating,
            TrendKind::Worsening,
            TrendKind::Improving,
            TrendKind::Flat,
            TrendKind::NoTrend,
        ] {
            lines.push(Line::raw(format!("  {} {} / {}", k.arrow(), k.label(true), k.label(false))));
        }
        lines.push(Line::raw("  — missing: no value was published for that place and year (never shown as 0)"));
        lines.push(Line::raw(""));
        lines.push(Line::styled(if en { "Data" } else { "数据" }, self.theme.title()));
        let ds = &app.ds;
        // Counted once when the help opened, not on every frame.
        let count = |k: SourceKind| app.source_counts.as_ref().and_then(|c| c.get(&k)).copied().unwrap_or(0);
        lines.push(Line::raw(format!(
            "  {} ({}), as of {}: {} observations, years {}–{}",
            ds.meta.title,
            ds.meta.id,
            ds.meta.as_of,
            ds.n_observations(),
            ds.years().start(),
            ds.years().end()
        )));
        lines.push(Line::raw(format!(
            "  sources: {} government pages, {} official media, {} reposts of official releases; each value keeps its address (shown under an area's table, and in exports)",
            count(SourceKind::Government),
            count(SourceKind::StateMedia),
            count(SourceKind::Repost)
        )));
        lines.push(Line::raw(format!("  {}", ds.meta.provenance)));
        lines.push(Line::raw(format!("  Map: {}", crate::geo::ATTRIBUTION)));
        frame.render_widget(
            Paragraph::new(wrap_lines(lines, popup.width.saturating_sub(2) as usize))
                .block(block)
                .scroll((app.help_scroll, 0)),
            popup,
        );
    }
}
