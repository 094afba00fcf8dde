//! `yishi rules`: the catalogue in force — which rules run under the chosen profiles, at which
//! severity, on which clause, with which parameter values and readings, after `yishi.toml`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::{Value as Json, json};
use unicode_width::UnicodeWidthStr;

use crate::cli::{ConfigArgs, settings_from};
use crate::meta::RuleMeta;
use crate::meta::params::Value;
use crate::policy::{self, severity_key, severity_zh};
use crate::rules::RULES;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// 规则集，逗号分隔（默认取 yishi.toml 的 profiles，再无则 shenzhen）
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub profile: Vec<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// 给人看的表格
    Human,
    /// JSON，供程序读取
    Json,
}

pub fn run(args: &RulesArgs) -> Result<ExitCode, String> {
    let config = args.config.load(Path::new("."))?;
    let settings = settings_from(config.as_ref(), &args.profile, None, None, None)?;
    let config_path = config.as_ref().map(|c| c.path().to_string());
    let text = match args.format {
        ListFormat::Json => {
            serde_json::to_string_pretty(&document(&settings, config_path.as_deref()))
                .map_err(|e| e.to_string())?
                + "\n"
        }
        ListFormat::Human => table(&settings, config_path.as_deref()),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// One parameter of a rule as it stands.
pub struct ParamView {
    pub name: &'static str,
    pub meaning: &'static str,
    pub kind: &'static str,
    pub default: Value,
    pub value: Value,
}

/// One reading of a rule as it stands.
pub struct ReadingView {
    pub key: &'static str,
    pub meaning: &'static str,
    pub default: &'static str,
    pub value: &'static str,
}

/// The rule's parameters with their defaults and values in force.
pub fn params(meta: &RuleMeta, settings: &Settings) -> Vec<ParamView> {
    meta.params
        .iter()
        .map(|p| ParamView {
            name: p.name,
            meaning: p.zh,
            kind: p.default.kind(),
            default: p.default.into(),
            value: settings.param_value(meta, p),
        })
        .collect()
}

/// The rule's readings with its defaults and values in force.
pub fn readings(meta: &RuleMeta, settings: &Settings) -> Vec<ReadingView> {
    meta.readings
        .iter()
        .map(|&r| ReadingView {
            key: r.key(),
            meaning: r.zh(),
            default: r.default_key(),
            value: settings.reading_key(meta, r),
        })
        .collect()
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::Number(n) => json!(n),
        Value::Share(a, b) => json!(format!("{a}/{b}")),
        Value::Words(w) => json!(w),
    }
}

/// The rules that run under the settings' profiles (switched-off ones included, as `off`).
pub fn listed(settings: &Settings) -> impl Iterator<Item = &'static RuleMeta> + '_ {
    RULES
        .iter()
        .map(|r| r.meta)
        .filter(|m| m.active(&settings.profiles))
}

/// The catalogue in force, for machines.
pub fn document(settings: &Settings, config: Option<&str>) -> Json {
    let rules: Vec<Json> = listed(settings)
        .map(|meta| {
            let sev = policy::severity(meta, settings);
            json!({
                "code": meta.code,
                "name": meta.name,
                "title": meta.title,
                "profile": meta.profile_key(),
                "severity": severity_key(sev),
                "default_severity": meta.severity.key(),
                "levels": meta.levels.keys(),
                "source": {
                    "document": meta.citation.title(),
                    "title": meta.citation.title(),
                    "file": meta.citation.file(),
                    "clause": meta.citation.clause,
                    "quote": meta.citation.quote,
                    "modality": meta.citation.modality.key(),
                    "modality_words": meta.citation.modality.words(),
                    "modality_zh": meta.citation.modality.zh(),
                    "milder": meta.citation.milder,
                },
                "params": params(meta, settings).iter().map(|p| json!({
                    "name": p.name,
                    "meaning": p.meaning,
                    "kind": p.kind,
                    "value": value_json(&p.value),
                    "default": value_json(&p.default),
                })).collect::<Vec<_>>(),
                "readings": readings(meta, settings).iter().map(|r| json!({
                    "key": r.key,
                    "meaning": r.meaning,
                    "value": r.value,
                    "default": r.default,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "tool": "yishi",
        "version": env!("CARGO_PKG_VERSION"),
        "profiles": settings.profiles.iter().map(|p| p.key()).collect::<Vec<_>>(),
        "config": config,
        "rules": rules,
    })
}

/// Pads `text` with spaces to `width` terminal columns (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// The catalogue in force, for people: one line a rule, then its parameters and readings.
pub fn table(settings: &Settings, config: Option<&str>) -> String {
    let mut out = String::new();
    let profiles = settings
        .profiles
        .iter()
        .map(|p| format!("{}（{}）", p.key(), p.zh()))
        .collect::<Vec<_>>()
        .join("、");
    let _ = writeln!(out, "规则集：{profiles}");
    let _ = writeln!(
        out,
        "配置：{}",
        config.map_or_else(|| "无（全部取默认值）".to_string(), str::to_string)
    );
    let _ = writeln!(
        out,
        "{}{}{}{}{}标题 (名称)",
        pad("编号", 8),
        pad("级别", 8),
        pad("规则集", 10),
        pad("层级", 10),
        pad("条款", 14)
    );
    let (mut count, mut changed) = (0, 0);
    for meta in listed(settings) {
        count += 1;
        let sev = policy::severity(meta, settings);
        let mut severity = severity_zh(sev).to_string();
        if sev != Some(meta.severity) {
            severity.push('*');
            changed += 1;
        }
        let _ = writeln!(
            out,
            "{}{}{}{}{}{} ({})",
            pad(meta.code, 8),
            pad(&severity, 8),
            pad(meta.profile_key(), 10),
            pad(&meta.levels.zh(), 10),
            pad(meta.citation.clause, 14),
            meta.title,
            meta.name
        );
        for p in params(meta, settings) {
            let value = if p.value == p.default {
                p.value.to_string()
            } else {
                changed += 1;
                format!("{}*（默认 {}）", p.value, p.default)
            };
            let _ = writeln!(
                out,
                "{}参数 {} = {value}：{}",
                pad("", 8),
                p.name,
                p.meaning
            );
        }
        let readings = readings(meta, settings);
        if !readings.is_empty() {
            let list = readings
                .iter()
                .map(|r| {
                    if r.value == r.default {
                        format!("{} = {}", r.key, r.value)
                    } else {
                        changed += 1;
                        format!("{} = {}*（默认 {}）", r.key, r.value, r.default)
                    }
                })
                .collect::<Vec<_>>()
                .join("；");
            let _ = writeln!(out, "{}读法 {list}", pad("", 8));
        }
    }
    let _ = writeln!(
        out,
        "共 {count} 条规则；带 * 的 {changed} 处与默认不同。`yishi explain 编号` 看一条规则的说明和依据原文"
    );
    out
}
