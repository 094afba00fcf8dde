//! SZ111 议事会两委成员占比过高 (council-seats-dominated-by-committee)
//!
//! ## 检查内容 What it checks
//! 居民议事会、村民议事会：除社区（村）“两委”成员外的其他参与人员席位不少于全部席位的 50%
//! （参数 `min_non_committee_share = 1/2`，“不少于”含本数），整数运算。原文数的是席位，不是当天
//! 到会的人：有人缺席，席位的构成不变。席位按下列顺序取，诊断写明用的是哪一种：
//! 1. 参会人员名单（旁听除外）：名单上的人是应到成员，缺席的也占席位；「两委」为是的是两委席位。
//! 2. 台账「两委成员席位」：全部席位取「应到人数」。
//! 3. 台账「应到人数」和「两委成员人数」（到会的两委成员）：缺席的两委成员看不到，两委席位
//!    至少是到会的人数，所以只有按这个下限也不足 50% 时才报告。
//!
//! ## 为何重要 Why it matters
//! 议事会是居民的议事平台，两委成员占了多数席位，协商就成了两委自己的会。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（二）3：“除社区（村）“两委”成员外，其他参与人员席位占比
//! 不少于50%”。“不少于”包括本数：民法典第一千二百五十九条。
//!
//! ## 示例 Example
//! 不合规：议事会 10 个席位，两委成员 6 人（其他人员 40%）。
//! 合规：议事会 10 个席位，两委成员 4 人，当天 3 名其他成员缺席（到会 7 人中两委 4 人，但席位
//! 占比按构成算，其他人员 60%）。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

params! {
    MIN_NON_COMMITTEE_SHARE: Share("min_non_committee_share", (1, 2), "两委成员以外人员席位的最低占比");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ111",
    name: "council-seats-dominated-by-committee",
    title: "议事会两委成员占比过高",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(二)3",
        quote: "除社区（村）“两委”成员外，其他参与人员席位占比不少于50%",
        modality: Modality::Prescribed("不少于"),
        milder: None,
    },
    levels: Levels::Any,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz111.rs"),
};

/// The council's seats and the committee's share of them, with where they were read.
struct Seats {
    total: u32,
    committee: u32,
    /// What was counted, for the message.
    source: &'static str,
    /// A lower bound of the committee's seats (its members present), not their number.
    lower_bound: bool,
}

/// The seats as the participants list shows them: everyone due (observers aside), present or not.
fn from_list(cx: &Ctx) -> Option<Seats> {
    let members: Vec<_> =
        cx.m.participants
            .iter()
            .filter(|p| !p.is_observer())
            .collect();
    if members.is_empty() || members.iter().any(|p| p.committee.is_none()) {
        return None;
    }
    Some(Seats {
        total: members.len() as u32,
        committee: members.iter().filter(|p| p.committee == Some(true)).count() as u32,
        source: "按参会人员名单的应到成员计席位，缺席的也计入",
        lower_bound: false,
    })
}

pub fn check(cx: &mut Ctx) {
    if !matches!(cx.m.text(Field::Form), Some("居民议事会" | "村民议事会")) {
        return;
    }
    let seats = if let Some(seats) = from_list(cx) {
        seats
    } else {
        let Some(due) = cx.need_count(&META, Field::Due) else {
            return;
        };
        if let Some(committee) = cx.m.count(Field::CommitteeSeats) {
            Seats {
                total: due,
                committee,
                source: "按台账「应到人数」和「两委成员席位」计",
                lower_bound: false,
            }
        } else if let Some(committee) = cx.m.count(Field::CommitteePresent) {
            Seats {
                total: due,
                committee,
                source: "按台账「应到人数」计席位，两委席位至少为到会的「两委成员人数」",
                lower_bound: true,
            }
        } else {
            cx.need(&META, Field::CommitteeSeats);
            return;
        }
    };
    let Seats {
        total,
        committee,
        source,
        lower_bound,
    } = seats;
    if committee > total {
        return; // D005
    }
    let others = total - committee;
    let share = cx.settings.param(&META, MIN_NON_COMMITTEE_SHARE);
    let min_others = crate::days::at_least(total, share);
    if others >= min_others {
        return;
    }
    let max_committee = total - min_others;
    let pct = percent(share);
    let (loc, field) = if source.starts_with("按参会人员名单") {
        let first = cx.m.participants.iter().find(|p| p.committee == Some(true));
        (first.map(|p| &p.loc).or(cx.m.loc(Field::Due)), "两委")
    } else if !lower_bound {
        (cx.m.loc(Field::CommitteeSeats), Field::CommitteeSeats.zh())
    } else {
        (
            cx.m.loc(Field::CommitteePresent),
            Field::CommitteePresent.zh(),
        )
    };
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：议事会 {total} 个席位，两委成员 {committee} 席，其他人员 {others} 席，不足 {pct}",
            META.title
        ),
    )
    .at(loc)
    .field(field)
    .label(format!("两委 {committee} 席 / 共 {total} 席"))
    .fact("seats", total)
    .fact("committee_seats", committee)
    .fact("others", others)
    .fact("committee_lower_bound", lower_bound)
    .fact("counted_from", source)
    .fact("required_share", format!("{}/{}", share.0, share.1))
    .requirement(format!(
        "除两委成员外的其他参与人员席位不少于 {pct}（含本数）：{total} 个席位时两委成员至多 {max_committee} 席（{source}）"
    ))
    .help("增加居民代表、驻区单位等非两委人员的席位，或减少两委成员的席位；如缺席成员未登记，在参会人员名单中补全应到成员");
    cx.emit(d);
}

/// A share as a percentage where it is a whole one (1/2 → 50%), else as a fraction.
fn percent((num, den): (u32, u32)) -> String {
    if den > 0 && (num * 100) % den == 0 {
        format!("{}%", num * 100 / den)
    } else {
        format!("{num}/{den}")
    }
}
