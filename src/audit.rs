//! The street office's self-audit (自查): what `yishi audit` prints for each street — the
//! self-audit report (自查报告) and the rectification list (整改清单) — computed from the same
//! checked batch as `check`, and, month over month, compared with last month's list.
//!
//! # The list
//!
//! One item per finding at error or warning level about the street, its communities and
//! villages, or their meetings and files (a finding about a file is placed by the meetings read
//! from it, or from files beside it). Each item is known by its key: the finding's SARIF
//! fingerprint (rule, meeting, field and file, not the line), so that it is recognised next
//! month when rows have moved. Items are in the order of the report: by area ([`Area`]), unit
//! (the street first, then its communities by name), meeting or period, and rule.
//!
//! # Month over month
//!
//! With last month's list ([`baseline`]), each item is [`State::New`] (新增) or
//! [`State::Persisting`] (仍存在), and what the clerk wrote on a persisting item (责任单位,
//! 整改措施, 责任人, 整改时限, 整改状态, 佐证材料) is carried onto it; it is 逾期 when its 整改时限
//! has passed on the check date, and "not actually fixed" when the clerk marked it 已整改. An
//! item of last month that is not found now is [`State::Fixed`] (已消除) — unless its meeting,
//! unit or file is not in this month's batch at all: then nothing shows it fixed, and it stays
//! on the list as [`State::Unverified`] (未核实) with what the clerk wrote.
//!
//! Totals: 共 N 项 = 已整改 A (fixed) + 正在整改 B (persisting or unverified) + 新增 C; 整改率 =
//! A ÷ N.

pub mod baseline;
pub mod by_street;
pub mod document;
pub mod machine;
pub mod scoring;
mod units;
pub mod xlsx;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::batch::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::documents::Issuers;
use crate::figures::{Area, percent};
use crate::in_force::HiddenFinding;
use crate::model::Level;
use crate::settings::Settings;

pub use baseline::Baseline;
pub use scoring::{Scored, Scoring};
use units::{Places, Unit};

/// 整改状态, as the clerk sets it in the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::NotStarted, Status::InProgress, Status::Done];

    pub fn zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未整改",
            Status::InProgress => "整改中",
            Status::Done => "已整改",
        }
    }

    /// The status a clerk wrote: the three of the drop-down, or words that plainly mean one of
    /// them; an empty cell is 未整改.
    pub fn parse(text: &str) -> Option<Status> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match t.as_str() {
            "" | "未整改" | "未开始" | "未完成" | "待整改" | "not_started" => {
                Some(Status::NotStarted)
            }
            "整改中" | "正在整改" | "进行中" | "推进中" | "in_progress" => {
                Some(Status::InProgress)
            }
            "已整改" | "已完成" | "完成" | "已销号" | "已办结" | "done" => {
                Some(Status::Done)
            }
            _ => None,
        }
    }
}

/// 整改时限 as the clerk wrote it: a date, or words (长期坚持) that set none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub text: String,
    #[serde(skip)]
    pub date: Option<NaiveDate>,
}

impl Deadline {
    pub fn parse(text: &str) -> Deadline {
        let text = text.trim();
        let date = crate::values::parse_date(text).ok();
        Deadline {
            // A date is kept the one way the list writes dates.
            text: date.map_or_else(|| text.to_string(), crate::rules::ymd),
            date,
        }
    }
}

/// What the clerk fills in on a row, carried from month to month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Filled {
    /// 整改措施 and 责任单位 as the clerk rewrote them; empty: the list's own.
    pub measure: String,
    pub responsible: String,
    pub owner: String,
    pub deadline: Deadline,
    pub status: Status,
    pub evidence: String,
}

/// Where an item stands against last month's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 新增: not on last month's list.
    New,
    /// 仍存在: on last month's list and found again.
    Persisting,
    /// 已消除: on last month's list, not found now.
    Fixed,
    /// 未核实: on last month's list, and its meeting, unit or file is not in this batch.
    Unverified,
}

