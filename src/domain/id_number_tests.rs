use super::*;

fn exam() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 12, 11).unwrap()
}

/// A number with the right check character after the given 17 digits.
fn with_check(first17: &str) -> String {
    format!("{first17}{}", check_char(first17).unwrap())
}

fn codes(r: Result<ResidentId, Vec<IdProblem>>) -> Vec<ProblemCode> {
    r.err()
        .unwrap_or_default()
        .iter()
        .map(IdProblem::code)
        .collect()
}

#[test]
fn check_char_agrees_with_the_standard_vectors() {
    assert_eq!(with_check("11010519491231002"), "11010519491231002X");
    assert_eq!(with_check("44052418800101001"), "440524188001010014");
    assert_eq!(check_char("1101051949123100"), None);
    assert_eq!(check_char("1101051949123100A"), None);
}

#[test]
fn a_valid_number_gives_birth_date_and_gender() {
    let id = parse_resident_id(&with_check("11010520030501123"), exam()).unwrap();
    assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(2003, 5, 1).unwrap());
    assert_eq!(id.gender, Gender::Male);
    let id = parse_resident_id(&with_check("44052420030501124"), exam()).unwrap();
    assert_eq!(id.gender, Gender::Female);
}

#[test]
fn the_standard_vectors_are_well_formed_but_too_old_for_the_exam() {
    assert_eq!(
        parse_resident_id("11010519491231002X", exam()),
        Err(vec![IdProblem::Age {
            age: 71,
            exam_date: exam()
        }])
    );
    assert_eq!(
        codes(parse_resident_id("440524188001010014", exam())),
        [ProblemCode::IdAge]
    );
}

#[test]
fn lower_case_x_full_width_digits_and_spaces_are_normalised() {
    let good = with_check("11010519991231009");
    assert!(good.ends_with('X'));
    let typed = format!(" {}x ", &good[..17]).replace("1101", "１１０１");
    let id = parse_resident_id(&typed, exam()).unwrap();
    assert_eq!(id.number, good);
    assert_eq!(normalize_id("110105 1999\u{3000}1231 009ｘ"), good);
    // Plain ASCII takes a shorter path: a lower-case x and a tab are still normalised.
    assert_eq!(normalize_id(&format!("{}\t", good.to_lowercase())), good);
    assert_eq!(normalize_id(&good), good);
}

#[test]
fn wrong_length_is_reported_without_a_checksum() {
    assert_eq!(
        parse_resident_id("11010519491231002", exam()),
        Err(vec![IdProblem::Length {
            found: 17,
            min: 18,
            max: 18
        }])
    );
    assert_eq!(
        codes(parse_resident_id("", exam())),
        [ProblemCode::IdLength]
    );
    assert_eq!(
        codes(parse_resident_id("1101051949123100-2X", exam())),
        [ProblemCode::IdLength, ProblemCode::IdChars]
    );
}

#[test]
fn bad_characters_are_named_and_x_only_counts_last() {
    assert_eq!(
        parse_resident_id("11010520030501123A", exam()),
        Err(vec![IdProblem::Chars {
            bad: "A".into(),
            allowed: Charset::Gb11643
        }])
    );
    assert_eq!(
        codes(parse_resident_id("1101052003050112X3", exam())),
        [ProblemCode::IdChars]
    );
    // A Chinese character among the digits must not upset the field positions.
    assert_eq!(
        codes(parse_resident_id("11010520030501号23X", exam())),
        [ProblemCode::IdChars]
    );
}

#[test]
fn region_must_be_a_county_code_of_gb_t_2260() {
    // Invented numbers start with the digits people type; 11 and 12 are provinces, but
    // 111111 and 123456 are no county.
    for region in ["111111", "123456", "110199", "000000"] {
        let n = with_check(&format!("{region}20030501123"));
        assert_eq!(
            parse_resident_id(&n, exam()),
            Err(vec![IdProblem::Region {
                region: region.into(),
                expected: None
            }])
        );
    }
    // Taiwan's code is no county either: no 居民身份证 is issued under it.
    assert_eq!(
        codes(parse_resident_id(&with_check("71010520030501123"), exam())),
        [ProblemCode::IdRegion]
    );
    // Current codes of every corner of the country, and abolished ones: 崇文区 (merged into
    // 东城区 in 2010) and 宣武区 still begin the numbers they issued.
    for region in [
        "110105", "150105", "230103", "370102", "460105", "540102", "650102", "110103", "110104",
    ] {
        let n = with_check(&format!("{region}20030501123"));
        assert!(parse_resident_id(&n, exam()).is_ok(), "{region}");
    }
}

