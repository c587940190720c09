//! 对账单 (a school's statement: one line per candidate, its payments, the totals) and the
//! 发票登记簿 (invoice register). Amounts are written as yuan numbers with two decimals so the
//! school can add them up; every total is the sum of the lines above it. Text that staff or
//! schools typed is written with `write_string`, so `=HYPERLINK(…)` stays text, never a formula.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{count_format, write_day, write_instant};
use crate::domain::fees::{Charge, InvoiceState};
use crate::store::{ChargeLine, Entry, Invoice, Issuer, SchoolBalance};

/// The statement's line sheet columns.
pub const LINE_HEADER: [&str; 8] = [
    "序号",
    "考试计划",
    "证书等级",
    "姓名",
    "证件号码",
    "是否补考",
    "金额（元）",
    "说明",
];

/// The invoice register's columns.
pub const REGISTER_HEADER: [&str; 11] = [
    "发票号",
    "开票时间",
    "院校",
    "购买方抬头",
    "纳税人识别号",
    "金额（元）",
    "状态",
    "红冲原票",
    "原因",
    "开票人",
    "开票方",
];

/// The seller as printed: its name, and its 纳税人识别号 when known.
fn seller(s: &Issuer) -> String {
    if s.tax_id.is_empty() {
        s.name.clone()
    } else {
        format!("{}（{}）", s.name, s.tax_id)
    }
}

fn money() -> Format {
    Format::new().set_num_format("#,##0.00")
}

fn yuan(fen: i64) -> f64 {
    // Exact for any amount below 2^53 fen; MAX_FEN keeps sums far below that.
    fen as f64 / 100.0
}

fn header(ws: &mut Worksheet, cols: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A school's statement: sheet 明细 (one line per candidate, free first retakes at 0 with the
/// reason), sheet 缴费 (payments and reversals) and sheet 汇总 (charged, paid, outstanding, and
/// who issues the invoices: `issuer`, or a note that it is not set).
pub fn statement_xlsx(
    balance: &SchoolBalance,
    lines: &[ChargeLine],
    payments: &[Entry],
    issuer: Option<&Issuer>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let text = super::text_format();
    let bold = Format::new().set_bold();
    let money = money();
    let count = count_format();
    let ws = wb.add_worksheet().set_name("明细")?;
    header(ws, &LINE_HEADER)?;
    ws.set_column_format(4, &text)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(4, 22)?;
    ws.set_column_width(6, 14)?;
    ws.set_column_width(7, 18)?;
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &count)?;
        ws.write_string(r, 1, &l.plan_code)?;
        ws.write_string(r, 2, l.level.zh())?;
        ws.write_string(r, 3, &l.name)?;
        ws.write_string_with_format(r, 4, &l.id_number, &text)?;
        ws.write_string(r, 5, if l.retake { "是" } else { "否" })?;
        match l.charge {
            Charge::Fee(f) => {
                ws.write_number_with_format(r, 6, yuan(f), &money)?;
            }
            Charge::FreeRetake => {
                ws.write_number_with_format(r, 6, 0.0, &money)?;
                ws.write_string(r, 7, "第一次补考免费")?;
            }
            Charge::FeeNotSet => {
                ws.write_string(r, 7, "未设置考试费")?;
            }
        }
    }
    let total = lines.len() as u32 + 1;
    ws.write_string_with_format(total, 3, "合计", &bold)?;
    match balance.balance.charged {
        Some(c) => ws.write_number_with_format(total, 6, yuan(c), &money)?,
        None => ws.write_string(total, 7, "未设置考试费，合计暂无法计算")?,
    };

    let ws = wb.add_worksheet().set_name("缴费")?;
    header(ws, &["日期", "方式", "凭证号", "金额（元）", "说明"])?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 20)?;
    ws.set_column_width(3, 14)?;
    ws.set_column_width(4, 24)?;
    for (i, p) in payments.iter().enumerate() {
        let r = i as u32 + 1;
        write_day(ws, r, 0, &p.date)?;
        ws.write_string(r, 1, &p.method)?;
        ws.write_string(r, 2, &p.reference)?;
        ws.write_number_with_format(r, 3, yuan(p.amount), &money)?;
        if let (Some(id), Some(reason)) = (p.reverses, &p.reason) {
            ws.write_string(r, 4, format!("冲正 #{id}：{reason}"))?;
        }
    }
    let paid: i64 = payments.iter().map(|p| p.amount).sum();
    let total = payments.len() as u32 + 1;
    ws.write_string_with_format(total, 2, "合计", &bold)?;
    ws.write_number_with_format(total, 3, yuan(paid), &money)?;

    let ws = wb.add_worksheet().set_name("汇总")?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 40)?;
    let facts: [(&str, Option<i64>); 4] = [
        ("应收", balance.balance.charged),
        ("已收", Some(paid)),
        ("未收", balance.balance.outstanding()),
        ("已开票", Some(balance.invoiced)),
    ];
    ws.write_string_with_format(0, 0, "院校", &bold)?;
    ws.write_string(0, 1, &balance.school)?;
    for (i, (k, v)) in facts.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, *k, &bold)?;
        match v {
            Some(f) => ws.write_number_with_format(r, 1, yuan(*f), &money)?,
            None => ws.write_string(r, 1, "未设置考试费")?,
        };
    }
    let r = facts.len() as u32 + 1;
    ws.write_string_with_format(r, 0, "缴费人数", &bold)?;
    ws.write_number_with_format(r, 1, balance.paying as f64, &count)?;
    ws.write_string_with_format(r + 1, 0, "免费补考", &bold)?;
    ws.write_number_with_format(r + 1, 1, balance.free_retakes as f64, &count)?;
    ws.write_string_with_format(r + 2, 0, "开票方", &bold)?;
    match issuer {
        Some(i) => ws.write_string(r + 2, 1, seller(i))?,
        None => ws.write_string(r + 2, 1, "未设置开票方")?,
    };
    if let Some(c) = balance.balance.credit() {
        ws.write_string_with_format(r + 3, 0, "预付", &bold)?;
        ws.write_number_with_format(r + 3, 1, yuan(c), &money)?;
    }
    wb.save_to_buffer()
}

