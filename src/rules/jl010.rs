//! JL010 涉及面广的事项未经专题议事会或听证会 (wide-concern-not-heard)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面「重大事项」为是的协商：协商形式为专题议事会、民主听证会等（参数 `forms`，默认
//! 专题议事会、民主听证会、听证会）。用了其他形式（如座谈会、个别走访）的，给出警告。「重大事项」
//! 没填或为否的不检查。
//!
//! ## 为何重要 Why it matters
//! 涉及面广、关注度高的事，要让各方在公开的程序里充分表达；小范围的形式容易漏掉利益相关方。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（四）：“对于涉及面广、关注度高的事项，要经过专题
//! 议事会、民主听证会等形式进行协商”。深圳指引五（一）对街道有同样的要求（SZ007）。原文是“等形式”，
//! 不限于所列两种，台账的「重大事项」也不完全等于“涉及面广、关注度高”，所以只作警告；当地认可的
//! 其他形式可加进参数 `forms`。
//!
//! ## 示例 Example
//! 不合规：社区重大事项（老旧小区改造方案）以座谈会协商。
//! 合规：同一事项召开民主听证会。

use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta};
use crate::rules::Ctx;

params! {
    FORMS: Words("forms", &["专题议事会", "民主听证会", "听证会"], "涉及面广、关注度高的事项可用的协商形式");
}

pub static META: RuleMeta = RuleMeta {
    code: "JL010",
    name: "wide-concern-not-heard",
    title: "涉及面广的事项未经专题议事会或听证会",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(四)",
        quote: "对于涉及面广、关注度高的事项，要经过专题议事会、民主听证会等形式进行协商",
        modality: Modality::Must("要"),
        milder: Some(
            "原文是“等形式”，不限于所列两种，台账的「重大事项」也不完全等于“涉及面广、关注度高”，所以默认警告",
        ),
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[],
    source: include_str!("jl010.rs"),
};

pub fn check(cx: &mut Ctx) {
    if cx.m.yes_no(Field::Major) != Some(true) {
        return;
    }
    let Some(form) = cx.m.text(Field::Form).map(str::to_string) else {
        return; // D002
    };
    cx.applies(&META);
    let forms = cx.settings.param(&META, FORMS);
    if forms.contains(&form) {
        return;
    }
    let d = Diagnostic::new(&META, format!("{}：重大事项以“{form}”形式协商", META.title))
        .at(cx.m.loc(Field::Form))
        .field(Field::Form.zh())
        .label(format!("重大事项用了{form}"))
        .fact("form", form.clone())
        .fact("forms", forms.clone())
        .requirement(format!(
            "涉及面广、关注度高的事项要经过{}等形式进行协商",
            forms.join("、")
        ))
        .help(format!(
            "另行组织{}；如事项并非涉及面广、关注度高，更正「重大事项」",
            forms.join("或")
        ));
    cx.emit(d);
}
