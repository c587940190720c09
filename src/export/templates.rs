//! The two templates the organizer hands schools: 附件1 本校学生导入模板-提交 and 附件2
//! 院校基本信息导入模板-自留. Headers come from `domain::columns`, so what the template writes
//! is what the import reads.

use std::path::Path;

use rust_xlsxwriter::{Color, DataValidation, Format, FormatAlign, Note, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

use super::{ExportError, text_format, write_atomically};
use crate::domain::Level;
use crate::domain::columns::{ColumnSpec, SchoolColumn, StudentColumn};
use crate::i18n::{Lang, Msg, templates as msg};

/// Which template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateKind {
    /// 附件1 本校学生导入模板-提交.
    Students,
    /// 附件2 院校基本信息导入模板-自留.
    Schools,
}

/// The data sheet's name in each template.
pub const STUDENTS_SHEET: &str = "报名信息";
pub const SCHOOLS_SHEET: &str = "院校信息";
/// The allowed 证件类型 values, the first being the default.
pub const ID_TYPES: [&str; 5] = [
    "居民身份证",
    "港澳居民居住证",
    "台湾居民居住证",
    "护照",
    "其他",
];
/// The certificate's exact name.
pub const CERTIFICATE: &str = "跨境电商 B2B 数据运营职业技能等级证书";

/// The last 0-based row drop-downs cover: the whole sheet below the header.
const LAST_ROW: u32 = 1_048_575;

/// Writes the template to `path` atomically. The 填写说明 sheet is in `lang`; headers and
/// list values stay Chinese, as imports expect.
pub fn write_template(kind: TemplateKind, path: &Path, lang: Lang) -> Result<(), ExportError> {
    let err = ExportError::xlsx(path);
    let bytes = build(kind, lang).and_then(|mut wb| wb.save_to_buffer());
    match bytes {
        Ok(b) => write_atomically(path, &b),
        Err(e) => Err(err(e)),
    }
}

fn build(kind: TemplateKind, lang: Lang) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    match kind {
        TemplateKind::Students => {
            let ws = wb.add_worksheet().set_name(STUDENTS_SHEET)?;
            data_sheet::<StudentColumn>(ws, lang, msg::student_help, student_shape)?;
            let levels: Vec<&str> = Level::ALL.iter().map(|l| l.zh()).collect();
            let lists: [(StudentColumn, &[&str]); 4] = [
                (StudentColumn::IdType, &ID_TYPES),
                (StudentColumn::Gender, &["男", "女"]),
                (StudentColumn::CertLevel, &levels),
                (StudentColumn::Retake, &["是", "否"]),
            ];
            for (c, values) in lists {
                drop_down(ws, index_of(c), values, lang)?;
            }
            let help = wb.add_worksheet().set_name(msg::HELP_SHEET.zh)?;
            help_sheet::<StudentColumn>(help, lang, &msg::HELP_TITLE_STUDENTS, msg::student_help)?;
        }
        TemplateKind::Schools => {
            let ws = wb.add_worksheet().set_name(SCHOOLS_SHEET)?;
            data_sheet::<SchoolColumn>(ws, lang, msg::school_help, school_shape)?;
            let help = wb.add_worksheet().set_name(msg::HELP_SHEET.zh)?;
            help_sheet::<SchoolColumn>(help, lang, &msg::HELP_TITLE_SCHOOLS, msg::school_help)?;
        }
    }
    Ok(wb)
}

/// A column's width (in characters) and whether its data cells are text.
struct Shape {
    width: f64,
    text: bool,
}

fn student_shape(c: StudentColumn) -> Shape {
    use StudentColumn::*;
    let (width, text) = match c {
        Seq => (6.0, false),
        Name => (10.0, false),
        IdType => (16.0, false),
        IdNumber => (22.0, true),
        Gender => (6.0, false),
        BirthDate => (12.0, false),
        Phone => (14.0, true),
        School => (24.0, false),
        Major | Grade | Class => (14.0, false),
        CertName => (38.0, false),
        CertLevel => (10.0, false),
        Plan => (44.0, false),
        Retake => (10.0, false),
        Remark => (20.0, false),
    };
    Shape { width, text }
}

fn school_shape(c: SchoolColumn) -> Shape {
    use SchoolColumn::*;
    let (width, text) = match c {
        Name | InvoiceTitle => (28.0, false),
        Code => (12.0, true),
        Province | City => (10.0, false),
        Address => (32.0, false),
        Contact => (10.0, false),
        Phone => (16.0, true),
        Email => (24.0, false),
        TaxId => (22.0, true),
    };
    Shape { width, text }
}

fn index_of<C: ColumnSpec>(c: C) -> u16 {
    C::all().iter().position(|k| *k == c).unwrap_or(0) as u16
}

