//! The annotated return: a school's own 附件1 rows sent back with every problem marked, so the
//! school fixes its file instead of reading a list. Rows keep their sheet row numbers, so "row
//! 7" in a message is row 7 in the file.

use std::path::Path;

use chrono::{Datelike, NaiveDateTime, Timelike};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, Note, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::templates::STUDENTS_SHEET;
use super::{ExportError, text_format, write_atomically};
use crate::domain::columns::{ColumnSpec, StudentColumn};
use crate::domain::problem::{Problem, Says};
use crate::domain::sheet::{Cell, SheetRow};
use crate::i18n::problems::text as problem_text;
use crate::i18n::{Lang, sheets as msg};
use crate::store::PhotoStatus;

/// Writes the return to `path` atomically: the school's rows in their column order and header
/// text, each cell with a problem filled red with a note holding its messages, a final
/// 问题说明 column listing every problem of the row, the ID column as text (but an ID the school
/// stored as a number stays a number), and a 问题汇总 sheet
/// listing every problem (file-level ones included).
pub fn write_return(
    path: &Path,
    columns: &[(StudentColumn, String)],
    rows: &[SheetRow<StudentColumn>],
    problems: &[Problem],
    lang: Lang,
) -> Result<(), ExportError> {
    write_return_with_photos(path, columns, rows, problems, &[], lang)
}

/// [`write_return`], plus the photo check's results: when any candidate's photo was checked, a
/// 照片问题 column after 问题说明 holds, on each row whose photo is missing or wrong, what the
/// school must fix, and the summary sheet lists those problems too.
pub fn write_return_with_photos(
    path: &Path,
    columns: &[(StudentColumn, String)],
    rows: &[SheetRow<StudentColumn>],
    problems: &[Problem],
    photos: &[PhotoStatus],
    lang: Lang,
) -> Result<(), ExportError> {
    let mut wb = Workbook::new();
    let built =
        build(&mut wb, columns, rows, problems, photos, lang).and_then(|_| wb.save_to_buffer());
    match built {
        Ok(bytes) => write_atomically(path, &bytes),
        Err(e) => Err(ExportError::xlsx(path)(e)),
    }
}

struct Formats {
    header: Format,
    bad: Format,
    bad_text: Format,
    bad_date: Format,
    text: Format,
    date: Format,
    wrap: Format,
}

fn formats() -> Formats {
    let bad = Format::new()
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_font_color(Color::RGB(0x9C0006));
    Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7)),
        bad_text: bad.clone().set_num_format_index(super::TEXT_FORMAT_INDEX),
        bad_date: bad.clone().set_num_format("yyyy-mm-dd"),
        bad,
        text: text_format(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        wrap: Format::new()
            .set_text_wrap()
            .set_font_color(Color::RGB(0x9C0006)),
    }
}

/// The column a problem names, by its template header text.
fn column_of(p: &Problem) -> Option<StudentColumn> {
    p.column.as_deref().and_then(StudentColumn::from_header)
}

