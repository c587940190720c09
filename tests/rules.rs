//! The row checks of 附件1 (domain::registration), read as the user reads them: each problem
//! rendered through the catalog in the chosen language, since the rules themselves only say
//! which sentence and with which arguments.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use StudentColumn as C;
use chrono::NaiveDate;
use kaowu::domain::columns::StudentColumn;
use kaowu::domain::id_number::check_char;
use kaowu::domain::identity::{Gender, IdType};
use kaowu::domain::problem::ProblemCode;
use kaowu::domain::registration::{CERTIFICATE, Checked, Registry, RuleContext, check_rows};
use kaowu::domain::sheet::{Cell, SheetRow};
use kaowu::domain::time::parse_time;
use kaowu::domain::{Level, Plan};
use kaowu::i18n::Lang;
use kaowu::i18n::problems::text as said;

/// The notice's plans, ids 1..=7 in the order of domain.md.
fn notice_plans() -> Vec<Plan> {
    let rows = [
        ("20211211", "初级", "2021-12-11 14:00", "2021-12-11 16:00"),
        ("20220108", "初级", "2022-01-08 14:00", "2022-01-08 16:00"),
        ("20211212", "中级", "2021-12-12 14:00", "2021-12-12 16:00"),
        ("20211224", "中级", "2021-12-24 14:00", "2021-12-24 16:00"),
        ("20220109", "中级", "2022-01-09 14:00", "2022-01-09 16:00"),
        ("20211211", "高级", "2021-12-11 09:00", "2021-12-11 11:30"),
        ("20220108", "高级", "2022-01-08 09:00", "2022-01-08 11:30"),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (day, level, start, end))| Plan {
            id: i as i64 + 1,
            name: format!("1+X-跨境电商 B2B-{day} 全国统考（{level}）"),
            level: level.parse().unwrap(),
            opens: NaiveDate::from_ymd_opt(2021, 11, 10).unwrap(),
            closes: NaiveDate::from_ymd_opt(2021, 11, 21).unwrap(),
            exam_start: parse_time(start).unwrap(),
            exam_end: parse_time(end).unwrap(),
            group: String::new(),
        })
        .collect()
}

#[derive(Default)]
struct FakeRegistry {
    accepted: HashSet<(i64, String)>,
    names: HashMap<String, String>,
    failed: HashSet<(String, Level)>,
}

impl FakeRegistry {
    fn accept(mut self, plan: i64, id: &str) -> Self {
        self.accepted.insert((plan, id.to_string()));
        self
    }
    fn name(mut self, id: &str, name: &str) -> Self {
        self.names.insert(id.to_string(), name.to_string());
        self
    }
    fn fail(mut self, id: &str, level: Level) -> Self {
        self.failed.insert((id.to_string(), level));
        self
    }
}

impl Registry for FakeRegistry {
    fn registered_in_plan(&self, plan_id: i64, id_number: &str) -> bool {
        self.accepted.contains(&(plan_id, id_number.to_string()))
    }
    fn known_name(&self, id_number: &str) -> Option<String> {
        self.names.get(id_number).cloned()
    }
    fn plans_of(&self, id_number: &str) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .accepted
            .iter()
            .filter(|(_, id)| id == id_number)
            .map(|(p, _)| *p)
            .collect();
        v.sort();
        v
    }
    fn has_failed(&self, id_number: &str, level: Level) -> bool {
        self.failed.contains(&(id_number.to_string(), level))
    }
}

