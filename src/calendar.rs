//! The official holiday calendar: which days are working days under the State Council's yearly
//! notices (国务院办公厅关于部分节假日安排的通知), and the working-day arithmetic the rules need
//! (民法典第二百零三条 rollover, "N个工作日内").
//!
//! The table ships with the tool (`data/holidays-cn.toml`); a workspace can add local holidays
//! (全国年节及纪念日放假办法第四条, minority festivals) or a year the table lacks with a file in the
//! same format ([`Calendar::with_overlay`]). A date in a year the table does not cover gives
//! [`UnknownYear`], never a weekends-only guess.
//!
//! A year counts as known once its notice is in the table. The days of a New Year holiday that
//! start in late December are listed by the next year's notice (2019's covers 2018-12-29…31), so
//! the last days of the last known year are final only once the next notice is out.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

/// The shipped table, 2015 onwards.
const OFFICIAL: &str = include_str!("../data/holidays-cn.toml");
const OFFICIAL_PATH: &str = "data/holidays-cn.toml";

/// What kind of day a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Monday to Friday, no holiday.
    Workday,
    /// Saturday or Sunday, no make-up working day.
    Weekend,
    /// A day off under a notice (the holiday itself or a day off in lieu, 放假调休).
    Holiday,
    /// A weekend day worked in lieu (调休上班).
    AdjustedWorkday,
}

impl DayKind {
    pub fn zh(self) -> &'static str {
        match self {
            DayKind::Workday => "工作日",
            DayKind::Weekend => "周末休息日",
            DayKind::Holiday => "节假日",
            DayKind::AdjustedWorkday => "调休上班日",
        }
    }

    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday)
    }
}

impl fmt::Display for DayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

/// A date in a year the holiday table does not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownYear {
    pub year: i32,
}

impl fmt::Display for UnknownYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "节假日表中没有 {} 年的放假安排（国务院办公厅关于{}年部分节假日安排的通知），无法判断该年哪天是工作日；\
             通知发布后可在节假日文件中补充该年",
            self.year, self.year
        )
    }
}

impl std::error::Error for UnknownYear {}

/// One year's notice, as amended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub year: i32,
    pub title: String,
    /// 文号, e.g. 国办发明电〔2025〕7号; `None` where it is not on record.
    pub number: Option<String>,
    pub issued: Option<NaiveDate>,
    pub urls: Vec<String>,
    pub amendments: Vec<Amendment>,
    /// The schedule after every amendment, plus local holidays from an overlay.
    pub holidays: Vec<Holiday>,
}

/// A later notice that changed the year's schedule, or a local file that added to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    pub title: String,
    pub number: Option<String>,
    pub issued: Option<NaiveDate>,
    pub urls: Vec<String>,
    /// What it changed, in the notice's words.
    pub change: String,
}

/// One holiday of a notice: its days off and its make-up working days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub off: Vec<NaiveDate>,
    pub work: Vec<NaiveDate>,
}

#[derive(Clone, Debug)]
struct Special {
    off: bool,
    /// The holiday's name, for messages ("10-03 是国庆节假期").
    name: String,
}

/// The holiday calendar: the official table, possibly with a local overlay.
#[derive(Clone, Debug)]
pub struct Calendar {
    notices: BTreeMap<i32, Notice>,
    days: BTreeMap<NaiveDate, Special>,
}

static OFFICIAL_CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let empty = Calendar {
        notices: BTreeMap::new(),
        days: BTreeMap::new(),
    };
    empty
        .with_overlay(OFFICIAL, Path::new(OFFICIAL_PATH))
        .unwrap_or_else(|e| panic!("shipped holiday table is invalid: {e}"))
});

