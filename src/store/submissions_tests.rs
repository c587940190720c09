use super::*;
use crate::domain::SiteAction;
use crate::domain::school::SchoolInfo;
use crate::domain::time::parse_time;

fn setup(site: &[SiteAction]) -> (Store, Actor, i64, i64) {
    setup_in(Store::open_in_memory().unwrap(), site)
}

/// 浙江商业职业技术学院 in `s`, its site through `site`, and the 20211211-初级 plan.
fn setup_in(mut s: Store, site: &[SiteAction]) -> (Store, Actor, i64, i64) {
    let a = Actor("金贝".into());
    let info = SchoolInfo {
        name: "浙江商业职业技术学院".into(),
        province: "浙江省".into(),
        ..Default::default()
    };
    s.import_schools(&a, &[info]).unwrap();
    let school = s.find_school("浙江商业职业技术学院").unwrap().id;
    for act in site {
        s.decide_site(&a, school, *act, Some("r")).unwrap();
    }
    let plan = s.find_plan("20211211-初级").unwrap().id;
    (s, a, plan, school)
}

fn candidate(row: u32, id: &str, valid: bool) -> NewCandidate {
    NewCandidate {
        row,
        name: format!("考生{row}"),
        id_type: "居民身份证".into(),
        id_number: id.into(),
        phone: "13800000000".into(),
        valid,
        ..Default::default()
    }
}

fn submission<'a>(
    plan: i64,
    school: i64,
    sha: &'a str,
    c: &'a [NewCandidate],
    st: SubmissionState,
) -> NewSubmission<'a> {
    NewSubmission {
        plan_id: plan,
        school_id: school,
        file_name: "报名表.xlsx",
        sha256: sha,
        bytes: b"xlsx bytes",
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: st,
        rows: c.len(),
        header_row: 1,
        candidates: c,
        problems: &[],
    }
}

#[test]
fn an_identical_file_is_recognised_not_imported_twice() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let c = [candidate(2, "11010519491231002X", true)];
    let first = s
        .record_submission(
            &a,
            &submission(plan, school, "abc", &c, SubmissionState::Pending),
        )
        .unwrap();
    let Recorded::New(id) = first else {
        panic!("first import must be new")
    };
    let again = s
        .record_submission(
            &a,
            &submission(plan, school, "abc", &c, SubmissionState::Pending),
        )
        .unwrap();
    assert_eq!(again, Recorded::Duplicate(id));
    assert_eq!(s.count("submission").unwrap(), 1);
    assert_eq!(s.count("candidate").unwrap(), 1);
    assert_eq!(s.submission_file(id).unwrap(), b"xlsx bytes");
}

#[test]
fn approving_the_site_releases_waiting_submissions() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply]);
    let c = [candidate(2, "11010519491231002X", true)];
    let Recorded::New(id) = s
        .record_submission(
            &a,
            &submission(plan, school, "h", &c, SubmissionState::SiteNotApproved),
        )
        .unwrap()
    else {
        panic!()
    };
    let err = s
        .decide_submission(&a, id, Decision::Accept, None, false, None)
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Refused(DecisionRefused::SiteNotApproved)
    ));
    s.decide_site(&a, school, SiteAction::Approve, None)
        .unwrap();
    assert_eq!(s.submission(id).unwrap().state, SubmissionState::Pending);
    let accepted = s
        .decide_submission(&a, id, Decision::Accept, None, false, None)
        .unwrap();
    assert_eq!(accepted.state, SubmissionState::Accepted);
    assert_eq!(accepted.decided_by.as_deref(), Some("金贝"));
}

#[test]
fn a_decision_on_a_stale_screen_is_refused_with_who() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let c = [candidate(2, "11010519491231002X", true)];
    let Recorded::New(id) = s
        .record_submission(
            &a,
            &submission(plan, school, "h", &c, SubmissionState::Pending),
        )
        .unwrap()
    else {
        panic!()
    };
    let seen = s.submission(id).unwrap().version;
    s.decide_submission(
        &Actor("王娟".into()),
        id,
        Decision::NeedsFix,
        Some("第2行手机号"),
        false,
        Some(seen),
    )
    .unwrap();
    let err = s
        .decide_submission(&a, id, Decision::Accept, None, false, Some(seen))
        .unwrap_err();
    match err {
        StoreError::Stale(st) => {
            assert_eq!(st.by, "王娟");
            assert_eq!(st.state, SubmissionState::NeedsFix);
        }
        e => panic!("expected stale, got {e}"),
    }
}

