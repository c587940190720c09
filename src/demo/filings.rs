//! The files schools sent in the demo: who sent what for which plan and when, with the faults
//! real sheets have, and what staff then decided. Pure data; `super::inbox` imports it through
//! the real import path.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime};

use super::people::{Fault, People, fault};
use super::rng::Rng;
use super::schools::DemoSchool;
use super::submission::{SheetOptions, SubmissionRow, roster};
use crate::domain::{Level, SiteState, time};

/// What staff do with a file once it is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Nothing yet: it waits in its arrival state (pending, late, early, site not approved).
    Leave,
    /// Accepted by `by`; `valid_only` when some rows have problems.
    Accept { by: &'static str, valid_only: bool },
    NeedsFix {
        by: &'static str,
        note: &'static str,
    },
    Reject {
        by: &'static str,
        reason: &'static str,
    },
}

/// One file a school sent.
#[derive(Debug, Clone)]
pub struct Filing {
    pub school: String,
    /// The plan code, e.g. `20211211-初级`.
    pub plan: &'static str,
    pub level: Level,
    pub file_name: String,
    pub received_at: DateTime<FixedOffset>,
    pub rows: Vec<SubmissionRow>,
    pub opts: SheetOptions,
    /// Who imported it.
    pub by: &'static str,
    pub then: Then,
    /// The same bytes are imported a second time (a school re-sent the file in the group).
    pub resent: bool,
}

/// The plans accepted files go to, with their levels.
const PLANS: [(&str, Level); 4] = [
    ("20211211-初级", Level::Junior),
    ("20211212-中级", Level::Intermediate),
    ("20211211-高级", Level::Senior),
    ("20220108-初级", Level::Junior),
];

const NEEDS_FIX_NOTES: [&str; 2] = [
    "身份证号有误（校验位/位数），手机号少一位，请核对后重新提交",
    "证件号码列被 Excel 存成数字，末几位已丢失：请把该列设为文本后重新填写",
];

/// A moment on `day` of November 2021 (China time), at a school-office hour from `rng`.
fn nov(rng: &mut Rng, day: u32) -> DateTime<FixedOffset> {
    let date = chrono::NaiveDate::from_ymd_opt(2021, 11, day).expect("a November day");
    let t = NaiveTime::from_hms_opt(rng.range(8, 17) as u32, rng.range(0, 59) as u32, 0)
        .expect("an office hour");
    time::at(date, t)
}

fn file_name(rng: &mut Rng, school: &str, plan: &str) -> String {
    match rng.below(4) {
        0 => format!("{school}-{plan}-报名表.xlsx"),
        1 => format!("附件1 本校学生导入模板-提交（{school}）.xlsx"),
        2 => format!("{school}1+X考试报名信息.xlsx"),
        _ => format!("{plan} {school} 报名.xlsx"),
    }
}

/// Plants `kind` in row `i` of `rows`.
fn plant(rows: &mut [SubmissionRow], i: usize, kind: Fault) {
    if let Some(r) = rows.get_mut(i) {
        *r = fault(kind, r.clone());
    }
}

