//! Session decisions: confirm (with admission numbers), cancel, move candidates, readiness.
//! Each runs in one IMMEDIATE transaction with its audit row; the rules are domain::session's.

use rusqlite::{Transaction, params};

use super::audit::{Change, record};
use super::sessions::{PLACED, ReadyItem, head_count, session_state};
use super::{Actor, Result, Store, StoreError, stamp};
use crate::domain::privacy::mask_id;
use crate::domain::session::{self, SessionRefused, SessionState};
use crate::domain::staff::Role;
use crate::domain::{Plan, SiteState};

/// One session, named by plan and school ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionKey {
    pub plan_id: i64,
    pub school_id: i64,
}

/// A candidate as rosters and the platform export write it: full ID and phone (the exports'
/// purpose needs them), the session it sits in and its admission number there, if given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedCandidate {
    pub school_id: i64,
    pub admission_number: Option<String>,
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub phone: String,
    pub school_name: String,
    pub major: String,
    pub grade: String,
    pub class: String,
    pub retake: bool,
    pub remark: String,
}

fn label(tx: &Transaction<'_>, plan: &Plan, school_id: i64) -> Result<String> {
    let school: String = tx
        .query_row("SELECT name FROM school WHERE id = ?1", [school_id], |r| {
            r.get(0)
        })
        .map_err(|_| StoreError::UnknownSchool(school_id.to_string()))?;
    Ok(format!("{} {school}", plan.code()))
}

fn site_approved(tx: &Transaction<'_>, school_id: i64) -> Result<bool> {
    let st: String = tx
        .query_row(
            "SELECT site_state FROM school WHERE id = ?1",
            [school_id],
            |r| r.get(0),
        )
        .map_err(|_| StoreError::UnknownSchool(school_id.to_string()))?;
    Ok(st == SiteState::Approved.key())
}

fn set_state(tx: &Transaction<'_>, k: SessionKey, sql_set: &str, args: &[&str]) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO session (plan_id, school_id) VALUES (?1, ?2)",
        params![k.plan_id, k.school_id],
    )?;
    tx.execute(
        &format!("UPDATE session SET {sql_set} WHERE plan_id = ?1 AND school_id = ?2"),
        rusqlite::params_from_iter(
            [k.plan_id.to_string(), k.school_id.to_string()]
                .into_iter()
                .chain(args.iter().map(|s| s.to_string())),
        ),
    )?;
    Ok(())
}

/// Gives the next free numbers to the session's candidates that have none here yet, in the
/// order they were registered; numbers already given are never touched. Returns how many.
fn number_session(tx: &Transaction<'_>, plan: &Plan, school_id: i64) -> Result<usize> {
    let mut stmt = tx.prepare(&format!(
        "SELECT p.cid FROM ({PLACED}) p JOIN candidate c ON c.id = p.cid
         WHERE p.plan_id = ?1 AND p.school_id = ?2 AND NOT EXISTS (
           SELECT 1 FROM admission a
           WHERE a.candidate_id = p.cid AND a.plan_id = ?1 AND a.school_id = ?2)
         ORDER BY c.submission_id, c.row"
    ))?;
    let ids: Vec<i64> = stmt
        .query_map(params![plan.id, school_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let last: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) FROM admission WHERE plan_id = ?1 AND school_id = ?2",
        params![plan.id, school_id],
        |r| r.get(0),
    )?;
    let now = stamp();
    let mut ins = tx.prepare(
        "INSERT INTO admission (candidate_id, plan_id, school_id, seq, number, assigned_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, cid) in ids.iter().enumerate() {
        let seq =
            u32::try_from(last + 1 + i as i64).map_err(|_| SessionRefused::NumbersExhausted)?;
        let number =
            session::admission_number(plan.exam_start.date_naive(), plan.level, school_id, seq)?;
        ins.execute(params![cid, plan.id, school_id, seq, number, now])?;
    }
    Ok(ids.len())
}

impl Store {
    /// Confirms a session: refused under the minimum (with the shortfall), when not open, or
    /// when the site is not approved. Gives every candidate its admission number in the same
    /// transaction. Returns how many numbers were given.
    pub fn confirm_session(&mut self, actor: &Actor, k: SessionKey) -> Result<usize> {
        let plan = self.plan(k.plan_id)?;
        self.write(actor, Role::Triage, "session.confirm", |tx| {
            let state = session_state(tx, k.plan_id, k.school_id)?;
            let count = head_count(tx, k.plan_id, k.school_id)?;
            session::check_confirm(state, count)?;
            if !site_approved(tx, k.school_id)? {
                return Err(SessionRefused::SiteNotApproved.into());
            }
            set_state(
                tx,
                k,
                "state = 'confirmed', confirmed_at = ?3, confirmed_by = ?4",
                &[&stamp(), &actor.0],
            )?;
            let numbered = number_session(tx, &plan, k.school_id)?;
            record(
                tx,
                actor,
                Change {
                    action: "session.confirm".into(),
                    entity: "session",
                    entity_id: Some(k.school_id),
                    label: label(tx, &plan, k.school_id)?,
                    detail: format!(
                        "open → confirmed, {} 人 (补考 {}), 准考证号 {numbered} 个",
                        count.accepted, count.retakes
                    ),
                    reason: None,
                },
            )?;
            Ok(numbered)
        })
    }

