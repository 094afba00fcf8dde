//! The aggregate stage: a checked batch folded into figures per unit and year — what the annual
//! reports print, what `yishi report --format json` writes, and what later period outputs (the
//! self-audit, the dashboard, a merge of split runs) read. Computed once from the meetings, the
//! findings and the settings of [`Checked`]; nothing here parses or checks again.
//!
//! # The figures of one unit in one year
//!
//! A unit is a street (its own, street-level meetings; `community` is null) or a community or
//! village of a street. A meeting belongs to the year of its 会议日期; one dated after the check
//! date has not been held and is not counted, nor is one without a date or without a level.
//!
//! - `meetings.total`: meetings held. `by_form`: by 协商形式 (FORMAT's names, in FORMAT's order;
//!   a meeting without a form is not in it). `by_month`: twelve numbers, January first.
//!   `by_level`: for a community or village its own count under its level; for a street its own
//!   meetings under 街道 and those of its communities and villages under 社区 and 村.
//! - `topics.total`: 议题, one per meeting (一事一议): meetings with a topic. `by_category`: by
//!   议题类别 as written; `uncategorised`: topics without a category.
//! - `participants.person_times`: 参与人次, the sum of 实到人数 (or, where the ledger has none,
//!   of those signed in on the participants list, observers not counted). `committee`: the sum of
//!   两委成员人数 (or of 两委 members signed in) over the meetings where both are known;
//!   `non_committee` = those meetings' 人次 − `committee`; `non_committee_share`: that as a
//!   percentage of those meetings' 人次, one decimal (null when no meeting has both).
//! - `observers.openings`: meetings that opened observer booking (a 旁听预约开放日期 and at least
//!   one 旁听席位, as SZ103 counts them); `seats`: their seats; `observers`: people listed with
//!   身份 旁听.
//! - `outcomes`: meetings by 协商结果; `outcome_missing`: meetings without one. `result_forms`: by
//!   结果形式.
//! - `implementation`: the adopted items (协商结果 通过 or 达成一致), each in one state on the
//!   check date, from 落实情况 and 完成时限 ([`Progress`]): `done` 已落实, `in_progress` 推进中,
//!   `overdue` 逾期未落实 (完成时限 passed, not reported done), `unreported` 未填报.
//! - `steps`: for each procedural step the profiles in force check ([`STEPS`]), one entry per
//!   rule: `applicable` meetings the rule holds to the step (the rule says so while checking,
//!   [`crate::rules::Ctx::applies`]), `met` those of them without a finding of that rule at error
//!   or warning level (a warning that the meeting passes under the reading in force does not
//!   count) and without a field the rule needed missing (D002).
//! - `frequency`: each frequency requirement (SZ006, SZ103, SZ108–SZ110) for the unit's level,
//!   in every period of the year begun by the check date: `held` and `required` as
//!   [`periods::tally`] counts them for those rules' findings; `over` whether the period ended
//!   before the check date.
//! - `findings`: the batch's findings about the unit in the year (about its meetings of the year,
//!   its periods of the year, or the unit itself), by severity, by area ([`Area`]) and by rule.
//! - `communities` (streets only): one row per community or village of the street: meetings,
//!   the steps' applicable and met summed, `compliance` = met ÷ applicable as a percentage (one
//!   decimal), findings and implementation.
//! - `meeting_list`: the year's meetings by date (编号, 日期, 形式, 议题, 结果, 结果公示日期).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::ser::Serializer;

use crate::batch::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::fields::{self, Field};
use crate::model::{Level, Meeting};
use crate::rules::{self, Check, RULES, periods};
use crate::settings::Settings;

/// The figures of every unit of a batch for one year: the JSON contract of REPORTS.md (fields
/// are only ever added).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Figures {
    pub tool: &'static str,
    pub version: &'static str,
    pub year: i32,
    /// The check date, `YYYY-MM-DD`.
    pub today: String,
    /// Whether the year had not ended on the check date: every figure is 截至检查日.
    pub running: bool,
    pub units: Vec<UnitFigures>,
    /// The configuration the figures were counted under, when there is one: a rule switched
    /// off counts no finding, a parameter changed moves the line between met and not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<crate::in_force::ConfigInForce>,
}

