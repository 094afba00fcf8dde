//! SZ106 协商结果未公示 (result-not-published)
//!
//! ## 检查内容 What it checks
//! 社区、村层面：协商结果以会议决议、协商意见、居民公约、村规民约、住户守则、商户守则等形式
//! （「结果形式」）确定，并通过线上、线下方式（「公示渠道」）公示。会议已经开过（早于检查日）
//! 而没有「结果公示日期」的，报错误。社区层面的指引没有规定公示天数，所以默认不查期限；当地
//! 另有规定的，设参数 `publish_within_days`（如 3，与街道层面六（一）5 相同）：按“N日内”计算，
//! 会议当日不计入，会议 2026-06-20 最迟 2026-06-23 公示，过了期限仍未公示的才报错误，公示晚于
//! 期限的报警告。「协商结果」为存在分歧或提交上级的，没有形成协商意见，不在此检查（分歧由
//! SZ206 跟进）。
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
//! 不合规：会议 2026-06-20，检查日 2026-11-22 仍无结果公示日期（错误）；设了
//! publish_within_days = 3 时，2026-06-26 才公示（警告）。
//! 合规：会议 2026-06-20，结果 2026-06-22 在公开栏公示。

use crate::days::DayUnit;
use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, Rollover, RuleMeta, Severity};
use crate::rules::{Ctx, within, ymd};

params! {
    PUBLISH_WITHIN_DAYS: Days("publish_within_days", 0, "会后公示协商结果的期限（日；指引未规定，默认 0 为不查期限，超期只作警告）");
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
        modality: Modality::Prescribed("公示"),
        milder: None,
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
        // Without a deadline of the workspace's, a meeting held before the check date should
        // have published; with one, the deadline gives the time it allows.
        let deadline = (n > 0).then(|| within::deadline(cx.settings, &META, held, n));
        let latest = deadline.as_ref().map_or(held, |d| d.latest);
        if latest >= cx.today() {
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
        .fact("latest", deadline.as_ref().map(|d| ymd(d.latest)))
        .requirement(match &deadline {
            Some(d) => format!(
                "协商结果以会议决议、协商意见等形式确定并公示；按会后 {n} 日内计，不晚于 {}（{}）",
                ymd(d.latest),
                d.basis
            ),
            None => {
                "形成协商意见后，协商结果以会议决议、协商意见等形式确定并公示（指引未规定天数）"
                    .to_string()
            }
        })
        .help("补录结果公示的日期和渠道；确未公示的，尽快在公开栏、公众号等公示并登记");
        cx.emit(d);
        return;
    }
    cx.need(&META, Field::ResultForm);
    cx.need(&META, Field::ResultChannels);
    if n == 0 {
        return; // No deadline to be late for.
    }
    let Some(late) = within::late(cx, &META, (Field::HeldOn, Field::ResultPublishedOn), n) else {
        return;
    };
    let d = late
        .diagnostic(cx, &META, ("会后", "公示协商结果"))
        .severity(Severity::Warning)
        .help("社区层面指引未规定公示天数，按参数 publish_within_days 提示；今后会后及时公示");
    cx.emit(d);
}
