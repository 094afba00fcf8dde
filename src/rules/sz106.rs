//! SZ106 协商结果未公示 (result-not-published)
//!
//! ## 检查内容 What it checks
//! 社区、村层面：协商结果以会议决议、协商意见、居民公约、村规民约、住户守则、商户守则等形式
//! （「结果形式」）确定，并通过线上、线下方式（「公示渠道」）公示。会后过了公示期限仍没有
//! 「结果公示日期」的，报错误；公示晚于期限的，报警告。社区层面的指引没有规定天数，期限取
//! 参数 `publish_within_days`（默认 3 日，与街道层面六（一）5 相同），按“N日内”计算：会议当日
//! 不计入，会议 2026-06-20 最迟 2026-06-23 公示。「协商结果」为存在分歧或提交上级的，没有形成协商
//! 意见，不在此检查（分歧由 SZ206 跟进）。
//!
//! ## 为何重要 Why it matters
//! 协商结果公开，居民才能知道议定了什么、监督落实；从不公示的结果等于没有结果。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（二）7：“形成协商意见后，将协商结果以会议决议、协商意见、
//! 居民公约、村规民约、住户守则、商户守则等形式确定，并通过线上、线下等方式进行公示”。
//! 期间计算：民法典第二百零一条。
//!
//! ## 示例 Example
//! 不合规：会议 2026-06-20，检查日 2026-11-22 仍无结果公示日期（错误）；或 2026-06-26 才公示（警告）。
//! 合规：会议 2026-06-20，结果 2026-06-22 在公开栏公示。

use crate::days::DayUnit;
use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Reading, Rollover, RuleMeta, Severity};
use crate::rules::{Ctx, within, ymd};

params! {
    PUBLISH_WITHIN_DAYS: Days("publish_within_days", 3, "会后公示协商结果的期限（日，指引未规定，超期只作警告）");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ106",
    name: "result-not-published",
    title: "协商结果未公示",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(二)7",
        quote: "形成协商意见后，将协商结果以会议决议、协商意见、居民公约、村规民约、住户守则、商户守则等形式确定，并通过线上、线下等方式进行公示",
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[
        Reading::RolloverForward(Rollover::Workspace),
        Reading::DayUnit(DayUnit::Calendar),
    ],
    source: include_str!("sz106.rs"),
};

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || !crate::rules::opinion_formed(cx.m) {
        return;
    }
    cx.applies(&META);
    let n = cx.settings.param(&META, PUBLISH_WITHIN_DAYS);
    if cx.m.invalid.contains_key(&Field::ResultPublishedOn) {
        return; // D003
    }
    if cx.m.date(Field::ResultPublishedOn).is_none() {
        let Some(held) = cx.need_date(&META, Field::HeldOn) else {
            return;
        };
        let deadline = within::deadline(cx.settings, &META, held, n);
        if deadline.latest >= cx.today() {
            return; // Still time to publish.
        }
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：会议 {}，到检查日 {} 仍没有结果公示记录",
                META.title,
                ymd(held),
                ymd(cx.today())
            ),
        )
        .at(Some(cx.m.missing_loc(Field::ResultPublishedOn)))
        .field(Field::ResultPublishedOn.zh())
        .label("没有结果公示日期")
        .fact("held_on", ymd(held))
        .fact("today", ymd(cx.today()))
        .fact("latest", ymd(deadline.latest))
        .requirement(format!(
            "协商结果以会议决议、协商意见等形式确定并公示；按会后 {n} 日内计，不晚于 {}（{}）",
            ymd(deadline.latest),
            deadline.basis
        ))
        .help("补录结果公示的日期和渠道；确未公示的，尽快在公开栏、公众号等公示并登记");
        cx.emit(d);
        return;
    }
    cx.need(&META, Field::ResultForm);
    cx.need(&META, Field::ResultChannels);
    let Some(late) = within::late(cx, &META, (Field::HeldOn, Field::ResultPublishedOn), n) else {
        return;
    };
    let d = late
        .diagnostic(cx, &META, ("会后", "公示协商结果"))
        .severity(Severity::Warning)
        .help("社区层面指引未规定公示天数，按参数 publish_within_days 提示；今后会后及时公示");
    cx.emit(d);
}
