//! Waivers: approved exemptions of one rule for a unit, a meeting or a file, as `yishi.toml`
//! writes them. [`crate::policy`] applies them.
//!
//! A waived finding stays in the report, lowered to a note (info) and marked with the approval
//! that covers it: an inspector reading the report sees what was found, on whose authority it is
//! not counted, and until when, and can check the approval against the paper file. Dropping it
//! would make a waiver indistinguishable from a clean record. A waiver that matched nothing, or
//! whose date has passed, is reported itself (D009), so waivers do not outlive their reason.

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::meta::RuleMeta;
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
