//! A spreadsheet as the readers hand it to the rules: cells by column, rows by the sheet's own
//! row number. Pure data, so the rules can be tested without files.

use std::borrow::Cow;

use chrono::NaiveDateTime;

/// One cell's value as the file stored it. The distinction between text and number matters:
/// an 18-digit ID stored as a number has lost its last digits.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date or date-time cell.
    DateTime(NaiveDateTime),
    Bool(bool),
    /// A cell holding a spreadsheet error such as #N/A.
    Error(String),
}

impl Cell {
    /// The cell as trimmed text ("" for empty); numbers without a fractional part print whole.
    /// Text is borrowed: the rules look at a dozen cells of every row and keep few of them.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Cow::Owned(format!("{}", *n as i64))
            }
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::DateTime(d) if d.time() == chrono::NaiveTime::MIN => {
                Cow::Owned(d.date().to_string())
            }
            Cell::DateTime(d) => Cow::Owned(d.to_string()),
            Cell::Bool(b) => Cow::Owned(b.to_string()),
            Cell::Error(e) => Cow::Borrowed(e),
        }
    }

    /// [`Cell::text`] as an owned string, taking the cell's own text when it needs no
    /// trimming.
    pub fn into_text(self) -> String {
        match self {
            Cell::Text(s) if s.trim().len() == s.len() => s,
            other => other.text().into_owned(),
        }
    }

    /// Whether the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One data row: the sheet's own 1-based row number and the cells of the recognised columns.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow<C> {
    pub row: u32,
    pub cells: Vec<(C, Cell)>,
}

impl<C: PartialEq + Copy> SheetRow<C> {
    /// The cell of column `c` (Empty when the column is absent or the cell blank).
    pub fn get(&self, c: C) -> &Cell {
        self.cells
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v)
            .unwrap_or(&Cell::Empty)
    }

    /// Moves the cell of column `c` out of the row, leaving it Empty.
    pub fn take(&mut self, c: C) -> Cell {
        self.cells
            .iter_mut()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| std::mem::replace(v, Cell::Empty))
            .unwrap_or(Cell::Empty)
    }
}
