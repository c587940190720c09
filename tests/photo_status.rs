//! Stored photo checks: each candidate's photo status is kept, a re-check replaces it (with an
//! audit entry), and the annotated return tells the school which photos to fix.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use kaowu::domain::photo::PhotoState;
use kaowu::domain::problem::{Problem, ProblemCode, Says};
use kaowu::i18n::Lang;
use kaowu::intake::{Limits, read_sheet};
use kaowu::store::{Actor, AuditFilter, EntryNote, NewPhotoCheck, PhotoResult, Store};
use rust_xlsxwriter::Workbook;

const IDS: [&str; 3] = [
    "11010519491231002X",
    "440524188001010014",
    "330106200001010017",
];
const NAMES: [&str; 3] = ["张三", "李四", "王五"];

fn actor(name: &str) -> Actor {
    Actor(name.into())
}

/// A store holding one submission of the three candidates on sheet rows 2–4; its id.
fn store_with_submission() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let people: Vec<(&str, &str)> = IDS.into_iter().zip(NAMES).collect();
    let id = common::pending_submission(&mut s, &people);
    (s, id)
}

const BLUE_MSG: &str = "背景平均颜色 #2050C8，偏蓝，应为红色";

/// The first check: 张三 fine, 李四 a blue background, 王五 no photo.
fn first_results(s: &Store, sub: i64) -> Vec<PhotoResult> {
    let c = s.photo_candidates(sub).unwrap();
    assert_eq!(c.len(), 3);
    assert_eq!(c[0].id_number, IDS[0]);
    vec![
        PhotoResult {
            candidate_id: c[0].candidate_id,
            entry: Some(format!("照片/{}.jpg", IDS[0])),
            colour: Some([200, 16, 46]),
            problems: vec![],
        },
        PhotoResult {
            candidate_id: c[1].candidate_id,
            entry: Some(format!("{}.jpg", IDS[1])),
            colour: Some([0x20, 0x50, 0xC8]),
            problems: vec![(ProblemCode::PhotoBackground, BLUE_MSG.into())],
        },
        PhotoResult {
            candidate_id: c[2].candidate_id,
            entry: None,
            colour: None,
            problems: vec![(
                ProblemCode::PhotoMissing,
                "缺少照片（应命名为“证件号码.jpg”）".into(),
            )],
        },
    ]
}

fn record(s: &mut Store, who: &str, sub: i64, results: &[PhotoResult], sha: &str) -> i64 {
    let orphan = [EntryNote {
        entry: "../../x.jpg".into(),
        code: ProblemCode::ArchiveUnsafeEntry,
        message: "不安全的条目".into(),
    }];
    s.record_photo_check(
        &actor(who),
        &NewPhotoCheck {
            submission_id: sub,
            archive_name: "照片.zip",
            archive_sha256: sha,
            entries: 4,
            results,
            entry_problems: &orphan,
        },
    )
    .unwrap()
}

#[test]
fn a_check_is_stored_per_candidate_and_reads_back_whole() {
    let (mut s, sub) = store_with_submission();
    let results = first_results(&s, sub);
    let check = record(&mut s, "金贝", sub, &results, "aa11");

    let all = s.photo_statuses(sub).unwrap();
    let states: Vec<PhotoState> = all.iter().map(|p| p.state).collect();
    assert_eq!(
        states,
        [PhotoState::Ok, PhotoState::Problem, PhotoState::Missing]
    );
    let li = &all[1];
    assert_eq!(li.name, "李四");
    assert_eq!(li.id_number, IDS[1]);
    assert_eq!(li.row, 3);
    assert_eq!(
        li.entry.as_deref(),
        Some(format!("{}.jpg", IDS[1]).as_str())
    );
    assert_eq!(li.colour, Some([0x20, 0x50, 0xC8]));
    assert_eq!(
        li.problems,
        [(ProblemCode::PhotoBackground, BLUE_MSG.to_string())]
    );
    assert_eq!(li.check_id, check);
    assert_eq!(li.archive_name, "照片.zip");
    assert_eq!(li.archive_sha256, "aa11");
    assert_eq!(li.checked_by, "金贝");
    assert!(li.checked_at.ends_with("+08:00"), "{}", li.checked_at);
    assert_eq!(all[2].colour, None);
    assert_eq!(all[2].entry, None);

    assert_eq!(s.photo_status(li.candidate_id).unwrap().as_ref(), Some(li));
    assert_eq!(s.photo_status(9_999).unwrap(), None);
    assert_eq!(s.count("photo_check").unwrap(), 1);
}

