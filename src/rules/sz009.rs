//! SZ009 街道协商不是由街道主导 (street-consultation-not-led-by-street)
//!
//! ## 检查内容 What it checks
//! 街道（乡镇）层面的协商：「召集人」是街道（乡镇）本身——街道办事处、街道党工委或其内设机构，
//! 即召集人写有本街道的名称，或写有“街道”“乡镇”“镇”。召集人是区里的部门、企业或其他单位的，
//! 给出警告。召集人没填的报 D002。
//!
//! ## 为何重要 Why it matters
//! 街道协商由街道主导、自主决定实施；由别的单位召集的会，街道的协商程序和责任就落不到实处。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）五（一）：“街道协商由街道办事处主导自主决定实施”；新疆指引
//! 四（一）：“乡镇（街道）协商由乡镇（街道）党（工）委主导”。办事处与党工委都算街道本身；台账的
//! 召集人写法不一，只能看是否由街道（乡镇）召集，所以只作警告。
//!
//! ## 示例 Example
//! 不合规：街道层面的民主协商会，召集人“福田区住房和建设局”。
//! 合规：召集人“莲花街道党工委”或“莲花街道办事处”。

use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ009",
    name: "street-consultation-not-led-by-street",
    title: "街道协商不是由街道主导",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "五(一)",
        quote: "街道协商由街道办事处主导自主决定实施",
        modality: Modality::Prescribed("由街道办事处主导"),
        milder: Some("台账的召集人写法不一，只能看是否由街道（乡镇）本身召集，所以默认警告"),
    },
    levels: Levels::STREET,
    params: &[],
    readings: &[],
    source: include_str!("sz009.rs"),
};

/// Whether the convener is the street (or township) itself.
pub fn street_itself(convener: &str, street: Option<&str>) -> bool {
    street.is_some_and(|s| !s.trim().is_empty() && convener.contains(s.trim()))
        || ["街道", "乡镇", "镇"].iter().any(|w| convener.contains(w))
}

pub fn check(cx: &mut Ctx) {
    led_by_street(
        cx,
        &META,
        "街道协商由街道办事处（乡镇（街道）党（工）委）主导，自主决定实施",
    );
}

/// The street-convener check shared with Xinjiang's 四(一).
pub fn led_by_street(cx: &mut Ctx, meta: &'static RuleMeta, requirement: &'static str) {
    let Some(convener) = cx
        .need(meta, Field::Convener)
        .then(|| cx.m.text(Field::Convener))
        .flatten()
        .map(str::to_string)
    else {
        return;
    };
    cx.applies(meta);
    if street_itself(&convener, cx.m.street()) {
        return;
    }
    // 乡镇 is the street's tier; the finding says the level as the ledger wrote it.
    let level = if cx.m.text(Field::Level) == Some("乡镇") {
        "乡镇"
    } else {
        "街道"
    };
    let d = Diagnostic::new(
        meta,
        format!("{}：{level}层面的协商由“{convener}”召集", meta.title),
    )
    .at(cx.m.loc(Field::Convener))
    .field(Field::Convener.zh())
    .label("不是街道（乡镇）本身")
    .fact("convener", convener)
    .requirement(requirement)
    .help("由街道办事处或党工委召集，有关部门作为协商主体参加；如召集人写的是街道的内设机构，写明街道名称");
    cx.emit(d);
}
