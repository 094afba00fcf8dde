//! SZ004 协商结果公示过晚 (result-published-too-late)
//!
//! ## 检查内容 What it checks
//! 街道层面的协商：协商结果以会议决议、协商意见等形式（「结果形式」）确定，并在会后 3 日内
//! （参数 `publish_within_days`）通过线上、线下方式（「公示渠道」）公示：「结果公示日期」不晚于
//! 「会议日期」后第 3 日。会议当日不计入：会议 2026-06-20，最迟 2026-06-23 公示。
//! 缺少结果形式、公示日期或公示渠道时报 D002。「协商结果」为存在分歧或提交上级的，没有形成协商
//! 意见，不在此检查。
//!
//! ## 为何重要 Why it matters
//! 结果及时公开，居民才能监督落实；迟迟不公示的决议容易引发质疑。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）5：“形成协商意见后，将协商结果3日内以会议决议、
//! 协商意见等形式确定，并通过线上、线下等方式进行公示”。期间计算：民法典第二百零一条。
//!
//! ## 示例 Example
//! 不合规：会议 2026-06-20，结果 2026-06-25 公示（第 5 日）。
//! 合规：会议 2026-06-20，结果 2026-06-23 公示（第 3 日）。

use crate::days::DayUnit;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, Rollover, RuleMeta, Severity};
use crate::rules::{Ctx, within};

params! {
    PUBLISH_WITHIN_DAYS: Days("publish_within_days", 3, "会后公示协商结果的期限（日）");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ004",
    name: "result-published-too-late",
    title: "协商结果公示过晚",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(一)5",
        quote: "形成协商意见后，将协商结果3日内以会议决议、协商意见等形式确定，并通过线上、线下等方式进行公示",
        modality: Modality::Prescribed("3日内"),
        milder: None,
    },
    levels: Levels::STREET,
    params: PARAMS,
    readings: &[
        Reading::RolloverForward(Rollover::Workspace),
        Reading::DayUnit(DayUnit::Calendar),
    ],
    source: include_str!("sz004.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || !crate::rules::opinion_formed(cx.m) {
        return;
    }
    cx.applies(&META);
    cx.need(&META, Field::ResultForm);
    cx.need(&META, Field::ResultChannels);
    let n = cx.settings.param(&META, PUBLISH_WITHIN_DAYS);
    let Some(late) = within::late(cx, &META, (Field::HeldOn, Field::ResultPublishedOn), n) else {
        return;
    };
    let d = late
        .diagnostic(cx, &META, ("会后", "公示协商结果"))
        .help("今后在会后 3 日内公示；如另有更早的公示（公众号、公开栏照片），补录其日期");
    cx.emit(d);
}
