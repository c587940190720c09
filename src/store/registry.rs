//! What the row rules need to know beyond the file, looked up one ID number at a time through
//! the ID number indexes: a school's file of 200 rows costs 200 lookups whether the database
//! holds a thousand candidates or five million (loading everyone took 0.9 s and 228 MB at one
//! million). A database with few people for the file's size is still read whole, which is
//! cheaper there (see `PRELOAD_MAX`).

use std::cell::RefCell;

use rusqlite::Connection;

use super::{Result, Store, StoreError};
use crate::domain::Level;
use crate::domain::registration::Registry;

/// Everything the registry says about one ID number: the answer to one query.
#[derive(Debug, Default, PartialEq)]
struct Known {
    /// Plan ids it is accepted for (valid candidates of accepted submissions).
    plans: Vec<i64>,
    /// A name it is known under (candidates of live submissions first, then results).
    name: Option<String>,
    /// Levels with a result that was not a pass.
    failed: Vec<Level>,
    /// The name of its first result, which counts only without a candidate's.
    result_name: Option<String>,
}

impl Known {
    /// Takes in one row of [`LOOKUP`] (or [`EVERYONE`] from its second column on).
    fn add(&mut self, r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<()> {
        let from_result: bool = r.get(at)?;
        if from_result {
            let level: String = r.get(at + 4)?;
            let outcome: String = r.get(at + 5)?;
            if outcome != "pass"
                && let Ok(level) = level.parse()
                && !self.failed.contains(&level)
            {
                self.failed.push(level);
            }
            if self.result_name.is_none() {
                self.result_name = Some(r.get(at + 1)?);
            }
        } else {
            if self.name.is_none() {
                self.name = Some(r.get(at + 1)?);
            }
            let accepted: bool = r.get(at + 3)?;
            let plan: i64 = r.get(at + 2)?;
            if accepted && !self.plans.contains(&plan) {
                self.plans.push(plan);
            }
        }
        Ok(())
    }

    /// Once every row is in: a result's name counts only for people without a candidate's.
    fn done(mut self) -> Known {
        if self.name.is_none() {
            self.name = self.result_name.take();
        }
        self
    }
}

/// Candidates of live submissions and results of one ID number, each through its index. The
/// oldest candidate's name comes first (the index keeps equal numbers in id order).
const LOOKUP: &str = "SELECT 0, c.name, s.plan_id, s.state = 'accepted', NULL, NULL
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    WHERE c.id_number = ?1 AND c.valid = 1 AND s.state <> 'rejected'
    UNION ALL
    SELECT 1, name, NULL, 0, level, outcome FROM result WHERE id_number = ?1";

/// [`LOOKUP`] for everyone at once, the ID number first, in one pass over each table.
const EVERYONE: &str = "SELECT c.id_number, 0, c.name, s.plan_id, s.state = 'accepted', NULL, NULL
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    WHERE c.valid = 1 AND s.state <> 'rejected'
    UNION ALL
    SELECT id_number, 1, name, NULL, 0, level, outcome FROM result";

/// Below this many people on record, and fewer than [`PRELOAD_PER_ROW`] per row of the file,
/// the registry is read whole before the rows instead of looked up row by row: a lookup is a
/// query of its own (two index descents, a join), reading a person in one pass is a step of
/// one query, so a large file into a small database is cheaper read whole. At most this many
/// people take about 30 MB.
const PRELOAD_MAX: i64 = 200_000;
const PRELOAD_PER_ROW: i64 = 10;

/// The connection a lookup asks: the store's own (a check, which writes nothing), or one of its
/// own on the same file (an import, whose store is busy writing on another thread). Either way
/// the lookups share one read transaction: each statement in a transaction of its own took the
/// WAL's read lock again, and on a file that tripled the import of 20,000 rows.
enum Conn<'s> {
    Read(rusqlite::Transaction<'s>),
    Shared(&'s Connection),
    Own(Connection),
}

/// Registrations and results known to the database when a file is checked, looked up by ID
/// number as the rules ask. The rules ask up to four questions about each row's ID number in a
/// row, so the last number's answers are kept.
pub struct RegistryLookup<'s> {
    conn: Conn<'s>,
    /// Everyone, read before the rows, when that costs less than looking the rows up.
    everyone: Option<foldhash::HashMap<String, Known>>,
    last: RefCell<Option<(String, Known)>>,
    /// The first failed lookup: the rules' questions have no room for an error, so the caller
    /// asks [`RegistryLookup::finish`] before trusting (or recording) the check.
    error: RefCell<Option<rusqlite::Error>>,
}

impl<'s> RegistryLookup<'s> {
    fn new(conn: Conn<'s>) -> RegistryLookup<'s> {
        RegistryLookup {
            conn,
            everyone: None,
            last: RefCell::default(),
            error: RefCell::default(),
        }
    }

    fn conn(&self) -> &Connection {
        match &self.conn {
            Conn::Read(t) => t,
            Conn::Shared(c) => c,
            Conn::Own(c) => c,
        }
    }

    /// Reads everyone at once when the database holds few people for a file of about `rows`
    /// rows; otherwise each row's person is looked up as the rules ask.
    fn preload_if_small(mut self, rows: usize) -> Result<Self> {
        let conn = self.conn();
        let on_record: i64 = conn.query_row(
            "SELECT coalesce((SELECT max(id) FROM candidate), 0)
                  + coalesce((SELECT max(id) FROM result), 0)",
            [],
            |r| r.get(0),
        )?;
        if on_record > PRELOAD_MAX.min(PRELOAD_PER_ROW * rows as i64) {
            return Ok(self);
        }
        let mut everyone: foldhash::HashMap<String, Known> = Default::default();
        let mut stmt = conn.prepare(EVERYONE)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            everyone.entry(r.get(0)?).or_default().add(r, 1)?;
        }
        drop(rows);
        drop(stmt);
        self.everyone = Some(everyone.into_iter().map(|(k, v)| (k, v.done())).collect());
        Ok(self)
    }

