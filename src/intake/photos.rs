//! 照片压缩包: checking a school's photo archive against the candidates of its submission.
//!
//! Nothing is extracted and no entry name is ever used as a path: entries are read into memory
//! one at a time, each through a cap, and the archive-wide caps on entries and inflated bytes
//! refuse the whole archive. The entries that need their content checked are spread over all
//! cores (see [`check_archive`]).

mod content;
mod names;
mod preview;
mod source;
mod stored;

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use zip::ZipArchive;

use crate::domain::photo::{self, EntryName, PhotoExt};
use crate::domain::problem::ProblemCode;
use crate::i18n::{Lang, Msg, photos as msg};

pub use content::check_image;
pub use preview::{PreviewError, load_photo};
pub use stored::{archive_sha256, expected, record};

/// The caps and the required size of a photo archive check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoLimits {
    /// One photo at most (5 MB).
    pub max_photo_bytes: u64,
    /// All entries read, inflated, at most; past it the whole archive is refused.
    pub max_total_bytes: u64,
    /// Entries in the archive at most; past it the whole archive is refused.
    pub max_entries: usize,
    pub width: u32,
    pub height: u32,
    /// Pixels either way the width and height may be off.
    pub tolerance: u32,
}

impl Default for PhotoLimits {
    /// 5 MB a photo, 295×413 exactly; 20,000 entries and 2 GB inflated for the archive (a large
    /// school sends a few thousand photos of 30–100 KB).
    fn default() -> PhotoLimits {
        PhotoLimits {
            max_photo_bytes: 5 * 1024 * 1024,
            max_total_bytes: 2 * 1024 * 1024 * 1024,
            max_entries: 20_000,
            width: 295,
            height: 413,
            tolerance: 0,
        }
    }
}

/// A candidate the archive must hold a photo for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub id_number: String,
    pub name: String,
}

/// A candidate and their photo, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidatePhoto {
    pub id_number: String,
    pub name: String,
    /// The entry checked as this candidate's photo (the first, if there are several).
    pub photo: Option<String>,
    /// The measured background colour, when the photo could be decoded.
    pub colour: Option<[u8; 3]>,
    pub problems: Vec<(ProblemCode, String)>,
}

/// A problem with an entry that belongs to no candidate: unsafe, badly named or an orphan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub entry: String,
    pub code: ProblemCode,
    pub message: String,
}

/// What checking an archive found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoReport {
    /// Entries in the archive's central directory, folders and junk included.
    pub entries: usize,
    /// One per expected candidate, in the order given.
    pub candidates: Vec<CandidatePhoto>,
    /// Entry problems in archive order (`photo_orphan`, `photo_bad_name`, `archive_unsafe_entry`).
    pub entry_problems: Vec<EntryProblem>,
    /// Archiver junk passed over: `__MACOSX/…`, `.DS_Store`, `._*`, `Thumbs.db`.
    pub skipped: Vec<String>,
}

impl PhotoReport {
    /// Whether every candidate has one good photo and nothing else is wrong.
    pub fn is_clean(&self) -> bool {
        self.entry_problems.is_empty() && self.candidates.iter().all(|c| c.problems.is_empty())
    }
}

/// Which archive-wide cap was passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    Entries { found: u64, max: usize },
    Bytes { max: u64 },
}

/// The archive as a whole cannot be checked (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    #[error("not a readable zip archive: {0}")]
    Unreadable(String),
    #[error("the archive exceeds its caps: {0:?}")]
    TooLarge(Cap),
    /// Photos packed with a compression method the reader lacks (LZMA, Deflate64, bzip2…):
    /// one problem for the archive, not one per photo.
    #[error("compression method {method} of {photos} photos is not supported")]
    Method { method: String, photos: usize },
}

impl ArchiveError {
    /// `archive_unreadable` or `archive_too_large`.
    pub fn code(&self) -> ProblemCode {
        match self {
            ArchiveError::Unreadable(_) | ArchiveError::Method { .. } => {
                ProblemCode::ArchiveUnreadable
            }
            ArchiveError::TooLarge(_) => ProblemCode::ArchiveTooLarge,
        }
    }

