//! The rules of a 附件2 row: required fields filled, a phone a person can be reached on, one
//! row per school. Pure: findings become problems with codes and arguments, no words.

use std::collections::HashMap;

use super::columns::ColumnSpec;
use super::columns::SchoolColumn;
use super::problem::{Problem, ProblemCode, Says, Sentence};
use super::school::SchoolInfo;
use super::sheet::SheetRow;

/// What is wrong with one cell of a 附件2 row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchoolFinding {
    /// A required column is empty.
    Missing,
    /// 联系电话 is neither an 11-digit mobile nor a landline with area code; the value as given.
    PhoneInvalid(String),
    /// The same 院校名称 (`name`) already appeared on an earlier row (`first`).
    Duplicate { name: String, first: u32 },
}

impl SchoolFinding {
    /// The stable problem code of the finding.
    pub fn code(&self) -> ProblemCode {
        match self {
            SchoolFinding::Missing => ProblemCode::SchoolFieldMissing,
            SchoolFinding::PhoneInvalid(_) => ProblemCode::SchoolPhoneInvalid,
            SchoolFinding::Duplicate { .. } => ProblemCode::DuplicateInFile,
        }
    }
}

/// One finding: the sheet row, the column and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolRowFinding {
    pub row: u32,
    pub column: SchoolColumn,
    pub finding: SchoolFinding,
}

impl SchoolRowFinding {
    /// The finding as a problem naming its row and column.
    pub fn problem(&self) -> Problem {
        let column = self.column.header();
        let says = match &self.finding {
            SchoolFinding::Missing => Says::with(
                Sentence::SchoolFieldMissing,
                [("row", self.row.into()), ("column", column.into())],
            ),
            SchoolFinding::PhoneInvalid(v) => Says::with(
                Sentence::SchoolPhoneInvalid,
                [
                    ("row", self.row.into()),
                    ("column", column.into()),
                    ("value", v.as_str().into()),
                ],
            ),
            SchoolFinding::Duplicate { name, first } => Says::with(
                Sentence::SchoolDuplicate,
                [
                    ("row", self.row.into()),
                    ("name", name.as_str().into()),
                    ("first", (*first).into()),
                ],
            ),
        };
        Problem {
            row: Some(self.row),
            column: Some(column.to_string()),
            code: self.finding.code(),
            says,
        }
    }
}

