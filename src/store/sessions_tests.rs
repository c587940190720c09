use super::*;
use crate::domain::registration::Registry as _;
use crate::domain::result::{ExamResult, Outcome};
use crate::domain::school::SchoolInfo;
use crate::domain::session::{HeadCount, SessionRefused, SessionState};
use crate::domain::submission::{Decision, SubmissionState};
use crate::domain::time::parse_time;
use crate::domain::{Level, PlanDraft, SiteAction};
use crate::store::{Actor, AuditFilter, NewCandidate, NewSubmission, Recorded, SessionKey};

struct T {
    s: Store,
    a: Actor,
    next: u32,
}

impl T {
    fn new() -> T {
        let mut s = Store::open_in_memory().unwrap();
        let a = Actor("王娟".into());
        let schools: Vec<SchoolInfo> =
            ["浙江商业职业技术学院", "义乌工商职业技术学院", "未审核学院"]
                .iter()
                .map(|n| SchoolInfo {
                    name: n.to_string(),
                    province: "浙江省".into(),
                    ..Default::default()
                })
                .collect();
        s.import_schools(&a, &schools).unwrap();
        for n in ["浙江商业职业技术学院", "义乌工商职业技术学院"] {
            let id = s.find_school(n).unwrap().id;
            s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
            s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
        }
        T { s, a, next: 0 }
    }

    fn plan(&self, code: &str) -> i64 {
        self.s.find_plan(code).unwrap().id
    }

    fn school(&self, name: &str) -> i64 {
        self.s.find_school(name).unwrap().id
    }

    /// Records and accepts a submission of `n` candidates, the first `retakes` of them retakes;
    /// returns their ID numbers.
    fn accept(&mut self, plan: &str, school: &str, n: usize, retakes: usize) -> Vec<String> {
        let ids: Vec<String> = (0..n)
            .map(|_| {
                self.next += 1;
                format!("3301021990{:08}", self.next)
            })
            .collect();
        self.accept_ids(plan, school, &ids, retakes);
        ids
    }

    fn accept_ids(&mut self, plan: &str, school: &str, ids: &[String], retakes: usize) {
        let cands: Vec<NewCandidate> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| NewCandidate {
                row: i as u32 + 2,
                name: format!("考生{id}"),
                id_type: "居民身份证".into(),
                id_number: id.clone(),
                phone: "13800000000".into(),
                school_name: school.into(),
                retake: i < retakes,
                valid: true,
                ..Default::default()
            })
            .collect();
        self.next += 1;
        let sha = format!("sha{}", self.next);
        let sub = NewSubmission {
            plan_id: self.plan(plan),
            school_id: self.school(school),
            file_name: "报名表.xlsx",
            sha256: &sha,
            bytes: b"x",
            received_at: parse_time("2021-11-15 10:00").unwrap(),
            state: SubmissionState::Pending,
            rows: cands.len(),
            header_row: 1,
            candidates: &cands,
            problems: &[],
        };
        let Recorded::New(id) = self.s.record_submission(&self.a, &sub).unwrap() else {
            panic!("new submission expected")
        };
        self.s
            .decide_submission(&self.a, id, Decision::Accept, None, false, None)
            .unwrap();
    }

    fn key(&self, plan: &str, school: &str) -> SessionKey {
        SessionKey {
            plan_id: self.plan(plan),
            school_id: self.school(school),
        }
    }

    fn session(&self, plan: &str, school: &str) -> SessionRow {
        self.s
            .session(self.plan(plan), self.school(school))
            .unwrap()
    }
}

const ZJ: &str = "浙江商业职业技术学院";
const YW: &str = "义乌工商职业技术学院";
const J1211: &str = "20211211-初级";
const J0108: &str = "20220108-初级";

