//! The command line end to end: exit codes, JSON and one-line errors of docs/cli.md.

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("kaowu.db")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("kaowu").unwrap();
        c.env("KAOWU_DB", self.db())
            .env_remove("KAOWU_LANG")
            .env("USER", "tester");
        c
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let out = self.cmd().args(args).arg("--json").output().unwrap();
        let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        (out.status.code().unwrap(), v)
    }
}

fn window_of<'a>(v: &'a Value, code: &str) -> &'a str {
    v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .unwrap()["window"]
        .as_str()
        .unwrap()
}

#[test]
fn plans_judge_windows_at_the_given_time() {
    let env = Env::new();
    let (code, v) = env.json(&["plans", "--at", "2021-11-21 23:59"]);
    assert_eq!(code, 0);
    assert_eq!(v["at"], "2021-11-21T23:59:00+08:00");
    assert_eq!(v["plans"].as_array().unwrap().len(), 7);
    assert_eq!(window_of(&v, "20211211-初级"), "open");
    let (_, v) = env.json(&["plans", "--at", "2021-11-22 00:00"]);
    assert_eq!(window_of(&v, "20211211-初级"), "closed");
    assert_eq!(window_of(&v, "20211212-中级"), "open");
    let junior = v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "20211211-初级")
        .unwrap();
    assert_eq!(junior["name"], "1+X-跨境电商 B2B-20211211 全国统考（初级）");
    assert_eq!(junior["opens"], "2021-11-10");
    assert_eq!(junior["closes"], "2021-11-21");
    assert_eq!(junior["exam_start"], "2021-12-11T14:00:00+08:00");
    assert_eq!(junior["exam_end"], "2021-12-11T16:00:00+08:00");
    let senior = v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "20211211-高级")
        .unwrap();
    assert_eq!(senior["exam_start"], "2021-12-11T09:00:00+08:00");
    assert_eq!(senior["exam_end"], "2021-12-11T11:30:00+08:00");
}

#[test]
fn the_database_is_created_private() {
    let env = Env::new();
    env.cmd().arg("plans").assert().success();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.db()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_bad_time_is_exit_2_with_one_line_and_a_hint() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["plans", "--at", "next week"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains("next week") && err.contains("YYYY-MM-DD HH:MM"),
        "{err}"
    );
}

#[test]
fn an_unknown_plan_or_school_is_exit_2_with_a_hint() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["plan", "edit", "20211211-特级", "--name", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("20211211-特级") && err.contains("kaowu plans"),
        "{err}"
    );
    let out = env
        .cmd()
        .args(["--lang", "en", "site", "approve", "没有这所学校"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("kaowu: error: unknown school"), "{err}");
    assert!(
        !err.contains("Error {") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn bad_arguments_are_exit_2() {
    let env = Env::new();
    env.cmd().args(["site", "promote", "x"]).assert().code(2);
    env.cmd()
        .args(["sites", "--state", "happy"])
        .assert()
        .code(2);
    env.cmd().args(["decide", "abc", "accept"]).assert().code(2);
    env.cmd().args(["decide", "99", "accept"]).assert().code(2);
}

#[test]
fn a_window_change_needs_a_reason_and_lands_in_the_audit_log() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["plan", "edit", "20211211-junior", "--closes", "2021-11-23"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("--reason"));
    env.cmd()
        .args([
            "--as",
            "王娟",
            "plan",
            "edit",
            "20211211-junior",
            "--closes",
            "2021-11-23",
            "--reason",
            "延期",
        ])
        .assert()
        .success();
    let (_, v) = env.json(&["plans", "--at", "2021-11-22 12:00"]);
    assert_eq!(window_of(&v, "20211211-初级"), "open");
    let (_, log) = env.json(&["audit"]);
    let first = &log["audit"][0];
    assert_eq!(first["actor"], "王娟");
    assert_eq!(first["action"], "plan.window");
    assert_eq!(first["reason"], "延期");
}

#[test]
fn plan_form_rules_hold_on_the_command_line() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "plan",
            "add",
            "--name",
            "测试计划",
            "--level",
            "初级",
            "--opens",
            "2022-03-01",
            "--closes",
            "2022-03-10",
            "--exam-start",
            "2022-03-05 14:00",
            "--exam-end",
            "2022-03-05 16:00",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("2022-03-10")
    );
    env.cmd()
        .args([
            "plan",
            "add",
            "--name",
            "测试计划",
            "--level",
            "初级",
            "--opens",
            "2022-03-01",
            "--closes",
            "2022-03-10",
            "--exam-start",
            "2022-03-26 14:00",
            "--exam-end",
            "2022-03-26 16:00",
        ])
        .assert()
        .success();
    let (_, v) = env.json(&["plans", "--at", "2022-03-02 00:00"]);
    assert_eq!(window_of(&v, "20220326-初级"), "open");
}

