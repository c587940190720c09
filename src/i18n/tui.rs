//! Text of the console.

use super::Msg;

pub const APP_NAME: Msg = Msg {
    zh: "考务",
    en: "kaowu",
};
pub const TAB_OVERVIEW: Msg = Msg {
    zh: "概览",
    en: "Overview",
};
pub const TAB_PLANS: Msg = Msg {
    zh: "计划",
    en: "Plans",
};
pub const TAB_SITES: Msg = Msg {
    zh: "考点",
    en: "Sites",
};
pub const TAB_AUDIT: Msg = Msg {
    zh: "日志",
    en: "Audit",
};
pub const TOO_SMALL: Msg = Msg {
    zh: "终端太小：至少需要 {w}×{h}，当前 {cw}×{ch}。请放大窗口，按 q 退出。",
    en: "Terminal too small: needs at least {w}x{h}, now {cw}x{ch}. Enlarge it, or press q to quit.",
};
pub const FILTER: Msg = Msg {
    zh: "筛选",
    en: "filter",
};
pub const FILTER_ESC: Msg = Msg {
    zh: "Esc 清除",
    en: "Esc clears",
};
pub const SCOPE_GLOBAL: Msg = Msg {
    zh: "全局",
    en: "Everywhere",
};
pub const SCOPE_LIST: Msg = Msg {
    zh: "列表",
    en: "Lists",
};
pub const SCOPE_PLANS: Msg = Msg {
    zh: "计划",
    en: "Plans",
};
pub const SCOPE_SITES: Msg = Msg {
    zh: "考点",
    en: "Sites",
};
pub const SCOPE_FILTER: Msg = Msg {
    zh: "筛选输入",
    en: "Filter prompt",
};
pub const SCOPE_FORM: Msg = Msg {
    zh: "表单",
    en: "Forms",
};
pub const SCOPE_MODAL: Msg = Msg {
    zh: "确认框与弹窗",
    en: "Confirm and popups",
};
pub const KEY_QUIT: Msg = Msg {
    zh: "退出",
    en: "quit",
};
pub const KEY_HELP: Msg = Msg {
    zh: "帮助",
    en: "help",
};
pub const KEY_TABS: Msg = Msg {
    zh: "切换页面",
    en: "go to tab",
};
pub const KEY_NEXT_TAB: Msg = Msg {
    zh: "下一页",
    en: "next tab",
};
pub const KEY_PREV_TAB: Msg = Msg {
    zh: "上一页",
    en: "previous tab",
};
pub const KEY_DOWN: Msg = Msg {
    zh: "下移",
    en: "down",
};
pub const KEY_UP: Msg = Msg {
    zh: "上移",
    en: "up",
};
pub const KEY_PAGE_DOWN: Msg = Msg {
    zh: "下翻页",
    en: "page down",
};
pub const KEY_PAGE_UP: Msg = Msg {
    zh: "上翻页",
    en: "page up",
};
pub const KEY_TOP: Msg = Msg {
    zh: "到顶部",
    en: "top",
};
pub const KEY_BOTTOM: Msg = Msg {
    zh: "到底部",
    en: "bottom",
};
pub const KEY_FILTER: Msg = Msg {
    zh: "筛选",
    en: "filter",
};
pub const KEY_OPEN: Msg = Msg {
    zh: "详情",
    en: "details",
};
pub const KEY_BACK: Msg = Msg {
    zh: "返回/清除筛选",
    en: "back / clear filter",
};
pub const KEY_FILTER_KEEP: Msg = Msg {
    zh: "保留筛选",
    en: "keep filter",
};
pub const KEY_FILTER_CLEAR: Msg = Msg {
    zh: "清除筛选",
    en: "clear filter",
};
pub const KEY_FILTER_POP: Msg = Msg {
    zh: "删除一字",
    en: "delete a character",
};
pub const KEY_ADD_PLAN: Msg = Msg {
    zh: "新增",
    en: "add",
};
pub const KEY_EDIT_PLAN: Msg = Msg {
    zh: "编辑",
    en: "edit",
};
pub const KEY_SITE_APPLY: Msg = Msg {
    zh: "申报",
    en: "apply",
};
pub const KEY_SITE_APPROVE: Msg = Msg {
    zh: "批准",
    en: "approve",
};
pub const KEY_SITE_REJECT: Msg = Msg {
    zh: "驳回",
    en: "reject",
};
pub const KEY_SITE_SUSPEND: Msg = Msg {
    zh: "暂停",
    en: "suspend",
};
pub const KEY_SAVE: Msg = Msg {
    zh: "保存",
    en: "save",
};
pub const KEY_NEXT_FIELD: Msg = Msg {
    zh: "下一项",
    en: "next field",
};
pub const KEY_PREV_FIELD: Msg = Msg {
    zh: "上一项",
    en: "previous field",
};
pub const KEY_CANCEL: Msg = Msg {
    zh: "取消",
    en: "cancel",
};
pub const KEY_CONFIRM: Msg = Msg {
    zh: "确认",
    en: "confirm",
};
pub const KEY_CLOSE: Msg = Msg {
    zh: "取消/关闭",
    en: "cancel / close",
};
pub const HELP_TITLE: Msg = Msg {
    zh: "按键说明",
    en: "Keys",
};
pub const OV_WINDOWS: Msg = Msg {
    zh: "报名窗口",
    en: "Registration windows",
};
pub const OV_EXAMS: Msg = Msg {
    zh: "即将考试",
    en: "Exams coming up",
};
pub const OV_SITES: Msg = Msg {
    zh: "待审核",
    en: "Awaiting review",
};