#[test]
fn rows_with_problems_need_the_valid_only_choice() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let c = [
        candidate(2, "11010519491231002X", true),
        candidate(3, "440524188001010015", false),
    ];
    let Recorded::New(id) = s
        .record_submission(
            &a,
            &submission(plan, school, "h", &c, SubmissionState::Pending),
        )
        .unwrap()
    else {
        panic!()
    };
    let err = s
        .decide_submission(&a, id, Decision::Accept, None, false, None)
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Refused(DecisionRefused::RowProblems(1))
    ));
    let ok = s
        .decide_submission(&a, id, Decision::Accept, None, true, None)
        .unwrap();
    assert!(ok.valid_only);
    let log = s.audit_log(&Default::default(), 1, 0).unwrap();
    assert_eq!(log[0].action, "submission.accept");
    assert!(log[0].detail.contains("1 / 2"), "{}", log[0].detail);
}

#[test]
fn an_id_cannot_be_accepted_twice_for_one_plan() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let c = [candidate(2, "11010519491231002X", true)];
    let mut ids = Vec::new();
    for sha in ["one", "two"] {
        let Recorded::New(id) = s
            .record_submission(
                &a,
                &submission(plan, school, sha, &c, SubmissionState::Pending),
            )
            .unwrap()
        else {
            panic!()
        };
        ids.push(id);
    }
    s.decide_submission(&a, ids[0], Decision::Accept, None, false, None)
        .unwrap();
    let err = s
        .decide_submission(&a, ids[1], Decision::Accept, None, false, None)
        .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyRegistered(1)));
}

#[test]
fn a_failure_mid_way_leaves_nothing() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    // Fail on the third candidate, after the submission row, the file and two candidates
    // have been written inside the transaction.
    s.conn()
        .execute_batch(
            "CREATE TRIGGER fail_third BEFORE INSERT ON candidate WHEN NEW.row = 4
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let audit_before = s.count("audit").unwrap();
    let c = [
        candidate(2, "11010519491231002X", true),
        candidate(3, "440524188001010014", true),
        candidate(4, "110105194912310037", true),
    ];
    let err = s.record_submission(
        &a,
        &submission(plan, school, "h", &c, SubmissionState::Pending),
    );
    assert!(err.is_err());
    for table in ["submission", "submission_file", "candidate", "problem"] {
        assert_eq!(s.count(table).unwrap(), 0, "{table} must be empty");
    }
    assert_eq!(s.count("audit").unwrap(), audit_before);
    // The same file can be imported once the fault is gone: nothing half-recorded blocks it.
    s.conn().execute_batch("DROP TRIGGER fail_third").unwrap();
    assert!(matches!(
        s.record_submission(
            &a,
            &submission(plan, school, "h", &c, SubmissionState::Pending)
        )
        .unwrap(),
        Recorded::New(_)
    ));
}

#[test]
fn a_fed_import_leaves_its_checkpoint_to_the_caller_and_later_commits_checkpoint_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaowu.db");
    let (mut s, a, plan, school) = setup_in(Store::open(&path).unwrap(), &[]);
    s.checkpoint().unwrap();
    // Enough candidates to pass SQLite's automatic checkpoint threshold of 1000 pages.
    let mut batch: Vec<NewCandidate> = (0..30_000)
        .map(|i| candidate(i + 2, &format!("1101051949{i:08}"), true))
        .collect();
    let bytes = vec![7u8; 1 << 20];
    let head = SubmissionHead {
        plan_id: plan,
        school_id: school,
        file_name: "报名表.xlsx",
        sha256: "big",
        bytes: &bytes,
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
    };
    let mut feed = vec![
        Feed::Done(SubmissionTail {
            rows: batch.len(),
            header_row: 1,
            problems: Vec::new(),
        }),
        Feed::Candidates(std::mem::take(&mut batch)),
    ];
    let (recorded, _) = s
        .record_submission_fed(&a, &head, &mut || feed.pop())
        .unwrap();
    assert!(matches!(recorded, Recorded::New(_)));
    // Committed, and readable by everyone, but still only in the WAL: the database file has
    // not grown by the megabyte of file bytes, let alone the candidates.
    let size = || std::fs::metadata(&path).unwrap().len();
    let before = size();
    assert_eq!(
        Store::open(&path).unwrap().count("candidate").unwrap(),
        30_000
    );
    assert_eq!(size(), before);
    s.checkpoint().unwrap();
    assert!(size() > before + (1 << 20), "{before} → {}", size());
    // Later commits checkpoint on their own again.
    let automatic: i64 = s
        .conn()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
        .unwrap();
    assert_eq!(automatic, 1000);
}

