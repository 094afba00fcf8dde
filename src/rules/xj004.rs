//! XJ004 一致意见未签名确认 (consensus-not-signed-xj)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面「协商结果」为达成一致的会议：由协商主体签名确认（台账「签名确认」为是；未填时
//! 看参会人员名单，签到的参会成员都已「签名」）。
//!
//! ## 为何重要 Why it matters
//! 签名是一致意见的凭证，没有签名的一致意见事后容易被否认。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》五（五）：“协商达成一致意见的，由协商主体签名确认，
//! 重大事项可进行公证或律师见证”。
//!
//! ## 示例 Example
//! 不合规：达成一致，签名确认“否”。
//! 合规：达成一致，签名确认“是”。

use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, signing};

pub static META: RuleMeta = RuleMeta {
    code: "XJ004",
    name: "consensus-not-signed-xj",
    title: "一致意见未签名确认",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "五(五)",
        quote: "协商达成一致意见的，由协商主体签名确认，重大事项可进行公证或律师见证",
        modality: Modality::Prescribed("签名确认"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("xj004.rs"),
};

pub fn check(cx: &mut Ctx) {
    if cx.need(&META, Field::Outcome) && cx.m.text(Field::Outcome) == Some("达成一致") {
        cx.applies(&META);
        signing::check(cx, &META, "协商达成一致意见的，由协商主体签名确认");
    }
}