fn build(
    wb: &mut Workbook,
    columns: &[(StudentColumn, String)],
    rows: &[SheetRow<StudentColumn>],
    problems: &[Problem],
    photos: &[PhotoStatus],
    lang: Lang,
) -> Result<(), XlsxError> {
    let f = formats();
    let ws = wb.add_worksheet().set_name(STUDENTS_SHEET)?;
    ws.set_default_note_author("kaowu");
    // The header sits right above the first data row, so every row keeps its number and
    // "row 7" in a message is row 7 here. Problems on rows without data (the header's column
    // problems) are listed on the summary sheet.
    let first = rows
        .iter()
        .map(|r| r.row)
        .filter(|r| *r >= 2)
        .min()
        .unwrap_or(2);
    let header = first - 2; // 0-based
    if header > 0 {
        ws.write_string_with_format(0, 0, lang.t(&msg::RETURN_TITLE), &f.wrap)?;
    }
    let last = columns.len() as u16;
    for (i, (c, text)) in columns.iter().enumerate() {
        ws.write_string_with_format(header, i as u16, text, &f.header)?;
        let width = match c {
            StudentColumn::IdNumber => 22.0,
            StudentColumn::CertName | StudentColumn::Plan => 36.0,
            _ => (text.width() as f64 + 4.0).max(10.0),
        };
        ws.set_column_width(i as u16, width)?;
        if *c == StudentColumn::IdNumber {
            ws.set_column_format(i as u16, &f.text)?;
        }
    }
    ws.write_string_with_format(
        header,
        last,
        lang.t(&msg::RETURN_PROBLEMS_HEADER),
        &f.header,
    )?;
    ws.set_column_width(last, 60)?;
    if !photos.is_empty() {
        ws.write_string_with_format(
            header,
            last + 1,
            lang.t(&msg::RETURN_PHOTO_HEADER),
            &f.header,
        )?;
        ws.set_column_width(last + 1, 50)?;
    }
    // A photo problem is the school's to fix in the archive, not in a cell: its own column.
    let photo_problems: Vec<Problem> = photos
        .iter()
        .flat_map(|p| {
            p.problems.iter().map(|(code, message)| Problem {
                row: Some(p.row),
                column: Some(lang.t(&msg::RETURN_PHOTO_HEADER).to_string()),
                code: *code,
                says: Says::Text(message.clone()),
            })
        })
        .collect();
    for p in photos.iter().filter(|p| !p.problems.is_empty()) {
        let all: Vec<&str> = p.problems.iter().map(|(_, m)| m.as_str()).collect();
        ws.write_string_with_format(p.row.saturating_sub(1), last + 1, all.join("\n"), &f.wrap)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    for row in rows {
        let r = row.row - 1;
        let mine: Vec<&Problem> = problems.iter().filter(|p| p.row == Some(row.row)).collect();
        for (i, (c, _)) in columns.iter().enumerate() {
            let col = i as u16;
            let here: Vec<String> = mine
                .iter()
                .filter(|p| column_of(p) == Some(*c))
                .map(|p| problem_text(p, lang))
                .collect();
            write_cell(ws, r, col, *c, row.get(*c), !here.is_empty(), &f)?;
            if !here.is_empty() {
                let note = Note::new(here.join("\n"))
                    .add_author_prefix(false)
                    .set_width(320)
                    .set_height(90);
                ws.insert_note(r, col, &note)?;
            }
        }
        if !mine.is_empty() {
            let all: Vec<String> = mine.iter().map(|p| problem_text(p, lang)).collect();
            ws.write_string_with_format(r, last, all.join("\n"), &f.wrap)?;
        }
    }
    let mut all: Vec<Problem> = problems.to_vec();
    all.extend(photo_problems);
    summary(wb.add_worksheet(), &all, lang, &f)
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    col: u16,
    c: StudentColumn,
    cell: &Cell,
    bad: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    let plain = Format::new();
    let fmt = if bad { &f.bad } else { &plain };
    match cell {
        // An ID Excel already turned into a number goes back as that number: written as text,
        // the damaged digits would pass as typed when the return comes back (about 1 in 11 even
        // passes the check digit), instead of being judged `id_precision_lost` again.
        Cell::Number(n) if c == StudentColumn::IdNumber => {
            ws.write_number_with_format(r, col, *n, fmt)?;
        }
        // Every other ID goes back as text, so Excel cannot turn it into a number on the way.
        _ if c == StudentColumn::IdNumber && !cell.is_blank() => {
            let fmt = if bad { &f.bad_text } else { &f.text };
            ws.write_string_with_format(r, col, cell.text(), fmt)?;
        }
        Cell::Text(s) => {
            ws.write_string_with_format(r, col, s, fmt)?;
        }
        Cell::Number(n) => {
            ws.write_number_with_format(r, col, *n, fmt)?;
        }
        Cell::DateTime(d) => match excel_date(d) {
            Some(x) => {
                ws.write_datetime_with_format(r, col, x, if bad { &f.bad_date } else { &f.date })?;
            }
            None => {
                ws.write_string_with_format(r, col, cell.text(), fmt)?;
            }
        },
        Cell::Bool(b) => {
            ws.write_boolean_with_format(r, col, *b, fmt)?;
        }
        Cell::Error(e) => {
            ws.write_string_with_format(r, col, e, fmt)?;
        }
        Cell::Empty => {
            if bad {
                ws.write_blank(r, col, fmt)?;
            }
        }
    }
    Ok(())
}

fn excel_date(d: &NaiveDateTime) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
        .and_then(|x| x.and_hms(d.hour() as u16, d.minute() as u8, d.second()))
        .ok()
}

/// The 问题汇总 sheet: every problem, file-level ones first.
fn summary(
    ws: &mut Worksheet,
    problems: &[Problem],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(lang.t(&msg::RETURN_SUMMARY_SHEET))?;
    let heads = [
        &msg::RETURN_COL_ROW,
        &msg::RETURN_COL_COLUMN,
        &msg::RETURN_COL_CODE,
        &msg::RETURN_COL_MESSAGE,
    ];
    for (i, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, lang.t(h), &f.header)?;
    }
    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by_key(|p| p.row.unwrap_or(0));
    for (i, p) in sorted.iter().enumerate() {
        let r = i as u32 + 1;
        if let Some(row) = p.row {
            ws.write_number(r, 0, f64::from(row))?;
        }
        if let Some(c) = &p.column {
            ws.write_string(r, 1, c)?;
        }
        ws.write_string(r, 2, p.code.key())?;
        ws.write_string(r, 3, problem_text(p, lang))?;
    }
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 20)?;
    ws.set_column_width(3, 80)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_keep_the_day() {
        let d = chrono::NaiveDate::from_ymd_opt(2002, 5, 17)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert!(excel_date(&d).is_some());
        assert_eq!(StudentColumn::all().len(), 16);
    }
}