impl State {
    pub fn zh(self) -> &'static str {
        match self {
            State::New => "新增",
            State::Persisting => "仍存在",
            State::Fixed => "已消除",
            State::Unverified => "未核实",
        }
    }

    /// SARIF's `baselineState`.
    pub fn sarif(self) -> &'static str {
        match self {
            State::New => "new",
            State::Persisting => "unchanged",
            State::Fixed | State::Unverified => "absent",
        }
    }
}

/// One item of this month's list: a finding at error or warning level.
#[derive(Clone, Debug)]
pub struct Item {
    /// The finding's index in [`Checked::diagnostics`].
    pub diagnostic: usize,
    pub key: String,
    pub severity: Severity,
    pub code: &'static str,
    pub title: &'static str,
    pub area: Area,
    /// 单位: the community or village, or the street for its own.
    pub unit: String,
    /// 会议编号或期间: the meeting's code, or the period (2026年第一季度); empty for a file.
    pub subject: String,
    pub meeting: Option<String>,
    pub message: String,
    /// 依据: the guideline and clause.
    pub basis: String,
    /// 文件与位置, relative to the batch folder.
    pub place: String,
    /// 整改措施: the rule's advice, or what the clerk wrote.
    pub measure: String,
    /// 责任单位: the unit's issuing name, or what the clerk wrote.
    pub responsible: String,
    pub filled: Filled,
    /// Whether it deducts points: not a warning the step passes under the reading in force.
    pub deducts: bool,
    /// Against last month's list; `None` without one.
    pub state: Option<State>,
    /// 逾期: persisting past its 整改时限.
    pub overdue: bool,
    /// Marked 已整改 last month, yet found again.
    pub not_fixed: bool,
}

impl Item {
    /// 比对结果, in words: 新增; 仍存在（逾期）; 仍存在：标为已整改，但本月数据中仍有此问题.
    pub fn comparison(&self) -> String {
        let Some(state) = self.state else {
            return String::new();
        };
        let mut out = state.zh().to_string();
        if self.overdue {
            out += "（逾期）";
        }
        if self.not_fixed {
            out += "：标为已整改，但本月数据中仍有此问题";
        }
        out
    }
}

/// An item of last month's list not on this month's.
#[derive(Clone, Debug)]
pub struct Closed {
    pub row: baseline::Row,
    /// [`State::Fixed`] or [`State::Unverified`].
    pub state: State,
    /// Why it could not be verified.
    pub reason: Option<String>,
}

impl Closed {
    pub fn comparison(&self) -> String {
        match &self.reason {
            Some(reason) => format!("{}：{reason}", self.state.zh()),
            None => self.state.zh().to_string(),
        }
    }
}

/// What the audit covered for one street.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// The communities and villages, by name, with their level (社区, 村).
    pub communities: Vec<(String, &'static str)>,
    /// Meetings of the street and its communities and villages.
    pub meetings: usize,
    /// Files read of which records of the street came.
    pub files: usize,
    /// The first and last 会议日期 among them.
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// The month-over-month totals of one street.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// 共 N 项.
    pub total: usize,
    /// 已整改: in last month's list, not found now.
    pub fixed: usize,
    /// 正在整改: found again, or not verifiable.
    pub in_progress: usize,
    /// 新增.
    pub new: usize,
    /// 整改率, percent with one decimal.
    pub rate: Option<f64>,
    /// Of those in progress: past their 整改时限.
    pub overdue: usize,
    /// Of those in progress: marked 已整改 but found again.
    pub not_fixed: usize,
    /// Of those in progress: not verifiable this month.
    pub unverified: usize,
    /// Of those found again, by the status the clerk set.
    pub not_started: usize,
    pub rectifying: usize,
}

impl Totals {
    /// 共N项，已整改A项，正在整改B项，新增C项，整改率X%.
    pub fn sentence(&self) -> String {
        format!(
            "共{}项，已整改{}项，正在整改{}项，新增{}项，整改率{}",
            self.total,
            self.fixed,
            self.in_progress,
            self.new,
            self.rate
                .map_or_else(|| "—".to_string(), |r| format!("{r}%"))
        )
    }
}

