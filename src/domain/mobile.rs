//! Mainland mobile numbers by the prefixes allocated to mobile service (not "11 digits
//! starting with 1": 12345678901 and 10008501846 are nobody's phone). The prefixes
//! (data/cn_mobile_prefixes.txt, its source and date in its header) come from Google
//! libphonenumber's metadata for CN.

use std::sync::OnceLock;

/// The shipped list, compiled in.
const LIST: &str = include_str!("../../data/cn_mobile_prefixes.txt");

/// Every allocation is decided by a number's first five digits: one flag per `1xxxx`,
/// indexed by the four digits after the 1, built once from the list.
fn allocated() -> &'static [bool; 10_000] {
    static TABLE: OnceLock<Box<[bool; 10_000]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([false; 10_000]);
        for p in LIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let rest = &p[1..];
            // A shorter prefix stands for every five-digit one it begins.
            let width = 4 - rest.len() as u32;
            let base: usize = rest.parse::<usize>().unwrap_or(0) * 10usize.pow(width);
            for i in 0..10usize.pow(width) {
                t[base + i] = true;
            }
        }
        t
    })
}

/// Whether 11 ASCII digits are a number in a mobile allocation.
pub fn is_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 11 || b[0] != b'1' || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let i = b[1..5]
        .iter()
        .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
    allocated()[i]
}

/// The shortest beginning (3 to 5 digits) of 11 digits that no mobile allocation starts with,
/// for a message: `123` for 12345678901, `17406` for 17406123456 (1740[0-5] are allocated).
/// `None` when the number is a mobile number or not 11 digits starting with 1.
pub fn unallocated_prefix(digits: &str) -> Option<&str> {
    if is_mobile(digits) || digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let table = allocated();
    (3..=5).map(|len| &digits[..len]).find(|p| {
        // The five-digit prefixes this beginning spans.
        let width = 5 - p.len() as u32;
        let start = p[1..].parse::<usize>().unwrap_or(0) * 10usize.pow(width);
        !table[start..start + 10usize.pow(width)].iter().any(|a| *a)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocated_prefixes_only() {
        for n in [
            "13800138000",
            "14512345678",
            "16101234567",
            "17405123456",
            "19912345678",
            "16612345678",
        ] {
            assert!(is_mobile(n), "{n}");
        }
        for n in [
            "12345678901",
            "10008501846",
            "14012345678",
            "17406123456",
            "19412345678",
            "16012345678",
            "1380013800",
            "138001380001",
            "2380013800a",
        ] {
            assert!(!is_mobile(n), "{n}");
        }
    }

    #[test]
    fn the_unallocated_prefix_is_as_short_as_it_can_be() {
        assert_eq!(unallocated_prefix("12345678901"), Some("123"));
        assert_eq!(unallocated_prefix("10008501846"), Some("100"));
        assert_eq!(unallocated_prefix("14012345678"), Some("140"));
        assert_eq!(unallocated_prefix("17406123456"), Some("17406"));
        assert_eq!(unallocated_prefix("16112345678"), Some("1611"));
        assert_eq!(unallocated_prefix("13800138000"), None);
        assert_eq!(unallocated_prefix("1380013800"), None);
    }
}
