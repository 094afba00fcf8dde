//! JL001 议事协商委员会组成不符 (consultation-committee-composition)
//!
//! ## 检查内容 What it checks
//! 每个村（社区）设议事协商委员会：主任 1 名、委员 2 名（参数 `chairs`、`members`），由“两委”成员
//! 兼任。台账「议事协商委员会」一栏列出成员，主任后注“（主任）”，如
//! `王某某（主任）、李某某、张某某`；取本批次中该村（社区）最近一次会议所填的名单。没有任何会议
//! 填写的，报未登记；人数不符的，报组成不符；名单中的人在参会人员名单里登记为非两委成员的，也报告。三者都是警告。
//!
//! ## 为何重要 Why it matters
//! 议事协商委员会负责协商的组织、协调和实施；没有它，协商就没有固定的牵头人。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（一）：“以村（社区）为单位建立议事协商委员会……
//! 议事协商委员会设主任1名，委员2名，由村（社区）“两委”成员兼任”。
//!
//! ## 示例 Example
//! 不合规：议事协商委员会“王某某（主任）、李某某”（只有 1 名委员）。
//! 合规：议事协商委员会“王某某（主任）、李某某、张某某”。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Meeting;
use crate::rules::BatchCtx;
use crate::rules::periods::{self, Unit};

params! {
    CHAIRS: Count("chairs", 1, "议事协商委员会主任人数");
    MEMBERS: Count("members", 2, "议事协商委员会委员人数（不含主任）");
}

pub static META: RuleMeta = RuleMeta {
    code: "JL001",
    name: "consultation-committee-composition",
    title: "议事协商委员会组成不符",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(一)",
        quote: "以村（社区）为单位建立议事协商委员会……议事协商委员会设主任1名，委员2名，由村（社区）“两委”成员兼任",
        modality: Modality::Prescribed("设主任1名，委员2名"),
        milder: Some(
            "台账只能看到「议事协商委员会」一栏的名单，看不到设立文件；名单不全多是登记不全，所以默认警告",
        ),
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[],
    source: include_str!("jl001.rs"),
};

/// A committee member as listed: the name, and whether marked as chair.
pub fn member(entry: &str) -> (String, bool) {
    let entry = entry.trim();
    for mark in ["（主任）", "(主任)", "主任：", "主任:"] {
        if let Some(name) = entry
            .strip_suffix(mark)
            .or_else(|| entry.strip_prefix(mark))
        {
            return (name.trim().to_string(), true);
        }
    }
    (entry.to_string(), false)
}

pub fn check(cx: &mut BatchCtx) {
    let chairs_wanted = cx.settings.param(&META, CHAIRS);
    let members_wanted = cx.settings.param(&META, MEMBERS);
    for unit in periods::units(cx.meetings, META.levels.list()) {
        let latest = unit
            .meetings
            .iter()
            .filter(|m| m.list(Field::ConsultationCommittee).is_some())
            .max_by_key(|m| m.date(Field::HeldOn));
        let Some(m) = latest else {
            unregistered(cx, &unit);
            continue;
        };
        let listed: Vec<(String, bool)> = m
            .list(Field::ConsultationCommittee)
            .unwrap_or_default()
            .iter()
            .map(|e| member(e))
            .collect();
        let chairs = listed.iter().filter(|(_, c)| *c).count() as u32;
        let members = listed.len() as u32 - chairs;
        if chairs != chairs_wanted || members != members_wanted {
            let d = Diagnostic::new(
                &META,
                format!(
                    "{}：{}议事协商委员会登记主任 {chairs} 名、委员 {members} 名",
                    META.title,
                    unit.name()
                ),
            )
            .at(m.loc(Field::ConsultationCommittee))
            .field(Field::ConsultationCommittee.zh())
            .label(format!("主任 {chairs} 名、委员 {members} 名"))
            .fact("chairs", chairs)
            .fact("members", members)
            .requirement(format!(
                "议事协商委员会设主任 {chairs_wanted} 名、委员 {members_wanted} 名"
            ))
            .help("按“王某某（主任）、李某某、张某某”的格式登记全部成员；缺员的，由两委成员补任");
            cx.emit_for(&unit, None, d);
        }
        outsiders(cx, &unit, m, &listed);
    }
}

fn unregistered(cx: &mut BatchCtx, unit: &Unit) {
    let d = Diagnostic::new(
        &META,
        format!("{}：{}没有登记议事协商委员会", META.title, unit.name()),
    )
    .at(unit.meetings.first().map(|m| m.anchor()))
    .label("本单位各次会议均未填「议事协商委员会」")
    .fact("unit", unit.name())
    .requirement("以村（社区）为单位建立议事协商委员会，设主任 1 名、委员 2 名")
    .help("在台账「议事协商委员会」一栏登记成员，如“王某某（主任）、李某某、张某某”");
    cx.emit_for(unit, None, d);
}

/// Members recorded elsewhere as not on the 两委.
fn outsiders(cx: &mut BatchCtx, unit: &Unit, m: &Meeting, listed: &[(String, bool)]) {
    let not_committee: Vec<String> = listed
        .iter()
        .filter(|(name, _)| {
            unit.meetings
                .iter()
                .flat_map(|m| &m.participants)
                .any(|p| &p.name == name && p.committee == Some(false))
        })
        .map(|(name, _)| name.clone())
        .collect();
    if not_committee.is_empty() {
        return;
    }
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：{}议事协商委员会成员 {} 在参会人员名单中登记为非两委成员",
            META.title,
            unit.name(),
            not_committee.join("、")
        ),
    )
    .at(m.loc(Field::ConsultationCommittee))
    .field(Field::ConsultationCommittee.zh())
    .label("非两委成员")
    .fact("not_committee", not_committee)
    .requirement("议事协商委员会成员由村（社区）“两委”成员兼任")
    .help("核对参会人员名单的「两委」一栏；委员会成员应由两委成员兼任");
    cx.emit_for(unit, None, d);
}
