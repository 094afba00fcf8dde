//! SZ207 重要事项未评议 (decision-not-evaluated)
//!
//! ## 检查内容 What it checks
//! 以居（村）民会议、居（村）民代表会议形式决定（「协商结果」为通过或达成一致）的事项，事后采取
//! 评议的方式进行监督：没有「评议日期」的，给出提示。完成时限（「完成时限」）未到的不提示。
//!
//! ## 为何重要 Why it matters
//! 评议让居民对落实情况打分，据以整改；重要事项决而不评，监督就落空。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）七（四）：“对辖区群众普遍关注或反映强烈的民生事项和提交居
//! （村）民会议、居（村）民代表会议决定的社区协商重要事项，采取评议的方式进行监督，并根据评议结果
//! 要求作出相应整改”。
//!
//! ## 示例 Example
//! 提示：居民代表会议通过的 2026 年民生微实事项目，完成时限 2026-09-30，已过期仍无评议日期。
//! 合规：评议日期 2026-10-15。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "SZ207",
    name: "decision-not-evaluated",
    title: "重要事项未评议",
    severity: Severity::Info,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "七(四)",
        quote: "对辖区群众普遍关注或反映强烈的民生事项和提交居（村）民会议、居（村）民代表会议决定的社区协商重要事项，采取评议的方式进行监督",
        modality: Modality::Prescribed("采取评议的方式进行监督"),
        milder: Some("评议在结果落实之后，登记时多半还没到评议的时候，所以默认提示"),
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("sz207.rs"),
};

const ASSEMBLIES: [&str; 4] = ["居民会议", "居民代表会议", "村民会议", "村民代表会议"];

pub fn check(cx: &mut Ctx) {
    let Some(form) = cx.m.text(Field::Form).filter(|f| ASSEMBLIES.contains(f)) else {
        return;
    };
    if !cx.adopted() || cx.m.date(Field::EvaluatedOn).is_some() {
        return;
    }
    if cx.m.date(Field::DueBy).is_some_and(|d| d >= cx.today()) {
        return;
    }
    let form = form.to_string();
    let d = Diagnostic::new(
        &META,
        format!("{}：{form}决定的事项没有评议记录", META.title),
    )
    .at(Some(cx.m.missing_loc(Field::EvaluatedOn)))
    .field(Field::EvaluatedOn.zh())
    .label("没有评议日期")
    .fact("form", form)
    .fact("due_by", cx.m.date(Field::DueBy).map(ymd))
    .requirement("提交居（村）民会议、居（村）民代表会议决定的重要事项，采取评议的方式进行监督")
    .help("落实后组织居民评议，登记「评议日期」，并按评议结果整改");
    cx.emit(d);
}
