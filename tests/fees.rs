//! Fees end to end: charges with free first retakes, payments and their reversals, invoices
//! numbered without gaps even when staff issue at the same moment, statements and the invoice
//! register read back with calamine.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use kaowu::domain::Level;
use kaowu::domain::result::{ExamResult, Outcome};
use kaowu::domain::school::SchoolInfo;
use kaowu::store::{Actor, Store};
use serde_json::Value;
use tempfile::TempDir;

const ZJ: &str = "浙江商业职业技术学院";
const YW: &str = "义乌工商职业技术学院";
const TAX: &str = "12330000470003281X";
const ISSUER: &str = "北京水木学成教育科技有限公司";
const ISSUER_TAX: &str = "91110108MA01XXXX2K";

struct Env {
    dir: TempDir,
    next: u32,
}

impl Env {
    /// A database with two approved sites whose 附件2 carries their invoice details.
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
            next: 0,
        };
        let schools: Vec<SchoolInfo> = [ZJ, YW]
            .iter()
            .map(|n| SchoolInfo {
                name: n.to_string(),
                province: "浙江省".into(),
                invoice_title: n.to_string(),
                tax_id: TAX.into(),
                ..Default::default()
            })
            .collect();
        let mut s = env.store();
        common::approved_sites(&mut s, &schools);
        s.set_issuer(&Actor("金贝".into()), ISSUER, ISSUER_TAX)
            .unwrap();
        drop(s);
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

    /// Records and accepts `n` new people for `plan` from `school`, the first `retakes` of them
    /// marked 补考 with a failed June result (so each is a first retake).
    fn accept(&mut self, plan: &str, school: &str, n: usize, retakes: usize) -> Vec<String> {
        let ids: Vec<String> = (0..n)
            .map(|_| {
                self.next += 1;
                format!("3301021995{:08}", self.next)
            })
            .collect();
        let mut s = self.store();
        let a = Actor("金贝".into());
        let fails: Vec<ExamResult> = ids[..retakes]
            .iter()
            .map(|id| ExamResult {
                id_number: id.clone(),
                name: format!("考生{}", &id[14..]),
                level: Level::Junior,
                exam_date: "2021-06-12".parse().unwrap(),
                outcome: Outcome::Fail,
            })
            .collect();
        s.import_results(&a, "成绩.xlsx", &fails).unwrap();
        self.next += 1;
        let sha = format!("sha-{}", self.next);
        common::accept_ids(&mut s, plan, school, &ids, retakes, &sha);
        ids
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("kaowu").unwrap();
        c.env("KAOWU_DB", self.db())
            .env_remove("KAOWU_LANG")
            .env("USER", "tester");
        c
    }

    /// Runs the command: exit code, stdout, stderr.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let (code, out, err) = self.run(&[args, &["--json"]].concat());
        let v = serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out} {err}"));
        (code, v)
    }
}

fn school<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["school"] == name)
        .unwrap_or_else(|| panic!("no {name} in {v}"))
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// A money cell read back, in fen.
fn fen(d: &Data) -> i64 {
    match d {
        Data::Float(f) => (f * 100.0).round() as i64,
        Data::Int(i) => i * 100,
        other => panic!("expected an amount, found {other:?}"),
    }
}

#[test]
fn fees_report_charged_paid_outstanding_with_free_retakes() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 22, 2);
    let (code, v) = env.json(&["fees"]);
    assert_eq!(code, 1, "a level with candidates but no fee is a problem");
    let zj = school(&v, ZJ);
    assert_eq!(
        zj["charged_fen"],
        Value::Null,
        "never 0 while the fee is unknown"
    );
    assert_eq!(zj["outstanding_fen"], Value::Null);
    assert_eq!(zj["fees_not_set"][0], "初级");
    let (_, _, err) = env.run(&["fees"]);
    assert!(err.contains("初级未设置考试费"), "{err}");

    assert_eq!(env.run(&["fees", "set", "初级", "180"]).0, 0);
    assert_eq!(env.run(&["fees", "set", "junior", "1,80"]).0, 2);
    let (code, _, _) = env.run(&["pay", ZJ, "1800", "--ref", "银行流水 20211125-01"]);
    assert_eq!(code, 0);
    let (code, v) = env.json(&["fees", "--school", ZJ]);
    assert_eq!(code, 0);
    let zj = school(&v, ZJ);
    assert_eq!(zj["charged_fen"], 20 * 18_000);
    assert_eq!(zj["paid_fen"], 180_000);
    assert_eq!(zj["outstanding_fen"], 20 * 18_000 - 180_000);
    assert_eq!(zj["paying"], 20);
    assert_eq!(zj["free_retakes"], 2);
    assert_eq!(v["schools"].as_array().unwrap().len(), 1);

    let (_, out, _) = env.run(&["fees"]);
    assert!(out.contains("¥3,600.00"), "{out}");
    let (code, v) = env.json(&["fees", "--school", YW]);
    assert_eq!(code, 0);
    assert_eq!(
        school(&v, YW)["charged_fen"],
        0,
        "asked for by name: listed with zeros"
    );
    assert_eq!(school(&v, YW)["outstanding_fen"], 0);
}