/// The figures of one unit in the year.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UnitFigures {
    pub street: Option<String>,
    /// Null for a street's own figures.
    pub community: Option<String>,
    /// 街道, 社区 or 村.
    pub level: &'static str,
    /// The unit as people name it: 莲花街道, 莲花街道彩田社区.
    pub name: String,
    pub meetings: Meetings,
    pub topics: Topics,
    pub participants: Participants,
    pub observers: Observers,
    pub outcomes: Counts,
    pub outcome_missing: usize,
    pub result_forms: Counts,
    pub implementation: Implementation,
    pub steps: Vec<Step>,
    pub frequency: Vec<FrequencyCount>,
    pub findings: Findings,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communities: Vec<CommunityRow>,
    pub meeting_list: Vec<Listed>,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Meetings {
    pub total: usize,
    pub by_form: Counts,
    pub by_month: [usize; 12],
    pub by_level: Counts,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Topics {
    pub total: usize,
    pub by_category: Counts,
    pub uncategorised: usize,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Participants {
    pub person_times: u64,
    /// Meetings whose 人次 is known.
    pub meetings_counted: usize,
    pub committee: u64,
    pub non_committee: u64,
    /// Percentage, one decimal.
    pub non_committee_share: Option<f64>,
    /// Meetings where both 人次 and 两委 are known.
    pub meetings_with_committee: usize,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Observers {
    pub openings: usize,
    pub seats: u64,
    pub observers: usize,
}

#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Implementation {
    pub adopted: usize,
    pub done: usize,
    pub in_progress: usize,
    pub overdue: usize,
    pub unreported: usize,
}

impl Implementation {
    fn add(&mut self, p: Progress) {
        self.adopted += 1;
        match p {
            Progress::Done => self.done += 1,
            Progress::InProgress => self.in_progress += 1,
            Progress::Overdue => self.overdue += 1,
            Progress::Unreported => self.unreported += 1,
        }
    }

    fn sum(&mut self, other: &Implementation) {
        self.adopted += other.adopted;
        self.done += other.done;
        self.in_progress += other.in_progress;
        self.overdue += other.overdue;
        self.unreported += other.unreported;
    }
}

/// One rule of one procedural step.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Step {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's title (what a finding of it says is wrong).
    pub title: &'static str,
    /// The step, as a compliance table names it: 信息公开及时.
    pub step: &'static str,
    pub applicable: usize,
    pub met: usize,
}

/// One frequency requirement in one period.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FrequencyCount {
    pub code: &'static str,
    /// `2026`, `2026-H1`, `2026-Q3`.
    pub period: String,
    /// 2026年, 2026年上半年, 2026年第三季度.
    pub period_zh: String,
    /// What is counted: 居民议事会, 开放旁听的会议.
    pub kind: &'static str,
    pub held: usize,
    pub required: u32,
    /// Whether the period ended before the check date.
    pub over: bool,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Severities {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Severities {
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    fn sum(&mut self, other: &Severities) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Findings {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// In the order of [`Area::ALL`]; areas without findings left out.
    pub by_area: Vec<AreaCount>,
    /// In code order.
    pub by_rule: Vec<RuleCount>,
}

impl Findings {
    pub fn severities(&self) -> Severities {
        Severities {
            errors: self.errors,
            warnings: self.warnings,
            infos: self.infos,
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AreaCount {
    pub area: &'static str,
    #[serde(flatten)]
    pub count: Severities,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RuleCount {
    pub code: &'static str,
    pub title: &'static str,
    pub area: &'static str,
    #[serde(flatten)]
    pub count: Severities,
}

/// A street's row for one of its communities or villages.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CommunityRow {
    pub community: String,
    pub level: &'static str,
    pub meetings: usize,
    pub steps_applicable: usize,
    pub steps_met: usize,
    /// `steps_met` ÷ `steps_applicable` as a percentage, one decimal; null when nothing applied.
    pub compliance: Option<f64>,
    pub findings: Severities,
    pub implementation: Implementation,
}

/// A meeting of the year, as the annex lists it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Listed {
    pub code: String,
    pub date: String,
    pub form: Option<String>,
    pub topic: Option<String>,
    pub outcome: Option<String>,
    pub result_published_on: Option<String>,
}

/// Names with counts, in a fixed order (the contract's order of names first, then the others by
/// name); a JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub Vec<(String, usize)>);

impl Counts {
    fn add(&mut self, name: &str, n: usize) {
        match self.0.iter_mut().find(|(k, _)| k == name) {
            Some((_, count)) => *count += n,
            None => self.0.push((name.to_string(), n)),
        }
    }

    /// Sorts the names: those of `order` first, in its order, then the rest by name.
    fn ordered(mut self, order: &[&str]) -> Counts {
        self.0.sort_by(|(a, _), (b, _)| {
            let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
            rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
        });
        self
    }

    pub fn get(&self, name: &str) -> usize {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or(0, |(_, n)| *n)
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// The areas findings are grouped by in reports, as inspections group problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// Notices, invitations and observer booking before the meeting.
    Publicity,
    /// How the meeting was convened, held and decided.
    Procedure,
    /// Publishing and using the results.
    Results,
    /// Meetings held as often as required.
    Frequency,
    /// Minutes and materials kept.
    Archive,
    /// The records themselves: unreadable, missing or inconsistent data.
    Data,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Publicity,
        Area::Procedure,
        Area::Results,
        Area::Frequency,
        Area::Archive,
        Area::Data,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Area::Publicity => "信息公开",
            Area::Procedure => "会议程序",
            Area::Results => "成果公示与运用",
            Area::Frequency => "制度执行（频次）",
            Area::Archive => "资料归档",
            Area::Data => "数据完整性",
        }
    }

    /// The area of a rule's findings; `None` for a code no rule has.
    pub fn of(code: &str) -> Option<Area> {
        let area = match code {
            "SZ002" | "SZ003" | "SZ101" | "SZ102" | "SZ104" | "JL003" | "XJ003" => Area::Publicity,
            "SZ001" | "SZ007" | "SZ009" | "SZ105" | "SZ111" | "SZ201" | "SZ202" | "SZ204"
            | "SZ205" | "SZ208" | "JL001" | "JL002" | "JL008" | "JL009" | "JL010" | "JL011"
            | "JL012" | "XJ001" | "XJ002" | "XJ004" | "XJ006" | "XJ007" | "XJ008" => {
                Area::Procedure
            }
            "SZ004" | "SZ005" | "SZ008" | "SZ106" | "SZ107" | "SZ112" | "SZ206" | "SZ207"
            | "JL004" | "JL006" | "JL007" | "XJ005" => Area::Results,
            "SZ006" | "SZ103" | "SZ108" | "SZ109" | "SZ110" => Area::Frequency,
            "SZ203" | "JL005" => Area::Archive,
            "E000" => Area::Data,
            c if c.starts_with('D') && rules::lookup(c).is_ok() => Area::Data,
            _ => return None,
        };
        Some(area)
    }
}

/// The procedural steps a compliance table lists, in the order of a meeting, each with the rules
/// that check it (for streets, communities and villages, under each profile).
pub const STEPS: &[(&str, &[&str])] = &[
    ("信息公开及时", &["SZ002", "SZ101", "JL003", "XJ003"]),
    ("邀请及时、内容完整", &["SZ003", "SZ104"]),
    ("旁听预约", &["SZ102"]),
    ("到会人数", &["SZ201"]),
    ("表决过半数", &["SZ202"]),
    ("签名确认", &["SZ204", "SZ105", "XJ004"]),
    ("结果按时公示", &["SZ004", "SZ106", "JL004"]),
    ("材料归档", &["JL005"]),
];

/// Where an adopted item stands on the check date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// 已落实: 落实情况 says it is done.
    Done,
    /// 推进中: reported, not done, 完成时限 not passed (or none set).
    InProgress,
    /// 逾期未落实: 完成时限 passed and not reported done.
    Overdue,
    /// 未填报: nothing reported, 完成时限 not passed (or none set).
    Unreported,
}

/// Words in 落实情况 that say an item is done.
pub const DONE_WORDS: &[&str] = &[
    "已落实",
    "已完成",
    "完成",
    "已办结",
    "办结",
    "已解决",
    "已实施",
    "已竣工",
    "竣工",
    "已整改",
    "已投入使用",
    "已交付",
];

/// Words in 落实情况 that say it is not done yet, even beside a word of [`DONE_WORDS`]
/// (未完成, 部分完成, 计划于年底完成).
pub const NOT_YET_WORDS: &[&str] = &[
    "未",
    "尚",
    "没有",
    "正在",
    "推进",
    "进行",
    "实施中",
    "施工中",
    "落实中",
    "办理中",
    "建设中",
    "整改中",
    "部分",
    "待",
    "筹备",
    "启动",
    "计划",
    "拟",
];

impl Progress {
    /// The state of an adopted item: done when 落实情况 has a word of [`DONE_WORDS`] and none of
    /// [`NOT_YET_WORDS`]; otherwise overdue when 完成时限 is before the check date; otherwise in
    /// progress when something is reported and unreported when nothing is.
    pub fn of(
        implementation: Option<&str>,
        due_by: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Progress {
        let text = implementation.map(str::trim).filter(|t| !t.is_empty());
        if let Some(t) = text
            && DONE_WORDS.iter().any(|w| t.contains(w))
            && !NOT_YET_WORDS.iter().any(|w| t.contains(w))
        {
            return Progress::Done;
        }
        if due_by.is_some_and(|d| d < today) {
            Progress::Overdue
        } else if text.is_some() {
            Progress::InProgress
        } else {
            Progress::Unreported
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Progress::Done => "已落实",
            Progress::InProgress => "推进中",
            Progress::Overdue => "逾期未落实",
            Progress::Unreported => "未填报",
        }
    }
}

/// A level as the figures and reports name it: 街道, 社区 or 村.
pub fn level_zh(level: Level) -> &'static str {
    match level {
        Level::Street => "街道",
        Level::Community => "社区",
        Level::Village => "村",
    }
}

/// A unit's key: street, and community or village (none for the street itself).
type Key = (Option<String>, Option<String>);

/// The unit a meeting belongs to, and its level.
pub(crate) fn unit_of(m: &Meeting) -> Option<(Key, Level)> {
    let level = m.level()?;
    let street = m.street().map(str::to_string);
    match level {
        Level::Street => Some(((street, None), level)),
        Level::Community | Level::Village => {
            let community = m.community()?.to_string();
            Some(((street, Some(community)), level))
        }
    }
}

/// The years the batch's meetings were held in, up to the check date's year, in order.
pub fn years(checked: &Checked, settings: &Settings) -> Vec<i32> {
    let mut years: Vec<i32> = checked
        .meetings
        .iter()
        .filter_map(|m| m.date(Field::HeldOn))
        .filter(|d| *d <= settings.today)
        .map(|d| d.year())
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Meetings the figures of a year leave out, and why: said by the run so that every meeting is
/// accounted for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Meetings without a 会议日期.
    pub undated: Vec<String>,
    /// Meetings of the year dated after the check date.
    pub future: Vec<String>,
    /// Meetings of the year without a level, or a community meeting without its community.
    pub no_unit: Vec<String>,
}

/// The findings of each meeting, by the meeting's index: built once for all years.
struct Index<'a> {
    /// Per meeting: findings about it.
    meeting_findings: Vec<Vec<&'a Diagnostic>>,
    /// Findings about a unit (and maybe a period), not a meeting.
    unit_findings: HashMap<Key, Vec<&'a Diagnostic>>,
}

impl<'a> Index<'a> {
    fn new(checked: &'a Checked) -> Index<'a> {
        let by_code: HashMap<&str, usize> = checked
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code.as_str(), i))
            .collect();
        let mut meeting_findings = vec![Vec::new(); checked.meetings.len()];
        let mut unit_findings: HashMap<Key, Vec<&Diagnostic>> = HashMap::new();
        for d in &checked.diagnostics {
            match d.meeting.as_deref().and_then(|c| by_code.get(c)) {
                Some(&i) => meeting_findings[i].push(d),
                None if d.meeting.is_none() && (d.street.is_some() || d.community.is_some()) => {
                    unit_findings
                        .entry((d.street.clone(), d.community.clone()))
                        .or_default()
                        .push(d);
                }
                None => {}
            }
        }
        Index {
            meeting_findings,
            unit_findings,
        }
    }
}

/// Whether a finding says the meeting did not meet its rule's requirement: an error or a
/// warning, except a warning that it passes under the reading in force.
fn fails(d: &Diagnostic) -> bool {
    match d.severity {
        Severity::Error => true,
        Severity::Warning => !d.facts.contains_key("reading"),
        Severity::Info => false,
    }
}

/// Whether a D002 names `code` among the rules that needed the missing field.
fn missing_for(d: &Diagnostic, code: &str) -> bool {
    d.code == "D002"
        && d.facts
            .get("needed_by")
            .and_then(|v| v.as_array())
            .is_some_and(|rules| rules.iter().any(|r| r.as_str() == Some(code)))
}

/// A unit's meetings of the year, with their indices.
struct UnitYear<'a> {
    key: Key,
    level: Level,
    meetings: Vec<(usize, &'a Meeting)>,
}

/// Computes the figures of every unit of the batch for `year`: every street and every
/// community or village that holds a meeting in the batch (in any year), a street followed by
/// its communities and villages, by name.
pub fn compute(checked: &Checked, settings: &Settings, year: i32) -> (Figures, LeftOut) {
    let index = Index::new(checked);
    let today = settings.today;
    let mut units: BTreeMap<Key, UnitYear> = BTreeMap::new();
    let mut left_out = LeftOut::default();
    for (i, m) in checked.meetings.iter().enumerate() {
        let unit = unit_of(m);
        if let Some((key, level)) = &unit {
            // Every unit of the batch gets figures, even without a meeting this year.
            units.entry(key.clone()).or_insert_with(|| UnitYear {
                key: key.clone(),
                level: *level,
                meetings: Vec::new(),
            });
            // A street named only by its communities still reports.
            if let (Some(street), Some(_)) = &key {
                let street_key = (Some(street.clone()), None);
                units.entry(street_key.clone()).or_insert_with(|| UnitYear {
                    key: street_key,
                    level: Level::Street,
                    meetings: Vec::new(),
                });
            }
        }
        let Some(held) = m.date(Field::HeldOn) else {
            left_out.undated.push(m.code.clone());
            continue;
        };
        if held.year() != year {
            continue;
        }
        if held > today {
            left_out.future.push(m.code.clone());
            continue;
        }
        match unit {
            Some((key, _)) => units
                .get_mut(&key)
                .expect("entered above")
                .meetings
                .push((i, m)),
            None => left_out.no_unit.push(m.code.clone()),
        }
    }
    for u in units.values_mut() {
        u.meetings.sort_by(|(_, a), (_, b)| {
            (a.date(Field::HeldOn), &a.code).cmp(&(b.date(Field::HeldOn), &b.code))
        });
    }

    // Each unit's figures on all the cores: a province's year has thousands of units.
    let mut figures: Vec<UnitFigures> = {
        use rayon::prelude::*;
        let units: Vec<&UnitYear> = units.values().collect();
        units
            .par_iter()
            .map(|u| unit_figures(u, checked, &index, settings, year))
            .collect()
    };
    // A street's rows and by-level counts come from its communities' figures.
    let rows: Vec<(Option<String>, CommunityRow, Level)> = figures
        .iter()
        .filter_map(|f| {
            let community = f.community.clone()?;
            let applicable: usize = f.steps.iter().map(|s| s.applicable).sum();
            let met: usize = f.steps.iter().map(|s| s.met).sum();
            let level = if f.level == "村" {
                Level::Village
            } else {
                Level::Community
            };
            Some((
                f.street.clone(),
                CommunityRow {
                    community,
                    level: f.level,
                    meetings: f.meetings.total,
                    steps_applicable: applicable,
                    steps_met: met,
                    compliance: percent(met as u64, applicable as u64),
                    findings: f.findings.severities(),
                    implementation: f.implementation,
                },
                level,
            ))
        })
        .collect();
    for f in &mut figures {
        if f.community.is_some() {
            continue;
        }
        let mut by_level = Counts::default();
        by_level.add("街道", f.meetings.total);
        for (street, row, level) in &rows {
            if *street == f.street {
                by_level.add(level_zh(*level), row.meetings);
                f.communities.push(row.clone());
            }
        }
        f.meetings.by_level = by_level.ordered(fields::LEVELS);
    }
    (
        Figures {
            tool: "yishi",
            version: env!("CARGO_PKG_VERSION"),
            year,
            today: crate::rules::ymd(today),
            running: NaiveDate::from_ymd_opt(year, 12, 31).is_some_and(|end| today < end),
            units: figures,
            config: settings
                .in_force
                .present()
                .then(|| (*settings.in_force).clone()),
        },
        left_out,
    )
}

/// The figures of a year counted street by street (each street's [`compute`]), as [`compute`]
/// counts them over the whole batch: a unit's figures are its street's alone, so the units are
/// put together in the order of their streets and communities. `None` of no street.
pub fn join(streets: Vec<(Figures, LeftOut)>) -> Option<(Figures, LeftOut)> {
    let mut streets = streets.into_iter();
    let (mut joined, mut left_out) = streets.next()?;
    for (figures, more) in streets {
        joined.units.extend(figures.units);
        left_out.undated.extend(more.undated);
        left_out.future.extend(more.future);
        left_out.no_unit.extend(more.no_unit);
    }
    joined
        .units
        .sort_by(|a, b| (&a.street, &a.community).cmp(&(&b.street, &b.community)));
    Some((joined, left_out))
}

/// `part` of `whole` as a percentage with one decimal, rounded half up; `None` of nothing.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| ((part * 1000 + whole / 2) / whole) as f64 / 10.0)
}

