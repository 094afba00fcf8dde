//! SZ109 村民会议、村民代表会议次数不足 (villagers-assembly-too-rare)
//!
//! ## 检查内容 What it checks
//! 每个村：村民会议每个公历年至少 1 次（参数 `assembly_per_year`），村民代表会议每季度
//! （1–3 月、4–6 月、7–9 月、10–12 月）至少 1 次（参数 `representatives_per_quarter`）。按
//! 「协商形式」和「会议日期」计数，只数「层级」为村的会议。期间尚未结束时只作提示（截至检查日）。村民会议一项原文是“原则上每年至少召开1次”，不足时报警告；村民代表会议“每季度至少召开1次”，不足时报错误。
//!
//! ## 为何重要 Why it matters
//! 村民会议、村民代表会议决定村民自治的重大事项；村民代表会议按季度召开是村务决策的常规节奏。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（二）2：“村民会议原则上每年至少召开1次，村民代表会议
//! 每季度至少召开1次”。
//!
//! ## 示例 Example
//! 不合规：南岭村 2026 年第二季度没有村民代表会议（检查日 2026-11-22）。
//! 合规：南岭村每季度各召开村民代表会议 1 次，全年召开村民会议 1 次。

use crate::fields::FormKind;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::rules::periods::Span;
use crate::rules::periods::{Counts, Frequency};

params! {
    ASSEMBLY_PER_YEAR: Count("assembly_per_year", 1, "每个村每年村民会议的最少次数");
    REPRESENTATIVES_PER_QUARTER: Count("representatives_per_quarter", 1, "每个村每季度村民代表会议的最少次数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ109",
    name: "villagers-assembly-too-rare",
    title: "村民会议、村民代表会议次数不足",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(二)2",
        quote: "村民会议原则上每年至少召开1次，村民代表会议每季度至少召开1次",
        modality: Modality::Prescribed("每季度至少"),
        milder: None,
    },
    levels: Levels::VILLAGE,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz109.rs"),
};

pub static FREQUENCIES: &[Frequency] = &[
    Frequency {
        meta: &META,
        levels: &[Level::Village],
        span: Span::Year,
        what: "村民会议",
        counts: Counts::Kind(FormKind::Assembly),
        param: ASSEMBLY_PER_YEAR,
        // 原则上: an assembly a year admits exceptions.
        milder: Some(Severity::Warning),
    },
    Frequency {
        meta: &META,
        levels: &[Level::Village],
        span: Span::Quarter,
        what: "村民代表会议",
        counts: Counts::Kind(FormKind::Representatives),
        param: REPRESENTATIVES_PER_QUARTER,
        milder: None,
    },
];
