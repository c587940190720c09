//! The Candidates screen's queries: every candidate across submissions, searched by name, ID
//! or phone, fetched one window at a time (the table can hold hundreds of thousands).

use rusqlite::{params_from_iter, types::Value};

use super::audit::{Change, escape_like, record};
use super::submissions::CandidateRow;
use super::{Actor, Result, Store, StoreError, optional};
use crate::domain::staff::Role;

const SELECT: &str =
    "SELECT c.id, c.submission_id, c.row, c.name, c.id_type, c.id_number, c.gender,
    c.phone, sc.name, p.exam_start, p.level, c.retake, c.valid, s.state
    FROM candidate c JOIN submission s ON s.id = c.submission_id
    JOIN school sc ON sc.id = s.school_id JOIN plan p ON p.id = s.plan_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CandidateRow> {
    let exam: String = r.get(9)?;
    let level: String = r.get(10)?;
    let level_zh = level
        .parse::<crate::domain::Level>()
        .map(|l| l.zh())
        .unwrap_or("?");
    let state: String = r.get(13)?;
    Ok(CandidateRow {
        id: r.get(0)?,
        submission_id: r.get(1)?,
        row: r.get(2)?,
        name: r.get(3)?,
        id_type: r.get(4)?,
        id_number: r.get(5)?,
        gender: r.get(6)?,
        phone: r.get(7)?,
        school: r.get(8)?,
        plan_code: format!(
            "{}-{level_zh}",
            exam.get(..10).unwrap_or("").replace('-', "")
        ),
        retake: r.get(11)?,
        valid: r.get(12)?,
        submission_state: state.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                13,
                rusqlite::types::Type::Text,
                "state".into(),
            )
        })?,
    })
}

/// Every word must match the name, the ID number or the phone (prefix or inside).
fn where_clause(text: &str, submission: Option<i64>) -> (String, Vec<Value>) {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    if let Some(id) = submission {
        conds.push("c.submission_id = ?".to_string());
        args.push(Value::Integer(id));
    }
    for w in text.split_whitespace() {
        conds.push(
            "(c.name LIKE ? ESCAPE '\\' OR c.id_number LIKE ? ESCAPE '\\' OR c.phone LIKE ? ESCAPE '\\')".to_string(),
        );
        // ID numbers are stored with an upper-case X; staff may type a lower-case one.
        let id_pat = Value::Text(format!("%{}%", escape_like(&w.to_uppercase())));
        let pat = Value::Text(format!("%{}%", escape_like(w)));
        args.extend([pat.clone(), id_pat, pat]);
    }
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    (clause, args)
}