impl Calendar {
    /// The State Council notices the tool ships, parsed once.
    pub fn official() -> &'static Calendar {
        &OFFICIAL_CALENDAR
    }

    /// The years the calendar covers.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.notices.keys().copied()
    }

    pub fn notice(&self, year: i32) -> Option<&Notice> {
        self.notices.get(&year)
    }

    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind, UnknownYear> {
        if let Some(special) = self.days.get(&date) {
            return Ok(if special.off {
                DayKind::Holiday
            } else {
                DayKind::AdjustedWorkday
            });
        }
        if !self.notices.contains_key(&date.year()) {
            return Err(UnknownYear { year: date.year() });
        }
        Ok(if is_weekend(date) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        })
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, UnknownYear> {
        self.day_kind(date).map(DayKind::is_working)
    }

    /// The holiday a listed day belongs to (off or make-up working day).
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.days.get(&date).map(|s| s.name.as_str())
    }

    /// 民法典第二百零三条: a last day that is a rest day (weekend or holiday) moves to the next
    /// working day; a working day stays.
    pub fn roll_forward(&self, date: NaiveDate) -> Result<NaiveDate, UnknownYear> {
        let mut day = date;
        while !self.is_working_day(day)? {
            day = next_day(day)?;
        }
        Ok(day)
    }

    /// The last day of "N个工作日内" after `date`: the start day is not counted even when it is a
    /// working day (民法典第二百零一条); counting starts the next day. `n = 0` gives `date`.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, UnknownYear> {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// How many working days lie in `(from, to]` (0 when `to <= from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, UnknownYear> {
        let mut count = 0;
        for day in from.iter_days().skip(1).take_while(|&d| d <= to) {
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// This calendar with a user's holiday file laid over it: a year the calendar lacks becomes
    /// known, and each date the file lists takes the file's kind.
    pub fn with_overlay(&self, text: &str, path: &Path) -> Result<Calendar, CalendarFileError> {
        let fail = |span: Range<usize>, key: &str, message: String, help: &str| {
            CalendarFileError::at(path, text, span, key, message, help)
        };
        let file: RawFile = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let key = key_at(text, &span);
            fail(
                span,
                &key,
                format!("不是可读的节假日文件：{}", e.message().trim()),
                HELP_SCHEMA,
            )
        })?;
        let mut calendar = self.clone();
        // Dates listed earlier in this file, to catch a day given twice with different kinds.
        let mut seen: BTreeMap<NaiveDate, bool> = BTreeMap::new();
        let mut years_seen = BTreeSet::new();
        for raw in file.year {
            let year = *raw.year.get_ref();
            if !(1949..=9999).contains(&year) {
                return Err(fail(
                    raw.year.span(),
                    "year",
                    format!("年份 {year} 不在 1949–9999 之间"),
                    "year 写四位数的公历年份，如 year = 2027",
                ));
            }
            if !years_seen.insert(year) {
                return Err(fail(
                    raw.year.span(),
                    "year",
                    format!("{year} 年在本文件中出现了两次"),
                    "同一年的假期都写在一个 [[year]] 之下",
                ));
            }
            let mut holidays = Vec::new();
            for h in &raw.holiday {
                let name = h.name.get_ref().trim().to_owned();
                if name.is_empty() {
                    return Err(fail(
                        h.name.span(),
                        "name",
                        "假期名称为空".into(),
                        "写上假期的名称，如 name = \"三月三\"",
                    ));
                }
                let off = parse_days(&h.off, year, "off", &fail)?;
                let work = parse_days(&h.work, year, "work", &fail)?;
                for (date, span) in &work {
                    if !is_weekend(*date) {
                        return Err(fail(
                            span.clone(),
                            "work",
                            format!("{date} 是{}，本来就是工作日", weekday_zh(*date)),
                            "work 只列调休上班的星期六、星期日；平常的工作日不用写",
                        ));
                    }
                }
                for (date, span, is_off) in off
                    .iter()
                    .map(|(d, s)| (*d, s, true))
                    .chain(work.iter().map(|(d, s)| (*d, s, false)))
                {
                    if let Some(&before) = seen.get(&date)
                        && before != is_off
                    {
                        return Err(fail(
                            span.clone(),
                            if is_off { "off" } else { "work" },
                            format!("{date} 既写成放假又写成上班"),
                            "一天只能是放假（off）或调休上班（work）之一，删去其中一处",
                        ));
                    }
                    seen.insert(date, is_off);
                    calendar.days.insert(
                        date,
                        Special {
                            off: is_off,
                            name: name.clone(),
                        },
                    );
                }
                holidays.push(Holiday {
                    name,
                    off: off.into_iter().map(|(d, _)| d).collect(),
                    work: work.into_iter().map(|(d, _)| d).collect(),
                });
            }
            let issued = match &raw.issued {
                Some(s) => Some(parse_date(s.get_ref()).ok_or_else(|| {
                    fail(
                        s.span(),
                        "issued",
                        format!("「{}」不是日期", s.get_ref()),
                        "issued 写通知的成文日期，如 issued = \"2026-11-05\"",
                    )
                })?),
                None => None,
            };
            let mut amendments = Vec::new();
            for a in &raw.amendment {
                amendments.push(Amendment {
                    title: a.title.clone(),
                    number: a.number.clone(),
                    issued: match &a.issued {
                        Some(s) => Some(parse_date(s.get_ref()).ok_or_else(|| {
                            fail(
                                s.span(),
                                "issued",
                                format!("「{}」不是日期", s.get_ref()),
                                "issued 写通知的成文日期，如 issued = \"2019-03-22\"",
                            )
                        })?),
                        None => None,
                    },
                    urls: a.urls.clone(),
                    change: a.change.clone(),
                });
            }
            if let Some(notice) = calendar.notices.get_mut(&year) {
                // A file laid over a known year adds to it; its own title, if any, is recorded
                // next to the official notice so a report can name both.
                if let Some(title) = &raw.title {
                    amendments.insert(
                        0,
                        Amendment {
                            title: title.get_ref().clone(),
                            number: raw.number.clone(),
                            issued,
                            urls: raw.urls.clone(),
                            change: format!("{} 补充的假期：{}", path.display(), names(&holidays)),
                        },
                    );
                }
                notice.amendments.extend(amendments);
                notice.holidays.extend(holidays);
            } else {
                let Some(title) = &raw.title else {
                    return Err(fail(
                        raw.year.span(),
                        "title",
                        format!("节假日表中原本没有 {year} 年，新增的年份须写明通知标题"),
                        "在 year 下一行加 title = \"国务院办公厅关于XXXX年部分节假日安排的通知\"，\
                         并用 number、urls 写上文号和网址",
                    ));
                };
                calendar.notices.insert(
                    year,
                    Notice {
                        year,
                        title: title.get_ref().clone(),
                        number: raw.number.clone(),
                        issued,
                        urls: raw.urls.clone(),
                        amendments,
                        holidays,
                    },
                );
            }
        }
        Ok(calendar)
    }

    /// Every listed date with its kind, in date order.
    pub fn listed_days(&self) -> impl Iterator<Item = (NaiveDate, DayKind, &str)> + '_ {
        self.days.iter().map(|(d, s)| {
            (
                *d,
                if s.off {
                    DayKind::Holiday
                } else {
                    DayKind::AdjustedWorkday
                },
                s.name.as_str(),
            )
        })
    }
}

