//! Presence: which console has which submission open. A console refreshes its row every few
//! seconds; a row not refreshed for [`STALE_AFTER_SECS`] is ignored and cleared, so a console
//! that died or lost its link stops showing within that time. Presence is never a lock.

use rusqlite::params;

use super::{Result, Store};

/// How old a heartbeat may be and still count.
pub const STALE_AFTER_SECS: i64 = 30;

/// Someone looking at a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub submission_id: i64,
    pub staff: String,
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Store {
    /// Marks `console` (one running console, acting for `staff`) as looking at `submission`,
    /// or at nothing; drops rows gone stale on the way.
    pub fn heartbeat(&mut self, console: &str, staff: &str, submission: Option<i64>) -> Result<()> {
        let now = now_secs();
        self.write_unchecked(|tx| {
            tx.execute(
                "DELETE FROM presence WHERE seen_at < ?1 OR console = ?2",
                params![now - STALE_AFTER_SECS, console],
            )?;
            if let Some(id) = submission {
                tx.execute(
                    "INSERT INTO presence (console, staff, submission_id, seen_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![console, staff, id, now],
                )?;
            }
            Ok(())
        })
    }

    /// Who else has a submission open right now: every fresh row of a console other than
    /// `console`, by submission then name, each person once per submission.
    pub fn presence(&self, console: &str) -> Result<Vec<Presence>> {
        let mut stmt = self.conn().prepare(
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_console_sees_the_others_and_a_stale_heartbeat_counts_for_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        s.heartbeat("a", "王娟", Some(7)).unwrap();
        s.heartbeat("b", "金贝", Some(7)).unwrap();
        let seen_by_a = s.presence("a").unwrap();
        assert_eq!(
            seen_by_a,
            [Presence {
                submission_id: 7,
                staff: "金贝".into()
            }]
        );
        s.heartbeat("b", "金贝", None).unwrap();
        assert!(s.presence("a").unwrap().is_empty(), "金贝 closed it");
        s.heartbeat("b", "金贝", Some(7)).unwrap();
        s.conn()
            .execute(
                "UPDATE presence SET seen_at = seen_at - 31 WHERE console = 'b'",
                [],
            )
            .unwrap();
        assert!(s.presence("a").unwrap().is_empty(), "金贝's console died");
    }
}
