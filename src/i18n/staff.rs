//! Text of a team on one server: staff, roles, keys, `serve`, presence.

use super::{Lang, Msg};
use crate::domain::staff::{KeyError, NameError, Role};
use crate::store::{Denial, StoreError};

macro_rules! msgs {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(pub const $name: Msg = Msg { zh: $zh, en: $en };)*
    };
}

msgs! {
    NEEDS_ROLE = "{name} 无权进行此操作：需要“{role}”角色", "{name} may not do this: it needs the role {role}";
    DISABLED = "{name} 已被停用", "{name} is disabled";
    NOT_STAFF = "{name} 不在人员名单中", "{name} is not on the staff list";
    UNKNOWN_STAFF = "没有人员 “{name}”", "unknown staff member \"{name}\"";
    STAFF_EXISTS = "人员 “{name}” 已存在", "\"{name}\" is already on the staff list";
    KEY_TAKEN = "密钥 {fingerprint} 已属于 {owner}", "the key {fingerprint} already belongs to {owner}";
    UNKNOWN_KEY = "{name} 没有密钥 {fingerprint}", "{name} has no key {fingerprint}";
    DISABLE_REASON = "停用人员必须填写原因（--reason）", "disabling a person needs a reason (--reason)";
    NAME_EMPTY = "人员姓名不能为空", "a staff name cannot be empty";
    NAME_DASH = "人员姓名不能以“-”开头", "a staff name cannot start with '-'";
    NAME_CHARS = "人员姓名不能包含引号、反斜杠或控制字符", "a staff name cannot hold quotes, backslashes or control characters";
    KEY_SHAPE = "SSH 公钥的格式是“类型 BASE64 [备注]”，例如“ssh-ed25519 AAAAC3Nz… 王娟@laptop”", "an SSH public key reads \"TYPE BASE64 [comment]\", e.g. \"ssh-ed25519 AAAAC3Nz… 王娟@laptop\"";
    KEY_PRIVATE = "这是私钥：请给出公钥（.pub 文件）", "this is a private key: give the public one (the .pub file)";
    KEY_KIND = "不支持的密钥类型 “{kind}”（可用 ssh-ed25519、ssh-rsa、ecdsa-sha2-nistp256/384/521、sk-…）", "unsupported key type \"{kind}\" (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-…)";
    KEY_BASE64 = "密钥的 BASE64 文本已损坏（不完整或有错字？）", "the key's base64 text is damaged (cut short or mistyped?)";
    KEY_MISMATCH = "密钥写的是 {outer}，其数据却是 {inner} 密钥", "the key says {outer} but its data holds a {inner} key";
    KEY_BLOB = "密钥数据已损坏（不完整或有错字？）", "the key's data is damaged (cut short or mistyped?)";
    ROLE_VIEWER = "查看", "viewer";
    ROLE_TRIAGE = "审核", "triage";
    ROLE_SITES = "考点", "sites";
    ROLE_FINANCE = "财务", "finance";
    ROLE_ADMIN = "管理员", "admin";
    HINT_ASK_ADMIN = "请管理员用 `kaowu staff` 查看或调整角色", "ask an admin: `kaowu staff` lists the roles";
    SERVE_REFUSED_PROGRAM = "只能运行 kaowu 的子命令，不能运行 “{program}”", "only kaowu's sub-commands can be run here, not \"{program}\"";
    SERVE_REFUSED_OPTION = "通过 SSH 登录时不能使用 {option}", "{option} cannot be used over an SSH login";
    SERVE_REFUSED_STAFF = "只有管理员可以管理人员", "only an admin can manage staff";
    SERVE_QUOTING = "命令的引号不成对", "the command's quotes do not pair up";
    SERVE_HINT = "例如：ssh kaowu@服务器 submissions --json", "e.g. ssh kaowu@server submissions --json";
    KEYS_WRITTEN = "已更新 {path}（{n} 把 kaowu 密钥）", "updated {path} ({n} kaowu keys)";
    KEYS_UNSAFE = "不能写入 {path}：{e}", "cannot write {path}: {e}";
    STAFF_ADDED = "已添加 {name}（{roles}）", "added {name} ({roles})";
    KEY_ADDED = "已为 {name} 添加密钥 {fingerprint}", "added key {fingerprint} for {name}";
    KEY_REMOVED = "已删除 {name} 的密钥 {fingerprint}", "removed key {fingerprint} of {name}";
    STAFF_DISABLED = "已停用 {name}", "disabled {name}";
    STAFF_ENABLED = "已启用 {name}", "enabled {name}";
    COL_STAFF = "姓名", "Name";
    COL_ROLES = "角色", "Roles";
    COL_STATE = "状态", "State";
    COL_KEYS = "密钥", "Keys";
    COL_LAST_SEEN = "最近活动", "Last seen";
    STATE_ACTIVE = "在用", "active";
    STATE_DISABLED = "已停用", "disabled";
    NEVER = "从未", "never";
    CONSOLE_STOPPED = "{name} 已被停用，控制台已关闭", "{name} is disabled; the console has closed";
}

