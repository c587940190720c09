//! Reading one sheet of an xlsx (附件1 submissions, 附件2 schools) by header text, streaming
//! cell by cell so memory grows with the cells kept, never with the sheet's declared extent.

use std::collections::HashMap;
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};

use super::gate::{Gate, Gated, Verdict};
use super::guard::{self, Parts, fail};
use super::{Limits, ReadError, Sheet};
use crate::domain::columns::{ColumnSpec, is_return_column};
use crate::domain::problem::{Problem, ProblemCode, Says, Sentence};
use crate::domain::sheet::{Cell, SheetRow};
use crate::i18n::{Lang, sheets as msg};

/// The header must sit within this many rows from the top (titles and instructions above it).
pub const HEADER_SCAN_ROWS: u32 = 20;
/// A row is the header when at least this many of its cells name known columns.
const MIN_HEADER_MATCHES: usize = 2;
/// How often `progress` is told the number of rows read.
const PROGRESS_EVERY: usize = 500;

/// Reads the first sheet that has a header row (the first visible sheet otherwise) of the
/// xlsx at `path`. Columns are matched by header text in any order; rows above the header are
/// skipped; `progress` is called with the number of data rows read so far.
pub fn read_sheet<C: ColumnSpec>(
    path: &Path,
    limits: &Limits,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Sheet<C>, ReadError> {
    let (file, bytes) = load(path, limits, lang)?;
    read_sheet_bytes(bytes, &file, limits, lang, progress)
}

/// Reads the file at `path` whole, refusing it when it is larger than `max_file_bytes`: the
/// caller hashes and keeps the bytes, then parses them with [`read_sheet_bytes`].
pub fn load(path: &Path, limits: &Limits, lang: Lang) -> Result<(String, Vec<u8>), ReadError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = guard::load(path, &file, limits, lang)?;
    Ok((file, bytes))
}

/// [`read_sheet`] on a file already in memory (named `file` in messages).
pub fn read_sheet_bytes<C: ColumnSpec>(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Sheet<C>, ReadError> {
    let mut rows = Vec::new();
    let mut sheet = read_sheet_each(&bytes, file, limits, lang, progress, &mut |_, row| {
        rows.push(row);
    })?;
    sheet.rows = rows;
    Ok(sheet)
}

/// What is known of the sheet when its rows are handed over, final by the first row.
pub struct Heading<'a> {
    /// The header's problems: without a required column the rows cannot be judged.
    pub problems: &'a [Problem],
    /// The rows the sheet declares (its `dimension`, header and titles included), at most the
    /// row limit. A size hint only: a file can declare anything.
    pub declared_rows: u32,
}

