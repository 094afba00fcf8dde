//! SZ102 旁听预约开放不足 (observer-booking-insufficient)
//!
//! ## 检查内容 What it checks
//! 社区（村）层面的协商：「旁听预约开放日期」不晚于「会议日期」前第 5 日（参数
//! `observer_days_before`，计算方法同 SZ002），且「旁听席位」不少于 2 席（参数 `min_observer_seats`，
//! “不少于”含本数）。只检查开放了旁听预约的会议（填有开放日期或至少 1 个席位）：指引要求每年
//! 不少于 4 次开放旁听（SZ103），不是每次会议都开放。
//!
//! ## 为何重要 Why it matters
//! 开放旁听是居民监督协商的途径；席位不足或开放过晚，旁听就只是形式。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）3：“社区（村）“两委”在开展协商活动5日前，通过线上、
//! 线下等方式向社会公众开放预约旁听，每年不少于4次，每次不少于2席”。
//! “不少于”包括本数：民法典第一千二百五十九条。
//!
//! ## 示例 Example
//! 不合规：旁听席位 1 席；或会议 2026-05-20，旁听预约 2026-05-18 才开放。
//! 合规：旁听席位 2 席，会议 2026-05-20，旁听预约 2026-05-15 开放。

use crate::days::DayUnit;
use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, RuleMeta, Severity};
use crate::rules::{Ctx, lead};

params! {
    OBSERVER_DAYS_BEFORE: Days("observer_days_before", 5, "会前开放旁听预约的提前天数");
    MIN_OBSERVER_SEATS: Count("min_observer_seats", 2, "每次旁听席位的最少数量");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ102",
    name: "observer-booking-insufficient",
    title: "旁听预约开放不足",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)3",
        quote: "在开展协商活动5日前，通过线上、线下等方式向社会公众开放预约旁听，每年不少于4次，每次不少于2席",
        modality: Modality::Prescribed("5日前"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[Reading::BeforeMode, Reading::DayUnit(DayUnit::Calendar)],
    source: include_str!("sz102.rs"),
};

pub fn check(cx: &mut Ctx) {
    // 六(二)3 asks for observer booking at four meetings a year (SZ103), not at every one: only a
    // meeting that opened booking is held to its lead time and seats.
    let opened = cx.m.date(Field::ObserverOpenOn).is_some()
        || cx.m.invalid.contains_key(&Field::ObserverOpenOn)
        || cx.m.invalid.contains_key(&Field::ObserverSeats)
        || cx.m.count(Field::ObserverSeats).is_some_and(|n| n > 0);
    if !opened {
        return;
    }
    cx.applies(&META);
    let n = cx.settings.param(&META, OBSERVER_DAYS_BEFORE);
    lead::check(cx, &META, Field::ObserverOpenOn, n, "开放旁听预约");
    let min = cx.settings.param(&META, MIN_OBSERVER_SEATS);
    if let Some(seats) = cx.need_count(&META, Field::ObserverSeats)
        && seats < min
    {
        {
            let d = Diagnostic::new(
                &META,
                format!("{}：旁听席位 {seats} 席，少于 {min} 席", META.title),
            )
            .at(cx.m.loc(Field::ObserverSeats))
            .field(Field::ObserverSeats.zh())
            .label(format!("旁听席位 {seats} 席"))
            .fact("observer_seats", seats)
            .fact("required", min)
            .requirement(format!("每次开放旁听不少于 {min} 席（含本数）"))
            .help(format!(
                "至少安排 {min} 个旁听席位，并在台账「旁听席位」中如实登记"
            ));
            cx.emit(d);
        }
    }
}
