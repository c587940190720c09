//! The console's Sessions and Candidates screens and the Overview's session lists, driven by
//! keys through the keymap on an 80x24 TestBackend. Sites and accepted submissions are made
//! through the same store calls staff use; every number here is a real-looking Chinese ID.

mod common;

use common::console::{app_at as app_on, chars, flash, go, press, screen};

use crossterm::event::KeyCode;
use kaowu::demo::people::check_char;
use kaowu::domain::result::{ExamResult, Outcome};
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::session::SessionState;
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::{Level, SiteAction, time};
use kaowu::i18n::Lang;
use kaowu::store::{
    Actor, AuditFilter, NewCandidate, NewSubmission, ReadyItem, Recorded, SessionKey, Store,
};
use kaowu::tui::{App, Modal, Tab, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const YW: &str = "义乌工商职业技术学院";
const ZJ: &str = "浙江商业职业技术学院";
const GD: &str = "广东轻工职业技术学院";

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: &[&str] = &[
    "芳", "伟", "秀英", "敏", "静", "磊", "婷婷", "强", "洋", "丽娟", "杰",
];

/// The `n`-th person: a name, a valid 18-digit ID (Beijing Xicheng, born 2001) and a phone.
fn person(n: usize) -> (String, String, String) {
    let name = format!(
        "{}{}",
        SURNAMES[n % SURNAMES.len()],
        GIVEN[(n / SURNAMES.len()) % GIVEN.len()]
    );
    let first17 = format!(
        "1101022001{:02}{:02}{:03}",
        1 + (n / 1000) % 12,
        1 + (n / 12_000) % 28,
        n % 1000
    );
    let id = format!("{first17}{}", check_char(&first17));
    let phone = format!("138{:08}", 10_000_000 + n * 7_919 % 90_000_000);
    (name, id, phone)
}

/// Records and accepts a file of people `first..first+n` for `plan` at `school`; the first
/// `retakes` of them are retakes.
fn accept(s: &mut Store, plan: &str, school: &str, first: usize, n: usize, retakes: usize) {
    accept_with(s, plan, school, first, n, retakes, |_| {});
}

/// As [`accept`], each candidate then changed by `edit`.
fn accept_with(
    s: &mut Store,
    plan: &str,
    school: &str,
    first: usize,
    n: usize,
    retakes: usize,
    edit: impl Fn(&mut NewCandidate),
) {
    let a = Actor("金贝".into());
    let cands: Vec<NewCandidate> = (0..n)
        .map(|i| {
            let (name, id, phone) = person(first + i);
            let mut c = NewCandidate {
                row: i as u32 + 2,
                name,
                id_type: "居民身份证".into(),
                id_number: id,
                phone,
                school_name: school.into(),
                retake: i < retakes,
                valid: true,
                ..Default::default()
            };
            edit(&mut c);
            c
        })
        .collect();
    let sha = format!("sha-{plan}-{school}-{first}");
    let sub = NewSubmission {
        plan_id: s.find_plan(plan).unwrap().id,
        school_id: s.find_school(school).unwrap().id,
        file_name: "附件1-报名表.xlsx",
        sha256: &sha,
        bytes: b"x",
        received_at: time::parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: cands.len(),
        header_row: 1,
        candidates: &cands,
        problems: &[],
    };
    let Recorded::New(id) = s.record_submission(&a, &sub).unwrap() else {
        panic!("a new submission was expected");
    };
    s.decide_submission(&a, id, Decision::Accept, None, false, None)
        .unwrap();
}

/// Three approved sites: 义乌 one short of 20 at 20211211-初级 (four retakes), 浙江商业 with 22
/// there, 广东轻工 with 8 at 20211212-中级.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let a = Actor("seed".into());
    let school = |name: &str, province: &str| SchoolInfo {
        name: name.into(),
        province: province.into(),
        city: "市".into(),
        contact: "王娟".into(),
        phone: "17744566186".into(),
        ..Default::default()
    };
    s.import_schools(
        &a,
        &[
            school(YW, "浙江省"),
            school(ZJ, "浙江省"),
            school(GD, "广东省"),
        ],
    )
    .unwrap();
    for name in [YW, ZJ, GD] {
        let id = s.find_school(name).unwrap().id;
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
    }
    accept(&mut s, "20211211-初级", YW, 0, 19, 4);
    accept(&mut s, "20211211-初级", ZJ, 100, 22, 2);
    accept(&mut s, "20211212-中级", GD, 200, 8, 0);
    s
}