#[test]
fn nineteen_twenty_and_twenty_one_count_retakes_in() {
    let mut t = T::new();
    t.accept(J1211, ZJ, 15, 4);
    t.accept(J1211, ZJ, 4, 0); // a second file of the same school adds up: 19
    t.accept(J1211, YW, 20, 5);
    t.accept(J0108, ZJ, 21, 21);
    let rows = t.s.sessions(&SessionFilter::default()).unwrap();
    let counts: Vec<(String, String, HeadCount)> = rows
        .iter()
        .map(|r| (r.plan_code.clone(), r.school.clone(), r.count))
        .collect();
    assert!(counts.contains(&(
        J1211.into(),
        ZJ.into(),
        HeadCount {
            accepted: 19,
            retakes: 4
        }
    )));
    assert!(counts.contains(&(
        J1211.into(),
        YW.into(),
        HeadCount {
            accepted: 20,
            retakes: 5
        }
    )));
    assert!(counts.contains(&(
        J0108.into(),
        ZJ.into(),
        HeadCount {
            accepted: 21,
            retakes: 21
        }
    )));
    let short =
        t.s.sessions(&SessionFilter {
            sort: SessionSort::Shortfall,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (short[0].school.as_str(), short[0].count.short_by()),
        (ZJ, 1)
    );
    assert!(short[0].open_under_minimum());

    let err = t.s.confirm_session(&t.a, t.key(J1211, ZJ)).unwrap_err();
    assert!(matches!(
        err,
        StoreError::Session(SessionRefused::UnderMinimum {
            accepted: 19,
            short_by: 1
        })
    ));
    assert_eq!(t.s.confirm_session(&t.a, t.key(J1211, YW)).unwrap(), 20);
    assert_eq!(t.session(J1211, YW).state, SessionState::Confirmed);
    assert_eq!(t.session(J1211, ZJ).state, SessionState::Open);
}

#[test]
fn admission_numbers_are_unique_and_never_renumbered() {
    let mut t = T::new();
    t.accept(J1211, ZJ, 20, 2);
    t.accept(J1211, YW, 20, 0);
    let k = t.key(J1211, ZJ);
    t.s.confirm_session(&t.a, k).unwrap();
    t.s.confirm_session(&t.a, t.key(J1211, YW)).unwrap();
    let first = t.s.roster(&t.a, k).unwrap();
    assert_eq!(first.len(), 20);
    let school = format!("{:04}", k.school_id);
    assert_eq!(
        first[0].admission_number.as_deref(),
        Some(format!("202112111{school}0001").as_str())
    );
    assert_eq!(
        first[19].admission_number.as_deref(),
        Some(format!("202112111{school}0020").as_str())
    );
    // A late-accepted file for the confirmed session gets the next free numbers.
    t.accept(J1211, ZJ, 2, 0);
    let again = t.s.roster(&t.a, k).unwrap();
    assert_eq!(again.len(), 22);
    assert_eq!(&again[..20], &first[..]);
    assert_eq!(
        again[21].admission_number.as_deref(),
        Some(format!("202112111{school}0022").as_str())
    );
    let other = t.s.roster(&t.a, t.key(J1211, YW)).unwrap();
    let mut all: Vec<&Option<String>> = again
        .iter()
        .chain(other.iter())
        .map(|r| &r.admission_number)
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 42, "numbers are unique within the plan");
    assert_eq!(t.s.count("admission").unwrap(), 42);
}

#[test]
fn a_roster_is_refused_under_the_minimum_or_before_confirmation() {
    let mut t = T::new();
    t.accept(J1211, ZJ, 19, 0);
    let k = t.key(J1211, ZJ);
    assert!(matches!(
        t.s.roster(&t.a, k),
        Err(StoreError::Session(SessionRefused::UnderMinimum {
            short_by: 1,
            ..
        }))
    ));
    t.accept(J1211, ZJ, 1, 0);
    assert!(matches!(
        t.s.roster(&t.a, k),
        Err(StoreError::Session(SessionRefused::AlreadyIn(
            SessionState::Open
        )))
    ));
}

