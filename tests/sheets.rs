//! Spreadsheets in and out: reading 附件1/附件2 by header text, refusing bad and hostile files
//! quickly with bounded memory, the annotated return, and `kaowu schools import`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use kaowu::domain::columns::{SchoolColumn, StudentColumn};
use kaowu::domain::problem::{Problem, ProblemCode, Says};
use kaowu::domain::sheet::Cell;
use kaowu::i18n::Lang;
use kaowu::intake::{Limits, ReadError, Sheet, read_sheet};
use rust_xlsxwriter::Workbook;
use zip::write::SimpleFileOptions;

/// A value to write into a fixture cell.
enum V<'a> {
    T(&'a str),
    N(f64),
}

/// Writes rows of cells (row 1 first) to a one-sheet xlsx.
fn xlsx(path: &Path, rows: &[Vec<V>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v {
                V::T("") => {}
                V::T(s) => {
                    ws.write_string(r as u32, c as u16, *s).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r as u32, c as u16, *n).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

fn students(path: &Path) -> Result<Sheet<StudentColumn>, ReadError> {
    read_sheet::<StudentColumn>(path, &Limits::default(), Lang::Zh, &mut |_| {})
}

fn codes(p: &[Problem]) -> Vec<(ProblemCode, String)> {
    p.iter()
        .map(|p| (p.code, p.column.clone().unwrap_or_default()))
        .collect()
}

use V::{N, T};

#[test]
fn headers_are_found_below_titles_in_any_order_with_variants_and_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("报名表.xlsx");
    xlsx(
        &p,
        &[
            vec![T("附件1 本校学生导入模板-提交")],
            vec![T("说明：带 * 为必填；证件号码请以文本填写")],
            vec![
                T("身份证号码"),
                T(" 姓 名 *"),
                T("证件\n类型"),
                T("联系电话"),
                T("院校名称＊"),
                T("籍贯"),
                T("证书名称"),
                T("证书等级*"),
                T("考试计划*"),
            ],
            vec![
                T("11010519491231002X"),
                T("张三"),
                T("居民身份证"),
                T("17744566186"),
                T("浙江商业职业技术学院"),
                T("浙江"),
                T("跨境电商 B2B 数据运营职业技能等级证书"),
                T("初级"),
                T("1+X-跨境电商 B2B-20211211 全国统考（初级）"),
            ],
            vec![N(440524188001010014.0), T("李四")],
            vec![],
            vec![T(""), T("王五"), T(""), N(17744566187.0)],
        ],
    );
    let mut seen = Vec::new();
    let s = read_sheet::<StudentColumn>(&p, &Limits::default(), Lang::Zh, &mut |n| seen.push(n))
        .unwrap();
    assert_eq!(s.file, "报名表.xlsx");
    assert_eq!(s.header_row, 3);
    let cols: Vec<StudentColumn> = s.columns.iter().map(|(c, _)| *c).collect();
    use StudentColumn::*;
    assert_eq!(
        cols,
        [
            IdNumber, Name, IdType, Phone, School, CertName, CertLevel, Plan
        ]
    );
    assert_eq!(s.columns[1].1, " 姓 名 *", "header text kept as written");
    assert_eq!(
        codes(&s.problems),
        [(ProblemCode::UnknownColumn, "籍贯".into())]
    );
    assert_eq!(s.problems[0].row, Some(3));
    let rows: Vec<u32> = s.rows.iter().map(|r| r.row).collect();
    assert_eq!(
        rows,
        [4, 5, 7],
        "blank row 6 skipped, sheet row numbers kept"
    );
    assert_eq!(
        s.rows[0].get(IdNumber),
        &Cell::Text("11010519491231002X".into())
    );
    assert_eq!(s.rows[0].get(Name), &Cell::Text("张三".into()));
    // Stored as a number, the ID has lost digits: the reader says Number, never guesses.
    assert!(matches!(s.rows[1].get(IdNumber), Cell::Number(_)));
    assert_eq!(s.rows[2].get(Phone), &Cell::Number(17744566187.0));
    assert_eq!(seen.last(), Some(&3));
}

#[test]
fn missing_required_columns_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.xlsx");
    xlsx(
        &p,
        &[
            vec![T("姓名"), T("身份证号"), T("手机号"), T("备注")],
            vec![T("张三"), T("11010519491231002X"), T("17744566186")],
        ],
    );
    let s = students(&p).unwrap();
    assert_eq!(s.header_row, 1);
    let missing: Vec<String> = s
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::MissingColumn)
        .map(|p| p.column.clone().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["证件类型", "院校名称", "证书名称", "证书等级", "考试计划"]
    );
    assert!(kaowu::i18n::problems::text(&s.problems[0], Lang::Zh).contains("证件类型"));
    assert_eq!(s.rows.len(), 1);
}

