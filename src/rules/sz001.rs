//! SZ001 议题确定后未按期召开 (meeting-scheduled-too-late)
//!
//! ## 检查内容 What it checks
//! 街道层面的协商：「会议日期」不晚于「议题确定日期」后第 30 日（参数 `schedule_within_days`）。
//! 议题确定当日不计入，自次日起算第 1 日：议题 2026-01-15 确定，最迟 2026-02-14 召开。
//! 期间最后一日为休息日（周末或法定节假日）的，顺延至其后第一个工作日（民法典第二百零三条，
//! 读法 `rollover_forward`，默认顺延），结论只因顺延才合规时另给一条警告说明；最后一日落在
//! 节假日表没有的年份时，报告无法判断，不作猜测。
//!
//! ## 为何重要 Why it matters
//! 议题久拖不议，居民的诉求得不到回应，协商失去时效。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）1：“协商议题确定后，应在30日内召开协商会议”。
//! 期间计算：民法典第二百零一条、第二百零三条。
//!
//! ## 示例 Example
//! 不合规：议题 2026-01-15 确定，会议 2026-02-15 召开（第 31 日）。
//! 合规：议题 2026-01-15 确定，会议 2026-02-14 召开（第 30 日）。

use crate::days::DayUnit;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, Rollover, RuleMeta, Severity};
use crate::rules::{Ctx, within};

params! {
    SCHEDULE_WITHIN_DAYS: Days("schedule_within_days", 30, "议题确定后召开会议的期限（日）");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ001",
    name: "meeting-scheduled-too-late",
    title: "议题确定后未按期召开",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(一)1",
        quote: "协商议题确定后，应在30日内召开协商会议",
        modality: Modality::Must("应"),
        milder: None,
    },
    levels: Levels::STREET,
    params: PARAMS,
    readings: &[
        Reading::RolloverForward(Rollover::Workspace),
        Reading::DayUnit(DayUnit::Calendar),
    ],
    source: include_str!("sz001.rs"),
};

pub fn check(cx: &mut Ctx) {
    let n = cx.settings.param(&META, SCHEDULE_WITHIN_DAYS);
    let Some(late) = within::late(cx, &META, (Field::TopicSetOn, Field::HeldOn), n) else {
        return;
    };
    let d = late
        .diagnostic(cx, &META, ("议题确定后", "召开协商会议"))
        .help("核对「议题确定日期」；确已超期的，在备注中说明原因并报街道备案");
    cx.emit(d);
}
