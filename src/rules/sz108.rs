//! SZ108 居民会议、居民代表会议次数不足 (residents-assembly-too-rare)
//!
//! ## 检查内容 What it checks
//! 每个社区：居民会议每个公历年至少 1 次（参数 `assembly_per_year`），居民代表会议每半年
//! （1–6 月、7–12 月）至少 1 次（参数 `representatives_per_half_year`）。按「协商形式」和
//! 「会议日期」计数，只数「层级」为社区的会议。期间尚未结束时，不足次数只作提示（截至检查日）。居民会议一项原文是“原则上每年至少召开1次”，不足时报警告；居民代表会议“每半年至少召开1次”，不足时报错误。
//!
//! ## 为何重要 Why it matters
//! 居民会议、居民代表会议决定居民自治的重大事项，是法定的民主决策途径，须按期召开。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（二）1：“居民会议原则上每年至少召开1次，居民代表会议
//! 每半年至少召开1次”。
//!
//! ## 示例 Example
//! 不合规：彩田社区 2026 年上半年没有居民代表会议（检查日 2026-11-22）。
//! 合规：彩田社区 2026-03-15、2026-09-20 各召开居民代表会议 1 次，2026-06-01 召开居民会议。

use crate::fields::FormKind;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::rules::periods::{Counts, Frequency, Span};

params! {
    ASSEMBLY_PER_YEAR: Count("assembly_per_year", 1, "每个社区每年居民会议的最少次数");
    REPRESENTATIVES_PER_HALF_YEAR: Count("representatives_per_half_year", 1, "每个社区每半年居民代表会议的最少次数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ108",
    name: "residents-assembly-too-rare",
    title: "居民会议、居民代表会议次数不足",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(二)1",
        quote: "居民会议原则上每年至少召开1次，居民代表会议每半年至少召开1次",
        modality: Modality::Prescribed("每半年至少"),
        milder: None,
    },
    levels: Levels::Only(&[Level::Community]),
    params: PARAMS,
    readings: &[],
    source: include_str!("sz108.rs"),
};

pub static FREQUENCIES: &[Frequency] = &[
    Frequency {
        meta: &META,
        levels: &[Level::Community],
        span: Span::Year,
        what: "居民会议",
        counts: Counts::Kind(FormKind::Assembly),
        param: ASSEMBLY_PER_YEAR,
        // 原则上: an assembly a year admits exceptions.
        milder: Some(Severity::Warning),
    },
    Frequency {
        meta: &META,
        levels: &[Level::Community],
        span: Span::Half,
        what: "居民代表会议",
        counts: Counts::Kind(FormKind::Representatives),
        param: REPRESENTATIVES_PER_HALF_YEAR,
        milder: None,
    },
];
