//! Candidates: people with valid 居民身份证 numbers (GB 11643-1999), and the faults schools
//! really make in their sheets, for demo submissions and benchmarks.

use std::collections::HashSet;
use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate};

use super::names::{DISTRICTS, FEMALE_CHARS, MALE_CHARS, SURNAMES};
use super::rng::Rng;
use super::submission::SubmissionRow;
use crate::domain::Level;
use crate::domain::id_number;
pub use crate::domain::identity::Gender;
use crate::domain::sheet::Cell;

/// The other gender: a demo fault writes the wrong one.
pub fn other(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
    }
}

/// A generated candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// A valid 18-character 居民身份证 number.
    pub id_number: String,
    pub gender: Gender,
    pub birth: NaiveDate,
    /// 11 digits, 13x / 15x / 18x.
    pub phone: String,
}

/// The check character of 17 generated digits (always digits, so always `Some`).
pub fn check_char(first17: &str) -> char {
    id_number::check_char(first17).expect("the generator writes 17 digits")
}

/// A random person born in `birth_years`, registered anywhere in [`DISTRICTS`].
pub fn person(rng: &mut Rng, birth_years: RangeInclusive<i32>) -> Person {
    let region = rng.pick(DISTRICTS).code;
    person_from(rng, birth_years, region)
}

/// A random person born in `birth_years` whose ID carries the region code `region`.
pub fn person_from(rng: &mut Rng, birth_years: RangeInclusive<i32>, region: &str) -> Person {
    let gender = if rng.chance(50) {
        Gender::Male
    } else {
        Gender::Female
    };
    let year = rng.range(
        i64::from(*birth_years.start()),
        i64::from(*birth_years.end()),
    ) as i32;
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
    let days = if jan1.leap_year() { 366 } else { 365 };
    let birth = jan1 + Duration::days(rng.below(days) as i64);
    // 17th digit: odd for men, even for women.
    let sex_digit = rng.below(5) * 2 + u64::from(gender == Gender::Male);
    let first17 = format!(
        "{region}{}{:02}{sex_digit}",
        birth.format("%Y%m%d"),
        rng.below(100)
    );
    let id_number = format!("{first17}{}", check_char(&first17));
    Person {
        name: name(rng, gender),
        id_number,
        gender,
        birth,
        phone: phone(rng),
    }
}

/// A Chinese name: a surname and one or (mostly) two given-name characters.
pub fn name(rng: &mut Rng, gender: Gender) -> String {
    let pool = match gender {
        Gender::Male => MALE_CHARS,
        Gender::Female => FEMALE_CHARS,
    };
    let mut n = rng.pick(SURNAMES).to_string();
    let first: &&str = rng.pick(pool);
    n.push_str(first);
    if rng.chance(75) {
        let second: &&str = rng.pick(pool);
        n.push_str(second);
    }
    n
}

/// A mobile number: 11 digits with a 13x / 15x / 18x prefix.
pub fn phone(rng: &mut Rng) -> String {
    const PREFIXES: &[&str] = &[
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
        "156", "157", "158", "159", "180", "181", "182", "186", "187", "188", "189",
    ];
    format!("{}{:08}", rng.pick(PREFIXES), rng.below(100_000_000))
}

/// A source of people whose ID numbers never repeat (a repeated ID is a duplicate the intake
/// would flag, which a benchmark or a clean demo file must not contain by accident).
#[derive(Debug, Clone)]
pub struct People {
    rng: Rng,
    birth_years: RangeInclusive<i32>,
    seen: HashSet<String>,
}

impl People {
    /// People born in `birth_years`, from a generator seeded with `seed`.
    pub fn new(seed: u64, birth_years: RangeInclusive<i32>) -> People {
        People {
            rng: Rng::new(seed),
            birth_years,
            seen: HashSet::new(),
        }
    }

