//! SZ202 决议未获半数以上赞成 (decision-without-majority)
//!
//! ## 检查内容 What it checks
//! 「协商结果」记为“通过”的会议：赞成票达到到会成员（实到人数）半数以上，默认读法 `at_least_half`
//! （“以上”含本数）：赞成 × 2 ≥ 实到人数，恰好半数也通过。设置 `majority = more_than_half` 时按
//! “过半数”：赞成 × 2 > 实到人数。恰好半数时结论取决于读法，另给一条警告。不是会议的形式
//! （公开征求意见、网上征求意见、个别走访、单独约谈）没有到会成员表决，不检查。
//!
//! ## 为何重要 Why it matters
//! 记为通过而票数不够的决议，不能作为落实的依据，也经不起居民质询。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：基层议事协商会议流程：“对需讨论表决的事项，须到会成员半数
//! 以上通过方可形成决议或决定”。“以上”包括本数：民法典第一千二百五十九条。
//!
//! ## 示例 Example
//! 不合规：实到 12 人，赞成 5 票，记为通过。
//! 合规：实到 12 人，赞成 7 票；赞成恰好 6 票时通过，附读法警告。

use crate::days::Majority;
use crate::diag::Diagnostic;
use crate::fields::{self, Field};
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, RuleMeta, Severity};
use crate::rules::Ctx;
use crate::settings::Settings;

pub static META: RuleMeta = RuleMeta {
    code: "SZ202",
    name: "decision-without-majority",
    title: "决议未获半数以上赞成",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·会议流程「集体表决」",
        quote: "对需讨论表决的事项，须到会成员半数以上通过方可形成决议或决定",
        modality: Modality::Example("须到会成员半数以上通过"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[Reading::Majority],
    source: include_str!("sz202.rs"),
};

/// The vote line the minutes and the publication print, under the majority reading in force.
pub struct Vote {
    /// The fewest votes for that pass.
    pub required: u32,
    pub passed: bool,
    /// 赞成7人，反对3人，弃权2人；赞成票达到实到人数半数以上（至少6票）
    pub text: String,
}

/// What the documents say about a vote of `yes`, `against` and `abstain` with `present` at the
/// meeting, read as the rule reads "半数以上".
pub fn vote(settings: &Settings, (yes, against, abstain): (u32, u32, u32), present: u32) -> Vote {
    let majority = settings.majority(&META);
    let required = majority.required(present);
    let passed = majority.passes(yes, present);
    let verdict = match (majority, passed) {
        (Majority::AtLeastHalf, true) => "赞成票达到实到人数半数以上",
        (Majority::AtLeastHalf, false) => "赞成票未达到实到人数半数",
        (Majority::MoreThanHalf, true) => "赞成票超过实到人数半数",
        (Majority::MoreThanHalf, false) => "赞成票未超过实到人数半数",
    };
    Vote {
        required,
        passed,
        text: format!(
            "赞成{yes}人，反对{against}人，弃权{abstain}人；{verdict}（至少{required}票）"
        ),
    }
}

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || cx.m.text(Field::Outcome) != Some("通过") {
        return;
    }
    // A call for comments or a visit is no sitting: nobody is present to vote.
    if cx
        .m
        .text(Field::Form)
        .and_then(fields::form)
        .is_some_and(|f| !f.sitting)
    {
        return;
    }
    cx.applies(&META);
    let present = cx.need_count(&META, Field::Present);
    let votes = cx.need_count(&META, Field::VotesFor);
    let (Some(present), Some(votes)) = (present, votes) else {
        return;
    };
    let majority = cx.settings.majority(&META);
    let need = majority.required(present);
    let passes = majority.passes(votes, present);
    let flips = majority.other().passes(votes, present) != passes;
    let base = Diagnostic::new(&META, String::new())
        .at(cx.m.loc(Field::VotesFor))
        .field(Field::VotesFor.zh())
        .fact("votes_for", votes)
        .fact("present", present)
        .fact("required", need)
        .fact("majority", majority.key());
    if !passes {
        let mut d = base
            .label(format!("赞成 {votes} 票，至少需 {need} 票"))
            .requirement(format!(
                "到会成员半数以上赞成方可形成决议：实到 {present} 人时至少 {need} 票"
            ))
            .help("核对表决票数；票数不足的，协商结果应记为“未通过”或“存在分歧”，另行协商");
        d.message = format!(
            "{}：实到 {present} 人，赞成 {votes} 票，却记为“通过”",
            META.title
        );
        cx.emit(d);
    } else if flips {
        let other = majority.other();
        let mut d = base
            .severity(Severity::Warning)
            .label("恰好半数：结论取决于读法")
            .requirement(format!(
                "按「{}」读法须至少 {need} 票；若按「{}」读法须至少 {} 票",
                majority.key(),
                other.key(),
                other.required(present)
            ))
            .help("“半数以上”含本数（民法典第一千二百五十九条），本次按此判定通过；如当地规定为“过半数”，请设置 majority = more_than_half")
            .fact("reading", majority.key())
            .fact("flips_under", other.key());
        d.message = format!(
            "{}：实到 {present} 人，赞成 {votes} 票，恰好半数，按「{}」读法通过",
            META.title,
            majority.key()
        );
        cx.emit(d);
    }
}