/// Header row (frozen, bold, required headers in red, each with a note on how to fill it in),
/// column widths, and the text format on ID-like columns.
fn data_sheet<C: ColumnSpec>(
    ws: &mut Worksheet,
    lang: Lang,
    help: fn(C) -> Msg,
    shape: fn(C) -> Shape,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let base = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let required = base.clone().set_font_color(Color::RGB(0xC00000));
    ws.set_default_note_author("kaowu");
    for (i, c) in C::all().iter().copied().enumerate() {
        let col = i as u16;
        let header = c.template_header();
        let fmt = if c.required() { &required } else { &base };
        ws.write_string_with_format(0, col, &header, fmt)?;
        let s = shape(c);
        let width = s.width.max(header.width() as f64 + 2.0);
        if s.text {
            // The column's default format: what staff type or paste below stays text.
            ws.set_column_format(col, &text_format())?;
        }
        ws.set_column_width(col, width)?;
        let note = Note::new(lang.t(&help(c))).add_author_prefix(false);
        ws.insert_note(0, col, &note)?;
    }
    ws.set_row_height(0, 22)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A drop-down list on one column, from row 2 to the bottom of the sheet.
fn drop_down(
    ws: &mut Worksheet,
    col: u16,
    values: &[&str],
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let v = DataValidation::new()
        .allow_list_strings(values)?
        .set_error_title(lang.t(&msg::LIST_ERROR_TITLE))?
        .set_error_message(lang.fill(&msg::LIST_ERROR, &[("values", &values.join("、"))]))?;
    ws.add_data_validation(1, col, LAST_ROW, col, &v)?;
    Ok(())
}

/// The 填写说明 sheet: a title, the general rules, then one line per column.
fn help_sheet<C: ColumnSpec>(
    ws: &mut Worksheet,
    lang: Lang,
    title: &Msg,
    help: fn(C) -> Msg,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    ws.write_string_with_format(0, 0, lang.t(title), &bold.clone().set_font_size(14))?;
    ws.merge_range(1, 0, 1, 2, lang.t(&msg::HELP_GENERAL), &wrap)?;
    ws.set_row_height(1, 45)?;
    ws.write_string_with_format(3, 0, lang.t(&msg::HELP_COL_COLUMN), &head)?;
    ws.write_string_with_format(3, 1, lang.t(&msg::HELP_COL_REQUIRED), &head)?;
    ws.write_string_with_format(3, 2, lang.t(&msg::HELP_COL_RULE), &head)?;
    for (i, c) in C::all().iter().copied().enumerate() {
        let row = 4 + i as u32;
        let req = if c.required() { &msg::YES } else { &msg::NO };
        ws.write_string_with_format(row, 0, c.template_header(), &wrap)?;
        ws.write_string_with_format(row, 1, lang.t(req), &wrap)?;
        ws.write_string_with_format(row, 2, lang.t(&help(c)), &wrap)?;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 10)?;
    ws.set_column_width(2, 80)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use calamine::{Reader, Xlsx, open_workbook};

    use super::*;

    fn entry(path: &Path, name: &str) -> String {
        let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    fn headers(path: &Path, sheet: &str) -> Vec<String> {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let r = wb.worksheet_range(sheet).unwrap();
        r.rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    }

    #[test]
    fn students_template_has_the_headers_lists_and_a_text_id_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("附件1.xlsx");
        write_template(TemplateKind::Students, &p, Lang::Zh).unwrap();
        let h = headers(&p, STUDENTS_SHEET);
        assert_eq!(h[0], "序号");
        assert_eq!(h[1], "姓名*");
        assert_eq!(h[3], "证件号码*");
        assert_eq!(h.len(), StudentColumn::all().len());
        let mut wb: Xlsx<_> = open_workbook(&p).unwrap();
        assert_eq!(wb.sheet_names(), [STUDENTS_SHEET, "填写说明"]);
        let help = wb.worksheet_range("填写说明").unwrap();
        let text: Vec<String> = help.cells().map(|(_, _, v)| v.to_string()).collect();
        assert!(text.iter().any(|t| t.contains(CERTIFICATE)));

        // 证件号码 is column D (4): its <col> carries a style whose number format is 49 ("@").
        let sheet = entry(&p, "xl/worksheets/sheet1.xml");
        let col = sheet
            .split("<col ")
            .find(|c| c.starts_with(r#"min="4" max="4""#))
            .expect("a <col> for 证件号码");
        let style: usize = col
            .split(r#"style=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let styles = entry(&p, "xl/styles.xml");
        let xfs = styles.split("<cellXfs").nth(1).unwrap();
        let xf = xfs.split("<xf ").nth(style + 1).unwrap();
        assert!(xf.contains(r#"numFmtId="49""#), "style {style}: {xf}");
        // Drop-downs on 证件类型 (C), 性别 (E), 证书等级 (M), 是否补考 (O); header frozen.
        for (range, first) in [
            ("C2:C1048576", "居民身份证"),
            ("E2:E1048576", "男"),
            ("M2:M1048576", "初级"),
            ("O2:O1048576", "是"),
        ] {
            let dv = sheet
                .split("<dataValidation ")
                .find(|d| d.contains(range))
                .expect(range);
            assert!(dv.contains(first), "{range}: {dv}");
        }
        assert!(sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
        assert!(
            dir.path().read_dir().unwrap().count() == 1,
            "no temp file left"
        );
    }

    #[test]
    fn schools_template_has_the_headers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("附件2.xlsx");
        write_template(TemplateKind::Schools, &p, Lang::En).unwrap();
        let h = headers(&p, SCHOOLS_SHEET);
        let want: Vec<String> = SchoolColumn::all()
            .iter()
            .map(|c| c.template_header())
            .collect();
        assert_eq!(h, want);
        assert_eq!(h[0], "院校名称*");
        assert_eq!(h[6], "联系电话*");
    }
}
