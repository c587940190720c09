//! Text of fees, payments, invoices and site payouts.

use super::{Lang, Msg};
use crate::domain::fees::{FeeRefused, InvoiceState, SiteFeeBasis};

const NOT_POSITIVE: Msg = Msg {
    zh: "金额必须大于 0",
    en: "the amount must be more than 0",
};
const REASON_REQUIRED: Msg = Msg {
    zh: "冲正必须填写原因",
    en: "a reversal needs a reason",
};
const ALREADY_REVERSED: Msg = Msg {
    zh: "{entry} 已经冲正过",
    en: "{entry} is already reversed",
};
const IS_REVERSAL: Msg = Msg {
    zh: "{entry} 本身是冲正记录，不能再冲正：请重新登记一笔",
    en: "{entry} is itself a reversal: record a new entry instead",
};
const UNKNOWN: Msg = Msg {
    zh: "没有 {entry} 这条记录",
    en: "no entry {entry}",
};
const TITLE_MISSING: Msg = Msg {
    zh: "发票缺少购买方抬头",
    en: "the invoice needs the buyer's title (抬头)",
};
const TAX_ID_MISSING: Msg = Msg {
    zh: "发票缺少购买方纳税人识别号",
    en: "the invoice needs the buyer's tax id (纳税人识别号)",
};
const TAX_ID_INVALID: Msg = Msg {
    zh: "“{id}”不是纳税人识别号：应为 15 到 20 位字母或数字",
    en: "\"{id}\" is not a tax id: 15 to 20 letters and digits",
};

const NO_CONFIRMED_SESSION: Msg = Msg {
    zh: "{site} 没有已确认的场次：考点服务费只付给已确认场次的考点",
    en: "{site} has no confirmed session: a site is paid only for confirmed sessions",
};

const ISSUER_NOT_SET: Msg = Msg {
    zh: "尚未设置开票方：发票必须写明销售方",
    en: "no invoice issuer is set: every invoice names its seller",
};
pub const ISSUER_NOT_SET_STATEMENT: Msg = Msg {
    zh: "尚未设置开票方：对账单上写的是“未设置开票方”",
    en: "no invoice issuer is set: the statement says so",
};
pub const HINT_ISSUER: Msg = Msg {
    zh: "先设置一次开票方：kaowu invoice issuer \"北京水木学成教育科技有限公司\" [--tax-id 纳税人识别号]",
    en: "set the issuer once: kaowu invoice issuer \"北京水木学成教育科技有限公司\" [--tax-id TAX-ID]",
};
pub const ISSUER_SET: Msg = Msg {
    zh: "开票方已设为 {name}",
    en: "invoice issuer set to {name}",
};
pub const ISSUER_IS: Msg = Msg {
    zh: "开票方：{name}",
    en: "invoice issuer: {name}",
};
pub const COL_SELLER: Msg = Msg {
    zh: "开票方",
    en: "Issuer",
};

/// A refused money action in the user's language.
pub fn refused(e: &FeeRefused, lang: Lang) -> String {
    match e {
        FeeRefused::NotPositive => lang.t(&NOT_POSITIVE).into(),
        FeeRefused::ReasonRequired => lang.t(&REASON_REQUIRED).into(),
        FeeRefused::AlreadyReversed(n) => lang.fill(&ALREADY_REVERSED, &[("entry", n)]),
        FeeRefused::IsReversal(n) => lang.fill(&IS_REVERSAL, &[("entry", n)]),
        FeeRefused::Unknown(n) => lang.fill(&UNKNOWN, &[("entry", n)]),
        FeeRefused::TitleMissing => lang.t(&TITLE_MISSING).into(),
        FeeRefused::TaxIdMissing => lang.t(&TAX_ID_MISSING).into(),
        FeeRefused::TaxIdInvalid(id) => lang.fill(&TAX_ID_INVALID, &[("id", id)]),
        FeeRefused::NoConfirmedSession(site) => lang.fill(&NO_CONFIRMED_SESSION, &[("site", site)]),
        FeeRefused::IssuerNotSet => lang.t(&ISSUER_NOT_SET).into(),
    }
}

pub const HINT_BUYER: Msg = Msg {
    zh: "在附件2 中填写开票抬头和纳税人识别号，或用 --title 和 --tax-id 指定",
    en: "fill 开票抬头 and 纳税人识别号 in 附件2, or give --title and --tax-id",
};
pub const HINT_AMOUNT: Msg = Msg {
    zh: "金额以元为单位，例如 180 或 180.50",
    en: "amounts are in yuan, e.g. 180 or 180.50",
};
pub const HINT_FEES_NOT_SET: Msg = Msg {
    zh: "用 kaowu fees set 等级 金额 设置考试费",
    en: "set it with kaowu fees set LEVEL AMOUNT",
};
pub const HINT_LIST: Msg = Msg {
    zh: "用 kaowu payments、kaowu payouts 或 kaowu invoices 查看编号",
    en: "see the numbers with kaowu payments, kaowu payouts or kaowu invoices",
};
pub const BAD_AMOUNT: Msg = Msg {
    zh: "“{text}”不是以元为单位的金额（最多两位小数，不带符号和千位分隔符）",
    en: "\"{text}\" is not an amount in yuan (at most two decimals, no sign, no separators)",
};

