//! The view of an outsider: the batch checked again under yishi's defaults, and the findings the
//! workspace's settings removed or lowered, each with the setting that did it.
//!
//! The defaults keep what says which batch is checked (the profiles, and the check date and
//! year given on the command line) and the waivers (approved, and already itemised with their
//! approval numbers); they drop what says how strictly: rules switched off, severities,
//! parameters, readings, the local holiday file, and a check date or year set in the file. A finding is the same finding in both runs when its rule, meeting, period, field and
//! place are: a changed parameter changes the message ("3 days, 5 required") but not the place.

use std::collections::HashMap;
use std::sync::Arc;

use crate::batch::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::in_force::{ConfigInForce, HiddenFinding};
use crate::rules;
use crate::settings::Settings;

/// The settings an outsider checks with: the same batch, profiles and waivers, the same check
/// date and year unless `yishi.toml` set them (then the day of the run and the batch's own
/// years), and every other setting at yishi's default.
pub fn defaults_of(settings: &Settings) -> Settings {
    let set = &settings.in_force;
    let today = if set.today.is_some() {
        crate::clock::today()
    } else {
        settings.today
    };
    let mut defaults = Settings::new(today);
    defaults.profiles.clone_from(&settings.profiles);
    defaults.year = if set.year.is_some() {
        None
    } else {
        settings.year
    };
    defaults.waivers.clone_from(&settings.waivers);
    defaults.in_force = Arc::new(ConfigInForce {
        profiles: settings.profiles.iter().map(|p| p.key()).collect(),
        waivers: settings.waivers.len(),
        ..ConfigInForce::default()
    });
    defaults
}

type Key = (
    &'static str,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    usize,
);

fn key(d: &Diagnostic) -> Key {
    let (file, at) = d
        .loc
        .as_ref()
        .map_or((String::new(), 0), |l| (l.file.name.clone(), l.span.start));
    (
        d.code,
        d.meeting.clone(),
        d.period.clone(),
        d.field.as_deref().map(str::to_string),
        file,
        at,
    )
}

/// Checks the batch at `paths` again under the defaults and keeps in `checked` what the
/// settings hid.
pub fn add_to(checked: &mut Checked, paths: &[std::path::PathBuf], settings: &Settings) {
    let defaults = crate::batch::run(paths, &defaults_of(settings));
    checked.hidden = Some(compare(&defaults, checked, &settings.in_force));
}

/// The findings of `defaults` that `in_force` does not report, or reports more mildly, in the
/// order the defaults report them.
pub fn compare(
    defaults: &Checked,
    in_force: &Checked,
    config: &ConfigInForce,
) -> Vec<HiddenFinding> {
    let mut reported: HashMap<Key, Vec<Severity>> = HashMap::new();
    for d in &in_force.diagnostics {
        reported.entry(key(d)).or_default().push(d.severity);
    }
    let mut hidden = Vec::new();
    for d in &defaults.diagnostics {
        let now = reported.get_mut(&key(d)).and_then(|found| {
            // The most severe first, so that a lowered one is paired with what is left.
            let i = (0..found.len()).min_by_key(|&i| found[i])?;
            Some(found.swap_remove(i))
        });
        // Severity orders Error < Warning < Info: the larger is the milder.
        if now.is_some_and(|s| s <= d.severity) {
            continue;
        }
        hidden.push(HiddenFinding {
            finding: d.clone(),
            now,
            why: why(d, config),
        });
    }
    hidden
}

/// The setting that explains a finding's fate, in words.
fn why(d: &Diagnostic, config: &ConfigInForce) -> String {
    let mut parts = Vec::new();
    if let Some(rule) = config.rule(d.code) {
        if let Some(s) = &rule.severity {
            parts.push(if rule.off() {
                format!("yishi.toml 关闭了 {}", d.code)
            } else {
                format!("{} 的级别改为 {}", d.code, s.value)
            });
        }
        for p in &rule.params {
            parts.push(format!("参数 {} {} → {}", p.key, p.default, p.value));
        }
        for r in &rule.readings {
            parts.push(format!("读法 {} {} → {}", r.key, r.default, r.value));
        }
    }
    if parts.is_empty()
        && let Ok(rule) = rules::lookup(d.code)
    {
        for r in &config.readings {
            if rule.meta.readings.iter().any(|x| x.key() == r.key) {
                parts.push(format!("读法 {} {} → {}", r.key, r.default, r.value));
            }
        }
    }
    if parts.is_empty()
        && let Some(h) = &config.holidays
    {
        parts.push(format!("本地节假日文件 {h}"));
    }
    if parts.is_empty()
        && let Some(today) = &config.today
    {
        parts.push(format!("配置文件把检查日定为 {today}"));
    }
    if parts.is_empty()
        && let Some(year) = config.year
    {
        parts.push(format!("配置文件把检查年度定为 {year}"));
    }
    if parts.is_empty() {
        "本工作区的设置".to_string()
    } else {
        parts.join("；")
    }
}
