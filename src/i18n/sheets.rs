//! Text of the spreadsheet readers and writers: why a file cannot be read, column problems,
//! 附件2 row problems, the annotated return.

use super::Msg;

pub const FILE_MISSING: Msg = Msg {
    zh: "无法读取 {file}：{reason}",
    en: "cannot read {file}: {reason}",
};
pub const FILE_TOO_LARGE: Msg = Msg {
    zh: "{file} 有 {size} 字节，超过上限 {limit} 字节，不予读取",
    en: "{file} is {size} bytes, over the {limit}-byte limit, so it is not read",
};
pub const FILE_NOT_XLSX: Msg = Msg {
    zh: "{file} 不是 xlsx 文件（请用 Excel 或 WPS 另存为 .xlsx）",
    en: "{file} is not an xlsx file (save it as .xlsx from Excel or WPS)",
};
pub const FILE_OLD_XLS: Msg = Msg {
    zh: "{file} 是旧版 .xls 文件，请另存为 .xlsx 后再发",
    en: "{file} is an old .xls file: save it as .xlsx and send it again",
};
pub const FILE_ENCRYPTED: Msg = Msg {
    zh: "{file} 已加密（设置了打开密码），请取消密码后再发",
    en: "{file} is encrypted (password-protected): remove the password and send it again",
};
pub const FILE_DAMAGED: Msg = Msg {
    zh: "{file} 已损坏，无法读取（{reason}）",
    en: "{file} is damaged and cannot be read ({reason})",
};
pub const FILE_INFLATES: Msg = Msg {
    zh: "{file} 解压后超过 {limit} 字节，疑似压缩炸弹，不予读取",
    en: "{file} inflates to more than {limit} bytes, which looks like a zip bomb, so it is not read",
};
pub const FILE_TOO_MANY_ENTRIES: Msg = Msg {
    zh: "{file} 内含 {n} 个部件，不像正常的 xlsx，不予读取",
    en: "{file} holds {n} parts, which is not a plausible xlsx, so it is not read",
};
pub const FILE_STRINGS_IMPLAUSIBLE: Msg = Msg {
    zh: "{file} 声明了 {n} 个共享字符串，与文件内容不符，疑似恶意文件，不予读取",
    en: "{file} declares {n} shared strings, which its content cannot hold, so it is not read",
};
pub const FILE_STRINGS_TOO_MANY: Msg = Msg {
    zh: "{file} 含有 {n} 个共享字符串，超过上限 {limit}，疑似恶意文件，不予读取",
    en: "{file} holds {n} shared strings, over the limit of {limit}, so it is not read",
};
pub const FILE_TOO_BIG_SHEET: Msg = Msg {
    zh: "{file} 的工作表「{sheet}」延伸到 {cell}，超过上限（{rows} 行、{cols} 列），不予读取",
    en: "{file}: sheet \"{sheet}\" reaches {cell}, beyond the limit of {rows} rows and {cols} columns, so it is not read",
};
pub const FILE_ODS: Msg = Msg {
    zh: "{file} 是 OpenDocument 表格（.ods），请用 WPS、LibreOffice 或 Excel 另存为 .xlsx 后再发",
    en: "{file} is an OpenDocument spreadsheet (.ods): save it as .xlsx (WPS, LibreOffice or Excel) and send it again",
};
pub const FILE_CELL_TOO_LONG: Msg = Msg {
    zh: "{file} 的工作表「{sheet}」单元格 {cell} 超过 Excel 单元格上限 {limit} 个字符，疑似恶意文件，不予读取",
    en: "{file}: sheet \"{sheet}\" cell {cell} holds more than Excel's limit of {limit} characters, so it is not read",
};
pub const FILE_FORMULA_NO_VALUE: Msg = Msg {
    zh: "{file} 的工作表「{sheet}」单元格 {cell} 是公式，但文件里没有它的计算结果（由程序生成、未经 Excel 或 WPS 保存）：请用 Excel 或 WPS 打开并保存后再发",
    en: "{file}: sheet \"{sheet}\" cell {cell} is a formula whose result the file does not hold (made by a program, never saved by Excel or WPS): open and save it in Excel or WPS, then send it again",
};
pub const FILE_STRING_TOO_LONG: Msg = Msg {
    zh: "{file} 含有一段远超 Excel 单元格上限（{limit} 个字符）的文字，疑似恶意文件，不予读取",
    en: "{file} holds a text far longer than Excel's cell limit of {limit} characters, so it is not read",
};
pub const FILE_TEXT_TOO_MUCH: Msg = Msg {
    zh: "{file} 的单元格文字合计超过 {limit} 字节（同一段文字被大量单元格重复引用），疑似恶意文件，不予读取",
    en: "{file}: its cells hold more than {limit} bytes of text in all (one text reused by many cells), so it is not read",
};
pub const SEVERAL_SHEETS: Msg = Msg {
    zh: "有 {n} 个工作表都有表头（{sheets}），只读取了「{first}」：请把所有考生放在同一个工作表里再发",
    en: "{n} sheets have a header ({sheets}) and only \"{first}\" was read: put every candidate on one sheet and send it again",
};
pub const HIDDEN_ROWS: Msg = Msg {
    zh: "注意：工作表「{sheet}」有 {n} 行在 Excel 中被隐藏（第 {rows} 行），这些行也已读取；若是已退出的学生，请让学校删除这些行",
    en: "note: sheet \"{sheet}\" has {n} rows hidden in Excel (rows {rows}); they were read too: if they are students who withdrew, ask the school to delete them",
};
pub const FILE_NO_SHEET: Msg = Msg {
    zh: "{file} 中没有工作表",
    en: "{file} holds no worksheet",
};

