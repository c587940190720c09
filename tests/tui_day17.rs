//! Issue 17, the console half: what staff hit in a day, driven with real keys through the
//! keymap and read back from the drawn screen.

mod common;

use common::console::{app_at, chars, flash, press, school, screen};

use crossterm::event::KeyCode;
use kaowu::domain::{SiteAction, SiteState};
use kaowu::store::{Actor, Store};
use kaowu::tui::{App, Modal, Tab};

/// Three schools with pending sites.
fn sites_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let a = Actor("seed".into());
    s.import_schools(
        &a,
        &[
            school("浙江商业职业技术学院", "浙江省", "杭州市", "王娟"),
            school("广东轻工职业技术学院", "广东省", "广州市", "李明"),
            school("四川商务职业学院", "四川省", "成都市", "刘洋"),
        ],
    )
    .unwrap();
    for name in [
        "浙江商业职业技术学院",
        "广东轻工职业技术学院",
        "四川商务职业学院",
    ] {
        let id = s.find_school(name).unwrap().id;
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
    }
    s
}

fn go_tab(app: &mut App, tab: Tab) {
    common::console::go(app, tab);
}

fn site_state(app: &App, name: &str) -> SiteState {
    app.store.find_school(name).unwrap().site
}

/// The footer line of the drawn screen.
fn footer(app: &App) -> String {
    screen(app).lines().nth(23).unwrap_or_default().to_string()
}

/// Item 6: the keys a site's detail shows in its footer work there: `p` approves the site
/// shown, `r` rejects it (with a reason), `?` opens the help instead of closing the detail.
#[test]
fn every_key_a_site_detail_shows_works_there() {
    let mut app = app_at(sites_store(), "2021-11-20 10:00");
    go_tab(&mut app, Tab::Sites);
    let name = app
        .screens
        .sites
        .selected()
        .unwrap()
        .school
        .info
        .name
        .clone();
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.modals.last(), Some(Modal::Detail(_))));
    let foot = footer(&app);
    for hint in ["p 批准", "r 驳回"] {
        assert!(foot.contains(hint), "{foot}");
    }
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.modals.last(), Some(Modal::Help)));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.modals.last(), Some(Modal::Detail(_))));
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    press(&mut app, KeyCode::Enter);
    assert_eq!(site_state(&app, &name), SiteState::Approved);

    let other = app.screens.sites.shown[1].school.info.name.clone();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('r'));
    chars(&mut app, "材料不全");
    press(&mut app, KeyCode::Enter);
    assert_eq!(site_state(&app, &other), SiteState::Rejected);
    assert!(flash(&app).contains(&other), "{}", flash(&app));
}

/// Item 7: over a slow link Esc and the next key arrive together and crossterm reports
/// Alt+key. The console binds no Alt key: it is read as Esc, then the key.
#[test]
fn esc_then_a_key_in_one_read_is_esc_then_the_key_not_alt() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let alt = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
    let mut app = app_at(sites_store(), "2021-11-20 10:00");
    go_tab(&mut app, Tab::Sites);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.modals.last(), Some(Modal::Detail(_))));
    // Esc closes the detail, 1 goes to the Overview.
    kaowu::tui::key(&mut app, alt('1'));
    assert!(app.modals.is_empty());
    assert_eq!(app.tab, Tab::Overview);
    // In the filter prompt: Esc clears it, j moves down the whole list.
    go_tab(&mut app, Tab::Sites);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "四川");
    assert_eq!(app.screens.sites.shown.len(), 1);
    kaowu::tui::key(&mut app, alt('j'));
    assert!(!app.filtering);
    assert_eq!(app.screens.sites.shown.len(), 3);
    assert_eq!(app.screens.sites.cursor.selected, 1);
}

/// Writes a sheet of text cells: the first row is the header.
fn sheet(path: &std::path::Path, rows: &[&[&str]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Item 1: a first run on an empty database. The Overview says what to do first (schools,
/// plans, the inbox by its path, the demo); the inbox folder exists; the Sites screen loads
/// 附件2 with `i` (a file with a problem loads nothing and says why); `a` on Plans adds a plan.
#[test]
fn a_first_run_says_what_to_do_and_every_step_is_reachable_from_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(Store::open_in_memory().unwrap(), "2026-12-02 10:00");
    app.inbox = dir.path().join("inbox");
    app.screens.overview.inbox = app.inbox.display().to_string();
    kaowu::tui::start(&mut app);
    assert!(app.inbox.is_dir(), "the inbox exists from the first start");
    let s = screen(&app);
    for step in [
        "先做这几步",
        "在「考点」页按 i",
        "在「计划」页按 a",
        "按 I",
        "kaowu --demo",
    ] {
        assert!(s.contains(step), "{step} missing:\n{s}");
    }
    assert!(s.contains(&app.inbox.display().to_string()[..20]), "{s}");
    // The temporary folder's name is random; its length is not.
    let tmp = dir.path().display().to_string();
    insta::assert_snapshot!(
        "first_run_overview",
        s.replace(&tmp, &"X".repeat(tmp.len()))
    );

    go_tab(&mut app, Tab::Sites);
    assert!(footer(&app).contains("i 导入院校"), "{}", footer(&app));
    let bad = dir.path().join("坏.xlsx");
    sheet(
        &bad,
        &[
            &["院校名称*", "省份*", "城市*", "联系人*", "联系电话*"],
            &["浙江商业职业技术学院", "浙江省", "杭州市", "王娟", "123"],
        ],
    );
    press(&mut app, KeyCode::Char('i'));
    assert!(matches!(app.modals.last(), Some(Modal::SchoolsImport(_))));
    // The prompt starts at ~/: `//` starts the path over at the root.
    chars(&mut app, &format!("/{}", bad.display()));
    press(&mut app, KeyCode::Enter);
    let Some(Modal::SchoolsImport(p)) = app.modals.last() else {
        panic!("a file with a problem keeps the prompt open");
    };
    assert!(
        p.error.as_deref().unwrap_or("").contains("未导入"),
        "{:?}",
        p.error
    );
    assert_eq!(app.store.school_count().unwrap(), 0);
    press(&mut app, KeyCode::Esc);

    let good = dir.path().join("附件2.xlsx");
    sheet(
        &good,
        &[
            &["院校名称*", "省份*", "城市*", "联系人*", "联系电话*"],
            &[
                "浙江商业职业技术学院",
                "浙江省",
                "杭州市",
                "王娟",
                "17744566186",
            ],
            &[
                "广东轻工职业技术学院",
                "广东省",
                "广州市",
                "李明",
                "17744566187",
            ],
        ],
    );
    press(&mut app, KeyCode::Char('i'));
    chars(&mut app, &format!("/{}", good.display()));
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    assert!(flash(&app).contains("新增 2 所"), "{}", flash(&app));
    assert_eq!(app.screens.sites.shown.len(), 2);

    go_tab(&mut app, Tab::Plans);
    assert!(footer(&app).contains("a "), "{}", footer(&app));
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.modals.last(), Some(Modal::Form(_))));
}