fn app() -> App {
    app_on(store(), "2021-11-20 10:00")
}

fn last_audit(app: &App) -> kaowu::store::AuditEntry {
    app.store
        .audit_log(&AuditFilter::default(), 1, 0)
        .unwrap()
        .remove(0)
}

/// Moves the Sessions selection onto the session of `school`.
fn select_session(app: &mut App, school: &str) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.screens.sessions.shown.len() {
        if app.screens.sessions.selected().unwrap().school == school {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("{school} not on the Sessions screen");
}

#[test]
fn sessions_screen_draws_each_site_against_the_20_line() {
    let mut app = app();
    go(&mut app, Tab::Sessions);
    let s = screen(&app);
    assert!(s.contains("还差 1 人") && s.contains("还差 12 人"), "{s}");
    assert!(s.contains("19 补 4"), "{s}");
    insta::assert_snapshot!("sessions", s);
    // Shortfall first.
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.screens.sessions.shown[0].school, GD);
    assert!(screen(&app).contains("按差额"));
    // Filter by province, then by state as shown.
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "广东");
    assert_eq!(app.screens.sessions.shown.len(), 1);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "初级 待确认");
    assert_eq!(app.screens.sessions.shown.len(), 2);
}

#[test]
fn under_minimum_reads_without_colour() {
    let mut app = app_on(store(), "2021-11-20 10:00");
    app.theme = Theme { color: false };
    go(&mut app, Tab::Sessions);
    let s = screen(&app);
    let yw = s.lines().find(|l| l.contains("义乌")).unwrap();
    assert!(
        yw.contains("还差 1 人") && yw.contains("█████████▌│"),
        "{yw}"
    );
}

#[test]
fn confirm_is_refused_under_20_with_the_shortfall() {
    let mut app = app();
    go(&mut app, Tab::Sessions);
    select_session(&mut app, YW);
    let before = last_audit(&app).id;
    press(&mut app, KeyCode::Char('c'));
    assert!(app.modals.is_empty());
    assert_eq!(flash(&app), "该场次只有 19 人，少于最低 20 人，还差 1 人");
    assert!(screen(&app).contains("还差 1 人"));
    assert_eq!(last_audit(&app).id, before, "a refusal changes nothing");
    // 22 is enough: confirmed through the modal, audited, numbered.
    select_session(&mut app, ZJ);
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.flash);
    assert_eq!(
        app.screens.sessions.selected().unwrap().state,
        SessionState::Confirmed
    );
    let e = last_audit(&app);
    assert_eq!(
        (e.action.as_str(), e.actor.as_str()),
        ("session.confirm", "wangjuan")
    );
    assert!(
        flash(&app).contains("发放准考证号 22 个"),
        "{}",
        flash(&app)
    );
}

#[test]
fn cancel_needs_a_reason_and_is_audited() {
    let mut app = app();
    go(&mut app, Tab::Sessions);
    select_session(&mut app, YW);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("the modal closed without a reason");
    };
    assert_eq!(c.error.as_deref(), Some("必须填写原因"));
    chars(&mut app, "人数不足，并入浙江商业");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    assert_eq!(
        app.screens.sessions.selected().unwrap().state,
        SessionState::Cancelled
    );
    let e = last_audit(&app);
    assert_eq!(e.action, "session.cancel");
    assert_eq!(e.reason.as_deref(), Some("人数不足，并入浙江商业"));
}

#[test]
fn move_picks_a_plan_of_the_same_level_and_needs_a_reason() {
    let mut app = app();
    go(&mut app, Tab::Sessions);
    select_session(&mut app, GD);
    press(&mut app, KeyCode::Char('m'));
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("no move modal");
    };
    let kaowu::tui::PendingAction::SessionMove { targets, .. } = &c.pending else {
        panic!("not a move");
    };
    let names: Vec<&str> = targets.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        [format!("20211224-中级 {GD}"), format!("20220109-中级 {GD}")]
    );
    assert!(screen(&app).contains("▸ 20211224-中级"));
    // ↓ picks the next target; typing goes to the reason.
    press(&mut app, KeyCode::Down);
    let s = screen(&app);
    assert!(s.contains("▸ 20220109-中级"), "{s}");
    insta::assert_snapshot!("move_modal", s);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert_eq!(common::console::confirm_error(&app), "必须填写原因");
    chars(&mut app, "合并到24日中级");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.flash);
    let e = last_audit(&app);
    assert_eq!(e.action, "session.move");
    assert_eq!(e.reason.as_deref(), Some("合并到24日中级"));
    let to = app.store.find_plan("20211224-中级").unwrap().id;
    let gd = app.store.find_school(GD).unwrap().id;
    let moved = app.store.session(to, gd).unwrap();
    assert_eq!(moved.count.accepted, 8);
}

