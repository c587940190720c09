//! The hostile-files corpus: one table of every bad xlsx, zip and image case of the intake and
//! photo issues, generated here (tiny on disk), each fed to every command that reads that kind
//! of file. Each must be refused with its stable code and exit code (docs/cli.md), one JSON
//! document on stdout, never an abort, and the database untouched.
//!
//! Depth lives elsewhere and is not repeated here: reader internals, timings and memory bounds
//! of the bombs (including a sheet inflating to 64 MiB and the 4-million-strings table) in
//! tests/sheets.rs; every photo code with its message, archive caps, and gigabyte entries in
//! tests/photos.rs.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use image::{ImageFormat, RgbImage};
use kaowu::domain::submission::SubmissionState;
use kaowu::store::{Actor, NewCandidate, NewSubmission, Recorded, Store};
use serde_json::Value;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// Valid resident IDs: the candidates the photo archives are checked against.
const ID_A: &str = "11010519491231002X";
const ID_B: &str = "440524188001010014";

fn kaowu(db: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kaowu"))
        .args(args)
        .args(["--json", "--lang", "en", "--at", "2021-11-15 10:00"])
        .env("KAOWU_DB", db)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    // A signal (abort, out of memory) has no exit code; a panic is 101.
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{args:?} died: {:?}\n{stderr}", out.status));
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not one JSON document ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (code, v, stderr)
}

/// Every `code` field anywhere in a JSON document.
fn codes(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("code", Value::String(s)) => out.push(s.clone()),
                    _ => out.extend(codes(x)),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| out.extend(codes(x))),
        _ => {}
    }
    out
}

// ---- xlsx ---------------------------------------------------------------------------------

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// A workbook around a raw sheet XML (and shared strings), so the sheet can say anything.
fn raw_xlsx(sheet: &[u8], sst: Option<&[u8]>) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
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
    z.finish().unwrap().into_inner()
}

fn a_valid_xlsx() -> Vec<u8> {
    let sheet = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>证件号码</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>王芳</t></is></c><c r="B2" t="inlineStr"><is><t>{ID_A}</t></is></c></row></sheetData></worksheet>"#
    );
    raw_xlsx(sheet.as_bytes(), None)
}

