//! What a key means, before anything changes: the console's small command language.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::Input;

use crate::domain::SiteAction;
use crate::domain::submission::Decision;
use crate::store::{ReadyItem, SessionKey};

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
    /// Accept, reject or send back the selected submission (asks first; reject and needs-fix
    /// ask for the reason or note).
    Decide(Decision),
    /// Accept only the rows without problems: a separate, confirmed choice.
    AcceptValidOnly,
    NextPending,
    PrevPending,
    /// Cycle the Submissions screen's state filter: all, then each state.
    CycleState,
    /// Write the selected submission's annotated return.
    ExportReturn,
    /// Open the import form.
    Import,
    /// Look in the inbox folder for files now.
    ScanInbox,
    /// Load 附件2 from the Sites screen.
    ImportSchools,
    /// Complete the focused field (file names, plan codes, school names).
    Complete,
    /// The run loop came round: collect what the import worker reported.
    Tick,
    /// Show the selected candidate's full ID and phone (audited).
    Reveal,
    /// Sessions: sort by shortfall or by plan.
    ToggleSort,
    ConfirmSession,
    CancelSession,
    MoveSession,
    /// Toggle one readiness item of the selected session.
    Ready(ReadyItem),
    /// In a confirm modal with choices: the next or previous one.
    NextChoice,
    PrevChoice,
    /// Fees tab: show the next list (balances, invoices, site payouts).
    FeesView,
    /// Fees tab: most outstanding first, or by name.
    FeesSort,
    /// Fees tab: record a payment (balances) or a payout (sites).
    Pay,
    /// Fees tab: issue an invoice to the selected school.
    IssueInvoice,
    /// Fees tab: reverse the selected payment, or the selected invoice (红冲).
    Reverse,
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
    /// Open the photo check of this submission.
    CheckPhotos(i64),
    /// Open the photo check of the submission the current screen has selected.
    CheckPhotosSelected,
    /// In the photo check's results: check another archive.
    AnotherArchive,
    /// Another console or a command-line run changed the database: what is shown is reloaded.
    DataChanged,
    /// Copy to the desktop's clipboard (OSC 52) what the screen offers: a submission's reply to
    /// the school, a plan's group reminder, a revealed candidate's ID number.
    Copy,
    /// Plans: copy the plan's under-20 notice.
    CopyNotice,
    /// Submissions: receive files from the desktop into the inbox (ZMODEM).
    Receive,
    /// Submissions: write the selected submission's annotated return and send it (ZMODEM).
    SendReturn,
    /// In a multi-line note: start a new line (Enter confirms).
    NewLine,
    /// Text the terminal pasted (bracketed paste): typed into the field whole, never a key.
    Paste(String),
    /// A ZMODEM transfer the run loop made has ended.
    Transferred(crate::tui::desktop::TransferDone),
}

/// A risky action waiting for confirmation in the one generic confirm modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingAction {
    Site {
        school_id: i64,
        school: String,
        action: SiteAction,
    },
    SessionConfirm {
        key: SessionKey,
        label: String,
        n: usize,
    },
    SessionCancel {
        key: SessionKey,
        label: String,
    },
    /// Move every candidate of a session to the same site in another plan of its level.
    SessionMove {
        from: SessionKey,
        label: String,
        n: usize,
        /// Target sessions and how they are named; `chosen` indexes them.
        targets: Vec<(SessionKey, String)>,
        chosen: usize,
    },
    SessionReady {
        key: SessionKey,
        label: String,
        item: ReadyItem,
        done: bool,
    },
    /// A checked money form: record the payment or payout, or issue the invoice.
    Money {
        school: String,
        draft: crate::tui::screens::fees::money_form::MoneyDraft,
    },
    /// Reverse a mistaken payment with a reversing entry.
    ReversePayment {
        id: i64,
        school: String,
        amount: i64,
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
    /// A triage decision on a submission, at the version the screen showed.
    Decide {
        id: i64,
        /// `school plan #id`, for the question.
        label: String,
        decision: Decision,
        valid_only: bool,
        version: i64,
        valid_rows: usize,
        rows: usize,
    },
}

impl PendingAction {
    /// Whether the confirm modal must collect a reason before accepting.
    pub fn needs_reason(&self) -> bool {
        match self {
            PendingAction::Site { action, .. } => action.needs_reason(),
            PendingAction::Decide { decision, .. } => decision.needs_reason(),
            PendingAction::SessionCancel { .. }
            | PendingAction::SessionMove { .. }
            | PendingAction::ReversePayment { .. }
            | PendingAction::ReverseInvoice { .. } => true,
            _ => false,
        }
    }

    /// Whether the modal offers choices (targets) to pick from with the choice keys.
    pub fn has_choices(&self) -> bool {
        matches!(self, PendingAction::SessionMove { .. })
    }
}

/// What the run loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Quit,
}