pub const TRIAGE_COUNT: Msg = Msg {
    zh: "提交待决定：{n} 份",
    en: "Submissions to decide: {n}",
};
pub const NO_OPEN_WINDOW: Msg = Msg {
    zh: "当前没有开放的报名窗口",
    en: "No registration window is open",
};
pub const CLOSES_NEXT: Msg = Msg {
    zh: "最先截止：{plan} {when}",
    en: "Closes next: {plan} {when}",
};
pub const OPENS_NEXT: Msg = Msg {
    zh: "下一个开放：{plan} {when}",
    en: "Opens next: {plan} {when}",
};
pub const NO_WINDOW_AHEAD: Msg = Msg {
    zh: "没有待开放的报名窗口",
    en: "No window ahead",
};
pub const NO_EXAMS_AHEAD: Msg = Msg {
    zh: "没有即将进行的考试",
    en: "No exam ahead",
};
pub const TODAY: Msg = Msg {
    zh: "今天",
    en: "today",
};
pub const IN_DAYS: Msg = Msg {
    zh: "还有 {n} 天",
    en: "in {n} d",
};
pub const PENDING_COUNT: Msg = Msg {
    zh: "考点待审核：{n} 所",
    en: "Sites pending: {n}",
};
pub const AND_MORE: Msg = Msg {
    zh: "  …另有 {n} 项",
    en: "  …and {n} more",
};
pub const COL_PLAN: Msg = Msg {
    zh: "计划",
    en: "Plan",
};
pub const COL_WINDOW: Msg = Msg {
    zh: "报名时间",
    en: "Window",
};
pub const COL_EXAM: Msg = Msg {
    zh: "考试时间",
    en: "Exam",
};
pub const COL_STATE: Msg = Msg {
    zh: "状态",
    en: "State",
};
pub const COL_SCHOOL: Msg = Msg {
    zh: "院校",
    en: "School",
};
pub const COL_PROVINCE: Msg = Msg {
    zh: "省份",
    en: "Province",
};
pub const COL_SITE: Msg = Msg {
    zh: "考点状态",
    en: "Site",
};
pub const COL_CONTACT: Msg = Msg {
    zh: "联系人",
    en: "Contact",
};
pub const COL_TIME: Msg = Msg {
    zh: "时间",
    en: "Time",
};
pub const COL_ACTOR: Msg = Msg {
    zh: "操作人",
    en: "Actor",
};
pub const COL_ACTION: Msg = Msg {
    zh: "操作",
    en: "Action",
};
pub const COL_WHAT: Msg = Msg {
    zh: "对象",
    en: "What",
};
pub const PLANS_TITLE: Msg = Msg {
    zh: "考试计划（{n}）",
    en: "Plans ({n})",
};
pub const SITES_TITLE: Msg = Msg {
    zh: "院校考点（{n}）",
    en: "Schools ({n})",
};
pub const AUDIT_TITLE: Msg = Msg {
    zh: "操作日志 {from}–{to} / {n}",
    en: "Audit log {from}–{to} of {n}",
};
pub const F_NAME: Msg = Msg {
    zh: "名称",
    en: "Name",
};
pub const F_LEVEL: Msg = Msg {
    zh: "等级",
    en: "Level",
};
pub const F_OPENS: Msg = Msg {
    zh: "报名开始",
    en: "Opens",
};
pub const F_CLOSES: Msg = Msg {
    zh: "报名截止",
    en: "Closes",
};
pub const F_EXAM_START: Msg = Msg {
    zh: "考试开始",
    en: "Exam start",
};
pub const F_EXAM_END: Msg = Msg {
    zh: "考试结束",
    en: "Exam end",
};
pub const F_GROUP: Msg = Msg {
    zh: "钉钉群",
    en: "DingTalk group",
};
pub const F_EMAIL: Msg = Msg {
    zh: "邮箱",
    en: "Email",
};
pub const F_ADDRESS: Msg = Msg {
    zh: "地址",
    en: "Address",
};
pub const F_POSSIBLE: Msg = Msg {
    zh: "可进行",
    en: "Possible",
};
pub const F_DETAIL: Msg = Msg {
    zh: "内容",
    en: "Detail",
};
pub const F_REASON: Msg = Msg {
    zh: "原因",
    en: "Reason",
};
pub const HISTORY: Msg = Msg {
    zh: "历史记录",
    en: "History",
};
pub const FORM_ADD: Msg = Msg {
    zh: "新增考试计划",
    en: "New plan",
};
pub const FORM_EDIT: Msg = Msg {
    zh: "编辑计划 {plan}",
    en: "Edit plan {plan}",
};
pub const REASON_REQUIRED: Msg = Msg {
    zh: "原因（必填）",
    en: "Reason (required)",
};
pub const CONFIRM_TITLE: Msg = Msg {
    zh: "请确认",
    en: "Confirm",
};
pub const CONFIRM_SITE: Msg = Msg {
    zh: "{action}考点申报：{school}？",
    en: "{action} the site of {school}?",
};
pub const CONFIRM_QUIT: Msg = Msg {
    zh: "表单有未保存的修改，仍要退出吗？",
    en: "A form has unsaved edits. Quit anyway?",
};
pub const CONFIRM_DISCARD: Msg = Msg {
    zh: "放弃表单中未保存的修改？",
    en: "Discard the form's unsaved edits?",
};
pub const SITE_DONE: Msg = Msg {
    zh: "{school}：现为{state}",
    en: "{school}: now {state}",
};
pub const PLAN_SAVED: Msg = Msg {
    zh: "已保存计划 {plan}",
    en: "Saved plan {plan}",
};
pub const ERR_FIELD: Msg = Msg {
    zh: "「{field}」无法识别：{value}",
    en: "{field}: cannot read \"{value}\"",
};
pub const LEVEL_HINT: Msg = Msg {
    zh: "初级 / 中级 / 高级",
    en: "junior / intermediate / senior",
};
pub const NO_TERMINAL: Msg = Msg {
    zh: "控制台需要在终端中运行（{error}）",
    en: "the console needs a terminal ({error})",
};
pub const NO_TERMINAL_HINT: Msg = Msg {
    zh: "在脚本中请使用子命令，例如 `kaowu plans`；`kaowu --help` 列出全部命令",
    en: "in scripts use a sub-command, e.g. `kaowu plans`; `kaowu --help` lists them",
};

