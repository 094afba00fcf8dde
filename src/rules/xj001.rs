//! XJ001 召集人不符 (convener-missing-or-wrong)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商：写明召集人（「召集人」）；涉及村（社区）整体利益的（「协商范围」写
//! 全村、全社区或整体），召集人须为村（社区）党组织（党委、党总支、党支部）。召集人不是党组织而
//! 没有填协商范围时，无从判断，报 D002。
//!
//! ## 为何重要 Why it matters
//! 涉及全村（社区）的事项由党组织牵头，保证协商方向；召集人不明，协商就无人负责。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》五（一）：“涉及村（社区）整体利益的协商活动，由村
//! （社区）党组织作为召集人，牵头组织开展”。
//!
//! ## 示例 Example
//! 不合规：协商范围“全社区”，召集人“网格长”。
//! 合规：协商范围“全社区”，召集人“社区党委”。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "XJ001",
    name: "convener-missing-or-wrong",
    title: "召集人不符",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "五(一)",
        quote: "涉及村（社区）整体利益的协商活动，由村（社区）党组织作为召集人，牵头组织开展",
        modality: Modality::Prescribed("由村（社区）党组织作为召集人"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("xj001.rs"),
};

/// Whether a convener is a party organisation.
pub fn is_party(convener: &str) -> bool {
    ["党委", "党总支", "党支部", "党组织", "党工委"]
        .iter()
        .any(|k| convener.contains(k))
}

/// Whether a scope is the whole village or community.
pub fn is_whole(scope: &str) -> bool {
    ["全村", "全社区", "整体", "全体"]
        .iter()
        .any(|k| scope.contains(k))
}

pub fn check(cx: &mut Ctx) {
    let Some(convener) = cx.m.text(Field::Convener).map(str::to_string) else {
        if !cx.m.invalid.contains_key(&Field::Convener) {
            let d = Diagnostic::new(&META, format!("{}：没有写明召集人", META.title))
                .at(Some(cx.m.missing_loc(Field::Convener)))
                .field(Field::Convener.zh())
                .label("没有召集人")
                .requirement("确定协商召集人：涉及整体利益的由党组织召集，其他由两委、代表、小组长、网格长等召集")
                .help("在台账「召集人」一栏填写召集人");
            cx.emit(d);
        }
        return;
    };
    if is_party(&convener) {
        return;
    }
    let Some(scope) = cx
        .need(&META, Field::Scope)
        .then(|| cx.m.text(Field::Scope))
        .flatten()
    else {
        return;
    };
    if !is_whole(scope) {
        return;
    }
    let scope = scope.to_string();
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：协商范围“{scope}”涉及整体利益，召集人为“{convener}”",
            META.title
        ),
    )
    .at(cx.m.loc(Field::Convener))
    .field(Field::Convener.zh())
    .label("应由党组织召集")
    .fact("convener", convener)
    .fact("scope", scope)
    .requirement("涉及村（社区）整体利益的协商活动，由村（社区）党组织作为召集人")
    .help("由村（社区）党组织召集并牵头组织；如实际由党组织召集，更正「召集人」");
    cx.emit(d);
}
