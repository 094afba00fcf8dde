//! What a run checks against: the check date, the profiles, the readings, and each rule's
//! parameters and severity as the workspace sets them.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::days::{BeforeMode, DayUnit, Majority};
use crate::in_force::ConfigInForce;
use crate::meta::params::{Handle, Value};
use crate::meta::{Reading, Rollover, RuleMeta, Severity};
use crate::waivers::Waiver;

pub use crate::meta::Profile;

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
    /// How all of the above differs from the defaults, and which file said so: what every
    /// output names.
    pub in_force: Arc<ConfigInForce>,
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
            in_force: Arc::default(),
        }
    }

    fn rule(&self, meta: &RuleMeta) -> Option<&RuleSettings> {
        self.rules.get(meta.code)
    }

    /// Whether the rule runs: its profile is active (data rules always are) and it is not
    /// switched off.
    pub fn runs(&self, meta: &RuleMeta) -> bool {
        meta.active(&self.profiles) && !self.rule(meta).is_some_and(|r| r.disabled)
    }

    /// The value in force of one of the rule's parameters, read through the handle its
    /// declaration made.
    pub fn param<H: Handle>(&self, meta: &RuleMeta, handle: H) -> H::Out {
        self.rule(meta)
            .and_then(|r| r.params.get(handle.param().name))
            .and_then(H::read)
            .unwrap_or_else(|| handle.default_value())
    }

    /// The value in force of a parameter by its declaration, for listing.
    pub fn param_value(&self, meta: &RuleMeta, param: &crate::meta::Param) -> Value {
        self.rule(meta)
            .and_then(|r| r.params.get(param.name))
            .cloned()
            .unwrap_or_else(|| param.default.into())
    }

    /// How the rule reads "N日前": its own setting, else the workspace's.
    pub fn before_mode(&self, meta: &RuleMeta) -> BeforeMode {
        self.rule(meta)
            .and_then(|r| r.before_mode)
            .unwrap_or(self.before_mode)
    }

    /// How the rule reads "半数以上": its own setting, else the workspace's.
    pub fn majority(&self, meta: &RuleMeta) -> Majority {
        self.rule(meta)
            .and_then(|r| r.majority)
            .unwrap_or(self.majority)
    }

    /// Calendar or working days for the rule's "N日": its own setting, else the unit it declares.
    pub fn day_unit(&self, meta: &RuleMeta) -> DayUnit {
        let declared = meta.readings.iter().find_map(|r| match r {
            Reading::DayUnit(unit) => Some(*unit),
            _ => None,
        });
        self.rule(meta)
            .and_then(|r| r.day_unit)
            .or(declared)
            .unwrap_or(DayUnit::Calendar)
    }

    /// Whether the rule's last day on a rest day moves to the next working day: its own
    /// setting, else what it declares (the workspace's reading, or no).
    pub fn rollover_forward(&self, meta: &RuleMeta) -> bool {
        let declared = meta.readings.iter().find_map(|r| match r {
            Reading::RolloverForward(rollover) => Some(*rollover),
            _ => None,
        });
        self.rule(meta)
            .and_then(|r| r.rollover_forward)
            .unwrap_or(match declared {
                Some(Rollover::Off) => false,
                Some(Rollover::Workspace) | None => self.rollover_forward,
            })
    }

    /// The value in force of one of the rule's readings, as `yishi.toml` writes it.
    pub fn reading_key(&self, meta: &RuleMeta, reading: Reading) -> &'static str {
        match reading {
            Reading::BeforeMode => self.before_mode(meta).key(),
            Reading::Majority => self.majority(meta).key(),
            Reading::RolloverForward(_) => {
                if self.rollover_forward(meta) {
                    "true"
                } else {
                    "false"
                }
            }
            Reading::DayUnit(_) => self.day_unit(meta).key(),
        }
    }
}
