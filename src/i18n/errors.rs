//! The one road from an error to the words the user reads, taken by the console and the
//! command line alike: every store, plan, site and decision error has its sentence here in
//! both languages, and a [`Failure`] carries the finished line (and hint) to whoever shows it.

use std::fmt;

use super::{Lang, Msg, cli as hints, common};
use crate::domain::submission::{Decision, DecisionRefused};
use crate::domain::time::BadTime;
use crate::domain::{PlanError, SiteError, SiteState};
use crate::store::StoreError;

/// An error as the user reads it: one line in their language, a hint where there is one and,
/// for file-level failures, a stable problem code (docs/cli.md).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
    /// A problem code of docs/cli.md (`file_unreadable`, …) when the failure is about a file.
    pub code: Option<&'static str>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }

    pub fn code(mut self, code: &'static str) -> Failure {
        self.code = Some(code);
        self
    }

    /// A store error in the user's language, with its hint.
    pub fn store(e: &StoreError, lang: Lang) -> Failure {
        Failure {
            message: store_error(e, lang),
            hint: store_hint(e, lang),
            code: e.code(),
        }
    }

    /// A time the user gave that cannot be read.
    pub fn bad_time(e: &BadTime, lang: Lang) -> Failure {
        Failure::new(lang.fill(&BAD_TIME, &[("value", &e.0)])).hint(lang.t(&hints::HINT_TIME))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The hint for a store error, where there is one.
pub fn store_hint(e: &StoreError, lang: Lang) -> Option<String> {
    match e {
        StoreError::UnknownPlan(_) => Some(lang.t(&hints::HINT_PLANS).into()),
        StoreError::UnknownSchool(_) => Some(lang.t(&hints::HINT_SCHOOLS).into()),
        StoreError::WindowReasonRequired => Some(lang.t(&hints::HINT_REASON).into()),
        StoreError::Site(SiteError::ReasonRequired { .. }) => {
            Some(lang.t(&hints::HINT_REASON).into())
        }
        StoreError::NotPermitted { .. } => Some(lang.t(&super::staff::HINT_ASK_ADMIN).into()),
        _ => file_hint(e).map(|m| lang.t(m).into()),
    }
}

const BAD_TIME: Msg = Msg {
    zh: "无法识别时间「{value}」：请使用 RFC 3339 或 “YYYY-MM-DD HH:MM”（北京时间）",
    en: "cannot read time \"{value}\": use RFC 3339 or \"YYYY-MM-DD HH:MM\" (China time)",
};

const UNKNOWN_PLAN: Msg = Msg {
    zh: "没有考试计划 “{key}”",
    en: "unknown plan \"{key}\"",
};
const UNKNOWN_SCHOOL: Msg = Msg {
    zh: "没有院校 “{key}”",
    en: "unknown school \"{key}\"",
};
const UNKNOWN_SUBMISSION: Msg = Msg {
    zh: "没有编号为 {id} 的提交",
    en: "unknown submission {id}",
};
const WINDOW_REASON: Msg = Msg {
    zh: "修改报名时间必须填写原因",
    en: "changing a registration window needs a reason",
};
const PLAN_EXISTS: Msg = Msg {
    zh: "同一考试日期、同一等级的计划已存在",
    en: "a plan with the same exam day and level already exists",
};
const ALREADY_REGISTERED: Msg = Msg {
    zh: "其中 {n} 名考生已在其他提交中被接受报名本计划",
    en: "{n} candidates are already accepted for this plan in another submission",
};
const STALE: Msg = Msg {
    zh: "{by} 已先处理（{state}，{at}）：请刷新后再看",
    en: "{by} decided this first ({state}, {at}): refresh and look again",
};
const INVALID_SITE: Msg = Msg {
    zh: "不能对「{state}」的考点执行「{action}」。",
    en: "Cannot {action} a site that is {state}.",
};
const REASON_REQUIRED: Msg = Msg {
    zh: "{action}必须填写原因",
    en: "{action} needs a reason",
};
const POSSIBLE_ACTIONS: Msg = Msg {
    zh: "可进行：{actions}",
    en: "possible: {actions}",
};
const NO_SITE_ACTIONS: Msg = Msg {
    zh: "当前状态无可进行的操作",
    en: "no action is possible from this state",
};
const LIST_SEP: Msg = Msg {
    zh: "、", en: ", "
};
const NAME_MISSING: Msg = Msg {
    zh: "计划需要名称",
    en: "The plan needs a name",
};
const CLOSES_BEFORE_OPENS: Msg = Msg {
    zh: "报名截止（{closes}）早于报名开始（{opens}）",
    en: "The window closes ({closes}) before it opens ({opens})",
};
const EXAM_BEFORE_CLOSE: Msg = Msg {
    zh: "考试（{exam}）必须在报名截止（{closes}）之后",
    en: "The exam ({exam}) must start after the window closes ({closes})",
};
const SLOT_END: Msg = Msg {
    zh: "考试结束时间必须晚于开始时间",
    en: "The exam must end after it starts",
};
const LATE: Msg = Msg {
    zh: "逾期提交：收到时报名已截止，不安排考试",
    en: "late: received after the window closed, it is not scheduled",
};
const EARLY: Msg = Msg {
    zh: "提前提交：收到时报名尚未开始",
    en: "early: received before the window opened",
};
const SITE_NOT_APPROVED: Msg = Msg {
    zh: "该院校考点未获批准",
    en: "the school's site is not approved",
};
const ROW_PROBLEMS: Msg = Msg {
    zh: "{n} 行有问题：请退回修改，或选择“仅接受有效行”",
    en: "{n} rows have problems: send it back, or accept the valid rows only",
};
const NO_VALID_ROWS: Msg = Msg {
    zh: "没有可接受的有效行",
    en: "no valid rows to accept",
};
const ALREADY_DECIDED: Msg = Msg {
    zh: "该提交已是“{state}”",
    en: "the submission is already {state}",
};
const DECISION_REASON: Msg = Msg {
    zh: "“{decision}”必须填写原因或说明",
    en: "{decision} needs a reason or note",
};
const ABANDONED: Msg = Msg {
    zh: "导入在文件读完前中止，未记录任何内容",
    en: "the import stopped before the end of the file; nothing was recorded",
};
const DATABASE: Msg = Msg {
    zh: "数据库错误：{e}",
    en: "database error: {e}",
};

const NO_FOLDER: Msg = Msg {
    zh: "文件夹 {dir} 不存在：没有新建数据库",
    en: "the folder {dir} does not exist: no database was created",
};
const FOREIGN: Msg = Msg {
    zh: "{path} 是其他程序的数据库，不是考务数据库：未作任何改动",
    en: "{path} is a database of another program, not kaowu's: nothing was changed",
};
const IN_USE: Msg = Msg {
    zh: "{path} 正由另一个考务程序使用：不能替换",
    en: "{path} is open in another kaowu: it cannot be replaced",
};
const READ_ONLY: Msg = Msg {
    zh: "数据库为只读：只能查看和导出，不能修改",
    en: "the database is read-only: it can be listed and exported, not changed",
};
pub const HINT_NO_FOLDER: Msg = Msg {
    zh: "检查 --db 的路径是否拼写正确；新的数据库请放在已有的文件夹中",
    en: "check the --db path for a typo; put a new database in a folder that exists",
};
pub const HINT_FOREIGN: Msg = Msg {
    zh: "用 --db 指定考务数据库文件，或一个尚不存在的新文件",
    en: "give --db a kaowu database, or a new file that does not exist yet",
};
pub const HINT_IN_USE: Msg = Msg {
    zh: "先退出另一个控制台，或用 kaowu --demo <子命令> 在同一份演示数据上操作",
    en: "quit the other console first, or run kaowu --demo <command> on the same demo data",
};
pub const HINT_READ_ONLY: Msg = Msg {
    zh: "需要修改时，请用对该文件有写权限的账号运行",
    en: "to change it, run as an account that may write the file",
};

/// A store error in the user's language.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::UnknownPlan(k) => lang.fill(&UNKNOWN_PLAN, &[("key", k)]),
        StoreError::UnknownSchool(k) => lang.fill(&UNKNOWN_SCHOOL, &[("key", k)]),
        StoreError::UnknownSubmission(id) => lang.fill(&UNKNOWN_SUBMISSION, &[("id", id)]),
        StoreError::WindowReasonRequired => lang.t(&WINDOW_REASON).into(),
        StoreError::PlanExists => lang.t(&PLAN_EXISTS).into(),
        StoreError::AlreadyRegistered(n) => lang.fill(&ALREADY_REGISTERED, &[("n", n)]),
        StoreError::Stale(s) => {
            let state = lang.t(super::common::submission_state(s.state));
            lang.fill(&STALE, &[("by", &s.by), ("state", &state), ("at", &s.at)])
        }
        StoreError::Plan(p) => plan_error(p, lang),
        StoreError::Site(s) => site_error(s, lang),
        StoreError::Refused(r) => refused(r, lang),
        StoreError::Session(r) => super::sessions::refused(r, lang),
        StoreError::Fee(r) => super::fees::refused(r, lang),
        StoreError::Abandoned => lang.t(&ABANDONED).into(),
        StoreError::NoFolder(d) => lang.fill(&NO_FOLDER, &[("dir", &d.display())]),
        StoreError::Foreign(p) => lang.fill(&FOREIGN, &[("path", &p.display())]),
        StoreError::InUse(p) => lang.fill(&IN_USE, &[("path", &p.display())]),
        StoreError::ReadOnly => lang.t(&READ_ONLY).into(),
        StoreError::Sqlite(_)
        | StoreError::Migration(_)
        | StoreError::Create { .. }
        | StoreError::Corrupt(_) => lang.fill(&DATABASE, &[("e", e)]),
        other => super::staff::store_error(other, lang).unwrap_or_else(|| other.to_string()),
    }
}

