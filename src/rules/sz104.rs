//! SZ104 邀请未通报议题信息 (invitation-lacks-details)
//!
//! ## 检查内容 What it checks
//! 社区、村层面：向协商主体发出的邀请须通报议题、背景以及协商形式、时间、地点。已填「邀请发出日期」
//! 的会议，「议题」「议题背景」「协商形式」「会议日期」「会议地点」缺哪一项就报哪一项（警告）。
//! 没有「邀请发出日期」时无从判断邀请是否发出，报 D002。
//!
//! ## 为何重要 Why it matters
//! 邀请说清议题和背景，协商主体才能事先了解情况、征求所代表群众的意见，协商才有实效。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）4：“社区（村）“两委”向协商主体发出邀请，通报协商议题、
//! 背景以及协商形式、时间、地点等相关信息”。
//!
//! ## 示例 Example
//! 不合规：邀请 2026-06-10 发出，台账没有议题背景。
//! 合规：邀请 2026-06-10 发出，议题、背景、形式、时间、地点齐全。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ104",
    name: "invitation-lacks-details",
    title: "邀请未通报议题信息",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)4",
        quote: "社区（村）“两委”向协商主体发出邀请，通报协商议题、背景以及协商形式、时间、地点等相关信息",
        modality: Modality::Prescribed("通报"),
        milder: Some("台账只能看到是否登记了议题背景等信息，看不到邀请的全文，所以默认警告"),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("sz104.rs"),
};

/// What the invitation states.
const CONTENT: [Field; 5] = [
    Field::Topic,
    Field::Background,
    Field::Form,
    Field::HeldOn,
    Field::Venue,
];

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    if cx.need_date(&META, Field::InvitedOn).is_none() {
        return;
    }
    let missing = cx.absent(&CONTENT);
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|f| f.zh()).collect();
    let d = Diagnostic::new(
        &META,
        format!("{}：邀请已发出，但没有记录{}", META.title, names.join("、")),
    )
    .at(Some(cx.m.missing_loc(missing[0])))
    .field(missing[0].zh())
    .label(format!("缺少{}", names.join("、")))
    .fact("missing", names.clone())
    .requirement("邀请通报协商议题、背景以及协商形式、时间、地点")
    .help(format!(
        "在台账补填{}；如邀请中确未写明，今后的邀请函写全这几项",
        names.join("、")
    ));
    cx.emit(d);
}
