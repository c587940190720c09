//! 场次: per plan, each site's accepted candidates and retakes drawn against the 20 line.
//! Under-minimum open sessions are red and say "short by N" in words, so they read without
//! colour too. Sort by plan or by shortfall; filter by plan, school, province or state.

mod draw;

pub mod update;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use chrono::{DateTime, FixedOffset};

use crate::domain::Plan;
use crate::domain::session::{MINIMUM, SessionState};
use crate::i18n::{Lang, common, people as msg, sessions as smsg};
use std::collections::HashMap;

use crate::store::{ReadyItem, Result, SessionKey, SessionRow, SessionSort, SessionWord, Store};
use crate::tui::app::Detail;
use crate::tui::theme::Theme;
use crate::tui::widgets::table::{Cursor, draw_list, fit};
use crate::tui::keymap::Scope;
use crate::tui::action::Action;
use crate::tui::screen::{Env, Opened, Reply, Screen, Ui};

#[derive(Debug, Clone, Default)]
pub struct SessionsState {
    /// The sessions the filter lets through, in the chosen order: keys only.
    keys: Vec<SessionKey>,
    /// The visible window's sessions.
    pub shown: Vec<SessionRow>,
    /// Whether any session exists at all (the filter may hide them all).
    pub any: bool,
    /// Index of the window's first row among the keys.
    pub offset: usize,
    /// Rows per window: the visible height of the table.
    pub page: usize,
    /// Selection over all the keys.
    pub cursor: Cursor,
    pub filter: String,
    pub sort: SessionSort,
    /// Candidates in two overlapping plans, per session (few, usually none): read on load.
    overlaps: HashMap<(i64, i64), usize>,
    lang: Lang,
}

impl SessionsState {
    /// Sessions the filter lets through.
    pub fn total(&self) -> usize {
        self.keys.len()
    }

    pub fn refresh(&mut self, store: &Store, lang: Lang) -> Result<()> {
        self.lang = lang;
        let key = self.selected().map(SessionRow::key);
        self.overlaps.clear();
        for o in store.slot_overlaps(None)? {
            *self.overlaps.entry(o.first).or_default() += 1;
            *self.overlaps.entry(o.second).or_default() += 1;
        }
        self.any = store.any_session()?;
        self.keys = store.session_keys(&self.words(store)?, self.sort)?;
        // The selection follows its session when the order or counts change.
        if let Some(i) = key.and_then(|k| self.keys.iter().position(|x| *x == k)) {
            self.cursor.selected = i;
        }
        self.fetch(store)
    }

    /// The filter's words as the store matches them: a word names the plans whose code or
    /// level (in the console's language) holds it and the states whose name (either language,
    /// or its key) holds it, and is looked for in the school's name and province.
    fn words(&self, store: &Store) -> Result<Vec<SessionWord>> {
        let plans = store.plans()?;
        Ok(self
            .filter
            .split_whitespace()
            .map(|w| {
                let w = w.to_lowercase();
                let holds = |s: &str| s.to_lowercase().contains(&w);
                SessionWord {
                    plans: plans
                        .iter()
                        .filter(|p| holds(&p.code()) || holds(self.lang.t(common::level(p.level))))
                        .map(|p| p.id)
                        .collect(),
                    states: SessionState::ALL
                        .into_iter()
                        .filter(|st| {
                            let m = smsg::state(*st);
                            holds(m.zh) || holds(m.en) || holds(st.key())
                        })
                        .collect(),
                    text: Some(w.clone()),
                }
            })
            .collect())
    }

    /// Keeps the selection in the window and reads the window's sessions.
    fn fetch(&mut self, store: &Store) -> Result<()> {
        self.cursor.set_len(self.keys.len());
        let page = self.page.max(1);
        self.offset = self.cursor.window_from(self.offset, page);
        self.offset = self.offset.min(self.keys.len().saturating_sub(page));
        let end = (self.offset + page).min(self.keys.len());
        self.shown = store.session_rows(&self.keys[self.offset..end])?;
        for s in &mut self.shown {
            s.overlaps = self
                .overlaps
                .get(&(s.plan_id, s.school_id))
                .copied()
                .unwrap_or(0);
        }
        Ok(())
    }