/// The invoice register: every invoice by number, reversals with the number they reverse,
/// and the net total.
pub fn register_xlsx(invoices: &[Invoice]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let text = super::text_format();
    let bold = Format::new().set_bold();
    let money = money();
    let ws = wb.add_worksheet().set_name("发票登记簿")?;
    header(ws, &REGISTER_HEADER)?;
    ws.set_column_format(4, &text)?;
    for (c, w) in [
        (0u16, 16),
        (1, 26),
        (2, 24),
        (3, 28),
        (4, 22),
        (5, 14),
        (8, 20),
        (10, 32),
    ] {
        ws.set_column_width(c, w)?;
    }
    for (i, inv) in invoices.iter().enumerate() {
        let r = i as u32 + 1;
        let state = match (inv.refers_to.is_some(), inv.state) {
            (true, _) => "红冲票",
            (false, InvoiceState::Issued) => "已开具",
            (false, InvoiceState::Reversed) => "已红冲",
        };
        ws.write_string(r, 0, &inv.number)?;
        write_instant(ws, r, 1, &inv.issued_at)?;
        ws.write_string(r, 2, &inv.school)?;
        ws.write_string(r, 3, &inv.buyer_title)?;
        ws.write_string_with_format(r, 4, &inv.tax_id, &text)?;
        ws.write_number_with_format(r, 5, yuan(inv.amount), &money)?;
        ws.write_string(r, 6, state)?;
        ws.write_string(r, 7, inv.refers_to.as_deref().unwrap_or(""))?;
        ws.write_string(r, 8, inv.reason.as_deref().unwrap_or(""))?;
        ws.write_string(r, 9, &inv.issued_by)?;
        ws.write_string(r, 10, inv.seller.as_ref().map(seller).unwrap_or_default())?;
    }
    let total = invoices.len() as u32 + 1;
    ws.write_string_with_format(total, 4, "合计", &bold)?;
    let net: i64 = invoices.iter().map(|i| i.amount).sum();
    ws.write_number_with_format(total, 5, yuan(net), &money)?;
    wb.save_to_buffer()
}