/// A valid ID number: region 110105, the given birth date, sequence `seq` (odd = male).
fn id(birth: &str, seq: &str) -> String {
    let first17 = format!("110105{birth}{seq}");
    format!("{first17}{}", check_char(&first17).unwrap())
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// A row of 20211211-初级 that passes every check.
fn good(row: u32, id_number: &str) -> SheetRow<StudentColumn> {
    SheetRow {
        row,
        cells: vec![
            (C::Seq, Cell::Number(f64::from(row - 1))),
            (C::Name, text("张三")),
            (C::IdType, text("居民身份证")),
            (C::IdNumber, text(id_number)),
            (C::Gender, Cell::Empty),
            (C::BirthDate, Cell::Empty),
            (C::Phone, text("13800138000")),
            (C::School, text("杭州职业技术学院")),
            (C::Major, text("电子商务")),
            (C::Grade, text("2020级")),
            (C::Class, text("电商1班")),
            (C::CertName, text(CERTIFICATE)),
            (C::CertLevel, text("初级")),
            (C::Plan, text("1+X-跨境电商 B2B-20211211 全国统考（初级）")),
            (C::Retake, text("否")),
            (C::Remark, Cell::Empty),
        ],
    }
}

fn set(mut r: SheetRow<StudentColumn>, col: StudentColumn, cell: Cell) -> SheetRow<StudentColumn> {
    for (c, v) in r.cells.iter_mut() {
        if *c == col {
            *v = cell.clone();
        }
    }
    r
}

struct Env {
    plans: Vec<Plan>,
    registry: FakeRegistry,
    plan: usize,
    lang: Lang,
    /// The day the file is checked.
    today: NaiveDate,
}

fn env() -> Env {
    Env {
        plans: notice_plans(),
        registry: FakeRegistry::default(),
        plan: 0,
        lang: Lang::Zh,
        // Inside 20211211-初级's window.
        today: NaiveDate::from_ymd_opt(2021, 11, 15).unwrap(),
    }
}

impl Env {
    fn check(&self, rows: &[SheetRow<StudentColumn>]) -> Checked {
        let ctx = RuleContext {
            plan: &self.plans[self.plan],
            plans: &self.plans,
            registry: &self.registry,
            today: self.today,
        };
        check_rows(rows, &ctx)
    }

    /// The codes of a single row's problems.
    fn codes(&self, row: SheetRow<StudentColumn>) -> Vec<&'static str> {
        let checked = self.check(&[row]);
        let v: Vec<&'static str> = checked.problems.iter().map(|p| p.code.key()).collect();
        assert_eq!(checked.registrations[0].valid, v.is_empty());
        v
    }

    fn messages(&self, row: SheetRow<StudentColumn>) -> Vec<String> {
        self.check(&[row])
            .problems
            .into_iter()
            .map(|p| said(&p, self.lang))
            .collect()
    }
}

const YOUNG_ADULT: &str = "20030501";

#[test]
fn a_good_row_passes_and_is_normalised() {
    let n = id(YOUNG_ADULT, "123");
    let lower = n.to_lowercase();
    let row = set(
        good(2, &format!(" {lower} ")),
        C::Phone,
        Cell::Number(13800138000.0),
    );
    let checked = env().check(&[row]);
    assert_eq!(checked.problems, vec![]);
    let r = &checked.registrations[0];
    assert!(r.valid);
    assert_eq!(r.id_number, n);
    assert_eq!(r.id_type, IdType::ResidentId);
    assert_eq!(r.gender, Some(Gender::Male));
    assert_eq!(r.birth_date, NaiveDate::from_ymd_opt(2003, 5, 1));
    assert_eq!(r.phone, "13800138000");
    assert!(!r.retake);
    assert_eq!(checked.valid_rows(), 1);
}

#[test]
fn blank_rows_with_only_a_sequence_number_are_skipped() {
    let blank = SheetRow {
        row: 3,
        cells: vec![(C::Seq, Cell::Number(2.0)), (C::Name, text("  "))],
    };
    let checked = env().check(&[good(2, &id(YOUNG_ADULT, "123")), blank]);
    assert_eq!(checked.registrations.len(), 1);
    assert!(checked.problems.is_empty());
}

#[test]
fn problems_name_the_sheet_row_and_the_template_column() {
    let row = set(good(7, &id(YOUNG_ADULT, "123")), C::Name, Cell::Empty);
    let p = &env().check(&[row]).problems[0];
    assert_eq!(p.row, Some(7));
    assert_eq!(p.column.as_deref(), Some("姓名"));
    assert_eq!(p.code, ProblemCode::NameMissing);
    assert_eq!(said(p, Lang::Zh), "姓名为空");
}

#[test]
fn names_are_required_trimmed_and_without_inner_spaces() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    assert_eq!(
        e.codes(set(good(2, &n), C::Name, text("   "))),
        ["name_missing"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Name, text("张 三"))),
        ["name_spaces"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Name, text("张\u{3000}三"))),
        ["name_spaces"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Name, text("阿依古丽·买买提"))),
        [] as [&str; 0]
    );
    let checked = e.check(&[set(good(2, &n), C::Name, text(" 张三 "))]);
    assert_eq!(checked.registrations[0].name, "张三");
    assert!(checked.registrations[0].valid);
}