/// Problems are kept as what they say and read back whole; a row written before migration
/// 008 (a message, no words) reads as its message, as it was written.
#[test]
fn problems_keep_their_words_and_older_rows_keep_their_message() {
    use crate::domain::problem::{Arg, Problem, ProblemCode, Says, Sentence};
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let c = [candidate(2, "11010519491231002X", false)];
    let said = Says::with(
        Sentence::PhoneInvalid,
        [("value", "*****".into()), ("n", Arg::Int(5))],
    );
    let problems = [Problem {
        row: Some(2),
        column: Some("手机号".into()),
        code: ProblemCode::PhoneInvalid,
        says: said.clone(),
    }];
    let mut sub = submission(plan, school, "abc", &c, SubmissionState::Pending);
    sub.problems = &problems;
    let Recorded::New(id) = s.record_submission(&a, &sub).unwrap() else {
        panic!("new")
    };
    s.conn()
        .execute(
            "INSERT INTO problem (submission_id, row, col, code, message)
             VALUES (?1, 3, '姓名', 'name_missing', '姓名为空')",
            [id],
        )
        .unwrap();
    let back = s.submission_problems(id).unwrap();
    assert_eq!(back[0].says, said);
    assert_eq!(back[1].says, Says::Text("姓名为空".into()));
}

#[test]
fn the_list_counts_each_submissions_candidates_and_problems_as_recorded_and_as_migrated() {
    use crate::domain::problem::{Problem, ProblemCode, Says};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let (mut s, a, plan, school) = setup_in(Store::open(&path).unwrap(), &[]);
    let cands = [
        candidate(2, "11010519491231002X", true),
        candidate(3, "440524188001010014", false),
    ];
    let problem = Problem {
        row: Some(3),
        column: Some("手机号".into()),
        code: ProblemCode::PhoneInvalid,
        says: Says::Text("手机号应为 11 位数字".into()),
    };
    let mut sub = submission(plan, school, "h", &cands, SubmissionState::Pending);
    let problems = [problem];
    sub.problems = &problems;
    let Recorded::New(id) = s.record_submission(&a, &sub).unwrap() else {
        panic!("new")
    };
    let listed = |s: &Store| {
        let all = s.submissions(&SubmissionFilter::default()).unwrap();
        (all[0].candidates, all[0].problems)
    };
    assert_eq!(listed(&s), (2, 1));
    assert_eq!(s.submission(id).unwrap().candidates, 2);
    // A database from before the counts were kept: the migration counts them once.
    s.conn()
        .execute_batch(
            "UPDATE submission SET candidates = 0, problems = 0;
             ALTER TABLE submission DROP COLUMN candidates;
             ALTER TABLE submission DROP COLUMN problems;",
        )
        .unwrap();
    s.conn()
        .execute_batch(include_str!("sql/011_national_scale.sql"))
        .unwrap();
    // 011 also made an index that 012 replaced.
    s.conn()
        .execute_batch("DROP INDEX candidate_given_name")
        .unwrap();
    assert_eq!(listed(&s), (2, 1));
}

