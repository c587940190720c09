//! Sessions end to end: the 20 minimum with retakes, confirm/cancel/move, admission numbers,
//! rosters and the platform export read back with calamine, slot overlaps on the notice's slots.

mod common;

use kaowu::domain::registration::Registry as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::time::parse_time;
use kaowu::domain::{Level, PlanDraft};
use kaowu::store::{Actor, Store};
use serde_json::Value;
use tempfile::TempDir;

const ZJ: &str = "浙江商业职业技术学院";
const YW: &str = "义乌工商职业技术学院";
const HZ: &str = "杭州职业技术学院";

struct Env {
    dir: TempDir,
    next: u32,
}

impl Env {
    /// A database with three approved sites.
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
            next: 0,
        };
        let schools: Vec<SchoolInfo> = [ZJ, YW, HZ]
            .iter()
            .map(|n| SchoolInfo {
                name: n.to_string(),
                province: "浙江省".into(),
                ..Default::default()
            })
            .collect();
        common::approved_sites(&mut env.store(), &schools);
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

    /// Records and accepts a file of `n` new people (the first `retakes` retakes).
    fn accept(&mut self, plan: &str, school: &str, n: usize, retakes: usize) -> Vec<String> {
        let ids: Vec<String> = (0..n)
            .map(|_| {
                self.next += 1;
                format!("3301021995{:08}", self.next)
            })
            .collect();
        self.accept_ids(plan, school, &ids, retakes);
        ids
    }

    fn accept_ids(&mut self, plan: &str, school: &str, ids: &[String], retakes: usize) {
        self.next += 1;
        let sha = format!("sha-{}", self.next);
        common::accept_ids(&mut self.store(), plan, school, ids, retakes, &sha);
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

fn session<'a>(v: &'a Value, plan: &str, site: &str) -> &'a Value {
    v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["plan"] == plan && s["site"] == site)
        .unwrap_or_else(|| panic!("no session {plan} {site} in {v}"))
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("expected a text cell, found {other:?}"),
    }
}

#[test]
fn sessions_count_retakes_against_the_minimum_of_twenty() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 19, 3);
    env.accept("20211211-初级", YW, 20, 20);
    env.accept("20211211-初级", HZ, 21, 1);
    let (code, v) = env.json(&["sessions"]);
    assert_eq!(code, 1, "an open session under 20 makes exit 1");
    let zj = session(&v, "20211211-初级", ZJ);
    assert_eq!(zj["accepted"], 19);
    assert_eq!(zj["retakes"], 3);
    assert_eq!(zj["minimum"], 20);
    assert_eq!(zj["short_by"], 1);
    assert_eq!(zj["state"], "open");
    assert_eq!(session(&v, "20211211-初级", YW)["short_by"], 0);
    assert_eq!(session(&v, "20211211-初级", YW)["retakes"], 20);
    assert_eq!(session(&v, "20211211-初级", HZ)["accepted"], 21);

    let (code, out, err) = env.run(&["sessions", "--plan", "20211211-初级"]);
    assert_eq!(code, 1);
    assert!(out.contains("还差 1 人"), "{out}");
    assert!(err.contains("1 个待确认场次不足 20 人"), "{err}");

    // Once the short session is cancelled nothing blocks any more.
    let (code, _, _) = env.run(&[
        "session",
        "cancel",
        "20211211-初级",
        ZJ,
        "--reason",
        "人数不足",
    ]);
    assert_eq!(code, 0);
    let (code, v) = env.json(&["sessions", "--plan", "20211211-初级"]);
    assert_eq!(code, 0);
    assert_eq!(session(&v, "20211211-初级", ZJ)["state"], "cancelled");
}

