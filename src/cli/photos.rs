//! `kaowu photos check ZIP (--submission N | --plan PLAN --school SCHOOL)`.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Failure, Outcome, table};
use crate::domain::photo;
use crate::domain::privacy::mask_id;
use crate::domain::problem::ProblemCode;
use crate::i18n::{cli as cli_msg, errors, photos as msg};
use crate::intake::photos::{self, PhotoLimits, PhotoReport, check_archive};
use crate::store::StoreError;

/// Which submission's candidates the archive is checked against.
pub enum Against<'a> {
    Submission(i64),
    Latest { plan: &'a str, school: &'a str },
}

pub fn check(ctx: &Ctx, zip: &Path, against: Against<'_>, tolerance: u32) -> Result<Outcome> {
    let l = ctx.lang;
    let store = ctx.store()?;
    let local = |e: StoreError| {
        let hint = match e {
            StoreError::UnknownPlan(_) => Some(&cli_msg::HINT_PLANS),
            StoreError::UnknownSchool(_) => Some(&cli_msg::HINT_SCHOOLS),
            StoreError::UnknownSubmission(_) => Some(&msg::HINT_NO_SUBMISSION),
            _ => None,
        };
        let f = Failure::new(errors::store_error(&e, l));
        match hint {
            Some(h) => f.hint(l.t(h)),
            None => f,
        }
    };
    let submission = match against {
        Against::Submission(id) => store.submission(id).map_err(local)?.id,
        Against::Latest { plan, school } => {
            let plan = store.find_plan(plan).map_err(local)?;
            let school = store.find_school(school).map_err(local)?;
            store
                .latest_submission(plan.id, school.id)
                .map_err(local)?
                .ok_or_else(|| {
                    Failure::new(l.fill(
                        &msg::NO_SUBMISSION,
                        &[("school", &school.info.name), ("plan", &plan.code())],
                    ))
                    .hint(l.t(&msg::HINT_NO_SUBMISSION))
                })?
        }
    };
    let candidates = store.photo_candidates(submission).map_err(local)?;
    let expected = photos::expected(&candidates);
    // The database is not held open while a large archive is checked.
    drop(store);

    let file = zip
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| zip.display().to_string());
    let limits = PhotoLimits {
        tolerance,
        ..PhotoLimits::default()
    };
    let show_progress = !ctx.json && std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        // A line per percent at most: the terminal is not the bottleneck.
        if show_progress && (done == total || done.is_multiple_of((total / 100).max(1))) {
            err!(
                "\r{}",
                l.fill(&msg::PROGRESS, &[("done", &done), ("total", &total)])
            );
            if done == total {
                errln!();
            }
        }
    };
    let report = check_archive(zip, &expected, &limits, l, &progress).map_err(|e| {
        Failure::new(e.message(l, &file))
            .hint(l.t(&msg::HINT_ARCHIVE))
            .code(e.code().key())
    })?;

    // Every check is filed: the candidates' photo status shows in the console and the return.
    let sha = photos::archive_sha256(zip).map_err(|e| {
        Failure::new(l.fill(&msg::ARCHIVE_UNREADABLE, &[("file", &file), ("err", &e)]))
            .code(ProblemCode::ArchiveUnreadable.key())
    })?;
    let mut store = ctx.store()?;
    photos::record(
        &mut store,
        &ctx.actor,
        submission,
        &candidates,
        &report,
        &file,
        &sha,
    )
    .map_err(local)?;

    if ctx.json {
        ctx.print_json(&report_json(&report, &file, submission));
    } else {
        print_human(ctx, &report, &file, submission);
    }
    Ok(if report.is_clean() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// The JSON of docs/cli.md, plus each candidate's measured background and the skipped junk.
pub fn report_json(r: &PhotoReport, file: &str, submission: i64) -> serde_json::Value {
    let candidates: Vec<_> = r
        .candidates
        .iter()
        .map(|c| {
            let problems: Vec<_> = c
                .problems
                .iter()
                .map(|(code, m)| json!({ "code": code.key(), "message": m }))
                .collect();
            json!({
                "id_number": c.id_number,
                "name": c.name,
                "photo": c.photo,
                "background": c.colour.map(photo::hex),
                "problems": problems,
            })
        })
        .collect();
    let entries: Vec<_> = r
        .entry_problems
        .iter()
        .map(|e| json!({ "entry": e.entry, "code": e.code.key(), "message": e.message }))
        .collect();
    json!({
        "archive": file,
        "submission": submission,
        "entries": r.entries,
        "candidates": candidates,
        "entries_problems": entries,
        "skipped": r.skipped,
    })
}

fn print_human(ctx: &Ctx, r: &PhotoReport, file: &str, submission: i64) {
    let l = ctx.lang;
    let bad = r
        .candidates
        .iter()
        .filter(|c| !c.problems.is_empty())
        .count();
    if r.is_clean() {
        let args: [(&str, &dyn std::fmt::Display); 3] = [
            ("file", &file),
            ("candidates", &r.candidates.len()),
            ("entries", &r.entries),
        ];
        outln!("{}", l.fill(&msg::ALL_GOOD, &args));
    } else {
        let args: [(&str, &dyn std::fmt::Display); 6] = [
            ("file", &file),
            ("entries", &r.entries),
            ("submission", &submission),
            ("candidates", &r.candidates.len()),
            ("bad", &bad),
            ("other", &r.entry_problems.len()),
        ];
        outln!("{}", l.fill(&msg::SUMMARY, &args));
    }
    // ID numbers are masked on screen as everywhere else; the JSON for scripts carries them whole.
    let rows: Vec<Vec<String>> = r
        .candidates
        .iter()
        .flat_map(|c| {
            c.problems.iter().map(|(code, m)| {
                vec![
                    c.name.clone(),
                    mask_id(&c.id_number),
                    code.key().to_string(),
                    m.clone(),
                ]
            })
        })
        .collect();
    if !rows.is_empty() {
        outln!();
        let header = [
            l.t(&msg::COL_CANDIDATE),
            l.t(&msg::COL_ID),
            l.t(&msg::COL_PROBLEM),
            l.t(&msg::COL_DETAIL),
        ];
        out!("{}", table::render(&header, &rows));
    }
    let rows: Vec<Vec<String>> = r
        .entry_problems
        .iter()
        .map(|e| vec![e.entry.clone(), e.code.key().to_string(), e.message.clone()])
        .collect();
    if !rows.is_empty() {
        outln!();
        let header = [
            l.t(&msg::COL_ENTRY),
            l.t(&msg::COL_PROBLEM),
            l.t(&msg::COL_DETAIL),
        ];
        out!("{}", table::render(&header, &rows));
    }
    if !r.skipped.is_empty() {
        outln!();
        outln!("{}", l.fill(&msg::SKIPPED, &[("n", &r.skipped.len())]));
    }
}
