//! The console's whole state. `update` (in update.rs) changes it; draw functions only read it.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use super::action::PendingAction;
use super::keymap::{Keymap, Mode};
use super::presence::Watch;
use super::screen::{Env, Ui};
use super::screens::Screens;
use super::screens::fees::money_form::MoneyForm;
use super::screens::photo_check::{Phase, PhotoCheck};
use super::screens::plans::form::PlanForm;
use super::screens::sites::import::SchoolsImport;
use super::screens::submissions::SubmissionDetail;
use super::screens::submissions::import_form::ImportForm;
use super::screens::submissions::imports::Imports;
use super::screens::submissions::returns::Returns;
use super::theme::Theme;
use crate::domain::staff::Roles;
use crate::i18n::{Lang, Msg};
use crate::store::{Actor, AuditEntry, Store, StoreError};

pub use super::screens::Tab;

/// A popup holding a read-only view of one item, loaded when it was opened.
#[derive(Debug, Clone)]
pub struct Detail {
    pub title: String,
    pub fields: Vec<(&'static Msg, String)>,
    /// Titled lists under the fields (a candidate's earlier results, a session's checklist).
    pub sections: Vec<(&'static Msg, Vec<String>)>,
    /// The item's audit history, newest first (empty for an audit entry itself).
    pub history: Vec<AuditEntry>,
}

/// The one confirm modal: a risky action as data, with a reason field when it needs one.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub pending: PendingAction,
    pub reason: Option<TextArea<'static>>,
    pub error: Option<String>,
}

impl Confirm {
    pub fn new(pending: PendingAction) -> Confirm {
        let reason = pending.needs_reason().then(TextArea::default);
        Confirm {
            pending,
            reason,
            error: None,
        }
    }

    /// A confirm whose reason field starts with `text` (one line per line) and an empty line
    /// under it for what staff add, the cursor there.
    pub fn with_reason(pending: PendingAction, text: &str) -> Confirm {
        let mut c = Confirm::new(pending);
        if let Some(r) = c.reason.as_mut()
            && !text.is_empty()
        {
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            lines.push(String::new());
            *r = TextArea::new(lines);
            r.move_cursor(ratatui_textarea::CursorMove::Bottom);
        }
        c
    }
}

/// A text pop-up: what `y` just copied (shown too, since a terminal may ignore OSC 52
/// silently), or what to do when the terminal cannot transfer files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPopup {
    pub title: String,
    pub text: String,
    /// Whether it was sent to the clipboard (the pop-up says how to copy it by hand).
    pub copied: bool,
}

/// What sits above the screen; the top one takes the keys.
#[derive(Debug, Clone)]
pub enum Modal {
    Help,
    Detail(Detail),
    Confirm(Box<Confirm>),
    Form(Box<PlanForm>),
    /// One submission opened for triage.
    Submission(Box<SubmissionDetail>),
    Import(Box<ImportForm>),
    /// A photo archive checked against one submission.
    Photos(Box<PhotoCheck>),
    /// A payment, payout or invoice form of the Fees tab.
    MoneyForm(Box<MoneyForm>),
    /// The path prompt loading 附件2 on the Sites screen.
    SchoolsImport(Box<SchoolsImport>),
    /// What `y` copied.
    Text(Box<TextPopup>),
}

/// A one-line message under the screen after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

/// The console's state.
pub struct App {
    pub store: Store,
    pub lang: Lang,
    /// The instant windows and countdowns are judged at.
    pub at: DateTime<FixedOffset>,
    /// Shown in the header when the user fixed the time with `--at`.
    pub at_given: bool,
    pub actor: Actor,
    pub theme: Theme,
    pub keymap: Keymap,
    pub tab: Tab,
    /// Every screen's state; the current one is `screens.get(tab)`.
    pub screens: Screens,
    /// Imports waiting, running, and inbox files waiting for a plan and school.
    pub imports: Imports,
    /// Annotated returns being written by worker threads.
    pub returns: Returns,
    /// The database file (`None` in memory): import workers open their own connection to it.
    pub db_path: Option<PathBuf>,
    /// The folder staff copy schools' files into (`KAOWU_INBOX`, default `<data dir>/inbox`).
    pub inbox: PathBuf,
    /// Where annotated returns are written (`<data dir>/exports`).
    pub exports: PathBuf,
    pub modals: Vec<Modal>,
    /// Whether keys go to the filter prompt of the current list.
    pub filtering: bool,
    pub flash: Option<Flash>,
    /// The terminal size, last reported.
    pub size: (u16, u16),
    /// The store's `data_version` when the screens were last loaded; it moves only when
    /// another connection commits (see [`crate::tui::notice_others`]).
    pub data_version: Option<i64>,
    /// A ZMODEM transfer a key asked for; the run loop makes it (it holds the terminal).
    pub transfer: Option<crate::tui::desktop::TransferJob>,
    /// Text a key copied; the run loop writes it as OSC 52 after the next frame.
    pub clipboard: Option<String>,
    /// This console's presence: the submission it has open, who else has which open.
    pub watch: Watch,
    /// What the person at the keyboard may do (every role on the server's own shell).
    pub roles: Roles,
}

