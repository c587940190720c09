//! Reading what schools send. A school's file is untrusted: every reader here refuses bad or
//! hostile input with a typed error (problem code `file_unreadable`), keeps memory bounded by
//! [`Limits`], never panics and never writes anything.

mod gate;
mod guard;
mod hidden;
pub mod inbox;
pub mod photos;
pub mod schools;
pub mod submission;
pub mod xlsx;

use crate::domain::problem::{Problem, ProblemCode, Says};
use crate::domain::sheet::SheetRow;

pub use xlsx::read_sheet;

/// Caps on what a reader accepts. A file beyond any of them is refused before the parser
/// allocates anything in proportion to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The file's size on disk.
    pub max_file_bytes: u64,
    /// All zip entries together, once inflated (zip bombs).
    pub max_inflated_bytes: u64,
    /// Sheet rows, counted by position (a cell at row 1,048,576 counts as that many).
    pub max_rows: u32,
    /// Sheet columns, counted by position.
    pub max_columns: u32,
}

impl Default for Limits {
    /// 50 MB on disk, 256 MiB inflated, 200,000 rows, 256 columns: far above a real 附件1 or
    /// 附件2 (a few thousand rows, 16 columns; a national roll-up of 100k rows still fits), far
    /// below what hurts the server.
    fn default() -> Limits {
        Limits {
            max_file_bytes: 50 * 1000 * 1000,
            max_inflated_bytes: 256 * 1024 * 1024,
            max_rows: 200_000,
            max_columns: 256,
        }
    }
}

/// One sheet as read: the recognised columns, the non-blank data rows and the column problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet<C> {
    /// The file's name (without its directory).
    pub file: String,
    pub sheet_name: String,
    /// The header's 1-based row number.
    pub header_row: u32,
    /// The recognised columns in the sheet's own order, each with its header text as written.
    pub columns: Vec<(C, String)>,
    /// Non-blank data rows below the header, with the sheet's own row numbers.
    pub rows: Vec<SheetRow<C>>,
    /// `missing_column` and `unknown_column` problems, on the header row.
    pub problems: Vec<Problem>,
    /// Rows below the header that Excel hides (1-based, at most a thousand listed): read like
    /// the others, but worth telling staff (schools hide students who withdrew).
    pub hidden_rows: Vec<u32>,
}

/// Why a file cannot be read at all. Every variant is the problem `file_unreadable`; its
/// Display is one plain sentence, in the language asked for, naming the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened or read from disk.
    #[error("{message}")]
    Io { file: String, message: String },
    /// Bigger on disk than `max_file_bytes`.
    #[error("{message}")]
    TooLarge { file: String, message: String },
    /// Not a zip at all (random bytes, a renamed .csv).
    #[error("{message}")]
    NotXlsx { file: String, message: String },
    /// An old binary .xls (an OLE compound file without encryption streams).
    #[error("{message}")]
    OldXls { file: String, message: String },
    /// A password-protected workbook (an OLE compound file holding EncryptedPackage).
    #[error("{message}")]
    Encrypted { file: String, message: String },
    /// A zip that does not hold a readable workbook.
    #[error("{message}")]
    Damaged { file: String, message: String },
    /// Hostile or implausible content: inflates past the cap, declares billions of strings,
    /// reaches beyond the row or column cap.
    #[error("{message}")]
    Unsafe { file: String, message: String },
    /// A workbook without any worksheet.
    #[error("{message}")]
    NoSheet { file: String, message: String },
}

impl ReadError {
    /// The stable problem code: always `file_unreadable`.
    pub fn code(&self) -> ProblemCode {
        ProblemCode::FileUnreadable
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ReadError::Io { file, .. }
            | ReadError::TooLarge { file, .. }
            | ReadError::NotXlsx { file, .. }
            | ReadError::OldXls { file, .. }
            | ReadError::Encrypted { file, .. }
            | ReadError::Damaged { file, .. }
            | ReadError::Unsafe { file, .. }
            | ReadError::NoSheet { file, .. } => file,
        }
    }

    /// The error as a file-level problem (`row` and `column` empty).
    pub fn problem(&self) -> Problem {
        Problem {
            row: None,
            column: None,
            code: self.code(),
            says: Says::Text(self.to_string()),
        }
    }
}
