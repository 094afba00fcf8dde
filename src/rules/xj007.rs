//! XJ007 为民办实事项目未经协商即决定 (project-decided-without-consultation)
//!
//! ## 检查内容 What it checks
//! 「议题类别」为为民办实事（含“为民办实事项目”等写法）、「涉及多方」为是的项目：先议事协商、达成广泛共识，然后决定。
//! 「项目决定日期」早于「会议日期」的，或「协商结果」不是通过、达成一致却已决定的，报错误。
//! 缺少涉及多方、项目决定日期的报 D002。
//!
//! ## 为何重要 Why it matters
//! 涉及多方利益的项目不经协商就定，容易引发矛盾，项目也难以落地。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》六（四）：“把基层议事协商作为实施“为民办实事”项目的
//! 基本程序……对于涉及多方利益的项目，必须通过议事协商，达成广泛共识后决定”。
//!
//! ## 示例 Example
//! 不合规：项目 2026-05-01 决定，协商会议 2026-05-10 才召开。
//! 合规：会议 2026-05-10 达成一致，项目 2026-05-15 决定。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "XJ007",
    name: "project-decided-without-consultation",
    title: "为民办实事项目未经协商即决定",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "六(四)",
        quote: "对于涉及多方利益的项目，必须通过议事协商，达成广泛共识后决定",
        modality: Modality::Must("必须"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("xj007.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !cx
        .m
        .text(Field::Category)
        .is_some_and(|c| c.contains("为民办实事"))
        || cx.need_yes_no(&META, Field::MultiParty) != Some(true)
    {
        return;
    }
    let held = cx.need_date(&META, Field::HeldOn);
    let decided = cx.need_date(&META, Field::DecidedOn);
    let (Some(held), Some(decided)) = (held, decided) else {
        return;
    };
    let outcome = cx.m.text(Field::Outcome).map(str::to_string);
    let (reason, label, requirement) = if decided < held {
        (
            format!("项目 {} 决定，早于协商会议 {}", ymd(decided), ymd(held)),
            "决定早于协商",
            format!(
                "涉及多方利益的为民办实事项目，经议事协商后决定：不早于 {}",
                ymd(held)
            ),
        )
    } else if outcome.is_some() && !cx.adopted() {
        (
            format!(
                "协商结果为“{}”，未达成共识，项目仍于 {} 决定",
                outcome.as_deref().unwrap_or_default(),
                ymd(decided)
            ),
            "未达成共识即决定",
            "涉及多方利益的为民办实事项目，协商达成广泛共识（通过或达成一致）后才能决定"
                .to_string(),
        )
    } else {
        return;
    };
    let d = Diagnostic::new(&META, format!("{}：{reason}", META.title))
        .at(cx.m.loc(Field::DecidedOn))
        .field(Field::DecidedOn.zh())
        .label(label)
        .fact("held_on", ymd(held))
        .fact("decided_on", ymd(decided))
        .fact("outcome", outcome)
        .requirement(requirement)
        .help("暂缓实施，组织利益相关方协商达成共识后重新决定");
    cx.emit(d);
}
