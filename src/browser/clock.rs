//! The local wall clock, read from the browser's `Date`.

use chrono::{NaiveDate, NaiveDateTime};

/// The local date and time now, to the second.
pub fn now() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
        .unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM:SS`, the stamp stored with drafts.
pub fn stamp(at: NaiveDateTime) -> String {
    format!("{}T{}", kepu_core::rules::dates::to_iso(at.date()), hms(at.time()))
}

/// `HH:MM:SS`, for the save indicator.
pub fn hms(at: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}
