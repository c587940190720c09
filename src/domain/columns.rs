//! The columns of 附件1 (本校学生导入模板-提交) and 附件2 (院校基本信息导入模板-自留): their header
//! text, whether required, and the aliases schools actually type. The template writer, the
//! readers and the row rules all use these, so a header is spelled in one place.

/// A column of 附件1, the student registration sheet a school submits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StudentColumn {
    Seq,
    Name,
    IdType,
    IdNumber,
    Gender,
    BirthDate,
    Phone,
    School,
    Major,
    Grade,
    Class,
    CertName,
    CertLevel,
    Plan,
    Retake,
    Remark,
}

/// A column of 附件2, a school's basic information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchoolColumn {
    Name,
    Code,
    Province,
    City,
    Address,
    Contact,
    Phone,
    Email,
    InvoiceTitle,
    TaxId,
}

/// What the template writer and the header matcher need to know of a column.
pub trait ColumnSpec: Copy + Eq + 'static {
    /// Every column, in template order.
    fn all() -> &'static [Self];
    /// The header as the template writes it, without the asterisk.
    fn header(self) -> &'static str;
    /// Whether the template marks it with * and the import requires it.
    fn required(self) -> bool;
    /// Other header texts that mean this column.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
    /// The header as written in the template: `姓名*` for a required column.
    fn template_header(self) -> String {
        if self.required() {
            format!("{}*", self.header())
        } else {
            self.header().to_string()
        }
    }
    /// The column a header text names, if any (see [`normalize_header`]); schools annotate
    /// headers (`姓名\n(必填)`, `证件号码（选填）`, `手机号 请填写本人手机`), so without a
    /// match the text before each annotation mark is tried too (see [`header_stems`]).
    fn from_header(text: &str) -> Option<Self> {
        let named = |n: &str| {
            Self::all().iter().copied().find(|c| {
                normalize_header(c.header()) == n
                    || c.aliases().iter().any(|a| normalize_header(a) == n)
            })
        };
        named(&normalize_header(text))
            .or_else(|| header_stems(text).find_map(|stem| named(&normalize_header(stem))))
    }
}

impl ColumnSpec for StudentColumn {
    fn all() -> &'static [Self] {
        use StudentColumn::*;
        &[
            Seq, Name, IdType, IdNumber, Gender, BirthDate, Phone, School, Major, Grade, Class,
            CertName, CertLevel, Plan, Retake, Remark,
        ]
    }

    fn header(self) -> &'static str {
        use StudentColumn::*;
        match self {
            Seq => "序号",
            Name => "姓名",
            IdType => "证件类型",
            IdNumber => "证件号码",
            Gender => "性别",
            BirthDate => "出生日期",
            Phone => "手机号",
            School => "院校名称",
            Major => "专业",
            Grade => "年级",
            Class => "班级",
            CertName => "证书名称",
            CertLevel => "证书等级",
            Plan => "考试计划",
            Retake => "是否补考",
            Remark => "备注",
        }
    }

    fn required(self) -> bool {
        use StudentColumn::*;
        matches!(
            self,
            Name | IdType | IdNumber | Phone | School | CertName | CertLevel | Plan
        )
    }

    fn aliases(self) -> &'static [&'static str] {
        use StudentColumn::*;
        match self {
            Seq => &["编号", "No", "No."],
            Name => &["考生姓名", "学生姓名"],
            IdNumber => &["身份证号", "身份证号码", "证件号", "身份证"],
            Phone => &["联系电话", "手机号码", "手机", "电话"],
            School => &["学校名称", "院校", "学校"],
            CertName => &["证明名称", "证书"],
            CertLevel => &["等级"],
            Plan => &["考试计划名称"],
            Retake => &["补考"],
            BirthDate => &["出生年月"],
            _ => &[],
        }
    }
}

