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
