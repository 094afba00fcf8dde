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

/// How binding the clause's words are, which sets the severity a rule's findings may have: the
/// text's own modality, not the tool's view of how much a lapse matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// 须、应、应当、要、必须: the text requires it; an error.
    Must(&'static str),
    /// The procedure states the step, deadline or number as what is done ("5日前…公开",
    /// "不少于", "签名确认"), without a softening word; an error.
    Prescribed(&'static str),
    /// 原则上、一般: the rule admits exceptions; a warning.
    InPrinciple(&'static str),
    /// 支持、鼓励: the text encourages it; a warning.
    Encouraged(&'static str),
    /// Only in a flowchart the guideline marks （示例）; a warning.
    Example(&'static str),
    /// 可、可以: the text allows it; a note (info) at most.
    May(&'static str),
    /// A data rule: the input contract, not a guideline's words.
    Data,
}

impl Modality {
    /// The words the clause's force rests on.
    pub fn words(self) -> &'static str {
        match self {
            Modality::Must(w)
            | Modality::Prescribed(w)
            | Modality::InPrinciple(w)
            | Modality::Encouraged(w)
            | Modality::Example(w)
            | Modality::May(w) => w,
            Modality::Data => "",
        }
    }

    /// The gravest severity the words allow; `None` for a data rule.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Modality::Must(_) | Modality::Prescribed(_) => Some(Severity::Error),
            Modality::InPrinciple(_) | Modality::Encouraged(_) | Modality::Example(_) => {
                Some(Severity::Warning)
            }
            Modality::May(_) => Some(Severity::Info),
            Modality::Data => None,
        }
    }

    /// The kind, as the JSON catalogue writes it.
    pub fn key(self) -> &'static str {
        match self {
            Modality::Must(_) => "must",
            Modality::Prescribed(_) => "prescribed",
            Modality::InPrinciple(_) => "in_principle",
            Modality::Encouraged(_) => "encouraged",
            Modality::Example(_) => "example",
            Modality::May(_) => "may",
            Modality::Data => "data",
        }
    }

    /// Why the words set that severity, as `explain` says it.
    pub fn zh(self) -> String {
        let w = self.words();
        match self {
            Modality::Must(_) => format!("原文用“{w}”，是必须做到的要求：错误"),
            Modality::Prescribed(_) => {
                format!(
                    "原文在程序中直接规定“{w}”（没有“可”“原则上”等放宽的字眼），按必须做到读：错误"
                )
            }
            Modality::InPrinciple(_) => format!("原文用“{w}”，允许有例外：警告"),
            Modality::Encouraged(_) => format!("原文用“{w}”，是倡导而非强制：警告"),
            Modality::Example(_) => {
                format!("只见于标注“（示例）”的流程图（“{w}”），示例不是强制性条款：警告")
            }
            Modality::May(_) => format!("原文用“{w}”，是允许而非要求：至多提示"),
            Modality::Data => "数据完整性规则，依据输入约定而非指引原文".to_string(),
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
    /// How binding those words are.
    pub modality: Modality,
    /// Why the rule's default severity is milder than its words allow, where it is: what the
    /// records cannot show. `None` where the severity is the words' own.
    pub milder: Option<&'static str>,
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
