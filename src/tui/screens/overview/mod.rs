//! 概览: what needs staff now — open windows and what closes next, exams coming up, sites
//! awaiting approval.

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

use crate::domain::submission::SubmissionState;
use crate::store::{ReadyItem, Result, SessionHead, Store, SubmissionFilter};
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
        self.triage_count = store
            .submissions(&SubmissionFilter {
                state: Some(SubmissionState::Pending),
                ..Default::default()
            })?
            .len();
        let pending = store.sites(Some(SiteState::Pending), "")?;
        self.pending_count = pending.len();
        self.pending_first = pending
            .into_iter()
            .take(PENDING_SHOWN)
            .map(|s| format!("{}（{}）", s.school.info.name, s.school.info.province))
            .collect();
        self.sessions(store, at)
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

pub fn draw(s: &OverviewState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    // Share the height: pending sites and exams get a few lines each, windows the rest; what
    // does not fit is counted in an "and n more" line rather than cut silently.
    let shown = s.pending_first.len().min(3);
    let more = usize::from(s.pending_count > shown);
    let session_lines = 2 + s.unready.len().min(SESSIONS_SHOWN) + s.short.len().min(SESSIONS_SHOWN);
    // Pending sites and sessions needing work sit side by side, sharing one height.
    let sites_h = ((shown + more + 2).max(session_lines) + 2) as u16;
    let exam_rows = s.exams.len().clamp(1, 4);
    let exams_h = (exam_rows + 2) as u16;
    let window_rows = usize::from(area.height.saturating_sub(sites_h + exams_h + 3)).max(1);
    let [windows, exams, sites] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(exams_h),
        Constraint::Length(sites_h),
    ])
    .areas(area);
    let w = windows.width.saturating_sub(2) as usize;

    let mut lines: Vec<Line> = Vec::new();
    if s.open.is_empty() {
        lines.push(Line::styled(l.t(&msg::NO_OPEN_WINDOW), th.dim()));
    }
    let cut = if s.open.len() > window_rows {
        window_rows - 1
    } else {
        window_rows
    };
    for (p, ws) in s.open.iter().take(cut) {
        let state = common::window_with_countdown(l, ws);
        let dates = format!("{}–{}", p.opens.format("%m-%d"), p.closes.format("%m-%d"));
        let name_w = w.saturating_sub(16 + 14 + 2 + 1);
        lines.push(Line::from(vec![
            Span::raw(pad(&p.code(), 16)),
            Span::raw(pad(&dates, 14)),
            Span::styled(fit(&state, name_w.max(12)), th.window(ws)),
        ]));
    }
    if s.open.len() > cut {
        lines.push(Line::styled(
            l.fill(&msg::AND_MORE, &[("n", &(s.open.len() - cut))]),
            th.dim(),
        ));
    }
    let next = match (s.open.first(), &s.next_opening) {
        (Some((p, ws)), _) => l.fill(
            &msg::CLOSES_NEXT,
            &[
                ("plan", &p.code()),
                ("when", &common::window_with_countdown(l, ws)),
            ],
        ),
        (None, Some((p, ws))) => l.fill(
            &msg::OPENS_NEXT,
            &[
                ("plan", &p.code()),
                ("when", &common::window_with_countdown(l, ws)),
            ],
        ),
        (None, None) => l.t(&msg::NO_WINDOW_AHEAD).to_string(),
    };
    lines.push(Line::styled(fit(&next, w), th.focus()));
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &msg::OV_WINDOWS)),
        windows,
    );

    let mut lines: Vec<Line> = Vec::new();
    if s.exams.is_empty() {
        lines.push(Line::styled(l.t(&msg::NO_EXAMS_AHEAD), th.dim()));
    }
    for (p, days) in s.exams.iter().take(exam_rows) {
        let until = if *days == 0 {
            l.t(&msg::TODAY).to_string()
        } else {
            l.fill(&msg::IN_DAYS, &[("n", days)])
        };
        let slot = format!(
            "{}–{}",
            time::short(&p.exam_start),
            p.exam_end.format("%H:%M")
        );
        lines.push(Line::from(vec![
            Span::raw(pad(&p.code(), 16)),
            Span::raw(pad(&slot, 24)),
            Span::styled(until, th.focus()),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &msg::OV_EXAMS)),
        exams,
    );

    let triage_style = if s.triage_count > 0 {
        th.focus()
    } else {
        th.dim()
    };
    let mut lines = vec![
        Line::styled(
            l.fill(&msg::TRIAGE_COUNT, &[("n", &s.triage_count)]),
            triage_style,
        ),
        Line::styled(
            l.fill(&msg::PENDING_COUNT, &[("n", &s.pending_count)]),
            th.site(SiteState::Pending),
        ),
    ];
    for name in s.pending_first.iter().take(shown) {
        let sw = (area.width * 2 / 5).saturating_sub(2) as usize;
        lines.push(Line::raw(format!(
            "  · {}",
            fit(name, sw.saturating_sub(4))
        )));
    }
    if s.pending_count > shown {
        lines.push(Line::styled(
            l.fill(&msg::AND_MORE, &[("n", &(s.pending_count - shown))]),
            th.dim(),
        ));
    }
    // Sessions get the wider half: a school's full name and a plan code fit on one line.
    let [sites, sessions] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(sites);
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &msg::OV_SITES)),
        sites,
    );
    draw_sessions(s, f, sessions, ui);
}

/// How many sessions of each kind the overview names.
const SESSIONS_SHOWN: usize = 2;

fn draw_sessions(s: &OverviewState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let w = area.width.saturating_sub(2) as usize;
    let warn = |n: usize| if n > 0 { th.error() } else { th.ok() };
    let mut lines = vec![Line::styled(
        fit(&l.fill(&people::OV_UNREADY, &[("n", &s.unready.len())]), w),
        warn(s.unready.len()),
    )];
    for (school, plan, days, done) in s.unready.iter().take(SESSIONS_SHOWN) {
        let days = if *days == 0 {
            l.t(&msg::TODAY).to_string()
        } else {
            l.fill(&people::OV_IN_DAYS, &[("n", days)])
        };
        let row = l.fill(
            &people::OV_UNREADY_ROW,
            &[
                ("days", &days),
                ("done", done),
                ("school", school),
                ("plan", plan),
            ],
        );
        lines.push(Line::raw(fit(&row, w)));
    }
    lines.push(Line::styled(
        fit(&l.fill(&people::OV_SHORT, &[("n", &s.short.len())]), w),
        warn(s.short.len()),
    ));
    for (school, plan, n) in s.short.iter().take(SESSIONS_SHOWN) {
        let row = l.fill(
            &people::OV_SHORT_ROW,
            &[("n", n), ("school", school), ("plan", plan)],
        );
        lines.push(Line::raw(fit(&row, w)));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(ui, &people::OV_SESSIONS)),
        area,
    );
}

fn block<'a>(ui: &Ui, title: &'static crate::i18n::Msg) -> Block<'a> {
    Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", ui.lang.t(title)),
        ui.theme.title(),
    ))
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
        draw(self, f, area, ui)
    }
}
