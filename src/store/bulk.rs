//! Filling a database fast, for the national-scale benchmarks: millions of candidates recorded
//! through the ordinary store calls would each extend six indexes at random places; dropped
//! during the fill and built after, each index is sorted once.

use super::{Result, Store};

impl Store {
    /// Benchmarks only: runs `fill` (which records submissions through the store's ordinary
    /// calls) with the candidate table's indexes dropped, then builds them again from their
    /// own definitions and folds the write-ahead log into the file. The database ends as the
    /// same calls would have left it with the indexes in place.
    #[doc(hidden)]
    pub fn bulk_fill<T>(&mut self, fill: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let indexes: Vec<(String, String)> = {
            let mut stmt = self.conn().prepare(
                "SELECT name, sql FROM sqlite_master
                 WHERE type = 'index' AND tbl_name = 'candidate' AND sql IS NOT NULL",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (name, _) in &indexes {
            self.conn()
                .execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        let out = fill(self);
        // Sorting 5 million keys wants more than the default 2 MB of page cache.
        self.conn().pragma_update(None, "cache_size", -512 * 1024)?;
        for (_, sql) in &indexes {
            self.conn().execute_batch(sql)?;
        }
        self.conn().pragma_update(None, "cache_size", -2000)?;
        self.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_fill_leaves_every_candidate_index_as_it_was() {
        let mut s = Store::open_in_memory().unwrap();
        let schema = |s: &Store| -> Vec<(String, String)> {
            let mut stmt = s
                .conn()
                .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
                .unwrap();
            stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
        };
        let before = schema(&s);
        let during = s.bulk_fill(|s| Ok(schema(s))).unwrap();
        assert!(during.len() < before.len(), "dropped while filling");
        assert_eq!(schema(&s), before);
    }
}
