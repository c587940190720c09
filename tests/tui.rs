//! The console, driven as a user would: keys through the keymap into `update`, screens rendered
//! on ratatui's TestBackend at 80x24 and compared whole. An in-memory store with a few Chinese
//! schools, judged at a fixed instant, keeps the snapshots stable.

mod common;

use common::console::{chars, press, press_mod, school, screen, tab_key, terminal, text};

use crossterm::event::{KeyCode, KeyModifiers};
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::{SiteAction, SiteState, time};
use kaowu::i18n::Lang;
use kaowu::store::{Actor, AuditFilter, Store};
use kaowu::tui::keymap::Scope;
use kaowu::tui::{Action, App, Effect, Modal, Tab, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let a = Actor("seed".into());
    s.import_schools(
        &a,
        &[
            school("浙江商业职业技术学院", "浙江省", "杭州市", "王娟"),
            school("义乌工商职业技术学院", "浙江省", "金华市", "金贝"),
            school("广东轻工职业技术学院", "广东省", "广州市", "李明"),
            school("山东商业职业技术学院", "山东省", "济南市", "张伟"),
            school("四川商务职业学院", "四川省", "成都市", "刘洋"),
        ],
    )
    .unwrap();
    let id = |s: &Store, n: &str| s.find_school(n).unwrap().id;
    for (name, steps) in [
        ("浙江商业职业技术学院", &[SiteAction::Apply][..]),
        (
            "义乌工商职业技术学院",
            &[SiteAction::Apply, SiteAction::Approve],
        ),
        ("广东轻工职业技术学院", &[SiteAction::Apply]),
        ("四川商务职业学院", &[SiteAction::Apply, SiteAction::Reject]),
    ] {
        let i = id(&s, name);
        for step in steps {
            s.decide_site(&a, i, *step, Some("材料不全")).unwrap();
        }
    }
    s
}

fn app_with(lang: Lang, color: bool) -> App {
    common::console::app_with(store(), "2021-11-20 10:00", lang, color)
}

fn app() -> App {
    app_with(Lang::Zh, true)
}

/// Moves the Sites selection onto a school, with j.
fn select_site(app: &mut App, name: &str) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.screens.sites.shown.len() {
        if app.screens.sites.selected().unwrap().school.info.name == name {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("{name} not on the Sites screen");
}

fn site_state(app: &App, name: &str) -> SiteState {
    app.store.find_school(name).unwrap().site
}

#[test]
fn overview_answers_what_needs_me_now() {
    let app = app();
    let s = screen(&app);
    assert!(s.contains("⏱ 2021-11-20 10:00"), "{s}");
    assert!(s.contains("1天后截止"), "{s}");
    assert!(s.contains("还有 21 天"), "{s}");
    assert!(s.contains("待审核：2 所"), "{s}");
    insta::assert_snapshot!("overview", s);
}

#[test]
fn plans_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Plans);
    insta::assert_snapshot!("plans", screen(&app));
}

#[test]
fn sites_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    insta::assert_snapshot!("sites", screen(&app));
}

#[test]
fn help_overlay_is_generated_from_the_keymap() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    for b in [
        app.keymap
            .binding(Scope::Sites, &Action::Site(SiteAction::Approve)),
        app.keymap.binding(Scope::List, &Action::Filter),
        app.keymap.binding(Scope::Global, &Action::Quit),
    ] {
        assert!(s.contains(&b.label()), "{} missing from\n{s}", b.label());
    }
    insta::assert_snapshot!("help", s);
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());
}

#[test]
fn reject_modal_with_reason() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    select_site(&mut app, "浙江商业职业技术学院");
    press(&mut app, KeyCode::Char('r'));
    chars(&mut app, "考场不达标");
    insta::assert_snapshot!("reject_modal", screen(&app));
}

#[test]
fn too_small_terminal_says_so_and_never_panics() {
    let app = app();
    let s = text(&terminal(&app, 20, 5));
    assert!(s.contains("终端太小"), "{s}");
    insta::assert_snapshot!("too_small", s);
    for (w, h) in [(0, 0), (1, 1), (79, 19), (69, 24), (200, 60)] {
        terminal(&app, w, h);
    }
    let mut app = app;
    press(&mut app, KeyCode::Char('?'));
    terminal(&app, 70, 20);
    terminal(&app, 10, 3);
}

#[test]
fn tabs_switch_by_number_tab_and_shift_tab() {
    let mut app = app();
    press(&mut app, tab_key(Tab::Audit));
    assert_eq!(app.tab, Tab::Audit);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Overview);
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.tab, Tab::Audit);
}

