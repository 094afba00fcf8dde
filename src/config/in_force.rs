//! What a run's settings change from yishi's defaults, computed once from the settings the run
//! uses and the `yishi.toml` they came from: the [`ConfigInForce`] every output names.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::Config;
use crate::days::{BeforeMode, Majority};
use crate::in_force::{Change, ConfigFile, ConfigInForce, RuleChange, change};
use crate::meta::{Reading, RuleMeta};
use crate::policy;
use crate::rules;
use crate::settings::Settings;

/// Which of the settings the command line leaves to `yishi.toml` come from it.
#[derive(Clone, Copy, Debug, Default)]
pub struct FromFile {
    pub profiles: bool,
    pub today: bool,
    pub year: bool,
}

impl FromFile {
    /// What `config` sets that the command line (`profiles`, `today`, `year` as given there)
    /// does not override.
    pub fn of(
        config: Option<&Config>,
        cli_profiles: bool,
        cli_today: bool,
        cli_year: bool,
    ) -> Self {
        FromFile {
            profiles: !cli_profiles && config.is_some_and(|c| c.profiles.is_some()),
            today: !cli_today && config.is_some_and(|c| c.today.is_some()),
            year: !cli_year && config.is_some_and(|c| c.year.is_some()),
        }
    }
}

/// The configuration in force for `settings`, read from `config` (if any). `from_file`:
/// which of the profiles, check date and year are the file's. `holidays`: the local holiday
/// file in force, from the command line or the file.
pub fn in_force(
    config: Option<&Config>,
    settings: &Settings,
    from_file: FromFile,
    holidays: Option<&Path>,
) -> ConfigInForce {
    let profiles_from_file = from_file.profiles;
    let defaults = Settings::new(settings.today);
    let profiles: Vec<&'static str> = settings.profiles.iter().map(|p| p.key()).collect();
    let default_profiles: Vec<&'static str> = defaults.profiles.iter().map(|p| p.key()).collect();
    let profiles_changed = (profiles_from_file && profiles != default_profiles)
        .then(|| change("profiles", default_profiles.join(","), profiles.join(",")));
    let mut readings = Vec::new();
    let workspace = [
        (
            "before_mode",
            BeforeMode::OneEnd.key(),
            settings.before_mode.key(),
        ),
        (
            "majority",
            Majority::AtLeastHalf.key(),
            settings.majority.key(),
        ),
        (
            "rollover_forward",
            "true",
            if settings.rollover_forward {
                "true"
            } else {
                "false"
            },
        ),
    ];
    for (key, default, value) in workspace {
        if default != value {
            readings.push(change(key, default, value));
        }
    }
    let rules = rules::RULES
        .iter()
        .map(|r| r.meta)
        .filter(|m| m.active(&settings.profiles))
        .filter_map(|m| rule_change(m, settings, &defaults))
        .collect();
    ConfigInForce {
        file: config.map(|c| ConfigFile {
            path: c.path().to_string(),
            sha256: format!("{:x}", Sha256::digest(c.source.text.as_bytes())),
        }),
        profiles,
        profiles_changed,
        today: from_file.today.then(|| crate::rules::ymd(settings.today)),
        year: settings.year.filter(|_| from_file.year),
        readings,
        rules,
        holidays: holidays.map(crate::source::display_path),
        templates: Vec::new(),
        waivers: settings.waivers.len(),
    }
}

/// What the settings change for `meta`, against the rule's declared defaults.
fn rule_change(meta: &RuleMeta, settings: &Settings, defaults: &Settings) -> Option<RuleChange> {
    let own = policy::severity(meta, settings);
    let severity = (own != Some(meta.severity))
        .then(|| change("severity", meta.severity.key(), policy::severity_key(own)));
    let params: Vec<Change> = meta
        .params
        .iter()
        .filter_map(|p| {
            let value = settings.param_value(meta, p);
            let default = defaults.param_value(meta, p);
            (value != default).then(|| change(p.name, default.to_string(), value.to_string()))
        })
        .collect();
    // A rule's reading differs when its own setting does; a workspace reading it follows is
    // named once for all rules.
    let set = settings.rules.get(meta.code);
    let readings: Vec<Change> = meta
        .readings
        .iter()
        .filter(|r| {
            set.is_some_and(|s| match r {
                Reading::BeforeMode => s.before_mode.is_some(),
                Reading::Majority => s.majority.is_some(),
                Reading::RolloverForward(_) => s.rollover_forward.is_some(),
                Reading::DayUnit(_) => s.day_unit.is_some(),
            })
        })
        .filter_map(|&r| {
            let value = settings.reading_key(meta, r);
            let default = r.default_key();
            (value != default).then(|| change(r.key(), default, value))
        })
        .collect();
    if severity.is_none() && params.is_empty() && readings.is_empty() {
        return None;
    }
    Some(RuleChange {
        code: meta.code,
        name: meta.name,
        title: meta.title,
        severity,
        params,
        readings,
    })
}