#[test]
fn a_wrong_payment_is_reversed_and_both_stay_on_record() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 2, 0);
    env.run(&["fees", "set", "初级", "180.50"]);
    let (code, v) = env.json(&[
        "pay",
        ZJ,
        "3610",
        "--ref",
        "ZJ-01",
        "--method",
        "对公转账",
        "--date",
        "2021-11-25",
    ]);
    assert_eq!(code, 0);
    let id = v["payment"]["id"].as_i64().unwrap();
    let (_, v) = env.json(&["fees"]);
    assert_eq!(
        school(&v, ZJ)["outstanding_fen"],
        36_100 - 361_000,
        "credit"
    );

    let (code, _, err) = env.run(&["pay", "reverse", &id.to_string()]);
    assert_eq!(code, 1, "a reversal needs a reason");
    assert!(err.contains("原因"), "{err}");
    let (code, v) = env.json(&["pay", "reverse", &id.to_string(), "--reason", "多录一个零"]);
    assert_eq!(code, 0);
    assert_eq!(v["payment"]["amount_fen"], -361_000);
    assert_eq!(v["payment"]["reverses"], id);
    let (code, _, _) = env.run(&["pay", "reverse", &id.to_string(), "--reason", "再冲"]);
    assert_eq!(code, 1, "already reversed");
    assert_eq!(env.run(&["pay", "reverse", "999", "--reason", "x"]).0, 2);
    env.run(&["pay", ZJ, "361", "--ref", "ZJ-02"]);

    let (_, v) = env.json(&["payments", "--school", ZJ]);
    let list = v["payments"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["reversed_by"], list[1]["id"]);
    let (_, v) = env.json(&["fees"]);
    assert_eq!(school(&v, ZJ)["outstanding_fen"], 0);
    let (_, v) = env.json(&["audit", "payment"]);
    assert!(v.to_string().contains("多录一个零"), "{v}");
}

#[test]
fn invoices_are_reversed_by_a_red_invoice_and_listed_per_cli_md() {
    let env = Env::new();
    let (code, v) = env.json(&["invoice", "issue", ZJ, "3600"]);
    assert_eq!(code, 0);
    let first = v["invoice"]["number"].as_str().unwrap().to_string();
    assert!(
        first.starts_with("KW") && first.ends_with("-000001"),
        "{first}"
    );
    assert_eq!(v["invoice"]["buyer_title"], ZJ);
    assert_eq!(v["invoice"]["tax_id"], TAX);

    let (code, _, err) = env.run(&["invoice", "reverse", &first]);
    assert_eq!(code, 1);
    assert!(err.contains("原因"), "{err}");
    let (code, v) = env.json(&["invoice", "reverse", &first, "--reason", "金额有误"]);
    assert_eq!(code, 0);
    let red = v["invoice"]["number"].as_str().unwrap().to_string();
    let (code, _) = env.json(&["invoice", "issue", ZJ, "1800"]);
    assert_eq!(code, 0);

    let (_, v) = env.json(&["invoices"]);
    let list = v["invoices"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["number"], first.as_str());
    assert_eq!(list[0]["state"], "reversed");
    assert_eq!(list[0]["amount_fen"], 360_000);
    assert_eq!(list[0]["refers_to"], Value::Null);
    assert_eq!(list[0]["school"], ZJ);
    assert_eq!(list[1]["number"], red.as_str());
    assert_eq!(list[1]["amount_fen"], -360_000);
    assert_eq!(list[1]["refers_to"], first.as_str());
    assert_eq!(list[1]["state"], "issued");
    assert_eq!(list[2]["state"], "issued");

    // A school without invoice details in 附件2 needs them typed.
    let mut s = env.store();
    let mut info = s.find_school(YW).unwrap().info;
    info.tax_id.clear();
    s.import_schools(&Actor("金贝".into()), &[info]).unwrap();
    let (code, _, err) = env.run(&["invoice", "issue", YW, "100"]);
    assert_eq!(code, 1);
    assert!(err.contains("纳税人识别号"), "{err}");
}

