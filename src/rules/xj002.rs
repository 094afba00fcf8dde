//! XJ002 召集人未经报备同意 (convener-not-approved)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面、召集人不是党组织的协商（由两委、村（居）民代表、村（居）民小组长、网格长、
//! 楼栋长等召集）：须经报备村（社区）党组织同意，即「召集人报备」为是。填“否”的报错误，没填的
//! 报 D002。
//!
//! ## 为何重要 Why it matters
//! 报备让党组织掌握各层次的协商，防止擅自以协商名义作出决定。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》五（一）：“村（社区）其他层次的协商活动可由村（社区）
//! “两委”、村（居）民代表、村（居）民小组长、网格长、楼栋长等作为召集人，经报备村（社区）党组织
//! 同意后，按程序组织开展”。
//!
//! ## 示例 Example
//! 不合规：召集人“3号楼楼栋长”，召集人报备“否”。
//! 合规：召集人“3号楼楼栋长”，召集人报备“是”。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, xj001};

pub static META: RuleMeta = RuleMeta {
    code: "XJ002",
    name: "convener-not-approved",
    title: "召集人未经报备同意",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "五(一)",
        quote: "经报备村（社区）党组织同意后，按程序组织开展",
        modality: Modality::Prescribed("经报备村（社区）党组织同意后"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("xj002.rs"),
};

pub fn check(cx: &mut Ctx) {
    let Some(convener) = cx.m.text(Field::Convener).map(str::to_string) else {
        return; // XJ001
    };
    if xj001::is_party(&convener) || cx.need_yes_no(&META, Field::ConvenerFiled) != Some(false) {
        return;
    }
    let d = Diagnostic::new(
        &META,
        format!("{}：召集人“{convener}”，召集人报备为“否”", META.title),
    )
    .at(cx.m.loc(Field::ConvenerFiled))
    .field(Field::ConvenerFiled.zh())
    .label("未报备")
    .fact("convener", convener)
    .fact("convener_filed", false)
    .requirement("非党组织召集的协商，经报备村（社区）党组织同意后开展")
    .help("向村（社区）党组织补报备案并取得同意；已报备的，把「召集人报备」改为“是”");
    cx.emit(d);
}
