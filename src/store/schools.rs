//! Schools (附件2) and their site application state.

use rusqlite::{Row, params};

use super::audit::{Change, escape_like, record};
use super::{Actor, Result, Store, StoreError, optional, stamp};
use crate::domain::school::{School, SchoolInfo};
use crate::domain::staff::Role;
use crate::domain::{SiteAction, SiteState};

const COLUMNS: &str = "id, name, code, province, city, address, contact, phone, email, \
                       invoice_title, tax_id, site_state";

fn from_row(r: &Row<'_>) -> rusqlite::Result<School> {
    let state: String = r.get(11)?;
    Ok(School {
        id: r.get(0)?,
        info: SchoolInfo {
            name: r.get(1)?,
            code: r.get(2)?,
            province: r.get(3)?,
            city: r.get(4)?,
            address: r.get(5)?,
            contact: r.get(6)?,
            phone: r.get(7)?,
            email: r.get(8)?,
            invoice_title: r.get(9)?,
            tax_id: r.get(10)?,
        },
        // The CHECK constraint admits only known states.
        site: state.parse().unwrap_or(SiteState::NotApplied),
    })
}

/// What a 附件2 import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolImport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// One line of the Sites list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRow {
    pub school: School,
    /// When the site state last changed, RFC 3339.
    pub changed_at: Option<String>,
}

