//! The fee schedule, what each school is charged (one line per paying or free candidate) and
//! the balances of schools and sites. The rules (free first retake, fee not set, site fee
//! basis) are domain::fees'; this module only gathers the facts they need.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::params;

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, stamp};
use crate::domain::Level;
use crate::domain::fees::{self, Balance, Charge, SiteFeeBasis};
use crate::domain::session::SessionState;
use crate::domain::staff::Role;

/// One candidate a school is charged for (or listed at 0 as a free first retake).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeLine {
    pub candidate_id: i64,
    /// The school whose accepted submission registered the candidate: it pays.
    pub school_id: i64,
    pub school: String,
    pub plan_code: String,
    pub level: Level,
    pub name: String,
    pub id_number: String,
    pub retake: bool,
    pub charge: Charge,
}

/// A school's account as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolBalance {
    pub school_id: i64,
    pub school: String,
    pub balance: Balance,
    /// Candidates charged the fee.
    pub paying: usize,
    /// First retakes listed at 0.
    pub free_retakes: usize,
    /// Levels with candidates but no fee set: the charge is unknown until they are.
    pub fees_not_set: Vec<Level>,
    /// Sum of issued invoices less reversals.
    pub invoiced: i64,
}

/// The site service fee in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteFee {
    pub basis: SiteFeeBasis,
    pub amount: i64,
}

/// What a site is owed for its confirmed sessions and what it was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteBalance {
    pub school_id: i64,
    pub site: String,
    pub sessions: usize,
    pub candidates: usize,
    /// None while no site service fee is set.
    pub owed: Option<i64>,
    pub paid: i64,
}

impl SiteBalance {
    /// Owed minus paid (None while no site fee is set).
    pub fn outstanding(&self) -> Option<i64> {
        self.owed.map(|o| o - self.paid)
    }
}

/// Per charged candidate (of `?1`'s school, or all when NULL; only retakes when `retakes_only`):
/// who pays, the exam, and the two counts the free-retake rule needs: failed results at this
/// level before this exam, and the person's earlier retake registrations at this level. Those
/// are only looked up for retakes, through the ID number index, and the earlier registrations
/// only for the people registered as a retake more than once (`again`, read from the index
/// `candidate_retake` alone). With `retakes_only` the retakes (few) are found through
/// that index too, without visiting anyone else.
fn facts(retakes_only: bool) -> String {
    let only = if retakes_only { "AND c.retake = 1" } else { "" };
    format!(
        "WITH charged AS (SELECT c.id AS cid, c.id_number, c.name, c.retake,
        s.school_id AS payer, p.id AS plan_id, p.exam_start, p.level
    FROM submission s JOIN candidate c ON c.submission_id = s.id
    LEFT JOIN placement pl ON pl.candidate_id = c.id
    JOIN plan p ON p.id = coalesce(pl.plan_id, s.plan_id)
    LEFT JOIN session se ON se.plan_id = p.id AND se.school_id = coalesce(pl.school_id, s.school_id)
    WHERE s.state = 'accepted' AND c.valid = 1 {only}
      AND coalesce(se.state, 'open') != 'cancelled'
      AND (?1 IS NULL OR s.school_id = ?1)),
  again AS (SELECT c.id_number FROM submission s JOIN candidate c ON c.submission_id = s.id
    WHERE s.state = 'accepted' AND c.valid = 1 AND c.retake = 1
    GROUP BY c.id_number HAVING count(*) > 1),
  facts AS (SELECT x.*,
    CASE WHEN x.retake THEN (SELECT count(*) FROM result r
        WHERE r.id_number = x.id_number AND r.level = x.level
          AND r.outcome != 'pass' AND r.exam_date < substr(x.exam_start, 1, 10))
    ELSE 0 END AS fails,
    CASE WHEN x.retake AND x.id_number IN again THEN (SELECT count(*) FROM candidate c2
        JOIN submission s2 ON s2.id = c2.submission_id
        LEFT JOIN placement pl2 ON pl2.candidate_id = c2.id
        JOIN plan p2 ON p2.id = coalesce(pl2.plan_id, s2.plan_id)
        LEFT JOIN session se2 ON se2.plan_id = p2.id
          AND se2.school_id = coalesce(pl2.school_id, s2.school_id)
        WHERE c2.id_number = x.id_number AND c2.retake = 1 AND c2.valid = 1
          AND s2.state = 'accepted' AND p2.level = x.level
          AND coalesce(se2.state, 'open') != 'cancelled'
          AND (p2.exam_start < x.exam_start
               OR (p2.exam_start = x.exam_start AND c2.id < x.cid)))
    ELSE 0 END AS earlier
    FROM charged x)"
    )
}

