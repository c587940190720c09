//! A team on one server, through a real OpenSSH server on 127.0.0.1: staff added with
//! `kaowu staff`, real client keys made by `ssh-keygen`, and the `authorized_keys` kaowu wrote.
//! The key is the identity: what a person may do comes from their roles, never from what they
//! type. One sshd serves every test of this file (started once, stopped when the tests end).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use kaowu::domain::id_number::check_char;
use kaowu::domain::submission::SubmissionState;
use kaowu::domain::time::parse_time;
use kaowu::store::{Actor, AuditFilter, NewCandidate, NewSubmission, Recorded, Store};
use rust_xlsxwriter::Workbook;
use serde_json::Value;

mod common;

const SCHOOL: &str = "浙江商业职业技术学院";
const SSHD: &str = "/usr/sbin/sshd";
/// The ports this project's tests may use for sshd.
const PORTS: std::ops::RangeInclusive<u16> = 42214..=42219;

/// The people of the test team: name, roles.
const TRIAGE: &str = "王 娟";
const FINANCE: &str = "金贝";
const LEAVER: &str = "李强";
const ADMIN: &str = "张敏";
/// Two people who open the same submission in the console (ASCII, to find them in the raw
/// terminal output).
const AMY: &str = "amy";
const BOB: &str = "bob";

struct Server {
    dir: tempfile::TempDir,
    port: u16,
    user: String,
    /// Holds sshd's watchdog: when this process ends, its stdin closes and sshd is stopped.
    _watchdog: Option<Child>,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(start)
}

impl Server {
    fn db(&self) -> PathBuf {
        self.dir.path().join("kaowu.db")
    }
    fn authorized_keys(&self) -> PathBuf {
        self.dir.path().join("authorized_keys")
    }
    fn key(&self, who: &str) -> PathBuf {
        self.dir
            .path()
            .join(format!("key-{}", who.replace(' ', "_")))
    }

    /// `kaowu` on the server's own shell (IT's local login: every role).
    fn local(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kaowu"))
            .args(args)
            .env("KAOWU_DB", self.db())
            .env("KAOWU_AUTHORIZED_KEYS", self.authorized_keys())
            .env_remove("KAOWU_LANG")
            .output()
            .unwrap()
    }

    /// `ssh -p PORT -i KEY user@127.0.0.1 [extra…] COMMAND`, stdin from `input`.
    fn ssh_with(&self, who: &str, extra: &[&str], command: &str, input: &[u8]) -> Output {
        let port = self.port.to_string();
        let mut c = Command::new("ssh");
        c.args(["-F", "/dev/null", "-p", &port, "-i"])
            .arg(self.key(who))
            .args([
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
            ])
            .args(extra)
            .arg(format!("{}@127.0.0.1", self.user));
        if !command.is_empty() {
            // `--`: ssh reads options after the destination too; the command is the server's.
            c.args(["--", command]);
        }
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the OpenSSH client (apt-get install openssh-client)");
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        out
    }

    fn ssh(&self, who: &str, command: &str) -> Output {
        self.ssh_with(who, &[], command, b"")
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn run(c: &mut Command) -> Output {
    let out = c.output().unwrap();
    assert!(out.status.success(), "{c:?}: {}", text(&out.stderr));
    out
}

/// A key pair made by ssh-keygen; the public line.
fn keygen(path: &Path, comment: &str) -> String {
    run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f"])
        .arg(path));
    std::fs::read_to_string(path.with_extension("pub")).unwrap()
}

// The watchdog is never waited for: it lives as long as this process and ends after it.
#[allow(clippy::zombie_processes)]
fn start() -> Server {
    assert!(
        Path::new(SSHD).exists(),
        "{SSHD} is missing: apt-get install openssh-server (.ci/run does)"
    );
    let dir = tempfile::Builder::new()
        .prefix("team14-ssh-")
        .tempdir()
        .unwrap();
    let user = text(&run(Command::new("id").arg("-un")).stdout)
        .trim()
        .to_string();
    let root = dir.path().to_path_buf();
    let server_files = |name: &str| root.join(name);
    // sshd's privilege separation needs its empty directory.
    let _ = std::fs::create_dir_all("/run/sshd");
    run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(server_files("host_key")));