#[test]
fn two_staff_issuing_at_once_get_distinct_contiguous_numbers() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("kaowu");
    const N: usize = 6;
    let children: Vec<_> = (0..N)
        .map(|i| {
            std::process::Command::new(&bin)
                .env("KAOWU_DB", env.db())
                .env("USER", format!("staff{i}"))
                .args(["invoice", "issue", if i % 2 == 0 { ZJ } else { YW }])
                .arg(format!("{}", 100 + i))
                .arg("--json")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            v["invoice"]["number"].as_str().unwrap().to_string()
        })
        .collect();
    numbers.sort();
    let seqs: Vec<u32> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(seqs, (1..=N as u32).collect::<Vec<_>>(), "{numbers:?}");
    assert_eq!(env.store().count("invoice").unwrap(), N as i64);
}

#[test]
fn the_statement_totals_are_the_sum_of_its_lines() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 21, 1);
    env.accept("20211212-中级", ZJ, 3, 0);
    env.accept("20211211-初级", YW, 2, 0);
    env.run(&["fees", "set", "初级", "180.50"]);
    let out = env.path("对账单.xlsx");
    let (code, _, err) = env.run(&[
        "export",
        "fees",
        "--school",
        ZJ,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "中级 has no fee yet: {err}");
    let lines = sheet(&out, "明细");
    assert_eq!(
        lines.len(),
        1 + 24 + 1,
        "header, one line per candidate, total"
    );
    let total = lines.last().unwrap();
    assert_eq!(total[3], Data::String("合计".into()));
    assert_eq!(total[6], Data::Empty, "no total while a fee is unknown");

    env.run(&["fees", "set", "中级", "200"]);
    env.run(&[
        "pay",
        ZJ,
        "1000",
        "--ref",
        "=HYPERLINK(\"http://x\",\"点我\")",
    ]);
    let (code, v) = env.json(&[
        "export",
        "fees",
        "--school",
        ZJ,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let lines = sheet(&out, "明细");
    let body = &lines[1..lines.len() - 1];
    let free: Vec<_> = body
        .iter()
        .filter(|r| r[7] == Data::String("第一次补考免费".into()))
        .collect();
    assert_eq!(free.len(), 1);
    assert_eq!(fen(&free[0][6]), 0, "a free first retake is listed at 0");
    let sum: i64 = body.iter().map(|r| fen(&r[6])).sum();
    assert_eq!(sum, 20 * 18_050 + 3 * 20_000);
    assert_eq!(fen(&lines.last().unwrap()[6]), sum, "total = sum of lines");
    assert_eq!(v["charged_fen"], sum);
    assert!(
        matches!(body[0][4], Data::String(ref s) if s.len() == 18),
        "ID kept as text"
    );

    let paid = sheet(&out, "缴费");
    assert_eq!(
        paid[1][2],
        Data::String("=HYPERLINK(\"http://x\",\"点我\")".into()),
        "typed text stays text, never a formula"
    );
    assert_eq!(fen(&paid.last().unwrap()[3]), 100_000);
    let summary = sheet(&out, "汇总");
    assert_eq!(fen(&summary[1][1]), sum);
    assert_eq!(fen(&summary[3][1]), sum - 100_000);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "statements carry ID numbers");
    }
}

