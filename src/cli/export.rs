//! `kaowu export …`: xlsx files for schools and staff.

use std::path::Path;

use anyhow::Result;

use crate::domain::staff::Role;
use serde_json::json;

use super::args::ExportCommand;
use super::{Ctx, Failure, Outcome, rosters};
use crate::domain::columns::StudentColumn;
use crate::i18n::cli as msg;
use crate::intake::{Limits, xlsx};

pub fn run(ctx: &Ctx, cmd: ExportCommand) -> Result<Outcome> {
    match cmd {
        ExportCommand::Returns { submission, output } => returns(ctx, submission, &output),
        ExportCommand::Roster { session, output } => rosters::roster(ctx, &session, &output),
        ExportCommand::Platform { plan, output } => rosters::platform(ctx, &plan, &output),
        ExportCommand::Fees { school, output } => super::fees::statement(ctx, &school, &output),
        ExportCommand::Invoices { output } => super::invoices::register(ctx, &output),
    }
}

/// The annotated return: the school's own rows as received, each problem cell marked, so the
/// school fixes exactly what is wrong and sends it back.
fn returns(ctx: &Ctx, id: i64, output: &Path) -> Result<Outcome> {
    let mut store = ctx.store()?;
    store.permit(&ctx.actor, Role::Triage, "export.returns")?;
    let sub = store.submission(id)?;
    let bytes = store.submission_file(id)?;
    let problems = store.submission_problems(id)?;
    // The stored file passed the reader's caps when it was imported; reading it again with
    // the same limits cannot fail unless the database was tampered with.
    let sheet = xlsx::read_sheet_bytes::<StudentColumn>(
        bytes,
        &sub.file_name,
        &Limits::default(),
        ctx.lang,
        &mut |_| {},
    )
    .map_err(|e| Failure::new(e.to_string()).code(e.code().key()))?;
    let photos = store.photo_statuses(id)?;
    crate::export::write_return_with_photos(
        output,
        &sheet.columns,
        &sheet.rows,
        &problems,
        &photos,
        ctx.lang,
    )?;
    if ctx.json {
        ctx.print_json(&json!({ "submission": id, "file": output.display().to_string(), "problems": problems.len() }));
    } else {
        outln!(
            "{}",
            ctx.lang.fill(
                &msg::RETURN_WRITTEN,
                &[("file", &output.display()), ("n", &problems.len())]
            )
        );
    }
    Ok(Outcome::Clean)
}
