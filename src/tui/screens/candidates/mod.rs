//! 考生: every candidate across submissions, newest first, searched as staff type. Only the
//! visible window is fetched (with a count), so 200k candidates cost what 20 do. ID and phone
//! numbers are masked; a reveal (audited) shows the selected row until the selection moves.

mod draw;

use ratatui::Frame;

use crate::i18n::photos;
use crate::store::PhotoStatus;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use crate::domain::privacy::{mask_id, mask_phone};
use crate::i18n::{Lang, common, people as msg};
use crate::store::{CandidateHistory, CandidateRow, Result, Store};
use crate::tui::app::Detail;
use crate::tui::widgets::table::{Cursor, Move, draw_list, fit};
use crate::tui::keymap::Scope;
use crate::tui::action::Action;
use crate::tui::screen::{Env, Opened, Reply, Screen, Ui};
use crate::tui::widgets::table::Move as CursorMove;

#[derive(Debug, Clone, Default)]
pub struct CandidatesState {
    /// The visible window only.
    pub rows: Vec<CandidateRow>,
    /// How many candidates match (capped when searching; see `more`).
    pub total: usize,
    /// More match than `total`: the count stopped at the cap.
    pub more: bool,
    /// Index of the first row of the window among all matches.
    pub offset: usize,
    /// Selection over all `total` matches.
    pub cursor: Cursor,
    /// Rows per window: the visible height of the table.
    pub page: usize,
    pub filter: String,
    /// The selected candidate unmasked, after an audited reveal; dropped when the selection
    /// moves or the list changes.
    pub revealed: Option<CandidateRow>,
}

impl CandidatesState {
    /// Counts the matches, keeps the selection in the window, and fetches that window.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let page = self.page.max(1);
        // The count comes with the window; place the window first with the old count, then
        // again if the new count moved the selection.
        for _ in 0..2 {
            self.offset = self.cursor.window_from(self.offset, page);
            let w = store.candidate_window(&self.filter, page, self.offset)?;
            self.total = w.total;
            self.more = w.more;
            self.rows = w.rows;
            self.cursor.set_len(self.total);
            if self.offset <= self.cursor.selected || self.total == 0 {
                break;
            }
            self.offset = self.cursor.selected;
        }
        let keep = self
            .revealed
            .as_ref()
            .is_some_and(|r| self.selected().is_some_and(|s| s.id == r.id));
        if !keep {
            self.revealed = None;
        }
        Ok(())
    }

    /// Moves the selection, re-masking; refetches only when it leaves the window.
    pub fn move_cursor(&mut self, store: &Store, m: Move) -> Result<()> {
        self.cursor.apply(m);
        self.revealed = None;
        if !self.cursor.shown_in(self.offset, self.page) {
            self.refresh(store)?;
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&CandidateRow> {
        self.rows
            .get(self.cursor.selected.checked_sub(self.offset)?)
    }

    /// A row's ID and phone as shown: in full only for the revealed candidate.
    pub fn numbers(&self, r: &CandidateRow) -> (String, String) {
        match &self.revealed {
            Some(v) if v.id == r.id => (v.id_number.clone(), v.phone.clone()),
            _ => (mask_id(&r.id_number), mask_phone(&r.phone)),
        }
    }
}

/// The detail popup of a candidate: where they registered, their session and admission number,
/// their earlier results and other registrations.
pub fn detail(
    l: Lang,
    s: &CandidatesState,
    r: &CandidateRow,
    history: &CandidateHistory,
    admission: Option<String>,
    photo: Option<&PhotoStatus>,
) -> Detail {
    let (id, phone) = s.numbers(r);
    let yes_no = |b: bool| l.t(if b { &msg::YES } else { &msg::NO }).to_string();
    let this = history
        .registrations
        .iter()
        .find(|g| g.candidate_id == r.id);
    let session = this
        .and_then(|g| g.session.as_ref())
        .map(|p| format!("{} {}", p.plan_code, p.school))
        .unwrap_or_else(|| l.t(&msg::NONE).to_string());
    let results = if history.results.is_empty() {
        vec![l.t(&msg::NO_RESULTS).to_string()]
    } else {
        history
            .results
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.exam_date,
                    l.t(common::level(e.level)),
                    outcome(l, e.outcome)
                )
            })
            .collect()
    };
    let registrations = history
        .registrations
        .iter()
        .map(|g| {
            let mut line = format!(
                "{} {} · {}",
                g.plan_code,
                g.school,
                l.t(common::submission_state(g.submission_state))
            );
            if g.retake {
                line.push_str(&format!(" · {}", l.t(&msg::F_RETAKE)));
            }
            if let Some(n) = &g.admission_number {
                line.push_str(&format!(" · {n}"));
            }
            line
        })
        .collect();
    Detail {
        title: r.name.clone(),
        fields: vec![
            (&msg::COL_ID, id),
            (&msg::COL_PHONE, phone),
            (&msg::COL_SCHOOL, r.school.clone()),
            (&msg::COL_PLAN, r.plan_code.clone()),
            (
                &msg::F_SUBMISSION,
                l.fill(
                    &msg::F_SUBMISSION_ROW,
                    &[
                        ("id", &r.submission_id),
                        ("row", &r.row),
                        ("state", &l.t(common::submission_state(r.submission_state))),
                    ],
                ),
            ),
            (&msg::F_SESSION, session),
            (
                &msg::F_ADMISSION,
                admission.unwrap_or_else(|| l.t(&msg::NONE).to_string()),
            ),
            (&msg::F_RETAKE, yes_no(r.retake)),
            (&photos::COL_PHOTO, photo_text(l, photo)),
        ],
        sections: vec![
            (&msg::RESULTS, results),
            (&msg::REGISTRATIONS, registrations),
        ],
        history: Vec::new(),
    }
}

