//! Crash safety: an import killed outright (SIGKILL, no chance to clean up) at any moment
//! leaves a database that passes `PRAGMA integrity_check` and holds no partial submission:
//! either the whole submission with all its rows and its audit entry, or nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kaowu::demo::people::People;
use kaowu::demo::submission::{SheetOptions, roster, write_submission_xlsx};
use kaowu::domain::Level;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::site::SiteAction;
use kaowu::store::{Actor, AuditFilter, Store, SubmissionFilter};

const SCHOOL: &str = "浙江商业职业技术学院";
const PLAN: &str = "20211211-初级";
const ROWS: usize = 2000;
const RUNS: u32 = 20;

fn import(db: &Path, file: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kaowu"));
    c.args([
        "import",
        file.to_str().unwrap(),
        "--plan",
        PLAN,
        "--school",
        SCHOOL,
    ])
    .args(["--at", "2021-11-15 10:00", "--as", "金贝"])
    .env("KAOWU_DB", db)
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    c
}

/// The same 2000 students in `n` files that differ only in their creation time, so each has
/// its own SHA-256 and is a new submission, not a duplicate.
fn files(dir: &Path, db: &Path, n: u32) -> Vec<PathBuf> {
    let plan = Store::open(db).unwrap().find_plan(PLAN).unwrap();
    let mut people = People::new(7, 1999..=2003);
    let rows = roster(&mut people, ROWS, Level::Junior, Some("浙江省"));
    (0..n)
        .map(|i| {
            let path = dir.join(format!("报名表-{i}.xlsx"));
            let created = NaiveDate::from_ymd_opt(2021, 11, 10)
                .unwrap()
                .and_hms_opt(8, 0, i)
                .unwrap();
            let opts = SheetOptions {
                created: Some(created),
                ..Default::default()
            };
            write_submission_xlsx(&path, &plan, SCHOOL, &rows, opts).unwrap();
            path
        })
        .collect()
}

/// Whole submissions only: each stored submission has every row its file had, its file, and
/// one audit entry; the database file itself is sound. Returns how many submissions exist.
fn assert_consistent(db: &Path, run: u32) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "run {run}");
    drop(c);
    let s = Store::open(db).unwrap();
    let subs = s.submissions(&SubmissionFilter::default()).unwrap();
    for sub in &subs {
        assert_eq!(sub.rows, ROWS, "run {run}: #{} rows", sub.id);
        assert_eq!(sub.candidates, ROWS, "run {run}: #{} has all rows", sub.id);
        assert!(!s.submission_file(sub.id).unwrap().is_empty(), "run {run}");
    }
    let imports = s
        .audit_log(&AuditFilter::default(), 1_000_000, 0)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "submission.import")
        .count();
    assert_eq!(
        imports,
        subs.len(),
        "run {run}: one audit entry per submission"
    );
    subs.len()
}

#[test]
fn an_import_killed_at_any_moment_leaves_whole_submissions_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kaowu.db");
    {
        let mut s = Store::open(&db).unwrap();
        let a = Actor("金贝".into());
        let info = SchoolInfo {
            name: SCHOOL.into(),
            province: "浙江省".into(),
            ..Default::default()
        };
        s.import_schools(&a, &[info]).unwrap();
        let id = s.find_school(SCHOOL).unwrap().id;
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
    }
    let files = files(dir.path(), &db, RUNS + 1);

    // One undisturbed import tells how long a whole one takes on this machine; the kills are
    // spread from the start to past that, so they land in reading, checking and writing.
    let started = Instant::now();
    let status = import(&db, &files[0]).status().unwrap();
    let whole = started.elapsed();
    assert_eq!(status.code(), Some(0));
    assert_eq!(assert_consistent(&db, 0), 1);

    let mut killed = 0;
    for run in 1..=RUNS {
        let delay = whole.mul_f64(f64::from(run) / f64::from(RUNS) * 1.1);
        let mut child = import(&db, &files[run as usize]).spawn().unwrap();
        std::thread::sleep(delay.max(Duration::from_millis(1)));
        // SIGKILL: the process gets no chance to roll back or clean up.
        let _ = child.kill();
        if child.wait().unwrap().code().is_none() {
            killed += 1;
        }
        assert_consistent(&db, run);
    }
    assert!(killed > 0, "at least some imports were killed mid-way");
    eprintln!("{killed} of {RUNS} imports killed mid-way; a whole import took {whole:?}");
}
