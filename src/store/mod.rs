//! SQLite storage. All SQL of the program lives under this module; callers get typed values.
//!
//! Every change is written in one IMMEDIATE transaction together with its audit row, so a
//! change without its record (or a record without its change) cannot exist.

mod access;
mod audit;
mod backup;
mod bulk;
mod candidates;
mod clock;
mod fees;
mod file;
mod invoices;
mod ledger;
mod photos;
mod plans;
mod platform;
mod presence;
mod registry;
mod results;
mod says;
mod schema;
mod schools;
mod session_actions;
mod session_heads;
mod session_window;
mod sessions;
mod staff;
mod submission_window;
mod submissions;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension};

use crate::domain::{PlanError, SiteError, time};

pub use access::{Denial, Seat, serve_as};
pub use audit::{AuditEntry, AuditFilter, Change, PersonalExport};
pub use candidates::{CandidateWindow, SEARCH_CAP};
pub(crate) use clock::stamp;
pub use clock::{Clock, set_run_clock};
pub use fees::{ChargeLine, SchoolBalance, SiteBalance, SiteFee};
pub use file::remove_unused;
pub use invoices::{Buyer, Invoice, Issuer};
pub use ledger::{Entry, Ledger, NewEntry};
pub use photos::{
    EntryNote, NewPhotoCheck, PhotoCandidate, PhotoCheckRun, PhotoResult, PhotoStatus,
};
pub use platform::PlatformExport;
pub use presence::{BEAT_SECS, Presence, STALE_AFTER_SECS};
pub use registry::RegistryLookup;
pub use results::{CandidateHistory, Registration, ResultImport, SessionPlace};
pub use schools::{SchoolImport, SiteRow};
pub use session_actions::{PlacedCandidate, SessionKey};
pub use session_heads::{SessionAlerts, SessionHead};
pub use session_window::SessionWord;
pub use sessions::{ReadyItem, ReadyMark, SessionFilter, SessionRow, SessionSort, SlotOverlap};
pub use staff::{StaffKey, StaffMember};
pub use submission_window::SubmissionWindow;
pub use submissions::{
    CandidateRow, Feed, NewCandidate, NewSubmission, Recorded, StaleDecision, SubmissionFilter,
    SubmissionHead, SubmissionSummary, SubmissionTail,
};

/// Who is acting: recorded in the audit log with every change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    /// The OS login name, the default actor.
    pub fn from_os() -> Actor {
        let name = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .ok()
            .filter(|n| !n.is_empty())
            .or_else(account_name)
            .unwrap_or_else(|| "unknown".to_string());
        Actor(name)
    }
}

/// The login name of the account running kaowu, from the system's account database: a session
/// started without USER/LOGNAME (cron, some SSH setups, tmux) still records who decided.
#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes only into `pwd` and `buf` (whose length it is given) and sets
    // `found` to `&pwd` or null; the name is copied out before `buf` goes away.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        )
    };
    if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
        return Some(format!("uid {}", unsafe { libc::getuid() }));
    }
    // SAFETY: pw_name points into `buf`, NUL-terminated by getpwuid_r.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// What can go wrong in the store. Each variant is one plain sentence for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot upgrade the database schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cannot create the database file {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    #[error("{0} is a database of another program")]
    Foreign(PathBuf),
    #[error("{0} is open in another kaowu")]
    InUse(PathBuf),
    #[error("the database is read-only")]
    ReadOnly,
    #[error("unknown plan {0:?}")]
    UnknownPlan(String),
    #[error("unknown school {0:?}")]
    UnknownSchool(String),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Site(#[from] SiteError),
    #[error("changing a registration window needs a reason")]
    WindowReasonRequired,
    #[error("a plan with the same exam day and level already exists")]
    PlanExists,
    #[error("unknown submission {0}")]
    UnknownSubmission(i64),
    #[error("{0}")]
    Refused(crate::domain::submission::DecisionRefused),
    #[error("{0} candidates are already accepted for this plan in another submission")]
    AlreadyRegistered(usize),
    #[error("{} decided this first ({}) at {}: refresh and look again", .0.by, .0.state, .0.at)]
    Stale(StaleDecision),
    #[error("the database holds a value it cannot read: {0}")]
    Corrupt(String),
    /// A submission's feed ended before its last row: nothing of it was recorded.
    #[error("the import stopped before the end of the file; nothing was recorded")]
    Abandoned,
    #[error(transparent)]
    Session(#[from] crate::domain::session::SessionRefused),
    #[error(transparent)]
    Fee(crate::domain::fees::FeeRefused),
    /// The person acting lacks the role (or is disabled, or unknown): problem code
    /// `not_permitted`.
    #[error("{}", not_permitted(.name, .denial))]
    NotPermitted { name: String, denial: Denial },
    #[error("unknown staff member {0:?}")]
    UnknownStaff(String),
    #[error("{0:?} is already on the staff list")]
    StaffExists(String),
    #[error(transparent)]
    StaffName(crate::domain::staff::NameError),
    #[error("the key {fingerprint} already belongs to {owner}")]
    KeyTaken { fingerprint: String, owner: String },
    #[error("{name} has no key {fingerprint}")]
    UnknownKey { name: String, fingerprint: String },
    #[error("disabling a person needs a reason")]
    DisableReasonRequired,
}

fn not_permitted(name: &str, denial: &Denial) -> String {
    match denial {
        Denial::Role(role) => format!("{name} may not do this: it needs the role {role}"),
        Denial::Disabled => format!("{name} is disabled"),
        Denial::Unknown => format!("{name} is not on the staff list"),
    }
}

impl StoreError {
    /// The stable problem code of docs/cli.md this error reports, if any.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            StoreError::NotPermitted { .. } => Some("not_permitted"),
            _ => None,
        }
    }
}

