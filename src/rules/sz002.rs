//! SZ002 协商信息公开过晚 (notice-published-too-late)
//!
//! ## 检查内容 What it checks
//! 街道层面的协商：「信息公开日期」不晚于「会议日期」前第 5 日（参数 `notice_days_before`）。
//! 会议当日不计入，公开当日为第 0 日：会议 2026-03-10，则最迟 2026-03-05 公开。
//! 恰好提前 5 日时结论取决于读法（`before_mode`），另给一条警告说明所用读法。
//!
//! ## 为何重要 Why it matters
//! 提前公开协商信息，是居民知情、准备意见和报名旁听的前提；公开过晚的协商在检查中视为程序不完整。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）2：“在开展协商活动5日前以适当形式公开协商信息”。
//! 期间计算：民法典第二百零一条“开始的当日不计入，自下一日开始计算”。
//!
//! ## 示例 Example
//! 不合规：会议 2026-03-10，信息公开 2026-03-08（仅提前 2 日）。
//! 合规：会议 2026-03-10，信息公开 2026-03-05（恰好 5 日，附读法警告）或更早。

use crate::days::DayUnit;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, RuleMeta, Severity};
use crate::rules::{Ctx, lead};

params! {
    NOTICE_DAYS_BEFORE: Days("notice_days_before", 5, "会前公开协商信息的提前天数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ002",
    name: "notice-published-too-late",
    title: "协商信息公开过晚",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(一)2",
        quote: "在开展协商活动5日前以适当形式公开协商信息",
        modality: Modality::Prescribed("5日前"),
        milder: None,
    },
    levels: Levels::STREET,
    params: PARAMS,
    readings: &[Reading::BeforeMode, Reading::DayUnit(DayUnit::Calendar)],
    source: include_str!("sz002.rs"),
};

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    let n = cx.settings.param(&META, NOTICE_DAYS_BEFORE);
    lead::check(cx, &META, Field::NoticeOn, n, "公开协商信息");
}
