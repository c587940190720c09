//! `kaowu --demo`: the demo database a user opens is full, varied, audited and the same every time.

use std::collections::HashSet;

use kaowu::demo;
use kaowu::domain::session::SessionState;
use kaowu::domain::submission::SubmissionState;
use kaowu::domain::{SiteState, WindowState};
use kaowu::store::{AuditFilter, SessionFilter, Store, SubmissionFilter};

/// Everything a user sees of the demo's data except the wall-clock audit times.
fn snapshot(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .schools()
        .unwrap()
        .into_iter()
        .map(|s| format!("{:?} {}", s.info, s.site))
        .collect();
    let log = store.audit_log(&AuditFilter::default(), 10_000, 0).unwrap();
    out.extend(log.into_iter().map(|e| {
        format!(
            "{} {} {} {} {} {:?}",
            e.actor, e.action, e.entity, e.label, e.detail, e.reason
        )
    }));
    out.extend(store.plans().unwrap().into_iter().map(|p| format!("{p:?}")));
    out
}

#[test]
fn the_demo_is_full_varied_audited_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaowu-demo.db");
    let info = demo::create(&path).unwrap();
    let store = Store::open(&path).unwrap();

    let schools = store.schools().unwrap();
    assert!(schools.len() >= 40, "{} schools", schools.len());
    let provinces: HashSet<&str> = schools.iter().map(|s| s.info.province.as_str()).collect();
    assert!(provinces.len() >= 10, "{provinces:?}");
    for state in SiteState::ALL {
        assert!(
            schools.iter().any(|s| s.site == state),
            "a site in state {state}"
        );
    }
    let approved = schools
        .iter()
        .filter(|s| s.site == SiteState::Approved)
        .count();
    assert!(
        approved * 2 > schools.len(),
        "approved sites are the majority"
    );

    let log = store.audit_log(&AuditFilter::default(), 10_000, 0).unwrap();
    let actors: HashSet<&str> = log.iter().map(|e| e.actor.as_str()).collect();
    assert!(
        actors.contains("王娟") && actors.contains("金贝"),
        "{actors:?}"
    );
    for action in ["site.reject", "site.suspend"] {
        let e = log.iter().find(|e| e.action == action).unwrap();
        assert!(e.reason.as_deref().is_some_and(|r| !r.is_empty()), "{e:?}");
    }
    let window = log.iter().find(|e| e.action == "plan.window").unwrap();
    assert_eq!(window.reason.as_deref(), Some("应院校申请延期"));

    // The clock shows variety: windows closed, one closing tonight, others open for weeks.
    let states: Vec<WindowState> = store
        .plans()
        .unwrap()
        .iter()
        .map(|p| p.window_at(info.at))
        .collect();
    assert!(
        states
            .iter()
            .any(|s| matches!(s, WindowState::Open { closes_in } if closes_in.num_hours() < 6))
    );
    assert!(
        states
            .iter()
            .any(|s| matches!(s, WindowState::Open { closes_in } if closes_in.num_days() > 20))
    );

    // Submissions in every state a user triages, with real problems to look at.
    let subs = store.submissions(&SubmissionFilter::default()).unwrap();
    for state in [
        SubmissionState::Pending,
        SubmissionState::Late,
        SubmissionState::Early,
        SubmissionState::SiteNotApproved,
        SubmissionState::NeedsFix,
        SubmissionState::Accepted,
        SubmissionState::Rejected,
    ] {
        assert!(
            subs.iter().any(|s| s.state == state),
            "a submission in state {state}"
        );
    }
    assert!(subs.iter().any(|s| s.valid_only), "one accepted valid-only");
    assert!(
        log.iter().any(|e| e.action.starts_with("submission")),
        "submissions are audited"
    );
    // Sessions on both sides of the 20 line, some with retakes, some confirmed.
    let sessions = store.sessions(&SessionFilter::default()).unwrap();
    assert!(sessions.iter().any(|s| s.count.meets_minimum()));
    assert!(sessions.iter().any(|s| !s.count.meets_minimum()));
    assert!(sessions.iter().any(|s| s.count.retakes > 0));
    assert!(sessions.iter().any(|s| s.state == SessionState::Confirmed));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the demo holds ID numbers: owner only");
    }
}

#[test]
fn creating_twice_replaces_the_file_with_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaowu-demo.db");
    demo::create(&path).unwrap();
    let first = {
        let mut store = Store::open(&path).unwrap();
        let before = snapshot(&store);
        // A user plays with the demo: a change the next demo must not keep.
        let actor = kaowu::store::Actor("tester".into());
        let pending = store
            .schools()
            .unwrap()
            .into_iter()
            .find(|s| s.site == SiteState::Pending)
            .unwrap();
        store
            .decide_site(&actor, pending.id, kaowu::domain::SiteAction::Approve, None)
            .unwrap();
        assert_ne!(snapshot(&store), before);
        before
    };
    demo::create(&path).unwrap();
    let store = Store::open(&path).unwrap();
    let second = snapshot(&store);
    assert_eq!(first, second);
    assert!(!second.iter().any(|l| l.starts_with("tester ")));
}

#[test]
fn the_demos_history_is_recorded_on_the_demos_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaowu-demo.db");
    demo::create(&path).unwrap();
    let store = Store::open(&path).unwrap();
    let clock = demo::clock();
    let log = store.audit_log(&AuditFilter::default(), 10_000, 0).unwrap();
    assert!(log.len() > 100);
    for e in &log {
        let at = chrono::DateTime::parse_from_rfc3339(&e.at).unwrap();
        assert!(
            at <= clock && at.format("%Y-%m").to_string() == "2021-11",
            "{} {} at {}: not in the demo's November",
            e.action,
            e.label,
            e.at
        );
    }
    // Each file is recorded as it came in, and decided after that, not before.
    let subs = store.submissions(&SubmissionFilter::default()).unwrap();
    let mut decided = 0;
    for s in &subs {
        for e in log
            .iter()
            .filter(|e| e.entity == "submission" && e.entity_id == Some(s.id))
        {
            let at = chrono::DateTime::parse_from_rfc3339(&e.at).unwrap();
            assert!(at >= s.received_at, "{} of #{} at {}", e.action, s.id, e.at);
            if e.action != "submission.import" {
                decided += 1;
            }
        }
    }
    assert!(decided > 10, "{decided} decisions");
}

#[test]
fn a_run_under_at_records_its_decisions_at_that_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kaowu.db");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("kaowu")
            .unwrap()
            .env("KAOWU_DB", &db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(
        run(&["--at", "2021-11-20 10:00", "fees", "set", "初级", "180"])
            .status
            .success()
    );
    assert!(run(&["fees", "set", "中级", "200"]).status.success());
    let store = Store::open(&db).unwrap();
    let log = store.audit_log(&AuditFilter::default(), 10, 0).unwrap();
    let junior = log.iter().find(|e| e.detail.contains("180")).unwrap();
    assert!(junior.at.starts_with("2021-11-20T10:00"), "{junior:?}");
    let today = chrono::Utc::now().format("%Y").to_string();
    let intermediate = log.iter().find(|e| e.detail.contains("200")).unwrap();
    assert!(
        intermediate.at.starts_with(&today),
        "without --at, the real time: {intermediate:?}"
    );
}
