//! China's official working-day calendar: public holidays and the weekend
//! days worked in exchange (调休), as the State Council's yearly notices set them.
//!
//! Source: 国务院办公厅关于{年}年部分节假日安排的通知, one per year, published each
//! autumn for the next year. Add a year here when its notice comes out; years
//! without data fall back to Monday–Friday, and [`Due::official`] says so.

use chrono::{Datelike, NaiveDate, Weekday};

/// One year of the calendar: days off on weekdays' place, and weekend days worked.
struct Year {
    year: i32,
    /// Holiday ranges, `(month, first day, month, last day)`, inclusive.
    holidays: &'static [(u32, u32, u32, u32)],
    /// Weekend days that are working days (调休上班), `(month, day)`.
    make_up: &'static [(u32, u32)],
}

const YEARS: &[Year] = &[
    Year {
        year: 2020,
        // The Spring Festival holiday was extended to 2 February, and the 1 February make-up day cancelled.
        holidays: &[(1, 1, 1, 1), (1, 24, 2, 2), (4, 4, 4, 6), (5, 1, 5, 5), (6, 25, 6, 27), (10, 1, 10, 8)],
        make_up: &[(1, 19), (4, 26), (5, 9), (6, 28), (9, 27), (10, 10)],
    },
    Year {
        year: 2021,
        holidays: &[
            (1, 1, 1, 3),
            (2, 11, 2, 17),
            (4, 3, 4, 5),
            (5, 1, 5, 5),
            (6, 12, 6, 14),
            (9, 19, 9, 21),
            (10, 1, 10, 7),
        ],
        make_up: &[(2, 7), (2, 20), (4, 25), (5, 8), (9, 18), (9, 26), (10, 9)],
    },
    Year {
        year: 2022,
        holidays: &[
            (1, 1, 1, 3),
            (1, 31, 2, 6),
            (4, 3, 4, 5),
            (4, 30, 5, 4),
            (6, 3, 6, 5),
            (9, 10, 9, 12),
            (10, 1, 10, 7),
        ],
        make_up: &[(1, 29), (1, 30), (4, 2), (4, 24), (5, 7), (10, 8), (10, 9)],
    },
    Year {
        year: 2023,
        holidays: &[(1, 1, 1, 2), (1, 21, 1, 27), (4, 5, 4, 5), (4, 29, 5, 3), (6, 22, 6, 24), (9, 29, 10, 6)],
        make_up: &[(1, 28), (1, 29), (4, 23), (5, 6), (6, 25), (10, 7), (10, 8)],
    },
    Year {
        year: 2024,
        holidays: &[
            (1, 1, 1, 1),
            (2, 10, 2, 17),
            (4, 4, 4, 6),
            (5, 1, 5, 5),
            (6, 10, 6, 10),
            (9, 15, 9, 17),
            (10, 1, 10, 7),
        ],
        make_up: &[(2, 4), (2, 18), (4, 7), (4, 28), (5, 11), (9, 14), (9, 29), (10, 12)],
    },
    Year {
        year: 2025,
        holidays: &[(1, 1, 1, 1), (1, 28, 2, 4), (4, 4, 4, 6), (5, 1, 5, 5), (5, 31, 6, 2), (10, 1, 10, 8)],
        make_up: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    Year {
        year: 2026,
        holidays: &[
            (1, 1, 1, 3),
            (2, 15, 2, 23),
            (4, 4, 4, 6),
            (5, 1, 5, 5),
            (6, 19, 6, 21),
            (9, 25, 9, 27),
            (10, 1, 10, 7),
        ],
        make_up: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];

fn year_data(year: i32) -> Option<&'static Year> {
    YEARS.iter().find(|y| y.year == year)
}

/// The years the calendar has official data for.
pub fn covered_years() -> impl Iterator<Item = i32> {
    YEARS.iter().map(|y| y.year)
}

/// Whether `date` is a working day; `None` when its year has no official data.
pub fn official_workday(date: NaiveDate) -> Option<bool> {
    let data = year_data(date.year())?;
    let md = (date.month(), date.day());
    if data.make_up.contains(&md) {
        return Some(true);
    }
    let on_holiday = data.holidays.iter().any(|&(m1, d1, m2, d2)| (m1, d1) <= md && md <= (m2, d2));
    Some(!on_holiday && !is_weekend(date))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A due date and whether it comes from the official calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The day.
    pub date: NaiveDate,
    /// `false` when the year has no data yet and Monday–Friday was assumed.
    pub official: bool,
}

/// The last working day (最后一个工作日) of `month` in `year`; `None` for a month that does not exist.
pub fn last_working_day(year: i32, month: u32) -> Option<Due> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let official = year_data(year).is_some();
    let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    let mut day = last;
    loop {
        let working = official_workday(day).unwrap_or_else(|| !is_weekend(day));
        if working {
            return Some(Due { date: day, official });
        }
        if day == first {
            // A month with no working day at all cannot happen in any real calendar.
            return Some(Due { date: last, official });
        }
        day = day.pred_opt()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(year: i32, month: u32) -> (u32, u32, bool) {
        let d = last_working_day(year, month).unwrap();
        (d.date.month(), d.date.day(), d.official)
    }

    #[test]
    fn issue_vectors() {
        assert_eq!(due(2022, 1), (1, 30, true)); // a Sunday make-up day
        assert_eq!(due(2023, 9), (9, 28, true));
        assert_eq!(due(2025, 1), (1, 27, true));
        assert_eq!(due(2026, 2), (2, 28, true)); // a Saturday make-up day
        assert_eq!(due(2024, 4), (4, 30, true));
    }

    #[test]
    fn ordinary_months_end_on_the_last_weekday() {
        assert_eq!(due(2024, 3), (3, 29, true)); // 31st is a Sunday
        assert_eq!(due(2024, 6), (6, 28, true)); // 30th is a Sunday
        assert_eq!(due(2025, 5), (5, 30, true)); // 31st is 端午
        assert_eq!(due(2024, 9), (9, 30, true)); // 30th is a Monday
        assert_eq!(due(2020, 1), (1, 23, true)); // extended Spring Festival
    }

    #[test]
    fn years_without_data_fall_back_to_weekdays_and_say_so() {
        assert_eq!(due(2030, 11), (11, 29, false));
        assert_eq!(due(2019, 6), (6, 28, false));
    }

    #[test]
    fn make_up_days_are_working_days_and_holidays_are_not() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(official_workday(d(2024, 2, 4)), Some(true));
        assert_eq!(official_workday(d(2024, 2, 12)), Some(false));
        assert_eq!(official_workday(d(2024, 2, 19)), Some(true));
        assert_eq!(official_workday(d(2024, 2, 24)), Some(false));
        assert_eq!(official_workday(d(2031, 1, 1)), None);
    }

    #[test]
    fn every_make_up_day_is_a_weekend_and_no_holiday_range_is_reversed() {
        for year in YEARS {
            for &(m, d) in year.make_up {
                let date = NaiveDate::from_ymd_opt(year.year, m, d).unwrap();
                assert!(is_weekend(date), "{date} is not a weekend");
            }
            for &(m1, d1, m2, d2) in year.holidays {
                assert!(NaiveDate::from_ymd_opt(year.year, m1, d1).is_some());
                assert!(NaiveDate::from_ymd_opt(year.year, m2, d2).is_some());
                assert!((m1, d1) <= (m2, d2));
            }
        }
    }

    #[test]
    fn never_panics_on_any_month() {
        for year in [i32::MIN, -1, 0, 1, 1900, 2024, 9999, 262_143, 262_144, i32::MAX] {
            for month in 0..=13 {
                let due = last_working_day(year, month);
                if (1..=12).contains(&month) && NaiveDate::from_ymd_opt(year, month, 1).is_some() {
                    if year < 262_143 {
                        assert!(due.is_some(), "{year}-{month}");
                    }
                } else {
                    assert_eq!(due, None, "{year}-{month}");
                }
            }
        }
        assert_eq!(covered_years().collect::<Vec<_>>(), (2020..=2026).collect::<Vec<_>>());
    }
}
