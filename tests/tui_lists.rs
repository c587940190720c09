//! The console's long lists hold one window (issue 18): driven with real keys at 80x24 on a
//! list longer than the screen, nothing is lost, miscounted, or moved off the item in hand.

mod common;

use common::approved_sites;
use common::console::{app_at, chars, go, press, school, screen};
use crossterm::event::KeyCode;
use kaowu::domain::submission::SubmissionState;
use kaowu::domain::time::parse_time;
use kaowu::store::{
    Actor, NewCandidate, NewSubmission, Recorded, SessionFilter, SessionSort, Store,
    SubmissionFilter,
};
use kaowu::tui::{App, Modal, Tab};

const SCHOOLS: [&str; 4] = [
    "浙江商业职业技术学院",
    "义乌工商职业技术学院",
    "广东轻工职业技术学院",
    "温州职业技术学院",
];

/// Records a one-candidate file of `school` for `plan` received at `minute` past 08:00 on
/// 2021-11-15 (later is newer), in `state`.
fn file(s: &mut Store, plan: i64, school: &str, n: usize, state: SubmissionState) -> i64 {
    let c = [NewCandidate {
        row: 2,
        name: format!("考生{n}"),
        id_type: "居民身份证".into(),
        id_number: format!("3301021990{n:08}"),
        phone: "13800000000".into(),
        valid: true,
        ..Default::default()
    }];
    let sha = format!("sha-{n}");
    let received = format!("2021-11-15 {:02}:{:02}", 8 + n / 60, n % 60);
    let sub = NewSubmission {
        plan_id: plan,
        school_id: s.find_school(school).unwrap().id,
        file_name: "报名表.xlsx",
        sha256: &sha,
        bytes: b"x",
        received_at: parse_time(&received).unwrap(),
        state,
        rows: 1,
        header_row: 1,
        candidates: &c,
        problems: &[],
    };
    let Recorded::New(id) = s.record_submission(&Actor("金贝".into()), &sub).unwrap() else {
        panic!("a new submission")
    };
    id
}

/// 120 files from four schools over the notice's plans, all accepted but the oldest, which
/// waits for a decision: 28 sessions, 120 submissions, one pending at the bottom.
fn store() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let infos: Vec<_> = SCHOOLS
        .iter()
        .map(|n| school(n, "浙江省", "杭州市", "王老师"))
        .collect();
    approved_sites(&mut s, &infos);
    let plans: Vec<i64> = s.plans().unwrap().iter().map(|p| p.id).collect();
    let pending = file(&mut s, plans[0], SCHOOLS[2], 0, SubmissionState::Pending);
    for n in 1..120 {
        let plan = plans[n % plans.len()];
        file(&mut s, plan, SCHOOLS[n % 4], n, SubmissionState::Accepted);
    }
    (s, pending)
}

fn app() -> (App, i64) {
    let (s, pending) = store();
    (app_at(s, "2021-11-20 10:00"), pending)
}

#[test]
fn a_long_submissions_list_holds_one_window_and_loses_nothing() {
    let (mut app, pending) = app();
    go(&mut app, Tab::Submissions);
    let all = app.store.submissions(&SubmissionFilter::default()).unwrap();
    let subs = &app.screens.submissions;
    assert_eq!((subs.total, subs.pending), (120, 1));
    assert!(
        subs.shown.len() <= subs.page,
        "one window: {}",
        subs.shown.len()
    );
    assert!(
        screen(&app).contains("报名提交 120 份 · 待决定 1"),
        "{}",
        screen(&app)
    );

    // G reaches the last (the oldest) submission, drawn on screen.
    press(&mut app, KeyCode::Char('G'));
    let last = app.screens.submissions.selected().unwrap().clone();
    assert_eq!(last.id, all[119].id);
    assert_eq!(app.screens.submissions.cursor.selected, 119);
    assert!(app.screens.submissions.shown.len() <= app.screens.submissions.page);
    // Walking up row by row from there passes every submission once, in order.
    let mut seen = vec![last.id];
    for _ in 0..119 {
        press(&mut app, KeyCode::Char('k'));
        seen.push(app.screens.submissions.selected().unwrap().id);
    }
    seen.reverse();
    assert_eq!(seen, all.iter().map(|s| s.id).collect::<Vec<_>>());

    // From the top, n finds the one pending far below the window and opens it.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screens.submissions.selected().unwrap().id, pending);
    assert_eq!(app.screens.submissions.cursor.selected, 119);
    let Some(Modal::Submission(d)) = app.modals.last() else {
        panic!("n opens the submission it finds")
    };
    assert_eq!(d.summary.id, pending);
    press(&mut app, KeyCode::Esc);

    // A file arriving (another console) comes first: the selection stays on the one in hand.
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..30 {
        press(&mut app, KeyCode::Char('j'));
    }
    let in_hand = app.screens.submissions.selected().unwrap().id;
    let plan = app.store.plans().unwrap()[0].id;
    file(
        &mut app.store,
        plan,
        SCHOOLS[1],
        500,
        SubmissionState::Pending,
    );
    app.refresh(Tab::Submissions);
    let subs = &app.screens.submissions;
    assert_eq!(subs.selected().unwrap().id, in_hand);
    assert_eq!(subs.cursor.selected, 31);
    assert_eq!((subs.total, subs.pending), (121, 2));

    // A filter counts what it lets through, and its last row is reached too.
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "广东轻工");
    press(&mut app, KeyCode::Enter);
    let mine: Vec<i64> = app
        .store
        .submissions(&SubmissionFilter::default())
        .unwrap()
        .into_iter()
        .filter(|s| s.school == SCHOOLS[2])
        .map(|s| s.id)
        .collect();
    assert_eq!(app.screens.submissions.total, mine.len());
    assert!(mine.len() > app.screens.submissions.page);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(
        app.screens.submissions.selected().unwrap().id,
        *mine.last().unwrap()
    );
    assert!(
        screen(&app).contains(&format!("报名提交 {} 份 · 待决定 1", mine.len())),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_long_sessions_list_holds_one_window_in_either_order() {
    let (mut app, _) = app();
    go(&mut app, Tab::Sessions);
    for sort in [SessionSort::Plan, SessionSort::Shortfall] {
        let all = app
            .store
            .sessions(&SessionFilter {
                sort,
                ..Default::default()
            })
            .unwrap();
        let s = &app.screens.sessions;
        assert_eq!(s.sort, sort);
        assert_eq!(s.total(), all.len());
        assert!(all.len() > s.page, "longer than one window: {}", all.len());
        assert!(s.shown.len() <= s.page);
        // Every session once, in the store's order, row by row.
        press(&mut app, KeyCode::Char('g'));
        let mut seen = Vec::new();
        for _ in 0..all.len() {
            let r = app.screens.sessions.selected().unwrap();
            seen.push((r.plan_id, r.school_id, r.count));
            press(&mut app, KeyCode::Char('j'));
        }
        let want: Vec<_> = all
            .iter()
            .map(|r| (r.plan_id, r.school_id, r.count))
            .collect();
        assert_eq!(seen, want, "{sort:?}");
        press(&mut app, KeyCode::Char('t'));
    }
    // A school's sessions, counted.
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "温州");
    let n = app
        .store
        .sessions(&SessionFilter::default())
        .unwrap()
        .iter()
        .filter(|s| s.school == SCHOOLS[3])
        .count();
    assert_eq!(app.screens.sessions.total(), n);
    assert!(
        screen(&app).contains(&format!("场次（{n}）")),
        "{}",
        screen(&app)
    );
}
