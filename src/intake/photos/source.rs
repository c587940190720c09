//! The archive file as a cheaply cloned reader, and a look at its end record before parsing.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;
use std::sync::Arc;

/// One open file read with positioned reads (`pread`): every clone keeps its own position, so
/// each worker thread gets its own `ZipArchive` over the same descriptor and the same parsed
/// central directory, without reopening the file or sharing a cursor behind a lock.
#[derive(Debug, Clone)]
pub struct SharedFile {
    file: Arc<File>,
    len: u64,
    pos: u64,
}

impl SharedFile {
    pub fn new(file: File) -> io::Result<SharedFile> {
        let len = file.metadata()?.len();
        Ok(SharedFile {
            file: Arc::new(file),
            len,
            pos: 0,
        })
    }

    fn read_at(&self, buf: &mut [u8], pos: u64) -> io::Result<usize> {
        self.file.read_at(buf, pos)
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.read_at(buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos =
            pos.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before 0"))?;
        Ok(self.pos)
    }
}

const EOCD: [u8; 4] = *b"PK\x05\x06";
const ZIP64_LOCATOR: [u8; 4] = *b"PK\x06\x07";
const ZIP64_EOCD: [u8; 4] = *b"PK\x06\x06";

/// The entry count the end-of-central-directory record declares (ZIP64 included), read before
/// the zip crate parses the central directory: a crafted archive declaring millions of entries
/// is refused without building an index of them. `None` when there is no such record (the
/// parser then says why the file is not a zip).
pub fn declared_entries(f: &SharedFile) -> Option<u64> {
    // The record is 22 bytes plus a comment of at most 65,535.
    let tail_len = f.len.min(22 + 65_535);
    let start = f.len - tail_len;
    let mut tail = vec![0; tail_len as usize];
    read_exact_at(f, &mut tail, start)?;
    let at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..i + 4] == EOCD)?;
    let count = u16::from_le_bytes([tail[at + 10], tail[at + 11]]);
    if count != u16::MAX {
        return Some(u64::from(count));
    }
    // ZIP64: a 20-byte locator just before the record points at the ZIP64 end record.
    let loc = (start + at as u64).checked_sub(20)?;
    let mut locator = [0; 20];
    read_exact_at(f, &mut locator, loc)?;
    if locator[..4] != ZIP64_LOCATOR {
        return Some(u64::from(count));
    }
    let rec_at = u64::from_le_bytes(locator[8..16].try_into().ok()?);
    let mut rec = [0; 56];
    read_exact_at(f, &mut rec, rec_at)?;
    if rec[..4] != ZIP64_EOCD {
        return None;
    }
    Some(u64::from_le_bytes(rec[32..40].try_into().ok()?))
}

fn read_exact_at(f: &SharedFile, buf: &mut [u8], pos: u64) -> Option<()> {
    f.read_exact_at(buf, pos)
}

impl SharedFile {
    /// Fills `buf` from `pos`; `None` when the file ends first or cannot be read.
    pub fn read_exact_at(&self, buf: &mut [u8], pos: u64) -> Option<()> {
        let mut done = 0;
        while done < buf.len() {
            match self.read_at(&mut buf[done..], pos + done as u64) {
                Ok(0) | Err(_) => return None,
                Ok(n) => done += n,
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(bytes: &[u8]) -> SharedFile {
        let mut f = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut f, bytes).unwrap();
        SharedFile::new(f).unwrap()
    }

    fn eocd(count: u16, comment: &[u8]) -> Vec<u8> {
        let mut v = EOCD.to_vec();
        v.extend([0, 0, 0, 0]);
        v.extend(count.to_le_bytes());
        v.extend(count.to_le_bytes());
        v.extend([0; 8]);
        v.extend((comment.len() as u16).to_le_bytes());
        v.extend(comment);
        v
    }

    #[test]
    fn the_declared_count_is_read_past_a_comment() {
        let mut f = vec![0; 100];
        f.extend(eocd(7, b"made by a school's archiver"));
        assert_eq!(declared_entries(&shared(&f)), Some(7));
        assert_eq!(declared_entries(&shared(b"not a zip at all")), None);
    }

    #[test]
    fn zip64_counts_come_from_the_zip64_end_record() {
        let mut f = ZIP64_EOCD.to_vec();
        f.extend(44u64.to_le_bytes());
        f.extend([0; 12]);
        f.extend(3_000_000u64.to_le_bytes());
        f.extend(3_000_000u64.to_le_bytes());
        f.extend([0; 16]);
        assert_eq!(f.len(), 56);
        f.extend(ZIP64_LOCATOR);
        f.extend(0u32.to_le_bytes());
        f.extend(0u64.to_le_bytes());
        f.extend(1u32.to_le_bytes());
        f.extend(eocd(u16::MAX, b""));
        assert_eq!(declared_entries(&shared(&f)), Some(3_000_000));
    }

    #[test]
    fn clones_read_independently() {
        let a = shared(b"0123456789");
        let mut b = a.clone();
        let mut c = a.clone();
        b.seek(SeekFrom::Start(5)).unwrap();
        let mut x = [0; 3];
        b.read_exact(&mut x).unwrap();
        c.read_exact(&mut x[..2]).unwrap();
        assert_eq!(&x[..2], b"01");
        b.read_exact(&mut x[..2]).unwrap();
        assert_eq!(&x[..2], b"89");
        assert!(c.seek(SeekFrom::Current(-10)).is_err());
    }
}
