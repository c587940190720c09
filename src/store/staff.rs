//! Staff, their roles and SSH keys. Changing them needs the admin role and is audited.

use rusqlite::{Connection, Transaction, params};

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, optional, stamp};
use crate::domain::staff::{PublicKey, Role, Roles, check_name};

/// One person of the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub roles: Roles,
    pub active: bool,
    pub keys: Vec<StaffKey>,
    /// When they last logged in or worked in the console (RFC 3339), if ever.
    pub last_seen: Option<String>,
}

/// One of a person's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffKey {
    pub fingerprint: String,
    pub comment: String,
    /// `TYPE BASE64 comment`, as it goes into `authorized_keys`.
    pub line: String,
}

fn staff_id(tx: &Connection, name: &str) -> Result<i64> {
    optional(tx.query_row("SELECT id FROM staff WHERE name = ?1", [name], |r| r.get(0)))?
        .ok_or_else(|| StoreError::UnknownStaff(name.to_string()))
}

fn insert_key(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: i64,
    name: &str,
    key: &PublicKey,
) -> Result<()> {
    let fp = key.fingerprint();
    let owner: Option<String> = optional(tx.query_row(
        "SELECT s.name FROM staff_key k JOIN staff s ON s.id = k.staff_id WHERE k.fingerprint = ?1",
        [&fp],
        |r| r.get(0),
    ))?;
    if let Some(owner) = owner {
        return Err(StoreError::KeyTaken {
            fingerprint: fp,
            owner,
        });
    }
    tx.execute(
        "INSERT INTO staff_key (staff_id, fingerprint, kind, base64, comment, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, fp, key.kind, key.base64, key.comment, stamp()],
    )?;
    record(
        tx,
        actor,
        Change {
            action: "staff.key.add".into(),
            entity: "staff",
            entity_id: Some(id),
            label: name.into(),
            detail: format!("{fp} {}", key.comment),
            reason: None,
        },
    )
}

impl Store {
    /// Adds a person with their roles and keys.
    pub fn add_staff(
        &mut self,
        actor: &Actor,
        name: &str,
        roles: &Roles,
        keys: &[PublicKey],
    ) -> Result<i64> {
        check_name(name).map_err(StoreError::StaffName)?;
        if roles.iter().next().is_none() {
            return Err(StoreError::Corrupt(
                "a person needs at least one role".into(),
            ));
        }
        self.write(actor, Role::Admin, "staff.add", |tx| {
            let exists: Option<i64> =
                optional(
                    tx.query_row("SELECT id FROM staff WHERE name = ?1", [name], |r| r.get(0)),
                )?;
            if exists.is_some() {
                return Err(StoreError::StaffExists(name.into()));
            }
            tx.execute(
                "INSERT INTO staff (name, roles, added_at) VALUES (?1, ?2, ?3)",
                params![name, roles.keys(), stamp()],
            )?;
            let id = tx.last_insert_rowid();
            record(
                tx,
                actor,
                Change {
                    action: "staff.add".into(),
                    entity: "staff",
                    entity_id: Some(id),
                    label: name.into(),
                    detail: roles.keys(),
                    reason: None,
                },
            )?;
            for key in keys {
                insert_key(tx, actor, id, name, key)?;
            }
            Ok(id)
        })
    }

    /// Gives a person one more key.
    pub fn add_staff_key(&mut self, actor: &Actor, name: &str, key: &PublicKey) -> Result<()> {
        self.write(actor, Role::Admin, "staff.key.add", |tx| {
            let id = staff_id(tx, name)?;
            insert_key(tx, actor, id, name, key)
        })
    }

    /// Removes one of a person's keys, by its `SHA256:…` fingerprint.
    pub fn remove_staff_key(&mut self, actor: &Actor, name: &str, fingerprint: &str) -> Result<()> {
        self.write(actor, Role::Admin, "staff.key.remove", |tx| {
            let id = staff_id(tx, name)?;
            let n = tx.execute(
                "DELETE FROM staff_key WHERE staff_id = ?1 AND fingerprint = ?2",
                params![id, fingerprint],
            )?;
            if n == 0 {
                return Err(StoreError::UnknownKey {
                    name: name.into(),
                    fingerprint: fingerprint.into(),
                });
            }
            record(
                tx,
                actor,
                Change {
                    action: "staff.key.remove".into(),
                    entity: "staff",
                    entity_id: Some(id),
                    label: name.into(),
                    detail: fingerprint.into(),
                    reason: None,
                },
            )
        })
    }

