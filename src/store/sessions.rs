//! Sessions (场次) as lists show them: head counts per plan and site in one GROUP BY, their
//! state and readiness, and the people registered in two plans whose exam slots overlap.

use crate::domain::keyed::keyed;
use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, params};

use super::{Result, Store, StoreError};
use crate::domain::session::{HeadCount, SessionState};
use crate::domain::{Level, Plan};

/// Accepted candidates with the session they sit in now: their submission's plan and school,
/// unless they were moved (placement). Queries about the people in a session start from
/// this; counts come from [`TALLY`], which does not read them one by one.
pub(super) const PLACED: &str = "SELECT c.id AS cid, c.id_number, c.name, c.retake,
    coalesce(pl.plan_id, s.plan_id) AS plan_id, coalesce(pl.school_id, s.school_id) AS school_id
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    LEFT JOIN placement pl ON pl.candidate_id = c.id
    WHERE s.state = 'accepted' AND c.valid = 1";

keyed! {
    /// One item of the readiness checklist (考前准备). The key is that of the command line,
    /// JSON and the database; `ALL` is in the notice's order.
    pub enum ReadyItem {
        /// 技术老师进群，考试软件部署.
        Software = "software",
        /// 考务老师观看考务培训视频.
        Video = "video",
        /// 布置考场.
        Room = "room",
    }
}

/// A checklist item done: by whom and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadyMark {
    pub item: ReadyItem,
    pub by: String,
    pub at: String,
}

/// One session as lists and screens show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub plan_id: i64,
    pub plan_code: String,
    pub level: Level,
    pub school_id: i64,
    pub school: String,
    pub province: String,
    pub count: HeadCount,
    pub state: SessionState,
    /// Candidates also registered in another plan whose exam slot overlaps this one.
    pub overlaps: usize,
    /// Checklist items done.
    pub ready: Vec<ReadyMark>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
    pub cancel_reason: Option<String>,
}

impl SessionRow {
    /// Whether this session blocks: open and under the minimum.
    pub fn open_under_minimum(&self) -> bool {
        self.state == SessionState::Open && !self.count.meets_minimum()
    }
}

/// How to order sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionSort {
    /// By exam time, then school name.
    #[default]
    Plan,
    /// Largest shortfall first (the sessions that need work on top), then by plan.
    Shortfall,
}

/// Which sessions to list.
#[derive(Debug, Clone, Default)]
pub struct SessionFilter {
    pub plan_id: Option<i64>,
    pub province: Option<String>,
    pub state: Option<SessionState>,
    pub sort: SessionSort,
}

/// A person registered in two plans whose exam slots overlap (slot_overlap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotOverlap {
    pub id_number: String,
    pub name: String,
    /// (plan id, school id) of each registration.
    pub first: (i64, i64),
    pub second: (i64, i64),
}

/// (ID number, name, the (plan, school) sessions) of one person.
type Person = (String, String, Vec<(i64, i64)>);

/// The state of one session (open when it has no row), read inside a transaction.
pub(super) fn session_state(
    conn: &Connection,
    plan_id: i64,
    school_id: i64,
) -> Result<SessionState> {
    let st: Option<String> = super::optional(conn.query_row(
        "SELECT state FROM session WHERE plan_id = ?1 AND school_id = ?2",
        params![plan_id, school_id],
        |r| r.get(0),
    ))?;
    match st {
        None => Ok(SessionState::Open),
        Some(s) => s.parse().map_err(StoreError::Corrupt),
    }
}

/// The pieces whose sums are the sessions' head counts (plan_id, school_id, n accepted, r
/// retakes), without reading the candidates one by one: each accepted submission's valid rows
/// (counted at import; candidates never change after it) and retakes (few, counted through the
/// partial index `candidate_retake`), then every moved candidate taken from its submission's
/// session and given to the one it sits in now (CROSS JOIN keeps SQLite reading the few
/// placements first, not every candidate). Sums can be 0 for a session everyone left.
pub(super) const TALLY: &str = "SELECT s.plan_id, s.school_id, s.valid_rows AS n,
        (SELECT count(*) FROM candidate c
         WHERE c.submission_id = s.id AND c.valid = 1 AND c.retake = 1) AS r
    FROM submission s WHERE s.state = 'accepted'
    UNION ALL SELECT s.plan_id, s.school_id, -1, -c.retake
    FROM placement pl CROSS JOIN candidate c ON c.id = pl.candidate_id
    CROSS JOIN submission s ON s.id = c.submission_id WHERE s.state = 'accepted' AND c.valid = 1
    UNION ALL SELECT pl.plan_id, pl.school_id, 1, c.retake
    FROM placement pl CROSS JOIN candidate c ON c.id = pl.candidate_id
    CROSS JOIN submission s ON s.id = c.submission_id WHERE s.state = 'accepted' AND c.valid = 1";

