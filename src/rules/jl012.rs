//! JL012 协商未由议事协商委员会牵头 (consultation-not-led-by-committee)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商：由本村（社区）议事协商委员会牵头。台账能说明牵头的有两处：「召集人」
//! 写的是议事协商委员会或它的成员，或「主持人」是委员会的成员。委员会的名单取本批次该村
//! （社区）最近一次会议所填的「议事协商委员会」（与 JL001 相同）。召集人和主持人都不是委员会
//! 及其成员的，给出警告。
//!
//! 不检查的：村（居）民会议、村（居）民代表会议（依法由村（居）民委员会召集）；协商范围列出
//! 两个以上村（社区）的跨村（社区）事项（由乡镇、街道党委牵头，见 JL009）；没有登记委员会的
//! 村（社区）（JL001 报告未登记）；没填召集人的会议。
//!
//! ## 为何重要 Why it matters
//! 议事协商委员会负责协商的组织、协调和具体实施；它不牵头，协商就回到了由谁方便谁来办，
//! 委员会形同虚设。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（三）：“涉及村（社区）公共事务和居民切身利益的
//! 事项，由村（社区）议事协商委员会牵头，组织利益相关方进行协商”；三（一）：议事协商委员会“主要
//! 负责村（社区）协商工作的组织、协调和具体实施”。委员会成员由两委成员兼任，牵头可以是召集，
//! 也可以是主持、组织，台账只看得到召集人和主持人两栏，所以只作警告。村民会议、村民代表会议
//! 由村民委员会召集（《村民委员会组织法》第二十一条、第二十五条），居民会议由居民委员会召集和
//! 主持（《城市居民委员会组织法》第十条），不在此列。
//!
//! ## 示例 Example
//! 不合规：委员会“王秀兰（主任）、刘志刚、赵丽娟”，民情恳谈会召集人“东朝阳社区居委会”，
//! 主持人“陈宏伟”。
//! 合规：同一会议由王秀兰主持；或召集人写“东朝阳社区议事协商委员会”。

use crate::diag::Diagnostic;
use crate::fields::{self, Field, FormKind};
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Meeting;
use crate::rules::periods::{self, Unit};
use crate::rules::{BatchCtx, jl001, jl009};

pub static META: RuleMeta = RuleMeta {
    code: "JL012",
    name: "consultation-not-led-by-committee",
    title: "协商未由议事协商委员会牵头",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(三)",
        quote: "涉及村（社区）公共事务和居民切身利益的事项，由村（社区）议事协商委员会牵头，组织利益相关方进行协商",
        modality: Modality::Prescribed("由村（社区）议事协商委员会牵头"),
        milder: Some(
            "委员会成员由两委成员兼任，牵头可以是召集、主持或组织，台账只看得到召集人和主持人，所以默认警告",
        ),
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl012.rs"),
};

/// The unit's committee, as its latest meeting that lists one gives it.
fn committee(unit: &Unit) -> Option<Vec<String>> {
    let latest = unit
        .meetings
        .iter()
        .filter(|m| m.list(Field::ConsultationCommittee).is_some())
        .max_by_key(|m| m.date(Field::HeldOn))?;
    let names: Vec<String> = latest
        .list(Field::ConsultationCommittee)
        .unwrap_or_default()
        .iter()
        .map(|e| jl001::member(e).0)
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// Whether the meeting is one the committee is to lead.
fn in_scope(m: &Meeting) -> bool {
    let statutory = m
        .text(Field::Form)
        .and_then(fields::form)
        .is_some_and(|f| matches!(f.kind, FormKind::Assembly | FormKind::Representatives));
    let cross = m
        .text(Field::Scope)
        .is_some_and(|s| jl009::communities(s).len() >= 2);
    !statutory && !cross
}

pub fn check(cx: &mut BatchCtx) {
    for unit in periods::units(cx.meetings, META.levels.list()) {
        let Some(names) = committee(&unit) else {
            continue; // JL001: no committee registered
        };
        for m in &unit.meetings {
            if !in_scope(m) {
                continue;
            }
            let Some(convener) = m.text(Field::Convener).map(str::trim) else {
                continue;
            };
            let host = m.text(Field::Host).map(str::trim).unwrap_or_default();
            let led = convener.contains("议事协商委员会")
                || names
                    .iter()
                    .any(|n| convener.contains(n.as_str()) || host == n.as_str());
            if led {
                continue;
            }
            let list = names.join("、");
            let shown_host = if host.is_empty() {
                "主持人未填".to_string()
            } else {
                format!("主持人“{host}”")
            };
            let d = Diagnostic::new(
                &META,
                format!(
                    "{}：召集人“{convener}”，{shown_host}，都不是议事协商委员会或其成员（{list}）",
                    META.title
                ),
            )
            .at(m.loc(Field::Host).or(m.loc(Field::Convener)))
            .field(if host.is_empty() {
                Field::Convener.zh()
            } else {
                Field::Host.zh()
            })
            .label("不是议事协商委员会成员")
            .fact("convener", convener)
            .fact("host", host)
            .fact("committee", names.clone())
            .requirement("涉及村（社区）公共事务和居民切身利益的事项，由村（社区）议事协商委员会牵头组织协商")
            .help("由议事协商委员会召集，或由委员会成员主持；如实际由委员会牵头，在「召集人」写明议事协商委员会");
            cx.emit_meeting(m, d);
        }
    }
}