fn names(holidays: &[Holiday]) -> String {
    holidays
        .iter()
        .map(|h| h.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, UnknownYear> {
    date.succ_opt().ok_or(UnknownYear {
        year: date.year() + 1,
    })
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

pub fn weekday_zh(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

const HELP_SCHEMA: &str = "每年写一个 [[year]]（year、title、number、urls），其下每项假期写一个 [[year.holiday]]：\
     name = \"假期名称\"，off = [\"2026-04-19..2026-04-20\"] 列放假的日子，work = [\"2026-04-26\"] 列调休上班的周末；\
     格式见 fixtures/calendar/local-holidays.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: Spanned<i32>,
    title: Option<Spanned<String>>,
    number: Option<String>,
    issued: Option<Spanned<String>>,
    #[serde(default)]
    urls: Vec<String>,
    #[serde(default)]
    amendment: Vec<RawAmendment>,
    #[serde(default)]
    holiday: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmendment {
    title: String,
    number: Option<String>,
    issued: Option<Spanned<String>>,
    #[serde(default)]
    urls: Vec<String>,
    change: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: Spanned<String>,
    #[serde(default)]
    off: Vec<Spanned<String>>,
    #[serde(default)]
    work: Vec<Spanned<String>>,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

type Fail<'a> = dyn Fn(Range<usize>, &str, String, &str) -> CalendarFileError + 'a;

/// Dates and ranges ("2026-10-01..2026-10-07") of one list, each with the span it came from.
fn parse_days(
    items: &[Spanned<String>],
    year: i32,
    key: &str,
    fail: &Fail<'_>,
) -> Result<Vec<(NaiveDate, Range<usize>)>, CalendarFileError> {
    let mut out = Vec::new();
    for item in items {
        let text = item.get_ref().trim();
        let span = item.span();
        let bad = || {
            fail(
                span.clone(),
                key,
                format!("「{text}」不是日期或日期范围"),
                "日期写作 \"2026-10-01\"，连续的几天写作 \"2026-10-01..2026-10-07\"（含首尾两天）",
            )
        };
        let (first, last) = if let Some((a, b)) = text.split_once("..") {
            (
                parse_date(a).ok_or_else(bad)?,
                parse_date(b).ok_or_else(bad)?,
            )
        } else {
            let d = parse_date(text).ok_or_else(bad)?;
            (d, d)
        };
        if last < first {
            return Err(fail(
                span,
                key,
                format!("日期范围「{text}」的结束日早于开始日"),
                "范围先写开始日再写结束日，如 \"2026-10-01..2026-10-07\"",
            ));
        }
        if (last - first).num_days() > 366 {
            return Err(fail(
                span,
                key,
                format!("日期范围「{text}」超过一年"),
                "一项假期只写它放假的那几天",
            ));
        }
        for date in first.iter_days().take_while(|&d| d <= last) {
            // A New Year holiday may start in the December before (2019's notice: 2018-12-30).
            let in_year = date.year() == year || (date.year() == year - 1 && date.month() == 12);
            if !in_year {
                return Err(fail(
                    span.clone(),
                    key,
                    format!("{date} 不在 {year} 年内"),
                    "每个日期写在它所属年份的 [[year]] 之下（元旦假期可以从上一年 12 月开始）",
                ));
            }
            out.push((date, span.clone()));
        }
    }
    Ok(out)
}

/// The text at an error's place, shown as the key the error is about.
fn key_at(text: &str, span: &Range<usize>) -> String {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let snippet = text.get(start..end).unwrap_or("");
    let snippet = snippet.lines().next().unwrap_or("").trim();
    let snippet = snippet.split('=').next().unwrap_or("").trim();
    snippet.chars().take(40).collect()
}

/// A holiday file that cannot be used, with the place and a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarFileError {
    pub path: PathBuf,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    /// The key (or text) at the place, when there is one.
    pub key: String,
    pub message: String,
    pub help: String,
}

impl CalendarFileError {
    fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        key: &str,
        message: String,
        help: &str,
    ) -> CalendarFileError {
        let offset = span.start.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        CalendarFileError {
            path: path.to_owned(),
            line,
            column,
            key: key.to_owned(),
            message,
            help: help.to_owned(),
        }
    }
}

impl fmt::Display for CalendarFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "节假日文件 {}:{}:{}",
            self.path.display(),
            self.line,
            self.column
        )?;
        if !self.key.is_empty() {
            write!(f, "（{}）", self.key)?;
        }
        write!(f, "：{}。修改方法：{}", self.message, self.help)
    }
}

impl std::error::Error for CalendarFileError {}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod testing;
