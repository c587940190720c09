//! Verdicts compared with independent validators, on vectors committed as data
//! (tests/data/, made once by tests/data/make_corpora.py, which says how).
//!
//! ID numbers: GB 11643-1999 《公民身份号码》 (region code of GB/T 2260 《中华人民共和国行政区划
//! 代码》, birth date, sequence, ISO 7064 MOD 11-2 check character), the region list being
//! every code that exists or existed, cross-checked against python-stdnum's `cn.ric`; plus
//! kaowu's own age rule (14–70 on the exam day). Phone numbers: Google libphonenumber's
//! metadata for mainland mobile numbers.

use chrono::NaiveDate;
use kaowu::domain::id_number::check_id;
use kaowu::domain::identity::IdType;
use kaowu::domain::registration::parse_phone;

/// The lines of a corpus, comments skipped, split on tabs.
fn vectors(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

#[test]
fn id_numbers_are_judged_as_gb_11643_and_gb_t_2260_say() {
    let exam = NaiveDate::from_ymd_opt(2021, 12, 11).unwrap();
    let corpus = vectors(include_str!("data/id_numbers.tsv"));
    assert!(corpus.len() >= 300, "{} vectors", corpus.len());
    let mut wrong = Vec::new();
    for v in &corpus {
        let (number, expected, why) = (v[0], v[1], v[2]);
        let got = match check_id(IdType::ResidentId, number, exam) {
            Ok(_) => "ok".to_string(),
            Err(problems) => {
                let mut codes: Vec<&str> = problems.iter().map(|p| p.code().key()).collect();
                codes.sort_unstable();
                codes.dedup();
                codes.join(",")
            }
        };
        if got != expected {
            wrong.push(format!("{number} ({why}): expected {expected}, got {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} disagree:\n{}",
        wrong.len(),
        corpus.len(),
        wrong.join("\n")
    );
    let valid = corpus.iter().filter(|v| v[1] == "ok").count();
    assert!(
        valid >= 150 && corpus.len() - valid >= 100,
        "both kinds are covered"
    );
}

#[test]
fn phone_numbers_agree_with_libphonenumber() {
    let corpus = vectors(include_str!("data/phone_numbers.tsv"));
    assert!(corpus.len() >= 100, "{} vectors", corpus.len());
    let mut wrong = Vec::new();
    for v in &corpus {
        let (written, expected, why) = (v[0], v[1], v[2]);
        let got = parse_phone(written).unwrap_or_else(|| "invalid".into());
        if got != expected {
            wrong.push(format!(
                "{written:?} ({why}): expected {expected}, got {got}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} disagree:\n{}",
        wrong.len(),
        corpus.len(),
        wrong.join("\n")
    );
}
