//! Calendar dates for turns, in the proleptic Gregorian calendar, with integer arithmetic only.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year, or 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` if there is no such day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month) && (1..=9999).contains(&year))
            .then_some(Date { year, month, day })
    }

    /// The date `days` days later.
    pub fn plus_days(self, days: u32) -> Date {
        let mut d = self;
        for _ in 0..days.min(3_650_000) {
            if d.day < days_in_month(d.year, d.month) {
                d.day += 1;
            } else if d.month < 12 {
                d.month += 1;
                d.day = 1;
            } else {
                d.year += 1;
                d.month = 1;
                d.day = 1;
            }
        }
        d
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS
            .get(usize::from(self.month).wrapping_sub(1))
            .unwrap_or(&"?");
        write!(f, "{} {} {}", self.day, month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_months_and_years() {
        let d = Date::new(2017, 11, 29).unwrap();
        assert_eq!(d.plus_days(2), Date::new(2017, 12, 1).unwrap());
        assert_eq!(d.plus_days(33), Date::new(2018, 1, 1).unwrap());
        assert_eq!(Date::new(2016, 2, 28).unwrap().plus_days(1).day, 29);
        assert_eq!(d.to_string(), "29 November 2017");
        assert!(Date::new(2017, 2, 29).is_none());
    }
}
