//! SZ003 协商邀请发出过晚 (invitation-sent-too-late)
//!
//! ## 检查内容 What it checks
//! 街道层面的协商：「邀请发出日期」不晚于「会议日期」前第 5 日（参数 `invite_days_before`），
//! 计算方法同 SZ002；邀请须通报议题、背景、协商形式、时间和地点，所以这几项（议题、议题背景、
//! 协商形式、会议日期、会议地点）缺一即报 D002。
//!
//! ## 为何重要 Why it matters
//! 协商主体和居民代表要有时间安排出席、准备意见；邀请不说明议题背景，参会者无从准备。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）六（一）3：“街道办事处在开展协商活动5日前向协商主体和社会公众
//! 代表、居（村）民发出邀请，通报协商议题、背景以及协商形式、时间、地点等相关信息”。
//!
//! ## 示例 Example
//! 不合规：会议 2026-06-20，邀请 2026-06-17 发出（仅提前 3 日）。
//! 合规：会议 2026-06-20，邀请 2026-06-12 发出，台账写明议题、背景、形式和地点。

use crate::days::DayUnit;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, Reading, RuleMeta, Severity};
use crate::rules::{Ctx, lead};

params! {
    INVITE_DAYS_BEFORE: Days("invite_days_before", 5, "会前发出邀请的提前天数");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ003",
    name: "invitation-sent-too-late",
    title: "协商邀请发出过晚",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "六(一)3",
        quote: "街道办事处在开展协商活动5日前向协商主体和社会公众代表、居（村）民发出邀请，通报协商议题、背景以及协商形式、时间、地点等相关信息",
        modality: Modality::Prescribed("5日前"),
        milder: None,
    },
    levels: Levels::STREET,
    params: PARAMS,
    readings: &[Reading::BeforeMode, Reading::DayUnit(DayUnit::Calendar)],
    source: include_str!("sz003.rs"),
};

/// What the invitation must state (the date is checked by the lead time itself).
const CONTENT: [Field; 4] = [Field::Topic, Field::Background, Field::Form, Field::Venue];

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    for field in CONTENT {
        cx.need(&META, field);
    }
    let n = cx.settings.param(&META, INVITE_DAYS_BEFORE);
    lead::check(cx, &META, Field::InvitedOn, n, "发出邀请");
}