/// How long a writer waits for another's transaction before giving up: far longer than any
/// single import or decision holds the lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// The page size of a new database file.
const PAGE_SIZE: i64 = 8192;

/// SQLite's page cache per connection, as `PRAGMA cache_size` (negative: KiB).
const CACHE_KIB: i64 = -16 * 1024;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The open database.
pub struct Store {
    conn: Connection,
    /// The clock decisions and audit rows record (`--at`, the demo); `None`: the real time.
    clock: Option<Clock>,
    /// Who this store acts for: see [`access`].
    seat: Seat,
    /// The presence database, opened on first use: see [`presence`].
    presence: Option<Connection>,
}

/// How often opening is tried again while another process is creating the same database
/// (50 ms apart: ten seconds in all).
const OPEN_TRIES: u32 = 200;

impl StoreError {
    /// Whether SQLite refused for a lock another connection holds (worth doing again).
    fn is_busy(&self) -> bool {
        let sqlite = match self {
            StoreError::Sqlite(e) => Some(e),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                Some(err)
            }
            _ => None,
        };
        matches!(
            sqlite.and_then(|e| e.sqlite_error_code()),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

impl Store {
    /// Opens (creating on first use, mode 0600, with the notice's plans) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_noting(path, &mut |_| {})
    }

    /// [`Store::open`], calling `upgrading` with the number of schema steps before it
    /// upgrades an existing database: on millions of candidates a step that rebuilds an index
    /// takes a minute, which must not pass as a hang.
    pub fn open_noting(path: &Path, upgrading: &mut dyn FnMut(usize)) -> Result<Store> {
        // Staff starting consoles and scripts on a new database at the same moment race to
        // create it: switching it to WAL and the first migration can be refused with "locked"
        // without SQLite waiting (a stale read snapshot is never waited on). Every step of
        // opening is idempotent, so a refused open is simply done again.
        let mut tries = 0;
        loop {
            match Self::open_once(path, upgrading) {
                Err(e) if e.is_busy() && tries < OPEN_TRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                r => return r,
            }
        }
    }

    fn open_once(path: &Path, upgrading: &mut dyn FnMut(usize)) -> Result<Store> {
        if !path.exists() {
            match file::create_private(path) {
                // Another process created it between our look and our create: use theirs.
                Err(StoreError::Create { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists => {}
                r => r?,
            }
        }
        if !file::writable(path) {
            return Self::open_read_only(path);
        }
        let conn = Connection::open(path)?;
        // The busy timeout turns a brief lock into a short wait instead of an error for staff
        // working at the same time; it must be set before the first statement that locks.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        file::check_ours(&conn, path)?;
        // Only a new database takes it (an existing one keeps its own): with 8 KiB pages an
        // import of 100k candidates spent an eighth less time in the B-trees and a quarter less
        // in its commit than with the default 4 KiB.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // WAL lets consoles read while another writes.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::init(conn, upgrading)
    }

    /// A database this process may not write: opened read-only, so listing and exporting
    /// still work; nothing is upgraded or seeded, and a write is refused with
    /// [`StoreError::ReadOnly`].
    fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Err(e) = file::check_ours(&conn, path) {
            if !file::needs_wal_index(&e) {
                return Err(e);
            }
            // A WAL database in a folder this process may not write, with no WAL files beside
            // it: no one is writing it now, so it is read as the unchanging file it is.
            conn = file::open_immutable(path)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            file::check_ours(&conn, path)?;
        }
        if schema::migrations().pending_migrations(&conn)? != 0 {
            return Err(StoreError::ReadOnly);
        }
        Ok(Store {
            conn,
            clock: clock::run_clock(),
            seat: access::process_seat(),
            presence: None,
        })
    }

    /// Copies what the write-ahead log holds into the database file, without waiting for
    /// readers. A large import leaves this to its caller, to run after its result is shown.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// A private in-memory database with the notice's plans, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, &mut |_| {})
    }

    fn init(mut conn: Connection, upgrading: &mut dyn FnMut(usize)) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A search walks every epoch of the search keys when a word is rare: with SQLite's
        // default 2 MB the B-tree's inner pages (3 MB at 5M candidates) fell out between
        // walks and each seek read them again. Pages are taken as used, not up front.
        conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        let migrations = schema::migrations();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let pending = migrations.pending_migrations(&conn)?;
        // A new database (version 0) is made in an instant: only an upgrade is worth a word.
        if version > 0 && pending > 0 {
            upgrading(pending as usize);
        }
        // Two staff opening a new database at once both see it empty; the second's migration
        // then finds the tables the first just made. Its transaction rolled back; if the schema
        // is now current, the other process did the work (otherwise `open` tries again).
        if let Err(e) = migrations.to_latest(&mut conn)
            && migrations.pending_migrations(&conn)? != 0
        {
            return Err(e.into());
        }
        let mut store = Store {
            conn,
            clock: clock::run_clock(),
            seat: access::process_seat(),
            presence: None,
        };
        store.seed_plans()?;
        Ok(store)
    }

