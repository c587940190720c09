//! The bodies of the fuzz targets: each feeds arbitrary bytes to one reader or rule set of
//! kaowu. A finding is any panic or abort; refusals are the expected outcome for junk.

use std::io::Write;
use std::sync::OnceLock;

use arbitrary::Unstructured;
use kaowu::domain::columns::StudentColumn;
use kaowu::domain::registration::{Registry, RuleContext, check_rows};
use kaowu::domain::sheet::{Cell, SheetRow};
use kaowu::domain::{Level, Plan};
use kaowu::i18n::Lang;
use kaowu::intake::Limits;
use kaowu::intake::photos::{Expected, PhotoLimits, check_archive};
use kaowu::store::Store;

const COLUMNS: [StudentColumn; 16] = [
    StudentColumn::Seq,
    StudentColumn::Name,
    StudentColumn::IdType,
    StudentColumn::IdNumber,
    StudentColumn::Gender,
    StudentColumn::BirthDate,
    StudentColumn::Phone,
    StudentColumn::School,
    StudentColumn::Major,
    StudentColumn::Grade,
    StudentColumn::Class,
    StudentColumn::CertName,
    StudentColumn::CertLevel,
    StudentColumn::Plan,
    StudentColumn::Retake,
    StudentColumn::Remark,
];

/// Strings the rules look for, so the fuzzer reaches the deep branches quickly.
const WORDS: [&str; 16] = [
    "11010519491231002X",
    "440524188001010014",
    "居民身份证",
    "男",
    "女",
    "1+X跨境电商B2B数据运营",
    "初级",
    "中级",
    "高级",
    "20211211",
    "是",
    "补考",
    "13800138000",
    "1949-12-31",
    " ",
    "X",
];

/// A registry that knows every ID, so the cross-row checks all fire.
struct Everyone;

impl Registry for Everyone {
    fn registered_in_plan(&self, _: i64, id: &str) -> bool {
        id.ends_with('1')
    }
    fn known_name(&self, id: &str) -> Option<String> {
        id.ends_with('2').then(|| "张三".to_string())
    }
    fn plans_of(&self, id: &str) -> Vec<i64> {
        if id.ends_with('3') {
            vec![1, 2, 3, 4, 5, 6, 7]
        } else {
            vec![]
        }
    }
    fn has_failed(&self, id: &str, _: Level) -> bool {
        id.ends_with('4')
    }
}

fn plans() -> &'static [Plan] {
    static PLANS: OnceLock<Vec<Plan>> = OnceLock::new();
    PLANS.get_or_init(|| {
        Store::open_in_memory()
            .expect("in-memory store")
            .plans()
            .expect("seeded plans")
    })
}

fn cell(u: &mut Unstructured) -> arbitrary::Result<Cell> {
    Ok(match u.int_in_range(0..=7u8)? {
        0 => Cell::Empty,
        1 => Cell::Number(u.arbitrary()?),
        2 => Cell::Bool(u.arbitrary()?),
        3 => Cell::Error(u.arbitrary()?),
        4 => {
            let secs: i64 = u.arbitrary()?;
            match chrono::DateTime::from_timestamp(secs % 10_000_000_000_000, 0) {
                Some(d) => Cell::DateTime(d.naive_utc()),
                None => Cell::Empty,
            }
        }
        5 => Cell::Text(u.choose(&WORDS)?.to_string()),
        6 => {
            // A known word with one character changed: near-valid IDs, dates and phones.
            let mut s: Vec<char> = u.choose(&WORDS)?.chars().collect();
            if !s.is_empty() {
                let i = u.choose_index(s.len())?;
                s[i] = u.arbitrary()?;
            }
            Cell::Text(s.into_iter().collect())
        }
        _ => Cell::Text(u.arbitrary()?),
    })
}

/// The row validator (`domain::registration::check_rows`) on arbitrary rows and plans.
pub fn rows(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let plans = plans();
    let Ok(i) = u.choose_index(plans.len()) else {
        return;
    };
    let mut rows = Vec::new();
    while !u.is_empty() && rows.len() < 64 {
        let Ok(row) = u.arbitrary::<u32>() else { break };
        let mut cells = Vec::new();
        while let Ok(true) = u.arbitrary::<bool>() {
            let (Ok(c), Ok(v)) = (u.choose(&COLUMNS), cell(&mut u)) else {
                break;
            };
            cells.push((*c, v));
        }
        rows.push(SheetRow { row, cells });
    }
    for lang in [Lang::Zh, Lang::En] {
        let ctx = RuleContext {
            plan: &plans[i],
            plans,
            registry: &Everyone,
            today: plans[i].exam_start.date_naive(),
        };
        // The rules speak no language; the words are rendered from the catalog.
        for p in check_rows(&rows, &ctx).problems {
            let _ = kaowu::i18n::problems::text(&p, lang);
        }
        let checked = check_rows(&rows, &ctx);
        assert!(checked.valid_rows() <= checked.registrations.len());
    }
}

/// Limits small enough that a fuzz input can reach every cap.
fn small_limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_inflated_bytes: 8 << 20,
        max_rows: 2_000,
        max_columns: 64,
    }
}

/// The xlsx reader (`intake::xlsx::read_sheet_bytes`) on arbitrary bytes, as 附件1 and 附件2.
pub fn xlsx(data: &[u8]) {
    let limits = small_limits();
    let _ = kaowu::intake::xlsx::read_sheet_bytes::<StudentColumn>(
        data.to_vec(),
        "fuzz.xlsx",
        &limits,
        Lang::Zh,
        &mut |_| {},
    );
    let _ = kaowu::intake::xlsx::read_sheet_bytes::<kaowu::domain::columns::SchoolColumn>(
        data.to_vec(),
        "fuzz.xlsx",
        &limits,
        Lang::En,
        &mut |_| {},
    );
}

/// The photo archive reader (`intake::photos::check_archive`), which reads from a path: each
/// input is written to one file in memory-backed /dev/shm when present.
pub fn archive(data: &[u8]) {
    static PATH: OnceLock<std::path::PathBuf> = OnceLock::new();
    let path = PATH.get_or_init(|| {
        let dir = if std::path::Path::new("/dev/shm").is_dir() {
            std::path::PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        dir.join(format!("kaowu-fuzz-{}.zip", std::process::id()))
    });
    let mut f = std::fs::File::create(path).expect("scratch file");
    f.write_all(data).expect("write scratch file");
    drop(f);
    let expected = [
        Expected {
            id_number: "11010519491231002X".into(),
            name: "王芳".into(),
        },
        Expected {
            id_number: "440524188001010014".into(),
            name: "李强".into(),
        },
    ];
    let limits = PhotoLimits {
        max_photo_bytes: 256 << 10,
        max_total_bytes: 2 << 20,
        max_entries: 64,
        ..PhotoLimits::default()
    };
    let _ = check_archive(path, &expected, &limits, Lang::Zh, &|_, _| {});
}