pub const COLUMN_MISSING: Msg = Msg {
    zh: "缺少必填列「{column}」",
    en: "required column \"{column}\" is missing",
};
pub const COLUMN_UNKNOWN: Msg = Msg {
    zh: "无法识别的列「{column}」",
    en: "unknown column \"{column}\"",
};
pub const COLUMN_DUPLICATE: Msg = Msg {
    zh: "列「{column}」与前面的「{first}」重复，已忽略",
    en: "column \"{column}\" repeats \"{first}\", ignored",
};
pub const NO_HEADER: Msg = Msg {
    zh: "前 {n} 行中找不到表头（至少两个可识别的列名）",
    en: "no header row (at least two known column names) in the first {n} rows",
};

pub const SCHOOL_FIELD_MISSING: Msg = Msg {
    zh: "第 {row} 行「{column}」未填写",
    en: "row {row}: \"{column}\" is empty",
};
pub const SCHOOL_PHONE_INVALID: Msg = Msg {
    zh: "第 {row} 行「{column}」“{value}”不是有效电话（11 位手机号，或如 0571-88888888 的座机）",
    en: "row {row}: \"{column}\" \"{value}\" is not a phone number (11-digit mobile, or a landline like 0571-88888888)",
};
pub const SCHOOL_DUPLICATE: Msg = Msg {
    zh: "第 {row} 行院校「{name}」与第 {first} 行重复",
    en: "row {row}: school \"{name}\" repeats row {first}",
};
pub const SCHOOLS_NOT_IMPORTED: Msg = Msg {
    zh: "{file}：有 {n} 个问题，未导入任何院校",
    en: "{file}: {n} problems, no school imported",
};
pub const SCHOOLS_NO_ROWS: Msg = Msg {
    zh: "{file}：没有数据行",
    en: "{file}: no data rows",
};

pub const RETURN_PROBLEMS_HEADER: Msg = Msg {
    zh: "问题说明",
    en: "问题说明",
};
/// The return goes back to the school, whose template is Chinese: the header stays Chinese.
pub const RETURN_PHOTO_HEADER: Msg = Msg {
    zh: "照片问题",
    en: "照片问题",
};
pub const RETURN_TITLE: Msg = Msg {
    zh: "退回说明：红色单元格有问题，请看单元格批注和最后一列「问题说明」，改正后重新提交。",
    en: "Returned: red cells have problems; see each cell's note and the last column 问题说明, fix and send again.",
};
pub const RETURN_SUMMARY_SHEET: Msg = Msg {
    zh: "问题汇总",
    en: "问题汇总",
};
pub const RETURN_COL_ROW: Msg = Msg {
    zh: "行",
    en: "row",
};
pub const RETURN_COL_COLUMN: Msg = Msg {
    zh: "列",
    en: "column",
};
pub const RETURN_COL_CODE: Msg = Msg {
    zh: "代码",
    en: "code",
};
pub const RETURN_COL_MESSAGE: Msg = Msg {
    zh: "说明",
    en: "message",
};
pub const EXPORT_FAILED: Msg = Msg {
    zh: "无法写出 {file}：{reason}",
    en: "cannot write {file}: {reason}",
};
