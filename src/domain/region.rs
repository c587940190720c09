//! GB/T 2260 administrative division codes: the first six digits of a 居民身份证 number name
//! the county-level place that issued it. The list (data/gbt2260_regions.txt, its source and
//! date in its header) holds every code that exists or existed: a number keeps the code of the
//! place that issued it after the place is merged or renamed.

use std::sync::OnceLock;

/// The shipped list, compiled in: nothing is read at run time.
const LIST: &str = include_str!("../../data/gbt2260_regions.txt");

/// Every code as a number, sorted: looked up on every row of an import, so a binary search
/// over 7,000 integers, parsed once.
fn codes() -> &'static [u32] {
    static CODES: OnceLock<Vec<u32>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut v: Vec<u32> = LIST
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        v.sort_unstable();
        v
    })
}

/// Whether six ASCII digits are a mainland code of GB/T 2260, current or abolished.
pub fn region_exists(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    codes().binary_search(&n).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_abolished_and_invented_codes() {
        // 东城区; 崇文区 (merged into 东城区 in 2010); 密云区 (a county until 2015).
        for code in ["110101", "110103", "110118", "330102", "652201", "110000"] {
            assert!(region_exists(code), "{code}");
        }
        // The numbers people invent, a province without the county, Taiwan and Hong Kong.
        for code in [
            "111111", "123456", "000000", "999999", "710000", "810000", "11010", "11010a",
        ] {
            assert!(!region_exists(code), "{code}");
        }
        assert!(codes().len() > 6_000, "the whole list is compiled in");
    }
}
