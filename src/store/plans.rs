//! 考试计划 rows: the notice's seed, lookup by id or code, audited edits.

use chrono::NaiveDate;
use rusqlite::{Row, Transaction, params};

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, parse_stored_time};
use crate::domain::plan::parse_plan_code;
use crate::domain::staff::Role;
use crate::domain::submission::SubmissionState;
use crate::domain::{Plan, PlanDraft, SiteState, time};

/// The notice's plans, shipped in data/ and loaded into a new database.
const SEED: &str = include_str!("../../data/plans.tsv");

const COLUMNS: &str = "id, name, level, opens, closes, exam_start, exam_end, dingtalk_group";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, [String; 7])> {
    Ok((
        r.get(0)?,
        [
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ],
    ))
}

fn to_plan(
    (id, [name, level, opens, closes, start, end, group]): (i64, [String; 7]),
) -> Result<Plan> {
    let date = |s: &str| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
    };
    Ok(Plan {
        id,
        level: level
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("level {level:?}")))?,
        opens: date(&opens)?,
        closes: date(&closes)?,
        exam_start: parse_stored_time(&start)?,
        exam_end: parse_stored_time(&end)?,
        name,
        group,
    })
}

/// Parses the seed file: tab-separated, `#` comments.
fn seed_drafts() -> Vec<PlanDraft> {
    SEED.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("seed date");
            let t = |s: &str| time::parse_time(s).expect("seed time");
            PlanDraft {
                name: f[0].to_string(),
                level: f[1].parse().expect("seed level"),
                opens: date(f[2]),
                closes: date(f[3]),
                exam_start: t(f[4]),
                exam_end: t(f[5]),
                group: f.get(6).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

fn insert(tx: &Transaction<'_>, d: &PlanDraft) -> Result<i64> {
    let r = tx.execute(
        "INSERT INTO plan (name, level, opens, closes, exam_start, exam_end, dingtalk_group)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            d.name.trim(),
            d.level.key(),
            d.opens.to_string(),
            d.closes.to_string(),
            time::rfc3339(&d.exam_start),
            time::rfc3339(&d.exam_end),
            d.group.trim(),
        ],
    );
    match r {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::PlanExists)
        }
        r => Ok(r.map(|_| tx.last_insert_rowid())?),
    }
}

impl Store {
    /// Loads the notice's plans into an empty plan table (first start only).
    pub(super) fn seed_plans(&mut self) -> Result<()> {
        self.write_unchecked(|tx| {
            let n: i64 = tx.query_row("SELECT count(*) FROM plan", [], |r| r.get(0))?;
            if n == 0 {
                for d in seed_drafts() {
                    insert(tx, &d)?;
                }
            }
            Ok(())
        })
    }

    /// Every plan, by exam start then level.
    pub fn plans(&self) -> Result<Vec<Plan>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM plan ORDER BY exam_start, level"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        rows.map(|r| to_plan(r?)).collect()
    }

    /// The plan with this id.
    pub fn plan(&self, id: i64) -> Result<Plan> {
        let row = self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM plan WHERE id = ?1"),
                [id],
                from_row,
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::UnknownPlan(id.to_string()),
                e => e.into(),
            })?;
        to_plan(row)
    }

    /// A plan as staff name it: its id, or its code `20211211-初级` / `20211211-junior`.
    pub fn find_plan(&self, key: &str) -> Result<Plan> {
        let unknown = || StoreError::UnknownPlan(key.to_string());
        if let Ok(id) = key.trim().parse::<i64>() {
            return self.plan(id).map_err(|_| unknown());
        }
        let (date, level) = parse_plan_code(key).ok_or_else(unknown)?;
        self.plans()?
            .into_iter()
            .find(|p| p.exam_start.date_naive() == date && p.level == level)
            .ok_or_else(unknown)
    }

    /// Adds a plan (checked), audited.
    pub fn add_plan(&mut self, actor: &Actor, draft: &PlanDraft) -> Result<Plan> {
        draft.validate()?;
        let id = self.write(actor, Role::Admin, "plan.add", |tx| {
            let id = insert(tx, draft)?;
            record(
                tx,
                actor,
                Change {
                    action: "plan.add".into(),
                    entity: "plan",
                    entity_id: Some(id),
                    label: draft.name.clone(),
                    detail: describe(draft),
                    reason: None,
                },
            )?;
            Ok(id)
        })?;
        self.plan(id)
    }

    /// Saves an edited plan, audited. Moving the registration window needs a reason: it decides
    /// whether schools' files count as late.
    pub fn update_plan(
        &mut self,
        actor: &Actor,
        id: i64,
        draft: &PlanDraft,
        reason: Option<&str>,
    ) -> Result<Plan> {
        draft.validate()?;
        let before = self.plan(id)?;
        let window_moved = before.opens != draft.opens || before.closes != draft.closes;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if window_moved && reason.is_none() {
            return Err(StoreError::WindowReasonRequired);
        }
        let old = describe(&PlanDraft::from_plan(&before));
        let new = describe(draft);
        if old == new {
            return Ok(before);
        }
        self.write(actor, Role::Admin, "plan.edit", |tx| {
            let n = tx.execute(
                "UPDATE plan SET name = ?2, level = ?3, opens = ?4, closes = ?5, exam_start = ?6,
                 exam_end = ?7, dingtalk_group = ?8 WHERE id = ?1",
                params![
                    id,
                    draft.name.trim(),
                    draft.level.key(),
                    draft.opens.to_string(),
                    draft.closes.to_string(),
                    time::rfc3339(&draft.exam_start),
                    time::rfc3339(&draft.exam_end),
                    draft.group.trim(),
                ],
            );
            if let Err(rusqlite::Error::SqliteFailure(e, _)) = &n
                && e.code == rusqlite::ErrorCode::ConstraintViolation
            {
                return Err(StoreError::PlanExists);
            }
            n?;
            record(
                tx,
                actor,
                Change {
                    action: if window_moved {
                        "plan.window"
                    } else {
                        "plan.edit"
                    }
                    .into(),
                    entity: "plan",
                    entity_id: Some(id),
                    label: before.code(),
                    detail: format!("{old} → {new}"),
                    reason: reason.map(str::to_string),
                },
            )?;
            if window_moved {
                let plan = to_plan(tx.query_row(
                    &format!("SELECT {COLUMNS} FROM plan WHERE id = ?1"),
                    [id],
                    from_row,
                )?)?;
                rejudge_waiting(tx, actor, &plan, reason.unwrap_or_default())?;
            }
            Ok(())
        })?;
        self.plan(id)
    }
}

