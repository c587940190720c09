//! The checks a file passes before any parser sees it. calamine trusts what a file declares:
//! it reserves `uniqueCount` shared strings up front, and the zip crate inflates past an
//! entry's declared size. So the whole file is read once into memory (capped), every entry is
//! inflated through a counting sink with a hard cap on the total, and the shared-strings
//! header is compared with the entry's real size. The same bytes then go to calamine, so what
//! was checked is what is parsed.

use std::io::{Cursor, Read};
use std::ops::Range;
use std::path::Path;

use super::hidden::HiddenRows;
use super::{Limits, ReadError};
use crate::i18n::{Lang, Msg, sheets as msg};

/// An xlsx has a dozen parts; anything near this is not a workbook someone saved.
const MAX_ENTRIES: usize = 2_000;
/// How much of sharedStrings.xml is kept to find its `<sst …>` start tag.
const SST_HEAD: usize = 4096;
/// The smallest shared string entry, `<si/>`.
const MIN_SI_BYTES: u64 = 5;
/// OLE compound file magic: an old .xls or a password-protected xlsx.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) fn fail(
    lang: Lang,
    m: &Msg,
    file: &str,
    args: &[(&str, &dyn std::fmt::Display)],
) -> String {
    let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("file", &file)];
    all.extend_from_slice(args);
    lang.fill(m, &all)
}

/// Reads the file whole, refusing it before reading when it is over the size cap.
pub(super) fn load(
    path: &Path,
    file: &str,
    limits: &Limits,
    lang: Lang,
) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| ReadError::Io {
        file: file.into(),
        message: fail(lang, &msg::FILE_MISSING, file, &[("reason", &e)]),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(io(std::io::Error::other("not a regular file")));
    }
    let too_large = |size: u64| ReadError::TooLarge {
        file: file.into(),
        message: fail(
            lang,
            &msg::FILE_TOO_LARGE,
            file,
            &[("size", &size), ("limit", &limits.max_file_bytes)],
        ),
    };
    if meta.len() > limits.max_file_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between stat and read: never read past the cap.
    std::fs::File::open(path)
        .and_then(|f| f.take(limits.max_file_bytes + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses what is plainly not an xlsx by its first bytes: an OLE compound file (encrypted
/// xlsx or old .xls) or anything that is not a zip.
pub(super) fn sniff(bytes: &[u8], file: &str, lang: Lang) -> Result<(), ReadError> {
    if bytes.starts_with(&CFB_MAGIC) {
        return Err(if holds_utf16(bytes, "EncryptedPackage") {
            ReadError::Encrypted {
                file: file.into(),
                message: fail(lang, &msg::FILE_ENCRYPTED, file, &[]),
            }
        } else {
            ReadError::OldXls {
                file: file.into(),
                message: fail(lang, &msg::FILE_OLD_XLS, file, &[]),
            }
        });
    }
    if is_ods(bytes) {
        return Err(ReadError::NotXlsx {
            file: file.into(),
            message: fail(lang, &msg::FILE_ODS, file, &[]),
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ReadError::NotXlsx {
            file: file.into(),
            message: fail(lang, &msg::FILE_NOT_XLSX, file, &[]),
        });
    }
    Ok(())
}

/// Whether the file is an OpenDocument spreadsheet: a zip whose first entry, stored
/// uncompressed, is `mimetype` naming the type (ODF 1.2 part 3, §3.3).
fn is_ods(bytes: &[u8]) -> bool {
    const TYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
    bytes.starts_with(b"PK\x03\x04")
        && bytes.get(30..38) == Some(b"mimetype".as_slice())
        && bytes
            .get(38..bytes.len().min(38 + 64 + TYPE.len()))
            .is_some_and(|head| head.windows(TYPE.len()).any(|w| w == TYPE))
}

/// Whether `hay` holds `needle` encoded as UTF-16LE (how compound files name their streams).
fn holds_utf16(hay: &[u8], needle: &str) -> bool {
    let n: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    hay.windows(n.len()).any(|w| w == n.as_slice())
}

/// Which entries a [`prescan`] inflates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Parts {
    /// Everything calamine reads when it opens the book (the shared strings above all), and
    /// the rest that is not a worksheet.
    Book,
    /// The worksheets, read only once the book is open: this scan can run while it opens.
    Sheets,
}

impl Parts {
    fn holds(self, name: &str) -> bool {
        let sheet = name.to_ascii_lowercase().starts_with("xl/worksheets/");
        sheet == (self == Parts::Sheets)
    }
}

/// Where the entries of `parts` lie in the file, local headers included: what the gate holds
/// back while they are scanned. A file the zip reader cannot open is held back whole.
pub(super) fn ranges(bytes: &[u8], parts: Parts) -> Vec<Range<u64>> {
    let whole: Vec<Range<u64>> = std::iter::once(0..bytes.len() as u64).collect();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return whole;
    };
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            return whole;
        };
        if !parts.holds(&entry.name().unwrap_or_default()) {
            continue;
        }
        let start = entry.header_start();
        let end = match entry.data_start() {
            Some(data) => data.saturating_add(entry.compressed_size()),
            None => bytes.len() as u64,
        };
        out.push(start..end);
    }
    out
}