    // The team, added on the server's own shell as IT would.
    let mut s = Server {
        dir,
        port: 0,
        user,
        _watchdog: None,
    };
    seed(&s.db());
    for (who, roles) in [
        (TRIAGE, "triage"),
        (FINANCE, "finance"),
        (LEAVER, "triage"),
        (ADMIN, "admin"),
        (AMY, "triage"),
        (BOB, "triage"),
    ] {
        let key = keygen(&s.key(who), &format!("{who}@laptop"));
        let out = s.local(&["staff", "add", who, "--role", roles, "--key", key.trim()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }

    for port in PORTS {
        let config = server_files(&format!("sshd_config_{port}"));
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\n\
                 StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 UsePAM no\nPermitRootLogin prohibit-password\nAllowTcpForwarding yes\n\
                 PidFile none\nLogLevel VERBOSE\n",
                server_files("host_key").display(),
                s.authorized_keys().display()
            ),
        )
        .unwrap();
        // sshd in the foreground under a shell that stops it when our end of its stdin closes,
        // which happens when this test process exits, however it exits.
        let log = server_files(&format!("sshd_{port}.log"));
        let mut watchdog = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{SSHD} -D -e -f '{}' 2>'{}' & pid=$!; read _; kill $pid; wait $pid; rm -rf '{}'",
                config.display(),
                log.display(),
                root.display()
            ))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        loop {
            let listening = std::fs::read_to_string(&log)
                .unwrap_or_default()
                .contains(&format!("listening on 127.0.0.1 port {port}"));
            if listening {
                s.port = port;
                s._watchdog = Some(watchdog);
                return s;
            }
            let failed = std::fs::read_to_string(&log)
                .unwrap_or_default()
                .contains("Cannot bind");
            if failed || start.elapsed() > Duration::from_secs(20) {
                // Killed, not told to stop: it would remove the directory the next try uses.
                let _ = watchdog.kill();
                let _ = watchdog.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    panic!("sshd could not listen on any of the ports {PORTS:?}");
}

/// The school with an approved site and one pending submission to decide.
fn seed(db: &Path) {
    let mut s = Store::open(db).unwrap();
    let info = kaowu::domain::school::SchoolInfo {
        name: SCHOOL.into(),
        province: "浙江省".into(),
        ..Default::default()
    };
    common::approved_sites(&mut s, &[info]);
    let a = Actor("it".into());
    let candidates = [NewCandidate {
        row: 2,
        name: "张三".into(),
        id_type: "居民身份证".into(),
        id_number: "11010519491231002X".into(),
        phone: "13800000000".into(),
        valid: true,
        ..Default::default()
    }];
    let sub = NewSubmission {
        plan_id: s.find_plan("20211211-初级").unwrap().id,
        school_id: s.find_school(SCHOOL).unwrap().id,
        file_name: "第一批.xlsx",
        sha256: "seed",
        bytes: b"xlsx",
        received_at: parse_time("2021-11-15 10:00").unwrap(),
        state: SubmissionState::Pending,
        rows: 1,
        header_row: 1,
        candidates: &candidates,
        problems: &[],
    };
    assert!(matches!(
        s.record_submission(&a, &sub).unwrap(),
        Recorded::New(_)
    ));
    let console = NewSubmission {
        file_name: "console.xlsx",
        sha256: "console",
        ..sub
    };
    assert!(matches!(
        s.record_submission(&a, &console).unwrap(),
        Recorded::New(_)
    ));
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", text(&out.stdout), text(&out.stderr)))
}

fn last_audit(db: &Path, words: &str) -> kaowu::store::AuditEntry {
    let s = Store::open(db).unwrap();
    let f = AuditFilter {
        text: words.into(),
        ..Default::default()
    };
    s.audit_log(&f, 1, 0).unwrap().pop().expect(words)
}

#[test]
fn a_triage_key_lists_and_decides_and_the_audit_names_its_person() {
    let s = server();
    let out = s.ssh(TRIAGE, "submissions --json");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = json(&out);
    let seeded = list["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["file"] == "第一批.xlsx")
        .expect("the seeded submission is listed");
    let id = seeded["id"].as_i64().unwrap();
    // A reason with a space and Chinese, quoted as in a shell; a leading `kaowu` is allowed.
    let out = s.ssh(
        TRIAGE,
        &format!("kaowu decide {id} needs-fix --reason '第2行 手机号有误'"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let row = last_audit(&s.db(), "submission.needs-fix");
    assert_eq!(row.actor, TRIAGE, "the identity comes from the key");
    assert_eq!(row.reason.as_deref(), Some("第2行 手机号有误"));
}

#[test]
fn a_triage_key_cannot_pay_and_the_refusal_is_audited() {
    let s = server();
    let out = s.ssh(TRIAGE, &format!("pay {SCHOOL} 100 --ref HD-T --json"));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(json(&out)["problems"][0]["code"], "not_permitted");
    assert!(
        text(&out.stderr).contains("财务"),
        "names the role: {}",
        text(&out.stderr)
    );
    let row = last_audit(&s.db(), "not_permitted payment.record");
    assert_eq!(row.actor, TRIAGE);
    assert_eq!(row.detail, "payment.record: needs finance");
}

#[test]
fn a_finance_key_can_pay() {
    let s = server();
    let out = s.ssh(
        FINANCE,
        &format!("pay {SCHOOL} 180 --ref HD-F --date 2021-11-25 --json"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(last_audit(&s.db(), "payment.record HD-F").actor, FINANCE);
}

#[test]
fn a_key_runs_no_other_program_and_cannot_change_who_or_which_database() {
    let s = server();
    let marker = s.dir.path().join("pwned");
    for (command, says) in [
        ("bash", "bash"),
        ("sh -c id", "sh"),
        (&format!("touch {}", marker.display()), "touch"),
        ("/bin/ls /", "/bin/ls"),
        ("plans --as 金贝", "--as"),
        ("--as=金贝 plans", "--as"),
        ("plans --db /tmp/other.db", "--db"),
        ("--db=/tmp/other.db plans", "--db"),
        ("--demo plans", "--demo"),
        (&format!("serve --staff {FINANCE}"), "serve"),
        ("staff list", "管理员"),
    ] {
        let out = s.ssh(TRIAGE, command);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{command}: {}",
            text(&out.stderr)
        );
        let err = text(&out.stderr);
        assert_eq!(
            err.lines().next().map(|l| l.contains(says)),
            Some(true),
            "{command}: {err}"
        );
        assert!(out.stdout.is_empty(), "{command}: {}", text(&out.stdout));
    }
    let row = last_audit(&s.db(), "not_permitted ssh: bash");
    assert_eq!(
        (row.actor.as_str(), row.detail.as_str()),
        (TRIAGE, "ssh: bash")
    );
    // Shell syntax is only words: nothing after `;` runs.
    let out = s.ssh(TRIAGE, &format!("plans; touch {}", marker.display()));
    assert_eq!(out.status.code(), Some(2));
    assert!(!marker.exists(), "no shell ever ran");
    // An admin's key may manage the staff.
    let out = s.ssh(ADMIN, "staff --json");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(json(&out)["staff"].as_array().unwrap().len(), 6);
}

#[test]
fn a_key_cannot_forward_a_port() {
    let s = server();
    // `-W` asks the server to connect somewhere (sshd itself): `restrict` refuses.
    let target = format!("127.0.0.1:{}", s.port);
    let out = s.ssh_with(TRIAGE, &["-W", &target], "", b"");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("forwarding failed"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !text(&out.stdout).contains("SSH-2.0"),
        "no bytes from the target"
    );
    let log = std::fs::read_to_string(s.dir.path().join(format!("sshd_{}.log", s.port))).unwrap();
    assert!(
        log.contains(&format!(
            "refused local port forward: originator 127.0.0.1 port 65535, target {}",
            target.replace(':', " port ")
        )),
        "{log}"
    );
}

#[test]
fn a_disabled_persons_key_is_refused_at_once_and_enabling_gives_it_back() {
    let s = server();
    assert!(s.ssh(LEAVER, "plans").status.success());
    let out = s.local(&["staff", "disable", LEAVER, "--reason", "离职"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = s.ssh(LEAVER, "plans");
    assert_eq!(out.status.code(), Some(255), "sshd turned the key away");
    assert!(
        text(&out.stderr).contains("Permission denied"),
        "{}",
        text(&out.stderr)
    );
    let keys = std::fs::read_to_string(s.authorized_keys()).unwrap();
    assert!(!keys.contains(LEAVER), "{keys}");
    let out = s.local(&["staff", "enable", LEAVER]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(s.ssh(LEAVER, "plans").status.success());
}

/// One 附件1 row for 20211211-初级 that passes every check, under the template's header.
fn registration_sheet(path: &Path) {
    let first17 = "11010520030101003";
    let id = format!("{first17}{}", check_char(first17).unwrap());
    let header = common::TEMPLATE_HEADER;
    let row = [
        "1",
        "李四",
        "居民身份证",
        &id,
        "",
        "",
        "13900000001",
        SCHOOL,
        "电子商务",
        "2020级",
        "电商1班",
        "跨境电商 B2B 数据运营职业技能等级证书",
        "初级",
        "1+X-跨境电商 B2B-20211211 全国统考（初级）",
        "否",
        "",
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, cells) in [&header[..], &row[..]].iter().enumerate() {
        for (c, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn import_from_stdin_stores_the_submission_and_its_return_comes_back_on_stdout() {
    let s = server();
    let sheet = s.dir.path().join("报名表.xlsx");
    registration_sheet(&sheet);
    let bytes = std::fs::read(&sheet).unwrap();
    let out = s.ssh_with(
        TRIAGE,
        &[],
        &format!(
            "import - --plan 20211211-初级 --school {SCHOOL} --file-name '报名表 第2版.xlsx' \
             --received-at '2021-11-15 10:00' --json"
        ),
        &bytes,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json(&out);
    assert_eq!(v["file"], "报名表 第2版.xlsx");
    assert_eq!(v["valid_rows"], 1);
    let id = v["id"].as_i64().unwrap();
    let store = Store::open(&s.db()).unwrap();
    let stored = store.submission(id).unwrap();
    assert_eq!(stored.file_name, "报名表 第2版.xlsx");
    assert_eq!(
        store.submission_file(id).unwrap(),
        bytes,
        "the very bytes sent"
    );
    assert_eq!(last_audit(&s.db(), "submission.import 第2版").actor, TRIAGE);

    let out = s.ssh(TRIAGE, &format!("export returns {id} -o -"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        out.stdout.starts_with(b"PK\x03\x04"),
        "an xlsx on stdout, nothing else"
    );
    let back = s.dir.path().join("退回.xlsx");
    std::fs::write(&back, &out.stdout).unwrap();
    let book: calamine::Xlsx<_> = calamine::open_workbook(&back).expect("a readable xlsx");
    drop(book);

    // A path on the server is not theirs to name.
    let out = s.ssh(TRIAGE, &format!("export returns {id} -o /tmp/x.xlsx"));
    assert_eq!(out.status.code(), Some(2));
    let out = s.ssh(TRIAGE, "import /etc/passwd --plan 20211211-初级 --school x");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fingerprints_are_ssh_keygens_and_a_bad_key_or_a_removed_one_leaves_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("authorized_keys");
    let theirs = "from=\"10.0.0.9\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB6FZWyYQIEgcqWNSq1puRKD8nbnsabkR9ILy0erT3RE it@box\r\n# 备注\n";
    std::fs::write(&keys, theirs).unwrap();
    let kaowu = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kaowu"))
            .args(args)
            .env("KAOWU_DB", dir.path().join("k.db"))
            .env("KAOWU_AUTHORIZED_KEYS", &keys)
            .env_remove("KAOWU_LANG")
            .output()
            .unwrap()
    };
    let public = keygen(&dir.path().join("wang"), "王娟@laptop");
    let printed = text(
        &run(Command::new("ssh-keygen")
            .arg("-lf")
            .arg(dir.path().join("wang.pub")))
        .stdout,
    );
    let fingerprint = printed.split_whitespace().nth(1).unwrap().to_string();
    assert!(
        kaowu(&[
            "staff",
            "add",
            "王娟",
            "--role",
            "triage",
            "--key",
            public.trim()
        ])
        .status
        .success()
    );
    let listed = json(&kaowu(&["staff", "--json"]));
    assert_eq!(
        listed["staff"][0]["keys"][0]["fingerprint"],
        fingerprint.as_str()
    );
    let written = std::fs::read_to_string(&keys).unwrap();
    assert!(
        written.starts_with(theirs),
        "the other lines, byte for byte: {written:?}"
    );
    assert_eq!(written.lines().count(), 3);

    // The base64 says ed25519; the type word says rsa.
    let lying = public.replacen("ssh-ed25519", "ssh-rsa", 1);
    let out = kaowu(&["staff", "key", "add", "王娟", lying.trim()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).lines().count(),
        2,
        "one line and a hint: {}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&keys).unwrap(),
        written,
        "nothing changed"
    );

    assert!(
        kaowu(&["staff", "key", "remove", "王娟", &fingerprint])
            .status
            .success()
    );
    assert_eq!(std::fs::read_to_string(&keys).unwrap(), theirs);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&keys).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// The console of `who` over ssh in a pseudo-terminal of 80x24 (util-linux `script` gives ssh
/// a local terminal; `-tt` asks sshd for one), its raw output logged.
struct Console {
    child: Child,
    log: PathBuf,
}

impl Console {
    fn open(s: &Server, who: &str) -> Console {
        let log = s.dir.path().join(format!("console-{who}.log"));
        let ssh = format!(
            "stty cols 80 rows 24; exec ssh -tt -F /dev/null -p {} -i '{}' -o IdentitiesOnly=yes \
             -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
             -o LogLevel=ERROR {}@127.0.0.1",
            s.port,
            s.key(who).display(),
            s.user
        );
        let child = Command::new("script")
            .args(["-q", "-f", "-e", "-c", &ssh])
            .arg(&log)
            .env("TERM", "xterm-256color")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("util-linux script");
        Console { child, log }
    }

    fn output(&self) -> String {
        text(&std::fs::read(&self.log).unwrap_or_default())
    }

    fn keys(&mut self, keys: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits until the output holds `what`, up to `limit`; how long it took.
    fn wait_for(&self, what: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        while !self.output().contains(what) {
            assert!(
                start.elapsed() < limit,
                "never saw {what:?} within {limit:?} in {:?}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        start.elapsed()
    }

    /// Opens the submission `console.xlsx` from the Submissions screen.
    fn open_console_submission(&mut self) {
        self.wait_for("\u{1b}[?1049h", Duration::from_secs(60));
        self.keys("4");
        // A plan code in the list (wide characters are each placed on their own, so only
        // ASCII runs can be looked for in the raw output).
        self.wait_for("20211211-", Duration::from_secs(30));
        self.keys("/console\r\r");
        self.wait_for("console.xlsx", Duration::from_secs(30));
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn two_people_on_one_submission_see_each_other_within_two_seconds() {
    let s = server();
    let mut amy = Console::open(s, AMY);
    let mut bob = Console::open(s, BOB);
    amy.open_console_submission();
    assert!(!amy.output().contains(BOB), "nobody else is on it yet");
    bob.open_console_submission();
    let seen = amy.wait_for(BOB, Duration::from_secs(2));
    let seen_back = bob.wait_for(AMY, Duration::from_secs(2));
    eprintln!("amy saw bob after {seen:?}, bob saw amy after {seen_back:?}");
    amy.keys("\x1bq");

    // bob is disabled while his console is open: it stops at his next key, saying why.
    let out = s.local(&["staff", "disable", BOB, "--reason", "调岗"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    bob.keys("j");
    bob.wait_for("bob 已被停用，控制台已关闭", Duration::from_secs(10));
    let start = Instant::now();
    while bob.child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "bob's console ended"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
