//! A spreadsheet as the readers hand it to the rules: cells by column, rows by the sheet's own
//! row number. Pure data, so the rules can be tested without files.

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
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::DateTime(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
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
}
