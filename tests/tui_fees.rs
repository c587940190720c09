//! The console's Fees tab, driven as a user would on a TestBackend at 80x24: who has not paid,
//! recording a payment through the form and the confirm modal, issuing and reversing invoices.

mod common;

use common::console::{chars, press, tab_key, terminal, text};

use crossterm::event::KeyCode;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::time::{self, parse_time};
use kaowu::domain::{Level, SiteAction};
use kaowu::i18n::Lang;
use kaowu::store::{Actor, AuditFilter, Ledger, NewCandidate, NewSubmission, Recorded, Store};
use kaowu::tui::{App, Modal, Tab, Theme};
use ratatui::style::Color;

const ZJ: &str = "浙江商业职业技术学院";
const YW: &str = "义乌工商职业技术学院";
const GD: &str = "广东轻工职业技术学院";

fn accept(s: &mut Store, plan: &str, school: &str, n: usize, first: u32) {
    let a = Actor("seed".into());
    let cands: Vec<NewCandidate> = (0..n)
        .map(|i| NewCandidate {
            row: i as u32 + 2,
            name: format!("考生{i}"),
            id_type: "居民身份证".into(),
            id_number: format!("3301021995{:08}", first + i as u32),
            phone: "13800000000".into(),
            school_name: school.into(),
            valid: true,
            ..Default::default()
        })
        .collect();
    let sha = format!("sha-{school}-{plan}");
    let sub = NewSubmission {
        plan_id: s.find_plan(plan).unwrap().id,
        school_id: s.find_school(school).unwrap().id,
        file_name: "报名表.xlsx",
        sha256: &sha,
        bytes: b"x",
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: n,
        header_row: 1,
        candidates: &cands,
        problems: &[],
    };
    let Recorded::New(id) = s.record_submission(&a, &sub).unwrap() else {
        panic!("new submission expected")
    };
    s.decide_submission(&a, id, Decision::Accept, None, false, None)
        .unwrap();
}

/// Three schools: one owes a lot, one paid in part, one overpaid.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let a = Actor("seed".into());
    let schools: Vec<SchoolInfo> = [ZJ, YW, GD]
        .iter()
        .map(|n| SchoolInfo {
            name: n.to_string(),
            province: "浙江省".into(),
            invoice_title: n.to_string(),
            tax_id: "12330000470003281X".into(),
            ..Default::default()
        })
        .collect();
    s.import_schools(&a, &schools).unwrap();
    for n in [ZJ, YW, GD] {
        let id = s.find_school(n).unwrap().id;
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
    }
    s.set_issuer(&a, "北京水木学成教育科技有限公司", "")
        .unwrap();
    accept(&mut s, "20211211-初级", ZJ, 25, 1);
    accept(&mut s, "20211211-初级", YW, 20, 100);
    accept(&mut s, "20211211-初级", GD, 2, 200);
    s.set_fee(&a, Level::Junior, 18_000).unwrap();
    s.set_fee(&a, Level::Intermediate, 20_000).unwrap();
    let pay = |s: &mut Store, school: &str, fen: i64| {
        let new = kaowu::store::NewEntry {
            school_id: s.find_school(school).unwrap().id,
            amount: fen,
            date: "2021-11-18".parse().unwrap(),
            method: "对公转账".into(),
            reference: "NB-1".into(),
        };
        s.record_entry(&a, Ledger::Payment, &new).unwrap();
    };
    pay(&mut s, YW, 200_000);
    pay(&mut s, GD, 50_000);
    s
}

fn app() -> App {
    common::console::app_at(store(), "2021-11-20 10:00")
}

fn fees_tab() -> App {
    let mut app = app();
    press(&mut app, tab_key(Tab::Fees));
    assert_eq!(app.tab, Tab::Fees);
    app
}

#[test]
fn fees_tab_shows_who_owes_most_first() {
    let app = fees_tab();
    let names: Vec<&str> = app
        .screens
        .fees
        .balances
        .iter()
        .map(|b| b.school.as_str())
        .collect();
    assert_eq!(names, [ZJ, YW, GD], "most outstanding first, credit last");
    let t = terminal(&app, 80, 24);
    insta::assert_snapshot!("fees", text(&t));
    // What is owed is red; the overpayment (credit) is green.
    let buf = t.backend().buffer();
    let screen = text(&t);
    let row_of = |name: &str| screen.lines().position(|l| l.contains(name)).unwrap() as u16;
    assert_eq!(buf[(77, row_of(YW))].fg, Color::Red);
    assert_eq!(buf[(77, row_of(GD))].fg, Color::Green);
}

#[test]
fn sort_toggles_and_views_cycle() {
    let mut app = fees_tab();
    press(&mut app, KeyCode::Char('t'));
    let names: Vec<&str> = app
        .screens
        .fees
        .balances
        .iter()
        .map(|b| b.school.as_str())
        .collect();
    assert_eq!(names, [YW, GD, ZJ], "by name");
    press(&mut app, KeyCode::Char('v'));
    assert!(text(&terminal(&app, 80, 24)).contains("缴费记录 2"));
    press(&mut app, KeyCode::Char('v'));
    assert!(text(&terminal(&app, 80, 24)).contains("发票 0"));
    press(&mut app, KeyCode::Char('v'));
    assert!(text(&terminal(&app, 80, 24)).contains("考点服务费"));
}

