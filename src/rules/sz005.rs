//! SZ005 协商决议落实责任不明确 (implementation-not-assigned)
//!
//! ## 检查内容 What it checks
//! 街道层面形成决议（「协商结果」为通过或达成一致）的协商：台账写明落实决议的「责任领导」、
//! 「责任部门」、「完成时限」、「工作要求」和「反馈时限」，五项缺一即报。
//!
//! ## 为何重要 Why it matters
//! 没有责任人和时限的决议无法督办，协商成果落不了地。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）6：“明确落实协商决议的责任领导、责任部门、完成时间、
//! 工作要求和反馈时限”。
//!
//! ## 示例 Example
//! 不合规：决议通过，台账只填了责任部门，没有责任领导和时限。
//! 合规：责任领导、责任部门、完成时限、工作要求、反馈时限五项齐全。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ005",
    name: "implementation-not-assigned",
    title: "协商决议落实责任不明确",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(一)6",
        quote: "明确落实协商决议的责任领导、责任部门、完成时间、工作要求和反馈时限",
        modality: Modality::Prescribed("明确"),
        milder: None,
    },
    levels: Levels::STREET,
    params: &[],
    readings: &[],
    source: include_str!("sz005.rs"),
};

const REQUIRED: [Field; 5] = [
    Field::ResponsibleLeader,
    Field::ResponsibleDept,
    Field::DueBy,
    Field::Requirements,
    Field::FeedbackBy,
];

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) {
        return;
    }
    if !matches!(cx.m.text(Field::Outcome), Some("通过" | "达成一致")) {
        return;
    }
    // A value that could not be parsed is reported by D003, not as absent.
    let missing: Vec<Field> = REQUIRED
        .into_iter()
        .filter(|f| !cx.m.fields.contains_key(f) && !cx.m.invalid.contains_key(f))
        .collect();
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|f| f.zh()).collect();
    let loc = cx.m.missing_loc(missing[0]).clone();
    let d = Diagnostic::new(
        &META,
        format!("{}：决议已形成，缺少{}", META.title, names.join("、")),
    )
    .at(Some(&loc))
    .field(missing[0].zh())
    .label(format!("缺少{}", names.join("、")))
    .fact("missing", names.clone())
    .fact("outcome", cx.m.text(Field::Outcome).unwrap_or_default())
    .requirement("明确落实决议的责任领导、责任部门、完成时限、工作要求和反馈时限")
    .help(format!("在台账补填：{}", names.join("、")));
    cx.emit(d);
}
