use super::*;
use crate::domain::Plan;
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
        let id = self.record(plan, school, ids, retakes, 0);
        self.s
            .decide_submission(&self.a, id, Decision::Accept, None, false, None)
            .unwrap();
    }

    /// Records a pending submission of `ids`, the first `retakes` of them retakes and the last
    /// `invalid` rows with problems.
    fn record(
        &mut self,
        plan: &str,
        school: &str,
        ids: &[String],
        retakes: usize,
        invalid: usize,
    ) -> i64 {
        let n = ids.len();
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
                valid: i + invalid < n,
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
        id
    }

    /// Records a submission of new people, the first `retakes` retakes and the last `invalid`
    /// rows with problems; accepts it with valid rows only, or rejects it.
    fn file(
        &mut self,
        plan: &str,
        school: &str,
        n: usize,
        retakes: usize,
        invalid: usize,
        accept: bool,
    ) -> Vec<String> {
        let ids: Vec<String> = (0..n)
            .map(|_| {
                self.next += 1;
                format!("3301021990{:08}", self.next)
            })
            .collect();
        let id = self.record(plan, school, &ids, retakes, invalid);
        let (decision, reason) = if accept {
            (Decision::Accept, None)
        } else {
            (Decision::Reject, Some("格式不对"))
        };
        self.s
            .decide_submission(&self.a, id, decision, reason, invalid > 0, None)
            .unwrap();
        ids
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
        Err(StoreError::Session(SessionRefused::NotConfirmed))
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
    assert_eq!(
        history.registrations[0].session.as_ref().unwrap().plan_code,
        J0108
    );
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
        t.s.registry(1)
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
        !t.s.registry(1)
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
    // A 中级 sitting in the 初级 afternoon, with 100 people of one 初级 session in it too.
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
    let twice: Vec<String> = (1..=100).map(|i| format!("3301021990{:08}", i)).collect();
    t.accept_ids("20211211-中级", "学院0", &twice, 0);
    let time = |what: &str, f: &mut dyn FnMut() -> usize| {
        let started = std::time::Instant::now();
        let n = f();
        eprintln!(
            "{what} on 200k candidates: {n} rows in {:?}",
            started.elapsed()
        );
        n
    };
    let all = SessionFilter::default();
    time("sessions()", &mut || t.s.sessions(&all).unwrap().len());
    time("session_heads()", &mut || {
        t.s.session_heads().unwrap().len()
    });
    time("slot_overlaps()", &mut || {
        t.s.slot_overlaps(None).unwrap().len()
    });
    time("school_balances()", &mut || {
        t.s.school_balances(None).unwrap().len()
    });
    let rows = t.s.sessions(&all).unwrap();
    assert_eq!(rows.iter().map(|r| r.overlaps).sum::<usize>(), 200);
    assert_eq!(rows.len(), 2001);
}

/// (plan, site, accepted, retakes, state) of one session.
type Counted = (i64, i64, usize, usize, SessionState);

/// Head counts and overlaps counted candidate by candidate, the obvious way, to hold the
/// per-submission tally to.
fn counted_one_by_one(s: &Store) -> (Vec<Counted>, Vec<SlotOverlap>) {
    let conn = s.conn();
    let mut counts: std::collections::BTreeMap<(i64, i64), (usize, usize, SessionState)> =
        Default::default();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT plan_id, school_id, retake FROM ({PLACED})"
        ))
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (p, sc, retake): (i64, i64, bool) =
            (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap());
        let state = session_state(conn, p, sc).unwrap();
        let e = counts.entry((p, sc)).or_insert((0, 0, state));
        e.0 += 1;
        e.1 += usize::from(retake);
    }
    let mut stmt = conn
        .prepare("SELECT plan_id, school_id, state FROM session WHERE state != 'open'")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let state: String = r.get(2).unwrap();
        counts
            .entry((r.get(0).unwrap(), r.get(1).unwrap()))
            .or_insert((0, 0, state.parse().unwrap()));
    }
    let counts = counts
        .into_iter()
        .map(|((p, sc), (n, r, st))| (p, sc, n, r, st))
        .collect();
    let plans: HashMap<i64, Plan> = s.plans().unwrap().into_iter().map(|p| (p.id, p)).collect();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id_number, name, plan_id, school_id FROM ({PLACED})
             ORDER BY id_number, plan_id, school_id, cid"
        ))
        .unwrap();
    let mut people: Vec<Person> = Vec::new();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (id, name, p, sc): (String, String, i64, i64) = (
            r.get(0).unwrap(),
            r.get(1).unwrap(),
            r.get(2).unwrap(),
            r.get(3).unwrap(),
        );
        match people.last_mut() {
            Some((last, _, regs)) if *last == id => regs.push((p, sc)),
            _ => people.push((id, name, vec![(p, sc)])),
        }
    }
    let mut overlaps = Vec::new();
    for (id_number, name, regs) in people {
        for (i, a) in regs.iter().enumerate() {
            for b in &regs[i + 1..] {
                if a.0 != b.0 && plans[&a.0].slot_overlaps(&plans[&b.0]) {
                    overlaps.push(SlotOverlap {
                        id_number: id_number.clone(),
                        name: name.clone(),
                        first: *a,
                        second: *b,
                    });
                }
            }
        }
    }
    (counts, overlaps)
}

