//! A check's report filed against the submission's stored candidates.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::{Expected, PhotoReport};
use crate::store::{
    Actor, EntryNote, NewPhotoCheck, PhotoCandidate, PhotoResult, Store, StoreError,
};

/// What the checker needs to know of the candidates, in the same order.
pub fn expected(candidates: &[PhotoCandidate]) -> Vec<Expected> {
    candidates
        .iter()
        .map(|c| Expected {
            id_number: c.id_number.clone(),
            name: c.name.clone(),
        })
        .collect()
}

/// The archive's SHA-256 in hex, read in blocks: an archive of many photos is never held whole.
pub fn archive_sha256(path: &Path) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut file = File::open(path)?;
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Stores `report`, made by checking against `expected(candidates)`, as the candidates'
/// current photo status; returns the check's id.
pub fn record(
    store: &mut Store,
    actor: &Actor,
    submission_id: i64,
    candidates: &[PhotoCandidate],
    report: &PhotoReport,
    archive_name: &str,
    archive_sha256: &str,
) -> Result<i64, StoreError> {
    // check_archive keeps the order and count of what it was given.
    let results: Vec<PhotoResult> = candidates
        .iter()
        .zip(&report.candidates)
        .map(|(c, r)| PhotoResult {
            candidate_id: c.candidate_id,
            entry: r.photo.clone(),
            colour: r.colour,
            problems: r.problems.clone(),
        })
        .collect();
    let notes: Vec<EntryNote> = report
        .entry_problems
        .iter()
        .map(|e| EntryNote {
            entry: e.entry.clone(),
            code: e.code,
            says: e.says.clone(),
        })
        .collect();
    store.record_photo_check(
        actor,
        &NewPhotoCheck {
            submission_id,
            archive_name,
            archive_sha256,
            entries: report.entries,
            results: &results,
            entry_problems: &notes,
        },
    )
}
