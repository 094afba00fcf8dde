//! JL006 争议事项未提交村（居）民会议 (dispute-not-escalated)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面「协商结果」为存在分歧（通过协商无法解决或存在较大争议）的事项，应提交村（居）民会议或村（居）
//! 民代表会议决定：本批次中应有一次这样的会议接续它（「前次会议编号」填本次编号，或同一村（社区）
//! 就同一议题在其后召开）。没有的，给出警告。会议日期晚于检查日的不检查。
//!
//! ## 为何重要 Why it matters
//! 协商解决不了的事交由法定的民主决策机构决定，避免议而不决。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“通过协商无法解决或存在较大争议的问题或事项，
//! 应当提交村（居）民会议或村（居）民代表会议决定”。
//!
//! ## 示例 Example
//! 不合规：议事会存在分歧，本批次没有后续的居民（代表）会议。
//! 合规：其后的居民代表会议「前次会议编号」填写该议事会编号。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{BatchCtx, followup, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "JL006",
    name: "dispute-not-escalated",
    title: "争议事项未提交村（居）民会议",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "通过协商无法解决或存在较大争议的问题或事项，应当提交村（居）民会议或村（居）民代表会议决定",
        modality: Modality::Must("应当"),
        milder: Some(
            "提交决定的会议可能不在本批次的记录里，检查只能看本批次之后的会议，所以默认警告",
        ),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl006.rs"),
};

const ASSEMBLIES: [&str; 4] = ["居民会议", "居民代表会议", "村民会议", "村民代表会议"];

pub fn check(cx: &mut BatchCtx) {
    let today = cx.today();
    let index = followup::Index::new(cx.meetings);
    for m in cx.meetings {
        if m.text(Field::Outcome) != Some("存在分歧") || !META.levels.include(m.level()) {
            continue;
        }
        let Some(held) = m.date(Field::HeldOn).filter(|&h| h <= today) else {
            continue;
        };
        let escalated = index.of(m).any(|later| {
            later
                .text(Field::Form)
                .is_some_and(|f| ASSEMBLIES.contains(&f))
        });
        if escalated {
            continue;
        }
        let topic = m.text(Field::Topic).unwrap_or("（未填议题）");
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：{} 的议题“{topic}”存在分歧，本批次未见提交村（居）民会议或代表会议",
                META.title,
                ymd(held)
            ),
        )
        .at(m.loc(Field::Outcome).or(Some(m.anchor())))
        .field(Field::Outcome.zh())
        .label("存在分歧：未见提交")
        .fact("held_on", ymd(held))
        .fact("topic", topic)
        .requirement("无法协商解决或存在较大争议的事项，提交村（居）民会议或村（居）民代表会议决定")
        .help("召开村（居）民会议或代表会议决定，并在该会议的「前次会议编号」填本次编号");
        cx.emit_meeting(m, d);
    }
}
