//! JL003 协商公告时机不当 (announcement-out-of-step)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商（吉林的实施意见规定的是城乡社区协商的程序）。
//! 方案形成后、协商之前发布协商公告：「信息公开日期」不早于「方案制定日期」（错误），并且早于
//! 「会议日期」。公告与会议同日的，无法确认公告在会前且留有准备时间，给出警告；公告晚于会议由
//! D004 报告。缺少方案制定日期、信息公开日期或会议日期时报 D002。
//!
//! ## 为何重要 Why it matters
//! 公告向参与协商的各方通报内容和相关信息，让他们做好协商前的准备；没有方案的公告内容无从确定。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“方案形成后，应及时发布公告，向参与协商的各类
//! 主体通报协商内容和相关信息，做好协商前的相关准备工作”。
//!
//! ## 示例 Example
//! 不合规：方案 2026-06-05 制定，公告 2026-06-03 发布。
//! 合规：方案 2026-06-05，公告 2026-06-06，会议 2026-06-12。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "JL003",
    name: "announcement-out-of-step",
    title: "协商公告时机不当",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "方案形成后，应及时发布公告，向参与协商的各类主体通报协商内容和相关信息，做好协商前的相关准备工作",
        modality: Modality::Must("应"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl003.rs"),
};

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    let plan = cx.need_date(&META, Field::PlanOn);
    let notice = cx.need_date(&META, Field::NoticeOn);
    let held = cx.need_date(&META, Field::HeldOn);
    let Some(notice) = notice else {
        return;
    };
    if let Some(plan) = plan.filter(|&p| notice < p) {
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：公告 {} 发布，早于方案制定 {}",
                META.title,
                ymd(notice),
                ymd(plan)
            ),
        )
        .at(cx.m.loc(Field::NoticeOn))
        .field(Field::NoticeOn.zh())
        .label(format!("早于方案 {}", ymd(plan)))
        .fact("plan_on", ymd(plan))
        .fact("notice_on", ymd(notice))
        .related(
            cx.m.loc(Field::PlanOn).unwrap_or(cx.m.anchor()),
            "方案制定日期",
        )
        .requirement(format!("方案形成后发布公告：不早于 {}", ymd(plan)))
        .help("核对两个日期；确是先公告后定方案的，方案确定后重新发布公告");
        cx.emit(d);
    }
    if held == Some(notice) {
        let d = Diagnostic::new(
            &META,
            format!("{}：公告与会议同日（{}）", META.title, ymd(notice)),
        )
        .severity(Severity::Warning)
        .at(cx.m.loc(Field::NoticeOn))
        .field(Field::NoticeOn.zh())
        .label("与会议同日")
        .fact("notice_on", ymd(notice))
        .fact("held_on", ymd(notice))
        .requirement("公告在协商之前发布，留出协商前的准备时间")
        .help("今后在会议前几日发布公告；如公告实际更早，更正「信息公开日期」");
        cx.emit(d);
    }
}