#[test]
fn a_re_check_replaces_the_status_keeps_the_earlier_run_and_is_audited() {
    let (mut s, sub) = store_with_submission();
    let mut results = first_results(&s, sub);
    let first = record(&mut s, "金贝", sub, &results, "aa11");
    // The school sent a new archive: 李四 fixed, 王五 still missing.
    results[1].colour = Some([205, 20, 40]);
    results[1].problems.clear();
    let second = record(&mut s, "王老师", sub, &results, "bb22");
    assert_ne!(first, second);

    let all = s.photo_statuses(sub).unwrap();
    assert_eq!(all.len(), 3, "one status per candidate, not one per check");
    assert_eq!(all[1].state, PhotoState::Ok);
    assert!(all[1].problems.is_empty());
    assert_eq!(all[1].checked_by, "王老师");
    assert_eq!(all[1].archive_sha256, "bb22");
    assert_eq!(all[2].state, PhotoState::Missing);
    assert_eq!(s.count("photo_status").unwrap(), 3);
    assert_eq!(s.count("photo_check").unwrap(), 2, "earlier runs are kept");
    let runs = s.photo_checks(sub).unwrap();
    assert_eq!(
        runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [second, first]
    );
    assert_eq!((runs[0].ok, runs[0].problem, runs[0].missing), (2, 0, 1));
    assert_eq!((runs[1].ok, runs[1].problem, runs[1].missing), (1, 1, 1));
    assert_eq!(runs[0].checked_by, "王老师");
    assert_eq!(runs[0].entries, 4);
    assert_eq!(runs[0].entry_problems[0].entry, "../../x.jpg");
    assert_eq!(
        runs[0].entry_problems[0].code,
        ProblemCode::ArchiveUnsafeEntry
    );

    let filter = AuditFilter {
        entity: Some("submission".into()),
        entity_id: Some(sub),
        text: "photo.check".into(),
        ..Default::default()
    };
    let log = s.audit_log(&filter, 10, 0).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].actor, "王老师");
    assert!(
        log[0].detail.contains("2 ok") && log[0].detail.contains("replaces 3"),
        "{}",
        log[0].detail
    );
    assert!(log[1].detail.contains("1 problem · 1 missing"));
}

#[test]
fn a_result_for_a_candidate_of_another_submission_is_refused_whole() {
    let (mut s, sub) = store_with_submission();
    let mut results = first_results(&s, sub);
    results[2].candidate_id = 9_999;
    let err = s.record_photo_check(
        &actor("金贝"),
        &NewPhotoCheck {
            submission_id: sub,
            archive_name: "照片.zip",
            archive_sha256: "aa11",
            entries: 3,
            results: &results,
            entry_problems: &[],
        },
    );
    assert!(err.is_err());
    assert!(
        s.photo_statuses(sub).unwrap().is_empty(),
        "nothing half-written"
    );
    assert_eq!(s.count("photo_check").unwrap(), 0);
    assert!(s.photo_candidates(12_345).is_err(), "unknown submission");
}

#[test]
fn the_return_names_each_photo_problem_on_its_row() {
    let (mut s, sub) = store_with_submission();
    let results = first_results(&s, sub);
    record(&mut s, "金贝", sub, &results, "aa11");
    let photos = s.photo_statuses(sub).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("报名表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["身份证号", "姓名", "手机号"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, name)) in IDS.iter().zip(NAMES).enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *id).unwrap();
        ws.write_string(r, 1, name).unwrap();
        ws.write_string(r, 2, "13800000000").unwrap();
    }
    wb.save(&src).unwrap();
    let sheet = read_sheet(&src, &Limits::default(), Lang::Zh, &mut |_| {}).unwrap();
    let sheet_problem = Problem {
        row: Some(2),
        column: Some("手机号".into()),
        code: ProblemCode::PhoneInvalid,
        says: Says::Text("手机号重复".into()),
    };
    let out = dir.path().join("退回.xlsx");
    kaowu::export::write_return_with_photos(
        &out,
        &sheet.columns,
        &sheet.rows,
        &[sheet_problem],
        &photos,
        Lang::Zh,
    )
    .unwrap();

    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("报名信息").unwrap();
    let at = |row: u32, col: u32| r.get_value((row - 1, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(1, 3), Data::String("问题说明".into()));
    assert_eq!(at(1, 4), Data::String("照片问题".into()));
    assert_eq!(at(2, 3), Data::String("手机号重复".into()));
    assert_eq!(at(2, 4), Data::Empty, "张三's photo is fine");
    assert_eq!(at(3, 4), Data::String(BLUE_MSG.into()));
    assert!(matches!(at(4, 4), Data::String(m) if m.contains("缺少照片")));
    assert_eq!(at(4, 1), Data::String("王五".into()));

    let summary = wb.worksheet_range("问题汇总").unwrap();
    let codes: Vec<String> = (1..summary.height())
        .map(|i| summary.get_value((i as u32, 2)).unwrap().to_string())
        .collect();
    assert_eq!(
        codes,
        ["phone_invalid", "photo_background", "photo_missing"]
    );

    // Without a photo check the return has no photo column.
    let plain = dir.path().join("plain.xlsx");
    kaowu::export::write_return(&plain, &sheet.columns, &sheet.rows, &[], Lang::Zh).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&plain).unwrap();
    let r = wb.worksheet_range("报名信息").unwrap();
    assert_eq!(r.width(), 4);
}
