//! Calendar arithmetic shared by the rules and the planner: days and calendar months with
//! month-end clamping, saturating instead of panicking. It must not read the clock.

use chrono::{Days, Months, NaiveDate};

/// `d` + `days` (saturates at the last representable date).
pub fn add_days(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// `d` + `months` calendar months, clamped to the month's end (Jan 31 + 1 = Feb 28/29).
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}