/// [`read_sheet_bytes`] handing each data row to `each` as soon as it is complete, with the
/// [`Heading`], instead of keeping the rows: the returned sheet's `rows` is empty. A large
/// file is then never held as cells all at once.
pub fn read_sheet_each<C: ColumnSpec>(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
    each: &mut dyn FnMut(&Heading<'_>, SheetRow<C>),
) -> Result<Sheet<C>, ReadError> {
    let file = file.to_string();
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            message: fail(
                lang,
                &msg::FILE_TOO_LARGE,
                &file,
                &[("size", &bytes.len()), ("limit", &limits.max_file_bytes)],
            ),
            file,
        });
    }
    guard::sniff(bytes, &file, lang)?;
    // calamine reads the shared strings when it opens the book, so the book's parts are
    // scanned first. The worksheets (most of the bytes) are scanned on a second thread while
    // the book opens, and before any cell is read.
    let book_bytes = guard::prescan(bytes, &file, limits, lang, Parts::Book, 0)?.inflated;
    let damaged = |e: &dyn std::fmt::Display| ReadError::Damaged {
        file: file.clone(),
        message: fail(lang, &msg::FILE_DAMAGED, &file, &[("reason", e)]),
    };
    // calamine picks what it reads on opening from the workbook's relationships: a read that
    // reaches into an entry still being scanned waits for the scan (see `gate`).
    let gate = Gate::new(guard::ranges(bytes, Parts::Sheets));
    let (opened, scanned) = std::thread::scope(|scope| {
        let sheets = scope.spawn(|| {
            let _verdict = Verdict(&gate);
            let scanned = guard::prescan(bytes, &file, limits, lang, Parts::Sheets, book_bytes);
            gate.decide(scanned.is_ok());
            scanned
        });
        let opened = Xlsx::new(Gated::new(bytes, &gate));
        let scanned = sheets
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (opened, scanned)
    });
    let scanned = scanned?;
    let mut book: Xlsx<_> = opened.map_err(|e| damaged(&e))?;
    // Visible sheets first: a hidden sheet is usually last year's list kept for reference. The
    // annotated return's own 问题汇总 sheet is never candidates.
    let mut names: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .filter(|s| {
            s.name != msg::RETURN_SUMMARY_SHEET.zh && s.name != msg::RETURN_SUMMARY_SHEET.en
        })
        .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::Visible))
        .collect();
    names.sort_by_key(|(_, visible)| !visible);
    let mut chosen: Option<Sheet<C>> = None;
    let mut first: Option<Sheet<C>> = None;
    // Other visible sheets that hold a header too: candidates the file would otherwise drop
    // without a word.
    let mut others: Vec<String> = Vec::new();
    for (name, visible) in names {
        let mut reader = SheetReader {
            file: &file,
            name: &name,
            limits,
            lang,
            header_only: false,
        };
        if chosen.is_some() {
            if visible {
                reader.header_only = true;
                if reader
                    .read(&mut book, &mut |_| {}, &mut |_, _: SheetRow<C>| {})?
                    .1
                {
                    others.push(name);
                }
            }
            continue;
        }
        // Rows are only handed over once a header is found, so a sheet without one (skipped
        // for the next) hands over nothing.
        let (sheet, found) = reader.read(&mut book, progress, each)?;
        if found {
            chosen = Some(sheet);
        } else {
            first.get_or_insert(sheet);
        }
    }
    if let Some(mut sheet) = chosen {
        sheet.hidden_rows =
            hidden_rows(bytes, &scanned.hidden, &sheet.sheet_name, sheet.header_row);
        if !others.is_empty() {
            let mut all = vec![sheet.sheet_name.clone()];
            all.extend(others);
            let list = all.join("、");
            sheet.problems.push(Problem {
                row: None,
                column: None,
                code: ProblemCode::SeveralSheets,
                says: Says::with(
                    Sentence::SeveralSheets,
                    [
                        ("n", all.len().into()),
                        ("sheets", list.into()),
                        ("first", sheet.sheet_name.clone().into()),
                    ],
                ),
            });
        }
        return Ok(sheet);
    }
    first.ok_or_else(|| ReadError::NoSheet {
        file: file.clone(),
        message: fail(lang, &msg::FILE_NO_SHEET, &file, &[]),
    })
}

/// The rows below the header that Excel hides in sheet `name`, from what the guard's scan
/// found in each worksheet entry.
fn hidden_rows(
    bytes: &[u8],
    found: &[(String, super::hidden::HiddenRows)],
    name: &str,
    header_row: u32,
) -> Vec<u32> {
    if found.is_empty() {
        return Vec::new();
    }
    let paths = super::hidden::sheet_paths(bytes);
    let Some((_, path)) = paths.iter().find(|(n, _)| n == name) else {
        return Vec::new();
    };
    found
        .iter()
        .find(|(entry, _)| entry.eq_ignore_ascii_case(path))
        .map(|(_, h)| h.rows.iter().copied().filter(|r| *r > header_row).collect())
        .unwrap_or_default()
}

/// Excel's own limit on the characters of one cell: a longer cell was not made by Excel or
/// WPS, and refusing it keeps one shared string of 200 MB from being handed out per cell.
pub const MAX_CELL_CHARS: usize = 32_767;

struct SheetReader<'a> {
    file: &'a str,
    name: &'a str,
    limits: &'a Limits,
    lang: Lang,
    /// Only whether the sheet has a header is wanted: stop once that is known.
    header_only: bool,
}

/// The header once found: which column index is which column.
struct Header<C> {
    row: u32,
    by_index: HashMap<u32, C>,
}

