//! JL007 落实情况未按期公开 (implementation-status-late)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商（吉林的实施意见规定的是城乡社区协商的程序）。
//! 「协商结果」为通过或达成一致、需要其他利益相关方落实的事项：落实情况在规定期限内公开。
//! 原文这一句只说“需要其他利益相关方落实的事项”；需要村（社区）自己落实的，原文要求的是“组织
//! 实施”并由村（居）务监督委员会监督，不在此检查。其他利益相关方落实的，看「责任部门」：填的是
//! 村（社区）以外的单位（物业公司、业委会、驻区单位、政府部门等）才检查；填的是本社区（村）的
//! 居（村）委会、两委、党组织、议事协商委员会，或没填的，不检查。规定期限取「反馈时限」，公开日期
//! 取「反馈日期」。反馈日期晚于反馈时限，或反馈时限已过（早于检查日）仍没有反馈日期的，给出警告。
//! 没有反馈时限的报 D002。原文列举的渠道（村（居）务公开栏、社区刊物、网络论坛）后有“等”字，
//! 渠道不限于这几种，不检查渠道。
//!
//! ## 为何重要 Why it matters
//! 落实情况公开接受群众监督，议定的事才不会落空。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（六）：“落实情况要在规定期限内通过村（居）务公开栏、
//! 社区刊物、村（社区）网络论坛等渠道公开，接受群众监督”。
//!
//! ## 示例 Example
//! 不合规：责任部门为物业公司，反馈时限 2026-09-30，反馈日期 2026-10-20；或检查日 2026-11-22
//! 仍无反馈日期。
//! 合规：反馈时限 2026-09-30，反馈日期 2026-09-28；责任部门为本社区居委会的事项不在此检查。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "JL007",
    name: "implementation-status-late",
    title: "落实情况未按期公开",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(六)",
        quote: "落实情况要在规定期限内通过村（居）务公开栏、社区刊物、村（社区）网络论坛等渠道公开，接受群众监督",
        modality: Modality::Must("要"),
        milder: Some("“规定期限”由各地规定，原文没有天数，所以默认警告"),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl007.rs"),
};

/// The community's own bodies: a matter they carry out is not one "需要其他利益相关方落实".
const OWN_BODIES: [&str; 9] = [
    "居委会",
    "村委会",
    "居民委员会",
    "村民委员会",
    "两委",
    "党委",
    "党支部",
    "党总支",
    "议事协商委员会",
];

/// Whether the party responsible for carrying the matter out is another than the community (or
/// village) itself, as 「责任部门」 names it.
pub fn other_party(dept: &str, community: Option<&str>) -> bool {
    let dept = dept.trim();
    !dept.is_empty()
        && !OWN_BODIES.iter().any(|b| dept.contains(b))
        && community.is_none_or(|c| dept != c.trim())
}

pub fn check(cx: &mut Ctx) {
    if !cx.need(&META, Field::Outcome) || !cx.adopted() {
        return;
    }
    let Some(dept) = cx.m.text(Field::ResponsibleDept) else {
        return;
    };
    if !other_party(dept, cx.m.community()) {
        return;
    }
    let Some(by) = cx.need_date(&META, Field::FeedbackBy) else {
        return;
    };
    let on = cx.m.date(Field::FeedbackOn);
    let today = cx.today();
    let (message, loc, label) = match on {
        Some(on) if on > by => (
            format!("反馈时限 {}，落实情况 {} 才公开", ymd(by), ymd(on)),
            cx.m.loc(Field::FeedbackOn),
            format!("晚于反馈时限 {}", ymd(by)),
        ),
        None if by < today && !cx.m.invalid.contains_key(&Field::FeedbackOn) => (
            format!(
                "反馈时限 {} 已过，到检查日 {} 仍没有公开记录",
                ymd(by),
                ymd(today)
            ),
            Some(cx.m.missing_loc(Field::FeedbackOn)),
            "没有反馈日期".to_string(),
        ),
        _ => return,
    };
    let d = Diagnostic::new(&META, format!("{}：{message}", META.title))
        .at(loc)
        .field(Field::FeedbackOn.zh())
        .label(label)
        .fact("responsible_dept", dept.to_string())
        .fact("feedback_by", ymd(by))
        .fact("feedback_on", on.map(ymd))
        .fact("today", ymd(today))
        .requirement(format!("落实情况在规定期限内公开：不晚于 {}", ymd(by)))
        .help("在公开栏、社区刊物或网络论坛公开落实情况，并登记「反馈日期」");
    cx.emit(d);
}
