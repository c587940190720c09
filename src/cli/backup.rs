//! `kaowu backup FILE`: a consistent copy of the live database.

use std::path::Path;

use anyhow::Result;

use crate::domain::staff::Role;
use serde_json::json;

use super::{Ctx, Failure, Outcome};
use crate::i18n::cli as msg;

pub fn run(ctx: &Ctx, target: &Path) -> Result<Outcome> {
    if target.exists() {
        return Err(Failure::new(
            ctx.lang
                .fill(&msg::BACKUP_EXISTS, &[("file", &target.display())]),
        )
        .hint(ctx.lang.t(&msg::HINT_NEW_NAME))
        .into());
    }
    let mut store = ctx.store()?;
    store.permit(&ctx.actor, Role::Admin, "backup")?;
    store.backup_to(target)?;
    if ctx.json {
        ctx.print_json(&json!({ "backup": target.display().to_string() }));
    } else {
        outln!(
            "{}",
            ctx.lang
                .fill(&msg::BACKUP_WRITTEN, &[("file", &target.display())])
        );
    }
    Ok(Outcome::Clean)
}
