//! Earlier exam results (成绩): the sheet staff import so retakes can be checked against a fail.
//! Columns are matched by header like 附件1's; each row becomes an [`ExamResult`] or problems.

use super::keyed::keyed;
use chrono::NaiveDate;

use super::Level;
use super::columns::ColumnSpec;
use super::plan::parse_plan_code;
use super::sheet::{Cell, SheetRow};

/// A column of the results sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResultColumn {
    IdNumber,
    Name,
    Level,
    /// 考试计划: the plan's name or code, from which the exam date is read.
    Plan,
    /// 考试日期: the exam date, when the sheet has no plan column.
    Date,
    Outcome,
}

impl ColumnSpec for ResultColumn {
    fn all() -> &'static [Self] {
        use ResultColumn::*;
        &[IdNumber, Name, Level, Plan, Date, Outcome]
    }

    fn header(self) -> &'static str {
        match self {
            ResultColumn::IdNumber => "证件号码",
            ResultColumn::Name => "姓名",
            ResultColumn::Level => "证书等级",
            ResultColumn::Plan => "考试计划",
            ResultColumn::Date => "考试日期",
            ResultColumn::Outcome => "结果",
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            ResultColumn::IdNumber
                | ResultColumn::Name
                | ResultColumn::Level
                | ResultColumn::Outcome
        )
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            ResultColumn::IdNumber => &["身份证号", "身份证号码", "证件号", "身份证"],
            ResultColumn::Name => &["考生姓名", "学生姓名"],
            ResultColumn::Level => &["等级"],
            ResultColumn::Plan => &["考试计划名称"],
            ResultColumn::Date => &["考试时间"],
            ResultColumn::Outcome => &["考试结果", "成绩", "是否通过"],
        }
    }
}

keyed! {
    /// How an earlier sitting ended.
    pub enum Outcome {
        /// 通过.
        Pass = "pass",
        /// 未通过: the person may retake.
        Fail = "fail",
        /// 缺考: counted like a fail for retakes.
        Absent = "absent",
    }
}

impl Outcome {
    /// The sheet's wording: 通过 / 未通过 / 缺考.
    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Pass => "通过",
            Outcome::Fail => "未通过",
            Outcome::Absent => "缺考",
        }
    }

    /// Reads 通过/未通过/不通过/缺考 or the keys.
    pub fn parse(s: &str) -> Option<Outcome> {
        match s.trim() {
            "通过" | "合格" | "pass" => Some(Outcome::Pass),
            "未通过" | "不通过" | "不合格" | "fail" => Some(Outcome::Fail),
            "缺考" | "absent" => Some(Outcome::Absent),
            _ => None,
        }
    }
}

/// One earlier result of one person at one level and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamResult {
    pub id_number: String,
    pub name: String,
    pub level: Level,
    pub exam_date: NaiveDate,
    pub outcome: Outcome,
}

/// What is wrong with one cell of a results row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultProblem {
    /// The sheet's own row number.
    pub row: u32,
    pub column: ResultColumn,
    /// A stable key: `name_missing`, `id_length`, `id_chars`, `level_mismatch`,
    /// `plan_mismatch` (no readable exam date), `outcome_invalid` or `duplicate_in_file`.
    pub code: &'static str,
    /// The cell's text as found.
    pub found: String,
}

/// Reads the exam date out of a plan name (`…-20211211 全国统考…`), a plan code
/// (`20211211-初级`) or a date (`2021-12-11`, `2021/12/11`, a date cell).
pub fn exam_date(cell: &Cell) -> Option<NaiveDate> {
    if let Cell::DateTime(d) = cell {
        return Some(d.date());
    }
    let text = cell.text();
    if let Some((d, _)) = parse_plan_code(&text) {
        return Some(d);
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日"] {
        if let Ok(d) = NaiveDate::parse_from_str(text.trim(), fmt) {
            return Some(d);
        }
    }
    // A plan name carries the date as a run of eight digits.
    let digits: Vec<char> = text.chars().collect();
    digits.windows(8).find_map(|w| {
        let s: String = w.iter().collect();
        if s.chars().all(|c| c.is_ascii_digit()) {
            NaiveDate::parse_from_str(&s, "%Y%m%d").ok()
        } else {
            None
        }
    })
}

