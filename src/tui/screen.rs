//! What every screen is to the console: a small trait. `App` holds the screens (one line each
//! in `screens/mod.rs`) and routes to the current one; a screen never sees `App` to draw, only
//! its own state and a [`Ui`].

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{Detail, Modal};
use super::keymap::Keymap;
use super::theme::Theme;
use super::widgets::table::Move;
use crate::domain::staff::Roles;
use crate::i18n::Lang;
use crate::store::{Actor, AuditEntry, Result, Store};

/// What drawing may know besides a screen's own state.
pub struct Ui<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The instant windows and countdowns are judged at.
    pub at: DateTime<FixedOffset>,
    pub actor: &'a Actor,
    /// For the key hints popups draw.
    pub keymap: &'a Keymap,
    /// What the actor may do: keys beyond it are shown as needing a role.
    pub roles: &'a Roles,
}

/// What a screen may use while it loads or handles a key: the store (a key may write, e.g.
/// an audited reveal) and who acts when.
pub struct Env<'a> {
    pub store: &'a mut Store,
    pub lang: Lang,
    pub at: DateTime<FixedOffset>,
    pub actor: &'a Actor,
}

/// How a screen answered a key.
#[derive(Debug)]
pub enum Reply {
    /// Not one of this screen's keys.
    Ignored,
    /// Handled; what changed is in the screen's own state.
    Done,
    /// Open a popup over the screen.
    Open(Modal),
    /// Say something under the screen.
    Say(String),
    /// Something was recorded in the audit log: say it, and the Audit screen reloads.
    Audited(String),
    /// Refuse, in one line under the screen.
    Fail(String),
    /// Copy this text to the desktop's clipboard and show it under this title.
    Copy { title: String, text: String },
    /// Go on as if this action had been asked (a selected submission's photo check).
    Then(Action),
    /// The action needs the whole console, not just this screen: the import worker, the
    /// inbox, the opened submission above the list. Run this with it.
    WithApp(fn(&mut super::app::App, Action)),
}

/// The detail popup of a screen's selected item, and the audit history it should show
/// (entity and id), if any.
pub type Opened = Option<(Detail, Option<(&'static str, i64)>)>;

/// One screen of the console: its state, how it loads, how it takes a key, how it draws.
pub trait Screen {
    /// Reloads what the screen shows from the store. Drawing never does this.
    fn refresh(&mut self, env: &Env) -> Result<()>;

    /// Whether the console loads the screen at start; a screen costly to load on a national
    /// sitting says no and is loaded when first shown.
    fn load_at_start(&self) -> bool {
        true
    }

    /// The text typed to narrow the screen's list; `None` when it has no filter.
    fn filter(&self) -> Option<&str> {
        None
    }

    fn filter_mut(&mut self) -> Option<&mut String> {
        None
    }

    /// The filter changed: apply it again, selection back at the top.
    fn narrow(&mut self, _env: &Env) -> Result<()> {
        Ok(())
    }

    /// Moves the selection (a windowed list loads the rows it moves to).
    fn move_cursor(&mut self, _m: Move, _env: &Env) -> Result<()> {
        Ok(())
    }

    /// The terminal's height changed to `page` list rows; true when the screen must reload.
    fn resize(&mut self, _page: usize) -> bool {
        false
    }

    /// Staff switched away from the screen.
    fn leave(&mut self) {}

    /// One of the screen's own keys.
    fn handle(&mut self, _action: &Action, _env: &mut Env) -> Reply {
        Reply::Ignored
    }

    /// Whether one of the screen's own keys does something in the screen's present state
    /// (a Fees view without payments has no reversal): the footer shows only those, so every
    /// key it shows works where it is shown. The `?` help still lists them all.
    fn offers(&self, _action: &Action) -> bool {
        true
    }

    /// The detail popup of the selected item (Enter).
    fn detail(&self, _env: &Env) -> Result<Opened> {
        Ok(None)
    }

    /// Keeps only the history rows that belong to the opened item (a session shares its
    /// school's audit rows with the school's other sessions).
    fn keep_history(&self, _detail: &Detail, _history: &mut Vec<AuditEntry>) {}

    /// Draws from the screen's own state; never changes it, never reads the store.
    fn draw(&self, f: &mut Frame, area: Rect, ui: &Ui);
}
