//! The console in a team: who else has a submission open (presence, never a lock), and what a
//! person without a role sees (keys listed as needing it, refused at once and audited). Drawn
//! at 80x24 on TestBackend; the same over a real ssh login is in tests/ssh.rs.

mod common;

use common::console::{confirm_error, flash, go, press, screen};

use crossterm::event::KeyCode;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::submission::SubmissionState;
use kaowu::domain::time::parse_time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, AuditFilter, NewCandidate, NewSubmission, Recorded, Seat, Store};
use kaowu::tui::{App, Modal, Tab, Theme};

const SCHOOL: &str = "浙江商业职业技术学院";

/// Three pending submissions received an hour apart (`a.xlsx` first); their ids, oldest first.
fn three_pending(s: &mut Store) -> Vec<i64> {
    let a = Actor("it".into());
    let info = SchoolInfo {
        name: SCHOOL.into(),
        province: "浙江省".into(),
        ..Default::default()
    };
    common::approved_sites(s, &[info]);
    let plan = s.find_plan("20211211-初级").unwrap().id;
    let school = s.find_school(SCHOOL).unwrap().id;
    ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let candidates = [NewCandidate {
                row: 2,
                name: "张三".into(),
                id_type: "居民身份证".into(),
                id_number: "11010519491231002X".into(),
                phone: "13800000000".into(),
                valid: true,
                ..Default::default()
            }];
            let file = format!("{name}.xlsx");
            let sub = NewSubmission {
                plan_id: plan,
                school_id: school,
                file_name: &file,
                sha256: name,
                bytes: b"xlsx",
                received_at: parse_time(&format!("2021-11-15 1{i}:00")).unwrap(),
                state: SubmissionState::Pending,
                rows: 1,
                header_row: 1,
                candidates: &candidates,
                problems: &[],
            };
            match s.record_submission(&a, &sub).unwrap() {
                Recorded::New(id) => id,
                Recorded::Duplicate(id) => panic!("duplicate of {id}"),
            }
        })
        .collect()
}

fn console(store: Store, actor: &str) -> App {
    App::new(
        store,
        Lang::Zh,
        parse_time("2021-11-16 10:00").unwrap(),
        true,
        Actor(actor.into()),
        Theme { color: false },
    )
}

fn selected(app: &App) -> i64 {
    app.screens.submissions.selected().unwrap().id
}

#[test]
fn next_skips_what_someone_else_has_open_and_deciding_it_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kaowu.db");
    let mut store = Store::open(&db).unwrap();
    let [a, b, c] = three_pending(&mut store)[..] else {
        panic!()
    };
    // 金贝's console, elsewhere, has b open.
    let mut other = Store::open(&db).unwrap();
    other.heartbeat("jinbei-console", "金贝", Some(b)).unwrap();

    let mut app = console(store, "王娟");
    go(&mut app, Tab::Submissions);
    app.sync_presence();
    assert_eq!(selected(&app), c, "newest first");
    let list = screen(&app);
    let row_b = list
        .lines()
        .find(|l| l.contains(&format!(" {b} 11-15")))
        .unwrap();
    assert!(
        row_b.contains("◉金贝"),
        "the list shows who is on b: {list}"
    );
    let row_c = list
        .lines()
        .find(|l| l.contains(&format!(" {c} 11-15")))
        .unwrap();
    assert!(!row_c.contains('◉'), "{list}");

    // From the list n takes the row under the cursor first (issue 17 item 4) and opens it.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(selected(&app), c, "n takes the free one under the cursor");
    assert!(matches!(app.modals.last(), Some(Modal::Submission(_))));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(selected(&app), a, "n skipped b, which 金贝 has open");
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(selected(&app), c, "p skips b too");
    press(&mut app, KeyCode::Esc);
    // With the cursor on b, n from the list still prefers what nobody else has open.
    app.screens.submissions.cursor.selected = 1;
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(selected(&app), a);
    press(&mut app, KeyCode::Esc);
    app.screens.submissions.cursor.selected = 0;
    press(&mut app, KeyCode::Down);
    assert_eq!(selected(&app), b);

    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.modals.last(), Some(Modal::Submission(_))));
    assert_eq!(app.open_submission(), Some(b));
    app.sync_presence();
    assert!(screen(&app).contains("◉ 金贝 也在看"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('a'));
    assert!(
        confirm_error(&app).contains("金贝 也打开了这份提交"),
        "asks first: {}",
        screen(&app)
    );
    // Asked, not refused: confirming decides.
    press(&mut app, KeyCode::Enter);
    let decided = app.store.submission(b).unwrap();
    assert_eq!(decided.state, SubmissionState::Accepted);

    // This console's own mark is what 金贝 sees.
    app.sync_presence();
    assert_eq!(other.presence("jinbei-console").unwrap()[0].staff, "王娟");
}

#[test]
fn a_person_without_the_role_sees_the_keys_as_needing_it_and_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kaowu.db");
    let mut local = Store::open(&db).unwrap();
    three_pending(&mut local);
    local
        .add_staff(
            &Actor("it".into()),
            "金贝",
            &"finance".parse().unwrap(),
            &[],
        )
        .unwrap();
    let store = Store::open(&db)
        .unwrap()
        .with_seat(Seat::Staff("金贝".into()));
    let mut app = console(store, "金贝");
    go(&mut app, Tab::Submissions);
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app);
    assert!(help.contains("接受（需要“审核”角色）"), "{help}");
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('a'));
    assert!(
        app.modals.is_empty(),
        "no confirm for a decision that cannot be taken"
    );
    assert_eq!(flash(&app), "金贝 无权进行此操作：需要“审核”角色");
    let log = local
        .audit_log(
            &AuditFilter {
                text: "not_permitted".into(),
                ..Default::default()
            },
            5,
            0,
        )
        .unwrap();
    assert_eq!(log[0].actor, "金贝");
    assert!(log[0].detail.ends_with("needs triage"), "{}", log[0].detail);

    // The Fees screen's keys are theirs: nothing marked there.
    go(&mut app, Tab::Fees);
    press(&mut app, KeyCode::Char('?'));
    assert!(!screen(&app).contains("需要“财务”角色"), "{}", screen(&app));
}
