//! Intake end to end through the real binary: `kaowu check` and `kaowu import` on generated
//! 附件1 files. Every problem code reaches the JSON on the sheet's own row and the template's
//! column; submission states follow the window in China time and the site; an import is
//! all-or-nothing; hostile files are refused with exit 2 and leave the database as it was.
//! (Rule details are unit-tested in src/domain/registration/tests.rs, the reader in
//! tests/sheets.rs; here the whole path is checked.)

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kaowu::domain::SiteAction;
use kaowu::domain::id_number::check_char;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::time::parse_time;
use kaowu::domain::{Level, PlanDraft};
use kaowu::store::{Actor, Store};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use tempfile::TempDir;

const ZJ: &str = "浙江商业职业技术学院";
const YW: &str = "义乌工商职业技术学院";
const JUNIOR: &str = "1+X-跨境电商 B2B-20211211 全国统考（初级）";
const CERT: &str = "跨境电商 B2B 数据运营职业技能等级证书";
/// Inside 20211211-初级's window (2021-11-10..2021-11-21, China time).
const ON_TIME: &str = "2021-11-15 10:00";

mod common;
use common::TEMPLATE_HEADER as HEADER;

/// A resident ID of Beijing 东城区 born on `birth` (YYYYMMDD), with its check character.
fn id(birth: &str, seq: &str) -> String {
    let first17 = format!("110105{birth}{seq}");
    format!("{first17}{}", check_char(&first17).unwrap())
}

/// A cell of a fixture: text, a number, or nothing.
#[derive(Clone)]
enum V {
    T(String),
    N(f64),
}

/// One 附件1 row for 20211211-初级 that passes every check.
fn good(name: &str, id_number: &str, phone: &str) -> Vec<V> {
    [
        "1",
        name,
        "居民身份证",
        id_number,
        "",
        "",
        phone,
        ZJ,
        "电子商务",
        "2020级",
        "电商1班",
        CERT,
        "初级",
        JUNIOR,
        "否",
        "",
    ]
    .iter()
    .map(|s| V::T(s.to_string()))
    .collect()
}

/// `row` with the cell under `header` (template spelling without `*`) replaced.
fn with(mut row: Vec<V>, header: &str, v: V) -> Vec<V> {
    let i = HEADER
        .iter()
        .position(|h| h.trim_end_matches('*') == header)
        .unwrap();
    row[i] = v;
    row
}

fn t(s: &str) -> V {
    V::T(s.to_string())
}

