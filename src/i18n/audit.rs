//! The audit log in words: what was done (`submission.reject` → 驳回提交) and the states in a
//! change (`pending → rejected` → 待审核 → 已驳回). The log stores keys, which never change; the
//! reader sees the catalog's words, and the console's filter finds rows by those words.

use super::{Lang, Msg, common, errors, sessions};
use crate::domain::session::SessionState;
use crate::domain::submission::{Decision, SubmissionState};
use crate::domain::{SiteAction, SiteState};
use crate::store::ReadyItem;

macro_rules! actions {
    ($($key:literal => $zh:literal, $en:literal;)*) => {
        /// The actions with a sentence of their own (the others are built from their parts).
        const ACTIONS: &[(&str, Msg)] = &[$(($key, Msg { zh: $zh, en: $en }),)*];
    };
}

actions! {
    "candidate.reveal" => "查看完整号码", "full numbers shown";
    "fee.set" => "设置考试费", "exam fee set";
    "site_fee.set" => "设置考点费", "site fee set";
    "invoice.issue" => "开具发票", "invoice issued";
    "invoice.reverse" => "冲红发票", "invoice reversed";
    "payment.record" => "登记收款", "payment recorded";
    "payment.reverse" => "冲正收款", "payment reversed";
    "payout.record" => "登记付款", "payout recorded";
    "payout.reverse" => "冲正付款", "payout reversed";
    "photo.check" => "检查照片", "photos checked";
    "plan.add" => "新增计划", "plan added";
    "plan.edit" => "修改计划", "plan changed";
    "plan.window" => "修改报名时间", "window changed";
    "result.import" => "导入成绩", "results imported";
    "school.add" => "新增院校", "school added";
    "school.update" => "更新院校", "school updated";
    "submission.import" => "收到提交", "submission received";
    "submission.release" => "考点获批，转待审核", "released on site approval";
    "session.confirm" => "确认场次", "session confirmed";
    "session.cancel" => "取消场次", "session cancelled";
    "session.move" => "转移场次", "session moved";
    "session.number" => "编排准考证号", "admission numbers given";
    "submission.rejudge" => "报名时间变更，重新判定", "judged again after a window change";
    "export.roster" => "导出考场名单（完整号码）", "roster exported (full numbers)";
    "export.platform" => "导出平台名单（完整号码）", "platform list exported (full numbers)";
    "issuer.set" => "设置开票方", "invoice issuer set";
    "staff.add" => "添加人员", "staff member added";
    "staff.key.add" => "添加密钥", "key added";
    "staff.key.remove" => "删除密钥", "key removed";
    "staff.disable" => "停用人员", "staff member disabled";
    "staff.enable" => "启用人员", "staff member enabled";
    "not_permitted" => "无权限，已拒绝", "refused: not permitted";
}

const SITE_DOES: Msg = Msg {
    zh: "考点：{action}",
    en: "site: {action}",
};
const SUBMISSION_DOES: Msg = Msg {
    zh: "提交：{decision}",
    en: "submission: {decision}",
};
const READY_DOES: Msg = Msg {
    zh: "准备：{item}",
    en: "ready: {item}",
};
const DONE: Msg = Msg {
    zh: "已完成",
    en: "done",
};
const NOT_DONE: Msg = Msg {
    zh: "未完成",
    en: "not done",
};

/// Every action key the log can hold.
pub fn action_keys() -> Vec<String> {
    let mut keys: Vec<String> = ACTIONS.iter().map(|(k, _)| k.to_string()).collect();
    keys.extend(SiteAction::ALL.iter().map(|a| format!("site.{}", a.key())));
    keys.extend(
        Decision::ALL
            .iter()
            .map(|d| format!("submission.{}", d.key())),
    );
    keys.extend(
        ReadyItem::ALL
            .iter()
            .map(|i| format!("session.ready.{}", i.key())),
    );
    keys
}