/// The demo's files, in the order they arrived. `schools` are the demo's schools with their
/// final site states; `people` never repeats an ID, so duplicates appear only where planted.
pub fn filings(rng: &mut Rng, people: &mut People, schools: &[DemoSchool]) -> Vec<Filing> {
    let approved: Vec<&DemoSchool> = schools
        .iter()
        .filter(|s| s.site == SiteState::Approved)
        .collect();
    let mut out: Vec<Filing> = Vec::new();
    for (k, s) in approved.iter().enumerate() {
        // Two of the files waiting for triage are for the plan whose window closes tonight.
        let (plan, level) = match k {
            5 | 7 => ("20211212-中级", Level::Intermediate),
            _ => PLANS[k % PLANS.len()],
        };
        let n = rng.range(15, 30) as usize;
        let mut rows = roster(people, n, level, Some(s.district.province));
        let name = s.info.name.clone();
        let staff = if k % 2 == 0 { "王娟" } else { "金贝" };
        // The January plan opened on 11-18; December files came in over the whole window.
        let first_day = if plan.starts_with("2022") { 18 } else { 11 };
        let day = rng.range(first_day, 21) as u32;
        let mut f = Filing {
            file_name: file_name(rng, &name, plan),
            school: name,
            plan,
            level,
            received_at: nov(rng, day),
            rows: Vec::new(),
            opts: SheetOptions {
                title_row: rng.chance(40),
                alias_headers: rng.chance(25),
                created: None,
            },
            by: staff,
            then: Then::Accept {
                by: staff,
                valid_only: false,
            },
            resent: false,
        };
        match k {
            // Sent back with a bad check character and a short phone, then fixed and accepted.
            1 => {
                let fixed = rows.clone();
                plant(&mut rows, 3, Fault::BadChecksum);
                plant(&mut rows, 8, Fault::ShortPhone);
                plant(&mut rows, 11, Fault::SeventeenDigits);
                f.rows = rows;
                f.received_at = nov(rng, 15);
                f.then = Then::NeedsFix {
                    by: staff,
                    note: NEEDS_FIX_NOTES[0],
                };
                let mut again = f.clone();
                again.rows = fixed;
                again.file_name = again.file_name.replace(".xlsx", "（修改版）.xlsx");
                again.received_at = nov(rng, 17);
                again.then = Then::Accept {
                    by: staff,
                    valid_only: false,
                };
                out.push(f);
                out.push(again);
                continue;
            }
            // Excel ate the ID column: sent back, the school has not answered yet.
            4 => {
                for i in [0, 5, 6, 13] {
                    plant(&mut rows, i, Fault::IdAsNumber);
                }
                f.then = Then::NeedsFix {
                    by: staff,
                    note: NEEDS_FIX_NOTES[1],
                };
            }
            // Arrived this afternoon with a few faults: waiting for triage.
            5 => {
                plant(&mut rows, 2, Fault::WrongGender);
                plant(&mut rows, 9, Fault::NameWithSpace);
                f.received_at = time::at(
                    crate::demo::clock().date_naive(),
                    NaiveTime::from_hms_opt(16, 12, 0).expect("a time"),
                );
                f.then = Then::Leave;
            }
            // Clean, arrived an hour before the demo clock: waiting for triage.
            7 => {
                f.received_at = crate::demo::clock() - Duration::minutes(68);
                f.then = Then::Leave;
            }
            // Not the school's students after all: rejected.
            9 => {
                f.then = Then::Reject {
                    by: staff,
                    reason: "院校来电说明此表为误发（含非本校学生），作废；以后续提交为准",
                };
            }
            // One row at the wrong level: the valid rows are accepted.
            10 => {
                plant(&mut rows, 4, Fault::WrongLevel);
                f.then = Then::Accept {
                    by: staff,
                    valid_only: true,
                };
            }
            // The same file posted twice in the DingTalk group.
            12 => f.resent = true,
            _ => {}
        }
        f.rows = rows;
        out.push(f);
    }

    // A December file that came in the morning after its window closed.
    if let Some(s) = approved.get(13) {
        let rows = roster(people, 18, Level::Junior, Some(s.district.province));
        let at = nov(rng, 22);
        out.push(waiting(rng, s, "20211211-初级", Level::Junior, rows, at));
    }
    // A January file sent before its window opened.
    if let Some(s) = approved.get(14) {
        let rows = roster(people, 22, Level::Intermediate, Some(s.district.province));
        let at = nov(rng, 17);
        out.push(waiting(
            rng,
            s,
            "20220109-中级",
            Level::Intermediate,
            rows,
            at,
        ));
    }
    // Two students already accepted with another school, sent again by a second one.
    if let (Some(s), Some(first)) = (approved.get(15), out.first()) {
        let mut rows = roster(people, 19, first.level, Some(s.district.province));
        rows.extend(first.rows.iter().take(2).cloned());
        let at = crate::demo::clock() - Duration::hours(3);
        out.push(waiting(rng, s, first.plan, first.level, rows, at));
    }
    // Schools whose site is not approved send files anyway: they wait for the site.
    for s in schools
        .iter()
        .filter(|s| matches!(s.site, SiteState::Pending | SiteState::Suspended))
        .take(3)
    {
        let n = rng.range(16, 26) as usize;
        let rows = roster(people, n, Level::Intermediate, None);
        let day = rng.range(18, 22) as u32;
        let at = nov(rng, day);
        out.push(waiting(
            rng,
            s,
            "20211212-中级",
            Level::Intermediate,
            rows,
            at,
        ));
    }
    out.sort_by_key(|f| f.received_at);
    out
}

/// A file that stays in its arrival state.
fn waiting(
    rng: &mut Rng,
    s: &DemoSchool,
    plan: &'static str,
    level: Level,
    rows: Vec<SubmissionRow>,
    received_at: DateTime<FixedOffset>,
) -> Filing {
    Filing {
        school: s.info.name.clone(),
        plan,
        level,
        file_name: file_name(rng, &s.info.name, plan),
        received_at,
        rows,
        opts: SheetOptions::default(),
        by: "王娟",
        then: Then::Leave,
        resent: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::schools::schools;
    use crate::domain::submission::SubmissionState;
    use crate::store::Store;

    #[test]
    fn the_files_arrive_in_every_state_and_sessions_straddle_twenty() {
        let mut rng = Rng::new(1);
        let list = schools(&mut rng, 44);
        let mut people = People::new(2, 2000..=2004);
        let files = filings(&mut rng, &mut people, &list);
        let store = Store::open_in_memory().unwrap();
        let arrival = |f: &Filing| {
            let plan = store.find_plan(f.plan).unwrap();
            let site = list.iter().find(|s| s.info.name == f.school).unwrap().site;
            SubmissionState::on_arrival(&plan, f.received_at, site)
        };
        for state in [
            SubmissionState::Pending,
            SubmissionState::Late,
            SubmissionState::Early,
            SubmissionState::SiteNotApproved,
        ] {
            assert!(files.iter().any(|f| arrival(f) == state), "{state:?}");
        }
        for f in &files {
            assert!(f.received_at <= crate::demo::clock(), "{}", f.file_name);
            if f.then != Then::Leave {
                assert_eq!(arrival(f), SubmissionState::Pending, "{}", f.file_name);
            }
            assert!(f.rows.iter().all(|r| r.cert_level == f.level.zh()
                || f.then
                    == Then::Accept {
                        by: f.by,
                        valid_only: true
                    }));
        }
        let accepted: Vec<usize> = files
            .iter()
            .filter(|f| matches!(f.then, Then::Accept { .. }))
            .map(|f| f.rows.len())
            .collect();
        assert!(
            accepted.iter().all(|n| (15..=30).contains(n)),
            "{accepted:?}"
        );
        assert!(accepted.iter().any(|n| *n < 20) && accepted.iter().any(|n| *n >= 20));
        for then in ["NeedsFix", "Reject"] {
            assert!(
                files
                    .iter()
                    .any(|f| format!("{:?}", f.then).starts_with(then))
            );
        }
        assert!(files.iter().any(|f| f.resent));
        assert!(
            files
                .windows(2)
                .all(|w| w[0].received_at <= w[1].received_at)
        );
    }
}
