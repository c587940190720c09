//! 试点院校: a pilot school, its basic information from 附件2 and its site application.

use super::SiteState;

/// A school's basic information, as 附件2 (院校基本信息导入模板) carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolInfo {
    pub name: String,
    pub code: String,
    pub province: String,
    pub city: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    /// 开票抬头: the buyer name on invoices.
    pub invoice_title: String,
    /// 纳税人识别号.
    pub tax_id: String,
}

/// A school as stored, with its site state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct School {
    pub id: i64,
    pub info: SchoolInfo,
    pub site: SiteState,
}
