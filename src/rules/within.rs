//! The "N日内" deadline check shared by the rules on scheduling, planning and publication: the act
//! must fall within N days after the event, the event day not counted (民法典第二百零一条); a last
//! day that is a rest day moves to the next working day (第二百零三条, setting
//! `rollover_forward`); "N个工作日内" counts the official calendar's working days (`day_unit`).
//!
//! A verdict that hangs on the rollover, or on a year the holiday table lacks, is said as such:
//! a warning naming the reading used, or that the year is unknown, never a silent guess.

use chrono::NaiveDate;

use crate::calendar::{Calendar, UnknownYear};
use crate::days::{self, DayUnit};
use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::RuleMeta;
use crate::rules::{Ctx, ymd};
use crate::settings::Settings;

/// The last day of an "N日内" period, and how it was reached.
pub struct Deadline {
    pub unit: DayUnit,
    pub days: u32,
    /// Day N after the event: the Nth calendar day, or the Nth working day.
    pub plain: NaiveDate,
    /// The last day in force: `plain`, or the working day it moved to.
    pub latest: NaiveDate,
    /// A year the holiday table lacks, on which the last day depends.
    pub unknown: Option<UnknownYear>,
    /// The counting articles relied on, for the requirement line.
    pub basis: String,
}

/// Where an act falls against its deadline.
pub enum Verdict {
    InTime,
    /// Compliant only because the last day moved past rest days (第二百零三条).
    OnlyRolled,
    Late,
    /// After day N, in a year the table lacks: cannot be told.
    Unknown(UnknownYear),
}

/// The last day of the period of `n` days (in the rule's day unit) after `start`.
pub fn deadline(
    settings: &Settings,
    meta: &'static RuleMeta,
    start: NaiveDate,
    n: u32,
) -> Deadline {
    let unit = settings.day_unit(meta);
    let calendar: &Calendar = &settings.calendar;
    let first = "开始的当日不计入，民法典第二百零一条";
    match unit {
        DayUnit::Working => match calendar.nth_working_day_after(start, n) {
            Ok(day) => Deadline {
                unit,
                days: n,
                plain: day,
                latest: day,
                unknown: None,
                basis: format!(
                    "按工作日计，{first}；周末和法定节假日不计，调休上班日计入（国务院办公厅节假日安排通知）"
                ),
            },
            Err(year) => {
                // N working days are never fewer than N calendar days: an act by then is in time.
                let floor = days::last_day_within(start, n);
                Deadline {
                    unit,
                    days: n,
                    plain: floor,
                    latest: floor,
                    unknown: Some(year),
                    basis: format!("按工作日计，{first}；{year}"),
                }
            }
        },
        DayUnit::Calendar => {
            let plain = days::last_day_within(start, n);
            let mut d = Deadline {
                unit,
                days: n,
                plain,
                latest: plain,
                unknown: None,
                basis: first.to_string(),
            };
            if settings.rollover_forward(meta) {
                match calendar.roll_forward(plain) {
                    Ok(latest) if latest != plain => {
                        d.latest = latest;
                        d.basis = format!(
                            "{first}；最后一日 {} 为休息日（{}），顺延至 {}，民法典第二百零三条",
                            ymd(plain),
                            rest_day_name(calendar, plain),
                            ymd(latest)
                        );
                    }
                    Ok(_) => {}
                    Err(year) => d.unknown = Some(year),
                }
            }
            d
        }
    }
}

/// What a rest day is, for people: 国庆节, 星期六.
fn rest_day_name(calendar: &Calendar, day: NaiveDate) -> String {
    calendar.holiday_name(day).map_or_else(
        || crate::calendar::weekday_zh(day).to_string(),
        |name| format!("{name}假期"),
    )
}

impl Deadline {
    pub fn judge(&self, act: NaiveDate) -> Verdict {
        if act <= self.plain {
            Verdict::InTime
        } else if let Some(year) = self.unknown {
            Verdict::Unknown(year)
        } else if act <= self.latest {
            Verdict::OnlyRolled
        } else {
            Verdict::Late
        }
    }

