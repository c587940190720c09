//! `kaowu audit`: the audit log, newest first.

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Outcome, table};
use crate::i18n::audit as audit_words;
use crate::i18n::cli as msg;
use crate::store::AuditFilter;

pub fn list(ctx: &Ctx, filter: &str, limit: usize) -> Result<Outcome> {
    // Words typed in the reader's language find the actions and states they name.
    let f = AuditFilter {
        text: filter.to_string(),
        named: filter
            .split_whitespace()
            .map(|w| (w.to_string(), audit_words::keys_named(w)))
            .collect(),
        ..Default::default()
    };
    let entries = ctx.store()?.audit_log(&f, limit, 0)?;
    if ctx.json {
        let rows: Vec<_> = entries
            .iter()
            .map(|e| {
                json!({
                    "id": e.id, "at": e.at, "actor": e.actor, "action": e.action,
                    "entity": e.entity, "entity_id": e.entity_id, "label": e.label,
                    "detail": e.detail, "reason": e.reason,
                })
            })
            .collect();
        ctx.print_json(&json!({ "audit": rows }));
        return Ok(Outcome::Clean);
    }
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.at.get(..16).unwrap_or(&e.at).replace('T', " "),
                e.actor.clone(),
                audit_words::action(&e.action, l),
                e.label.clone(),
                audit_words::detail(&e.entity, &e.detail, l),
                e.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out!(
        "{}",
        table::render(
            &[
                l.t(&msg::COL_WHEN),
                l.t(&msg::COL_WHO),
                l.t(&msg::COL_WHAT),
                l.t(&msg::COL_RECORD),
                l.t(&msg::COL_DETAIL),
                l.t(&msg::COL_REASON)
            ],
            &rows
        )
    );
    Ok(Outcome::Clean)
}
