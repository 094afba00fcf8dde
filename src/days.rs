//! Counting days as RULES.md §1 and the Civil Code (民法典第二百零一条) do: the day of the event
//! is not counted; "N日前" leaves N whole days between act and event; "N日内" ends on day N.
//!
//! Calendar days only; every reading is a setting, and a verdict that another reading would flip
//! is reported as such.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// How "N日前" is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BeforeMode {
    /// The event day is not counted, the act's day is day 0: act ≤ D − N (default).
    OneEnd,
    /// Both ends excluded, N clear days between: act ≤ D − N − 1.
    ClearDays,
    /// Both ends counted: act ≤ D − N + 1.
    BothEnds,
}

impl BeforeMode {
    pub const ALL: [BeforeMode; 3] = [
        BeforeMode::OneEnd,
        BeforeMode::ClearDays,
        BeforeMode::BothEnds,
    ];

    pub fn key(self) -> &'static str {
        match self {
            BeforeMode::OneEnd => "one_end",
            BeforeMode::ClearDays => "clear_days",
            BeforeMode::BothEnds => "both_ends",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            BeforeMode::OneEnd => "开始的当日不计入（民法典第二百零一条），即不晚于活动日前第 N 日",
            BeforeMode::ClearDays => "首尾两日均不计入（间隔 N 个整日）",
            BeforeMode::BothEnds => "首尾两日均计入",
        }
    }
}

/// How "半数以上" is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// "以上" includes the number itself (民法典第一千二百五十九条): exactly half passes.
    AtLeastHalf,
    /// "过半数": strictly more than half.
    MoreThanHalf,
}

impl Majority {
    pub fn key(self) -> &'static str {
        match self {
            Majority::AtLeastHalf => "at_least_half",
            Majority::MoreThanHalf => "more_than_half",
        }
    }

    /// Whether `yes` votes out of `base` pass.
    pub fn passes(self, yes: u32, base: u32) -> bool {
        let (yes, base) = (u64::from(yes) * 2, u64::from(base));
        match self {
            Majority::AtLeastHalf => yes >= base,
            Majority::MoreThanHalf => yes > base,
        }
    }

    /// The fewest votes that pass.
    pub fn required(self, base: u32) -> u32 {
        match self {
            Majority::AtLeastHalf => base.div_ceil(2),
            Majority::MoreThanHalf => base / 2 + 1,
        }
    }

    #[must_use]
    pub fn other(self) -> Majority {
        match self {
            Majority::AtLeastHalf => Majority::MoreThanHalf,
            Majority::MoreThanHalf => Majority::AtLeastHalf,
        }
    }
}

/// `date` plus or minus whole days; saturates at the ends of the calendar.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let step = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(step)
    } else {
        date.checked_sub_days(step)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The latest day an act may happen to be "N日前" the event.
pub fn latest_before(event: NaiveDate, n: u32, mode: BeforeMode) -> NaiveDate {
    let n = i64::from(n);
    add_days(
        event,
        match mode {
            BeforeMode::OneEnd => -n,
            BeforeMode::ClearDays => -n - 1,
            BeforeMode::BothEnds => -n + 1,
        },
    )
}

/// The last day of "N日内" after the event (the event day not counted).
pub fn last_day_within(event: NaiveDate, n: u32) -> NaiveDate {
    add_days(event, i64::from(n))
}

/// The verdict on an "N日前" lead time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    /// Whole days from the act to the event (the event day not counted).
    pub days_before: i64,
    pub latest: NaiveDate,
    pub ok: bool,
    /// The readings under which the verdict would be the other one.
    pub flips_under: Vec<BeforeMode>,
}

pub fn lead(act: NaiveDate, event: NaiveDate, n: u32, mode: BeforeMode) -> Lead {
    let latest = latest_before(event, n, mode);
    let ok = act <= latest;
    let flips_under = BeforeMode::ALL
        .into_iter()
        .filter(|&m| m != mode && (act <= latest_before(event, n, m)) != ok)
        .collect();
    Lead {
        days_before: (event - act).num_days(),
        latest,
        ok,
        flips_under,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn five_days_before_is_the_fifth_day_back() {
        // RULES.md §1: activity on 3-10 → publish by 3-05.
        assert_eq!(
            latest_before(d("2026-03-10"), 5, BeforeMode::OneEnd),
            d("2026-03-05")
        );
        assert_eq!(
            latest_before(d("2026-03-10"), 5, BeforeMode::ClearDays),
            d("2026-03-04")
        );
        assert_eq!(
            latest_before(d("2026-03-10"), 5, BeforeMode::BothEnds),
            d("2026-03-06")
        );
        let exact = lead(d("2026-03-05"), d("2026-03-10"), 5, BeforeMode::OneEnd);
        assert!(exact.ok);
        assert_eq!(exact.flips_under, vec![BeforeMode::ClearDays]);
        let late = lead(d("2026-03-06"), d("2026-03-10"), 5, BeforeMode::OneEnd);
        assert!(!late.ok);
        assert_eq!(late.days_before, 4);
        assert_eq!(late.flips_under, vec![BeforeMode::BothEnds]);
        assert!(
            lead(d("2026-03-01"), d("2026-03-10"), 5, BeforeMode::OneEnd)
                .flips_under
                .is_empty()
        );
    }

    #[test]
    fn within_counts_from_the_next_day_across_months_and_leap_days() {
        assert_eq!(last_day_within(d("2026-10-12"), 3), d("2026-10-15"));
        assert_eq!(last_day_within(d("2024-02-28"), 1), d("2024-02-29"));
        assert_eq!(last_day_within(d("2026-01-15"), 30), d("2026-02-14"));
    }

    #[test]
    fn half_and_more_than_half() {
        assert!(Majority::AtLeastHalf.passes(6, 12));
        assert!(!Majority::MoreThanHalf.passes(6, 12));
        assert!(!Majority::AtLeastHalf.passes(5, 12));
        assert_eq!(Majority::AtLeastHalf.required(11), 6);
        assert_eq!(Majority::AtLeastHalf.required(12), 6);
        assert_eq!(Majority::MoreThanHalf.required(12), 7);
        assert!(Majority::AtLeastHalf.passes(u32::MAX, u32::MAX));
    }
}