pub const FEE_SET: Msg = Msg {
    zh: "{level}考试费已设为 {amount}/人",
    en: "the {level} exam fee is now {amount} per candidate",
};
pub const SITE_FEE_SET: Msg = Msg {
    zh: "考点服务费已设为 {amount}（{basis}）",
    en: "the site service fee is now {amount} ({basis})",
};
pub const FEE_NOT_SET: Msg = Msg {
    zh: "未设置考试费",
    en: "fee not set",
};
pub const FEES_NOT_SET_SUMMARY: Msg = Msg {
    zh: "{levels}未设置考试费：应收金额暂无法计算",
    en: "no exam fee set for {levels}: charges cannot be computed yet",
};
pub const NO_BALANCES: Msg = Msg {
    zh: "还没有应收或已收的费用",
    en: "nothing charged or paid yet",
};
pub const PAYMENT_RECORDED: Msg = Msg {
    zh: "已登记 {school} 的缴费 {amount}（记录 #{id}）",
    en: "payment of {amount} from {school} recorded (entry #{id})",
};
pub const PAYMENT_REVERSED: Msg = Msg {
    zh: "已冲正缴费 #{original}：{school} {amount}（记录 #{id}）",
    en: "payment #{original} reversed: {school} {amount} (entry #{id})",
};
pub const PAYOUT_RECORDED: Msg = Msg {
    zh: "已登记向 {school} 支付考点服务费 {amount}（记录 #{id}）",
    en: "site service fee of {amount} paid to {school} recorded (entry #{id})",
};
pub const PAYOUT_REVERSED: Msg = Msg {
    zh: "已冲正付款 #{original}：{school} {amount}（记录 #{id}）",
    en: "payout #{original} reversed: {school} {amount} (entry #{id})",
};
pub const INVOICE_ISSUED: Msg = Msg {
    zh: "已开具发票 {number}：{title}（{tax_id}）{amount}，开票方 {seller}",
    en: "invoice {number} issued: {title} ({tax_id}) {amount}, issuer {seller}",
};
pub const INVOICE_REVERSED: Msg = Msg {
    zh: "已开具红冲发票 {number}，冲销 {original}（{amount}），开票方 {seller}",
    en: "reversal invoice {number} issued for {original} ({amount}), issuer {seller}",
};
pub const NO_INVOICES: Msg = Msg {
    zh: "还没有发票",
    en: "no invoices yet",
};
pub const NO_ENTRIES: Msg = Msg {
    zh: "还没有记录",
    en: "no entries yet",
};
pub const NO_SITE_FEE: Msg = Msg {
    zh: "未设置考点服务费",
    en: "site service fee not set",
};
pub const STATEMENT_WRITTEN: Msg = Msg {
    zh: "已写出 {school} 的对账单 {file}：{n} 行，应收 {charged}，已收 {paid}",
    en: "statement of {school} written to {file}: {n} lines, charged {charged}, paid {paid}",
};
pub const REGISTER_WRITTEN: Msg = Msg {
    zh: "已写出发票登记簿 {file}：{n} 张",
    en: "invoice register written to {file}: {n} invoices",
};
pub const FREE_RETAKE: Msg = Msg {
    zh: "第一次补考免费",
    en: "first retake free",
};
pub const CREDIT: Msg = Msg {
    zh: "预付 {amount}",
    en: "credit {amount}",
};

