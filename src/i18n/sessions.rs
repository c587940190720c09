//! Text of sessions (场次), results and exports.

use super::{Lang, Msg};
use crate::domain::session::{SessionRefused, SessionState};

const UNDER_MINIMUM: Msg = Msg {
    zh: "该场次只有 {n} 人，少于最低 20 人，还差 {short} 人",
    en: "the session has {n} candidates: {short} short of the minimum of 20",
};
const ALREADY_IN: Msg = Msg {
    zh: "该场次已是“{state}”",
    en: "the session is already {state}",
};
const CANCELLED: Msg = Msg {
    zh: "该场次已取消",
    en: "the session is cancelled",
};
const CONFIRMED: Msg = Msg {
    zh: "该场次已确认，考生已有准考证号，不能移出",
    en: "the session is confirmed (its candidates have admission numbers): nobody can be moved out",
};
const REASON_REQUIRED: Msg = Msg {
    zh: "必须填写原因",
    en: "a reason is required",
};
const LEVEL_MISMATCH: Msg = Msg {
    zh: "只能转到同一等级的考试计划（{from} → {to}）",
    en: "candidates can only move to a plan of the same level ({from} → {to})",
};
const SAME_SESSION: Msg = Msg {
    zh: "目标与原场次相同",
    en: "the target is the same session",
};
const EMPTY: Msg = Msg {
    zh: "该场次没有考生",
    en: "the session has no candidates",
};
const NOT_IN_SESSION: Msg = Msg {
    zh: "所选考生中有 {n} 人不在该场次",
    en: "{n} of the chosen candidates are not in this session",
};
const SITE_NOT_APPROVED: Msg = Msg {
    zh: "该院校的考点未通过审核",
    en: "the school's site is not approved",
};
const ALREADY_IN_PLAN: Msg = Msg {
    zh: "有 {n} 人已报名目标考试计划",
    en: "{n} of the candidates are already registered for the target plan",
};
const EXHAUSTED: Msg = Msg {
    zh: "准考证号已用尽：每场次最多 9999 个，院校编号最大 9999",
    en: "admission numbers ran out: at most 9999 per session and school ids up to 9999",
};

pub const STATE_OPEN: Msg = Msg {
    zh: "待确认",
    en: "open",
};
pub const STATE_CONFIRMED: Msg = Msg {
    zh: "已确认",
    en: "confirmed",
};
pub const STATE_CANCELLED: Msg = Msg {
    zh: "已取消",
    en: "cancelled",
};

/// A session state in the user's language.
pub fn state(s: SessionState) -> &'static Msg {
    match s {
        SessionState::Open => &STATE_OPEN,
        SessionState::Confirmed => &STATE_CONFIRMED,
        SessionState::Cancelled => &STATE_CANCELLED,
    }
}

/// A refused session action in the user's language.
const NOT_CONFIRMED: Msg = Msg {
    zh: "该场次尚未确认：请先确认场次（kaowu session confirm 计划 院校），再导出考场名单",
    en: "the session is not confirmed yet: confirm it first (kaowu session confirm PLAN SCHOOL), then export the roster",
};

pub fn refused(e: &SessionRefused, lang: Lang) -> String {
    match e {
        SessionRefused::UnderMinimum { accepted, short_by } => {
            lang.fill(&UNDER_MINIMUM, &[("n", accepted), ("short", short_by)])
        }
        SessionRefused::AlreadyIn(s) => lang.fill(&ALREADY_IN, &[("state", &lang.t(state(*s)))]),
        SessionRefused::Cancelled => lang.t(&CANCELLED).into(),
        SessionRefused::NotConfirmed => lang.t(&NOT_CONFIRMED).into(),
        SessionRefused::Confirmed => lang.t(&CONFIRMED).into(),
        SessionRefused::ReasonRequired => lang.t(&REASON_REQUIRED).into(),
        SessionRefused::LevelMismatch { from, to } => {
            lang.fill(&LEVEL_MISMATCH, &[("from", from), ("to", to)])
        }
        SessionRefused::SameSession => lang.t(&SAME_SESSION).into(),
        SessionRefused::Empty => lang.t(&EMPTY).into(),
        SessionRefused::NotInSession(n) => lang.fill(&NOT_IN_SESSION, &[("n", n)]),
        SessionRefused::SiteNotApproved => lang.t(&SITE_NOT_APPROVED).into(),
        SessionRefused::AlreadyInPlan(n) => lang.fill(&ALREADY_IN_PLAN, &[("n", n)]),
        SessionRefused::NumbersExhausted => lang.t(&EXHAUSTED).into(),
    }
}

