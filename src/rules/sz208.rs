//! SZ208 会议不是由召集人主持 (meeting-not-hosted-by-convener)
//!
//! ## 检查内容 What it checks
//! 当面开的会（征求意见、走访、约谈不是会议，不查）：会议由召集人主持。台账的「召集人」多写
//! 单位（“景华社区居委会”），「主持人」写人名，两者只在记录能说明时才比：
//! - 召集人是一个人：「召集人」里写有参会人员名单上某人的姓名（如“网格长王某某”），主持人
//!   却是另一个人；
//! - 召集人是社区（村）“两委”（党组织、居委会、村委会）：主持人在参会人员名单中登记为非两委
//!   成员，不能代表召集的组织主持。
//!
//! 两种情形都给出警告。召集人或主持人没填、召集人是单位而主持人不在名单上，以及街道层面由
//! 街道召集的会，记录说明不了主持人是否代表召集人，不检查。
//!
//! ## 为何重要 Why it matters
//! 召集人对会议负责：由它主持，清点人数、宣读议题、组织表决才有人担责；换了别人主持，
//! 会议的组织者和主持者对不上，记录就说不清是谁开的会。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附“基层议事协商会议流程（示例）”：“开会　由召集人主持”。
//! 只见于标注“（示例）”的流程图，所以默认警告。流程图对主持人的另一项要求（“保持中立，不就
//! 讨论议题发表个人观点”）要看发言的内容，台账和会议记录的格式看不出，不检查。
//!
//! ## 示例 Example
//! 不合规：召集人“第三网格网格长王建国”，主持人“李红”（名单上王建国是网格长）；或召集人
//! “景华社区居委会”，主持人“陈某某”，名单上陈某某两委“否”。
//! 合规：召集人“景华社区居委会”，主持人黄堃，名单上黄堃两委“是”。

use crate::diag::Diagnostic;
use crate::fields::{self, Field};
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::model::Level;
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ208",
    name: "meeting-not-hosted-by-convener",
    title: "会议不是由召集人主持",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·会议流程「开会」",
        quote: "开会　由召集人主持",
        modality: Modality::Example("由召集人主持"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("sz208.rs"),
};

/// Whether a convener is one of the community's (village's) two committees: its party
/// organisation or its residents' (villagers') committee.
pub fn two_committees(convener: &str) -> bool {
    [
        "党委",
        "党总支",
        "党支部",
        "党组织",
        "居委会",
        "村委会",
        "居民委员会",
        "村民委员会",
        "两委",
    ]
    .iter()
    .any(|k| convener.contains(k))
}

pub fn check(cx: &mut Ctx) {
    let sitting =
        cx.m.text(Field::Form)
            .and_then(fields::form)
            .is_none_or(|f| f.sitting);
    let (Some(convener), Some(host)) = (cx.m.text(Field::Convener), cx.m.text(Field::Host)) else {
        return;
    };
    let (convener, host) = (convener.trim().to_string(), host.trim().to_string());
    if !sitting || convener.is_empty() || host.is_empty() {
        return;
    }
    cx.applies(&META);
    if convener.contains(&host) {
        return;
    }
    // A convener who is a person is named on the list; the host is that person or another.
    let named: Vec<&str> =
        cx.m.participants
            .iter()
            .map(|p| p.name.trim())
            .filter(|n| n.chars().count() >= 2 && convener.contains(n))
            .collect();
    let d = if named.is_empty() {
        let local = matches!(cx.m.level(), Some(Level::Community | Level::Village));
        let outsider =
            cx.m.participants
                .iter()
                .any(|p| p.name.trim() == host && p.committee == Some(false));
        if !(local && two_committees(&convener) && outsider) {
            return;
        }
        Diagnostic::new(
            &META,
            format!(
                "{}：召集人“{convener}”，主持人“{host}”在参会人员名单中登记为非两委成员",
                META.title
            ),
        )
        .label("主持人不是两委成员")
        .requirement("会议由召集人主持：两委召集的会，由两委成员主持")
        .help("由召集的组织（党组织、居委会、村委会）的成员主持；如主持人实为两委成员，更正参会人员名单的「两委」一栏")
    } else {
        if named.iter().any(|n| host.contains(n)) {
            return;
        }
        let person = named.join("、");
        Diagnostic::new(
            &META,
            format!(
                "{}：召集人“{convener}”（参会人员 {person}），主持人“{host}”",
                META.title
            ),
        )
        .fact("convener_person", person)
        .label("主持人不是召集人")
        .requirement("会议由召集人主持")
        .help("由召集人主持会议；召集人确有原因不能主持的，在「备注」写明由谁代为主持及原因")
    };
    let d = d
        .at(cx.m.loc(Field::Host))
        .field(Field::Host.zh())
        .related(cx.m.loc(Field::Convener).unwrap_or(cx.m.anchor()), "召集人")
        .fact("convener", convener)
        .fact("host", host);
    cx.emit(d);
}
