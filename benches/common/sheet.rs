//! A school's 附件1 file as Excel saves it (shared strings, a title row above the header),
//! for the benches that read submissions.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::{SCHOOL, person};

/// The plan every generated file is for.
pub const PLAN: &str = "20211211-初级";
pub const PLAN_NAME: &str = "1+X-跨境电商 B2B-20211211 全国统考（初级）";
const HEADER: [&str; 16] = [
    "序号",
    "姓名*",
    "证件类型*",
    "证件号码*",
    "性别",
    "出生日期",
    "手机号*",
    "院校名称*",
    "专业",
    "年级",
    "班级",
    "证书名称*",
    "证书等级*",
    "考试计划*",
    "是否补考",
    "备注",
];

/// Writes a submission of the given people (see [`person`]), 1 row in 100 with a wrong phone
/// number; returns the number of rows with that problem.
pub fn write_submission(path: &Path, people: impl IntoIterator<Item = usize>) -> usize {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "附件1 本校学生导入模板-提交")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let mut bad = 0;
    for (row, i) in people.into_iter().enumerate() {
        let r = row as u32 + 2;
        let (id, name, _) = person(i);
        // A school's phone numbers follow no order: scattered, so that the phone indexes take
        // their keys at random places as they would (person()'s numbers run in sequence).
        let mut phone = format!("13{:09}", (i as u64 * 2_654_435_761) % 1_000_000_000);
        if row % 100 == 99 {
            phone.truncate(10);
            bad += 1;
        }
        let male = (id.as_bytes()[16] - b'0') % 2 == 1;
        let birth = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
        let class = format!("电商{}班", i % 6 + 1);
        ws.write_number(r, 0, (row + 1) as f64).unwrap();
        let cells: [&str; 15] = [
            &name,
            "居民身份证",
            &id,
            if male { "男" } else { "女" },
            &birth,
            &phone,
            SCHOOL,
            "电子商务",
            "2020级",
            &class,
            "跨境电商 B2B 数据运营职业技能等级证书",
            "初级",
            PLAN_NAME,
            "否",
            "",
        ];
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16 + 1, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
    bad
}