/// The self-audit of one street.
#[derive(Clone, Debug)]
pub struct StreetAudit {
    pub street: String,
    /// The name it issues documents under: 莲花街道办事处.
    pub issuer: String,
    pub scope: Scope,
    pub items: Vec<Item>,
    /// Last month's items not found now, in last month's order.
    pub closed: Vec<Closed>,
    pub scored: Scored,
    /// The file compared with, when there was one for this street.
    pub baseline: Option<String>,
    pub totals: Option<Totals>,
    /// What the defaults report in this street and the workspace's settings removed or
    /// lowered (`--show-hidden`), with the unit each belongs to.
    pub hidden: Vec<(String, HiddenFinding)>,
}

impl StreetAudit {
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|i| i.severity == severity).count()
    }

    /// The file names of its outputs (without extension), made safe.
    pub fn report_stem(&self) -> String {
        crate::write::safe_name(&format!("{}-议事协商工作自查报告", self.street))
    }

    pub fn list_stem(&self) -> String {
        list_stem(&self.street)
    }
}

/// The file name of a street's list (without extension), made safe.
pub fn list_stem(street: &str) -> String {
    crate::write::safe_name(&format!("{street}-整改清单"))
}

/// What is said of a street's audit once its report and list are written: its score and
/// totals on the terminal, its card and last month's items not found now on the dashboard.
#[derive(Clone, Debug)]
pub struct StreetOutline {
    pub street: String,
    pub items: usize,
    pub errors: usize,
    pub warnings: usize,
    pub scored: Scored,
    pub totals: Option<Totals>,
    pub closed: Vec<Closed>,
}

impl StreetAudit {
    pub fn outline(&self) -> StreetOutline {
        StreetOutline {
            street: self.street.clone(),
            items: self.items.len(),
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
            scored: self.scored.clone(),
            totals: self.totals,
            closed: self.closed.clone(),
        }
    }
}

/// What is said of a batch's audit once its reports and lists are written.
#[derive(Clone, Debug)]
pub struct Outline {
    pub streets: Vec<StreetOutline>,
    /// The files compared with.
    pub baselines: Vec<String>,
    /// Whether `yishi.toml` set the scoring table.
    pub configured: bool,
}

impl Audit {
    pub fn outline(&self) -> Outline {
        Outline {
            streets: self.streets.iter().map(StreetAudit::outline).collect(),
            baselines: self.baselines.clone(),
            configured: self.scoring.configured,
        }
    }
}

/// Where a finding not on the list stands, when the audit was compared with last month's list.
pub const NOT_LISTED: &str = "未列入清单";

/// Where a listed finding stands on the dashboard: 新增, 仍存在, 仍存在（逾期）; `None` when
/// its street was not compared.
pub fn dashboard_state(item: &Item) -> Option<String> {
    item.state.map(|state| {
        let mut s = state.zh().to_string();
        if item.overdue {
            s += "（逾期）";
        }
        s
    })
}

/// The self-audit of a batch.
#[derive(Clone, Debug)]
pub struct Audit {
    pub today: NaiveDate,
    pub streets: Vec<StreetAudit>,
    /// Every finding's key, by its index in [`Checked::diagnostics`].
    pub keys: Vec<String>,
    /// Findings at error or warning level that no street could be found for.
    pub unplaced: Vec<usize>,
    /// What the run should say about the comparison (rows of streets not in the batch, streets
    /// without last month's list).
    pub notes: Vec<String>,
    pub scoring: Scoring,
    /// The files compared with.
    pub baselines: Vec<String>,
}

/// What an audit is computed from.
pub struct Inputs<'a> {
    pub checked: &'a Checked,
    pub settings: &'a Settings,
    /// The batch folders as given: the list's places and keys are relative to them.
    pub paths: &'a [PathBuf],
    pub issuers: &'a Issuers,
    pub scoring: &'a Scoring,
    pub baselines: &'a [Baseline],
}