    /// "3 日" or "2 个工作日".
    /// The act's place in the period: "第 5 日" or "第 3 个工作日"; the working-day count falls
    /// back to calendar days where the table lacks a year.
    fn ordinal(&self, calendar: &Calendar, start: NaiveDate, act: NaiveDate) -> String {
        match self.unit {
            DayUnit::Working => match calendar.working_days_between(start, act) {
                Ok(n) => format!("第 {n} 个工作日"),
                Err(_) => format!("第 {} 日", (act - start).num_days()),
            },
            DayUnit::Calendar => format!("第 {} 日", (act - start).num_days()),
        }
    }

    pub fn span(&self) -> String {
        match self.unit {
            DayUnit::Calendar => format!("{} 日", self.days),
            DayUnit::Working => format!("{} 个工作日", self.days),
        }
    }
}

/// An act that came after its deadline.
pub struct Late {
    pub start: NaiveDate,
    pub act: NaiveDate,
    /// Days from the event to the act.
    pub day: i64,
    pub deadline: Deadline,
    start_field: Field,
    act_field: Field,
}

/// `Some` when `act` came after the deadline of `n` days (in the rule's day unit) after `start`;
/// both are needed by `meta`. An act before its event is left to D004.
/// A verdict that holds only under the rollover, or that hangs on an unknown year, is reported
/// here as a warning of `meta`'s code.
pub fn late(
    cx: &mut Ctx,
    meta: &'static RuleMeta,
    (start, act): (Field, Field),
    n: u32,
) -> Option<Late> {
    let start_date = cx.need_date(meta, start);
    let act_date = cx.need_date(meta, act);
    let (start_date, act_date) = (start_date?, act_date?);
    if act_date < start_date {
        return None;
    }
    let deadline = deadline(cx.settings, meta, start_date, n);
    let late = Late {
        start: start_date,
        act: act_date,
        day: (act_date - start_date).num_days(),
        deadline,
        start_field: start,
        act_field: act,
    };
    match late.deadline.judge(act_date) {
        Verdict::InTime => None,
        Verdict::Late => Some(late),
        Verdict::OnlyRolled => {
            let d = late.hanging(cx, meta, &format!(
                "期限最后一日 {} 为休息日，按民法典第二百零三条顺延至 {}，本次合规",
                ymd(late.deadline.plain),
                ymd(late.deadline.latest)
            ))
            .label("顺延后合规")
            .fact("reading", "rollover_forward")
            .fact("flips_under", "no_rollover")
            .help("结论取决于是否按第二百零三条顺延（设置 rollover_forward）；为免争议，宜在顺延前的最后一日内完成");
            cx.emit(d);
            None
        }
        Verdict::Unknown(year) => {
            let d = late
                .hanging(cx, meta, &format!("无法判断是否逾期：{year}"))
                .label(format!("{} 年的节假日未知", year.year))
                .fact("unknown_year", year.year)
                .help(format!(
                    "在节假日文件中补充 {} 年的放假安排后重新检查（见 README「节假日与工作日」）",
                    year.year
                ));
            cx.emit(d);
            None
        }
    }
}

impl Late {
    fn base(&self, cx: &Ctx, meta: &'static RuleMeta, message: String) -> Diagnostic {
        Diagnostic::new(meta, message)
            .at(cx.m.loc(self.act_field))
            .field(self.act_field.zh())
            .fact(self.start_field.en(), ymd(self.start))
            .fact(self.act_field.en(), ymd(self.act))
            .fact("days_after", self.day)
            .fact("required", self.deadline.days)
            .fact("day_unit", self.deadline.unit.key())
            .fact("latest", ymd(self.deadline.latest))
    }

    /// A warning for a verdict that hangs on a reading or an unknown year.
    fn hanging(&self, cx: &Ctx, meta: &'static RuleMeta, why: &str) -> Diagnostic {
        self.base(
            cx,
            meta,
            format!(
                "{}：{} {}，{} {}：{why}",
                meta.title,
                self.start_field.zh(),
                ymd(self.start),
                self.act_field.zh(),
                ymd(self.act)
            ),
        )
        .severity(Severity::Warning)
        .requirement(format!(
            "{} 内完成，最后一日 {}（{}）",
            self.deadline.span(),
            ymd(self.deadline.latest),
            self.deadline.basis
        ))
    }

