//! National scale: what a school's small file, the commands staff run and a backup cost when
//! the database holds N candidates (default 5,000,000: two years of the national pilot), each
//! as a ratio to the same work on an empty database measured in the same run.
//!
//! The database: 1,500 approved sites, 16 plans (the notice's 7 and 9 more), fee rates, and N
//! accepted candidates in 200-row submissions spread over the (plan, school) sessions, each
//! with a 14 KB file kept as a real one would be. It is made through the store's own calls
//! with the candidate indexes built once at the end (`Store::bulk_fill`), in a child process,
//! and kept in `target/kaowu-bench/` for the next run (delete it to make it again). The empty
//! database has the same sites, plans and fees.
//!
//! Figures, on copies of both databases:
//! - `check_file` and `import_file` of a 200-row file (20 of its people already in the full
//!   database), best of 5, in process; and the child `kaowu check` / `kaowu import`: wall time
//!   and peak resident memory (goal: at most 2x the empty database, under 100 MB);
//! - the 100,000-row import as a ratio to calamine alone reading the file, into the empty and
//!   into the full database (once each: it is the slow one);
//! - `kaowu sessions`, `kaowu fees` and `kaowu submissions`, as text and `--json`, as child
//!   processes, best of 5 (goal < 50 ms);
//! - `kaowu backup` of the full database against `sqlite3 .backup` of the same file (skipped
//!   with a note without `sqlite3`), and bytes on disk per candidate.
//!
//! The console at the same size: `cargo bench --bench console -- --db PATH` on the kept
//! database (this bench prints its path).
//!
//! Run: `cargo bench --bench scale` (add `-- N` for another candidate count).

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{Reader, Xlsx, open_workbook};
use common::sheet::{PLAN, write_submission};
use common::{SCHOOL, benching, best, candidates, count_arg, machine, run_kaowu, run_kaowu_cpu};
use kaowu::domain::plan::PlanDraft;
use kaowu::domain::school::SchoolInfo;
use kaowu::domain::submission::SubmissionState;
use kaowu::domain::time::parse_time;
use kaowu::domain::{Level, SiteAction};
use kaowu::i18n::Lang;
use kaowu::intake::Limits;
use kaowu::intake::submission::{Arrival, Imported, check_file, import_file};
use kaowu::store::{Actor, NewSubmission, Recorded, Store};

/// Rows of a school's file in the generated database and in the small file measured.
const FILE_ROWS: usize = 200;
/// Sites of the national pilot.
const SCHOOLS: usize = 1500;
/// Bytes of a 200-row school file as Excel saves it, kept with each submission.
const FILE_BYTES: usize = 14_000;
/// People of the small file who are already in the full database.
const KNOWN: usize = 20;

/// Makes the database of `n` candidates at `path` (child mode: this process stays small).
fn generate(path: &Path, n: usize) {
    let mut s = Store::open(path).expect("store");
    let a = Actor("金贝".into());
    let mut infos = vec![SchoolInfo {
        name: SCHOOL.into(),
        province: "浙江省".into(),
        ..Default::default()
    }];
    infos.extend((1..SCHOOLS).map(|i| SchoolInfo {
        name: format!("第{i}职业技术学院"),
        province: "江苏省".into(),
        ..Default::default()
    }));
    s.import_schools(&a, &infos).expect("schools");
    let mut schools = Vec::new();
    for info in &infos {
        let id = s.find_school(&info.name).expect("school").id;
        s.decide_site(&a, id, SiteAction::Apply, None)
            .expect("apply");
        s.decide_site(&a, id, SiteAction::Approve, None)
            .expect("approve");
        schools.push((id, info.name.clone()));
    }
    // Eight plans a year: the notice's seven and nine more on later days.
    let levels = [Level::Junior, Level::Intermediate, Level::Senior];
    for k in 0..9 {
        let day = format!("2022-{:02}-{:02}", 3 + k / 3, 5 + 7 * (k % 3));
        let level = levels[k % 3];
        s.add_plan(
            &a,
            &PlanDraft {
                name: format!(
                    "1+X-跨境电商 B2B-{} 全国统考（{}）",
                    day.replace('-', ""),
                    level.zh()
                ),
                level,
                opens: "2022-01-10".parse().unwrap(),
                closes: "2022-02-20".parse().unwrap(),
                exam_start: parse_time(&format!("{day} 14:00")).unwrap(),
                exam_end: parse_time(&format!("{day} 16:00")).unwrap(),
                group: String::new(),
            },
        )
        .expect("plan");
    }
    for (level, fen) in [
        (Level::Junior, 18_000),
        (Level::Intermediate, 22_000),
        (Level::Senior, 26_000),
    ] {
        s.set_fee(&a, level, fen).expect("fee");
    }
    let plans: Vec<i64> = s.plans().expect("plans").iter().map(|p| p.id).collect();
    let file = vec![0u8; FILE_BYTES];
    s.bulk_fill(|s| {
        for f in 0..n.div_ceil(FILE_ROWS) {
            let rows = FILE_ROWS.min(n - f * FILE_ROWS);
            let (school_id, school) = &schools[(f / plans.len()) % schools.len()];
            let cands = candidates(f * FILE_ROWS, rows, school);
            let sha = format!("bulk-{f}");
            let sub = NewSubmission {
                plan_id: plans[f % plans.len()],
                school_id: *school_id,
                file_name: "报名表.xlsx",
                sha256: &sha,
                bytes: &file,
                received_at: parse_time("2021-11-15 10:00").unwrap(),
                state: SubmissionState::Accepted,
                rows,
                header_row: 2,
                candidates: &cands,
                problems: &[],
            };
            let Recorded::New(_) = s.record_submission(&a, &sub)? else {
                panic!("a new submission")
            };
        }
        Ok(())
    })
    .expect("fill");
}

