//! Files the demo's filings through the real import path: each file is written as a school
//! would send it, imported (so its state, problems and SHA-256 come from the same code staff
//! use), then decided as the filing says. A few candidates are retakes with an earlier fail on
//! record, and the sessions that reached 20 are confirmed with part of their checklist done.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::filings::{Filing, Then};
use super::submission::write_submission_xlsx;
use crate::domain::result::{ExamResult, Outcome};
use crate::domain::submission::Decision;
use crate::i18n::Lang;
use crate::intake::submission::{Imported, Intake, Named, import_submission};
use crate::store::{Actor, ReadyItem, SessionFilter, SessionKey, Store};

/// The sitting the demo's retakes failed: 2021-06-19 (the summer sitting).
fn summer_sitting() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 6, 19).expect("a valid date")
}

/// Imports every filing in order and applies what staff then did.
pub fn file_all(store: &mut Store, filings: &mut [Filing]) -> Result<()> {
    mark_retakes(store, filings)?;
    let dir = Scratch::new(store.path())?;
    for (i, f) in filings.iter().enumerate() {
        // One folder per file: two schools may name their files alike.
        let folder = dir.0.join(i.to_string());
        std::fs::create_dir_all(&folder)?;
        file_one(store, f, &folder.join(&f.file_name))?;
    }
    confirm_full_sessions(store)
}

/// Two rows of every third accepted file are retakes whose earlier fail is on record; one
/// row of a waiting file is marked 补考 with nothing on record, so triage has that to show.
fn mark_retakes(store: &mut Store, filings: &mut [Filing]) -> Result<()> {
    let mut earlier = Vec::new();
    let accepted = filings
        .iter_mut()
        .filter(|f| matches!(f.then, Then::Accept { .. }) && !f.resent);
    for f in accepted.step_by(3) {
        for row in f.rows.iter_mut().take(2) {
            row.retake = true;
            earlier.push(ExamResult {
                id_number: row.id_number.text().into_owned(),
                name: row.name.clone(),
                level: f.level,
                exam_date: summer_sitting(),
                outcome: if earlier.len() % 4 == 3 {
                    Outcome::Absent
                } else {
                    Outcome::Fail
                },
            });
        }
    }
    if let Some(f) = filings.iter_mut().find(|f| f.then == Then::Leave)
        && let Some(row) = f.rows.last_mut()
    {
        row.retake = true;
    }
    let wang = Actor(super::STAFF[0].into());
    store.set_clock(super::history("2021-11-10 10:30"));
    store.import_results(&wang, "2021年6月成绩.xlsx", &earlier)?;
    Ok(())
}

fn file_one(store: &mut Store, f: &Filing, path: &Path) -> Result<()> {
    let plan = store.find_plan(f.plan)?;
    write_submission_xlsx(path, &plan, &f.school, &f.rows, f.opts)
        .with_context(|| format!("cannot write the demo file {}", f.file_name))?;
    let intake = Intake {
        path,
        plan: Named::Id(plan.id),
        school: Named::Key(&f.school),
        received_at: f.received_at,
    };
    let by = Actor(f.by.into());
    // Recorded as it came in, decided within the hour (never past the demo clock).
    store.set_clock(f.received_at);
    let import = |store: &mut Store| {
        import_submission(store, &by, &intake, Lang::Zh, &mut |_| {})
            .map(|filed| filed.imported)
            .map_err(|e| anyhow::anyhow!("demo file {}: {e}", f.file_name))
    };
    let id = match import(store)? {
        Imported::New { id, .. } => id,
        Imported::Duplicate { id } => id,
    };
    if f.resent {
        // The school sent the same file again in the group: recognised, not imported twice.
        import(store)?;
    }
    let (actor, decision, reason, valid_only) = match &f.then {
        Then::Leave => return Ok(()),
        Then::Accept { by, valid_only } => (by, Decision::Accept, None, *valid_only),
        Then::NeedsFix { by, note } => (by, Decision::NeedsFix, Some(*note), false),
        Then::Reject { by, reason } => (by, Decision::Reject, Some(*reason), false),
    };
    let decided = (f.received_at + chrono::Duration::minutes(40))
        .min(super::clock() - chrono::Duration::minutes(5));
    store.set_clock(decided.max(f.received_at));
    store.decide_submission(
        &Actor((*actor).into()),
        id,
        decision,
        reason,
        valid_only,
        None,
    )?;
    Ok(())
}

/// Confirms every other session that reached the minimum, with a growing part of its
/// checklist done, so the Overview has incomplete checklists and confirmed sessions to show.
fn confirm_full_sessions(store: &mut Store) -> Result<()> {
    let jin = Actor(super::STAFF[1].into());
    // The evening of the demo day, after the last file of the day was decided.
    store.set_clock(super::clock() - chrono::Duration::minutes(20));
    let full: Vec<SessionKey> = store
        .sessions(&SessionFilter::default())?
        .into_iter()
        .filter(|s| s.count.meets_minimum())
        .map(|s| SessionKey {
            plan_id: s.plan_id,
            school_id: s.school_id,
        })
        .collect();
    for (i, k) in full.into_iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        store.confirm_session(&jin, k)?;
        let items = [ReadyItem::Software, ReadyItem::Video, ReadyItem::Room];
        for item in items.into_iter().take(i / 2 % 4) {
            store.set_ready(&jin, k, item, true)?;
        }
    }
    Ok(())
}

/// A scratch folder for the generated files, removed when done: beside the database (one
/// folder per demo database, so two demos built at once never share it), or in the temp
/// folder for an in-memory store.
struct Scratch(PathBuf);

impl Scratch {
    fn new(db: Option<PathBuf>) -> Result<Scratch> {
        let dir = match db {
            Some(db) => db.with_extension("demo-files"),
            None => std::env::temp_dir().join(format!("kaowu-demo-{}", std::process::id())),
        };
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
