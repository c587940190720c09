//! Text of the 附件1/附件2 templates: the 填写说明 sheet and the header notes. The headers
//! themselves stay Chinese in every language: imports match them.

use super::Msg;
use crate::domain::columns::{SchoolColumn, StudentColumn};

pub const HELP_SHEET: Msg = Msg {
    zh: "填写说明",
    en: "填写说明",
};
pub const HELP_TITLE_STUDENTS: Msg = Msg {
    zh: "附件1 本校学生导入模板-提交：填写说明",
    en: "附件1 student registration template: how to fill it in",
};
pub const HELP_TITLE_SCHOOLS: Msg = Msg {
    zh: "附件2 院校基本信息导入模板-自留：填写说明",
    en: "附件2 school information template: how to fill it in",
};
pub const HELP_GENERAL: Msg = Msg {
    zh: "请勿修改或删除表头；从第 2 行起每行填写一条记录；带 * 的列必填；下拉列只能选择列表中的值；不要合并单元格。",
    en: "Do not change or delete the header; one record per row from row 2; columns marked * are required; drop-down columns take only listed values; do not merge cells.",
};
pub const HELP_COL_COLUMN: Msg = Msg {
    zh: "列名",
    en: "column",
};
pub const HELP_COL_REQUIRED: Msg = Msg {
    zh: "是否必填",
    en: "required",
};
pub const HELP_COL_RULE: Msg = Msg {
    zh: "填写要求",
    en: "how to fill it in",
};
pub const YES: Msg = Msg {
    zh: "必填",
    en: "yes",
};
pub const NO: Msg = Msg {
    zh: "选填",
    en: "no",
};
pub const LIST_ERROR_TITLE: Msg = Msg {
    zh: "请从下拉列表选择",
    en: "choose from the list",
};
pub const LIST_ERROR: Msg = Msg {
    zh: "只能填写：{values}",
    en: "allowed values: {values}",
};

/// How to fill in a column of 附件1.
pub fn student_help(c: StudentColumn) -> Msg {
    use StudentColumn::*;
    match c {
        Seq => Msg {
            zh: "数字，从 1 起连续编号，便于核对。",
            en: "A running number from 1, for checking.",
        },
        Name => Msg {
            zh: "与证件上的姓名一致，中间不要有空格（含全角空格）。",
            en: "As on the ID document, with no spaces inside (full-width spaces included).",
        },
        IdType => Msg {
            zh: "从下拉列表选择：居民身份证、港澳居民居住证、台湾居民居住证、护照、其他。",
            en: "Choose from the list: 居民身份证, 港澳居民居住证, 台湾居民居住证, 护照, 其他.",
        },
        IdNumber => Msg {
            zh: "本列已设为文本格式：直接输入 18 位证件号码，末位 X 大写。不要存成数字，否则 Excel 会丢掉后几位。",
            en: "This column is formatted as text: type the 18-character number, final X in upper case. Never store it as a number: Excel drops the last digits.",
        },
        Gender => Msg {
            zh: "从下拉列表选择：男、女。须与身份证号一致。",
            en: "Choose 男 or 女. Must agree with the ID number.",
        },
        BirthDate => Msg {
            zh: "格式 YYYY-MM-DD，例如 2002-05-17。须与身份证号一致。",
            en: "YYYY-MM-DD, e.g. 2002-05-17. Must agree with the ID number.",
        },
        Phone => Msg {
            zh: "考生本人 11 位手机号，以 1 开头。",
            en: "The candidate's 11-digit mobile number, starting with 1.",
        },
        School => Msg {
            zh: "本校全称，与院校基本信息（附件2）中的院校名称完全一致。",
            en: "Your school's full name, exactly as in the school information (附件2).",
        },
        Major => Msg {
            zh: "所学专业，例如 跨境电子商务。",
            en: "Field of study, e.g. 跨境电子商务.",
        },
        Grade => Msg {
            zh: "入学年级，例如 2020 级。",
            en: "Year of entry, e.g. 2020 级.",
        },
        Class => Msg {
            zh: "班级名称。",
            en: "Class name.",
        },
        CertName => Msg {
            zh: "必须填写：跨境电商 B2B 数据运营职业技能等级证书",
            en: "Must be exactly: 跨境电商 B2B 数据运营职业技能等级证书",
        },
        CertLevel => Msg {
            zh: "从下拉列表选择：初级、中级、高级。须与所报考试计划的等级一致。",
            en: "Choose 初级, 中级 or 高级. Must equal the plan's level.",
        },
        Plan => Msg {
            zh: "考试计划名称，例如：1+X-跨境电商 B2B-20211211 全国统考（初级）。",
            en: "The plan's name, e.g. 1+X-跨境电商 B2B-20211211 全国统考（初级）.",
        },
        Retake => Msg {
            zh: "从下拉列表选择：是、否。曾参加本证书同等级考试未通过的填“是”；空白按“否”。",
            en: "Choose 是 or 否: 是 when the candidate failed this certificate's exam at this level before; blank means 否.",
        },
        Remark => Msg {
            zh: "其他需要说明的情况。",
            en: "Anything else to note.",
        },
    }
}

/// How to fill in a column of 附件2.
pub fn school_help(c: SchoolColumn) -> Msg {
    use SchoolColumn::*;
    match c {
        Name => Msg {
            zh: "学校全称，与公章一致；报名表（附件1）中的院校名称须与此相同。",
            en: "The school's full name as on its seal; 附件1 must use the same name.",
        },
        Code => Msg {
            zh: "教育部 10 位院校代码（文本）。",
            en: "The Ministry of Education 10-digit school code (text).",
        },
        Province => Msg {
            zh: "例如 浙江省。",
            en: "E.g. 浙江省.",
        },
        City => Msg {
            zh: "例如 杭州市。",
            en: "E.g. 杭州市.",
        },
        Address => Msg {
            zh: "学校或考点地址。",
            en: "The school's or site's address.",
        },
        Contact => Msg {
            zh: "考务联系人姓名。",
            en: "Name of the exam contact person.",
        },
        Phone => Msg {
            zh: "11 位手机号，或带区号的座机，例如 0571-88888888。",
            en: "An 11-digit mobile number, or a landline with area code such as 0571-88888888.",
        },
        Email => Msg {
            zh: "联系人邮箱。",
            en: "The contact's e-mail address.",
        },
        InvoiceTitle => Msg {
            zh: "开具发票的抬头（单位名称）。",
            en: "The buyer name printed on invoices.",
        },
        TaxId => Msg {
            zh: "纳税人识别号（统一社会信用代码，18 位）。",
            en: "Taxpayer ID (unified social credit code, 18 characters).",
        },
    }
}
