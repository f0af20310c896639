//! Dates as the paper forms write them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::rules::contact::normalise;

/// The blank date line of a signature box, to be filled in by hand.
pub const BLANK_DATE: &str = "\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日";

/// `2024年3月25日`: no zero padding, as on the paper.
pub fn format_cn(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Reads the `YYYY-MM-DD` value of an `<input type=date>`; `None` for blank
/// or anything that is not a real calendar date.
///
/// Written by hand: chrono's format-string parser would add kilobytes to the page.
pub fn parse_iso(value: &str) -> Option<NaiveDate> {
    let mut parts = value.trim().split('-');
    let mut number = |len: std::ops::RangeInclusive<usize>| {
        parts.next().filter(|p| len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))?.parse::<u32>().ok()
    };
    let (year, month, day) = (number(4..=4)?, number(1..=2)?, number(1..=2)?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The `YYYY-MM-DD` form an `<input type=date>` takes.
pub fn to_iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `HH:MM:SS`, as the save indicator shows a time.
pub fn hms(at: NaiveTime) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

/// `YYYY-MM-DDTHH:MM:SS`, the stamp stored with drafts (written by hand:
/// chrono's format strings would add their parser to the page).
pub fn stamp(at: NaiveDateTime) -> String {
    format!("{}T{}", to_iso(at.date()), hms(at.time()))
}

/// `YYYY-MM-DDTHH:MM:SS.mmm`, when a draft was saved: to the millisecond, so two saves
/// in one second still order (the durable copy and localStorage are compared by it);
/// it compares as text with [`stamp`]s.
pub fn stamp_ms(at: NaiveDateTime) -> String {
    format!("{}.{:03}", stamp(at), at.time().nanosecond() / 1_000_000 % 1000)
}

/// A saved time as people read it, to the second: `2024-04-01 10:00:00`.
pub fn saved_text(stamp: &str) -> String {
    stamp.get(..19).unwrap_or(stamp).replacen('T', " ", 1)
}

/// `YYYYMM`, the 年月 of export file names.
pub fn year_month(date: NaiveDate) -> String {
    format!("{:04}{:02}", date.year(), date.month())
}

/// Reads a month as people and spreadsheets write it: `2024-04`, `2024-4`,
/// `2024/4`, `2024.4`, `2024年4月`, and the first of the month a spreadsheet
/// made of it (`2024/4/1`); the first day of that month.
pub fn parse_month(typed: &str) -> Option<NaiveDate> {
    month_only(typed).or_else(|| parse_day(typed).filter(|d| d.day() == 1))
}

fn month_only(typed: &str) -> Option<NaiveDate> {
    let n = normalise(typed);
    let n = n.trim().trim_end_matches('月');
    let (year, month) = n.split_once(['-', '/', '.', '年'])?;
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    NaiveDate::from_ymd_opt(i32::try_from(digits(year, 4..=4)?).ok()?, digits(month, 1..=2)?, 1)
}

/// Reads a date as people and spreadsheets write it: `2024-04-03`,
/// `2024/4/3`, `2024.4.3`, `2024年4月3日`.
pub fn parse_day(typed: &str) -> Option<NaiveDate> {
    let n = normalise(typed);
    let unified: String = n
        .trim()
        .trim_end_matches('日')
        .chars()
        .map(|c| if matches!(c, '/' | '.' | '年' | '月') { '-' } else { c })
        .collect();
    parse_iso(&unified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_dates_have_no_padding() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(format_cn(d), "2024年3月5日");
        let d = NaiveDate::from_ymd_opt(2024, 12, 25).unwrap();
        assert_eq!(format_cn(d), "2024年12月25日");
    }

    #[test]
    fn iso_round_trip_and_rejects() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(parse_iso("2024-02-29"), Some(d));
        assert_eq!(to_iso(d), "2024-02-29");
        assert_eq!(parse_iso("2023-02-29"), None);
        assert_eq!(parse_iso(""), None);
        assert_eq!(parse_iso("2024/02/01"), None);
        assert_eq!(parse_iso("2024-13-01"), None);
        assert_eq!(parse_iso("2024-1-5"), NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(parse_iso("2024-01-05-1"), None);
        assert_eq!(parse_iso("+2024-01-05"), None);
        assert_eq!(parse_iso("20240-01-05"), None);
        assert_eq!(parse_iso("２０２４-01-05"), None);
        assert_eq!(year_month(d), "202402");
    }

    #[test]
    fn blank_date_is_full_width_spaced() {
        assert_eq!(BLANK_DATE, "　　年　　月　　日");
    }
}
