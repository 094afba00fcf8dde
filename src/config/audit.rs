//! `[audit]` of `yishi.toml`: the scoring table of the self-audit (`yishi audit`). Each item is
//! a table under `[audit.scoring]` named by its area, in English or Chinese:
//!
//! ```toml
//! [audit.scoring.publicity]      # 或 [audit.scoring."信息公开"]
//! points = 20                    # 分值
//! error = 2                      # 每发现 1 项错误扣的分
//! warning = 0.5                  # 每发现 1 项警告扣的分
//! standard = "协商信息按时公开"    # 评定标准
//! ```

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};

use super::{Config, Key, Val, Walk};
use crate::audit::scoring::{ItemSettings, Points, area_key, area_named};
use crate::figures::Area;

pub(super) const AUDIT_KEYS: [&str; 1] = ["scoring"];
const ITEM_KEYS: [&str; 4] = ["points", "error", "warning", "standard"];
/// No item is worth more, and no finding deducts more, than this.
const MAX_POINTS: u32 = 1000;

/// What `[audit]` sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditConfig {
    /// `[audit.scoring.<area>]`, by area.
    pub scoring: BTreeMap<Area, ItemSettings>,
}

impl Walk<'_> {
    pub(super) fn audit(&mut self, table: &DeTable<'_>, config: &mut Config) {
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "scoring" => {
                    if let Some(items) = self.table("audit.scoring", value) {
                        for (name, item) in items {
                            self.scoring_item(name, item, config);
                        }
                        self.scoring_total(value, config);
                    }
                }
                _ => self.unknown(key, &AUDIT_KEYS, "[audit] 中"),
            }
        }
    }

    fn scoring_item(&mut self, name: &Key<'_>, value: &Val<'_>, config: &mut Config) {
        let Some(area) = area_named(name.get_ref()) else {
            let known: Vec<&str> = Area::ALL
                .iter()
                .map(|a| area_key(*a))
                .chain(Area::ALL.iter().map(|a| a.zh()))
                .collect();
            self.unknown(name, &known, "评分表 [audit.scoring] 中");
            return;
        };
        let Some(table) = self.table(&format!("audit.scoring.{}", area_key(area)), value) else {
            return;
        };
        let mut item = config.audit.scoring.remove(&area).unwrap_or_default();
        for (k, v) in table {
            match k.get_ref().as_ref() {
                "points" => item.points = self.points("points", v, "分值"),
                "error" => item.per_error = self.points("error", v, "每项错误扣的分"),
                "warning" => item.per_warning = self.points("warning", v, "每项警告扣的分"),
                "standard" => {
                    item.standard = self.string("standard", v).map(|s| s.trim().to_string());
                }
                _ => self.unknown(
                    k,
                    &ITEM_KEYS,
                    &format!("评分项 {}（{}）中", area_key(area), area.zh()),
                ),
            }
        }
        config.audit.scoring.insert(area, item);
    }

    /// Points: 0 to [`MAX_POINTS`], whole or with one decimal (2.5).
    fn points(&mut self, key: &str, value: &Val<'_>, what: &str) -> Option<Points> {
        let tenths = match value.get_ref() {
            DeValue::Integer(_) => super::integer(value.get_ref())
                .and_then(|n| u32::try_from(n).ok())
                .and_then(|n| n.checked_mul(10)),
            DeValue::Float(f) => super::decimal(f.as_str()).and_then(|(num, den)| {
                (den <= 10 && (num * 10) % den == 0)
                    .then(|| u32::try_from(num * 10 / den).ok())
                    .flatten()
            }),
            _ => None,
        };
        match tenths {
            Some(t) if t <= MAX_POINTS * 10 => Some(Points(t)),
            _ => {
                self.wrong_kind(
                    key,
                    value,
                    &format!("{what}：0 到 {MAX_POINTS} 之间的数，至多一位小数，如 2 或 0.5"),
                );
                None
            }
        }
    }

    /// A table whose items are all worth nothing scores nothing: said at `[audit.scoring]`.
    fn scoring_total(&mut self, value: &Val<'_>, config: &Config) {
        let scoring = crate::audit::scoring::Scoring::with(&config.audit.scoring);
        if scoring.full() == Points(0) {
            self.fail(
                value.span(),
                "audit.scoring",
                "评分表各项的分值（points）合计为 0，无法评分".to_string(),
                "至少给一项写大于 0 的分值；不需要评分的项写 points = 0".to_string(),
            );
        }
    }
}
