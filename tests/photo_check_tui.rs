//! The console's photo check, driven as a user would: open it for a submission, type the
//! archive's path with Tab completion, Enter, wait for the worker, read the results at 80x24.

mod common;

use common::console::{chars as type_text, press, screen};

use std::io::{Cursor, Write};
use std::path::Path;

use crossterm::event::KeyCode;
use image::{ImageFormat, Rgb, RgbImage};
use kaowu::domain::photo::PhotoState;
use kaowu::domain::time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, AuditFilter, Store};
use kaowu::tui::screens::photo_check::Phase;
use kaowu::tui::{Action, App, Modal, Mode, Theme, draw, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use zip::write::SimpleFileOptions;

const IDS: [&str; 3] = [
    "11010519491231002X",
    "440524188001010014",
    "330106200001010017",
];
const NAMES: [&str; 3] = ["张三", "李四", "王五"];
const RED: [u8; 3] = [200, 16, 46];
const BLUE: [u8; 3] = [32, 80, 200];

/// A store holding one submission of the three candidates on sheet rows 2–4; its id.
fn store_with_submission() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let people: Vec<(&str, &str)> = IDS.into_iter().zip(NAMES).collect();
    let id = common::pending_submission(&mut s, &people);
    (s, id)
}

/// A passport-style portrait: background, a head in the middle, shoulders at the bottom.
fn portrait(bg: [u8; 3]) -> RgbImage {
    let (w, h) = (295u32, 413u32);
    RgbImage::from_fn(w, h, |x, y| {
        let dx = (x as f32 - w as f32 / 2.0) / (w as f32 * 0.27);
        let dy = (y as f32 - h as f32 * 0.42) / (h as f32 * 0.25);
        if dx * dx + dy * dy <= 1.0 {
            Rgb([90, 60, 45])
        } else if y as f32 > h as f32 * 0.72 {
            Rgb([30, 30, 50])
        } else {
            Rgb(bg)
        }
    })
}

fn png(bg: [u8; 3]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    portrait(bg).write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The school's archive: 张三 fine, 李四 on blue, 王五 missing, and a zip-slip name.
fn write_archive(path: &Path) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = SimpleFileOptions::default();
    for (name, data) in [
        (format!("照片/{}.png", IDS[0]), png(RED)),
        (format!("照片/{}.png", IDS[1]), png(BLUE)),
        ("../../x.png".to_string(), png(RED)),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(&data).unwrap();
    }
    z.finish().unwrap();
}

fn photos(app: &App) -> &kaowu::tui::screens::photo_check::PhotoCheck {
    match app.modals.last() {
        Some(Modal::Photos(p)) => p,
        other => panic!("no photo check open: {other:?}"),
    }
}

