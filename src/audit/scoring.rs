//! The self-audit's scoring table (自评评分表), laid out as inspections of self-governance lay
//! theirs out: 项目 / 评定标准 / 分值 / 评分细则（每发现1项扣X分，扣完为止）/ 自评得分. There is
//! one item per area findings are grouped by ([`Area`]).
//!
//! No official points table for 议事协商 exists. The defaults below are yishi's own, and the
//! report and the README say so; `[audit.scoring]` of `yishi.toml` sets any of them.
//!
//! What is deducted: every finding on the rectification list (错误 and 警告) deducts its item's
//! amount for its severity, down to zero for the item, except a warning that the meeting passes
//! under the reading in force (the rule said so: it is listed, for the clerk to make the record
//! safe, but the step was met — as the annual figures count it).

use std::fmt;

use serde::Serialize;

use crate::diag::Severity;
use crate::figures::Area;

/// Points in tenths, so that half points add exactly: 2.5 points is `Points(25)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Points(pub u32);

impl Points {
    pub const fn whole(n: u32) -> Points {
        Points(n * 10)
    }

    /// As a JSON number: 18 or 18.5.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{}.{}", self.0 / 10, self.0 % 10)
        }
    }
}

impl Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(10) {
            s.serialize_u32(self.0 / 10)
        } else {
            s.serialize_f64(self.value())
        }
    }
}

/// One item of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub area: Area,
    /// 分值; an item of 0 points is not scored.
    pub points: Points,
    /// Deducted for each error (错误) found.
    pub per_error: Points,
    /// Deducted for each warning (警告) found.
    pub per_warning: Points,
    /// 评定标准: what the item holds the records to.
    pub standard: String,
}

impl Item {
    /// 评分细则, in words: 每发现1项错误扣2分、警告扣1分，扣完为止.
    pub fn rule(&self) -> String {
        if self.points == Points(0) {
            return "不计分".to_string();
        }
        let parts: Vec<String> = [("错误", self.per_error), ("警告", self.per_warning)]
            .into_iter()
            .filter(|(_, p)| *p > Points(0))
            .map(|(what, p)| format!("{what}扣{p}分"))
            .collect();
        if parts.is_empty() {
            "发现问题不扣分".to_string()
        } else {
            format!("每发现1项{}，扣完为止", parts.join("、"))
        }
    }
}

impl Item {
    /// 评分细则 for a narrow table cell, a line each: 错误每项扣2分 / 警告每项扣1分 / 扣完为止.
    pub fn rule_lines(&self) -> String {
        if self.points == Points(0) {
            return "不计分".to_string();
        }
        let mut lines: Vec<String> = [("错误", self.per_error), ("警告", self.per_warning)]
            .into_iter()
            .filter(|(_, p)| *p > Points(0))
            .map(|(what, p)| format!("{what}每项扣{p}分"))
            .collect();
        if lines.is_empty() {
            return "发现问题不扣分".to_string();
        }
        lines.push("扣完为止".to_string());
        lines.join("\n")
    }
}

/// The configuration key of an area in `[audit.scoring]`, beside its Chinese name.
pub fn area_key(area: Area) -> &'static str {
    match area {
        Area::Publicity => "publicity",
        Area::Procedure => "procedure",
        Area::Results => "results",
        Area::Frequency => "frequency",
        Area::Archive => "archive",
        Area::Data => "data",
    }
}

/// The area a key of `[audit.scoring]` names: its English key or its Chinese name.
pub fn area_named(name: &str) -> Option<Area> {
    let name = name.trim();
    Area::ALL
        .into_iter()
        .find(|a| area_key(*a).eq_ignore_ascii_case(name) || a.zh() == name)
}

/// What `[audit.scoring]` sets for one item; `None` where it is silent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemSettings {
    pub points: Option<Points>,
    pub per_error: Option<Points>,
    pub per_warning: Option<Points>,
    pub standard: Option<String>,
}

/// The scoring table in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scoring {
    pub items: Vec<Item>,
    /// Whether `yishi.toml` set anything in it.
    pub configured: bool,
}

impl Default for Scoring {
    fn default() -> Self {
        let item = |area, points, standard: &str| Item {
            area,
            points: Points::whole(points),
            per_error: Points::whole(2),
            per_warning: Points::whole(1),
            standard: standard.to_string(),
        };
        Scoring {
            items: vec![
                item(
                    Area::Publicity,
                    20,
                    "协商信息、会议邀请按规定时限和渠道提前公开、发出，开放旁听的按时接受预约",
                ),
                item(
                    Area::Procedure,
                    25,
                    "会议由规定主体召集，到会人数、参会人员构成、表决和签名确认符合规定程序",
                ),
                item(
                    Area::Results,
                    20,
                    "协商结果按时公示，协商意见按时落实、反馈并接受评议",
                ),
                item(
                    Area::Frequency,
                    15,
                    "居民（村民）会议、代表会议、议事会和开放旁听按规定频次开展",
                ),
                item(Area::Archive, 10, "会议记录和相关材料完整，按规定归档"),
                item(
                    Area::Data,
                    10,
                    "台账、参会人员名单、会议记录齐全，字段完整、填写规范、前后一致",
                ),
            ],
            configured: false,
        }
    }
}

