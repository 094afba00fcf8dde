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

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::diag::{Diagnostic, FileProblem, FileProblems};
use crate::source::Loc;

mod overlay;

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

/// A problem of a holiday file, with the place and a fix.
#[derive(Clone, Debug)]
pub struct CalendarFileError {
    pub path: PathBuf,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    /// The key (or text) at the place, when there is one.
    pub key: String,
    pub message: String,
    pub help: String,
    /// The place in the file, shown with its line; `None` when the file could not be read.
    pub loc: Option<Loc>,
}

impl FileProblem for CalendarFileError {
    /// The problem as findings are shown: the line of the file with a caret under the place.
    fn diagnostic(&self) -> Diagnostic {
        let message = match self.loc {
            Some(_) => self.message.clone(),
            None => format!("{}：{}", self.path.display(), self.message),
        };
        Diagnostic::problem(
            ("holidays", "invalid-holidays", "节假日文件有误"),
            message,
            self.loc.as_ref(),
            &self.key,
            self.help.clone(),
        )
    }
}

/// Every problem of a holiday file, in the order they occur in it.
pub type CalendarFileErrors = FileProblems<CalendarFileError>;

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
