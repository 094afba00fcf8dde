//! D010 批次中没有读到记录 (no-records)
//!
//! ## 检查内容 What it checks
//! 整个批次没有读到一条记录：文件夹是空的，只有图片、说明文字等不是记录的文件，或台账、名单只有
//! 表头（如 `yishi init` 写出的空白模板）。汇总列出每个文件跳过的原因。
//!
//! ## 为何重要 Why it matters
//! 没有读到记录就什么也没有检查，“未发现错误”并不意味着合规。多半是路径指错了文件夹、
//! 上传还没有完成，或台账存成了读不了的格式。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）一：每个输入的文件和记录都要有去向，检查结论只对读到的记录成立；
//! 没有读到记录时检查没有结论，应当说明，不能报告为“未发现错误”。
//!
//! ## 示例 Example
//! 不合规：批次文件夹里只有 `yishi init` 写出的空白 `台账.csv` 和 `参会人员.csv`。
//! 合规：台账中至少有一行会议记录。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "D010",
    name: "no-records",
    title: "批次中没有读到记录",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "一",
        quote: "every input record is accounted for; a check that read no record has no verdict",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d010.rs"),
};