impl Scoring {
    /// The defaults with what `yishi.toml` sets laid over them.
    pub fn with(settings: &std::collections::BTreeMap<Area, ItemSettings>) -> Scoring {
        let mut scoring = Scoring::default();
        for item in &mut scoring.items {
            let Some(s) = settings.get(&item.area) else {
                continue;
            };
            scoring.configured = true;
            item.points = s.points.unwrap_or(item.points);
            item.per_error = s.per_error.unwrap_or(item.per_error);
            item.per_warning = s.per_warning.unwrap_or(item.per_warning);
            if let Some(standard) = &s.standard {
                item.standard.clone_from(standard);
            }
        }
        scoring
    }

    pub fn full(&self) -> Points {
        Points(self.items.iter().map(|i| i.points.0).sum())
    }

    /// Scores the findings on a list: each is its area, severity, and whether it deducts.
    pub fn score(&self, findings: impl IntoIterator<Item = (Area, Severity, bool)>) -> Scored {
        let mut items: Vec<ItemScore> = self
            .items
            .iter()
            .map(|item| ItemScore {
                item: item.clone(),
                errors: 0,
                warnings: 0,
                not_deducted: 0,
                deducted: Points(0),
                score: item.points,
            })
            .collect();
        for (area, severity, deducts) in findings {
            let Some(s) = items.iter_mut().find(|s| s.item.area == area) else {
                continue;
            };
            match severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => continue,
            }
            if !deducts {
                s.not_deducted += 1;
                continue;
            }
            let per = if severity == Severity::Error {
                s.item.per_error
            } else {
                s.item.per_warning
            };
            s.deducted = Points(s.deducted.0 + per.0);
        }
        for s in &mut items {
            s.score = Points(s.item.points.0.saturating_sub(s.deducted.0));
        }
        Scored {
            full: self.full(),
            total: Points(items.iter().map(|s| s.score.0).sum()),
            items,
        }
    }
}

/// One item as scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemScore {
    pub item: Item,
    pub errors: usize,
    pub warnings: usize,
    /// Warnings listed that deduct nothing (the step passes under the reading in force).
    pub not_deducted: usize,
    /// What the findings would deduct, before the item's points cap it.
    pub deducted: Points,
    /// 自评得分.
    pub score: Points,
}

/// The table as scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    pub items: Vec<ItemScore>,
    pub full: Points,
    pub total: Points,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deductions_stop_at_zero_and_half_points_add_exactly() {
        let mut settings = std::collections::BTreeMap::new();
        settings.insert(
            Area::Data,
            ItemSettings {
                points: Some(Points::whole(3)),
                per_warning: Some(Points(5)),
                ..ItemSettings::default()
            },
        );
        let scoring = Scoring::with(&settings);
        assert!(scoring.configured);
        let scored = scoring.score([
            (Area::Data, Severity::Warning, true),
            (Area::Data, Severity::Warning, true),
            (Area::Data, Severity::Warning, false),
            (Area::Frequency, Severity::Error, true),
            (Area::Frequency, Severity::Info, true),
            (Area::Procedure, Severity::Error, true),
            (Area::Procedure, Severity::Error, true),
            (Area::Procedure, Severity::Error, true),
        ]);
        let data = scored
            .items
            .iter()
            .find(|s| s.item.area == Area::Data)
            .unwrap();
        assert_eq!((data.warnings, data.not_deducted), (3, 1));
        assert_eq!(data.score.to_string(), "2");
        let frequency = &scored.items[3];
        assert_eq!((frequency.errors, frequency.score), (1, Points::whole(13)));
        assert_eq!(scored.items[1].score, Points::whole(19));
        assert_eq!(scored.full, Points::whole(93));
        assert_eq!(scored.total, Points::whole(20 + 19 + 20 + 13 + 10 + 2));
        assert_eq!(Points(25).to_string(), "2.5");
        assert_eq!(
            scored.items[5].item.rule(),
            "每发现1项错误扣2分、警告扣0.5分，扣完为止"
        );
        assert_eq!(area_named("信息公开"), Some(Area::Publicity));
        assert_eq!(area_named("Frequency"), Some(Area::Frequency));
        assert_eq!(area_named("程序"), None);
    }
}
