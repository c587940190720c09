//! The time written into the audit log and onto decisions. Normally the real clock; under
//! `--at` and in the demo, a clock that starts at that time and runs on from there, so a replay
//! or the demo reads as if it happened on its own dates (2021 beside 2021, never 2026).

use std::cell::Cell;
use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::domain::time;

/// A clock set to `start` at the instant it was made, running at real speed.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: DateTime<FixedOffset>,
    made: Instant,
}

impl Clock {
    /// A clock reading `start` now.
    pub fn starting_at(start: DateTime<FixedOffset>) -> Clock {
        Clock {
            start,
            made: Instant::now(),
        }
    }

    /// What the clock reads now.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let run = TimeDelta::from_std(self.made.elapsed()).unwrap_or(TimeDelta::zero());
        self.start + run
    }
}

/// The clock of this run (`--at`, the demo), taken by every store opened afterwards, worker
/// threads' included. Set once, by the command line, before any store is opened.
static RUN_CLOCK: OnceLock<Clock> = OnceLock::new();

/// Sets the clock of this run; a second call is ignored (one run, one clock).
pub fn set_run_clock(start: DateTime<FixedOffset>) {
    let _ = RUN_CLOCK.set(Clock::starting_at(start));
}

pub(super) fn run_clock() -> Option<Clock> {
    RUN_CLOCK.get().copied()
}

thread_local! {
    /// The time of the write transaction running on this thread, when its store has a clock.
    static WRITING_AT: Cell<Option<DateTime<FixedOffset>>> = const { Cell::new(None) };
}

/// Runs `f` (a write transaction's body) with `at` as the time [`stamp`] reads, so every row
/// of one change carries the same time.
pub(super) fn writing_at<T>(at: Option<DateTime<FixedOffset>>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<DateTime<FixedOffset>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            WRITING_AT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(WRITING_AT.with(|c| c.replace(at)));
    f()
}

/// The time an audit row or a decision records: the store's clock inside its write
/// transaction, otherwise the real time.
pub(crate) fn stamp() -> String {
    let at = WRITING_AT.with(Cell::get).unwrap_or_else(time::now);
    time::rfc3339(&at)
}
