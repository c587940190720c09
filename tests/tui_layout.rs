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
    // The fee schedule does not fit 70 columns in English: its cut is marked, never a sum
    // cut to "¥3".
    let schedule = s.lines().nth(1).unwrap().trim_end();
    assert!(schedule.ends_with('…'), "{schedule}");
    let header = s.lines().nth(3).unwrap();
    for h in ["School", "Paying", "Free", "Charged", "Paid", "Outstanding"] {
        assert!(header.contains(h), "{header}");
    }
}

/// What the footer of the drawn screen shows: `(key, what)` pairs from its last line.
fn footer_keys(app: &App) -> Vec<(String, String)> {
    let drawn = shown(app, 80, 24);
    let last = drawn.lines().last().unwrap_or_default().to_string();
    last.split("  ")
        .filter_map(|p| {
            let (k, w) = p.trim().split_once(' ')?;
            Some((k.to_string(), w.to_string()))
        })
        .collect()
}

/// Item 6: on every screen of the demo office (every Fees view too), every key its footer
/// shows does something there: opens a pop-up, says something, changes the list or screen.
#[test]
fn every_key_the_footer_shows_does_something_where_it_is_shown() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let press = |app: &mut App, code| kaowu::tui::key(app, KeyEvent::new(code, KeyModifiers::NONE));
    let (mut app, _dir) = demo(Lang::Zh);
    let mut dead = Vec::new();
    for tab in Tab::ALL {
        go(&mut app, tab);
        // The Fees screen's views each have their own keys; `v` moves between them.
        let views = if tab == Tab::Fees { 4 } else { 1 };
        for view in 0..views {
            for (key, what) in footer_keys(&app) {
                if views > 1 && key == "v" {
                    continue;
                }
                let code = match key.as_str() {
                    "Enter" => KeyCode::Enter,
                    k if k.chars().count() == 1 => KeyCode::Char(k.chars().next().unwrap()),
                    other => panic!("a footer key the test cannot press: {other}"),
                };
                let before = (
                    shown(&app, 80, 24),
                    app.tab,
                    app.modals.len(),
                    app.filtering,
                );
                let effect = press(&mut app, code);
                let after = (
                    shown(&app, 80, 24),
                    app.tab,
                    app.modals.len(),
                    app.filtering,
                );
                if effect.is_none() && before == after {
                    dead.push(format!("{tab:?} (view {view}): {key} {what}"));
                }
                // Back to the screen: close what opened, leave the filter prompt.
                app.modals.clear();
                if app.filtering {
                    press(&mut app, KeyCode::Esc);
                }
                if app.tab != tab {
                    go(&mut app, tab);
                }
            }
            if views > 1 {
                press(&mut app, KeyCode::Char('v'));
            }
        }
    }
    assert!(dead.is_empty(), "footer keys that do nothing: {dead:#?}");
}
