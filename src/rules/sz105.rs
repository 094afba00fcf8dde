//! SZ105 一致意见未签名确认 (consensus-not-signed)
//!
//! ## 检查内容 What it checks
//! 社区、村层面「协商结果」为达成一致的会议：由协商主体签名确认（台账「签名确认」为是；未填时
//! 看参会人员名单，签到的参会成员都已「签名」）。另外，「重大事项」为是而「公证见证」不为是时，
//! 给出提示：重大事项可以进行公证或律师见证（“可”，不是必须）。
//!
//! ## 为何重要 Why it matters
//! 签名是一致意见的凭证；重大事项经公证或律师见证，事后更不容易产生争议。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）6：“协商达成一致意见的，由协商主体签名确认，重大事项
//! 可进行公证或律师见证”。
//!
//! ## 示例 Example
//! 不合规：社区议事会达成一致，签名确认“否”。
//! 合规：达成一致，签名确认“是”；重大事项另有律师见证（公证见证“是”）。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, signing};

pub static META: RuleMeta = RuleMeta {
    code: "SZ105",
    name: "consensus-not-signed",
    title: "一致意见未签名确认",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)6",
        quote: "协商达成一致意见的，由协商主体签名确认，重大事项可进行公证或律师见证",
        modality: Modality::Prescribed("签名确认"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("sz105.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || cx.m.text(Field::Outcome) != Some("达成一致") {
        return;
    }
    cx.applies(&META);
    signing::check(cx, &META, "协商达成一致意见的，由协商主体签名确认");
    if cx.m.yes_no(Field::Major) == Some(true) && cx.m.yes_no(Field::Notarised) != Some(true) {
        let d = Diagnostic::new(
            &META,
            format!("{}：重大事项达成一致，未记录公证或律师见证", META.title),
        )
        .severity(Severity::Info)
        .at(cx.m.loc(Field::Notarised).or(cx.m.loc(Field::Major)))
        .field(Field::Notarised.zh())
        .label("重大事项：可公证或律师见证")
        .fact("major", true)
        .fact("notarised", cx.m.yes_no(Field::Notarised))
        .requirement("重大事项可进行公证或律师见证（可选）")
        .help("如已公证或律师见证，在「公证见证」填“是”；重大事项建议见证，以免事后争议");
        cx.emit(d);
    }
}
