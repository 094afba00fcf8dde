//! JL002 协商方案制定过晚 (plan-made-too-late)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商（吉林的实施意见规定的是城乡社区协商的程序）。
//! 议题确定后 2 个工作日内（参数 `plan_within_working_days`）制定完成协商方案：「方案制定日期」
//! 不晚于「议题确定日期」后的第 2 个工作日。议题确定当日不计入（即使是工作日）；工作日按随附的
//! 国务院办公厅节假日安排：周末和法定节假日不计，调休上班的周六、周日计入。议题 2026-02-13
//! （周五）确定：第 1 个工作日是 02-14（周六，调休上班），02-15 至 02-23 春节放假，第 2 个工作日是
//! 02-24。节假日表没有的年份无法判断，报警告说明缺哪一年。
//!
//! ## 为何重要 Why it matters
//! 方案明确协商的时间、地点、内容、参与主体和方式；迟迟不定方案，协商就拖延下去。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“议题确定后，要在2个工作日内制定完成协商方案，
//! 明确协商时间、地点、内容及参与主体、具体协商方式等”。期间计算：民法典第二百零一条。
//!
//! ## 示例 Example
//! 不合规：议题 2026-02-13 确定，方案 2026-02-25 制定（第 3 个工作日）。
//! 合规：议题 2026-02-13 确定，方案 2026-02-24 制定（第 2 个工作日）。

use crate::days::DayUnit;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, RuleMeta, Severity};
use crate::rules::{Ctx, within};

params! {
    PLAN_WITHIN_WORKING_DAYS: Days("plan_within_working_days", 2, "议题确定后制定协商方案的期限（工作日）");
}

pub static META: RuleMeta = RuleMeta {
    code: "JL002",
    name: "plan-made-too-late",
    title: "协商方案制定过晚",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "议题确定后，要在2个工作日内制定完成协商方案，明确协商时间、地点、内容及参与主体、具体协商方式等",
        modality: Modality::Must("要"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[Reading::DayUnit(DayUnit::Working)],
    source: include_str!("jl002.rs"),
};

pub fn check(cx: &mut Ctx) {
    let n = cx.settings.param(&META, PLAN_WITHIN_WORKING_DAYS);
    let Some(late) = within::late(cx, &META, (Field::TopicSetOn, Field::PlanOn), n) else {
        return;
    };
    let d = late
        .diagnostic(cx, &META, ("议题确定后", "制定完成协商方案"))
        .help("今后议题确定后及时制定方案；如方案实际更早，更正「方案制定日期」");
    cx.emit(d);
}
