//! SZ001 议题确定后未按期召开 (meeting-scheduled-too-late)
//!
//! ## 检查内容 What it checks
//! 街道层面的协商：「会议日期」不晚于「议题确定日期」后第 30 日（参数 `schedule_within_days`）。
//! 议题确定当日不计入，自次日起算第 1 日：议题 2026-01-15 确定，最迟 2026-02-14 召开。
//! （期间末日逢法定休假日顺延，待节假日日历提供后启用。）
//!
//! ## 为何重要 Why it matters
//! 议题久拖不议，居民的诉求得不到回应，协商失去时效。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）1：“协商议题确定后，应在30日内召开协商会议”。
//! 期间计算：民法典第二百零一条。
//!
//! ## 示例 Example
//! 不合规：议题 2026-01-15 确定，会议 2026-02-15 召开（第 31 日）。
//! 合规：议题 2026-01-15 确定，会议 2026-02-14 召开（第 30 日）。

use crate::days::DayUnit;
use crate::diag::{Citation, Severity};
use crate::fields::Field;
use crate::model::Level;
use crate::rules::params::{Default, Param, Reading};
use crate::rules::{Ctx, RuleMeta, SHENZHEN, SHENZHEN_TITLE, within};

pub static META: RuleMeta = RuleMeta {
    code: "SZ001",
    name: "meeting-scheduled-too-late",
    title: "议题确定后未按期召开",
    severity: Severity::Error,
    citation: Citation {
        document: SHENZHEN,
        clause: "六(一)1",
        title: SHENZHEN_TITLE,
        quote: "协商议题确定后，应在30日内召开协商会议",
    },
    params: &[Param {
        name: "schedule_within_days",
        default: Default::Days(30),
        zh: "议题确定后召开会议的期限（日）",
    }],
    readings: &[Reading::RolloverForward, Reading::DayUnit],
    source: include_str!("sz001.rs"),
};

pub fn check(cx: &mut Ctx) {
    if cx.m.level() != Some(Level::Street) {
        return;
    }
    let n = cx.settings.number(&META, "schedule_within_days");
    let Some(late) = within::late(
        cx,
        &META,
        (Field::TopicSetOn, Field::HeldOn),
        n,
        DayUnit::Calendar,
    ) else {
        return;
    };
    let d = late
        .diagnostic(cx, &META, ("议题确定后", "召开协商会议"))
        .help("核对「议题确定日期」；确已超期的，在备注中说明原因并报街道备案");
    cx.emit(d);
}
