//! The database file: a mistyped `--db`, another program's SQLite file, a read-only copy, and a
//! demo database another console still has open.

use std::path::Path;

use assert_cmd::Command;
use kaowu::store::{Store, StoreError};

fn kaowu(db: &Path) -> Command {
    let mut c = Command::cargo_bin("kaowu").unwrap();
    c.env("KAOWU_DB", db).env_remove("KAOWU_LANG");
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_db_in_a_missing_folder_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("kaowu-dat").join("kaowu.db");
    let (code, _, err) = run(kaowu(&typo).arg("plans"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("kaowu-dat") && err.contains("不存在"), "{err}");
    assert!(err.contains("--db"), "the hint names --db: {err}");
    assert!(!typo.parent().unwrap().exists(), "no folder made");
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("notes.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE note (body TEXT); INSERT INTO note VALUES ('x');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    let (code, _, err) = run(kaowu(&other).args(["--lang", "en", "sites"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("another program"), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before, "not a byte changed");
    assert!(matches!(Store::open(&other), Err(StoreError::Foreign(_))));
}

/// Runs the command as an account that may read the database but not write it: `nobody` when
/// the tests run as root (CI), who ignores file modes; otherwise the file is made 0444.
fn as_reader(db: &Path, args: &[&str]) -> (i32, String, String) {
    let root = unsafe { libc::geteuid() } == 0;
    let mut c = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("kaowu"));
        c
    } else {
        Command::cargo_bin("kaowu").unwrap()
    };
    c.env("KAOWU_DB", db)
        .env_remove("KAOWU_LANG")
        .env("HOME", db.parent().unwrap())
        .args(args);
    run(&mut c)
}

#[test]
fn a_read_only_database_still_lists_but_refuses_changes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A name SQLite's URI form must escape, as the read-only path opens it by URI.
    let db = dir.path().join("考务 #1?.db");
    let (code, _, err) = run(kaowu(&db).args(["fees", "set", "初级", "180"]));
    assert_eq!(code, 0, "{err}");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, out, err) = as_reader(&db, &["plans"]);
    assert_eq!(code, 0, "{out} {err}");
    assert!(out.contains("20211211-初级"), "{out}");
    let (code, out, err) = as_reader(&db, &["fees", "--json"]);
    assert_eq!(code, 0, "{out} {err}");
    assert!(out.contains("18000"), "{out}");
    let (code, _, err) = as_reader(&db, &["fees", "set", "中级", "200"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("只读"), "{err}");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_demo_database_another_console_has_open_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaowu-demo.db");
    kaowu::demo::create(&path).unwrap();
    let held = Store::open(&path).unwrap();
    let schools = held.count("school").unwrap();
    let err = kaowu::demo::create(&path).unwrap_err();
    assert!(
        matches!(err.downcast_ref::<StoreError>(), Some(StoreError::InUse(_))),
        "{err:#}"
    );
    // Still the same, live database: a new connection sees what the held one sees.
    assert_eq!(
        Store::open(&path).unwrap().count("school").unwrap(),
        schools
    );
    drop(held);
    kaowu::demo::create(&path).unwrap();
}

#[test]
fn a_second_demo_console_is_refused_while_the_first_runs() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let demo = data.join("kaowu").join("kaowu-demo.db");
    let cmd = || {
        let mut c = Command::cargo_bin("kaowu").unwrap();
        c.env_remove("KAOWU_DB")
            .env_remove("KAOWU_LANG")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", &data);
        c
    };
    // A sub-command creates the demo database when it is missing.
    let (code, _, err) = run(cmd().args(["--demo", "sessions"]));
    assert!(code <= 1, "{err}");
    assert!(demo.exists());
    let console = Store::open(&demo).unwrap();
    let (code, _, err) = run(cmd().arg("--demo"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("正由另一个考务程序使用"), "{err}");
    assert!(
        err.contains("kaowu --demo"),
        "the hint says what to do: {err}"
    );
    assert!(console.count("school").unwrap() > 0);
}