impl ColumnSpec for SchoolColumn {
    fn all() -> &'static [Self] {
        use SchoolColumn::*;
        &[
            Name,
            Code,
            Province,
            City,
            Address,
            Contact,
            Phone,
            Email,
            InvoiceTitle,
            TaxId,
        ]
    }

    fn header(self) -> &'static str {
        use SchoolColumn::*;
        match self {
            Name => "院校名称",
            Code => "院校代码",
            Province => "省份",
            City => "城市",
            Address => "地址",
            Contact => "联系人",
            Phone => "联系电话",
            Email => "邮箱",
            InvoiceTitle => "开票抬头",
            TaxId => "纳税人识别号",
        }
    }

    fn required(self) -> bool {
        use SchoolColumn::*;
        matches!(self, Name | Province | City | Contact | Phone)
    }

    fn aliases(self) -> &'static [&'static str] {
        use SchoolColumn::*;
        match self {
            Name => &["学校名称", "院校"],
            Code => &["学校代码", "院校编码"],
            Province => &["省", "所在省份"],
            City => &["市", "所在城市"],
            Phone => &["手机号", "联系人电话", "电话"],
            Email => &["电子邮箱", "邮件"],
            InvoiceTitle => &["发票抬头", "抬头"],
            TaxId => &["税号", "统一社会信用代码"],
            _ => &[],
        }
    }
}

/// A header reduced to what identifies it: asterisks (half- and full-width), all white space
/// (including full-width spaces and line breaks) removed, ASCII lower-cased.
pub fn normalize_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊' && *c != '\u{3000}')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where an annotation after a column name starts: a line break, an opening bracket of any
/// width, a colon, a space, a comma.
fn starts_annotation(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '('
            | '（'
            | '['
            | '【'
            | '〔'
            | '<'
            | '《'
            | ':'
            | '：'
            | ' '
            | '\u{3000}'
            | ','
            | '，'
            | '；'
            | ';'
    )
}

/// The texts before each annotation mark of a header, shortest last: for `证件号码（必填）`,
/// `证件号码`. Leading blanks and marks are skipped, so an empty stem never comes out.
pub fn header_stems(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '＊');
    text.char_indices()
        .filter(|&(i, c)| i > 0 && starts_annotation(c))
        .map(move |(i, _)| &text[..i])
}

/// Whether a header is one the annotated return adds (问题说明, 照片问题): a return sent back
/// by the school carries them, and they are not candidates' data.
pub fn is_return_column(text: &str) -> bool {
    const OWN: [&str; 2] = ["问题说明", "照片问题"];
    let n = normalize_header(text);
    OWN.iter().any(|o| *o == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_with_asterisks_spaces_and_aliases() {
        assert_eq!(
            StudentColumn::from_header(" 姓 名* "),
            Some(StudentColumn::Name)
        );
        assert_eq!(
            StudentColumn::from_header("证件\n号码＊"),
            Some(StudentColumn::IdNumber)
        );
        assert_eq!(
            StudentColumn::from_header("身份证号码"),
            Some(StudentColumn::IdNumber)
        );
        assert_eq!(
            StudentColumn::from_header("联系电话"),
            Some(StudentColumn::Phone)
        );
        assert_eq!(StudentColumn::from_header("籍贯"), None);
        assert_eq!(
            SchoolColumn::from_header("纳税人识别号"),
            Some(SchoolColumn::TaxId)
        );
        assert_eq!(StudentColumn::Name.template_header(), "姓名*");
        assert_eq!(StudentColumn::Gender.template_header(), "性别");
    }

    #[test]
    fn annotated_headers_are_recognised() {
        use StudentColumn::*;
        for (text, column) in [
            ("姓名\n(必填)", Name),
            ("姓名(必填)", Name),
            ("证件号码（必填）", IdNumber),
            ("备注（选填）", Remark),
            ("＊手机号", Phone),
            ("手机号＊", Phone),
            ("手机号 请填写考生本人手机", Phone),
            ("出生日期：如2003-05-06", BirthDate),
            ("身份证号码【18位，文本格式】", IdNumber),
            ("考试计划*\r\n（下拉选择）", Plan),
        ] {
            assert_eq!(StudentColumn::from_header(text), Some(column), "{text:?}");
        }
        // A note alone names no column, and an unknown word stays unknown.
        assert_eq!(StudentColumn::from_header("（必填）"), None);
        assert_eq!(StudentColumn::from_header("籍贯（选填）"), None);
        assert!(is_return_column("问题说明"));
        assert!(is_return_column(" 照片问题 "));
        assert!(!is_return_column("备注"));
    }
}
