//! The database file itself: creating it privately, refusing files that are not kaowu's, and
//! never replacing one another process still has open.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Result, StoreError};

/// `PRAGMA application_id` of a kaowu database ("KAOW"): a file of another program is told
/// apart before kaowu adds its tables to it.
pub(super) const APPLICATION_ID: i64 = 0x4B41_4F57;

/// Tables every kaowu database has had since its first version: a database made before the
/// application id was written is kaowu's when it has them.
const OWN_TABLES: [&str; 3] = ["plan", "school", "audit"];

/// Creates an empty file readable only by its owner: the database holds ID and phone numbers.
/// The folder must exist: a mistyped `--db` must not quietly start a new, empty office.
pub(super) fn create_private(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(StoreError::NoFolder(dir.to_path_buf()));
    }
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
        .map(drop)
        .map_err(|source| StoreError::Create {
            path: path.to_path_buf(),
            source,
        })
}

/// Whether this process may write the file (a copy handed out read-only, another account's
/// database): such a database is opened read-only and still serves the commands that read.
pub(super) fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return true;
        };
        // SAFETY: access only reads the NUL-terminated path.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        !std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
    }
}

/// Whether opening read-only failed only because the WAL index (`-shm`) cannot be created.
pub(super) fn needs_wal_index(e: &StoreError) -> bool {
    let StoreError::Sqlite(e) = e else {
        return false;
    };
    // SQLITE_READONLY_CANTINIT and SQLITE_READONLY_DIRECTORY.
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == 1288 || f.extended_code == 1544
    ) || e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
}

/// Opens a database file SQLite may assume nobody changes (the `immutable` URI parameter).
pub(super) fn open_immutable(path: &Path) -> Result<Connection> {
    let mut uri = String::from("file:");
    for b in path.as_os_str().as_encoded_bytes() {
        // Every byte but plain ASCII is %-escaped: SQLite decodes them back to the path's bytes.
        if b.is_ascii_alphanumeric() || b"/._-~".contains(b) {
            uri.push(char::from(*b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    Ok(Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// Refuses a database another program made: kaowu would otherwise add its tables to it.
/// An empty file (just created, or made empty by someone) is fine.
pub(super) fn check_ours(conn: &Connection, path: &Path) -> Result<()> {
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app == APPLICATION_ID {
        return Ok(());
    }
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let ours = tables.is_empty() || OWN_TABLES.iter().all(|t| tables.iter().any(|n| n == t));
    if app == 0 && ours {
        Ok(())
    } else {
        Err(StoreError::Foreign(path.to_path_buf()))
    }
}

/// Removes the database at `path` with its WAL files, unless another connection (a console,
/// a script, in this process or another) has it open: that one would go on writing into a
/// deleted file and be told its decisions worked.
pub fn remove_unused(path: &Path) -> Result<()> {
    if path.exists() {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Every open connection to a WAL database keeps a shared lock on it, so an exclusive
        // lock, not waited for, is granted only when no one else has it open. It is held until
        // the files are gone.
        conn.busy_timeout(std::time::Duration::ZERO)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        match conn.execute_batch("BEGIN EXCLUSIVE") {
            Ok(()) => {}
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) =>
            {
                return Err(StoreError::InUse(path.to_path_buf()));
            }
            // Not a database at all (a half-written file): nothing can have it open as one.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {}
            Err(e) => return Err(e.into()),
        }
        remove_files(path)?;
        drop(conn);
    }
    // The last connection to close may have left its WAL files behind: the new database must
    // not start from them.
    remove_files(path)
}

fn remove_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::Create { path: p, source }),
        }
    }
    Ok(())
}
