//! `yishi explain CODE`: one rule in full, in Chinese — its documentation, parameters and
//! readings (with the values a workspace sets), the words of the clause it rests on, and the
//! articles of the Civil Code its day counts and thresholds follow.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use crate::cli::rules::{params, readings};
use crate::cli::{ConfigArgs, settings_from};
use crate::meta::RuleMeta;
use crate::meta::params::Default;
use crate::policy::{self, severity_zh};
use crate::rules;
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 规则编号（如 SZ002）或英文名（如 notice-published-too-late），不分大小写
    #[arg(value_name = "CODE")]
    pub code: String,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The counting articles of the Civil Code, as the rules cite them.
pub const ARTICLE_201: &str =
    "民法典第二百零一条：按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。";
pub const ARTICLE_203: &str =
    "民法典第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。";
pub const ARTICLE_1259: &str = "民法典第一千二百五十九条：民法所称的“以上”、“以下”、“以内”、“届满”，包括本数；所称的“不满”、“超过”、“以外”，不包括本数。";

pub fn run(args: &ExplainArgs) -> Result<ExitCode, String> {
    let meta = find(&args.code)?;
    let config = args.config.load(Path::new("."))?;
    let settings = settings_from(config.as_ref(), &[], None, None, None)?;
    print!(
        "{}",
        explain(
            meta,
            &settings,
            config.as_ref().map(crate::config::Config::path)
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// A rule by code or name, or a usage error naming the closest code.
pub fn find(code: &str) -> Result<&'static RuleMeta, String> {
    rules::lookup(code).map(|r| r.meta).map_err(|unknown| {
        let stop = if unknown.suggestion.is_some() {
            ""
        } else {
            "。"
        };
        format!("{unknown}{stop}`yishi rules --profile shenzhen,jilin,xinjiang` 列出全部规则")
    })
}

/// Markdown from a rule's doc comment, as plain terminal text: headings keep their Chinese
/// words in brackets, code marks are dropped.
fn plain(doc: &str) -> String {
    let mut out = String::new();
    for line in doc.lines() {
        let text = line.replace('`', "").replace("**", "");
        if let Some(heading) = text.strip_prefix("## ") {
            let zh = heading
                .split_once(|c: char| c.is_ascii_alphabetic())
                .map_or(heading, |(zh, _)| zh)
                .trim();
            // One blank line before a heading, whatever the doc had.
            let kept = out.trim_end_matches('\n').len();
            out.truncate(kept);
            let _ = writeln!(out, "\n\n【{zh}】");
        } else if let Some(title) = text.strip_prefix("# ") {
            let _ = writeln!(out, "{title}");
        } else {
            let _ = writeln!(out, "{text}");
        }
    }
    out
}

/// Which counting articles the rule's verdicts follow.
fn articles(meta: &RuleMeta) -> Vec<&'static str> {
    let doc = meta.doc();
    let reads = |key: &str| meta.reading(key).is_some();
    let days = meta
        .params
        .iter()
        .any(|p| matches!(p.default, Default::Days(_)));
    let share = meta
        .params
        .iter()
        .any(|p| matches!(p.default, Default::Share(..)));
    let mut out = Vec::new();
    let rollover = meta.reading("rollover_forward");
    if days
        || reads("before_mode")
        || reads("day_unit")
        || rollover.is_some()
        || doc.contains("第二百零一条")
    {
        out.push(ARTICLE_201);
    }
    if rollover.is_some() || doc.contains("第二百零三条") {
        out.push(ARTICLE_203);
    }
    if share
        || reads("majority")
        || doc.contains("第一千二百五十九条")
        || meta.citation.quote.contains("以上")
    {
        out.push(ARTICLE_1259);
    }
    out
}

/// The full explanation of one rule under the settings in force.
pub fn explain(meta: &RuleMeta, settings: &Settings, config: Option<&str>) -> String {
    let mut out = plain(&meta.doc());
    let sev = policy::severity(meta, settings);
    let _ = writeln!(
        out,
        "\n【级别】\n{}（默认{}）；规则集 {}；适用层级 {}",
        severity_zh(sev),
        meta.severity.zh(),
        meta.profile_key(),
        meta.levels.zh()
    );
    let c = &meta.citation;
    let _ = writeln!(out, "依据的措辞：{}", c.modality.zh());
    if let Some(why) = c.milder {
        let _ = writeln!(out, "默认{}：{why}", meta.severity.zh());
    }
    let from = config.map_or_else(String::new, |c| format!("（{c}）"));

    out.push_str("\n【参数】\n");
    let ps = params(meta, settings);
    if ps.is_empty() {
        out.push_str("无：这条规则没有可调的数值\n");
    }
    for p in ps {
        let _ = write!(out, "{}：{}。默认 {}", p.name, p.meaning, p.default);
        if p.value == p.default {
            out.push('\n');
        } else {
            let _ = writeln!(out, "；本工作区设为 {}{from}", p.value);
        }
    }

    out.push_str("\n【读法】\n");
    let rs = readings(meta, settings);
    if rs.is_empty() {
        out.push_str("无：结论不取决于对日期或多数的读法\n");
    }
    for r in rs {
        let _ = write!(out, "{}：{}。默认 {}", r.key, r.meaning, r.default);
        if r.value == r.default {
            out.push('\n');
        } else {
            let _ = writeln!(out, "；本工作区为 {}{from}", r.value);
        }
    }

    let _ = writeln!(
        out,
        "\n【依据原文】\n{} {}\n“{}”",
        c.title(),
        c.clause,
        c.quote
    );
    let arts = articles(meta);
    if !arts.is_empty() {
        out.push_str("\n【期间和数额的计算】\n");
        for a in arts {
            let _ = writeln!(out, "{a}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_keep_their_chinese_words() {
        let text = plain("SZ002 标题 (x)\n\n## 检查内容 What it checks\n`notice_days_before` 天");
        assert_eq!(
            text,
            "SZ002 标题 (x)\n\n【检查内容】\nnotice_days_before 天\n"
        );
    }
}