#[test]
fn readiness_toggles_through_the_modal_and_the_overview_lists_what_is_not_ready() {
    let mut s = store();
    let a = Actor("seed".into());
    let key = SessionKey {
        plan_id: s.find_plan("20211211-初级").unwrap().id,
        school_id: s.find_school(ZJ).unwrap().id,
    };
    s.confirm_session(&a, key).unwrap();
    // Five days before the exam: 浙江商业 is confirmed with its checklist empty.
    let mut app = app_on(s, "2021-12-06 09:00");
    let ov = screen(&app);
    assert!(ov.contains("考前准备未完成：1 个"), "{ov}");
    assert!(
        ov.contains("· 5天后 0/3 浙江商业职业技术学院 20211211-初级"),
        "{ov}"
    );
    assert!(ov.contains("不足 20 人的待确认场次：2 个"), "{ov}");
    assert!(
        ov.contains("差12人 广东轻工职业技术学院 20211212-中级"),
        "{ov}"
    );
    insta::assert_snapshot!("overview_sessions", ov);

    go(&mut app, Tab::Sessions);
    select_session(&mut app, ZJ);
    for item in ['s', 'v', 'r'] {
        press(&mut app, KeyCode::Char(item));
        assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
        press(&mut app, KeyCode::Enter);
        assert!(app.modals.is_empty(), "{:?}", app.flash);
    }
    assert_eq!(last_audit(&app).action, "session.ready.room");
    assert_eq!(
        app.screens.sessions.selected().unwrap().ready.len(),
        ReadyItem::ALL.len()
    );
    assert!(screen(&app).contains("准备 3/3"));
    assert!(app.screens.overview.unready.is_empty());
    // Toggling again marks it not done, and the overview lists it again.
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.overview.unready.len(), 1);
    assert_eq!(last_audit(&app).detail, "not done");
}

#[test]
fn candidates_screen_masks_numbers() {
    let mut app = app();
    go(&mut app, Tab::Candidates);
    let s = screen(&app);
    assert!(s.contains("考生 1–18 / 49"), "{s}");
    assert!(s.contains("1101**********"), "{s}");
    assert!(s.contains("138****"), "{s}");
    assert!(!s.contains("1101022001"), "a full ID is on screen:\n{s}");
    insta::assert_snapshot!("candidates", s);
}

#[test]
fn reveal_shows_the_selected_row_audited_and_masks_again_on_move() {
    let mut app = app();
    go(&mut app, Tab::Candidates);
    let row = app.screens.candidates.selected().unwrap().clone();
    press(&mut app, KeyCode::Char('v'));
    let s = screen(&app);
    assert!(s.contains(&row.id_number) && s.contains(&row.phone), "{s}");
    let e = last_audit(&app);
    assert_eq!(
        (e.action.as_str(), e.actor.as_str(), e.entity_id),
        ("candidate.reveal", "wangjuan", Some(row.id))
    );
    // Only that row: the next one stays masked.
    let next = app.screens.candidates.rows[1].clone();
    assert!(!s.contains(&next.id_number));
    press(&mut app, KeyCode::Char('j'));
    assert!(app.screens.candidates.revealed.is_none());
    assert!(!screen(&app).contains(&row.id_number));
}

#[test]
fn search_by_name_id_or_phone_as_you_type() {
    let mut app = app();
    go(&mut app, Tab::Candidates);
    let (_, id, phone) = person(205);
    press(&mut app, KeyCode::Char('/'));
    // The last four digits of the phone, as the masked number shows them.
    chars(&mut app, &phone[7..]);
    assert!(app.screens.candidates.rows.iter().any(|r| r.phone == phone));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    // An ID typed with a lower-case x still finds it; the full number finds exactly one.
    chars(&mut app, &id.to_lowercase());
    assert_eq!(app.screens.candidates.total, 1);
    assert_eq!(app.screens.candidates.rows[0].id_number, id);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "王");
    assert!(app.screens.candidates.total > 0);
    // A surname, or the start of a given name.
    let given = |name: &str| name.chars().skip(1).collect::<String>();
    assert!(
        app.screens
            .candidates
            .rows
            .iter()
            .all(|r| r.name.starts_with('王') || given(&r.name).starts_with('王'))
    );
    chars(&mut app, "芳");
    assert!(
        app.screens
            .candidates
            .rows
            .iter()
            .all(|r| r.name.starts_with("王芳") || given(&r.name).starts_with("王芳"))
    );
    assert!(screen(&app).contains("筛选"));
}

