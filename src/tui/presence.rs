//! This console's side of presence: it marks the submission it has open (at once when that
//! changes, then every [`BEAT_SECS`]) and reads who else is on which submission every
//! [`READ_EVERY`]. A failure here is never shown: presence is a hint, never in the way of work.

use std::time::{Duration, Instant};

use crate::store::{BEAT_SECS, Presence, Store};

/// How often the others' marks are read: well inside the 2 s in which two people on one
/// submission must see each other.
const READ_EVERY: Duration = Duration::from_millis(900);

/// What this console has marked and what it knows of the others.
#[derive(Debug)]
pub struct Watch {
    /// This console, unique among all running ones.
    console: String,
    /// The person it acts for.
    staff: String,
    /// The submission marked as open here, and when the mark was written.
    marked: Option<(Option<i64>, Instant)>,
    read_at: Option<Instant>,
    /// Who else has which submission open.
    others: Vec<Presence>,
}

impl Watch {
    pub fn new(staff: &str) -> Watch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        Watch {
            console: format!("{}-{nanos}", std::process::id()),
            staff: staff.to_string(),
            marked: None,
            read_at: None,
            others: Vec::new(),
        }
    }

    /// Brings the mark and the others up to date, `open` being the submission open here now.
    /// True when what the others have open changed (the screen should be drawn again).
    pub fn tick(&mut self, store: &mut Store, open: Option<i64>) -> bool {
        let now = Instant::now();
        let due = match self.marked {
            None => true,
            Some((was, at)) => {
                was != open || now.duration_since(at) >= Duration::from_secs(BEAT_SECS as u64)
            }
        };
        if due && store.heartbeat(&self.console, &self.staff, open).is_ok() {
            self.marked = Some((open, now));
        }
        if self
            .read_at
            .is_some_and(|at| now.duration_since(at) < READ_EVERY)
        {
            return false;
        }
        self.read_at = Some(now);
        match store.presence(&self.console) {
            Ok(others) if others != self.others => {
                self.others = others;
                true
            }
            _ => false,
        }
    }

    /// Clears this console's mark (quitting).
    pub fn leave(&mut self, store: &mut Store) {
        let _ = store.heartbeat(&self.console, &self.staff, None);
        self.marked = None;
    }

    /// The others on `submission`, by name.
    pub fn on(&self, submission: i64) -> Vec<&str> {
        self.others
            .iter()
            .filter(|p| p.submission_id == submission && p.staff != self.staff)
            .map(|p| p.staff.as_str())
            .collect()
    }

    /// The others' names by the submission they have open.
    pub fn by_submission(&self) -> std::collections::BTreeMap<i64, Vec<String>> {
        let mut out: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
        for p in self.others.iter().filter(|p| p.staff != self.staff) {
            out.entry(p.submission_id)
                .or_default()
                .push(p.staff.clone());
        }
        out
    }

    /// Whether someone else has `submission` open.
    pub fn taken(&self, submission: i64) -> bool {
        !self.on(submission).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_consoles_see_each_other_on_the_same_submission_and_not_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kaowu.db");
        let (mut sa, mut sb) = (Store::open(&db).unwrap(), Store::open(&db).unwrap());
        let (mut a, mut b) = (Watch::new("王娟"), Watch::new("金贝"));
        a.tick(&mut sa, Some(3));
        assert!(b.tick(&mut sb, Some(3)), "b sees a at once");
        assert_eq!(b.on(3), ["王娟"]);
        a.read_at = None;
        assert!(a.tick(&mut sa, Some(3)));
        assert_eq!(a.on(3), ["金贝"]);
        assert!(a.taken(3) && !a.taken(4));
        b.leave(&mut sb);
        a.read_at = None;
        a.tick(&mut sa, Some(3));
        assert!(a.on(3).is_empty(), "b left");
    }
}