/// Overwrites the uncompressed size an entry declares, in both of its zip headers.
fn lie_about_size(zip: &mut [u8], name: &[u8], size: u32) {
    for (sig, name_at, size_at) in [(b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)] {
        for i in 0..zip.len().saturating_sub(name_at + name.len()) {
            if &zip[i..i + 4] == sig && &zip[i + name_at..i + name_at + name.len()] == name {
                zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
        }
    }
}

/// What a bad spreadsheet is: its name and how to write it.
enum Content {
    Bytes(Vec<u8>),
    /// A sparse file of this length: over the size cap, yet nothing on disk.
    Sparse(u64),
}

fn xlsx_corpus() -> Vec<(&'static str, Content)> {
    let ok = a_valid_xlsx();
    let cfb = [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut encrypted = cfb.to_vec();
    encrypted.resize(1024, 0);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    encrypted.resize(4096, 0);
    let mut old_xls = cfb.to_vec();
    old_xls.resize(4096, 0);
    let mut garbled = ok.clone();
    let mid = garbled.len() / 3;
    garbled[mid..mid + 200].iter_mut().for_each(|b| *b = !*b);
    let mut not_a_book = ZipWriter::new(Cursor::new(Vec::new()));
    not_a_book
        .start_file("a.txt", SimpleFileOptions::default())
        .unwrap();
    not_a_book.write_all(b"hello").unwrap();
    let not_a_book = not_a_book.finish().unwrap().into_inner();
    let extent = format!(
        r#"{SHEET_HEAD}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    let far_cell = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    let sst_sheet = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
    );
    let sst = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>name</t></si></sst>"#;
    let mut liar_body = format!("{SHEET_HEAD}<sheetData>").into_bytes();
    liar_body.resize(2 * 1024 * 1024, b' ');
    liar_body.extend_from_slice(b"</sheetData></worksheet>");
    let mut liar = raw_xlsx(&liar_body, None);
    lie_about_size(&mut liar, b"xl/worksheets/sheet1.xml", 1000);
    let mangled = format!(r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓"#);
    vec![
        ("empty.xlsx", Content::Bytes(Vec::new())),
        (
            "renamed-csv.xlsx",
            Content::Bytes("姓名,证件号码\n王芳,11010519491231002X\n".into()),
        ),
        ("encrypted.xlsx", Content::Bytes(encrypted)),
        ("old-excel.xls.xlsx", Content::Bytes(old_xls)),
        (
            "truncated.xlsx",
            Content::Bytes(ok[..ok.len() / 2].to_vec()),
        ),
        ("garbled.xlsx", Content::Bytes(garbled)),
        ("zip-not-workbook.xlsx", Content::Bytes(not_a_book)),
        ("over-50MB.xlsx", Content::Sparse(60 * 1000 * 1000)),
        (
            "extent-A1-XFD1048576.xlsx",
            Content::Bytes(raw_xlsx(extent.as_bytes(), None)),
        ),
        (
            "far-cell.xlsx",
            Content::Bytes(raw_xlsx(far_cell.as_bytes(), None)),
        ),
        (
            "sst-4e9.xlsx",
            Content::Bytes(raw_xlsx(sst_sheet.as_bytes(), Some(sst))),
        ),
        ("size-liar.xlsx", Content::Bytes(liar)),
        (
            "mangled-xml.xlsx",
            Content::Bytes(raw_xlsx(mangled.as_bytes(), None)),
        ),
    ]
}

fn write(dir: &Path, name: &str, c: &Content) -> PathBuf {
    let p = dir.join(name);
    match c {
        Content::Bytes(b) => std::fs::write(&p, b).unwrap(),
        Content::Sparse(n) => std::fs::File::create(&p).unwrap().set_len(*n).unwrap(),
    }
    p
}

/// A database with an approved school and one submission of two candidates.
fn database(dir: &Path) -> (PathBuf, i64) {
    let db = dir.join("kaowu.db");
    let mut s = Store::open(&db).unwrap();
    let a = Actor("金贝".into());
    let info = kaowu::domain::school::SchoolInfo {
        name: "浙江商业职业技术学院".into(),
        ..Default::default()
    };
    s.import_schools(&a, &[info]).unwrap();
    let school = s.find_school("浙江商业职业技术学院").unwrap().id;
    let plan = s.find_plan("20211211-初级").unwrap().id;
    let candidates: Vec<NewCandidate> = [ID_A, ID_B]
        .iter()
        .enumerate()
        .map(|(i, id)| NewCandidate {
            row: i as u32 + 2,
            name: ["王芳", "李强"][i].into(),
            id_type: "居民身份证".into(),
            id_number: id.to_string(),
            phone: "13800000000".into(),
            valid: true,
            ..Default::default()
        })
        .collect();
    let Recorded::New(id) = s
        .record_submission(
            &a,
            &NewSubmission {
                plan_id: plan,
                school_id: school,
                file_name: "报名表.xlsx",
                sha256: "abc",
                bytes: b"xlsx",
                received_at: kaowu::domain::time::parse_time("2021-11-15 10:00").unwrap(),
                state: SubmissionState::Pending,
                rows: 2,
                header_row: 1,
                candidates: &candidates,
                problems: &[],
            },
        )
        .unwrap()
    else {
        panic!("duplicate")
    };
    (db, id)
}

fn audit_rows(db: &Path) -> i64 {
    Store::open(db).unwrap().count("audit").unwrap()
}

#[test]
fn every_bad_spreadsheet_is_refused_by_every_reader_with_file_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database(dir.path());
    let corpus = xlsx_corpus();
    let on_disk: u64 = corpus
        .iter()
        .map(|(_, c)| match c {
            Content::Bytes(b) => b.len() as u64,
            Content::Sparse(_) => 0,
        })
        .sum();
    assert!(
        on_disk < 256 * 1024,
        "the corpus stays tiny: {on_disk} bytes"
    );
    let before = audit_rows(&db);
    for (name, content) in &corpus {
        let p = write(dir.path(), name, content);
        let f = p.to_str().unwrap();
        let readers: [&[&str]; 4] = [
            &["check", f, "--plan", "20211211-初级"],
            &[
                "import",
                f,
                "--plan",
                "20211211-初级",
                "--school",
                "浙江商业职业技术学院",
            ],
            &["schools", "import", f],
            &["results", "import", f],
        ];
        for args in readers {
            let (code, v, stderr) = kaowu(&db, args);
            assert_eq!(code, 2, "{name} {args:?}: {v}");
            assert_eq!(codes(&v), ["file_unreadable"], "{name} {args:?}: {v}");
            let lines = stderr.trim().lines().count();
            assert!((1..=2).contains(&lines), "a line (and a hint): {stderr}");
            assert!(
                stderr.contains(name),
                "{name}: the message names the file: {stderr}"
            );
        }
    }
    assert_eq!(audit_rows(&db), before, "the database is untouched");
}

/// An import stores rows while it is still reading the file: a file that breaks after more
/// than a thousand good rows must still leave the database exactly as it was.
#[test]
fn a_file_that_breaks_after_a_thousand_rows_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database(dir.path());
    let header = [
        "姓名*",
        "证件类型*",
        "证件号码*",
        "手机号*",
        "院校名称*",
        "证书名称*",
        "证书等级*",
        "考试计划*",
    ];
    let cell = |r: usize, c: usize, v: &str| {
        format!(
            r#"<c r="{}{r}" t="inlineStr"><is><t>{v}</t></is></c>"#,
            (b'A' + c as u8) as char
        )
    };
    let mut xml = format!("{SHEET_HEAD}<sheetData><row r=\"1\">");
    for (c, h) in header.iter().enumerate() {
        xml.push_str(&cell(1, c, h));
    }
    xml.push_str("</row>");
    for r in 2..1500 {
        xml.push_str(&format!(
            r#"<row r="{r}">{}{}</row>"#,
            cell(r, 0, "王芳"),
            cell(r, 1, "居民身份证")
        ));
    }
    xml.push_str(r#"<row r="1500"><c r="A1500" t="inlineStr"><is><t>李"#);
    let p = write(
        dir.path(),
        "断在中间.xlsx",
        &Content::Bytes(raw_xlsx(xml.as_bytes(), None)),
    );
    let count = |table: &str| Store::open(&db).unwrap().count(table).unwrap();
    let before = [
        count("submission"),
        count("candidate"),
        count("problem"),
        count("audit"),
    ];
    let (code, v, stderr) = kaowu(
        &db,
        &[
            "import",
            p.to_str().unwrap(),
            "--plan",
            "20211211-初级",
            "--school",
            "浙江商业职业技术学院",
        ],
    );
    assert_eq!(code, 2, "{v} {stderr}");
    assert_eq!(codes(&v), ["file_unreadable"], "{v}");
    assert!(stderr.contains("断在中间.xlsx"), "names the file: {stderr}");
    let after = [
        count("submission"),
        count("candidate"),
        count("problem"),
        count("audit"),
    ];
    assert_eq!(after, before, "submissions, candidates, problems, audit");
}

// ---- zip archives and images --------------------------------------------------------------

fn image_of(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let (cx, cy) = (w / 2, h * 2 / 5);
        let (dx, dy) = (x.abs_diff(cx), y.abs_diff(cy));
        if dx * dx * 4 + dy * dy * 2 < w * w / 4 || y > h * 4 / 5 {
            image::Rgb([60, 50, 45])
        } else {
            // The red background 报名 photos need.
            image::Rgb([0xD9, 0x00, 0x1B])
        }
    })
}