impl App {
    /// A console on `store`, loaded for the overview. Sized 80x24 until the terminal says
    /// otherwise.
    pub fn new(
        store: Store,
        lang: Lang,
        at: DateTime<FixedOffset>,
        at_given: bool,
        actor: Actor,
        theme: Theme,
    ) -> App {
        let db_path = store.path();
        let data_dir = db_path
            .as_deref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        let inbox = std::env::var_os("KAOWU_INBOX")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("inbox"));
        let watch = Watch::new(&actor.0);
        let mut app = App {
            store,
            lang,
            at,
            at_given,
            actor,
            theme,
            keymap: Keymap::default(),
            tab: Tab::Overview,
            screens: Screens::default(),
            imports: Imports::default(),
            returns: Returns::default(),
            db_path,
            inbox,
            exports: data_dir.join("exports"),
            modals: Vec::new(),
            filtering: false,
            flash: None,
            size: (80, 24),
            data_version: None,
            transfer: None,
            clipboard: None,
            watch,
            roles: Roles::all(),
        };
        app.screens.overview.inbox = app.inbox.display().to_string();
        app.roles = app.store.my_roles().unwrap_or_default();
        app.data_version = app.store.data_version().ok();
        let page = super::draw::audit_page(app.size.1);
        for tab in Tab::ALL {
            app.screens.get_mut(tab).resize(page);
        }
        for tab in Tab::ALL {
            if app.screens.get(tab).load_at_start() {
                app.refresh(tab);
            }
        }
        app
    }

    /// The submission opened for triage, if one is.
    pub fn open_submission(&self) -> Option<i64> {
        self.modals.iter().rev().find_map(|m| match m {
            Modal::Submission(d) => Some(d.summary.id),
            _ => None,
        })
    }

    /// Marks what this console has open and learns what the others have; true when the
    /// screen should be drawn again.
    pub fn sync_presence(&mut self) -> bool {
        let open = self.open_submission();
        let mut changed = self.watch.tick(&mut self.store, open);
        if changed {
            self.screens.submissions.looking = self.watch.by_submission();
        }
        // An opened submission draws from its own state: it carries who else is on it.
        for m in &mut self.modals {
            if let Modal::Submission(d) = m {
                let others: Vec<String> = self
                    .watch
                    .on(d.summary.id)
                    .into_iter()
                    .map(String::from)
                    .collect();
                if d.others != others {
                    d.others = others;
                    changed = true;
                }
            }
        }
        changed
    }

    /// Who has the keyboard now.
    pub fn mode(&self) -> Mode {
        self.mode_under(self.modals.len())
    }

    /// Who would have the keyboard with only the first `depth` modals open: the help shows
    /// the keys of what lies under it.
    pub fn mode_under(&self, depth: usize) -> Mode {
        match self.modals[..depth.min(self.modals.len())].last() {
            Some(Modal::Help | Modal::Text(_)) => Mode::Popup,
            Some(Modal::Detail(_)) => Mode::Detail(self.tab),
            Some(Modal::Submission(_)) => Mode::Triage,
            Some(Modal::Import(_)) => Mode::Import,
            Some(Modal::Confirm(c)) => Mode::Confirm {
                text: c.reason.is_some(),
                pick: c.pending.has_choices(),
            },
            Some(Modal::Form(_) | Modal::MoneyForm(_)) => Mode::Form,
            Some(Modal::SchoolsImport(_)) => Mode::SchoolsPath,
            Some(Modal::Photos(p)) if p.phase == Phase::Path => Mode::PhotoPath,
            Some(Modal::Photos(_)) => Mode::PhotoList,
            None if self.filtering => Mode::Filter,
            None => Mode::Screen(self.tab),
        }
    }

    /// Whether any open form holds edits not saved yet.
    pub fn has_unsaved_edits(&self) -> bool {
        self.modals.iter().any(|m| match m {
            Modal::Form(f) => f.is_dirty(),
            Modal::MoneyForm(f) => f.is_dirty(),
            _ => false,
        })
    }

    /// Reloads one screen's data from the store. Drawing never does this.
    pub fn refresh(&mut self, tab: Tab) {
        let env = Env {
            store: &mut self.store,
            lang: self.lang,
            at: self.at,
            actor: &self.actor,
        };
        if let Err(e) = self.screens.get_mut(tab).refresh(&env) {
            self.fail(self.store_error(&e));
        }
    }

    /// The current filter text of a tab's list.
    pub fn filter(&self, tab: Tab) -> &str {
        self.screens.get(tab).filter().unwrap_or("")
    }

    pub(crate) fn filter_mut(&mut self) -> Option<&mut String> {
        self.screens.get_mut(self.tab).filter_mut()
    }

    /// What drawing may know besides a screen's own state.
    pub fn ui(&self) -> Ui<'_> {
        Ui {
            lang: self.lang,
            theme: &self.theme,
            at: self.at,
            actor: &self.actor,
            keymap: &self.keymap,
            roles: &self.roles,
        }
    }

    /// The current screen and what it may use to load and handle keys, borrowed together.
    pub(crate) fn current(&mut self) -> (&mut dyn super::screen::Screen, Env<'_>) {
        let env = Env {
            store: &mut self.store,
            lang: self.lang,
            at: self.at,
            actor: &self.actor,
        };
        (self.screens.get_mut(self.tab), env)
    }

    /// Copies `text` to the desktop's clipboard and shows it under `title`.
    pub(crate) fn copy(&mut self, title: String, text: String) {
        self.clipboard = Some(text.clone());
        self.modals.push(Modal::Text(Box::new(TextPopup {
            title,
            text,
            copied: true,
        })));
    }

    /// Something was recorded from `tab`'s screen: it reloads, and so do the screens that
    /// summarise everything (the overview and the audit log).
    pub fn recorded(&mut self, tab: Tab) {
        for t in [tab, Tab::Overview, Tab::Audit] {
            self.refresh(t);
        }
    }

    pub(crate) fn say(&mut self, text: String) {
        self.flash = Some(Flash { text, error: false });
    }

    pub(crate) fn fail(&mut self, text: String) {
        self.flash = Some(Flash { text, error: true });
    }

    /// A store error in the user's language.
    pub fn store_error(&self, e: &StoreError) -> String {
        crate::i18n::errors::store_error(e, self.lang)
    }
}
