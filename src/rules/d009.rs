//! D009 豁免未用上或已过期 (waiver-unused-or-expired)
//!
//! ## 检查内容 What it checks
//! 工作区配置 `yishi.toml` 中的每一项豁免（`[[waivers]]`）：到期日（`expires`）早于检查日的，
//! 报告“已过期”，它所针对的问题照常计入；没有过期、但本次检查中没有任何问题与它的规则和范围
//! （单位、会议或文件）相符的，报告“未用上”。诊断指向 `yishi.toml` 中这项豁免所在的行。
//!
//! ## 为何重要 Why it matters
//! 豁免是上级批准不按某条规定检查的例外，应当有据、有范围、有期限。过期的豁免不能继续免除
//! 问题；用不上的豁免往往是单位名称或编号写错了（本该豁免的问题因此照常报告），或者问题已经
//! 整改、豁免应当撤销。两者都应由经办人核对后修改配置。
//!
//! ## 依据 Source
//! yishi 规则目录（RULES.md）二、数据完整性 D009；工作区配置的豁免约定见 DESIGN.md
//! “Workspace configuration”：豁免写明规则、范围、理由、批准文号和到期日，未用上或已过期的豁免要报告。
//!
//! ## 示例 Example
//! 不合规：检查日 2026-11-22，`[[waivers]] rule = "SZ110"`、`expires = 2026-06-30`（已过期）；
//! 或 `scope = { unit = "梅林社区" }`，而批次中只有“梅岭社区”（未用上）。
//! 合规：`rule = "SZ110"`、`scope = { unit = "莲花街道梅岭社区" }`、`expires = 2026-12-31`，
//! 梅岭社区一季度确有 SZ110 的问题，该问题标为“已豁免”。

use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "D009",
    name: "waiver-unused-or-expired",
    title: "豁免未用上或已过期",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Catalogue,
        clause: "二 D009",
        quote: "waivers (rule, scope, reason, approval document number, expiry); an unused or expired waiver is reported",
        modality: Modality::Data,
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("d009.rs"),
};
