//! Invoices (发票): issued with a number from a gap-free yearly sequence, never edited or
//! deleted; corrected by a 红冲 reversal that refers to the original with the negative amount.
//!
//! The number is taken as `max(seq) + 1` of the year inside the IMMEDIATE write transaction:
//! two staff issuing at once are serialised by the write lock, so each sees the other's number
//! and none is skipped. A trigger refuses any other number, so a gap cannot be written at all.

use chrono::{DateTime, Datelike, FixedOffset};
use rusqlite::{Transaction, params};

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError};
use crate::domain::fees::{self, FeeRefused, InvoiceState};
use crate::domain::staff::Role;
use crate::domain::time;

/// One invoice as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    pub school_id: i64,
    pub school: String,
    /// The buyer's 抬头 and 纳税人识别号 as printed on this invoice.
    pub buyer_title: String,
    pub tax_id: String,
    /// Negative for a reversal.
    pub amount: i64,
    pub state: InvoiceState,
    /// The number of the invoice a reversal reverses.
    pub refers_to: Option<String>,
    /// The number of the reversal that reversed this one.
    pub reversed_by: Option<String>,
    pub reason: Option<String>,
    pub issued_at: String,
    pub issued_by: String,
    /// The seller (开票方) as printed on this invoice; `None` for one issued before kaowu kept it.
    pub seller: Option<Issuer>,
}

/// The seller of every invoice: the exam-administration partner, set once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub name: String,
    /// 纳税人识别号; empty when not given.
    pub tax_id: String,
}

/// The buyer typed for one invoice; absent fields come from the school's 附件2.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buyer {
    pub title: Option<String>,
    pub tax_id: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.number, i.school_id, sc.name, i.buyer_title, i.tax_id,
        i.amount_fen, (SELECT o.number FROM invoice o WHERE o.id = i.refers_to),
        (SELECT r.number FROM invoice r WHERE r.refers_to = i.id), i.reason, i.issued_at,
        i.issued_by, i.seller, i.seller_tax_id
    FROM invoice i JOIN school sc ON sc.id = i.school_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Invoice> {
    let reversed_by: Option<String> = r.get(8)?;
    Ok(Invoice {
        id: r.get(0)?,
        number: r.get(1)?,
        school_id: r.get(2)?,
        school: r.get(3)?,
        buyer_title: r.get(4)?,
        tax_id: r.get(5)?,
        amount: r.get(6)?,
        state: if reversed_by.is_some() {
            InvoiceState::Reversed
        } else {
            InvoiceState::Issued
        },
        refers_to: r.get(7)?,
        reversed_by,
        reason: r.get(9)?,
        issued_at: r.get(10)?,
        issued_by: r.get(11)?,
        seller: r.get::<_, Option<String>>(12)?.map(|name| Issuer {
            name,
            tax_id: r
                .get::<_, Option<String>>(13)
                .ok()
                .flatten()
                .unwrap_or_default(),
        }),
    })
}

fn by_id(tx: &Transaction<'_>, id: i64) -> Result<Invoice> {
    tx.query_row(&format!("{SELECT} WHERE i.id = ?1"), [id], from_row)
        .map_err(StoreError::from)
}

fn issuer(conn: &rusqlite::Connection) -> Result<Option<Issuer>> {
    super::optional(
        conn.query_row("SELECT name, tax_id FROM issuer WHERE id = 1", [], |r| {
            Ok(Issuer {
                name: r.get(0)?,
                tax_id: r.get(1)?,
            })
        }),
    )
}

/// The fields of one invoice row apart from its number.
struct Draft<'a> {
    school_id: i64,
    title: &'a str,
    tax_id: &'a str,
    amount: i64,
    refers_to: Option<i64>,
    reason: Option<&'a str>,
    seller: Option<&'a Issuer>,
}

/// Inserts an invoice under the next number of `at`'s year; its id and number.
fn insert(
    tx: &Transaction<'_>,
    at: &DateTime<FixedOffset>,
    d: &Draft<'_>,
    actor: &Actor,
) -> Result<(i64, String)> {
    let year = at.with_timezone(&time::china()).year();
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM invoice WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let number = fees::invoice_number(year, seq);
    tx.execute(
        "INSERT INTO invoice (year, seq, number, school_id, buyer_title, tax_id, amount_fen,
                              refers_to, reason, issued_at, issued_by, seller, seller_tax_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            year,
            seq,
            number,
            d.school_id,
            d.title,
            d.tax_id,
            d.amount,
            d.refers_to,
            d.reason,
            time::rfc3339(at),
            actor.0,
            d.seller.map(|s| &s.name),
            d.seller.map(|s| &s.tax_id),
        ],
    )?;
    Ok((tx.last_insert_rowid(), number))
}

