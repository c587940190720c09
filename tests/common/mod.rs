//! Fixtures shared by the end-to-end tests: approved sites and accepted submissions written
//! through the store, so a test starts where staff would be after triage.

// Each test crate includes this module and uses only the fixtures it needs.
#![allow(dead_code)]

pub mod console;

use kaowu::domain::SiteAction;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::submission::{Decision, SubmissionState};
use kaowu::domain::time::parse_time;
use kaowu::store::{Actor, NewCandidate, NewSubmission, Recorded, Store};

/// Loads `schools` and takes each site through apply and approve.
pub fn approved_sites(s: &mut Store, schools: &[SchoolInfo]) {
    let a = Actor("金贝".into());
    s.import_schools(&a, schools).unwrap();
    for school in schools {
        let id = s.find_school(&school.name).unwrap().id;
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
    }
}

/// Records a file of `ids` for `plan` from `school` (the first `retakes` marked 补考, its
/// SHA-256 stood in for by `sha`) and accepts it.
pub fn accept_ids(
    s: &mut Store,
    plan: &str,
    school: &str,
    ids: &[String],
    retakes: usize,
    sha: &str,
) {
    let a = Actor("金贝".into());
    let cands: Vec<NewCandidate> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| NewCandidate {
            row: i as u32 + 2,
            name: format!("考生{}", &id[14..]),
            id_type: "居民身份证".into(),
            id_number: id.clone(),
            phone: format!("138{:08}", i),
            school_name: school.into(),
            retake: i < retakes,
            valid: true,
            ..Default::default()
        })
        .collect();
    let sub = NewSubmission {
        plan_id: s.find_plan(plan).unwrap().id,
        school_id: s.find_school(school).unwrap().id,
        file_name: "报名表.xlsx",
        sha256: sha,
        bytes: b"x",
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: cands.len(),
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

/// Loads 浙江商业职业技术学院 and records one pending submission of `people` (ID number, name)
/// for 20211211-初级, on sheet rows 2 onward; its id.
pub fn pending_submission(s: &mut Store, people: &[(&str, &str)]) -> i64 {
    let a = Actor("金贝".into());
    let info = SchoolInfo {
        name: "浙江商业职业技术学院".into(),
        province: "浙江省".into(),
        ..Default::default()
    };
    s.import_schools(&a, &[info]).unwrap();
    let candidates: Vec<NewCandidate> = people
        .iter()
        .enumerate()
        .map(|(i, (id, name))| NewCandidate {
            row: i as u32 + 2,
            name: name.to_string(),
            id_type: "居民身份证".into(),
            id_number: id.to_string(),
            phone: "13800000000".into(),
            valid: true,
            ..Default::default()
        })
        .collect();
    let sub = NewSubmission {
        plan_id: s.find_plan("20211211-初级").unwrap().id,
        school_id: s.find_school("浙江商业职业技术学院").unwrap().id,
        file_name: "报名表.xlsx",
        sha256: "abc",
        bytes: b"xlsx",
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: candidates.len(),
        header_row: 1,
        candidates: &candidates,
        problems: &[],
    };
    match s.record_submission(&a, &sub).unwrap() {
        Recorded::New(id) => id,
        Recorded::Duplicate(id) => panic!("duplicate of {id}"),
    }
}

/// A drawn screen as plain text, one line per row; a wide character stands for the cells it
/// covers.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push('\n');
    }
    out
}

/// The template's header row, as schools fill it.
pub const TEMPLATE_HEADER: [&str; 16] = [
    "序号",
    "姓名*",
    "证件类型*",
    "证件号码*",
    "性别",
    "出生日期",
    "手机号*",
    "院校名称*",
    "专业",
    "年级",
    "班级",
    "证书名称*",
    "证书等级*",
    "考试计划*",
    "是否补考",
    "备注",
];
