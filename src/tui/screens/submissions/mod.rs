//! 报名提交: schools' files, newest first, triaged like an inbox. The list filters by state
//! (a cycle key, or the state's name typed in the filter), plan (its code) and school (words of
//! its name); Enter opens one with its problems grouped by row and its rows, numbers masked.

mod draw;
pub use draw::draw_detail;

pub mod import_form;
pub mod imports;
pub mod returns;
pub mod update;

use ratatui::Frame;

use crate::domain::photo::PhotoState;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::privacy::{mask_id, mask_phone};
use crate::domain::problem::Problem;
use crate::domain::submission::SubmissionState;
use crate::domain::time;
use crate::i18n::{Lang, common, triage as msg, tui as tmsg};
use crate::store::{CandidateRow, Result, Store, SubmissionFilter, SubmissionSummary};
use crate::tui::widgets::format::when;
use crate::tui::widgets::modal::popup;
use crate::tui::widgets::table::{Cursor, count, draw_list, fit, pad};
use crate::tui::keymap::Scope;
use crate::tui::action::Action;
use crate::tui::screen::{Env, Reply, Screen, Ui};

/// Rows a detail loads: enough to read a real 附件1 whole; a national roll-up is read in the
/// Candidates screen, which fetches by window.
const DETAIL_ROWS: usize = 2000;

#[derive(Debug, Clone, Default)]
pub struct SubmissionsState {
    /// The visible window of what the filter lets through, newest received first.
    pub shown: Vec<SubmissionSummary>,
    /// How many submissions the filter lets through, and how many of them need a decision.
    pub total: usize,
    pub pending: usize,
    /// Index of the window's first row among all `total`.
    pub offset: usize,
    /// Rows per window: the visible height of the table.
    pub page: usize,
    /// Words: a state's name, a plan code, or words of the school or file name.
    pub filter: String,
    /// The state picked with the cycle key.
    pub state: Option<SubmissionState>,
    /// Selection over all `total` submissions.
    pub cursor: Cursor,
    /// Who else has which submission open (presence: a hint, never a lock).
    pub looking: std::collections::BTreeMap<i64, Vec<String>>,
}