#[test]
fn id_type_must_be_in_the_list_and_blank_means_resident_id() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    assert_eq!(
        e.codes(set(good(2, &n), C::IdType, text("军官证"))),
        ["id_type_invalid"]
    );
    let checked = e.check(&[set(good(2, &n), C::IdType, Cell::Empty)]);
    assert_eq!(checked.registrations[0].id_type, IdType::ResidentId);
    assert!(checked.problems.is_empty());
    let passport = set(
        set(good(2, "E12345678"), C::IdType, text("护照")),
        C::Gender,
        text("女"),
    );
    let checked = e.check(&[passport]);
    assert!(checked.problems.is_empty());
    assert_eq!(checked.registrations[0].gender, Some(Gender::Female));
}

#[test]
fn each_id_number_rule_has_its_code() {
    let e = env();
    let c = |n: &str| e.codes(good(2, n));
    assert_eq!(c("11010520030501123"), ["id_length"]);
    assert_eq!(c("11010520030501123A"), ["id_chars"]);
    assert_eq!(
        c(&id(YOUNG_ADULT, "123").replacen("11", "99", 1)),
        ["id_region", "id_checksum"]
    );
    let region_only = {
        let f = "99010520030501123";
        format!("{f}{}", check_char(f).unwrap())
    };
    assert_eq!(c(&region_only), ["id_region"]);
    assert_eq!(c(&id("20030230", "123")), ["id_birth_date"]);
    assert_eq!(c(&id("20211212", "123")), ["id_birth_date"]);
    assert_eq!(c(&id("20071212", "123")), ["id_age"]);
    assert_eq!(c(&id("19501211", "123")), ["id_age"]);
    assert_eq!(c(""), ["id_length"]);
}

#[test]
fn checksum_message_says_what_it_should_be() {
    let mut e = env();
    let n = id("20030506", "123");
    let expected = n.chars().last().unwrap();
    let found = if expected == '3' { '4' } else { '3' };
    let wrong = format!("{}{found}", &n[..17]);
    assert_eq!(
        e.messages(good(2, &wrong)),
        [format!("校验位应为 {expected}，实际为 {found}")]
    );
    e.lang = Lang::En;
    assert_eq!(
        e.messages(good(2, &wrong)),
        [format!(
            "check character should be {expected}, found {found}"
        )]
    );
}

#[test]
fn an_id_stored_as_a_number_is_never_guessed() {
    let mut e = env();
    let number = Cell::Number(110105200305011230.0);
    let row = set(good(2, ""), C::IdNumber, number.clone());
    let checked = e.check(std::slice::from_ref(&row));
    assert_eq!(checked.problems.len(), 1);
    assert_eq!(checked.problems[0].code, ProblemCode::IdPrecisionLost);
    assert_eq!(
        said(&checked.problems[0], Lang::Zh),
        "以数字形式存储，末几位已丢失：请把该列设为文本后重新录入"
    );
    assert_eq!(checked.registrations[0].id_number, "");
    assert!(!checked.registrations[0].valid);
    e.lang = Lang::En;
    assert_eq!(
        e.messages(row),
        ["stored as a number, last digits lost: re-enter the column as text"]
    );
    assert_eq!(e.codes(good(2, "1.10105E+17")), ["id_precision_lost"]);
    // Two lost numbers are not duplicates of each other: nothing is known about them.
    let two = [
        set(good(2, ""), C::IdNumber, number.clone()),
        set(good(3, ""), C::IdNumber, number),
    ];
    assert_eq!(e.check(&two).problems.len(), 2);
}

#[test]
fn gender_and_birth_date_must_agree_with_the_id() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    assert_eq!(
        e.codes(set(good(2, &n), C::Gender, text("男"))),
        [] as [&str; 0]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Gender, text("女"))),
        ["gender_mismatch"]
    );
    assert_eq!(
        e.messages(set(good(2, &n), C::Gender, text("女"))),
        ["性别为 女，证件号码表明为 男"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Gender, text("未知"))),
        ["gender_mismatch"]
    );
    let date_cell = Cell::DateTime(
        NaiveDateTime::parse_from_str("2003-05-01 00:00:00", "%Y-%m-%d %H:%M:%S").unwrap(),
    );
    for agrees in [
        date_cell,
        text("2003-05-01"),
        text("2003/5/1"),
        text("20030501"),
        text("2003年5月1日"),
        text("2003-05"),
        Cell::Number(20030501.0),
        Cell::Number(37742.0),
    ] {
        assert_eq!(
            e.codes(set(good(2, &n), C::BirthDate, agrees.clone())),
            [] as [&str; 0],
            "{agrees:?}"
        );
    }
    // `2003-02-30` and `2003-13-01` have the usual shape but name no day.
    for disagrees in [
        text("2003-05-02"),
        text("2003年6月"),
        text("五月一日"),
        text("2003-02-30"),
        text("2003-13-01"),
    ] {
        assert_eq!(
            e.codes(set(good(2, &n), C::BirthDate, disagrees)),
            ["birth_date_mismatch"]
        );
    }
}

