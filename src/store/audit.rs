//! The audit log: who did what, when, to which record, and why. Append-only (triggers refuse
//! updates and deletes).

use rusqlite::{Transaction, params_from_iter, types::Value};

use super::{Actor, Result, Store, stamp};

/// One change to record, written in the same transaction as the change itself.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// What was done, e.g. `site.approve`, `plan.window`.
    pub action: String,
    /// The kind of record, e.g. `school`, `plan`.
    pub entity: &'static str,
    pub entity_id: Option<i64>,
    /// A human label of the record (school name, plan code) so the log reads on its own.
    pub label: String,
    /// What changed, e.g. `pending → approved`.
    pub detail: String,
    pub reason: Option<String>,
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub label: String,
    pub detail: String,
    pub reason: Option<String>,
}

/// Which audit rows to list: all words of `text` must appear in the row (any column).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub text: String,
    /// For a word of `text`, the stored keys it names (an action or a state the reader sees
    /// in words): a row holding one of them matches that word too.
    pub named: Vec<(String, Vec<String>)>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
}

/// Records `change` as done by `actor` now, inside `tx`.
pub(crate) fn record(tx: &Transaction<'_>, actor: &Actor, change: Change) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (at, actor, action, entity, entity_id, label, detail, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            stamp(),
            actor.0,
            change.action,
            change.entity,
            change.entity_id,
            change.label,
            change.detail,
            change.reason.filter(|r| !r.trim().is_empty()),
        ],
    )?;
    Ok(())
}

/// A file written with candidates' full ID and phone numbers (a roster, the platform list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalExport {
    Roster,
    Platform,
}

impl PersonalExport {
    fn action(self) -> &'static str {
        match self {
            PersonalExport::Roster => "export.roster",
            PersonalExport::Platform => "export.platform",
        }
    }
}

impl Store {
    /// Records that `actor` wrote `candidates` people's full ID and phone numbers into `file`
    /// (what: `label`, a session or plan): like looking at one candidate's numbers, it is
    /// personal data leaving the masked screens.
    pub fn record_export(
        &mut self,
        actor: &Actor,
        kind: PersonalExport,
        label: &str,
        file: &str,
        candidates: usize,
    ) -> Result<()> {
        // The export itself was permitted (`permit`) before the file was written: this only
        // records it, as a refusal is recorded, under no role of its own.
        self.write_unchecked(|tx| {
            record(
                tx,
                actor,
                Change {
                    action: kind.action().into(),
                    entity: "export",
                    entity_id: None,
                    label: label.to_string(),
                    detail: format!("{file} · {candidates} 名考生 · 证件号码、手机号"),
                    reason: None,
                },
            )
        })
    }

    /// Audit rows matching `filter`, newest first, `limit` rows from `offset`.
    pub fn audit_log(
        &self,
        filter: &AuditFilter,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<AuditEntry>> {
        let (clause, mut args) = where_clause(filter);
        args.push(Value::Integer(limit as i64));
        args.push(Value::Integer(offset as i64));
        let sql = format!(
            "SELECT id, at, actor, action, entity, entity_id, label, detail, reason
             FROM audit {clause} ORDER BY id DESC LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                label: r.get(6)?,
                detail: r.get(7)?,
                reason: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many audit rows match `filter`.
    pub fn audit_count(&self, filter: &AuditFilter) -> Result<usize> {
        let (clause, args) = where_clause(filter);
        let n: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM audit {clause}"),
            params_from_iter(args),
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }
}

fn where_clause(filter: &AuditFilter) -> (String, Vec<Value>) {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    const ROW: &str = "(actor || ' ' || action || ' ' || entity || ' ' || label || ' ' || detail \
                       || ' ' || coalesce(reason, '') || ' ' || at) LIKE ? ESCAPE '\\'";
    for word in filter.text.split_whitespace() {
        let keys = filter
            .named
            .iter()
            .find(|(w, _)| w == word)
            .map_or(&[][..], |(_, k)| k.as_slice());
        let alternatives = vec![ROW; 1 + keys.len()];
        conds.push(format!("({})", alternatives.join(" OR ")));
        for w in std::iter::once(word).chain(keys.iter().map(String::as_str)) {
            args.push(Value::Text(format!("%{}%", escape_like(w))));
        }
    }
    if let Some(e) = &filter.entity {
        conds.push("entity = ?".into());
        args.push(Value::Text(e.clone()));
    }
    if let Some(id) = filter.entity_id {
        conds.push("entity_id = ?".into());
        args.push(Value::Integer(id));
    }
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    (clause, args)
}

/// Escapes LIKE wildcards so a filter typed by staff matches literally.
pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
