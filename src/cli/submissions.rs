//! `kaowu submissions` and `kaowu decide`.

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Outcome, table};
use crate::domain::submission::{Decision, SubmissionState};
use crate::domain::time;
use crate::i18n::{cli as msg, common, errors};
use crate::store::{StoreError, SubmissionFilter, SubmissionSummary};

/// The JSON of one submission, as docs/cli.md fixes it.
pub fn submission_json(s: &SubmissionSummary) -> serde_json::Value {
    json!({
        "id": s.id,
        "file": s.file_name,
        "plan": s.plan_code,
        "school": s.school,
        "state": s.state.key(),
        "received_at": time::rfc3339(&s.received_at),
        "rows": s.rows,
        "valid_rows": s.valid_rows,
        "candidates": s.candidates,
        "problems": s.problems,
        "decided_by": s.decided_by,
        "decided_at": s.decided_at,
        "note": s.note,
    })
}

pub fn list(
    ctx: &Ctx,
    plan: Option<&str>,
    school: Option<&str>,
    state: Option<SubmissionState>,
) -> Result<Outcome> {
    let store = ctx.store()?;
    let filter = SubmissionFilter {
        state,
        plan_id: plan.map(|p| store.find_plan(p)).transpose()?.map(|p| p.id),
        school_id: school
            .map(|s| store.find_school(s))
            .transpose()?
            .map(|s| s.id),
        text: String::new(),
    };
    let subs = store.submissions(&filter)?;
    if ctx.json {
        ctx.print_json(
            &json!({ "submissions": subs.iter().map(submission_json).collect::<Vec<_>>() }),
        );
        return Ok(Outcome::Clean);
    }
    let l = ctx.lang;
    let mut table = table::Table::with_capacity(
        &[
            "id",
            l.t(&msg::COL_RECEIVED),
            l.t(&msg::COL_CODE),
            l.t(&msg::COL_SCHOOL),
            l.t(&msg::COL_STATE),
            l.t(&msg::COL_VALID_ROWS),
            l.t(&msg::COL_PROBLEMS),
            l.t(&msg::COL_FILE),
        ],
        subs.len(),
    );
    for s in &subs {
        table
            .cell_fmt(format_args!("{}", s.id))
            .cell_fmt(format_args!("{}", time::Short(&s.received_at)))
            .cell(&s.plan_code)
            .cell(&s.school)
            .cell(l.t(common::submission_state(s.state)))
            .cell_fmt(format_args!("{}/{}", s.valid_rows, s.rows))
            .cell_fmt(format_args!("{}", s.problems))
            .cell(&s.file_name)
            .end_row();
    }
    table.print();
    Ok(Outcome::Clean)
}

/// A refused decision is exit 1 with the reason; an unknown submission exit 2.
pub fn decide(
    ctx: &Ctx,
    id: i64,
    decision: Decision,
    reason: Option<&str>,
    valid_only: bool,
) -> Result<Outcome> {
    let l = ctx.lang;
    let mut store = ctx.store()?;
    let before = store.submission(id)?;
    // The state printed as "from" is the one the decision is taken on: if another process
    // changes it in between, the decision is refused as stale rather than applied blindly.
    let seen = Some(before.version);
    match store.decide_submission(&ctx.actor, id, decision, reason, valid_only, seen) {
        Ok(after) => {
            if ctx.json {
                ctx.print_json(&submission_json(&after));
            } else {
                outln!(
                    "{}",
                    l.fill(
                        &msg::SUBMISSION_DECIDED,
                        &[
                            ("id", &id),
                            ("school", &after.school),
                            ("from", &l.t(common::submission_state(before.state))),
                            ("to", &l.t(common::submission_state(after.state))),
                        ]
                    )
                );
            }
            Ok(Outcome::Clean)
        }
        Err(
            e @ (StoreError::Refused(_) | StoreError::AlreadyRegistered(_) | StoreError::Stale(_)),
        ) => {
            let message = errors::store_error(&e, l);
            if ctx.json {
                let mut doc = submission_json(&before);
                doc["refused"] = json!(message);
                ctx.print_json(&doc);
            }
            errln!(
                "kaowu: #{id} {}: {message}",
                l.t(errors::decision(decision))
            );
            Ok(Outcome::Problems)
        }
        Err(e) => Err(e.into()),
    }
}
