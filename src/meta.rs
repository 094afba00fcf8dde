//! What every rule declares about itself, once: its code, name and title, the severity of its
//! findings, the clause it rests on, the levels of meeting it applies to, the parameters and
//! readings it depends on with their defaults, and its documentation. `explain`, `rules`, the
//! configuration, the check and the documents all read a rule's facts from here.
//!
//! This module sits below the diagnostics and the rules, so both can name a rule's metadata
//! without naming each other.

pub mod params;

use serde::Serialize;

use crate::model::Level;

pub use params::{Param, Reading, Rollover};

/// How grave a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// As people read it.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    /// As `yishi.toml` and the JSON report write it.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A document the rules rest on: one of the three guidelines, or the project's own catalogue of
/// data rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Guideline {
    Shenzhen,
    Jilin,
    Xinjiang,
    /// The input contract and the rule catalogue, which the data rules cite.
    Catalogue,
}

impl Guideline {
    /// The document's title, as people cite it.
    pub fn title(self) -> &'static str {
        match self {
            Guideline::Shenzhen => "深圳市基层议事协商工作指引（试行）",
            Guideline::Jilin => "吉林省《关于加强城乡社区协商的实施意见》",
            Guideline::Xinjiang => "新疆维吾尔自治区《自治区基层议事协商工作指引》",
            Guideline::Catalogue => "yishi 规则目录（数据完整性）",
        }
    }

    /// The file the text is kept in (the seed guidelines, or `RULES.md`).
    pub fn file(self) -> &'static str {
        match self {
            Guideline::Shenzhen => "001_42344ac76878e628.txt",
            Guideline::Jilin => "002_4566a290611d9283.txt",
            Guideline::Xinjiang => "000_2fb0bc00ca5bcde1.txt",
            Guideline::Catalogue => "RULES.md",
        }
    }
}

/// The clause a rule rests on.
#[derive(Clone, Copy, Debug)]
pub struct Citation {
    pub guideline: Guideline,
    /// The clause as the document numbers it, e.g. `六(一)2`.
    pub clause: &'static str,
    /// The words of the clause the rule enforces.
    pub quote: &'static str,
}

impl Citation {
    /// The document's title.
    pub fn title(&self) -> &'static str {
        self.guideline.title()
    }

    /// The file the document is kept in.
    pub fn file(&self) -> &'static str {
        self.guideline.file()
    }
}

/// A jurisdiction's rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    Shenzhen,
    Jilin,
    Xinjiang,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Shenzhen, Profile::Jilin, Profile::Xinjiang];

    pub fn key(self) -> &'static str {
        match self {
            Profile::Shenzhen => "shenzhen",
            Profile::Jilin => "jilin",
            Profile::Xinjiang => "xinjiang",
        }
    }

    /// The guideline the profile's rules come from.
    pub fn guideline(self) -> Guideline {
        match self {
            Profile::Shenzhen => Guideline::Shenzhen,
            Profile::Jilin => Guideline::Jilin,
            Profile::Xinjiang => Guideline::Xinjiang,
        }
    }

    /// The title of the guideline the profile's rules come from.
    pub fn zh(self) -> &'static str {
        self.guideline().title()
    }

    /// A profile by name, in English, short form or Chinese.
    pub fn parse(name: &str) -> Result<Profile, String> {
        match name.trim().to_lowercase().as_str() {
            "shenzhen" | "sz" | "深圳" => Ok(Profile::Shenzhen),
            "jilin" | "jl" | "吉林" => Ok(Profile::Jilin),
            "xinjiang" | "xj" | "新疆" => Ok(Profile::Xinjiang),
            _ => Err(format!(
                "未知的规则集「{name}」：可用的有 shenzhen（深圳）、jilin（吉林）、xinjiang（新疆）"
            )),
        }
    }

    /// Several profiles separated by commas (`shenzhen,jilin`), without repeats, in order given.
    pub fn parse_list(names: &str) -> Result<Vec<Profile>, String> {
        let mut out = Vec::new();
        for name in names
            .split([',', '，', '、'])
            .filter(|s| !s.trim().is_empty())
        {
            let p = Profile::parse(name)?;
            if !out.contains(&p) {
                out.push(p);
            }
        }
        if out.is_empty() {
            return Err("没有指定规则集：可用的有 shenzhen、jilin、xinjiang".to_string());
        }
        Ok(out)
    }

    /// The code prefix of the profile's rules.
    pub fn code_prefix(self) -> &'static str {
        match self {
            Profile::Shenzhen => "SZ",
            Profile::Jilin => "JL",
            Profile::Xinjiang => "XJ",
        }
    }
}

/// The levels of meeting a rule looks at. A meeting whose level is unknown is looked at only by
/// the rules for every level; D002 reports the missing level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Levels {
    /// Every meeting, whatever its level.
    Any,
    /// Meetings at these levels only.
    Only(&'static [Level]),
}

impl Levels {
    /// Street meetings (街道层面).
    pub const STREET: Levels = Levels::Only(&[Level::Street]);
    /// Community and village meetings (社区（村）层面).
    pub const LOCAL: Levels = Levels::Only(&[Level::Community, Level::Village]);
    /// Village meetings.
    pub const VILLAGE: Levels = Levels::Only(&[Level::Village]);

    /// Whether a meeting at `level` (`None`: unknown) is looked at.
    pub fn include(self, level: Option<Level>) -> bool {
        match self {
            Levels::Any => true,
            Levels::Only(levels) => level.is_some_and(|l| levels.contains(&l)),
        }
    }

    /// The levels, for a filter over units; every level for [`Levels::Any`].
    pub fn list(self) -> &'static [Level] {
        match self {
            Levels::Any => &Level::ALL,
            Levels::Only(levels) => levels,
        }
    }

    /// As people read it: 街道, 社区、村, or 全部.
    pub fn zh(self) -> String {
        match self {
            Levels::Any => "全部".to_string(),
            Levels::Only(levels) => levels.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、"),
        }
    }

    /// As the JSON catalogue writes it: `["street"]`, or `[]` for every level.
    pub fn keys(self) -> Vec<&'static str> {
        match self {
            Levels::Any => Vec::new(),
            Levels::Only(levels) => levels.iter().map(|l| l.key()).collect(),
        }
    }
}

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
    /// The meetings the rule looks at; a meeting at another level is not checked by it.
    pub levels: Levels,
    /// The numbers and lists the rule reads, with their defaults (declared with
    /// [`params!`](crate::meta::params::params)).
    pub params: &'static [Param],
    /// The readings of the guideline's words that the rule's verdict can hang on, with the
    /// rule's defaults.
    pub readings: &'static [Reading],
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

    /// The profile whose rule it is; `None` for the data rules every profile runs.
    pub fn profile(&self) -> Option<Profile> {
        Profile::ALL
            .into_iter()
            .find(|p| self.code.starts_with(p.code_prefix()))
    }

    /// The profile's key, or `data` for the data rules.
    pub fn profile_key(&self) -> &'static str {
        self.profile().map_or("data", Profile::key)
    }

    /// Whether the rule is active under the given profiles: data rules always are.
    pub fn active(&self, profiles: &[Profile]) -> bool {
        self.profile().is_none_or(|p| profiles.contains(&p))
    }

    /// The rule's declared parameter named `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The rule's declared reading with the key `key`.
    pub fn reading(&self, key: &str) -> Option<Reading> {
        self.readings.iter().copied().find(|r| r.key() == key)
    }
}
