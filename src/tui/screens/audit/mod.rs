//! 操作日志: newest first. Only the visible page is fetched from the store, so a long log costs
//! the same as a short one.

mod draw;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table};

use crate::i18n::audit as audit_words;
use crate::i18n::tui as msg;
use crate::store::{AuditEntry, AuditFilter, Result, Store};
use crate::tui::widgets::format::when;
use crate::tui::widgets::table::{Cursor, Move, draw_list, fit};
use crate::tui::keymap::Scope;
use crate::tui::app::Detail;
use crate::tui::screen::{Env, Opened, Screen, Ui};
use crate::tui::widgets::table::Move as CursorMove;

#[derive(Debug, Clone, Default)]
pub struct AuditState {
    /// The visible page only.
    pub rows: Vec<AuditEntry>,
    /// How many entries the filter lets through in all.
    pub total: usize,
    /// Index (newest = 0) of the first row of the page.
    pub offset: usize,
    /// Selection over all `total` entries.
    pub cursor: Cursor,
    /// Rows per page: the visible height of the table.
    pub page: usize,
    pub filter: String,
}

impl AuditState {
    /// The typed filter, each word also standing for the stored keys (actions, states) whose
    /// words it is part of: staff filter by what they read, the log keeps keys.
    fn store_filter(&self) -> AuditFilter {
        AuditFilter {
            text: self.filter.clone(),
            named: self
                .filter
                .split_whitespace()
                .map(|w| (w.to_string(), audit_words::keys_named(w)))
                .collect(),
            ..Default::default()
        }
    }

    /// Counts the entries, keeps the selection on the page, and fetches that page.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let filter = self.store_filter();
        self.total = store.audit_count(&filter)?;
        self.cursor.set_len(self.total);
        let page = self.page.max(1);
        self.offset = self.cursor.window_from(self.offset, page);
        self.offset = self.offset.min(self.total.saturating_sub(1));
        self.rows = store.audit_log(&filter, page, self.offset)?;
        Ok(())
    }

    /// Moves the selection; refetches only when it leaves the page.
    pub fn move_cursor(&mut self, store: &Store, m: Move) -> Result<()> {
        self.cursor.apply(m);
        if !self.cursor.shown_in(self.offset, self.page) {
            self.refresh(store)?;
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&AuditEntry> {
        self.rows
            .get(self.cursor.selected.checked_sub(self.offset)?)
    }
}

impl AuditState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::tui::TAB_AUDIT;
    pub const KEYS: &'static [Scope] = &[Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[];
}

impl Screen for AuditState {
    fn refresh(&mut self, env: &Env) -> Result<()> {
        AuditState::refresh(self, env.store)
    }

    fn narrow(&mut self, env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.offset = 0;
        self.refresh(env.store)
    }

    fn move_cursor(&mut self, m: CursorMove, env: &Env) -> Result<()> {
        AuditState::move_cursor(self, env.store, m)
    }

    fn resize(&mut self, page: usize) -> bool {
        self.page = page;
        true
    }

    fn detail(&self, env: &Env) -> Result<Opened> {
        use crate::i18n::audit as audit_words;
use crate::i18n::tui as msg;
        Ok(self.selected().map(|e| {
            (
                Detail {
                    title: format!("#{} {}", e.id, audit_words::action(&e.action, env.lang)),
                    fields: vec![
                        (&msg::COL_TIME, when(&e.at)),
                        (&msg::COL_ACTOR, e.actor.clone()),
                        (&msg::COL_WHAT, format!("{} {}", e.entity, e.label)),
                        (
                            &msg::F_DETAIL,
                            audit_words::detail(&e.entity, &e.detail, env.lang),
                        ),
                        (&msg::F_REASON, e.reason.clone().unwrap_or_default()),
                    ],
                    sections: Vec::new(),
                    history: Vec::new(),
                },
                None,
            )
        }))
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