/// Computes every street's audit; last month's lists that do not fit the batch (another
/// street's, two for one street) are an error naming the file.
pub fn compute(inputs: &Inputs) -> Result<Audit, String> {
    let checked = inputs.checked;
    let keys = crate::report::sarif::fingerprints(checked, inputs.paths);
    let places = Places::new(checked);
    let streets = places.streets();

    let (mut listed, unplaced) = list(inputs, &places, &keys, 0..checked.diagnostics.len());
    let mut hidden: BTreeMap<String, Vec<(String, HiddenFinding)>> = BTreeMap::new();
    for h in checked.hidden.iter().flatten() {
        if let Some(unit) = places.of(&h.finding) {
            let name = unit
                .community
                .clone()
                .unwrap_or_else(|| unit.street.clone());
            hidden
                .entry(unit.street)
                .or_default()
                .push((name, h.clone()));
        }
    }
    let mut comparison = Comparison::new(inputs.baselines, &streets)?;
    let present = Places::files(&checked.read, &checked.skipped, inputs.paths);
    let files = places.files_by_street(&checked.read);
    let audits = streets
        .iter()
        .map(|street| {
            let scope = units::scope(
                street,
                &checked.meetings,
                files.get(street).copied().unwrap_or(0),
            );
            let mut a = comparison.street(
                street,
                listed.remove(street).unwrap_or_default(),
                (&places, &present),
                scope,
                inputs,
            );
            a.hidden = hidden.remove(street).unwrap_or_default();
            a
        })
        .collect();
    Ok(Audit {
        today: inputs.settings.today,
        streets: audits,
        keys,
        unplaced,
        notes: comparison.notes,
        scoring: inputs.scoring.clone(),
        baselines: inputs.baselines.iter().map(|b| b.name.clone()).collect(),
    })
}

/// The findings of `inputs.checked` at `which` indices at error or warning level, as items of
/// their streets' lists (by street, in the findings' order), and the indices of those no street
/// could be found for; `keys` are the findings' keys, by index.
fn list(
    inputs: &Inputs,
    places: &Places,
    keys: &[String],
    which: std::ops::Range<usize>,
) -> (BTreeMap<String, Vec<Item>>, Vec<usize>) {
    let mut listed: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for i in which {
        let d = &inputs.checked.diagnostics[i];
        if !matches!(d.severity, Severity::Error | Severity::Warning) {
            continue;
        }
        let Some(unit) = places.of(d) else {
            unplaced.push(i);
            continue;
        };
        let item = item(i, d, &keys[i], &unit, (inputs.paths, inputs.issuers));
        listed.entry(unit.street.clone()).or_default().push(item);
    }
    (listed, unplaced)
}

/// Last month's lists, their rows by street, and what the run says of them.
pub struct Comparison {
    rows: BTreeMap<String, Vec<baseline::Row>>,
    notes: Vec<String>,
    /// The file compared with for each street that has one.
    covered: BTreeMap<String, String>,
}

impl Comparison {
    /// Last month's lists laid over the batch's streets; one that does not fit them is an error
    /// naming the file.
    pub fn new(baselines: &[Baseline], streets: &[String]) -> Result<Comparison, String> {
        let (rows, notes, covered) = baseline::by_street(baselines, streets)?;
        Ok(Comparison {
            rows,
            notes,
            covered,
        })
    }

    /// The audit of `street` from its items (in the findings' order), compared with its rows of
    /// last month (taken from here), the batch's `places` and `present` files telling which of
    /// them cannot be verified.
    fn street(
        &mut self,
        street: &str,
        mut items: Vec<Item>,
        (places, present): (&Places, &BTreeSet<String>),
        scope: Scope,
        inputs: &Inputs,
    ) -> StreetAudit {
        let today = inputs.settings.today;
        items.sort_by_cached_key(|it| order_key(it, street));
        let (closed, baseline) = match self.covered.get(street) {
            Some(file) => {
                let rows = self.rows.remove(street).unwrap_or_default();
                (
                    compare(&mut items, rows, today, places, present),
                    Some(file.clone()),
                )
            }
            None => (Vec::new(), None),
        };
        let scored = inputs
            .scoring
            .score(items.iter().map(|it| (it.area, it.severity, it.deducts)));
        let totals = baseline.as_ref().map(|_| totals(&items, &closed, today));
        StreetAudit {
            street: street.to_string(),
            issuer: inputs.issuers.of_unit(Some(street), None, Level::Street),
            scope,
            items,
            closed,
            scored,
            baseline,
            totals,
            hidden: Vec::new(),
        }
    }
}