/// After a window change, the plan's undecided submissions are judged again at their received
/// time against the new window (domain rule 1): a file that came in during an extension is no
/// longer late, one now outside the window is. Each change is audited with the window change's
/// reason. Decided files, and files sent back to the school, keep their state.
fn rejudge_waiting(tx: &Transaction<'_>, actor: &Actor, plan: &Plan, reason: &str) -> Result<()> {
    let waiting: Vec<(i64, String, String, String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT s.id, s.received_at, s.state, sc.site_state, sc.name
             FROM submission s JOIN school sc ON sc.id = s.school_id
             WHERE s.plan_id = ?1 AND s.state IN ('pending', 'late', 'early', 'site_not_approved')",
        )?;
        let rows = stmt.query_map([plan.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, received, state, site, school) in waiting {
        let received = parse_stored_time(&received)?;
        let site: SiteState = site
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("site state {site:?}")))?;
        let now = SubmissionState::on_arrival(plan, received, site);
        if now.key() == state {
            continue;
        }
        tx.execute(
            "UPDATE submission SET state = ?2, version = version + 1 WHERE id = ?1",
            params![id, now.key()],
        )?;
        record(
            tx,
            actor,
            Change {
                action: "submission.rejudge".into(),
                entity: "submission",
                entity_id: Some(id),
                label: format!("{school} #{id}"),
                detail: format!("{state} → {}", now.key()),
                reason: Some(reason.to_string()),
            },
        )?;
    }
    Ok(())
}

/// One line describing a plan's schedule, for the audit log.
fn describe(d: &PlanDraft) -> String {
    let slot_end = d.exam_end.time().format("%H:%M");
    format!(
        "{} {} 报名 {}–{} 考试 {}–{}",
        d.name.trim(),
        d.level.zh(),
        d.opens,
        d.closes,
        time::short(&d.exam_start),
        slot_end
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_holds_the_notices_seven_plans() {
        let s = Store::open_in_memory().unwrap();
        let plans = s.plans().unwrap();
        assert_eq!(plans.len(), 7);
        let codes: Vec<String> = plans.iter().map(Plan::code).collect();
        assert_eq!(
            codes,
            [
                "20211211-高级",
                "20211211-初级",
                "20211212-中级",
                "20211224-中级",
                "20220108-高级",
                "20220108-初级",
                "20220109-中级"
            ]
        );
        for d in seed_drafts() {
            assert_eq!(d.validate(), Ok(()), "{}", d.name);
        }
    }

    #[test]
    fn plans_are_found_by_code_or_id() {
        let s = Store::open_in_memory().unwrap();
        let p = s.find_plan("20211224-intermediate").unwrap();
        assert_eq!(p.name, "1+X-跨境电商 B2B-20211224 全国统考（中级）");
        assert_eq!(s.find_plan(&p.id.to_string()).unwrap(), p);
        assert!(matches!(
            s.find_plan("20211224-初级"),
            Err(StoreError::UnknownPlan(_))
        ));
        assert!(matches!(
            s.find_plan("999"),
            Err(StoreError::UnknownPlan(_))
        ));
    }

    #[test]
    fn a_window_change_needs_a_reason_and_is_audited() {
        let mut s = Store::open_in_memory().unwrap();
        let actor = Actor("jinbei".into());
        let p = s.find_plan("20211211-初级").unwrap();
        let mut d = PlanDraft::from_plan(&p);
        d.closes = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap();
        assert!(matches!(
            s.update_plan(&actor, p.id, &d, None),
            Err(StoreError::WindowReasonRequired)
        ));
        let saved = s
            .update_plan(&actor, p.id, &d, Some("省厅通知延期"))
            .unwrap();
        assert_eq!(saved.closes, d.closes);
        let log = s.audit_log(&Default::default(), 10, 0).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action, "plan.window");
        assert_eq!(log[0].actor, "jinbei");
        assert_eq!(log[0].reason.as_deref(), Some("省厅通知延期"));
        assert!(log[0].detail.contains("2021-11-21") && log[0].detail.contains("2021-11-23"));
    }
}