/// The hint for a store error about the database file itself, where there is one.
pub fn file_hint(e: &StoreError) -> Option<&'static Msg> {
    match e {
        StoreError::NoFolder(_) => Some(&HINT_NO_FOLDER),
        StoreError::Foreign(_) => Some(&HINT_FOREIGN),
        StoreError::InUse(_) => Some(&HINT_IN_USE),
        StoreError::ReadOnly => Some(&HINT_READ_ONLY),
        _ => None,
    }
}

/// A plan form error in the user's language.
pub fn plan_error(e: &PlanError, lang: Lang) -> String {
    match e {
        PlanError::NameMissing => lang.t(&NAME_MISSING).into(),
        PlanError::ClosesBeforeOpens { opens, closes } => lang.fill(
            &CLOSES_BEFORE_OPENS,
            &[("opens", opens), ("closes", closes)],
        ),
        PlanError::ExamBeforeClose { closes, exam } => {
            lang.fill(&EXAM_BEFORE_CLOSE, &[("closes", closes), ("exam", exam)])
        }
        PlanError::SlotEndsBeforeStart => lang.t(&SLOT_END).into(),
    }
}

/// The actions possible from a state, named in the user's language: `批准、驳回`.
pub fn action_names(s: SiteState, lang: Lang) -> String {
    let acts = s.actions();
    if acts.is_empty() {
        return lang.t(&NO_SITE_ACTIONS).into();
    }
    let names: Vec<&str> = acts
        .iter()
        .map(|a| lang.t(common::site_action(*a)))
        .collect();
    names.join(lang.t(&LIST_SEP))
}

