//! `kaowu staff …`: the team, their roles and SSH keys. Every change rewrites kaowu's lines of
//! the service account's `authorized_keys`, so a key removed or a person disabled cannot log
//! in from that moment on.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::json;

use super::args::{KeyCommand, StaffCommand};
use super::{Ctx, Failure, Outcome, table};
use crate::domain::authorized_keys::{Grant, Target};
use crate::domain::staff::{PublicKey, Role, Roles};
use crate::i18n::staff as msg;
use crate::store::{StaffMember, Store};

pub fn run(ctx: &Ctx, cmd: Option<StaffCommand>, keys_file: Option<PathBuf>) -> Result<Outcome> {
    let mut store = ctx.store()?;
    let keys_file = keys_file.unwrap_or_else(default_keys_file);
    let l = ctx.lang;
    let done = match cmd {
        None | Some(StaffCommand::List) => {
            store.permit(&ctx.actor, Role::Admin, "staff.list")?;
            return list(ctx, &store);
        }
        Some(StaffCommand::Sync) => {
            store.permit(&ctx.actor, Role::Admin, "staff.sync")?;
            None
        }
        Some(StaffCommand::Add { name, roles, keys }) => {
            let roles: Roles = roles
                .join(",")
                .parse()
                .map_err(|e: String| Failure::new(e).hint("--role triage,finance"))?;
            let keys = keys
                .iter()
                .map(|k| parse_key(k, ctx))
                .collect::<Result<Vec<_>>>()?;
            store.add_staff(&ctx.actor, &name, &roles, &keys)?;
            let roles = roles.iter().map(|r| msg::role(r, l)).collect::<Vec<_>>();
            Some(l.fill(
                &msg::STAFF_ADDED,
                &[("name", &name), ("roles", &roles.join(", "))],
            ))
        }
        Some(StaffCommand::Key(KeyCommand::Add { name, key })) => {
            let key = if key == "-" {
                let mut s = String::new();
                std::io::stdin().take(64 * 1024).read_to_string(&mut s)?;
                s
            } else {
                key
            };
            let key = parse_key(&key, ctx)?;
            store.add_staff_key(&ctx.actor, &name, &key)?;
            Some(l.fill(
                &msg::KEY_ADDED,
                &[("name", &name), ("fingerprint", &key.fingerprint())],
            ))
        }
        Some(StaffCommand::Key(KeyCommand::Remove { name, fingerprint })) => {
            store.remove_staff_key(&ctx.actor, &name, &fingerprint)?;
            Some(l.fill(
                &msg::KEY_REMOVED,
                &[("name", &name), ("fingerprint", &fingerprint)],
            ))
        }
        Some(StaffCommand::Disable { name, reason }) => {
            store.set_staff_state(&ctx.actor, &name, false, reason.as_deref())?;
            Some(l.fill(&msg::STAFF_DISABLED, &[("name", &name)]))
        }
        Some(StaffCommand::Enable { name }) => {
            store.set_staff_state(&ctx.actor, &name, true, None)?;
            Some(l.fill(&msg::STAFF_ENABLED, &[("name", &name)]))
        }
    };
    let n = write_keys_file(ctx, &store, &keys_file)?;
    let written = l.fill(
        &msg::KEYS_WRITTEN,
        &[("path", &keys_file.display()), ("n", &n)],
    );
    if ctx.json {
        ctx.print_json(&json!({ "authorized_keys": keys_file.display().to_string(), "keys": n }));
    } else {
        if let Some(done) = done {
            outln!("{done}");
        }
        outln!("{written}");
    }
    Ok(Outcome::Clean)
}

fn parse_key(text: &str, ctx: &Ctx) -> Result<PublicKey> {
    text.parse::<PublicKey>().map_err(|e| {
        Failure::new(crate::i18n::staff::key_error(&e, ctx.lang))
            .hint("ssh-keygen -t ed25519; cat ~/.ssh/id_ed25519.pub")
            .into()
    })
}