#[test]
fn the_invoice_register_reads_back_with_reversals() {
    let env = Env::new();
    env.run(&[
        "invoice",
        "issue",
        ZJ,
        "3600.50",
        "--title",
        "=HYPERLINK(\"http://x\")",
        "--tax-id",
        "91330000MA27XXXX0Y",
    ]);
    let (_, v) = env.json(&["invoices"]);
    let n = v["invoices"][0]["number"].as_str().unwrap().to_string();
    env.run(&["invoice", "reverse", &n, "--reason", "抬头有误"]);
    env.run(&["invoice", "issue", ZJ, "3600.50"]);
    let out = env.path("发票登记簿.xlsx");
    let (code, _, _) = env.run(&["export", "invoices", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    let rows = sheet(&out, "发票登记簿");
    assert_eq!(rows.len(), 1 + 3 + 1);
    assert_eq!(rows[1][0], Data::String(n.clone()));
    assert_eq!(rows[1][3], Data::String("=HYPERLINK(\"http://x\")".into()));
    assert_eq!(rows[1][6], Data::String("已红冲".into()));
    assert_eq!(rows[2][6], Data::String("红冲票".into()));
    assert_eq!(rows[2][7], Data::String(n));
    assert_eq!(fen(&rows[2][5]), -360_050);
    let sum: i64 = rows[1..4].iter().map(|r| fen(&r[5])).sum();
    assert_eq!(fen(&rows[4][5]), sum);
    assert_eq!(sum, 360_050);
}

#[test]
fn sites_are_owed_for_confirmed_sessions_and_payouts_reduce_it() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 20, 0);
    assert_eq!(env.run(&["session", "confirm", "20211211-初级", ZJ]).0, 0);
    assert_eq!(env.run(&["fees", "site", "per-candidate", "30"]).0, 0);
    let (code, _) = env.json(&["payout", ZJ, "200", "--ref", "FK-001"]);
    assert_eq!(code, 0);
    let (_, v) = env.json(&["payouts"]);
    let site = &v["sites"][0];
    assert_eq!(site["site"], ZJ);
    assert_eq!(site["owed_fen"], 20 * 3_000);
    assert_eq!(site["paid_fen"], 20_000);
    assert_eq!(site["outstanding_fen"], 40_000);
    let id = v["payouts"][0]["id"].as_i64().unwrap();
    let (code, _) = env.json(&["payout", "reverse", &id.to_string(), "--reason", "付错考点"]);
    assert_eq!(code, 0);
    let (_, v) = env.json(&["payouts"]);
    assert_eq!(v["sites"][0]["outstanding_fen"], 60_000);
}

#[test]
fn the_demo_shows_fees_payments_and_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaowu-demo.db");
    kaowu::demo::create(&path).unwrap();
    let out = Command::cargo_bin("kaowu")
        .unwrap()
        .env("KAOWU_DB", &path)
        .args(["invoices", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v["invoices"].as_array().unwrap();
    assert!(list.iter().any(|i| i["state"] == "reversed"), "{v}");
    assert!(list.iter().any(|i| i["refers_to"].is_string()), "{v}");
    let out = Command::cargo_bin("kaowu")
        .unwrap()
        .env("KAOWU_DB", &path)
        .args(["payments", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v["payments"].as_array().unwrap();
    assert!(list.len() >= 5);
    assert!(list.iter().any(|p| p["reverses"].is_i64()), "{v}");
}

#[test]
fn a_zero_amount_is_a_bad_argument_not_a_refused_decision() {
    let env = Env::new();
    for args in [
        &["pay", ZJ, "0", "--ref", "HK-0"][..],
        &["payout", ZJ, "0", "--ref", "FK-0"],
        &["invoice", "issue", ZJ, "0"],
    ] {
        let (code, _, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("金额必须大于 0"), "{err}");
    }
    assert_eq!(env.store().count("payment").unwrap(), 0);
}

#[test]
fn payouts_without_a_site_fee_exit_1_like_a_missing_exam_fee() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 20, 0);
    assert_eq!(env.run(&["session", "confirm", "20211211-初级", ZJ]).0, 0);
    let (code, v) = env.json(&["payouts"]);
    assert_eq!(code, 1, "a site is owed an unknown amount: {v}");
    assert_eq!(v["sites"][0]["owed_fen"], Value::Null);
    assert_eq!(env.run(&["payouts"]).0, 1);
    assert_eq!(env.run(&["fees", "site", "per-session", "500"]).0, 0);
    assert_eq!(env.json(&["payouts"]).0, 0);
}

#[test]
fn a_payout_to_a_site_without_a_confirmed_session_is_refused() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 20, 0);
    // YW has no session at all, ZJ's is still open.
    for site in [YW, ZJ] {
        let (code, _, err) = env.run(&["payout", site, "200", "--ref", "FK-001"]);
        assert_eq!(code, 1, "{site}: {err}");
        assert!(err.contains("没有已确认的场次"), "{err}");
    }
    assert_eq!(env.store().count("payout").unwrap(), 0);
    assert_eq!(env.run(&["session", "confirm", "20211211-初级", ZJ]).0, 0);
    assert_eq!(env.run(&["payout", ZJ, "200", "--ref", "FK-001"]).0, 0);
}

