//! SZ101 社区协商信息公开过晚 (community-notice-published-too-late)
//!
//! ## 检查内容 What it checks
//! 社区（村）层面的协商：「信息公开日期」不晚于「会议日期」前第 5 日（参数 `notice_days_before`），
//! 计算方法同 SZ002。恰好提前 5 日时另给一条读法警告。
//!
//! ## 为何重要 Why it matters
//! 居民须在会前通过公开栏、网站、公众号等渠道知道议题，才能提出意见、预约旁听。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）2：“在开展协商活动5日前以适当形式（社区公开栏、
//! 网站、公众号等）公开协商信息”。期间计算：民法典第二百零一条。
//!
//! ## 示例 Example
//! 不合规：议事会 2026-05-20，信息公开 2026-05-17（仅提前 3 日）。
//! 合规：议事会 2026-05-20，信息公开 2026-05-12。

use crate::days::DayUnit;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, RuleMeta, Severity};
use crate::rules::{Ctx, lead};

params! {
    NOTICE_DAYS_BEFORE: Days("notice_days_before", 5, "会前公开协商信息的提前天数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ101",
    name: "community-notice-published-too-late",
    title: "社区协商信息公开过晚",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)2",
        quote: "在开展协商活动5日前以适当形式（社区公开栏、网站、公众号等）公开协商信息",
        modality: Modality::Prescribed("5日前"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[Reading::BeforeMode, Reading::DayUnit(DayUnit::Calendar)],
    source: include_str!("sz101.rs"),
};

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    let n = cx.settings.param(&META, NOTICE_DAYS_BEFORE);
    lead::check(cx, &META, Field::NoticeOn, n, "公开协商信息");
}
