//! Text of the command line.

use super::Msg;

pub const ERROR: Msg = Msg {
    zh: "错误",
    en: "error",
};
pub const UPGRADING: Msg = Msg {
    zh: "{db} 的数据库结构需要升级（{n} 步）：数据多时要一两分钟，请稍候；中断也不会丢失或损坏数据",
    en: "{db} needs a schema upgrade ({n} steps): with much data it takes a minute or two; interrupting it loses nothing",
};
pub const HINT: Msg = Msg {
    zh: "提示",
    en: "hint",
};
pub const HINT_PLANS: Msg = Msg {
    zh: "用 `kaowu plans` 查看计划代码，例如 20211211-初级",
    en: "run `kaowu plans` for the plan codes, e.g. 20211211-junior",
};
pub const HINT_SCHOOLS: Msg = Msg {
    zh: "用 `kaowu sites` 查看院校名称与编号",
    en: "run `kaowu sites` for the school names and ids",
};
pub const HINT_SIMILAR: Msg = Msg {
    zh: "相近的院校：{names}",
    en: "similar schools: {names}",
};
pub const HINT_SITE_ACTIONS: Msg = Msg {
    zh: "当前状态可进行：{actions}",
    en: "from this state you can: {actions}",
};
pub const HINT_NO_ACTIONS: Msg = Msg {
    zh: "当前状态无可进行的操作",
    en: "no decision can be taken from this state",
};
pub const HINT_REASON: Msg = Msg {
    zh: "加上 --reason \"原因\"",
    en: "add --reason \"why\"",
};
pub const HINT_TIME: Msg = Msg {
    zh: "时间格式：RFC 3339 或 \"YYYY-MM-DD HH:MM\"（北京时间）",
    en: "time format: RFC 3339 or \"YYYY-MM-DD HH:MM\" (China time)",
};

pub const COL_CODE: Msg = Msg {
    zh: "代码",
    en: "code",
};
pub const COL_PLAN: Msg = Msg {
    zh: "考试计划",
    en: "plan",
};
pub const COL_REGISTRATION: Msg = Msg {
    zh: "报名时间",
    en: "registration",
};
pub const COL_EXAM: Msg = Msg {
    zh: "考试时间",
    en: "exam",
};
pub const COL_WINDOW: Msg = Msg {
    zh: "报名状态",
    en: "window",
};
pub const COL_SCHOOL: Msg = Msg {
    zh: "院校",
    en: "school",
};
pub const COL_PROVINCE: Msg = Msg {
    zh: "省份",
    en: "province",
};
pub const COL_SITE: Msg = Msg {
    zh: "考点状态",
    en: "site",
};
pub const COL_CONTACT: Msg = Msg {
    zh: "联系人",
    en: "contact",
};
pub const COL_WHEN: Msg = Msg {
    zh: "时间",
    en: "when",
};
pub const COL_WHO: Msg = Msg {
    zh: "操作人",
    en: "who",
};
pub const COL_WHAT: Msg = Msg {
    zh: "操作",
    en: "what",
};
pub const COL_RECORD: Msg = Msg {
    zh: "对象",
    en: "record",
};
pub const COL_DETAIL: Msg = Msg {
    zh: "内容",
    en: "detail",
};
pub const COL_REASON: Msg = Msg {
    zh: "原因",
    en: "reason",
};
pub const AS_OF: Msg = Msg {
    zh: "判定时间：{at}",
    en: "as of {at}",
};

pub const SITE_DECIDED: Msg = Msg {
    zh: "{school}：{from} → {to}",
    en: "{school}: {from} → {to}",
};
pub const SCHOOLS_IMPORTED: Msg = Msg {
    zh: "{file}：新增 {added} 所，更新 {updated} 所，未变 {unchanged} 所",
    en: "{file}: {added} added, {updated} updated, {unchanged} unchanged",
};
pub const TEMPLATE_WRITTEN: Msg = Msg {
    zh: "已写出 {file}",
    en: "wrote {file}",
};
pub const PLAN_SAVED: Msg = Msg {
    zh: "已保存 {code} {name}",
    en: "saved {code} {name}",
};

pub const COL_RECEIVED: Msg = Msg {
    zh: "收到时间",
    en: "received",
};
pub const COL_STATE: Msg = Msg {
    zh: "状态",
    en: "state",
};
pub const COL_VALID_ROWS: Msg = Msg {
    zh: "有效/行数",
    en: "valid/rows",
};
pub const COL_PROBLEMS: Msg = Msg {
    zh: "问题",
    en: "problems",
};
pub const COL_FILE: Msg = Msg {
    zh: "文件",
    en: "file",
};
pub const SUBMISSION_DECIDED: Msg = Msg {
    zh: "#{id} {school}：{from} → {to}",
    en: "#{id} {school}: {from} → {to}",
};
pub const BACKUP_EXISTS: Msg = Msg {
    zh: "{file} 已存在，不覆盖",
    en: "{file} exists: not overwritten",
};
pub const HINT_NEW_NAME: Msg = Msg {
    zh: "换一个新文件名",
    en: "choose a new file name",
};
pub const BACKUP_WRITTEN: Msg = Msg {
    zh: "已备份到 {file}",
    en: "backed up to {file}",
};
pub const RETURN_WRITTEN: Msg = Msg {
    zh: "已写出 {file}（标注 {n} 个问题）",
    en: "wrote {file} ({n} problems marked)",
};
pub const DUPLICATE_FILE: Msg = Msg {
    zh: "{file} 与提交 #{id}（{at} 收到）完全相同：已识别，不重复导入",
    en: "{file} is identical to submission #{id} (received {at}): recognised, not imported again",
};
pub const CHECK_SUMMARY: Msg = Msg {
    zh: "{file}（工作表「{sheet}」）：{plan}，{rows} 行，{valid} 行有效，{problems} 个问题，状态：{state}",
    en: "{file} (sheet \"{sheet}\"): {plan}, {rows} rows, {valid} valid, {problems} problems, state: {state}",
};
pub const IMPORTED_AS: Msg = Msg {
    zh: "已导入为提交 #{id}，待分拣",
    en: "imported as submission #{id} for triage",
};
pub const FILE_NAME_BARE: Msg = Msg {
    zh: "--file-name 只能是文件名，不能含目录：“{name}”",
    en: "--file-name takes a bare file name, without directories: \"{name}\"",
};
pub const STDIN_TOO_LARGE: Msg = Msg {
    zh: "标准输入的数据超过 2 GiB",
    en: "stdin brings more than 2 GiB",
};
pub const SERVED_FILES: Msg = Msg {
    zh: "通过 SSH 登录时文件只能经标准输入输出传送：用 - 代替 “{file}”",
    en: "over an SSH login files go through stdin and stdout: give - instead of \"{file}\"",
};
