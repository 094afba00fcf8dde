//! JL009 跨村（社区）事项未由乡镇、街道牵头 (cross-community-not-led-by-township)
//!
//! ## 检查内容 What it checks
//! 「协商范围」列出两个以上村（社区）的协商（用“、”“，”“和”等分隔、以“社区”或“村”结尾的名称
//! 计数）：应由乡镇、街道党委（党工委）牵头组织。「层级」为社区或村的，给出警告；层级为街道
//! （乡镇）而「召集人」不是党委、党工委的，也给出警告。协商范围没填或只有一个村（社区）的不检查。
//!
//! ## 为何重要 Why it matters
//! 涉及几个村（社区）的事，单靠其中一个村（社区）议定，另一方不受约束；由乡镇、街道牵头，各方
//! 才坐在同一张桌子上。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（三）：“涉及两个以上的村（社区）的重要事项，单靠
//! 某一村（社区）无法开展协商时，由乡镇、街道党委（党工委）牵头组织开展协商”；三（五）：“跨村
//! （社区）协商的协商程序，由乡镇、街道党委（党工委）研究确定”。新疆指引二（一）、深圳指引
//! 四（一）3 也把涉及两个及以上村（社区）的事项列为乡镇（街道）协商的内容。原文的条件是“单靠某一
//! 村（社区）无法开展协商时”，台账看不出能否单独协商，所以只作警告。
//!
//! ## 示例 Example
//! 不合规：东朝阳社区召集的居民议事会，协商范围“东朝阳社区、桂林社区”。
//! 合规：同一议题由桂林街道党工委召集，层级为街道。

use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta};
use crate::model::Level;
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "JL009",
    name: "cross-community-not-led-by-township",
    title: "跨村（社区）事项未由乡镇、街道牵头",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(三)",
        quote: "涉及两个以上的村（社区）的重要事项，单靠某一村（社区）无法开展协商时，由乡镇、街道党委（党工委）牵头组织开展协商",
        modality: Modality::Prescribed("牵头组织开展协商"),
        milder: Some(
            "原文的条件是“单靠某一村（社区）无法开展协商时”，台账看不出能否单独协商，所以默认警告",
        ),
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("jl009.rs"),
};

/// The communities and villages a 协商范围 names: the parts ending in 社区 or 村.
pub fn communities(scope: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in scope.split(['、', '，', ',', '；', ';', '和', '及', '与', '/', ' ']) {
        let part = part.trim();
        if (part.ends_with("社区") || part.ends_with('村')) && !out.iter().any(|p| p == part) {
            out.push(part.to_string());
        }
    }
    out
}

pub fn check(cx: &mut Ctx) {
    let Some(scope) = cx.m.text(Field::Scope) else {
        return;
    };
    let named = communities(scope);
    if named.len() < 2 {
        return;
    }
    let Some(level) = cx.m.level() else {
        return; // D002
    };
    cx.applies(&META);
    let list = named.join("、");
    let convener = cx.m.text(Field::Convener).unwrap_or_default().to_string();
    let led_by_party = convener.contains("党委") || convener.contains("党工委");
    let d = match level {
        Level::Community | Level::Village => Diagnostic::new(
            &META,
            format!(
                "{}：协商范围涉及{list}，由{}层面召集",
                META.title,
                level.zh()
            ),
        )
        .at(cx.m.loc(Field::Scope))
        .field(Field::Scope.zh())
        .label(format!("涉及 {} 个村（社区）", named.len())),
        Level::Street if !led_by_party => Diagnostic::new(
            &META,
            format!(
                "{}：协商范围涉及{list}，召集人“{convener}”不是乡镇、街道党委（党工委）",
                META.title
            ),
        )
        .at(cx.m.loc(Field::Convener).or(cx.m.loc(Field::Scope)))
        .field(Field::Convener.zh())
        .label("应由党委（党工委）牵头"),
        Level::Street => return,
    };
    let d = d
        .fact("communities", named.clone())
        .fact("convener", convener)
        .requirement("涉及两个以上村（社区）、单靠某一村（社区）无法开展协商的重要事项，由乡镇、街道党委（党工委）牵头组织开展协商")
        .help("提请乡镇、街道党委（党工委）牵头组织跨村（社区）协商；如本村（社区）能单独协商，在「备注」说明");
    cx.emit(d);
}

#[cfg(test)]
mod tests {
    use super::communities;

    #[test]
    fn the_scope_names_its_communities() {
        assert_eq!(
            communities("东朝阳社区、桂林社区"),
            ["东朝阳社区", "桂林社区"]
        );
        assert_eq!(communities("东工村和西工村"), ["东工村", "西工村"]);
        assert!(communities("全体居民").is_empty());
        assert_eq!(communities("东朝阳社区整体"), Vec::<String>::new());
    }
}
