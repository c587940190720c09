//! Check + import of a large 附件1 submission vs calamine alone reading the same file.
//!
//! Generates a submission of N rows (default 100,000; 1 in 100 with a wrong phone number) as
//! Excel saves it (shared strings), then measures in the same run, best of 3 each:
//! - calamine alone: open the file and read the whole first sheet (`worksheet_range`),
//! - the reader alone (`read_sheet_bytes`: guard pre-scan + streaming cells by header),
//! - `check_file` (reader + every row rule; in-memory store),
//! - `import_file` into a fresh on-disk database (check + one transaction of inserts),
//!
//! and the peak resident memory (ru_maxrss) of a child `kaowu import` process doing the same.
//!
//! Run: `cargo bench --bench intake` (add `-- N` for another row count).

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{Reader, Xlsx, open_workbook};
use common::{SCHOOL, benching, best, count_arg, machine, person, store_with_sites};
use kaowu::domain::columns::StudentColumn;
use kaowu::domain::time::parse_time;
use kaowu::i18n::Lang;
use kaowu::intake::Limits;
use kaowu::intake::submission::{Arrival, Imported, check_file, import_file};
use kaowu::intake::xlsx::read_sheet_bytes;
use kaowu::store::{Actor, Store};
use rust_xlsxwriter::Workbook;

const PLAN: &str = "20211211-初级";
const PLAN_NAME: &str = "1+X-跨境电商 B2B-20211211 全国统考（初级）";
const HEADER: [&str; 16] = [
    "序号",
    "姓名*",
    "证件类型*",
    "证件号码*",
    "性别",
    "出生日期",
    "手机号*",
    "院校名称*",
    "专业",
    "年级",
    "班级",
    "证书名称*",
    "证书等级*",
    "考试计划*",
    "是否补考",
    "备注",
];

/// Writes the submission; returns the number of rows with a deliberate problem.
fn generate(path: &Path, n: usize) -> usize {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "附件1 本校学生导入模板-提交")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let mut bad = 0;
    for i in 0..n {
        let r = i as u32 + 2;
        let (id, name, mut phone) = person(i);
        if i % 100 == 99 {
            phone.truncate(10);
            bad += 1;
        }
        let male = (id.as_bytes()[16] - b'0') % 2 == 1;
        let birth = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
        let class = format!("电商{}班", i % 6 + 1);
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        let cells: [&str; 15] = [
            &name,
            "居民身份证",
            &id,
            if male { "男" } else { "女" },
            &birth,
            &phone,
            SCHOOL,
            "电子商务",
            "2020级",
            &class,
            "跨境电商 B2B 数据运营职业技能等级证书",
            "初级",
            PLAN_NAME,
            "否",
            "",
        ];
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16 + 1, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
    bad
}

/// calamine on its own: the whole first sheet into a range, every cell touched.
fn calamine_alone(path: &Path) -> usize {
    let mut wb: Xlsx<_> = open_workbook(path).expect("open");
    let range = wb
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.used_cells().count()
}

/// Peak resident memory of a child `kaowu import` of `file` into the database `db`, in bytes,
/// with its wall time and exit code.
fn child_import(file: &Path, db: &Path) -> (u64, f64, Option<i32>) {
    let t = std::time::Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_kaowu"))
        .args(["--db", db.to_str().unwrap(), "--as", "bench", "import"])
        .arg(file)
        .args([
            "--plan",
            PLAN,
            "--school",
            SCHOOL,
            "--received-at",
            "2021-11-15 10:00",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run kaowu");
    let wall = t.elapsed().as_secs_f64();
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    // ru_maxrss is in KiB on Linux: the largest child waited for so far (only this one).
    (usage.ru_maxrss as u64 * 1024, wall, status.code())
}

fn main() {
    let n = count_arg(if benching() { 100_000 } else { 300 });
    let runs = if benching() { 3 } else { 1 };
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("报名表.xlsx");
    let t = std::time::Instant::now();
    let bad = generate(&file, n);
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "machine: {}\ngenerated {n} rows ({bad} with a problem), {:.1} MB, in {:.1} s",
        machine(),
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let limits = Limits::default();
    let memory = Store::open_in_memory().expect("store");
    let plan = memory.find_plan(PLAN).expect("plan");
    let bytes = std::fs::read(&file).expect("read");

    // Every figure's result is checked once, so the runs time real work.
    let checked = check_file(&memory, &file, &plan, &limits, Lang::Zh, &mut |_| {}).unwrap();
    assert_eq!(checked.rows(), n);
    assert_eq!(
        checked.valid_rows(),
        n - bad,
        "{:?}",
        checked.problems.first()
    );
    assert!(calamine_alone(&file) >= n * 14);

    let mut dbs = 0;
    let mut import_once = || {
        dbs += 1;
        let db = dir.path().join(format!("import-{dbs}.db"));
        let mut store = store_with_sites(&db);
        let school = store.find_school(SCHOOL).unwrap();
        let arrival = Arrival {
            plan: &plan,
            school: &school,
            received_at: parse_time("2021-11-15 10:00").unwrap(),
        };
        let t = std::time::Instant::now();
        let out = import_file(
            &mut store,
            &Actor("bench".into()),
            &file,
            &arrival,
            &limits,
            Lang::Zh,
            &mut |_| {},
        )
        .unwrap();
        let took = t.elapsed().as_secs_f64();
        assert!(matches!(out, Imported::New { .. }));
        assert_eq!(store.count("candidate").unwrap(), n as i64);
        took
    };

    let mut base = f64::INFINITY;
    let mut reader = f64::INFINITY;
    let mut check = f64::INFINITY;
    let mut import = f64::INFINITY;
    // Interleaved, so a burst of load from other work hits every figure alike.
    for _ in 0..runs {
        base = base.min(best(1, || {
            std::hint::black_box(calamine_alone(&file));
        }));
        reader = reader.min(best(1, || {
            let s = read_sheet_bytes::<StudentColumn>(
                bytes.clone(),
                "报名表.xlsx",
                &limits,
                Lang::Zh,
                &mut |_| {},
            )
            .unwrap();
            std::hint::black_box(s);
        }));
        check = check.min(best(1, || {
            let c = check_file(&memory, &file, &plan, &limits, Lang::Zh, &mut |_| {}).unwrap();
            std::hint::black_box(c);
        }));
        import = import.min(import_once());
    }

    let db = dir.path().join("child.db");
    drop(store_with_sites(&db));
    let (rss, child_wall, code) = child_import(&file, &db);
    assert_eq!(code, Some(1), "rows with problems: exit 1");

    println!("best of {runs} runs each, {n} rows:");
    let line = |name: &str, s: f64| {
        println!(
            "  {name:<34} {:>7.3} s  {:>5.2}x calamine  {:>8.0} rows/s",
            s,
            s / base,
            n as f64 / s
        )
    };
    line("calamine alone (worksheet_range)", base);
    line("reader (guard + streaming cells)", reader);
    line("check_file (reader + rules)", check);
    line("import_file (check + insert)", import);
    println!(
        "  child `kaowu import`: wall {child_wall:.3} s, peak RSS {:.1} MB (goal < 200 MB)",
        rss as f64 / 1e6
    );
    println!(
        "check+import / calamine alone: {:.2}x (goal <= 1.5x)",
        import / base
    );
}
