//! Roster export (考场名单) of one confirmed session of N candidates vs rust_xlsxwriter alone
//! writing the same cells.
//!
//! Records N accepted candidates (default 100,000) at one site, confirms the session (which
//! gives admission numbers), then measures in the same run, best of 3 each:
//! - baseline: a bare rust_xlsxwriter workbook with the same 13 columns of the same values
//!   (strings and one number column, no formats), saved to memory,
//! - `roster_xlsx`: the roster workbook from the fetched rows (text-formatted ID columns,
//!   frozen header, the 场次 sheet),
//! - `Store::roster` + `roster_xlsx`: what `kaowu export roster` does before writing the file.
//!
//! Run: `cargo bench --bench export` (add `-- N` for another row count).

mod common;

use common::{SCHOOL, benching, best, candidates, count_arg, machine, store_with_sites};
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::time::parse_time;
use kaowu::export::roster::{HEADER, roster_xlsx};
use kaowu::store::{Actor, NewSubmission, PlacedCandidate, Recorded, SessionKey};
use rust_xlsxwriter::Workbook;

/// The same cells as the roster's first sheet, written with no formatting at all.
fn baseline(rows: &[PlacedCandidate]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, r.admission_number.as_deref().unwrap_or(""))
            .unwrap();
        ws.write_number(row, 1, (i + 1) as f64).unwrap();
        let rest = [
            r.name.as_str(),
            &r.id_type,
            &r.id_number,
            r.gender.as_deref().unwrap_or(""),
            &r.phone,
            &r.school_name,
            &r.major,
            &r.grade,
            &r.class,
            if r.retake { "是" } else { "否" },
            &r.remark,
        ];
        for (c, v) in rest.iter().enumerate() {
            ws.write_string(row, c as u16 + 2, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// `n` roster rows as the store hands them over, numbered like a real session.
fn placed(n: usize, school_id: i64) -> Vec<PlacedCandidate> {
    candidates(0, n, SCHOOL)
        .into_iter()
        .enumerate()
        .map(|(i, c)| PlacedCandidate {
            school_id,
            admission_number: Some(format!("2021121110001{:04}", i % 9_999 + 1)),
            name: c.name,
            id_type: c.id_type,
            id_number: c.id_number,
            gender: c.gender,
            birth_date: c.birth_date,
            phone: c.phone,
            school_name: c.school_name,
            major: c.major,
            grade: c.grade,
            class: c.class,
            retake: c.retake,
            remark: c.remark,
        })
        .collect()
}

fn main() {
    let n = count_arg(if benching() { 100_000 } else { 300 });
    let runs = if benching() { 3 } else { 1 };
    let dir = tempfile::tempdir().expect("temp dir");
    let t = std::time::Instant::now();
    let mut store = store_with_sites(&dir.path().join("roster.db"));
    let actor = Actor("金贝".into());
    let plan = store.find_plan("20211211-初级").unwrap();
    let school = store.find_school(SCHOOL).unwrap();
    // A session holds at most 9,999 admission numbers: the store part is measured on a full
    // session, the workbook on all N rows.
    let session = n.min(MAX_SESSION);
    let cands = candidates(0, session, SCHOOL);
    let sub = NewSubmission {
        plan_id: plan.id,
        school_id: school.id,
        file_name: "报名表.xlsx",
        sha256: "bench",
        bytes: b"x",
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: session,
        header_row: 1,
        candidates: &cands,
        problems: &[],
    };
    let Recorded::New(id) = store.record_submission(&actor, &sub).unwrap() else {
        panic!("a new submission")
    };
    store
        .decide_submission(&actor, id, Decision::Accept, None, false, None)
        .unwrap();
    let key = SessionKey {
        plan_id: plan.id,
        school_id: school.id,
    };
    store.confirm_session(&actor, key).unwrap();
    let fetched = store.roster(&actor, key).unwrap();
    assert_eq!(fetched.len(), session);
    assert!(fetched.iter().all(|r| r.admission_number.is_some()));
    let rows = placed(n, school.id);
    println!(
        "machine: {}\nset up a confirmed session of {session} and {n} roster rows in {:.1} s",
        machine(),
        t.elapsed().as_secs_f64()
    );

    let site = school.info.name.clone();
    let (mut base, mut build, mut fetch, mut base_session, mut whole) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::INFINITY,
        f64::INFINITY,
        f64::INFINITY,
    );
    let (mut base_len, mut roster_len) = (0, 0);
    // Interleaved, so a burst of load from other work hits every figure alike.
    for _ in 0..runs {
        base = base.min(best(1, || base_len = baseline(&rows).len()));
        build = build.min(best(1, || {
            roster_len = roster_xlsx(&plan, &site, &rows).unwrap().len()
        }));
        fetch = fetch.min(best(1, || {
            std::hint::black_box(store.roster(&actor, key).unwrap());
        }));
        base_session = base_session.min(best(1, || {
            std::hint::black_box(baseline(&fetched));
        }));
        whole = whole.min(best(1, || {
            let rows = store.roster(&actor, key).unwrap();
            std::hint::black_box(roster_xlsx(&plan, &site, &rows).unwrap());
        }));
    }
    println!("best of {runs} runs each:");
    println!(
        "  {n} rows: rust_xlsxwriter alone, same cells  {base:>7.3} s  {:.1} MB",
        base_len as f64 / 1e6
    );
    println!(
        "  {n} rows: roster_xlsx                        {build:>7.3} s  {:.1} MB  {:.2}x baseline",
        roster_len as f64 / 1e6,
        build / base
    );
    println!(
        "  full session of {session}: Store::roster {fetch:.3} s; rust_xlsxwriter alone {base_session:.3} s; \
         Store::roster + roster_xlsx {whole:.3} s = {:.2}x baseline",
        whole / base_session
    );
    println!(
        "roster export / rust_xlsxwriter alone: {:.2}x (goal <= 1.5x)",
        build / base
    );
}

/// Admission numbers end in a 4-digit sequence per session.
const MAX_SESSION: usize = 9_999;