#[test]
fn moves_stay_within_a_level_and_are_audited() {
    let mut t = T::new();
    let small = t.accept(J1211, YW, 5, 1);
    t.accept(J0108, YW, 16, 0);
    let from = t.key(J1211, YW);
    let senior = t.key("20211211-高级", YW);
    assert!(matches!(
        t.s.move_candidates(&t.a, from, senior, None, Some("合并")),
        Err(StoreError::Session(SessionRefused::LevelMismatch { .. }))
    ));
    assert!(matches!(
        t.s.move_candidates(&t.a, from, t.key(J0108, YW), None, None),
        Err(StoreError::Session(SessionRefused::ReasonRequired))
    ));
    let unapproved = t.key(J0108, "未审核学院");
    assert!(matches!(
        t.s.move_candidates(&t.a, from, unapproved, None, Some("r")),
        Err(StoreError::Session(SessionRefused::SiteNotApproved))
    ));
    let moved =
        t.s.move_candidates(
            &t.a,
            from,
            t.key(J0108, YW),
            Some(&small[..2]),
            Some("人数不足，合并"),
        )
        .unwrap();
    assert_eq!(moved, 2);
    assert_eq!(t.session(J1211, YW).count.accepted, 3);
    assert_eq!(
        t.session(J0108, YW).count,
        HeadCount {
            accepted: 18,
            retakes: 1
        }
    );
    // Candidates are marked, never deleted.
    assert_eq!(t.s.count("candidate").unwrap(), 21);
    let log =
        t.s.audit_log(
            &AuditFilter {
                text: "session.move".into(),
                ..Default::default()
            },
            10,
            0,
        )
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason.as_deref(), Some("人数不足，合并"));
    assert!(log[0].detail.contains("2 人"));
    let history = t.s.candidate_history(&small[0]).unwrap();
    assert_eq!(history.registrations[0].plan_code, J1211);
    assert_eq!(history.registrations[0].session_plan_code, J0108);
}