#[test]
fn a_candidate_is_found_by_the_given_name_alone() {
    let mut app = app();
    go(&mut app, Tab::Candidates);
    let (name, id, _) = person(205);
    let given: String = name.chars().skip(1).collect();
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, &given);
    assert!(app.screens.candidates.total > 0);
    assert!(
        app.screens
            .candidates
            .rows
            .iter()
            .all(|r| r.name.contains(given.as_str()))
    );
    // Narrowed by the ID's last four, the one person.
    chars(&mut app, &format!(" {}", &id[14..]));
    assert!(
        app.screens
            .candidates
            .rows
            .iter()
            .any(|r| r.id_number == id),
        "{name} {id}"
    );
}

#[test]
fn candidate_detail_shows_the_session_and_earlier_results() {
    let mut s = store();
    let (name, id, _) = person(3);
    s.import_results(
        &Actor("seed".into()),
        "2021年6月成绩.xlsx",
        &[ExamResult {
            id_number: id.clone(),
            name: name.clone(),
            level: Level::Junior,
            exam_date: "2021-06-12".parse().unwrap(),
            outcome: Outcome::Fail,
        }],
    )
    .unwrap();
    let mut app = app_on(s, "2021-11-20 10:00");
    go(&mut app, Tab::Candidates);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, &id);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Detail(d)) = app.modals.last() else {
        panic!("no detail");
    };
    assert_eq!(d.title, name);
    let s = screen(&app);
    assert!(s.contains("2021-06-12 初级 未通过"), "{s}");
    assert!(s.contains(&format!("20211211-初级 {YW}")), "{s}");
    assert!(s.contains("1101**********"), "masked until revealed:\n{s}");
}

#[test]
fn the_candidates_screen_fetches_only_the_visible_window_of_5000() {
    let mut s = store();
    for i in 0..25 {
        accept(&mut s, "20211224-中级", GD, 1_000 + i * 200, 200, 0);
    }
    let mut app = app_on(s, "2021-11-20 10:00");
    go(&mut app, Tab::Candidates);
    let total = 5_000 + 49;
    assert_eq!(app.screens.candidates.total, total);
    assert_eq!(app.screens.candidates.rows.len(), 18, "80x24 shows 18 rows");
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.screens.candidates.cursor.selected, total - 1);
    assert_eq!(app.screens.candidates.rows.len(), 18);
    assert_eq!(app.screens.candidates.offset, total - 18);
    // Newest first: the last row is the first person registered, the window in order.
    let ids: Vec<i64> = app.screens.candidates.rows.iter().map(|r| r.id).collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1] + 1), "{ids:?}");
    assert_eq!(app.screens.candidates.rows[17].id_number, person(0).1);
    press(&mut app, KeyCode::PageUp);
    assert!(app.screens.candidates.rows.len() <= 18);
    // A search that matches more than the cap counts to the cap and says so.
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "138");
    assert!(app.screens.candidates.more);
    assert_eq!(app.screens.candidates.total, kaowu::store::SEARCH_CAP);
    assert_eq!(app.screens.candidates.rows.len(), 18);
    assert!(screen(&app).contains("1000+"));
}

/// One school's numbers share a prefix: over the search cap, but all older than 20,000 newer
/// candidates. The window is still the newest of them, and a full one.
#[test]
fn a_search_over_the_cap_finds_matches_packed_among_old_rows() {
    let mut s = store();
    accept_with(&mut s, "20211224-中级", GD, 1_000, 1_200, 0, |c| {
        c.phone.replace_range(..3, "199");
    });
    for i in 0..5 {
        accept(&mut s, "20211224-中级", GD, 10_000 + i * 4_100, 4_100, 0);
    }
    let mut app = app_on(s, "2021-11-20 10:00");
    go(&mut app, Tab::Candidates);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "199");
    assert!(app.screens.candidates.more, "over the cap");
    assert_eq!(app.screens.candidates.rows.len(), 18);
    assert!(
        app.screens
            .candidates
            .rows
            .iter()
            .all(|r| r.phone.starts_with("199"))
    );
    // Newest first: the last of the 1,200 comes first.
    assert_eq!(
        app.screens.candidates.rows[0].id_number,
        person(1_000 + 1_199).1
    );
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.screens.candidates.rows.len(), 18);
    assert!(
        app.screens
            .candidates
            .rows
            .iter()
            .all(|r| r.phone.starts_with("199"))
    );
}