/// `~/.ssh/authorized_keys` of the account running kaowu.
fn default_keys_file() -> PathBuf {
    directories::BaseDirs::new()
        .map(|d| d.home_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
        .join(".ssh")
        .join("authorized_keys")
}

/// Writes kaowu's lines of `path` for every key of every active person; returns how many.
/// Atomic: a temporary file beside it, mode 0600, renamed over it, so sshd never reads a
/// half-written file.
fn write_keys_file(ctx: &Ctx, store: &Store, path: &Path) -> Result<usize> {
    let unsafe_path = |e: &dyn std::fmt::Display| {
        Failure::new(
            ctx.lang
                .fill(&msg::KEYS_UNSAFE, &[("path", &path.display()), ("e", e)]),
        )
    };
    let program = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .context("the kaowu program's path")?;
    let db = ctx
        .db
        .canonicalize()
        .with_context(|| ctx.db.display().to_string())?;
    let (program, db) = (program.to_string_lossy(), db.to_string_lossy());
    let target = Target {
        program: &program,
        db: &db,
    };
    target.check().map_err(|e| unsafe_path(&e))?;
    let staff = store.staff()?;
    let grants: Vec<Grant<'_>> = staff
        .iter()
        .filter(|s| s.active)
        .flat_map(|s| {
            s.keys.iter().map(|k| Grant {
                name: &s.name,
                key: &k.line,
            })
        })
        .collect();
    let old = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| unsafe_path(&e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(unsafe_path(&e).into()),
    };
    let new = target.rewrite(&old, &grants);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        // ~/.ssh must not be writable by others, or sshd ignores what is in it.
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir).map_err(|e| unsafe_path(&e))?;
    }
    // tempfile creates the file with mode 0600 and renames it in one step.
    let mut tmp = tempfile::Builder::new()
        .prefix(".authorized_keys.")
        .tempfile_in(dir)
        .map_err(|e| unsafe_path(&e))?;
    tmp.write_all(new.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| unsafe_path(&e))?;
    tmp.persist(path).map_err(|e| unsafe_path(&e.error))?;
    Ok(grants.len())
}

fn list(ctx: &Ctx, store: &Store) -> Result<Outcome> {
    let staff = store.staff()?;
    let l = ctx.lang;
    if ctx.json {
        let people: Vec<_> = staff.iter().map(person_json).collect();
        ctx.print_json(&json!({ "staff": people }));
        return Ok(Outcome::Clean);
    }
    let rows: Vec<Vec<String>> = staff
        .iter()
        .map(|s| {
            let roles: Vec<_> = s.roles.iter().map(|r| msg::role(r, l)).collect();
            let keys: Vec<_> = s
                .keys
                .iter()
                .map(|k| {
                    format!("{} {}", k.fingerprint, k.comment)
                        .trim()
                        .to_string()
                })
                .collect();
            vec![
                s.name.clone(),
                roles.join(","),
                l.t(if s.active {
                    &msg::STATE_ACTIVE
                } else {
                    &msg::STATE_DISABLED
                })
                .into(),
                s.last_seen
                    .as_deref()
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .map(|t| crate::domain::time::short(&t))
                    .unwrap_or_else(|| l.t(&msg::NEVER).into()),
                keys.join("; "),
            ]
        })
        .collect();
    let header = [
        l.t(&msg::COL_STAFF),
        l.t(&msg::COL_ROLES),
        l.t(&msg::COL_STATE),
        l.t(&msg::COL_LAST_SEEN),
        l.t(&msg::COL_KEYS),
    ];
    out!("{}", table::render(&header, &rows));
    Ok(Outcome::Clean)
}

fn person_json(s: &StaffMember) -> serde_json::Value {
    json!({
        "name": s.name,
        "roles": s.roles.iter().map(|r| r.key()).collect::<Vec<_>>(),
        "state": if s.active { "active" } else { "disabled" },
        "keys": s.keys.iter().map(|k| json!({ "fingerprint": k.fingerprint, "comment": k.comment })).collect::<Vec<_>>(),
        "last_seen": s.last_seen,
    })
}
