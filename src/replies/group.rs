//! The plan's DingTalk group messages: a reminder naming the schools that still owe a usable
//! sheet before the window closes, and a notice naming the sessions under the minimum.
//!
//! Who "owes a sheet": kaowu does not know who sits in a group, so it takes every school whose
//! site application is pending or approved (a school without one cannot hold this exam) and
//! looks at its newest submission for the plan: none, an early one or a rejected one means "not
//! sent yet"; a needs-fix one means "needs fixing". Staff edit the text before sending if a
//! school does not take this level.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use crate::domain::session::MINIMUM;
use crate::domain::submission::SubmissionState;
use crate::domain::{Plan, SiteState, WindowState};
use crate::i18n::{Lang, common, replies as msg};
use crate::store::{SessionFilter, Store, StoreError, SubmissionFilter};

/// The reminder for plan `plan_id`, judged at `at`.
pub fn reminder(
    store: &Store,
    lang: Lang,
    plan_id: i64,
    at: DateTime<FixedOffset>,
) -> Result<String, StoreError> {
    let plan = store.plan(plan_id)?;
    // Newest first: the first one seen per school is its newest.
    let mut newest: HashMap<i64, (SubmissionState, usize)> = HashMap::new();
    let filter = SubmissionFilter {
        plan_id: Some(plan_id),
        ..SubmissionFilter::default()
    };
    for s in store.submissions(&filter)? {
        newest.entry(s.school_id).or_insert((s.state, s.problems));
    }
    let (mut not_sent, mut needs_fix) = (Vec::new(), Vec::new());
    for site in store.sites(None, "")? {
        let school = site.school;
        if !matches!(school.site, SiteState::Pending | SiteState::Approved) {
            continue;
        }
        match newest.get(&school.id) {
            None | Some((SubmissionState::Early | SubmissionState::Rejected, _)) => {
                not_sent.push(school.info.name)
            }
            Some((SubmissionState::NeedsFix, n)) => needs_fix.push((school.info.name, *n)),
            Some(_) => {}
        }
    }
    Ok(reminder_text(lang, &plan, at, &not_sent, &needs_fix))
}

/// The reminder's text: the window, then the two lists, numbered.
pub fn reminder_text(
    lang: Lang,
    plan: &Plan,
    at: DateTime<FixedOffset>,
    not_sent: &[String],
    needs_fix: &[(String, usize)],
) -> String {
    let closes = super::reply::closes(plan);
    let mut out = lang.fill(&msg::GROUP_REMINDER_HEAD, &[("plan", &plan.name)]);
    out.push('\n');
    out.push_str(&match plan.window_at(at) {
        WindowState::Open { closes_in } => lang.fill(
            &msg::GROUP_CLOSES,
            &[
                ("closes", &closes),
                ("left", &common::duration(lang, closes_in)),
            ],
        ),
        WindowState::Upcoming { .. } => lang.fill(
            &msg::GROUP_OPENS,
            &[
                ("opens", &format!("{} 00:00", plan.opens)),
                ("closes", &closes),
            ],
        ),
        WindowState::Closed { .. } => lang.fill(&msg::GROUP_CLOSED, &[("closes", &closes)]),
    });
    out.push('\n');
    if not_sent.is_empty() && needs_fix.is_empty() {
        out.push_str(lang.t(&msg::GROUP_ALL_IN));
        out.push('\n');
        return out;
    }
    if !not_sent.is_empty() {
        out.push_str(lang.t(&msg::GROUP_NOT_SENT));
        out.push('\n');
        numbered(&mut out, not_sent.iter().cloned());
    }
    if !needs_fix.is_empty() {
        out.push_str(lang.t(&msg::GROUP_NEEDS_FIX));
        out.push('\n');
        numbered(
            &mut out,
            needs_fix.iter().map(|(school, n)| {
                lang.fill(&msg::GROUP_NEEDS_FIX_ITEM, &[("school", school), ("n", n)])
            }),
        );
    }
    out.push_str(lang.t(&msg::GROUP_REMINDER_TAIL));
    out.push('\n');
    out
}

/// The notice for plan `plan_id`: its open sessions under the minimum, largest shortfall first.
pub fn notice(store: &Store, lang: Lang, plan_id: i64) -> Result<String, StoreError> {
    let plan = store.plan(plan_id)?;
    let filter = SessionFilter {
        plan_id: Some(plan_id),
        sort: crate::store::SessionSort::Shortfall,
        ..SessionFilter::default()
    };
    let under: Vec<(String, usize)> = store
        .sessions(&filter)?
        .into_iter()
        .filter(|s| s.open_under_minimum())
        .map(|s| (s.school, s.count.accepted))
        .collect();
    Ok(notice_text(lang, &plan, &under))
}

/// The notice's text from (school, accepted candidates) of each session under the minimum.
pub fn notice_text(lang: Lang, plan: &Plan, under: &[(String, usize)]) -> String {
    let mut out = lang.fill(&msg::GROUP_NOTICE_HEAD, &[("plan", &plan.name)]);
    out.push('\n');
    if under.is_empty() {
        out.push_str(&lang.fill(&msg::GROUP_NONE_UNDER, &[("min", &MINIMUM)]));
        out.push('\n');
        return out;
    }
    out.push_str(&lang.fill(&msg::GROUP_UNDER, &[("min", &MINIMUM)]));
    out.push('\n');
    numbered(
        &mut out,
        under.iter().map(|(school, n)| {
            let short = MINIMUM.saturating_sub(*n);
            lang.fill(
                &msg::GROUP_UNDER_ITEM,
                &[("school", school), ("n", n), ("short", &short)],
            )
        }),
    );
    out.push_str(lang.t(&msg::GROUP_UNDER_TAIL));
    out.push('\n');
    out
}

