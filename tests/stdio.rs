//! `-` for files on the server's own shell: what `-o -` writes is only the file, what `-`
//! reads is recorded under `--file-name`, and a name with directories is refused. (The same
//! over an ssh login is in tests/ssh.rs.)

use assert_cmd::Command;
use serde_json::Value;

fn kaowu(dir: &tempfile::TempDir) -> Command {
    let mut c = Command::cargo_bin("kaowu").unwrap();
    c.env("KAOWU_DB", dir.path().join("kaowu.db"))
        .env_remove("KAOWU_LANG")
        .env("USER", "tester");
    c
}

/// An xlsx's parts, unpacked, by name, without the one that holds the time it was made.
fn parts(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name == "docProps/core.xml" {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        parts.push((name, bytes));
    }
    parts.sort();
    parts
}

#[test]
fn a_template_goes_to_stdout_and_is_checked_back_from_stdin_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = kaowu(&dir)
        .args(["template", "students", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.starts_with(b"PK\x03\x04"),
        "only the xlsx on stdout"
    );
    let on_disk = dir.path().join("附件1.xlsx");
    kaowu(&dir)
        .args(["template", "students", "-o"])
        .arg(&on_disk)
        .assert()
        .success();
    // Byte lengths can differ by one: the compressed docProps/core.xml carries the second the
    // file was made. Every part but that one must be the same.
    assert_eq!(
        parts(&out.stdout),
        parts(&std::fs::read(&on_disk).unwrap()),
        "the same file as written to disk"
    );

    let checked = kaowu(&dir)
        .args(["check", "-", "--plan", "20211211-初级", "--json"])
        .args(["--file-name", "空表 第1版.xlsx"])
        .write_stdin(out.stdout.clone())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(v["file"], "空表 第1版.xlsx");
    assert_eq!(v["rows"], 0);

    let refused = kaowu(&dir)
        .args(["check", "-", "--plan", "20211211-初级"])
        .args(["--file-name", "../x.xlsx"])
        .write_stdin(out.stdout)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&refused.stderr).lines().count(), 1);
}

#[test]
fn a_backup_to_stdout_is_a_database_with_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = kaowu(&dir).args(["backup", "-"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"SQLite format 3\0"));
    let copy = dir.path().join("copy.db");
    std::fs::write(&copy, &out.stdout).unwrap();
    let plans: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row("SELECT count(*) FROM plan", [], |r| r.get(0))
        .unwrap();
    assert_eq!(plans, 7, "the notice's plans");
}
