//! What the bench binaries share: timing, the machine's description, a store with sites and
//! generated candidates. Figures are ratios against a baseline measured in the same run,
//! because the machine is shared and absolute times drift.

#![allow(dead_code)]

pub mod sheet;

use std::time::Instant;

use kaowu::domain::SiteAction;
use kaowu::domain::id_number::check_char;
use kaowu::domain::school::SchoolInfo;
use kaowu::store::{Actor, NewCandidate, Store};

/// Whether `cargo bench` runs us (it passes `--bench`); otherwise a quick smoke run, so the
/// binaries stay cheap when built and run by `cargo test --all-targets`.
pub fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The first numeric argument, else `default`.
pub fn count_arg(default: usize) -> usize {
    std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(default)
}

/// Wall seconds of the fastest of `runs` calls (the least disturbed by other work).
pub fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Seconds of CPU this thread has used: beside a wall time, what a step cost when other jobs
/// hold the cores.
pub fn thread_cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// `nproc` and the CPU model, for the report.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let n = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{n} cores, {cpu}")
}

pub const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
pub const GIVEN: [&str; 20] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "建华", "晓燕",
];

/// Districts of Hangzhou: 1.5 million people per district code.
const REGIONS: [&str; 8] = [
    "330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112",
];

/// The `i`-th generated person: a valid resident ID (born 2000–2004, so 14–70 at any exam of
/// the notice), a name and a phone number, all distinct per `i` below 12 million.
pub fn person(i: usize) -> (String, String, String) {
    let day = i % 1500;
    let birth =
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(day as u64);
    let seq = i / 1500;
    let region = REGIONS[(seq / 1000) % REGIONS.len()];
    let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), seq % 1000);
    let id = format!("{first17}{}", check_char(&first17).unwrap());
    let name = format!(
        "{}{}{}",
        SURNAMES[i % 20],
        GIVEN[(i / 20) % 20],
        GIVEN[(i / 400) % 20]
    );
    let phone = format!("138{:08}", i);
    (id, name, phone)
}

pub const SCHOOL: &str = "浙江商业职业技术学院";

/// A store at `path` with 浙江商业职业技术学院 (and 39 other schools) approved as exam sites.
pub fn store_with_sites(path: &std::path::Path) -> Store {
    let mut s = Store::open(path).expect("store");
    let a = Actor("金贝".into());
    let mut infos = vec![SchoolInfo {
        name: SCHOOL.into(),
        province: "浙江省".into(),
        ..Default::default()
    }];
    for i in 1..40 {
        infos.push(SchoolInfo {
            name: format!("第{i}职业技术学院"),
            province: "江苏省".into(),
            ..Default::default()
        });
    }
    s.import_schools(&a, &infos).expect("schools");
    for info in &infos {
        let id = s.find_school(&info.name).expect("school").id;
        s.decide_site(&a, id, SiteAction::Apply, None)
            .expect("apply");
        s.decide_site(&a, id, SiteAction::Approve, None)
            .expect("approve");
    }
    s
}

/// Candidate records for people `from..from + n`, as an import stores them.
pub fn candidates(from: usize, n: usize, school: &str) -> Vec<NewCandidate> {
    (from..from + n)
        .map(|i| {
            let (id, name, phone) = person(i);
            NewCandidate {
                row: (i - from) as u32 + 2,
                name,
                id_type: "居民身份证".into(),
                id_number: id,
                gender: Some(if i % 2 == 0 { "女" } else { "男" }.into()),
                birth_date: None,
                phone,
                school_name: school.into(),
                major: "电子商务".into(),
                grade: "2020级".into(),
                class: format!("电商{}班", i % 6 + 1),
                retake: false,
                remark: String::new(),
                valid: true,
            }
        })
        .collect()
}

/// Runs the kaowu binary with `args` (stdout discarded): its peak resident memory in bytes,
/// its wall time in seconds and its exit code. Linux carries a process's high-water mark
/// across `exec`, and a spawned child starts as (or shares) the spawning process's memory: so
/// this must run from a process that is still small, and it reads this one child's own usage
/// (wait4).
pub fn run_kaowu(args: &[&std::ffi::OsStr]) -> (u64, f64, Option<i32>) {
    let (rss, wall, _, code) = run_kaowu_cpu(args);
    (rss, wall, code)
}

/// [`run_kaowu`] with the child's CPU time (user + system, seconds) third: on a machine whose
/// cores other jobs hold, the fairer comparison.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, not Child::wait"
)]
pub fn run_kaowu_cpu(args: &[&std::ffi::OsStr]) -> (u64, f64, f64, Option<i32>) {
    let t = Instant::now();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_kaowu"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("run kaowu");
    let mut status = 0;
    // SAFETY: wait4 only writes the status and the struct it is given; the child is ours and
    // not waited for anywhere else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let wall = t.elapsed().as_secs_f64();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = secs(usage.ru_utime) + secs(usage.ru_stime);
    // ru_maxrss is in KiB on Linux.
    (usage.ru_maxrss as u64 * 1024, wall, cpu, code)
}