#[test]
fn a_sheet_without_a_header_reports_every_required_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.xlsx");
    xlsx(
        &p,
        &[vec![T("随便写的"), T("内容")], vec![T("张三"), N(1.0)]],
    );
    let s = students(&p).unwrap();
    assert!(s.rows.is_empty());
    assert!(
        s.problems
            .iter()
            .any(|p| p.column.as_deref() == Some("证件号码"))
    );
}

// ---- hostile and broken files -------------------------------------------------------------

/// Minimal workbook parts around a raw sheet (and optional shared strings) XML.
fn raw_xlsx(path: &Path, sheet: &[u8], sst: Option<&[u8]>) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 4] = [
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
    ];
    for (name, body) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(body).unwrap();
    }
    if let Some(sst) = sst {
        z.start_file("xl/sharedStrings.xml", o).unwrap();
        z.write_all(sst).unwrap();
    }
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    z.write_all(sheet).unwrap();
    z.finish().unwrap();
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// The process's peak resident memory so far (VmHWM), in bytes.
fn peak_rss() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Held by the tests that measure the process's peak memory, which is shared by every test
/// running at the same time: one test's 64 MiB fixture would count as another's growth.
static MEASURING_MEMORY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Resets the peak (VmHWM) to the current resident size where the kernel allows it
/// (`clear_refs` 5), and returns the new baseline.
fn reset_peak() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    peak_rss()
}

/// Reads `path` expecting a refusal; returns it with how long it took.
fn refused(path: &Path, limits: &Limits) -> (ReadError, Duration) {
    let t = Instant::now();
    let r = read_sheet::<StudentColumn>(path, limits, Lang::En, &mut |_| {});
    let took = t.elapsed();
    match r {
        Err(e) => {
            assert_eq!(e.code(), ProblemCode::FileUnreadable);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(e.to_string().contains(&name), "names the file: {e}");
            assert!(!e.to_string().contains('\n'), "one line: {e}");
            assert!(took < Duration::from_secs(10), "{name} took {took:?}");
            (e, took)
        }
        Ok(s) => panic!("{} was read: {:?}", path.display(), s.problems),
    }
}

fn a_valid_xlsx(dir: &Path) -> PathBuf {
    let p = dir.join("ok.xlsx");
    xlsx(
        &p,
        &[
            vec![T("姓名"), T("证件号码")],
            vec![T("张三"), T("11010519491231002X")],
        ],
    );
    p
}