/// The head count of one session.
pub(super) fn head_count(conn: &Connection, plan_id: i64, school_id: i64) -> Result<HeadCount> {
    let (n, r): (i64, i64) = conn.query_row(
        &format!(
            "SELECT coalesce(sum(n), 0), coalesce(sum(r), 0) FROM ({TALLY})
             WHERE plan_id = ?1 AND school_id = ?2"
        ),
        params![plan_id, school_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(HeadCount {
        accepted: n.max(0) as usize,
        retakes: r.max(0) as usize,
    })
}

/// The ID numbers of the people placed in plan `?1` who are also placed in plan `?2`. Reads
/// plan ?1's candidates through their submissions (and the few moved in) and looks each up in
/// ?2 through the ID number index, so ?1 should be the smaller plan.
const IN_BOTH: &str = "SELECT DISTINCT a.id_number FROM (
        SELECT c.id_number FROM submission s JOIN candidate c ON c.submission_id = s.id
        WHERE s.state = 'accepted' AND s.plan_id = ?1 AND c.valid = 1
          AND NOT EXISTS (SELECT 1 FROM placement pl WHERE pl.candidate_id = c.id)
        UNION ALL SELECT c.id_number FROM placement pl JOIN candidate c ON c.id = pl.candidate_id
        JOIN submission s ON s.id = c.submission_id
        WHERE pl.plan_id = ?1 AND s.state = 'accepted' AND c.valid = 1) a
    WHERE EXISTS (SELECT 1 FROM candidate c JOIN submission s ON s.id = c.submission_id
        LEFT JOIN placement pl ON pl.candidate_id = c.id
        WHERE c.id_number = a.id_number AND s.state = 'accepted' AND c.valid = 1
          AND coalesce(pl.plan_id, s.plan_id) = ?2)";

impl Store {
    /// Sessions matching `filter` with head counts, state, readiness and overlaps. Sessions are
    /// the (plan, site) pairs that hold accepted candidates, plus confirmed or cancelled ones.
    pub fn sessions(&self, filter: &SessionFilter) -> Result<Vec<SessionRow>> {
        let plans: HashMap<i64, Plan> = self.plans()?.into_iter().map(|p| (p.id, p)).collect();
        let key =
            |r: &rusqlite::Row<'_>| -> rusqlite::Result<(i64, i64)> { Ok((r.get(0)?, r.get(1)?)) };
        // The head counts are summed here rather than by a GROUP BY over the tally: SQLite
        // materialized and sorted its 25,000 parts for that (about 20 ms at 5M candidates);
        // a map sums them as they are read.
        let mut counts: foldhash::HashMap<(i64, i64), (i64, i64)> = Default::default();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT plan_id, school_id, n, r FROM ({TALLY}) WHERE ?1 IS NULL OR plan_id = ?1"
        ))?;
        let mut rows = stmt.query([filter.plan_id])?;
        while let Some(r) = rows.next()? {
            let c = counts.entry(key(r)?).or_default();
            c.0 += r.get::<_, i64>(2)?;
            c.1 += r.get::<_, i64>(3)?;
        }
        // Sessions with a row: confirmed or cancelled ones are listed even when empty.
        type Decided = (String, Option<String>, Option<String>, Option<String>);
        let mut decided: HashMap<(i64, i64), Decided> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT plan_id, school_id, state, confirmed_by, confirmed_at, cancel_reason
             FROM session WHERE ?1 IS NULL OR plan_id = ?1",
        )?;
        let mut rows = stmt.query([filter.plan_id])?;
        while let Some(r) = rows.next()? {
            let k = key(r)?;
            let state: String = r.get(2)?;
            if state != "open" {
                counts.entry(k).or_default();
            }
            decided.insert(k, (state, r.get(3)?, r.get(4)?, r.get(5)?));
        }
        // Schools with their place in name order (names are unique, and SQLite's BINARY
        // order is Rust's order of strings), so sessions sort by numbers.
        let mut schools: HashMap<i64, (String, String, usize)> = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, province FROM school ORDER BY name")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let place = schools.len();
            schools.insert(r.get(0)?, (r.get(1)?, r.get(2)?, place));
        }
        let mut ready = self.ready_marks()?;
        let mut overlaps: HashMap<(i64, i64), usize> = HashMap::new();
        for o in self.slot_overlaps(filter.plan_id)? {
            *overlaps.entry(o.first).or_default() += 1;
            *overlaps.entry(o.second).or_default() += 1;
        }
        // Each plan's code once, not once per session.
        let codes: HashMap<i64, String> = plans.iter().map(|(&id, p)| (id, p.code())).collect();
        let mut out = Vec::with_capacity(counts.len());
        for ((plan_id, school_id), (n, r)) in counts {
            let Some((school, province, _)) = schools.get(&school_id) else {
                continue;
            };
            let (state, cby, cat, reason) = match decided.remove(&(plan_id, school_id)) {
                Some(d) => d,
                None => ("open".to_string(), None, None, None),
            };
            if n <= 0 && state == "open" {
                continue;
            }
            let plan = plans
                .get(&plan_id)
                .ok_or_else(|| StoreError::Corrupt(format!("session of unknown plan {plan_id}")))?;
            let state: SessionState = state.parse().map_err(StoreError::Corrupt)?;
            if filter.state.is_some_and(|s| s != state)
                || filter
                    .province
                    .as_deref()
                    .is_some_and(|p| !province.contains(p.trim()))
            {
                continue;
            }
            out.push(SessionRow {
                plan_id,
                plan_code: codes.get(&plan_id).cloned().unwrap_or_default(),
                level: plan.level,
                school_id,
                school: school.clone(),
                province: province.clone(),
                count: HeadCount {
                    accepted: n as usize,
                    retakes: r as usize,
                },
                state,
                overlaps: overlaps.get(&(plan_id, school_id)).copied().unwrap_or(0),
                ready: ready.remove(&(plan_id, school_id)).unwrap_or_default(),
                confirmed_by: cby,
                confirmed_at: cat,
                cancel_reason: reason,
            });
        }
        // Plans ranked by exam start then level once (equal ones equal): with the schools'
        // name order, sorting 24,000 sessions compares numbers, not plans and names. The plan
        // id ends the key, so sessions of plans starting together keep the order they had.
        let mut by_start: Vec<(_, i64)> = plans
            .values()
            .map(|p| ((p.exam_start, p.level), p.id))
            .collect();
        by_start.sort();
        let mut ranks: HashMap<i64, usize> = HashMap::new();
        for (i, (start, id)) in by_start.iter().enumerate() {
            let rank = match i.checked_sub(1).map(|j| &by_start[j]) {
                Some((before, previous)) if before == start => ranks[previous],
                _ => i,
            };
            ranks.insert(*id, rank);
        }
        let order = |s: &SessionRow| {
            let name = schools.get(&s.school_id).map_or(0, |sc| sc.2);
            (ranks.get(&s.plan_id).copied(), name, s.plan_id)
        };
        match filter.sort {
            SessionSort::Plan => out.sort_by_cached_key(order),
            SessionSort::Shortfall => {
                out.sort_by_cached_key(|s| (std::cmp::Reverse(s.count.short_by()), order(s)))
            }
        }
        Ok(out)
    }

    /// One session (it need not hold candidates yet).
    pub fn session(&self, plan_id: i64, school_id: i64) -> Result<SessionRow> {
        let plan = self.plan(plan_id)?;
        let school = self.school(school_id)?;
        let found = self
            .sessions(&SessionFilter {
                plan_id: Some(plan_id),
                ..Default::default()
            })?
            .into_iter()
            .find(|s| s.school_id == school_id);
        Ok(found.unwrap_or(SessionRow {
            plan_id,
            plan_code: plan.code(),
            level: plan.level,
            school_id,
            school: school.info.name,
            province: school.info.province,
            count: HeadCount::default(),
            state: session_state(self.conn(), plan_id, school_id)?,
            overlaps: 0,
            ready: self
                .ready_marks()?
                .remove(&(plan_id, school_id))
                .unwrap_or_default(),
            confirmed_by: None,
            confirmed_at: None,
            cancel_reason: None,
        }))
    }

    fn ready_marks(&self) -> Result<HashMap<(i64, i64), Vec<ReadyMark>>> {
        let mut stmt = self.conn().prepare(
            "SELECT plan_id, school_id, item, done_by, done_at FROM session_ready ORDER BY item",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: HashMap<(i64, i64), Vec<ReadyMark>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let key: String = r.get(2)?;
            let item = ReadyItem::from_key(&key)
                .ok_or_else(|| StoreError::Corrupt(format!("checklist item {key:?}")))?;
            out.entry((r.get(0)?, r.get(1)?))
                .or_default()
                .push(ReadyMark {
                    item,
                    by: r.get(3)?,
                    at: r.get(4)?,
                });
        }
        for marks in out.values_mut() {
            marks.sort_by_key(|m| m.item);
        }
        Ok(out)
    }

    /// People placed in two plans whose exam slots overlap (the same day's 高级 morning and 初级
    /// afternoon do not), optionally only those involving `plan_id`.
    pub fn slot_overlaps(&self, plan_id: Option<i64>) -> Result<Vec<SlotOverlap>> {
        let plans: HashMap<i64, Plan> = self.plans()?.into_iter().map(|p| (p.id, p)).collect();
        // Only plan pairs whose slots overlap can hold an overlap; usually there are none.
        let mut pairs = Vec::new();
        for a in plans.values() {
            for b in plans.values() {
                if a.id < b.id
                    && a.slot_overlaps(b)
                    && plan_id.is_none_or(|p| p == a.id || p == b.id)
                {
                    pairs.push((a.id, b.id));
                }
            }
        }
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        let mut sizes: HashMap<i64, i64> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT plan_id, sum(n) FROM ({TALLY}) GROUP BY plan_id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            sizes.insert(r.get(0)?, r.get(1)?);
        }
        let size = |p: i64| sizes.get(&p).copied().unwrap_or(0);
        let mut people = BTreeSet::new();
        let mut both = self.conn().prepare_cached(IN_BOTH)?;
        for (a, b) in pairs {
            if size(a) <= 0 || size(b) <= 0 {
                continue;
            }
            let (small, large) = if size(a) <= size(b) { (a, b) } else { (b, a) };
            let ids = both.query_map([small, large], |r| r.get::<_, String>(0))?;
            for id in ids {
                people.insert(id?);
            }
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.name, coalesce(pl.plan_id, s.plan_id), coalesce(pl.school_id, s.school_id)
             FROM candidate c JOIN submission s ON s.id = c.submission_id
             LEFT JOIN placement pl ON pl.candidate_id = c.id
             WHERE c.id_number = ?1 AND s.state = 'accepted' AND c.valid = 1
             ORDER BY 2, 3, c.id",
        )?;
        let mut by_person: Vec<Person> = Vec::new();
        for id in people {
            let mut regs = Vec::new();
            let mut name = None;
            let mut rows = stmt.query([&id])?;
            while let Some(r) = rows.next()? {
                if name.is_none() {
                    name = Some(r.get::<_, String>(0)?);
                }
                regs.push((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?));
            }
            by_person.push((id, name.unwrap_or_default(), regs));
        }
        let mut out = Vec::new();
        for (id_number, name, regs) in by_person {
            for (i, a) in regs.iter().enumerate() {
                for b in &regs[i + 1..] {
                    let (Some(pa), Some(pb)) = (plans.get(&a.0), plans.get(&b.0)) else {
                        continue;
                    };
                    if a.0 != b.0
                        && pa.slot_overlaps(pb)
                        && plan_id.is_none_or(|p| p == a.0 || p == b.0)
                    {
                        out.push(SlotOverlap {
                            id_number: id_number.clone(),
                            name: name.clone(),
                            first: *a,
                            second: *b,
                        });
                    }
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
#[path = "sessions_tests.rs"]
mod tests;