fn plan_code(exam_start: &str, level: Level) -> String {
    format!(
        "{}-{}",
        exam_start.get(..10).unwrap_or("").replace('-', ""),
        level.zh()
    )
}

fn site_fee_in(conn: &rusqlite::Connection) -> Result<Option<SiteFee>> {
    let row: Option<(String, i64)> = super::optional(conn.query_row(
        "SELECT basis, amount_fen FROM site_fee_rate ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    row.map(|(b, amount)| {
        Ok(SiteFee {
            basis: b.parse().map_err(StoreError::Corrupt)?,
            amount,
        })
    })
    .transpose()
}

fn count(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<usize> {
    Ok(r.get::<_, i64>(i)?.max(0) as usize)
}

fn level_of(s: &str) -> Result<Level> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("level {s:?}")))
}

impl Store {
    /// Sets the exam fee of a level (audited; the old fee stays in the history).
    pub fn set_fee(&mut self, actor: &Actor, level: Level, fen: i64) -> Result<()> {
        self.write(actor, Role::Finance, "fee.set", |tx| {
            // Read in the write transaction, so the audit's "before" is what was replaced.
            let old: Option<i64> = super::optional(tx.query_row(
                "SELECT amount_fen FROM fee_rate WHERE level = ?1 ORDER BY id DESC LIMIT 1",
                [level.key()],
                |r| r.get(0),
            ))?;
            tx.execute(
                "INSERT INTO fee_rate (level, amount_fen, set_at, set_by) VALUES (?1, ?2, ?3, ?4)",
                params![level.key(), fen, stamp(), actor.0],
            )?;
            let before = old.map_or_else(|| "—".to_string(), fees::format_yuan);
            record(
                tx,
                actor,
                Change {
                    action: "fee.set".into(),
                    entity: "fee",
                    entity_id: None,
                    label: level.zh().into(),
                    detail: format!("{before} → {}", fees::format_yuan(fen)),
                    reason: None,
                },
            )
        })
    }

    /// The fee in force per level; None for a level whose fee was never set.
    pub fn fee_schedule(&self) -> Result<BTreeMap<Level, Option<i64>>> {
        let mut out: BTreeMap<Level, Option<i64>> =
            Level::ALL.into_iter().map(|l| (l, None)).collect();
        let mut stmt = self.conn().prepare(
            "SELECT level, amount_fen FROM fee_rate f
             WHERE id = (SELECT max(id) FROM fee_rate g WHERE g.level = f.level)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.insert(level_of(&r.get::<_, String>(0)?)?, Some(r.get(1)?));
        }
        Ok(out)
    }

    /// Sets the site service fee (audited).
    pub fn set_site_fee(&mut self, actor: &Actor, fee: SiteFee) -> Result<()> {
        self.write(actor, Role::Finance, "site_fee.set", |tx| {
            let old = site_fee_in(tx)?;
            tx.execute(
                "INSERT INTO site_fee_rate (basis, amount_fen, set_at, set_by)
                 VALUES (?1, ?2, ?3, ?4)",
                params![fee.basis.key(), fee.amount, stamp(), actor.0],
            )?;
            let show = |f: &SiteFee| format!("{} {}", f.basis.key(), fees::format_yuan(f.amount));
            record(
                tx,
                actor,
                Change {
                    action: "site_fee.set".into(),
                    entity: "fee",
                    entity_id: None,
                    label: "考点服务费".into(),
                    detail: format!(
                        "{} → {}",
                        old.as_ref().map_or_else(|| "—".into(), show),
                        show(&fee)
                    ),
                    reason: None,
                },
            )
        })
    }

    /// The site service fee in force, if set.
    pub fn site_fee(&self) -> Result<Option<SiteFee>> {
        site_fee_in(self.conn())
    }

    /// One line per candidate charged to `school` (all schools when None), by school, exam,
    /// then candidate. The fee is the one in force now.
    pub fn charge_lines(&self, school: Option<i64>) -> Result<Vec<ChargeLine>> {
        let schedule = self.fee_schedule()?;
        let sql = format!(
            "{}
             SELECT f.cid, f.payer, sc.name, f.exam_start, f.level, f.name, f.id_number, f.retake,
                    f.fails, f.earlier
             FROM facts f JOIN school sc ON sc.id = f.payer
             ORDER BY sc.name, f.exam_start, f.level, f.cid",
            facts(false)
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt.query([school])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let level = level_of(&r.get::<_, String>(4)?)?;
            let retake: bool = r.get(7)?;
            let free = retake && fees::first_retake_is_free(count(r, 8)?, count(r, 9)?);
            out.push(ChargeLine {
                candidate_id: r.get(0)?,
                school_id: r.get(1)?,
                school: r.get(2)?,
                plan_code: plan_code(&r.get::<_, String>(3)?, level),
                level,
                name: r.get(5)?,
                id_number: r.get(6)?,
                retake,
                charge: Charge::of(schedule.get(&level).copied().flatten(), free),
            });
        }
        Ok(out)
    }

