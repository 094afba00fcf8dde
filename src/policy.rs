//! What the workspace decides about findings after the rules have run: which rules run, the
//! severity each rule is reported with (or that it is switched off), and waivers. The catalogue
//! (`yishi rules`), the explanation (`yishi explain`) and the check all take a rule's severity
//! in force from here.
//!
//! A waived finding stays in the report, lowered to a note (info) and marked with the approval
//! that covers it: an inspector reading the report sees what was found, on whose authority it is
//! not counted, and until when, and can check the approval against the paper file. Dropping it
//! would make a waiver indistinguishable from a clean record. A waiver that matched nothing, or
//! whose date has passed, is reported itself (D009), so waivers do not outlive their reason.

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::meta::{RuleMeta, Severity};
use crate::rules::{self, d009, ymd};
use crate::settings::Settings;
use crate::waivers::Waiver;

/// The severity the rule's findings are reported with: the workspace's setting, else the
/// rule's own; `None` when the workspace switches the rule off.
pub fn severity(meta: &RuleMeta, settings: &Settings) -> Option<Severity> {
    match settings.rules.get(meta.code) {
        Some(rule) if rule.disabled => None,
        Some(rule) => Some(rule.severity.unwrap_or(meta.severity)),
        None => Some(meta.severity),
    }
}

/// A severity in force as `yishi.toml` and the JSON catalogue write it: `off` when switched off.
pub fn severity_key(severity: Option<Severity>) -> &'static str {
    severity.map_or("off", Severity::key)
}

/// A severity in force as people read it: 关闭 when switched off.
pub fn severity_zh(severity: Option<Severity>) -> &'static str {
    severity.map_or("关闭", Severity::zh)
}

/// The severity one finding is reported with; `None` when its rule does not run. A finding at
/// the rule's own severity takes the setting; a lesser one (a reading warning, a note on a
/// period not yet over) is never raised above it. A finding of no rule (an internal error) keeps
/// its own.
pub fn finding_severity(d: &Diagnostic, settings: &Settings) -> Option<Severity> {
    let Ok(rule) = rules::lookup(d.code) else {
        return Some(d.severity);
    };
    if !settings.runs(rule.meta) {
        return None;
    }
    let Some(set) = settings.rules.get(d.code).and_then(|r| r.severity) else {
        return Some(d.severity);
    };
    // Severity orders Error < Warning < Info: the larger is the milder.
    Some(if d.severity == rule.meta.severity {
        set
    } else {
        d.severity.max(set)
    })
}

/// Applies the profiles, switched-off rules, severity settings and waivers to a batch's
/// findings, and reports each waiver that is expired or matched nothing (D009).
pub fn apply(diagnostics: &mut Vec<Diagnostic>, settings: &Settings) {
    let used = apply_to_findings(diagnostics, settings);
    diagnostics.extend(waiver_findings(settings, &used));
}

/// [`apply`] without the findings about the waivers themselves, for a part of a batch: which
/// waivers matched a finding of this part.
pub fn apply_to_findings(diagnostics: &mut Vec<Diagnostic>, settings: &Settings) -> Vec<bool> {
    diagnostics.retain_mut(|d| match finding_severity(d, settings) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });
    let today = settings.today;
    let mut used = vec![false; settings.waivers.len()];
    for d in diagnostics.iter_mut() {
        let mut matching = settings
            .waivers
            .iter()
            .enumerate()
            .filter(|(_, w)| w.matches(d));
        let Some((i, w)) = matching.clone().find(|(_, w)| !w.expired(today)) else {
            if let Some((_, w)) = matching.next() {
                d.facts.insert("waiver_expired", w.approval.clone().into());
                d.facts.insert("waiver_expires", ymd(w.expires).into());
            }
            continue;
        };
        used[i] = true;
        waive(d, w);
    }
    used
}

/// The waivers that are expired or matched no finding of the whole batch (`used`: for each
/// waiver, whether a finding matched it), each reported (D009).
pub fn waiver_findings(settings: &Settings, used: &[bool]) -> Vec<Diagnostic> {
    let today = settings.today;
    let mut out = Vec::new();
    for (w, &used) in settings.waivers.iter().zip(used) {
        if w.expired(today) {
            out.push(expired(w, today));
        } else if !used {
            out.push(unused(w, settings));
        }
    }
    out
}

/// Lowers a finding to a note marked with the approval that covers it.
fn waive(d: &mut Diagnostic, w: &Waiver) {
    let waived_from = d.severity;
    d.severity = Severity::Info;
    d.message = format!(
        "［已豁免：{}］{}（豁免理由：{}；有效至 {}）",
        w.approval,
        d.message,
        w.reason,
        ymd(w.expires)
    );
    d.facts.insert("waived_by", w.approval.clone().into());
    d.facts.insert("waiver_reason", w.reason.clone().into());
    d.facts.insert("waiver_expires", ymd(w.expires).into());
    d.facts.insert("waived_severity", waived_from.key().into());
}

fn base(w: &Waiver, message: String) -> Diagnostic {
    Diagnostic::new(&d009::META, message)
        .at(Some(&w.loc))
        .field("waivers")
        .fact("rule", w.rule.code)
        .fact("scope", w.covers())
        .fact("approval", w.approval.as_str())
        .fact("expires", ymd(w.expires))
}

fn expired(w: &Waiver, today: NaiveDate) -> Diagnostic {
    base(
        w,
        format!(
            "豁免已过期：{} 对{}的豁免（{}）到期日为 {}，早于检查日 {}，相应问题照常报告",
            w.rule.code,
            w.covers(),
            w.approval,
            ymd(w.expires),
            ymd(today)
        ),
    )
    .label(format!("{} 已到期", ymd(w.expires)))
    .fact("today", ymd(today))
    .requirement("豁免只在到期日（含当日）之前有效")
    .help("已重新批准的，改写 approval 和 expires；不再需要的，从 yishi.toml 删去这项豁免")
}

fn unused(w: &Waiver, settings: &Settings) -> Diagnostic {
    let why = if !w.rule.active(&settings.profiles) {
        "该规则不在本次启用的规则集中"
    } else if severity(w.rule, settings).is_none() {
        "该规则已在 yishi.toml 中关闭（severity = \"off\"）"
    } else {
        "本次检查中没有与之相符的问题"
    };
    base(
        w,
        format!(
            "豁免未用上：{} 对{}的豁免（{}）{why}",
            w.rule.code,
            w.covers(),
            w.approval
        ),
    )
    .label("没有相符的问题")
    .requirement("每项豁免应针对一个确实存在的问题")
    .help(
        "核对 rule 和 scope（单位名称、会议编号或文件路径）的写法；问题已整改的，从 yishi.toml 删去这项豁免",
    )
}
