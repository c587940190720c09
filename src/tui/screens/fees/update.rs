//! How the Fees tab's actions change the state: open a money form, check it into the confirm
//! modal, and carry out the confirmed payment, payout, invoice or reversal. Kept apart from
//! update.rs so the money flow reads in one place.

use super::money;
use super::money_form::{MoneyDraft, MoneyForm};
use crate::domain::fees::{InvoiceState, format_yuan};
use crate::domain::time;
use crate::i18n::{fees as msg, tui as tmsg};
use crate::store::{Ledger, StoreError};
use crate::tui::action::{Action, PendingAction};
use super::FeesState;
use crate::tui::app::{App, Confirm, Detail, Modal, Tab};
use crate::tui::screen::{Env, Reply};

/// A Fees tab key: change the list, or open a money form or a reversal's confirm modal.
pub fn handle(s: &mut FeesState, action: &Action, env: &mut Env) -> Reply {
    let l = env.lang;
    match action {
        Action::FeesView => s.next_view(),
        Action::FeesSort => s.toggle_sort(),
        Action::Pay => {
            let today = env.at.with_timezone(&time::china()).date_naive();
            let form = if let Some(b) = s.balance() {
                MoneyForm::entry(l, Ledger::Payment, b.school_id, &b.school, today)
            } else if let Some(site) = s.site() {
                MoneyForm::entry(l, Ledger::Payout, site.school_id, &site.site, today)
            } else {
                return Reply::Done;
            };
            return Reply::Open(Modal::MoneyForm(Box::new(form)));
        }
        Action::IssueInvoice => {
            let Some(b) = s.balance() else {
                return Reply::Done;
            };
            match env.store.school(b.school_id) {
                Ok(school) => {
                    let form = MoneyForm::invoice(
                        l,
                        school.id,
                        &school.info.name,
                        &school.info.invoice_title,
                        &school.info.tax_id,
                    );
                    return Reply::Open(Modal::MoneyForm(Box::new(form)));
                }
                Err(e) => return Reply::Fail(crate::i18n::errors::store_error(&e, l)),
            }
        }
        Action::Reverse if s.payment().is_some() => {
            let Some(p) = s.payment() else {
                return Reply::Done;
            };
            if p.reverses.is_some() || p.reversed_by.is_some() {
                return Reply::Fail(l.t(&msg::REVERSE_PAYMENT_WHICH).to_string());
            }
            let pending = PendingAction::ReversePayment {
                id: p.id,
                school: p.school.clone(),
                amount: p.amount,
            };
            return Reply::Open(Modal::Confirm(Box::new(Confirm::new(pending))));
        }
        Action::Reverse => {
            let Some(i) = s.invoice() else {
                return Reply::Done;
            };
            if i.refers_to.is_some() || i.state == InvoiceState::Reversed {
                return Reply::Fail(l.t(&msg::REVERSE_WHICH).to_string());
            }
            let pending = PendingAction::ReverseInvoice {
                number: i.number.clone(),
                school: i.school.clone(),
                amount: i.amount,
            };
            return Reply::Open(Modal::Confirm(Box::new(Confirm::new(pending))));
        }
        _ => return Reply::Ignored,
    }
    Reply::Done
}

/// Enter in a money form: a checked draft goes to the confirm modal; a bad field stays inline.
pub fn submit(app: &mut App) {
    let l = app.lang;
    let Some(Modal::MoneyForm(f)) = app.modals.last_mut() else {
        return;
    };
    match f.draft(l) {
        Ok(draft) => {
            f.error = None;
            let pending = PendingAction::Money {
                school: f.school.clone(),
                draft,
            };
            app.modals
                .push(Modal::Confirm(Box::new(Confirm::new(pending))));
        }
        Err(e) => f.error = Some(e),
    }
}

