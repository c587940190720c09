//! Submission files (附件1) as schools send them, for the demo and the intake benchmarks. The
//! headers come from [`StudentColumn`], so a generated file and the real template never drift.

use std::path::Path;

use chrono::{Datelike, NaiveDateTime, NaiveTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::names::MAJORS;
use super::people::{People, Person};
use crate::domain::columns::{ColumnSpec, StudentColumn};
use crate::domain::sheet::Cell;
use crate::domain::{Level, Plan};

/// The certificate's exact name, as 附件1 must carry it.
pub const CERTIFICATE: &str = "跨境电商 B2B 数据运营职业技能等级证书";

/// One candidate row of 附件1 as the school typed it (school and plan come from the file).
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionRow {
    pub name: String,
    pub id_type: String,
    /// Text normally; a number when Excel mangled it (see [`super::people::Fault::IdAsNumber`]).
    pub id_number: Cell,
    pub gender: String,
    pub birth_date: String,
    pub phone: String,
    pub major: String,
    pub grade: String,
    pub class: String,
    pub cert_name: String,
    pub cert_level: String,
    pub retake: bool,
    pub remark: String,
}

impl SubmissionRow {
    /// A clean row for `person` sitting `level`.
    pub fn new(person: &Person, level: Level) -> SubmissionRow {
        SubmissionRow {
            name: person.name.clone(),
            id_type: "居民身份证".into(),
            id_number: Cell::Text(person.id_number.clone()),
            gender: person.gender.zh().into(),
            birth_date: person.birth.format("%Y-%m-%d").to_string(),
            phone: person.phone.clone(),
            major: String::new(),
            grade: String::new(),
            class: String::new(),
            cert_name: CERTIFICATE.into(),
            cert_level: level.zh().into(),
            retake: false,
            remark: String::new(),
        }
    }

    /// The cell this row writes in `column` (序号 is the writer's business).
    fn cell(&self, column: StudentColumn, school: &str, plan: &Plan) -> Cell {
        use StudentColumn::*;
        let text = |s: &str| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_string())
            }
        };
        match column {
            Seq => Cell::Empty,
            Name => text(&self.name),
            IdType => text(&self.id_type),
            IdNumber => self.id_number.clone(),
            Gender => text(&self.gender),
            BirthDate => text(&self.birth_date),
            Phone => text(&self.phone),
            School => text(school),
            Major => text(&self.major),
            Grade => text(&self.grade),
            Class => text(&self.class),
            CertName => text(&self.cert_name),
            CertLevel => text(&self.cert_level),
            Plan => text(&plan.name),
            Retake => text(if self.retake { "是" } else { "否" }),
            Remark => text(&self.remark),
        }
    }
}

/// `n` clean rows of students of one school sitting `level`, in classes of their majors.
/// IDs are registered mostly in `province` and never repeat within `people`.
pub fn roster(
    people: &mut People,
    n: usize,
    level: Level,
    province: Option<&str>,
) -> Vec<SubmissionRow> {
    let major = *people.rng().pick(MAJORS);
    (0..n)
        .map(|_| {
            let p = people.next_in(province);
            let mut row = SubmissionRow::new(&p, level);
            // Students start college at 18 or 19; the youngest in these sheets are in 2021级.
            let intake = (p.birth.year() + 18).clamp(2018, 2021);
            let class = people.rng().range(1, 3);
            row.major = major.to_string();
            row.grade = format!("{intake}级");
            row.class = format!("{major}{}{class:02}班", intake % 100);
            row
        })
        .collect()
}

/// How a generated file looks, beyond its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SheetOptions {
    /// A title row above the header, as many schools add: "XX学院 2021年12月 1+X 报名表".
    pub title_row: bool,
    /// Headers as schools retype them (身份证号, 联系电话) instead of the template's.
    pub alias_headers: bool,
    /// The creation time the file's properties carry (default: 09:00 on the day the plan's
    /// window opens). Fixed, so the same rows always give the same bytes and SHA-256.
    pub created: Option<NaiveDateTime>,
}

/// The header text a generated file writes for `column`.
fn header(column: StudentColumn, opts: SheetOptions) -> String {
    match column {
        StudentColumn::IdNumber if opts.alias_headers => "身份证号".into(),
        StudentColumn::Phone if opts.alias_headers => "联系电话".into(),
        c => c.template_header(),
    }
}

