//! Who the store acts for, and the one place where a change is checked against the roles of
//! the person making it.
//!
//! A store opened on the server's own shell acts for its OS login with every role, as kaowu
//! always did. A store opened by `kaowu serve --staff NAME` (the forced command of NAME's SSH
//! key) acts for NAME: every write, and the reads the contract gives to a role (exports,
//! backups), first reads NAME's roles and state from the database inside the transaction,
//! so a role taken away or a person disabled counts from their very next action.

use std::sync::OnceLock;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::audit::{Change, record};
use super::{Actor, Result, Store, StoreError, optional};
use crate::domain::staff::{Role, Roles};

/// Who a store acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seat {
    /// The server's own shell: every role.
    Local,
    /// A person logged in with their SSH key: their roles, read from the database.
    Staff(String),
}

/// Why a person may not do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Their roles lack the one needed.
    Role(Role),
    /// They are disabled.
    Disabled,
    /// No staff member has this name.
    Unknown,
}

/// The seat of every store this process opens, set once by `serve` before anything is opened:
/// the console's worker threads open their own connections, and none of them may act with
/// more than the person who logged in.
static PROCESS_SEAT: OnceLock<String> = OnceLock::new();

/// Makes every store this process opens from now on act for `name` (the forced command's
/// staff name). Called once, by `serve`.
pub fn serve_as(name: &str) {
    let _ = PROCESS_SEAT.set(name.to_string());
}

/// The seat a newly opened store takes.
pub(super) fn process_seat() -> Seat {
    PROCESS_SEAT
        .get()
        .map_or(Seat::Local, |n| Seat::Staff(n.clone()))
}

/// Whether `seat` may do what needs `need`, read in `conn` (inside the caller's transaction).
fn check(conn: &Connection, seat: &Seat, need: Role) -> Result<()> {
    let Seat::Staff(name) = seat else {
        return Ok(());
    };
    let row: Option<(String, String)> = optional(conn.query_row(
        "SELECT roles, state FROM staff WHERE name = ?1",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    let denial = match row {
        None => Some(Denial::Unknown),
        Some((_, state)) if state != "active" => Some(Denial::Disabled),
        Some((roles, _)) => {
            let roles: Roles = roles
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("roles {roles:?}")))?;
            (!roles.grant(need)).then_some(Denial::Role(need))
        }
    };
    match denial {
        None => Ok(()),
        Some(denial) => Err(StoreError::NotPermitted {
            name: name.clone(),
            denial,
        }),
    }
}

impl Store {
    /// Who this store acts for.
    pub fn seat(&self) -> &Seat {
        &self.seat
    }

    /// This store acting for `seat` instead (tests; `serve` sets it for the whole process).
    pub fn with_seat(mut self, seat: Seat) -> Store {
        self.seat = seat;
        self
    }

    /// The roles of whoever this store acts for: every role on the server's own shell.
    pub fn my_roles(&self) -> Result<Roles> {
        match &self.seat {
            Seat::Local => Ok(Roles::all()),
            Seat::Staff(name) => Ok(self
                .staff_member(name)?
                .filter(|s| s.active)
                .map(|s| s.roles)
                .unwrap_or_default()),
        }
    }

    /// Why the person this store acts for may no longer act at all (disabled, or taken off
    /// the staff list), if so: an open console stops at its next action.
    pub fn seat_denied(&self) -> Result<Option<Denial>> {
        match check(&self.conn, &self.seat, Role::Viewer) {
            Ok(()) => Ok(None),
            Err(StoreError::NotPermitted { denial, .. }) => Ok(Some(denial)),
            Err(e) => Err(e),
        }
    }

    /// Runs `f` in an IMMEDIATE write transaction once the seat's roles grant `need`: it takes
    /// the write lock up front, so two staff writing at once wait for each other instead of
    /// failing half-way. A refusal is audited (`what` names the attempt) and nothing of `f` runs.
    pub(crate) fn write<T>(
        &mut self,
        actor: &Actor,
        need: Role,
        what: &str,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.check_writable()?;
        let at = self.clock_now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Err(e) = check(&tx, &self.seat, need) {
            drop(tx);
            return Err(self.refused(actor, what, e));
        }
        let out = super::clock::writing_at(at, || f(&tx))?;
        tx.commit()?;
        Ok(out)
    }

