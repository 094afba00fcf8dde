//! SZ107 协商结果运用未落实到记录 (result-application-incomplete)
//!
//! ## 检查内容 What it checks
//! 社区、村层面的会议：
//! - 受政府或有关部门委托协商的事项（填有「委托单位」）：不论协商结果如何——通过、达成一致，
//!   还是存在分歧、未通过——都记录向委托单位报告协商结果及分歧情况的日期（「结果报告日期」）；
//!   原文要报告的正是“协商结果及分歧情况”；
//! - 其他「协商结果」为通过或达成一致、由社区（村）组织实施的事项：公开实施的期限和形式
//!   （「完成时限」「实施形式」）。
//!
//! 缺哪一项报哪一项（警告）。
//!
//! ## 为何重要 Why it matters
//! 协商结果要落地：居民要知道何时、以什么方式落实；委托协商的部门要及时拿到结果和分歧。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）8：“需要社区（村）落实的事项，由社区（村）“两委”组织
//! 实施，并公开期限、形式；……受政府或有关部门委托协商的事项，社区（村）“两委”及时报告协商结果
//! 及分歧情况，并跟踪反馈结果”。
//!
//! ## 示例 Example
//! 不合规：议事会通过加装电梯方案，台账没有完成时限和实施形式。
//! 合规：完成时限 2026-12-31，实施形式“施工公示+业主群通报”；或委托单位“区住建局”，结果报告日期
//! 2026-06-25。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ107",
    name: "result-application-incomplete",
    title: "协商结果运用未落实到记录",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)8",
        quote: "需要社区（村）落实的事项，由社区（村）“两委”组织实施，并公开期限、形式；……受政府或有关部门委托协商的事项，社区（村）“两委”及时报告协商结果及分歧情况，并跟踪反馈结果",
        modality: Modality::Prescribed("公开期限、形式"),
        milder: Some("原文对报告和反馈只说“及时”，没有天数，所以默认警告"),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("sz107.rs"),
};

pub fn check(cx: &mut Ctx) {
    application(cx, &META);
}

/// The results-application check shared with Xinjiang's 五(六).
pub fn application(cx: &mut Ctx, meta: &'static RuleMeta) {
    if !cx.need(meta, Field::Outcome) {
        return;
    }
    // An entrusted matter's result is reported whatever it is: the disagreement too.
    let entrusted = cx.m.text(Field::EntrustedBy).map(str::to_string);
    if entrusted.is_none() && !cx.adopted() {
        return;
    }
    let outcome = cx.m.text(Field::Outcome).unwrap_or_default().to_string();
    let (needed, requirement, help): (&[Field], String, &str) = match &entrusted {
        Some(by) => (
            &[Field::ReportedOn],
            format!("受{by}委托协商的事项，及时报告协商结果及分歧情况"),
            "补录向委托单位报告结果的日期（「结果报告日期」）；尚未报告的，尽快报告并跟踪反馈",
        ),
        None => (
            &[Field::DueBy, Field::ImplementationForm],
            "需要社区（村）落实的事项，公开实施的期限和形式".to_string(),
            "在台账补填「完成时限」和「实施形式」（如施工公示、公开栏通报），并向居民公开",
        ),
    };
    let missing = cx.absent(needed);
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|f| f.zh()).collect();
    let what = match (&entrusted, outcome.as_str()) {
        (Some(_), "存在分歧" | "未通过" | "提交上级") => {
            format!("受委托事项（协商结果“{outcome}”）")
        }
        (Some(_), _) => "受委托事项".to_string(),
        (None, _) => "结果已形成".to_string(),
    };
    let d = Diagnostic::new(
        meta,
        format!("{}：{what}，缺少{}", meta.title, names.join("、")),
    )
    .at(Some(cx.m.missing_loc(missing[0])))
    .field(missing[0].zh())
    .label(format!("缺少{}", names.join("、")))
    .fact("missing", names.clone())
    .fact("entrusted_by", entrusted)
    .requirement(requirement)
    .help(help);
    cx.emit(d);
}