/// A finding no street could be found for, as the run names it: its rule, its message, its
/// place.
pub fn unplaced_text(d: &Diagnostic) -> String {
    let at = d
        .loc
        .as_ref()
        .map_or_else(String::new, |l| format!("（{}）", l.display()));
    format!("{} {}{at}", d.code, d.message)
}

/// The list's order: area, the street before its communities, unit, meeting or period, rule.
fn order_key(it: &Item, street: &str) -> (Area, bool, String, String, &'static str, String) {
    (
        it.area,
        it.unit != street,
        it.unit.clone(),
        it.subject.clone(),
        it.code,
        it.message.clone(),
    )
}

fn item(
    i: usize,
    d: &Diagnostic,
    key: &str,
    unit: &Unit,
    (paths, issuers): (&[PathBuf], &Issuers),
) -> Item {
    let subject = d
        .meeting
        .clone()
        .or_else(|| d.period.as_deref().map(period_zh))
        .unwrap_or_default();
    Item {
        diagnostic: i,
        key: key.to_string(),
        severity: d.severity,
        code: d.code,
        title: d.title,
        area: Area::of(d.code).unwrap_or(Area::Data),
        unit: unit
            .community
            .clone()
            .unwrap_or_else(|| unit.street.clone()),
        subject,
        meeting: d.meeting.clone(),
        message: d.message.clone(),
        basis: d.citation.map_or_else(String::new, |c| {
            if c.title().contains('《') {
                format!("{}{}", c.title(), c.clause)
            } else {
                format!("《{}》{}", c.title(), c.clause)
            }
        }),
        place: place(d, paths),
        measure: d.help.as_deref().map_or_else(
            || format!("对照规则 {} 的说明（yishi explain {}）整改", d.code, d.code),
            str::to_string,
        ),
        responsible: issuers.of_unit(Some(&unit.street), unit.community.as_deref(), unit.level),
        filled: Filled::default(),
        deducts: !(d.severity == Severity::Warning && d.facts.contains_key("reading")),
        state: None,
        overdue: false,
        not_fixed: false,
    }
}

/// A period key (2026, 2026-H1, 2026-Q3) as people name it; anything else as it is.
pub fn period_zh(key: &str) -> String {
    const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];
    let (year, part) = key.split_once('-').unwrap_or((key, ""));
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return key.to_string();
    }
    match part.to_ascii_uppercase().as_str() {
        "" => format!("{year}年"),
        "H1" => format!("{year}年上半年"),
        "H2" => format!("{year}年下半年"),
        q @ ("Q1" | "Q2" | "Q3" | "Q4") => {
            let n = usize::from(q.as_bytes()[1] - b'1');
            format!("{year}年第{}季度", QUARTERS[n])
        }
        _ => key.to_string(),
    }
}

/// 文件与位置: the file relative to its batch folder, then the line (第 7 行) or the sheet and
/// cell (› 2026年 › F7), then the column (「实到人数」).
fn place(d: &Diagnostic, paths: &[PathBuf]) -> String {
    let Some(loc) = &d.loc else {
        return String::new();
    };
    let file = units::relative(paths, loc.path());
    let mut out = match (loc.sheet(), loc.cell()) {
        (Some(sheet), Some(cell)) => format!("{file} › {sheet} › {cell}"),
        (Some(sheet), None) => format!("{file} › {sheet}"),
        _ => format!("{file} 第 {} 行", loc.line_col().0),
    };
    if let Some(field) = &d.field {
        let _ = write!(out, "「{field}」");
    }
    out
}

/// The file a place names: what comes before the line or the sheet.
pub fn place_file(place: &str) -> &str {
    let end = [" › ", " 第 "]
        .iter()
        .filter_map(|sep| place.find(sep))
        .min()
        .unwrap_or(place.len());
    place[..end].trim()
}

