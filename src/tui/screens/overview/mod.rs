//! 概览: what needs staff now — open windows and what closes next, exams coming up, sites
//! awaiting approval.

mod draw;

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use chrono::Duration;

use crate::domain::session::MINIMUM;
use crate::domain::{Plan, SiteState, WindowState, time};
use crate::i18n::{common, people, tui as msg};
use crate::store::{ReadyItem, Result, Store};
use crate::tui::widgets::table::{fit, pad};
use crate::tui::keymap::Scope;
use crate::tui::screen::{Env, Screen, Ui};

/// How many pending sites the overview names.
const PENDING_SHOWN: usize = 5;
/// How many coming exams the overview lists.
const EXAMS_SHOWN: usize = 5;
/// How many sessions of each kind the overview names.
const SESSIONS_SHOWN: usize = 2;

#[derive(Debug, Clone, Default)]
pub struct OverviewState {
    /// Plans whose window is open, closing soonest first.
    pub open: Vec<(Plan, WindowState)>,
    /// The next window to open, if none is open.
    pub next_opening: Option<(Plan, WindowState)>,
    /// Exams not started yet, soonest first, with whole days until.
    pub exams: Vec<(Plan, i64)>,
    /// Submissions waiting for a triage decision.
    pub triage_count: usize,
    pub pending_count: usize,
    pub pending_first: Vec<String>,
    /// Confirmed sessions whose exam is within 7 days with the checklist incomplete, soonest
    /// first: (school, plan code, whole days until, items done); the first few of
    /// `unready_count`.
    pub unready: Vec<(String, String, i64, usize)>,
    pub unready_count: usize,
    /// Open sessions under the minimum, largest shortfall first: (school, plan code, short
    /// by); the first few of `short_count`.
    pub short: Vec<(String, String, usize)>,
    pub short_count: usize,
    /// How many schools are loaded: none means a first run.
    pub schools: usize,
    /// The inbox folder, named in the first steps (set by the console, not loaded).
    pub inbox: String,
}

/// How far ahead the overview looks for sessions not ready.
const READY_AHEAD_DAYS: i64 = 7;

impl OverviewState {
    pub fn refresh(&mut self, store: &Store, at: DateTime<FixedOffset>) -> Result<()> {
        let plans = store.plans()?;
        let mut open: Vec<(Plan, WindowState)> = plans
            .iter()
            .map(|p| (p.clone(), p.window_at(at)))
            .filter(|(_, w)| matches!(w, WindowState::Open { .. }))
            .collect();
        open.sort_by_key(|(p, _)| p.window_end());
        self.next_opening = plans
            .iter()
            .filter(|p| p.window_start() > at)
            .min_by_key(|p| p.window_start())
            .map(|p| (p.clone(), p.window_at(at)));
        self.open = open;
        let mut exams: Vec<(Plan, i64)> = plans
            .into_iter()
            .filter(|p| p.exam_start > at)
            .map(|p| {
                let days = (p.exam_start.date_naive() - at.date_naive()).num_days();
                (p, days)
            })
            .collect();
        exams.sort_by_key(|(p, _)| p.exam_start);
        exams.truncate(EXAMS_SHOWN);
        self.exams = exams;
        self.triage_count = store.submissions_needing_decision()?;
        self.schools = store.school_count()?;
        let pending = store.sites(Some(SiteState::Pending), "")?;
        self.pending_count = pending.len();
        self.pending_first = pending
            .into_iter()
            .take(PENDING_SHOWN)
            .map(|s| format!("{}（{}）", s.school.info.name, s.school.info.province))
            .collect();
        self.sessions(store, at)
    }

    /// A first run: no schools loaded, or no registration window open or ahead (the plans
    /// shipped are an old batch). The windows box then says what to do first.
    pub fn first_run(&self) -> bool {
        self.schools == 0 || (self.open.is_empty() && self.next_opening.is_none())
    }

    fn sessions(&mut self, store: &Store, at: DateTime<FixedOffset>) -> Result<()> {
        // Only sessions whose exam is still ahead, in exam order; the store counts them from
        // the kept head counts and names the first few, never reading every session.
        let mut ahead: Vec<Plan> = store
            .plans()?
            .into_iter()
            .filter(|p| p.exam_start > at)
            .collect();
        ahead.sort_by_key(|p| (p.exam_start, p.level));
        // The checklist belongs to confirmed sessions; open ones are listed as short below.
        let soon: Vec<i64> = ahead
            .iter()
            .filter(|p| p.exam_start - at <= Duration::days(READY_AHEAD_DAYS))
            .map(|p| p.id)
            .collect();
        let ids: Vec<i64> = ahead.iter().map(|p| p.id).collect();
        let a = store.session_alerts(
            &ids,
            &soon,
            MINIMUM,
            ReadyItem::ALL.len(),
            SESSIONS_SHOWN,
        )?;
        let plan = |id: i64| ahead.iter().find(|p| p.id == id);
        self.unready = a
            .unready
            .iter()
            .filter_map(|h| {
                let p = plan(h.plan_id)?;
                let days = (p.exam_start.date_naive() - at.date_naive()).num_days();
                Some((h.school.clone(), p.code(), days, h.ready))
            })
            .collect();
        self.unready_count = a.unready_count;
        // Largest shortfall first, ties in exam order.
        self.short = a
            .short
            .iter()
            .filter_map(|h| Some((h.school.clone(), plan(h.plan_id)?.code(), h.count.short_by())))
            .collect();
        self.short_count = a.short_count;
        Ok(())
    }
}

impl OverviewState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::tui::TAB_OVERVIEW;
    pub const KEYS: &'static [Scope] = &[Scope::Global];
    pub const HELP_ALSO: &'static [Scope] = &[];
}

impl Screen for OverviewState {
    fn refresh(&mut self, env: &Env) -> Result<()> {
        OverviewState::refresh(self, env.store, env.at)
    }

    fn draw(&self, f: &mut Frame, area: Rect, ui: &Ui) {
        draw::draw(self, f, area, ui)
    }
}