/// What a search must answer, written out plainly: every word matches the start of the name,
/// the given name, the ID number (any case) or the phone, or, four letters or digits, the end of
/// the ID number or phone; beside other words, a word with a character outside ASCII matches
/// the start of the name or the given name only. Newest first, counted to the cap.
fn searched_by_hand(all: &[kaowu::store::CandidateRow], text: &str) -> Vec<i64> {
    let several = text.split_whitespace().count() > 1;
    let mut ids: Vec<i64> = all
        .iter()
        .filter(|c| {
            text.split_whitespace().all(|w| {
                let up = w.to_uppercase();
                let given: String = c.name.chars().skip(1).collect();
                let in_name = c.name.starts_with(w) || given.starts_with(w);
                if several && !w.is_ascii() {
                    return in_name;
                }
                in_name
                    || c.id_number.starts_with(&up)
                    || c.phone.starts_with(w)
                    || (w.chars().count() == 4
                        && w.chars().all(|c| c.is_ascii_alphanumeric())
                        && (c.id_number.ends_with(&up) || c.phone.ends_with(w)))
            })
        })
        .map(|c| c.id)
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids
}

/// Nine thousand candidates span three epochs of the search keys: every kind of word, alone and
/// together, answers as the plain filter does, window by window, newest first. One row in 97
/// has 无 for a phone, as an invalid row keeps what the school typed (the search does not look
/// at validity).
#[test]
fn every_search_answers_as_the_plain_filter_across_epochs() {
    let mut s = store();
    for i in 0..45 {
        accept_with(
            &mut s,
            "20211224-中级",
            GD,
            2_000 + i * 200,
            200,
            0,
            |c| {
                if c.row % 97 == 0 {
                    c.phone = "无".into();
                }
            },
        );
    }
    let all = s.candidates("", None, 100_000, 0).unwrap();
    assert!(all.len() > 9_000);
    let x_id = all.iter().find(|c| c.id_number.ends_with('X')).unwrap();
    let x_tail = x_id.id_number[14..].to_lowercase();
    let x_prefix = x_id.id_number.to_lowercase();
    let x_surname: String = x_id.name.chars().take(1).collect();
    let x_given: String = x_id.name.chars().skip(1).collect();
    let x_words = [
        format!("{x_surname} {x_prefix}"),
        format!("{x_tail} {x_given}"),
        format!("{} {x_tail}", x_id.name),
    ];
    let words = [
        "王",
        "王芳",
        "芳",
        "秀",
        "婷婷",
        "110102",
        "11010220010",
        "138",
        "1380",
        "2345",
        x_tail.as_str(),
        x_prefix.as_str(),
        "138 王",
        "王 芳",
        "芳 110102200103",
        "李伟 1101",
        "无此人",
        "王 无此人",
        // Two words each dense, together nowhere: 李王 and 王李, 伟王芳, 秀英 and 英秀 (秀英
        // is a given name: a given-name key of many, the name of none), 丽娟 and 娟丽.
        "李 王",
        "王芳 伟",
        "秀 英",
        "英 秀",
        "丽 娟",
        // Together somewhere: 王芳 by surname and given name either way round, a doubled given
        // name by one word twice or by its start.
        "芳 王",
        "婷 婷",
        "婷婷 婷",
        // A word the start of another: 王王芳 is nobody, 王芳 many.
        "王 王芳",
        "秀 秀英",
        // Three words: all of one name, nowhere, and with a number.
        "李 秀 秀英",
        "李 秀 英",
        "张 婷 婷婷",
        "王 芳 138",
        // Numbers only, over the cap, one of them walked as an ID start and as a last four.
        "1101 138",
        // Chinese with digits and the last four.
        "伟 1101022001",
        "杰 138 1101",
        // 无 alone is an invalid row's phone; beside other words it is looked for in names
        // only, though the rows with it may be the ones walked (beside 1101, every ID's start).
        "无",
        "王 无",
        "无 138",
        "无 1101",
    ];
    for text in words
        .iter()
        .copied()
        .chain(x_words.iter().map(String::as_str))
    {
        let want = searched_by_hand(&all, text);
        let total = want.len().min(kaowu::store::SEARCH_CAP);
        for offset in [0, 17, total / 2, total.saturating_sub(18)] {
            let w = s.candidate_window(text, 18, offset).unwrap();
            assert_eq!(w.total, total, "{text}: count");
            assert_eq!(
                w.more,
                want.len() > kaowu::store::SEARCH_CAP,
                "{text}: more"
            );
            let got: Vec<i64> = w.rows.iter().map(|r| r.id).collect();
            let end = (offset + 18).min(total);
            assert_eq!(got, want[offset.min(end)..end], "{text} from {offset}");
        }
    }
}

