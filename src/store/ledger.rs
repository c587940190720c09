//! Payments from schools and payouts to sites: append-only ledgers of the same shape. A
//! mistake is corrected by a reversing entry (the negative amount, referring to the original),
//! never by editing or deleting; the triggers of 004_fees.sql refuse anything else.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, stamp};
use crate::domain::fees::{self, FeeRefused};
use crate::domain::staff::Role;

/// Which ledger: money in from schools, or money out to sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    /// 考试费 received from a school.
    Payment,
    /// 考点服务费 paid to a site.
    Payout,
}

impl Ledger {
    fn table(self) -> &'static str {
        match self {
            Ledger::Payment => "payment",
            Ledger::Payout => "payout",
        }
    }
}

/// A new entry as staff type it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub school_id: i64,
    pub amount: i64,
    pub date: NaiveDate,
    /// 转账, 对公汇款, …: free text.
    pub method: String,
    /// The bank reference or voucher number.
    pub reference: String,
}

/// One ledger entry as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub school_id: i64,
    pub school: String,
    pub amount: i64,
    pub date: String,
    pub method: String,
    pub reference: String,
    /// The entry this one reverses.
    pub reverses: Option<i64>,
    /// The entry that reversed this one.
    pub reversed_by: Option<i64>,
    pub reason: Option<String>,
    pub recorded_at: String,
    pub recorded_by: String,
}

fn entry_sql(table: &str) -> String {
    format!(
        "SELECT e.id, e.school_id, sc.name, e.amount_fen, e.paid_on, e.method, e.reference,
                e.reverses, (SELECT r.id FROM {table} r WHERE r.reverses = e.id), e.reason,
                e.recorded_at, e.recorded_by
         FROM {table} e JOIN school sc ON sc.id = e.school_id"
    )
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        school_id: r.get(1)?,
        school: r.get(2)?,
        amount: r.get(3)?,
        date: r.get(4)?,
        method: r.get(5)?,
        reference: r.get(6)?,
        reverses: r.get(7)?,
        reversed_by: r.get(8)?,
        reason: r.get(9)?,
        recorded_at: r.get(10)?,
        recorded_by: r.get(11)?,
    })
}

fn entry(tx: &Transaction<'_>, ledger: Ledger, id: i64) -> Result<Option<Entry>> {
    super::optional(tx.query_row(
        &format!("{} WHERE e.id = ?1", entry_sql(ledger.table())),
        [id],
        from_row,
    ))
}

/// Whether the school's site holds a confirmed session (what a payout pays for). Asked inside
/// the payout's transaction, so a session cancelled a moment before is seen.
fn has_confirmed_session(tx: &Transaction<'_>, school_id: i64) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM session WHERE school_id = ?1 AND state = 'confirmed')",
        [school_id],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Records a payment or payout (audited); the new entry.
    pub fn record_entry(&mut self, actor: &Actor, ledger: Ledger, new: &NewEntry) -> Result<Entry> {
        fees::check_amount(new.amount).map_err(StoreError::Fee)?;
        let school = self.school(new.school_id)?;
        self.write(
            actor,
            Role::Finance,
            &format!("{}.record", ledger.table()),
            |tx| {
                if ledger == Ledger::Payout && !has_confirmed_session(tx, new.school_id)? {
                    return Err(StoreError::Fee(FeeRefused::NoConfirmedSession(
                        school.info.name.clone(),
                    )));
                }
                tx.execute(
                    &format!(
                        "INSERT INTO {} (school_id, amount_fen, paid_on, method, reference,
                                     recorded_at, recorded_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        ledger.table()
                    ),
                    params![
                        new.school_id,
                        new.amount,
                        new.date.to_string(),
                        new.method.trim(),
                        new.reference.trim(),
                        stamp(),
                        actor.0
                    ],
                )?;
                let id = tx.last_insert_rowid();
                record(
                    tx,
                    actor,
                    Change {
                        action: format!("{}.record", ledger.table()),
                        entity: ledger.table(),
                        entity_id: Some(id),
                        label: school.info.name.clone(),
                        detail: format!(
                            "{} {} {} {}",
                            fees::format_yuan(new.amount),
                            new.date,
                            new.method.trim(),
                            new.reference.trim()
                        ),
                        reason: None,
                    },
                )?;
                entry(tx, ledger, id)?.ok_or_else(|| StoreError::Corrupt("entry vanished".into()))
            },
        )
    }

    /// Reverses entry `id` with a mirror entry dated `date` (audited); the reversal.
    pub fn reverse_entry(
        &mut self,
        actor: &Actor,
        ledger: Ledger,
        id: i64,
        date: NaiveDate,
        reason: Option<&str>,
    ) -> Result<Entry> {
        let reason = fees::check_reason(reason).map_err(StoreError::Fee)?;
        self.write(
            actor,
            Role::Finance,
            &format!("{}.reverse", ledger.table()),
            |tx| {
                let original = entry(tx, ledger, id)?
                    .ok_or_else(|| StoreError::Fee(FeeRefused::Unknown(id.to_string())))?;
                if original.reverses.is_some() {
                    return Err(StoreError::Fee(FeeRefused::IsReversal(id.to_string())));
                }
                if original.reversed_by.is_some() {
                    return Err(StoreError::Fee(FeeRefused::AlreadyReversed(id.to_string())));
                }
                tx.execute(
                    &format!(
                    "INSERT INTO {} (school_id, amount_fen, paid_on, method, reference, reverses,
                                     reason, recorded_at, recorded_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    ledger.table()
                ),
                    params![
                        original.school_id,
                        -original.amount,
                        date.to_string(),
                        original.method,
                        original.reference,
                        id,
                        reason,
                        stamp(),
                        actor.0
                    ],
                )?;
                let rid = tx.last_insert_rowid();
                record(
                    tx,
                    actor,
                    Change {
                        action: format!("{}.reverse", ledger.table()),
                        entity: ledger.table(),
                        entity_id: Some(rid),
                        label: original.school.clone(),
                        detail: format!(
                            "#{id} {} → {}",
                            fees::format_yuan(original.amount),
                            fees::format_yuan(-original.amount)
                        ),
                        reason: Some(reason.clone()),
                    },
                )?;
                entry(tx, ledger, rid)?.ok_or_else(|| StoreError::Corrupt("entry vanished".into()))
            },
        )
    }

    /// Entries of one ledger (only `school`'s when given), oldest first.
    pub fn entries(&self, ledger: Ledger, school: Option<i64>) -> Result<Vec<Entry>> {
        let sql = format!(
            "{} WHERE ?1 IS NULL OR e.school_id = ?1 ORDER BY e.id",
            entry_sql(ledger.table())
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([school], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