impl Store {
    /// Every school, by province then name.
    pub fn schools(&self) -> Result<Vec<School>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM school ORDER BY province, name"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Schools with their site state, optionally only one state and matching `text`
    /// (every word in name, province, city or contact), by province then name.
    pub fn sites(&self, state: Option<SiteState>, text: &str) -> Result<Vec<SiteRow>> {
        let mut sql = format!("SELECT {COLUMNS}, site_changed_at FROM school WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        if let Some(s) = state {
            sql.push_str(" AND site_state = ?");
            args.push(s.key().to_string());
        }
        for w in text.split_whitespace() {
            sql.push_str(
                " AND (name || ' ' || province || ' ' || city || ' ' || contact || ' ' || site_state) \
                 LIKE ? ESCAPE '\\'",
            );
            args.push(format!("%{}%", escape_like(w)));
        }
        sql.push_str(" ORDER BY province, name");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(SiteRow {
                school: from_row(r)?,
                changed_at: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The school with this id.
    pub fn school(&self, id: i64) -> Result<School> {
        optional(self.conn().query_row(
            &format!("SELECT {COLUMNS} FROM school WHERE id = ?1"),
            [id],
            from_row,
        ))?
        .ok_or_else(|| StoreError::UnknownSchool(id.to_string()))
    }

    /// How many schools are loaded (none on a first run).
    pub fn school_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM school", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// A school as staff name it: its id or its exact name (surrounding spaces ignored).
    pub fn find_school(&self, key: &str) -> Result<School> {
        let key = key.trim();
        let by_name = optional(self.conn().query_row(
            &format!("SELECT {COLUMNS} FROM school WHERE name = ?1"),
            [key],
            from_row,
        ))?;
        match (by_name, key.parse::<i64>()) {
            (Some(s), _) => Ok(s),
            (None, Ok(id)) => self
                .school(id)
                .map_err(|_| StoreError::UnknownSchool(key.into())),
            (None, Err(_)) => Err(StoreError::UnknownSchool(key.into())),
        }
    }

    /// Names of schools close to `key` (same words in the name), to suggest after a typo.
    pub fn similar_schools(&self, key: &str, limit: usize) -> Result<Vec<String>> {
        // The longest run of characters staff are likely to have right: the first few.
        let probe: String = key.trim().chars().take(2).collect();
        if probe.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare(
            "SELECT name FROM school WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name LIMIT ?2",
        )?;
        let rows = stmt.query_map(
            params![format!("%{}%", escape_like(&probe)), limit as i64],
            |r| r.get(0),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or updates schools by name from 附件2 rows, all in one transaction, each audited.
    pub fn import_schools(&mut self, actor: &Actor, rows: &[SchoolInfo]) -> Result<SchoolImport> {
        self.write(actor, Role::Sites, "school.import", |tx| {
            let mut out = SchoolImport::default();
            for info in rows {
                let existing: Option<School> = optional(tx.query_row(
                    &format!("SELECT {COLUMNS} FROM school WHERE name = ?1"),
                    [&info.name],
                    from_row,
                ))?;
                let values = params![
                    info.name,
                    info.code,
                    info.province,
                    info.city,
                    info.address,
                    info.contact,
                    info.phone,
                    info.email,
                    info.invoice_title,
                    info.tax_id
                ];
                let (action, id) = match existing {
                    Some(s) if s.info == *info => {
                        out.unchanged += 1;
                        continue;
                    }
                    Some(s) => {
                        tx.execute(
                            "UPDATE school SET code = ?2, province = ?3, city = ?4, address = ?5,
                             contact = ?6, phone = ?7, email = ?8, invoice_title = ?9, tax_id = ?10
                             WHERE name = ?1",
                            values,
                        )?;
                        out.updated += 1;
                        ("school.update", s.id)
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO school (name, code, province, city, address, contact,
                             phone, email, invoice_title, tax_id)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                            values,
                        )?;
                        out.added += 1;
                        ("school.add", tx.last_insert_rowid())
                    }
                };
                record(
                    tx,
                    actor,
                    Change {
                        action: action.into(),
                        entity: "school",
                        entity_id: Some(id),
                        label: info.name.clone(),
                        detail: format!(
                            "{} {} {} {}",
                            info.province, info.city, info.contact, info.phone
                        ),
                        reason: None,
                    },
                )?;
            }
            Ok(out)
        })
    }

    /// Takes a site decision: checked against the state machine, written and audited together.
    /// The state is read inside the write transaction, so two staff deciding at once cannot
    /// both act on the same old state.
    pub fn decide_site(
        &mut self,
        actor: &Actor,
        school_id: i64,
        action: SiteAction,
        reason: Option<&str>,
    ) -> Result<School> {
        self.write(
            actor,
            Role::Sites,
            &format!("site.{}", action.key()),
            |tx| {
                let school = optional(tx.query_row(
                    &format!("SELECT {COLUMNS} FROM school WHERE id = ?1"),
                    [school_id],
                    from_row,
                ))?
                .ok_or_else(|| StoreError::UnknownSchool(school_id.to_string()))?;
                let to = school.site.apply(action, reason)?;
                tx.execute(
                    "UPDATE school SET site_state = ?2, site_changed_at = ?3 WHERE id = ?1",
                    params![school_id, to.key(), stamp()],
                )?;
                record(
                    tx,
                    actor,
                    Change {
                        action: format!("site.{}", action.key()),
                        entity: "school",
                        entity_id: Some(school_id),
                        label: school.info.name.clone(),
                        detail: format!("{} → {}", school.site.key(), to.key()),
                        reason: reason.map(|r| r.trim().to_string()),
                    },
                )?;
                if to == SiteState::Approved {
                    release_waiting_submissions(tx, actor, &school)?;
                }
                Ok(())
            },
        )?;
        self.school(school_id)
    }
}

/// Submissions that waited for this site become pending by themselves once it is approved
/// (domain rule 2): each is audited so staff see why it entered the queue.
fn release_waiting_submissions(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    school: &School,
) -> Result<()> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM submission WHERE school_id = ?1 AND state = 'site_not_approved'",
        )?;
        let rows = stmt.query_map([school.id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in ids {
        tx.execute(
            "UPDATE submission SET state = 'pending', version = version + 1 WHERE id = ?1",
            [id],
        )?;
        record(
            tx,
            actor,
            Change {
                action: "submission.release".into(),
                entity: "submission",
                entity_id: Some(id),
                label: format!("{} #{id}", school.info.name),
                detail: "site_not_approved → pending".into(),
                reason: None,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SiteError;

    fn school(name: &str) -> SchoolInfo {
        SchoolInfo {
            name: name.into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            contact: "王娟".into(),
            phone: "17744566186".into(),
            ..Default::default()
        }
    }

    #[test]
    fn import_adds_then_updates_by_name() {
        let mut s = Store::open_in_memory().unwrap();
        let a = Actor("t".into());
        let r = s
            .import_schools(
                &a,
                &[
                    school("浙江商业职业技术学院"),
                    school("义乌工商职业技术学院"),
                ],
            )
            .unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (2, 0, 0));
        let mut changed = school("义乌工商职业技术学院");
        changed.contact = "金贝".into();
        let r = s
            .import_schools(&a, &[school("浙江商业职业技术学院"), changed])
            .unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (0, 1, 1));
        assert_eq!(
            s.find_school("义乌工商职业技术学院").unwrap().info.contact,
            "金贝"
        );
        assert_eq!(s.audit_count(&Default::default()).unwrap(), 3);
    }

    #[test]
    fn site_decisions_follow_the_machine_and_are_audited() {
        let mut s = Store::open_in_memory().unwrap();
        let a = Actor("wangjuan".into());
        s.import_schools(&a, &[school("浙江商业职业技术学院")])
            .unwrap();
        let id = s.find_school("浙江商业职业技术学院").unwrap().id;
        let err = s
            .decide_site(&a, id, SiteAction::Approve, None)
            .unwrap_err();
        assert!(matches!(
            err,
            StoreError::Site(SiteError::InvalidTransition { .. })
        ));
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        let approved = s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
        assert_eq!(approved.site, SiteState::Approved);
        let err = s
            .decide_site(&a, id, SiteAction::Suspend, None)
            .unwrap_err();
        assert!(matches!(
            err,
            StoreError::Site(SiteError::ReasonRequired { .. })
        ));
        s.decide_site(&a, id, SiteAction::Suspend, Some("考场不达标"))
            .unwrap();
        let log = s
            .audit_log(
                &AuditFilter {
                    entity: Some("school".into()),
                    entity_id: Some(id),
                    ..Default::default()
                },
                10,
                0,
            )
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["site.suspend", "site.approve", "site.apply", "school.add"]
        );
        assert_eq!(log[0].reason.as_deref(), Some("考场不达标"));
        assert_eq!(log[0].detail, "approved → suspended");
    }

    use super::super::AuditFilter;
}
