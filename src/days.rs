//! Counting days as RULES.md §1 and the Civil Code (民法典第二百零一条) do: the day of the event
//! is not counted; "N日前" leaves N whole days between act and event; "N日内" ends on day N.
//!
//! Calendar-day arithmetic lives here; working days and the 第二百零三条 rollover need the holiday
//! table and live in [`crate::calendar`]. Every reading is a setting, and a verdict that another
//! reading would flip is reported as such.

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

/// Whether a rule's "N日" counts calendar days or working days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    /// 自然日: every day counts (the default where the text says only "日").
    Calendar,
    /// 工作日: only working days of the official calendar count ("N个工作日").
    Working,
}

impl DayUnit {
    pub fn key(self) -> &'static str {
        match self {
            DayUnit::Calendar => "calendar",
            DayUnit::Working => "working",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            DayUnit::Calendar => "自然日",
            DayUnit::Working => "工作日",
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

    pub fn zh(self) -> &'static str {
        match self {
            Majority::AtLeastHalf => "半数以上（含半数，民法典第一千二百五十九条）",
            Majority::MoreThanHalf => "过半数（不含半数）",
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

/// The days "当日或者次日" allows: the event day and the day after.
pub fn same_or_next_day(event: NaiveDate) -> (NaiveDate, NaiveDate) {
    (event, add_days(event, 1))
}

/// The fewest of `base` that make up a share `num/den` or more ("以上""不少于" include the
/// number itself): ⌈base·num/den⌉, in integers.
pub fn at_least(base: u32, (num, den): (u32, u32)) -> u32 {
    (u64::from(base) * u64::from(num)).div_ceil(u64::from(den).max(1)) as u32
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

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (-200_000i64..200_000)
            .prop_map(|n| add_days(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(), n))
    }

    proptest! {
        #[test]
        fn before_modes_are_one_day_apart(event in any_date(), n in 0u32..400) {
            let clear = latest_before(event, n, BeforeMode::ClearDays);
            let one = latest_before(event, n, BeforeMode::OneEnd);
            let both = latest_before(event, n, BeforeMode::BothEnds);
            prop_assert_eq!((one - clear).num_days(), 1);
            prop_assert_eq!((both - one).num_days(), 1);
            prop_assert_eq!((event - one).num_days(), i64::from(n));
        }

        #[test]
        fn within_is_n_days_after(event in any_date(), n in 0u32..400) {
            prop_assert_eq!((last_day_within(event, n) - event).num_days(), i64::from(n));
        }

        #[test]
        fn lead_flips_exactly_where_the_other_readings_disagree(
            event in any_date(), n in 0u32..30, gap in -5i64..40
        ) {
            let act = add_days(event, -gap);
            for mode in BeforeMode::ALL {
                let lead = lead(act, event, n, mode);
                prop_assert_eq!(lead.ok, act <= latest_before(event, n, mode));
                prop_assert_eq!(lead.days_before, gap);
                for other in &lead.flips_under {
                    prop_assert_ne!(act <= latest_before(event, n, *other), lead.ok);
                }
            }
        }

        #[test]
        fn add_days_round_trips(day in any_date(), n in -10_000i64..10_000) {
            prop_assert_eq!(add_days(add_days(day, n), -n), day);
        }

        #[test]
        fn same_or_next_day_is_the_day_and_the_next(day in any_date()) {
            let (a, b) = same_or_next_day(day);
            prop_assert_eq!(a, day);
            prop_assert_eq!((b - a).num_days(), 1);
        }
    }

    /// Exact rational comparison, for small numbers only: yes / base ≥ 1/2 (or > 1/2).
    #[test]
    fn majority_agrees_with_rational_comparison() {
        for base in 0u32..=60 {
            for yes in 0..=base {
                // yes/base vs 1/2 without dividing: compare yes*2 with base.
                let ordering = (u64::from(yes) * 2).cmp(&u64::from(base));
                assert_eq!(
                    Majority::AtLeastHalf.passes(yes, base),
                    ordering.is_ge(),
                    "{yes}/{base}"
                );
                assert_eq!(
                    Majority::MoreThanHalf.passes(yes, base),
                    ordering.is_gt(),
                    "{yes}/{base}"
                );
                for m in [Majority::AtLeastHalf, Majority::MoreThanHalf] {
                    assert_eq!(
                        m.passes(yes, base),
                        yes >= m.required(base),
                        "{m:?} {yes}/{base}"
                    );
                }
            }
        }
    }

    #[test]
    fn two_thirds_threshold_is_the_ceiling_of_two_thirds() {
        for due in 0u32..=300 {
            let needed = at_least(due, (2, 3));
            // ceil(2·due/3) by exact rationals: the least p with 3p ≥ 2·due.
            let least = (0..=due).find(|p| 3 * p >= 2 * due).unwrap();
            assert_eq!(needed, least, "{due}");
            for present in 0..=due + 2 {
                assert_eq!(
                    u64::from(present) * 3 >= u64::from(due) * 2,
                    present >= needed,
                    "{present}/{due}"
                );
            }
        }
        assert_eq!(at_least(10, (2, 3)), 7);
        assert_eq!(at_least(9, (2, 3)), 6);
        // No overflow at the top of the range: ⌈2·(2³²−1)/3⌉.
        assert_eq!(at_least(u32::MAX, (2, 3)), 2_863_311_530);
    }
}