/// Writes `rows` (row 1 first; empty text cells are left blank) as a one-sheet xlsx.
fn xlsx(path: &Path, rows: &[Vec<V>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v {
                V::T(s) if s.is_empty() => {}
                V::T(s) => {
                    ws.write_string(r as u32, c as u16, s).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r as u32, c as u16, *n).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

fn header() -> Vec<V> {
    HEADER.iter().map(|h| t(h)).collect()
}

/// A submission file: the template header then `rows`.
fn submission(path: &Path, rows: &[Vec<V>]) {
    let mut all = vec![header()];
    all.extend_from_slice(rows);
    xlsx(path, &all);
}

struct Env {
    dir: TempDir,
}

impl Env {
    /// A database with 浙江商业职业技术学院 an approved site and 义乌工商职业技术学院 known but
    /// never applied.
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        let mut s = env.store();
        let a = Actor("金贝".into());
        let schools: Vec<SchoolInfo> = [ZJ, YW]
            .iter()
            .map(|n| SchoolInfo {
                name: n.to_string(),
                province: "浙江省".into(),
                ..Default::default()
            })
            .collect();
        s.import_schools(&a, &schools).unwrap();
        let zj = s.find_school(ZJ).unwrap().id;
        s.decide_site(&a, zj, SiteAction::Apply, None).unwrap();
        s.decide_site(&a, zj, SiteAction::Approve, None).unwrap();
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("kaowu.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn store(&self) -> Store {
        Store::open(&self.db()).unwrap()
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("kaowu").unwrap();
        c.env("KAOWU_DB", self.db())
            .env_remove("KAOWU_LANG")
            .arg("--as")
            .arg("tester");
        c
    }

    /// Runs with `--json`: exit code (None if killed by a signal), the one JSON document, stderr.
    fn json(&self, args: &[&str]) -> (Option<i32>, Value, String) {
        let out = self.cmd().args(args).arg("--json").output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let v = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not one JSON document ({e}): {stdout} {stderr}"));
        (out.status.code(), v, stderr)
    }

    fn import(&self, file: &Path, school: &str, at: &str) -> (Option<i32>, Value) {
        self.intake("import", file, school, at)
    }

    fn check(&self, file: &Path, school: &str, at: &str) -> (Option<i32>, Value) {
        self.intake("check", file, school, at)
    }

    /// `kaowu check` or `kaowu import` of `file` for 20211211-初级.
    fn intake(&self, verb: &str, file: &Path, school: &str, at: &str) -> (Option<i32>, Value) {
        let (code, v, _) = self.json(&[
            verb,
            file.to_str().unwrap(),
            "--plan",
            "20211211-初级",
            "--school",
            school,
            "--received-at",
            at,
        ]);
        (code, v)
    }

    /// Row counts of every table an intake writes to, plus the audit log.
    fn footprint(&self) -> Vec<(&'static str, i64)> {
        let s = self.store();
        [
            "submission",
            "submission_file",
            "candidate",
            "problem",
            "audit",
        ]
        .into_iter()
        .map(|t| (t, s.count(t).unwrap()))
        .collect()
    }
}

/// (row, column, code) of every problem in a check/import document.
fn problems(v: &Value) -> BTreeSet<(Option<i64>, String, String)> {
    v["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("no problems in {v}"))
        .iter()
        .map(|p| {
            (
                p["row"].as_i64(),
                p["column"].as_str().unwrap_or("").to_string(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn p(row: i64, column: &str, code: &str) -> (Option<i64>, String, String) {
    (Some(row), column.to_string(), code.to_string())
}

#[test]
fn every_row_problem_code_reaches_the_json_on_its_sheet_row_and_column() {
    let env = Env::new();
    let born = "20030506";
    let ok = |seq: &str| id(born, seq);
    let wrong_check = {
        let n = ok("200");
        let c = if n.ends_with('1') { '2' } else { '1' };
        format!("{}{c}", &n[..17])
    };
    let bad_region = {
        let f = "99010520030506123";
        format!("{f}{}", check_char(f).unwrap())
    };
    let twice = ok("310");
    // Title rows above the header: the header is row 3, the first data row row 4.
    let mut rows = vec![
        vec![t("附件1 本校学生导入模板-提交")],
        vec![t("说明：带 * 为必填；证件号码请以文本格式填写")],
        header(),
    ];
    let data: Vec<Vec<V>> = vec![
        /* 4 */ good("张伟", &ok("011"), "13800138000"),
        /* 5 */ with(good("", &ok("021"), "13800138001"), "姓名", t("")),
        /* 6 */ good("王 芳", &ok("031"), "13800138002"),
        /* 7 */
        with(
            good("李娜", &ok("041"), "13800138003"),
            "证件类型",
            t("学生证"),
        ),
        /* 8 */ good("刘洋", "11010520030506041", "13800138004"),
        /* 9 */ good("陈静", "11010520030506041A", "13800138005"),
        /* 10 */ good("杨磊", &bad_region, "13800138006"),
        /* 11 */ good("赵敏", &id("20030230", "051"), "13800138007"),
        /* 12 */ good("黄强", &wrong_check, "13800138008"),
        /* 13 */
        with(
            good("周杰", "", "13800138009"),
            "证件号码",
            V::N(110105200305060610.0),
        ),
        /* 14 */ good("吴秀英", "11010519491231002X", "13800138010"),
        /* 15 */ good("郑建国", "440524188001010014", "13800138011"),
        /* 16 */ with(good("孙丽", &ok("071"), "13800138012"), "性别", t("女")),
        /* 17 */
        with(
            good("马超", &ok("081"), "13800138013"),
            "出生日期",
            t("2003-05-07"),
        ),
        /* 18 */ good("朱婷", &ok("092"), "2380013801"),
        /* 19 */
        with(
            good("胡斌", &ok("101"), "13800138015"),
            "证书名称",
            t("跨境电商数据运营证书"),
        ),
        /* 20 */
        with(
            good("郭敏", &ok("112"), "13800138016"),
            "证书等级",
            t("中级"),
        ),
        /* 21 */
        with(
            good("何军", &ok("121"), "13800138017"),
            "考试计划",
            t("1+X-跨境电商 B2B-20220108 全国统考（初级）"),
        ),
        /* 22 */ good("高翔", &twice, "13800138018"),
        /* 23 */ good("高翔", &twice, "13800138019"),
        /* 24 */ good("罗琳", &twice, "13800138020"),
        /* 25 */ with(good("梁宇", &ok("131"), "13800138021"), "是否补考", t("是")),
    ];
    rows.extend(data);
    let file = env.path("报名表-问题.xlsx");
    xlsx(&file, &rows);

    let (code, v) = env.check(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["id"], Value::Null, "check records nothing");
    assert_eq!(v["status"], "pending");
    assert_eq!(v["rows"], 22);
    assert_eq!(v["valid_rows"], 2, "rows 4 and 22 only: {v}");
    let expected: BTreeSet<_> = [
        p(5, "姓名", "name_missing"),
        p(6, "姓名", "name_spaces"),
        p(7, "证件类型", "id_type_invalid"),
        p(8, "证件号码", "id_length"),
        p(9, "证件号码", "id_chars"),
        p(10, "证件号码", "id_region"),
        p(11, "证件号码", "id_birth_date"),
        p(12, "证件号码", "id_checksum"),
        p(13, "证件号码", "id_precision_lost"),
        p(14, "证件号码", "id_age"),
        p(15, "证件号码", "id_age"),
        p(16, "性别", "gender_mismatch"),
        p(17, "出生日期", "birth_date_mismatch"),
        p(18, "手机号", "phone_invalid"),
        p(19, "证书名称", "cert_name_mismatch"),
        p(20, "证书等级", "level_mismatch"),
        p(21, "考试计划", "plan_mismatch"),
        p(23, "证件号码", "duplicate_in_file"),
        p(24, "证件号码", "duplicate_in_file"),
        p(24, "姓名", "name_conflict"),
        p(25, "是否补考", "retake_without_fail"),
    ]
    .into_iter()
    .collect();
    assert_eq!(problems(&v), expected);
    // Every problem carries a message for the school.
    for p in v["problems"].as_array().unwrap() {
        assert!(!p["message"].as_str().unwrap().trim().is_empty(), "{p}");
    }
    assert_eq!(env.store().count("submission").unwrap(), 0);

    // Imported, the same problems are stored and listed with the submission.
    let (code, v) = env.import(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(1));
    assert_eq!(problems(&v), expected);
    assert!(v["id"].as_i64().is_some());
    let s = env.store();
    assert_eq!(s.count("candidate").unwrap(), 22);
    assert_eq!(s.count("problem").unwrap(), expected.len() as i64);
}

#[test]
fn header_problems_name_the_header_row_and_the_column() {
    let env = Env::new();
    let file = env.path("缺列.xlsx");
    let mut head = header();
    // 手机号 absent, an unknown 籍贯 in its place.
    head[6] = t("籍贯");
    let mut row = good("张伟", &id("20030506", "011"), "");
    row[6] = t("浙江");
    xlsx(&file, &[vec![t("2021年12月考试报名表")], head, row]);
    let (code, v) = env.check(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(1));
    let expected: BTreeSet<_> = [
        p(2, "籍贯", "unknown_column"),
        p(2, "手机号", "missing_column"),
    ]
    .into_iter()
    .collect();
    assert_eq!(problems(&v), expected);
}

#[test]
fn headers_with_asterisks_spaces_line_breaks_and_aliases_under_titles_are_read() {
    let env = Env::new();
    let file = env.path("变体表头.xlsx");
    let variants = [
        "序号",
        " 姓 名 * ",
        "证件\n类型＊",
        "身份证号",
        "性 别",
        "出生\r\n日期",
        "联系电话*",
        "院校名称 *",
        "专业",
        "年级",
        "班级",
        "证书\n名称*",
        "**证书等级**",
        "考试 计划",
        "是否补考",
        "备注",
    ];
    let mut rows = vec![
        vec![t("附件1")],
        vec![t("1+X 跨境电商 B2B 数据运营 报名信息")],
        vec![t("填表说明：证件号码一列请设为文本")],
        variants.iter().map(|h| t(h)).collect(),
    ];
    let a = id("20030506", "011");
    let b = id("20040712", "022");
    rows.push(good("张伟", &a, "13800138000"));
    rows.push(good("李娜", &b, "1380013800"));
    xlsx(&file, &rows);
    let (code, v) = env.check(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["rows"], 2);
    assert_eq!(v["valid_rows"], 1);
    // The header is row 4; the second data row is row 6; columns keep the template's names.
    assert_eq!(
        problems(&v),
        [p(6, "手机号", "phone_invalid")].into_iter().collect()
    );

    // 身份证号码 is the other common alias.
    let file2 = env.path("别名.xlsx");
    let mut head = header();
    head[3] = t("身份证号码");
    xlsx(&file2, &[head, good("张伟", &a, "13800138000")]);
    let (code, v) = env.check(&file2, ZJ, ON_TIME);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["valid_rows"], 1);
}

#[test]
fn problems_against_accepted_registrations_reach_the_json() {
    let env = Env::new();
    // 20211211 has a 中级 sitting added at 15:00, overlapping 初级's 14:00–16:00.
    let mut s = env.store();
    s.add_plan(
        &Actor("金贝".into()),
        &PlanDraft {
            name: "1+X-跨境电商 B2B-20211211 加考（中级）".into(),
            level: Level::Intermediate,
            opens: "2021-11-10".parse().unwrap(),
            closes: "2021-11-21".parse().unwrap(),
            exam_start: parse_time("2021-12-11 15:00").unwrap(),
            exam_end: parse_time("2021-12-11 17:00").unwrap(),
            group: String::new(),
        },
    )
    .unwrap();
    drop(s);
    let first = id("20030506", "011");
    let second = id("20021103", "022");
    let file = env.path("第一批.xlsx");
    submission(
        &file,
        &[
            good("张伟", &first, "13800138000"),
            good("李娜", &second, "13800138001"),
        ],
    );
    let (code, v) = env.import(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(0), "{v}");
    let sub = v["id"].as_i64().unwrap().to_string();
    let (code, _, err) = env.json(&["decide", &sub, "accept"]);
    assert_eq!(code, Some(0), "{err}");

    // 张伟 again for the same plan; 李娜 under another name; both for the 中级 sitting overlap.
    let file = env.path("第二批.xlsx");
    let plan_zh = "1+X-跨境电商 B2B-20211211 加考（中级）";
    let mid = |name: &str, n: &str, phone: &str| {
        let r = with(good(name, n, phone), "证书等级", t("中级"));
        with(r, "考试计划", t(plan_zh))
    };
    submission(&file, &[good("张伟", &first, "13800138000")]);
    let (code, v) = env.check(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(1));
    assert_eq!(
        problems(&v),
        [p(2, "证件号码", "duplicate_in_plan")]
            .into_iter()
            .collect()
    );

    let file = env.path("中级.xlsx");
    submission(
        &file,
        &[
            mid("张伟", &first, "13800138000"),
            mid("李二娜", &second, "13800138001"),
        ],
    );
    let (code, v, err) = env.json(&[
        "check",
        file.to_str().unwrap(),
        "--plan",
        "20211211-中级",
        "--school",
        ZJ,
        "--received-at",
        ON_TIME,
    ]);
    assert_eq!(code, Some(1), "{err}");
    let got = problems(&v);
    assert!(got.contains(&p(2, "考试计划", "slot_overlap")), "{v}");
    assert!(got.contains(&p(3, "考试计划", "slot_overlap")), "{v}");
    assert!(got.contains(&p(3, "姓名", "name_conflict")), "{v}");
}

/// The status `check` gives a clean file received at `at` from the approved site.
fn status_at(env: &Env, file: &Path, at: &str) -> String {
    let (_, v) = env.check(file, ZJ, at);
    v["status"].as_str().unwrap().to_string()
}

#[test]
fn late_and_early_are_judged_in_china_time_at_the_received_time() {
    let env = Env::new();
    let file = env.path("报名表.xlsx");
    submission(
        &file,
        &[good("张伟", &id("20030506", "011"), "13800138000")],
    );
    for (at, status) in [
        ("2021-11-09 23:59", "early"),
        ("2021-11-09T15:59:59Z", "early"),
        ("2021-11-10 00:00", "pending"),
        ("2021-11-21T23:59:59+08:00", "pending"),
        ("2021-11-21T15:59:59Z", "pending"),
        ("2021-11-22 00:00", "late"),
        ("2021-11-21T16:00:00Z", "late"),
    ] {
        assert_eq!(status_at(&env, &file, at), status, "received {at}");
    }
    // A late file is still recorded, as late, with exit 1 (it cannot be accepted as it is).
    let (code, v) = env.import(&file, ZJ, "2021-11-22 00:00");
    assert_eq!(code, Some(1));
    assert_eq!(v["status"], "late");
    assert_eq!(v["received_at"], "2021-11-22T00:00:00+08:00");
    let (_, list, _) = env.json(&["submissions"]);
    assert_eq!(list["submissions"][0]["state"], "late");
}

#[test]
fn a_file_from_an_unapproved_site_waits_and_becomes_pending_on_approval() {
    let env = Env::new();
    let (code, _, err) = env.json(&["site", "apply", YW]);
    assert_eq!(code, Some(0), "{err}");
    let file = env.path("义乌-报名表.xlsx");
    let row = with(
        good("张伟", &id("20030506", "011"), "13800138000"),
        "院校名称",
        t(YW),
    );
    submission(&file, &[row]);
    let (code, v) = env.import(&file, YW, ON_TIME);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["status"], "site_not_approved");
    let id = v["id"].as_i64().unwrap();
    let (code, _, err) = env.json(&["site", "approve", YW]);
    assert_eq!(code, Some(0), "{err}");
    let (_, list, _) = env.json(&["submissions"]);
    let sub = list["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap();
    assert_eq!(sub["state"], "pending", "{list}");
}

#[test]
fn the_same_file_twice_is_recognised_and_not_imported_again() {
    let env = Env::new();
    let file = env.path("报名表.xlsx");
    submission(
        &file,
        &[
            good("张伟", &id("20030506", "011"), "13800138000"),
            good("李娜", &id("20040712", "022"), "13800138001"),
        ],
    );
    let (code, first) = env.import(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(0), "{first}");
    let after_first = env.footprint();
    // Same bytes under another name, later: still the same file.
    let copy = env.path("报名表(1).xlsx");
    std::fs::copy(&file, &copy).unwrap();
    let (code, again) = env.import(&copy, ZJ, "2021-11-16 09:00");
    assert_eq!(code, Some(1));
    assert_eq!(again["status"], "duplicate_file");
    assert_eq!(again["id"], first["id"], "names the earlier submission");
    assert_eq!(again["sha256"], first["sha256"]);
    assert_eq!(env.footprint(), after_first, "nothing imported twice");
    let (_, v) = env.check(&copy, ZJ, ON_TIME);
    assert_eq!(v["status"], "duplicate_file");
}

#[test]
fn an_import_failing_half_way_leaves_nothing_behind() {
    let env = Env::new();
    let file = env.path("报名表.xlsx");
    let rows: Vec<Vec<V>> = (0..40)
        .map(|i| {
            good(
                &format!("考生{i}"),
                &id("20030506", &format!("{:03}", 100 + i)),
                &format!("138{:08}", i),
            )
        })
        .collect();
    submission(&file, &rows);
    let before = env.footprint();
    // The database itself aborts the 30th candidate insert, after the submission, its file and
    // 28 candidates were written inside the transaction.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER fail_mid_import BEFORE INSERT ON candidate WHEN NEW.row = 31
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
    )
    .unwrap();
    let (code, _, err) = env.json(&[
        "import",
        file.to_str().unwrap(),
        "--plan",
        "20211211-初级",
        "--school",
        ZJ,
        "--received-at",
        ON_TIME,
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.trim().lines().count() <= 2,
        "one line and a hint: {err}"
    );
    assert!(!err.contains("SqliteFailure"), "no Debug dump: {err}");
    assert_eq!(env.footprint(), before, "nothing of the submission remains");
    conn.execute_batch("DROP TRIGGER fail_mid_import").unwrap();
    drop(conn);
    // Nothing half-recorded blocks the retry: the same file imports whole.
    let (code, v) = env.import(&file, ZJ, ON_TIME);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["status"], "pending");
    assert_eq!(env.store().count("candidate").unwrap(), 40);
}

// ---- hostile and broken files ---------------------------------------------------------------

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// The workbook parts around a raw sheet XML and optional shared strings.
fn raw_xlsx(path: &Path, sheet: &[u8], sst: Option<&[u8]>) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
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

/// A raw-deflate stream that inflates to `head`, then `blocks` times 4 MiB of spaces, then
/// `tail`. Each piece comes from a fresh encoder and ends on a sync flush, so it refers to
/// nothing before it and the pieces simply concatenate: gigabytes cost one 4 MiB compression.
fn deflate_bomb(head: &[u8], blocks: usize, tail: &[u8]) -> (Vec<u8>, u64) {
    use flate2::Compression;
    use flate2::write::DeflateEncoder;
    let piece = |data: &[u8], last: bool| {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        if last {
            e.finish().unwrap()
        } else {
            e.flush().unwrap();
            e.get_ref().clone()
        }
    };
    const SPACES: usize = 4 << 20;
    let spaces = piece(&vec![b' '; SPACES], false);
    let mut out = piece(head, false);
    for _ in 0..blocks {
        out.extend_from_slice(&spaces);
    }
    out.extend(piece(tail, true));
    let size = (head.len() + blocks * SPACES + tail.len()) as u64;
    (out, size)
}

/// A zip whose workbook parts are stored and whose sheet is the given deflate stream, declaring
/// its true inflated size (as any zip tool would). The sheet's CRC is left 0: a reader never
/// gets that far on a bomb, and computing it would mean inflating gigabytes here.
fn zip_with_deflated_sheet(path: &Path, deflated: &[u8], inflated: u64) {
    let mut entries: Vec<(&str, Vec<u8>, u16, u32, u32)> = Vec::new();
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        let mut crc = flate2::Crc::new();
        crc.update(body);
        entries.push((name, body.to_vec(), 0, crc.sum(), body.len() as u32));
    }
    entries.push((
        "xl/worksheets/sheet1.xml",
        deflated.to_vec(),
        8,
        0,
        u32::try_from(inflated).expect("under 4 GiB: no zip64"),
    ));
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for (name, data, method, crc, size) in &entries {
        let offset = out.len() as u32;
        le32(&mut out, 0x0403_4b50);
        for x in [20, 0, *method, 0, 0x21] {
            le16(&mut out, x);
        }
        for x in [*crc, data.len() as u32, *size] {
            le32(&mut out, x);
        }
        le16(&mut out, name.len() as u16);
        le16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        le32(&mut central, 0x0201_4b50);
        for x in [20, 20, 0, *method, 0, 0x21] {
            le16(&mut central, x);
        }
        for x in [*crc, data.len() as u32, *size] {
            le32(&mut central, x);
        }
        for x in [name.len() as u16, 0, 0, 0, 0] {
            le16(&mut central, x);
        }
        le32(&mut central, 0);
        le32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    for x in [0, 0, entries.len() as u16, entries.len() as u16] {
        le16(&mut out, x);
    }
    le32(&mut out, central.len() as u32);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    std::fs::write(path, out).unwrap();
}

/// Every kind of file the reader must refuse, each tiny on disk (the size-cap one is sparse).
fn hostile_files(env: &Env) -> Vec<(&'static str, PathBuf)> {
    let mut files = Vec::new();
    let mut add = |label: &'static str, name: &str| {
        let p = env.path(name);
        files.push((label, p.clone()));
        p
    };

    let p = add("not a zip", "随便.xlsx");
    std::fs::write(&p, "姓名,证件号码\n张伟,11010519491231002X\n").unwrap();

    let ok = env.path("完好.xlsx");
    submission(&ok, &[good("张伟", &id("20030506", "011"), "13800138000")]);
    let bytes = std::fs::read(&ok).unwrap();
    let p = add("truncated zip", "截断.xlsx");
    std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();

    // A password-protected xlsx is an OLE compound file holding an EncryptedPackage stream.
    let mut ole = vec![0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(1024, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(4096, 0);
    let p = add("encrypted (OLE)", "加密.xlsx");
    std::fs::write(&p, &ole).unwrap();
    let mut xls = ole[..8].to_vec();
    xls.resize(4096, 0);
    let p = add("old .xls (OLE)", "旧格式.xlsx");
    std::fs::write(&p, &xls).unwrap();

    // Over the 50 MB cap: sparse, so it costs nothing on disk and must not be read.
    let p = add("over the size cap", "超大.xlsx");
    std::fs::File::create(&p)
        .unwrap()
        .set_len(60 * 1000 * 1000)
        .unwrap();

    let p = add("dimension bomb A1:XFD1048576", "维度.xlsx");
    let sheet = format!(
        r#"{SHEET_HEAD}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    raw_xlsx(&p, sheet.as_bytes(), None);
    assert!(std::fs::metadata(&p).unwrap().len() < 2048, "a 2 KB file");

    let p = add("sharedStrings declaring 4 billion", "共享字符串.xlsx");
    let sheet = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
    );
    raw_xlsx(
        &p,
        sheet.as_bytes(),
        Some(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>姓名</t></si></sst>"#.as_bytes()),
    );

    // 2 GiB of sheet from about 2 MB on disk.
    let p = add("sheet inflating to 2 GiB", "膨胀.xlsx");
    let head = format!(
        r#"{SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>"#
    );
    let (deflated, inflated) = deflate_bomb(head.as_bytes(), 512, b"</sheetData></worksheet>");
    zip_with_deflated_sheet(&p, &deflated, inflated);
    assert!(inflated > 2_000_000_000);
    assert!(std::fs::metadata(&p).unwrap().len() < 4 * 1024 * 1024);
    // The same stream under headers claiming 1000 bytes: caught while inflating instead.
    let p = add(
        "sheet inflating to 2 GiB, size claimed 1000",
        "膨胀-谎报.xlsx",
    );
    zip_with_deflated_sheet(&p, &deflated, 1000);
    files
}

#[test]
fn hostile_files_are_exit_2_with_file_unreadable_and_the_database_untouched() {
    let env = Env::new();
    let before = env.footprint();
    for (label, file) in hostile_files(&env) {
        let f = file.to_str().unwrap();
        let name = file.file_name().unwrap().to_str().unwrap();
        for cmd in ["check", "import"] {
            let (code, v, err) = env.json(&[
                cmd,
                f,
                "--plan",
                "20211211-初级",
                "--school",
                ZJ,
                "--received-at",
                ON_TIME,
            ]);
            assert_eq!(code, Some(2), "{cmd} {label}: exit 2, never killed: {err}");
            let list = v["problems"].as_array().unwrap();
            assert_eq!(list.len(), 1, "{cmd} {label}: {v}");
            assert_eq!(list[0]["code"], "file_unreadable", "{cmd} {label}");
            assert_eq!(list[0]["row"], Value::Null);
            let line = err.trim();
            assert!(!line.is_empty(), "{cmd} {label}: says why on stderr");
            assert!(line.contains(name), "{cmd} {label}: names the file: {line}");
            assert!(!line.contains("panicked"), "{cmd} {label}: {line}");
            assert_eq!(env.footprint(), before, "{cmd} {label}: database untouched");
        }
    }
}

/// Problems are stored as what they say, not as Chinese sentences: a submission imported under
/// zh reads in English under `--lang en`, both from the command line and from the store.
#[test]
fn a_submission_imported_under_zh_reads_in_english_under_lang_en() {
    let env = Env::new();
    let file = env.path("空格.xlsx");
    let a = id("20030501", "123");
    xlsx(&file, &[header(), good("张 伟", &a, "12345")]);
    let (_, zh) = env.import(&file, ZJ, ON_TIME);
    let messages = |v: &Value| -> Vec<String> {
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        messages(&zh),
        [
            "姓名「张 伟」中间有空格（全角空格也算），请删除",
            "手机号「*****」有 5 个字符，应为以 1 开头的 11 位数字",
        ]
    );
    // The same file again is recognised: its problems are read back from the database.
    let (_, en, _) = env.json(&[
        "--lang",
        "en",
        "import",
        file.to_str().unwrap(),
        "--plan",
        "20211211-初级",
        "--school",
        ZJ,
        "--received-at",
        ON_TIME,
    ]);
    assert_eq!(en["status"], "duplicate_file", "{en}");
    assert_eq!(
        messages(&en),
        [
            "name \"张 伟\" contains spaces (full-width ones count): remove them",
            "phone number \"*****\" has 5 characters, should be 11 digits starting with 1",
        ]
    );
    // The console and the annotated return read the same stored problems.
    let id = zh["id"].as_i64().unwrap();
    let stored = env.store().submission_problems(id).unwrap();
    let rendered: Vec<String> = stored
        .iter()
        .map(|p| kaowu::i18n::problems::text(p, kaowu::i18n::Lang::En))
        .collect();
    assert_eq!(rendered, messages(&en));
}
