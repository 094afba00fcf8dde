//! JL011 协商方案要素不全 (plan-incomplete)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面记有「方案制定日期」的协商：方案要明确协商时间、地点、内容、参与主体和具体协商
//! 方式，台账上分别是「会议日期」、「会议地点」、「议题」、参与主体（「应到人数」或参会人员名单）
//! 和「协商形式」。只有方案日期而缺其中几项的，报一条错误，列出缺的要素。没有方案日期的由 JL002、
//! JL008 报告，不在此重复。
//!
//! ## 为何重要 Why it matters
//! 只有日期的方案不是方案：协商主体要从方案里知道何时、何地、议什么、谁参加、怎么议。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“议题确定后，要在2个工作日内制定完成协商方案，
//! 明确协商时间、地点、内容及参与主体、具体协商方式等”。
//!
//! ## 示例 Example
//! 不合规：方案制定日期 2026-05-28，台账没有会议地点和协商形式。
//! 合规：方案制定日期 2026-05-28，会议日期、地点、议题、应到人数、协商形式齐全。

use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "JL011",
    name: "plan-incomplete",
    title: "协商方案要素不全",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "议题确定后，要在2个工作日内制定完成协商方案，明确协商时间、地点、内容及参与主体、具体协商方式等",
        modality: Modality::Must("要"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl011.rs"),
};

/// The plan's elements as the clause names them, with the field that records each.
const ELEMENTS: [(&str, Field); 4] = [
    ("协商时间", Field::HeldOn),
    ("地点", Field::Venue),
    ("内容", Field::Topic),
    ("具体协商方式", Field::Form),
];

pub fn check(cx: &mut Ctx) {
    if cx.m.date(Field::PlanOn).is_none() {
        return;
    }
    cx.applies(&META);
    let mut missing: Vec<(&str, Field)> = ELEMENTS
        .into_iter()
        .filter(|(_, f)| cx.absent(&[*f]).len() == 1)
        .collect();
    // The participants: a count of those due, or the list that names them.
    if cx.absent(&[Field::Due]).len() == 1 && cx.m.participants.is_empty() {
        missing.insert(3, ("参与主体", Field::Due));
    }
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|(n, _)| *n).collect();
    let fields: Vec<&str> = missing.iter().map(|(_, f)| f.zh()).collect();
    let d = Diagnostic::new(
        &META,
        format!("{}：有方案制定日期，方案缺{}", META.title, names.join("、")),
    )
    .at(Some(cx.m.missing_loc(missing[0].1)))
    .field(missing[0].1.zh())
    .label(format!("缺{}", fields.join("、")))
    .fact("missing", names.clone())
    .fact("fields", fields.clone())
    .requirement("协商方案明确协商时间、地点、内容及参与主体、具体协商方式")
    .help(format!(
        "在台账补填「{}」；方案本身缺这些内容的，补全方案后再发布公告",
        fields.join("」「")
    ));
    cx.emit(d);
}