    /// The message in the user's language, naming the archive `file`.
    pub fn message(&self, lang: Lang, file: &str) -> String {
        match self {
            ArchiveError::Unreadable(err) => {
                lang.fill(&msg::ARCHIVE_UNREADABLE, &[("file", &file), ("err", err)])
            }
            ArchiveError::TooLarge(Cap::Entries { found, max }) => lang.fill(
                &msg::ARCHIVE_ENTRIES,
                &[("file", &file), ("n", found), ("max", max)],
            ),
            ArchiveError::Method { method, photos } => lang.fill(
                &msg::ARCHIVE_METHOD,
                &[("file", &file), ("method", method), ("n", photos)],
            ),
            ArchiveError::TooLarge(Cap::Bytes { max }) => lang.fill(
                &msg::ARCHIVE_BYTES,
                &[("file", &file), ("max", &msg::bytes(*max))],
            ),
        }
    }
}

/// A compression method by the name archivers give it (APPNOTE 4.4.5), with its number.
fn method_name(m: zip::CompressionMethod) -> String {
    use zip::CompressionMethod as M;
    const NAMED: [(M, &str); 9] = [
        (M::IMPLODE, "Implode (6)"),
        (M::DEFLATE64, "Deflate64 (9)"),
        (M::BZIP2, "BZip2 (12)"),
        (M::LZMA, "LZMA (14)"),
        (M::ZSTD, "Zstandard (93)"),
        (M::XZ, "XZ (95)"),
        (M::SHRINK, "Shrink (1)"),
        (M::PKWARE_IMPLODE, "Implode (10)"),
        (M::ZSTD_DEPRECATED, "Zstandard (20)"),
    ];
    NAMED
        .iter()
        .find(|(k, _)| *k == m)
        .map_or_else(|| format!("{m:?}"), |(_, n)| (*n).to_string())
}

/// One entry whose content must be checked: the candidate it belongs to.
struct Job {
    candidate: usize,
    index: usize,
    ext: PhotoExt,
}

