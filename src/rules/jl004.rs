//! JL004 协商情况未于当日或次日公告 (status-not-announced-promptly)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商（吉林的实施意见规定的是城乡社区协商的程序）。
//! 协商有关情况于会议当日或者次日在村（社区）公告：「情况公告日期」为「会议日期」当日或次日。
//! 次日是休息日时是否顺延到下一个工作日，原文没有说；默认不顺延，设置
//! `[rules.JL004] rollover_forward = true` 时按民法典第二百零三条顺延。结论取决于这一读法时
//! （公告在顺延后的日子），另给说明。没有情况公告日期的报 D002。
//!
//! ## 为何重要 Why it matters
//! 当场或次日通报，群众才能及时知道协商议定了什么，趁热监督。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“协商有关情况应于当日或者次日在村（社区）
//! 进行公告”。
//!
//! ## 示例 Example
//! 不合规：会议 2026-06-12，情况公告 2026-06-14。
//! 合规：会议 2026-06-12，情况公告 2026-06-13。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, Rollover, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "JL004",
    name: "status-not-announced-promptly",
    title: "协商情况未于当日或次日公告",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "协商有关情况应于当日或者次日在村（社区）进行公告",
        modality: Modality::Must("应"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[Reading::RolloverForward(Rollover::Off)],
    source: include_str!("jl004.rs"),
};

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    let held = cx.need_date(&META, Field::HeldOn);
    let announced = cx.need_date(&META, Field::StatusAnnouncedOn);
    let (Some(held), Some(announced)) = (held, announced) else {
        return;
    };
    let (_, next) = crate::days::same_or_next_day(held);
    if announced < held || announced <= next {
        return; // Before the meeting is D004's.
    }
    // The reading: only what the workspace sets for this rule; the text names no rollover.
    let rollover = cx.settings.rollover_forward(&META);
    let rolled = cx.settings.calendar.roll_forward(next);
    let within_rolled = rolled.as_ref().is_ok_and(|&r| announced <= r);
    if rollover && within_rolled {
        let d = base(cx, held, announced, "，次日为休息日，按顺延读法合规")
            .severity(Severity::Warning)
            .label("顺延后合规")
            .requirement(format!(
                "当日或次日公告；次日 {} 为休息日，按设置顺延至 {}（民法典第二百零三条）",
                ymd(next),
                ymd(*rolled.as_ref().expect("checked"))
            ))
            .fact("reading", "rollover_forward")
            .help("结论取决于次日遇休息日是否顺延（rollover_forward）；为免争议，宜当日公告");
        cx.emit(d);
        return;
    }
    let mut d = base(cx, held, announced, "")
        .label(format!("会后第 {} 日", (announced - held).num_days()))
        .requirement(format!(
            "于会议当日（{}）或次日（{}）公告",
            ymd(held),
            ymd(next)
        ))
        .help("今后会议当日或次日在公开栏公告协商情况；如实际更早，更正「情况公告日期」");
    if !rollover && within_rolled {
        d = d
            .fact("reading", "no_rollover")
            .fact("flips_under", "rollover_forward")
            .help(format!(
                "次日 {} 为休息日；若按民法典第二百零三条顺延（设置 [rules.JL004] rollover_forward = true），本次合规",
                ymd(next)
            ));
    }
    cx.emit(d);
}

fn base(
    cx: &Ctx,
    held: chrono::NaiveDate,
    announced: chrono::NaiveDate,
    verdict: &str,
) -> Diagnostic {
    Diagnostic::new(
        &META,
        format!(
            "{}：会议 {}，情况 {} 才公告{verdict}",
            META.title,
            ymd(held),
            ymd(announced)
        ),
    )
    .at(cx.m.loc(Field::StatusAnnouncedOn))
    .field(Field::StatusAnnouncedOn.zh())
    .fact("held_on", ymd(held))
    .fact("status_announced_on", ymd(announced))
}
