//! The demo's pilot schools (附件2 rows) and the site decisions taken on them.

use std::collections::HashSet;

use super::names::{DISTRICTS, District, ROADS, SCHOOL_KINDS, provinces};
use super::people::{Gender, name, phone};
use super::rng::Rng;
use crate::domain::SiteState;
use crate::domain::school::SchoolInfo;

/// A demo school: its 附件2 row, where it is, and the site state the demo leaves it in.
#[derive(Debug, Clone)]
pub struct DemoSchool {
    pub info: SchoolInfo,
    pub district: District,
    pub site: SiteState,
}

/// The site states of the demo's schools, in order: approved sites are the majority, each other
/// state appears at least twice so filters show more than one line.
fn site_plan(i: usize) -> SiteState {
    match i % 11 {
        3 => SiteState::Pending,
        6 => SiteState::NotApplied,
        8 if i.is_multiple_of(2) => SiteState::Rejected,
        8 => SiteState::Suspended,
        _ => SiteState::Approved,
    }
}

/// `n` schools spread round-robin over every province of the pools, with unique names and codes.
pub fn schools(rng: &mut Rng, n: usize) -> Vec<DemoSchool> {
    let provinces = provinces();
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while out.len() < n {
        let province = provinces[i % provinces.len()];
        i += 1;
        let local: Vec<&District> = DISTRICTS
            .iter()
            .filter(|d| d.province == province)
            .collect();
        let district = **rng.pick(&local);
        let stem = district.city.trim_end_matches('市');
        let school_name = format!("{stem}{}", rng.pick(SCHOOL_KINDS));
        if !names.insert(school_name.clone()) {
            continue;
        }
        let code = loop {
            let c = rng.range(12_000, 14_999).to_string();
            if codes.insert(c.clone()) {
                break c;
            }
        };
        let info = school_info(rng, school_name, code, &district);
        out.push(DemoSchool {
            info,
            district,
            site: site_plan(out.len()),
        });
    }
    out
}

fn school_info(rng: &mut Rng, school_name: String, code: String, d: &District) -> SchoolInfo {
    let gender = if rng.chance(70) {
        Gender::Female
    } else {
        Gender::Male
    };
    // A municipality is its own city: "重庆市渝中区…", not "重庆市重庆市渝中区…".
    let place = if d.province == d.city {
        d.city.to_string()
    } else {
        format!("{}{}", d.province, d.city)
    };
    let address = format!(
        "{place}{}{}{}号",
        d.district,
        rng.pick(ROADS),
        rng.range(1, 999)
    );
    let mailbox = rng.pick(&["jwc", "kwb", "jxb", "1xzs"]);
    let host = rng.pick(&["163.com", "126.com", "qq.com"]);
    SchoolInfo {
        invoice_title: school_name.clone(),
        tax_id: credit_code(rng, d.code),
        name: school_name,
        code: code.clone(),
        province: d.province.into(),
        city: d.city.into(),
        address,
        contact: name(rng, gender),
        phone: phone(rng),
        email: format!("{mailbox}{code}@{host}"),
    }
}

/// An 18-character 统一社会信用代码 (GB 32100-2015) of a 事业单位 (public institution: "12")
/// registered in the city of `region`, with a valid 组织机构代码 and check character, so a
/// validating invoice tool would accept it.
pub fn credit_code(rng: &mut Rng, region: &str) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let city = format!("{}00", &region[..4]);
    let org = organization_code(rng);
    let first17 = format!("12{city}{org}");
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| {
            let v = ALPHABET.iter().position(|a| *a == b).unwrap_or(0) as u32;
            v * w
        })
        .sum();
    let check = (31 - sum % 31) % 31;
    format!("{first17}{}", ALPHABET[check as usize] as char)
}

/// A 9-character 组织机构代码 (GB 11714): eight digits and its check character.
fn organization_code(rng: &mut Rng) -> String {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!("{:08}", rng.below(100_000_000));
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from(b'0' + c as u8),
    };
    format!("{body}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schools_are_plausible_and_unique() {
        let list = schools(&mut Rng::new(1), 44);
        let names: HashSet<&str> = list.iter().map(|s| s.info.name.as_str()).collect();
        let codes: HashSet<&str> = list.iter().map(|s| s.info.code.as_str()).collect();
        assert_eq!((names.len(), codes.len()), (44, 44));
        for s in &list {
            let i = &s.info;
            assert!(i.name.ends_with("学院"), "{}", i.name);
            assert_eq!(i.invoice_title, i.name);
            assert_eq!(i.code.len(), 5);
            assert!(i.address.contains(&i.city) && i.address.ends_with('号'));
            assert_eq!(i.phone.len(), 11);
            assert_eq!(i.tax_id.len(), 18);
            assert!(i.tax_id.starts_with("12"));
            assert_eq!(
                &i.tax_id[2..6],
                &s.district.code[..4],
                "registered in its city"
            );
            assert!(i.email.contains('@'));
        }
    }

    #[test]
    fn credit_codes_carry_valid_check_characters() {
        // The standard's example and a published code of a public institution.
        assert!(credit_code_ok("91350100M000100Y43"));
        assert!(credit_code_ok("12100000400000624D"));
        assert!(!credit_code_ok("12100000400000624E"));
        let mut rng = Rng::new(3);
        for _ in 0..200 {
            let c = credit_code(&mut rng, "330702");
            assert!(credit_code_ok(&c), "{c}");
        }
    }

    /// Independent check: the weighted sum of all 18 characters (the check character with
    /// weight 1 added in) is a multiple of 31 — the definition the weights derive from.
    fn credit_code_ok(c: &str) -> bool {
        const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        let vals: Vec<u64> = c
            .chars()
            .map(|ch| ALPHABET.find(ch).unwrap() as u64)
            .collect();
        let sum: u64 = vals[..17]
            .iter()
            .enumerate()
            .map(|(i, v)| v * 3u64.pow(i as u32) % 31)
            .sum();
        (sum + vals[17]).is_multiple_of(31)
    }
}
