//! When a meeting is held, as a notice or an invitation says it to residents who book a seat or
//! plan their evening: the date with its weekday and the clock time it starts (and ends):
//! "2026年7月28日（星期二）15:00—17:00".

use chrono::{Datelike, NaiveDate, Weekday};

/// A date as official documents write it: Arabic numerals, the year in full, no leading zeros
/// (GB/T 9704-2012 7.3.5.1: "2026年3月5日").
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 星期一 … 星期日.
pub fn weekday(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// "2026年7月28日（星期二）", then the start time and, when known, "—" and the end time.
/// Times are `HH:MM` as the ledger keeps them; a leading zero is dropped (9:30).
pub fn when(date: NaiveDate, starts: Option<&str>, ends: Option<&str>) -> String {
    let mut out = format!("{}（{}）", chinese_date(date), weekday(date));
    if let Some(starts) = starts {
        out.push_str(&clock(starts));
        if let Some(ends) = ends {
            out.push('—');
            out.push_str(&clock(ends));
        }
    }
    out
}

/// `09:30` as 9:30.
pub fn clock(time: &str) -> String {
    time.strip_prefix('0')
        .filter(|rest| rest.len() == 4)
        .unwrap_or(time)
        .to_string()
}

/// "7月27日": a date of the same year as the meeting, written short.
pub fn month_day(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_weekday_and_clock_time() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 28).unwrap();
        assert_eq!(
            when(d, Some("15:00"), Some("17:00")),
            "2026年7月28日（星期二）15:00—17:00"
        );
        assert_eq!(when(d, Some("09:30"), None), "2026年7月28日（星期二）9:30");
        assert_eq!(when(d, None, Some("17:00")), "2026年7月28日（星期二）");
        assert_eq!(month_day(d), "7月28日");
    }

    #[test]
    fn dates_have_no_leading_zeros() {
        assert_eq!(
            chinese_date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()),
            "2026年3月5日"
        );
        assert_eq!(
            chinese_date(NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()),
            "2026年10月12日"
        );
    }
}