impl SubmissionsState {
    /// Reloads the window, the selection staying on the submission in hand: a decision or an
    /// import must not move it off (its position is counted again, since rows may have come
    /// before it).
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let selected = self.selected().map(|s| s.id);
        let filter = store_filter(store, &self.filter, self.state);
        if let Some(id) = selected
            && let Some(i) = store.submission_position(&filter, id)?
        {
            self.cursor.selected = i;
        }
        self.fetch(store, &filter)
    }

    /// Counts the matches, keeps the selection in the window, and fetches that window.
    fn fetch(&mut self, store: &Store, filter: &SubmissionFilter) -> Result<()> {
        let page = self.page.max(1);
        // The count comes with the window; place the window with the old count, then again
        // if the new count moved the selection.
        for _ in 0..2 {
            self.offset = self.cursor.window_from(self.offset, page);
            let w = store.submission_window(filter, page, self.offset)?;
            self.total = w.total;
            self.pending = w.pending;
            self.shown = w.rows;
            self.cursor.set_len(self.total);
            if self.offset <= self.cursor.selected || self.total == 0 {
                break;
            }
            self.offset = self.cursor.selected;
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&SubmissionSummary> {
        self.shown
            .get(self.cursor.selected.checked_sub(self.offset)?)
    }

    /// Puts the selection on submission `id` when the filter lets it through.
    pub fn select(&mut self, store: &Store, id: i64) -> Result<bool> {
        let filter = store_filter(store, &self.filter, self.state);
        match store.submission_position(&filter, id)? {
            Some(i) => {
                self.cursor.selected = i;
                self.fetch(store, &filter)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Moves the selection; refetches only when it leaves the window.
    pub fn move_cursor(&mut self, store: &Store, m: crate::tui::widgets::table::Move) -> Result<()> {
        self.cursor.apply(m);
        let page = self.page.max(1);
        if !self.cursor.shown_in(self.offset, page) {
            // The list is counted already: only the window moves.
            self.offset = self.cursor.window_from(self.offset, page);
            let filter = store_filter(store, &self.filter, self.state);
            self.shown = store.submission_page(&filter, page, self.offset)?;
        }
        Ok(())
    }

    /// The next (or previous) submission needing a decision, going round the list. `from_here`
    /// starts at the selection itself (the list: the row under the cursor is the first one to
    /// take); otherwise beside it (an opened submission is the one in hand). One nobody else
    /// has open comes first; else one someone has open (presence never blocks). The store
    /// finds it, so it may lie beyond the window.
    pub fn pending_from(
        &self,
        store: &Store,
        forward: bool,
        from_here: bool,
    ) -> Result<Option<i64>> {
        let Some(from) = self.selected().map(|s| s.id) else {
            return Ok(None);
        };
        let filter = store_filter(store, &self.filter, self.state);
        let skip: Vec<i64> = self.looking.keys().copied().collect();
        store.next_pending_submission(&filter, from, forward, from_here, &skip)
    }

    /// All, then each state in turn, then all again.
    pub fn cycle_state(&mut self) {
        let all = SubmissionState::ALL;
        self.state = match self.state {
            None => Some(all[0]),
            Some(s) => all
                .iter()
                .position(|x| *x == s)
                .and_then(|i| all.get(i + 1))
                .copied(),
        };
        self.cursor.selected = 0;
        self.offset = 0;
    }
}

/// The filter as the store matches it: a state typed by its name on screen (待处理, late)
/// becomes the state, a plan code (20211211-初级) the plan; other words match school, file
/// and plan names.
fn store_filter(store: &Store, text: &str, state: Option<SubmissionState>) -> SubmissionFilter {
    let mut f = SubmissionFilter {
        state,
        ..Default::default()
    };
    let mut words = Vec::new();
    for w in text.split_whitespace() {
        let named = SubmissionState::ALL.into_iter().find(|s| {
            let m = common::submission_state(*s);
            w == m.zh || w.eq_ignore_ascii_case(m.en) || w == s.key()
        });
        if let Some(s) = named {
            f.state = Some(s);
            continue;
        }
        // Only a code names a plan here: a bare number is a school or file word.
        if w.contains('-')
            && let Ok(p) = store.find_plan(w)
        {
            f.plan_id = Some(p.id);
            continue;
        }
        words.push(w);
    }
    f.text = words.join(" ");
    f
}

/// One submission opened: loaded when opened (and after each decision), never in draw.
#[derive(Debug, Clone)]
pub struct SubmissionDetail {
    pub summary: SubmissionSummary,
    pub problems: Vec<Problem>,
    /// Its rows in sheet order, at most [`DETAIL_ROWS`].
    pub rows: Vec<CandidateRow>,
    /// The first line shown.
    pub scroll: usize,
    /// The last photo check's verdict per candidate id (empty until an archive was checked).
    pub photos: std::collections::HashMap<i64, PhotoState>,
    /// Who else has it open (presence: a hint, never a lock).
    pub others: Vec<String>,
}

impl SubmissionDetail {
    pub fn load(store: &Store, id: i64) -> Result<SubmissionDetail> {
        Ok(SubmissionDetail {
            summary: store.submission(id)?,
            problems: store.submission_problems(id)?,
            rows: store.candidates("", Some(id), DETAIL_ROWS, 0)?,
            scroll: 0,
            photos: store
                .photo_statuses(id)?
                .into_iter()
                .map(|p| (p.candidate_id, p.state))
                .collect(),
            others: Vec::new(),
        })
    }

    /// How many lines the detail body has, to bound scrolling.
    pub fn line_count(&self) -> usize {
        // Two headings, the column header of the rows, and a possible "more rows" line.
        self.problems.len() + self.rows.len() + 5
    }
}

const ID_W: u16 = 4;
const RECEIVED_W: u16 = 11;
const PLAN_W: u16 = 13;
const STATE_W: u16 = 8;
const ROWS_W: u16 = 4;
const PROBLEMS_W: u16 = 4;

impl SubmissionsState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::triage::TAB;
    pub const KEYS: &'static [Scope] = &[Scope::Submissions, Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[];
}

impl Screen for SubmissionsState {
    fn handle(&mut self, action: &Action, _env: &mut Env) -> Reply {
        match action {
            Action::Open => Reply::WithApp(|app, _| update::open(app)),
            Action::Decide(_)
            | Action::AcceptValidOnly
            | Action::NextPending
            | Action::PrevPending
            | Action::CycleState
            | Action::ExportReturn
            | Action::Import
            | Action::ScanInbox
            | Action::SendReturn
            | Action::Receive
            | Action::Copy => Reply::WithApp(update::act),
            Action::CheckPhotosSelected => match self.selected() {
                Some(s) => Reply::Then(Action::CheckPhotos(s.id)),
                None => Reply::Ignored,
            },
            _ => Reply::Ignored,
        }
    }

    fn move_cursor(&mut self, m: crate::tui::widgets::table::Move, env: &Env) -> Result<()> {
        SubmissionsState::move_cursor(self, env.store, m)
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        SubmissionsState::refresh(self, env.store)
    }

    fn narrow(&mut self, env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.offset = 0;
        let filter = store_filter(env.store, &self.filter, self.state);
        self.fetch(env.store, &filter)
    }

    fn resize(&mut self, page: usize) -> bool {
        self.page = page;
        true
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
