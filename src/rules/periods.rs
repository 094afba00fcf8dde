//! Units and calendar periods for the frequency rules ("每年至少1次", "每季度至少1次"):
//! years, half-years and quarters are calendar periods (Q1 = 1–3 月, H1 = 1–6 月), and a unit is
//! a street, or a community or village within its street.
//!
//! The periods checked are those of the configured year (`--year`), or else those from the first
//! to the last meeting date of the batch at the unit's level (streets; communities and villages). A period that has not ended at the check date is reported "so far", as info.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::diag::{Diagnostic, Severity};
use crate::fields::{self, Field, FormKind};
use crate::meta::RuleMeta;
use crate::meta::params::Count;
use crate::model::{Level, Meeting};
use crate::rules::{BatchCtx, ymd};
use crate::settings::Settings;

/// The length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Year,
    Half,
    Quarter,
}

impl Span {
    fn months(self) -> u32 {
        match self {
            Span::Year => 12,
            Span::Half => 6,
            Span::Quarter => 3,
        }
    }

    /// "每年", "每半年", "每季度".
    pub fn every(self) -> &'static str {
        match self {
            Span::Year => "每年",
            Span::Half => "每半年",
            Span::Quarter => "每季度",
        }
    }
}

/// One calendar period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    pub span: Span,
    /// 1-based: the half or the quarter; 1 for a year.
    pub index: u32,
}

impl Period {
    pub fn containing(date: NaiveDate, span: Span) -> Period {
        Period {
            year: date.year(),
            span,
            index: date.month0() / span.months() + 1,
        }
    }

    pub fn start(self) -> NaiveDate {
        let month = (self.index - 1) * self.span.months() + 1;
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("a period starts on a real date")
    }

    pub fn end(self) -> NaiveDate {
        self.next()
            .start()
            .pred_opt()
            .expect("a period ends on a real date")
    }

    #[must_use]
    pub fn next(self) -> Period {
        let count = 12 / self.span.months();
        if self.index == count {
            Period {
                year: self.year + 1,
                index: 1,
                ..self
            }
        } else {
            Period {
                index: self.index + 1,
                ..self
            }
        }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The machine key DESIGN.md fixes: `2026`, `2026-H1`, `2026-Q3`.
    pub fn key(&self) -> String {
        match self.span {
            Span::Year => self.year.to_string(),
            Span::Half => format!("{}-H{}", self.year, self.index),
            Span::Quarter => format!("{}-Q{}", self.year, self.index),
        }
    }

    /// The period as people name it: 2026年, 2026年上半年, 2026年第三季度.
    pub fn zh(&self) -> String {
        const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];
        match self.span {
            Span::Year => format!("{}年", self.year),
            Span::Half if self.index == 1 => format!("{}年上半年", self.year),
            Span::Half => format!("{}年下半年", self.year),
            Span::Quarter => format!(
                "{}年第{}季度",
                self.year,
                QUARTERS[(self.index - 1) as usize]
            ),
        }
    }

    /// The periods of `span` that overlap `from..=to`.
    pub fn covering(span: Span, (from, to): (NaiveDate, NaiveDate)) -> Vec<Period> {
        let mut p = Period::containing(from, span);
        let mut out = Vec::new();
        while p.start() <= to {
            out.push(p);
            p = p.next();
        }
        out
    }
}

/// Whether two levels are checked over the same span: streets apart, communities and villages
/// together (a street's ledger often reaches further back than its communities' extracts).
fn same_group(a: Level, b: Level) -> bool {
    (a == Level::Street) == (b == Level::Street)
}

/// The dates the batch covers for units of `level`: the configured year, or else the first to
/// the last meeting date of that level's group.
pub fn batch_span(
    meetings: &[Meeting],
    settings: &Settings,
    level: Level,
) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(year) = settings.year {
        return Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        ));
    }
    let dates = meetings
        .iter()
        .filter(|m| m.level().is_some_and(|l| same_group(l, level)))
        .filter_map(|m| m.date(Field::HeldOn));
    let (min, max) = dates.fold(
        (None, None),
        |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        },
    );
    Some((min?, max?))
}

/// A street, or a community or village in its street, with its meetings in the batch.
#[derive(Debug)]
pub struct Unit<'a> {
    pub street: Option<String>,
    pub community: Option<String>,
    pub level: Level,
    pub meetings: Vec<&'a Meeting>,
}

impl Unit<'_> {
    /// 莲花街道, or 莲花街道彩田社区.
    pub fn name(&self) -> String {
        format!(
            "{}{}",
            self.street.as_deref().unwrap_or(""),
            self.community.as_deref().unwrap_or("")
        )
    }
}

/// The units at `levels` that held at least one meeting in the batch. A community's level is
/// taken from its meetings; meetings without a level are left to D002.
pub fn units<'a>(meetings: &'a [Meeting], levels: &[Level]) -> Vec<Unit<'a>> {
    // Keyed by the meetings' own text: the names are copied once a unit, not once a meeting.
    let mut by_key: BTreeMap<(Option<&'a str>, Option<&'a str>), Unit<'a>> = BTreeMap::new();
    for m in meetings {
        let Some(level) = m.level().filter(|l| levels.contains(l)) else {
            continue;
        };
        let street = m.street();
        let community = match level {
            Level::Street => None,
            Level::Community | Level::Village => m.community(),
        };
        if level != Level::Street && community.is_none() {
            continue;
        }
        by_key
            .entry((street, community))
            .or_insert_with(|| Unit {
                street: street.map(str::to_string),
                community: community.map(str::to_string),
                level,
                meetings: Vec::new(),
            })
            .meetings
            .push(m);
    }
    by_key.into_values().collect()
}

