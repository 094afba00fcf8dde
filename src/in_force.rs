//! The configuration in force, named in every output: which `yishi.toml` (its path and SHA-256),
//! and each way the settings differ from yishi's defaults — rules switched off, severities,
//! parameters and readings changed, a local holiday file, the workspace's own templates, waivers.
//!
//! The unit being checked controls its own `yishi.toml`. A clean result means something to an
//! inspector only when the output also says what was not checked and what was measured by other
//! numbers, so the differences are computed once, from the settings the run actually used, and
//! every report prints them.
//!
//! This module holds what is said and how; what the settings change is computed by
//! [`crate::config::in_force`], and the outsider's view by [`crate::hidden`].

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::meta::Severity;

/// What the run's settings are, where they differ from the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConfigInForce {
    /// The `yishi.toml` read, if any.
    pub file: Option<ConfigFile>,
    /// The profiles in force.
    pub profiles: Vec<&'static str>,
    /// The profiles as `yishi.toml` chose them, when they are not the default (深圳).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profiles_changed: Option<Change>,
    /// The check date, when `yishi.toml` sets it (the default is the day of the run): a date in
    /// the past makes deadlines and periods not yet over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    /// The year checked, when `yishi.toml` sets it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Workspace readings (`[readings]`) other than the defaults; they apply to every rule that
    /// follows the workspace.
    pub readings: Vec<Change>,
    /// Each active rule whose severity, parameters or readings differ, in code order.
    pub rules: Vec<RuleChange>,
    /// The local holiday file laid over the official calendar.
    pub holidays: Option<String>,
    /// The workspace's own template files used instead of the built-in ones (build and audit).
    pub templates: Vec<String>,
    /// Approved waivers (each finding they cover is shown as a note with its approval).
    pub waivers: usize,
}

/// The configuration file: where it is and which text it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigFile {
    pub path: String,
    pub sha256: String,
}

/// One setting: its key, the default and the value in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub key: String,
    pub default: String,
    pub value: String,
}

/// What the settings change for one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleChange {
    pub code: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    /// The severity in force (`off` when switched off) against the rule's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Change>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Change>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Change>,
}

impl RuleChange {
    /// Whether the rule is not run at all.
    pub fn off(&self) -> bool {
        self.severity.as_ref().is_some_and(|s| s.value == "off")
    }
}

impl ConfigInForce {
    /// Whether anything differs from the defaults: what the closing summary then names.
    pub fn differs(&self) -> bool {
        self.profiles_changed.is_some()
            || self.today.is_some()
            || self.year.is_some()
            || !self.readings.is_empty()
            || !self.rules.is_empty()
            || self.holidays.is_some()
            || !self.templates.is_empty()
            || self.waivers > 0
    }

    /// Whether there is anything to say: a file was read or something differs.
    pub fn present(&self) -> bool {
        self.file.is_some() || self.differs()
    }

    /// The change for one rule, if any.
    pub fn rule(&self, code: &str) -> Option<&RuleChange> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// The workspace's template files, as the run shows paths.
    pub fn set_templates(&mut self, files: &[std::path::PathBuf]) {
        self.templates = files
            .iter()
            .map(|f| crate::source::display_path(f))
            .collect();
    }

    /// The closing summary's block, one line a difference; empty when nothing differs.
    pub fn human(&self) -> String {
        use std::fmt::Write as _;
        if !self.differs() {
            return String::new();
        }
        let mut out = String::from("本次检查的设置与默认不同：\n");
        match &self.file {
            Some(f) => {
                let _ = writeln!(out, "  配置文件 {}（SHA-256 {}）", f.path, f.sha256);
            }
            None => out.push_str("  没有读取配置文件（以下设置来自命令行或批次文件夹）\n"),
        }
        if let Some(p) = &self.profiles_changed {
            let _ = writeln!(
                out,
                "  规则集：{}（默认 {}），其他规则集的规则没有运行",
                p.value, p.default
            );
        }
        if let Some(today) = &self.today {
            let _ = writeln!(
                out,
                "  检查日：{today}（由配置文件设定，默认为运行当天），期限和各期是否结束按这一天判断"
            );
        }
        if let Some(year) = self.year {
            let _ = writeln!(
                out,
                "  检查年度：{year}（由配置文件设定），其他年份的会议另行报告"
            );
        }
        for rule in &self.rules {
            let head = format!("  {} {}", rule.code, rule.title);
            if rule.off() {
                let default = rule
                    .severity
                    .as_ref()
                    .map_or("", |s| severity_zh_of_key(&s.default));
                let _ = writeln!(out, "{head}：已关闭（默认为{default}），这一项没有检查");
                continue;
            }
            let mut parts = Vec::new();
            if let Some(s) = &rule.severity {
                parts.push(format!(
                    "级别 {} → {}",
                    severity_zh_of_key(&s.default),
                    severity_zh_of_key(&s.value)
                ));
            }
            for p in &rule.params {
                parts.push(format!("参数 {} {} → {}", p.key, p.default, p.value));
            }
            for r in &rule.readings {
                parts.push(format!("读法 {} {} → {}", r.key, r.default, r.value));
            }
            let _ = writeln!(out, "{head}：{}", parts.join("；"));
        }
        for r in &self.readings {
            let _ = writeln!(
                out,
                "  读法 {}（所有沿用工作区读法的规则）：{} → {}",
                r.key, r.default, r.value
            );
        }
        if let Some(h) = &self.holidays {
            let _ = writeln!(out, "  本地节假日文件：{h}（叠加在国务院节假日安排之上）");
        }
        if !self.templates.is_empty() {
            let _ = writeln!(
                out,
                "  工作区模板取代内置模板：{}",
                self.templates.join("、")
            );
        }
        if self.waivers > 0 {
            let _ = writeln!(
                out,
                "  豁免 {} 项：所涉问题降为提示，逐条标有批准文号",
                self.waivers
            );
        }
        out
    }
}

