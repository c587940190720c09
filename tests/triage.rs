//! The Submissions screen, driven as staff use it: real 附件1 files generated with Chinese
//! data, imported through the real import path, triaged with keys through the keymap, screens
//! rendered on TestBackend at 80x24.

mod common;

use common::console::{chars, flash, go, press, school, screen, terminal};

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaowu::demo::people::{Fault, People, fault};
use kaowu::demo::submission::{SheetOptions, roster, write_submission_xlsx};
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::{SiteAction, time};
use kaowu::i18n::Lang;
use kaowu::intake::Limits;
use kaowu::intake::submission::{Arrival, Imported, import_file};
use kaowu::store::{Actor, AuditFilter, Store, SubmissionFilter};
use kaowu::tui::{Action, App, Modal, Tab, Theme, update};
use ratatui::style::Modifier;

const ZHEJIANG: &str = "浙江商业职业技术学院";
const YIWU: &str = "义乌工商职业技术学院";
const GUANGDONG: &str = "广东轻工职业技术学院";

/// Schools (two approved sites, one pending) and their files, imported as received.
struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    people: People,
}

impl Fixture {
    fn new() -> Fixture {
        let mut store = Store::open_in_memory().unwrap();
        let a = Actor("王娟".into());
        store
            .import_schools(
                &a,
                &[
                    school(ZHEJIANG, "浙江省", "杭州市", "王娟"),
                    school(YIWU, "浙江省", "金华市", "王娟"),
                    school(GUANGDONG, "广东省", "广州市", "王娟"),
                ],
            )
            .unwrap();
        for (name, approve) in [(ZHEJIANG, true), (YIWU, true), (GUANGDONG, false)] {
            let id = store.find_school(name).unwrap().id;
            store.decide_site(&a, id, SiteAction::Apply, None).unwrap();
            if approve {
                store
                    .decide_site(&a, id, SiteAction::Approve, None)
                    .unwrap();
            }
        }
        Fixture {
            dir: tempfile::tempdir().unwrap(),
            store,
            people: People::new(20211110, 2000..=2003),
        }
    }

    /// Writes a file of `n` rows for `school`, with `faults` planted at row indexes.
    fn file(
        &mut self,
        name: &str,
        plan: &str,
        school: &str,
        n: usize,
        faults: &[(usize, Fault)],
    ) -> PathBuf {
        let plan = self.store.find_plan(plan).unwrap();
        let mut rows = roster(&mut self.people, n, plan.level, Some("浙江省"));
        for (i, f) in faults {
            rows[*i] = fault(*f, rows[*i].clone());
        }
        let path = self.dir.path().join(name);
        write_submission_xlsx(&path, &plan, school, &rows, SheetOptions::default()).unwrap();
        path
    }

    fn import(&mut self, path: &Path, plan: &str, school: &str, received: &str) -> i64 {
        let plan = self.store.find_plan(plan).unwrap();
        let school = self.store.find_school(school).unwrap();
        let arrival = Arrival {
            plan: &plan,
            school: &school,
            received_at: time::parse_time(received).unwrap(),
        };
        let done = import_file(
            &mut self.store,
            &Actor("金贝".into()),
            path,
            &arrival,
            &Limits::default(),
            Lang::Zh,
            &mut |_| {},
        )
        .unwrap();
        match done {
            Imported::New { id, .. } => id,
            Imported::Duplicate { .. } => panic!("duplicate"),
        }
    }

    /// Four files: clean and pending, with problems, from an unapproved site, and late.
    fn filled() -> Fixture {
        let mut f = Fixture::new();
        let p = f.file("zj.xlsx", "20211211-初级", ZHEJIANG, 5, &[]);
        f.import(&p, "20211211-初级", ZHEJIANG, "2021-11-15 09:30");
        let p = f.file(
            "yw.xlsx",
            "20211211-初级",
            YIWU,
            6,
            &[(1, Fault::BadChecksum), (3, Fault::ShortPhone)],
        );
        f.import(&p, "20211211-初级", YIWU, "2021-11-18 14:05");
        let p = f.file("gd.xlsx", "20211211-高级", GUANGDONG, 4, &[]);
        f.import(&p, "20211211-高级", GUANGDONG, "2021-11-19 11:00");
        let p = f.file("zj2.xlsx", "20211211-高级", ZHEJIANG, 3, &[]);
        f.import(&p, "20211211-高级", ZHEJIANG, "2021-11-23 08:10");
        f
    }

