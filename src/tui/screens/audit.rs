//! 操作日志: newest first. Only the visible page is fetched from the store, so a long log costs
//! the same as a short one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table};

use crate::domain::time;
use crate::i18n::audit as audit_words;
use crate::i18n::tui as msg;
use crate::store::{AuditEntry, AuditFilter, Result, Store};
use crate::tui::app::App;
use crate::tui::widgets::table::{Cursor, Move, draw_list, fit};

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
        let sel = self.cursor.selected;
        if sel < self.offset {
            self.offset = sel;
        } else if sel >= self.offset + page {
            self.offset = sel + 1 - page;
        }
        self.offset = self.offset.min(self.total.saturating_sub(1));
        self.rows = store.audit_log(&filter, page, self.offset)?;
        Ok(())
    }

    /// Moves the selection; refetches only when it leaves the page.
    pub fn move_cursor(&mut self, store: &Store, m: Move) -> Result<()> {
        self.cursor.apply(m);
        let sel = self.cursor.selected;
        if sel < self.offset || sel >= self.offset + self.page.max(1) {
            self.refresh(store)?;
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&AuditEntry> {
        self.rows
            .get(self.cursor.selected.checked_sub(self.offset)?)
    }
}

/// An audit time (RFC 3339) as `YYYY-MM-DD HH:MM`, or as stored if unreadable.
pub fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| time::short(&t))
        .unwrap_or_else(|_| at.to_string())
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let s = &app.audit;
    let l = app.lang;
    let th = &app.theme;
    let (time_w, actor_w, action_w) = (16u16, 10u16, 14u16);
    let rest = area
        .width
        .saturating_sub(time_w + actor_w + action_w + 3 + 2);
    let widths = [
        Constraint::Length(time_w),
        Constraint::Length(actor_w),
        Constraint::Length(action_w),
        Constraint::Length(rest),
    ];
    let rows = s.rows.iter().map(|e| {
        let detail = audit_words::detail(&e.entity, &e.detail, l);
        let what = match &e.reason {
            Some(r) => format!("{} {detail} ({r})", e.label),
            None => format!("{} {detail}", e.label),
        };
        Row::new(vec![
            Cell::from(when(&e.at)),
            Cell::from(fit(&e.actor, actor_w as usize)),
            Cell::from(fit(&audit_words::action(&e.action, l), action_w as usize)),
            Cell::from(fit(&what, rest as usize)),
        ])
    });
    let header = Row::new(vec![
        l.t(&msg::COL_TIME),
        l.t(&msg::COL_ACTOR),
        l.t(&msg::COL_ACTION),
        l.t(&msg::COL_WHAT),
    ])
    .style(th.header_row());
    let title = if s.total == 0 {
        l.fill(&msg::AUDIT_TITLE, &[("from", &0), ("to", &0), ("n", &0)])
    } else {
        l.fill(
            &msg::AUDIT_TITLE,
            &[
                ("from", &(s.offset + 1)),
                ("to", &(s.offset + s.rows.len())),
                ("n", &s.total),
            ],
        )
    };
    let sel = s.cursor.selected.checked_sub(s.offset);
    let selected = sel.filter(|i| *i < s.rows.len());
    draw_list(
        f,
        area,
        th,
        Table::new(rows, widths).header(header),
        &title,
        selected,
    );
}
