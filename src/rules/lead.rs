//! The "N日前" lead-time check shared by the rules on notices, invitations and observer booking.

use chrono::NaiveDate;

use crate::days::{self, BeforeMode, DayUnit};
use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::RuleMeta;
use crate::rules::{Ctx, ymd};

/// Checks that `act` happened at least `n` days before the meeting. `what` names the act as a
/// verb phrase ("公开协商信息").
pub fn check(cx: &mut Ctx, meta: &'static RuleMeta, act: Field, n: u32, what: &str) {
    let held = cx.need_date(meta, Field::HeldOn);
    let acted = cx.need_date(meta, act);
    let (Some(held), Some(acted)) = (held, acted) else {
        return;
    };
    if acted > held {
        return; // D004 reports an act after the meeting.
    }
    let mode = cx.settings.before_mode(meta);
    if cx.settings.day_unit(meta) == DayUnit::Working {
        working(cx, meta, (act, acted), held, n, what);
        return;
    }
    let verdict = days::lead(acted, held, n, mode);
    let loc = cx.m.loc(act).cloned();
    let base = |d: Diagnostic| {
        d.at(loc.as_ref())
            .field(act.zh())
            .fact(act.en(), ymd(acted))
            .fact("held_on", ymd(held))
            .fact("days_before", verdict.days_before)
            .fact("required", n)
            .fact("latest", ymd(verdict.latest))
            .fact("before_mode", mode.key())
    };
    let requirement = format!(
        "在开展协商活动 {n} 日前{what}，即不晚于 {}（{}）",
        ymd(verdict.latest),
        reading(mode)
    );
    if !verdict.ok {
        let earliest = days::add_days(held, (acted - verdict.latest).num_days());
        let d = Diagnostic::new(
            meta,
            format!(
                "{}：{} {}，会议 {}：仅提前 {} 日",
                meta.title,
                act.zh(),
                ymd(acted),
                ymd(held),
                verdict.days_before
            ),
        )
        .label(format!(
            "{} {}，会议 {}：仅提前 {} 日",
            short(act),
            ymd(acted),
            ymd(held),
            verdict.days_before
        ))
        .requirement(requirement)
        .help(advice(cx.today(), held, Some(earliest), n, what));
        cx.emit(base(d));
    } else if let Some(&other) = verdict.flips_under.first() {
        let stricter = days::latest_before(held, n, other);
        let d = Diagnostic::new(
            meta,
            format!(
                "{}：{} {}，会议 {}：恰好提前 {} 日，按「{}」读法合规",
                meta.title,
                act.zh(),
                ymd(acted),
                ymd(held),
                verdict.days_before,
                mode.key()
            ),
        )
        .severity(Severity::Warning)
        .label(format!("恰好提前 {n} 日：结论取决于读法"))
        .requirement(format!(
            "{requirement}；若按「{}」（{}）读法，须不晚于 {}",
            other.key(),
            other.zh(),
            ymd(stricter)
        ))
        .help("结论取决于期间的计算读法（设置 before_mode）；为免检查时产生争议，宜再提前 1 日")
        .fact("reading", mode.key())
        .fact("flips_under", other.key());
        cx.emit(base(d));
    }
}

fn reading(mode: BeforeMode) -> &'static str {
    match mode {
        BeforeMode::OneEnd => "开始的当日不计入，民法典第二百零一条",
        BeforeMode::ClearDays => "首尾两日均不计入",
        BeforeMode::BothEnds => "首尾两日均计入",
    }
}

/// The act's name without 日期, for the short label under the caret.
fn short(field: Field) -> &'static str {
    let zh = field.zh();
    zh.strip_suffix("日期").unwrap_or(zh)
}

/// "N个工作日前", where the workspace counts the rule's days as working days: the act falls on or
/// before the Nth working day before the meeting, the meeting day not counted.
fn working(
    cx: &mut Ctx,
    meta: &'static RuleMeta,
    (act, acted): (Field, NaiveDate),
    held: NaiveDate,
    n: u32,
    what: &str,
) {
    let calendar = &cx.settings.calendar;
    let mut latest = held;
    let mut left = n;
    while left > 0 {
        latest = days::add_days(latest, -1);
        match calendar.is_working_day(latest) {
            Ok(true) => left -= 1,
            Ok(false) => {}
            Err(year) => {
                // N working days back are at least N calendar days back: later than that is late.
                if acted <= days::add_days(held, -i64::from(n)) {
                    let d = Diagnostic::new(
                        meta,
                        format!("{}：无法按工作日判断是否提前足够：{year}", meta.title),
                    )
                    .severity(Severity::Warning)
                    .at(cx.m.loc(act))
                    .field(act.zh())
                    .label(format!("{} 年的节假日未知", year.year))
                    .fact(act.en(), ymd(acted))
                    .fact("held_on", ymd(held))
                    .fact("unknown_year", year.year)
                    .requirement(format!("在开展协商活动 {n} 个工作日前{what}"))
                    .help(format!(
                        "在节假日文件中补充 {} 年的放假安排后重新检查",
                        year.year
                    ));
                    cx.emit(d);
                    return;
                }
                latest = days::add_days(held, -i64::from(n));
                left = 0;
            }
        }
    }
    if acted <= latest {
        return;
    }
    let d = Diagnostic::new(
        meta,
        format!(
            "{}：{} {}，会议 {}：不足 {n} 个工作日",
            meta.title,
            act.zh(),
            ymd(acted),
            ymd(held)
        ),
    )
    .at(cx.m.loc(act))
    .field(act.zh())
    .label(format!("晚于 {}", ymd(latest)))
    .fact(act.en(), ymd(acted))
    .fact("held_on", ymd(held))
    .fact("required", n)
    .fact("day_unit", DayUnit::Working.key())
    .fact("latest", ymd(latest))
    .requirement(format!(
        "在开展协商活动 {n} 个工作日前{what}，即不晚于 {}（按工作日计，会议当日不计入；调休上班日计入，法定节假日不计）",
        ymd(latest)
    ))
    .help(advice(cx.today(), held, None, n, what));
    cx.emit(d);
}

/// What can still be done: a meeting yet to be held can be put back (to `earliest`, when known);
/// one already held cannot, so the record of an earlier act is what can be added, and next time
/// the act comes in time.
fn advice(
    today: NaiveDate,
    held: NaiveDate,
    earliest: Option<NaiveDate>,
    n: u32,
    what: &str,
) -> String {
    if held < today {
        format!(
            "会议已于 {} 召开，无法再顺延：如确有更早的{what}（公开栏照片、公众号推文、通知记录等），把它的日期补记到台账；否则如实说明原因，今后至少提前 {n} 日{what}",
            ymd(held)
        )
    } else {
        match earliest {
            Some(day) => format!("将会议顺延至 {} 或以后，或补充更早的{what}记录", ymd(day)),
            None => format!("将会议顺延，或补充更早的{what}记录"),
        }
    }
}
