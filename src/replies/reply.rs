//! The reply to a school about one submission: its state in a sentence and, when the school has
//! something to fix, every problem by row.

use crate::domain::Plan;
use crate::domain::problem::Problem;
use crate::domain::submission::SubmissionState;
use crate::domain::time;
use crate::i18n::{Lang, replies as msg};
use crate::store::{Store, StoreError, SubmissionSummary};

/// The reply to the school that sent submission `id`.
pub fn reply(store: &Store, lang: Lang, id: i64) -> Result<String, StoreError> {
    let s = store.submission(id)?;
    let plan = store.plan(s.plan_id)?;
    let problems = store.submission_problems(id)?;
    Ok(text(lang, &s, &plan, &problems))
}

/// The reply, from what the store said.
pub fn text(lang: Lang, s: &SubmissionSummary, plan: &Plan, problems: &[Problem]) -> String {
    let closes = closes(plan);
    let mut out = lang.fill(
        &msg::REPLY_HEAD,
        &[
            ("school", &s.school),
            ("plan", &plan.name),
            ("file", &s.file_name),
            ("received", &time::short(&s.received_at)),
            ("rows", &s.rows),
        ],
    );
    let list = match s.state {
        SubmissionState::Pending => {
            out.push_str(lang.t(&msg::REPLY_PENDING));
            false
        }
        SubmissionState::Accepted if s.valid_only && s.valid_rows < s.rows => {
            out.push_str(&lang.fill(&msg::REPLY_ACCEPTED_VALID_ONLY, &[("n", &s.valid_rows)]));
            true
        }
        SubmissionState::Accepted => {
            out.push_str(&lang.fill(&msg::REPLY_ACCEPTED, &[("n", &s.valid_rows)]));
            false
        }
        SubmissionState::NeedsFix => {
            out.push_str(lang.t(&msg::REPLY_NEEDS_FIX));
            true
        }
        SubmissionState::Rejected => {
            out.push_str(lang.t(&msg::REPLY_REJECTED));
            false
        }
        SubmissionState::Late => {
            out.push_str(&lang.fill(&msg::REPLY_LATE, &[("closes", &closes)]));
            false
        }
        SubmissionState::Early => {
            let opens = format!("{} 00:00", plan.opens);
            out.push_str(&lang.fill(&msg::REPLY_EARLY, &[("opens", &opens)]));
            false
        }
        SubmissionState::SiteNotApproved => {
            out.push_str(lang.t(&msg::REPLY_SITE));
            false
        }
    };
    out.push('\n');
    if list {
        for p in problems {
            out.push_str(&problem_line(lang, p));
            out.push('\n');
        }
    }
    if let Some(note) = s.note.as_deref() {
        // A note starts as the problem list itself: what the reply lists already is not said
        // twice, only what staff added.
        let note = if list {
            added_to(note, &prefilled_note(lang, problems))
        } else {
            note.trim()
        };
        if !note.is_empty() {
            out.push_str(&lang.fill(&msg::REPLY_NOTE, &[("note", &note)]));
            out.push('\n');
        }
    }
    if s.state == SubmissionState::NeedsFix {
        out.push_str(&lang.fill(&msg::REPLY_RESEND_BY, &[("closes", &closes)]));
        out.push('\n');
    }
    out
}

/// The last minute of the window as schools read it (the window ends at the next midnight).
pub(crate) fn closes(plan: &Plan) -> String {
    format!("{} 23:59", plan.closes)
}

/// One problem as the school reads it: `第 7 行 证件号码：…`.
pub fn problem_line(lang: Lang, p: &Problem) -> String {
    let message = crate::i18n::problems::text(p, lang);
    match (p.row, p.column.as_deref()) {
        (Some(row), Some(column)) => lang.fill(
            &msg::REPLY_ROW,
            &[("row", &row), ("column", &column), ("message", &message)],
        ),
        (Some(row), None) => lang.fill(
            &msg::REPLY_ROW_NO_COLUMN,
            &[("row", &row), ("message", &message)],
        ),
        (None, _) => lang.fill(&msg::REPLY_FILE_PROBLEM, &[("message", &message)]),
    }
}