#[test]
fn the_search_is_answered_by_indexes_not_a_scan() {
    let s = store();
    for text in ["王芳", "芳", "5678", "110102200101", "138 王", "秀 英"] {
        let plan = s.candidate_search_plan(text).unwrap();
        // The walk scans its own list of epochs; every table it reads is a seek.
        assert!(
            plan.iter()
                .all(|l| !l.starts_with("SCAN") || l == "SCAN e" || l == "SCAN CONSTANT ROW"),
            "{text}: {plan:?}"
        );
        assert!(
            plan.iter()
                .any(|l| l == "SEARCH k USING PRIMARY KEY (epoch=? AND key>? AND key<?)"),
            "{text}: {plan:?}"
        );
    }
    // Two words walked as a name: whether a key is one is asked of the index, key by key.
    let plan = s.candidate_search_plan("秀 英").unwrap();
    assert!(
        plan.iter()
            .any(|l| l == "SEARCH g USING PRIMARY KEY (epoch=? AND key=? AND candidate_id=?)"),
        "{plan:?}"
    );
}

/// Measures the console on 200k candidates (not a pass/fail test: run it by hand with
/// `cargo test --test tui_people measure -- --ignored --nocapture`). The database is built once
/// at `$KAOWU_MEASURE_DB` (default /tmp/kaowu-200k.db) and reused.
#[test]
#[ignore]
fn measure_200k() {
    use std::time::Instant;
    let path = std::env::var("KAOWU_MEASURE_DB").unwrap_or("/tmp/kaowu-200k.db".into());
    let path = std::path::Path::new(&path);
    if !path.exists() {
        let mut s = Store::open(path).unwrap();
        let a = Actor("seed".into());
        let schools: Vec<SchoolInfo> = (0..100)
            .map(|i| SchoolInfo {
                name: format!("测试职业技术学院{i:03}"),
                province: "浙江省".into(),
                ..Default::default()
            })
            .collect();
        s.import_schools(&a, &schools).unwrap();
        for (i, sc) in schools.iter().enumerate() {
            let id = s.find_school(&sc.name).unwrap().id;
            s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
            s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
            let plans = [
                "20211211-初级",
                "20211212-中级",
                "20211224-中级",
                "20220108-初级",
            ];
            for (j, plan) in plans.iter().enumerate() {
                // 100 schools x 4 plans x 500 = 200k.
                accept(&mut s, plan, &sc.name, (i * 4 + j) * 500, 500, 25);
            }
        }
    }
    let t = Instant::now();
    let mut app = app_on(Store::open(path).unwrap(), "2021-11-20 10:00");
    println!("App::new (all tabs loaded): {:?}", t.elapsed());
    let t = Instant::now();
    go(&mut app, Tab::Candidates);
    println!("switch to Candidates: {:?}", t.elapsed());
    let time = |app: &mut App, what: &str, keys: &[KeyCode]| {
        let t = Instant::now();
        for k in keys {
            press(app, *k);
        }
        let _ = screen(app);
        println!(
            "{what}: {:?} per key ({} keys), total {} more {}",
            t.elapsed() / keys.len() as u32,
            keys.len(),
            app.screens.candidates.total,
            app.screens.candidates.more
        );
    };
    time(&mut app, "j x100", &[KeyCode::Char('j'); 100]);
    time(&mut app, "PgDn x20", &[KeyCode::PageDown; 20]);
    time(&mut app, "End", &[KeyCode::End]);
    time(&mut app, "Home", &[KeyCode::Home]);
    press(&mut app, KeyCode::Char('/'));
    for q in ["王", "芳", " ", "1", "3", "8", "5", "6", "7", "8"] {
        let keys: Vec<KeyCode> = q.chars().map(KeyCode::Char).collect();
        let what = format!("type {q:?} after {:?}", app.screens.candidates.filter);
        time(&mut app, &what, &keys);
    }
    press(&mut app, KeyCode::Esc);
    let (_, id, phone) = person(123_456);
    press(&mut app, KeyCode::Char('/'));
    let keys: Vec<KeyCode> = id.chars().map(KeyCode::Char).collect();
    time(&mut app, "type a full ID", &keys);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    let keys: Vec<KeyCode> = phone[7..].chars().map(KeyCode::Char).collect();
    time(&mut app, "type a phone's last four", &keys);
    press(&mut app, KeyCode::Enter);
    time(&mut app, "j in results", &[KeyCode::Char('j'); 10]);
    let t = Instant::now();
    go(&mut app, Tab::Sessions);
    println!(
        "switch to Sessions: {:?} ({} sessions)",
        t.elapsed(),
        app.screens.sessions.total()
    );
}

