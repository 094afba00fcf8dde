//! D002 缺少检查所需的信息 (missing-field)
//!
//! ## 检查内容 What it checks
//! 某条规则需要的栏目为空或没有这一栏。每次会议每个缺少的栏目只报一次，并列出需要它的规则。
//! 每次会议都须有：编号、层级、街道、协商形式、议题、会议日期；社区（村）层级还须有社区。
//! 缺少信息的规则不会被当作“合规”悄悄放过。「层级」为空时，按同一行的其他栏推定：协商形式为
//! 村民…的（村民会议、村民代表会议、村民议事会、村民小组会议等）为村，居民…的为社区；填了
//! 「社区」的为社区（名称以“村”结尾的为村）；照推定的层级检查，并报告推定的依据。无从推定的，
//! 按层级检查的规则不运行，逐条列出，这次会议在汇总中计为“未检查完”。
//!
//! ## 为何重要 Why it matters
//! 缺项的记录无法判断是否合规；检查时“没有记录”通常按“没有做”处理。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）一：“A rule whose input data is missing reports that the data is missing
//! (rule D002), naming the field; it never silently passes.”
//!
//! ## 示例 Example
//! 不合规：街道会议台账的「信息公开日期」为空（SZ002 需要）。
//! 合规：填写了信息公开日期。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "D002",
    name: "missing-field",
    title: "缺少检查所需的信息",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "一、二 D002",
        quote: "a field a rule needs is empty or missing (names the rule that needed it)",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d002.rs"),
};

const BASICS: [Field; 6] = [
    Field::Code,
    Field::Level,
    Field::Street,
    Field::Form,
    Field::Topic,
    Field::HeldOn,
];

pub fn check(cx: &mut Ctx) {
    for field in BASICS {
        if field == Field::Level
            && let Some((level, from)) = cx.m.inferred_level()
        {
            inferred(cx, level, from);
            continue;
        }
        cx.need(&META, field);
    }
    if matches!(cx.m.level(), Some(Level::Community | Level::Village)) {
        cx.need(&META, Field::Community);
    }
}

/// A blank 层级 that the row says otherwise: checked at that level, and said so.
fn inferred(cx: &mut Ctx, level: Level, from: Field) {
    let said = cx.m.text(from).unwrap_or_default().to_string();
    let d = Diagnostic::new(
        &META,
        format!(
            "缺少「层级」：按「{}」“{said}”推定为{}层级检查",
            from.zh(),
            level.zh()
        ),
    )
    .at(Some(&cx.m.missing_loc(Field::Level).clone()))
    .label(format!("此处为空，按{}层级检查", level.zh()))
    .field(Field::Level.zh())
    .fact("field", Field::Level.zh())
    .fact("inferred", level.zh())
    .fact("inferred_from", from.zh())
    .help(format!(
        "在「层级」一栏填写“{}”（若推定不对，填写实际的层级：街道、社区或村）",
        level.zh()
    ));
    cx.emit(d);
}
