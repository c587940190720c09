//! The national platform list of a plan in the 附件1 layout (本校学生导入模板), so it can be
//! imported there once the platform reopens.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::Plan;
use crate::domain::columns::{ColumnSpec, StudentColumn};
use crate::store::PlacedCandidate;

/// The certificate's exact name, as 附件1 requires it.
pub const CERTIFICATE: &str = "跨境电商 B2B 数据运营职业技能等级证书";

/// One row of 附件1 for a candidate.
fn cell(c: StudentColumn, seq: usize, plan: &Plan, r: &PlacedCandidate) -> String {
    use StudentColumn::*;
    match c {
        Seq => seq.to_string(),
        Name => r.name.clone(),
        IdType => r.id_type.clone(),
        IdNumber => r.id_number.clone(),
        Gender => r.gender.clone().unwrap_or_default(),
        BirthDate => r.birth_date.clone().unwrap_or_default(),
        Phone => r.phone.clone(),
        School => r.school_name.clone(),
        Major => r.major.clone(),
        Grade => r.grade.clone(),
        Class => r.class.clone(),
        CertName => CERTIFICATE.to_string(),
        CertLevel => plan.level.zh().to_string(),
        Plan => plan.name.clone(),
        Retake => if r.retake { "是" } else { "否" }.to_string(),
        Remark => r.remark.clone(),
    }
}

/// The workbook: one sheet with 附件1's template headers and one row per candidate. 序号 is a
/// number and 出生日期 a date; every other cell is text (the 证件号码 column formatted as text,
/// so Excel never rounds an ID).
pub fn platform_xlsx(plan: &Plan, rows: &[PlacedCandidate]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let text = super::text_format();
    let bold = Format::new().set_bold();
    let count = super::count_format();
    let ws = wb.add_worksheet().set_name("本校学生导入模板-提交")?;
    for (i, c) in StudentColumn::all().iter().enumerate() {
        ws.write_string_with_format(0, i as u16, c.template_header(), &bold)?;
        if matches!(c, StudentColumn::IdNumber | StudentColumn::Phone) {
            ws.set_column_format(i as u16, &text)?;
            ws.set_column_width(i as u16, 22)?;
        }
    }
    for (n, r) in rows.iter().enumerate() {
        for (i, c) in StudentColumn::all().iter().enumerate() {
            let v = cell(*c, n + 1, plan, r);
            if *c == StudentColumn::Seq {
                ws.write_number_with_format(n as u32 + 1, i as u16, (n + 1) as f64, &count)?;
            } else if *c == StudentColumn::BirthDate {
                // A date, as 附件1's 出生日期 column is; blank when the school left it out.
                super::write_day(ws, n as u32 + 1, i as u16, &v)?;
            } else {
                ws.write_string_with_format(n as u32 + 1, i as u16, v, &text)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}