/// Checks the archive at `path` against the `expected` candidates. `progress(done, total)` is
/// called from the worker threads after each photo checked.
///
/// Parallelism: the central directory is parsed once; each rayon worker clones the archive over
/// a shared `pread` reader (its own position, same descriptor) and inflates and decodes its own
/// entries. Inflating in the workers rather than in one reader thread keeps both cores busy on
/// deflated archives, and memory stays at one photo (≤ the photo cap) per worker.
pub fn check_archive(
    path: &Path,
    expected: &[Expected],
    limits: &PhotoLimits,
    lang: Lang,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<PhotoReport, ArchiveError> {
    let unreadable = |e: &dyn std::fmt::Display| ArchiveError::Unreadable(e.to_string());
    let file = File::open(path).map_err(|e| unreadable(&e))?;
    let reader = source::SharedFile::new(file).map_err(|e| unreadable(&e))?;
    let too_many = |found: u64| {
        (found > limits.max_entries as u64).then_some(ArchiveError::TooLarge(Cap::Entries {
            found,
            max: limits.max_entries,
        }))
    };
    if let Some(e) = source::declared_entries(&reader).and_then(too_many) {
        return Err(e);
    }
    let raw = reader.clone();
    let archive = ZipArchive::new(reader).map_err(|e| unreadable(&e))?;
    if let Some(e) = too_many(archive.len() as u64) {
        return Err(e);
    }

    let mut candidates: Vec<CandidatePhoto> = expected
        .iter()
        .map(|e| CandidatePhoto {
            id_number: e.id_number.trim().to_ascii_uppercase(),
            name: e.name.clone(),
            photo: None,
            colour: None,
            problems: Vec::new(),
        })
        .collect();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_id.entry(c.id_number.clone()).or_insert(i);
    }

    let mut report = PhotoReport {
        entries: archive.len(),
        candidates: Vec::new(),
        entry_problems: Vec::new(),
        skipped: Vec::new(),
    };
    // Every photo entry of each candidate, in archive order.
    let mut photos: Vec<Vec<(usize, String, PhotoExt)>> = vec![Vec::new(); candidates.len()];
    // Photos whose compression cannot be read, by method.
    let mut unreadable_methods: Vec<(String, usize)> = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index_data(index).map_err(|e| unreadable(&e))?;
        let name = names::decode(entry.name_raw(), entry.flags().as_u16());
        let problem = |code, message| EntryProblem {
            entry: name.clone(),
            code,
            message,
        };
        let refused = |why: &Msg| {
            let m = lang.fill(&msg::UNSAFE, &[("why", &lang.t(why))]);
            problem(ProblemCode::ArchiveUnsafeEntry, m)
        };
        let class = photo::classify_entry(&name, |id| by_id.contains_key(id));
        if let EntryName::Unsafe(why) = class {
            report.entry_problems.push(refused(msg::unsafe_name(why)));
            continue;
        }
        // Unzippers extract under the local header's name: one that differs from the name
        // checked here could put anything anywhere.
        if let Some(local) = names::local(&raw, entry.header_start())
            && local != entry.name_raw()
        {
            let shown = names::decode(&local, entry.flags().as_u16());
            let m = lang.fill(&msg::UNSAFE_LOCAL_NAME, &[("local", &shown)]);
            report
                .entry_problems
                .push(problem(ProblemCode::ArchiveUnsafeEntry, m));
            continue;
        }
        // A symbolic link's target is not a photo, and would point outside if extracted.
        let mode = entry.external_attributes() >> 16;
        if entry.is_symlink() || mode & 0o170000 == 0o120000 {
            report.entry_problems.push(refused(&msg::UNSAFE_SYMLINK));
            continue;
        }
        if entry.encrypted() {
            report.entry_problems.push(refused(&msg::UNSAFE_ENCRYPTED));
            continue;
        }
        match class {
            EntryName::Junk => report.skipped.push(name.clone()),
            EntryName::Directory | EntryName::Unsafe(_) => {}
            EntryName::BadName(b) => {
                let m = msg::bad_name(lang, &b);
                report
                    .entry_problems
                    .push(problem(ProblemCode::PhotoBadName, m));
            }
            EntryName::Photo { id_number, ext } => match by_id.get(&id_number) {
                Some(&c) => {
                    let method = entry.compression();
                    if !matches!(
                        method,
                        zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
                    ) {
                        let method = method_name(method);
                        match unreadable_methods.iter_mut().find(|(m, _)| *m == method) {
                            Some((_, n)) => *n += 1,
                            None => unreadable_methods.push((method, 1)),
                        }
                    }
                    photos[c].push((index, name.clone(), ext));
                }
                None => {
                    let m = lang.t(&msg::ORPHAN).to_string();
                    report
                        .entry_problems
                        .push(problem(ProblemCode::PhotoOrphan, m));
                }
            },
        }
    }
    if let Some((method, photos)) = unreadable_methods.into_iter().max_by_key(|(_, n)| *n) {
        return Err(ArchiveError::Method { method, photos });
    }
    if archive.metadata().has_duplicate_names() {
        report.entry_problems.push(EntryProblem {
            entry: String::new(),
            code: ProblemCode::ArchiveUnsafeEntry,
            message: lang.t(&msg::UNSAFE_DUPLICATE_NAMES).to_string(),
        });
    }

    let mut jobs = Vec::new();
    for (c, found) in photos.iter().enumerate() {
        let cand = &mut candidates[c];
        let Some((index, name, ext)) = found.first() else {
            let m = lang.t(&msg::MISSING).to_string();
            cand.problems.push((ProblemCode::PhotoMissing, m));
            continue;
        };
        cand.photo = Some(name.clone());
        jobs.push(Job {
            candidate: c,
            index: *index,
            ext: *ext,
        });
        if found.len() > 1 {
            let names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
            let m = lang.fill(&msg::DUPLICATE, &[("entries", &names.join("、"))]);
            cand.problems.push((ProblemCode::PhotoDuplicate, m));
        }
    }

    let budget = content::Budget::new(limits.max_total_bytes);
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let checked: Vec<Option<content::Checked>> = jobs
        .par_iter()
        .map_init(
            || archive.clone(),
            |archive, job| {
                if budget.exceeded() {
                    return None;
                }
                let r = content::check_entry(archive, job.index, job.ext, limits, &budget, lang);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                r.ok()
            },
        )
        .collect();
    if budget.exceeded() {
        return Err(ArchiveError::TooLarge(Cap::Bytes {
            max: limits.max_total_bytes,
        }));
    }
    for (job, found) in jobs.iter().zip(checked) {
        let cand = &mut candidates[job.candidate];
        let found = found.unwrap_or_default();
        cand.colour = found.colour;
        // Content problems first: they are what the school must fix in the photo itself.
        let mut problems = found.problems;
        problems.append(&mut cand.problems);
        cand.problems = problems;
    }
    report.candidates = candidates;
    Ok(report)
}
