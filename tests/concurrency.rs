//! Several staff at once: separate `kaowu` processes racing decisions and imports on one
//! database. No decision is lost or silently overwritten, no one ever sees "database is
//! locked", every successful write has exactly one audit entry, and a backup taken while
//! others write is a consistent database.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use kaowu::demo::people::People;
use kaowu::demo::submission::{SheetOptions, roster, write_submission_xlsx};
use kaowu::domain::Level;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::site::SiteAction;
use kaowu::store::{Actor, AuditFilter, Store};

const SCHOOL: &str = "浙江商业职业技术学院";
const PLAN: &str = "20211211-初级";
const AT: &str = "2021-11-15 10:00";

fn kaowu(db: &Path, user: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kaowu"));
    c.args(args)
        .args(["--at", AT, "--as", user, "--lang", "en"])
        .env("KAOWU_DB", db)
        .env_remove("KAOWU_LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn spawn(db: &Path, user: &str, args: &[&str]) -> Child {
    kaowu(db, user, args).spawn().expect("start kaowu")
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Fails when any output shows a lock error leaking through the busy timeout.
fn assert_never_busy(o: &Output) {
    let all = text(o).to_lowercase();
    assert!(
        !all.contains("locked") && !all.contains("busy"),
        "a lock error reached the user:\n{all}"
    );
}

/// A database with one school whose site is approved.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("kaowu.db");
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
    db
}

/// `n` clean 附件1 files of `rows` students each, none sharing an ID.
fn sheets(dir: &Path, db: &Path, n: usize, rows: usize, seed: u64) -> Vec<PathBuf> {
    let plan = Store::open(db).unwrap().find_plan(PLAN).unwrap();
    let mut people = People::new(seed, 1999..=2003);
    (0..n)
        .map(|i| {
            let path = dir.join(format!("报名表-{seed}-{i}.xlsx"));
            let rows = roster(&mut people, rows, Level::Junior, Some("浙江省"));
            write_submission_xlsx(&path, &plan, SCHOOL, &rows, SheetOptions::default()).unwrap();
            path
        })
        .collect()
}

fn audit_count(db: &Path, action: &str) -> usize {
    let s = Store::open(db).unwrap();
    s.audit_log(&AuditFilter::default(), 1_000_000, 0)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .count()
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn import_sequentially(db: &Path, files: &[PathBuf]) -> Vec<i64> {
    files
        .iter()
        .map(|f| {
            let o = kaowu(
                db,
                "金贝",
                &[
                    "import",
                    f.to_str().unwrap(),
                    "--plan",
                    PLAN,
                    "--school",
                    SCHOOL,
                    "--json",
                ],
            )
            .output()
            .unwrap();
            assert_eq!(o.status.code(), Some(0), "{}", text(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            v["id"].as_i64().unwrap()
        })
        .collect()
}

#[test]
fn racing_decisions_let_exactly_one_win_and_the_others_hear_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let files = sheets(dir.path(), &db, 6, 3, 1);
    let ids = import_sequentially(&db, &files);
    let deciders = ["王娟", "李明", "张伟"];

    // Every submission gets three final decisions at once, from three staff.
    let mut racing: Vec<(i64, &str, Child)> = Vec::new();
    for id in &ids {
        let sid = id.to_string();
        for (k, who) in deciders.iter().enumerate() {
            let args: Vec<&str> = if k == 0 {
                vec!["decide", &sid, "accept"]
            } else {
                vec!["decide", &sid, "reject", "--reason", "材料不全"]
            };
            racing.push((*id, who, spawn(&db, who, &args)));
        }
    }
    let results: Vec<(i64, &str, Output)> = racing
        .into_iter()
        .map(|(id, who, c)| (id, who, c.wait_with_output().unwrap()))
        .collect();

    let store = Store::open(&db).unwrap();
    let mut wins = 0;
    for id in &ids {
        let mine: Vec<&(i64, &str, Output)> = results.iter().filter(|r| r.0 == *id).collect();
        for (_, _, o) in &mine {
            assert_never_busy(o);
        }
        let winners: Vec<&&(i64, &str, Output)> = mine
            .iter()
            .filter(|r| r.2.status.code() == Some(0))
            .collect();
        assert_eq!(winners.len(), 1, "#{id}: exactly one decision wins");
        wins += 1;
        let winner = winners[0].1;
        let stored = store.submission(*id).unwrap();
        assert_eq!(stored.decided_by.as_deref(), Some(winner), "#{id}");
        let at = stored.decided_at.clone().unwrap();
        for (_, who, o) in mine.iter().filter(|r| r.2.status.code() != Some(0)) {
            assert_eq!(o.status.code(), Some(1), "{who} on #{id}: {}", text(o));
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                err.contains(winner) && err.contains(&at),
                "{who} on #{id} must hear who decided first and when: {err}"
            );
        }
    }
    let decisions = audit_count(&db, "submission.accept") + audit_count(&db, "submission.reject");
    assert_eq!(
        decisions, wins,
        "one audit entry per decision that took effect"
    );
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn racing_imports_of_different_files_all_land_and_the_same_file_lands_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let files = sheets(dir.path(), &db, 6, 40, 2);
    let import = |f: &Path, who: &str| {
        spawn(
            &db,
            who,
            &[
                "import",
                f.to_str().unwrap(),
                "--plan",
                PLAN,
                "--school",
                SCHOOL,
                "--json",
            ],
        )
    };
    // Six different files at once, plus the first file a second time by someone else.
    let mut children: Vec<Child> = files.iter().map(|f| import(f, "金贝")).collect();
    children.push(import(&files[0], "王娟"));
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for o in &outs {
        assert_never_busy(o);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", text(o));
    }
    let docs: Vec<serde_json::Value> = outs
        .iter()
        .map(|o| serde_json::from_slice(&o.stdout).unwrap())
        .collect();
    let new = docs.iter().filter(|d| d["status"] == "pending").count();
    let dup = docs
        .iter()
        .filter(|d| d["status"] == "duplicate_file")
        .count();
    assert_eq!((new, dup), (6, 1), "each file recorded once: {docs:#?}");

    let store = Store::open(&db).unwrap();
    let subs = store
        .submissions(&kaowu::store::SubmissionFilter::default())
        .unwrap();
    assert_eq!(subs.len(), 6);
    for s in &subs {
        assert_eq!(s.candidates, 40, "#{} has all its rows", s.id);
    }
    assert_eq!(audit_count(&db, "submission.import"), 6);
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn a_backup_taken_while_others_write_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let files = sheets(dir.path(), &db, 8, 200, 3);
    // One member of staff keeps importing while another takes backups.
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for f in &files {
                let o = kaowu(
                    &db,
                    "金贝",
                    &[
                        "import",
                        f.to_str().unwrap(),
                        "--plan",
                        PLAN,
                        "--school",
                        SCHOOL,
                    ],
                )
                .output()
                .unwrap();
                assert_never_busy(&o);
                assert_eq!(o.status.code(), Some(0), "{}", text(&o));
            }
        })
    };
    let mut copies = Vec::new();
    for i in 0..4 {
        let copy = dir.path().join(format!("backup-{i}.db"));
        let o = kaowu(&db, "王娟", &["backup", copy.to_str().unwrap()])
            .output()
            .unwrap();
        assert_never_busy(&o);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        copies.push(copy);
    }
    writer.join().unwrap();
    for copy in &copies {
        assert_eq!(integrity(copy), "ok", "{}", copy.display());
        // A consistent snapshot: every submission in the copy has all of its rows.
        let s = Store::open(copy).unwrap();
        for sub in s
            .submissions(&kaowu::store::SubmissionFilter::default())
            .unwrap()
        {
            assert_eq!(sub.candidates, 200);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "a backup holds ID numbers");
        }
    }
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn an_open_console_notices_what_others_changed() {
    use kaowu::tui::{App, Theme, notice_others};
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut app = App::new(
        Store::open(&db).unwrap(),
        kaowu::i18n::Lang::Zh,
        kaowu::domain::time::parse_time(AT).unwrap(),
        true,
        Actor("王娟".into()),
        Theme { color: false },
    );
    // Staff look at the sites list.
    kaowu::tui::update(&mut app, kaowu::tui::Action::GoTab(kaowu::tui::Tab::Sites));
    let state = |app: &App| app.screens.sites.shown[0].school.site;
    assert!(!notice_others(&mut app), "nothing changed yet: no reload");
    assert_eq!(state(&app), kaowu::domain::SiteState::Approved);

    // A colleague suspends the site from the command line.
    let o = kaowu(
        &db,
        "李明",
        &["site", "suspend", SCHOOL, "--reason", "考场设备未到位"],
    )
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    assert!(notice_others(&mut app), "the change is noticed");
    assert_eq!(state(&app), kaowu::domain::SiteState::Suspended);
    assert!(!notice_others(&mut app), "and reloaded once");
}

#[test]
fn staff_opening_a_new_database_at_once_all_get_it_with_the_plans_once() {
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kaowu.db");
        let children: Vec<Child> = (0..6)
            .map(|i| spawn(&db, &format!("员工{i}"), &["plans", "--json"]))
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert_never_busy(&o);
            assert_eq!(o.status.code(), Some(0), "round {round}: {}", text(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(v["plans"].as_array().unwrap().len(), 7, "round {round}");
        }
        assert_eq!(Store::open(&db).unwrap().count("plan").unwrap(), 7);
        assert_eq!(integrity(&db), "ok");
    }
}
