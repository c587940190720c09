//! 考点: schools with their site state; staff apply, approve, reject and suspend here.

mod draw;
pub mod import;

pub mod update;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use crate::domain::SiteState;
use crate::i18n::{common, tui as msg};
use crate::store::{Result, SiteRow, Store};
use crate::tui::widgets::table::{Cursor, draw_list, fit};
use crate::tui::keymap::Scope;
use crate::tui::app::Detail;
use crate::tui::action::{Action, PendingAction};
use crate::tui::app::{Confirm, Modal};
use crate::tui::screen::{Env, Opened, Reply, Screen, Ui};

#[derive(Debug, Clone, Default)]
pub struct SitesState {
    /// Schools the filter lets through, by province then name.
    pub shown: Vec<SiteRow>,
    pub filter: String,
    pub cursor: Cursor,
}

impl SitesState {
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.shown = store.sites(None, &store_words(&self.filter))?;
        self.cursor.set_len(self.shown.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&SiteRow> {
        self.shown.get(self.cursor.selected)
    }
}

/// The filter as the store matches it: a state typed by its name on screen (待审核, pending)
/// becomes the state's key, so staff can filter by what they see.
fn store_words(filter: &str) -> String {
    filter
        .split_whitespace()
        .map(|w| {
            SiteState::ALL
                .into_iter()
                .find(|s| {
                    let m = common::site_state(*s);
                    w == m.zh || w.eq_ignore_ascii_case(m.en)
                })
                .map_or(w, |s| s.key())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const PROVINCE_W: u16 = 12;
const STATE_W: u16 = 12;
const CONTACT_W: u16 = 10;

impl SitesState {
    pub const TITLE: &'static crate::i18n::Msg = &crate::i18n::tui::TAB_SITES;
    pub const KEYS: &'static [Scope] = &[Scope::Sites, Scope::Global, Scope::List];
    pub const HELP_ALSO: &'static [Scope] = &[];
}

impl Screen for SitesState {
    fn handle(&mut self, action: &Action, env: &mut Env) -> Reply {
        if *action == Action::ImportSchools {
            let form = import::SchoolsImport::new("~/");
            return Reply::Open(Modal::SchoolsImport(Box::new(form)));
        }
        let Action::Site(action) = *action else {
            return Reply::Ignored;
        };
        let Some(row) = self.selected() else {
            return Reply::Done;
        };
        let s = &row.school;
        // Refuse an impossible decision before asking for confirmation; the store checks
        // again when it is carried out.
        if let Err(e @ crate::domain::SiteError::InvalidTransition { .. }) =
            s.site.apply(action, Some("-"))
        {
            return Reply::Fail(crate::i18n::errors::site_error(&e, env.lang));
        }
        let pending = PendingAction::Site {
            school_id: s.id,
            school: s.info.name.clone(),
            action,
        };
        Reply::Open(Modal::Confirm(Box::new(Confirm::new(pending))))
    }

    fn move_cursor(&mut self, m: crate::tui::widgets::table::Move, _env: &Env) -> Result<()> {
        self.cursor.apply(m);
        Ok(())
    }

    fn refresh(&mut self, env: &Env) -> Result<()> {
        SitesState::refresh(self, env.store)
    }

    fn narrow(&mut self, env: &Env) -> Result<()> {
        self.cursor.selected = 0;
        self.refresh(env.store)
    }

    fn detail(&self, env: &Env) -> Result<Opened> {
        use crate::i18n::{common, tui as msg};
        let l = env.lang;
        Ok(self.selected().map(|r| {
            let i = &r.school.info;
            (
                Detail {
                    title: i.name.clone(),
                    fields: vec![
                        (
                            &msg::COL_SITE,
                            l.t(common::site_state(r.school.site)).to_string(),
                        ),
                        (&msg::COL_PROVINCE, format!("{} {}", i.province, i.city)),
                        (&msg::COL_CONTACT, format!("{} {}", i.contact, i.phone)),
                        (&msg::F_EMAIL, i.email.clone()),
                        (&msg::F_ADDRESS, i.address.clone()),
                        (
                            &msg::F_POSSIBLE,
                            crate::i18n::errors::action_names(r.school.site, l),
                        ),
                    ],
                    sections: Vec::new(),
                    history: Vec::new(),
                },
                Some(("school", r.school.id)),
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
