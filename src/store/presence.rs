//! Presence: which console has which submission open. A console marks what it opens at once
//! and refreshes the mark every [`BEAT_SECS`]; a mark not refreshed for [`STALE_AFTER_SECS`]
//! is ignored and cleared, so a console that died or lost its link stops showing within that
//! time. Presence is never a lock.
//!
//! The marks live in their own small database beside the main one (`kaowu-presence.db`), on
//! their own connection: a heartbeat then never waits for an import's write lock, and never
//! moves the main database's `data_version`, which would make every open console reload its
//! screen every few seconds for nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, params};

use super::file::create_private;
use super::{Result, Store, optional};

/// How old a mark may be and still count.
pub const STALE_AFTER_SECS: i64 = 30;
/// How often an open console refreshes its mark.
pub const BEAT_SECS: i64 = 10;
/// A heartbeat is not worth a frozen console: it waits this long for a lock at most.
const PRESENCE_BUSY: Duration = Duration::from_millis(500);

/// Someone looking at a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub submission_id: i64,
    pub staff: String,
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

/// `kaowu.db` → `kaowu-presence.db` in the same directory.
fn presence_path(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kaowu".into());
    db.with_file_name(format!("{stem}-presence.db"))
}

/// Opens (creating, mode 0600) the presence database of the main database at `db`, or a
/// private in-memory one for an in-memory store.
pub(super) fn open(db: Option<&Path>) -> Result<Connection> {
    let conn = match db {
        Some(db) => {
            let path = presence_path(db);
            if !path.exists() {
                match create_private(&path) {
                    Err(super::StoreError::Create { source, .. })
                        if source.kind() == std::io::ErrorKind::AlreadyExists => {}
                    r => r?,
                }
            }
            let conn = Connection::open(path)?;
            conn.busy_timeout(PRESENCE_BUSY)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn
        }
        None => Connection::open_in_memory()?,
    };
    conn.busy_timeout(PRESENCE_BUSY)?;
    // Scratch data: no migrations, a table anyone may drop while nobody has a console open.
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS presence (
             console TEXT PRIMARY KEY,
             staff TEXT NOT NULL,
             submission_id INTEGER NOT NULL,
             seen_at INTEGER NOT NULL
         );",
    )?;
    Ok(conn)
}

impl Store {
    fn presence_conn(&mut self) -> Result<&Connection> {
        if self.presence.is_none() {
            let db = self.path();
            self.presence = Some(open(db.as_deref())?);
        }
        Ok(self.presence.as_ref().expect("opened above"))
    }

    /// Marks `console` (one running console, acting for `staff`) as looking at `submission`,
    /// or at nothing; drops marks gone stale on the way.
    pub fn heartbeat(&mut self, console: &str, staff: &str, submission: Option<i64>) -> Result<()> {
        let now = now_secs();
        let conn = self.presence_conn()?;
        conn.execute(
            "DELETE FROM presence WHERE seen_at < ?1 OR console = ?2",
            params![now - STALE_AFTER_SECS, console],
        )?;
        if let Some(id) = submission {
            conn.execute(
                "INSERT OR REPLACE INTO presence (console, staff, submission_id, seen_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![console, staff, id, now],
            )?;
        }
        Ok(())
    }

    /// Who else has a submission open right now: every fresh mark of another console, by
    /// submission then name, each person once per submission.
    pub fn presence(&mut self, console: &str) -> Result<Vec<Presence>> {
        let conn = self.presence_conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT submission_id, staff FROM presence
             WHERE console <> ?1 AND seen_at >= ?2 ORDER BY submission_id, staff",
        )?;
        let rows = stmt.query_map(params![console, now_secs() - STALE_AFTER_SECS], |r| {
            Ok(Presence {
                submission_id: r.get(0)?,
                staff: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When this console's mark was last written (Unix seconds), if it has one.
    pub fn my_mark(&mut self, console: &str) -> Result<Option<i64>> {
        let conn = self.presence_conn()?;
        optional(conn.query_row(
            "SELECT seen_at FROM presence WHERE console = ?1",
            [console],
            |r| r.get(0),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_console_sees_the_others_and_a_stale_mark_counts_for_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kaowu.db");
        let mut a = Store::open(&db).unwrap();
        let mut b = Store::open(&db).unwrap();
        let version = a.data_version().unwrap();
        a.heartbeat("a", "王娟", Some(7)).unwrap();
        b.heartbeat("b", "金贝", Some(7)).unwrap();
        assert_eq!(
            a.presence("a").unwrap(),
            [Presence {
                submission_id: 7,
                staff: "金贝".into()
            }]
        );
        assert_eq!(
            a.data_version().unwrap(),
            version,
            "the main database is untouched"
        );
        b.heartbeat("b", "金贝", None).unwrap();
        assert!(a.presence("a").unwrap().is_empty(), "金贝 closed it");
        b.heartbeat("b", "金贝", Some(7)).unwrap();
        b.presence_conn()
            .unwrap()
            .execute("UPDATE presence SET seen_at = seen_at - 31", [])
            .unwrap();
        assert!(a.presence("a").unwrap().is_empty(), "金贝's console died");
        assert!(dir.path().join("kaowu-presence.db").exists());
    }
}