/// The console's windowed list is the CLI's list cut into windows: for each filter (none,
/// a state, a plan, words of the school, file, state and plan names, in any case), every
/// window, the counts, each submission's position and the next pending one agree with
/// reading the whole list.
#[test]
fn the_windowed_list_agrees_with_the_whole_list() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let other = s.find_plan("20220108-初级").unwrap().id;
    let states = [
        SubmissionState::Pending,
        SubmissionState::Accepted,
        SubmissionState::Late,
        SubmissionState::Rejected,
    ];
    for i in 0..23 {
        let c = [candidate(2, &format!("1101051949123{i:04}"), true)];
        let sha = format!("sha{i}");
        let mut sub = submission(
            if i % 3 == 0 { other } else { plan },
            school,
            &sha,
            &c,
            states[i % states.len()],
        );
        let name = if i % 2 == 0 {
            "报名表.xlsx"
        } else {
            "Roster_第2版.XLSX"
        };
        sub.file_name = name;
        // Some arrive at the same instant: the id breaks the tie, as in the list.
        sub.received_at = parse_time(&format!("2021-11-{:02} 10:00", 1 + i / 2)).unwrap();
        s.record_submission(&a, &sub).unwrap();
    }
    let filters = [
        SubmissionFilter::default(),
        SubmissionFilter {
            state: Some(SubmissionState::Pending),
            ..Default::default()
        },
        SubmissionFilter {
            plan_id: Some(other),
            ..Default::default()
        },
        SubmissionFilter {
            text: "roster 第2版".into(),
            ..Default::default()
        },
        SubmissionFilter {
            text: "浙江 LATE".into(),
            ..Default::default()
        },
        SubmissionFilter {
            text: "跨境电商 xlsx".into(),
            ..Default::default()
        },
        SubmissionFilter {
            text: "nothing-like-this".into(),
            ..Default::default()
        },
    ];
    for f in &filters {
        let all = s.submissions(f).unwrap();
        let pending = all.iter().filter(|x| x.state.needs_decision()).count();
        for offset in [0, 5, 20] {
            let w = s.submission_window(f, 5, offset).unwrap();
            let want: Vec<_> = all.iter().skip(offset).take(5).cloned().collect();
            assert_eq!(w.rows, want, "{f:?} from {offset}");
            assert_eq!((w.total, w.pending), (all.len(), pending), "{f:?}");
            assert_eq!(s.submission_page(f, 5, offset).unwrap(), want, "{f:?}");
        }
        for (i, x) in all.iter().enumerate() {
            assert_eq!(s.submission_position(f, x.id).unwrap(), Some(i), "{f:?}");
            // Next pending, as the list found it by walking round every row.
            for forward in [true, false] {
                for here in [true, false] {
                    let n = all.len();
                    let want = (usize::from(!here)..n)
                        .map(|k| {
                            if forward {
                                (i + k) % n
                            } else {
                                (i + n - k) % n
                            }
                        })
                        .find(|j| all[*j].state.needs_decision())
                        .map(|j| all[j].id);
                    let got = s
                        .next_pending_submission(f, x.id, forward, here, &[])
                        .unwrap();
                    assert_eq!(got, want, "{f:?} from #{} {forward} {here}", x.id);
                }
            }
        }
    }
    let shown = s.submissions(&filters[1]).unwrap();
    let hidden = s.submissions(&filters[0]).unwrap();
    let left_out = hidden.iter().find(|x| !shown.contains(x)).unwrap();
    assert_eq!(
        s.submission_position(&filters[1], left_out.id).unwrap(),
        None
    );
    // One someone else has open is taken only when it is the last one left.
    let (first, second) = (shown[0].id, shown[1].id);
    let skip = s
        .next_pending_submission(&filters[1], first, true, true, &[first])
        .unwrap();
    assert_eq!(skip, Some(second));
    let all_open: Vec<i64> = shown.iter().map(|x| x.id).collect();
    let anyway = s
        .next_pending_submission(&filters[1], first, true, true, &all_open)
        .unwrap();
    assert_eq!(anyway, Some(first));
}

#[test]
fn the_list_is_newest_received_first_and_then_newest_recorded_first() {
    let (mut s, a, plan, school) = setup(&[SiteAction::Apply, SiteAction::Approve]);
    let c = [candidate(2, "330102199001011234", true)];
    let mut ids = Vec::new();
    for (sha, received) in [
        ("a", "2021-11-15 10:00"),
        ("b", "2021-11-16 09:00"),
        ("c", "2021-11-15 10:00"),
    ] {
        let mut sub = submission(plan, school, sha, &c, SubmissionState::Pending);
        sub.received_at = parse_time(received).unwrap();
        let Recorded::New(id) = s.record_submission(&a, &sub).unwrap() else {
            panic!("new submission expected")
        };
        ids.push(id);
    }
    let listed: Vec<i64> = s
        .submissions(&SubmissionFilter::default())
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, [ids[1], ids[2], ids[0]]);
    // Lent one at a time, the same rows in the same order.
    let mut lent = Vec::new();
    s.each_submission(&SubmissionFilter::default(), |s| lent.push(s.clone()))
        .unwrap();
    assert_eq!(lent, s.submissions(&SubmissionFilter::default()).unwrap());
}