fn listed(s: &Store) -> Vec<Counted> {
    let mut v: Vec<_> = s
        .sessions(&SessionFilter::default())
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.plan_id,
                r.school_id,
                r.count.accepted,
                r.count.retakes,
                r.state,
            )
        })
        .collect();
    v.sort_by_key(|x| (x.0, x.1));
    v
}

/// The head counts kept by migration 014's triggers, for the sessions the lists show.
fn kept(s: &Store) -> Vec<Counted> {
    let mut stmt = s
        .conn()
        .prepare(
            "SELECT g.plan_id, g.school_id, coalesce(t.n, 0), coalesce(t.r, 0),
                    coalesce(se.state, 'open')
             FROM (SELECT plan_id, school_id FROM session_tally
                   UNION SELECT plan_id, school_id FROM session) g
             LEFT JOIN session_tally t ON t.plan_id = g.plan_id AND t.school_id = g.school_id
             LEFT JOIN session se ON se.plan_id = g.plan_id AND se.school_id = g.school_id
             WHERE coalesce(t.n, 0) > 0 OR coalesce(se.state, 'open') != 'open'
             ORDER BY 1, 2",
        )
        .unwrap();
    stmt.query_map([], |r| {
        let st: String = r.get(4)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get::<_, i64>(2)? as usize,
            r.get::<_, i64>(3)? as usize,
            st.parse().unwrap(),
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn heads(s: &Store) -> Vec<Counted> {
    let mut v: Vec<_> = s
        .session_heads()
        .unwrap()
        .into_iter()
        .map(|h| {
            (
                h.plan_id,
                h.school_id,
                h.count.accepted,
                h.count.retakes,
                h.state,
            )
        })
        .collect();
    v.sort_by_key(|x| (x.0, x.1));
    v
}

/// The lists count sessions from each submission's figures and the moves; whatever staff did
/// (moves there and back, everyone moved out, valid rows only, a rejected file, cancelled and
/// confirmed sessions, people in overlapping plans), they show what counting every candidate
/// shows.
#[test]
fn session_counts_and_overlaps_match_counting_every_candidate() {
    let mut t = T::new();
    let check = |t: &T, step: &str| {
        let (counts, overlaps) = counted_one_by_one(&t.s);
        assert_eq!(listed(&t.s), counts, "sessions() after {step}");
        assert_eq!(heads(&t.s), counts, "session_heads() after {step}");
        assert_eq!(kept(&t.s), counts, "the kept counts after {step}");
        assert_eq!(
            t.s.slot_overlaps(None).unwrap(),
            overlaps,
            "overlaps after {step}"
        );
        for (p, sc, n, r, _) in &counts {
            let c = head_count(t.s.conn(), *p, *sc).unwrap();
            assert_eq!((c.accepted, c.retakes), (*n, *r), "head_count after {step}");
        }
        for p in t.s.plans().unwrap() {
            let mine: Vec<_> = overlaps
                .iter()
                .filter(|o| o.first.0 == p.id || o.second.0 == p.id)
                .cloned()
                .collect();
            assert_eq!(
                t.s.slot_overlaps(Some(p.id)).unwrap(),
                mine,
                "{} after {step}",
                p.code()
            );
        }
    };
    check(&t, "nothing");
    let zj = t.file(J1211, ZJ, 24, 3, 0, true);
    let yw = t.file(J1211, YW, 9, 2, 2, true);
    t.file(J0108, YW, 6, 1, 0, true);
    t.file(J0108, ZJ, 5, 2, 0, false);
    check(&t, "filing");
    // A 中级 sitting in the 初级 afternoon: people of both overlap, one of them twice.
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
    t.accept_ids(
        "20211211-中级",
        YW,
        &[zj[0].clone(), zj[5].clone(), yw[1].clone()],
        1,
    );
    t.accept_ids("20211211-高级", ZJ, &zj[..3], 0);
    check(&t, "overlapping plans");
    // Moves: two across (one a retake), one of them back again, everyone out of a session.
    t.s.move_candidates(
        &t.a,
        t.key(J1211, ZJ),
        t.key(J0108, YW),
        Some(&zj[2..4]),
        Some("合并"),
    )
    .unwrap();
    t.s.move_candidates(
        &t.a,
        t.key(J0108, YW),
        t.key(J1211, ZJ),
        Some(&zj[3..4]),
        Some("改回"),
    )
    .unwrap();
    t.s.move_candidates(
        &t.a,
        t.key(J1211, YW),
        t.key(J1211, ZJ),
        None,
        Some("人数不足"),
    )
    .unwrap();
    check(&t, "moves");
    t.s.confirm_session(&t.a, t.key(J1211, ZJ)).unwrap();
    t.s.cancel_session(&t.a, t.key(J0108, YW), Some("考点停电"))
        .unwrap();
    t.s.move_candidates(
        &t.a,
        t.key(J0108, YW),
        t.key(J0108, ZJ),
        None,
        Some("改考点"),
    )
    .unwrap();
    t.s.cancel_session(&t.a, t.key("20211211-高级", ZJ), Some("人数不足"))
        .unwrap();
    check(&t, "confirming and cancelling");
}

#[test]
fn a_registration_not_accepted_sits_in_no_session_and_says_why() {
    let mut t = T::new();
    // The same people: once rejected (school A), then accepted (school B) for the same plan.
    let ids = t.file(J1211, ZJ, 2, 0, 0, false);
    t.accept_ids(J1211, YW, &ids, 0);
    // A third file with one bad row, accepted with valid rows only: that row is in no session.
    let partial = t.file(J1211, ZJ, 3, 0, 1, true);
    let h = t.s.candidate_history(&ids[0]).unwrap();
    let rejected = &h.registrations[0];
    assert_eq!(rejected.submission_state, SubmissionState::Rejected);
    assert_eq!(
        rejected.session, None,
        "not in {ZJ}'s session: {rejected:?}"
    );
    let accepted = &h.registrations[1];
    let place = accepted.session.as_ref().expect("in a session");
    assert_eq!(
        (place.plan_code.as_str(), place.school.as_str()),
        (J1211, YW)
    );
    let left_out = &t.s.candidate_history(&partial[2]).unwrap().registrations[0];
    assert_eq!(left_out.submission_state, SubmissionState::Accepted);
    assert!(!left_out.valid);
    assert_eq!(left_out.session, None);
}

#[test]
fn sessions_are_listed_by_exam_time_then_school_name_not_by_id() {
    let mut t = T::new();
    // The senior exam of 11 December is in the morning: before that day's junior one, though
    // its plan was added after the 12 December one. 义乌 sorts before 浙江 though added after.
    const S1211: &str = "20211211-高级";
    const I1212: &str = "20211212-中级";
    t.accept(I1212, YW, 20, 0);
    t.accept(J1211, ZJ, 20, 0);
    t.accept(S1211, ZJ, 19, 0);
    t.accept(J1211, YW, 18, 0);
    assert!(t.plan(S1211) > t.plan(I1212) && t.school(YW) > t.school(ZJ));
    let listed = |sort| -> Vec<(String, String)> {
        t.s.sessions(&SessionFilter {
            sort,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|s| (s.plan_code, s.school))
        .collect()
    };
    let by_exam: Vec<(String, String)> = [(S1211, ZJ), (J1211, YW), (J1211, ZJ), (I1212, YW)]
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    assert_eq!(listed(SessionSort::Plan), by_exam);
    // Largest shortfall first, then as above.
    let by_shortfall: Vec<(String, String)> = [(J1211, YW), (S1211, ZJ), (J1211, ZJ), (I1212, YW)]
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    assert_eq!(listed(SessionSort::Shortfall), by_shortfall);
}