/// Item 5: a colleague's change is not hidden by an open pop-up. The list under a site's
/// detail and the detail itself show it; a confirm modal whose decision the change made
/// impossible says so before Enter, and Enter changes nothing.
#[test]
fn a_colleagues_change_shows_through_an_open_pop_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kaowu.db");
    {
        let mut s = Store::open(&db).unwrap();
        let a = Actor("seed".into());
        s.import_schools(
            &a,
            &[
                school("浙江商业职业技术学院", "浙江省", "杭州市", "王娟"),
                school("广东轻工职业技术学院", "广东省", "广州市", "李明"),
            ],
        )
        .unwrap();
        for name in ["浙江商业职业技术学院", "广东轻工职业技术学院"] {
            let id = s.find_school(name).unwrap().id;
            s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        }
    }
    let mut app = app_at(Store::open(&db).unwrap(), "2021-11-20 10:00");
    let mut colleague = Store::open(&db).unwrap();
    let jin = Actor("金贝".into());
    go_tab(&mut app, Tab::Sites);
    let name = app
        .screens
        .sites
        .selected()
        .unwrap()
        .school
        .info
        .name
        .clone();
    let id = app.store.find_school(&name).unwrap().id;

    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("待审核"), "{}", screen(&app));
    colleague
        .decide_site(&jin, id, SiteAction::Approve, None)
        .unwrap();
    kaowu::tui::notice_others(&mut app);
    let Some(Modal::Detail(d)) = app.modals.last() else {
        panic!("the detail stays open");
    };
    assert!(d.history.iter().any(|e| e.action == "site.approve"));
    assert_eq!(
        app.screens.sites.selected().unwrap().school.site,
        SiteState::Approved
    );
    assert!(screen(&app).contains("已批准"), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);

    // The other school: its approval waits for Enter while a colleague rejects it.
    press(&mut app, KeyCode::Char('j'));
    let other = app.screens.sites.selected().unwrap().school.clone();
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    colleague
        .decide_site(&jin, other.id, SiteAction::Reject, Some("材料不全"))
        .unwrap();
    kaowu::tui::notice_others(&mut app);
    let said = common::console::confirm_error(&app);
    assert!(said.contains("已驳回"), "{said}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(site_state(&app, &other.info.name), SiteState::Rejected);
}

/// Item 13: a file name too long for the opened submission's line is cut in the middle with
/// "…", keeping its end (`第3版.xlsx`): at 70 and 80 columns alike.
#[test]
fn a_long_file_name_is_cut_in_the_middle_and_marked() {
    use kaowu::domain::submission::SubmissionState;
    use kaowu::domain::time::parse_time;
    use kaowu::store::{NewCandidate, NewSubmission};
    let mut s = Store::open_in_memory().unwrap();
    let a = Actor("金贝".into());
    s.import_schools(
        &a,
        &[school("浙江商业职业技术学院", "浙江省", "杭州市", "王娟")],
    )
    .unwrap();
    let long = "20211211-初级_浙江商业职业技术学院_报名汇总表_请以此为准_第3版.xlsx";
    let cands = [NewCandidate {
        row: 2,
        name: "王芳".into(),
        id_type: "居民身份证".into(),
        id_number: "330102200001011234".into(),
        phone: "13800000000".into(),
        school_name: "浙江商业职业技术学院".into(),
        valid: true,
        ..Default::default()
    }];
    s.record_submission(
        &a,
        &NewSubmission {
            plan_id: s.find_plan("20211211-初级").unwrap().id,
            school_id: s.find_school("浙江商业职业技术学院").unwrap().id,
            file_name: long,
            sha256: "abc",
            bytes: b"x",
            received_at: parse_time("2021-11-15 10:00").unwrap(),
            state: SubmissionState::Pending,
            rows: 1,
            header_row: 1,
            candidates: &cands,
            problems: &[],
        },
    )
    .unwrap();
    let mut app = app_at(s, "2021-11-20 10:00");
    go_tab(&mut app, Tab::Submissions);
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(70, 20), (80, 24)] {
        let shown = common::console::text(&common::console::terminal(&app, w, h));
        let line = shown
            .lines()
            .find(|l| l.contains("文件"))
            .unwrap_or_else(|| panic!("no file line:\n{shown}"));
        assert!(line.contains('…'), "{line}");
        assert!(line.contains("第3版.xlsx"), "{line}");
        if w == 70 {
            insta::assert_snapshot!("long_file_name_70x20", shown);
        }
    }
}
