//! Privacy and hostile text in exports, end to end through the command line:
//! - the database (and its WAL files), every export and every backup are created 0600;
//! - ID and phone numbers appear in full only where the export's purpose needs them (the
//!   session roster, the platform export, and the school's own annotated return); every
//!   other output and every console screen shows them masked;
//! - text a school typed that looks like a formula (`=HYPERLINK(..)`, `+1`, `-2`, `@SUM(..)`)
//!   stays text in every export: the sheet XML holds no `<f>` element.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use kaowu::demo::people::People;
use kaowu::demo::submission::{SheetOptions, roster, write_submission_xlsx};
use kaowu::domain::Level;
use kaowu::domain::privacy::{mask_id, mask_phone};
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::site::SiteAction;
use kaowu::domain::time;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, Store};
use kaowu::tui::{App, Tab, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SCHOOL: &str = "浙江商业职业技术学院";
const PLAN: &str = "20211211-初级";

/// What schools type that a spreadsheet program would run as a formula.
const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1",
    "-2",
    "@SUM(A1)",
    "=1+1",
];

fn kaowu(db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_kaowu"))
        .args(args)
        .args(["--at", "2021-11-15 10:00", "--as", "金贝"])
        .env("KAOWU_DB", db)
        .env_remove("KAOWU_LANG")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

struct World {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
    /// Full ID and phone numbers of the candidates.
    ids: Vec<String>,
    phones: Vec<String>,
}

/// A database created by the CLI, with an approved site, an accepted submission of 22
/// students (four with formula-like names, majors and remarks) and a confirmed session.
fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let db = path.join("data").join("kaowu.db");
    // A --db folder must exist (a missing one is most likely a typo, refused).
    std::fs::create_dir(path.join("data")).unwrap();
    kaowu(&db, &["plans"]);
    {
        let mut s = Store::open(&db).unwrap();
        let a = Actor("金贝".into());
        let info = SchoolInfo {
            name: SCHOOL.into(),
            province: "浙江省".into(),
            ..Default::default()
        };
        s.import_schools(&a, &[info]).unwrap();
        let id = s.find_school(SCHOOL).unwrap().id;
        s.decide_site(&a, id, SiteAction::Apply, None).unwrap();
        s.decide_site(&a, id, SiteAction::Approve, None).unwrap();
    }
    let plan = Store::open(&db).unwrap().find_plan(PLAN).unwrap();
    let mut rows = roster(&mut People::new(11, 1999..=2003), 22, Level::Junior, None);
    for (row, text) in rows.iter_mut().zip(HOSTILE) {
        row.name = text.to_string();
        row.major = text.to_string();
        row.class = text.to_string();
        row.remark = text.to_string();
    }
    let sheet = path.join("报名表.xlsx");
    write_submission_xlsx(&sheet, &plan, SCHOOL, &rows, SheetOptions::default()).unwrap();
    let ids = rows
        .iter()
        .map(|r| r.id_number.text().into_owned())
        .collect();
    let phones = rows.iter().map(|r| r.phone.clone()).collect();
    let out = kaowu(
        &db,
        &[
            "import",
            sheet.to_str().unwrap(),
            "--plan",
            PLAN,
            "--school",
            SCHOOL,
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["valid_rows"], 22,
        "formula-like text is a valid name: {v}"
    );
    let id = v["id"].as_i64().unwrap().to_string();
    assert!(kaowu(&db, &["decide", &id, "accept"]).status.success());
    assert!(
        kaowu(&db, &["session", "confirm", PLAN, SCHOOL])
            .status
            .success()
    );
    World {
        _dir: dir,
        dir: path,
        db,
        ids,
        phones,
    }
}

/// Every worksheet's XML in an xlsx.
fn sheet_xml(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut out = Vec::new();
    for name in names {
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let mut s = String::new();
            zip.by_name(&name).unwrap().read_to_string(&mut s).unwrap();
            out.push((name, s));
        }
    }
    assert!(!out.is_empty(), "{} has no worksheet", path.display());
    out
}

/// All text of an xlsx: shared strings and inline strings, XML-escaped as stored.
fn all_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let is_xml = f.name().unwrap().ends_with(".xml");
        if is_xml {
            f.read_to_string(&mut all).unwrap();
        }
    }
    all
}