fn unit_figures(
    u: &UnitYear,
    checked: &Checked,
    index: &Index,
    settings: &Settings,
    year: i32,
) -> UnitFigures {
    let today = settings.today;
    let mut meetings = Meetings::default();
    let mut topics = Topics::default();
    let mut participants = Participants::default();
    let mut observers = Observers::default();
    let mut outcomes = Counts::default();
    let mut outcome_missing = 0;
    let mut result_forms = Counts::default();
    let mut implementation = Implementation::default();
    let mut list = Vec::new();
    for &(_, m) in &u.meetings {
        let held = m.date(Field::HeldOn).expect("dated meetings only");
        meetings.total += 1;
        meetings.by_month[held.month0() as usize] += 1;
        if let Some(form) = m.text(Field::Form) {
            meetings.by_form.add(form, 1);
        }
        if m.cell(Field::Topic).is_some() {
            topics.total += 1;
            match m.text(Field::Category).filter(|c| !c.trim().is_empty()) {
                Some(c) => topics.by_category.add(c.trim(), 1),
                None => topics.uncategorised += 1,
            }
        }
        count_people(m, &mut participants);
        if rules::sz103::observed(m) {
            observers.openings += 1;
            observers.seats += u64::from(m.count(Field::ObserverSeats).unwrap_or(0));
        }
        observers.observers += m.participants.iter().filter(|p| p.is_observer()).count();
        match m.text(Field::Outcome) {
            Some(o) => outcomes.add(o, 1),
            None => outcome_missing += 1,
        }
        if let Some(f) = m.text(Field::ResultForm) {
            result_forms.add(f, 1);
        }
        if rules::adopted(m) {
            implementation.add(Progress::of(
                m.text(Field::Implementation),
                m.date(Field::DueBy),
                today,
            ));
        }
        list.push(Listed {
            code: m.code.clone(),
            date: crate::rules::ymd(held),
            form: m.text(Field::Form).map(str::to_string),
            topic: m.cell(Field::Topic).map(|c| c.value.display()),
            outcome: m.text(Field::Outcome).map(str::to_string),
            result_published_on: m.date(Field::ResultPublishedOn).map(crate::rules::ymd),
        });
    }
    participants.non_committee_share = percent(
        participants.non_committee,
        participants.non_committee + participants.committee,
    );
    meetings.by_form = meetings.by_form.ordered(fields::FORMS);
    let mut by_level = Counts::default();
    by_level.add(level_zh(u.level), meetings.total);
    meetings.by_level = by_level;

    UnitFigures {
        street: u.key.0.clone(),
        community: u.key.1.clone(),
        level: level_zh(u.level),
        name: format!(
            "{}{}",
            u.key.0.as_deref().unwrap_or(""),
            u.key.1.as_deref().unwrap_or("")
        ),
        meetings,
        topics: Topics {
            by_category: std::mem::take(&mut topics.by_category).ordered(&[]),
            ..topics
        },
        participants,
        observers,
        outcomes: outcomes.ordered(fields::OUTCOMES),
        outcome_missing,
        result_forms: result_forms.ordered(fields::RESULT_FORMS),
        implementation,
        steps: steps(u, checked, index, settings),
        frequency: frequency(u, settings, year),
        findings: findings(u, index, year),
        communities: Vec::new(),
        meeting_list: list,
    }
}