    /// Cancels a session with a reason. Its candidates stay, marked by the session's state, and
    /// can still be moved elsewhere.
    pub fn cancel_session(
        &mut self,
        actor: &Actor,
        k: SessionKey,
        reason: Option<&str>,
    ) -> Result<()> {
        let plan = self.plan(k.plan_id)?;
        self.write(actor, Role::Triage, "session.cancel", |tx| {
            let state = session_state(tx, k.plan_id, k.school_id)?;
            session::check_cancel(state, reason)?;
            let reason = reason.unwrap_or_default().trim().to_string();
            set_state(
                tx,
                k,
                "state = 'cancelled', cancelled_at = ?3, cancelled_by = ?4, cancel_reason = ?5",
                &[&stamp(), &actor.0, &reason],
            )?;
            let count = head_count(tx, k.plan_id, k.school_id)?;
            record(
                tx,
                actor,
                Change {
                    action: "session.cancel".into(),
                    entity: "session",
                    entity_id: Some(k.school_id),
                    label: label(tx, &plan, k.school_id)?,
                    detail: format!("{} → cancelled, {} 人", state.key(), count.accepted),
                    reason: Some(reason),
                },
            )
        })
    }

    /// Moves the session's candidates (all, or those with the given ID numbers) to another
    /// session of the same level, with a reason. Refused across levels, out of a confirmed
    /// session, into a cancelled one or an unapproved site, and when a candidate is already
    /// registered for the target plan. Arrivals in a confirmed session get the next numbers.
    /// Returns how many moved.
    pub fn move_candidates(
        &mut self,
        actor: &Actor,
        from: SessionKey,
        to: SessionKey,
        id_numbers: Option<&[String]>,
        reason: Option<&str>,
    ) -> Result<usize> {
        let (from_plan, to_plan) = (self.plan(from.plan_id)?, self.plan(to.plan_id)?);
        self.write(actor, Role::Triage, "session.move", |tx| {
            let from_state = session_state(tx, from.plan_id, from.school_id)?;
            let to_state = session_state(tx, to.plan_id, to.school_id)?;
            session::check_move(
                (from_state, from_plan.level),
                (to_state, to_plan.level),
                from == to,
                reason,
            )?;
            if !site_approved(tx, to.school_id)? {
                return Err(SessionRefused::SiteNotApproved.into());
            }
            let mut stmt = tx.prepare(&format!(
                "SELECT cid, id_number FROM ({PLACED}) WHERE plan_id = ?1 AND school_id = ?2"
            ))?;
            let mut chosen: Vec<(i64, String)> = stmt
                .query_map(params![from.plan_id, from.school_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            if let Some(ids) = id_numbers {
                let wanted: Vec<String> = ids.iter().map(|s| s.trim().to_uppercase()).collect();
                let missing = wanted
                    .iter()
                    .filter(|w| !chosen.iter().any(|(_, id)| id == *w))
                    .count();
                if missing > 0 {
                    return Err(SessionRefused::NotInSession(missing).into());
                }
                chosen.retain(|(_, id)| wanted.contains(id));
            }
            if chosen.is_empty() {
                return Err(SessionRefused::Empty.into());
            }
            if to.plan_id != from.plan_id {
                let mut dup = tx.prepare(&format!(
                    "SELECT count(*) FROM ({PLACED}) WHERE plan_id = ?1 AND id_number = ?2"
                ))?;
                let mut already = 0;
                for (_, id) in &chosen {
                    let n: i64 = dup.query_row(params![to.plan_id, id], |r| r.get(0))?;
                    already += usize::from(n > 0);
                }
                if already > 0 {
                    return Err(SessionRefused::AlreadyInPlan(already).into());
                }
            }
            let reason = reason.unwrap_or_default().trim().to_string();
            let now = stamp();
            let mut put = tx.prepare(
                "INSERT OR REPLACE INTO placement (candidate_id, plan_id, school_id, from_plan_id,
                 from_school_id, moved_at, moved_by, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (cid, _) in &chosen {
                put.execute(params![
                    cid,
                    to.plan_id,
                    to.school_id,
                    from.plan_id,
                    from.school_id,
                    now,
                    actor.0,
                    reason
                ])?;
            }
            let numbered = if to_state == SessionState::Confirmed {
                number_session(tx, &to_plan, to.school_id)?
            } else {
                0
            };
            let ids: Vec<String> = chosen.iter().map(|(_, id)| mask_id(id)).collect();
            record(
                tx,
                actor,
                Change {
                    action: "session.move".into(),
                    entity: "session",
                    entity_id: Some(from.school_id),
                    label: label(tx, &from_plan, from.school_id)?,
                    detail: format!(
                        "→ {}: {} 人{}: {}",
                        label(tx, &to_plan, to.school_id)?,
                        chosen.len(),
                        if numbered > 0 {
                            format!(", 准考证号 {numbered} 个")
                        } else {
                            String::new()
                        },
                        ids.join(", ")
                    ),
                    reason: Some(reason),
                },
            )?;
            Ok(chosen.len())
        })
    }

    /// Marks a readiness item done (or, with `done` false, not done), audited.
    pub fn set_ready(
        &mut self,
        actor: &Actor,
        k: SessionKey,
        item: ReadyItem,
        done: bool,
    ) -> Result<()> {
        let plan = self.plan(k.plan_id)?;
        self.write(actor, Role::Triage, &format!("session.ready.{}", item.key()), |tx| {
            let label = label(tx, &plan, k.school_id)?;
            if session_state(tx, k.plan_id, k.school_id)? == SessionState::Cancelled {
                return Err(SessionRefused::Cancelled.into());
            }
            let changed = if done {
                tx.execute(
                    "INSERT OR IGNORE INTO session_ready (plan_id, school_id, item, done_at, done_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![k.plan_id, k.school_id, item.key(), stamp(), actor.0],
                )?
            } else {
                tx.execute(
                    "DELETE FROM session_ready WHERE plan_id = ?1 AND school_id = ?2 AND item = ?3",
                    params![k.plan_id, k.school_id, item.key()],
                )?
            };
            if changed > 0 {
                record(
                    tx,
                    actor,
                    Change {
                        action: format!("session.ready.{}", item.key()),
                        entity: "session",
                        entity_id: Some(k.school_id),
                        label,
                        detail: if done { "done" } else { "not done" }.into(),
                        reason: None,
                    },
                )?;
            }
            Ok(())
        })
    }

    /// The final roster of a session, by admission number: refused under the minimum (with the
    /// shortfall) or unless confirmed. Candidates who arrived after confirmation get the next
    /// free numbers first (audited), so the roster is always complete.
    pub fn roster(&mut self, actor: &Actor, k: SessionKey) -> Result<Vec<PlacedCandidate>> {
        let plan = self.plan(k.plan_id)?;
        self.write(actor, Role::Triage, "session.roster", |tx| {
            let state = session_state(tx, k.plan_id, k.school_id)?;
            session::check_roster(state, head_count(tx, k.plan_id, k.school_id)?)?;
            let numbered = number_session(tx, &plan, k.school_id)?;
            if numbered > 0 {
                record(
                    tx,
                    actor,
                    Change {
                        action: "session.number".into(),
                        entity: "session",
                        entity_id: Some(k.school_id),
                        label: label(tx, &plan, k.school_id)?,
                        detail: format!("准考证号 {numbered} 个 (确认后新增考生)"),
                        reason: None,
                    },
                )?;
            }
            placed_candidates(tx, k.plan_id, Some(k.school_id))
        })
    }

    /// The admission number a candidate holds in its current session, if given.
    pub fn admission_number(&self, candidate_id: i64) -> Result<Option<String>> {
        super::optional(self.conn().query_row(
            &format!(
                "SELECT a.number FROM ({PLACED}) p JOIN admission a ON a.candidate_id = p.cid
                 AND a.plan_id = p.plan_id AND a.school_id = p.school_id WHERE p.cid = ?1"
            ),
            [candidate_id],
            |r| r.get(0),
        ))
    }
}

/// The candidates placed in a plan (optionally at one school), by school then admission number
/// (unnumbered ones last, in registration order).
pub(super) fn placed_candidates(
    conn: &rusqlite::Connection,
    plan_id: i64,
    school_id: Option<i64>,
) -> Result<Vec<PlacedCandidate>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT p.school_id, a.number, c.name, c.id_type, c.id_number, c.gender, c.birth_date,
                c.phone, c.school_name, c.major, c.grade, c.class, c.retake, c.remark
         FROM ({PLACED}) p JOIN candidate c ON c.id = p.cid
         LEFT JOIN admission a ON a.candidate_id = p.cid AND a.plan_id = p.plan_id
              AND a.school_id = p.school_id
         WHERE p.plan_id = ?1 AND (?2 IS NULL OR p.school_id = ?2)
         ORDER BY p.school_id, a.seq IS NULL, a.seq, c.submission_id, c.row"
    ))?;
    let rows = stmt.query_map(params![plan_id, school_id], |r| {
        Ok(PlacedCandidate {
            school_id: r.get(0)?,
            admission_number: r.get(1)?,
            name: r.get(2)?,
            id_type: r.get(3)?,
            id_number: r.get(4)?,
            gender: r.get(5)?,
            birth_date: r.get(6)?,
            phone: r.get(7)?,
            school_name: r.get(8)?,
            major: r.get(9)?,
            grade: r.get(10)?,
            class: r.get(11)?,
            retake: r.get(12)?,
            remark: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
