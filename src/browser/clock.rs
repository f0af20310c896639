//! The local wall clock, read from the browser's `Date`.

use chrono::{NaiveDate, NaiveDateTime};

/// The local date and time now, to the millisecond.
pub fn now() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_milli_opt(d.get_hours(), d.get_minutes(), d.get_seconds(), d.get_milliseconds()))
        .unwrap_or_default()
}

/// The browser's clock for the draft session.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserClock;

impl kepu_core::session::Clock for BrowserClock {
    fn now(&self) -> NaiveDateTime {
        now()
    }
}