impl Store {
    /// Candidates matching `text` (optionally of one submission), by submission then row:
    /// `limit` rows from `offset`.
    pub fn candidates(
        &self,
        text: &str,
        submission: Option<i64>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<CandidateRow>> {
        let (clause, mut args) = where_clause(text, submission);
        args.push(Value::Integer(limit as i64));
        args.push(Value::Integer(offset as i64));
        let sql =
            format!("{SELECT} {clause} ORDER BY c.submission_id DESC, c.row LIMIT ? OFFSET ?");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many candidates match `text`.
    pub fn candidate_count(&self, text: &str, submission: Option<i64>) -> Result<usize> {
        let (clause, args) = where_clause(text, submission);
        let sql = format!("SELECT count(*) FROM candidate c {clause}");
        let n: i64 = self
            .conn()
            .query_row(&sql, params_from_iter(args), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Shows one candidate's full ID and phone to `actor`, recording that they looked: the
    /// numbers are personal data, masked everywhere else.
    pub fn reveal_candidate(&mut self, actor: &Actor, candidate_id: i64) -> Result<CandidateRow> {
        self.reveal(actor, candidate_id, "证件号码、手机号")
    }

    /// Gives one candidate's full ID number to `actor` for the clipboard, recorded as a reveal:
    /// a copied number is as much out in the open as a shown one.
    pub fn copy_candidate_id(&mut self, actor: &Actor, candidate_id: i64) -> Result<CandidateRow> {
        self.reveal(actor, candidate_id, "证件号码（复制到剪贴板）")
    }

    fn reveal(&mut self, actor: &Actor, candidate_id: i64, what: &str) -> Result<CandidateRow> {
        let row = optional(self.conn().query_row(
            &format!("{SELECT} WHERE c.id = ?1"),
            [candidate_id],
            from_row,
        ))?
        .ok_or_else(|| StoreError::Corrupt(format!("no candidate {candidate_id}")))?;
        self.write(actor, Role::Triage, "candidate.reveal", |tx| {
            record(
                tx,
                actor,
                Change {
                    action: "candidate.reveal".into(),
                    entity: "candidate",
                    entity_id: Some(candidate_id),
                    label: format!("{} ({})", row.name, row.school),
                    detail: what.into(),
                    reason: None,
                },
            )
        })?;
        Ok(row)
    }
}

/// How many matches a search counts before it stops: past it the screen says "1000+" and
/// staff narrow the search instead of scrolling.
pub const SEARCH_CAP: usize = 1000;

/// One visible window of the Candidates screen and how many rows match in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateWindow {
    pub rows: Vec<CandidateRow>,
    /// Matching candidates, at most [`SEARCH_CAP`] when searching.
    pub total: usize,
    /// More than `total` match (the count stopped at the cap).
    pub more: bool,
}

/// What marks the last four of an ID number or phone among a candidate's search keys, so a
/// word typed never matches them from their start.
const TAIL: char = '\u{1}';

/// Every character sorts below U+10FFFF, so [w, w+U+10FFFF) is "starts with w".
const LAST: char = '\u{10FFFF}';

/// A candidate's search keys, as [`KeyBatch`] and migration 012 write them into
/// `candidate_key`: the name, the given name (after the first character), the ID number, the
/// phone, and the last four of the ID number and the phone after [`TAIL`]. Empty ones are
/// left out.
pub fn search_keys(name: &str, id_number: &str, phone: &str) -> Vec<String> {
    let tail = |s: &str| {
        let n = s.chars().count();
        format!(
            "{TAIL}{}",
            s.chars().skip(n.saturating_sub(4)).collect::<String>()
        )
    };
    let mut keys = vec![
        name.to_string(),
        given_name(name).to_string(),
        id_number.to_string(),
        phone.to_string(),
    ];
    if !id_number.is_empty() {
        keys.push(tail(id_number));
    }
    if !phone.is_empty() {
        keys.push(tail(phone));
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// How many candidates share an epoch of `candidate_key` (its `id >> 12`, in migration 012).
const EPOCH_SHIFT: u32 = 12;

/// The search keys of a batch of candidates just inserted, written together once the batch is
/// in: sorted into the table's own order, so each insert lands next to the one before, and many
/// rows to a statement. Against one statement per key in insertion order, that took the CPU of
/// a 100k-row import from about 1.65 s to 1.30 s (sorting alone: 1.40 s). A trigger writing
/// the keys made SQLite keep a statement journal for every candidate's insert (1.9 million
/// writes for 100k rows).
#[derive(Default)]
pub(super) struct KeyBatch(Vec<(i64, String, i64)>);

/// Rows of one multi-row INSERT of search keys (three parameters each).
const KEY_ROWS: usize = 128;

impl KeyBatch {
    /// The keys of candidate `id`.
    pub(super) fn add(&mut self, id: i64, name: &str, id_number: &str, phone: &str) {
        for key in search_keys(name, id_number, phone) {
            self.0.push((id >> EPOCH_SHIFT, key, id));
        }
    }

    /// Writes the keys, each once (a garbled row's fields may repeat one another: its name
    /// copied into the phone cell).
    pub(super) fn write(mut self, tx: &rusqlite::Transaction<'_>) -> Result<()> {
        self.0.sort_unstable();
        self.0.dedup();
        let sql = |rows: usize| {
            format!(
                "INSERT OR IGNORE INTO candidate_key (epoch, key, candidate_id) VALUES {}",
                vec!["(?, ?, ?)"; rows].join(", ")
            )
        };
        let insert = |ins: &mut rusqlite::Statement<'_>, rows: &[(i64, String, i64)]| {
            for (n, (epoch, key, id)) in rows.iter().enumerate() {
                ins.raw_bind_parameter(3 * n + 1, epoch)?;
                ins.raw_bind_parameter(3 * n + 2, key)?;
                ins.raw_bind_parameter(3 * n + 3, id)?;
            }
            ins.raw_execute().map(drop)
        };
        let mut chunks = self.0.chunks_exact(KEY_ROWS);
        if chunks.len() > 0 {
            let mut ins = tx.prepare_cached(&sql(KEY_ROWS))?;
            for chunk in chunks.by_ref() {
                insert(&mut ins, chunk)?;
            }
        }
        let mut ins = tx.prepare_cached(&sql(1))?;
        for one in chunks.remainder().chunks(1) {
            insert(&mut ins, one)?;
        }
        Ok(())
    }
}

/// One word of a search: the key prefixes it matches. A word matches the start of the name, of
/// the given name, of the ID number (stored with an upper-case X; staff may type a lower-case
/// one) or of the phone, and four letters or digits also the last four of the ID or phone.
///
/// Beside other words, a word holding a character outside ASCII matches the start of the name
/// or of the given name only, as typed. No well-formed ID number or phone holds such a
/// character (every `domain::id_number::Charset` is ASCII, and `normalize_id` turns full-width
/// forms into ASCII), so what this leaves out is the text of an invalid row's ID or phone cell
/// (无, 见备注), which the word alone still finds.
/// It is what lets such words be walked together as prefixes of the name ([`name_walk`]):
/// otherwise two words that each match many people and together none (张伟 明) would test
/// every candidate of one of them.
#[derive(Debug)]
struct Word {
    text: String,
    prefixes: Vec<String>,
}

impl Word {
    fn new(w: &str) -> Word {
        let up = w.to_uppercase();
        let mut prefixes = vec![w.to_string()];
        if up != w {
            prefixes.push(up.clone());
        }
        // Only letters and digits end an ID number or phone; a four-character name is never
        // looked for among the ends (a walk of its own through every epoch).
        if w.chars().count() == 4 && w.chars().all(|c| c.is_ascii_alphanumeric()) {
            prefixes.push(format!("{TAIL}{up}"));
            if up != w {
                prefixes.push(format!("{TAIL}{w}"));
            }
        }
        Word {
            text: w.to_string(),
            prefixes,
        }
    }

    /// Whether, beside other words, this one is looked for in names only.
    fn names_only(&self) -> bool {
        !self.text.is_ascii()
    }

    /// Whether a candidate with this name and these search keys ([`search_keys`]) matches the
    /// word, one of `several` or alone.
    fn matches(&self, name: &str, keys: &[String], several: bool) -> bool {
        if several && self.names_only() {
            return name.starts_with(&self.text) || given_name(name).starts_with(&self.text);
        }
        keys.iter()
            .any(|k| self.prefixes.iter().any(|p| k.starts_with(p.as_str())))
    }

    /// The walk over this word's keys.
    fn walk(&self) -> Walk {
        Walk(
            self.prefixes
                .iter()
                .map(|p| Arm {
                    prefix: p.clone(),
                    names: false,
                })
                .collect(),
        )
    }
}

/// The name after its first character, as its given-name key.
fn given_name(name: &str) -> &str {
    name.char_indices().nth(1).map_or("", |(i, _)| &name[i..])
}

/// Text column `i` of a row, read in place.
fn text_at<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

/// The walk for `words` that match the start of the name or of the given name only: prefixes
/// that the name (or the given name) of every candidate matching them all starts with, read
/// off the words alone.
///
/// Split the words of a match into those its name N starts with and those its given name
/// G = N[1..] starts with: each side's words are prefixes of one another, so of the side's
/// longest, a for N and b for G. With b alone, G starts with b; with a alone, N does with a
/// (and the mirror split with b = a stands for the same names, so a walks whole). With both,
/// N starts with a and with a's first character followed by b: one of these starts the other,
/// and N starts with the longer, two characters at least. The walk is the prefixes of every
/// pair (a, b) of the words or none that leaves no word a prefix of neither: 张伟 明 gives
/// 明张伟 alone; 伟 明 gives 伟明 and 明伟, both as a name; 张 李 王 gives nothing, as nobody
/// matches.
fn name_walk(words: &[&str]) -> Walk {
    let mut words = words.to_vec();
    words.sort_unstable();
    words.dedup();
    // A word that starts no other is a or b itself: past two of them nobody matches, and a
    // pasted list of names is answered without trying every pair of its words.
    let ends = words
        .iter()
        .filter(|w| !words.iter().any(|v| v != *w && v.starts_with(**w)))
        .count();
    if ends > 2 {
        return Walk(Vec::new());
    }
    let mut arms = Vec::new();
    let choices = || words.iter().map(|w| Some(*w)).chain([None]);
    for a in choices() {
        for b in choices() {
            let covered = |w: &&str| {
                a.is_some_and(|a| a.starts_with(w)) || b.is_some_and(|b| b.starts_with(w))
            };
            if !words.iter().all(covered) {
                continue;
            }
            let arm = match (a, b) {
                (None, None) => continue,
                // Every word starts the one: the name or the given name starts with it (one
                // split and its mirror).
                (Some(a), None) | (None, Some(a)) => Arm {
                    prefix: a.to_string(),
                    names: false,
                },
                (Some(a), Some(b)) => {
                    let first = a.chars().next().expect("a word has a character");
                    let both = format!("{first}{b}");
                    let prefix = if both.starts_with(a) {
                        both
                    } else if a.starts_with(&both) {
                        a.to_string()
                    } else {
                        continue;
                    };
                    Arm {
                        prefix,
                        names: true,
                    }
                }
            };
            arms.push(arm);
        }
    }
    // A prefix that stands for the name and the given name is walked once, whole; and a
    // range inside another walked range is left out (a whole range holds its names too).
    arms.sort_by(|x, y| x.prefix.cmp(&y.prefix).then(x.names.cmp(&y.names)));
    arms.dedup_by(|later, kept| later.prefix == kept.prefix);
    let kept: Vec<Arm> = arms
        .iter()
        .filter(|q| {
            !arms.iter().any(|p| {
                p.prefix != q.prefix && q.prefix.starts_with(&p.prefix) && (!p.names || q.names)
            })
        })
        .cloned()
        .collect();
    Walk(kept)
}

/// A range of `candidate_key` a search walks: the keys that start with `prefix`, and with
/// `names` only those that are likely a candidate's name (see [`Walk::sql`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Arm {
    prefix: String,
    names: bool,
}

/// What a search walks over the epochs: the keys of one or more ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Walk(Vec<Arm>);

impl Walk {
    /// The walk over epochs `?1` down to `?2`: the candidate id of each key that matches (a
    /// candidate may come twice), with the fields the words are matched against when `fields`.
    ///
    /// A range that stands for the name keeps a key only if the candidate also has the key
    /// after its first character (a name's given name is a key of its own): the given names
    /// that start with the prefix, those of people whose name is one character longer (伟明
    /// of 张伟明 for 伟明), mostly have none, and are passed over in the index without reading
    /// the candidate. Such a prefix has two characters at least ([`name_walk`]), so every
    /// name it matches has a given name.
    fn sql(&self, fields: bool) -> String {
        let cols = if fields {
            ", c.name, c.id_number, c.phone"
        } else {
            ""
        };
        let join = if fields {
            " JOIN candidate c ON c.id = k.candidate_id"
        } else {
            ""
        };
        let arms: Vec<String> = self
            .0
            .iter()
            .enumerate()
            .map(|(i, arm)| {
                let names = if arm.names {
                    " JOIN candidate_key g ON g.epoch = k.epoch AND g.key = substr(k.key, 2)
                     AND g.candidate_id = k.candidate_id"
                } else {
                    ""
                };
                format!(
                    "SELECT k.candidate_id, k.epoch{cols} FROM e JOIN candidate_key k
                     ON k.epoch = e.n AND k.key >= ?{} AND k.key < ?{}{names}{join}",
                    3 + 2 * i,
                    4 + 2 * i
                )
            })
            .collect();
        format!(
            "WITH RECURSIVE e(n) AS (SELECT ?1 UNION ALL SELECT n - 1 FROM e WHERE n > ?2)
             {}",
            arms.join(" UNION ALL ")
        )
    }

    /// The arguments of [`Walk::sql`] for epochs `hi` down to `lo`.
    fn args(&self, hi: i64, lo: i64) -> Vec<Value> {
        let mut args = vec![Value::Integer(hi), Value::Integer(lo)];
        for arm in &self.0 {
            args.push(Value::Text(arm.prefix.clone()));
            args.push(Value::Text(format!("{}{LAST}", arm.prefix)));
        }
        args
    }
}

/// How many keys a candidate walk may find in the newest epochs before another walk is
/// preferred: past it both are dense, and either reaches the cap soon.
const SAMPLE_CAP: usize = 2 * SEARCH_CAP;

impl Store {
    /// The candidates matching `text`, newest first: `limit` rows from `offset`, and the count
    /// (capped at [`SEARCH_CAP`] when searching). Only the window's rows are read.
    pub fn candidate_window(
        &self,
        text: &str,
        limit: usize,
        offset: usize,
    ) -> Result<CandidateWindow> {
        if text.split_whitespace().next().is_none() {
            return self.newest_candidates(limit, offset);
        }
        let found = self.search(text)?;
        let more = found.len() > SEARCH_CAP;
        let total = found.len().min(SEARCH_CAP);
        let end = (offset + limit).min(total);
        let ids = found.get(offset.min(end)..end).unwrap_or_default();
        if ids.is_empty() {
            return Ok(CandidateWindow {
                rows: Vec::new(),
                total,
                more,
            });
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let sql = format!("{SELECT} WHERE c.id IN ({marks}) ORDER BY c.id DESC");
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(ids.iter()), from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CandidateWindow { rows, total, more })
    }

    /// Every candidate, newest first, without a search.
    fn newest_candidates(&self, limit: usize, offset: usize) -> Result<CandidateWindow> {
        // Each submission keeps its candidates' count (migration 011): summing 25,000 of them
        // costs a millisecond where counting five million rows cost twenty, on every move of
        // the window.
        let n: i64 = self.conn().query_row(
            "SELECT coalesce(sum(candidates), 0) FROM submission",
            [],
            |r| r.get(0),
        )?;
        let total = n as usize;
        let end = (offset + limit).min(total);
        // Past the middle the window is read from the oldest end, so the last page (End)
        // skips as few rows as the first.
        let (order, skip) = if offset > total / 2 {
            ("ASC", total - end)
        } else {
            ("DESC", offset)
        };
        let sql = format!(
            "{SELECT} WHERE c.id IN (SELECT id FROM candidate ORDER BY id {order} LIMIT ? OFFSET ?)
             ORDER BY c.id DESC"
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([end.saturating_sub(offset) as i64, skip as i64], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CandidateWindow {
            rows,
            total,
            more: false,
        })
    }

    /// The ids of the newest candidates matching every word of `text`, newest first: all of
    /// them, or the newest [`SEARCH_CAP`] + 1 and perhaps some more (then there are more).
    ///
    /// One walk (see [`Store::search_walk`]) goes over the epochs of `candidate_key` newest
    /// first, a few epochs at the first step and twice as many at each next one, so a common
    /// word stops after the newest epochs and a rare one seeks each epoch once; with several
    /// words, each found candidate's own fields are matched against all of them. Epochs are
    /// ranges of ids, so once every row of the epoch that took the count past the cap is in, no
    /// older epoch can hold a newer match.
    fn search(&self, text: &str) -> Result<Vec<i64>> {
        let words: Vec<Word> = text.split_whitespace().map(Word::new).collect();
        let several = words.len() > 1;
        let Some(mut hi) = self.newest_epoch()? else {
            return Ok(Vec::new());
        };
        let walk = self.search_walk(&words, hi)?;
        if walk.0.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(&walk.sql(several))?;
        let mut seen = std::collections::HashSet::new();
        let mut found = Vec::new();
        let mut step = 1;
        // The epoch whose rows took the count past the cap: once every row of it is in, older
        // epochs cannot change the answer.
        let mut full_at = None;
        'walk: while hi >= 0 && full_at.is_none() {
            let lo = (hi - step + 1).max(0);
            let mut rows = stmt.query(params_from_iter(walk.args(hi, lo)))?;
            // One range comes epoch by epoch, newest first, as the walk goes; should rows
            // ever come otherwise (two ranges come one after the other), the whole step is
            // read before stopping.
            let (mut last, mut ordered) = (i64::MAX, walk.0.len() == 1);
            while let Some(r) = rows.next()? {
                let epoch: i64 = r.get(1)?;
                ordered &= epoch <= last;
                last = epoch;
                if ordered && full_at.is_some_and(|at| epoch < at) {
                    break 'walk;
                }
                let id: i64 = r.get(0)?;
                if !seen.insert(id) {
                    continue;
                }
                if several {
                    let name = text_at(r, 2)?;
                    let keys = search_keys(name, text_at(r, 3)?, text_at(r, 4)?);
                    if !words.iter().all(|w| w.matches(name, &keys, true)) {
                        continue;
                    }
                }
                found.push(id);
                if found.len() > SEARCH_CAP && full_at.is_none() {
                    full_at = Some(epoch);
                }
            }
            hi = lo - 1;
            // Doubling reaches the oldest epoch in a few statements; the cap keeps a step
            // that lands on a dense stretch from reading far past what it needs when the
            // rows come in two ranges.
            step = (step * 2).min(64);
        }
        found.sort_unstable_by(|a, b| b.cmp(a));
        Ok(found)
    }

    /// What a search of `words` walks, `newest` being the newest epoch: a single word's own
    /// keys; for several, the walk of the words matched in names only ([`name_walk`]) or of
    /// another word's keys, whichever finds fewest keys in the newest two epochs (on a tie the
    /// first: the names' walk, then the longest word, as the likeliest rare). Which walk is
    /// taken only decides how fast: every candidate it finds is matched against every word.
    /// An empty walk: nobody can match.
    fn search_walk(&self, words: &[Word], newest: i64) -> Result<Walk> {
        if let [word] = words {
            return Ok(word.walk());
        }
        let names: Vec<&str> = words
            .iter()
            .filter(|w| w.names_only())
            .map(|w| w.text.as_str())
            .collect();
        let mut others: Vec<&Word> = words.iter().filter(|w| !w.names_only()).collect();
        others.sort_by_key(|w| std::cmp::Reverse(w.text.chars().count()));
        let mut walks = Vec::new();
        if !names.is_empty() {
            let walk = name_walk(&names);
            if walk.0.is_empty() {
                return Ok(walk);
            }
            walks.push(walk);
        }
        walks.extend(others.iter().map(|w| w.walk()));
        let mut best = (usize::MAX, 0);
        if walks.len() > 1 {
            for (i, walk) in walks.iter().enumerate() {
                let found = self.keys_in_newest(walk, newest, best.0.min(SAMPLE_CAP))?;
                if found < best.0 {
                    best = (found, i);
                }
            }
        }
        Ok(walks.swap_remove(best.1))
    }

    /// The newest epoch of `candidate_key`, none before the first candidate.
    fn newest_epoch(&self) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT max(epoch) FROM candidate_key", [], |r| r.get(0))?)
    }

    /// How many keys `walk` finds in the newest two epochs (`newest` and the one before),
    /// counting no further than `cap`: the index alone is read.
    fn keys_in_newest(&self, walk: &Walk, newest: i64, cap: usize) -> Result<usize> {
        let mut stmt = self.conn().prepare_cached(&walk.sql(false))?;
        let mut rows = stmt.query(params_from_iter(walk.args(newest, (newest - 1).max(0))))?;
        let mut n = 0;
        while n < cap && rows.next()?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// The query plans of the search behind [`Store::candidate_window`], for tests that keep
    /// it off full scans.
    pub fn candidate_search_plan(&self, text: &str) -> Result<Vec<String>> {
        let words: Vec<Word> = text.split_whitespace().map(Word::new).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let walk = self.search_walk(&words, self.newest_epoch()?.unwrap_or(0))?;
        let sql = format!("EXPLAIN QUERY PLAN {}", walk.sql(words.len() > 1));
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(walk.args(10, 0)), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates stored before migration 012 get their keys from its SQL; new ones from
    /// [`KeyBatch`]: the two must agree, down to the odd cases.
    #[test]
    fn the_migration_writes_the_keys_the_import_writes() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let migrations = super::super::schema::migrations();
        migrations.to_version(&mut conn, 11).unwrap();
        // The keys need a candidate row only; its submission does not matter here.
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        let people = [
            ("王芳", "11010220010101123X", "13800001234"),
            ("芳", "110102200101011234", "13800001234"),
            ("欧阳娜娜", "123", ""),
            ("", "", "12"),
            ("Tom 李", "ab12", "1234"),
        ];
        let id = |i: usize| i as i64 * 3000 + 1;
        for (i, (name, number, phone)) in people.iter().enumerate() {
            conn.execute(
                "INSERT INTO candidate (id, submission_id, row, name, id_type, id_number, phone,
                 school_name, valid) VALUES (?1, 1, ?1, ?2, '居民身份证', ?3, ?4, '校', 1)",
                rusqlite::params![id(i), name, number, phone],
            )
            .unwrap();
        }
        migrations.to_latest(&mut conn).unwrap();
        let keys = |conn: &rusqlite::Connection, id: i64| -> Vec<(i64, String)> {
            conn.prepare("SELECT epoch, key FROM candidate_key WHERE candidate_id = ? ORDER BY key")
                .unwrap()
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let tx = conn.transaction().unwrap();
        for (i, (name, number, phone)) in people.iter().enumerate() {
            let again = id(i) + 100_000;
            let mut batch = KeyBatch::default();
            batch.add(again, name, number, phone);
            batch.write(&tx).unwrap();
            let migrated = keys(&tx, id(i));
            let written: Vec<(i64, String)> = keys(&tx, again)
                .into_iter()
                .map(|(e, k)| (e - (again >> EPOCH_SHIFT) + (id(i) >> EPOCH_SHIFT), k))
                .collect();
            assert!(!migrated.is_empty() || name.is_empty(), "{name}");
            assert_eq!(migrated, written, "{name} {number} {phone}");
        }
    }

    /// The names a walk stands for: an arm for the name takes names that start with its
    /// prefix, another names or given names that do.
    fn walked(walk: &Walk, name: &str) -> bool {
        walk.0.iter().any(|arm| {
            name.starts_with(&arm.prefix)
                || (!arm.names && given_name(name).starts_with(&arm.prefix))
        })
    }

    #[test]
    fn words_matched_in_names_walk_the_prefixes_of_the_brief() {
        let walk = |words: &[&str]| -> Vec<(String, bool)> {
            name_walk(words)
                .0
                .into_iter()
                .map(|a| (a.prefix, a.names))
                .collect()
        };
        let arm = |p: &str, names: bool| (p.to_string(), names);
        assert_eq!(walk(&["张伟", "明"]), [arm("明张伟", true)]);
        assert_eq!(walk(&["伟", "明"]), [arm("伟明", true), arm("明伟", true)]);
        assert_eq!(
            walk(&["张", "张伟"]),
            [arm("张伟", false), arm("张张伟", true)]
        );
        assert_eq!(walk(&["婷", "婷"]), [arm("婷", false)]);
        assert_eq!(walk(&["罗洋勇"]), [arm("罗洋勇", false)]);
        assert_eq!(walk(&["张", "李", "王"]), []);
    }

    /// Every name of up to four characters drawn from three, against every pair and triple of
    /// words of up to two (and pairs of up to three): a name is walked exactly when every word
    /// starts the name or the given name.
    #[test]
    fn the_name_walk_is_exactly_the_names_every_word_starts() {
        let chars = ["张", "伟", "明"];
        let strings = |max: usize| -> Vec<String> {
            let mut all = vec![String::new()];
            let mut out = Vec::new();
            for _ in 0..max {
                all = all
                    .iter()
                    .flat_map(|s| chars.iter().map(move |c| format!("{s}{c}")))
                    .collect();
                out.extend(all.iter().cloned());
            }
            out
        };
        let names = strings(4);
        let (short, longer) = (strings(2), strings(3));
        let mut sets: Vec<Vec<&str>> = Vec::new();
        for a in &longer {
            for b in &longer {
                sets.push(vec![a, b]);
            }
        }
        for a in &short {
            for b in &short {
                for c in &short {
                    sets.push(vec![a, b, c]);
                }
            }
        }
        for words in &sets {
            let walk = name_walk(words);
            for name in &names {
                let every = words
                    .iter()
                    .all(|w| name.starts_with(w) || given_name(name).starts_with(w));
                assert_eq!(walked(&walk, name), every, "{words:?} on {name}: {walk:?}");
            }
        }
    }
}
