//! What a run checks against: the check date, the profiles, the readings, and each rule's
//! parameters and severity as the workspace sets them.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::days::{BeforeMode, DayUnit, Majority};
use crate::diag::Severity;
use crate::rules::RuleMeta;
use crate::rules::params::Value;
use crate::waivers::Waiver;

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
    pub fn zh(self) -> &'static str {
        match self {
            Profile::Shenzhen => "深圳市基层议事协商工作指引（试行）",
            Profile::Jilin => "吉林省《关于加强城乡社区协商的实施意见》",
            Profile::Xinjiang => "新疆维吾尔自治区《自治区基层议事协商工作指引》",
        }
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

/// What a workspace sets for one rule; `None` keeps the rule's default.
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    /// The rule is not run at all.
    pub disabled: bool,
    pub severity: Option<Severity>,
    /// Parameter overrides by name; the configuration checks names and kinds against the rule.
    pub params: BTreeMap<String, Value>,
    pub before_mode: Option<BeforeMode>,
    pub majority: Option<Majority>,
    pub rollover_forward: Option<bool>,
    pub day_unit: Option<DayUnit>,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The check date ("today"), from `--today`, the configuration or the clock.
    pub today: NaiveDate,
    pub profiles: Vec<Profile>,
    /// How "N日前" is read, unless a rule says otherwise.
    pub before_mode: BeforeMode,
    /// How "半数以上" is read, unless a rule says otherwise.
    pub majority: Majority,
    /// Whether "N日内" deadlines ending on a rest day move to the next working day.
    pub rollover_forward: bool,
    /// Per-rule settings by code (upper case).
    pub rules: BTreeMap<String, RuleSettings>,
    /// The year the batch is checked for (`--year`): the frequency rules check its periods, and
    /// a meeting outside it is reported (D007). Without it, the batch's own dates decide.
    pub year: Option<i32>,
    /// The holiday calendar: the official table, with the workspace's local file laid over it.
    pub calendar: Arc<Calendar>,
    /// Approved exemptions from `yishi.toml`, applied after the rules have run.
    pub waivers: Vec<Waiver>,
}

impl Settings {
    pub fn new(today: NaiveDate) -> Settings {
        Settings {
            today,
            profiles: vec![Profile::Shenzhen],
            before_mode: BeforeMode::OneEnd,
            majority: Majority::AtLeastHalf,
            rollover_forward: true,
            rules: BTreeMap::new(),
            year: None,
            calendar: Arc::new(Calendar::official().clone()),
            waivers: Vec::new(),
        }
    }

    fn rule(&self, meta: &RuleMeta) -> Option<&RuleSettings> {
        self.rules.get(meta.code)
    }

    /// Whether the rule runs: its profile is active (data rules always are) and it is not
    /// switched off.
    pub fn runs(&self, meta: &RuleMeta) -> bool {
        crate::rules::active(meta, &self.profiles) && !self.rule(meta).is_some_and(|r| r.disabled)
    }

    /// The severity a finding of `code` is reported with.
    pub fn severity(&self, code: &str, found: Severity) -> Severity {
        self.rules
            .get(code)
            .and_then(|r| r.severity)
            .unwrap_or(found)
    }

    /// The value in force of one of the rule's declared parameters.
    ///
    /// # Panics
    /// When the rule does not declare `name`: a mistake in the rule, caught by its tests.
    pub fn param(&self, meta: &RuleMeta, name: &str) -> Value {
        if let Some(v) = self.rule(meta).and_then(|r| r.params.get(name)) {
            return v.clone();
        }
        let p = meta
            .params
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{} does not declare the parameter {name}", meta.code));
        p.default.into()
    }

    /// A numeric parameter.
    pub fn number(&self, meta: &RuleMeta, name: &str) -> u32 {
        match self.param(meta, name) {
            Value::Number(n) => n,
            other => panic!("{}.{name} is not a number: {other:?}", meta.code),
        }
    }

    /// A share parameter as `(num, den)`.
    pub fn share(&self, meta: &RuleMeta, name: &str) -> (u32, u32) {
        match self.param(meta, name) {
            Value::Share(a, b) => (a, b),
            other => panic!("{}.{name} is not a share: {other:?}", meta.code),
        }
    }

    /// A list parameter.
    pub fn words(&self, meta: &RuleMeta, name: &str) -> Vec<String> {
        match self.param(meta, name) {
            Value::Words(w) => w,
            other => panic!("{}.{name} is not a list: {other:?}", meta.code),
        }
    }

    pub fn before_mode(&self, meta: &RuleMeta) -> BeforeMode {
        self.rule(meta)
            .and_then(|r| r.before_mode)
            .unwrap_or(self.before_mode)
    }

    pub fn majority(&self, meta: &RuleMeta) -> Majority {
        self.rule(meta)
            .and_then(|r| r.majority)
            .unwrap_or(self.majority)
    }

    /// Calendar or working days for the rule's "N日", `default` unless the workspace says.
    pub fn day_unit(&self, meta: &RuleMeta, default: DayUnit) -> DayUnit {
        self.rule(meta).and_then(|r| r.day_unit).unwrap_or(default)
    }

    pub fn rollover_forward(&self, meta: &RuleMeta) -> bool {
        self.rollover_forward_or(meta, self.rollover_forward)
    }

    /// The rollover reading for a rule whose text is not an "N日内" period and so does not
    /// follow the workspace-wide setting: `default` unless the rule's own settings say.
    pub fn rollover_forward_or(&self, meta: &RuleMeta, default: bool) -> bool {
        self.rule(meta)
            .and_then(|r| r.rollover_forward)
            .unwrap_or(default)
    }
}