fn encoded(w: u32, h: u32, f: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image_of(w, h).write_to(&mut out, f).unwrap();
    out.into_inner()
}

/// A PNG whose header claims 100,000×100,000 pixels: decoding would need 30 GB.
fn png_claiming_huge() -> Vec<u8> {
    let mut png = encoded(8, 8, ImageFormat::Png);
    png[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    png
}

fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        z.start_file(*name, SimpleFileOptions::default()).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// An end-of-central-directory record alone, claiming `n` entries.
fn eocd_claiming(n: u16) -> Vec<u8> {
    let mut b = b"PK\x05\x06".to_vec();
    b.extend([0, 0, 0, 0]);
    b.extend(n.to_le_bytes());
    b.extend(n.to_le_bytes());
    b.extend([0; 10]);
    b
}

/// An archive's name, its bad entries (beside one good photo), and the code they must get.
type EntryCase = (&'static str, Vec<(String, Vec<u8>)>, &'static str);

#[test]
fn every_bad_archive_and_photo_is_refused_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sub) = database(dir.path());
    let jpg = |id: &str| format!("{id}.jpg");
    let good = encoded(295, 413, ImageFormat::Jpeg);
    let valid_zip = zip_of(&[(&jpg(ID_A), good.clone()), (&jpg(ID_B), good.clone())]);
    // Whole-archive refusals: exit 2.
    let whole: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.zip", Vec::new(), "archive_unreadable"),
        ("text.zip", b"not a zip".to_vec(), "archive_unreadable"),
        (
            "truncated.zip",
            valid_zip[..valid_zip.len() / 2].to_vec(),
            "archive_unreadable",
        ),
        (
            "60000-entries.zip",
            eocd_claiming(60_000),
            "archive_too_large",
        ),
    ];
    // One bad entry among good ones: reported, the rest still checked, exit 1.
    let mut truncated_jpeg = good.clone();
    truncated_jpeg.truncate(good.len() / 2);
    let entry: Vec<EntryCase> = vec![
        (
            "zip-slip.zip",
            vec![("../../etc/x.jpg".into(), good.clone())],
            "archive_unsafe_entry",
        ),
        (
            "absolute.zip",
            vec![("/tmp/x.jpg".into(), good.clone())],
            "archive_unsafe_entry",
        ),
        (
            "truncated-jpeg.zip",
            vec![(jpg(ID_B), truncated_jpeg)],
            "photo_corrupt",
        ),
        (
            "png-named-jpg.zip",
            vec![(jpg(ID_B), encoded(295, 413, ImageFormat::Png))],
            "photo_ext_mismatch",
        ),
        (
            "text-named-jpg.zip",
            vec![(jpg(ID_B), b"GIF89a not really".to_vec())],
            "photo_format",
        ),
        (
            "huge-declared-png.zip",
            vec![(format!("{ID_B}.png"), png_claiming_huge())],
            "photo_dimensions",
        ),
        (
            "wrong-size.zip",
            vec![(jpg(ID_B), encoded(100, 100, ImageFormat::Jpeg))],
            "photo_dimensions",
        ),
        (
            "bad-name.zip",
            vec![("照片.jpg".into(), good.clone())],
            "photo_bad_name",
        ),
    ];
    let before = audit_rows(&db);
    let sid = sub.to_string();
    let check = |p: &Path| {
        kaowu(
            &db,
            &["photos", "check", p.to_str().unwrap(), "--submission", &sid],
        )
    };
    for (name, bytes, want) in whole {
        let p = write(dir.path(), name, &Content::Bytes(bytes));
        let (code, v, _) = check(&p);
        assert_eq!(code, 2, "{name}: {v}");
        assert_eq!(codes(&v), [want], "{name}: {v}");
    }
    assert_eq!(
        audit_rows(&db),
        before,
        "an archive refused as a whole files nothing"
    );
    let checks = entry.len();
    for (name, bad, want) in entry {
        let mut entries = vec![(jpg(ID_A), good.clone())];
        entries.extend(bad);
        let refs: Vec<(&str, Vec<u8>)> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.clone()))
            .collect();
        let p = write(dir.path(), name, &Content::Bytes(zip_of(&refs)));
        let (code, v, _) = check(&p);
        assert_eq!(code, 1, "{name}: {v}");
        let found = codes(&v);
        assert!(found.iter().any(|c| c == want), "{name}: want {want}: {v}");
        // The good photo of the first candidate was still checked and passed.
        let first = &v["candidates"][0];
        assert_eq!(first["photo"], jpg(ID_A), "{name}: {v}");
        assert_eq!(first["problems"], Value::Array(vec![]), "{name}: {v}");
    }
    // Each archive that could be read is filed: one audited check each, nothing else.
    assert_eq!(audit_rows(&db), before + checks as i64);
}