/// Marks this month's items against last month's rows of the same street, carrying what the
/// clerk wrote; returns last month's rows not found now.
fn compare(
    items: &mut [Item],
    rows: Vec<baseline::Row>,
    today: NaiveDate,
    places: &Places,
    present: &BTreeSet<String>,
) -> Vec<Closed> {
    // Two findings may share a key (the same rule on the same field of a meeting, on two rows of
    // a participants list): they are matched in order.
    let mut by_key: HashMap<String, VecDeque<baseline::Row>> = HashMap::new();
    let mut order = Vec::new();
    for row in rows {
        order.push(row.key.clone());
        by_key.entry(row.key.clone()).or_default().push_back(row);
    }
    for it in items.iter_mut() {
        match by_key.get_mut(&it.key).and_then(VecDeque::pop_front) {
            Some(row) => {
                it.state = Some(State::Persisting);
                it.overdue = row.filled.deadline.date.is_some_and(|d| d < today);
                it.not_fixed = row.filled.status == Status::Done;
                if !row.filled.measure.is_empty() {
                    it.measure.clone_from(&row.filled.measure);
                }
                if !row.filled.responsible.is_empty() {
                    it.responsible.clone_from(&row.filled.responsible);
                }
                it.filled = row.filled;
            }
            None => it.state = Some(State::New),
        }
    }
    let mut closed = Vec::new();
    for key in order {
        let Some(row) = by_key.get_mut(&key).and_then(VecDeque::pop_front) else {
            continue;
        };
        let reason = places.unverifiable(&row, present);
        closed.push(Closed {
            state: if reason.is_some() {
                State::Unverified
            } else {
                State::Fixed
            },
            reason,
            row,
        });
    }
    closed
}

fn totals(items: &[Item], closed: &[Closed], today: NaiveDate) -> Totals {
    let mut t = Totals::default();
    for it in items {
        match it.state {
            Some(State::New) => t.new += 1,
            Some(State::Persisting) => {
                t.in_progress += 1;
                t.overdue += usize::from(it.overdue);
                t.not_fixed += usize::from(it.not_fixed);
                match it.filled.status {
                    Status::NotStarted => t.not_started += 1,
                    Status::InProgress => t.rectifying += 1,
                    Status::Done => {}
                }
            }
            _ => {}
        }
    }
    for c in closed {
        if c.state == State::Fixed {
            t.fixed += 1;
        } else {
            t.in_progress += 1;
            t.unverified += 1;
            t.overdue += usize::from(c.row.filled.deadline.date.is_some_and(|d| d < today));
        }
    }
    t.total = t.fixed + t.in_progress + t.new;
    t.rate = percent(t.fixed as u64, t.total as u64);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_deadlines_periods_and_places_read_as_a_clerk_writes_them() {
        assert_eq!(Status::parse(""), Some(Status::NotStarted));
        assert_eq!(Status::parse(" 整改中 "), Some(Status::InProgress));
        assert_eq!(Status::parse("已完成"), Some(Status::Done));
        assert_eq!(Status::parse("差不多"), None);
        let d = Deadline::parse("2026年12月5日");
        assert_eq!(
            (d.text.as_str(), d.date),
            ("2026-12-05", NaiveDate::from_ymd_opt(2026, 12, 5))
        );
        let d = Deadline::parse("长期坚持");
        assert_eq!((d.text.as_str(), d.date), ("长期坚持", None));
        assert_eq!(period_zh("2026"), "2026年");
        assert_eq!(period_zh("2026-H2"), "2026年下半年");
        assert_eq!(period_zh("2026-q3"), "2026年第三季度");
        assert_eq!(period_zh("本季度"), "本季度");
        assert_eq!(
            place_file("莲花街道/台账.csv 第 3 行「实到人数」"),
            "莲花街道/台账.csv"
        );
        assert_eq!(
            place_file("台账.xlsx › 2026年 › F7「实到人数」"),
            "台账.xlsx"
        );
        assert_eq!(place_file(""), "");
    }

    #[test]
    fn totals_count_every_item_once() {
        let t = Totals {
            total: 8,
            fixed: 3,
            in_progress: 4,
            new: 1,
            rate: percent(3, 8),
            ..Totals::default()
        };
        assert_eq!(
            t.sentence(),
            "共8项，已整改3项，正在整改4项，新增1项，整改率37.5%"
        );
        assert_eq!(
            Totals::default().sentence(),
            "共0项，已整改0项，正在整改0项，新增0项，整改率—"
        );
    }
}
