//! SZ103 开放旁听不足每年4次 (observer-booking-too-rare)
//!
//! ## 检查内容 What it checks
//! 每个社区（村）每个公历年至少 4 次会议向社会公众开放预约旁听（参数 `min_observed_per_year`）：
//! 数该年内会议日期的社区、村层面会议中，填有「旁听预约开放日期」且「旁听席位」至少 1 席的次数。
//! 每次开放是否提前 5 日、是否不少于 2 席由 SZ102 逐次检查。年度尚未结束时只作提示。
//!
//! ## 为何重要 Why it matters
//! 开放旁听是居民了解协商过程、监督协商的渠道，次数是年度考核的硬指标。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）3：“社区（村）“两委”在开展协商活动5日前，通过线上、
//! 线下等方式向社会公众开放预约旁听，每年不少于4次，每次不少于2席”。
//!
//! ## 示例 Example
//! 不合规：彩田社区 2025 年只有 3 次会议开放旁听。
//! 合规：彩田社区 2025 年有 4 次会议开放旁听，每次 2 席。

use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::model::Meeting;
use crate::rules::periods::{Counts, Frequency, Span};

params! {
    MIN_OBSERVED_PER_YEAR: Count("min_observed_per_year", 4, "每个社区（村）每年开放预约旁听的最少次数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ103",
    name: "observer-booking-too-rare",
    title: "开放旁听不足每年4次",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)3",
        quote: "向社会公众开放预约旁听，每年不少于4次，每次不少于2席",
        modality: Modality::Prescribed("不少于"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz103.rs"),
};

/// A meeting that opened observer booking.
pub fn observed(m: &Meeting) -> bool {
    m.date(Field::ObserverOpenOn).is_some() && m.count(Field::ObserverSeats).is_some_and(|n| n > 0)
}

pub static FREQUENCIES: &[Frequency] = &[Frequency {
    meta: &META,
    levels: &[Level::Community, Level::Village],
    span: Span::Year,
    what: "开放旁听的会议",
    counts: Counts::Test(observed),
    param: MIN_OBSERVED_PER_YEAR,
    milder: None,
}];
