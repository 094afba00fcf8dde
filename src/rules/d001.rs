//! D001 文件或行无法读取 (unreadable-input)
//!
//! ## 检查内容 What it checks
//! 读取时发现的问题：文件既不是 UTF-8 也不是 GB18030 编码；CSV 格式错误（引号未闭合、某行的栏数与
//! 表头不同）；会议记录的前置信息（YAML 或 TOML）写错；表头中像是错别字的列名（给出“是否想写”），
//! 或重复的列名。无法识别又不像错别字的列名照原样保留，以提示级别报告一次。
//! 出问题的行或文件单独报告，批次中其余的记录照常检查。
//!
//! ## 为何重要 Why it matters
//! 读不出来的记录等于没有上报；列名写错会让整列数据被忽略，检查结论随之失真。
//!
//! ## 依据 Source
//! yishi 输入约定（FORMAT.md）与规则目录（RULES.md）二、数据完整性 D001：台账列名、编码与前置信息格式。
//!
//! ## 示例 Example
//! 不合规：表头写成“信息公开日其”（是否想写“信息公开日期”？）。
//! 合规：表头为“信息公开日期”或英文“notice_on”。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "D001",
    name: "unreadable-input",
    title: "文件或行无法读取",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D001",
        quote: "the file or row cannot be read: encoding, malformed CSV, bad front matter, unknown column that looks like a typo",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d001.rs"),
};