    /// Balances of the schools that were charged, paid or invoiced, by name; or of `school`
    /// alone, even when it has none.
    pub fn school_balances(&self, school: Option<i64>) -> Result<Vec<SchoolBalance>> {
        let schedule = self.fee_schedule()?;
        let mut by_school: BTreeMap<i64, SchoolBalance> = BTreeMap::new();
        let blank = |id: i64, name: String| SchoolBalance {
            school_id: id,
            school: name,
            balance: Balance {
                charged: Some(0),
                paid: 0,
            },
            paying: 0,
            free_retakes: 0,
            fees_not_set: Vec::new(),
            invoiced: 0,
        };
        let mut add = |id: i64, name: String, level: Level, charge: Charge, n: i64| {
            let b = by_school.entry(id).or_insert_with(|| blank(id, name));
            match charge {
                Charge::FreeRetake => b.free_retakes += n as usize,
                Charge::Fee(_) => b.paying += n as usize,
                Charge::FeeNotSet => {
                    b.paying += n as usize;
                    if !b.fees_not_set.contains(&level) {
                        b.fees_not_set.push(level);
                    }
                }
            }
            b.balance.charged = b.balance.charged.zip(charge.fen()).map(|(a, c)| a + c * n);
        };
        let fee =
            |level: Level, free: bool| Charge::of(schedule.get(&level).copied().flatten(), free);
        for (payer, name, level, n) in self.first_times(school)? {
            add(payer, name, level, fee(level, false), n);
        }
        // Retakes grouped by the facts the charge depends on (counts capped where the rule
        // stops looking), so the free-retake rule is still domain::fees'.
        let sql = format!(
            "{}
             SELECT f.payer, sc.name, f.level, min(f.fails, 2), min(f.earlier, 1), count(*)
             FROM facts f JOIN school sc ON sc.id = f.payer
             GROUP BY f.payer, f.level, min(f.fails, 2), min(f.earlier, 1)",
            facts(true)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query([school])?;
        while let Some(r) = rows.next()? {
            let level = level_of(&r.get::<_, String>(2)?)?;
            let free = fees::first_retake_is_free(count(r, 3)?, count(r, 4)?);
            add(r.get(0)?, r.get(1)?, level, fee(level, free), r.get(5)?);
        }
        let mut stmt = self.conn().prepare(
            "SELECT sc.id, sc.name,
                (SELECT coalesce(sum(amount_fen), 0) FROM payment WHERE school_id = sc.id),
                (SELECT coalesce(sum(amount_fen), 0) FROM invoice WHERE school_id = sc.id)
             FROM school sc
             WHERE (?1 IS NULL OR sc.id = ?1)
               AND (EXISTS (SELECT 1 FROM payment WHERE school_id = sc.id)
                    OR EXISTS (SELECT 1 FROM invoice WHERE school_id = sc.id))",
        )?;
        let mut rows = stmt.query([school])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let b = by_school
                .entry(id)
                .or_insert_with(|| blank(id, r.get(1).unwrap_or_default()));
            b.balance.paid = r.get(2)?;
            b.invoiced = r.get(3)?;
        }
        // A school asked for by name is listed even with nothing charged or paid yet.
        if let Some(id) = school
            && !by_school.contains_key(&id)
        {
            let name = self.school(id)?.info.name;
            by_school.insert(id, blank(id, name));
        }
        let mut out: Vec<SchoolBalance> = by_school.into_values().collect();
        for b in &mut out {
            b.fees_not_set.sort();
        }
        out.sort_by(|a, b| a.school.cmp(&b.school));
        Ok(out)
    }

