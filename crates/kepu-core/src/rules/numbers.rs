//! Whole numbers and years as people type them into the paper forms' cells.

use crate::rules::contact::normalise;

/// The most digits a count may have: more is a slip of the keyboard, not a count.
const MAX_DIGITS: usize = 12;

/// A whole number ≥ 0 as typed: full-width digits and 千分位 separators
/// (`1,200`, `１２００`, `1，200`) are read; anything else is `None`.
pub fn whole(typed: &str) -> Option<u64> {
    let digits: String = normalise(typed).chars().filter(|c| !matches!(c, ',' | '，')).collect();
    let digits = digits.trim();
    if digits.is_empty() || digits.len() > MAX_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The years a form's 年度 may take.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A 年度 as typed (`2021`, `２０２１`, `2021年`), if it is a four-digit year in [`YEARS`].
pub fn year(typed: &str) -> Option<i32> {
    let n = normalise(typed);
    let n = n.strip_suffix('年').unwrap_or(&n).trim();
    if n.len() != 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().filter(|y| YEARS.contains(y))
}

/// What a form says of a 年度 that [`year`] cannot read.
pub fn year_message() -> String {
    format!("请填写四位数的年度（{}—{}），如：2021", YEARS.start(), YEARS.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_as_typed() {
        assert_eq!(whole("1,200"), Some(1200));
        assert_eq!(whole("１２００"), Some(1200));
        assert_eq!(whole("1，200"), Some(1200));
        assert_eq!(whole(" 45 "), Some(45));
        assert_eq!(whole("０"), Some(0));
        for bad in ["", " ", "1.0", "-3", "十二", "12a", "1234567890123"] {
            assert_eq!(whole(bad), None, "{bad:?}");
        }
        assert_eq!(whole("999999999999"), Some(999_999_999_999));
    }

    #[test]
    fn years_as_typed() {
        assert_eq!(year("2021"), Some(2021));
        assert_eq!(year("２０２１"), Some(2021));
        assert_eq!(year("2021年"), Some(2021));
        for bad in ["", "21", "1999", "2101", "二〇二一", "2021-1"] {
            assert_eq!(year(bad), None, "{bad:?}");
        }
        assert_eq!(year_message(), "请填写四位数的年度（2000—2100），如：2021");
    }
}
