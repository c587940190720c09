//! The worksheets are scanned for bombs on a second thread while calamine opens the book
//! (`xlsx::read_sheet_each`). calamine chooses what it reads when it opens the book from the
//! workbook's own relationships, so a file may point its shared strings at an entry among the
//! worksheets. The gate makes that safe: calamine reads the file through [`Gated`], and a read
//! touching the bytes of an entry still being scanned waits for the scan's verdict, failing if
//! the scan refused the file. In a workbook as Excel saves it, nothing ever waits.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

/// The scan's verdict on the byte ranges it covers.
pub(super) struct Gate {
    /// Where the scanned entries lie in the file (local header and data).
    ranges: Vec<Range<u64>>,
    verdict: Mutex<Option<bool>>,
    decided: Condvar,
    /// Set once the scan passed: reads then skip the ranges and the lock.
    passed: AtomicBool,
}

impl Gate {
    pub(super) fn new(ranges: Vec<Range<u64>>) -> Gate {
        Gate {
            ranges,
            verdict: Mutex::new(None),
            decided: Condvar::new(),
            passed: AtomicBool::new(false),
        }
    }

    /// Gives the scan's verdict, waking any read that waits for it.
    pub(super) fn decide(&self, passed: bool) {
        let mut v = self.verdict.lock().unwrap_or_else(|p| p.into_inner());
        if v.is_none() {
            *v = Some(passed);
            self.passed.store(passed, Ordering::Release);
        }
        self.decided.notify_all();
    }

    /// Whether `[start, end)` may be read: at once outside the scanned ranges, else once the
    /// scan has passed.
    fn allows(&self, start: u64, end: u64) -> bool {
        if self.passed.load(Ordering::Acquire)
            || !self.ranges.iter().any(|r| start < r.end && r.start < end)
        {
            return true;
        }
        let mut v = self.verdict.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match *v {
                Some(passed) => return passed,
                None => v = self.decided.wait(v).unwrap_or_else(|p| p.into_inner()),
            }
        }
    }
}

/// Decides the gate as refused if the scan ends without a verdict (a panic), so no read waits
/// forever.
pub(super) struct Verdict<'g>(pub(super) &'g Gate);

impl Drop for Verdict<'_> {
    fn drop(&mut self) {
        self.0.decide(false);
    }
}

/// The file as calamine reads it, through the gate.
pub(super) struct Gated<'a> {
    bytes: Cursor<&'a [u8]>,
    gate: &'a Gate,
}

impl<'a> Gated<'a> {
    pub(super) fn new(bytes: &'a [u8], gate: &'a Gate) -> Gated<'a> {
        Gated {
            bytes: Cursor::new(bytes),
            gate,
        }
    }
}

impl Read for Gated<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let start = self.bytes.position();
        if !self.gate.allows(start, start + buf.len() as u64) {
            return Err(std::io::Error::other("refused by the bomb scan"));
        }
        self.bytes.read(buf)
    }
}

impl Seek for Gated<'_> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.bytes.seek(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_of_scanned_bytes_waits_for_the_verdict_and_fails_on_refusal() {
        let bytes = [7u8; 100];
        let gate = Gate::new(std::iter::once(50..80).collect());
        let mut outside = Gated::new(&bytes, &gate);
        let mut buf = [0u8; 40];
        assert_eq!(outside.read(&mut buf).unwrap(), 40, "0..40 is not scanned");

        let refused = std::thread::scope(|s| {
            let reader = s.spawn(|| {
                let mut inside = Gated::new(&bytes, &gate);
                inside.seek(SeekFrom::Start(60)).unwrap();
                inside.read(&mut [0u8; 10]).is_err()
            });
            std::thread::sleep(std::time::Duration::from_millis(20));
            drop(Verdict(&gate));
            reader.join().unwrap()
        });
        assert!(refused, "a refused scan fails the read that waited for it");

        let passed = Gate::new(std::iter::once(50..80).collect());
        passed.decide(true);
        let mut inside = Gated::new(&bytes, &passed);
        inside.seek(SeekFrom::Start(60)).unwrap();
        assert_eq!(inside.read(&mut [0u8; 10]).unwrap(), 10);
    }
}