    /// Runs `f` on what is known about `id_number`, querying it unless it was the last asked.
    fn with<T>(&self, id_number: &str, f: impl FnOnce(&Known) -> T) -> T {
        if let Some(everyone) = &self.everyone {
            return f(everyone.get(id_number).unwrap_or(&Known::default()));
        }
        let mut last = self.last.borrow_mut();
        if last.as_ref().is_none_or(|(id, _)| id != id_number) {
            let known = self.query(id_number).unwrap_or_else(|e| {
                self.error.borrow_mut().get_or_insert(e);
                Known::default()
            });
            *last = Some((id_number.to_string(), known));
        }
        let (_, known) = last.as_ref().expect("just filled");
        f(known)
    }

    fn query(&self, id_number: &str) -> rusqlite::Result<Known> {
        let mut stmt = self.conn().prepare_cached(LOOKUP)?;
        let mut rows = stmt.query([id_number])?;
        let mut known = Known::default();
        while let Some(r) = rows.next()? {
            known.add(r, 0)?;
        }
        Ok(known.done())
    }

    /// Whether every lookup so far succeeded. A check whose lookups failed (a damaged database,
    /// a disk error) is not a check: its caller reports the error instead of the result.
    pub fn finish(&self) -> Result<()> {
        match self.error.borrow_mut().take() {
            Some(e) => Err(StoreError::Sqlite(e)),
            None => Ok(()),
        }
    }
}

impl Registry for RegistryLookup<'_> {
    /// Whether this ID is accepted for the plan (any school).
    fn registered_in_plan(&self, plan_id: i64, id_number: &str) -> bool {
        self.with(id_number, |k| k.plans.contains(&plan_id))
    }

    /// The name this ID is known under, if any.
    fn known_name(&self, id_number: &str) -> Option<String> {
        self.with(id_number, |k| k.name.clone())
    }

    /// The plans this ID is accepted for.
    fn plans_of(&self, id_number: &str) -> Vec<i64> {
        self.with(id_number, |k| k.plans.clone())
    }

    /// Whether an earlier result at this level was a fail or an absence (未通过 / 缺考).
    fn has_failed(&self, id_number: &str, level: Level) -> bool {
        self.with(id_number, |k| k.failed.contains(&level))
    }
}

