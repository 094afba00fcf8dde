//! D005 人数不一致或记录冲突 (inconsistent-counts)
//!
//! ## 检查内容 What it checks
//! 实到人数多于应到人数；赞成、反对、弃权之和多于实到人数；两委成员人数多于实到人数；
//! 参会人员名单中签到的参会成员（旁听除外）人数与实到人数不符。
//! 同一会议在台账和会议记录中某一栏的值不同，也在此报告（以台账为准，不静默覆盖）。
//!
//! ## 为何重要 Why it matters
//! 人数是法定人数、表决和两委占比检查的基础；自相矛盾的人数使这些检查都不可信。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）二、数据完整性 D005；输入约定（FORMAT.md）：同一字段两处不同须报告。
//!
//! ## 示例 Example
//! 不合规：应到 12 人，实到 13 人；或赞成 8、反对 3、弃权 2，实到 12 人。
//! 合规：应到 15 人，实到 12 人，赞成 10、反对 1、弃权 1。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "D005",
    name: "inconsistent-counts",
    title: "人数不一致或记录冲突",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D005",
        quote: "counts inconsistent: present > due; for + against + abstain > present; listed participants ≠ present; 两委 members present > present",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d005.rs"),
};

pub fn check(cx: &mut Ctx) {
    let m = cx.m;
    let Some(present) = m.count(Field::Present) else {
        return;
    };
    if let Some(due) = m.count(Field::Due).filter(|&due| present > due) {
        let d = finding(
            cx,
            Field::Present,
            format!("实到 {present} 人多于应到 {due} 人"),
            "实到人数不应多于应到人数",
        );
        cx.emit(d.fact("present", present).fact("due", due));
    }
    let votes = [Field::VotesFor, Field::VotesAgainst, Field::Abstain].map(|f| m.count(f));
    let total: u64 = votes.iter().flatten().map(|&v| u64::from(v)).sum();
    if total > u64::from(present) {
        let [yes, against, abstain] = votes.map(|v| v.unwrap_or(0));
        let d = finding(
            cx,
            Field::VotesFor,
            format!(
                "赞成 {yes}、反对 {against}、弃权 {abstain}，合计 {total} 票，多于实到 {present} 人"
            ),
            "表决票数之和不应多于实到人数",
        );
        cx.emit(d.fact("votes_total", total).fact("present", present));
    }
    if let Some(committee) = m.count(Field::CommitteePresent).filter(|&c| c > present) {
        let d = finding(
            cx,
            Field::CommitteePresent,
            format!("两委成员 {committee} 人多于实到 {present} 人"),
            "两委成员人数不应多于实到人数",
        );
        cx.emit(
            d.fact("committee_present", committee)
                .fact("present", present),
        );
    }
    let listed = m.present_participants().count();
    if listed > 0 && listed != present as usize {
        let d = finding(
            cx,
            Field::Present,
            format!("参会人员名单签到 {listed} 人（不含旁听），实到人数记为 {present} 人"),
            "参会人员名单中签到的参会成员人数应与实到人数一致",
        );
        cx.emit(d.fact("listed_present", listed).fact("present", present));
    }
}

fn finding(cx: &Ctx, field: Field, message: String, requirement: &'static str) -> Diagnostic {
    Diagnostic::new(&META, format!("{}：{message}", META.title))
        .at(cx.m.loc(field).or(Some(cx.m.anchor())))
        .field(field.zh())
        .label(message)
        .requirement(requirement)
        .help("对照签到表和表决票核对人数，改正台账或会议记录")
}
