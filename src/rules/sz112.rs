//! SZ112 受委托事项没有委托单位的反馈 (entrusted-feedback-not-recorded)
//!
//! ## 检查内容 What it checks
//! 社区、村层面受政府或有关部门委托协商的事项（填有「委托单位」），已向委托单位报告协商结果
//! （填有「结果报告日期」）的：台账记有委托单位对结果的反馈（「委托单位反馈日期」，可在
//! 「落实情况」或「备注」写反馈的内容）。报告之后没有反馈记录的，给出提示，请跟踪反馈结果。
//! 还没有报告的，由 SZ107 报告，这里不重复；反馈日期早于会议日期的，由 D004 报告。
//!
//! ## 为何重要 Why it matters
//! 受委托协商，是部门把决定前的意见交给居民；报告之后，部门是否研究吸纳、怎样反馈，居民要
//! 知道，社区要追着问。台账上没有反馈，说明这件事还没有闭环。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）8：“受政府或有关部门委托协商的事项，社区（村）
//! “两委”及时报告协商结果及分歧情况，并跟踪反馈结果，相关部门要认真研究吸纳并予以反馈”。
//! 反馈的义务在部门，原文没有反馈的期限；社区的义务是跟踪。台账上没有反馈日期，只能说明还没有
//! 收到反馈，不能断定谁逾期，所以默认只作提示（工作区可在 `yishi.toml` 中调高）。
//! 新疆指引五（六）同样要求“相关部门要认真研究吸纳并予以反馈”，但没有规定村（社区）跟踪反馈，
//! 村（社区）的记录不是部门履职的凭据，新疆规则集不设这一项。
//!
//! ## 示例 Example
//! 不合规（提示）：委托单位“福田区住房和建设局”，结果报告日期 2026-05-25，没有委托单位反馈日期。
//! 合规：委托单位反馈日期 2026-06-10，落实情况“区住建局复函：采纳错峰施工方案”。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "SZ112",
    name: "entrusted-feedback-not-recorded",
    title: "受委托事项没有委托单位的反馈",
    severity: Severity::Info,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)8",
        quote: "受政府或有关部门委托协商的事项，社区（村）“两委”及时报告协商结果及分歧情况，并跟踪反馈结果，相关部门要认真研究吸纳并予以反馈",
        modality: Modality::Prescribed("跟踪反馈结果"),
        milder: Some(
            "反馈由委托的部门作出，原文没有反馈的期限；台账上没有反馈只说明尚未收到，不能断定逾期，所以默认提示",
        ),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("sz112.rs"),
};

pub fn check(cx: &mut Ctx) {
    let Some(by) = cx.m.text(Field::EntrustedBy).map(str::to_string) else {
        return;
    };
    // Not yet reported is SZ107's finding; the feedback follows the report.
    let Some(reported) = cx.m.date(Field::ReportedOn) else {
        return;
    };
    cx.applies(&META);
    if cx.m.fields.contains_key(&Field::EntrustedFeedbackOn)
        || cx.m.invalid.contains_key(&Field::EntrustedFeedbackOn)
    {
        return;
    }
    let today = cx.today();
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：{} 已向{by}报告协商结果，到检查日 {} 没有反馈记录",
            META.title,
            ymd(reported),
            ymd(today)
        ),
    )
    .at(Some(cx.m.missing_loc(Field::EntrustedFeedbackOn)))
    .field(Field::EntrustedFeedbackOn.zh())
    .label("没有委托单位反馈日期")
    .related(
        cx.m.loc(Field::ReportedOn).unwrap_or(cx.m.anchor()),
        "结果报告日期",
    )
    .fact("entrusted_by", by)
    .fact("reported_on", ymd(reported))
    .fact("today", ymd(today))
    .requirement("受委托协商的事项，报告协商结果及分歧情况后跟踪反馈结果；相关部门要研究吸纳并予以反馈")
    .help("向委托单位了解研究吸纳的情况，收到反馈后在台账登记「委托单位反馈日期」，反馈内容写在「落实情况」或「备注」");
    cx.emit(d);
}
