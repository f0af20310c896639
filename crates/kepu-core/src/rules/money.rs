//! Money in integer 分: parsing what people type, formatting, and 人民币大写.
//! No floating point anywhere.

use std::fmt;

use crate::rules::contact::normalise;

/// The largest amount accepted: 9999亿9999万9999元9角9分, the most 人民币大写 can write with 亿 as its top unit.
pub const MAX_FEN: i64 = 99_999_999_999_999;

/// An amount of money in 分 (cents), never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Money(i64);

/// Why typed text is not an amount; `Display` gives the Chinese message without the field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Nothing typed.
    Empty,
    /// A minus sign.
    Negative,
    /// More than two decimals.
    TooManyDecimals,
    /// Beyond [`MAX_FEN`].
    TooLarge,
    /// Not a number at all.
    NotANumber,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::Empty => "未填写",
            MoneyError::Negative => "不能为负数",
            MoneyError::TooManyDecimals => "最多保留两位小数（到分）",
            MoneyError::TooLarge => "金额过大，不能超过9999亿元",
            MoneyError::NotANumber => "不是有效数字，请只填写数字，如1200.50",
        })
    }
}

/// A decimal with at most two places, as hundredths: the shared parser of money and quantities.
fn parse_hundredths(input: &str) -> Result<i64, MoneyError> {
    let n = normalise(input);
    let mut s: &str = n.trim();
    for prefix in ["¥", "￥", "RMB", "人民币"] {
        s = s.strip_prefix(prefix).unwrap_or(s).trim_start();
    }
    s = s.strip_suffix('元').unwrap_or(s).trim_end();
    let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{a0}')).collect();
    if cleaned.is_empty() {
        return Err(MoneyError::Empty);
    }
    if cleaned.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let (whole, frac) = cleaned.split_once('.').unwrap_or((cleaned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return Err(MoneyError::NotANumber);
    }
    if frac.len() > 2 {
        return Err(MoneyError::TooManyDecimals);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 12 {
        return Err(MoneyError::TooLarge);
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| MoneyError::TooLarge)? };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| MoneyError::NotANumber)?;
    let total = whole * 100 + frac;
    if total > MAX_FEN { Err(MoneyError::TooLarge) } else { Ok(total) }
}

/// `1,200.50`: thousands separators, two decimals.
fn format_hundredths(value: i64, separators: bool) -> String {
    let whole = (value / 100).to_string();
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 3);
    for (i, c) in whole.chars().enumerate() {
        if separators && i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", value % 100)
}

impl Money {
    /// An amount of `fen` 分; `None` if negative or beyond [`MAX_FEN`].
    pub fn from_fen(fen: i64) -> Option<Self> {
        (0..=MAX_FEN).contains(&fen).then_some(Money(fen))
    }

    /// The amount in 分.
    pub fn fen(self) -> i64 {
        self.0
    }

    /// Reads what people type: `1,200.5`, `１２００`, `¥300`, `300元`.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        parse_hundredths(input).map(Money)
    }

    /// `1,200.50`, for the screen and the print.
    pub fn display(self) -> String {
        format_hundredths(self.0, true)
    }

    /// `1200.50`, a plain number for CSV cells.
    pub fn plain(self) -> String {
        format_hundredths(self.0, false)
    }

    /// The sum of `amounts`, or `None` past [`MAX_FEN`].
    pub fn sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts.into_iter().try_fold(0i64, |acc, m| acc.checked_add(m.0)).and_then(Money::from_fen)
    }
}

/// A quantity (数量) with up to two decimals, stored as hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Quantity(i64);

impl Quantity {
    /// Reads a quantity; the same rules as money, with no currency marks expected.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        parse_hundredths(input).map(Quantity)
    }

    /// The quantity in hundredths: 150 for 1.5.
    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// Whether the quantity is zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `12` or `1.5`, without trailing zeros.
    pub fn plain(self) -> String {
        let s = format_hundredths(self.0, false);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }

    /// 数量 × 单价, rounded half-up to 分; `None` past [`MAX_FEN`].
    pub fn times(self, price: Money) -> Option<Money> {
        let exact = i128::from(self.0) * i128::from(price.0);
        let rounded = (exact + 50) / 100;
        i64::try_from(rounded).ok().and_then(Money::from_fen)
    }
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// 人民币大写 of `amount`, without the leading `人民币`: `壹仟肆佰零玖元伍角整`.
pub fn rmb_upper(amount: Money) -> String {
    let fen_total = amount.fen();
    if fen_total == 0 {
        return "零元整".to_owned();
    }
    let yuan = fen_total / 100;
    let jiao = (fen_total / 10 % 10) as usize;
    let fen = (fen_total % 10) as usize;
    let mut out = String::new();
    if yuan > 0 {
        out.push_str(&yuan_upper(yuan));
        out.push('元');
        // 零 after 元 when 角 is missing before 分, or when the units of 元 end in zero.
        if (jiao == 0 && fen > 0) || (jiao > 0 && yuan % 10 == 0) {
            out.push('零');
        }
    }
    if jiao > 0 {
        out.push(DIGITS[jiao]);
        out.push('角');
    }
    if fen > 0 {
        out.push(DIGITS[fen]);
        out.push('分');
    } else {
        out.push('整');
    }
    out
}