impl Store {
    /// The registry the row rules check against for a file of about `rows` rows, asked
    /// through this store's connection.
    pub fn registry(&self, rows: usize) -> Result<RegistryLookup<'_>> {
        let conn = self.conn();
        // Within a caller's transaction the lookups take part in it; otherwise they share one
        // read transaction of their own, ended (rolled back: it wrote nothing) when dropped.
        RegistryLookup::new(if conn.is_autocommit() {
            Conn::Read(conn.unchecked_transaction()?)
        } else {
            Conn::Shared(conn)
        })
        .preload_if_small(rows)
    }

    /// The registry on a connection of its own, for checking rows on one thread while this
    /// store writes them on another. It answers as the database stood before that write: the
    /// write commits only after the last row is checked. An in-memory store has no file to
    /// open again, so its lookups go to a copy of it (in-memory stores are small: tests).
    pub fn registry_apart(&self, rows: usize) -> Result<RegistryLookup<'static>> {
        let conn = match self.path() {
            Some(path) => {
                let conn = Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
                        | rusqlite::OpenFlags::SQLITE_OPEN_URI,
                )?;
                conn.busy_timeout(super::BUSY_TIMEOUT)?;
                // One read transaction for every lookup (see `Conn`); its snapshot is taken at
                // the first lookup, before the writer can have committed. It ends with the
                // connection.
                conn.execute_batch("BEGIN")?;
                conn
            }
            None => {
                let mut copy = Connection::open_in_memory()?;
                let backup = rusqlite::backup::Backup::new(self.conn(), &mut copy)?;
                // All pages in one step: nothing else writes an in-memory store meanwhile.
                backup.run_to_completion(i32::MAX, std::time::Duration::ZERO, None)?;
                drop(backup);
                copy
            }
        };
        RegistryLookup::new(Conn::Own(conn)).preload_if_small(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan the notice seeds first, and a school to record submissions for.
    fn setup(s: &mut Store) -> (i64, i64) {
        let plan = s.plans().unwrap()[0].id;
        let info = crate::domain::school::SchoolInfo {
            name: "浙江商业职业技术学院".into(),
            ..Default::default()
        };
        let a = super::super::Actor("金贝".into());
        s.import_schools(&a, &[info]).unwrap();
        let school = s.find_school("浙江商业职业技术学院").unwrap().id;
        (plan, school)
    }

    #[test]
    fn a_lookup_on_its_own_connection_sees_the_file_as_it_stood_and_not_the_write_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut s = Store::open(&path).unwrap();
        let (plan, school) = setup(&mut s);
        let id = s
            .write_unchecked(|tx| {
                tx.execute(
                    "INSERT INTO submission (plan_id, school_id, file_name, sha256, received_at,
                     imported_at, imported_by, state, rows, valid_rows, header_row)
                     VALUES (?1, ?2, 'a.xlsx', 'x', '2021-11-01T10:00:00+08:00',
                     '2021-11-01T10:00:00+08:00', 'a', 'accepted', 1, 1, 1)",
                    [plan, school],
                )?;
                let sub = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO candidate (submission_id, row, name, id_type, id_number, phone,
                     school_name, valid) VALUES (?1, 2, '张三', '居民身份证',
                     '11010519491231002X', '13800000000', 'x', 1)",
                    [sub],
                )?;
                Ok(sub)
            })
            .unwrap();
        assert!(id > 0);
        let lookup = s.registry_apart(1).unwrap();
        // Another submission being written for the same person, not yet committed.
        let tx = s.conn.unchecked_transaction().unwrap();
        tx.execute(
            "UPDATE submission SET state = 'rejected' WHERE id = ?1",
            [id],
        )
        .unwrap();
        assert!(lookup.registered_in_plan(plan, "11010519491231002X"));
        assert_eq!(
            lookup.known_name("11010519491231002X").as_deref(),
            Some("张三")
        );
        drop(tx);
        lookup.finish().unwrap();
    }

    #[test]
    fn a_failed_lookup_is_reported_not_taken_for_an_unknown_person() {
        let s = Store::open_in_memory().unwrap();
        result(&s, "440524188001010014", "王五", "fail");
        // One person on record, a file of no rows: looked up, not read whole.
        let lookup = s.registry(0).unwrap();
        assert!(lookup.everyone.is_none());
        lookup
            .conn()
            .execute_batch("ALTER TABLE result RENAME TO gone")
            .unwrap();
        assert!(!lookup.registered_in_plan(1, "11010519491231002X"));
        assert!(lookup.finish().is_err());
    }

    #[test]
    fn a_lookup_reads_one_person_through_the_id_number_indexes_never_a_table() {
        let s = Store::open_in_memory().unwrap();
        let mut stmt = s
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {LOOKUP}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(["11010519491231002X"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("candidate_id_number"), "{plan}");
        assert!(plan.contains("result_id_number"), "{plan}");
        assert!(!plan.contains("SCAN"), "{plan}");
    }

    fn result(s: &Store, id: &str, name: &str, outcome: &str) {
        s.conn()
            .execute(
                "INSERT INTO result (id_number, name, level, exam_date, outcome)
                 VALUES (?1, ?2, 'junior', '2021-06-12', ?3)",
                [id, name, outcome],
            )
            .unwrap();
    }

    #[test]
    fn reading_everyone_at_once_answers_as_looking_each_up() {
        let mut s = Store::open_in_memory().unwrap();
        let (plan, school) = setup(&mut s);
        let other = s.plans().unwrap()[1].id;
        let people = [
            ("11010519491231002X", "张三"),
            ("440524188001010014", "李四"),
            ("110105194912310037", "王五"),
            ("110105194912310053", "赵六"),
        ];
        s.write_unchecked(|tx| {
            for (i, (state, plan)) in [("accepted", plan), ("pending", other), ("rejected", other)]
                .into_iter()
                .enumerate()
            {
                tx.execute(
                    "INSERT INTO submission (plan_id, school_id, file_name, sha256, received_at,
                     imported_at, imported_by, state, rows, valid_rows, header_row)
                     VALUES (?1, ?2, 'a.xlsx', ?3, '2021-11-01T10:00:00+08:00',
                     '2021-11-01T10:00:00+08:00', 'a', ?4, 1, 1, 1)",
                    rusqlite::params![plan, school, format!("sha{i}"), state],
                )?;
                let sub = tx.last_insert_rowid();
                for (j, (id, name)) in people.iter().enumerate().skip(i) {
                    tx.execute(
                        "INSERT INTO candidate (submission_id, row, name, id_type, id_number,
                         phone, school_name, valid) VALUES (?1, ?2, ?3, '居民身份证', ?4,
                         '13800000000', 'x', ?5)",
                        rusqlite::params![sub, j as i64 + 2, format!("{name}{i}"), id, j != 3],
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
        result(&s, "440524188001010014", "李四", "fail");
        result(&s, "110105194912310037", "王五", "pass");
        result(&s, "110105194912310069", "钱七", "absent");
        let looked_up = s.registry(0).unwrap();
        let read_whole = s.registry(1_000_000).unwrap();
        assert!(looked_up.everyone.is_none());
        assert!(read_whole.everyone.is_some());
        let mut ids: Vec<&str> = people.iter().map(|p| p.0).collect();
        ids.extend(["110105194912310069", "110105194912310085"]);
        for id in ids {
            let answers = |r: &RegistryLookup<'_>| {
                (
                    r.registered_in_plan(plan, id),
                    r.registered_in_plan(other, id),
                    r.known_name(id),
                    r.plans_of(id),
                    r.has_failed(id, Level::Junior),
                )
            };
            assert_eq!(answers(&looked_up), answers(&read_whole), "{id}");
        }
        // What the registry says, whichever way it was read.
        assert!(read_whole.registered_in_plan(plan, "11010519491231002X"));
        assert_eq!(
            read_whole.known_name("11010519491231002X").as_deref(),
            Some("张三0")
        );
        assert_eq!(
            read_whole.known_name("110105194912310069").as_deref(),
            Some("钱七")
        );
        assert!(read_whole.has_failed("110105194912310069", Level::Junior));
        assert!(!read_whole.has_failed("110105194912310037", Level::Junior));
        looked_up.finish().unwrap();
        read_whole.finish().unwrap();
    }
}