/// The Overview's fast head counts agree with the Sessions screen's, also after a move and a
/// cancellation.
#[test]
fn session_heads_agree_with_sessions() {
    let mut s = store();
    let a = Actor("seed".into());
    let key = |s: &Store, plan: &str, school: &str| SessionKey {
        plan_id: s.find_plan(plan).unwrap().id,
        school_id: s.find_school(school).unwrap().id,
    };
    let (from, to) = (key(&s, "20211212-中级", GD), key(&s, "20211224-中级", GD));
    let (_, id, _) = person(201);
    s.move_candidates(&a, from, to, Some(&[id]), Some("换场"))
        .unwrap();
    let yw = key(&s, "20211211-初级", YW);
    s.cancel_session(&a, yw, Some("人数不足")).unwrap();
    let mut heads: Vec<_> = s
        .session_heads()
        .unwrap()
        .into_iter()
        .map(|h| ((h.plan_id, h.school_id), h.count, h.state, h.ready))
        .collect();
    let mut rows: Vec<_> = s
        .sessions(&Default::default())
        .unwrap()
        .into_iter()
        .map(|r| ((r.plan_id, r.school_id), r.count, r.state, r.ready.len()))
        .collect();
    heads.sort_by_key(|h| h.0);
    rows.sort_by_key(|r| r.0);
    assert_eq!(heads, rows);
    assert_eq!(heads.len(), 4, "{heads:?}");
}

/// In English the titles of every tab do not fit beside the clock at 80 columns: the other
/// tabs shrink to their number and the current one stays named.
#[test]
fn english_screens_fit_80_columns() {
    let mut app = app();
    app.lang = Lang::En;
    go(&mut app, Tab::Sessions);
    let s = screen(&app);
    let head = s.lines().next().unwrap();
    assert!(
        head.contains(" 5 Sessions ") && head.contains("⏱ 2021-11-20 10:00"),
        "{head}"
    );
    assert!(head.contains(" 6  7 "), "{head}");
    assert!(s.contains("short by 1"), "{s}");
    go(&mut app, Tab::Candidates);
    let s = screen(&app);
    assert!(s.contains("Candidates 1–18 / 49"), "{s}");
}

/// The common case: a site one short of 20 joins a nearby site's session of the same plan.
#[test]
fn a_site_short_of_20_joins_another_sites_session() {
    let mut app = app();
    go(&mut app, Tab::Sessions);
    select_session(&mut app, YW);
    press(&mut app, KeyCode::Char('m'));
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("no move modal");
    };
    let kaowu::tui::PendingAction::SessionMove { targets, .. } = &c.pending else {
        panic!("not a move");
    };
    let names: Vec<&str> = targets.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        [format!("20220108-初级 {YW}"), format!("20211211-初级 {ZJ}")]
    );
    press(&mut app, KeyCode::Down);
    chars(&mut app, "人数不足，并入浙江商业");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.flash);
    // The screen holds one window: every session it lists, as the store lists them.
    let listed = app
        .store
        .sessions(&kaowu::store::SessionFilter::default())
        .unwrap();
    assert_eq!(listed.len(), app.screens.sessions.total());
    let zj = app
        .screens
        .sessions
        .shown
        .iter()
        .find(|s| s.school == ZJ)
        .unwrap();
    assert_eq!((zj.count.accepted, zj.count.retakes), (41, 6));
    assert!(app.screens.sessions.shown.iter().all(|s| s.school != YW));
    assert!(listed.iter().all(|s| s.school != YW));
    assert_eq!(last_audit(&app).action, "session.move");
}

