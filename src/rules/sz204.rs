//! SZ204 达成一致未签字确认 (agreement-not-signed)
//!
//! ## 检查内容 What it checks
//! 「协商结果」为通过或达成一致的会议：参会成员在会议记录上签字确认，即台账「签名确认」为是；
//! 台账未填时，看参会人员名单：签到的参会成员（旁听除外）都已「签名」才算确认。
//! 社区、村层面“达成一致”的结果由 SZ105 按六（二）6 报告，不在此重复。
//!
//! ## 为何重要 Why it matters
//! 签字是协商结果的凭证，没有签字的一致意见事后容易被否认。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：基层议事协商会议流程：“议事协商达成一致意见的，参会成员要在
//! 会议记录上签字确认”；六（二）6：“协商达成一致意见的，由协商主体签名确认”。
//!
//! ## 示例 Example
//! 不合规：协商结果“达成一致”，签名确认“否”。
//! 合规：协商结果“达成一致”，签名确认“是”。

use crate::diag::{Citation, Diagnostic, Severity};
use crate::fields::Field;
use crate::model::Level;
use crate::rules::{Ctx, RuleMeta, SHENZHEN, SHENZHEN_TITLE};

pub static META: RuleMeta = RuleMeta {
    code: "SZ204",
    name: "agreement-not-signed",
    title: "达成一致未签字确认",
    severity: Severity::Error,
    citation: Citation {
        document: SHENZHEN,
        clause: "附·会议流程「现场确认」",
        title: SHENZHEN_TITLE,
        quote: "议事协商达成一致意见的，参会成员要在会议记录上签字确认",
    },
    params: &[],
    readings: &[],
    source: include_str!("sz204.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || !cx.adopted() {
        return;
    }
    // A community's consensus falls under the more specific 六(二)6, reported as SZ105.
    if matches!(cx.m.level(), Some(Level::Community | Level::Village))
        && cx.m.text(Field::Outcome) == Some("达成一致")
        && cx.settings.runs(&super::sz105::META)
    {
        return;
    }
    cx.applies(&META);
    signatures(cx, &META, "达成一致意见的，参会成员在会议记录上签字确认");
}

/// Checks that the participants signed: 签名确认 in the ledger, or else every member present on
/// the participants list. `requirement` is the clause's demand in the rule's words.
pub fn signatures(cx: &mut Ctx, meta: &'static RuleMeta, requirement: &str) {
    let outcome = cx.m.text(Field::Outcome).unwrap_or_default().to_string();
    let Some(signed) = cx.m.yes_no(Field::Signed) else {
        check_list(cx, meta, &outcome, requirement);
        return;
    };
    if !signed {
        let d = Diagnostic::new(
            meta,
            format!("{}：协商结果“{outcome}”，签名确认为“否”", meta.title),
        )
        .at(cx.m.loc(Field::Signed))
        .field(Field::Signed.zh())
        .label("签名确认：否")
        .fact("outcome", outcome)
        .fact("signed", false)
        .requirement(requirement)
        .help("组织参会成员在会议记录上补签，并将「签名确认」改为“是”");
        cx.emit(d);
    }
}

/// Without 签名确认 in the ledger, the participants list decides: every member present signed.
fn check_list(cx: &mut Ctx, meta: &'static RuleMeta, outcome: &str, requirement: &str) {
    let present: Vec<_> = cx.m.present_participants().collect();
    let unsigned: Vec<String> = present
        .iter()
        .filter(|p| p.signed == Some(false))
        .map(|p| p.name.clone())
        .collect();
    if unsigned.is_empty() {
        // Not one known refusal: complete only if every member's signature is recorded.
        if present.is_empty() || present.iter().any(|p| p.signed.is_none()) {
            cx.need(meta, Field::Signed);
        }
        return;
    }
    let d = Diagnostic::new(
        meta,
        format!(
            "{}：协商结果“{outcome}”，{} 未签名",
            meta.title,
            unsigned.join("、")
        ),
    )
    .at(present
        .iter()
        .find(|p| p.signed == Some(false))
        .map(|p| &p.loc))
    .label("未签名")
    .fact("outcome", outcome)
    .fact("unsigned", unsigned)
    .requirement(requirement)
    .help("请未签名的参会成员补签会议记录，并在参会人员名单「签名」中登记");
    cx.emit(d);
}