/// Adds a meeting's 人次 and 两委 to the participation figures.
fn count_people(m: &Meeting, p: &mut Participants) {
    let listed = !m.participants.is_empty();
    let present = m
        .count(Field::Present)
        .or_else(|| listed.then(|| m.present_participants().count() as u32));
    let Some(present) = present else {
        return;
    };
    p.person_times += u64::from(present);
    p.meetings_counted += 1;
    let committee = m.count(Field::CommitteePresent).or_else(|| {
        listed.then(|| {
            m.present_participants()
                .filter(|x| x.committee == Some(true))
                .count() as u32
        })
    });
    if let Some(committee) = committee {
        let committee = committee.min(present);
        p.committee += u64::from(committee);
        p.non_committee += u64::from(present - committee);
        p.meetings_with_committee += 1;
    }
}

fn steps(u: &UnitYear, checked: &Checked, index: &Index, settings: &Settings) -> Vec<Step> {
    let mut out = Vec::new();
    for &(step, codes) in STEPS {
        for &code in codes {
            let Ok(rule) = rules::lookup(code) else {
                continue;
            };
            if !settings.runs(rule.meta) {
                continue;
            }
            let (mut applicable, mut met) = (0, 0);
            for &(i, _) in &u.meetings {
                if !checked.applied.get(i).is_some_and(|a| a.contains(&code)) {
                    continue;
                }
                applicable += 1;
                let failed = index.meeting_findings[i]
                    .iter()
                    .any(|d| (d.code == code && fails(d)) || missing_for(d, code));
                if !failed {
                    met += 1;
                }
            }
            if applicable > 0 {
                out.push(Step {
                    code: rule.meta.code,
                    title: rule.meta.title,
                    step,
                    applicable,
                    met,
                });
            }
        }
    }
    out
}

