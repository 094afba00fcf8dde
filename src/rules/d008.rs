//! D008 数值已规范化 (value-normalized)
//!
//! ## 检查内容 What it checks
//! 读入时为了读懂而改动过的写法，逐类报告：全角数字或符号（１２、２０２６／３／５）按半角读、日期或数字
//! 中多余的空格去掉、Y/N、√/×、true/false 按“是/否”读、人数后的单位（12人）去掉、Excel 日期序号
//! （46086）换算为日期、日期中的时刻略去、合并单元格的值填入它覆盖的每一行、表头上方的标题或说明行
//! 不作为数据、合计/总计行不作为会议。每个文件（工作簿的每张工作表）每一类只报一条，给出次数和
//! 第一处的位置与原文。
//!
//! ## 为何重要 Why it matters
//! 这些写法都读得懂，检查照常进行；但改动应当让人看得见：文员可以核对读出的值，尤其是 Excel 日期
//! 序号和合并单元格，读错会让后面的时限检查全部跟着错。
//!
//! ## 依据 Source
//! yishi 输入约定（FORMAT.md）：日期、人数、是/否的写法，以及电子表格台账的读法。
//!
//! ## 示例 Example
//! 提示：会议日期“２０２６／３／５”读作“2026-03-05”（全角数字或符号已按半角读入，共 12 处）。
//! 无提示：会议日期“2026-03-05”。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "D008",
    name: "value-normalized",
    title: "数值已规范化",
    severity: Severity::Info,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D008",
        quote: "a value written in an admitted but non-canonical form was read as its canonical value (full-width, spaces, Y/N, units, Excel day numbers, merged cells, title and totals rows)",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d008.rs"),
};
