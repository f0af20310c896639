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

/// An exact decimal ≥ 0 of up to six places, kept with the places it was written
/// with: the 汇总 adds a returned table's numbers and amounts (人数, 元, 万元) in it
/// without knowing which they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decimal {
    millionths: u64,
    places: u8,
}

impl Decimal {
    const SCALE: u64 = 1_000_000;

    /// Reads `1200`, `1,200.50`, `¥800`, `3.5万元`; `None` for anything else.
    pub fn parse(typed: &str) -> Option<Decimal> {
        let n = normalise(typed);
        let n = n.trim().trim_start_matches(['¥', '￥']).trim_end_matches("元").trim_end_matches('万').trim();
        let n: String = n.chars().filter(|c| !matches!(c, ',' | '，')).collect();
        let (whole, fraction) = n.split_once('.').unwrap_or((&n, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 12 || fraction.len() > 6 || !digits(whole) || !digits(fraction) {
            return None;
        }
        let places = u8::try_from(fraction.len()).ok()?;
        let whole: u64 = whole.parse().ok()?;
        let fraction: u64 = if places == 0 { 0 } else { format!("{fraction:0<6}").parse().ok()? };
        Some(Decimal { millionths: whole * Self::SCALE + fraction, places })
    }

    /// The sum, written with the most places of the two.
    pub fn plus(self, other: Decimal) -> Decimal {
        Decimal { millionths: self.millionths.saturating_add(other.millionths), places: self.places.max(other.places) }
    }

    /// The value for a spreadsheet: a count when whole, an amount when it has two places.
    pub fn value(self) -> Option<crate::rules::print::Value> {
        use crate::rules::print::Value;
        match self.places {
            0 => Some(Value::Count(self.millionths / Self::SCALE)),
            1 | 2 => i64::try_from(self.millionths / 10_000)
                .ok()
                .and_then(crate::rules::money::Money::from_fen)
                .map(Value::Money),
            _ => None,
        }
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.millionths / Self::SCALE)?;
        if self.places > 0 {
            let fraction = format!("{:06}", self.millionths % Self::SCALE);
            write!(f, ".{}", &fraction[..usize::from(self.places)])?;
        }
        Ok(())
    }
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

    #[test]
    fn decimals_add_exactly_with_the_places_they_were_written_with() {
        let d = |s: &str| Decimal::parse(s).unwrap();
        assert_eq!(d("1,200").plus(d("80")).to_string(), "1280");
        assert_eq!(d("800.00").plus(d("¥750.5")).to_string(), "1550.50");
        assert_eq!(d("3.5万元").plus(d("0.000001")).to_string(), "3.500001");
        assert_eq!(d("１２").to_string(), "12");
        for bad in ["", "约200", "-5", "1.2345678", "1.2.3", ".5", "十"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
        use crate::rules::print::Value;
        assert_eq!(d("120").value(), Some(Value::Count(120)));
        assert_eq!(d("1550.5").value(), crate::rules::money::Money::parse("1550.50").ok().map(Value::Money));
        assert_eq!(d("3.500001").value(), None);
    }
}
