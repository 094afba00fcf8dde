//! SZ203 会议记录要素不全 (minutes-incomplete)
//!
//! ## 检查内容 What it checks
//! 本批次中有会议记录（Markdown）的会议：记录写明议事时间（「会议日期」）、地点（「会议地点」）、
//! 人员（参会人员名单，或会议记录中“参会人员”下的表格）、议题（「议题」）和讨论协商结果
//! （「协商结果」）。台账与会议记录合并后仍缺的，缺哪一项报哪一项。只有台账、没有会议记录的会议
//! 不在此检查（纸质记录无从核对）。
//!
//! ## 为何重要 Why it matters
//! 会议记录是协商过程的法定凭证，检查时据以核实会议是否依程序召开；要素缺失的记录不能作为凭证。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：基层议事协商会议流程「形成会议记录」：“记录议事时间、
//! 地点、人员以及议题讨论协商结果等”。
//!
//! ## 示例 Example
//! 不合规：会议记录没有会议地点，也没有参会人员名单。
//! 合规：前置信息写明会议日期、地点、议题、协商结果，正文有参会人员表。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Origin;
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ203",
    name: "minutes-incomplete",
    title: "会议记录要素不全",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·会议流程「形成会议记录」",
        quote: "记录议事时间、地点、人员以及议题讨论协商结果等",
        modality: Modality::Example("记录"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("sz203.rs"),
};

const ELEMENTS: [Field; 4] = [Field::HeldOn, Field::Venue, Field::Topic, Field::Outcome];

pub fn check(cx: &mut Ctx) {
    let Some(minutes) = cx.m.records.iter().find(|r| r.origin == Origin::Minutes) else {
        return;
    };
    let mut names: Vec<&str> = cx.absent(&ELEMENTS).iter().map(|f| f.zh()).collect();
    if cx.m.participants.is_empty() {
        names.push("参会人员");
    }
    if names.is_empty() {
        return;
    }
    let d = Diagnostic::new(
        &META,
        format!("{}：会议记录没有{}", META.title, names.join("、")),
    )
    .at(Some(&minutes.loc))
    .label(format!("缺少{}", names.join("、")))
    .fact("missing", names.clone())
    .fact("minutes", minutes.file.name.clone())
    .requirement("会议记录写明议事时间、地点、人员以及议题讨论协商结果")
    .help(format!(
        "在会议记录的前置信息中补上{}；参会人员可写在“参会人员”标题下的表格中，或另附参会人员名单",
        names.join("、")
    ));
    cx.emit(d);
}