/// Writes a sheet of text cells: the first row is the header.
fn sheet(path: &std::path::Path, rows: &[&[&str]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(path).unwrap();
}

const SCHOOL: &str = "浙江商业职业技术学院";

impl Env {
    /// One school loaded from an 附件2 sheet, its site in `not_applied`.
    fn with_school(self) -> Env {
        let file = self.dir.path().join("附件2.xlsx");
        sheet(
            &file,
            &[
                &["院校名称*", "省份*", "城市*", "联系人*", "联系电话*"],
                &[SCHOOL, "浙江省", "杭州市", "王娟", "17744566186"],
            ],
        );
        self.cmd()
            .args(["schools", "import"])
            .arg(&file)
            .assert()
            .success();
        self
    }

    fn site_state(&self) -> String {
        let (_, v) = self.json(&["sites"]);
        v["sites"][0]["state"].as_str().unwrap().to_string()
    }

    fn code(&self, args: &[&str]) -> i32 {
        self.cmd()
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    }
}

#[test]
fn site_decisions_follow_the_state_machine_and_are_audited() {
    let env = Env::new().with_school();
    assert_eq!(env.site_state(), "not_applied");
    // Approving a site that never applied is refused: exit 1, state unchanged.
    assert_eq!(env.code(&["site", "approve", SCHOOL]), 1);
    assert_eq!(env.site_state(), "not_applied");
    assert_eq!(env.code(&["site", "apply", SCHOOL]), 0);
    assert_eq!(env.site_state(), "pending");
    // Reject needs a reason.
    assert_eq!(env.code(&["site", "reject", SCHOOL]), 1);
    assert_eq!(env.site_state(), "pending");
    assert_eq!(env.code(&["site", "approve", SCHOOL]), 0);
    assert_eq!(env.code(&["site", "suspend", SCHOOL]), 1);
    assert_eq!(
        env.code(&["site", "suspend", SCHOOL, "--reason", "考场未整改"]),
        0
    );
    let (_, v) = env.json(&["sites", "--state", "suspended"]);
    assert_eq!(v["sites"][0]["school"], SCHOOL);
    let (_, v) = env.json(&["sites", "--state", "approved"]);
    assert_eq!(v["sites"].as_array().unwrap().len(), 0);

    let (_, log) = env.json(&["audit", "site"]);
    let actions: Vec<&str> = log["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.len(), 3, "{actions:?}");
    assert_eq!(log["audit"][0]["reason"], "考场未整改");
    assert_eq!(log["audit"][0]["actor"], "tester");
}

/// 附件1 with one valid and one faulty row for 20211211-初级.
fn submission(env: &Env) -> std::path::PathBuf {
    let file = env.dir.path().join("报名表.xlsx");
    let head: &[&str] = &[
        "姓名*",
        "证件类型*",
        "证件号码*",
        "手机号*",
        "院校名称*",
        "证书名称*",
        "证书等级*",
        "考试计划*",
    ];
    let plan = "1+X-跨境电商 B2B-20211211 全国统考（初级）";
    let cert = "跨境电商 B2B 数据运营职业技能等级证书";
    sheet(
        &file,
        &[
            head,
            &[
                "李娜",
                "居民身份证",
                "110105200303151236",
                "13800135678",
                SCHOOL,
                cert,
                "初级",
                plan,
            ],
            &[
                "张伟",
                "居民身份证",
                "110105200303151245",
                "13800135679",
                SCHOOL,
                cert,
                "初级",
                plan,
            ],
        ],
    );
    file
}

#[test]
fn a_submission_is_triaged_from_the_command_line() {
    let env = Env::new().with_school();
    env.cmd().args(["site", "apply", SCHOOL]).assert().success();
    env.cmd()
        .args(["site", "approve", SCHOOL])
        .assert()
        .success();
    let file = submission(&env);
    let file = file.to_str().unwrap();
    let args = [
        "import",
        file,
        "--plan",
        "20211211-初级",
        "--school",
        SCHOOL,
        "--received-at",
        "2021-11-15 10:00",
    ];
    let (code, v) = env.json(&args);
    assert_eq!(code, 1, "a row has a problem: {v}");
    assert_eq!(v["status"], "pending");
    assert_eq!(v["rows"], 2);
    assert_eq!(v["valid_rows"], 1, "{v}");
    assert_eq!(v["problems"][0]["row"], 3);
    assert_eq!(v["problems"][0]["column"], "证件号码");
    assert_eq!(v["problems"][0]["code"], "id_checksum");
    let id = v["id"].as_i64().unwrap().to_string();

    let (_, list) = env.json(&["submissions", "--state", "pending"]);
    assert_eq!(list["submissions"][0]["id"].to_string(), id);
    assert_eq!(list["submissions"][0]["problems"], 1);

    // Accepting a submission with a faulty row is refused unless staff choose valid rows only.
    assert_eq!(env.code(&["decide", &id, "accept"]), 1);
    assert_eq!(
        env.code(&["decide", &id, "needs-fix"]),
        1,
        "a note is required"
    );
    assert_eq!(env.code(&["decide", &id, "accept", "--valid-only"]), 0);
    let (_, list) = env.json(&["submissions"]);
    assert_eq!(list["submissions"][0]["state"], "accepted");
    // Only the valid row counts toward the session.
    let (_, sessions) = env.json(&["sessions", "--plan", "20211211-初级"]);
    assert_eq!(sessions["sessions"][0]["accepted"], 1, "{sessions}");
    // Decided is final: a second decision is refused and changes nothing.
    assert_eq!(env.code(&["decide", &id, "reject", "--reason", "重复"]), 1);
    let (_, list) = env.json(&["submissions"]);
    assert_eq!(list["submissions"][0]["state"], "accepted");

    // The annotated return names the faulty row for the school.
    let ret = env.dir.path().join("退回.xlsx");
    env.cmd()
        .args(["export", "returns", &id, "-o"])
        .arg(&ret)
        .assert()
        .success();
    assert!(ret.exists());
}

#[test]
fn backup_is_a_private_copy_that_opens_as_a_database() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new().with_school();
    let copy = env.dir.path().join("备份.db");
    env.cmd().arg("backup").arg(&copy).assert().success();
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let out = env
        .cmd()
        .env("KAOWU_DB", &copy)
        .args(["sites", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sites"][0]["school"], SCHOOL);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::process::{Command as Std, Stdio};
    let env = Env::new();
    env.cmd().arg("plans").assert().success();
    // `kaowu plans | head -1`: the reader goes away before the output is written.
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("kaowu"))
        .env("KAOWU_DB", env.db())
        .arg("plans")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn without_user_in_the_environment_the_account_name_is_recorded() {
    let env = Env::new().with_school();
    let out = env
        .cmd()
        .env_remove("USER")
        .env_remove("LOGNAME")
        .args(["site", "apply", SCHOOL])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let me = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let me = String::from_utf8(me.stdout).unwrap().trim().to_string();
    let (_, log) = env.json(&["audit", "site"]);
    assert_eq!(log["audit"][0]["actor"], me.as_str());
}

/// Under the default language (zh) every error line is Chinese: none of the store's English
/// Display texts (`unknown submission 999`, `unknown plan`, `cannot read time`…) reach it.
#[test]
fn errors_are_said_in_chinese_under_zh() {
    let env = Env::new();
    let err = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let first = |e: String| e.lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first(err(&["decide", "999", "accept"])),
        "kaowu: 错误: 没有编号为 999 的提交"
    );
    assert_eq!(
        first(err(&["plan", "edit", "20211211-特级", "--name", "x"])),
        "kaowu: 错误: 没有考试计划 “20211211-特级”"
    );
    assert_eq!(
        first(err(&["site", "approve", "没有这所学校"])),
        "kaowu: 错误: 没有院校 “没有这所学校”"
    );
    assert_eq!(
        first(err(&["plans", "--at", "next week"])),
        "kaowu: 错误: 无法识别时间「next week」：请使用 RFC 3339 或 “YYYY-MM-DD HH:MM”（北京时间）"
    );
    assert_eq!(
        first(err(&[
            "plan",
            "edit",
            "20211211-junior",
            "--closes",
            "2021-11-23"
        ])),
        "kaowu: 错误: 修改报名时间必须填写原因"
    );
    // The same under English, with the value quoted and not a Rust `{key:?}` left over.
    let out = env
        .cmd()
        .args([
            "--lang",
            "en",
            "plan",
            "edit",
            "20211211-特级",
            "--name",
            "x",
        ])
        .output()
        .unwrap();
    let line = first(String::from_utf8(out.stderr).unwrap());
    assert_eq!(line, "kaowu: error: unknown plan \"20211211-特级\"");
}

#[test]
fn extending_a_window_rejudges_files_received_in_the_extension() {
    let env = Env::new().with_school();
    assert_eq!(env.code(&["site", "apply", SCHOOL]), 0);
    assert_eq!(env.code(&["site", "approve", SCHOOL]), 0);
    let file = submission(&env);
    let file = file.to_str().unwrap();
    // 20211211-初级 closes 2021-11-21: one file a day late, one a week late.
    let mut ids = Vec::new();
    for (received, copy) in [
        ("2021-11-22 10:00", "a.xlsx"),
        ("2021-11-28 10:00", "b.xlsx"),
    ] {
        let path = env.dir.path().join(copy);
        std::fs::copy(file, &path).unwrap();
        // A different file each time (a re-sent identical file is recognised as the same).
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(copy.as_bytes());
        std::fs::write(&path, bytes).unwrap();
        let args = [
            "import",
            path.to_str().unwrap(),
            "--plan",
            "20211211-初级",
            "--school",
            SCHOOL,
            "--received-at",
            received,
        ];
        let (_, v) = env.json(&args);
        assert_eq!(v["status"], "late", "{v}");
        ids.push(v["id"].as_i64().unwrap());
    }
    let extend = [
        "plan",
        "edit",
        "20211211-初级",
        "--closes",
        "2021-11-23",
        "--reason",
        "应院校申请延期",
    ];
    assert_eq!(env.code(&extend), 0);
    let (_, list) = env.json(&["submissions"]);
    let state = |id: i64| {
        list["submissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["state"]
            .clone()
    };
    assert_eq!(state(ids[0]), "pending", "received in the extended time");
    assert_eq!(state(ids[1]), "late", "still after the new close");
    let (_, log) = env.json(&["audit", "submission.rejudge"]);
    let rows = log["audit"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{log}");
    assert_eq!(rows[0]["entity_id"], ids[0]);
    assert_eq!(rows[0]["reason"], "应院校申请延期");
    assert_eq!(rows[0]["actor"], "tester");
    // Now it can be decided like any file that came in time.
    assert_eq!(
        env.code(&["decide", &ids[0].to_string(), "accept", "--valid-only"]),
        0
    );
}

#[test]
fn a_failed_candidate_not_marked_as_a_retake_is_flagged_and_counted_as_one() {
    let env = Env::new().with_school();
    assert_eq!(env.code(&["site", "apply", SCHOOL]), 0);
    assert_eq!(env.code(&["site", "approve", SCHOOL]), 0);
    // 李娜 failed the June 初级 sitting; her school's file leaves 是否补考 empty.
    let results = env.dir.path().join("成绩.xlsx");
    sheet(
        &results,
        &[
            &["证件号码", "姓名", "证书等级", "考试计划", "结果"],
            &[
                "110105200303151236",
                "李娜",
                "初级",
                "20210612-初级",
                "未通过",
            ],
        ],
    );
    assert_eq!(
        env.code(&["results", "import", results.to_str().unwrap()]),
        0
    );
    let file = submission(&env);
    let args = [
        "import",
        file.to_str().unwrap(),
        "--plan",
        "20211211-初级",
        "--school",
        SCHOOL,
        "--received-at",
        "2021-11-15 10:00",
    ];
    let (code, v) = env.json(&args);
    assert_eq!(code, 1, "{v}");
    let flagged: Vec<&Value> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "retake_not_marked")
        .collect();
    assert_eq!(flagged.len(), 1, "{v}");
    assert_eq!(flagged[0]["row"], 2);
    assert_eq!(flagged[0]["column"], "是否补考");
    assert!(
        flagged[0]["message"].as_str().unwrap().contains("补考"),
        "{v}"
    );
    // A note, not a fault: her row stays valid (only 张伟's checksum is wrong).
    assert_eq!(v["valid_rows"], 1, "{v}");
    let id = v["id"].as_i64().unwrap().to_string();
    assert_eq!(env.code(&["decide", &id, "accept", "--valid-only"]), 0);
    let (_, sessions) = env.json(&["sessions", "--plan", "20211211-初级"]);
    assert_eq!(sessions["sessions"][0]["accepted"], 1, "{sessions}");
    assert_eq!(sessions["sessions"][0]["retakes"], 1, "counted as a retake");
    assert_eq!(env.code(&["fees", "set", "初级", "180"]), 0);
    let (_, fees) = env.json(&["fees"]);
    assert_eq!(fees["schools"][0]["free_retakes"], 1, "{fees}");
    assert_eq!(fees["schools"][0]["paying"], 0, "{fees}");
    assert_eq!(
        fees["schools"][0]["charged_fen"], 0,
        "her first retake is free"
    );
}