#[test]
fn phone_is_11_digits_starting_with_1() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    for bad in [
        "1380013800",
        "23800138000",
        "138001380001",
        "1380013800a",
        "",
    ] {
        assert_eq!(
            e.codes(set(good(2, &n), C::Phone, text(bad))),
            ["phone_invalid"],
            "{bad}"
        );
    }
    for ok in [
        "138-0013-8000",
        "+86 138 0013 8000",
        "１３８００１３８０００",
    ] {
        let checked = e.check(&[set(good(2, &n), C::Phone, text(ok))]);
        assert!(checked.problems.is_empty(), "{ok}");
        assert_eq!(checked.registrations[0].phone, "13800138000");
    }
}

#[test]
fn certificate_name_tolerates_spaces_around_b2b_only() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    for ok in [
        " 跨境电商 B2B 数据运营职业技能等级证书 ",
        "跨境电商B2B数据运营职业技能等级证书",
        "跨境电商B2B  数据运营职业技能等级证书",
        "跨境电商\u{3000}B2B 数据运营职业技能等级证书",
    ] {
        assert_eq!(
            e.codes(set(good(2, &n), C::CertName, text(ok))),
            [] as [&str; 0],
            "{ok}"
        );
    }
    for bad in [
        "跨境电商 B2B 数据运营职业技能证书",
        "跨境电商 b2b 数据运营职业技能等级证书",
        "跨境 电商 B2B 数据运营职业技能等级证书",
        "",
    ] {
        assert_eq!(
            e.codes(set(good(2, &n), C::CertName, text(bad))),
            ["cert_name_mismatch"],
            "{bad}"
        );
    }
}

#[test]
fn level_must_be_the_plans() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    assert_eq!(
        e.codes(set(good(2, &n), C::CertLevel, text("中级"))),
        ["level_mismatch"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::CertLevel, Cell::Empty)),
        ["level_mismatch"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::CertLevel, text(" junior "))),
        [] as [&str; 0]
    );
}

#[test]
fn plan_accepts_its_name_loosely_and_its_code() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    for ok in [
        "1+X-跨境电商B2B-20211211全国统考(初级)",
        "１＋Ｘ－跨境电商 B2B－20211211 全国统考（初级）",
        "跨境电商 B2B-20211211 全国统考（初级）",
        "20211211-初级",
        "20211211-junior",
    ] {
        assert_eq!(
            e.codes(set(good(2, &n), C::Plan, text(ok))),
            [] as [&str; 0],
            "{ok}"
        );
    }
    let other = set(
        good(2, &n),
        C::Plan,
        text("1+X-跨境电商 B2B-20211211 全国统考（高级）"),
    );
    assert_eq!(e.codes(other.clone()), ["plan_mismatch"]);
    assert_eq!(
        e.messages(other),
        [
            "考试计划「1+X-跨境电商 B2B-20211211 全国统考（高级）」是另一个计划 20211211-高级，本次提交属于 20211211-初级"
        ]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Plan, text("12月考试"))),
        ["plan_mismatch"]
    );
    assert_eq!(
        e.codes(set(good(2, &n), C::Plan, Cell::Empty)),
        ["plan_mismatch"]
    );
}

#[test]
fn the_same_id_twice_in_a_file_names_the_first_row() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    let other = id(YOUNG_ADULT, "125");
    let checked = e.check(&[
        good(2, &n),
        good(3, &other),
        good(4, &n.to_lowercase()),
        good(5, &n),
    ]);
    let dups: Vec<(Option<u32>, String)> = checked
        .problems
        .iter()
        .map(|p| (p.row, said(p, Lang::Zh)))
        .collect();
    assert_eq!(
        dups,
        [
            (Some(4), "证件号码与第 2 行重复".to_string()),
            (Some(5), "证件号码与第 2 行重复".to_string())
        ]
    );
    let valid: Vec<bool> = checked.registrations.iter().map(|r| r.valid).collect();
    assert_eq!(valid, [true, true, false, false]);
}