    /// Moves the selection; reads only when it leaves the window.
    pub fn move_cursor(&mut self, store: &Store, m: crate::tui::widgets::table::Move) -> Result<()> {
        self.cursor.apply(m);
        if !self.cursor.shown_in(self.offset, self.page) {
            self.fetch(store)?;
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&SessionRow> {
        self.shown.get(self.cursor.selected.checked_sub(self.offset)?)
    }

    pub fn toggle_sort(&mut self) {
        self.sort = match self.sort {
            SessionSort::Plan => SessionSort::Shortfall,
            SessionSort::Shortfall => SessionSort::Plan,
        };
        self.cursor.selected = 0;
        self.offset = 0;
    }
}

/// What a session row needs for store calls.
pub trait Keyed {
    fn key(&self) -> SessionKey;
    /// `20211211-初级 浙江商业职业技术学院`: how messages name the session.
    fn label(&self) -> String;
}

impl Keyed for SessionRow {
    fn key(&self) -> SessionKey {
        SessionKey {
            plan_id: self.plan_id,
            school_id: self.school_id,
        }
    }

    fn label(&self) -> String {
        format!("{} {}", self.plan_code, self.school)
    }
}

/// Where a session's candidates can move, all of the same level with the exam still ahead:
/// first the same site in another plan, then the other sites' sessions (a site short of 20
/// joins a nearby one). Named as messages name sessions.
pub fn move_targets(
    plans: &[Plan],
    sessions: &[SessionRow],
    from: &SessionRow,
    at: DateTime<FixedOffset>,
) -> Vec<(SessionKey, String)> {
    let ahead = |id: i64| {
        plans
            .iter()
            .find(|p| p.id == id)
            .filter(|p| p.level == from.level && p.exam_start > at)
    };
    let same_site = plans
        .iter()
        .filter(|p| p.id != from.plan_id && ahead(p.id).is_some())
        .map(|p| {
            let k = SessionKey {
                plan_id: p.id,
                school_id: from.school_id,
            };
            (k, format!("{} {}", p.code(), from.school))
        });
    let other_sites = sessions
        .iter()
        .filter(|s| {
            s.school_id != from.school_id
                && s.state != SessionState::Cancelled
                && ahead(s.plan_id).is_some()
        })
        .map(|s| (s.key(), s.label()));
    same_site.chain(other_sites).collect()
}

/// Whether a checklist item is done in a session.
pub fn is_done(s: &SessionRow, item: ReadyItem) -> bool {
    s.ready.iter().any(|m| m.item == item)
}

/// 10 cells for 0–20 (two candidates a cell), the 20 line, and two cells past it (`+` beyond).
pub fn gauge(n: usize) -> String {
    let mut out = String::new();
    for i in 0..MINIMUM / 2 {
        let left = n.saturating_sub(i * 2);
        out.push(match left {
            0 => '·',
            1 => '▌',
            _ => '█',
        });
    }
    out.push('│');
    let over = n.saturating_sub(MINIMUM);
    out.push(match over {
        0 => ' ',
        1 => '▌',
        _ => '█',
    });
    out.push(match over {
        0..=2 => ' ',
        3 => '▌',
        4 => '█',
        _ => '+',
    });
    out
}

fn row_style(th: &Theme, s: &SessionRow) -> Style {
    match s.state {
        SessionState::Cancelled => th.dim(),
        SessionState::Confirmed => th.ok(),
        SessionState::Open if s.open_under_minimum() => th.error(),
        SessionState::Open => Style::new(),
    }
}

/// The last column: the shortfall in words for an open session under 20, else the checklist.
pub fn note(l: Lang, s: &SessionRow) -> String {
    if s.open_under_minimum() {
        l.fill(&smsg::SHORT_BY, &[("n", &s.count.short_by())])
    } else if s.state == SessionState::Cancelled {
        l.t(&msg::NONE).to_string()
    } else {
        l.fill(&msg::READY_COUNT, &[("n", &s.ready.len())])
    }
}

/// The detail popup of a session: head count, state, checklist and overlaps.
pub fn detail(l: Lang, s: &SessionRow) -> Detail {
    let checklist = ReadyItem::ALL
        .into_iter()
        .map(|item| {
            let name = l.t(smsg::ready_item(item));
            match s.ready.iter().find(|m| m.item == item) {
                Some(m) => l.fill(
                    &msg::READY_DONE_BY,
                    &[
                        ("item", &name),
                        ("by", &m.by),
                        ("at", &crate::tui::widgets::format::when(&m.at)),
                    ],
                ),
                None => l.fill(&msg::READY_NOT_DONE, &[("item", &name)]),
            }
        })
        .collect();
    let mut fields = vec![
        (&msg::COL_SITE, format!("{}（{}）", s.school, s.province)),
        (
            &msg::F_COUNT,
            l.fill(
                &msg::COUNT_DETAIL,
                &[("n", &s.count.accepted), ("r", &s.count.retakes)],
            ),
        ),
        (&msg::F_STATE, l.t(smsg::state(s.state)).to_string()),
        (&msg::F_SHORT, s.count.short_by().to_string()),
        (&msg::F_OVERLAPS, s.overlaps.to_string()),
    ];
    if let (Some(by), Some(at)) = (&s.confirmed_by, &s.confirmed_at) {
        fields.push((
            &msg::F_CONFIRMED,
            format!("{by} {}", crate::tui::widgets::format::when(at)),
        ));
    }
    if let Some(r) = &s.cancel_reason {
        fields.push((&msg::F_CANCEL_REASON, r.clone()));
    }
    Detail {
        title: s.label(),
        fields,
        sections: vec![(&msg::READINESS, checklist)],
        history: Vec::new(),
    }
}

const PLAN_W: u16 = 13;
const GAUGE_W: u16 = 13;
const COUNT_W: u16 = 9;
const STATE_W: u16 = 6;
const NOTE_W: u16 = 11;

impl SessionsState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::people::TAB_SESSIONS;
    pub const KEYS: &'static [Scope] = &[Scope::Sessions, Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[Scope::Pick];
}

impl Screen for SessionsState {
    fn load_at_start(&self) -> bool {
        // Looking for slot overlaps is slow on a national sitting: loaded when first shown.
        false
    }