/// The database of `n` candidates, made by a child process unless `dir` holds it already.
fn database(dir: &Path, n: usize) -> (PathBuf, Option<f64>) {
    let path = dir.join(format!("scale-{n}.db"));
    if path.exists() {
        return (path, None);
    }
    std::fs::create_dir_all(dir).expect("bench dir");
    let part = dir.join(format!("scale-{n}.db.part"));
    for stale in [
        part.clone(),
        part.with_extension("part-wal"),
        part.with_extension("part-shm"),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    let t = Instant::now();
    let made = Command::new(std::env::current_exe().expect("this bench"))
        .arg("--generate")
        .arg(&part)
        .arg(n.to_string())
        .status()
        .expect("generate");
    assert!(made.success());
    std::fs::rename(&part, &path).expect("keep the database");
    (path, Some(t.elapsed().as_secs_f64()))
}

fn calamine_alone(path: &Path) -> usize {
    let mut wb: Xlsx<_> = open_workbook(path).expect("open");
    let range = wb
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.used_cells().count()
}

fn os<'a>(args: &[&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(|a| OsStr::new(*a)).collect()
}

/// CPU seconds this process has used (user + system, every thread).
fn own_cpu() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// The people of the k-th small file at size n: KNOWN of them already in the full database.
fn small_file_rows(n: usize, k: usize) -> impl Iterator<Item = usize> {
    let known = (0..KNOWN).map(move |j| (k * 7919 + j * (n / KNOWN).max(1)) % n.max(1));
    let new = (0..FILE_ROWS - KNOWN).map(move |j| n + 1000 + k * FILE_ROWS + j);
    known.chain(new)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, path, n] = args.as_slice()
        && mode == "--generate"
    {
        generate(Path::new(path), n.parse().expect("a candidate count"));
        return;
    }
    // The k-th small file of a run at size n, to profile an import by hand:
    // `scale --small-file OUT N K`.
    if let [_, mode, path, n, k] = args.as_slice()
        && mode == "--small-file"
    {
        let (n, k): (usize, usize) = (n.parse().expect("N"), k.parse().expect("K"));
        write_submission(Path::new(path), small_file_rows(n, k));
        return;
    }
    // A file of COUNT new people from person FROM on, to profile a large import by hand:
    // `scale --file OUT FROM COUNT`.
    if let [_, mode, path, from, count] = args.as_slice()
        && mode == "--file"
    {
        let (from, count): (usize, usize) =
            (from.parse().expect("FROM"), count.parse().expect("COUNT"));
        write_submission(Path::new(path), from..from + count);
        return;
    }
    let n = count_arg(if benching() { 5_000_000 } else { 1_000 });
    let runs = if benching() { 5 } else { 1 };
    let big_rows = if benching() { 100_000 } else { 300 };
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    // Smoke runs make their own small database each time; a bench keeps its large one.
    let keep = if benching() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/kaowu-bench")
    } else {
        dir.to_path_buf()
    };
    let (kept, made) = database(&keep, n);
    let (empty_kept, _) = database(dir, 0);
    let full = dir.join("full.db");
    let empty = dir.join("empty.db");
    let t = Instant::now();
    std::fs::copy(&kept, &full).expect("copy");
    std::fs::copy(&empty_kept, &empty).expect("copy");
    let copy = t.elapsed().as_secs_f64();
    println!("machine: {}", machine());
    match made {
        Some(s) => println!(
            "made the database of {n} candidates in {s:.1} s: {}",
            kept.display()
        ),
        None => println!(
            "the database of {n} candidates, made before: {}",
            kept.display()
        ),
    }
    let (full_size, empty_size) = (size(&full), size(&empty));
    println!(
        "  {:.1} MB on disk, {:.0} bytes per candidate over the empty database's {:.1} MB; copied in {copy:.1} s",
        full_size as f64 / 1e6,
        (full_size - empty_size) as f64 / n.max(1) as f64,
        empty_size as f64 / 1e6
    );

    // Small files: each run a file of its own (an import of the same bytes is a duplicate).
    let files: Vec<PathBuf> = (0..=runs)
        .map(|k| {
            let path = dir.join(format!("small-{k}.xlsx"));
            write_submission(&path, small_file_rows(n, k));
            path
        })
        .collect();

    let limits = Limits::default();
    let received = parse_time("2021-11-15 10:00").unwrap();
    // Wall and CPU seconds (both threads) of an import, and the CPU of the checkpoint after it
    // (what `kaowu import` runs once the result is printed).
    let import = |db: &Path, file: &Path| -> (f64, f64, f64) {
        let mut store = Store::open(db).unwrap();
        let plan = store.find_plan(PLAN).unwrap();
        let school = store.find_school(SCHOOL).unwrap();
        let arrival = Arrival {
            plan: &plan,
            school: &school,
            received_at: received,
        };
        let (t, cpu) = (Instant::now(), own_cpu());
        let out = import_file(
            &mut store,
            &Actor("bench".into()),
            file,
            &arrival,
            &limits,
            Lang::Zh,
            &mut |_| {},
        )
        .unwrap();
        let (wall, cpu) = (t.elapsed().as_secs_f64(), own_cpu() - cpu);
        assert!(matches!(out, Imported::New { .. }));
        let before = own_cpu();
        store.checkpoint().unwrap();
        (wall, cpu, own_cpu() - before)
    };

    // Child processes first, while this process is small (see run_kaowu).
    println!(
        "a {FILE_ROWS}-row file ({KNOWN} of its people in the full database), best of {runs}:"
    );
    let child = |what: &str, args: &dyn Fn(&Path, &Path) -> Vec<String>| {
        let mut figures = Vec::new();
        for (label, db) in [("empty", &empty), ("full", &full)] {
            let (mut rss, mut wall, mut cpu) = (0, f64::INFINITY, f64::INFINITY);
            for file in &files[..runs] {
                let a = args(db, file);
                let (r, w, c, code) = run_kaowu_cpu(&a.iter().map(OsStr::new).collect::<Vec<_>>());
                assert!(
                    matches!(code, Some(0 | 1)),
                    "{what} on {label}: exit {code:?}"
                );
                rss = rss.max(r);
                wall = wall.min(w);
                cpu = cpu.min(c);
            }
            figures.push((wall, cpu, rss));
        }
        let [(ew, ec, er), (fw, fc, fr)] = figures[..] else {
            unreachable!()
        };
        println!(
            "  child `kaowu {what}`: wall empty {:.1} ms, full {:.1} ms = {:.2}x; CPU empty {:.1} ms, full {:.1} ms = {:.2}x (goal <= 2x); peak RSS empty {:.1} MB, full {:.1} MB (goal < 100 MB)",
            ew * 1e3,
            fw * 1e3,
            fw / ew,
            ec * 1e3,
            fc * 1e3,
            fc / ec,
            er as f64 / 1e6,
            fr as f64 / 1e6
        );
    };
    let db_arg = |db: &Path| {
        vec![
            "--db".to_string(),
            db.display().to_string(),
            "--as".into(),
            "bench".into(),
        ]
    };
    child("check", &|db, file| {
        let mut a = db_arg(db);
        a.extend([
            "check".into(),
            file.display().to_string(),
            "--plan".into(),
            PLAN.into(),
        ]);
        a
    });
    // The imports of the children use files 0..runs; the in-process ones below use the last.
    child("import", &|db, file| {
        let mut a = db_arg(db);
        a.extend([
            "import".into(),
            file.display().to_string(),
            "--plan".into(),
            PLAN.into(),
            "--school".into(),
            SCHOOL.into(),
            "--received-at".into(),
            "2021-11-15 10:00".into(),
        ]);
        a
    });

    // In process: the check alone, interleaved between the databases.
    let (empty_store, full_store) = (Store::open(&empty).unwrap(), Store::open(&full).unwrap());
    let plan = full_store.find_plan(PLAN).unwrap();
    let (mut ce, mut cf) = (f64::INFINITY, f64::INFINITY);
    for file in &files[..runs] {
        for (store, best_of) in [(&empty_store, &mut ce), (&full_store, &mut cf)] {
            *best_of = best_of.min(best(1, || {
                let c = check_file(store, file, &plan, &limits, Lang::Zh, &mut |_| {}).unwrap();
                assert_eq!(c.rows(), FILE_ROWS);
            }));
        }
    }
    drop((empty_store, full_store));
    println!(
        "  check_file in process: empty {:.2} ms, full {:.2} ms = {:.2}x",
        ce * 1e3,
        cf * 1e3,
        cf / ce
    );
    // One import each (the children's took files 0..runs), once more on a fresh file.
    let (ie, iec, iek) = import(&empty, &files[runs]);
    let (iff, ifc, ifk) = import(&full, &files[runs]);
    println!(
        "  import_file in process, once: wall empty {:.2} ms, full {:.2} ms = {:.2}x; CPU empty {:.2} ms, full {:.2} ms = {:.2}x; then the checkpoint's CPU: empty {:.2} ms, full {:.2} ms",
        ie * 1e3,
        iff * 1e3,
        iff / ie,
        iec * 1e3,
        ifc * 1e3,
        ifc / iec,
        iek * 1e3,
        ifk * 1e3
    );

    println!("commands, best of {runs} (goal < 50 ms):");
    // The JSON forms too: scripts read the same listings that way (docs/cli.md).
    for cmd in [
        "sessions",
        "fees",
        "submissions",
        "sessions --json",
        "fees --json",
        "submissions --json",
    ] {
        let mut figures = Vec::new();
        for db in [&empty, &full] {
            let mut a = db_arg(db);
            a.extend(cmd.split(' ').map(String::from));
            let (mut wall, mut cpu) = (f64::INFINITY, f64::INFINITY);
            for _ in 0..runs {
                let (_, w, c, code) = run_kaowu_cpu(&a.iter().map(OsStr::new).collect::<Vec<_>>());
                assert_eq!(code, Some(0), "kaowu {cmd}");
                (wall, cpu) = (wall.min(w), cpu.min(c));
            }
            figures.push((wall, cpu));
        }
        let [(ew, ec), (fw, fc)] = figures[..] else {
            unreachable!()
        };
        println!(
            "  kaowu {cmd:<19} wall empty {:>6.1} ms, full {:>6.1} ms = {:.2}x; CPU empty {:>6.1} ms, full {:>6.1} ms",
            ew * 1e3,
            fw * 1e3,
            fw / ew,
            ec * 1e3,
            fc * 1e3
        );
    }
    let (_, version, _) = run_kaowu(&os(&["--version"]));
    println!(
        "  (process start alone, `kaowu --version`: {:.1} ms)",
        version * 1e3
    );

    // Backup of the full database against sqlite3's own, once each (they copy every page).
    let ours = dir.join("ours.db");
    let mut a = db_arg(&full);
    a.extend(["backup".into(), ours.display().to_string()]);
    let (_, kb, code) = run_kaowu(&a.iter().map(OsStr::new).collect::<Vec<_>>());
    assert_eq!(code, Some(0), "kaowu backup");
    let theirs = dir.join("theirs.db");
    let t = Instant::now();
    let sqlite = Command::new("sqlite3")
        .arg(&full)
        .arg(format!(".backup '{}'", theirs.display()))
        .status();
    let sb = t.elapsed().as_secs_f64();
    match sqlite {
        Ok(s) if s.success() => println!(
            "backup of the full database ({:.1} MB): kaowu backup {kb:.2} s, sqlite3 .backup {sb:.2} s = {:.2}x",
            size(&full) as f64 / 1e6,
            kb / sb
        ),
        _ => println!(
            "backup of the full database: kaowu backup {kb:.2} s; no sqlite3 on this machine, so no ratio (apt-get install sqlite3)"
        ),
    }
    let _ = std::fs::remove_file(&ours);
    let _ = std::fs::remove_file(&theirs);

    // The large file last: it adds 100k candidates to both databases. Written only now, as
    // writing it takes hundreds of megabytes, which the children measured above would inherit.
    let big = dir.join("big.xlsx");
    let fresh = n + 1000 + (runs + 1) * FILE_ROWS;
    write_submission(&big, fresh..fresh + big_rows);
    let mut base_cpu = f64::INFINITY;
    let base = (0..if benching() { 3 } else { 1 })
        .map(|_| {
            let cpu = own_cpu();
            let wall = best(1, || {
                std::hint::black_box(calamine_alone(&big));
            });
            base_cpu = base_cpu.min(own_cpu() - cpu);
            wall
        })
        .fold(f64::INFINITY, f64::min);
    let (be, bec, _) = import(&empty, &big);
    let (bf, bfc, _) = import(&full, &big);
    println!(
        "a {big_rows}-row file, once each: calamine alone {base:.3} s (CPU {base_cpu:.3} s); import into the empty database {be:.3} s = {:.2}x calamine (goal <= 1.5x), into the full one {bf:.3} s = {:.2}x (goal <= 2x); by CPU {:.2}x and {:.2}x",
        be / base,
        bf / base,
        bec / base_cpu,
        bfc / base_cpu
    );
}