    fn app(self) -> (App, tempfile::TempDir) {
        let mut app = App::new(
            self.store,
            Lang::Zh,
            time::parse_time("2021-11-20 10:00").unwrap(),
            true,
            Actor("王娟".into()),
            Theme { color: true },
        );
        app.inbox = self.dir.path().join("inbox");
        app.exports = self.dir.path().join("exports");
        (app, self.dir)
    }
}

fn select(app: &mut App, school: &str, plan: &str) -> i64 {
    let i = app
        .screens
        .submissions
        .shown
        .iter()
        .position(|s| s.school == school && s.plan_code == plan)
        .unwrap_or_else(|| panic!("{school} {plan} not listed"));
    app.screens.submissions.cursor.selected = i;
    app.screens.submissions.shown[i].id
}

fn state(app: &App, id: i64) -> SubmissionState {
    app.store.submission(id).unwrap().state
}

#[test]
fn the_list_is_newest_first_with_state_rows_and_problems() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    let got: Vec<_> = app
        .screens
        .submissions
        .shown
        .iter()
        .map(|s| s.state)
        .collect();
    use SubmissionState as S;
    assert_eq!(got, [S::Late, S::SiteNotApproved, S::Pending, S::Pending]);
    let s = screen(&app);
    insta::assert_snapshot!("submissions", s);

    // Filter by the state's name, a plan code, a school word; the cycle key narrows by state.
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "待处理");
    assert_eq!(app.screens.submissions.shown.len(), 2);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "20211211-高级 浙江");
    assert_eq!(app.screens.submissions.shown.len(), 1);
    assert_eq!(app.screens.submissions.shown[0].state, S::Late);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screens.submissions.state, Some(S::Pending));
    assert_eq!(app.screens.submissions.shown.len(), 2);
}

#[test]
fn a_detail_groups_problems_by_row_and_masks_numbers() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    let id = select(&mut app, YIWU, "20211211-初级");
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Submission(d)) = app.modals.last() else {
        panic!("no detail open");
    };
    assert_eq!(d.summary.id, id);
    let full_id = d.rows[0].id_number.clone();
    let s = screen(&app);
    assert!(s.contains("第 3 行"), "{s}");
    assert!(
        s.contains(&kaowu::domain::privacy::mask_id(&full_id)),
        "{s}"
    );
    assert!(
        !s.contains(&full_id),
        "an ID number is shown unmasked:\n{s}"
    );
    insta::assert_snapshot!("submission_detail", s);
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());
}

#[test]
fn accept_is_refused_with_the_reason_for_problems_late_and_unapproved_sites() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    let id = select(&mut app, YIWU, "20211211-初级");
    press(&mut app, KeyCode::Char('a'));
    assert!(app.modals.is_empty(), "a refused accept asks nothing");
    assert!(flash(&app).contains("2 行有问题"), "{}", flash(&app));
    insta::assert_snapshot!("accept_refused", screen(&app));
    assert_eq!(state(&app, id), SubmissionState::Pending);

    select(&mut app, ZHEJIANG, "20211211-高级");
    press(&mut app, KeyCode::Char('a'));
    assert!(flash(&app).contains("逾期"), "{}", flash(&app));
    select(&mut app, GUANGDONG, "20211211-高级");
    press(&mut app, KeyCode::Char('a'));
    assert!(flash(&app).contains("考点未获批准"), "{}", flash(&app));
    assert!(app.modals.is_empty());
}

#[test]
fn accepting_the_valid_rows_only_is_a_separate_confirmed_choice() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    let id = select(&mut app, YIWU, "20211211-初级");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('A'));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    let s = screen(&app);
    assert!(s.contains("仅接受"), "{s}");
    insta::assert_snapshot!("accept_valid_only", s);
    press(&mut app, KeyCode::Enter);
    let after = app.store.submission(id).unwrap();
    assert_eq!(after.state, SubmissionState::Accepted);
    assert!(after.valid_only);
    assert_eq!(after.decided_by.as_deref(), Some("王娟"));
    // The opened detail follows the decision.
    assert!(
        matches!(app.modals.last(), Some(Modal::Submission(d)) if d.summary.state == SubmissionState::Accepted)
    );
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(log[0].action, "submission.accept");
    assert_eq!(log[0].actor, "王娟");
    assert!(
        log[0].detail.contains("仅有效行 4 / 6"),
        "{}",
        log[0].detail
    );
}