#[test]
fn cancel_needs_a_reason_and_keeps_the_candidates() {
    let mut t = T::new();
    t.accept(J1211, ZJ, 7, 0);
    let k = t.key(J1211, ZJ);
    assert!(matches!(
        t.s.cancel_session(&t.a, k, Some(" ")),
        Err(StoreError::Session(SessionRefused::ReasonRequired))
    ));
    t.s.cancel_session(&t.a, k, Some("人数不足")).unwrap();
    let s = t.session(J1211, ZJ);
    assert_eq!((s.state, s.count.accepted), (SessionState::Cancelled, 7));
    assert_eq!(s.cancel_reason.as_deref(), Some("人数不足"));
    assert!(!s.open_under_minimum());
    assert!(matches!(
        t.s.confirm_session(&t.a, k),
        Err(StoreError::Session(SessionRefused::Cancelled))
    ));
    // The cancelled session's candidates can still go elsewhere.
    t.s.move_candidates(&t.a, k, t.key(J0108, ZJ), None, Some("改期"))
        .unwrap();
    assert_eq!(t.session(J0108, ZJ).count.accepted, 7);
    let n =
        t.s.audit_count(&AuditFilter {
            text: "session.cancel 人数不足".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn readiness_is_recorded_with_who_and_when() {
    let mut t = T::new();
    t.accept(J1211, ZJ, 3, 0);
    let k = t.key(J1211, ZJ);
    t.s.set_ready(&t.a, k, ReadyItem::Video, true).unwrap();
    t.s.set_ready(&t.a, k, ReadyItem::Software, true).unwrap();
    t.s.set_ready(&t.a, k, ReadyItem::Software, true).unwrap();
    let s = t.session(J1211, ZJ);
    let items: Vec<ReadyItem> = s.ready.iter().map(|m| m.item).collect();
    assert_eq!(items, [ReadyItem::Software, ReadyItem::Video]);
    assert_eq!(s.ready[0].by, "王娟");
    t.s.set_ready(&t.a, k, ReadyItem::Video, false).unwrap();
    assert_eq!(t.session(J1211, ZJ).ready.len(), 1);
    let n =
        t.s.audit_count(&AuditFilter {
            text: "session.ready".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(n, 3, "marking an item already done is not a change");
}

#[test]
fn overlapping_slots_are_flagged_but_morning_and_afternoon_are_not() {
    let mut t = T::new();
    let both = t.accept(J1211, ZJ, 2, 0);
    // The same day's 高级 morning (09:00–11:30) does not overlap the 初级 afternoon.
    t.accept_ids("20211211-高级", ZJ, &both[..1], 0);
    assert!(t.s.slot_overlaps(None).unwrap().is_empty());
    // A 中级 sitting in the same afternoon does.
    let draft = PlanDraft {
        name: "1+X-跨境电商 B2B-20211211 全国统考（中级）".into(),
        level: Level::Intermediate,
        opens: "2021-11-10".parse().unwrap(),
        closes: "2021-11-21".parse().unwrap(),
        exam_start: parse_time("2021-12-11 15:00").unwrap(),
        exam_end: parse_time("2021-12-11 17:00").unwrap(),
        group: String::new(),
    };
    t.s.add_plan(&t.a, &draft).unwrap();
    t.accept_ids("20211211-中级", YW, &both[1..], 0);
    let o = t.s.slot_overlaps(None).unwrap();
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].id_number, both[1]);
    assert_eq!(t.session(J1211, ZJ).overlaps, 1);
    assert_eq!(t.session("20211211-中级", YW).overlaps, 1);
    assert_eq!(t.session("20211211-高级", ZJ).overlaps, 0);
}

#[test]
fn results_import_feeds_retakes_and_history() {
    let mut t = T::new();
    let fail = ExamResult {
        id_number: "11010519491231002X".into(),
        name: "张三".into(),
        level: Level::Junior,
        exam_date: "2021-06-12".parse().unwrap(),
        outcome: Outcome::Fail,
    };
    let out =
        t.s.import_results(&t.a, "成绩.xlsx", std::slice::from_ref(&fail))
            .unwrap();
    assert_eq!((out.added, out.updated), (1, 0));
    assert!(
        t.s.registry()
            .unwrap()
            .has_failed("11010519491231002X", Level::Junior)
    );
    let mut passed = fail.clone();
    passed.outcome = Outcome::Pass;
    let out =
        t.s.import_results(&t.a, "更正.xlsx", &[passed.clone()])
            .unwrap();
    assert_eq!((out.added, out.updated), (0, 1));
    assert_eq!(t.s.count("result").unwrap(), 1);
    assert!(
        !t.s.registry()
            .unwrap()
            .has_failed("11010519491231002X", Level::Junior)
    );
    t.accept_ids(J1211, ZJ, &["11010519491231002X".into()], 1);
    let h = t.s.candidate_history("11010519491231002x").unwrap();
    assert_eq!(h.results, [passed]);
    assert_eq!(h.registrations.len(), 1);
    assert!(h.registrations[0].retake);
    assert_eq!(t.session(J1211, ZJ).count.retakes, 1);
    assert_eq!(
        t.s.audit_count(&AuditFilter {
            text: "result.import".into(),
            ..Default::default()
        })
        .unwrap(),
        2
    );
}

/// Measures the listing on 200k candidates: `cargo test --release -- --ignored sessions_listing`.
#[test]
#[ignore]
fn sessions_listing_is_fast_on_200k_candidates() {
    let mut t = T::new();
    let schools: Vec<SchoolInfo> = (0..400)
        .map(|i| SchoolInfo {
            name: format!("学院{i}"),
            province: "浙江省".into(),
            ..Default::default()
        })
        .collect();
    t.s.import_schools(&t.a, &schools).unwrap();
    for i in 0..400 {
        let id = t.school(&format!("学院{i}"));
        t.s.decide_site(&t.a, id, SiteAction::Apply, None).unwrap();
        t.s.decide_site(&t.a, id, SiteAction::Approve, None)
            .unwrap();
    }
    let plans = [
        "20211211-初级",
        "20220108-初级",
        "20211212-中级",
        "20211211-高级",
        "20220109-中级",
    ];
    for i in 0..400 {
        for p in plans {
            t.accept(p, &format!("学院{i}"), 100, 10);
        }
    }
    let started = std::time::Instant::now();
    let rows = t.s.sessions(&SessionFilter::default()).unwrap();
    let took = started.elapsed();
    eprintln!(
        "sessions() on 200k candidates: {} sessions in {took:?}",
        rows.len()
    );
    assert_eq!(rows.len(), 2000);
}