/// Whether `xml` holds `text` as XML text, with or without its quotes escaped.
fn holds(xml: &str, text: &str) -> bool {
    let amp = text.replace('&', "&amp;").replace('<', "&lt;");
    xml.contains(&amp) || xml.contains(&amp.replace('"', "&quot;"))
}

fn exports(w: &World) -> Vec<(&'static str, PathBuf)> {
    let out = |name: &str| w.dir.join(name);
    let sub = "1";
    let list = vec![
        ("returns", out("退回.xlsx")),
        ("roster", out("名单.xlsx")),
        ("platform", out("平台.xlsx")),
    ];
    kaowu(
        &w.db,
        &["export", "returns", sub, "-o", list[0].1.to_str().unwrap()],
    );
    kaowu(
        &w.db,
        &[
            "export",
            "roster",
            PLAN,
            SCHOOL,
            "-o",
            list[1].1.to_str().unwrap(),
        ],
    );
    kaowu(
        &w.db,
        &[
            "export",
            "platform",
            "--plan",
            PLAN,
            "-o",
            list[2].1.to_str().unwrap(),
        ],
    );
    list
}

#[test]
fn formula_like_text_stays_text_in_every_export() {
    let w = world();
    for (what, path) in exports(&w) {
        for (part, xml) in sheet_xml(&path) {
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "{what} {part} holds a formula"
            );
        }
        // The text itself is there, as text.
        let all = all_xml(&path);
        for text in HOSTILE {
            assert!(holds(&all, text), "{what} lost {text:?}");
        }
    }
}

#[test]
fn database_wal_exports_and_backups_are_private() {
    let w = world();
    assert_eq!(mode(&w.db), 0o600, "the database");
    // While a console is open and writing, the WAL holds recent changes: private too.
    let mut open = Store::open(&w.db).unwrap();
    let info = SchoolInfo {
        name: "义乌工商职业技术学院".into(),
        ..Default::default()
    };
    open.import_schools(&Actor("金贝".into()), &[info]).unwrap();
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", w.db.display()));
        assert_eq!(mode(&side), 0o600, "{}", side.display());
    }
    drop(open);
    for (what, path) in exports(&w) {
        assert_eq!(mode(&path), 0o600, "{what} export");
    }
    let copy = w.dir.join("备份.db");
    kaowu(&w.db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(mode(&copy), 0o600, "the backup");
}

#[test]
fn full_numbers_appear_only_where_the_purpose_needs_them() {
    let w = world();
    let full = |s: &str| -> Vec<String> {
        w.ids
            .iter()
            .chain(&w.phones)
            .filter(|n| s.contains(n.as_str()))
            .cloned()
            .collect()
    };
    // Rosters and the platform export exist to carry the numbers, the return is the school's
    // own file sent back to be fixed: all three hold them whole.
    for (what, path) in exports(&w) {
        let all = all_xml(&path);
        assert!(all.contains(&w.ids[5]), "{what} carries the full ID");
    }
    // Everything else staff see on the command line shows no full number.
    for args in [
        &["submissions"][..],
        &["submissions", "--json"],
        &["sessions"],
        &["sessions", "--json"],
        &["audit"],
        &["audit", "--json"],
        &["sites"],
    ] {
        let out = kaowu(&w.db, args);
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(full(&text).is_empty(), "{args:?} shows {:?}", full(&text));
    }
    // Nor does any console screen.
    let store = Store::open(&w.db).unwrap();
    let mut app = App::new(
        store,
        Lang::Zh,
        time::parse_time("2021-11-20 10:00").unwrap(),
        true,
        Actor("wangjuan".into()),
        Theme { color: false },
    );
    for tab in Tab::ALL {
        app.tab = tab;
        let mut t = Terminal::new(TestBackend::new(160, 48)).unwrap();
        t.draw(|f| draw(f, &app)).unwrap();
        let screen: String = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(
            full(&screen).is_empty(),
            "{tab:?} shows {:?}",
            full(&screen)
        );
    }
    // The masks keep enough to tell people apart.
    assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
    assert_eq!(mask_phone("13812345678"), "138****5678");
}