#[test]
fn reject_needs_a_reason_and_is_stored_and_audited() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    let id = select(&mut app, ZHEJIANG, "20211211-初级");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("the confirm modal closed without a reason");
    };
    assert!(
        c.error.as_deref().unwrap_or("").contains("原因"),
        "{:?}",
        c.error
    );
    assert_eq!(state(&app, id), SubmissionState::Pending);
    chars(&mut app, "非本校学生");
    insta::assert_snapshot!("reject_submission", screen(&app));
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    let after = app.store.submission(id).unwrap();
    assert_eq!(after.state, SubmissionState::Rejected);
    assert_eq!(after.note.as_deref(), Some("非本校学生"));
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].reason.as_deref()),
        ("submission.reject", Some("非本校学生"))
    );
    assert!(flash(&app).contains("已驳回"), "{}", flash(&app));
}

/// The audit log reads in the catalog's words, not `submission.re…` and `pending → rejected`,
/// and `/` finds a row by those words.
#[test]
fn the_audit_log_says_actions_and_states_in_words_and_filters_by_them() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    select(&mut app, ZHEJIANG, "20211211-初级");
    press(&mut app, KeyCode::Char('r'));
    chars(&mut app, "非本校学生");
    press(&mut app, KeyCode::Enter);
    let audit = Tab::ALL.iter().position(|t| *t == Tab::Audit).unwrap() as u32 + 1;
    press(
        &mut app,
        KeyCode::Char(char::from_digit(audit, 10).unwrap()),
    );
    assert_eq!(app.tab, Tab::Audit);
    let s = screen(&app);
    assert!(s.contains("提交：驳回"), "{s}");
    assert!(!s.contains("submission."), "{s}");
    // The newest row's detail says the change in words.
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("待处理 → 已驳回"), "{s}");
    assert!(
        !s.contains("pending →") && !s.contains("submission."),
        "{s}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "已驳回");
    assert_eq!(app.screens.audit.total, 1, "{}", screen(&app));
    assert_eq!(app.screens.audit.rows[0].action, "submission.reject");
}