impl SheetReader<'_> {
    /// The sheet, and whether a header row was found in it.
    fn read<C: ColumnSpec>(
        &self,
        book: &mut Xlsx<Gated<'_>>,
        progress: &mut dyn FnMut(u32),
        each: &mut dyn FnMut(&Heading<'_>, SheetRow<C>),
    ) -> Result<(Sheet<C>, bool), ReadError> {
        let damaged = |e: &dyn std::fmt::Display| ReadError::Damaged {
            file: self.file.into(),
            message: fail(self.lang, &msg::FILE_DAMAGED, self.file, &[("reason", e)]),
        };
        let mut cells = book
            .worksheet_cells_reader(self.name)
            .map_err(|e| damaged(&e))?;
        // The declared extent is refused before anything could size itself by it.
        let dim = cells.dimensions();
        self.check_position(dim.end)?;
        let mut sheet = Sheet {
            file: self.file.into(),
            sheet_name: self.name.into(),
            header_row: 1,
            columns: Vec::new(),
            rows: Vec::new(),
            problems: Vec::new(),
            hidden_rows: Vec::new(),
        };
        // Cells of the first rows, kept until the header is known.
        let mut head: Vec<(u32, u32, Cell)> = Vec::new();
        let mut header: Option<Header<C>> = None;
        let mut current: Option<SheetRow<C>> = None;
        let mut out = Out {
            each,
            progress,
            rows: 0,
            declared_rows: (dim.end.0 + 1).min(self.limits.max_rows),
        };
        // Formula cells without a result among the first rows, judged once the header is known.
        let mut uncached_head: Vec<(u32, u32)> = Vec::new();
        // Text handed out so far: shared strings cost nothing in the file however often they are
        // used, so their copies are counted against the inflated-size cap.
        let mut text_bytes: u64 = 0;
        loop {
            // With formulas: a formula whose result the file does not hold must not pass as
            // an empty cell.
            let next = cells
                .next_cell_with_formula_metadata()
                .map_err(|e| damaged(&e))?;
            let Some(cell) = next else { break };
            let (row, col) = cell.pos;
            self.check_position((row, col))?;
            let raw = &cell.value;
            self.check_length(raw, (row, col))?;
            let uncached = cell.formula.is_some() && matches!(raw, DataRef::Empty);
            // A cell in a column nobody reads is never copied.
            if let Some(h) = &header
                && (row <= h.row || !h.by_index.contains_key(&col))
            {
                continue;
            }
            if uncached {
                match &header {
                    Some(_) => return Err(self.formula_without_value((row, col))),
                    // Whether it is data is known once the header is.
                    None => uncached_head.push((row, col)),
                }
                continue;
            }
            let value = convert(raw);
            if value.is_blank() {
                continue;
            }
            if let Cell::Text(t) = &value {
                text_bytes += t.len() as u64;
                if text_bytes > self.limits.max_inflated_bytes {
                    return Err(self.too_much_text());
                }
            }
            if header.is_none() {
                if row < HEADER_SCAN_ROWS {
                    head.push((row, col, value));
                    continue;
                }
                match self.find_header::<C>(&head, &mut sheet) {
                    Some(_) if self.header_only => return Ok((sheet, true)),
                    Some(h) => {
                        self.check_uncached(&h, &uncached_head)?;
                        for (r, c, v) in head.drain(..) {
                            place(&h, r, c, v, &mut current, &mut out, &sheet.problems);
                        }
                        header = Some(h);
                    }
                    None => return Ok((sheet, false)),
                }
            }
            if let Some(h) = &header {
                place(h, row, col, value, &mut current, &mut out, &sheet.problems);
            }
        }
        if header.is_none() {
            match self.find_header::<C>(&head, &mut sheet) {
                Some(_) if self.header_only => return Ok((sheet, true)),
                Some(h) => {
                    self.check_uncached(&h, &uncached_head)?;
                    for (r, c, v) in head.drain(..) {
                        place(&h, r, c, v, &mut current, &mut out, &sheet.problems);
                    }
                    header = Some(h);
                }
                None => return Ok((sheet, false)),
            }
        }
        if let Some(last) = current.take() {
            out.rows += 1;
            let heading = out.heading(&sheet.problems);
            (out.each)(&heading, last);
        }
        (out.progress)(out.rows as u32);
        Ok((sheet, header.is_some()))
    }

    /// Refuses a text cell longer than [`MAX_CELL_CHARS`], without copying it: a string far
    /// longer in bytes is refused on its length alone.
    fn check_length(&self, v: &DataRef<'_>, (row, col): (u32, u32)) -> Result<(), ReadError> {
        let text = match v {
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.as_str(),
            DataRef::SharedString(s) => s,
            _ => return Ok(()),
        };
        // A UTF-8 character is at most 4 bytes: only lengths in between need counting.
        let too_long = text.len() > MAX_CELL_CHARS
            && (text.len() > 4 * MAX_CELL_CHARS || text.chars().count() > MAX_CELL_CHARS);
        if !too_long {
            return Ok(());
        }
        let cell = format!("{}{}", column_name(col), u64::from(row) + 1);
        Err(ReadError::Unsafe {
            file: self.file.into(),
            message: fail(
                self.lang,
                &msg::FILE_CELL_TOO_LONG,
                self.file,
                &[
                    ("sheet", &self.name),
                    ("cell", &cell),
                    ("limit", &MAX_CELL_CHARS),
                ],
            ),
        })
    }

    /// Refuses the file when a formula without its result sits in a column that is read.
    fn check_uncached<C>(&self, h: &Header<C>, cells: &[(u32, u32)]) -> Result<(), ReadError> {
        match cells
            .iter()
            .find(|(r, c)| *r > h.row && h.by_index.contains_key(c))
        {
            Some(&at) => Err(self.formula_without_value(at)),
            None => Ok(()),
        }
    }

    /// A formula the file holds no result for: written by a program, never opened and saved
    /// by Excel or WPS, so the value the school sees is not in the file.
    fn formula_without_value(&self, (row, col): (u32, u32)) -> ReadError {
        let cell = format!("{}{}", column_name(col), u64::from(row) + 1);
        ReadError::Damaged {
            file: self.file.into(),
            message: fail(
                self.lang,
                &msg::FILE_FORMULA_NO_VALUE,
                self.file,
                &[("sheet", &self.name), ("cell", &cell)],
            ),
        }
    }

    fn too_much_text(&self) -> ReadError {
        ReadError::Unsafe {
            file: self.file.into(),
            message: fail(
                self.lang,
                &msg::FILE_TEXT_TOO_MUCH,
                self.file,
                &[("limit", &self.limits.max_inflated_bytes)],
            ),
        }
    }

    /// Refuses a cell (or declared extent) beyond the row or column cap.
    fn check_position(&self, (row, col): (u32, u32)) -> Result<(), ReadError> {
        if row < self.limits.max_rows && col < self.limits.max_columns {
            return Ok(());
        }
        let cell = format!("{}{}", column_name(col), u64::from(row) + 1);
        Err(ReadError::Unsafe {
            file: self.file.into(),
            message: fail(
                self.lang,
                &msg::FILE_TOO_BIG_SHEET,
                self.file,
                &[
                    ("sheet", &self.name),
                    ("cell", &cell),
                    ("rows", &self.limits.max_rows),
                    ("cols", &self.limits.max_columns),
                ],
            ),
        })
    }

    /// Picks the header among the first rows: the one naming the most known columns (at least
    /// two; the earliest on a tie), and records its column problems in `sheet`. Without one,
    /// every required column is reported missing.
    fn find_header<C: ColumnSpec>(
        &self,
        head: &[(u32, u32, Cell)],
        sheet: &mut Sheet<C>,
    ) -> Option<Header<C>> {
        let mut best: Option<(u32, usize)> = None;
        let mut rows: Vec<u32> = head.iter().map(|(r, _, _)| *r).collect();
        rows.dedup();
        for r in rows {
            let mut found: Vec<C> = Vec::new();
            for (_, _, v) in head.iter().filter(|(hr, _, _)| *hr == r) {
                if let Cell::Text(t) = v
                    && let Some(c) = C::from_header(t)
                    && !found.contains(&c)
                {
                    found.push(c);
                }
            }
            if found.len() >= MIN_HEADER_MATCHES && best.is_none_or(|(_, n)| found.len() > n) {
                best = Some((r, found.len()));
            }
        }
        let problem = |code, column: String, says: Says, row| Problem {
            row: Some(row),
            column: Some(column),
            code,
            says,
        };
        let Some((row, _)) = best else {
            let row = head.first().map_or(1, |(r, _, _)| r + 1);
            sheet.header_row = row;
            sheet.problems.push(Problem {
                row: None,
                column: None,
                code: ProblemCode::MissingColumn,
                says: Says::with(Sentence::NoHeader, [("n", HEADER_SCAN_ROWS.into())]),
            });
            for c in C::all().iter().filter(|c| c.required()) {
                let m = Says::with(Sentence::ColumnMissing, [("column", c.header().into())]);
                sheet.problems.push(problem(
                    ProblemCode::MissingColumn,
                    c.header().into(),
                    m,
                    row,
                ));
            }
            return None;
        };
        let header_row = row + 1;
        sheet.header_row = header_row;
        let mut by_index = HashMap::new();
        let mut cells: Vec<&(u32, u32, Cell)> = head.iter().filter(|(r, _, _)| *r == row).collect();
        cells.sort_by_key(|(_, c, _)| *c);
        for (_, col, v) in cells {
            let written = v.text();
            let raw = match v {
                Cell::Text(t) => t.clone(),
                _ => written.to_string(),
            };
            match C::from_header(&written) {
                Some(c) => {
                    if let Some((_, first)) = sheet.columns.iter().find(|(k, _)| *k == c) {
                        let m = Says::with(
                            Sentence::ColumnDuplicate,
                            [
                                ("column", raw.trim().into()),
                                ("first", first.trim().into()),
                            ],
                        );
                        sheet.problems.push(problem(
                            ProblemCode::UnknownColumn,
                            raw,
                            m,
                            header_row,
                        ));
                    } else {
                        by_index.insert(*col, c);
                        sheet.columns.push((c, raw));
                    }
                }
                // A return sent back: its own columns are ours, not the school's data.
                None if is_return_column(&raw) => {}
                None => {
                    let m = Says::with(Sentence::ColumnUnknown, [("column", raw.trim().into())]);
                    sheet
                        .problems
                        .push(problem(ProblemCode::UnknownColumn, raw, m, header_row));
                }
            }
        }
        for c in C::all().iter().filter(|c| c.required()) {
            if !sheet.columns.iter().any(|(k, _)| k == c) {
                let m = Says::with(Sentence::ColumnMissing, [("column", c.header().into())]);
                sheet.problems.push(problem(
                    ProblemCode::MissingColumn,
                    c.header().into(),
                    m,
                    header_row,
                ));
            }
        }
        Some(Header { row, by_index })
    }
}

