//! 考场名单: the final roster of one confirmed session, by admission number, with full ID and
//! phone numbers (the proctors check identities against it).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::{Plan, time};
use crate::store::PlacedCandidate;

/// The roster's columns, in order.
pub const HEADER: [&str; 13] = [
    "准考证号",
    "序号",
    "姓名",
    "证件类型",
    "证件号码",
    "性别",
    "手机号",
    "院校名称",
    "专业",
    "年级",
    "班级",
    "是否补考",
    "备注",
];

/// The roster workbook: sheet 考场名单 (one row per candidate) and sheet 场次 (plan, site, exam
/// start and end, head count).
pub fn roster_xlsx(
    plan: &Plan,
    site: &str,
    rows: &[PlacedCandidate],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let text = super::text_format();
    let bold = Format::new().set_bold();
    let count = super::count_format();
    let ws = wb.add_worksheet().set_name("考场名单")?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    // Numbers that look numeric stay text: 18-digit IDs and 17-digit admission numbers do not
    // fit a spreadsheet number.
    for c in [0u16, 4, 6] {
        ws.set_column_format(c, &text)?;
        ws.set_column_width(c, 22)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells = [
            r.admission_number.clone().unwrap_or_default(),
            (i + 1).to_string(),
            r.name.clone(),
            r.id_type.clone(),
            r.id_number.clone(),
            r.gender.clone().unwrap_or_default(),
            r.phone.clone(),
            r.school_name.clone(),
            r.major.clone(),
            r.grade.clone(),
            r.class.clone(),
            if r.retake { "是" } else { "否" }.to_string(),
            r.remark.clone(),
        ];
        for (c, v) in cells.iter().enumerate() {
            if c == 1 {
                ws.write_number_with_format(row, 1, (i + 1) as f64, &count)?;
            } else {
                ws.write_string_with_format(row, c as u16, v, &text)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let info = wb.add_worksheet().set_name("场次")?;
    let retakes = rows.iter().filter(|r| r.retake).count();
    let facts = [
        ("考试计划", plan.name.clone()),
        ("计划代码", plan.code()),
        ("证书等级", plan.level.zh().to_string()),
        ("考点", site.to_string()),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        info.write_string_with_format(i as u32, 0, *k, &bold)?;
        info.write_string(i as u32, 1, v)?;
    }
    // Times as date-times and counts as numbers, so they sort, filter and add up in Excel.
    let mut r = facts.len() as u32;
    for (k, t) in [("考试开始", &plan.exam_start), ("考试结束", &plan.exam_end)] {
        info.write_string_with_format(r, 0, k, &bold)?;
        super::write_instant(info, r, 1, &time::rfc3339(t))?;
        r += 1;
    }
    let count = super::count_format();
    for (k, n) in [("考生人数", rows.len()), ("其中补考", retakes)] {
        info.write_string_with_format(r, 0, k, &bold)?;
        info.write_number_with_format(r, 1, n as f64, &count)?;
        r += 1;
    }
    info.set_column_width(0, 12)?;
    info.set_column_width(1, 48)?;
    wb.save_to_buffer()
}