pub const COL_SITE: Msg = Msg {
    zh: "考点",
    en: "site",
};
pub const COL_ACCEPTED: Msg = Msg {
    zh: "人数",
    en: "candidates",
};
pub const COL_RETAKES: Msg = Msg {
    zh: "补考",
    en: "retakes",
};
pub const COL_SHORT: Msg = Msg {
    zh: "差额",
    en: "short by",
};
pub const COL_OVERLAPS: Msg = Msg {
    zh: "时间冲突",
    en: "overlaps",
};
pub const COL_READY: Msg = Msg {
    zh: "考前准备",
    en: "ready",
};
pub const SHORT_BY: Msg = Msg {
    zh: "还差 {n} 人",
    en: "short by {n}",
};
pub const UNDER_MINIMUM_SUMMARY: Msg = Msg {
    zh: "{n} 个待确认场次不足 20 人",
    en: "{n} open sessions are under the minimum of 20",
};
pub const NO_SESSIONS: Msg = Msg {
    zh: "没有场次（尚无已受理的报名）",
    en: "no sessions (no accepted submissions yet)",
};
pub const CONFIRMED_DONE: Msg = Msg {
    zh: "已确认场次 {session}：{n} 人，发放准考证号 {numbered} 个",
    en: "confirmed {session}: {n} candidates, {numbered} admission numbers given",
};
pub const CANCELLED_DONE: Msg = Msg {
    zh: "已取消场次 {session}",
    en: "cancelled {session}",
};
pub const MOVED_DONE: Msg = Msg {
    zh: "已将 {n} 名考生从 {from} 转到 {to}",
    en: "moved {n} candidates from {from} to {to}",
};
pub const READY_DONE: Msg = Msg {
    zh: "{session}：{item} 已完成",
    en: "{session}: {item} done",
};
pub const READY_UNDONE: Msg = Msg {
    zh: "{session}：{item} 改为未完成",
    en: "{session}: {item} marked not done",
};
pub const READY_SOFTWARE: Msg = Msg {
    zh: "技术老师进群、考试软件部署",
    en: "technical teacher joined, exam software deployed",
};
pub const READY_VIDEO: Msg = Msg {
    zh: "考务老师观看培训视频",
    en: "proctors watched the training video",
};
pub const READY_ROOM: Msg = Msg {
    zh: "布置考场",
    en: "exam room set up",
};
pub const HINT_UNDER_MINIMUM: Msg = Msg {
    zh: "可把考生转到同等级的其他场次（kaowu session move），或取消该场次（kaowu session cancel）",
    en: "move its candidates to another session of the same level (kaowu session move) or cancel it (kaowu session cancel)",
};
pub const EXPORT_WRITTEN: Msg = Msg {
    zh: "已写入 {file}：{n} 名考生",
    en: "wrote {file}: {n} candidates",
};
pub const EXPORT_SKIPPED: Msg = Msg {
    zh: "未导出 {session}：{why}",
    en: "left out {session}: {why}",
};
pub const CANNOT_WRITE: Msg = Msg {
    zh: "无法写入 {file}：{e}",
    en: "cannot write {file}: {e}",
};
pub const OVERLAP_LINE: Msg = Msg {
    zh: "{name} {id}：{first} 与 {second} 考试时间冲突",
    en: "{name} {id}: {first} and {second} overlap",
};
pub const NO_OVERLAPS: Msg = Msg {
    zh: "没有考试时间冲突",
    en: "no exam slot overlaps",
};

/// A checklist item in the user's language.
pub fn ready_item(i: crate::store::ReadyItem) -> &'static Msg {
    match i {
        crate::store::ReadyItem::Software => &READY_SOFTWARE,
        crate::store::ReadyItem::Video => &READY_VIDEO,
        crate::store::ReadyItem::Room => &READY_ROOM,
    }
}

