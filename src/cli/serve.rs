//! `kaowu serve --staff NAME`: the forced command of NAME's SSH key (gitolite's pattern).
//!
//! sshd runs it whatever the person typed, and puts what they typed in `SSH_ORIGINAL_COMMAND`.
//! Nothing: the console, as NAME. Otherwise its words, split as a POSIX shell would split them
//! but never given to one, are one kaowu sub-command run as NAME. The identity comes from the
//! key alone: `--as`, `--db` and `--demo` are refused, and every store this process opens acts
//! for NAME with NAME's roles.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use super::{Cli, Command, Failure, error};
use crate::domain::staff::Role;
use crate::i18n::{Lang, staff as msg};
use crate::store::{Actor, Denial, Store, StoreError};

/// Options that would change who acts or on what: never accepted over a login.
const REFUSED_OPTIONS: &[&str] = &["--db", "--as", "--demo"];

/// Checks the forced command's login: the command line to run as the key's person (no
/// command: the console), or the exit code of a refusal already reported.
pub fn login(outer: Cli) -> Result<Cli, ExitCode> {
    let Some(Command::Serve { staff: name }) = &outer.command else {
        return Ok(outer);
    };
    let name = name.clone();
    let (lang, json) = (outer.lang, outer.json);
    let db = outer.db.clone().unwrap_or_else(super::default_db);
    let typed = std::env::var("SSH_ORIGINAL_COMMAND").unwrap_or_default();
    // Every refusal from here on is the person's: audited with what they typed.
    let refuse = |f: Failure, lang: Lang, json: bool| {
        if let Ok(mut store) = Store::open(&db) {
            let _ = store.refuse_login(&Actor(name.clone()), &typed);
        }
        error::report(&f.into(), lang, json);
        Err(ExitCode::from(2))
    };
    // Who NAME is, read before anything else is opened.
    let roles = match Store::open(&db).and_then(|mut s| {
        let member = s.staff_member(&name)?;
        match member {
            Some(m) if m.active => {
                s.touch_staff(&name)?;
                Ok(m.roles)
            }
            Some(_) => Err(StoreError::NotPermitted {
                name: name.clone(),
                denial: Denial::Disabled,
            }),
            None => Err(StoreError::NotPermitted {
                name: name.clone(),
                denial: Denial::Unknown,
            }),
        }
    }) {
        Ok(roles) => roles,
        Err(e) => {
            error::report(&e.into(), lang, json);
            return Err(ExitCode::from(2));
        }
    };
    crate::store::serve_as(&name);
    let Some(mut words) = shlex::split(&typed) else {
        return refuse(
            Failure::new(lang.t(&msg::SERVE_QUOTING)).hint(lang.t(&msg::SERVE_HINT)),
            lang,
            json,
        );
    };
    if words.first().is_some_and(|w| w == "kaowu") {
        words.remove(0);
    }
    if let Some(program) = words.first().filter(|w| !w.starts_with('-'))
        && !is_sub_command(program)
    {
        return refuse(
            Failure::new(lang.fill(&msg::SERVE_REFUSED_PROGRAM, &[("program", program)]))
                .hint(lang.t(&msg::SERVE_HINT))
                .code("not_permitted"),
            lang,
            json,
        );
    }
    if let Some(option) = words.iter().find_map(|w| {
        REFUSED_OPTIONS
            .iter()
            .find(|o| w == *o || w.starts_with(&format!("{o}=")))
    }) {
        return refuse(
            Failure::new(lang.fill(&msg::SERVE_REFUSED_OPTION, &[("option", option)]))
                .code("not_permitted"),
            lang,
            json,
        );
    }
    let mut inner = match Cli::try_parse_from(std::iter::once("kaowu".to_string()).chain(words)) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Err(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let (lang, json) = (inner.lang, inner.json);
    match &inner.command {
        Some(Command::Serve { .. }) => {
            return refuse(
                Failure::new(lang.fill(&msg::SERVE_REFUSED_OPTION, &[("option", &"serve")]))
                    .code("not_permitted"),
                lang,
                json,
            );
        }
        Some(Command::Staff { .. }) if !roles.grant(Role::Admin) => {
            return refuse(
                Failure::new(lang.t(&msg::SERVE_REFUSED_STAFF)).code("not_permitted"),
                lang,
                json,
            );
        }
        _ => {}
    }
    // The identity from the key, the database of the forced command, whatever the environment
    // says (clap would read KAOWU_DB from it).
    inner.db = Some(db);
    inner.as_user = Some(name);
    Ok(inner)
}

/// Whether `word` names one of kaowu's sub-commands (or `help`).
fn is_sub_command(word: &str) -> bool {
    word == "help"
        || Cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == word || c.get_all_aliases().any(|a| a == word))
}