/// Turns one sheet row into a result, or every problem it has.
pub fn read_row(row: &SheetRow<ResultColumn>) -> Result<ExamResult, Vec<ResultProblem>> {
    let mut problems = Vec::new();
    let mut flag = |column, code, cell: &Cell| {
        problems.push(ResultProblem {
            row: row.row,
            column,
            code,
            found: cell.text().into_owned(),
        })
    };
    let name_cell = row.get(ResultColumn::Name);
    let name = name_cell.text();
    if name.is_empty() {
        flag(ResultColumn::Name, "name_missing", name_cell);
    }
    let id_cell = row.get(ResultColumn::IdNumber);
    let id_number = id_cell.text().to_uppercase();
    if matches!(id_cell, Cell::Number(_)) || id_number.chars().count() != 18 {
        flag(ResultColumn::IdNumber, "id_length", id_cell);
    } else if !id_number
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || (i == 17 && c == 'X'))
    {
        flag(ResultColumn::IdNumber, "id_chars", id_cell);
    }
    let level_cell = row.get(ResultColumn::Level);
    let level = level_cell.text().parse::<Level>().ok();
    if level.is_none() {
        flag(ResultColumn::Level, "level_mismatch", level_cell);
    }
    let plan_cell = row.get(ResultColumn::Plan);
    let date = exam_date(plan_cell).or_else(|| exam_date(row.get(ResultColumn::Date)));
    if date.is_none() {
        let (col, cell) = if plan_cell.is_blank() {
            (ResultColumn::Date, row.get(ResultColumn::Date))
        } else {
            (ResultColumn::Plan, plan_cell)
        };
        flag(col, "plan_mismatch", cell);
    }
    let outcome_cell = row.get(ResultColumn::Outcome);
    let outcome = Outcome::parse(&outcome_cell.text());
    if outcome.is_none() {
        flag(ResultColumn::Outcome, "outcome_invalid", outcome_cell);
    }
    match (level, date, outcome) {
        (Some(level), Some(exam_date), Some(outcome)) if problems.is_empty() => Ok(ExamResult {
            id_number,
            name: name.into_owned(),
            level,
            exam_date,
            outcome,
        }),
        _ => Err(problems),
    }
}

/// Reads every row: the results, or every problem of every row. The same person, level and
/// date twice in one file is `duplicate_in_file` (which row is right cannot be guessed).
pub fn read_rows(rows: &[SheetRow<ResultColumn>]) -> (Vec<ExamResult>, Vec<ResultProblem>) {
    let mut results: Vec<ExamResult> = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in rows {
        match read_row(row) {
            Ok(r) => {
                let key = (r.id_number.clone(), r.level, r.exam_date);
                if seen.insert(key, row.row).is_some() {
                    problems.push(ResultProblem {
                        row: row.row,
                        column: ResultColumn::IdNumber,
                        code: "duplicate_in_file",
                        found: r.id_number,
                    });
                } else {
                    results.push(r);
                }
            }
            Err(p) => problems.extend(p),
        }
    }
    (results, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[(ResultColumn, &str)]) -> SheetRow<ResultColumn> {
        SheetRow {
            row: 2,
            cells: cells
                .iter()
                .map(|(c, v)| (*c, Cell::Text(v.to_string())))
                .collect(),
        }
    }

    #[test]
    fn a_plan_name_row_reads_with_its_date() {
        use ResultColumn::*;
        let r = read_row(&row(&[
            (IdNumber, "11010519491231002x"),
            (Name, "张三"),
            (Level, "初级"),
            (Plan, "1+X-跨境电商 B2B-20210612 全国统考（初级）"),
            (Outcome, "未通过"),
        ]))
        .unwrap();
        assert_eq!(r.id_number, "11010519491231002X");
        assert_eq!(r.exam_date, NaiveDate::from_ymd_opt(2021, 6, 12).unwrap());
        assert_eq!(r.outcome, super::Outcome::Fail);
        assert_eq!(r.level, crate::domain::Level::Junior);
    }

    #[test]
    fn every_bad_cell_is_reported() {
        use ResultColumn::*;
        let problems = read_row(&row(&[
            (IdNumber, "1101051949"),
            (Name, ""),
            (Level, "特级"),
            (Date, "下个月"),
            (Outcome, "优秀"),
        ]))
        .unwrap_err();
        let codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                "name_missing",
                "id_length",
                "level_mismatch",
                "plan_mismatch",
                "outcome_invalid"
            ]
        );
    }

    #[test]
    fn the_same_sitting_twice_in_one_file_is_flagged() {
        use ResultColumn::*;
        let mut a = row(&[
            (IdNumber, "11010519491231002X"),
            (Name, "张三"),
            (Level, "初级"),
            (Date, "2021-06-12"),
            (Outcome, "缺考"),
        ]);
        let mut b = a.clone();
        b.row = 3;
        let (ok, problems) = read_rows(&[a.clone(), b]);
        assert_eq!(ok.len(), 1);
        assert_eq!(
            (problems[0].row, problems[0].code),
            (3, "duplicate_in_file")
        );
        a.row = 4;
        a.cells[2].1 = Cell::Text("中级".into());
        assert!(read_rows(&[a]).1.is_empty());
    }

    #[test]
    fn dates_read_from_codes_and_plain_dates() {
        let d = NaiveDate::from_ymd_opt(2021, 12, 11).unwrap();
        assert_eq!(exam_date(&Cell::Text("20211211-初级".into())), Some(d));
        assert_eq!(exam_date(&Cell::Text("2021/12/11".into())), Some(d));
        assert_eq!(exam_date(&Cell::Text("2021年12月11日".into())), Some(d));
        assert_eq!(exam_date(&Cell::Empty), None);
        assert_eq!(
            ResultColumn::from_header("考试结果"),
            Some(ResultColumn::Outcome)
        );
        assert_eq!(super::Outcome::parse("缺考"), Some(super::Outcome::Absent));
    }
}