/// A role's name in the user's language.
pub fn role(r: Role, lang: Lang) -> &'static str {
    lang.t(match r {
        Role::Viewer => &ROLE_VIEWER,
        Role::Triage => &ROLE_TRIAGE,
        Role::Sites => &ROLE_SITES,
        Role::Finance => &ROLE_FINANCE,
        Role::Admin => &ROLE_ADMIN,
    })
}

/// A refusal for lack of a role (or of a place on the staff list).
pub fn denial(name: &str, d: Denial, lang: Lang) -> String {
    match d {
        Denial::Role(r) => lang.fill(&NEEDS_ROLE, &[("name", &name), ("role", &role(r, lang))]),
        Denial::Disabled => lang.fill(&DISABLED, &[("name", &name)]),
        Denial::Unknown => lang.fill(&NOT_STAFF, &[("name", &name)]),
    }
}

/// A key that cannot be used.
pub fn key_error(e: &KeyError, lang: Lang) -> String {
    match e {
        KeyError::Shape => lang.t(&KEY_SHAPE).into(),
        KeyError::Private => lang.t(&KEY_PRIVATE).into(),
        KeyError::Kind(k) => lang.fill(&KEY_KIND, &[("kind", k)]),
        KeyError::Base64 => lang.t(&KEY_BASE64).into(),
        KeyError::Mismatch { outer, inner } => {
            lang.fill(&KEY_MISMATCH, &[("outer", outer), ("inner", inner)])
        }
        KeyError::Blob => lang.t(&KEY_BLOB).into(),
    }
}

/// A staff name that cannot be used.
pub fn name_error(e: &NameError, lang: Lang) -> String {
    lang.t(match e {
        NameError::Empty => &NAME_EMPTY,
        NameError::Dash => &NAME_DASH,
        NameError::Character => &NAME_CHARS,
    })
    .into()
}

/// The store's staff errors in the user's language; `None` for the others.
pub fn store_error(e: &StoreError, lang: Lang) -> Option<String> {
    Some(match e {
        StoreError::NotPermitted { name, denial: d } => denial(name, *d, lang),
        StoreError::UnknownStaff(name) => lang.fill(&UNKNOWN_STAFF, &[("name", name)]),
        StoreError::StaffExists(name) => lang.fill(&STAFF_EXISTS, &[("name", name)]),
        StoreError::StaffName(n) => name_error(n, lang),
        StoreError::KeyTaken { fingerprint, owner } => lang.fill(
            &KEY_TAKEN,
            &[("fingerprint", fingerprint), ("owner", owner)],
        ),
        StoreError::UnknownKey { name, fingerprint } => lang.fill(
            &UNKNOWN_KEY,
            &[("name", name), ("fingerprint", fingerprint)],
        ),
        StoreError::DisableReasonRequired => lang.t(&DISABLE_REASON).into(),
        _ => return None,
    })
}

msgs! {
    LOOKING = "{names} 也在看", "{names} also has it open";
    LOOKING_ASK = "{names} 也打开了这份提交：确定现在决定吗？", "{names} also has this submission open: decide now anyway?";
    NEEDS_ROLE_KEY = "（需要“{role}”角色）", " (needs the role {role})";
}