fn frequency(u: &UnitYear, settings: &Settings, year: i32) -> Vec<FrequencyCount> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Vec::new();
    };
    let meetings: Vec<&Meeting> = u.meetings.iter().map(|&(_, m)| m).collect();
    let mut out = Vec::new();
    for rule in RULES {
        let Check::Frequency(frequencies) = rule.check else {
            continue;
        };
        if !settings.runs(rule.meta) {
            continue;
        }
        for f in frequencies.iter().filter(|f| f.levels.contains(&u.level)) {
            for t in periods::tally(&meetings, f, (from, to), settings) {
                out.push(FrequencyCount {
                    code: f.meta.code,
                    period: t.period.key(),
                    period_zh: t.period.zh(),
                    kind: f.what,
                    held: t.held.len(),
                    required: t.required,
                    over: t.over,
                });
            }
        }
    }
    out
}

/// The findings about the unit in the year: about its meetings of the year, about its periods
/// of the year, or about the unit with no period.
fn findings(u: &UnitYear, index: &Index, year: i32) -> Findings {
    let prefix = year.to_string();
    let mut total = Severities::default();
    let mut by_area: BTreeMap<Area, Severities> = BTreeMap::new();
    let mut by_rule: BTreeMap<&'static str, Severities> = BTreeMap::new();
    let of_meetings = u
        .meetings
        .iter()
        .flat_map(|&(i, _)| index.meeting_findings[i].iter().copied());
    let of_unit = index
        .unit_findings
        .get(&u.key)
        .into_iter()
        .flatten()
        .copied()
        .filter(|d| {
            d.period
                .as_deref()
                .is_none_or(|p| p.split('-').next() == Some(&prefix))
        });
    for d in of_meetings.chain(of_unit) {
        total.add(d.severity);
        by_area
            .entry(Area::of(d.code).unwrap_or(Area::Data))
            .or_default()
            .add(d.severity);
        by_rule.entry(d.code).or_default().add(d.severity);
    }
    Findings {
        errors: total.errors,
        warnings: total.warnings,
        infos: total.infos,
        by_area: by_area
            .into_iter()
            .map(|(area, count)| AreaCount {
                area: area.zh(),
                count,
            })
            .collect(),
        by_rule: by_rule
            .into_iter()
            .map(|(code, count)| RuleCount {
                code,
                title: rules::lookup(code).map_or("内部错误", |r| r.meta.title),
                area: Area::of(code).unwrap_or(Area::Data).zh(),
                count,
            })
            .collect(),
    }
}