/// The whole-yuan part: sections of four digits under 亿 and 万, one 零 per run of zeros.
fn yuan_upper(yuan: i64) -> String {
    const PLACES: [&str; 4] = ["仟", "佰", "拾", ""];
    let sections = [(yuan / 100_000_000, "亿"), (yuan / 10_000 % 10_000, "万"), (yuan % 10_000, "")];
    let mut out = String::new();
    let mut zero_pending = false;
    for (value, section_unit) in sections {
        if value == 0 {
            zero_pending |= !out.is_empty();
            continue;
        }
        let digits = [value / 1000 % 10, value / 100 % 10, value / 10 % 10, value % 10];
        for (digit, place) in digits.into_iter().zip(PLACES) {
            if digit == 0 {
                zero_pending |= !out.is_empty();
                continue;
            }
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push(DIGITS[digit as usize]);
            out.push_str(place);
        }
        out.push_str(section_unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(m("1,200.5").fen(), 120_050);
        assert_eq!(m("１２００").fen(), 120_000);
        assert_eq!(m("¥300").fen(), 30_000);
        assert_eq!(m("￥ 300").fen(), 30_000);
        assert_eq!(m("300元").fen(), 30_000);
        assert_eq!(m(" 0.5 ").fen(), 50);
        assert_eq!(m(".5").fen(), 50);
        assert_eq!(m("12.").fen(), 1200);
        assert_eq!(m("1，200").fen(), 120_000);
        assert_eq!(m("００７").fen(), 700);
        assert_eq!(m("0").fen(), 0);
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse(" 元"), Err(MoneyError::Empty));
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("－5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1.2.3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("."), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1e5"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("一百"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1000000000000"), Err(MoneyError::TooLarge));
        assert_eq!(Money::parse("99999999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(m("999999999999.99").fen(), MAX_FEN);
        assert_eq!(MoneyError::TooManyDecimals.to_string(), "最多保留两位小数（到分）");
    }

    #[test]
    fn formats_with_separators_and_two_decimals() {
        assert_eq!(m("1200.5").display(), "1,200.50");
        assert_eq!(m("0").display(), "0.00");
        assert_eq!(m("0.07").display(), "0.07");
        assert_eq!(m("999").display(), "999.00");
        assert_eq!(m("1000").display(), "1,000.00");
        assert_eq!(m("1234567.8").display(), "1,234,567.80");
        assert_eq!(m("1234567.8").plain(), "1234567.80");
    }

    #[test]
    fn amount_is_quantity_times_price_rounded_half_up() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert_eq!(q("3").times(m("12.5")), Some(m("37.5")));
        assert_eq!(q("1.5").times(m("0.33")), Some(m("0.50"))); // 0.495 → 0.50
        assert_eq!(q("1.5").times(m("0.31")), Some(m("0.47"))); // 0.465 → 0.47
        assert_eq!(q("0.01").times(m("0.49")), Some(m("0"))); // 0.0049 → 0.00
        assert_eq!(q("0.01").times(m("0.50")), Some(m("0.01"))); // 0.005 → 0.01
        assert_eq!(q("100000").times(m("100000000")), None);
        assert_eq!(q("1.50").plain(), "1.5");
        assert_eq!(q("12").plain(), "12");
    }

    #[test]
    fn sums_are_exact() {
        let tenth = m("0.1");
        assert_eq!(Money::sum(std::iter::repeat_n(tenth, 10)), Some(m("1")));
        assert_eq!(Money::sum([Money::from_fen(MAX_FEN).unwrap(), m("0.01")]), None);
    }

    #[test]
    fn forms_md_upper_vectors() {
        let cases = [
            ("0", "零元整"),
            ("0.02", "贰分"),
            ("1409.50", "壹仟肆佰零玖元伍角整"),
            ("6007.14", "陆仟零柒元壹角肆分"),
            ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
            ("10005.50", "壹万零伍元伍角整"),
            ("100010000", "壹亿零壹万元整"),
            ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
            ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元零壹角贰分"),
        ];
        for (amount, upper) in cases {
            assert_eq!(rmb_upper(m(amount)), upper, "{amount}");
        }
    }

    #[test]
    fn more_upper_edge_cases() {
        let cases = [
            ("0.01", "壹分"),
            ("0.10", "壹角整"),
            ("0.55", "伍角伍分"),
            ("1", "壹元整"),
            ("10", "壹拾元整"),
            ("15", "壹拾伍元整"),
            ("110", "壹佰壹拾元整"),
            ("1000", "壹仟元整"),
            ("10000", "壹万元整"),
            ("100000", "壹拾万元整"),
            ("20000000", "贰仟万元整"),
            ("100000000", "壹亿元整"),
            ("100000001", "壹亿零壹元整"),
            ("101000000", "壹亿零壹佰万元整"),
            ("1000000000", "壹拾亿元整"),
            ("10.05", "壹拾元零伍分"),
            ("10.50", "壹拾元零伍角整"),
            ("1001.01", "壹仟零壹元零壹分"),
            ("1010.10", "壹仟零壹拾元零壹角整"),
            ("2000.00", "贰仟元整"),
            ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ];
        for (amount, upper) in cases {
            assert_eq!(rmb_upper(m(amount)), upper, "{amount}");
        }
    }
}
