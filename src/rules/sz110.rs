//! SZ110 议事会不足每季度1次 (council-too-rare)
//!
//! ## 检查内容 What it checks
//! 每个社区、村：居（村）民议事会每季度至少召开 1 次（参数 `per_quarter`）。社区数「协商形式」
//! 为居民议事会的会议，村数村民议事会。季度尚未结束时只作提示（截至检查日）。
//!
//! ## 为何重要 Why it matters
//! 议事会是居民参与公共事务、公益事业和民生微实事协商的常设平台，按季度召开才能持续回应诉求。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（二）3：“居（村）民议事会每季度至少召开1次”。
//!
//! ## 示例 Example
//! 不合规：彩田社区 2026 年第三季度（7–9 月）没有居民议事会。
//! 合规：彩田社区 2026-08-12 召开居民议事会。

use crate::fields::FormKind;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::rules::periods::{Counts, Frequency, Span};

params! {
    PER_QUARTER: Count("per_quarter", 1, "每个社区（村）每季度议事会的最少次数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ110",
    name: "council-too-rare",
    title: "议事会不足每季度1次",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(二)3",
        quote: "居（村）民议事会每季度至少召开1次",
        modality: Modality::Prescribed("每季度至少"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz110.rs"),
};

pub static FREQUENCIES: &[Frequency] = &[
    Frequency {
        meta: &META,
        levels: &[Level::Community],
        span: Span::Quarter,
        what: "居民议事会",
        counts: Counts::Kind(FormKind::Council),
        param: PER_QUARTER,
        milder: None,
    },
    Frequency {
        meta: &META,
        levels: &[Level::Village],
        span: Span::Quarter,
        what: "村民议事会",
        counts: Counts::Kind(FormKind::Council),
        param: PER_QUARTER,
        milder: None,
    },
];