/// Sums a street's community rows: meetings, steps, findings and implementation.
pub fn rows_total(rows: &[CommunityRow]) -> (usize, usize, usize, Severities, Implementation) {
    let mut findings = Severities::default();
    let mut implementation = Implementation::default();
    let (mut meetings, mut applicable, mut met) = (0, 0, 0);
    for r in rows {
        meetings += r.meetings;
        applicable += r.steps_applicable;
        met += r.steps_met;
        findings.sum(&r.findings);
        implementation.sum(&r.implementation);
    }
    (meetings, applicable, met, findings, implementation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn progress_reads_the_words_and_the_deadline() {
        let today = day("2026-11-22");
        let due_past = Some(day("2026-10-31"));
        let due_later = Some(day("2026-12-31"));
        for done in [
            "已落实",
            "已完成，居民满意",
            "电梯已竣工并投入使用",
            "已办结",
        ] {
            assert_eq!(
                Progress::of(Some(done), due_past, today),
                Progress::Done,
                "{done}"
            );
        }
        for not_yet in ["未完成", "部分完成", "计划于年底完成", "正在推进", "施工中"]
        {
            assert_eq!(
                Progress::of(Some(not_yet), due_later, today),
                Progress::InProgress,
                "{not_yet}"
            );
            assert_eq!(
                Progress::of(Some(not_yet), due_past, today),
                Progress::Overdue,
                "{not_yet}"
            );
        }
        assert_eq!(Progress::of(None, due_later, today), Progress::Unreported);
        assert_eq!(Progress::of(Some("  "), None, today), Progress::Unreported);
        assert_eq!(Progress::of(None, due_past, today), Progress::Overdue);
        // Due on the check date is not yet overdue.
        assert_eq!(Progress::of(None, Some(today), today), Progress::Unreported);
    }

    #[test]
    fn percentages_round_half_up_to_one_decimal() {
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(1, 8), Some(12.5));
        assert_eq!(percent(5, 5), Some(100.0));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn every_rule_has_an_area_and_every_step_rule_exists() {
        for rule in RULES {
            assert!(Area::of(rule.meta.code).is_some(), "{}", rule.meta.code);
        }
        for (_, codes) in STEPS {
            for code in *codes {
                assert!(rules::lookup(code).is_ok(), "{code}");
            }
        }
    }
}