/// What a [`prescan`] found besides the file being safe.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    /// Bytes inflated so far, the earlier scan's included.
    pub inflated: u64,
    /// Each worksheet entry's hidden rows ([`Parts::Sheets`] only).
    pub hidden: Vec<(String, HiddenRows)>,
}

/// Inflates every entry of `parts` through a counting sink (nothing is kept but the head of
/// sharedStrings.xml) and refuses the file when the total, counted on from `inflated`, passes
/// `max_inflated_bytes`, an entry is encrypted or damaged, or the shared-strings header
/// declares more strings than its entry can hold. Returns the new total. The entry count is
/// checked by the [`Parts::Book`] scan.
pub(super) fn prescan(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
    lang: Lang,
    parts: Parts,
    inflated: u64,
) -> Result<Scanned, ReadError> {
    let damaged = |reason: &dyn std::fmt::Display| ReadError::Damaged {
        file: file.into(),
        message: fail(lang, &msg::FILE_DAMAGED, file, &[("reason", reason)]),
    };
    let unsafe_ = |message: String| ReadError::Unsafe {
        file: file.into(),
        message,
    };
    let inflates = || {
        unsafe_(fail(
            lang,
            &msg::FILE_INFLATES,
            file,
            &[("limit", &limits.max_inflated_bytes)],
        ))
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(unsafe_(fail(
            lang,
            &msg::FILE_TOO_MANY_ENTRIES,
            file,
            &[("n", &zip.len())],
        )));
    }
    let mut total = inflated;
    let mut found = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| damaged(&e))?;
        if !parts.holds(&entry.name().unwrap_or_default()) {
            continue;
        }
        if entry.encrypted() {
            return Err(ReadError::Encrypted {
                file: file.into(),
                message: fail(lang, &msg::FILE_ENCRYPTED, file, &[]),
            });
        }
        // Declared sizes cannot be trusted to be small, but a large one is already damning.
        if total.saturating_add(entry.size()) > limits.max_inflated_bytes {
            return Err(inflates());
        }
        let is_sst = entry
            .name()
            .map(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
            .unwrap_or(false);
        let mut head: Vec<u8> = Vec::new();
        let mut strings = SiCounter::default();
        let mut hidden = (parts == Parts::Sheets).then(HiddenRows::default);
        let mut size: u64 = 0;
        loop {
            let n = entry.read(&mut buf).map_err(|e| damaged(&e))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            total += n as u64;
            if total > limits.max_inflated_bytes {
                return Err(inflates());
            }
            if let Some(h) = &mut hidden {
                h.feed(&buf[..n]);
            }
            if is_sst {
                if head.len() < SST_HEAD {
                    let take = n.min(SST_HEAD - head.len());
                    head.extend_from_slice(&buf[..take]);
                }
                strings.feed(&buf[..n]);
                // Refused as soon as one string is too long, without inflating the rest.
                if strings.longest > MAX_SI_BYTES {
                    return Err(unsafe_(fail(
                        lang,
                        &msg::FILE_STRING_TOO_LONG,
                        file,
                        &[("limit", &super::xlsx::MAX_CELL_CHARS)],
                    )));
                }
            }
        }
        if let Some(h) = hidden
            && h.count > 0
        {
            found.push((entry.name().unwrap_or_default().into_owned(), h));
        }
        if is_sst {
            if strings.count > max_strings(limits) {
                return Err(unsafe_(fail(
                    lang,
                    &msg::FILE_STRINGS_TOO_MANY,
                    file,
                    &[("n", &strings.count), ("limit", &max_strings(limits))],
                )));
            }
            check_sst(&head, size, limits).map_err(|n| {
                unsafe_(fail(
                    lang,
                    &msg::FILE_STRINGS_IMPLAUSIBLE,
                    file,
                    &[("n", &n)],
                ))
            })?;
        }
    }
    Ok(Scanned {
        inflated: total,
        hidden: found,
    })
}

