//! What a key means, before anything changes: the console's small command language.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::Input;

use crate::domain::SiteAction;

use super::app::Tab;

/// One thing the user asked for. `update` turns it into a state change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextTab,
    PrevTab,
    GoTab(Tab),
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Start typing a filter for the current list.
    Filter,
    FilterPush(char),
    FilterPop,
    /// Leave the filter prompt keeping what was typed.
    FilterKeep,
    /// Leave the filter prompt and clear it.
    FilterClear,
    Open,
    Back,
    AddPlan,
    EditPlan,
    Site(SiteAction),
    /// Fees tab: show the next list (balances, invoices, site payouts).
    FeesView,
    /// Fees tab: most outstanding first, or by name.
    FeesSort,
    /// Fees tab: record a payment (balances) or a payout (sites).
    Pay,
    /// Fees tab: issue an invoice to the selected school.
    IssueInvoice,
    /// Fees tab: reverse (红冲) the selected invoice.
    ReverseInvoice,
    /// Accept the top modal: confirm a decision, save a form.
    Confirm,
    NextField,
    PrevField,
    /// A key typed into the focused text field.
    Text(Input),
    /// The terminal size changed: the audit page follows the visible height.
    Resize(u16, u16),
    /// The clock moved (only without `--at`): countdowns follow it.
    Clock(DateTime<FixedOffset>),
}

/// A risky action waiting for confirmation in the one generic confirm modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingAction {
    Site {
        school_id: i64,
        school: String,
        action: SiteAction,
    },
    /// A checked money form: record the payment or payout, or issue the invoice.
    Money {
        school: String,
        draft: crate::tui::screens::money_form::MoneyDraft,
    },
    /// Reverse (红冲) an invoice.
    ReverseInvoice {
        number: String,
        school: String,
        amount: i64,
    },
    /// Quit although a form holds unsaved edits.
    Quit,
    /// Close a form and drop its unsaved edits.
    DiscardForm,
}

impl PendingAction {
    /// Whether the confirm modal must collect a reason before accepting.
    pub fn needs_reason(&self) -> bool {
        match self {
            PendingAction::Site { action, .. } => action.needs_reason(),
            PendingAction::ReverseInvoice { .. } => true,
            _ => false,
        }
    }
}

/// What the run loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Quit,
}