    /// Refuses a write on a database opened read-only, before a transaction is begun.
    pub(crate) fn check_writable(&self) -> Result<()> {
        if self.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly);
        }
        Ok(())
    }

    /// The time a write about to begin records, when this store has a clock of its own.
    pub(crate) fn clock_now(&self) -> Option<DateTime<FixedOffset>> {
        self.clock.as_ref().map(Clock::now)
    }

    /// Records decisions from now on as if the time were `start` (running on from there):
    /// the demo's history, a replay under `--at`.
    pub fn set_clock(&mut self, start: DateTime<FixedOffset>) {
        self.clock = Some(Clock::starting_at(start));
    }

    /// The time decisions are recorded at: the store's clock, or the real time.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.as_ref().map_or_else(time::now, Clock::now)
    }

    /// The connection for read-only queries of sibling modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file, or `None` for an in-memory store: a worker thread opens its own
    /// connection on the same file (WAL lets it write while the console reads).
    pub fn path(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// A number that changes when another connection (another console, a CLI run) commits.
    /// Polling it costs one pragma, so open consoles can refresh only when something changed.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// How many rows a table has (used by start-up checks and tests).
    pub fn count(&self, table: &str) -> Result<i64> {
        // Table names cannot be bound as parameters; only known tables are accepted.
        if !schema::TABLES.contains(&table) {
            return Err(StoreError::Corrupt(format!("no table {table}")));
        }
        Ok(self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }
}

/// Reads a stored RFC 3339 time.
pub(crate) fn parse_stored_time(s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|_| StoreError::Corrupt(format!("time {s:?}")))
}

/// `Option` for a single-row query.
pub(crate) fn optional<T>(r: rusqlite::Result<T>) -> Result<Option<T>> {
    Ok(r.optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_version_moves_when_another_connection_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let a = Store::open(&path).unwrap();
        let mut b = Store::open(&path).unwrap();
        let before = a.data_version().unwrap();
        assert_eq!(a.data_version().unwrap(), before, "nothing changed yet");
        let info = crate::domain::school::SchoolInfo {
            name: "x".into(),
            ..Default::default()
        };
        b.import_schools(&Actor("b".into()), &[info]).unwrap();
        assert_ne!(a.data_version().unwrap(), before);
    }

    #[test]
    fn a_new_database_takes_large_pages_and_an_existing_one_opens_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let page_size = |s: &Store| -> i64 {
            s.conn()
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap()
        };
        let new = Store::open(&dir.path().join("new.db")).unwrap();
        assert_eq!(page_size(&new), PAGE_SIZE);
        // A database made before (SQLite's default 4 KiB pages, already in WAL mode).
        let old = dir.path().join("old.db");
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;
             CREATE TABLE t (x); DROP TABLE t;",
        )
        .unwrap();
        drop(conn);
        let mut store = Store::open(&old).unwrap();
        assert_eq!(page_size(&store), 4096);
        let info = crate::domain::school::SchoolInfo {
            name: "浙江商业职业技术学院".into(),
            ..Default::default()
        };
        store
            .import_schools(&Actor("金贝".into()), &[info])
            .unwrap();
        assert_eq!(store.count("school").unwrap(), 1);
    }

    #[test]
    fn opening_an_older_database_says_how_many_steps_upgrade_it_and_a_new_one_says_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut said = Vec::new();
        drop(Store::open_noting(&dir.path().join("new.db"), &mut |n| said.push(n)).unwrap());
        assert_eq!(said, Vec::<usize>::new(), "a new database is no upgrade");
        // A database as release 11 of the schema left it.
        let old = dir.path().join("old.db");
        let mut conn = Connection::open(&old).unwrap();
        schema::migrations().to_version(&mut conn, 11).unwrap();
        drop(conn);
        let all = {
            let mut conn = Connection::open_in_memory().unwrap();
            schema::migrations().to_latest(&mut conn).unwrap();
            conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
                .unwrap() as usize
        };
        drop(Store::open_noting(&old, &mut |n| said.push(n)).unwrap());
        assert_eq!(said, vec![all - 11]);
        drop(Store::open_noting(&old, &mut |n| said.push(n)).unwrap());
        assert_eq!(said, vec![all - 11], "once upgraded, nothing more to say");
    }
}
