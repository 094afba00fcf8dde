//! SZ201 到会人数未达三分之二 (quorum-not-reached)
//!
//! ## 检查内容 What it checks
//! 每次议事协商会议：实到人数达到应到人数的三分之二以上（含本数），即 实到人数 × 3 ≥ 应到人数 × 2，
//! 整数运算，不用小数。应到 15 人至少实到 10 人；应到 10 人至少实到 7 人。
//!
//! ## 为何重要 Why it matters
//! 未达法定人数召开的会议，所作决定没有代表性，检查时按无效会议处理。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：基层议事协商会议流程：“参会人数达到应到会人数的三分之二以上
//! 方可召开”。“以上”包括本数：民法典第一千二百五十九条。
//!
//! ## 示例 Example
//! 不合规：应到 15 人，实到 9 人。
//! 合规：应到 15 人，实到 10 人（恰好三分之二）。

use crate::days;
use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, RuleMeta, Severity};
use crate::rules::Ctx;
use crate::settings::Settings;

params! {
    QUORUM: Share("quorum", (2, 3), "开会所需实到人数占应到人数的比例（含本数）");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ201",
    name: "quorum-not-reached",
    title: "到会人数未达三分之二",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·会议流程「开会」",
        quote: "参会人数达到应到会人数的三分之二以上方可召开",
    },
    levels: Levels::Any,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz201.rs"),
};

/// The quorum in force and the fewest present it needs of `due`: ⌈due·num/den⌉.
fn required(settings: &Settings, due: u32) -> ((u32, u32), u32) {
    let share = settings.param(&META, QUORUM);
    (share, days::at_least(due, share))
}

/// The attendance line the minutes print, under the quorum in force.
pub struct Attendance {
    /// The fewest present the quorum needs.
    pub required: u32,
    pub met: bool,
    /// 应到15人，实到10人，达到应到人数的三分之二以上，符合召开条件（至少10人）
    pub text: String,
}

/// What the documents say about attendance: whether `present` of `due` reached the quorum in
/// force, in the words of the clause.
pub fn attendance(settings: &Settings, due: u32, present: u32) -> Attendance {
    let (share, required) = required(settings, due);
    let met = present >= required;
    let share = fraction_zh(share);
    let verdict = if met {
        format!("达到应到人数的{share}以上，符合召开条件")
    } else {
        format!("未达到应到人数的{share}")
    };
    Attendance {
        required,
        met,
        text: format!("应到{due}人，实到{present}人，{verdict}（至少{required}人）"),
    }
}

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    let due = cx.need_count(&META, Field::Due);
    let present = cx.need_count(&META, Field::Present);
    let (Some(due), Some(present)) = (due, present) else {
        return;
    };
    let (share, need) = required(cx.settings, due);
    if present >= need {
        return;
    }
    let d = Diagnostic::new(
        &META,
        format!("{}：应到 {due} 人，实到 {present} 人", META.title),
    )
    .at(cx.m.loc(Field::Present))
    .field(Field::Present.zh())
    .label(format!("实到 {present} 人，至少应到 {need} 人"))
    .fact("due", due)
    .fact("present", present)
    .fact("required", need)
    .fact("quorum", format!("{}/{}", share.0, share.1))
    .requirement(format!(
        "实到人数达到应到人数的{}以上（含本数，民法典第一千二百五十九条）：应到 {due} 人时至少 {need} 人",
        fraction_zh(share)
    ))
    .help("人数不足时应延期另行召开；如签到表漏记，核对签到表后更正「实到人数」");
    cx.emit(d);
}

/// A share as the guidelines write it: 三分之二, or 3/5 where no common name fits.
pub fn fraction_zh((num, den): (u32, u32)) -> String {
    const DIGITS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match (usize::try_from(num), usize::try_from(den)) {
        (Ok(n), Ok(d)) if n <= 10 && (1..=10).contains(&d) && num < den => {
            format!("{}分之{}", DIGITS[d], DIGITS[n])
        }
        _ => format!("{num}/{den}"),
    }
}