/// Carries out a confirmed money action. On success the confirm modal and its form close; on
/// a refusal the reason shows in the confirm modal and nothing was written.
pub fn confirm(app: &mut App, pending: PendingAction, reason: Option<String>) {
    let l = app.lang;
    let actor = app.actor.clone();
    // The store's clock: the demo and --at issue on their own dates.
    let now = app.store.now();
    let done: Result<(String, bool), StoreError> = match pending {
        PendingAction::Money { school, draft } => match draft {
            MoneyDraft::Entry(ledger, new) => {
                app.store.record_entry(&actor, ledger, &new).map(|e| {
                    let text = match ledger {
                        Ledger::Payment => &msg::PAYMENT_RECORDED,
                        Ledger::Payout => &msg::PAYOUT_RECORDED,
                    };
                    let amount = format_yuan(e.amount);
                    let line = l.fill(
                        text,
                        &[("school", &school), ("amount", &amount), ("id", &e.id)],
                    );
                    (line, true)
                })
            }
            MoneyDraft::Invoice {
                school_id,
                amount,
                buyer,
            } => app
                .store
                .issue_invoice(&actor, school_id, amount, &buyer, &now)
                .map(|i| {
                    let line = l.fill(
                        &msg::INVOICE_ISSUED,
                        &[
                            ("number", &i.number),
                            ("title", &i.buyer_title),
                            ("tax_id", &i.tax_id),
                            ("amount", &format_yuan(i.amount)),
                        ],
                    );
                    (line, true)
                }),
        },
        PendingAction::ReversePayment { id, school, .. } => {
            let today = app.at.with_timezone(&time::china()).date_naive();
            app.store
                .reverse_entry(&actor, Ledger::Payment, id, today, reason.as_deref())
                .map(|e| {
                    let line = l.fill(
                        &msg::PAYMENT_REVERSED,
                        &[
                            ("original", &id),
                            ("school", &school),
                            ("amount", &format_yuan(e.amount)),
                            ("id", &e.id),
                        ],
                    );
                    (line, false)
                })
        }
        PendingAction::ReverseInvoice { number, .. } => app
            .store
            .reverse_invoice(&actor, &number, reason.as_deref(), &now)
            .map(|i| {
                let line = l.fill(
                    &msg::INVOICE_REVERSED,
                    &[
                        ("number", &i.number),
                        ("original", &number),
                        ("amount", &format_yuan(i.amount)),
                    ],
                );
                (line, false)
            }),
        _ => return,
    };
    match done {
        Ok((line, from_form)) => {
            app.modals.pop();
            if from_form {
                app.modals.pop();
            }
            app.say(line);
            app.recorded(Tab::Fees);
        }
        Err(e) => {
            let text = app.store_error(&e);
            if let Some(Modal::Confirm(c)) = app.modals.last_mut() {
                c.error = Some(text);
            }
        }
    }
}

/// The detail popup of the selected row, and the audited record whose history it shows.
pub fn detail(s: &super::FeesState, l: crate::i18n::Lang) -> crate::tui::screen::Opened {
    if let Some(b) = s.balance() {
        let not_set: Vec<&str> = b.fees_not_set.iter().map(|x| x.zh()).collect();
        let mut fields = vec![
            (&msg::COL_PAYING, b.paying.to_string()),
            (&msg::COL_FREE, b.free_retakes.to_string()),
            (&msg::COL_CHARGED, money(l, b.balance.charged)),
            (&msg::COL_PAID, format_yuan(b.balance.paid)),
            (&msg::COL_OUTSTANDING, money(l, b.balance.outstanding())),
            (&msg::COL_INVOICED, format_yuan(b.invoiced)),
        ];
        if !not_set.is_empty() {
            fields.push((&msg::FEE_NOT_SET, not_set.join("、")));
        }
        let d = Detail {
            title: b.school.clone(),
            fields,
            sections: Vec::new(),
            history: Vec::new(),
        };
        return Some((d, None));
    }
    if let Some(p) = s.payment() {
        let d = Detail {
            title: format!("#{} {}", p.id, p.school),
            fields: vec![
                (&msg::COL_AMOUNT, format_yuan(p.amount)),
                (&msg::COL_DATE, p.date.clone()),
                (&msg::COL_METHOD, p.method.clone()),
                (&msg::COL_REF, p.reference.clone()),
                (&tmsg::F_REASON, p.reason.clone().unwrap_or_default()),
                (
                    &tmsg::COL_ACTOR,
                    format!("{} {}", p.recorded_by, p.recorded_at),
                ),
            ],
            sections: Vec::new(),
            history: Vec::new(),
        };
        return Some((d, Some(("payment", p.id))));
    }
    if let Some(i) = s.invoice() {
        let d = Detail {
            title: i.number.clone(),
            fields: vec![
                (&msg::COL_SCHOOL, i.school.clone()),
                (&msg::COL_TITLE, i.buyer_title.clone()),
                (&msg::COL_TAX_ID, i.tax_id.clone()),
                (&msg::COL_AMOUNT, format_yuan(i.amount)),
                (
                    &msg::COL_STATE,
                    l.t(msg::invoice_state(i.state, i.refers_to.is_some()))
                        .to_string(),
                ),
                (&msg::COL_REFERS_TO, i.refers_to.clone().unwrap_or_default()),
                (&tmsg::F_REASON, i.reason.clone().unwrap_or_default()),
                (&tmsg::COL_ACTOR, format!("{} {}", i.issued_by, i.issued_at)),
            ],
            sections: Vec::new(),
            history: Vec::new(),
        };
        return Some((d, Some(("invoice", i.id))));
    }
    let b = s.site()?;
    let d = Detail {
        title: b.site.clone(),
        fields: vec![
            (&msg::COL_SESSIONS, b.sessions.to_string()),
            (&msg::COL_CANDIDATES, b.candidates.to_string()),
            (&msg::COL_OWED, money(l, b.owed)),
            (&msg::COL_PAID_OUT, format_yuan(b.paid)),
            (&msg::COL_OUTSTANDING_OUT, money(l, b.outstanding())),
        ],
        sections: Vec::new(),
        history: Vec::new(),
    };
    Some((d, None))
}
