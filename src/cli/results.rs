//! `kaowu history ID`: a person's earlier results and registrations.

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Outcome, table};
use crate::i18n::{common, sessions as msg};

/// Prints what is known of one ID number: results, then registrations with their session.
pub fn history(ctx: &Ctx, id_number: &str) -> Result<Outcome> {
    let store = ctx.store()?;
    let h = store.candidate_history(id_number)?;
    let l = ctx.lang;
    if ctx.json {
        ctx.print_json(&json!({
            "id_number": id_number.trim().to_uppercase(),
            "results": h.results.iter().map(|r| json!({
                "name": r.name, "level": r.level.zh(), "exam_date": r.exam_date.to_string(),
                "outcome": r.outcome.key() })).collect::<Vec<_>>(),
            "registrations": h.registrations.iter().map(|r| json!({
                "submission": r.submission_id, "plan": r.plan_code, "school": r.school,
                "session_plan": r.session_plan_code, "session_site": r.session_school,
                "state": r.submission_state.key(), "retake": r.retake, "valid": r.valid,
                "admission_number": r.admission_number })).collect::<Vec<_>>(),
        }));
        return Ok(Outcome::Clean);
    }
    if h.results.is_empty() && h.registrations.is_empty() {
        println!("{}", l.t(&msg::HISTORY_NONE));
        return Ok(Outcome::Clean);
    }
    let results: Vec<Vec<String>> = h
        .results
        .iter()
        .map(|r| {
            vec![
                r.exam_date.to_string(),
                r.level.zh().to_string(),
                r.name.clone(),
                r.outcome.zh().to_string(),
            ]
        })
        .collect();
    if !results.is_empty() {
        println!("{}", l.t(&msg::HISTORY_RESULTS));
        print!(
            "{}",
            table::render(
                &[
                    l.t(&msg::COL_DATE),
                    l.t(&msg::COL_LEVEL),
                    l.t(&msg::COL_NAME),
                    l.t(&msg::COL_OUTCOME)
                ],
                &results
            )
        );
    }
    let regs: Vec<Vec<String>> = h
        .registrations
        .iter()
        .map(|r| {
            vec![
                r.submission_id.to_string(),
                r.plan_code.clone(),
                r.school.clone(),
                l.t(common::submission_state(r.submission_state))
                    .to_string(),
                format!("{} {}", r.session_plan_code, r.session_school),
                if r.retake { "是" } else { "" }.to_string(),
                r.admission_number.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if !regs.is_empty() {
        println!("{}", l.t(&msg::HISTORY_REGISTRATIONS));
        print!(
            "{}",
            table::render(
                &[
                    "#",
                    l.t(&crate::i18n::cli::COL_CODE),
                    l.t(&crate::i18n::cli::COL_SCHOOL),
                    l.t(&crate::i18n::cli::COL_STATE),
                    l.t(&msg::COL_SESSION),
                    l.t(&msg::COL_RETAKES),
                    l.t(&msg::COL_ADMISSION),
                ],
                &regs
            )
        );
    }
    Ok(Outcome::Clean)
}