    /// A write no role governs: the store's own upkeep (seeding plans, presence heartbeats).
    pub(crate) fn write_unchecked<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.check_writable()?;
        let at = self.clock_now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = super::clock::writing_at(at, || f(&tx))?;
        tx.commit()?;
        Ok(out)
    }

    /// Checks a read the contract gives to a role (an export, a backup, a check of a file):
    /// `Ok` when the seat may, else `not_permitted`, audited like a refused write.
    pub fn permit(&mut self, actor: &Actor, need: Role, what: &str) -> Result<()> {
        match check(&self.conn, &self.seat, need) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.refused(actor, what, e)),
        }
    }

    /// Records a refusal in the audit log; returns the refusal (or the error recording it).
    fn refused(&mut self, actor: &Actor, what: &str, e: StoreError) -> StoreError {
        let StoreError::NotPermitted { name, denial } = &e else {
            return e;
        };
        let detail = match denial {
            Denial::Role(role) => format!("{what}: needs {role}"),
            Denial::Disabled => format!("{what}: disabled"),
            Denial::Unknown => format!("{what}: not on the staff list"),
        };
        match self.log_not_permitted(actor, name, detail) {
            Ok(()) => e,
            Err(log) => log,
        }
    }

    /// Audits a login's command that `serve` refused before anything ran (another program,
    /// `--as`, `--db`, …): `typed` is what the person typed.
    pub fn refuse_login(&mut self, actor: &Actor, typed: &str) -> Result<()> {
        self.log_not_permitted(actor, &actor.0, format!("ssh: {typed}"))
    }

    fn log_not_permitted(&mut self, actor: &Actor, name: &str, detail: String) -> Result<()> {
        self.write_unchecked(|tx| {
            record(
                tx,
                actor,
                Change {
                    action: "not_permitted".into(),
                    entity: "staff",
                    entity_id: None,
                    label: name.to_string(),
                    detail,
                    reason: None,
                },
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Level;

    fn team() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let admin = Actor("it".into());
        s.add_staff(&admin, "王娟", &"triage".parse().unwrap(), &[])
            .unwrap();
        s.add_staff(&admin, "金贝", &"finance".parse().unwrap(), &[])
            .unwrap();
        s
    }

    #[test]
    fn a_write_needs_the_role_names_it_and_the_refusal_is_audited() {
        let mut s = team().with_seat(Seat::Staff("王娟".into()));
        let wang = Actor("王娟".into());
        let e = s.set_fee(&wang, Level::Junior, 18000).unwrap_err();
        assert!(
            matches!(&e, StoreError::NotPermitted { name, denial: Denial::Role(Role::Finance) } if name == "王娟"),
            "{e:?}"
        );
        assert_eq!(s.count("fee_rate").unwrap(), 0, "nothing of the write ran");
        let log = s.audit_log(&Default::default(), 1, 0).unwrap();
        assert_eq!(log[0].action, "not_permitted");
        assert_eq!(log[0].actor, "王娟");
        assert_eq!(log[0].detail, "fee.set: needs finance");

        let mut s = s.with_seat(Seat::Staff("金贝".into()));
        s.set_fee(&Actor("金贝".into()), Level::Junior, 18000)
            .unwrap();
        assert_eq!(s.count("fee_rate").unwrap(), 1);
    }

    #[test]
    fn a_disabled_or_unknown_person_may_do_nothing_and_the_local_shell_everything() {
        let mut s = team();
        s.set_staff_state(&Actor("it".into()), "金贝", false, Some("left"))
            .unwrap();
        let mut s = s.with_seat(Seat::Staff("金贝".into()));
        let e = s
            .set_fee(&Actor("金贝".into()), Level::Junior, 1)
            .unwrap_err();
        assert!(matches!(
            e,
            StoreError::NotPermitted {
                denial: Denial::Disabled,
                ..
            }
        ));
        assert_eq!(s.my_roles().unwrap(), Roles::default());
        let mut s = s.with_seat(Seat::Staff("nobody".into()));
        let e = s
            .permit(&Actor("nobody".into()), Role::Viewer, "x")
            .unwrap_err();
        assert!(matches!(
            e,
            StoreError::NotPermitted {
                denial: Denial::Unknown,
                ..
            }
        ));
        let mut s = s.with_seat(Seat::Local);
        s.set_fee(&Actor("root".into()), Level::Junior, 1).unwrap();
        assert_eq!(s.my_roles().unwrap(), Roles::all());
    }
}