/// What a frequency requirement counts.
#[derive(Clone, Copy, Debug)]
pub enum Counts {
    /// Meetings whose 协商形式 is the requirement's `what`.
    Form,
    /// Meetings whose 协商形式 is of this kind (the form list in `fields` says which) and names
    /// the meeting's own level: at a community a 居民会议, at a village a 村民会议; never a
    /// 居民小组会议, nor a village's 居民议事会.
    Kind(FormKind),
    /// Meetings the test accepts.
    Test(fn(&Meeting) -> bool),
}

/// One frequency requirement: at least `min` meetings that `counts` accepts in every `span`, for
/// every unit at `levels`. The rule that sets it lists it (`Check::Frequency`), so the check and
/// the annual figures read the same table and count with the same function, [`tally`].
#[derive(Debug)]
pub struct Frequency {
    pub meta: &'static RuleMeta,
    pub levels: &'static [Level],
    pub span: Span,
    /// What is counted, for messages and figures: "居民会议".
    pub what: &'static str,
    pub counts: Counts,
    /// Parameter that sets `min`; its value in force is read from the settings.
    pub param: Count,
    /// The severity of this requirement's shortfalls where the clause softens it ("居民会议原则上
    /// 每年至少召开1次": a warning), else the rule's own.
    pub milder: Option<Severity>,
}

impl Frequency {
    /// The minimum in force.
    pub fn min(&self, settings: &Settings) -> u32 {
        settings.param(self.meta, self.param)
    }

    /// Whether the meeting is one this requirement counts.
    pub fn counts(&self, m: &Meeting) -> bool {
        match self.counts {
            Counts::Form => m.text(Field::Form) == Some(self.what),
            Counts::Kind(kind) => m
                .text(Field::Form)
                .and_then(fields::form)
                .is_some_and(|f| f.kind == kind && f.level.is_none_or(|l| m.level() == Some(l))),
            Counts::Test(test) => test(m),
        }
    }
}

/// The meetings of one unit in one period that a frequency counts, against what it requires.
#[derive(Debug)]
pub struct Tally<'a> {
    pub period: Period,
    /// In the unit's order.
    pub held: Vec<&'a Meeting>,
    pub required: u32,
    /// Whether the period ended before the check date (else the count is "so far").
    pub over: bool,
}

impl Tally<'_> {
    pub fn met(&self) -> bool {
        self.held.len() as u32 >= self.required
    }
}

/// Counts a unit's meetings for one frequency in every period of `dates` that has begun by the
/// check date. SZ006, SZ103 and SZ108–SZ110 report the shortfalls of these counts; the annual
/// figures print them all.
pub fn tally<'a>(
    meetings: &[&'a Meeting],
    f: &Frequency,
    dates: (NaiveDate, NaiveDate),
    settings: &Settings,
) -> Vec<Tally<'a>> {
    let today = settings.today;
    let required = f.min(settings);
    Period::covering(f.span, dates)
        .into_iter()
        .filter(|period| period.start() <= today)
        .map(|period| Tally {
            period,
            held: meetings
                .iter()
                .copied()
                .filter(|m| {
                    m.date(Field::HeldOn).is_some_and(|d| period.contains(d)) && f.counts(m)
                })
                .collect(),
            required,
            over: period.end() < today,
        })
        .collect()
}

/// Checks every frequency of a rule for every unit at its levels over every period the batch
/// covers.
pub fn check_all(cx: &mut BatchCtx, frequencies: &[Frequency]) {
    for f in frequencies {
        for unit in units(cx.meetings, f.levels) {
            check_frequency(cx, &unit, f);
        }
    }
}

/// Checks one frequency over every period the batch covers, for one unit.
pub fn check_frequency(cx: &mut BatchCtx, unit: &Unit, f: &Frequency) {
    let Some(span) = cx.span(unit.level) else {
        return;
    };
    let today = cx.today();
    for t in tally(&unit.meetings, f, span, cx.settings) {
        if t.met() {
            continue;
        }
        let (period, n, min, over) = (t.period, t.held.len() as u32, t.required, t.over);
        let window = format!("{} 至 {}", ymd(period.start()), ymd(period.end()));
        let message = if over {
            format!(
                "{}：{}{}召开{} {n} 次，要求{}至少 {} 次",
                f.meta.title,
                unit.name(),
                period.zh(),
                f.what,
                f.span.every(),
                min
            )
        } else {
            format!(
                "{}：{}{}截至检查日 {} 召开{} {n} 次，本期尚未结束，要求{}至少 {} 次",
                f.meta.title,
                unit.name(),
                period.zh(),
                ymd(today),
                f.what,
                f.span.every(),
                min
            )
        };
        let mut d = Diagnostic::new(f.meta, message)
            .fact("unit", unit.name())
            .fact("period", period.key())
            .fact("from", ymd(period.start()))
            .fact("to", ymd(period.end()))
            .fact("held", n)
            .fact(f.param.decl().name, min)
            .fact("period_over", over)
            .requirement(format!(
                "{}{}（{window}）至少召开 {} 次{}",
                unit.name(),
                period.zh(),
                min,
                f.what
            ))
            .help(if over {
                format!(
                    "如确已召开而未录入，补录该次会议的台账；否则在整改清单中列明，今后{}按时召开",
                    f.span.every()
                )
            } else {
                format!(
                    "本期截至 {} 结束，请在此前安排召开{}",
                    ymd(period.end()),
                    f.what
                )
            });
        if !over {
            d = d.severity(Severity::Info);
        } else if let Some(milder) = f.milder {
            d = d.severity(milder);
        }
        if let Some(m) = t.held.last() {
            d = d
                .at(Some(m.anchor()))
                .label(format!("本期已开{} {n} 次，这是最后一次", f.what));
        }
        cx.emit_for(unit, Some(&period), d);
    }
}
