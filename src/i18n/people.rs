//! Text of the console's Sessions and Candidates screens and the Overview's session lists.

use super::Msg;

macro_rules! msgs {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(pub const $name: Msg = Msg { zh: $zh, en: $en };)*
    };
}

msgs! {
    TAB_SESSIONS = "场次", "Sessions";
    TAB_CANDIDATES = "考生", "Candidates";
    SCOPE_SESSIONS = "场次", "Sessions";
    SCOPE_CANDIDATES = "考生", "Candidates";
    SCOPE_PICK = "选择目标", "Choosing a target";
    KEY_REVEAL = "显示完整号码（记入日志）", "show full numbers (audited)";
    KEY_SORT = "按差额/计划排序", "sort by shortfall / plan";
    KEY_CONFIRM_SESSION = "确认场次", "confirm session";
    KEY_CANCEL_SESSION = "取消场次", "cancel session";
    KEY_MOVE_SESSION = "转到其他计划", "move to another plan";
    KEY_READY_SOFTWARE = "准备：软件部署", "ready: software";
    KEY_READY_VIDEO = "准备：培训视频", "ready: video";
    KEY_READY_ROOM = "准备：布置考场", "ready: room";
    KEY_NEXT_CHOICE = "下一个目标", "next target";
    KEY_PREV_CHOICE = "上一个目标", "previous target";
    COL_NAME = "姓名", "Name";
    COL_ID = "证件号码", "ID number";
    COL_PHONE = "手机号", "Phone";
    COL_PLAN = "计划", "Plan";
    COL_SCHOOL = "院校", "School";
    COL_SITE = "考点", "Site";
    COL_COUNT = "人数（20 线）", "Count (20+)";
    COL_STATE = "状态", "State";
    COL_NOTE = "差额/准备", "Short/ready";
    CANDIDATES_TITLE = "考生 {from}–{to} / {n}", "Candidates {from}–{to} / {n}";
    CANDIDATES_MORE = "{n}+（请细化搜索）", "{n}+ (narrow the search)";
    NO_CANDIDATES = "没有考生", "No candidates";
    SEARCH_HINT = "姓名、证件号码或手机号（开头或后四位）", "name, ID or phone (start or last four)";
    REVEALED = "已显示 {name} 的完整号码（已记入日志）", "showing {name}'s full numbers (audited)";
    SESSIONS_TITLE = "场次（{n}）· 排序：{sort}", "Sessions ({n}) · sort: {sort}";
    SORT_PLAN = "按计划", "by plan";
    SORT_SHORTFALL = "按差额", "by shortfall";
    SHORT_BY = "还差 {n} 人", "short by {n}";
    READY_COUNT = "准备 {n}/3", "ready {n}/3";
    RETAKES = "补 {n}", "rt {n}";
    F_SUBMISSION = "报名表", "Submission";
    F_SUBMISSION_ROW = "#{id} 第 {row} 行 · {state}", "#{id} row {row} · {state}";
    F_SESSION = "场次", "Session";
    F_ADMISSION = "准考证号", "Admission number";
    F_RETAKE = "补考", "Retake";
    F_COUNT = "人数", "Head count";
    F_STATE = "状态", "State";
    F_SHORT = "差额", "Short by";
    F_OVERLAPS = "时间冲突", "Slot overlaps";
    F_CONFIRMED = "确认", "Confirmed";
    F_CANCEL_REASON = "取消原因", "Cancel reason";
    YES = "是", "yes";
    NO = "否", "no";
    NONE = "—", "—";
    COUNT_DETAIL = "{n} 人（含补考 {r} 人），最低 20 人", "{n} (retakes {r}), minimum 20";
    READY_DONE_BY = "✓ {item}（{by} {at}）", "✓ {item} ({by} {at})";
    READY_NOT_DONE = "· {item}：未完成", "· {item}: not done";
    RESULTS = "历次成绩", "Earlier results";
    NO_RESULTS = "没有历次成绩", "No earlier results";
    REGISTRATIONS = "报名记录", "Registrations";
    READINESS = "考前准备", "Readiness";
    CONFIRM_SESSION = "确认场次 {session}（{n} 人）？确认后发放准考证号。", "Confirm session {session} ({n} candidates)? Admission numbers are given.";
    CANCEL_SESSION = "取消场次 {session}？考生保留并标记，可再转出。", "Cancel session {session}? Its candidates stay, marked, and can still be moved.";
    MOVE_SESSION = "把 {session} 的 {n} 名考生转到：", "Move the {n} candidates of {session} to:";
    MOVE_NO_TARGET = "没有同等级的其他考试计划可转入", "no other plan of the same level to move to";
    READY_SET = "{session}：把「{item}」标为已完成？", "{session}: mark \"{item}\" done?";
    READY_UNSET = "{session}：把「{item}」改为未完成？", "{session}: mark \"{item}\" not done?";
    OV_SESSIONS = "场次", "Sessions";
    OV_UNREADY = "7 天内考试、考前准备未完成：{n} 个", "Exam within 7 days, checklist incomplete: {n}";
    OV_SHORT = "不足 20 人的待确认场次：{n} 个", "Open sessions under 20: {n}";
    OV_IN_DAYS = "{n}天后", "in {n} d";
    OV_UNREADY_ROW = "· {days} {done}/3 {school} {plan}", "· {days} {done}/3 {school} {plan}";
    OV_SHORT_ROW = "· 差{n}人 {school} {plan}", "· short {n} {school} {plan}";
}