/// The note a needs-fix or reject decision starts with: every problem by row, one a line.
pub fn prefilled_note(lang: Lang, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| problem_line(lang, p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a note says beyond the prefilled problem list it may start with.
fn added_to<'a>(note: &'a str, prefilled: &str) -> &'a str {
    let note = note.trim();
    match note.strip_prefix(prefilled.trim()) {
        Some(rest) if !prefilled.trim().is_empty() => rest.trim(),
        _ => note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{ProblemCode, Says};

    fn problem(row: Option<u32>, column: Option<&str>, message: &str) -> Problem {
        Problem {
            row,
            column: column.map(String::from),
            code: ProblemCode::IdChecksum,
            says: Says::Text(message.into()),
        }
    }

    #[test]
    fn a_needs_fix_reply_lists_every_problem_by_row_and_the_deadline() {
        let plan = Store::open_in_memory()
            .unwrap()
            .find_plan("20211211-初级")
            .unwrap();
        let s = summary(SubmissionState::NeedsFix, &plan);
        let problems = [
            problem(None, None, "缺少必填列「手机号」"),
            problem(Some(7), Some("证件号码"), "校验位应为 X，实际为 3"),
            problem(Some(9), Some("姓名"), "姓名为空"),
        ];
        let text = text(Lang::Zh, &s, &plan, &problems);
        assert_eq!(
            text,
            "浙江商贸职业学院：贵校发送的「1+X-跨境电商 B2B-20211211 全国统考（初级）」报名表\
             （报名表.xlsx，2021-11-15 10:00 收到，共 25 行）需要修改后重新发送。问题如下：\n\
             整个文件：缺少必填列「手机号」\n\
             第 7 行 证件号码：校验位应为 X，实际为 3\n\
             第 9 行 姓名：姓名为空\n\
             请改正后在 2021-11-21 23:59 之前重新发送。\n"
        );
    }

    #[test]
    fn a_note_other_than_the_problem_list_is_added_and_an_accepted_reply_has_no_list() {
        let plan = Store::open_in_memory()
            .unwrap()
            .find_plan("20211211-初级")
            .unwrap();
        let problems = [problem(Some(7), Some("证件号码"), "校验位错误")];
        let mut s = summary(SubmissionState::NeedsFix, &plan);
        s.note = Some(prefilled_note(Lang::Zh, &problems));
        let once = text(Lang::Zh, &s, &plan, &problems);
        assert_eq!(once.matches("校验位错误").count(), 1, "{once}");
        s.note = Some("另：请使用最新模板".into());
        assert!(text(Lang::Zh, &s, &plan, &problems).contains("说明：另：请使用最新模板\n"));
        // Lines added under the prefilled list are the note; the list is not repeated.
        s.note = Some(format!(
            "{}\n另：请使用最新模板",
            prefilled_note(Lang::Zh, &problems)
        ));
        let both = text(Lang::Zh, &s, &plan, &problems);
        assert_eq!(both.matches("校验位错误").count(), 1, "{both}");
        assert!(both.contains("说明：另：请使用最新模板\n"), "{both}");
        s.state = SubmissionState::Accepted;
        s.valid_rows = 25;
        s.note = None;
        let accepted = text(Lang::Zh, &s, &plan, &problems);
        assert!(
            accepted.ends_with("已审核通过，25 名考生报名成功。\n"),
            "{accepted}"
        );
        assert!(!accepted.contains("第 7 行"));
    }

    fn summary(state: SubmissionState, plan: &Plan) -> SubmissionSummary {
        SubmissionSummary {
            id: 12,
            plan_id: plan.id,
            plan_code: plan.code(),
            school_id: 1,
            school: "浙江商贸职业学院".into(),
            site: crate::domain::SiteState::Approved,
            file_name: "报名表.xlsx".into(),
            sha256: String::new(),
            received_at: time::parse_time("2021-11-15 10:00").unwrap(),
            state,
            rows: 25,
            valid_rows: 22,
            candidates: 25,
            problems: 3,
            header_row: 1,
            valid_only: false,
            decided_by: None,
            decided_at: None,
            note: None,
            imported_by: "王娟".into(),
            version: 1,
        }
    }
}
