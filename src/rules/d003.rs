//! D003 数值无法解析 (unparsable-value)
//!
//! ## 检查内容 What it checks
//! 单元格或前置信息中的值无法按该栏的类型解析：日期（2026-03-05、2026/3/5、2026.3.5、2026年3月5日）、
//! 人数（非负整数）、是/否（是/否、Y/N、true/false、√/×）、层级、协商形式、协商结果、结果形式
//! （给出最接近的规范写法）；参会人员名单中的「编号」在批次中找不到对应会议（给出最接近的编号）。
//! 无法解析的值不再作为“缺少”重复报告。
//!
//! ## 为何重要 Why it matters
//! 解析不了的日期和人数无法参与检查；写法不统一的协商形式会让频次统计漏算。
//!
//! ## 依据 Source
//! yishi 输入约定（FORMAT.md）与规则目录（RULES.md）二、数据完整性 D003。
//!
//! ## 示例 Example
//! 不合规：会议日期“2026-02-30”；协商形式“居民议事”（是否想写“居民议事会”？）。
//! 合规：会议日期“2026-02-28”；协商形式“居民议事会”。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "D003",
    name: "unparsable-value",
    title: "数值无法解析",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D003",
        quote: "a value cannot be parsed: date, number, yes/no, enumerated form/level (suggest the closest known value)",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d003.rs"),
};
