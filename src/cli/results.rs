//! `kaowu results import FILE` (earlier results, all or nothing) and `kaowu history ID` (a
//! person's results and registrations).

use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::args::ResultsCommand;
use super::{Ctx, Failure, Outcome, table};
use crate::domain::columns::ColumnSpec;
use crate::domain::problem::ProblemCode;
use crate::domain::result::{ResultColumn, read_rows};
use crate::i18n::{common, sessions as msg};
use crate::intake::{Limits, read_sheet};
use crate::store::ResultImport;

pub fn run(ctx: &Ctx, cmd: ResultsCommand) -> Result<Outcome> {
    match cmd {
        ResultsCommand::Import { file } => import(ctx, &file),
    }
}

/// One problem line: (row, column, code, message).
type Line = (Option<u32>, Option<String>, String, String);

/// Loads a results sheet. Any problem means nothing is stored (exit 1); an unreadable file is
/// exit 2. Extra columns (scores, remarks) are ignored: results sheets come from many places.
fn import(ctx: &Ctx, path: &Path) -> Result<Outcome> {
    let l = ctx.lang;
    let sheet = read_sheet::<ResultColumn>(path, &Limits::default(), l, &mut |_| {})
        .map_err(|e| Failure::new(e.to_string()).code(e.code().key()))?;
    let mut lines: Vec<Line> = sheet
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::MissingColumn)
        .map(|p| {
            (
                p.row,
                p.column.clone(),
                p.code.key().to_string(),
                crate::i18n::problems::text(p, l),
            )
        })
        .collect();
    let has = |c: ResultColumn| sheet.columns.iter().any(|(k, _)| *k == c);
    if !has(ResultColumn::Plan) && !has(ResultColumn::Date) {
        lines.push((
            Some(sheet.header_row),
            Some(ResultColumn::Plan.header().to_string()),
            ProblemCode::MissingColumn.key().to_string(),
            l.t(&msg::RESULT_PLAN_OR_DATE).to_string(),
        ));
    }
    let (results, problems) = read_rows(&sheet.rows);
    if lines.is_empty() {
        lines.extend(problems.iter().map(|p| {
            (
                Some(p.row),
                Some(p.column.header().to_string()),
                p.code.to_string(),
                msg::result_problem(p, l),
            )
        }));
    }
    let done = if lines.is_empty() && !results.is_empty() {
        ctx.store()?
            .import_results(&ctx.actor, &sheet.file, &results)?
    } else {
        ResultImport::default()
    };
    if ctx.json {
        let list: Vec<_> = lines
            .iter()
            .map(|(row, column, code, message)| json!({ "row": row, "column": column, "code": code, "message": message }))
            .collect();
        ctx.print_json(&json!({
            "file": sheet.file, "rows": sheet.rows.len(), "added": done.added,
            "updated": done.updated, "unchanged": done.unchanged, "problems": list,
        }));
    } else if lines.is_empty() {
        let m = if results.is_empty() {
            l.fill(&msg::RESULTS_NO_ROWS, &[("file", &sheet.file)])
        } else {
            l.fill(
                &msg::RESULTS_IMPORTED,
                &[
                    ("file", &sheet.file),
                    ("added", &done.added),
                    ("updated", &done.updated),
                    ("unchanged", &done.unchanged),
                ],
            )
        };
        outln!("{m}");
    } else {
        let rows: Vec<Vec<String>> = lines
            .iter()
            .map(|(row, column, code, message)| {
                vec![
                    row.map(|r| r.to_string()).unwrap_or_default(),
                    column.clone().unwrap_or_default(),
                    code.clone(),
                    message.clone(),
                ]
            })
            .collect();
        out!("{}", table::problems(l, &rows));
        outln!(
            "{}",
            l.fill(
                &msg::RESULTS_NOT_IMPORTED,
                &[("file", &sheet.file), ("n", &lines.len())]
            )
        );
    }
    Ok(if lines.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

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
                "session_plan": r.session.as_ref().map(|p| &p.plan_code),
                "session_site": r.session.as_ref().map(|p| &p.school),
                "state": r.submission_state.key(), "retake": r.retake, "valid": r.valid,
                "admission_number": r.admission_number })).collect::<Vec<_>>(),
        }));
        return Ok(Outcome::Clean);
    }
    if h.results.is_empty() && h.registrations.is_empty() {
        outln!("{}", l.t(&msg::HISTORY_NONE));
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
        outln!("{}", l.t(&msg::HISTORY_RESULTS));
        out!(
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
                // Not accepted (or a left-out row): in no session, whatever plan it named.
                r.session
                    .as_ref()
                    .map(|p| format!("{} {}", p.plan_code, p.school))
                    .unwrap_or_default(),
                if r.retake { "是" } else { "" }.to_string(),
                r.admission_number.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if !regs.is_empty() {
        outln!("{}", l.t(&msg::HISTORY_REGISTRATIONS));
        out!(
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