#[test]
fn needs_fix_sends_the_note_and_n_p_walk_the_ones_needing_a_decision() {
    use SubmissionState as S;
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    // One definition of "needs a decision": the late file needs a reply too, the one from an
    // unapproved site waits for the site. The title and the Overview count the same two.
    let needing = |app: &App| {
        let mut v: Vec<_> = app
            .screens
            .submissions
            .shown
            .iter()
            .filter(|s| s.state.needs_decision())
            .map(|s| s.id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(needing(&app).len(), 3);
    assert!(screen(&app).contains("待决定 3"), "{}", screen(&app));
    assert_eq!(app.screens.overview.triage_count, 3);
    // The row under the cursor (the late file, newest first) is not skipped: n opens it.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('n'));
    let late = app.screens.submissions.shown[0].clone();
    assert_eq!(late.state, S::Late);
    let Some(Modal::Submission(d)) = app.modals.last() else {
        panic!("n opens the submission it goes to");
    };
    assert_eq!(d.summary.id, late.id);
    // From the opened one, n walks the others, skipping the unapproved site's file.
    press(&mut app, KeyCode::Char('n'));
    let first = app.screens.submissions.selected().unwrap().clone();
    assert_eq!(first.state, S::Pending);
    press(&mut app, KeyCode::Char('f'));
    chars(&mut app, "第3行身份证号校验位错误");
    press(&mut app, KeyCode::Enter);
    assert_eq!(state(&app, first.id), S::NeedsFix);
    assert_eq!(app.screens.overview.triage_count, 2);
    press(&mut app, KeyCode::Char('n'));
    let second = app.screens.submissions.selected().unwrap().clone();
    assert_ne!(second.id, first.id);
    assert_eq!(second.state, S::Pending);
    // Past the end it wraps round to the late file; the needs-fix one waits for the school.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screens.submissions.selected().unwrap().id, late.id);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.screens.submissions.selected().unwrap().id, second.id);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.screens.submissions.selected().unwrap().id, late.id);
    // The last one needing a decision: n says there is no other.
    app.store
        .decide_submission(
            &Actor("金贝".into()),
            second.id,
            Decision::Reject,
            Some("重复"),
            false,
            None,
        )
        .unwrap();
    app.refresh(Tab::Submissions);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screens.submissions.selected().unwrap().id, late.id);
    assert!(flash(&app).contains("没有其他"), "{}", flash(&app));
}

#[test]
fn a_stale_decision_is_refused_naming_who_decided_first_and_when() {
    let (mut app, _dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    let id = select(&mut app, ZHEJIANG, "20211211-初级");
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    // Another console decides while this one's confirm modal is open.
    app.store
        .decide_submission(
            &Actor("金贝".into()),
            id,
            Decision::NeedsFix,
            Some("缺少班级"),
            false,
            None,
        )
        .unwrap();
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("the refusal must stay on screen");
    };
    let e = c.error.clone().unwrap_or_default();
    let at = app.store.submission(id).unwrap().decided_at.unwrap();
    let when = time::short(&chrono::DateTime::parse_from_rfc3339(&at).unwrap());
    assert!(
        e.contains("金贝") && e.contains(&when) && e.contains("退回修改"),
        "{e}"
    );
    assert_eq!(state(&app, id), SubmissionState::NeedsFix);
    assert_eq!(
        app.screens.submissions.selected().unwrap().state,
        SubmissionState::NeedsFix
    );
    let accepts = app
        .store
        .audit_log(
            &AuditFilter {
                text: "submission.accept".into(),
                ..Default::default()
            },
            10,
            0,
        )
        .unwrap();
    assert!(accepts.is_empty(), "nothing accepted: {accepts:?}");
}

#[test]
fn the_annotated_return_is_written_private_into_exports() {
    let (mut app, dir) = Fixture::filled().app();
    go(&mut app, Tab::Submissions);
    select(&mut app, YIWU, "20211211-初级");
    press(&mut app, KeyCode::Char('e'));
    // The sheet is parsed and written on a worker: the console says so and keeps going.
    assert!(flash(&app).contains("正在写入退回表"), "{}", flash(&app));
    for _ in 0..6000 {
        update(&mut app, Action::Tick);
        if !app.returns.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!app.returns.is_busy(), "the return was never written");
    let path = dir.path().join("exports").join(format!(
        "20211211-初级_{YIWU}_退回{}.xlsx",
        app.screens.submissions.selected().unwrap().id
    ));
    assert!(path.is_file(), "{}", flash(&app));
    assert!(flash(&app).contains("2 个问题"), "{}", flash(&app));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn the_inbox_imports_named_files_asks_for_the_rest_and_keeps_them_in_done() {
    let mut fx = Fixture::new();
    let inbox = fx.dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let named = fx.file("x.xlsx", "20211211-初级", ZHEJIANG, 4, &[]);
    std::fs::rename(
        &named,
        inbox.join(format!("20211211-初级_{ZHEJIANG}_第2版.xlsx")),
    )
    .unwrap();
    let other = fx.file("y.xlsx", "20211211-初级", YIWU, 3, &[]);
    std::fs::rename(&other, inbox.join("义乌报名表.xlsx")).unwrap();
    let (mut app, _dir) = fx.app();
    go(&mut app, Tab::Submissions);
    press(&mut app, KeyCode::Char('I'));
    // The named file went straight in; the other waits in the form, its path filled in.
    assert_eq!(
        app.store
            .submissions(&SubmissionFilter::default())
            .unwrap()
            .len(),
        1
    );
    assert!(
        inbox
            .join("done")
            .join(format!("20211211-初级_{ZHEJIANG}_第2版.xlsx"))
            .is_file()
    );
    let Some(Modal::Import(form)) = app.modals.last() else {
        panic!("the unnamed file is asked for");
    };
    assert!(form.text(0).ends_with("义乌报名表.xlsx"));
    chars(&mut app, "20211211-初");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    chars(&mut app, "义乌");
    press(&mut app, KeyCode::Tab);
    // The temporary folder's name is random; its length is not.
    let tmp = _dir.path().display().to_string();
    let stable = "X".repeat(tmp.len());
    insta::assert_snapshot!("import_form", screen(&app).replace(&tmp, &stable));
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.modals.last().map(|_| ()));
    let subs = app.store.submissions(&SubmissionFilter::default()).unwrap();
    assert_eq!(subs.len(), 2);
    assert_eq!(subs.iter().filter(|s| s.school == YIWU).count(), 1);
    assert!(inbox.join("done").join("义乌报名表.xlsx").is_file());
    assert!(kaowu::intake::inbox::scan(&inbox).unwrap().is_empty());
    // Nothing new: said so, nothing asked.
    press(&mut app, KeyCode::Char('I'));
    assert!(flash(&app).contains("没有新文件"), "{}", flash(&app));
}

#[test]
fn an_import_runs_on_a_worker_while_the_console_keeps_going() {
    let mut fx = Fixture::new();
    let path = fx.file("big.xlsx", "20211211-初级", ZHEJIANG, 1500, &[]);
    let db = fx.dir.path().join("kaowu.db");
    {
        // The same schools in a database file, which the worker opens on its own.
        let mut store = Store::open(&db).unwrap();
        let a = Actor("王娟".into());
        store
            .import_schools(&a, &[school(ZHEJIANG, "浙江省", "杭州市", "王娟")])
            .unwrap();
        let id = store.find_school(ZHEJIANG).unwrap().id;
        store.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        store
            .decide_site(&a, id, SiteAction::Approve, None)
            .unwrap();
    }
    fx.store = Store::open(&db).unwrap();
    let (mut app, _dir) = fx.app();
    go(&mut app, Tab::Submissions);
    press(&mut app, KeyCode::Char('i'));
    let Some(Modal::Import(_)) = app.modals.last() else {
        panic!("no import form");
    };
    // Replace the suggested folder with the file's path.
    for _ in 0..200 {
        press(&mut app, KeyCode::Backspace);
    }
    chars(&mut app, &path.display().to_string());
    press(&mut app, KeyCode::Down);
    chars(&mut app, "20211211-初级");
    press(&mut app, KeyCode::Down);
    chars(&mut app, ZHEJIANG);
    press(&mut app, KeyCode::Enter);
    assert!(app.imports.running.is_some(), "{:?}", app.flash);
    // The console still moves while the worker reads.
    press(&mut app, KeyCode::Char('j'));
    terminal(&app, 80, 24);
    for _ in 0..6000 {
        update(&mut app, Action::Tick);
        if app.imports.running.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(app.imports.running.is_none(), "the import never finished");
    assert!(flash(&app).contains("1500 行"), "{}", flash(&app));
    assert_eq!(app.screens.submissions.shown.len(), 1);
    assert_eq!(app.screens.submissions.shown[0].rows, 1500);
}

#[test]
fn c_checks_photos_from_the_list_and_an_opened_submission() {
    let (app, _dir) = Fixture::new().app();
    let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
    for mode in [
        kaowu::tui::Mode::Screen(Tab::Submissions),
        kaowu::tui::Mode::Triage,
    ] {
        assert_eq!(
            app.keymap.resolve(mode, &c),
            Some(kaowu::tui::action::Action::CheckPhotosSelected)
        );
    }
}

#[test]
fn without_colour_the_open_states_stay_bold() {
    let (mut app, _dir) = Fixture::filled().app();
    app.theme = Theme { color: false };
    go(&mut app, Tab::Submissions);
    let t = terminal(&app, 80, 24);
    let buf = t.backend().buffer();
    let s = screen(&app);
    let y = s
        .lines()
        .position(|l| l.contains("待处理") && !l.contains("报名提交"))
        .unwrap() as u16;
    let x = (0..80).find(|x| buf[(*x, y)].symbol() == "待").unwrap();
    let cell = &buf[(x, y)];
    assert!(cell.modifier.contains(Modifier::BOLD));
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
}

/// Issue 17 item 2: at start-up the inbox holds a file needing a plan and school. No form
/// opens by itself, so the `4` typed for a screen switches the screen instead of going into a
/// field; `I` then asks for the file.
#[test]
fn a_file_waiting_in_the_inbox_at_start_up_never_takes_the_first_key() {
    let mut fx = Fixture::new();
    let inbox = fx.dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let other = fx.file("y.xlsx", "20211211-初级", YIWU, 3, &[]);
    std::fs::rename(&other, inbox.join("义乌报名表.xlsx")).unwrap();
    let (mut app, _dir) = fx.app();
    kaowu::tui::start(&mut app);
    assert!(app.modals.is_empty(), "a pop-up opened by itself");
    assert!(flash(&app).contains("按 I"), "{}", flash(&app));
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.tab, Tab::ALL[3]);
    go(&mut app, Tab::Submissions);
    press(&mut app, KeyCode::Char('I'));
    let Some(Modal::Import(form)) = app.modals.last() else {
        panic!("I asks for the waiting file");
    };
    assert!(form.text(0).ends_with("义乌报名表.xlsx"));
}