#[test]
fn filter_narrows_as_you_type_esc_clears_enter_keeps() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screens.sites.shown.len(), 5);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "浙江");
    assert_eq!(app.screens.sites.shown.len(), 2);
    // q is text while filtering, not quit.
    assert_eq!(press(&mut app, KeyCode::Char('q')), None);
    assert_eq!(app.screens.sites.shown.len(), 0);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.screens.sites.shown.len(), 2);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        (
            app.screens.sites.shown.len(),
            app.screens.sites.filter.as_str()
        ),
        (5, "")
    );
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "广东");
    press(&mut app, KeyCode::Enter);
    assert!(!app.filtering);
    assert_eq!(app.screens.sites.shown.len(), 1);
    // A state by the name on screen.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "待审核");
    assert_eq!(app.screens.sites.shown.len(), 2);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "初级");
    assert_eq!(app.screens.plans.shown.len(), 2);
}

#[test]
fn approve_goes_through_the_confirm_modal_and_is_audited() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    select_site(&mut app, "广东轻工职业技术学院");
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    assert_eq!(site_state(&app, "广东轻工职业技术学院"), SiteState::Pending);
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    assert_eq!(
        site_state(&app, "广东轻工职业技术学院"),
        SiteState::Approved
    );
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].actor.as_str()),
        ("site.approve", "wangjuan")
    );
    // The overview no longer counts it.
    assert_eq!(app.screens.overview.pending_count, 1);
    // Esc on the modal changes nothing.
    select_site(&mut app, "浙江商业职业技术学院");
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());
    assert_eq!(site_state(&app, "浙江商业职业技术学院"), SiteState::Pending);
}

#[test]
fn reject_without_reason_is_refused_in_the_modal() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    select_site(&mut app, "浙江商业职业技术学院");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("the modal closed without a reason");
    };
    assert_eq!(c.error.as_deref(), Some("驳回必须填写原因"));
    assert_eq!(site_state(&app, "浙江商业职业技术学院"), SiteState::Pending);
    chars(&mut app, "考场不达标");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    assert_eq!(
        site_state(&app, "浙江商业职业技术学院"),
        SiteState::Rejected
    );
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(log[0].reason.as_deref(), Some("考场不达标"));
}

#[test]
fn an_invalid_decision_is_refused_with_the_possible_actions() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    select_site(&mut app, "义乌工商职业技术学院");
    press(&mut app, KeyCode::Char('p'));
    assert!(app.modals.is_empty());
    let flash = app.flash.clone().unwrap();
    assert!(flash.error);
    assert_eq!(
        flash.text,
        "不能对「已批准」的考点执行「批准」。 可进行：暂停"
    );
}

#[test]
fn quit_asks_first_when_a_form_has_unsaved_edits() {
    let mut app = app();
    assert_eq!(press(&mut app, KeyCode::Char('q')), Some(Effect::Quit));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('e'));
    // An untouched form quits at once.
    assert_eq!(update(&mut app, Action::Quit), Some(Effect::Quit));
    // In a form q is text; the edit makes the form dirty.
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(
        press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL),
        None
    );
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.modals.last(), Some(Modal::Form(_))));
    update(&mut app, Action::Quit);
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Quit));
}

#[test]
fn moving_a_window_needs_a_reason_and_is_audited() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    let plan = app.screens.plans.selected().unwrap().clone();
    assert_eq!(plan.code(), "20211211-初级");
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Form(f)) = app.modals.last() else {
        panic!("the form closed without a reason");
    };
    assert!(f.reason.is_some());
    assert_eq!(f.error.as_deref(), Some("修改报名时间必须填写原因"));
    chars(&mut app, "省厅通知延期");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.flash);
    let saved = app.store.plan(plan.id).unwrap();
    assert_eq!(saved.closes.to_string(), "2021-11-23");
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(log[0].action, "plan.window");
    assert_eq!(log[0].reason.as_deref(), Some("省厅通知延期"));
}

