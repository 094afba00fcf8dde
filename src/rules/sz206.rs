//! SZ206 分歧议题未再次协商 (dispute-not-followed-up)
//!
//! ## 检查内容 What it checks
//! 「协商结果」为存在分歧的会议（存在较大分歧、协商未果）：本批次中应有后续——再次协商的会议
//! （「前次会议编号」填本次编号，或同一街道、同一社区就同一议题在其后召开的会议），或上报街道
//! 纳入街道协商（街道层面的会议，同样以前次会议编号或同一议题认定）。都没有的，给出提示：原文是“可组织再次协商”“可上报街道”，允许而非要求。
//! 会议日期晚于检查日的不检查。
//!
//! ## 为何重要 Why it matters
//! 存在分歧的议题搁置不管，矛盾会积累；指引要求再次协商，社区解决不了的上报街道。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）5：“存在较大分歧的，可组织再次协商”；七（二）：“对于
//! 社区（村）无法协商或难以形成协商结果的事项，可上报街道并建议纳入街道协商议题”；附：“对协商未果
//! 的，择机进一步协商”。
//!
//! ## 示例 Example
//! 不合规：LH-CT-2026-005 存在分歧，本批次没有后续会议。
//! 合规：LH-CT-2026-009 的前次会议编号为 LH-CT-2026-005，再次协商。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{BatchCtx, followup, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "SZ206",
    name: "dispute-not-followed-up",
    title: "分歧议题未再次协商",
    severity: Severity::Info,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)5、七(二)",
        quote: "存在较大分歧的，可组织再次协商；对于社区（村）无法协商或难以形成协商结果的事项，可上报街道并建议纳入街道协商议题",
        modality: Modality::May("可"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("sz206.rs"),
};

pub fn check(cx: &mut BatchCtx) {
    let today = cx.today();
    let index = followup::Index::new(cx.meetings);
    for m in cx.meetings {
        if m.text(Field::Outcome) != Some("存在分歧") {
            continue;
        }
        let Some(held) = m.date(Field::HeldOn).filter(|&h| h <= today) else {
            continue;
        };
        if index.of(m).next().is_some() {
            continue;
        }
        let topic = m.text(Field::Topic).unwrap_or("（未填议题）");
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：{} 的议题“{topic}”存在分歧，本批次未见再次协商或上报街道",
                META.title,
                ymd(held)
            ),
        )
        .at(m.loc(Field::Outcome).or(Some(m.anchor())))
        .field(Field::Outcome.zh())
        .label("存在分歧：后续未见")
        .fact("held_on", ymd(held))
        .fact("topic", topic)
        .requirement("存在较大分歧的，组织再次协商；社区（村）难以形成结果的，上报街道纳入街道协商")
        .help("再次协商的会议在「前次会议编号」填本次编号；已上报街道的，把街道会议一并放入批次");
        cx.emit_meeting(m, d);
    }
}
