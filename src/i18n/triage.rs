//! Text of the console's Submissions screen: triage, the import form and the inbox.

use super::Msg;

pub const TAB: Msg = Msg {
    zh: "提交",
    en: "Submissions",
};
pub const TITLE: Msg = Msg {
    zh: "报名提交 {n} 份 · 待决定 {pending}",
    en: "Submissions {n} · to decide {pending}",
};
pub const EMPTY_HINT: Msg = Msg {
    zh: "没有提交。按 i 导入文件，或把文件放进收件箱文件夹后按 I。",
    en: "No submissions. Press i to import a file, or put files in the inbox folder and press I.",
};
pub const COL_RECEIVED: Msg = Msg {
    zh: "收到",
    en: "Received",
};
pub const COL_PLAN: Msg = Msg {
    zh: "计划",
    en: "Plan",
};
pub const COL_ROWS: Msg = Msg {
    zh: "行数",
    en: "Rows",
};
pub const COL_PROBLEMS: Msg = Msg {
    zh: "问题",
    en: "Prob",
};
pub const FILE: Msg = Msg {
    zh: "文件",
    en: "File",
};
pub const COUNTS: Msg = Msg {
    zh: "{rows} 行，有效 {valid} 行，问题 {problems} 个 · 导入：{by}",
    en: "{rows} rows, {valid} valid, {problems} problems · imported by {by}",
};
pub const DECIDED: Msg = Msg {
    zh: "处理：{by} {at}",
    en: "decided by {by} {at}",
};
pub const VALID_ONLY_MARK: Msg = Msg {
    zh: "（仅接受有效行）",
    en: " (valid rows only)",
};
pub const PROBLEMS_HEADING: Msg = Msg {
    zh: "问题（{n}）",
    en: "Problems ({n})",
};
pub const NO_PROBLEMS: Msg = Msg {
    zh: "没有问题",
    en: "no problems",
};
pub const ROW_N: Msg = Msg {
    zh: "第 {n} 行",
    en: "row {n}",
};
pub const WHOLE_FILE: Msg = Msg {
    zh: "整个文件",
    en: "file",
};
pub const ROWS_HEADING: Msg = Msg {
    zh: "考生（{n}）",
    en: "Rows ({n})",
};
pub const COL_ROW: Msg = Msg {
    zh: "行",
    en: "Row",
};
pub const COL_NAME: Msg = Msg {
    zh: "姓名",
    en: "Name",
};
pub const COL_ID: Msg = Msg {
    zh: "证件号码",
    en: "ID number",
};
pub const COL_PHONE: Msg = Msg {
    zh: "手机号",
    en: "Phone",
};
pub const COL_VALID: Msg = Msg {
    zh: "校验",
    en: "Check",
};
pub const ROW_VALID: Msg = Msg {
    zh: "有效",
    en: "valid",
};
pub const ROW_INVALID: Msg = Msg {
    zh: "有问题",
    en: "problem",
};
pub const MORE_ROWS: Msg = Msg {
    zh: "……另有 {n} 行，见“考生”页面",
    en: "… {n} more rows: see the Candidates screen",
};
pub const SCOPE: Msg = Msg {
    zh: "报名提交",
    en: "Submissions",
};
pub const SCOPE_SCROLL: Msg = Msg {
    zh: "提交详情",
    en: "Submission detail",
};
pub const SCOPE_IMPORT: Msg = Msg {
    zh: "导入文件",
    en: "Import a file",
};
pub const KEY_ACCEPT: Msg = Msg {
    zh: "接受",
    en: "accept",
};
pub const KEY_ACCEPT_VALID: Msg = Msg {
    zh: "仅接受有效行",
    en: "accept valid rows only",
};
pub const KEY_REJECT: Msg = Msg {
    zh: "驳回",
    en: "reject",
};
pub const KEY_NEEDS_FIX: Msg = Msg {
    zh: "退回修改",
    en: "needs fix",
};
pub const KEY_NEXT_PENDING: Msg = Msg {
    zh: "下一份待决定",
    en: "next to decide",
};
pub const KEY_PREV_PENDING: Msg = Msg {
    zh: "上一份待决定",
    en: "previous to decide",
};
pub const KEY_CYCLE_STATE: Msg = Msg {
    zh: "按状态筛选",
    en: "filter by state",
};
pub const KEY_EXPORT: Msg = Msg {
    zh: "导出退回表",
    en: "export return",
};
pub const KEY_IMPORT: Msg = Msg {
    zh: "导入",
    en: "import",
};
pub const KEY_INBOX: Msg = Msg {
    zh: "查收件箱",
    en: "check inbox",
};
pub const KEY_COMPLETE: Msg = Msg {
    zh: "补全",
    en: "complete",
};
pub const KEY_START: Msg = Msg {
    zh: "导入",
    en: "import",
};
pub const CONFIRM_ACCEPT: Msg = Msg {
    zh: "接受提交 {label}（{rows} 行）？接受后不能撤回。",
    en: "Accept submission {label} ({rows} rows)? This cannot be undone.",
};
pub const CONFIRM_VALID_ONLY: Msg = Msg {
    zh: "仅接受 {label} 的 {valid} 行有效行？其余 {bad} 行有问题，不会报名。接受后不能撤回。",
    en: "Accept only the {valid} valid rows of {label}? The other {bad} rows have problems and are not registered. This cannot be undone.",
};
pub const CONFIRM_REJECT: Msg = Msg {
    zh: "驳回提交 {label}？",
    en: "Reject submission {label}?",
};
pub const CONFIRM_NEEDS_FIX: Msg = Msg {
    zh: "退回 {label} 请院校修改？说明会告诉院校要改什么。",
    en: "Send {label} back to the school? The note tells it what to fix.",
};
pub const NOTE_REQUIRED: Msg = Msg {
    zh: "原因/给院校的说明（必填）",
    en: "Reason / note to the school (required)",
};
pub const DECIDED_FLASH: Msg = Msg {
    zh: "#{id} {school}：{state}",
    en: "#{id} {school}: {state}",
};
pub const STALE: Msg = Msg {
    zh: "{by} 已于 {at} 先处理了这份提交（现为“{state}”），未做更改；画面已刷新",
    en: "{by} decided this first at {at} (now {state}); nothing changed, the screen is refreshed",
};
pub const ACCEPT_REFUSED: Msg = Msg {
    zh: "不能接受 #{id}：{reason}",
    en: "cannot accept #{id}: {reason}",
};
pub const DECISION_REFUSED: Msg = Msg {
    zh: "不能处理 #{id}：{reason}",
    en: "cannot decide #{id}: {reason}",
};
pub const NO_PENDING: Msg = Msg {
    zh: "没有其他待决定的提交",
    en: "no other submission needs a decision",
};
pub const RETURN_WRITTEN: Msg = Msg {
    zh: "退回表（{n} 个问题）已写入 {file}",
    en: "return ({n} problems) written to {file}",
};
pub const RETURN_WRITING: Msg = Msg {
    zh: "正在写入退回表 {file} …",
    en: "writing the return to {file} …",
};
pub const RETURN_STOPPED: Msg = Msg {
    zh: "退回表未写完：{error}",
    en: "the return was not written: {error}",
};
pub const IMPORT_TITLE: Msg = Msg {
    zh: "导入报名文件",
    en: "Import a submission file",
};
pub const F_FILE: Msg = Msg {
    zh: "文件",
    en: "File",
};
pub const F_PLAN: Msg = Msg {
    zh: "考试计划",
    en: "Plan",
};
pub const F_SCHOOL: Msg = Msg {
    zh: "院校",
    en: "School",
};
pub const PLAN_HINT: Msg = Msg {
    zh: "如 20211211-初级",
    en: "e.g. 20211211-junior",
};
pub const MORE_CHOICES: Msg = Msg {
    zh: "  ……另有 {n} 个",
    en: "  … {n} more",
};
pub const NEED_FILE: Msg = Msg {
    zh: "请填写文件路径（Tab 补全）",
    en: "enter the file's path (Tab completes)",
};
pub const NO_SUCH_FILE: Msg = Msg {
    zh: "找不到文件 {file}",
    en: "no file {file}",
};
pub const NEED_PLAN_SCHOOL: Msg = Msg {
    zh: "请填写考试计划和院校（Tab 补全）",
    en: "enter the plan and the school (Tab completes)",
};
pub const DID_YOU_MEAN: Msg = Msg {
    zh: "。是否指：{names}",
    en: ". Did you mean: {names}",
};
pub const IMPORTING: Msg = Msg {
    zh: "正在导入 {file}：已读 {rows} 行",
    en: "importing {file}: {rows} rows read",
};
pub const QUEUED: Msg = Msg {
    zh: "，另有 {n} 个排队",
    en: ", {n} queued",
};
pub const IMPORTED: Msg = Msg {
    zh: "已导入 #{id} {school}：{rows} 行，{problems} 个问题 → {state}",
    en: "imported #{id} {school}: {rows} rows, {problems} problems → {state}",
};
pub const DUPLICATE: Msg = Msg {
    zh: "{file} 与已有提交 #{id} 完全相同，未重复导入",
    en: "{file} is the same file as submission #{id}: not imported again",
};
pub const IMPORT_FAILED: Msg = Msg {
    zh: "{file} 未导入：{error}",
    en: "{file} not imported: {error}",
};
pub const ARCHIVE_FAILED: Msg = Msg {
    zh: "{file} 已导入，但未能移到 done/：{error}",
    en: "{file} was imported but could not be moved to done/: {error}",
};
pub const BATCH: Msg = Msg {
    zh: "收件箱处理完：导入 {new} 个，重复 {dup} 个，失败 {failed} 个",
    en: "inbox done: {new} imported, {dup} duplicates, {failed} failed",
};
pub const INBOX_EMPTY: Msg = Msg {
    zh: "收件箱 {dir} 没有新文件",
    en: "no new files in the inbox {dir}",
};
pub const INBOX_FOUND: Msg = Msg {
    zh: "收件箱有 {n} 个文件：{auto} 个按文件名自动导入，{ask} 个需指定计划和院校",
    en: "{n} files in the inbox: {auto} import by their names, {ask} need a plan and school",
};
/// At start-up: the form for the files needing a plan and school waits for the key.
pub const INBOX_FOUND_ASK_KEY: Msg = Msg {
    zh: "收件箱有 {n} 个文件：{auto} 个按文件名自动导入，{ask} 个需指定计划和院校（在报名提交页按 I 逐个填写）",
    en: "{n} files in the inbox: {auto} import by their names, {ask} need a plan and school (press I on Submissions)",
};
pub const INBOX_UNREADABLE: Msg = Msg {
    zh: "无法读取收件箱 {dir}：{error}",
    en: "cannot read the inbox {dir}: {error}",
};
pub const WORKER_FAILED: Msg = Msg {
    zh: "导入中断：{error}",
    en: "the import stopped: {error}",
};