/// Whether `s` is a phone number staff can call: an 11-digit mobile starting with 1 (an
/// optional +86 prefix and spaces or hyphens inside tolerated), or a landline: area code of
/// 3–4 digits starting with 0, 7–8 digit number, optional extension (0571-88888888-123).
pub fn plausible_phone(s: &str) -> bool {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.strip_prefix("+86").unwrap_or(&s);
    let s = s.strip_prefix('-').unwrap_or(s);
    let digits: String = s.chars().filter(|c| *c != '-').collect();
    if !s.chars().all(|c| c.is_ascii_digit() || c == '-') || digits.is_empty() {
        return false;
    }
    if digits.len() == 11 && digits.starts_with('1') && !s.starts_with("0") {
        return true;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let landline = |area: &str, num: &str| {
        area.starts_with('0')
            && (3..=4).contains(&area.len())
            && (7..=8).contains(&num.len())
            && !num.starts_with('0')
    };
    match parts.as_slice() {
        [area, num] => landline(area, num),
        [area, num, ext] => landline(area, num) && (1..=6).contains(&ext.len()),
        // Written without a hyphen: 0571 + 8 digits or 010 + 8 digits.
        [all] => all.starts_with('0') && (10..=12).contains(&all.len()),
        _ => false,
    }
}

/// The school of one row, with every finding of that row.
pub fn school_of_row(row: &SheetRow<SchoolColumn>) -> (SchoolInfo, Vec<SchoolRowFinding>) {
    let text = |c| row.get(c).text().into_owned();
    let info = SchoolInfo {
        name: text(SchoolColumn::Name),
        code: text(SchoolColumn::Code),
        province: text(SchoolColumn::Province),
        city: text(SchoolColumn::City),
        address: text(SchoolColumn::Address),
        contact: text(SchoolColumn::Contact),
        phone: text(SchoolColumn::Phone),
        email: text(SchoolColumn::Email),
        invoice_title: text(SchoolColumn::InvoiceTitle),
        tax_id: text(SchoolColumn::TaxId),
    };
    let mut findings = Vec::new();
    let required = [
        (SchoolColumn::Name, &info.name),
        (SchoolColumn::Province, &info.province),
        (SchoolColumn::City, &info.city),
        (SchoolColumn::Contact, &info.contact),
        (SchoolColumn::Phone, &info.phone),
    ];
    for (column, value) in required {
        if value.is_empty() {
            findings.push(SchoolRowFinding {
                row: row.row,
                column,
                finding: SchoolFinding::Missing,
            });
        }
    }
    if !info.phone.is_empty() && !plausible_phone(&info.phone) {
        findings.push(SchoolRowFinding {
            row: row.row,
            column: SchoolColumn::Phone,
            finding: SchoolFinding::PhoneInvalid(info.phone.clone()),
        });
    }
    (info, findings)
}

/// Every row's school and every finding, including a 院校名称 repeated in the file.
pub fn schools_of_rows(
    rows: &[SheetRow<SchoolColumn>],
) -> (Vec<SchoolInfo>, Vec<SchoolRowFinding>) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut schools = Vec::new();
    let mut findings = Vec::new();
    for row in rows {
        let (info, mut f) = school_of_row(row);
        if !info.name.is_empty() {
            if let Some(&first) = seen.get(&info.name) {
                f.push(SchoolRowFinding {
                    row: row.row,
                    column: SchoolColumn::Name,
                    finding: SchoolFinding::Duplicate {
                        name: info.name.clone(),
                        first,
                    },
                });
            } else {
                seen.insert(info.name.clone(), row.row);
            }
        }
        findings.extend(f);
        schools.push(info);
    }
    (schools, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sheet::Cell;

    #[test]
    fn phones_mobile_and_landline() {
        for ok in [
            "17744566186",
            "177 4456 6186",
            "+86 17744566186",
            "0571-88888888",
            "010-12345678",
            "0579-8523456",
            "0571-88888888-123",
            "057188888888",
        ] {
            assert!(plausible_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "1774456618",
            "27744566186",
            "88888888",
            "571-88888888",
            "0571-088888888",
            "0571-8888",
            "phone",
            "177445661861",
        ] {
            assert!(!plausible_phone(bad), "{bad}");
        }
    }

    #[test]
    fn required_fields_phone_and_duplicates_are_found() {
        let row = |n: u32, name: &str, phone: Cell| SheetRow {
            row: n,
            cells: vec![
                (SchoolColumn::Name, Cell::Text(name.into())),
                (SchoolColumn::Province, Cell::Text("浙江省".into())),
                (SchoolColumn::City, Cell::Text("杭州市".into())),
                (SchoolColumn::Contact, Cell::Text("王娟".into())),
                (SchoolColumn::Phone, phone),
            ],
        };
        let rows = [
            row(2, "浙江商业职业技术学院", Cell::Number(17744566186.0)),
            row(3, "", Cell::Text("0571-88888888".into())),
            row(4, "浙江商业职业技术学院", Cell::Text("12345".into())),
        ];
        let (schools, f) = schools_of_rows(&rows);
        assert_eq!(schools[0].phone, "17744566186");
        let got: Vec<(u32, SchoolColumn, ProblemCode)> = f
            .iter()
            .map(|x| (x.row, x.column, x.finding.code()))
            .collect();
        assert_eq!(
            got,
            [
                (3, SchoolColumn::Name, ProblemCode::SchoolFieldMissing),
                (4, SchoolColumn::Phone, ProblemCode::SchoolPhoneInvalid),
                (4, SchoolColumn::Name, ProblemCode::DuplicateInFile),
            ]
        );
    }
}