#[test]
fn confirm_is_refused_under_twenty_with_the_shortfall() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 18, 2);
    let (code, _, err) = env.run(&["session", "confirm", "20211211-初级", ZJ]);
    assert_eq!(code, 1);
    assert!(err.contains("还差 2 人"), "{err}");
    let (code, v) = env.json(&["session", "confirm", "20211211-初级", ZJ, "--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(v["short_by"], 2);
    assert!(v["refused"].as_str().unwrap().contains("2 short"));
    env.accept("20211211-初级", ZJ, 2, 2);
    let (code, out, _) = env.run(&["session", "confirm", "20211211-初级", ZJ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("20 人"), "{out}");
    let (_, v) = env.json(&["sessions"]);
    let s = session(&v, "20211211-初级", ZJ);
    assert_eq!(
        (s["state"].as_str(), s["retakes"].as_i64()),
        (Some("confirmed"), Some(4))
    );
    let (code, _, _) = env.run(&["session", "confirm", "20211211-初级", "没有这所学校"]);
    assert_eq!(code, 2, "an unknown school is exit 2");
}

#[test]
fn moves_and_cancels_are_audited_and_stay_within_a_level() {
    let mut env = Env::new();
    let ids = env.accept("20211211-初级", YW, 6, 1);
    env.accept("20220108-初级", YW, 15, 0);
    let (code, _, err) = env.run(&[
        "session",
        "move",
        "20211211-初级",
        YW,
        "--to",
        "20211211-高级",
        "--reason",
        "合并",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("同一等级"), "{err}");
    let (code, _, err) = env.run(&[
        "session",
        "move",
        "20211211-初级",
        YW,
        "--to",
        "20220108-初级",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--reason"), "{err}");
    let picked = format!("{},{}", ids[0], ids[1]);
    let (code, out, _) = env.run(&[
        "session",
        "move",
        "20211211-初级",
        YW,
        "--to",
        "20220108-初级",
        "--candidates",
        &picked,
        "--reason",
        "人数不足，转下一场",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("2 名考生"), "{out}");
    let (code, out, _) = env.run(&[
        "session",
        "move",
        "20211211-初级",
        YW,
        "--to",
        "20220108-初级",
        "--reason",
        "全部转走",
    ]);
    assert_eq!(code, 0, "{out}");
    let (_, v) = env.json(&["sessions"]);
    let s = session(&v, "20220108-初级", YW);
    assert_eq!(
        (s["accepted"].as_i64(), s["retakes"].as_i64()),
        (Some(21), Some(1))
    );
    assert_eq!(
        env.store().count("candidate").unwrap(),
        21,
        "nobody is deleted"
    );

    let (code, _, _) = env.run(&["session", "cancel", "20220108-初级", YW]);
    assert_eq!(code, 1, "a cancel needs a reason");
    let (code, _, _) = env.run(&[
        "session",
        "cancel",
        "20220108-初级",
        YW,
        "--reason",
        "考点停电",
    ]);
    assert_eq!(code, 0);
    // The text log names actions in words (the JSON keeps the keys).
    let (_, out, _) = env.run(&["audit", "session"]);
    assert!(
        out.contains("转移场次") && out.contains("人数不足，转下一场"),
        "{out}"
    );
    assert!(
        out.contains("取消场次") && out.contains("考点停电"),
        "{out}"
    );
    assert!(out.contains("tester"), "{out}");
}

#[test]
fn admission_numbers_are_unique_and_survive_later_changes() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 20, 0);
    env.accept("20211211-初级", YW, 19, 0);
    let roster = env.path("名单.xlsx");
    let r = roster.to_str().unwrap();
    let (code, _, err) = env.run(&["export", "roster", "20211211-初级", YW, "-o", r]);
    assert_eq!(code, 1, "a roster under 20 is refused");
    assert!(err.contains("还差 1 人"), "{err}");
    assert!(!roster.exists(), "nothing is written when refused");

    assert_eq!(env.run(&["session", "confirm", "20211211-初级", ZJ]).0, 0);
    let (code, out, _) = env.run(&["export", "roster", "20211211-初级", ZJ, "-o", r]);
    assert_eq!(code, 0, "{out}");
    let first = sheet(&roster, "考场名单");
    assert_eq!(text(&first[0][0]), "准考证号");
    assert_eq!(first.len(), 21);
    let numbers: Vec<String> = first[1..].iter().map(|row| text(&row[0])).collect();
    let school = env.store().find_school(ZJ).unwrap().id;
    assert_eq!(numbers[0], format!("202112111{school:04}0001"));
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 20);
    // Full ID and phone: the roster is for checking identities.
    assert_eq!(text(&first[1][4]).len(), 18);
    assert!(!text(&first[1][4]).contains('*'));

    // Two more people accepted later get the next numbers; the first twenty keep theirs.
    env.accept("20211211-初级", ZJ, 2, 0);
    assert_eq!(
        env.run(&["export", "roster", "20211211-初级", ZJ, "-o", r])
            .0,
        0
    );
    let again = sheet(&roster, "考场名单");
    let later: Vec<String> = again[1..].iter().map(|row| text(&row[0])).collect();
    assert_eq!(&later[..20], &numbers[..]);
    assert_eq!(later[21], format!("202112111{school:04}0022"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&roster).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn the_platform_export_is_the_template_layout_with_ids_as_text() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 20, 3);
    env.accept("20211211-初级", YW, 5, 0);
    let out = env.path("平台.xlsx");
    let (code, v) = env.json(&[
        "export",
        "platform",
        "--plan",
        "20211211-初级",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "a session under 20 is left out and named");
    assert_eq!(v["candidates"], 20);
    assert_eq!(v["skipped"][0]["site"], YW);
    assert_eq!(v["skipped"][0]["short_by"], 15);
    let rows = sheet(&out, "本校学生导入模板-提交");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    use kaowu::domain::columns::{ColumnSpec, StudentColumn};
    let expected: Vec<String> = StudentColumn::all()
        .iter()
        .map(|c| c.template_header())
        .collect();
    assert_eq!(header, expected);
    assert_eq!(rows.len(), 21);
    let id_col = header.iter().position(|h| h == "证件号码*").unwrap();
    let id = text(&rows[1][id_col]);
    assert!(id.starts_with("3301021995") && id.len() == 18, "{id}");
    let level = header.iter().position(|h| h == "证书等级*").unwrap();
    assert_eq!(text(&rows[1][level]), Level::Junior.zh());
    let retake = header.iter().position(|h| h == "是否补考").unwrap();
    assert_eq!(
        rows[1..]
            .iter()
            .filter(|r| text(&r[retake]) == "是")
            .count(),
        3
    );
}

#[test]
fn overlaps_follow_the_notices_real_slots() {
    let mut env = Env::new();
    let people = env.accept("20211211-初级", ZJ, 2, 0);
    // 2021-12-11: 高级 09:00–11:30 and 初级 14:00–16:00 do not overlap.
    env.accept_ids("20211211-高级", ZJ, &people[..1], 0);
    let (code, v) = env.json(&["overlaps"]);
    assert_eq!(code, 0);
    assert_eq!(v["overlaps"].as_array().unwrap().len(), 0);
    // An extra 中级 sitting at 15:00 the same afternoon does.
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
    env.accept_ids("20211211-中级", YW, &people[1..], 0);
    let (code, v) = env.json(&["overlaps"]);
    assert_eq!(code, 1);
    let list = v["overlaps"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["code"], "slot_overlap");
    let (_, v) = env.json(&["sessions"]);
    assert_eq!(session(&v, "20211211-初级", ZJ)["overlaps"], 1);
    assert_eq!(session(&v, "20211211-中级", YW)["overlaps"], 1);
    assert_eq!(session(&v, "20211211-高级", ZJ)["overlaps"], 0);
}

/// Writes a results sheet: a title row above the header, as real sheets have.
fn results_file(path: &Path, rows: &[[&str; 6]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "2021年6月考试成绩").unwrap();
    for (c, h) in [
        "序号",
        "证件号码",
        "姓名",
        "证书等级",
        "考试计划",
        "结果",
        "分数",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        ws.write_number(r as u32 + 2, 0, (r + 1) as f64).unwrap();
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, c as u16 + 1, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn results_import_is_all_or_nothing_and_feeds_retakes_and_history() {
    let env = Env::new();
    let plan = "1+X-跨境电商 B2B-20210612 全国统考（初级）";
    let bad = env.path("成绩-错.xlsx");
    results_file(
        &bad,
        &[
            ["11010519491231002X", "张三", "初级", plan, "未通过", "41"],
            ["44052418800101001", "李四", "初级", plan, "通过", "88"],
            ["440524188001010014", "李四", "初级", plan, "优秀", "95"],
        ],
    );
    let (code, v) = env.json(&["results", "import", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    let codes: Vec<(i64, &str)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_i64().unwrap(), p["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [(4, "id_length"), (5, "outcome_invalid")]);
    assert_eq!(env.store().count("result").unwrap(), 0, "nothing is stored");

    let good = env.path("成绩.xlsx");
    results_file(
        &good,
        &[
            ["11010519491231002x", "张三", "初级", plan, "未通过", "41"],
            [
                "440524188001010014",
                "李四",
                "中级",
                "20210613-中级",
                "缺考",
                "",
            ],
        ],
    );
    let (code, out, _) = env.run(&["results", "import", good.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("新增 2"), "{out}");
    let store = env.store();
    let registry = store.registry(1).unwrap();
    assert!(registry.has_failed("11010519491231002X", Level::Junior));
    assert!(registry.has_failed("440524188001010014", Level::Intermediate));
    assert!(!registry.has_failed("440524188001010014", Level::Junior));

    let (code, v) = env.json(&["history", "11010519491231002X"]);
    assert_eq!(code, 0);
    assert_eq!(v["results"][0]["outcome"], "fail");
    assert_eq!(v["results"][0]["exam_date"], "2021-06-12");
    let (_, out, _) = env.run(&["audit", "result.import"]);
    assert!(out.contains("成绩.xlsx"), "{out}");

    let (code, _, err) = env.run(&["results", "import", env.db().to_str().unwrap()]);
    assert_eq!(code, 2, "not an xlsx: {err}");
}

/// Excel's serial number of a China-time day and time (days since 1899-12-30).
fn serial(day: &str, hour: u32, minute: u32) -> f64 {
    let d: chrono::NaiveDate = day.parse().unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (d - epoch).num_days() as f64 + f64::from(hour * 60 + minute) / 1440.0
}

fn date_of(d: &Data) -> f64 {
    match d {
        Data::DateTime(x) => x.as_f64(),
        other => panic!("expected a date cell, found {other:?}"),
    }
}

fn number_of(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number cell, found {other:?}"),
    }
}

#[test]
fn rosters_and_platform_lists_write_counts_as_numbers_and_dates_as_dates() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 22, 3);
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute("UPDATE candidate SET birth_date = '1995-01-02'", [])
        .unwrap();
    assert_eq!(env.run(&["session", "confirm", "20211211-初级", ZJ]).0, 0);
    let roster = env.path("名单.xlsx");
    let r = roster.to_str().unwrap();
    assert_eq!(
        env.run(&["export", "roster", "20211211-初级", ZJ, "-o", r])
            .0,
        0
    );
    let info = sheet(&roster, "场次");
    let fact = |k: &str| {
        info.iter()
            .find(|row| row[0] == Data::String(k.into()))
            .unwrap_or_else(|| panic!("no {k} in {info:?}"))[1]
            .clone()
    };
    assert_eq!(number_of(&fact("考生人数")), 22.0);
    assert_eq!(number_of(&fact("其中补考")), 3.0);
    assert!((date_of(&fact("考试开始")) - serial("2021-12-11", 14, 0)).abs() < 1e-6);
    assert!((date_of(&fact("考试结束")) - serial("2021-12-11", 16, 0)).abs() < 1e-6);
    let list = sheet(&roster, "考场名单");
    assert_eq!(number_of(&list[22][1]), 22.0, "序号 is a number");

    let out = env.path("平台.xlsx");
    let o = out.to_str().unwrap();
    let args = ["export", "platform", "--plan", "20211211-初级", "-o", o];
    assert_eq!(env.run(&args).0, 0);
    let rows = sheet(&out, "本校学生导入模板-提交");
    let birth = rows[0]
        .iter()
        .position(|h| *h == Data::String("出生日期".into()))
        .unwrap();
    assert!((date_of(&rows[1][birth]) - serial("1995-01-02", 0, 0)).abs() < 1e-6);
    assert_eq!(number_of(&rows[1][0]), 1.0);
}

#[test]
fn the_roster_of_an_unconfirmed_session_says_to_confirm_it_first() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 22, 0);
    let roster = env.path("名单.xlsx");
    let r = roster.to_str().unwrap();
    let (code, _, err) = env.run(&["export", "roster", "20211211-初级", ZJ, "-o", r]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("尚未确认"), "{err}");
    assert!(
        !err.contains("已是"),
        "the session is not already anything: {err}"
    );
    assert!(!roster.exists());
}

#[test]
fn rosters_and_platform_lists_with_full_numbers_are_audited() {
    let mut env = Env::new();
    env.accept("20211211-初级", ZJ, 20, 0);
    assert_eq!(env.run(&["session", "confirm", "20211211-初级", ZJ]).0, 0);
    let roster = env.path("名单.xlsx");
    let r = roster.to_str().unwrap();
    assert_eq!(
        env.run(&["export", "roster", "20211211-初级", ZJ, "-o", r])
            .0,
        0
    );
    let platform = env.path("平台.xlsx");
    let p = platform.to_str().unwrap();
    assert_eq!(
        env.run(&["export", "platform", "--plan", "20211211-初级", "-o", p])
            .0,
        0
    );
    let log = env.store().audit_log(&Default::default(), 10, 0).unwrap();
    let entry = |action: &str| {
        log.iter()
            .find(|e| e.action == action)
            .unwrap_or_else(|| panic!("no {action} in {log:?}"))
    };
    let e = entry("export.roster");
    assert_eq!(e.actor, "tester");
    assert!(e.label.contains(ZJ), "{e:?}");
    assert!(
        e.detail.contains("名单.xlsx") && e.detail.contains("20 名考生"),
        "{e:?}"
    );
    let e = entry("export.platform");
    assert_eq!(e.label, "20211211-初级");
    assert!(e.detail.contains("平台.xlsx"), "{e:?}");
    let (_, out, _) = env.run(&["audit", "export"]);
    assert!(
        out.contains("名单.xlsx") && out.contains("平台.xlsx"),
        "{out}"
    );
}
