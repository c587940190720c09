//! 报名提交: schools' files, newest first, triaged like an inbox. The list filters by state
//! (a cycle key, or the state's name typed in the filter), plan (its code) and school (words of
//! its name); Enter opens one with its problems grouped by row and its rows, numbers masked.

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
    /// What the filter lets through, newest received first.
    pub shown: Vec<SubmissionSummary>,
    /// Words: a state's name, a plan code, or words of the school or file name.
    pub filter: String,
    /// The state picked with the cycle key.
    pub state: Option<SubmissionState>,
    pub cursor: Cursor,
    /// Who else has which submission open (presence: a hint, never a lock).
    pub looking: std::collections::BTreeMap<i64, Vec<String>>,
}

impl SubmissionsState {
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let filter = store_filter(store, &self.filter, self.state);
        let selected = self.selected().map(|s| s.id);
        self.shown = store.submissions(&filter)?;
        self.cursor.set_len(self.shown.len());
        // A decision or an import must not move the selection off the submission in hand.
        if let Some(id) = selected {
            self.select(id);
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&SubmissionSummary> {
        self.shown.get(self.cursor.selected)
    }

    /// Puts the selection on submission `id` when it is shown.
    pub fn select(&mut self, id: i64) -> bool {
        match self.shown.iter().position(|s| s.id == id) {
            Some(i) => {
                self.cursor.selected = i;
                true
            }
            None => false,
        }
    }

    /// The next (or previous) submission waiting for staff, after the selection: one nobody
    /// else has open if there is one, else one someone has open (presence never blocks).
    pub fn pending_from(&self, forward: bool) -> Option<usize> {
        let cur = self.cursor.selected;
        let find = |free_only: bool| {
            let waiting = |i: &usize| {
                let s = &self.shown[*i];
                s.state.is_open() && !(free_only && self.looking.contains_key(&s.id))
            };
            if forward {
                (cur + 1..self.shown.len()).find(waiting)
            } else {
                (0..cur.min(self.shown.len())).rev().find(waiting)
            }
        };
        find(true).or_else(|| find(false))
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
const STATE_W: u16 = 10;
const ROWS_W: u16 = 7;
const PROBLEMS_W: u16 = 4;

pub fn draw(s: &SubmissionsState, f: &mut Frame, area: Rect, ui: &Ui) {
    let l = ui.lang;
    let th = ui.theme;
    let fixed = ID_W + RECEIVED_W + PLAN_W + STATE_W + ROWS_W + PROBLEMS_W + 6 + 2;
    let school_w = area.width.saturating_sub(fixed).max(8);
    let widths = [
        Constraint::Length(ID_W),
        Constraint::Length(RECEIVED_W),
        Constraint::Length(school_w),
        Constraint::Length(PLAN_W),
        Constraint::Length(STATE_W),
        Constraint::Length(ROWS_W),
        Constraint::Length(PROBLEMS_W),
    ];
    let rows = s.shown.iter().map(|x| {
        let problems = if x.problems == 0 {
            Line::styled("0", th.dim())
        } else {
            Line::styled(count(x.problems, PROBLEMS_W as usize), th.error())
        };
        Row::new(vec![
            Cell::from(Line::from(x.id.to_string()).right_aligned()),
            Cell::from(x.received_at.format("%m-%d %H:%M").to_string()),
            Cell::from(school_cell(s, x, school_w as usize, th)),
            Cell::from(fit(&x.plan_code, PLAN_W as usize)),
            Cell::from(Span::styled(
                fit(l.t(common::submission_state(x.state)), STATE_W as usize),
                th.submission(x.state),
            )),
            Cell::from(Line::from(x.rows.to_string()).right_aligned()),
            Cell::from(problems.right_aligned()),
        ])
    });
    let header = Row::new(vec![
        Cell::from(Line::from("#").right_aligned()),
        Cell::from(l.t(&msg::COL_RECEIVED)),
        Cell::from(l.t(&tmsg::COL_SCHOOL)),
        Cell::from(l.t(&msg::COL_PLAN)),
        Cell::from(l.t(&tmsg::COL_STATE)),
        Cell::from(Line::from(l.t(&msg::COL_ROWS)).right_aligned()),
        Cell::from(Line::from(l.t(&msg::COL_PROBLEMS)).right_aligned()),
    ])
    .style(th.header_row());
    let pending = s.shown.iter().filter(|x| x.state.is_open()).count();
    let mut title = l.fill(&msg::TITLE, &[("n", &s.shown.len()), ("pending", &pending)]);
    if let Some(st) = s.state {
        title.push_str(&format!(" · {}", l.t(common::submission_state(st))));
    }
    let selected = (!s.shown.is_empty()).then_some(s.cursor.selected);
    draw_list(
        f,
        area,
        th,
        Table::new(rows, widths).header(header),
        &title,
        selected,
    );
    if s.shown.is_empty() {
        let inner = area.inner(ratatui::layout::Margin::new(2, 2));
        f.render_widget(
            Paragraph::new(l.t(&msg::EMPTY_HINT))
                .style(th.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
    }
}

/// The school, and who else has the submission open after it (cut first, to at most half
/// the column: the school must stay recognisable).
fn school_cell<'a>(
    s: &SubmissionsState,
    x: &SubmissionSummary,
    w: usize,
    th: &crate::tui::theme::Theme,
) -> Line<'a> {
    use unicode_width::UnicodeWidthStr;
    match s.looking.get(&x.id) {
        Some(names) => {
            let tag = fit(&format!(" ◉{}", names.join(",")), w / 2);
            let school = fit(&x.school, w.saturating_sub(tag.width()));
            Line::from(vec![Span::raw(school), Span::styled(tag, th.key())])
        }
        None => Line::raw(fit(&x.school, w)),
    }
}

/// The detail popup: what it is, its problems grouped by row, then its rows.
pub fn draw_detail(f: &mut Frame, body: Rect, app: &crate::tui::App, d: &SubmissionDetail) {
    let l = app.lang;
    let th = &app.theme;
    let x = &d.summary;
    // The whole body: the list under it is not needed while one submission is read.
    let area = body;
    let title = format!("#{} {} · {}", x.id, x.school, x.plan_code);
    let block = popup(f, area, app, &title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let [head, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    let others = app.watch.on(x.id);
    f.render_widget(Paragraph::new(head_lines(l, th, x, w, &others)), head);
    let lines = body_lines(l, th, d, w);
    let h = rest.height as usize;
    let start = d.scroll.min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
    f.render_widget(Paragraph::new(shown), rest);
}

/// `label：` in Chinese, `label: ` in English.
fn colon(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

fn label<'a>(l: Lang, th: &crate::tui::theme::Theme, m: &'static crate::i18n::Msg) -> Span<'a> {
    Span::styled(format!("{}{}", l.t(m), colon(l)), th.key())
}

fn head_lines<'a>(
    l: Lang,
    th: &crate::tui::theme::Theme,
    x: &SubmissionSummary,
    w: usize,
    others: &[&str],
) -> Vec<Line<'a>> {
    let state = Span::styled(
        format!("{}  ", l.t(common::submission_state(x.state))),
        th.submission(x.state),
    );
    let first = Line::from(vec![
        label(l, th, &tmsg::COL_STATE),
        state,
        label(l, th, &msg::COL_RECEIVED),
        Span::raw(format!("{}  ", time::short(&x.received_at))),
        label(l, th, &msg::FILE),
        Span::raw(x.file_name.clone()),
    ]);
    let counts = l.fill(
        &msg::COUNTS,
        &[
            ("rows", &x.rows),
            ("valid", &x.valid_rows),
            ("problems", &x.problems),
            ("by", &x.imported_by),
        ],
    );
    let decided = match (&x.decided_by, &x.decided_at) {
        (Some(by), Some(at)) => {
            let mut s = l.fill(&msg::DECIDED, &[("by", by), ("at", &when(at))]);
            if x.valid_only {
                s.push_str(l.t(&msg::VALID_ONLY_MARK));
            }
            if let Some(n) = &x.note {
                s.push_str(&format!("  {}{}{n}", l.t(&tmsg::F_REASON), colon(l)));
            }
            Line::styled(fit(&s, w), th.dim())
        }
        _ => Line::default(),
    };
    let counts = if others.is_empty() {
        Line::raw(fit(&counts, w))
    } else {
        // Who else is on it, where the eye lands first.
        use unicode_width::UnicodeWidthStr;
        let looking = format!(
            "  ◉ {}",
            l.fill(&crate::i18n::staff::LOOKING, &[("names", &others.join(", "))])
        );
        let looking = fit(&looking, w);
        let counts = fit(&counts, w.saturating_sub(looking.width()));
        Line::from(vec![Span::raw(counts), Span::styled(looking, th.key())])
    };
    vec![first, counts, decided]
}

/// A row's photo verdict once an archive was checked: blank before any check.
fn photo_cell<'a>(
    l: Lang,
    th: &crate::tui::theme::Theme,
    d: &SubmissionDetail,
    candidate: i64,
) -> Span<'a> {
    if d.photos.is_empty() {
        return Span::raw("");
    }
    match d.photos.get(&candidate) {
        Some(state) => {
            let style = if *state == PhotoState::Ok {
                th.ok()
            } else {
                th.error()
            };
            Span::styled(l.t(crate::i18n::photos::state(*state)), style)
        }
        None => Span::styled("—", th.dim()),
    }
}