    /// A finding at the act's cell with the facts and the computed window; `after` names the
    /// period's start ("会后") and `what` what had to happen in it ("公示协商结果").
    pub fn diagnostic(
        &self,
        cx: &Ctx,
        meta: &'static RuleMeta,
        (after, what): (&str, &str),
    ) -> Diagnostic {
        let ordinal = self
            .deadline
            .ordinal(&cx.settings.calendar, self.start, self.act);
        let message = format!(
            "{}：{} {}，{} {}：{after}{ordinal}，期限 {}",
            meta.title,
            self.start_field.zh(),
            ymd(self.start),
            self.act_field.zh(),
            ymd(self.act),
            ymd(self.deadline.latest)
        );
        self.base(cx, meta, message)
            .label(format!("{after}{ordinal}"))
            .requirement(format!(
                "{after} {}内{what}，即不晚于 {}（{}）",
                self.deadline.span(),
                ymd(self.deadline.latest),
                self.deadline.basis
            ))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::{Verdict, deadline};
    use crate::calendar::testing::starts_inside;
    use crate::rules::{jl002, sz004};
    use crate::settings::Settings;

    fn settings() -> Settings {
        Settings::new(NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"))
    }

    /// Longest "N日内" the properties draw, in calendar and in working days.
    const MAX_CALENDAR_DAYS: u32 = 39;
    const MAX_WORKING_DAYS: u32 = 14;

    /// Start days from which even the longest period drawn, and its rollover, stay in the table.
    fn day_in_table() -> impl Strategy<Value = NaiveDate> {
        let s = settings();
        starts_inside(&s.calendar.clone(), move |start| {
            let calendar = deadline(&s, &sz004::META, start, MAX_CALENDAR_DAYS);
            let working = deadline(&s, &jl002::META, start, MAX_WORKING_DAYS);
            calendar.unknown.or(working.unknown).map_or(Ok(()), Err)
        })
    }

    #[test]
    fn the_national_day_moves_a_deadline_to_the_first_working_day() {
        let s = settings();
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let dl = deadline(&s, &sz004::META, d("2026-09-30"), 3);
        assert_eq!((dl.plain, dl.latest), (d("2026-10-03"), d("2026-10-08")));
        assert!(matches!(dl.judge(d("2026-10-08")), Verdict::OnlyRolled));
        assert!(matches!(dl.judge(d("2026-10-09")), Verdict::Late));
        assert!(dl.basis.contains("第二百零三条"), "{}", dl.basis);
        let mut off = settings();
        off.rollover_forward = false;
        let dl = deadline(&off, &sz004::META, d("2026-09-30"), 3);
        assert!(matches!(dl.judge(d("2026-10-08")), Verdict::Late));
    }

    #[test]
    fn a_year_missing_from_the_table_cannot_be_judged_past_day_n() {
        let s = settings();
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let dl = deadline(&s, &sz004::META, d("2026-12-30"), 3);
        assert!(matches!(dl.judge(d("2027-01-02")), Verdict::InTime));
        assert!(matches!(dl.judge(d("2027-01-04")), Verdict::Unknown(y) if y.year == 2027));
    }

    proptest! {
        #[test]
        fn a_rolled_deadline_ends_on_the_first_working_day(start in day_in_table(), n in 0..=MAX_CALENDAR_DAYS) {
            let s = settings();
            let dl = deadline(&s, &sz004::META, start, n);
            prop_assert_eq!((dl.plain - start).num_days(), i64::from(n));
            prop_assert!(dl.latest >= dl.plain);
            prop_assert!(s.calendar.is_working_day(dl.latest).expect("known year"));
            for day in dl.plain.iter_days().take_while(|&x| x < dl.latest) {
                prop_assert!(!s.calendar.is_working_day(day).expect("known year"));
            }
            prop_assert!(matches!(dl.judge(dl.plain), Verdict::InTime));
            prop_assert!(matches!(dl.judge(dl.latest.succ_opt().expect("date")), Verdict::Late));
        }

        #[test]
        fn working_days_count_exactly_n(start in day_in_table(), n in 1..=MAX_WORKING_DAYS) {
            let s = settings();
            let dl = deadline(&s, &jl002::META, start, n);
            prop_assert_eq!(s.calendar.working_days_between(start, dl.latest).expect("known"), n);
            prop_assert!(s.calendar.is_working_day(dl.latest).expect("known year"));
        }
    }
}