/// Every new screen and its modals draw at any size without panicking.
#[test]
fn the_new_screens_draw_at_any_size() {
    let mut app = app();
    let sizes = [(70, 20), (80, 24), (200, 60), (69, 19), (10, 3), (0, 0)];
    let draw_all = |app: &App| {
        for (w, h) in sizes {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| draw(f, app)).unwrap();
        }
    };
    go(&mut app, Tab::Sessions);
    draw_all(&app);
    press(&mut app, KeyCode::Char('m'));
    draw_all(&app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    draw_all(&app);
    press(&mut app, KeyCode::Esc);
    go(&mut app, Tab::Candidates);
    draw_all(&app);
    press(&mut app, KeyCode::Enter);
    draw_all(&app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    draw_all(&app);
}

#[test]
fn y_copies_only_a_revealed_id_and_the_copy_is_audited_as_a_reveal() {
    let mut app = app();
    go(&mut app, Tab::Candidates);
    let row = app.screens.candidates.selected().unwrap().clone();
    // Copying is never a way round looking: nothing before `v`.
    press(&mut app, KeyCode::Char('y'));
    assert!(app.clipboard.is_none());
    assert!(flash(&app).contains("先按 v"), "{}", flash(&app));
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('y'));
    // The run loop writes this as OSC 52 (tests/desktop.rs checks the bytes).
    assert_eq!(app.clipboard.as_deref(), Some(row.id_number.as_str()));
    let Some(Modal::Text(c)) = app.modals.last() else {
        panic!("the copied number is shown too");
    };
    assert_eq!(c.text, row.id_number);
    assert!(screen(&app).contains(&row.id_number));
    let e = last_audit(&app);
    assert_eq!(
        (e.action.as_str(), e.entity_id),
        ("candidate.reveal", Some(row.id))
    );
    assert!(e.detail.contains("复制"), "{}", e.detail);
    // Once the selection moves on, the next row is masked again and cannot be copied.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    app.clipboard = None;
    press(&mut app, KeyCode::Char('y'));
    assert!(app.clipboard.is_none());
}

#[test]
fn a_rejected_files_candidate_shows_its_state_and_no_session() {
    let mut s = store();
    let a = Actor("金贝".into());
    let (name, id, phone) = person(300);
    let cand = NewCandidate {
        row: 2,
        name: name.clone(),
        id_type: "居民身份证".into(),
        id_number: id.clone(),
        phone,
        school_name: ZJ.into(),
        valid: true,
        ..Default::default()
    };
    let sub = NewSubmission {
        plan_id: s.find_plan("20211211-初级").unwrap().id,
        school_id: s.find_school(ZJ).unwrap().id,
        file_name: "附件1-重复.xlsx",
        sha256: "sha-rejected",
        bytes: b"x",
        received_at: time::parse_time("2021-11-16 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: 1,
        header_row: 1,
        candidates: std::slice::from_ref(&cand),
        problems: &[],
    };
    let Recorded::New(sid) = s.record_submission(&a, &sub).unwrap() else {
        panic!("a new submission was expected");
    };
    s.decide_submission(&a, sid, Decision::Reject, Some("重复报送"), false, None)
        .unwrap();
    let mut app = app_on(s, "2021-11-20 10:00");
    go(&mut app, Tab::Candidates);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, &id);
    press(&mut app, KeyCode::Enter);
    let list = screen(&app);
    let row = list
        .lines()
        .find(|l| l.contains(&name))
        .unwrap_or_else(|| panic!("{list}"));
    assert!(
        row.contains("已驳回"),
        "the list says the file was rejected:\n{list}"
    );
    press(&mut app, KeyCode::Enter);
    let detail = screen(&app);
    assert!(
        detail.contains("场次：—"),
        "a rejected file's candidate sits in no session:\n{detail}"
    );
    assert!(detail.contains("已驳回"), "{detail}");
}

#[test]
fn at_70_columns_the_candidates_list_keeps_whole_ids_and_the_state() {
    let mut app = app();
    go(&mut app, Tab::Candidates);
    let mut t = Terminal::new(TestBackend::new(70, 20)).unwrap();
    t.draw(|f| draw(f, &app)).unwrap();
    let s = common::screen_text(t.backend().buffer());
    let row = s
        .lines()
        .find(|l| l.contains("黄丽娟"))
        .unwrap_or_else(|| panic!("{s}"));
    // The masked ID keeps its 18 characters (its last four are what staff read off).
    assert!(row.contains("1101**********2079"), "{s}");
    assert!(row.contains("已接受"), "{s}");
    // The phone is what gives way (the detail and the search still have it).
    assert!(!row.contains("138****"), "{s}");
}
