//! Issue 17 item 14: the demo office drawn at the smallest size (70x20) and a large one
//! (120x40): boxes show their rows, spare width goes to names, headers are not cut.

mod common;

use common::console::{app_with, go, terminal, text};
use kaowu::i18n::Lang;
use kaowu::store::Store;
use kaowu::tui::{App, Tab};

/// The demo office in its own folder (the demo writes its schools' files next to the
/// database), opened at the demo's clock, without colour.
fn demo(lang: Lang) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    kaowu::demo::create(&db).unwrap();
    let at = kaowu::demo::clock().format("%Y-%m-%d %H:%M").to_string();
    (app_with(Store::open(&db).unwrap(), &at, lang, false), dir)
}

fn shown(app: &App, w: u16, h: u16) -> String {
    text(&terminal(app, w, h))
}

/// The lines inside the first box (the Overview's windows box) of a drawn screen.
fn first_box(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.trim_matches('│').trim_end().to_string())
        .collect()
}

#[test]
fn the_overview_windows_box_lists_windows_at_70x20_and_has_no_empty_rows_at_120x40() {
    let (mut app, _dir) = demo(Lang::Zh);
    kaowu::tui::update(&mut app, kaowu::tui::Action::Resize(70, 20));
    let small = shown(&app, 70, 20);
    insta::assert_snapshot!("overview_70x20", small);
    let rows = first_box(&small);
    // The windows come first: the exams and the named sites give way.
    assert!(
        rows.iter().filter(|r| r.contains("报名中")).count() >= 3,
        "{small}"
    );

    kaowu::tui::update(&mut app, kaowu::tui::Action::Resize(120, 40));
    let large = shown(&app, 120, 40);
    insta::assert_snapshot!("overview_120x40", large);
    let rows = first_box(&large);
    assert!(
        rows.iter().all(|r| !r.is_empty()),
        "empty rows in the windows box:\n{large}"
    );
    assert!(!rows.iter().any(|r| r.contains("另有")), "{large}");
}

/// At 70 columns the school gets the width the other columns do not need: more than six
/// characters of "保定电子商务职业学院".
#[test]
fn school_names_get_the_spare_width_at_70_columns() {
    let (mut app, _dir) = demo(Lang::Zh);
    kaowu::tui::update(&mut app, kaowu::tui::Action::Resize(70, 20));
    for tab in [Tab::Submissions, Tab::Fees] {
        go(&mut app, tab);
        let s = shown(&app, 70, 20);
        assert!(
            s.lines().any(|l| l.contains("职业学院")
                || l.contains("职业技术")
                || l.contains("商务职业")),
            "{tab:?}:\n{s}"
        );
    }
    go(&mut app, Tab::Submissions);
    insta::assert_snapshot!("submissions_70x20", shown(&app, 70, 20));
}

/// English headers fit their columns at 70 columns.
#[test]
fn english_headers_are_not_cut_at_70_columns() {
    let (mut app, _dir) = demo(Lang::En);
    kaowu::tui::update(&mut app, kaowu::tui::Action::Resize(70, 20));
    go(&mut app, Tab::Sessions);
    let s = shown(&app, 70, 20);
    insta::assert_snapshot!("sessions_70x20_en", s);
    let header = s.lines().nth(2).unwrap();
    for h in ["Plan", "Site", "Count (20+)", "State", "Short/ready"] {
        assert!(header.contains(h), "{header}");
    }
    assert!(!header.contains('…'), "{header}");
    go(&mut app, Tab::Fees);
    let s = shown(&app, 70, 20);
    let header = s.lines().nth(3).unwrap();
    for h in ["School", "Paying", "Free", "Charged", "Paid", "Outstanding"] {
        assert!(header.contains(h), "{header}");
    }
}