fn body_lines<'a>(
    l: Lang,
    th: &crate::tui::theme::Theme,
    d: &SubmissionDetail,
    w: usize,
) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(d.line_count());
    out.push(Line::styled(
        l.fill(&msg::PROBLEMS_HEADING, &[("n", &d.problems.len())]),
        th.title(),
    ));
    if d.problems.is_empty() {
        out.push(Line::styled(l.t(&msg::NO_PROBLEMS), th.ok()));
    }
    const ROW_W: usize = 9;
    let mut last_row: Option<Option<u32>> = None;
    for p in &d.problems {
        // The row is named once: its problems read as one block, as the school will fix them.
        let row = if last_row == Some(p.row) {
            String::new()
        } else {
            match p.row {
                Some(r) => l.fill(&msg::ROW_N, &[("n", &r)]),
                None => l.t(&msg::WHOLE_FILE).to_string(),
            }
        };
        last_row = Some(p.row);
        let column = p.column.clone().unwrap_or_default();
        let text = if column.is_empty() {
            p.message.clone()
        } else {
            format!("{column}{}{}", colon(l), p.message)
        };
        out.push(Line::from(vec![
            Span::styled(pad(&row, ROW_W), th.key()),
            Span::styled(fit(&text, w.saturating_sub(ROW_W)), th.error()),
        ]));
    }
    out.push(Line::styled(
        l.fill(&msg::ROWS_HEADING, &[("n", &d.summary.candidates)]),
        th.title(),
    ));
    let (row_w, name_w, id_w, phone_w) = (5, 10, 20, 13);
    let valid_w = 8;
    let photo_head = if d.photos.is_empty() {
        ""
    } else {
        l.t(&crate::i18n::photos::COL_PHOTO)
    };
    out.push(Line::styled(
        format!(
            "{}{}{}{}{}{}",
            pad(l.t(&msg::COL_ROW), row_w),
            pad(l.t(&msg::COL_NAME), name_w),
            pad(l.t(&msg::COL_ID), id_w),
            pad(l.t(&msg::COL_PHONE), phone_w),
            pad(l.t(&msg::COL_VALID), valid_w),
            photo_head,
        ),
        th.header_row(),
    ));
    for c in &d.rows {
        let (mark, style) = if c.valid {
            (l.t(&msg::ROW_VALID), th.ok())
        } else {
            (l.t(&msg::ROW_INVALID), th.error())
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "{}{}{}{}",
                pad(&c.row.to_string(), row_w),
                pad(&c.name, name_w),
                pad(&mask_id(&c.id_number), id_w),
                pad(&mask_phone(&c.phone), phone_w),
            )),
            Span::styled(pad(mark, valid_w), style),
            photo_cell(l, th, d, c.id),
        ]));
    }
    if d.summary.candidates > d.rows.len() {
        out.push(Line::styled(
            l.fill(
                &msg::MORE_ROWS,
                &[("n", &(d.summary.candidates - d.rows.len()))],
            ),
            th.dim(),
        ));
    }
    out
}

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
            | Action::ScanInbox => Reply::WithApp(update::act),
            Action::CheckPhotosSelected => match self.selected() {
                Some(s) => Reply::Then(Action::CheckPhotos(s.id)),
                None => Reply::Ignored,
            },
            _ => Reply::Ignored,
        }
    }

    fn move_cursor(&mut self, m: crate::tui::widgets::table::Move, _env: &Env) -> Result<()> {
        self.cursor.apply(m);
        Ok(())
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        SubmissionsState::refresh(self, env.store)
    }

    fn narrow(&mut self, env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.refresh(env.store)
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn filter_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.filter)
    }

    fn draw(&self, f: &mut Frame, area: Rect, ui: &Ui) {
        draw(self, f, area, ui)
    }
}
