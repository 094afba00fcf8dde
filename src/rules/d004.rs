//! D004 日期先后顺序错误 (dates-out-of-order)
//!
//! ## 检查内容 What it checks
//! 会前的日期（意见收集、议题确定、方案制定、信息公开、邀请发出、旁听预约开放）晚于会议
//! 日期；会后的日期（结果公示、情况公告、反馈、结果报告、委托单位反馈、评议、实施结果公开）
//! 早于会议日期。同一天不算错。
//!
//! ## 为何重要 Why it matters
//! 先后颠倒的日期多半是录入错误（年份、月份写错），会让所有期限检查得出错误结论。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）二、数据完整性 D004；程序先后见深圳市基层议事协商工作指引（试行）六。
//!
//! ## 示例 Example
//! 不合规：会议 2026-03-10，信息公开 2026-03-15。
//! 合规：会议 2026-03-10，信息公开 2026-03-03，结果公示 2026-03-12。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "D004",
    name: "dates-out-of-order",
    title: "日期先后顺序错误",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D004",
        quote: "dates out of order: notice/invitation/observer booking after the meeting; result publication before the meeting; topic set after the meeting",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d004.rs"),
};

/// Fields that come before the meeting.
const BEFORE: [Field; 6] = [
    Field::OpinionsOn,
    Field::TopicSetOn,
    Field::PlanOn,
    Field::NoticeOn,
    Field::InvitedOn,
    Field::ObserverOpenOn,
];

/// Fields that come after the meeting.
const AFTER: [Field; 7] = [
    Field::ResultPublishedOn,
    Field::StatusAnnouncedOn,
    Field::FeedbackOn,
    Field::ReportedOn,
    Field::EntrustedFeedbackOn,
    Field::EvaluatedOn,
    Field::ImplementationPublishedOn,
];

pub fn check(cx: &mut Ctx) {
    let Some(held) = cx.m.date(Field::HeldOn) else {
        return;
    };
    for field in BEFORE {
        if let Some(date) = cx.m.date(field).filter(|&d| d > held) {
            emit(cx, field, date, held, "晚于");
        }
    }
    for field in AFTER {
        if let Some(date) = cx.m.date(field).filter(|&d| d < held) {
            emit(cx, field, date, held, "早于");
        }
    }
}

fn emit(
    cx: &mut Ctx,
    field: Field,
    date: chrono::NaiveDate,
    held: chrono::NaiveDate,
    relation: &str,
) {
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：{} {} {relation}会议日期 {}",
            META.title,
            field.zh(),
            ymd(date),
            ymd(held)
        ),
    )
    .at(cx.m.loc(field))
    .field(field.zh())
    .label(format!("{relation}会议日期 {}", ymd(held)))
    .fact(field.en(), ymd(date))
    .fact("held_on", ymd(held))
    .related(cx.m.loc(Field::HeldOn).unwrap_or(cx.m.anchor()), "会议日期")
    .requirement(if relation == "晚于" {
        format!("{}应在会议之前（或当日）", field.zh())
    } else {
        format!("{}应在会议之后（或当日）", field.zh())
    })
    .help("核对两个日期的年、月、日，改正录入错误");
    cx.emit(d);
}