#[test]
fn a_payment_goes_through_the_form_and_the_confirm_modal_and_is_audited() {
    let mut app = fees_tab();
    press(&mut app, KeyCode::Char('p'));
    assert!(matches!(app.modals.last(), Some(Modal::MoneyForm(_))));
    chars(&mut app, "1,000");
    press(&mut app, KeyCode::Enter);
    let Some(Modal::MoneyForm(f)) = app.modals.last() else {
        panic!("the form stays open on a bad amount")
    };
    assert!(f.error.as_deref().unwrap().contains("金额"));
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    chars(&mut app, "4500");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "对公转账");
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "ZJ-20211120");
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Confirm(_)) = app.modals.last() else {
        panic!("confirm first")
    };
    assert!(text(&terminal(&app, 80, 24)).contains("¥4,500.00"));
    assert_eq!(
        app.store.count("payment").unwrap(),
        2,
        "nothing written yet"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    assert_eq!(app.store.count("payment").unwrap(), 3);
    let zj = app
        .screens
        .fees
        .balances
        .iter()
        .find(|b| b.school == ZJ)
        .unwrap();
    assert_eq!(zj.balance.outstanding(), Some(25 * 18_000 - 450_000));
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].actor.as_str()),
        ("payment.record", "wangjuan")
    );
}

const REVERSAL_NEEDS_REASON: &str = "冲正必须填写原因";

#[test]
fn an_invoice_is_issued_then_reversed_with_a_reason() {
    let mut app = fees_tab();
    press(&mut app, KeyCode::Char('i'));
    let Some(Modal::MoneyForm(f)) = app.modals.last() else {
        panic!("invoice form")
    };
    assert_eq!(f.value(1), ZJ, "buyer from 附件2");
    chars(&mut app, "4500");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.flash);
    assert_eq!(app.store.count("invoice").unwrap(), 1);

    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("a reversal without a reason stays in the modal")
    };
    // Said in the catalog's words, not "数据库错误：this needs a reason".
    assert_eq!(c.error.as_deref(), Some(REVERSAL_NEEDS_REASON));
    assert_eq!(app.store.count("invoice").unwrap(), 1);
    chars(&mut app, "抬头有误");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty());
    assert_eq!(app.screens.fees.invoices.len(), 2);
    assert_eq!(app.screens.fees.invoices[1].amount, -450_000);
    // The reversal itself cannot be reversed.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('r'));
    assert!(app.modals.is_empty());
    assert!(app.flash.as_ref().unwrap().error);
    // Its detail names the original, the reason and who issued it, with its audit history.
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Detail(d)) = app.modals.last() else {
        panic!("detail popup")
    };
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].reason.as_deref(), Some("抬头有误"));
    let shown = text(&terminal(&app, 80, 24));
    assert!(
        shown.contains("抬头有误") && shown.contains("wangjuan"),
        "{shown}"
    );
}

#[test]
fn the_fees_tab_speaks_english_with_lang_en() {
    let mut app = App::new(
        store(),
        Lang::En,
        time::parse_time("2021-11-20 10:00").unwrap(),
        true,
        Actor("wangjuan".into()),
        Theme { color: false },
    );
    press(&mut app, tab_key(Tab::Fees));
    let s = text(&terminal(&app, 80, 24));
    for word in [
        "Fees",
        "Paying",
        "Outstanding",
        "not set",
        "most outstanding first",
        "junior",
    ] {
        assert!(s.contains(word), "{word} missing:\n{s}");
    }
}

#[test]
fn a_mistaken_payment_is_reversed_from_the_console_and_stays_listed() {
    let mut app = fees_tab();
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(app.screens.fees.payments.len(), 2);
    press(&mut app, KeyCode::Char('r'));
    let Some(Modal::Confirm(_)) = app.modals.last() else {
        panic!("asks first")
    };
    chars(&mut app, "金额录错");
    press(&mut app, KeyCode::Enter);
    assert!(app.modals.is_empty(), "{:?}", app.flash);
    assert_eq!(
        app.screens.fees.payments.len(),
        3,
        "the original stays, the reversal is added"
    );
    assert_eq!(
        app.screens.fees.payments[2].amount,
        -app.screens.fees.payments[0].amount
    );
    assert_eq!(
        app.screens.fees.payments[0].reversed_by,
        Some(app.screens.fees.payments[2].id)
    );
    let yw = app
        .screens
        .fees
        .balances
        .iter()
        .find(|b| b.school == YW)
        .unwrap();
    assert_eq!(yw.balance.paid, 0);
    // Neither the original nor its reversal can be reversed again.
    press(&mut app, KeyCode::Char('r'));
    assert!(app.modals.is_empty());
    assert!(app.flash.as_ref().unwrap().error);
    let log = app.store.audit_log(&AuditFilter::default(), 1, 0).unwrap();
    assert_eq!(log[0].action, "payment.reverse");
    assert_eq!(log[0].reason.as_deref(), Some("金额录错"));
}

/// Issue 17 item 19: the payment form shows no grey example amount that looks filled in, and
/// Enter on an empty or unreadable amount says what is wrong, not "填写有误：" and nothing.
#[test]
fn the_payment_form_hints_without_example_values_and_says_what_is_wrong() {
    let mut app = fees_tab();
    press(&mut app, KeyCode::Char('p'));
    let shown = text(&terminal(&app, 80, 24));
    insta::assert_snapshot!("payment_form", shown);
    assert!(
        !shown.contains("1800.00") && !shown.contains("对公转账"),
        "{shown}"
    );
    assert!(shown.contains("必填，单位元"), "{shown}");
    press(&mut app, KeyCode::Enter);
    let error = |app: &kaowu::tui::App| match app.modals.last() {
        Some(Modal::MoneyForm(f)) => f.error.clone().unwrap_or_default(),
        _ => panic!("the form stays open"),
    };
    assert_eq!(error(&app), "请填写“金额（元）”");
    chars(&mut app, "一千");
    press(&mut app, KeyCode::Enter);
    assert!(
        error(&app).contains("一千") && error(&app).contains("应为金额"),
        "{}",
        error(&app)
    );
}