    /// The next person, preferring (four in five) an ID registered in `province` when given.
    pub fn next_in(&mut self, province: Option<&str>) -> Person {
        loop {
            let local: Vec<&str> = match province {
                Some(p) if self.rng.chance(80) => DISTRICTS
                    .iter()
                    .filter(|d| d.province == p)
                    .map(|d| d.code)
                    .collect(),
                _ => Vec::new(),
            };
            let region = if local.is_empty() {
                self.rng.pick(DISTRICTS).code
            } else {
                self.rng.pick(&local)
            };
            let p = person_from(&mut self.rng, self.birth_years.clone(), region);
            if self.seen.insert(p.id_number.clone()) {
                return p;
            }
        }
    }

    /// The generator, for choices around the people (majors, faults).
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }
}

impl Iterator for People {
    type Item = Person;
    fn next(&mut self) -> Option<Person> {
        Some(self.next_in(None))
    }
}

/// A mistake schools make in 附件1, planted on purpose in demo submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The last character of the ID number is wrong.
    BadChecksum,
    /// The ID number lost a digit.
    SeventeenDigits,
    /// Excel turned the ID into a number: the last digits are gone.
    IdAsNumber,
    /// 性别 contradicts the ID's 17th digit.
    WrongGender,
    /// The phone number has 10 digits.
    ShortPhone,
    /// A space inside the name (the kind Word and WeChat paste in).
    NameWithSpace,
    /// 证书等级 is not the plan's level.
    WrongLevel,
}

impl Fault {
    /// Every fault.
    pub const ALL: [Fault; 7] = [
        Fault::BadChecksum,
        Fault::SeventeenDigits,
        Fault::IdAsNumber,
        Fault::WrongGender,
        Fault::ShortPhone,
        Fault::NameWithSpace,
        Fault::WrongLevel,
    ];
}

