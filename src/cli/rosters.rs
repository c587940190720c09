//! `kaowu export roster|platform … -o FILE`: session rosters and the platform list, written
//! whole (temp file + rename) and private (mode 0600): they hold full ID and phone numbers.

use std::path::Path;

use anyhow::Result;

use crate::domain::staff::Role;
use serde_json::json;

use super::args::SessionArgs;
use super::error::Failure;
use super::sessions::{key, refused};
use super::{Ctx, Outcome};
use crate::domain::session::SessionRefused;
use crate::export::{platform, roster, write_atomically};
use crate::i18n::sessions as msg;
use crate::store::{PersonalExport, Store, StoreError};

/// Writes the file, then records in the audit log that full ID and phone numbers left in it.
/// If that record cannot be written the file is removed again: no such file goes unrecorded.
fn write(
    ctx: &Ctx,
    store: &mut Store,
    path: &Path,
    bytes: std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
    (kind, label, n): (PersonalExport, &str, usize),
) -> Result<()> {
    let l = ctx.lang;
    let file = path.display().to_string();
    let bytes = bytes
        .map_err(|e| Failure::new(l.fill(&msg::CANNOT_WRITE, &[("file", &file), ("e", &e)])))?;
    write_atomically(path, &bytes)?;
    if let Err(e) = store.record_export(&ctx.actor, kind, label, &file, n) {
        let _ = std::fs::remove_file(path);
        return Err(e.into());
    }
    Ok(())
}

fn written(ctx: &Ctx, path: &Path, n: usize, skipped: Vec<serde_json::Value>) {
    let file = path.display().to_string();
    if ctx.json {
        ctx.print_json(&json!({ "file": file, "candidates": n, "skipped": skipped }));
    } else {
        outln!(
            "{}",
            ctx.lang
                .fill(&msg::EXPORT_WRITTEN, &[("file", &file), ("n", &n)])
        );
    }
}

/// The final roster of a confirmed session; refused (exit 1, nothing written) under 20.
pub fn roster(ctx: &Ctx, session: &SessionArgs, output: &Path) -> Result<Outcome> {
    let mut store = ctx.store()?;
    let (k, label) = key(&store, session)?;
    let rows = match store.roster(&ctx.actor, k) {
        Ok(rows) => rows,
        Err(StoreError::Session(e)) => return Ok(refused(ctx, &label, &e)),
        Err(e) => return Err(e.into()),
    };
    let plan = store.plan(k.plan_id)?;
    let site = store.school(k.school_id)?.info.name;
    let audited = (PersonalExport::Roster, label.as_str(), rows.len());
    write(
        ctx,
        &mut store,
        output,
        roster::roster_xlsx(&plan, &site, &rows),
        audited,
    )?;
    written(ctx, output, rows.len(), Vec::new());
    Ok(Outcome::Clean)
}

/// A plan's candidates for the national platform; sessions under 20 are left out and named
/// (exit 1).
pub fn platform(ctx: &Ctx, plan: &str, output: &Path) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    store.permit(&ctx.actor, Role::Triage, "export.platform")?;
    let plan = store.find_plan(plan)?;
    let out = store.platform_export(plan.id)?;
    let audited = (
        PersonalExport::Platform,
        &*plan.code(),
        out.candidates.len(),
    );
    let bytes = platform::platform_xlsx(&plan, &out.candidates);
    write(ctx, &mut store, output, bytes, audited)?;
    let mut skipped = Vec::new();
    for s in &out.skipped {
        let why = msg::refused(
            &SessionRefused::UnderMinimum {
                accepted: s.count.accepted,
                short_by: s.count.short_by(),
            },
            l,
        );
        let session = format!("{} {}", s.plan_code, s.school);
        if !ctx.json {
            errln!(
                "kaowu: {}",
                l.fill(
                    &msg::EXPORT_SKIPPED,
                    &[("session", &session), ("why", &why)]
                )
            );
        }
        skipped.push(json!({ "plan": s.plan_code, "site": s.school,
            "accepted": s.count.accepted, "short_by": s.count.short_by() }));
    }
    written(ctx, output, out.candidates.len(), skipped);
    Ok(if out.skipped.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
