//! D007 会议日期在检查日之后或所查年度之外 (meeting-in-future)
//!
//! ## 检查内容 What it checks
//! 「会议日期」晚于检查日（`--today`，默认为本机当天）。已上报的会议记录不应是将来的会议，
//! 多半是年份或月份写错。指定了所查年度（`--year` 或 yishi.toml 的 `year`）时，会议日期不在该年
//! 的也在此报告。
//!
//! ## 为何重要 Why it matters
//! 把将来的日期当作已开的会，所有期限和频次的检查都会出错。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）二、数据完整性 D007。
//!
//! ## 示例 Example
//! 不合规：检查日 2026-11-22，会议日期 2027-01-05。
//! 合规：会议日期 2026-11-20。

use chrono::Datelike;

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "D007",
    name: "meeting-in-future",
    title: "会议日期在检查日之后或所查年度之外",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D007",
        quote: "a meeting dated in the future relative to the check date",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d007.rs"),
};

pub fn check(cx: &mut Ctx) {
    let today = cx.today();
    let Some(held) = cx.m.date(Field::HeldOn) else {
        return;
    };
    if held > today {
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：会议日期 {}，检查日 {}",
                META.title,
                ymd(held),
                ymd(today)
            ),
        )
        .at(cx.m.loc(Field::HeldOn))
        .field(Field::HeldOn.zh())
        .label(format!("晚于检查日 {}", ymd(today)))
        .fact("held_on", ymd(held))
        .fact("today", ymd(today))
        .requirement("上报的会议记录应是已经召开的会议")
        .help("核对会议日期的年份和月份；检查以往批次时用 --today 指定检查日");
        cx.emit(d);
    }
    if let Some(year) = cx.settings.year.filter(|&y| y != held.year()) {
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：会议日期 {} 不在所查年度 {year} 年内",
                META.title,
                ymd(held)
            ),
        )
        .at(cx.m.loc(Field::HeldOn))
        .field(Field::HeldOn.zh())
        .label(format!("不在 {year} 年"))
        .fact("held_on", ymd(held))
        .fact("year", year)
        .requirement(format!("批次只含 {year} 年召开的会议（--year {year}）"))
        .help("核对会议日期的年份；不属于本年度的记录移出批次，或改查对应年度");
        cx.emit(d);
    }
}