/// Writes a 附件1 file from `school` for `plan` at `path`. The worksheet streams to disk
/// (constant-memory mode), so 100 000 rows take little memory and a second or two.
pub fn write_submission_xlsx(
    path: &Path,
    plan: &Plan,
    school: &str,
    rows: &[SubmissionRow],
    opts: SheetOptions,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let created = opts.created.unwrap_or_else(|| {
        plan.opens
            .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN))
    });
    let stamp = ExcelDateTime::from_ymd(
        created.year() as u16,
        created.month() as u8,
        created.day() as u8,
    )?
    .and_hms(
        created.hour() as u16,
        created.minute() as u8,
        created.second(),
    )?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&stamp));
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("报名信息")?;
    let columns = StudentColumn::all();
    for (i, c) in columns.iter().enumerate() {
        let width = match c {
            StudentColumn::IdNumber => 22.0,
            StudentColumn::School | StudentColumn::Class => 20.0,
            StudentColumn::CertName | StudentColumn::Plan => 36.0,
            _ => 10.0,
        };
        sheet.set_column_width(i as u16, width)?;
    }
    let mut r: u32 = 0;
    if opts.title_row {
        let d = plan.exam_start;
        let title = format!("{school} {}年{}月 1+X 报名表", d.year(), d.month());
        sheet.write_string_with_format(r, 0, &title, &bold)?;
        r += 1;
    }
    for (i, c) in columns.iter().enumerate() {
        sheet.write_string_with_format(r, i as u16, header(*c, opts), &bold)?;
    }
    for (n, row) in rows.iter().enumerate() {
        r += 1;
        for (i, c) in columns.iter().enumerate() {
            let col = i as u16;
            if *c == StudentColumn::Seq {
                sheet.write_number(r, col, (n + 1) as f64)?;
                continue;
            }
            write_cell(sheet, r, col, &row.cell(*c, school, plan), &text)?;
        }
    }
    book.save(path)
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    col: u16,
    cell: &Cell,
    text: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string_with_format(r, col, s, text)?;
        }
        Cell::Number(n) => {
            sheet.write_number(r, col, *n)?;
        }
        Cell::Bool(b) => {
            sheet.write_boolean(r, col, *b)?;
        }
        other => {
            sheet.write_string(r, col, other.text())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::people::{Fault, fault};
    use crate::i18n::Lang;
    use crate::intake::{Limits, read_sheet};
    use crate::store::Store;
    use calamine::{Data, Reader, Xlsx, open_workbook};

    fn read(path: &Path) -> Vec<Vec<Data>> {
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let range = book.worksheet_range("报名信息").unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn files_carry_the_template_headers_text_ids_and_the_plan() {
        let dir = tempfile::tempdir().unwrap();
        let plan = Store::open_in_memory()
            .unwrap()
            .find_plan("20211212-中级")
            .unwrap();
        let mut people = People::new(11, 2000..=2003);
        let mut rows = roster(&mut people, 3, plan.level, Some("浙江省"));
        rows[2] = fault(Fault::IdAsNumber, rows[2].clone());
        let school = "金华商贸职业学院";

        let plain = dir.path().join("plain.xlsx");
        write_submission_xlsx(&plain, &plan, school, &rows, SheetOptions::default()).unwrap();
        let cells = read(&plain);
        let headers: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
        let expected: Vec<String> = StudentColumn::all()
            .iter()
            .map(|c| c.template_header())
            .collect();
        assert_eq!(headers, expected);
        assert_eq!(cells.len(), 4);
        let col = |c: StudentColumn| StudentColumn::all().iter().position(|x| *x == c).unwrap();
        let first = &cells[1];
        assert_eq!(
            first[col(StudentColumn::IdNumber)],
            Data::String(rows[0].id_number.text().into_owned())
        );
        assert_eq!(first[col(StudentColumn::School)].to_string(), school);
        assert_eq!(first[col(StudentColumn::Plan)].to_string(), plan.name);
        assert_eq!(first[col(StudentColumn::CertName)].to_string(), CERTIFICATE);
        assert_eq!(first[col(StudentColumn::CertLevel)].to_string(), "中级");
        assert!(matches!(
            cells[3][col(StudentColumn::IdNumber)],
            Data::Float(_)
        ));

        // The intake reader finds the header below the title and reads the aliases.
        let titled = dir.path().join("titled.xlsx");
        let opts = SheetOptions {
            title_row: true,
            alias_headers: true,
            created: None,
        };
        write_submission_xlsx(&titled, &plan, school, &rows, opts).unwrap();
        assert_eq!(
            read(&titled)[0][0].to_string(),
            "金华商贸职业学院 2021年12月 1+X 报名表"
        );
        let sheet = read_sheet::<StudentColumn>(&titled, &Limits::default(), Lang::Zh, &mut |_| {})
            .unwrap();
        assert_eq!(sheet.header_row, 2);
        assert!(sheet.problems.is_empty(), "{:?}", sheet.problems);
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.rows[0].row, 3);
        assert_eq!(
            sheet.rows[1].get(StudentColumn::IdNumber),
            &rows[1].id_number
        );
        assert_eq!(
            sheet.rows[1].get(StudentColumn::Name),
            &Cell::Text(rows[1].name.clone())
        );
        assert!(matches!(
            sheet.rows[2].get(StudentColumn::IdNumber),
            Cell::Number(_)
        ));

        // The same rows give the same bytes: a re-sent file has the same SHA-256.
        let again = dir.path().join("again.xlsx");
        write_submission_xlsx(&again, &plan, school, &rows, opts).unwrap();
        assert_eq!(
            std::fs::read(&titled).unwrap(),
            std::fs::read(&again).unwrap()
        );
    }
}
