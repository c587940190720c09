//! 概览: what needs staff now — open windows and what closes next, exams coming up, sites
//! awaiting approval.

mod draw;

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use chrono::Duration;

use crate::domain::session::SessionState;
use crate::domain::{Plan, SiteState, WindowState, time};
use crate::i18n::{common, people, tui as msg};
use std::collections::HashMap;

use crate::store::{ReadyItem, Result, SessionHead, Store};
use crate::tui::widgets::table::{fit, pad};
use crate::tui::keymap::Scope;
use crate::tui::screen::{Env, Screen, Ui};

/// How many pending sites the overview names.
const PENDING_SHOWN: usize = 5;
/// How many coming exams the overview lists.
const EXAMS_SHOWN: usize = 5;

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
    /// first: (school, plan code, whole days until, items done).
    pub unready: Vec<(String, String, i64, usize)>,
    /// Open sessions under the minimum, largest shortfall first: (school, plan code, short by).
    pub short: Vec<(String, String, usize)>,
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
        let plans: HashMap<i64, Plan> = store.plans()?.into_iter().map(|p| (p.id, p)).collect();
        // Only sessions whose exam is still ahead.
        let mut all: Vec<(&Plan, SessionHead)> = store
            .session_heads()?
            .into_iter()
            .filter_map(|h| Some((plans.get(&h.plan_id).filter(|p| p.exam_start > at)?, h)))
            .collect();
        all.sort_by(|(pa, a), (pb, b)| {
            (pa.exam_start, pa.level, &a.school).cmp(&(pb.exam_start, pb.level, &b.school))
        });
        // The checklist belongs to confirmed sessions; open ones are listed as short below.
        self.unready = all
            .iter()
            .filter(|(p, h)| {
                h.state == SessionState::Confirmed
                    && h.ready < ReadyItem::ALL.len()
                    && p.exam_start - at <= Duration::days(READY_AHEAD_DAYS)
            })
            .map(|(p, h)| {
                let days = (p.exam_start.date_naive() - at.date_naive()).num_days();
                (h.school.clone(), p.code(), days, h.ready)
            })
            .collect();
        let mut short: Vec<_> = all
            .iter()
            .filter(|(_, h)| h.state == SessionState::Open && !h.count.meets_minimum())
            .map(|(p, h)| (h.school.clone(), p.code(), h.count.short_by()))
            .collect();
        // Largest shortfall first; the sort is stable, so ties stay in exam order.
        short.sort_by_key(|s| std::cmp::Reverse(s.2));
        self.short = short;
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