#[test]
fn a_bad_plan_draft_is_shown_inline_and_nothing_is_saved() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('a'));
    for (text, tab) in [
        ("测试计划", true),
        ("初级", true),
        ("2021-12-01", true),
        ("2021-11-30", true),
        ("2022-01-20 14:00", true),
        ("2022-01-20 16:00", false),
    ] {
        chars(&mut app, text);
        if tab {
            press(&mut app, KeyCode::Tab);
        }
    }
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Form(f)) = app.modals.last() else {
        panic!("an invalid draft was accepted");
    };
    assert_eq!(
        f.error.as_deref(),
        Some("报名截止（2021-11-30）早于报名开始（2021-12-01）")
    );
    assert_eq!(app.store.plans().unwrap().len(), 7);
    let s = screen(&app);
    assert!(s.contains("报名截止（2021-11-30）早于报名开始"), "{s}");
    // A date that does not exist names its field.
    for _ in 0..2 {
        press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    for _ in 0..2 {
        press(&mut app, KeyCode::Backspace);
    }
    chars(&mut app, "31");
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Form(f)) = app.modals.last() else {
        panic!("2021-11-31 was accepted");
    };
    assert_eq!(f.error.as_deref(), Some("「报名截止」无法识别：2021-11-31"));
    // Fix the closing date: saved.
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    chars(&mut app, "12-20");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "the form did not close");
    assert_eq!(app.store.plans().unwrap().len(), 8);
    assert_eq!(
        app.screens.plans.selected().unwrap().code(),
        "20220120-初级"
    );
}

#[test]
fn selection_is_reversed_without_colour_and_pending_is_coloured_with_it() {
    // The row whose first cell (inside the border) shows the name's first character.
    let find = |t: &Terminal<TestBackend>, name: &str| {
        let buf = t.backend().buffer();
        let first = name.chars().next().unwrap().to_string();
        (0..buf.area.height)
            .find(|y| buf[(1, *y)].symbol() == first)
            .unwrap()
    };
    let mut plain = app_with(Lang::Zh, false);
    press(&mut plain, KeyCode::Char('3'));
    let t = terminal(&plain, 80, 24);
    let selected = plain
        .screens
        .sites
        .selected()
        .unwrap()
        .school
        .info
        .name
        .clone();
    let y = find(&t, &selected);
    let cell = &t.backend().buffer()[(1, y)];
    assert!(cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
    assert_eq!(cell.fg, Color::Reset);

    let mut colour = app();
    press(&mut colour, KeyCode::Char('3'));
    let t = terminal(&colour, 80, 24);
    let y = find(&t, "广东轻工");
    let buf = t.backend().buffer();
    let x = (0..80).find(|x| buf[(*x, y)].symbol() == "待").unwrap();
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
}

#[test]
fn the_audit_screen_fetches_one_page() {
    let mut app = app();
    let many: Vec<SchoolInfo> = (0..60)
        .map(|i| school(&format!("测试学院{i:02}"), "江苏省", "南京市", "赵"))
        .collect();
    app.store.import_schools(&Actor("t".into()), &many).unwrap();
    press(&mut app, tab_key(Tab::Audit));
    let total = app.store.audit_count(&AuditFilter::default()).unwrap();
    assert_eq!(app.screens.audit.total, total);
    assert_eq!(app.screens.audit.rows.len(), 18, "80x24 shows 18 rows");
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.screens.audit.cursor.selected, total - 1);
    assert_eq!(app.screens.audit.rows.len(), 18);
    assert_eq!(app.screens.audit.offset, total - 18);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(
        (
            app.screens.audit.offset,
            app.screens.audit.rows[0].label.as_str()
        ),
        (0, "测试学院59")
    );
    press(&mut app, KeyCode::Char('/'));
    chars(&mut app, "site.reject");
    assert_eq!(app.screens.audit.total, 1);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.modals.last(), Some(Modal::Detail(d)) if d.title.contains("考点：驳回")));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    update(&mut app, Action::Resize(80, 40));
    assert_eq!(app.screens.audit.rows.len(), 34);
}

#[test]
fn a_site_detail_shows_its_audit_history() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    select_site(&mut app, "四川商务职业学院");
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Detail(d)) = app.modals.last() else {
        panic!("no detail");
    };
    let actions: Vec<&str> = d.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["site.reject", "site.apply", "school.add"]);
    assert!(screen(&app).contains("材料不全"));
}

#[test]
fn without_at_the_countdowns_follow_the_clock() {
    let mut app = app();
    update(
        &mut app,
        Action::Clock(time::parse_time("2021-11-21 22:00").unwrap()),
    );
    assert!(screen(&app).contains("报名中 (2小时后截止)"));
}

#[test]
fn english_with_lang_en() {
    let app = app_with(Lang::En, true);
    let s = screen(&app);
    assert!(s.contains("Overview") && s.contains("closes in 1 d"), "{s}");
    assert!(!s.contains("概览"));
}