/// The last photo check's verdict with its reasons, or that none was checked yet.
fn photo_text(l: Lang, photo: Option<&PhotoStatus>) -> String {
    let Some(p) = photo else {
        return l.t(&photos::NOT_CHECKED).to_string();
    };
    let mut text = l.t(photos::state(p.state)).to_string();
    if let Some([r, g, b]) = p.colour {
        text.push_str(&format!(" · #{r:02X}{g:02X}{b:02X}"));
    }
    for (_, says) in &p.problems {
        text.push_str(&format!(" · {}", crate::i18n::problems::says(says, l)));
    }
    text
}

fn outcome(l: Lang, o: crate::domain::result::Outcome) -> &'static str {
    match l {
        Lang::Zh => o.zh(),
        Lang::En => o.key(),
    }
}

const NAME_W: u16 = 8;
const ID_W: u16 = 18;
const PHONE_W: u16 = 11;
const PLAN_W: u16 = 13;
/// The file's state: 已接受, 已驳回, 退回修改, … (8 columns holds every one in Chinese).
const STATE_W: u16 = 8;
/// The narrowest school column worth keeping the phone column for.
const SCHOOL_MIN_W: u16 = 10;

impl CandidatesState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::people::TAB_CANDIDATES;
    pub const KEYS: &'static [Scope] = &[Scope::Candidates, Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[];
}

impl CandidatesState {
    /// `y` after `v`: the revealed ID number onto the clipboard, audited as a reveal. Only a
    /// revealed row: copying must never be a way round looking.
    fn copy_id(&mut self, env: &mut Env) -> Reply {
        let l = env.lang;
        let Some(id) = self
            .selected()
            .map(|r| r.id)
            .filter(|id| self.revealed.as_ref().is_some_and(|v| v.id == *id))
        else {
            return Reply::Fail(l.t(&crate::i18n::desktop::COPY_ID_NEEDS_REVEAL).into());
        };
        match env.store.copy_candidate_id(env.actor, id) {
            Ok(row) => Reply::Copy {
                title: l.fill(&crate::i18n::desktop::COPIED_ID, &[("name", &row.name)]),
                text: row.id_number.clone(),
            },
            Err(e) => Reply::Fail(crate::i18n::errors::store_error(&e, env.lang)),
        }
    }
}

impl Screen for CandidatesState {
    fn handle(&mut self, action: &Action, env: &mut Env) -> Reply {
        if *action == Action::Copy {
            return self.copy_id(env);
        }
        if *action != Action::Reveal {
            return Reply::Ignored;
        }
        // Shows the selected candidate unmasked; the store records who looked.
        let Some(id) = self.selected().map(|r| r.id) else {
            return Reply::Done;
        };
        match env.store.reveal_candidate(env.actor, id) {
            Ok(row) => {
                let text = env
                    .lang
                    .fill(&crate::i18n::people::REVEALED, &[("name", &row.name)]);
                self.revealed = Some(row);
                Reply::Audited(text)
            }
            Err(e) => Reply::Fail(crate::i18n::errors::store_error(&e, env.lang)),
        }
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        CandidatesState::refresh(self, env.store)
    }

    fn narrow(&mut self, env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.offset = 0;
        self.refresh(env.store)
    }

    fn move_cursor(&mut self, m: CursorMove, env: &Env) -> Result<()> {
        CandidatesState::move_cursor(self, env.store, m)
    }

    fn resize(&mut self, page: usize) -> bool {
        self.page = page;
        true
    }

    fn leave(&mut self) {
        // Full numbers are shown only while staff look at them.
        self.revealed = None;
    }

    fn detail(&self, env: &Env) -> Result<Opened> {
        let Some(r) = self.selected().cloned() else {
            return Ok(None);
        };
        let h = env.store.candidate_history(&r.id_number)?;
        let n = env.store.admission_number(r.id)?;
        let photo = env.store.photo_status(r.id)?;
        Ok(Some((
            detail(env.lang, self, &r, &h, n, photo.as_ref()),
            Some(("candidate", r.id)),
        )))
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