/// Where finished rows go, and how many went.
struct Out<'e, C> {
    each: &'e mut dyn FnMut(&Heading<'_>, SheetRow<C>),
    progress: &'e mut dyn FnMut(u32),
    rows: usize,
    declared_rows: u32,
}

impl<C> Out<'_, C> {
    fn heading<'p>(&self, problems: &'p [Problem]) -> Heading<'p> {
        Heading {
            problems,
            declared_rows: self.declared_rows,
        }
    }
}

/// Adds one non-blank cell below the header to the row being built; cells arrive row by row,
/// so a new row number closes the previous row.
fn place<C: ColumnSpec>(
    h: &Header<C>,
    row: u32,
    col: u32,
    value: Cell,
    current: &mut Option<SheetRow<C>>,
    out: &mut Out<'_, C>,
    problems: &[Problem],
) {
    if row <= h.row {
        return;
    }
    let Some(&c) = h.by_index.get(&col) else {
        return;
    };
    let number = row + 1;
    if current.as_ref().is_some_and(|r| r.row != number)
        && let Some(done) = current.take()
    {
        out.rows += 1;
        let heading = out.heading(problems);
        (out.each)(&heading, done);
        if out.rows.is_multiple_of(PROGRESS_EVERY) {
            (out.progress)(out.rows as u32);
        }
    }
    current
        .get_or_insert_with(|| SheetRow {
            row: number,
            // One allocation per row instead of growing through 4, 8, 16: at 100k rows the
            // reallocations were a sixth of the reader's time.
            cells: Vec::with_capacity(h.by_index.len()),
        })
        .cells
        .push((c, value));
}

/// A calamine value as the rules see it, keeping text and numbers apart.
fn convert(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(day))
                .and_then(|date| {
                    date.and_hms_milli_opt(u32::from(h), u32::from(mi), u32::from(s), u32::from(ms))
                })
                .map_or(Cell::Number(d.as_f64()), Cell::DateTime)
        }
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) => NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN))
            })
            .map_or_else(|_| Cell::Text(s.clone()), Cell::DateTime),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The column letters of a 0-based column index: 0 → A, 16383 → XFD.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_names() {
        assert_eq!(super::column_name(0), "A");
        assert_eq!(super::column_name(25), "Z");
        assert_eq!(super::column_name(26), "AA");
        assert_eq!(super::column_name(16383), "XFD");
    }
}