impl Store {
    /// Issues an invoice to a school at `at` (audited). The buyer defaults to the school's
    /// 开票抬头 and 纳税人识别号; the invoice keeps its own copy.
    pub fn issue_invoice(
        &mut self,
        actor: &Actor,
        school_id: i64,
        amount: i64,
        buyer: &Buyer,
        at: &DateTime<FixedOffset>,
    ) -> Result<Invoice> {
        fees::check_amount(amount).map_err(StoreError::Fee)?;
        let school = self.school(school_id)?;
        let title = buyer.title.as_deref().unwrap_or(&school.info.invoice_title);
        let tax = buyer.tax_id.as_deref().unwrap_or(&school.info.tax_id);
        let (title, tax) = fees::check_buyer(title, tax).map_err(StoreError::Fee)?;
        self.write(actor, Role::Finance, "invoice.issue", |tx| {
            // Read inside the transaction: an invoice carries the seller set when it was issued.
            let seller = issuer(tx)?.ok_or(StoreError::Fee(FeeRefused::IssuerNotSet))?;
            let draft = Draft {
                school_id,
                title: &title,
                tax_id: &tax,
                amount,
                refers_to: None,
                reason: None,
                seller: Some(&seller),
            };
            let (id, number) = insert(tx, at, &draft, actor)?;
            record(
                tx,
                actor,
                Change {
                    action: "invoice.issue".into(),
                    entity: "invoice",
                    entity_id: Some(id),
                    label: school.info.name.clone(),
                    detail: format!("{number} {} {title} {tax}", fees::format_yuan(amount)),
                    reason: None,
                },
            )?;
            by_id(tx, id)
        })
    }

    /// Reverses (红冲) the invoice `number` with a new invoice of the negative amount referring
    /// to it (audited); the reversal. Refused for a reversal or an already reversed invoice.
    pub fn reverse_invoice(
        &mut self,
        actor: &Actor,
        number: &str,
        reason: Option<&str>,
        at: &DateTime<FixedOffset>,
    ) -> Result<Invoice> {
        let reason = fees::check_reason(reason).map_err(StoreError::Fee)?;
        let number = number.trim().to_uppercase();
        self.write(actor, Role::Finance, "invoice.reverse", |tx| {
            let original = super::optional(tx.query_row(
                &format!("{SELECT} WHERE i.number = ?1"),
                [&number],
                from_row,
            ))?
            .ok_or_else(|| StoreError::Fee(FeeRefused::Unknown(number.clone())))?;
            if original.refers_to.is_some() {
                return Err(StoreError::Fee(FeeRefused::IsReversal(number.clone())));
            }
            if original.reversed_by.is_some() {
                return Err(StoreError::Fee(FeeRefused::AlreadyReversed(number.clone())));
            }
            // A reversal is issued by whoever issued the original; one from before kaowu kept
            // the seller takes today's.
            let seller = match &original.seller {
                Some(s) => s.clone(),
                None => issuer(tx)?.ok_or(StoreError::Fee(FeeRefused::IssuerNotSet))?,
            };
            let draft = Draft {
                school_id: original.school_id,
                title: &original.buyer_title,
                tax_id: &original.tax_id,
                amount: -original.amount,
                refers_to: Some(original.id),
                reason: Some(&reason),
                seller: Some(&seller),
            };
            let (id, new_number) = insert(tx, at, &draft, actor)?;
            record(
                tx,
                actor,
                Change {
                    action: "invoice.reverse".into(),
                    entity: "invoice",
                    entity_id: Some(id),
                    label: original.school.clone(),
                    detail: format!(
                        "{new_number} 红冲 {number} {}",
                        fees::format_yuan(-original.amount)
                    ),
                    reason: Some(reason.clone()),
                },
            )?;
            by_id(tx, id)
        })
    }

    /// Sets the seller printed on invoices and statements from now on (audited); invoices
    /// already issued keep theirs.
    pub fn set_issuer(&mut self, actor: &Actor, name: &str, tax_id: &str) -> Result<Issuer> {
        let name = name.trim();
        let tax_id = tax_id.trim().to_uppercase();
        if name.is_empty() {
            return Err(StoreError::Fee(FeeRefused::IssuerNotSet));
        }
        if !tax_id.is_empty() {
            // The same rule as a buyer's 纳税人识别号.
            fees::check_buyer(name, &tax_id).map_err(StoreError::Fee)?;
        }
        self.write(actor, Role::Finance, "issuer.set", |tx| {
            let before = issuer(tx)?;
            tx.execute(
                "INSERT INTO issuer (id, name, tax_id, set_at, set_by) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = ?1, tax_id = ?2, set_at = ?3, set_by = ?4",
                params![name, tax_id, super::stamp(), actor.0],
            )?;
            let detail = match &before {
                Some(b) => format!("{} {} → {name} {tax_id}", b.name, b.tax_id),
                None => format!("{name} {tax_id}"),
            };
            record(
                tx,
                actor,
                Change {
                    action: "issuer.set".into(),
                    entity: "issuer",
                    entity_id: Some(1),
                    label: name.to_string(),
                    detail: detail.trim().to_string(),
                    reason: None,
                },
            )?;
            Ok(Issuer {
                name: name.to_string(),
                tax_id: tax_id.clone(),
            })
        })
    }

    /// The seller of invoices, when set.
    pub fn issuer(&self) -> Result<Option<Issuer>> {
        issuer(self.conn())
    }

    /// Invoices (only `school`'s when given), by number.
    pub fn invoices(&self, school: Option<i64>) -> Result<Vec<Invoice>> {
        let mut stmt = self.conn().prepare(&format!(
            "{SELECT} WHERE ?1 IS NULL OR i.school_id = ?1 ORDER BY i.year, i.seq"
        ))?;
        let rows = stmt.query_map([school], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
