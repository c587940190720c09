//! The console's words about the staff member's desktop: ZMODEM transfers (rz/sz through the
//! terminal) and copies to the clipboard (OSC 52), src/transfer and src/tui/desktop.rs.

use super::Msg;

pub const KEY_RECEIVE: Msg = Msg {
    zh: "从本机接收文件",
    en: "receive files from your computer",
};
pub const KEY_SEND: Msg = Msg {
    zh: "导出并发送到本机",
    en: "export and send to your computer",
};
pub const KEY_COPY_REPLY: Msg = Msg {
    zh: "复制给院校的回复",
    en: "copy the reply to the school",
};
pub const KEY_COPY_ID: Msg = Msg {
    zh: "复制证件号码",
    en: "copy the ID number",
};
pub const KEY_COPY_REMINDER: Msg = Msg {
    zh: "复制群提醒",
    en: "copy the group reminder",
};
pub const KEY_COPY_NOTICE: Msg = Msg {
    zh: "复制人数不足通知",
    en: "copy the under-20 notice",
};
pub const KEY_NEWLINE: Msg = Msg {
    zh: "换行",
    en: "new line",
};

pub const WAITING_RECEIVE: Msg = Msg {
    zh: "考务：正在等待终端发送文件（ZMODEM，在终端的文件对话框中选择文件；按 Ctrl-X 五次取消）…",
    en: "kaowu: waiting for your terminal to send files (ZMODEM: pick them in its file dialog; Ctrl-X five times cancels)…",
};
pub const WAITING_SEND: Msg = Msg {
    zh: "考务：正在发送 {file} 到本机（ZMODEM；按 Ctrl-X 五次取消）…",
    en: "kaowu: sending {file} to your computer (ZMODEM; Ctrl-X five times cancels)…",
};

pub const RECEIVED: Msg = Msg {
    zh: "已接收 {n} 个文件到收件箱：{files}",
    en: "received {n} files into the inbox: {files}",
};
pub const RECEIVED_NOTHING: Msg = Msg {
    zh: "没有接收到文件（终端的文件对话框被关闭）",
    en: "no file arrived (the terminal's file dialog was closed)",
};
pub const SENT: Msg = Msg {
    zh: "已发送到本机：{file}（服务器上也保留在 {dir}）",
    en: "sent to your computer: {file} (also kept on the server in {dir})",
};