#[test]
fn an_id_already_accepted_for_the_plan_is_a_duplicate() {
    let mut e = env();
    let n = id(YOUNG_ADULT, "123");
    e.registry = FakeRegistry::default().accept(1, &n);
    assert_eq!(e.codes(good(2, &n)), ["duplicate_in_plan"]);
    e.registry = FakeRegistry::default().accept(2, &n);
    assert_eq!(
        e.codes(good(2, &n)),
        [] as [&str; 0],
        "a later 初级 plan is fine"
    );
}

#[test]
fn the_same_id_under_another_name_conflicts() {
    let mut e = env();
    let n = id(YOUNG_ADULT, "123");
    let checked = e.check(&[good(2, &n), set(good(3, &n), C::Name, text("李四"))]);
    let codes: Vec<(&str, Option<&str>)> = checked
        .problems
        .iter()
        .map(|p| (p.code.key(), p.column.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("duplicate_in_file", Some("证件号码")),
            ("name_conflict", Some("姓名"))
        ]
    );
    assert_eq!(
        said(&checked.problems[1], Lang::Zh),
        "同一证件号码在第 2 行的姓名为「张三」"
    );
    e.registry = FakeRegistry::default().name(&n, "王五");
    assert_eq!(e.codes(good(2, &n)), ["name_conflict"]);
    e.registry = FakeRegistry::default().name(&n, "张三");
    assert_eq!(e.codes(good(2, &n)), [] as [&str; 0]);
}

#[test]
fn overlapping_exam_slots_clash_but_morning_senior_and_afternoon_junior_do_not() {
    let mut e = env();
    let n = id(YOUNG_ADULT, "123");
    // Registered for 20211211-高级 (09:00–11:30); this file is for 20211211-初级 (14:00–16:00).
    e.registry = FakeRegistry::default().accept(6, &n);
    assert_eq!(e.codes(good(2, &n)), [] as [&str; 0]);
    let mut clash = e.plans[0].clone();
    clash.id = 99;
    clash.name = "加考".into();
    clash.level = Level::Intermediate;
    clash.exam_start = parse_time("2021-12-11 15:00").unwrap();
    clash.exam_end = parse_time("2021-12-11 17:00").unwrap();
    e.plans.push(clash);
    e.registry = FakeRegistry::default().accept(6, &n).accept(99, &n);
    assert_eq!(e.codes(good(2, &n)), ["slot_overlap"]);
    assert_eq!(
        e.messages(good(2, &n)),
        ["已报名 20211211-中级，其考试时间 2021-12-11 15:00–17:00 与本计划重叠"]
    );
}

#[test]
fn a_retake_needs_an_earlier_fail_at_the_plans_level() {
    let mut e = env();
    let n = id(YOUNG_ADULT, "123");
    let retake = |v: Cell| set(good(2, &n), C::Retake, v);
    assert_eq!(e.codes(retake(text("是"))), ["retake_without_fail"]);
    e.registry = FakeRegistry::default().fail(&n, Level::Intermediate);
    assert_eq!(e.codes(retake(text("补考"))), ["retake_without_fail"]);
    e.registry = FakeRegistry::default().fail(&n, Level::Junior);
    for yes in [text("是"), text("Y"), text("补考"), Cell::Bool(true)] {
        let checked = e.check(&[retake(yes)]);
        assert!(checked.problems.is_empty());
        assert!(checked.registrations[0].retake);
    }
    // Not marked, and no fail on record: a first-timer.
    e.registry = FakeRegistry::default();
    for no in [text("否"), text("非补考"), Cell::Empty, text("N")] {
        assert!(!e.check(&[retake(no)]).registrations[0].retake);
    }
}

#[test]
fn a_failed_person_not_marked_as_a_retake_is_one_and_is_told() {
    let mut e = env();
    let n = id(YOUNG_ADULT, "123");
    e.registry = FakeRegistry::default().fail(&n, Level::Junior);
    for no in [text("否"), Cell::Empty] {
        let checked = e.check(&[set(good(2, &n), C::Retake, no)]);
        let r = &checked.registrations[0];
        assert!(r.retake, "counted as a retake");
        assert!(r.valid, "a note, not a fault");
        let codes: Vec<&str> = checked.problems.iter().map(|p| p.code.key()).collect();
        assert_eq!(codes, ["retake_not_marked"]);
        assert_eq!(checked.problems[0].column.as_deref(), Some("是否补考"));
    }
    // A fail at another level does not make this one a retake.
    e.registry = FakeRegistry::default().fail(&n, Level::Intermediate);
    let checked = e.check(&[good(2, &n)]);
    assert!(!checked.registrations[0].retake && checked.problems.is_empty());
}

