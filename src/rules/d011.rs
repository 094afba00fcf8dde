//! D011 栏目内容过长 (field-too-long)
//!
//! ## 检查内容 What it checks
//! 会印进文件名或文书标题、版头的栏目超出合理长度：「编号」超过 64 个字符（错误：编号用作每份文书的
//! 文件名，过长的文件名写不进磁盘，排版时只能截短，几次会议的文书就难以分辨）；「议题」超过 100 字（警告：议题印在公告和
//! 公示的标题中，过长的标题会占满几页）；「街道」「社区」超过 30 字（警告：单位名印在版头和落款中）。
//!
//! ## 为何重要 Why it matters
//! 这样长的内容多半是粘贴错了栏（把议题背景贴进了议题、把整段说明贴进了编号）；照样排版会排出
//! 十几页的公告或写不出的文件。在检查时指出，比排版后才发现好改。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）二、数据完整性：编号是会议的唯一标识；GB/T 9704-2012 7.3.3 标题
//! “一般用2号小标宋体字，分一行或多行居中排布”。
//!
//! ## 示例 Example
//! 不合规：「议题」是一段 3000 字的情况说明。
//! 合规：「议题」为“加装电梯”，情况说明写在「议题背景」。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "D011",
    name: "field-too-long",
    title: "栏目内容过长",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二",
        quote: "a field printed into file names, titles or letterheads is longer than it can be printed",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d011.rs"),
};

/// The fields checked, their longest length in characters, the finding's severity and where the
/// field is printed.
const LIMITS: [(Field, usize, Severity, &str); 4] = [
    (
        Field::Code,
        64,
        Severity::Error,
        "编号用作每份文书的文件名，这样长的文件名只能截短才写得进磁盘",
    ),
    (
        Field::Topic,
        100,
        Severity::Warning,
        "议题印在公告和公示的标题中，这样长的标题会占满几页",
    ),
    (
        Field::Street,
        30,
        Severity::Warning,
        "单位名印在版头和落款中",
    ),
    (
        Field::Community,
        30,
        Severity::Warning,
        "单位名印在版头和落款中",
    ),
];

pub fn check(cx: &mut Ctx) {
    for (field, max, severity, why) in LIMITS {
        let Some(text) = cx.m.text(field) else {
            continue;
        };
        let chars = text.chars().count();
        if chars <= max {
            continue;
        }
        let start: String = text.chars().take(20).collect();
        let help = if field == Field::Topic {
            "议题写成一句话（如“加装电梯”）；情况说明写在「议题背景」栏".to_string()
        } else {
            format!(
                "「{}」只写名称本身；检查是否把别的内容粘贴进了这一栏",
                field.zh()
            )
        };
        let d = Diagnostic::new(
            &META,
            format!(
                "{}：「{}」有 {chars} 个字符，超过 {max} 个：{why}",
                META.title,
                field.zh()
            ),
        )
        .severity(severity)
        .at(cx.m.loc(field))
        .field(field.zh())
        .label(format!("{chars} 个字符，“{start}…”"))
        .fact("field", field.zh())
        .fact("chars", chars)
        .fact("max_chars", max)
        .requirement(format!("「{}」不超过 {max} 个字符", field.zh()))
        .help(help);
        cx.emit(d);
    }
}