#[test]
fn other_documents_entered_as_a_resident_id_say_which_type_to_pick() {
    for (prefix, document) in [
        ("810000", OtherDocument::HkMacaoPermit),
        ("820000", OtherDocument::HkMacaoPermit),
        ("830000", OtherDocument::TaiwanPermit),
        ("933156", OtherDocument::ForeignPermanentResidence),
    ] {
        let n = with_check(&format!("{prefix}20030501123"));
        assert_eq!(
            parse_resident_id(&n, exam()),
            Err(vec![IdProblem::OtherDocument { document }]),
            "{prefix}"
        );
    }
    assert_eq!(
        OtherDocument::ForeignPermanentResidence.id_type(),
        IdType::Other
    );
}

#[test]
fn a_foreign_permanent_residence_id_under_other_has_its_check_character_checked() {
    // 9, province 31 (Shanghai), nationality 156-style code, born 2001-02-03.
    let good = with_check("93184020010203001");
    assert_eq!(check_id(IdType::Other, &good, exam()), Ok(None));
    let mut bad = good.clone();
    let last = bad.pop().unwrap();
    let wrong = if last == '0' { '1' } else { '0' };
    bad.push(wrong);
    assert_eq!(
        check_id(IdType::Other, &bad, exam()),
        Err(vec![IdProblem::Checksum {
            expected: last,
            found: wrong
        }])
    );
    let not_a_date = with_check("93184020011303001");
    assert_eq!(
        codes(check_id(IdType::Other, &not_a_date, exam()).map(|_| unreachable_id())),
        [ProblemCode::IdBirthDate]
    );
}

/// A placeholder for mapping `Ok(None)` into the shape [`codes`] takes; never reached.
fn unreachable_id() -> ResidentId {
    unreachable!("only errors are mapped")
}

#[test]
fn fifteen_digits_are_the_old_card_and_need_the_new_number() {
    assert_eq!(
        parse_resident_id("110105030501123", exam()),
        Err(vec![IdProblem::FifteenDigits])
    );
    assert_eq!(
        codes(parse_resident_id("110105030501123", exam())),
        [ProblemCode::IdLength]
    );
}

#[test]
fn a_birth_date_after_today_is_not_a_birth_date() {
    // The exam is months away; the number says the candidate is born next week.
    let today = NaiveDate::from_ymd_opt(2021, 11, 15).unwrap();
    let n = with_check("11010520211120123");
    assert_eq!(
        check_id_at(IdType::ResidentId, &n, exam(), today),
        Err(vec![IdProblem::BirthAfterToday {
            digits: "20211120".into(),
            today
        },])
    );
    // Judged on the exam day alone it was only too young.
    assert_eq!(codes(parse_resident_id(&n, exam())), [ProblemCode::IdAge]);
}

#[test]
fn a_bad_region_and_a_bad_checksum_are_both_reported() {
    let mut n = with_check("99010520030501123");
    let wrong = if n.ends_with('0') { '1' } else { '0' };
    n.pop();
    n.push(wrong);
    assert_eq!(
        codes(parse_resident_id(&n, exam())),
        [ProblemCode::IdRegion, ProblemCode::IdChecksum]
    );
}

#[test]
fn checksum_names_the_expected_character() {
    assert_eq!(
        parse_resident_id("110105194912310023", exam()),
        Err(vec![
            IdProblem::Age {
                age: 71,
                exam_date: exam()
            },
            IdProblem::Checksum {
                expected: 'X',
                found: '3'
            }
        ])
    );
}

#[test]
fn birth_date_must_be_real_and_not_after_the_exam() {
    let feb30 = with_check("11010520030230123");
    assert_eq!(
        parse_resident_id(&feb30, exam()),
        Err(vec![IdProblem::BirthDate {
            digits: "20030230".into(),
            future: false,
            exam_date: exam()
        }])
    );
    let future = with_check("11010520211212123");
    assert_eq!(
        parse_resident_id(&future, exam()),
        Err(vec![IdProblem::BirthDate {
            digits: "20211212".into(),
            future: true,
            exam_date: exam()
        }])
    );
    // 29 February exists in leap years only.
    assert!(parse_resident_id(&with_check("11010520040229123"), exam()).is_ok());
    assert_eq!(
        codes(parse_resident_id(&with_check("11010520030229123"), exam())),
        [ProblemCode::IdBirthDate]
    );
}