#[test]
fn every_problem_of_a_row_is_reported() {
    let mut e = env();
    let n = id(YOUNG_ADULT, "123");
    e.registry = FakeRegistry::default().accept(1, &n).name(&n, "王五");
    let row = SheetRow {
        row: 9,
        cells: vec![
            (C::Name, text("张 三")),
            (C::IdType, text("居民身份证")),
            (C::IdNumber, text(&n)),
            (C::Gender, text("女")),
            (C::BirthDate, text("2003-05-02")),
            (C::Phone, text("12345")),
            (C::CertName, text("跨境电商证书")),
            (C::CertLevel, text("高级")),
            (C::Plan, text("20220108-初级")),
            (C::Retake, text("是")),
        ],
    };
    let checked = e.check(std::slice::from_ref(&row));
    for lang in [Lang::Zh, Lang::En] {
        for p in &checked.problems {
            let t = said(p, lang);
            assert!(!t.contains(['{', '}']), "{lang:?} {}: {t}", p.code);
        }
    }
    // Words among the arguments are named in the reader's language.
    let gender = |lang| said(&checked.problems[1], lang);
    assert_eq!(gender(Lang::Zh), "性别为 女，证件号码表明为 男");
    assert_eq!(
        gender(Lang::En),
        "gender is female, the ID number says male"
    );
    let retake = |lang| said(&checked.problems[9], lang);
    assert!(
        retake(Lang::En).contains("failed junior result"),
        "{}",
        retake(Lang::En)
    );
    assert_eq!(
        e.codes(row),
        [
            "name_spaces",
            "gender_mismatch",
            "birth_date_mismatch",
            "phone_invalid",
            "cert_name_mismatch",
            "level_mismatch",
            "plan_mismatch",
            "duplicate_in_plan",
            "name_conflict",
            "retake_without_fail",
        ]
    );
}

#[test]
fn messages_follow_the_users_language() {
    let mut e = env();
    e.lang = Lang::En;
    let n = id("20071212", "123");
    assert_eq!(
        e.messages(set(good(2, &n), C::Phone, text("12345"))),
        [
            "age on the exam day (2021-12-11) is 13, should be 14–70",
            "phone number \"*****\" has 5 characters, should be 11 digits starting with 1",
        ]
    );
}

/// Found by the `rows` fuzz target: a six-byte 出生日期 holding a Chinese character was sliced
/// at byte 4, inside the character, and the whole import panicked.
#[test]
fn a_birth_date_with_a_chinese_character_is_a_problem_not_a_crash() {
    let e = env();
    let n = id(YOUNG_ADULT, "123");
    for odd in ["19考9", "2003年考", "考试1", "２００３０５"] {
        let codes = e.codes(set(good(2, &n), C::BirthDate, text(odd)));
        assert!(
            codes.iter().all(|c| *c == "birth_date_mismatch"),
            "{odd}: {codes:?}"
        );
    }
}

#[test]
fn a_birth_date_after_today_is_refused_even_before_the_exam() {
    // Checked on 2021-11-15 for the exam of 2021-12-11: born on 2021-11-20 is nobody yet.
    let e = env();
    let r = good(2, &id("20211120", "123"));
    assert_eq!(e.codes(r.clone()), ["id_birth_date"]);
    let m = e.messages(r);
    assert!(
        m[0].contains("晚于今天") && m[0].contains("2021-11-15"),
        "{m:?}"
    );
}

#[test]
fn names_that_are_not_names() {
    let e = env();
    let named = |name: Cell| set(good(2, &id("20030501", "123")), C::Name, name);
    assert_eq!(e.codes(named(Cell::Bool(true))), ["name_missing"]);
    assert_eq!(e.codes(named(text("张\u{1b}[2J三"))), ["name_chars"]);
    assert_eq!(e.codes(named(text("王\u{200d}五"))), ["name_chars"]);
    assert_eq!(e.codes(named(text(&"长".repeat(51)))), ["name_length"]);
    assert!(e.codes(named(text("阿卜杜热合曼·买买提明"))).is_empty());
    let m = e.messages(named(text("李\u{202e}四")));
    assert!(m[0].contains("U+202E"), "{m:?}");
}
