//! Reading 附件2 (院校基本信息): the schools of a sheet and what is wrong with it, for the
//! command line (`kaowu schools import`) and the console's Sites screen (`i`) alike. Nothing
//! is written here: a file with any problem is imported by neither.

use std::path::Path;

use crate::domain::columns::SchoolColumn;
use crate::domain::problem::Problem;
use crate::domain::school::SchoolInfo;
use crate::domain::school_rows::{SchoolRowFinding, schools_of_rows};
use crate::i18n::Lang;

use super::{Limits, ReadError, read_sheet};

/// A 附件2 as read: its schools and every problem found in it.
#[derive(Debug, Clone)]
pub struct SchoolsSheet {
    /// The file's name, as messages show it.
    pub file: String,
    pub schools: Vec<SchoolInfo>,
    pub problems: Vec<Problem>,
}

/// Reads `path` as a 附件2. An unreadable file is an error; problems in its columns or rows
/// are listed in the result.
pub fn read_schools(path: &Path, l: Lang) -> Result<SchoolsSheet, ReadError> {
    let sheet = read_sheet::<SchoolColumn>(path, &Limits::default(), l, &mut |_| {})?;
    let (schools, findings) = schools_of_rows(&sheet.rows);
    let mut problems = sheet.problems.clone();
    problems.extend(findings.iter().map(SchoolRowFinding::problem));
    Ok(SchoolsSheet {
        file: sheet.file,
        schools,
        problems,
    })
}
