//! The console and the staff member's desktop, through the real binary in a pseudo-terminal:
//! tests/pty plays the terminal emulator and answers ZMODEM with lrzsz (`sz` to upload, `rz` to
//! download) as Xshell or SecureCRT do, and keeps the raw bytes the console wrote, so the OSC 52
//! clipboard writes can be decoded. Files arrive byte for byte (20 MB too), a cancel mid-way
//! leaves no submission and a working console, a terminal that never answers gets the scripted
//! ways, and a pasted multi-line note stays in its field until an explicit confirm.

mod common;
mod pty;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use kaowu::domain::SiteAction;
use kaowu::domain::id_number::check_char;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::submission::SubmissionState;
use kaowu::i18n::Lang;
use kaowu::store::{Actor, Store, SubmissionFilter};
use kaowu::transfer::osc52;
use pty::{Peer, Pty, noise};

const SCHOOL: &str = "浙江商业职业技术学院";
const PLAN: &str = "20211211-初级";
const JUNIOR: &str = "1+X-跨境电商 B2B-20211211 全国统考（初级）";
const CERT: &str = "跨境电商 B2B 数据运营职业技能等级证书";
/// Inside 20211211-初级's window: an imported file is pending, not late.
const AT: &str = "2021-11-15 10:00";

struct Desk {
    dir: tempfile::TempDir,
    pty: Pty,
    console: Child,
}

impl Desk {
    /// A database with one school whose site is approved, and the console on it at 80x24.
    fn open() -> Desk {
        Desk::open_with(&[], false)
    }

    /// The same, with more environment for the console (e.g. `TMUX`), and with the school's
    /// sheet already in the inbox when `sheet_waiting` (the console imports it as it starts).
    fn open_with(env: &[(&str, &str)], sheet_waiting: bool) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kaowu.db");
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
        drop(s);
        for d in ["desk", "downloads", "inbox"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        if sheet_waiting {
            sheet(
                &dir.path()
                    .join("inbox")
                    .join(format!("{PLAN}_{SCHOOL}.xlsx")),
            );
        }
        let pty = Pty::open();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kaowu"));
        cmd.args(["--at", AT, "--as", "王娟"])
            .env("KAOWU_DB", &db)
            .env("KAOWU_INBOX", dir.path().join("inbox"))
            .env("TERM", "xterm-256color")
            .env_remove("TMUX")
            .env_remove("KAOWU_LANG")
            .env_remove("KAOWU_TEST_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let console = pty.spawn(cmd);
        pty.wait_for("\x1b[?1049h");
        pty.wait_for("\x1b[?2004h");
        Desk { dir, pty, console }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn store(&self) -> Store {
        Store::open(&self.path("kaowu.db")).unwrap()
    }

    fn submissions(&self) -> Vec<kaowu::store::SubmissionSummary> {
        self.store()
            .submissions(&SubmissionFilter::default())
            .unwrap()
    }

    /// Types keys and waits until the console has drawn what they changed.
    fn keys(&self, keys: &str) {
        for b in keys.bytes() {
            let mark = self.pty.raw_output().len();
            self.pty.type_bytes(&[b]);
            self.settle(mark);
        }
    }

    /// Waits until the console has written something after `mark` and then been quiet a moment.
    fn settle(&self, mark: usize) {
        let start = Instant::now();
        let mut last = self.pty.raw_output().len();
        let mut quiet = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(30));
            let now = self.pty.raw_output().len();
            if now != last {
                last = now;
                quiet = Instant::now();
            } else if now > mark && quiet.elapsed() > Duration::from_millis(150) {
                return;
            }
            if start.elapsed() > Duration::from_secs(20) {
                return;
            }
        }
    }

