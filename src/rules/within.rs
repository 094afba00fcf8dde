//! The "N日内" deadline check shared by the rules on scheduling and publication: the act must
//! fall within N days after the event, the event day not counted (民法典第二百零一条).

use chrono::NaiveDate;

use crate::days;
use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::rules::{Ctx, RuleMeta, ymd};

/// The last day of an "N日内" period, and how it was reached.
pub struct Deadline {
    pub latest: NaiveDate,
    /// The counting articles relied on, for the requirement line.
    pub basis: String,
}

/// The last day of the period of `n` days after `start`.
pub fn deadline(_cx: &Ctx, _meta: &'static RuleMeta, start: NaiveDate, n: u32) -> Deadline {
    Deadline {
        latest: days::last_day_within(start, n),
        basis: "开始的当日不计入，民法典第二百零一条".to_string(),
    }
}

/// An act that came after its deadline.
pub struct Late {
    pub start: NaiveDate,
    pub act: NaiveDate,
    /// Days from the event to the act.
    pub day: i64,
    pub latest: NaiveDate,
    pub days: u32,
    start_field: Field,
    act_field: Field,
}

/// `Some` when `act` came more than `n` days after `start`; both are needed by `meta`. An act
/// before its event is left to D004.
pub fn late(
    cx: &mut Ctx,
    meta: &'static RuleMeta,
    start: Field,
    act: Field,
    n: u32,
) -> Option<Late> {
    let start_date = cx.need_date(meta, start);
    let act_date = cx.need_date(meta, act);
    let (start_date, act_date) = (start_date?, act_date?);
    let latest = deadline(cx, meta, start_date, n).latest;
    (act_date > latest && act_date >= start_date).then(|| Late {
        start: start_date,
        act: act_date,
        day: (act_date - start_date).num_days(),
        latest,
        days: n,
        start_field: start,
        act_field: act,
    })
}

impl Late {
    /// A finding at the act's cell with the facts and the computed window; `after` names the
    /// period's start ("会后") and `what` what had to happen in it ("公示协商结果").
    pub fn diagnostic(
        &self,
        cx: &Ctx,
        meta: &'static RuleMeta,
        message: &str,
        label: String,
        (after, what): (&str, &str),
    ) -> Diagnostic {
        Diagnostic::new(meta, format!("{}：{message}", meta.title))
            .at(cx.m.loc(self.act_field))
            .field(self.act_field.zh())
            .label(label)
            .fact(self.start_field.en(), ymd(self.start))
            .fact(self.act_field.en(), ymd(self.act))
            .fact("days_after", self.day)
            .fact("required", self.days)
            .fact("latest", ymd(self.latest))
            .requirement(format!(
                "{after} {} 日内{what}，即不晚于 {}（开始的当日不计入，民法典第二百零一条）",
                self.days,
                ymd(self.latest)
            ))
    }
}
