//! `kaowu check` (writes nothing) and `kaowu import` (records a submission for triage).

use std::path::Path;

use anyhow::Result;

use crate::domain::staff::Role;
use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::{Ctx, Failure, Outcome, table};
use crate::domain::problem::Problem;
use crate::domain::school::School;
use crate::domain::submission::SubmissionState;
use crate::domain::{Plan, time};
use crate::i18n::{Lang, cli as msg, common, problems};
use crate::intake::Limits;
use crate::intake::submission::{
    FileCheck, Filed, Imported, Intake, IntakeError, Named, check_file, import_submission,
};

/// The status `duplicate_file` of docs/cli.md: a file recorded before, not imported again.
const DUPLICATE_FILE: &str = "duplicate_file";

pub fn check(
    ctx: &Ctx,
    file: &Path,
    plan: &str,
    school: Option<&str>,
    received: Option<&str>,
) -> Result<Outcome> {
    let mut store = ctx.store()?;
    store.permit(&ctx.actor, Role::Triage, "check")?;
    let plan = store.find_plan(plan)?;
    let school = school.map(|s| store.find_school(s)).transpose()?;
    let received_at = received_at(ctx, file, received)?;
    let check = check_file(
        &store,
        file,
        &plan,
        &Limits::default(),
        ctx.lang,
        &mut |_| {},
    )
    .map_err(unreadable)?;
    // Without a school the site cannot be judged: only the window counts.
    let site = school
        .as_ref()
        .map(|s| s.site)
        .unwrap_or(crate::domain::SiteState::Approved);
    let status = match store.submission_by_sha(&check.sha256)? {
        Some(_) => DUPLICATE_FILE,
        None => SubmissionState::on_arrival(&plan, received_at, site).key(),
    };
    report(
        ctx,
        None,
        &plan,
        school.as_ref(),
        received_at,
        status,
        &check,
    )
}

pub fn import(
    ctx: &Ctx,
    file: &Path,
    plan: &str,
    school: &str,
    received: Option<&str>,
) -> Result<Outcome> {
    let mut store = ctx.store()?;
    // Refused before the file is read, not after.
    store.permit(&ctx.actor, Role::Triage, "submission.import")?;
    let received_at = received_at(ctx, file, received)?;
    let intake = Intake {
        path: file,
        plan: Named::Key(plan),
        school: Named::Key(school),
        received_at,
    };
    let Filed {
        plan,
        school,
        imported,
    } = import_submission(&mut store, &ctx.actor, &intake, ctx.lang, &mut |_| {})
        .map_err(unreadable)?;
    match imported {
        Imported::New { id, state, check } => {
            let outcome = report(
                ctx,
                Some(id),
                &plan,
                Some(&school),
                received_at,
                state.key(),
                &check,
            );
            // After the report, so a script has its answer first. A failed checkpoint loses
            // nothing: the next commit tries again.
            let _ = store.checkpoint();
            outcome
        }
        Imported::Duplicate { id } => {
            let earlier = store.submission(id)?;
            let problems = store.submission_problems(id)?;
            if ctx.json {
                ctx.print_json(&json!({
                    "id": id, "file": earlier.file_name, "sha256": earlier.sha256, "plan": earlier.plan_code,
                    "school": earlier.school, "received_at": time::rfc3339(&earlier.received_at),
                    "status": DUPLICATE_FILE, "rows": earlier.rows, "valid_rows": earlier.valid_rows,
                    "problems": problems.iter().map(|p| problem_json(p, ctx.lang)).collect::<Vec<_>>(),
                }));
            } else {
                outln!(
                    "{}",
                    ctx.lang.fill(
                        &msg::DUPLICATE_FILE,
                        &[
                            ("file", &file.display()),
                            ("id", &id),
                            ("at", &time::short(&earlier.received_at))
                        ]
                    )
                );
            }
            Ok(Outcome::Problems)
        }
    }
}

/// `--received-at`: a time, `file` for the file's modification time, or (default) `--at`/now.
fn received_at(ctx: &Ctx, file: &Path, given: Option<&str>) -> Result<DateTime<FixedOffset>> {
    match given.map(str::trim) {
        None => Ok(ctx.at),
        Some("file") => {
            let modified = std::fs::metadata(file)
                .and_then(|m| m.modified())
                .map_err(|e| {
                    Failure::new(format!("{}: {e}", file.display())).code("file_unreadable")
                })?;
            Ok(DateTime::<chrono::Utc>::from(modified).with_timezone(&time::china()))
        }
        Some(t) => Ok(time::parse_time(t).map_err(|e| Failure::bad_time(&e, ctx.lang))?),
    }
}

/// An unreadable file is exit 2 with `file_unreadable` in the JSON document.
fn unreadable(e: IntakeError) -> anyhow::Error {
    match e {
        IntakeError::Unreadable(r) => Failure::new(r.to_string()).code(r.code().key()).into(),
        IntakeError::Store(s) => s.into(),
    }
}

fn problem_json(p: &Problem, lang: Lang) -> Value {
    json!({ "row": p.row, "column": p.column, "code": p.code.key(), "message": problems::text(p, lang) })
}

/// Prints the result (docs/cli.md "JSON of check and import"); exit 0 only for a file that
/// can be triaged as it is: on time, from an approved site, every row valid.
fn report(
    ctx: &Ctx,
    id: Option<i64>,
    plan: &Plan,
    school: Option<&School>,
    received_at: DateTime<FixedOffset>,
    status: &str,
    c: &FileCheck,
) -> Result<Outcome> {
    let clean = status == SubmissionState::Pending.key() && c.problems.is_empty();
    if ctx.json {
        ctx.print_json(&json!({
            "id": id, "file": c.file_name, "sheet": c.sheet_name, "hidden_rows": c.hidden_rows,
            "sha256": c.sha256, "plan": plan.code(),
            "school": school.map(|s| s.info.name.clone()), "received_at": time::rfc3339(&received_at),
            "status": status, "rows": c.rows(), "valid_rows": c.valid_rows(),
            "problems": c.problems.iter().map(|p| problem_json(p, ctx.lang)).collect::<Vec<_>>(),
        }));
    } else {
        let l = ctx.lang;
        let state = status
            .parse::<SubmissionState>()
            .map(|s| l.t(common::submission_state(s)).to_string())
            .unwrap_or_else(|_| status.to_string());
        outln!(
            "{}",
            l.fill(
                &msg::CHECK_SUMMARY,
                &[
                    ("file", &c.file_name),
                    ("sheet", &c.sheet_name),
                    ("plan", &plan.code()),
                    ("rows", &c.rows()),
                    ("valid", &c.valid_rows()),
                    ("problems", &c.problems.len()),
                    ("state", &state),
                ]
            )
        );
        if let Some(id) = id {
            outln!("{}", l.fill(&msg::IMPORTED_AS, &[("id", &id)]));
        }
        if !c.hidden_rows.is_empty() {
            let rows: Vec<String> = c.hidden_rows.iter().map(u32::to_string).collect();
            outln!(
                "{}",
                l.fill(
                    &crate::i18n::sheets::HIDDEN_ROWS,
                    &[
                        ("sheet", &c.sheet_name),
                        ("n", &c.hidden_rows.len()),
                        ("rows", &rows.join("、")),
                    ]
                )
            );
        }
        if !c.problems.is_empty() {
            let rows: Vec<Vec<String>> = c
                .problems
                .iter()
                .map(|p| table::problem_cells(p, ctx.lang))
                .collect();
            out!("{}", table::problems(l, &rows));
        }
    }
    Ok(if clean {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
