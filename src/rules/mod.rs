//! The rule registry: one rule per file, each with a code, a name, a severity, the clause it rests
//! on and a doc comment (its module doc, which `explain` prints), and a pure check function.
//!
//! D001, D003 and D006 are found while loading and merging; their files hold the metadata and
//! the doc, and the check is done where the data is read.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diag::{Citation, Diagnostic, Severity};
use crate::fields::Field;
use crate::model::Meeting;
use crate::settings::{Profile, Settings};

mod lead;
mod within;

pub mod d001;
pub mod d002;
pub mod d003;
pub mod d004;
pub mod d005;
pub mod d006;
pub mod d007;
pub mod d008;
pub mod sz001;
pub mod sz002;
pub mod sz003;
pub mod sz004;
pub mod sz005;
pub mod sz101;
pub mod sz102;
pub mod sz111;
pub mod sz201;
pub mod sz202;
pub mod sz204;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    /// Kebab-case name of the flagged pattern, used in JSON and configuration.
    pub name: &'static str,
    /// Chinese title.
    pub title: &'static str,
    pub severity: Severity,
    pub citation: Citation,
    /// The rule's source file; its `//!` lines are the rule's documentation.
    pub source: &'static str,
}

impl RuleMeta {
    /// The rule's documentation: its module doc comment.
    pub fn doc(&self) -> String {
        self.source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub type CheckFn = fn(&mut Ctx);

pub struct Rule {
    pub meta: &'static RuleMeta,
    /// `None` for the rules found while loading and merging.
    pub check: Option<CheckFn>,
}

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    Rule {
        meta: &d001::META,
        check: None,
    },
    Rule {
        meta: &d002::META,
        check: Some(d002::check),
    },
    Rule {
        meta: &d003::META,
        check: None,
    },
    Rule {
        meta: &d004::META,
        check: Some(d004::check),
    },
    Rule {
        meta: &d005::META,
        check: Some(d005::check),
    },
    Rule {
        meta: &d006::META,
        check: None,
    },
    Rule {
        meta: &d007::META,
        check: Some(d007::check),
    },
    Rule {
        meta: &d008::META,
        check: None,
    },
    Rule {
        meta: &sz001::META,
        check: Some(sz001::check),
    },
    Rule {
        meta: &sz002::META,
        check: Some(sz002::check),
    },
    Rule {
        meta: &sz003::META,
        check: Some(sz003::check),
    },
    Rule {
        meta: &sz004::META,
        check: Some(sz004::check),
    },
    Rule {
        meta: &sz005::META,
        check: Some(sz005::check),
    },
    Rule {
        meta: &sz101::META,
        check: Some(sz101::check),
    },
    Rule {
        meta: &sz102::META,
        check: Some(sz102::check),
    },
    Rule {
        meta: &sz111::META,
        check: Some(sz111::check),
    },
    Rule {
        meta: &sz201::META,
        check: Some(sz201::check),
    },
    Rule {
        meta: &sz202::META,
        check: Some(sz202::check),
    },
    Rule {
        meta: &sz204::META,
        check: Some(sz204::check),
    },
];

pub fn find(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.meta.code.eq_ignore_ascii_case(code))
}

/// Whether a rule is active under the given profiles: data rules always are.
pub fn active(meta: &RuleMeta, profiles: &[Profile]) -> bool {
    meta.code.starts_with('D')
        || profiles
            .iter()
            .any(|p| meta.code.starts_with(p.code_prefix()))
}

/// The Shenzhen guideline, which the SZ rules cite.
pub const SHENZHEN: &str = "001_42344ac76878e628.txt";
pub const SHENZHEN_TITLE: &str = "深圳市基层议事协商工作指引（试行）";
/// The input contract and the rule catalogue, which the data rules cite.
pub const CATALOGUE: &str = "RULES.md";
pub const CATALOGUE_TITLE: &str = "yishi 规则目录（数据完整性）";

/// What a rule's check sees: the meeting, the settings, and a place to put findings.
pub struct Ctx<'a> {
    pub m: &'a Meeting,
    pub settings: &'a Settings,
    pub out: Vec<Diagnostic>,
    /// Fields a rule needed and did not find, with the rules that needed them.
    missing: BTreeMap<Field, Vec<&'static str>>,
}

impl<'a> Ctx<'a> {
    pub fn new(m: &'a Meeting, settings: &'a Settings) -> Ctx<'a> {
        Ctx {
            m,
            settings,
            out: Vec::new(),
            missing: BTreeMap::new(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.settings.today
    }

    /// Adds a finding about this meeting.
    pub fn emit(&mut self, mut d: Diagnostic) {
        d.meeting = Some(self.m.code.clone());
        d.street = self.m.street().map(str::to_string);
        d.community = self.m.community().map(str::to_string);
        self.out.push(d);
    }

    /// Notes that `rule` needs `field`; true when it is there. A field whose text could not be
    /// parsed is already reported (D003) and is not reported missing again.
    pub fn need(&mut self, rule: &'static RuleMeta, field: Field) -> bool {
        if self.m.fields.contains_key(&field) {
            return true;
        }
        if !self.m.invalid.contains_key(&field) {
            let rules = self.missing.entry(field).or_default();
            if !rules.contains(&rule.code) {
                rules.push(rule.code);
            }
        }
        false
    }

    pub fn need_date(&mut self, rule: &'static RuleMeta, field: Field) -> Option<NaiveDate> {
        if self.need(rule, field) {
            self.m.date(field)
        } else {
            None
        }
    }

    pub fn need_count(&mut self, rule: &'static RuleMeta, field: Field) -> Option<u32> {
        if self.need(rule, field) {
            self.m.count(field)
        } else {
            None
        }
    }

    pub fn need_yes_no(&mut self, rule: &'static RuleMeta, field: Field) -> Option<bool> {
        if self.need(rule, field) {
            self.m.yes_no(field)
        } else {
            None
        }
    }

    /// Reports each missing field once (D002), naming every rule that needed it.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (field, rules) in std::mem::take(&mut self.missing) {
            let loc = self.m.missing_loc(field).clone();
            let given_empty = self.m.empty.contains_key(&field);
            let d = Diagnostic::new(
                &d002::META,
                format!(
                    "缺少「{}」：{} 需要这一项才能检查",
                    field.zh(),
                    rules.join("、")
                ),
            )
            .at(Some(&loc))
            .label(if given_empty {
                "此处为空"
            } else {
                "该会议没有这一栏"
            })
            .field(field.zh())
            .fact("field", field.zh())
            .fact("needed_by", rules.clone())
            .help(format!(
                "在台账「{}」（{}）一栏或会议记录的前置信息中填写；确实没有的，请在备注中说明原因",
                field.zh(),
                field.en()
            ));
            self.emit(d);
        }
        self.out
    }
}

/// Runs every active meeting rule over one meeting.
pub fn check_meeting(m: &Meeting, settings: &Settings) -> Vec<Diagnostic> {
    let mut cx = Ctx::new(m, settings);
    for rule in RULES {
        if let Some(check) = rule.check
            && active(rule.meta, &settings.profiles)
        {
            check(&mut cx);
        }
    }
    cx.finish()
}

/// A date as the messages print it.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