/// An action in the reader's words; a key the catalog does not know is shown as it is.
pub fn action(key: &str, lang: Lang) -> String {
    if let Some((_, m)) = ACTIONS.iter().find(|(k, _)| *k == key) {
        return lang.t(m).to_string();
    }
    if let Some(a) = key
        .strip_prefix("site.")
        .and_then(|k| SiteAction::ALL.into_iter().find(|a| a.key() == k))
    {
        return lang.fill(&SITE_DOES, &[("action", &lang.t(common::site_action(a)))]);
    }
    if let Some(d) = key
        .strip_prefix("submission.")
        .and_then(|k| Decision::ALL.into_iter().find(|d| d.key() == k))
    {
        return lang.fill(
            &SUBMISSION_DOES,
            &[("decision", &lang.t(errors::decision(d)))],
        );
    }
    if let Some(i) = key
        .strip_prefix("session.ready.")
        .and_then(|k| ReadyItem::ALL.into_iter().find(|i| i.key() == k))
    {
        return lang.fill(&READY_DOES, &[("item", &lang.t(sessions::ready_item(i)))]);
    }
    key.to_string()
}

/// The state keys of an entity's records, with their words.
fn states(entity: &str) -> Vec<(&'static str, &'static Msg)> {
    match entity {
        "submission" => SubmissionState::ALL
            .iter()
            .map(|s| (s.key(), common::submission_state(*s)))
            .collect(),
        "school" => SiteState::ALL
            .iter()
            .map(|s| (s.key(), common::site_state(*s)))
            .collect(),
        "session" => SessionState::ALL
            .iter()
            .map(|s| (s.key(), sessions::state(*s)))
            .collect(),
        _ => Vec::new(),
    }
}

/// What changed, with the entity's state keys (`pending → rejected`) in the reader's words;
/// everything else in the detail (names, amounts, counts) as recorded.
pub fn detail(entity: &str, detail: &str, lang: Lang) -> String {
    match detail {
        "done" => return lang.t(&DONE).to_string(),
        "not done" => return lang.t(&NOT_DONE).to_string(),
        _ => {}
    }
    let states = states(entity);
    detail
        .split(' ')
        .map(|token| {
            let word = token.trim_end_matches(',');
            match states.iter().find(|(k, _)| *k == word) {
                Some((_, m)) => format!("{}{}", lang.t(m), &token[word.len()..]),
                None => token.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stored keys (actions and states) whose words in either language contain `word`, so a
/// filter typed in words finds rows that store keys.
pub fn keys_named(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let named = |m: &Msg| m.zh.contains(&w) || m.en.to_lowercase().contains(&w);
    let mut keys: Vec<String> = action_keys()
        .into_iter()
        .filter(|k| {
            [Lang::Zh, Lang::En]
                .iter()
                .any(|l| action(k, *l).to_lowercase().contains(&w))
        })
        .collect();
    for entity in ["submission", "school", "session"] {
        for (k, m) in states(entity) {
            if named(m) && !keys.iter().any(|x| x == k) {
                keys.push(k.to_string());
            }
        }
    }
    if named(&DONE) || named(&NOT_DONE) {
        keys.push("done".into());
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_the_log_can_hold_has_words() {
        for key in action_keys() {
            for lang in [Lang::Zh, Lang::En] {
                let said = action(&key, lang);
                assert_ne!(said, key, "{key} has no words in {lang:?}");
                assert!(!said.contains(['{', '}']), "{said}");
            }
        }
        assert_eq!(action("submission.reject", Lang::Zh), "提交：驳回");
    }

    #[test]
    fn states_in_a_change_are_said_in_words_and_the_rest_kept() {
        assert_eq!(
            detail("submission", "pending → rejected", Lang::Zh),
            "待处理 → 已驳回"
        );
        let said = |s| Lang::Zh.t(sessions::state(s));
        assert_eq!(
            detail("session", "open → cancelled, 21 人", Lang::Zh),
            format!(
                "{} → {}, 21 人",
                said(SessionState::Open),
                said(SessionState::Cancelled)
            )
        );
        assert_eq!(
            detail("plan", "2021-11-21 → 2021-11-23", Lang::Zh),
            "2021-11-21 → 2021-11-23"
        );
    }

    #[test]
    fn a_word_names_the_keys_it_stands_for() {
        let keys = keys_named("驳回");
        assert!(keys.contains(&"submission.reject".to_string()), "{keys:?}");
        assert!(keys.contains(&"rejected".to_string()), "{keys:?}");
    }
}
