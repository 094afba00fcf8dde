//! The one door to the wall clock: everything else takes the date as a value.

use chrono::NaiveDate;

/// Today's date in the machine's local time zone.
#[allow(clippy::disallowed_methods)]
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
