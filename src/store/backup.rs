//! A consistent copy of the live database while others keep working (SQLite online backup).

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::file::create_private;
use super::{Result, Store, StoreError};

impl Store {
    /// Copies the database to `target` (created 0600, must not exist) page by page. Between
    /// steps the source is unlocked, so staff keep working; writes made meanwhile restart the
    /// copy, which still ends in one consistent snapshot.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        create_private(target)?;
        let result = (|| {
            let mut dst = Connection::open(target)?;
            let backup = Backup::new(self.conn(), &mut dst)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
            Ok::<_, StoreError>(())
        })();
        if result.is_err() {
            // Never leave a half-written copy that looks like a backup.
            let _ = std::fs::remove_file(target);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Actor;

    #[test]
    fn the_copy_opens_with_everything_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("live.db")).unwrap();
        let info = crate::domain::school::SchoolInfo {
            name: "浙江商贸职业学院".into(),
            ..Default::default()
        };
        s.import_schools(&Actor("t".into()), &[info]).unwrap();
        let copy = dir.path().join("copy.db");
        s.backup_to(&copy).unwrap();
        let c = Store::open(&copy).unwrap();
        assert_eq!(c.count("school").unwrap(), 1);
        assert_eq!(c.count("plan").unwrap(), 7);
        assert_eq!(c.count("audit").unwrap(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        // An existing file is never overwritten.
        assert!(s.backup_to(&copy).is_err());
    }
}