    fn handle(&mut self, action: &Action, env: &mut Env) -> Reply {
        match action {
            Action::ToggleSort => {
                self.toggle_sort();
                match self.refresh(env.store, env.lang) {
                    Ok(()) => Reply::Done,
                    Err(e) => Reply::Fail(crate::i18n::errors::store_error(&e, env.lang)),
                }
            }
            Action::ConfirmSession
            | Action::CancelSession
            | Action::MoveSession
            | Action::Ready(_) => update::ask(self, action, env),
            _ => Reply::Ignored,
        }
    }

    fn move_cursor(&mut self, m: crate::tui::widgets::table::Move, env: &Env) -> Result<()> {
        SessionsState::move_cursor(self, env.store, m)
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        SessionsState::refresh(self, env.store, env.lang)
    }

    fn narrow(&mut self, env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.offset = 0;
        self.keys = env.store.session_keys(&self.words(env.store)?, self.sort)?;
        self.fetch(env.store)
    }

    fn resize(&mut self, page: usize) -> bool {
        self.page = page;
        true
    }

    fn detail(&self, env: &Env) -> Result<Opened> {
        // A session's audit rows are kept under its school; its label names the plan.
        Ok(self
            .selected()
            .map(|s| (detail(env.lang, s), Some(("session", s.school_id)))))
    }

    fn keep_history(&self, detail: &Detail, history: &mut Vec<crate::store::AuditEntry>) {
        // The school's other sessions share its id: keep this session's rows.
        let plan = detail
            .title
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        history.retain(|e| e.label.starts_with(&plan));
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn filter_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.filter)
    }

    fn draw(&self, f: &mut Frame, area: Rect, ui: &Ui) {
        draw::draw(self, f, area, ui)
    }
}

#[cfg(test)]
mod tests {
    use super::gauge;

    #[test]
    fn the_gauge_shows_the_20_line() {
        assert_eq!(gauge(0), "··········│  ");
        assert_eq!(gauge(19), "█████████▌│  ");
        assert_eq!(gauge(20), "██████████│  ");
        assert_eq!(gauge(21), "██████████│▌ ");
        assert_eq!(gauge(23), "██████████│█▌");
        assert_eq!(gauge(24), "██████████│██");
        assert_eq!(gauge(40), "██████████│█+");
    }
}