pub const COL_SCHOOL: Msg = Msg {
    zh: "院校",
    en: "School",
};
pub const COL_LEVEL: Msg = Msg {
    zh: "等级",
    en: "Level",
};
pub const COL_FEE: Msg = Msg {
    zh: "考试费",
    en: "Fee",
};
pub const COL_CHARGED: Msg = Msg {
    zh: "应收",
    en: "Charged",
};
pub const COL_PAID: Msg = Msg {
    zh: "已收",
    en: "Paid",
};
pub const COL_OUTSTANDING: Msg = Msg {
    zh: "未收",
    en: "Outstanding",
};
pub const COL_PAID_OUT: Msg = Msg {
    zh: "已付",
    en: "Paid",
};
pub const COL_OUTSTANDING_OUT: Msg = Msg {
    zh: "未付",
    en: "Outstanding",
};
pub const COL_PAYING: Msg = Msg {
    zh: "缴费人数",
    en: "Paying",
};
pub const COL_FREE: Msg = Msg {
    zh: "免费补考",
    en: "Free retakes",
};
pub const COL_INVOICED: Msg = Msg {
    zh: "已开票",
    en: "Invoiced",
};
pub const COL_NUMBER: Msg = Msg {
    zh: "发票号",
    en: "Number",
};
pub const COL_TITLE: Msg = Msg {
    zh: "抬头",
    en: "Buyer",
};
pub const COL_TAX_ID: Msg = Msg {
    zh: "纳税人识别号",
    en: "Tax id",
};
pub const COL_AMOUNT: Msg = Msg {
    zh: "金额",
    en: "Amount",
};
pub const COL_STATE: Msg = Msg {
    zh: "状态",
    en: "State",
};
pub const COL_REFERS_TO: Msg = Msg {
    zh: "红冲原票",
    en: "Reverses",
};
pub const COL_DATE: Msg = Msg {
    zh: "日期",
    en: "Date",
};
pub const COL_METHOD: Msg = Msg {
    zh: "方式",
    en: "Method",
};
pub const COL_REF: Msg = Msg {
    zh: "凭证号",
    en: "Reference",
};
pub const COL_NOTE: Msg = Msg {
    zh: "说明",
    en: "Note",
};
pub const COL_SITE: Msg = Msg {
    zh: "考点",
    en: "Site",
};
pub const COL_SESSIONS: Msg = Msg {
    zh: "已确认场次",
    en: "Sessions",
};
pub const COL_SESSIONS_SHORT: Msg = Msg {
    zh: "场次",
    en: "Sess.",
};
pub const COL_CANDIDATES: Msg = Msg {
    zh: "考生",
    en: "Candidates",
};
pub const COL_OWED: Msg = Msg {
    zh: "应付",
    en: "Owed",
};
pub const REVERSES: Msg = Msg {
    zh: "冲正 #{id}：{reason}",
    en: "reverses #{id}: {reason}",
};
pub const REVERSED_BY: Msg = Msg {
    zh: "已被 #{id} 冲正",
    en: "reversed by #{id}",
};

const STATE_ISSUED: Msg = Msg {
    zh: "已开具",
    en: "issued",
};
const STATE_REVERSED: Msg = Msg {
    zh: "已红冲",
    en: "reversed",
};
const STATE_REVERSAL: Msg = Msg {
    zh: "红冲票",
    en: "reversal",
};

/// An invoice's state as lists show it (a reversal invoice reads as such).
pub fn invoice_state(state: InvoiceState, is_reversal: bool) -> &'static Msg {
    match (state, is_reversal) {
        (_, true) => &STATE_REVERSAL,
        (InvoiceState::Issued, false) => &STATE_ISSUED,
        (InvoiceState::Reversed, false) => &STATE_REVERSED,
    }
}

const PER_CANDIDATE: Msg = Msg {
    zh: "按考生人数",
    en: "per candidate",
};
const PER_SESSION: Msg = Msg {
    zh: "按场次",
    en: "per session",
};

/// The site fee basis in words.
pub fn basis(b: SiteFeeBasis) -> &'static Msg {
    match b {
        SiteFeeBasis::PerCandidate => &PER_CANDIDATE,
        SiteFeeBasis::PerSession => &PER_SESSION,
    }
}