    /// What each site with a confirmed session is owed and was paid (or was paid without a
    /// confirmed session), by name.
    pub fn site_balances(&self) -> Result<Vec<SiteBalance>> {
        let fee = self.site_fee()?;
        let mut by_site: BTreeMap<i64, SiteBalance> = BTreeMap::new();
        // Confirmed sessions with their kept head counts (migration 014), not every session
        // summed from the submissions.
        let mut stmt = self.conn().prepare_cached(
            "SELECT se.school_id, sc.name, coalesce(t.n, 0) FROM session se
             JOIN school sc ON sc.id = se.school_id
             LEFT JOIN session_tally t ON t.plan_id = se.plan_id AND t.school_id = se.school_id
             WHERE se.state = ?1",
        )?;
        let mut rows = stmt.query([SessionState::Confirmed.key()])?;
        while let Some(r) = rows.next()? {
            let (school_id, accepted): (i64, usize) = (r.get(0)?, count(r, 2)?);
            let b = by_site.entry(school_id).or_insert_with(|| SiteBalance {
                school_id,
                site: r.get(1).unwrap_or_default(),
                sessions: 0,
                candidates: 0,
                owed: fee.map(|_| 0),
                paid: 0,
            });
            b.sessions += 1;
            b.candidates += accepted;
            if let (Some(f), Some(o)) = (fee, b.owed.as_mut()) {
                *o += f.basis.owed(f.amount, accepted);
            }
        }
        drop(rows);
        drop(stmt);
        let mut stmt = self.conn().prepare(
            "SELECT p.school_id, sc.name, sum(p.amount_fen) FROM payout p
             JOIN school sc ON sc.id = p.school_id GROUP BY p.school_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let b = by_site.entry(id).or_insert_with(|| SiteBalance {
                school_id: id,
                site: r.get(1).unwrap_or_default(),
                sessions: 0,
                candidates: 0,
                owed: fee.map(|_| 0),
                paid: 0,
            });
            b.paid = r.get(2)?;
        }
        let mut out: Vec<SiteBalance> = by_site.into_values().collect();
        out.sort_by(|a, b| a.site.cmp(&b.site));
        Ok(out)
    }
}

impl Store {
    /// First registrations (not retakes) charged, per payer and level: (payer, its name,
    /// level, how many), of `school` alone or of all. Their charge is the level's fee whoever
    /// they are, so they are counted from the sessions' kept head counts (migration 014: each
    /// session's candidates less its retakes), never one by one; the few moved candidates are
    /// then given back to the school that registered them, which pays wherever they sit, and
    /// cancelled sessions are left out.
    fn first_times(&self, school: Option<i64>) -> Result<Vec<(i64, String, Level, i64)>> {
        let conn = self.conn();
        let mut levels: HashMap<i64, Level> = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, level FROM plan")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            levels.insert(r.get(0)?, level_of(&r.get::<_, String>(1)?)?);
        }
        let level = |plan: i64| {
            levels
                .get(&plan)
                .copied()
                .ok_or_else(|| StoreError::Corrupt(format!("session of unknown plan {plan}")))
        };
        let mut cancelled: HashSet<(i64, i64)> = HashSet::new();
        let mut stmt =
            conn.prepare_cached("SELECT plan_id, school_id FROM session WHERE state = ?1")?;
        let mut rows = stmt.query([SessionState::Cancelled.key()])?;
        while let Some(r) = rows.next()? {
            cancelled.insert((r.get(0)?, r.get(1)?));
        }
        let mut sums: BTreeMap<(i64, Level), i64> = BTreeMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT plan_id, school_id, n - r FROM session_tally WHERE ?1 IS NULL OR school_id = ?1",
        )?;
        let mut rows = stmt.query([school])?;
        while let Some(r) = rows.next()? {
            let (plan, site, n): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if !cancelled.contains(&(plan, site)) {
                *sums.entry((site, level(plan)?)).or_default() += n;
            }
        }
        // Moved first registrations sit at another site, counted there; their school pays.
        // CROSS JOIN: read the few placements first, never every candidate.
        let mut stmt = conn.prepare_cached(
            "SELECT s.school_id, pl.plan_id, pl.school_id
             FROM placement pl CROSS JOIN candidate c ON c.id = pl.candidate_id
             CROSS JOIN submission s ON s.id = c.submission_id
             WHERE s.state = 'accepted' AND c.valid = 1 AND c.retake = 0",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (payer, plan, site): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if cancelled.contains(&(plan, site)) {
                continue;
            }
            let l = level(plan)?;
            *sums.entry((site, l)).or_default() -= 1;
            *sums.entry((payer, l)).or_default() += 1;
        }
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, name FROM school")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            names.insert(r.get(0)?, r.get(1)?);
        }
        Ok(sums
            .into_iter()
            .filter(|((payer, _), n)| *n > 0 && school.is_none_or(|s| s == *payer))
            .map(|((payer, l), n)| {
                let name = names.get(&payer).cloned().unwrap_or_default();
                (payer, name, l, n)
            })
            .collect())
    }
}

#[cfg(test)]
#[path = "fees_tests.rs"]
mod tests;
