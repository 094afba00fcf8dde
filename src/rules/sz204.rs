//! SZ204 达成一致未签字确认 (agreement-not-signed)
//!
//! ## 检查内容 What it checks
//! 「协商结果」为达成一致的会议：参会成员在会议记录上签字确认，即台账「签名确认」为是；
//! 台账未填时，看参会人员名单：签到的参会成员（旁听除外）都已「签名」才算确认。
//! 表决“通过”形成的决议不要求签字：原文要求签字的是“达成一致意见的”，表决事项“须到会成员半数
//! 以上通过方可形成决议”，未提签字（由 SZ202 检查票数）。社区、村层面“达成一致”的结果由 SZ105
//! 按六（二）6 报告，不在此重复。
//!
//! ## 为何重要 Why it matters
//! 签字是协商结果的凭证，没有签字的一致意见事后容易被否认。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：基层议事协商会议流程：“议事协商达成一致意见的，参会成员要在
//! 会议记录上签字确认”；「集体表决」：“对需讨论表决的事项，须到会成员半数以上通过方可形成决议或
//! 决定”（表决通过不以签字为条件）；六（二）6：“协商达成一致意见的，由协商主体签名确认”。
//!
//! ## 示例 Example
//! 不合规：协商结果“达成一致”，签名确认“否”。
//! 合规：协商结果“达成一致”，签名确认“是”；协商结果“通过”（表决形成决议），签名确认“否”。

use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, signing, sz105};

pub static META: RuleMeta = RuleMeta {
    code: "SZ204",
    name: "agreement-not-signed",
    title: "达成一致未签字确认",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·会议流程「现场确认」",
        quote: "议事协商达成一致意见的，参会成员要在会议记录上签字确认",
        modality: Modality::Example("要在会议记录上签字确认"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("sz204.rs"),
};

pub fn check(cx: &mut Ctx) {
    // Only a consensus is signed: a vote forms its resolution by its majority (SZ202).
    if !cx.need(&META, Field::Outcome) || cx.m.text(Field::Outcome) != Some("达成一致") {
        return;
    }
    // A community's consensus falls under the more specific 六(二)6, reported as SZ105.
    if sz105::META.levels.include(cx.m.level()) && cx.settings.runs(&sz105::META) {
        return;
    }
    cx.applies(&META);
    signing::check(cx, &META, "达成一致意见的，参会成员在会议记录上签字确认");
}