fn numbered(out: &mut String, items: impl Iterator<Item = String>) {
    for (i, item) in items.enumerate() {
        out.push_str(&format!("{}. {item}\n", i + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Store::open_in_memory()
            .unwrap()
            .find_plan("20211211-初级")
            .unwrap()
    }

    #[test]
    fn the_reminder_names_who_has_not_sent_and_who_must_fix_with_the_time_left() {
        let at = crate::domain::time::parse_time("2021-11-19 09:00").unwrap();
        let text = reminder_text(
            Lang::Zh,
            &plan(),
            at,
            &["湘潭外贸职业学院".into(), "绵阳工商职业学院".into()],
            &[("金华城市职业技术学院".into(), 3)],
        );
        assert_eq!(
            text,
            "【1+X-跨境电商 B2B-20211211 全国统考（初级）】报名提醒\n\
             报名将于 2021-11-21 23:59 截止（还剩 2天）。\n\
             以下院校尚未发送报名表：\n\
             1. 湘潭外贸职业学院\n\
             2. 绵阳工商职业学院\n\
             以下院校的报名表需要修改后重新发送：\n\
             1. 金华城市职业技术学院（3 处问题，详见单独回复）\n\
             请在截止前将报名表发到本群。逾期提交信息的不安排考试。\n"
        );
    }

    /// Schools of every site state, each with its newest submission in another state.
    #[test]
    fn the_reminder_asks_schools_with_a_site_by_their_newest_submission() {
        use crate::domain::SiteAction;
        use crate::domain::school::SchoolInfo;
        use crate::store::{Actor, NewSubmission};
        let mut store = Store::open_in_memory().unwrap();
        let a = Actor("金贝".into());
        let plan = store.find_plan("20211211-初级").unwrap();
        let names = ["甲校", "乙校", "丙校", "丁校", "戊校", "己校"];
        let infos: Vec<SchoolInfo> = names
            .iter()
            .map(|n| SchoolInfo {
                name: n.to_string(),
                province: "浙江省".into(),
                ..Default::default()
            })
            .collect();
        store.import_schools(&a, &infos).unwrap();
        let id = |s: &Store, n: &str| s.find_school(n).unwrap().id;
        // 己校 never applied for a site: it cannot hold this exam and is not asked.
        for n in &names[..5] {
            let school = id(&store, n);
            store
                .decide_site(&a, school, SiteAction::Apply, None)
                .unwrap();
            // 戊校's application is still pending: it is asked too.
            if *n != "戊校" {
                store
                    .decide_site(&a, school, SiteAction::Approve, None)
                    .unwrap();
            }
        }
        let send = |s: &mut Store, n: &str, sha: &str, state: SubmissionState| {
            let sub = NewSubmission {
                plan_id: plan.id,
                school_id: id(s, n),
                file_name: "报名表.xlsx",
                sha256: sha,
                bytes: sha.as_bytes(),
                received_at: crate::domain::time::parse_time("2021-11-15 10:00").unwrap(),
                state,
                rows: 0,
                header_row: 1,
                candidates: &[],
                problems: &[],
            };
            s.record_submission(&a, &sub).unwrap();
        };
        // 甲校 sent a file waiting for triage; 乙校's needs fixing; 丙校's was rejected
        // (it must send again); 丁校 and 戊校 sent nothing.
        send(&mut store, "甲校", "a", SubmissionState::Pending);
        send(&mut store, "乙校", "b", SubmissionState::NeedsFix);
        send(&mut store, "丙校", "c", SubmissionState::Rejected);
        let at = crate::domain::time::parse_time("2021-11-19 09:00").unwrap();
        let text = reminder(&store, Lang::Zh, plan.id, at).unwrap();
        let not_sent = text
            .split("以下院校尚未发送报名表：\n")
            .nth(1)
            .and_then(|t| t.split("以下院校").next())
            .unwrap();
        for n in ["丙校", "丁校", "戊校"] {
            assert!(not_sent.contains(n), "{n} asked: {text}");
        }
        for n in ["甲校", "乙校", "己校"] {
            assert!(!not_sent.contains(n), "{n} not asked to send: {text}");
        }
        assert!(text.contains("需要修改后重新发送：\n1. 乙校（"), "{text}");
        assert!(!text.contains("甲校"), "{text}");
    }

    #[test]
    fn the_notice_names_each_session_under_20_with_its_shortfall() {
        let text = notice_text(Lang::Zh, &plan(), &[("湘潭外贸职业学院".into(), 12)]);
        assert!(
            text.contains("以下考点报名人数不足 20 人，暂不能安排考试：\n1. 湘潭外贸职业学院：已报名 12 人，还差 8 人\n"),
            "{text}"
        );
        let none = notice_text(Lang::Zh, &plan(), &[]);
        assert!(none.ends_with("各考点报名人数均已达到 20 人。\n"), "{none}");
    }
}
