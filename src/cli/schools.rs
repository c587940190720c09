//! `kaowu schools import FILE`: load 附件2 (院校基本信息) all or nothing. Any problem, a
//! column or a row, means nothing is imported (exit 1); an unreadable file is exit 2.

use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Failure, Outcome, table};
use crate::domain::columns::{ColumnSpec, SchoolColumn};
use crate::domain::problem::Problem;
use crate::domain::school_rows::{SchoolFinding, SchoolRowFinding, schools_of_rows};
use crate::i18n::{Lang, cli as msg, sheets};
use crate::intake::{Limits, read_sheet};
use crate::store::SchoolImport;

pub fn import(ctx: &Ctx, path: &Path) -> Result<Outcome> {
    let l = ctx.lang;
    let sheet = read_sheet::<SchoolColumn>(path, &Limits::default(), l, &mut |_| {})
        .map_err(|e| Failure::new(e.to_string()).code(e.code().key()))?;
    let (schools, findings) = schools_of_rows(&sheet.rows);
    let mut problems = sheet.problems.clone();
    problems.extend(findings.iter().map(|f| problem(f, l)));
    let result = if problems.is_empty() && !schools.is_empty() {
        ctx.store()?.import_schools(&ctx.actor, &schools)?
    } else {
        SchoolImport::default()
    };
    if ctx.json {
        let list: Vec<_> = problems
            .iter()
            .map(|p| json!({ "row": p.row, "column": p.column, "code": p.code.key(), "message": p.message }))
            .collect();
        ctx.print_json(&json!({
            "file": sheet.file, "added": result.added, "updated": result.updated,
            "unchanged": result.unchanged, "problems": list,
        }));
    } else if problems.is_empty() {
        let m = if schools.is_empty() {
            l.fill(&sheets::SCHOOLS_NO_ROWS, &[("file", &sheet.file)])
        } else {
            l.fill(
                &msg::SCHOOLS_IMPORTED,
                &[
                    ("file", &sheet.file),
                    ("added", &result.added),
                    ("updated", &result.updated),
                    ("unchanged", &result.unchanged),
                ],
            )
        };
        outln!("{m}");
    } else {
        let rows: Vec<Vec<String>> = problems.iter().map(table::problem_cells).collect();
        out!("{}", table::problems(l, &rows));
        outln!(
            "{}",
            l.fill(
                &sheets::SCHOOLS_NOT_IMPORTED,
                &[("file", &sheet.file), ("n", &problems.len())]
            )
        );
    }
    Ok(if problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// A 附件2 finding as a problem naming its row and column in the user's language.
fn problem(f: &SchoolRowFinding, l: Lang) -> Problem {
    let column = f.column.header();
    let message = match &f.finding {
        SchoolFinding::Missing => l.fill(
            &sheets::SCHOOL_FIELD_MISSING,
            &[("row", &f.row), ("column", &column)],
        ),
        SchoolFinding::PhoneInvalid(v) => l.fill(
            &sheets::SCHOOL_PHONE_INVALID,
            &[("row", &f.row), ("column", &column), ("value", v)],
        ),
        SchoolFinding::Duplicate { name, first } => l.fill(
            &sheets::SCHOOL_DUPLICATE,
            &[("row", &f.row), ("name", name), ("first", first)],
        ),
    };
    Problem {
        row: Some(f.row),
        column: Some(column.to_string()),
        code: f.finding.code(),
        message,
    }
}
