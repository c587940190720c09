//! The console's whole state. `update` (in update.rs) changes it; draw functions only read it.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use super::action::PendingAction;
use super::keymap::{Keymap, Mode};
use super::screens::audit::AuditState;
use super::screens::fees::FeesState;
use super::screens::money_form::MoneyForm;
use super::screens::overview::OverviewState;
use super::screens::plan_form::PlanForm;
use super::screens::plans::PlansState;
use super::screens::sites::SitesState;
use super::theme::Theme;
use crate::i18n::{Lang, Msg, tui as msg};
use crate::store::{Actor, AuditEntry, Store, StoreError};

/// The screens, in tab order. A later screen is one more variant and one more module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Plans,
    Sites,
    Fees,
    Audit,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Overview, Tab::Plans, Tab::Sites, Tab::Fees, Tab::Audit];

    pub fn title(self) -> &'static Msg {
        match self {
            Tab::Overview => &msg::TAB_OVERVIEW,
            Tab::Plans => &msg::TAB_PLANS,
            Tab::Sites => &msg::TAB_SITES,
            Tab::Fees => &crate::i18n::fees::TAB_FEES,
            Tab::Audit => &msg::TAB_AUDIT,
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}

/// A popup holding a read-only view of one item, loaded when it was opened.
#[derive(Debug, Clone)]
pub struct Detail {
    pub title: String,
    pub fields: Vec<(&'static Msg, String)>,
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
}

/// What sits above the screen; the top one takes the keys.
#[derive(Debug, Clone)]
pub enum Modal {
    Help,
    Detail(Detail),
    Confirm(Box<Confirm>),
    Form(Box<PlanForm>),
    /// A payment, payout or invoice form of the Fees tab.
    MoneyForm(Box<MoneyForm>),
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
    pub overview: OverviewState,
    pub plans: PlansState,
    pub sites: SitesState,
    pub fees: FeesState,
    pub audit: AuditState,
    pub modals: Vec<Modal>,
    /// Whether keys go to the filter prompt of the current list.
    pub filtering: bool,
    pub flash: Option<Flash>,
    /// The terminal size, last reported.
    pub size: (u16, u16),
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
        let mut app = App {
            store,
            lang,
            at,
            at_given,
            actor,
            theme,
            keymap: Keymap::default(),
            tab: Tab::Overview,
            overview: OverviewState::default(),
            plans: PlansState::default(),
            sites: SitesState::default(),
            fees: FeesState::default(),
            audit: AuditState::default(),
            modals: Vec::new(),
            filtering: false,
            flash: None,
            size: (80, 24),
        };
        app.audit.page = super::draw::audit_page(app.size.1);
        for tab in Tab::ALL {
            app.refresh(tab);
        }
        app
    }

    /// Who has the keyboard now.
    pub fn mode(&self) -> Mode {
        match self.modals.last() {
            Some(Modal::Help | Modal::Detail(_)) => Mode::Popup,
            Some(Modal::Confirm(c)) => Mode::Confirm {
                text: c.reason.is_some(),
            },
            Some(Modal::Form(_) | Modal::MoneyForm(_)) => Mode::Form,
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
        let r = match tab {
            Tab::Overview => self.overview.refresh(&self.store, self.at),
            Tab::Plans => self.plans.refresh(&self.store),
            Tab::Sites => self.sites.refresh(&self.store),
            Tab::Fees => self.fees.refresh(&self.store),
            Tab::Audit => self.audit.refresh(&self.store),
        };
        if let Err(e) = r {
            self.fail(self.store_error(&e));
        }
    }

    /// The current filter text of a tab's list.
    pub fn filter(&self, tab: Tab) -> &str {
        match tab {
            Tab::Overview => "",
            Tab::Plans => &self.plans.filter,
            Tab::Sites => &self.sites.filter,
            Tab::Fees => &self.fees.filter,
            Tab::Audit => &self.audit.filter,
        }
    }

    pub(crate) fn filter_mut(&mut self) -> Option<&mut String> {
        match self.tab {
            Tab::Overview => None,
            Tab::Plans => Some(&mut self.plans.filter),
            Tab::Sites => Some(&mut self.sites.filter),
            Tab::Fees => Some(&mut self.fees.filter),
            Tab::Audit => Some(&mut self.audit.filter),
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
        super::errors::store_error(self.lang, e)
    }
}