/// The most shared strings a plausible sheet holds: calamine keeps every one in memory (24
/// bytes each even when empty), so `<si/>` repeated millions of times is a memory bomb.
/// A row of 附件1 has 16 columns, so even all-unique text fits 16 per row.
fn max_strings(limits: &Limits) -> u64 {
    u64::from(limits.max_rows) * u64::from(limits.max_columns.min(16))
}

/// The most bytes one shared string's XML may take: Excel's 32,767 characters, each escaped
/// or split into its own formatted run at worst, stay far below it. Without this, one string
/// of 200 MB in a 272 KB file is held by calamine (several times over while it parses) before
/// any cell could be judged.
pub(super) const MAX_SI_BYTES: u64 = 8 * 1024 * 1024;

/// Counts `<si` elements (with or without a namespace prefix) across chunk boundaries, and
/// measures the longest.
#[derive(Default)]
struct SiCounter {
    last: [u8; 3],
    count: u64,
    /// Bytes since the last `<si` began.
    current: u64,
    longest: u64,
}

impl SiCounter {
    fn feed(&mut self, chunk: &[u8]) {
        for &d in chunk {
            let [a, b, c] = self.last;
            if (a == b'<' || a == b':')
                && b == b's'
                && c == b'i'
                && matches!(d, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            {
                self.count += 1;
                self.current = 0;
            }
            self.current += 1;
            self.last = [b, c, d];
        }
        self.longest = self.longest.max(self.current);
    }
}

/// Compares the `count` and `uniqueCount` of `<sst …>` with what the entry can hold; the
/// implausible declared number on refusal.
fn check_sst(head: &[u8], entry_size: u64, limits: &Limits) -> Result<(), String> {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("<sst").or_else(|| text.find(":sst")) else {
        return Ok(());
    };
    let tag = &text[start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let cells = u64::from(limits.max_rows) * u64::from(limits.max_columns);
    for (attr, cap) in [
        (
            "uniqueCount",
            (entry_size / MIN_SI_BYTES).min(max_strings(limits)),
        ),
        ("count", cells),
    ] {
        if let Some(v) = attribute(tag, attr) {
            match v.trim().parse::<u64>() {
                Ok(n) if n <= cap => {}
                _ => return Err(v.to_string()),
            }
        }
    }
    Ok(())
}

/// The value of attribute `name` in a start tag's text (`count` must not match `uniqueCount`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        let after_trim = after.trim_start();
        if before.is_some_and(char::is_whitespace) && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let v = &v[1..];
                return v.find(quote).map(|end| &v[..end]);
            }
            return None;
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sst_counts_are_judged_against_the_entry() {
        let l = Limits::default();
        let ok = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="2"><si>"#;
        assert!(check_sst(ok, 100, &l).is_ok());
        let bomb = br#"<sst xmlns="x" count="5" uniqueCount="4000000000">"#;
        assert_eq!(check_sst(bomb, 100, &l), Err("4000000000".into()));
        let huge_count = br#"<sst count='99999999999999999999999' uniqueCount='1'>"#;
        assert!(check_sst(huge_count, 100, &l).is_err());
        assert_eq!(
            attribute(r#"<sst uniqueCount="7" count="9""#, "count"),
            Some("9")
        );
    }

    #[test]
    fn shared_strings_are_counted_across_chunks() {
        let mut c = SiCounter::default();
        c.feed(b"<sst><si><t>a</t></si><x:si/><s");
        c.feed(b"i ");
        c.feed(b"><sis>");
        assert_eq!(c.count, 3);
    }

    #[test]
    fn the_longest_shared_string_is_measured_across_chunks() {
        let mut c = SiCounter::default();
        c.feed(b"<sst><si><t>ab</t></si><si><t>");
        c.feed(&[b'x'; 1000]);
        c.feed(b"</t></si><si><t>c</t></si></sst>");
        assert!((1000..1030).contains(&c.longest), "{}", c.longest);
    }

    #[test]
    fn utf16_stream_names_are_found() {
        let mut b = vec![0u8; 10];
        b.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(holds_utf16(&b, "EncryptedPackage"));
        assert!(!holds_utf16(&b, "Workbook"));
    }
}
