//! Property-test strategies that draw only days the holiday table can answer for.
//!
//! A property that counts forward from a drawn day reaches past it; drawn too near the table's
//! end, it asks about a year the table does not hold and fails at random. The last start day is
//! found from the table itself, by the same counting the property does, so a new year in the table
//! widens the range without anyone editing a number here.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::{Calendar, UnknownYear};

/// Days from the table's first day up to the last day from which `reach` still stays inside the
/// table. `reach` does the furthest counting the property will do from its start day.
pub(crate) fn starts_inside<F: Fn(NaiveDate) -> Result<(), UnknownYear>>(
    calendar: &Calendar,
    reach: F,
) -> impl Strategy<Value = NaiveDate> + use<F> {
    let (first, last) = last_start(calendar, reach);
    (0..=(last - first).num_days()).prop_map(move |n| crate::days::add_days(first, n))
}

/// The table's first day, and the last day from which `reach` is answered.
pub(crate) fn last_start(
    calendar: &Calendar,
    reach: impl Fn(NaiveDate) -> Result<(), UnknownYear>,
) -> (NaiveDate, NaiveDate) {
    let first_year = calendar.years().min().expect("the table holds a year");
    let last_year = calendar.years().max().expect("the table holds a year");
    let first = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("date");
    let mut last = NaiveDate::from_ymd_opt(last_year, 12, 31).expect("date");
    while reach(last).is_err() {
        last = last.pred_opt().expect("date");
        assert!(
            last.year() >= first_year,
            "no start day in the table reaches only known years"
        );
    }
    (first, last)
}
