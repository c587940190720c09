//! Writing xlsx files staff hand out: the 附件1/附件2 templates and annotated returns. Every
//! writer builds the whole workbook in memory and lands it with [`write_atomically`], so a
//! failure leaves no half-written file behind.

pub mod fees;
pub mod platform;
pub mod returns;
pub mod roster;
pub mod templates;

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Format;

pub use returns::{write_return, write_return_with_photos};
pub use templates::{TemplateKind, write_template};

/// Why a file could not be written. One plain sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The workbook could not be built (a value beyond Excel's limits, …).
    #[error("cannot build {file}: {source}")]
    Xlsx {
        file: String,
        source: rust_xlsxwriter::XlsxError,
    },
    /// The file could not be written or moved into place.
    #[error("cannot write {file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
}

impl ExportError {
    /// The error as one plain sentence in `lang`, naming the file.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let (file, reason) = match self {
            ExportError::Xlsx { file, source } => (file, source.to_string()),
            ExportError::Io { file, source } => (file, source.to_string()),
        };
        lang.fill(
            &crate::i18n::sheets::EXPORT_FAILED,
            &[("file", file), ("reason", &reason)],
        )
    }

    pub(crate) fn xlsx(path: &Path) -> impl FnOnce(rust_xlsxwriter::XlsxError) -> ExportError {
        let file = path.display().to_string();
        move |source| ExportError::Xlsx { file, source }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into place
/// once complete and synced: readers see the old file or the new one, never a part. The file
/// is created 0600: returns, rosters and statements carry ID and phone numbers.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        file: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export.xlsx".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}

/// Excel's built-in number format 49, "@" (text): Excel keeps what is typed as text
/// (18-digit IDs, phones) instead of turning it into a number.
pub(crate) fn text_format() -> Format {
    Format::new().set_num_format_index(TEXT_FORMAT_INDEX)
}

/// A count (head counts, row numbers): a whole number Excel can add up.
pub(crate) fn count_format() -> Format {
    Format::new().set_num_format("0")
}

/// A day, shown as 2021-11-22 and sorted and filtered as a date.
pub(crate) fn day_format() -> Format {
    Format::new().set_num_format("yyyy-mm-dd")
}

/// An instant in China time, shown as 2021-11-22 20:00.
pub(crate) fn minute_format() -> Format {
    Format::new().set_num_format("yyyy-mm-dd hh:mm")
}

/// A day or time as Excel's date number; `None` outside Excel's years.
pub(crate) fn excel_datetime(d: &chrono::NaiveDateTime) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::{Datelike, Timelike};
    let year = u16::try_from(d.year()).ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
        .and_then(|x| x.and_hms(d.hour() as u16, d.minute() as u8, d.second()))
        .ok()
}

/// Writes a stored day (`YYYY-MM-DD`) as a date cell; anything else as the text it is.
pub(crate) fn write_day(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    s: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if s.trim().is_empty() {
        return Ok(());
    }
    let day = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    match day.and_then(|d| excel_datetime(&d.and_time(chrono::NaiveTime::MIN))) {
        Some(x) => ws.write_datetime_with_format(r, c, x, &day_format())?,
        None => ws.write_string(r, c, s)?,
    };
    Ok(())
}

/// Writes an instant (stored RFC 3339, or a time already in hand) as a date-time cell in China
/// time; unreadable text stays text.
pub(crate) fn write_instant(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    s: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let local = chrono::DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&crate::domain::time::china()).naive_local());
    match local.as_ref().and_then(excel_datetime) {
        Some(x) => ws.write_datetime_with_format(r, c, x, &minute_format())?,
        None => ws.write_string(r, c, s)?,
    };
    Ok(())
}

/// The built-in number format index of "@".
pub const TEXT_FORMAT_INDEX: u8 = 49;

#[cfg(test)]
mod tests {
    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.xlsx");
        super::write_atomically(&p, b"one").unwrap();
        super::write_atomically(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "exports carry personal data");
        }
        let bad = dir.path().join("missing-dir").join("b.xlsx");
        assert!(super::write_atomically(&bad, b"x").is_err());
    }
}
