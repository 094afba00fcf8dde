//! SZ007 重大或专业性议题协商形式不当 (major-topic-wrong-form)
//!
//! ## 检查内容 What it checks
//! 街道层面：「重大事项」为是（涉及面广、关注度高）或「专业性议题」为是（专业性技术性较强）的
//! 议题，「协商形式」须为公开征求意见、专题议事会或民主听证会之一（参数 `forms`）。两栏都没填时
//! 无从判断，报 D002。
//!
//! ## 为何重要 Why it matters
//! 重大、专业的议题影响面大，座谈会、协调会难以充分听取各方意见，指引要求用更公开、更正式的形式。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（一）：“对涉及面广、关注度高的重大事项或专业性技术性较强的
//! 议题，要采取公开征求意见、专题议事会、民主听证会的方式进行议事协商”。
//!
//! ## 示例 Example
//! 不合规：街道重大事项“辖区停车场收费调整”以座谈会形式协商。
//! 合规：同一议题以民主听证会形式协商。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

params! {
    FORMS: Words("forms", &["公开征求意见", "专题议事会", "民主听证会"], "重大、专业性议题可用的协商形式");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ007",
    name: "major-topic-wrong-form",
    title: "重大或专业性议题协商形式不当",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(一)",
        quote: "对涉及面广、关注度高的重大事项或专业性技术性较强的议题，要采取公开征求意见、专题议事会、民主听证会的方式进行议事协商",
        modality: Modality::Must("要"),
        milder: None,
    },
    levels: Levels::STREET,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz007.rs"),
};

pub fn check(cx: &mut Ctx) {
    let major = cx.m.yes_no(Field::Major);
    let technical = cx.m.yes_no(Field::Technical);
    if major.is_none() && technical.is_none() {
        // Neither known: whether the topic is major cannot be told.
        cx.need(&META, Field::Major);
        return;
    }
    if major != Some(true) && technical != Some(true) {
        return;
    }
    let Some(form) = cx
        .need(&META, Field::Form)
        .then(|| cx.m.text(Field::Form))
        .flatten()
    else {
        return;
    };
    let forms = cx.settings.param(&META, FORMS);
    if forms.iter().any(|f| f == form) {
        return;
    }
    let why = match (major, technical) {
        (Some(true), Some(true)) => "重大事项且专业性较强",
        (Some(true), _) => "重大事项",
        _ => "专业性议题",
    };
    let d = Diagnostic::new(&META, format!("{}：{why}以“{form}”形式协商", META.title))
        .at(cx.m.loc(Field::Form))
        .field(Field::Form.zh())
        .label(format!("{why}不宜采用{form}"))
        .fact("form", form)
        .fact("major", major)
        .fact("technical", technical)
        .fact("forms", forms.clone())
        .requirement(format!("{why}要采取{}的方式进行议事协商", forms.join("、")))
        .help(format!(
            "改用{}之一另行组织协商；如议题并非重大或专业性议题，更正「重大事项」「专业性议题」",
            forms.join("、")
        ));
    cx.emit(d);
}