    /// Waits until `check` holds (imports run on a worker thread).
    fn until(&self, what: &str, check: impl Fn(&Desk) -> bool) {
        let start = Instant::now();
        while !check(self) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "never: {what}; screen: {}",
                self.pty.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Quits with `q` and checks the console ended cleanly with the terminal given back.
    fn quit(mut self) {
        self.keys("q");
        let start = Instant::now();
        let status = loop {
            if let Some(st) = self.console.try_wait().unwrap() {
                break st;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "q did not quit: {}",
                self.pty
                    .text_since(self.pty.raw_output().len().saturating_sub(3000))
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "{status:?}");
        let out = self.pty.output();
        assert!(out.contains("\x1b[?1049l"), "alternate screen left");
        assert!(out.contains("\x1b[?2004l"), "bracketed paste off again");
        assert!(!out.contains("panicked"), "{out}");
    }
}

/// A resident ID of Beijing 东城区 born on `birth`, with its check character.
fn id(birth: &str, seq: &str) -> String {
    let first17 = format!("110105{birth}{seq}");
    format!("{first17}{}", check_char(&first17).unwrap())
}

/// A real 附件1 for 20211211-初级 from the school: two good rows and one whose ID number has
/// a wrong check character (row 4).
fn sheet(path: &Path) {
    let header = common::TEMPLATE_HEADER;
    let bad = {
        let good = id("20020101", "123");
        let last = if good.ends_with('1') { '2' } else { '1' };
        format!("{}{last}", &good[..17])
    };
    let people = [
        ("张伟", id("20020304", "211")),
        ("李娜", id("20011111", "122")),
        ("王芳", bad),
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, idn)) in people.iter().enumerate() {
        let row = [
            (r + 1).to_string(),
            name.to_string(),
            "居民身份证".into(),
            idn.clone(),
            String::new(),
            String::new(),
            format!("1380000000{r}"),
            SCHOOL.into(),
            "电子商务".into(),
            "2020级".into(),
            "电商1班".into(),
            CERT.into(),
            "初级".into(),
            JUNIOR.into(),
            "否".into(),
            String::new(),
        ];
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn sz(file: &Path) -> Vec<String> {
    vec![
        "sz".into(),
        "--binary".into(),
        "--quiet".into(),
        file.display().to_string(),
    ]
}

fn rz() -> Vec<String> {
    ["rz", "--binary", "--quiet"].map(String::from).to_vec()
}

/// Sends the sheet from the desk with `u` on the Submissions screen and waits for its import.
fn upload_sheet(d: &Desk) -> (PathBuf, i64) {
    let file = d.path("desk").join(format!("{PLAN}_{SCHOOL}.xlsx"));
    sheet(&file);
    d.keys("4");
    d.pty.on_zmodem(Peer::Run(sz(&file), d.path("desk")));
    d.keys("u");
    assert_eq!(d.pty.peer_runs(1), vec![Some(0)], "sz finished");
    d.until("the received sheet is imported", |d| {
        d.submissions().len() == 1
    });
    // And the console has shown it (the worker's result is collected on the loop's tick).
    d.pty.wait_text_since(0, "已导入");
    let id = d.submissions()[0].id;
    (file, id)
}

#[test]
fn a_sheet_sent_from_the_desktop_is_imported_byte_for_byte_and_its_reply_copied() {
    let d = Desk::open();
    let (file, id) = upload_sheet(&d);
    let s = d.store();
    assert_eq!(
        s.submission_file(id).unwrap(),
        std::fs::read(&file).unwrap(),
        "the stored file is the one sent"
    );
    let sub = s.submission(id).unwrap();
    assert_eq!(
        (sub.state, sub.rows, sub.valid_rows),
        (SubmissionState::Pending, 3, 2)
    );
    let done = d.path("inbox/done").join(file.file_name().unwrap());
    d.until("the imported file is moved to done/", |_| done.is_file());

    // `y` copies the reply: what the terminal receives decodes to exactly the reply's text.
    let mark = d.pty.raw_output().len();
    d.keys("y");
    let copied = osc52::decode_all(&d.pty.raw_output()[mark..]);
    let reply = kaowu::replies::reply(&s, Lang::Zh, id).unwrap();
    assert_eq!(copied, vec![reply.clone()]);
    assert!(reply.contains("已收到，正在审核"), "{reply}");
    // Also shown, for a terminal that ignores OSC 52.
    d.pty.wait_text_since(mark, "已复制");
    d.keys("\x1b");
    d.quit();
}

#[test]
fn a_needs_fix_note_starts_with_the_problems_and_a_paste_never_confirms() {
    let d = Desk::open();
    let (_, id) = upload_sheet(&d);
    d.keys("f");
    // Prefilled with the problem of row 4, in plain Chinese.
    d.pty.wait_text_since(0, "第 4 行");
    // A two-line paste in brackets, then one without (a terminal that does not bracket):
    // neither confirms, both stay in the field.
    let mark = d.pty.raw_output().len();
    d.pty
        .type_bytes("\x1b[200~另：请用最新模板\r\n第二行说明\x1b[201~".as_bytes());
    d.settle(mark);
    let mark = d.pty.raw_output().len();
    d.pty.type_bytes("\r第三行".as_bytes());
    d.settle(mark);
    assert_eq!(
        d.store().submission(id).unwrap().state,
        SubmissionState::Pending,
        "no decision from a paste"
    );
    let out: String = d.pty.text_since(0).split_whitespace().collect();
    for line in ["第二行说明", "第三行"] {
        assert!(out.contains(line), "{line} drawn in the field");
    }
    // The explicit confirm takes the whole note.
    d.keys("\r");
    d.until("needs-fix recorded", |d| {
        d.store().submission(id).unwrap().state == SubmissionState::NeedsFix
    });
    let note = d.store().submission(id).unwrap().note.unwrap();
    assert!(note.starts_with("第 4 行 证件号码："), "{note}");
    assert!(
        note.contains("\n另：请用最新模板\n第二行说明\n第三行"),
        "{note:?}"
    );

    // The reply now lists the problem by row, once, with the added lines as a note.
    let mark = d.pty.raw_output().len();
    d.keys("y");
    let copied = osc52::decode_all(&d.pty.raw_output()[mark..]);
    let reply = kaowu::replies::reply(&d.store(), Lang::Zh, id).unwrap();
    assert_eq!(copied, vec![reply.clone()]);
    assert!(reply.contains("需要修改后重新发送"), "{reply}");
    assert!(reply.contains("\n第 4 行 证件号码："), "{reply}");
    assert_eq!(reply.matches("第 4 行").count(), 1, "listed once: {reply}");
    assert!(
        reply.contains("说明：另：请用最新模板\n第二行说明\n第三行\n"),
        "{reply}"
    );
    d.keys("\x1b");
    d.quit();
}

#[test]
fn an_annotated_return_is_sent_to_the_desktop_byte_for_byte() {
    let d = Desk::open();
    upload_sheet(&d);
    d.pty.on_zmodem(Peer::Run(rz(), d.path("downloads")));
    d.keys("D");
    assert_eq!(d.pty.peer_runs(2), vec![Some(0), Some(0)], "rz finished");
    // The console is back (it drops the terminal's last protocol bytes first).
    d.pty.wait_text_since(0, "已发送到本机");
    let exports: Vec<_> = std::fs::read_dir(d.path("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let name = exports[0].file_name().unwrap();
    assert_eq!(
        std::fs::read(d.path("downloads").join(name)).unwrap(),
        std::fs::read(&exports[0]).unwrap()
    );
    d.quit();
}

#[test]
fn twenty_megabytes_arrive_in_the_inbox_byte_for_byte() {
    let d = Desk::open();
    // Not a workbook: it arrives whole, the import refuses it, and it stays in the inbox.
    let file = d.path("desk").join("扫描件.xlsx");
    noise(&file, 20 * 1000 * 1000);
    d.keys("4");
    d.pty.on_zmodem(Peer::Run(sz(&file), d.path("desk")));
    let start = Instant::now();
    d.keys("u");
    assert_eq!(d.pty.peer_runs(1), vec![Some(0)]);
    let arrived = d.path("inbox").join("扫描件.xlsx");
    d.until("the file is in the inbox", |_| arrived.is_file());
    assert!(std::fs::read(&arrived).unwrap() == std::fs::read(&file).unwrap());
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    d.keys("\x1b");
    d.quit();
}

#[test]
fn a_transfer_cancelled_mid_way_leaves_no_submission_and_a_working_console() {
    let d = Desk::open();
    let file = d.path("desk").join(format!("{PLAN}_{SCHOOL}.xlsx"));
    noise(&file, 20 * 1000 * 1000);
    d.keys("4");
    d.pty
        .on_zmodem(Peer::CancelAfter(sz(&file), d.path("desk"), 2_000_000));
    let mark = d.pty.raw_output().len();
    d.keys("u");
    d.pty.peer_runs(1);
    d.pty.wait_text_since(mark, "接收已取消");
    assert!(d.submissions().is_empty());
    let left: Vec<_> = std::fs::read_dir(d.path("inbox")).unwrap().collect();
    assert!(left.is_empty(), "nothing half-received: {left:?}");
    // Still a console: another screen draws, the help opens.
    let mark = d.pty.raw_output().len();
    d.keys("1");
    d.pty.wait_text_since(mark, "概览");
    d.quit();
}

#[test]
fn a_terminal_without_zmodem_gets_the_scripted_ways_within_seconds() {
    let d = Desk::open();
    d.keys("4");
    let mark = d.pty.raw_output().len();
    let start = Instant::now();
    d.keys("u");
    d.pty.wait_text_since(mark, "没有应答");
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    d.pty.wait_text_since(mark, "import -");
    assert!(std::fs::read_dir(d.path("inbox")).unwrap().next().is_none());
    d.quit();
}

#[test]
fn the_plans_group_messages_are_copied_as_built_from_the_store() {
    let d = Desk::open();
    d.keys("2");
    let plan = d.store().find_plan(PLAN).unwrap();
    // The list is sorted by exam time: 20211211-高级 (09:00) comes first, then 初级.
    let plans = d.store().plans().unwrap();
    let at = kaowu::domain::time::parse_time(AT).unwrap();
    let first = &plans[0];
    let mark = d.pty.raw_output().len();
    d.keys("y");
    let copied = osc52::decode_all(&d.pty.raw_output()[mark..]);
    let reminder = kaowu::replies::reminder(&d.store(), Lang::Zh, first.id, at).unwrap();
    assert_eq!(copied, vec![reminder.clone()]);
    assert!(
        reminder.contains(SCHOOL),
        "the school has sent nothing: {reminder}"
    );
    d.keys("\x1b");
    let mark = d.pty.raw_output().len();
    d.keys("Y");
    let copied = osc52::decode_all(&d.pty.raw_output()[mark..]);
    let notice = kaowu::replies::notice(&d.store(), Lang::Zh, first.id).unwrap();
    assert_eq!(copied, vec![notice]);
    let _ = plan;
    d.keys("\x1b");
    d.quit();
}

#[test]
fn a_link_dropped_mid_transfer_imports_nothing_and_gives_the_terminal_back() {
    let mut d = Desk::open();
    let file = d.path("desk").join(format!("{PLAN}_{SCHOOL}.xlsx"));
    noise(&file, 20 * 1000 * 1000);
    d.keys("4");
    // The desktop end passes on a few hundred of sz's writes and then stalls, like a link that
    // went quiet (dd, not head: head would hold the handshake back in its buffer).
    let stall = format!(
        "sz --binary --quiet '{}' | {{ dd bs=64k count=300 status=none; sleep 20; }}",
        file.display()
    );
    d.pty.on_zmodem(Peer::Run(
        vec!["sh".into(), "-c".into(), stall],
        d.path("desk"),
    ));
    d.pty.type_bytes(b"u");
    // Mid-transfer: rz has started writing into the receiving folder.
    let partial = d.path("inbox").join(kaowu::transfer::PARTIAL_DIR);
    d.until("rz is receiving", |_| {
        std::fs::read_dir(&partial)
            .map(|mut e| e.next().is_some())
            .unwrap_or(false)
    });
    // SSH hangs up: SIGHUP.
    let sent = Command::new("kill")
        .args(["-HUP", &d.console.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let start = Instant::now();
    while d.console.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(5), "still running");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(d.submissions().is_empty());
    // Nothing the inbox would import. The hidden receiving folder is removed on the way out
    // when the console gets there within SIGHUP's grace, and at the next receive otherwise.
    let waiting = kaowu::intake::inbox::scan(&d.path("inbox")).unwrap();
    assert!(waiting.is_empty(), "nothing half-received: {waiting:?}");
    let out = d.pty.output();
    let tail = &out[out.rfind("\x1b[?1049h").unwrap()..];
    assert!(
        tail.contains("\x1b[?1049l"),
        "alternate screen left at the end"
    );
    assert!(!out.contains("panicked"));
}

#[test]
fn inside_tmux_the_copy_is_sent_bare_and_through_tmuxs_passthrough() {
    // ZMODEM does not work in tmux: the sheet is in the inbox when the console starts.
    let d = Desk::open_with(
        &[
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM", "screen-256color"),
        ],
        true,
    );
    d.keys("4");
    d.pty.wait_text_since(0, "已导入");
    let id = d.submissions()[0].id;
    let mark = d.pty.raw_output().len();
    d.keys("y");
    let raw = d.pty.raw_output()[mark..].to_vec();
    let reply = kaowu::replies::reply(&d.store(), Lang::Zh, id).unwrap();
    // The bare one (tmux with set-clipboard on takes it) and the wrapped one both carry it.
    assert_eq!(osc52::decode_all(&raw), vec![reply.clone(), reply.clone()]);
    // The wrapped one is for allow-passthrough, every ESC doubled.
    let wrapped = osc52::sequence(&reply, osc52::Mux::Tmux);
    let bare = osc52::sequence(&reply, osc52::Mux::None);
    let passthrough = &wrapped[bare.len()..];
    assert!(passthrough.starts_with(b"\x1bPtmux;\x1b\x1b]52;c;"));
    assert!(
        raw.windows(passthrough.len()).any(|w| w == passthrough),
        "the passthrough form reached the terminal"
    );
    d.keys("\x1b");
    d.quit();
}

#[test]
fn inside_tmux_a_transfer_is_not_tried_and_the_console_says_why_at_once() {
    let d = Desk::open_with(&[("TMUX", "/tmp/tmux-0/default,1,0")], false);
    d.keys("4");
    let mark = d.pty.raw_output().len();
    let start = Instant::now();
    d.keys("u");
    d.pty
        .wait_text_since(mark, "在 tmux 里无法用 ZMODEM 传文件");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    d.pty.wait_text_since(mark, "import -");
    let out = d.pty.output_since(mark);
    assert!(!out.contains("**\x18B0"), "rz was not started");
    d.keys("\x1b");
    d.quit();
}
