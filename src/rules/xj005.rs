//! XJ005 协商结果运用未落实到记录 (result-application-incomplete-xj)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面：受政府或有关部门委托协商的事项（填有「委托单位」），不论协商结果是通过、达成
//! 一致还是存在分歧，都记录报告协商结果及分歧情况的日期（「结果报告日期」）；其他「协商结果」为
//! 通过或达成一致、由村（社区）组织实施的，公开实施的期限和形式（「完成时限」「实施形式」）。
//! 缺哪一项报哪一项（警告）。
//!
//! ## 为何重要 Why it matters
//! 协商结果要有人落实、有期限、有反馈；委托协商的部门要及时知道结果和分歧。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》五（六）：“需要村(社区)落实的事项，由村(社区)党组织、
//! 村(居)民委员会组织实施，并公开期限、形式；……受政府或有关部门委托协商的事项，村(社区)党组织、
//! 村(居)民委员会要及时报告协商结果及分歧情况”。
//!
//! ## 示例 Example
//! 不合规：结果已通过，没有完成时限和实施形式。
//! 合规：委托单位“镇人民政府”，结果报告日期 2026-06-20。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, sz107};

pub static META: RuleMeta = RuleMeta {
    code: "XJ005",
    name: "result-application-incomplete-xj",
    title: "协商结果运用未落实到记录",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "五(六)",
        quote: "需要村(社区)落实的事项，由村(社区)党组织、村(居)民委员会组织实施，并公开期限、形式；……受政府或有关部门委托协商的事项，村(社区)党组织、村(居)民委员会要及时报告协商结果及分歧情况",
        modality: Modality::Must("要"),
        milder: Some("原文只说“及时”报告，没有天数，所以默认警告"),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("xj005.rs"),
};

pub fn check(cx: &mut Ctx) {
    sz107::application(cx, &META);
}
