//! XJ008 乡镇（街道）协商不是由乡镇（街道）主导 (township-consultation-not-led-by-township)
//!
//! ## 检查内容 What it checks
//! 乡镇（街道）层面的协商：「召集人」是乡镇（街道）本身——党（工）委、乡镇人民政府或街道办事处
//! 及其内设机构，即召集人写有本乡镇（街道）的名称，或写有“街道”“乡镇”“镇”。召集人是县（市、
//! 区）的部门、企业或其他单位的，给出警告。召集人没填的报 D002。
//!
//! ## 为何重要 Why it matters
//! 乡镇（街道）协商由乡镇（街道）党（工）委主导，在它的领导下组织进行；由别的单位召集，协商的
//! 方向和责任就不在乡镇（街道）手里。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》四（一）：“乡镇（街道）协商由乡镇（街道）党（工）委
//! 主导”；五：“乡镇（街道）协商按照协商议题，确定协商主体，在乡镇（街道）党（工）委领导下组织进行
//! 议事协商”。在党（工）委领导下，由乡镇政府或街道办事处组织也是乡镇（街道）本身主导；台账的
//! 召集人写法不一，只能看是否由乡镇（街道）召集，所以只作警告。村（社区）协商由党组织主导
//! （四（二））由 XJ001、XJ002 检查：非党组织的召集人须报备党组织同意。
//!
//! ## 示例 Example
//! 不合规：乡镇层面的座谈会，召集人“县自然资源局”。
//! 合规：召集人“城关镇党委”或“城关镇人民政府”。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, sz009};

pub static META: RuleMeta = RuleMeta {
    code: "XJ008",
    name: "township-consultation-not-led-by-township",
    title: "乡镇（街道）协商不是由乡镇（街道）主导",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "四(一)",
        quote: "乡镇（街道）协商由乡镇（街道）党（工）委主导",
        modality: Modality::Prescribed("由乡镇（街道）党（工）委主导"),
        milder: Some("台账的召集人写法不一，只能看是否由乡镇（街道）本身召集，所以默认警告"),
    },
    levels: Levels::STREET,
    params: &[],
    readings: &[],
    source: include_str!("xj008.rs"),
};

pub fn check(cx: &mut Ctx) {
    sz009::led_by_street(
        cx,
        &META,
        "乡镇（街道）协商由乡镇（街道）党（工）委主导，在其领导下组织进行",
    );
}
