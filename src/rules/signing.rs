//! The signature check shared by the rules on consensus (SZ105, SZ204, XJ004): the members
//! present signed the minutes.

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::RuleMeta;
use crate::rules::Ctx;

/// Checks that the participants signed: 签名确认 in the ledger, or else every member present on
/// the participants list. `requirement` is the clause's demand in the rule's words.
pub fn check(cx: &mut Ctx, meta: &'static RuleMeta, requirement: &'static str) {
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
fn check_list(cx: &mut Ctx, meta: &'static RuleMeta, outcome: &str, requirement: &'static str) {
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
