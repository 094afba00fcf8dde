//! D006 会议编号重复 (duplicate-meeting-code)
//!
//! ## 检查内容 What it checks
//! 同一会议编号在批次的台账中出现两行以上，或两份会议记录使用同一编号（跨文件检查）。
//! 同一编号的一行台账和一份会议记录不算重复，而是合并为同一次会议。重复的记录不参与合并，
//! 在汇总中计为“重复，未合并”。两个文件内容完全相同（如 `台账.csv` 和 `台账 - 副本.csv`）时只读其中
//! 一个，另一个列为跳过，并以警告报告一次“内容完全相同”，而不是把副本的每一行都报告为编号重复。
//!
//! ## 为何重要 Why it matters
//! 编号是会议的唯一标识；重复的编号会把两次会议混为一谈，统计和整改都会出错。
//!
//! ## 依据 Source
//! yishi 输入约定（FORMAT.md：编号 unique meeting code）与规则目录（RULES.md）二、数据完整性 D006。
//!
//! ## 示例 Example
//! 不合规：街道台账第 3 行和第 7 行都是 LH-JD-2026-002。
//! 合规：每次会议一个编号。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "D006",
    name: "duplicate-meeting-code",
    title: "会议编号重复",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D006",
        quote: "the same meeting code appears twice (across all files of the batch)",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d006.rs"),
};
