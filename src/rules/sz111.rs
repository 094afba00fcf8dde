//! SZ111 议事会两委成员占比过高 (council-seats-dominated-by-committee)
//!
//! ## 检查内容 What it checks
//! 居民议事会、村民议事会：除社区（村）“两委”成员外的其他参与人员不少于实到人数的 50%
//! （参数 `min_non_committee_share = 1/2`，“不少于”含本数），即 (实到人数 − 两委成员人数) × 2 ≥ 实到人数，
//! 整数运算。两委成员人数取台账「两委成员人数」；台账未填时，按参会人员名单中签到且「两委」为是的人数。
//!
//! ## 为何重要 Why it matters
//! 议事会是居民的议事平台，两委成员占了多数，协商就成了两委自己的会。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（二）3：“除社区（村）“两委”成员外，其他参与人员席位占比
//! 不少于50%”。“不少于”包括本数：民法典第一千二百五十九条。
//!
//! ## 示例 Example
//! 不合规：实到 10 人，其中两委成员 6 人（其他人员 40%）。
//! 合规：实到 10 人，其中两委成员 5 人（其他人员恰好 50%）。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

params! {
    MIN_NON_COMMITTEE_SHARE: Share("min_non_committee_share", (1, 2), "两委成员以外人员席位的最低占比");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ111",
    name: "council-seats-dominated-by-committee",
    title: "议事会两委成员占比过高",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(二)3",
        quote: "除社区（村）“两委”成员外，其他参与人员席位占比不少于50%",
        modality: Modality::Prescribed("不少于"),
        milder: None,
    },
    levels: Levels::Any,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz111.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !matches!(cx.m.text(Field::Form), Some("居民议事会" | "村民议事会")) {
        return;
    }
    let Some(present) = cx.need_count(&META, Field::Present) else {
        return;
    };
    let from_list = || {
        let listed =
            cx.m.present_participants()
                .filter(|p| p.committee.is_some())
                .count();
        (listed > 0).then(|| {
            cx.m.present_participants()
                .filter(|p| p.committee == Some(true))
                .count() as u32
        })
    };
    let ledger = cx.m.count(Field::CommitteePresent);
    let Some(committee) = ledger.or_else(from_list) else {
        cx.need(&META, Field::CommitteePresent);
        return;
    };
    if committee > present {
        return; // D005
    }
    let others = present - committee;
    let share = cx.settings.param(&META, MIN_NON_COMMITTEE_SHARE);
    let min_others = crate::days::at_least(present, share);
    if others >= min_others {
        return;
    }
    let max_committee = present - min_others;
    let pct = percent(share);
    // Where the committee count came from: the ledger cell, or the participants list.
    let (loc, field, source) = if ledger.is_some() {
        (
            cx.m.loc(Field::CommitteePresent),
            Field::CommitteePresent.zh(),
            "",
        )
    } else {
        let first =
            cx.m.present_participants()
                .find(|p| p.committee == Some(true));
        (
            first.map(|p| &p.loc).or(cx.m.loc(Field::Present)),
            "两委",
            "（两委成员按参会人员名单计）",
        )
    };
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：实到 {present} 人，两委成员 {committee} 人{source}，其他人员 {others} 人，不足 {pct}",
            META.title
        ),
    )
    .at(loc)
    .field(field)
    .label(format!("两委 {committee} 人 / 实到 {present} 人"))
    .fact("present", present)
    .fact("committee_present", committee)
    .fact("others", others)
    .fact("required_share", format!("{}/{}", share.0, share.1))
    .requirement(format!(
        "除两委成员外的其他参与人员不少于实到人数的 {pct}（含本数）：实到 {present} 人时两委成员至多 {max_committee} 人"
    ))
    .help("增加居民代表、驻区单位等非两委人员的席位，或减少列席的两委成员");
    cx.emit(d);
}

/// A share as a percentage where it is a whole one (1/2 → 50%), else as a fraction.
fn percent((num, den): (u32, u32)) -> String {
    if den > 0 && (num * 100) % den == 0 {
        format!("{}%", num * 100 / den)
    } else {
        format!("{num}/{den}")
    }
}