// The console's Fees tab.
pub const TAB_FEES: Msg = Msg {
    zh: "费用",
    en: "Fees",
};
pub const SCOPE_FEES: Msg = Msg {
    zh: "费用",
    en: "Fees",
};
pub const KEY_VIEW: Msg = Msg {
    zh: "切换列表",
    en: "next list",
};
pub const KEY_SORT: Msg = Msg {
    zh: "排序",
    en: "sort",
};
pub const KEY_PAY: Msg = Msg {
    zh: "登记收/付款",
    en: "record payment",
};
pub const KEY_INVOICE: Msg = Msg {
    zh: "开发票",
    en: "issue invoice",
};
pub const KEY_REVERSE: Msg = Msg {
    zh: "冲正",
    en: "reverse",
};
pub const VIEW_PAYMENTS: Msg = Msg {
    zh: "缴费记录 {n}",
    en: "Payments {n}",
};
pub const CONFIRM_REVERSE_PAYMENT: Msg = Msg {
    zh: "冲正缴费 #{id}（{school} {amount}）？将记一笔负数冲正，原记录保留。",
    en: "Reverse payment #{id} ({school} {amount})? A negative entry is recorded; the original stays.",
};
pub const REVERSE_PAYMENT_WHICH: Msg = Msg {
    zh: "只能冲正未被冲正的原缴费记录",
    en: "only a payment not yet reversed can be reversed",
};
pub const VIEW_BALANCES: Msg = Msg {
    zh: "院校结余 {n}",
    en: "School balances {n}",
};
pub const VIEW_INVOICES: Msg = Msg {
    zh: "发票 {n}",
    en: "Invoices {n}",
};
pub const VIEW_PAYOUTS: Msg = Msg {
    zh: "考点服务费 {n}",
    en: "Site payouts {n}",
};
pub const SORTED_OUTSTANDING: Msg = Msg {
    zh: "按未收从多到少",
    en: "most outstanding first",
};
pub const SORTED_NAME: Msg = Msg {
    zh: "按名称",
    en: "by name",
};
pub const SITE_FEE: Msg = Msg {
    zh: "考点服务费",
    en: "Site fee",
};
pub const NOT_SET_SHORT: Msg = Msg {
    zh: "未设置",
    en: "not set",
};
pub const COL_PAYING_SHORT: Msg = Msg {
    zh: "人数",
    en: "Paying",
};
pub const COL_FREE_SHORT: Msg = Msg {
    zh: "免费",
    en: "Free",
};
pub const FORM_PAYMENT: Msg = Msg {
    zh: "登记缴费：{school}",
    en: "Record a payment: {school}",
};
pub const FORM_PAYOUT: Msg = Msg {
    zh: "登记考点服务费付款：{school}",
    en: "Record a payout: {school}",
};
pub const FORM_INVOICE: Msg = Msg {
    zh: "开具发票：{school}",
    en: "Issue an invoice: {school}",
};
pub const F_AMOUNT: Msg = Msg {
    zh: "金额（元）",
    en: "Amount (yuan)",
};
pub const F_DATE: Msg = Msg {
    zh: "日期",
    en: "Date",
};
pub const F_METHOD: Msg = Msg {
    zh: "方式",
    en: "Method",
};
pub const F_REF: Msg = Msg {
    zh: "凭证号",
    en: "Reference",
};
pub const F_TITLE: Msg = Msg {
    zh: "购买方抬头",
    en: "Buyer title",
};
pub const F_TAX_ID: Msg = Msg {
    zh: "纳税人识别号",
    en: "Tax id",
};
/// A field that cannot be read: what was typed and what is expected.
pub const ERR_FIELD: Msg = Msg {
    zh: "“{field}”填写有误：{value}（{expected}）",
    en: "{field} is not valid: {value} ({expected})",
};
pub const EXPECT_AMOUNT: Msg = Msg {
    zh: "应为金额，单位元，最多两位小数，如 1800.50",
    en: "an amount in yuan, at most two decimals, e.g. 1800.50",
};
pub const EXPECT_DATE: Msg = Msg {
    zh: "应为日期，如 2021-11-20",
    en: "a date, e.g. 2021-11-20",
};
/// Field hints: instructions, never values, so an empty field never looks filled in.
pub const FIELD_HINT_AMOUNT: Msg = Msg {
    zh: "必填，单位元",
    en: "required, in yuan",
};
pub const FIELD_HINT_METHOD: Msg = Msg {
    zh: "选填，如转账、现金",
    en: "optional: transfer, cash…",
};
pub const FIELD_HINT_REF: Msg = Msg {
    zh: "必填，流水号或凭证号",
    en: "required: transaction or voucher number",
};
pub const ERR_REQUIRED: Msg = Msg {
    zh: "请填写“{field}”",
    en: "{field} is required",
};
pub const CONFIRM_PAYMENT: Msg = Msg {
    zh: "登记 {school} 缴费 {amount}（{date}，{method} {reference}）？",
    en: "Record a payment of {amount} from {school} ({date}, {method} {reference})?",
};
pub const CONFIRM_PAYOUT: Msg = Msg {
    zh: "登记向 {school} 支付考点服务费 {amount}（{date}，{method} {reference}）？",
    en: "Record a site fee payout of {amount} to {school} ({date}, {method} {reference})?",
};
pub const CONFIRM_INVOICE: Msg = Msg {
    zh: "向 {school} 开具发票 {amount}，抬头 {title}，税号 {tax_id}？发票开出后不能修改。",
    en: "Issue an invoice of {amount} to {school}, buyer {title}, tax id {tax_id}? It can never be edited.",
};
pub const CONFIRM_REVERSE: Msg = Msg {
    zh: "红冲发票 {number}（{school} {amount}）？将开出一张负数发票。",
    en: "Reverse invoice {number} ({school} {amount})? A negative invoice will be issued.",
};
pub const REVERSE_WHICH: Msg = Msg {
    zh: "只能红冲未被红冲的原发票",
    en: "only an issued original invoice can be reversed",
};
