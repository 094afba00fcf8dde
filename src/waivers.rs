//! What the workspace decides about findings after the rules have run: rules switched off, the
//! severity each rule is reported with, and waivers.
//!
//! A waived finding stays in the report, lowered to a note (info) and marked with the approval
//! that covers it: an inspector reading the report sees what was found, on whose authority it is
//! not counted, and until when, and can check the approval against the paper file. Dropping it
//! would make a waiver indistinguishable from a clean record. A waiver that matched nothing, or
//! whose date has passed, is reported itself (D009), so waivers do not outlive their reason.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Severity};
use crate::rules::{RuleMeta, d009, find, ymd};
use crate::settings::Settings;
use crate::source::Loc;

/// An approved exemption of one rule for a unit, meeting or file.
#[derive(Clone, Debug)]
pub struct Waiver {
    pub rule: &'static RuleMeta,
    pub scope: Scope,
    /// A period the waiver is limited to (`2026`, `2026-H1`, `2026-Q1`): it then covers only the
    /// findings about that period or a part of it.
    pub period: Option<String>,
    pub reason: String,
    /// The approving document's number (批准文号).
    pub approval: String,
    /// The last day the waiver holds.
    pub expires: NaiveDate,
    /// Its place in `yishi.toml`.
    pub loc: Loc,
}

/// What a waiver covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A street, community or village by name (`莲花街道`, `梅岭社区`, `莲花街道梅岭社区`); a street
    /// covers the communities below it.
    Unit(String),
    /// One meeting by its code.
    Meeting(String),
    /// One file, as a path inside the batch (`莲花街道/彩田社区/台账.csv`).
    File(String),
}

impl Scope {
    pub fn matches(&self, d: &Diagnostic) -> bool {
        match self {
            Scope::Unit(unit) => {
                let street = d.street.as_deref().unwrap_or("");
                let community = d.community.as_deref().unwrap_or("");
                (!street.is_empty() && unit == street)
                    || (!community.is_empty()
                        && (unit == community
                            || *unit == format!("{street}{community}")
                            || *unit == format!("{street}/{community}")))
            }
            Scope::Meeting(code) => d
                .meeting
                .as_deref()
                .is_some_and(|m| m.eq_ignore_ascii_case(code)),
            Scope::File(path) => d.loc.as_ref().is_some_and(|loc| {
                let name = &loc.file.name;
                name == path || name.ends_with(&format!("/{path}"))
            }),
        }
    }

    pub fn zh(&self) -> String {
        match self {
            Scope::Unit(u) => format!("单位「{u}」"),
            Scope::Meeting(m) => format!("会议 {m}"),
            Scope::File(f) => format!("文件 {f}"),
        }
    }
}

impl Waiver {
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.expires < today
    }

    pub fn matches(&self, d: &Diagnostic) -> bool {
        self.rule.code == d.code
            && self.scope.matches(d)
            && self.period.as_deref().is_none_or(|p| {
                d.period
                    .as_deref()
                    .is_some_and(|dp| dp == p || dp.starts_with(&format!("{p}-")))
            })
    }

    /// What the waiver covers, in words.
    pub fn covers(&self) -> String {
        match &self.period {
            Some(p) => format!("{}（期间 {p}）", self.scope.zh()),
            None => self.scope.zh(),
        }
    }
}

/// The severity a finding is reported with under the workspace's setting for its rule; `None`
/// when the rule is switched off. A finding at the rule's own severity takes the setting; a
/// lesser one (a reading warning, a note on a period not yet over) is never raised above it.
pub fn severity_in_force(settings: &Settings, d: &Diagnostic) -> Option<Severity> {
    let Some(rule) = settings.rules.get(d.code) else {
        return Some(d.severity);
    };
    if rule.disabled {
        return None;
    }
    let Some(set) = rule.severity else {
        return Some(d.severity);
    };
    let own = find(d.code).map_or(d.severity, |r| r.meta.severity);
    // Severity orders Error < Warning < Info: the larger is the milder.
    Some(if d.severity == own {
        set
    } else {
        d.severity.max(set)
    })
}

/// Applies switched-off rules, severity settings and waivers to a batch's findings, and reports
/// each waiver that is expired or matched nothing (D009).
pub fn apply(diagnostics: &mut Vec<Diagnostic>, settings: &Settings) {
    diagnostics.retain_mut(|d| match severity_in_force(settings, d) {
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
                d.facts
                    .insert("waiver_expired".into(), w.approval.clone().into());
                d.facts
                    .insert("waiver_expires".into(), ymd(w.expires).into());
            }
            continue;
        };
        used[i] = true;
        let waived_from = d.severity;
        d.severity = Severity::Info;
        d.message = format!(
            "［已豁免：{}］{}（豁免理由：{}；有效至 {}）",
            w.approval,
            d.message,
            w.reason,
            ymd(w.expires)
        );
        d.facts
            .insert("waived_by".into(), w.approval.clone().into());
        d.facts
            .insert("waiver_reason".into(), w.reason.clone().into());
        d.facts
            .insert("waiver_expires".into(), ymd(w.expires).into());
        d.facts
            .insert("waived_severity".into(), severity_key(waived_from).into());
    }
    for (w, used) in settings.waivers.iter().zip(used) {
        if w.expired(today) {
            diagnostics.push(expired(w, today));
        } else if !used {
            diagnostics.push(unused(w, settings));
        }
    }
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
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
    let why = if !crate::rules::active(w.rule, &settings.profiles) {
        "该规则不在本次启用的规则集中"
    } else if settings.rules.get(w.rule.code).is_some_and(|r| r.disabled) {
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
