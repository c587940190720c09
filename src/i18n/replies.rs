//! What kaowu says to schools, ready to paste into DingTalk: the reply to one submission and the
//! plan's group messages (src/replies). Plain sentences, no codes.

use super::Msg;

pub const REPLY_HEAD: Msg = Msg {
    zh: "{school}：贵校发送的「{plan}」报名表（{file}，{received} 收到，共 {rows} 行）",
    en: "{school}: your registration sheet for {plan} ({file}, received {received}, {rows} rows)",
};
pub const REPLY_PENDING: Msg = Msg {
    zh: "已收到，正在审核，结果会在群里告知。",
    en: "has been received and is being reviewed; we will tell you the result here.",
};
pub const REPLY_ACCEPTED: Msg = Msg {
    zh: "已审核通过，{n} 名考生报名成功。",
    en: "has been accepted: {n} candidates are registered.",
};
pub const REPLY_ACCEPTED_VALID_ONLY: Msg = Msg {
    zh: "已审核通过其中无问题的 {n} 行；以下各行有问题，未报名成功，请改正后重新发送这些考生：",
    en: "has been accepted for its {n} rows without problems; the rows below have problems and are not registered: please send those candidates again, corrected:",
};
pub const REPLY_NEEDS_FIX: Msg = Msg {
    zh: "需要修改后重新发送。问题如下：",
    en: "needs fixing and sending again. The problems:",
};
pub const REPLY_REJECTED: Msg = Msg {
    zh: "未能接受。",
    en: "could not be accepted.",
};
pub const REPLY_LATE: Msg = Msg {
    zh: "在报名截止（{closes}）之后收到。按通知要求，逾期提交信息的不安排考试。",
    en: "arrived after registration closed ({closes}). As the notice says, late registrations are not scheduled.",
};
pub const REPLY_EARLY: Msg = Msg {
    zh: "在报名开始（{opens}）之前收到，请在报名时间内重新发送。",
    en: "arrived before registration opened ({opens}); please send it again during the registration window.",
};
pub const REPLY_SITE: Msg = Msg {
    zh: "已收到，但贵校考点尚未审核通过：考点审核通过后才能安排考试，届时会继续审核这份报名表。",
    en: "has been received, but your exam site is not approved yet: exams are arranged only at approved sites; the sheet will be reviewed once it is.",
};
pub const REPLY_ROW: Msg = Msg {
    zh: "第 {row} 行 {column}：{message}",
    en: "row {row}, {column}: {message}",
};
pub const REPLY_ROW_NO_COLUMN: Msg = Msg {
    zh: "第 {row} 行：{message}",
    en: "row {row}: {message}",
};
pub const REPLY_FILE_PROBLEM: Msg = Msg {
    zh: "整个文件：{message}",
    en: "whole file: {message}",
};
pub const REPLY_NOTE: Msg = Msg {
    zh: "说明：{note}",
    en: "Note: {note}",
};
pub const REPLY_RESEND_BY: Msg = Msg {
    zh: "请改正后在 {closes} 之前重新发送。",
    en: "Please send the corrected sheet before {closes}.",
};
pub const REPLY_RESEND: Msg = Msg {
    zh: "请改正后重新发送。",
    en: "Please send the corrected sheet.",
};

pub const GROUP_REMINDER_HEAD: Msg = Msg {
    zh: "【{plan}】报名提醒",
    en: "[{plan}] Registration reminder",
};
pub const GROUP_CLOSES: Msg = Msg {
    zh: "报名将于 {closes} 截止（还剩 {left}）。",
    en: "Registration closes {closes} ({left} left).",
};
pub const GROUP_OPENS: Msg = Msg {
    zh: "报名时间：{opens} 至 {closes}。",
    en: "Registration runs from {opens} to {closes}.",
};
pub const GROUP_CLOSED: Msg = Msg {
    zh: "报名已于 {closes} 截止。",
    en: "Registration closed {closes}.",
};
pub const GROUP_NOT_SENT: Msg = Msg {
    zh: "以下院校尚未发送报名表：",
    en: "These schools have not sent their registration sheet yet:",
};
pub const GROUP_NEEDS_FIX: Msg = Msg {
    zh: "以下院校的报名表需要修改后重新发送：",
    en: "These schools' sheets need fixing and sending again:",
};
pub const GROUP_NEEDS_FIX_ITEM: Msg = Msg {
    zh: "{school}（{n} 处问题，详见单独回复）",
    en: "{school} ({n} problems, see our reply)",
};
pub const GROUP_REMINDER_TAIL: Msg = Msg {
    zh: "请在截止前将报名表发到本群。逾期提交信息的不安排考试。",
    en: "Please send your sheet to this group before the deadline. Late registrations are not scheduled.",
};
pub const GROUP_ALL_IN: Msg = Msg {
    zh: "各院校的报名表均已收到，谢谢！",
    en: "Every school's sheet has arrived. Thank you!",
};

pub const GROUP_NOTICE_HEAD: Msg = Msg {
    zh: "【{plan}】场次人数通知",
    en: "[{plan}] Session numbers",
};
pub const GROUP_UNDER: Msg = Msg {
    zh: "以下考点报名人数不足 {min} 人，暂不能安排考试：",
    en: "These sites have fewer than {min} candidates and cannot hold the exam yet:",
};
pub const GROUP_UNDER_ITEM: Msg = Msg {
    zh: "{school}：已报名 {n} 人，还差 {short} 人",
    en: "{school}: {n} registered, {short} short",
};
pub const GROUP_UNDER_TAIL: Msg = Msg {
    zh: "请补充报名，或与我们联系合并到其他考点的场次。",
    en: "Please register more candidates, or contact us to join another site's session.",
};
pub const GROUP_NONE_UNDER: Msg = Msg {
    zh: "各考点报名人数均已达到 {min} 人。",
    en: "Every site has at least {min} candidates.",
};