/// Ticks the run loop until the worker is done (the check of three photos takes milliseconds;
/// the bound only keeps a broken worker from hanging the test run).
fn wait_for_results(app: &mut App) {
    for _ in 0..3000 {
        update(app, Action::Tick);
        if !photos(app).is_running() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the check never finished");
}

#[test]
fn a_photo_archive_is_checked_in_the_console_and_its_results_are_filed() {
    let dir = tempfile::tempdir().unwrap();
    write_archive(&dir.path().join("浙江商院照片.zip"));
    std::fs::write(dir.path().join("浙江商院报名表.xlsx"), b"").unwrap();
    let (store, sub) = store_with_submission();
    let mut app = App::new(
        store,
        Lang::Zh,
        time::parse_time("2021-11-20 10:00").unwrap(),
        true,
        Actor("wangjuan".into()),
        Theme { color: true },
    );
    update(&mut app, Action::CheckPhotos(sub));
    assert_eq!(app.mode(), Mode::PhotoPath);

    // Enter on a path that is not there says so and stays.
    type_text(&mut app, "没有.zip");
    press(&mut app, KeyCode::Enter);
    assert!(photos(&app).error.as_deref().unwrap().contains("没有.zip"));
    assert_eq!(photos(&app).phase, Phase::Path);
    for _ in 0.."没有.zip".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }

    // Tab completes the one zip; the spreadsheet beside it is not offered.
    type_text(&mut app, &format!("{}/浙江", dir.path().display()));
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        photos(&app).path_text(),
        format!("{}/浙江商院照片.zip", dir.path().display())
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(photos(&app).phase, Phase::Running(..)));
    // Esc while checking does not drop the check.
    press(&mut app, KeyCode::Esc);
    wait_for_results(&mut app);
    assert_eq!(
        photos(&app).phase,
        Phase::Results,
        "{:?}",
        photos(&app).error
    );
    assert_eq!(app.mode(), Mode::PhotoList);

    // Filed: the store holds each candidate's status, and the audit log the check.
    let states: Vec<PhotoState> = app
        .store
        .photo_statuses(sub)
        .unwrap()
        .iter()
        .map(|p| p.state)
        .collect();
    assert_eq!(
        states,
        [PhotoState::Ok, PhotoState::Problem, PhotoState::Missing]
    );
    let filter = AuditFilter {
        text: "photo.check".into(),
        ..Default::default()
    };
    assert_eq!(app.store.audit_count(&filter).unwrap(), 1);

    // 李四 selected: the blue background is named, and the photo is drawn.
    press(&mut app, KeyCode::Down);
    let p = photos(&app);
    assert!(matches!(&p.preview, Some(pr) if pr.candidate == 1 && pr.image.is_ok()));
    // Problems are named in words, never by their code (`photo_background`).
    let shown = screen(&app);
    assert!(
        shown.contains("背景色不符") && !shown.contains("photo_"),
        "{shown}"
    );
    assert!(
        shown.contains("不安全的条目") && !shown.contains("archive_"),
        "{shown}"
    );
    insta::assert_snapshot!("photo_check_results", shown);
    // Snapshots hold no colour: the photo's top corner must be the blue of its background,
    // and the swatch beside #2050C8 that blue too.
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, &app)).unwrap();
    let buf = t.backend().buffer();
    let bluish = |c: Color| matches!(c, Color::Rgb(r, g, b) if b > 150 && r < 80 && g < 120);
    let photo_x = (0..80).find(|&x| buf[(x, 5)].symbol() == "▀").unwrap();
    let corner = &buf[(photo_x, 3)];
    assert!(bluish(corner.bg) || bluish(corner.fg), "{corner:?}");
    let row = (0..80).map(|x| &buf[(x, 4)]);
    assert!(row.filter(|c| bluish(c.bg)).count() >= 2, "swatch");

    // A bigger terminal draws the photo again for its bigger area.
    update(&mut app, Action::Resize(120, 40));
    assert!(matches!(&photos(&app).preview, Some(pr) if pr.image.is_ok()));
    update(&mut app, Action::Resize(80, 24));

    // 王五 has no photo to draw; o goes back to the path to check another archive.
    press(&mut app, KeyCode::Char('j'));
    assert!(screen(&app).contains("（无照片）"));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::PhotoPath);
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());

    // The verdicts follow the submission: its rows show them…
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("照片"), "{s}");
    for (name, verdict) in NAMES.iter().zip(["合格", "有问题", "缺照片"]) {
        let line = s.lines().find(|l| l.contains(name)).unwrap();
        assert!(line.contains(verdict), "{line}");
    }
    // …and so does each candidate's detail, with the reason.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('6'));
    app.screens.candidates.filter = "李四".into();
    app.refresh(kaowu::tui::Tab::Candidates);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("有问题 · #2050C8"), "{s}");
}

#[test]
fn c_on_a_submission_opens_its_photo_check_from_the_list_and_the_detail() {
    let (store, sub) = store_with_submission();
    let mut app = App::new(
        store,
        Lang::Zh,
        time::parse_time("2021-11-20 10:00").unwrap(),
        true,
        Actor("wangjuan".into()),
        Theme { color: false },
    );
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.screens.submissions.selected().unwrap().id, sub);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(photos(&app).submission_id, sub);
    assert!(screen(&app).contains("本提交共 3 名考生"));
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());

    // From the opened submission too: staff look at its rows, then at its photos.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(photos(&app).submission_id, sub);
}
