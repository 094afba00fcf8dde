//! JL005 协商材料未归档 (materials-not-archived)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商（吉林的实施意见规定的是城乡社区协商的程序）。
//! 已召开的会议：协商过程中形成的材料及时整理归档，即台账「归档」为是。填“否”的报错误（原文“要及时整理归档”）；
//! 没填的报 D002。会议日期晚于检查日的不检查。
//!
//! ## 为何重要 Why it matters
//! 归档的材料是日后核查协商程序、处理争议的依据。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“对协商过程中形成的有关材料要及时整理归档，
//! 并妥善保管”。
//!
//! ## 示例 Example
//! 不合规：会议 2026-06-12，归档“否”。
//! 合规：归档“是”。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "JL005",
    name: "materials-not-archived",
    title: "协商材料未归档",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "对协商过程中形成的有关材料要及时整理归档，并妥善保管",
        modality: Modality::Must("要"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl005.rs"),
};

pub fn check(cx: &mut Ctx) {
    if cx.m.date(Field::HeldOn).is_none_or(|h| h > cx.today()) {
        return;
    }
    cx.applies(&META);
    if cx.need_yes_no(&META, Field::Archived) != Some(false) {
        return;
    }
    let d = Diagnostic::new(&META, format!("{}：归档为“否”", META.title))
        .at(cx.m.loc(Field::Archived))
        .field(Field::Archived.zh())
        .label("未归档")
        .fact("archived", false)
        .requirement("协商过程中形成的有关材料及时整理归档，并妥善保管")
        .help("将通知、方案、公告、签到表、会议记录、公示照片等整理归档后，把「归档」改为“是”");
    cx.emit(d);
}
