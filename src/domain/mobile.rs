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
}