    /// Disables (`active = false`, a reason required) or enables a person.
    pub fn set_staff_state(
        &mut self,
        actor: &Actor,
        name: &str,
        active: bool,
        reason: Option<&str>,
    ) -> Result<()> {
        let (state, action) = if active {
            ("active", "staff.enable")
        } else {
            ("disabled", "staff.disable")
        };
        if !active && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(StoreError::DisableReasonRequired);
        }
        self.write(actor, Role::Admin, action, |tx| {
            let id = staff_id(tx, name)?;
            let before: String =
                tx.query_row("SELECT state FROM staff WHERE id = ?1", [id], |r| r.get(0))?;
            tx.execute(
                "UPDATE staff SET state = ?1 WHERE id = ?2",
                params![state, id],
            )?;
            record(
                tx,
                actor,
                Change {
                    action: action.into(),
                    entity: "staff",
                    entity_id: Some(id),
                    label: name.into(),
                    detail: format!("{before} → {state}"),
                    reason: reason.map(str::to_string),
                },
            )
        })
    }

    /// Notes that a person was just active (a login, a console heartbeat). Not audited: it is
    /// the staff list's "last seen", not a change of anything.
    pub fn touch_staff(&mut self, name: &str) -> Result<()> {
        self.write_unchecked(|tx| {
            tx.execute(
                "UPDATE staff SET last_seen = ?1 WHERE name = ?2",
                params![stamp(), name],
            )?;
            Ok(())
        })
    }

    /// Everyone, by name, with their keys.
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name, roles, state, last_seen FROM staff ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut keys = self.conn().prepare(
            "SELECT fingerprint, comment, kind, base64 FROM staff_key WHERE staff_id = ?1 ORDER BY id",
        )?;
        rows.into_iter()
            .map(|(id, name, roles, state, last_seen)| {
                let keys = keys
                    .query_map([id], |r| {
                        let (fingerprint, comment, kind, b64): (String, String, String, String) =
                            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                        let line = if comment.is_empty() {
                            format!("{kind} {b64}")
                        } else {
                            format!("{kind} {b64} {comment}")
                        };
                        Ok(StaffKey {
                            fingerprint,
                            comment,
                            line,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(StaffMember {
                    id,
                    roles: roles
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("roles {roles:?}")))?,
                    name,
                    active: state == "active",
                    keys,
                    last_seen,
                })
            })
            .collect()
    }

    /// One person, if on the list.
    pub fn staff_member(&self, name: &str) -> Result<Option<StaffMember>> {
        Ok(self.staff()?.into_iter().find(|s| s.name == name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6FZWyYQIEgcqWNSq1puRKD8nbnsabkR9ILy0erT3RE 王娟@laptop";

    #[test]
    fn a_key_belongs_to_one_person_and_is_removed_by_its_fingerprint() {
        let mut s = Store::open_in_memory().unwrap();
        let it = Actor("it".into());
        let key: PublicKey = KEY.parse().unwrap();
        s.add_staff(
            &it,
            "王娟",
            &"triage".parse().unwrap(),
            std::slice::from_ref(&key),
        )
        .unwrap();
        let e = s
            .add_staff(
                &it,
                "金贝",
                &"finance".parse().unwrap(),
                std::slice::from_ref(&key),
            )
            .unwrap_err();
        assert!(matches!(e, StoreError::KeyTaken { ref owner, .. } if owner == "王娟"));
        assert!(s.staff_member("金贝").unwrap().is_none(), "all or nothing");
        let wang = s.staff_member("王娟").unwrap().unwrap();
        assert_eq!(wang.keys[0].fingerprint, key.fingerprint());
        assert_eq!(wang.keys[0].line, KEY);
        s.remove_staff_key(&it, "王娟", &key.fingerprint()).unwrap();
        assert!(s.staff_member("王娟").unwrap().unwrap().keys.is_empty());
        assert!(matches!(
            s.remove_staff_key(&it, "王娟", &key.fingerprint()),
            Err(StoreError::UnknownKey { .. })
        ));
        let actions: Vec<_> = s
            .audit_log(&Default::default(), 10, 0)
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["staff.key.remove", "staff.key.add", "staff.add"]);
    }

    #[test]
    fn disabling_needs_a_reason() {
        let mut s = Store::open_in_memory().unwrap();
        let it = Actor("it".into());
        s.add_staff(&it, "金贝", &"finance".parse().unwrap(), &[])
            .unwrap();
        assert!(matches!(
            s.set_staff_state(&it, "金贝", false, None),
            Err(StoreError::DisableReasonRequired)
        ));
        s.set_staff_state(&it, "金贝", false, Some("离职")).unwrap();
        assert!(!s.staff_member("金贝").unwrap().unwrap().active);
        s.set_staff_state(&it, "金贝", true, None).unwrap();
        assert!(s.staff_member("金贝").unwrap().unwrap().active);
    }
}