pub const NOT_INSTALLED: Msg = Msg {
    zh: "服务器上没有 {program}（lrzsz 软件包），无法用终端传文件",
    en: "{program} is not installed on the server (package lrzsz): files cannot go through the terminal",
};
pub const NOT_INSTALLED_HELP: Msg = Msg {
    zh: "请管理员在服务器上安装 lrzsz（Debian/Ubuntu：apt-get install lrzsz；RHEL：yum install lrzsz）。\n\n{scripted}",
    en: "Ask the administrator to install lrzsz on the server (Debian/Ubuntu: apt-get install lrzsz; RHEL: yum install lrzsz).\n\n{scripted}",
};
pub const NO_ANSWER: Msg = Msg {
    zh: "终端 {secs} 秒内没有应答 ZMODEM：没有传输任何文件",
    en: "the terminal did not answer ZMODEM within {secs} seconds: nothing was transferred",
};
pub const NO_ANSWER_HELP: Msg = Msg {
    zh: "这个终端不支持 ZMODEM（rz/sz）传文件，或在设置中关闭了它。Xshell、SecureCRT、WindTerm、Tabby 支持；Windows Terminal 不支持。\n\n{scripted}",
    en: "This terminal cannot transfer files with ZMODEM (rz/sz), or has it switched off. Xshell, SecureCRT, WindTerm and Tabby can; Windows Terminal cannot.\n\n{scripted}",
};
pub const NO_ANSWER_TITLE: Msg = Msg {
    zh: "无法通过终端传文件",
    en: "Files cannot go through this terminal",
};
pub const SCRIPTED_RECEIVE: Msg = Msg {
    zh: "可改用命令行，在本机运行：\n  ssh kaowu@<服务器> import - --plan <计划> --school <院校> --file-name 报名表.xlsx < 报名表.xlsx",
    en: "Use the command line instead, on your computer:\n  ssh kaowu@<server> import - --plan <plan> --school <school> --file-name sheet.xlsx < sheet.xlsx",
};
pub const SCRIPTED_SEND: Msg = Msg {
    zh: "可改用命令行，在本机运行：\n  ssh kaowu@<服务器> export returns <编号> -o - > 退回表.xlsx",
    en: "Use the command line instead, on your computer:\n  ssh kaowu@<server> export returns <id> -o - > return.xlsx",
};
pub const CANCELLED_RECEIVE: Msg = Msg {
    zh: "接收已取消：没有导入任何文件",
    en: "receiving cancelled: nothing was imported",
};
pub const CANCELLED_SEND: Msg = Msg {
    zh: "发送已取消",
    en: "sending cancelled",
};
pub const DROPPED: Msg = Msg {
    zh: "传输中断（连接断开或控制台被停止）：没有导入任何文件",
    en: "the transfer broke off (the link dropped or the console was stopped): nothing was imported",
};
pub const FAILED: Msg = Msg {
    zh: "传输失败（{program}：{detail}）：没有导入任何文件",
    en: "the transfer failed ({program}: {detail}): nothing was imported",
};
pub const FAILED_IO: Msg = Msg {
    zh: "传输失败：{error}",
    en: "the transfer failed: {error}",
};

pub const COPIED_HINT: Msg = Msg {
    zh: "已通过 OSC 52 发送到本机剪贴板，可直接粘贴到钉钉。终端不支持时，请用鼠标选中下面的文字复制。",
    en: "Sent to your clipboard with OSC 52: paste it into DingTalk. If your terminal ignores OSC 52, select the text below with the mouse.",
};
pub const COPY_ID_NEEDS_REVEAL: Msg = Msg {
    zh: "先按 v 显示完整证件号码（会记入日志），再按 y 复制",
    en: "press v to reveal the full ID number first (audited), then y to copy it",
};
pub const COPY_NOTHING: Msg = Msg {
    zh: "没有选中的项目可复制",
    en: "nothing selected to copy",
};
pub const COPIED_REPLY: Msg = Msg {
    zh: "已复制：给 {school} 的回复（#{id}）",
    en: "Copied: the reply to {school} (#{id})",
};
pub const COPIED_REMINDER: Msg = Msg {
    zh: "已复制：{plan} 群提醒",
    en: "Copied: the group reminder of {plan}",
};
pub const COPIED_NOTICE: Msg = Msg {
    zh: "已复制：{plan} 人数不足通知",
    en: "Copied: the under-20 notice of {plan}",
};
pub const COPIED_ID: Msg = Msg {
    zh: "已复制：{name} 的证件号码（已记入日志）",
    en: "Copied: the ID number of {name} (logged)",
};
pub const SCOPE_NOTE: Msg = Msg {
    zh: "备注 / 原因",
    en: "Note or reason",
};
pub const INSIDE_TMUX: Msg = Msg {
    zh: "在 tmux 里无法用 ZMODEM 传文件：没有传输任何文件",
    en: "ZMODEM cannot pass through tmux: nothing was transferred",
};
pub const INSIDE_TMUX_HELP: Msg = Msg {
    zh: "tmux 会重绘屏幕，ZMODEM 的数据过不去（tmux 作者的说明：tmux/tmux#1439）。请在 tmux 之外运行考务再按此键。\n\n{scripted}",
    en: "tmux redraws the screen, so ZMODEM data cannot get through (as tmux's author says: tmux/tmux#1439). Run kaowu outside tmux and press the key again.\n\n{scripted}",
};