#[test]
fn the_issuer_is_set_once_and_printed_on_invoices_and_statements() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 2, 0);
    env.run(&["fees", "set", "初级", "180"]);
    let (code, out, _) = env.run(&["invoice", "issuer"]);
    assert_eq!(code, 0);
    assert!(out.contains(ISSUER) && out.contains(ISSUER_TAX), "{out}");
    let (code, out, err) = env.run(&["invoice", "issue", ZJ, "360"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(ISSUER),
        "the issue line names the issuer: {out}"
    );
    let (_, v) = env.json(&["invoices"]);
    assert_eq!(v["invoices"][0]["seller"]["name"], ISSUER);
    assert_eq!(v["invoices"][0]["seller"]["tax_id"], ISSUER_TAX);
    let (_, out, _) = env.run(&["invoices"]);
    assert!(out.contains(ISSUER), "{out}");

    let register = env.path("发票登记簿.xlsx");
    env.run(&["export", "invoices", "-o", register.to_str().unwrap()]);
    let rows = sheet(&register, "发票登记簿");
    assert_eq!(rows[0][10], Data::String("开票方".into()));
    assert_eq!(
        rows[1][10],
        Data::String(format!("{ISSUER}（{ISSUER_TAX}）"))
    );
    let statement = env.path("对账单.xlsx");
    let (code, _, err) = env.run(&[
        "export",
        "fees",
        "--school",
        ZJ,
        "-o",
        statement.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let summary = sheet(&statement, "汇总");
    let row = summary
        .iter()
        .find(|r| r[0] == Data::String("开票方".into()))
        .expect("an issuer row");
    assert_eq!(row[1], Data::String(format!("{ISSUER}（{ISSUER_TAX}）")));
}

#[test]
fn without_an_issuer_no_invoice_is_issued_and_the_statement_says_so() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 2, 0);
    env.run(&["fees", "set", "初级", "180"]);
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute("DELETE FROM issuer", [])
        .unwrap();
    let (code, _, err) = env.run(&["invoice", "issue", ZJ, "360"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("尚未设置开票方"), "{err}");
    assert!(
        err.contains("kaowu invoice issuer"),
        "the hint says how: {err}"
    );
    assert_eq!(env.store().count("invoice").unwrap(), 0);
    let statement = env.path("对账单.xlsx");
    let (code, _, _) = env.run(&[
        "export",
        "fees",
        "--school",
        ZJ,
        "-o",
        statement.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "a statement without its issuer is not done");
    let summary = sheet(&statement, "汇总");
    assert!(
        summary
            .iter()
            .any(|r| r[1] == Data::String("未设置开票方".into()))
    );
    let (code, _, _) = env.run(&["invoice", "issuer", ISSUER]);
    assert_eq!(code, 0);
    assert_eq!(env.run(&["invoice", "issue", ZJ, "360"]).0, 0);
}

#[test]
fn statements_and_the_register_write_money_as_numbers_and_dates_as_dates() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 2, 0);
    env.run(&["fees", "set", "初级", "180"]);
    // Paid ¥400 for ¥360 owed: a credit of ¥40.
    let args = ["pay", ZJ, "400", "--ref", "HK-1", "--date", "2021-11-20"];
    assert_eq!(env.run(&args).0, 0);
    assert_eq!(env.run(&["invoice", "issue", ZJ, "360"]).0, 0);
    let statement = env.path("对账单.xlsx");
    let s = statement.to_str().unwrap();
    assert_eq!(env.run(&["export", "fees", "--school", ZJ, "-o", s]).0, 0);
    let paid = sheet(&statement, "缴费");
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2021, 11, 20).unwrap();
    match &paid[1][0] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), (day - epoch).num_days() as f64),
        other => panic!("the payment day is a date, not {other:?}"),
    }
    let summary = sheet(&statement, "汇总");
    let credit = summary
        .iter()
        .find(|r| r[0] == Data::String("预付".into()))
        .expect("a credit row");
    assert_eq!(fen(&credit[1]), 4_000, "a number, not '¥40.00'");
    let paying = summary
        .iter()
        .find(|r| r[0] == Data::String("缴费人数".into()))
        .unwrap();
    assert_eq!(paying[1], Data::Float(2.0));

    let register = env.path("发票登记簿.xlsx");
    env.run(&["export", "invoices", "-o", register.to_str().unwrap()]);
    let rows = sheet(&register, "发票登记簿");
    assert!(
        matches!(rows[1][1], Data::DateTime(_)),
        "issued at is a date-time: {:?}",
        rows[1][1]
    );
}