impl ConfigInForce {
    /// The differences as one paragraph of the documents' prose (the self-audit's method, the
    /// annual report's notes); empty when nothing differs. The hash is shortened to its first
    /// 16 digits, which the outputs for machines and the terminal give in full.
    pub fn prose(&self) -> String {
        if !self.differs() {
            return String::new();
        }
        let mut parts = Vec::new();
        if let Some(p) = &self.profiles_changed {
            parts.push(format!("规则集为{}（默认为{}）", p.value, p.default));
        }
        if let Some(today) = &self.today {
            parts.push(format!("检查日定为{today}"));
        }
        if let Some(year) = self.year {
            parts.push(format!("检查年度定为{year}年"));
        }
        for rule in &self.rules {
            let named = format!("{}（{}）", rule.code, rule.title);
            if rule.off() {
                parts.push(format!("关闭规则{named}，该项未检查"));
                continue;
            }
            if let Some(s) = &rule.severity {
                parts.push(format!(
                    "{named}级别由{}改为{}",
                    severity_zh_of_key(&s.default),
                    severity_zh_of_key(&s.value)
                ));
            }
            for p in &rule.params {
                parts.push(format!(
                    "{named}参数{}由{}改为{}",
                    p.key, p.default, p.value
                ));
            }
            for r in &rule.readings {
                parts.push(format!(
                    "{named}读法{}由{}改为{}",
                    r.key, r.default, r.value
                ));
            }
        }
        for r in &self.readings {
            parts.push(format!("各规则读法{}由{}改为{}", r.key, r.default, r.value));
        }
        if let Some(h) = &self.holidays {
            parts.push(format!("叠加本地节假日文件{h}"));
        }
        if !self.templates.is_empty() {
            parts.push(format!("使用工作区模板{}", self.templates.join("、")));
        }
        if self.waivers > 0 {
            parts.push(format!(
                "经批准豁免{}项（所涉问题降为提示，不列入整改清单）",
                self.waivers
            ));
        }
        let whose = match &self.file {
            Some(f) => format!(
                "本次检查按配置文件{}（SHA-256值前16位{}）的设置进行",
                f.path,
                &f.sha256[..16]
            ),
            None => "本次检查没有读取配置文件".to_string(),
        };
        format!("{whose}，与yishi的默认设置不同之处：{}。", parts.join("；"))
    }
}

/// The Chinese name of a severity as `yishi.toml` writes it (`off` included).
fn severity_zh_of_key(key: &str) -> &'static str {
    Severity::ALL
        .into_iter()
        .find(|s| s.key() == key)
        .map_or("关闭", Severity::zh)
}

/// A finding the defaults report and the workspace's settings do not, or report more mildly.
#[derive(Clone, Debug)]
pub struct HiddenFinding {
    /// The finding as the defaults report it.
    pub finding: Diagnostic,
    /// Its severity under the workspace's settings; `None` when it is not reported at all.
    pub now: Option<Severity>,
    /// The setting that removed or lowered it, in words.
    pub why: String,
}

impl HiddenFinding {
    /// What became of it: 未报告, or the milder severity.
    pub fn now_zh(&self) -> &'static str {
        self.now.map_or("未报告", Severity::zh)
    }
}

/// The closing summary's list of what the settings hide, when it was asked for.
pub fn hidden_human(hidden: &[HiddenFinding]) -> String {
    use std::fmt::Write as _;
    if hidden.is_empty() {
        return "按默认设置复查：本工作区的设置没有去掉或降级任何问题\n".to_string();
    }
    let removed = hidden.iter().filter(|h| h.now.is_none()).count();
    let mut out = format!(
        "按默认设置复查：本工作区的设置去掉了 {removed} 条、降级了 {} 条问题：\n",
        hidden.len() - removed
    );
    for h in hidden {
        let d = &h.finding;
        let place = d
            .loc
            .as_ref()
            .map_or_else(String::new, crate::source::Loc::display);
        let meeting = d
            .meeting
            .as_deref()
            .map_or_else(String::new, |m| format!("会议 {m} "));
        let _ = writeln!(
            out,
            "  {} {}（{} → {}，{}）{place}\n    {meeting}{}",
            d.code,
            d.title,
            d.severity.zh(),
            h.now_zh(),
            h.why,
            d.message
        );
    }
    out
}

/// A setting's change: its key, the default, the value in force.
pub fn change(key: &str, default: impl Into<String>, value: impl Into<String>) -> Change {
    Change {
        key: key.to_string(),
        default: default.into(),
        value: value.into(),
    }
}