#[test]
fn not_xlsx_damaged_encrypted_and_old_xls_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let l = Limits::default();

    let random = d.join("random.xlsx");
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&random, &bytes).unwrap();
    assert!(matches!(refused(&random, &l).0, ReadError::NotXlsx { .. }));

    let csv = d.join("renamed-csv.xlsx");
    std::fs::write(&csv, "姓名,证件号码\n张三,11010519491231002X\n").unwrap();
    assert!(matches!(refused(&csv, &l).0, ReadError::NotXlsx { .. }));

    let ok = std::fs::read(a_valid_xlsx(d)).unwrap();
    let truncated = d.join("truncated.xlsx");
    std::fs::write(&truncated, &ok[..ok.len() / 2]).unwrap();
    assert!(matches!(
        refused(&truncated, &l).0,
        ReadError::Damaged { .. }
    ));

    // Same length, the middle overwritten: entries fail to inflate or fail their CRC.
    let mut garbled = ok.clone();
    let mid = garbled.len() / 3;
    for b in &mut garbled[mid..mid + 400] {
        *b = !*b;
    }
    let garbled_path = d.join("garbled.xlsx");
    std::fs::write(&garbled_path, &garbled).unwrap();
    assert!(matches!(
        refused(&garbled_path, &l).0,
        ReadError::Damaged { .. }
    ));

    // A zip that is not a workbook.
    let not_book = d.join("photos.xlsx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&not_book).unwrap());
    z.start_file("a.txt", SimpleFileOptions::default()).unwrap();
    z.write_all(b"hello").unwrap();
    z.finish().unwrap();
    assert!(matches!(
        refused(&not_book, &l).0,
        ReadError::Damaged { .. }
    ));

    // OLE compound files: with an EncryptedPackage stream (a password-protected xlsx), or not.
    let cfb = [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut enc = cfb.to_vec();
    enc.resize(1024, 0);
    enc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    enc.resize(4096, 0);
    let enc_path = d.join("locked.xlsx");
    std::fs::write(&enc_path, &enc).unwrap();
    let (e, _) = refused(&enc_path, &l);
    assert!(matches!(e, ReadError::Encrypted { .. }));
    assert!(e.to_string().contains("encrypted"));
    // Bytes already in memory (an import hashes them first) get the same checks.
    let from_bytes = kaowu::intake::xlsx::read_sheet_bytes::<StudentColumn>(
        enc.clone(),
        "locked.xlsx",
        &l,
        Lang::Zh,
        &mut |_| {},
    );
    assert!(matches!(from_bytes, Err(ReadError::Encrypted { .. })));
    let mut xls = cfb.to_vec();
    xls.resize(4096, 0);
    let xls_path = d.join("old.xlsx");
    std::fs::write(&xls_path, &xls).unwrap();
    assert!(matches!(refused(&xls_path, &l).0, ReadError::OldXls { .. }));

    let missing = d.join("absent.xlsx");
    assert!(matches!(refused(&missing, &l).0, ReadError::Io { .. }));
}

#[test]
fn bombs_are_refused_quickly_with_bounded_memory() {
    let _alone = MEASURING_MEMORY.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let l = Limits::default();
    let before = peak_rss();
    let mut report = Vec::new();

    // Over the size cap: a sparse 60 MB file is refused from its length, never read.
    let big = d.join("big.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(60 * 1000 * 1000)
        .unwrap();
    let (e, t) = refused(&big, &l);
    assert!(matches!(e, ReadError::TooLarge { .. }));
    report.push(("60 MB file", t));

    // A 2 KB file with cells at A1 and XFD1048576, declaring A1:XFD1048576.
    let wide = d.join("extent.xlsx");
    let sheet = format!(
        r#"{SHEET_HEAD}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    raw_xlsx(&wide, sheet.as_bytes(), None);
    assert!(std::fs::metadata(&wide).unwrap().len() < 4096);
    let (e, t) = refused(&wide, &l);
    assert!(matches!(e, ReadError::Unsafe { .. }));
    assert!(e.to_string().contains("XFD1048576"), "{e}");
    report.push(("A1:XFD1048576 dimension", t));

    // The same far cell without a <dimension>: caught while streaming.
    let far = d.join("far-cell.xlsx");
    let sheet = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>证件号码</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    raw_xlsx(&far, sheet.as_bytes(), None);
    let (e, t) = refused(&far, &l);
    assert!(matches!(e, ReadError::Unsafe { .. }));
    report.push(("far cell, no dimension", t));

    // sharedStrings declaring four billion strings (calamine would reserve them all).
    let sst = d.join("sst.xlsx");
    let sheet = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
    );
    raw_xlsx(
        &sst,
        sheet.as_bytes(),
        Some(br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>name</t></si></sst>"#),
    );
    let (e, t) = refused(&sst, &l);
    assert!(matches!(e, ReadError::Unsafe { .. }));
    assert!(e.to_string().contains("4000000000"), "{e}");
    report.push(("uniqueCount=4e9", t));

    // Four million empty shared strings under a modest uniqueCount: calamine would hold each
    // (24 bytes apiece, ~100 MB); counted while inflating and refused.
    let many = d.join("many-strings.xlsx");
    let mut body = br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1">"#.to_vec();
    for _ in 0..4_000_000 {
        body.extend_from_slice(b"<si/>");
    }
    body.extend_from_slice(b"</sst>");
    raw_xlsx(&many, sheet.as_bytes(), Some(&body));
    drop(body);
    let before_many = reset_peak();
    let (e, t) = refused(&many, &l);
    assert!(matches!(e, ReadError::Unsafe { .. }));
    assert!(e.to_string().contains("4000000"), "{e}");
    report.push(("4M <si/> under uniqueCount=1", t));
    let many_growth = peak_rss().saturating_sub(before_many);

    // A sheet inflating to 64 MiB from a few hundred KB, against an 8 MiB cap.
    let small_cap = Limits {
        max_inflated_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    let bomb = d.join("bomb.xlsx");
    let mut body = format!(r#"{SHEET_HEAD}<sheetData>"#).into_bytes();
    body.resize(64 * 1024 * 1024, b' ');
    body.extend_from_slice(b"</sheetData></worksheet>");
    raw_xlsx(&bomb, &body, None);
    drop(body);
    let on_disk = std::fs::metadata(&bomb).unwrap().len();
    assert!(on_disk < 1024 * 1024, "{on_disk} bytes on disk");
    // Measure from here: building the fixture itself held 64 MiB.
    let before_bomb = reset_peak();
    let (e, t) = refused(&bomb, &small_cap);
    assert!(matches!(e, ReadError::Unsafe { .. }));
    report.push(("64 MiB sheet, declared size", t));
    let bomb_growth = peak_rss().saturating_sub(before_bomb);

    // The same bomb whose zip headers lie about the inflated size (claim 1000 bytes).
    let liar = d.join("liar.xlsx");
    let mut bytes = std::fs::read(&bomb).unwrap();
    lie_about_size(&mut bytes, b"xl/worksheets/sheet1.xml", 1000);
    std::fs::write(&liar, &bytes).unwrap();
    let (e, t) = refused(&liar, &small_cap);
    // zip 9.8 stops at the declared size ("larger than its declared uncompressed size"); the
    // counting pre-scan stays as the second line should that ever change.
    assert!(matches!(e, ReadError::Damaged { .. }), "{e}");
    report.push(("64 MiB sheet, size claimed 1000", t));

    let growth = peak_rss().saturating_sub(before);
    eprintln!(
        "bomb timings: {report:?}; peak RSS growth {growth} bytes overall, \
         {bomb_growth} during the inflate bomb, {many_growth} during the strings bomb"
    );
    assert!(
        many_growth < 32 * 1024 * 1024,
        "counting strings must not hold them: peak grew {many_growth} bytes"
    );
    assert!(
        bomb_growth < 32 * 1024 * 1024,
        "inflating a bomb must not hold it: peak grew {bomb_growth} bytes"
    );
}

/// A workbook may live in any folder its package relationships name, and calamine reads its
/// shared strings from beside it: even from among the worksheets, which are scanned for bombs
/// while calamine opens the book. calamine must not read them before the scan has judged them.
#[test]
fn shared_strings_hidden_among_the_worksheets_wait_for_the_bomb_scan() {
    let _alone = MEASURING_MEMORY.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hidden-strings.xlsx");
    let small_cap = Limits {
        max_inflated_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    // 64 MiB of empty strings: 13 million, 24 bytes each in calamine (over 300 MB).
    let mut sst =
        br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    while sst.len() < 64 * 1024 * 1024 {
        sst.extend_from_slice(b"<si/>");
    }
    sst.extend_from_slice(b"</sst>");
    let sheet = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
    );
    let f = std::fs::File::create(&path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 5] = [
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/worksheets/workbook.xml"/></Relationships>"#),
        ("xl/worksheets/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/worksheets/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheet1.xml"/></Relationships>"#),
        ("xl/worksheets/sharedStrings.xml", &sst),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    for (name, body) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(body).unwrap();
    }
    z.finish().unwrap();
    drop(sst);
    let before = reset_peak();
    let (e, _) = refused(&path, &small_cap);
    assert!(matches!(e, ReadError::Unsafe { .. }), "{e}");
    let growth = peak_rss().saturating_sub(before);
    assert!(
        growth < 32 * 1024 * 1024,
        "the hidden strings must not be read: peak grew {growth} bytes"
    );
}

/// Overwrites the uncompressed size of entry `name` in its local header and central directory.
fn lie_about_size(zip: &mut [u8], name: &[u8], size: u32) {
    let find = |hay: &[u8], sig: &[u8; 4], name_at: usize| -> Vec<usize> {
        (0..hay.len().saturating_sub(name_at + name.len()))
            .filter(|&i| {
                &hay[i..i + 4] == sig && &hay[i + name_at..i + name_at + name.len()] == name
            })
            .collect()
    };
    let local = find(zip, b"PK\x03\x04", 30);
    let central = find(zip, b"PK\x01\x02", 46);
    assert!(!local.is_empty() && !central.is_empty());
    for i in local {
        zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
    }
    for i in central {
        zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
    }
}

#[test]
fn the_row_and_column_caps_apply_to_real_content() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rows.xlsx");
    let mut rows = vec![vec![T("姓名"), T("证件号码")]];
    for _ in 0..30 {
        rows.push(vec![T("张三"), T("11010519491231002X")]);
    }
    xlsx(&p, &rows);
    let tight = Limits {
        max_rows: 20,
        ..Limits::default()
    };
    assert!(matches!(refused(&p, &tight).0, ReadError::Unsafe { .. }));
    let small = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    assert!(matches!(refused(&p, &small).0, ReadError::TooLarge { .. }));
    assert_eq!(students(&p).unwrap().rows.len(), 30);
}

// ---- templates, returns, schools import -----------------------------------------------------

#[test]
fn templates_read_back_as_complete_headers() {
    let dir = tempfile::tempdir().unwrap();
    let a1 = dir.path().join("附件1.xlsx");
    let a2 = dir.path().join("附件2.xlsx");
    kaowu::export::write_template(kaowu::export::TemplateKind::Students, &a1, Lang::Zh).unwrap();
    kaowu::export::write_template(kaowu::export::TemplateKind::Schools, &a2, Lang::Zh).unwrap();
    let s = students(&a1).unwrap();
    assert_eq!(s.sheet_name, "报名信息");
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    let cols: Vec<StudentColumn> = s.columns.iter().map(|(c, _)| *c).collect();
    use kaowu::domain::columns::ColumnSpec;
    assert_eq!(cols, StudentColumn::all());
    let s = read_sheet::<SchoolColumn>(&a2, &Limits::default(), Lang::Zh, &mut |_| {}).unwrap();
    assert_eq!(s.sheet_name, "院校信息");
    assert!(s.problems.is_empty());
    assert_eq!(s.columns.len(), SchoolColumn::all().len());
}

#[test]
fn the_return_marks_problem_cells_and_lists_problems_per_row() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.xlsx");
    xlsx(
        &src,
        &[
            vec![T("本校学生报名表")],
            vec![T("身份证号"), T("姓名"), T("手机号")],
            vec![T("11010519491231002X"), T("张三"), T("12345")],
            vec![N(440524188001010014.0), T("李 四"), T("17744566186")],
            vec![T("440524188001010014"), T("王五"), T("17744566187")],
        ],
    );
    let s = students(&src).unwrap();
    let problem = |row, column: &str, code, message: &str| Problem {
        row: Some(row),
        column: Some(column.into()),
        code,
        says: Says::Text(message.into()),
    };
    let problems = vec![
        problem(
            2,
            "备注",
            ProblemCode::UnknownColumn,
            "无法识别的列「备注」",
        ),
        problem(3, "手机号", ProblemCode::PhoneInvalid, "手机号不是 11 位"),
        problem(
            4,
            "证件号码",
            ProblemCode::IdPrecisionLost,
            "证件号码被存成数字，末几位已丢失",
        ),
        problem(4, "姓名", ProblemCode::NameSpaces, "姓名中有空格"),
        Problem {
            row: None,
            column: Some("考试计划".into()),
            code: ProblemCode::MissingColumn,
            says: Says::Text("缺少必填列「考试计划」".into()),
        },
    ];
    let out = dir.path().join("退回.xlsx");
    kaowu::export::write_return(&out, &s.columns, &s.rows, &problems, Lang::Zh).unwrap();

    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["报名信息", "问题汇总"]);
    let r = wb.worksheet_range("报名信息").unwrap();
    let at = |row: u32, col: u32| r.get_value((row - 1, col)).cloned().unwrap_or(Data::Empty);
    // Header on its original row, original text, then 问题说明.
    assert_eq!(at(2, 0), Data::String("身份证号".into()));
    assert_eq!(at(2, 3), Data::String("问题说明".into()));
    assert_eq!(at(3, 3), Data::String("手机号不是 11 位".into()));
    assert_eq!(
        at(4, 3),
        Data::String("证件号码被存成数字，末几位已丢失\n姓名中有空格".into())
    );
    assert_eq!(at(5, 3), Data::Empty, "a clean row has no 问题说明");
    assert_eq!(at(5, 1), Data::String("王五".into()));
    // The ID stays text; the one the school stored as a number goes back as that number, so
    // the re-check still sees that its digits were lost (issue 16).
    assert_eq!(at(3, 0), Data::String("11010519491231002X".into()));
    assert!(matches!(at(4, 0), Data::Float(_)), "{:?}", at(4, 0));
    assert_eq!(at(3, 2), Data::String("12345".into()));
    let summary = wb.worksheet_range("问题汇总").unwrap();
    assert_eq!(summary.height(), 6, "every problem, header ones included");

    // Each problem cell carries a note with its message.
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut notes = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/comments1.xml").unwrap(), &mut notes).unwrap();
    for m in ["手机号不是 11 位", "末几位已丢失", "姓名中有空格"] {
        assert!(notes.contains(m), "note {m}");
    }
    assert_eq!(notes.matches("<comment ").count(), 3);
    // Problem cells are filled red (Excel's "bad" fill).
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("FFFFC7CE"));
    // Written atomically: nothing else in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

fn kaowu(db: &Path) -> Command {
    let mut c = Command::cargo_bin("kaowu").unwrap();
    c.env("KAOWU_DB", db)
        .env_remove("KAOWU_LANG")
        .arg("--as")
        .arg("tester");
    c
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

#[test]
fn schools_import_is_all_or_nothing_with_named_problems() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let head = || {
        vec![
            T("院校名称*"),
            T("省份*"),
            T("城市*"),
            T("联系人*"),
            T("联系电话*"),
            T("传真"),
        ]
    };
    let bad = dir.path().join("bad.xlsx");
    xlsx(
        &bad,
        &[
            head(),
            vec![
                T("浙江商业职业技术学院"),
                T("浙江省"),
                T("杭州市"),
                T("王娟"),
                N(17744566186.0),
            ],
            vec![
                T("义乌工商职业技术学院"),
                T("浙江省"),
                T(""),
                T("金贝"),
                T("0579-85236789"),
            ],
            vec![
                T("温州职业技术学院"),
                T("浙江省"),
                T("温州市"),
                T("李明"),
                T("12345"),
            ],
        ],
    );
    let out = kaowu(&db)
        .args(["schools", "import", "--json"])
        .arg(&bad)
        .assert()
        .code(1);
    let doc = json_of(&out.get_output().stdout);
    assert_eq!(doc["file"], "bad.xlsx");
    assert_eq!(doc["added"], 0);
    let got: Vec<(serde_json::Value, String, String)> = doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].clone(),
                p["column"].as_str().unwrap().to_string(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1.into(), "传真".into(), "unknown_column".into()),
            (3.into(), "城市".into(), "school_field_missing".into()),
            (4.into(), "联系电话".into(), "school_phone_invalid".into()),
        ]
    );
    let sites = kaowu(&db).args(["sites", "--json"]).assert().success();
    assert_eq!(
        json_of(&sites.get_output().stdout)["sites"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let good = dir.path().join("good.xlsx");
    xlsx(
        &good,
        &[
            vec![T("院校基本信息")],
            vec![
                T("联系电话"),
                T("院校名称"),
                T("省份"),
                T("城市"),
                T("联系人"),
            ],
            vec![
                N(17744566186.0),
                T("浙江商业职业技术学院"),
                T("浙江省"),
                T("杭州市"),
                T("王娟"),
            ],
            vec![
                T("0579-85236789"),
                T("义乌工商职业技术学院"),
                T("浙江省"),
                T("金华市"),
                T("金贝"),
            ],
        ],
    );
    let out = kaowu(&db)
        .args(["schools", "import", "--json"])
        .arg(&good)
        .assert()
        .code(0);
    let doc = json_of(&out.get_output().stdout);
    assert_eq!(
        (doc["added"].as_u64(), doc["unchanged"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(doc["problems"].as_array().unwrap().len(), 0);
    let out = kaowu(&db)
        .args(["schools", "import", "--json"])
        .arg(&good)
        .assert()
        .code(0);
    assert_eq!(json_of(&out.get_output().stdout)["unchanged"], 2);
    let sites = kaowu(&db).args(["sites", "--json"]).assert().success();
    assert_eq!(
        json_of(&sites.get_output().stdout)["sites"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, "院校名称,省份\n").unwrap();
    let out = kaowu(&db)
        .args(["schools", "import", "--json"])
        .arg(&junk)
        .assert()
        .code(2);
    let doc = json_of(&out.get_output().stdout);
    assert_eq!(doc["problems"][0]["code"], "file_unreadable");
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("junk.xlsx") && err.lines().count() <= 2,
        "{err}"
    );
}

#[test]
fn template_command_writes_both_templates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let a1 = dir.path().join("附件1 本校学生导入模板-提交.xlsx");
    kaowu(&db)
        .args(["template", "students", "-o"])
        .arg(&a1)
        .assert()
        .success();
    let a2 = dir.path().join("附件2.xlsx");
    kaowu(&db)
        .args(["template", "schools", "--output"])
        .arg(&a2)
        .assert()
        .success();
    assert!(students(&a1).unwrap().problems.is_empty());
    let s = read_sheet::<SchoolColumn>(&a2, &Limits::default(), Lang::Zh, &mut |_| {}).unwrap();
    assert!(s.problems.is_empty());
    let nowhere = dir.path().join("no-such-dir").join("x.xlsx");
    kaowu(&db)
        .args(["template", "schools", "-o"])
        .arg(&nowhere)
        .assert()
        .code(2);
}

#[test]
fn mangled_workbook_xml_never_panics() {
    // Valid zips (CRCs right) around workbook parts with bytes and XML fragments spliced in:
    // each read ends in a sheet or a ReadError, never a panic.
    let dir = tempfile::tempdir().unwrap();
    let src = a_valid_xlsx(dir.path());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&src).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut v).unwrap();
        entries.push((name, v));
    }
    let tokens: [&[u8]; 8] = [
        b"<",
        b"\"",
        br#" r="XFD1""#,
        br#" t="s""#,
        b"<v>99999</v>",
        b"</c>",
        br#" s="9999""#,
        br#"<row r="0">"#,
    ];
    let mut x: u64 = 88172645463325252;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..400 {
        let mut es = entries.clone();
        let k = (rnd() as usize) % es.len();
        let v = &mut es[k].1;
        for _ in 0..1 + rnd() % 3 {
            let i = (rnd() as usize) % v.len();
            if rnd() % 2 == 0 {
                v[i] = (rnd() % 128) as u8;
            } else {
                let t = tokens[(rnd() as usize) % tokens.len()];
                v.splice(i..i, t.iter().copied());
            }
        }
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, v) in &es {
            out.start_file(
                name.clone(),
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
            )
            .unwrap();
            out.write_all(v).unwrap();
        }
        let bytes = out.finish().unwrap().into_inner();
        let _ = kaowu::intake::xlsx::read_sheet_bytes::<StudentColumn>(
            bytes,
            "mangled.xlsx",
            &Limits::default(),
            Lang::Zh,
            &mut |_| {},
        );
    }
}
