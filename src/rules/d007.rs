//! D007 会议日期在检查日之后 (meeting-in-future)
//!
//! ## 检查内容 What it checks
//! 「会议日期」晚于检查日（`--today`，默认为本机当天）。已上报的会议记录不应是将来的会议，
//! 多半是年份或月份写错。
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

use crate::diag::{Citation, Diagnostic, Severity};
use crate::fields::Field;
use crate::rules::{CATALOGUE, CATALOGUE_TITLE, Ctx, RuleMeta, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "D007",
    name: "meeting-in-future",
    title: "会议日期在检查日之后",
    severity: Severity::Warning,
    citation: Citation {
        document: CATALOGUE,
        clause: "二 D007",
        title: CATALOGUE_TITLE,
        quote: "a meeting dated in the future relative to the check date",
    },
    source: include_str!("d007.rs"),
};

pub fn check(cx: &mut Ctx) {
    let today = cx.today();
    let Some(held) = cx.m.date(Field::HeldOn).filter(|&h| h > today) else {
        return;
    };
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