/// `row` with the fault `kind` planted in it.
pub fn fault(kind: Fault, mut row: SubmissionRow) -> SubmissionRow {
    let id = row.id_number.text();
    match kind {
        Fault::BadChecksum => {
            if let Some(last) = id.chars().last() {
                let good_prefix: String = id.chars().take(17).collect();
                // Any other character of the check alphabet is wrong.
                let wrong = if last == '0' { '1' } else { '0' };
                row.id_number = Cell::Text(format!("{good_prefix}{wrong}"));
            }
        }
        Fault::SeventeenDigits => {
            row.id_number = Cell::Text(id.chars().take(17).collect());
        }
        Fault::IdAsNumber => {
            // What Excel does: it keeps 15 significant digits and zeroes the rest (an X check
            // character cannot survive at all).
            let digits: String = id.chars().filter(char::is_ascii_digit).collect();
            let n: u64 = digits.parse().unwrap_or(0);
            let keep = 10u64.pow(digits.len().saturating_sub(15) as u32);
            row.id_number = Cell::Number((n / keep * keep) as f64);
        }
        Fault::WrongGender => {
            let stated = if row.gender == Gender::Male.zh() {
                Gender::Male
            } else {
                Gender::Female
            };
            row.gender = other(stated).zh().to_string();
        }
        Fault::ShortPhone => {
            row.phone = row.phone.chars().take(10).collect();
        }
        Fault::NameWithSpace => {
            let mut chars = row.name.chars();
            let first: String = chars.next().map(String::from).unwrap_or_default();
            row.name = format!("{first} {}", chars.as_str());
        }
        Fault::WrongLevel => {
            let now = row.cert_level.parse::<Level>().ok();
            let other = Level::ALL
                .into_iter()
                .find(|l| Some(*l) != now)
                .unwrap_or(Level::Junior);
            row.cert_level = other.zh().to_string();
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// The check character computed from the standard's definition, independently of
    /// [`check_char`]: weight of position i (1-based from the right, the check char being 1)
    /// is 2^(i-1) mod 11; the check value makes the weighted sum ≡ 1 (mod 11).
    fn reference_check(first17: &str) -> char {
        let digits: Vec<u64> = first17.bytes().map(|b| u64::from(b - b'0')).collect();
        let sum: u64 = digits
            .iter()
            .enumerate()
            .map(|(i, d)| d * (1u64 << (17 - i)) % 11)
            .sum();
        let check = (12 - sum % 11) % 11;
        if check == 10 {
            'X'
        } else {
            char::from(b'0' + check as u8)
        }
    }

    #[test]
    fn check_char_matches_the_known_good_vectors() {
        for good in ["11010519491231002X", "440524188001010014"] {
            assert_eq!(check_char(&good[..17]), good.chars().last().unwrap());
            assert_eq!(reference_check(&good[..17]), good.chars().last().unwrap());
        }
    }

    #[test]
    fn generated_people_have_valid_unique_ids_that_agree_with_their_data() {
        let people: Vec<Person> = People::new(42, 1999..=2004).take(1000).collect();
        let ids: HashSet<&str> = people.iter().map(|p| p.id_number.as_str()).collect();
        assert_eq!(ids.len(), 1000, "no ID repeats");
        let regions: HashSet<&str> = DISTRICTS.iter().map(|d| d.code).collect();
        for p in &people {
            let id = &p.id_number;
            assert_eq!(id.len(), 18, "{id}");
            assert!(id[..17].bytes().all(|b| b.is_ascii_digit()), "{id}");
            assert_eq!(id.chars().last(), Some(reference_check(&id[..17])), "{id}");
            assert!(regions.contains(&id[..6]), "{id}: a real region");
            assert_eq!(&id[6..14], p.birth.format("%Y%m%d").to_string(), "{id}");
            assert!((1999..=2004).contains(&p.birth.year()));
            let odd = (id.as_bytes()[16] - b'0') % 2 == 1;
            assert_eq!(odd, p.gender == Gender::Male, "{id}");
            assert_eq!(p.phone.len(), 11);
            assert!(["13", "15", "18"].contains(&&p.phone[..2]), "{}", p.phone);
            assert!(!p.name.contains(' ') && p.name.chars().count() >= 2);
        }
    }

    #[test]
    fn same_seed_same_people() {
        let a: Vec<Person> = People::new(9, 2000..=2003).take(50).collect();
        let b: Vec<Person> = People::new(9, 2000..=2003).take(50).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn people_prefer_their_province() {
        let mut people = People::new(5, 2000..=2003);
        let local = (0..200)
            .filter(|_| people.next_in(Some("四川省")).id_number.starts_with("51"))
            .count();
        assert!(local > 120, "{local} of 200 born in 四川省");
    }

    #[test]
    fn each_fault_breaks_exactly_what_it_says() {
        let p = People::new(3, 2001..=2001).next().unwrap();
        let good = SubmissionRow::new(&p, Level::Intermediate);
        let f = |k| fault(k, good.clone());

        let bad = f(Fault::BadChecksum).id_number.text().into_owned();
        assert_eq!(bad.len(), 18);
        assert_eq!(bad[..17], p.id_number[..17]);
        assert_ne!(bad.chars().last(), Some(check_char(&bad[..17])));

        assert_eq!(
            f(Fault::SeventeenDigits).id_number.text(),
            p.id_number[..17]
        );

        match f(Fault::IdAsNumber).id_number {
            Cell::Number(n) => assert_ne!(format!("{n:.0}"), p.id_number, "digits were lost"),
            other => panic!("not a number: {other:?}"),
        }

        assert_ne!(f(Fault::WrongGender).gender, p.gender.zh());
        assert_eq!(f(Fault::ShortPhone).phone.len(), 10);
        assert!(f(Fault::NameWithSpace).name.contains(' '));
        assert_ne!(f(Fault::WrongLevel).cert_level, "中级");
        // Each fault leaves the rest of the row as it was.
        assert_eq!(f(Fault::ShortPhone).id_number, good.id_number);
        assert_eq!(f(Fault::WrongLevel).name, good.name);
    }
}
