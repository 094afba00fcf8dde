//! SZ008 街道协商决议落实情况未按时反馈 (street-feedback-overdue)
//!
//! ## 检查内容 What it checks
//! 街道层面「协商结果」为通过或达成一致的会议：落实协商决议时明确了「反馈时限」的，到了时限
//! 要有「反馈日期」，即落实情况已经反馈、公开。反馈时限已过（早于检查日）仍没有反馈日期的，
//! 报错误；反馈日期晚于反馈时限的，报警告。没有反馈时限的，由 SZ005 报告，不在此重复。
//!
//! ## 为何重要 Why it matters
//! 反馈时限是街道自己定下的承诺；过了时限没有反馈，居民无从知道决议是否落实，监督也就落空。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）6：“明确落实协商决议的责任领导、责任部门、完成时间、
//! 工作要求和反馈时限”；七（四）：“全面准确执行街道协商、社区（村）协商议定决定事项，并公开执行
//! 落实情况”。
//!
//! ## 示例 Example
//! 不合规：反馈时限 2026-09-30，检查日 2026-11-22 仍没有反馈日期（错误）；或 2026-10-15 才反馈
//! （警告）。
//! 合规：反馈时限 2026-09-30，反馈日期 2026-09-28。

use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "SZ008",
    name: "street-feedback-overdue",
    title: "街道协商决议落实情况未按时反馈",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "七(四)",
        quote: "全面准确执行街道协商、社区（村）协商议定决定事项，并公开执行落实情况",
        modality: Modality::Prescribed("公开执行落实情况"),
        milder: None,
    },
    levels: Levels::STREET,
    params: &[],
    readings: &[],
    source: include_str!("sz008.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || !cx.adopted() {
        return;
    }
    // A resolution without a feedback deadline is SZ005's.
    let Some(by) = cx.m.date(Field::FeedbackBy) else {
        return;
    };
    if cx.m.invalid.contains_key(&Field::FeedbackOn) {
        return; // D003
    }
    cx.applies(&META);
    let today = cx.today();
    let d = match cx.m.date(Field::FeedbackOn) {
        Some(on) if on > by => Diagnostic::new(
            &META,
            format!(
                "{}：反馈时限 {}，{} 才反馈落实情况",
                META.title,
                ymd(by),
                ymd(on)
            ),
        )
        .severity(Severity::Warning)
        .at(cx.m.loc(Field::FeedbackOn))
        .field(Field::FeedbackOn.zh())
        .label(format!("晚于反馈时限 {}", ymd(by)))
        .fact("feedback_on", ymd(on)),
        None if by < today => Diagnostic::new(
            &META,
            format!(
                "{}：反馈时限 {} 已过，到检查日 {} 仍没有反馈记录",
                META.title,
                ymd(by),
                ymd(today)
            ),
        )
        .at(Some(cx.m.missing_loc(Field::FeedbackOn)))
        .field(Field::FeedbackOn.zh())
        .label("没有反馈日期")
        .fact("today", ymd(today)),
        _ => return,
    };
    let d = d
        .fact("feedback_by", ymd(by))
        .requirement(format!(
            "按决议明确的反馈时限反馈并公开执行落实情况：不晚于 {}",
            ymd(by)
        ))
        .help("向居民和协商主体反馈落实情况并公开，在台账登记「反馈日期」和「落实情况」");
    cx.emit(d);
}