/// The Overview on a first run (no schools, or no window open or ahead): what to do first.
pub const FIRST_TITLE: Msg = Msg {
    zh: "刚开始使用？先做这几步：",
    en: "Just starting? Do these first:",
};
pub const FIRST_SCHOOLS: Msg = Msg {
    zh: "1. 载入院校（附件2）：在「考点」页按 i",
    en: "1. Load the schools (附件2): press i on Sites",
};
pub const FIRST_PLANS: Msg = Msg {
    zh: "2. 添加本批计划：在「计划」页按 a",
    en: "2. Add this batch's plans: press a on Plans",
};
pub const FIRST_INBOX: Msg = Msg {
    zh: "3. 学校的报名表放进收件箱，在「提交」页按 I：",
    en: "3. Put schools' files in the inbox, press I on Submissions:",
};
pub const FIRST_DEMO: Msg = Msg {
    zh: "想先看看？运行 kaowu --demo 打开一套演示数据",
    en: "Want a look first? Run kaowu --demo for a demo office",
};
pub const SCHOOLS_IMPORT_TITLE: Msg = Msg {
    zh: "载入院校（附件2）",
    en: "Load schools (附件2)",
};
pub const SCHOOLS_IMPORT_INTRO: Msg = Msg {
    zh: "院校基本信息表 .xlsx：有任何问题则一所也不导入。",
    en: "The schools sheet (.xlsx): a file with any problem imports no school.",
};
pub const SCHOOLS_IMPORT_PATH: Msg = Msg {
    zh: "文件",
    en: "File",
};
pub const KEY_IMPORT_SCHOOLS: Msg = Msg {
    zh: "导入院校",
    en: "load schools",
};