pub const HISTORY_NONE: Msg = Msg {
    zh: "没有该证件号码的成绩或报名记录",
    en: "no results or registrations for this ID number",
};
pub const HISTORY_RESULTS: Msg = Msg {
    zh: "历次成绩：",
    en: "Earlier results:",
};
pub const HISTORY_REGISTRATIONS: Msg = Msg {
    zh: "报名记录：",
    en: "Registrations:",
};
pub const COL_DATE: Msg = Msg {
    zh: "考试日期",
    en: "exam date",
};
pub const COL_LEVEL: Msg = Msg {
    zh: "等级",
    en: "level",
};
pub const COL_NAME: Msg = Msg {
    zh: "姓名",
    en: "name",
};
pub const COL_OUTCOME: Msg = Msg {
    zh: "结果",
    en: "outcome",
};
pub const COL_SESSION: Msg = Msg {
    zh: "场次",
    en: "session",
};
pub const COL_ADMISSION: Msg = Msg {
    zh: "准考证号",
    en: "admission no.",
};

pub const RESULTS_IMPORTED: Msg = Msg {
    zh: "已导入成绩 {file}：新增 {added}，更新 {updated}，未变 {unchanged}",
    en: "imported results {file}: {added} added, {updated} updated, {unchanged} unchanged",
};
pub const RESULTS_NOT_IMPORTED: Msg = Msg {
    zh: "{file} 有 {n} 个问题，未导入任何成绩；改正后重新导入",
    en: "{file} has {n} problems: no result was imported; fix them and import again",
};
pub const RESULTS_NO_ROWS: Msg = Msg {
    zh: "{file} 没有成绩行",
    en: "{file} has no result rows",
};
pub const RESULT_PLAN_OR_DATE: Msg = Msg {
    zh: "缺少“考试计划”或“考试日期”列",
    en: "the column 考试计划 (plan) or 考试日期 (exam date) is missing",
};
const RESULT_NAME_MISSING: Msg = Msg {
    zh: "第 {row} 行“{column}”为空",
    en: "row {row}: {column} is empty",
};
const RESULT_ID: Msg = Msg {
    zh: "第 {row} 行“{column}”不是 18 位证件号码（{found}）；若为数字格式，请把该列改为文本后重新填写",
    en: "row {row}: {column} is not an 18-character ID number ({found}); if the cell is a number, re-enter the column as text",
};
const RESULT_LEVEL: Msg = Msg {
    zh: "第 {row} 行“{column}”应为 初级、中级 或 高级（{found}）",
    en: "row {row}: {column} must be 初级, 中级 or 高级 ({found})",
};
const RESULT_DATE: Msg = Msg {
    zh: "第 {row} 行“{column}”读不出考试日期（{found}）",
    en: "row {row}: no exam date can be read from {column} ({found})",
};
const RESULT_OUTCOME: Msg = Msg {
    zh: "第 {row} 行“{column}”应为 通过、未通过 或 缺考（{found}）",
    en: "row {row}: {column} must be 通过, 未通过 or 缺考 ({found})",
};
const RESULT_DUPLICATE: Msg = Msg {
    zh: "第 {row} 行：同一人同一等级同一考试日期的成绩在本文件中重复（{found}）",
    en: "row {row}: the same person, level and exam date appear twice in this file ({found})",
};

/// A results-sheet problem in the user's language.
pub fn result_problem(p: &crate::domain::result::ResultProblem, lang: Lang) -> String {
    use crate::domain::columns::ColumnSpec;
    let m = match p.code {
        "name_missing" => &RESULT_NAME_MISSING,
        "id_length" | "id_chars" => &RESULT_ID,
        "level_mismatch" => &RESULT_LEVEL,
        "plan_mismatch" => &RESULT_DATE,
        "duplicate_in_file" => &RESULT_DUPLICATE,
        _ => &RESULT_OUTCOME,
    };
    lang.fill(
        m,
        &[
            ("row", &p.row),
            ("column", &p.column.header()),
            ("found", &p.found),
        ],
    )
}