/// The actions possible from a state, as a sentence: `可进行：批准、驳回`.
pub fn possible(s: SiteState, lang: Lang) -> String {
    if s.actions().is_empty() {
        return lang.t(&NO_SITE_ACTIONS).into();
    }
    lang.fill(&POSSIBLE_ACTIONS, &[("actions", &action_names(s, lang))])
}

/// A refused site decision in the user's language, with what is possible instead.
pub fn site_error(e: &SiteError, lang: Lang) -> String {
    match e {
        SiteError::InvalidTransition { from, action } => format!(
            "{} {}",
            lang.fill(
                &INVALID_SITE,
                &[
                    ("state", &lang.t(common::site_state(*from))),
                    ("action", &lang.t(common::site_action(*action))),
                ],
            ),
            possible(*from, lang)
        ),
        SiteError::ReasonRequired { action } => lang.fill(
            &REASON_REQUIRED,
            &[("action", &lang.t(common::site_action(*action)))],
        ),
    }
}

/// A refused triage decision in the user's language.
pub fn refused(e: &DecisionRefused, lang: Lang) -> String {
    match e {
        DecisionRefused::Late => lang.t(&LATE).into(),
        DecisionRefused::Early => lang.t(&EARLY).into(),
        DecisionRefused::SiteNotApproved => lang.t(&SITE_NOT_APPROVED).into(),
        DecisionRefused::RowProblems(n) => lang.fill(&ROW_PROBLEMS, &[("n", n)]),
        DecisionRefused::NoValidRows => lang.t(&NO_VALID_ROWS).into(),
        DecisionRefused::AlreadyDecided(s) => lang.fill(
            &ALREADY_DECIDED,
            &[("state", &lang.t(common::submission_state(*s)))],
        ),
        DecisionRefused::ReasonRequired(d) => {
            lang.fill(&DECISION_REASON, &[("decision", &lang.t(decision(*d)))])
        }
    }
}

const ACCEPT: Msg = Msg {
    zh: "接受",
    en: "accept",
};
const REJECT: Msg = Msg {
    zh: "驳回",
    en: "reject",
};
const NEEDS_FIX: Msg = Msg {
    zh: "退回修改",
    en: "needs fix",
};

/// The catalog entry naming a triage decision.
pub fn decision(d: Decision) -> &'static Msg {
    match d {
        Decision::Accept => &ACCEPT,
        Decision::Reject => &REJECT,
        Decision::NeedsFix => &NEEDS_FIX,
    }
}
