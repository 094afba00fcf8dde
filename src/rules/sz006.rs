//! SZ006 街道民主协商会不足每年1次 (street-forum-too-rare)
//!
//! ## 检查内容 What it checks
//! 每个街道每个公历年至少召开 1 次民主协商会（参数 `min_per_year`）：数「层级」为街道、
//! 「协商形式」为民主协商会、会议日期在该年内的会议。检查本批次（或 `--year` 指定年份）涉及的
//! 每一年；只检查本批次中有街道层面会议的街道。年度尚未结束时，不足次数只作提示（截至检查日）。原文是“支持街道建立和完善民主协商会制度……每年召开不少于1次”，倡导而非强制，不足时报警告。
//!
//! ## 为何重要 Why it matters
//! 民主协商会是街道就辖区经济社会、生态环境等事项听取各方意见的固定制度，年度检查逐街道核对。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（一）：“支持街道建立和完善民主协商会制度……召开民主协商会，
//! 每年召开不少于1次”。“不少于”包括本数。
//!
//! ## 示例 Example
//! 不合规：莲花街道 2025 年全年没有民主协商会（检查日 2026-11-22）。
//! 合规：莲花街道 2025-06-12 召开民主协商会 1 次。

use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::rules::periods::{Counts, Frequency, Span};

params! {
    MIN_PER_YEAR: Count("min_per_year", 1, "每个街道每年民主协商会的最少次数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ006",
    name: "street-forum-too-rare",
    title: "街道民主协商会不足每年1次",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(一)",
        quote: "支持街道建立和完善民主协商会制度，围绕辖区经济社会文化和生态环境保护等事项，召开民主协商会，每年召开不少于1次",
        modality: Modality::Encouraged("支持"),
        milder: None,
    },
    levels: Levels::STREET,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz006.rs"),
};

pub static FREQUENCIES: &[Frequency] = &[Frequency {
    meta: &META,
    levels: &[Level::Street],
    span: Span::Year,
    what: "民主协商会",
    counts: Counts::Form,
    param: MIN_PER_YEAR,
    milder: None,
}];