#[test]
fn age_is_14_to_70_on_the_exam_day() {
    let age = |ymd: &str| parse_resident_id(&with_check(&format!("110105{ymd}123")), exam());
    assert!(age("20071211").is_ok(), "14 on the exam day");
    assert_eq!(
        age("20071212"),
        Err(vec![IdProblem::Age {
            age: 13,
            exam_date: exam()
        }])
    );
    assert!(age("19511211").is_ok(), "70 on the exam day");
    assert!(age("19501212").is_ok(), "still 70, 71 the next day");
    assert_eq!(
        age("19501211"),
        Err(vec![IdProblem::Age {
            age: 71,
            exam_date: exam()
        }])
    );
}

#[test]
fn residence_permits_share_the_form_with_their_own_regions() {
    let hk = with_check("81000020000101123");
    let tw = with_check("83000020000101124");
    assert!(check_id(IdType::HkMacaoPermit, &hk, exam()).is_ok_and(|r| r.is_some()));
    assert!(check_id(IdType::TaiwanPermit, &tw, exam()).is_ok());
    assert_eq!(
        check_id(IdType::TaiwanPermit, &hk, exam()),
        Err(vec![IdProblem::Region {
            region: "810000".into(),
            expected: Some("830000")
        }])
    );
    let mainland = with_check("11010520030501123");
    assert!(check_id(IdType::HkMacaoPermit, &mainland, exam()).is_err());
}

#[test]
fn passports_and_other_documents_get_charset_and_length_checks() {
    assert_eq!(check_id(IdType::Passport, " e12345678 ", exam()), Ok(None));
    assert_eq!(check_id(IdType::Other, "A123456(7)", exam()), Ok(None));
    assert_eq!(
        check_id(IdType::Passport, "E1234-5678", exam()),
        Err(vec![IdProblem::Chars {
            bad: "-".into(),
            allowed: Charset::Passport
        }])
    );
    assert_eq!(
        check_id(IdType::Other, "", exam()),
        Err(vec![IdProblem::Length {
            found: 0,
            min: 4,
            max: 30
        }])
    );
}

#[test]
fn scientific_notation_is_recognised() {
    assert!(is_scientific("1.10105E+17"));
    assert!(is_scientific("4.40524e17"));
    assert!(!is_scientific("11010519491231002X"));
    assert!(!is_scientific("E12345678"));
}

#[test]
fn the_short_path_for_well_formed_numbers_agrees_with_every_check() {
    // Numbers around every boundary the checks draw: regions, permit codes, birth dates
    // (future, impossible, age 14 and 70 at the exam), check characters right and wrong.
    let mut numbers = Vec::new();
    for region in ["110105", "810000", "830000", "990101", "000000", "440524"] {
        for birth in [
            "20071211", "20071212", "19511211", "19511212", "19491231", "20230101", "20010230",
            "20001301",
        ] {
            for seq in ["001", "002", "999"] {
                let first17 = format!("{region}{birth}{seq}");
                let good = with_check(&first17);
                let wrong = if good.ends_with('0') { "1" } else { "0" };
                numbers.push(good);
                numbers.push(format!("{first17}{wrong}"));
                numbers.push(format!("{first17}X"));
            }
        }
    }
    let types = [
        IdType::ResidentId,
        IdType::HkMacaoPermit,
        IdType::TaiwanPermit,
    ];
    let mut short = 0;
    for n in &numbers {
        for t in types {
            let full = check_gb11643(n, t, Dates::new(exam(), exam()));
            match well_formed(n, t, Dates::new(exam(), exam())) {
                Some(id) => {
                    short += 1;
                    assert_eq!(full, Ok(id), "{n} as {t:?}");
                }
                None => assert!(full.is_err(), "{n} as {t:?}: the short path missed it"),
            }
        }
    }
    assert!(short > 20, "only {short} numbers took the short path");
}
