//! `kaowu schools import FILE`: load 附件2 (院校基本信息) all or nothing. Any problem, a
//! column or a row, means nothing is imported (exit 1); an unreadable file is exit 2.

use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Failure, Outcome, table};
use crate::i18n::{cli as msg, sheets};
use crate::intake::schools::{SchoolsSheet, read_schools};
use crate::store::SchoolImport;

pub fn import(ctx: &Ctx, path: &Path) -> Result<Outcome> {
    let l = ctx.lang;
    let read =
        read_schools(path, l).map_err(|e| Failure::new(e.to_string()).code(e.code().key()))?;
    let SchoolsSheet {
        file,
        schools,
        problems,
    } = read;
    let sheet = Named { file };
    let result = if problems.is_empty() && !schools.is_empty() {
        ctx.store()?.import_schools(&ctx.actor, &schools)?
    } else {
        SchoolImport::default()
    };
    if ctx.json {
        let list: Vec<_> = problems
            .iter()
            .map(|p| json!({ "row": p.row, "column": p.column, "code": p.code.key(), "message": crate::i18n::problems::text(p, l) }))
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
        let rows: Vec<Vec<String>> = problems
            .iter()
            .map(|p| table::problem_cells(p, l))
            .collect();
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

/// The file's name, as the messages below name it.
struct Named {
    file: String,
}
