//! Reading a holiday file (the shipped table, or a workspace's local file in the same format) and
//! laying it over a calendar. Every problem of the file is reported at once, each at its line
//! with the key it is about and a fix, as `yishi.toml`'s are.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Amendment, Calendar, Holiday, Notice, Special, is_weekend, names, weekday_zh};
use super::{CalendarFileError, CalendarFileErrors};
use crate::source::{Encoding, Loc, SourceFile};
use crate::spelling::nearest;

const HELP_SCHEMA: &str = "每年写一个 [[year]]（year、title、number、urls），其下每项假期写一个 [[year.holiday]]：\
     name = \"假期名称\"，off = [\"2026-04-19..2026-04-20\"] 列放假的日子，work = [\"2026-04-26\"] 列调休上班的周末；\
     格式见 fixtures/calendar/local-holidays.toml";

/// The keys each table of the file may have.
const FILE_KEYS: [&str; 1] = ["year"];
const YEAR_KEYS: [&str; 7] = [
    "year",
    "title",
    "number",
    "issued",
    "urls",
    "amendment",
    "holiday",
];
const AMENDMENT_KEYS: [&str; 5] = ["title", "number", "issued", "urls", "change"];
const HOLIDAY_KEYS: [&str; 3] = ["name", "off", "work"];

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
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
struct RawAmendment {
    title: String,
    number: Option<String>,
    issued: Option<Spanned<String>>,
    #[serde(default)]
    urls: Vec<String>,
    change: String,
}

#[derive(Deserialize)]
struct RawHoliday {
    name: Spanned<String>,
    #[serde(default)]
    off: Vec<Spanned<String>>,
    #[serde(default)]
    work: Vec<Spanned<String>>,
}

impl Calendar {
    /// This calendar with a user's holiday file laid over it: a year the calendar lacks becomes
    /// known, and each date the file lists takes the file's kind. Nothing is laid over unless
    /// the whole file is right; then every problem it has is returned.
    pub fn with_overlay(&self, text: &str, path: &Path) -> Result<Calendar, CalendarFileErrors> {
        let mut overlay = Overlay {
            path,
            source: SourceFile::new(path.to_path_buf(), text, Encoding::Utf8),
            calendar: self.clone(),
            seen: BTreeMap::new(),
            years: BTreeSet::new(),
            problems: Vec::new(),
        };
        if let Some(file) = overlay.read() {
            for year in &file.year {
                overlay.year(year);
            }
        }
        if overlay.problems.is_empty() {
            Ok(overlay.calendar)
        } else {
            let mut problems = overlay.problems;
            problems.sort_by_key(|p| (p.line, p.column));
            Err(crate::diag::FileProblems(problems))
        }
    }
}

/// One pass over a holiday file, laying it over the calendar and gathering problems.
struct Overlay<'a> {
    path: &'a Path,
    source: Arc<SourceFile>,
    calendar: Calendar,
    /// Dates listed earlier in this file, to catch a day given twice with different kinds.
    seen: BTreeMap<NaiveDate, bool>,
    years: BTreeSet<i32>,
    problems: Vec<CalendarFileError>,
}

impl Overlay<'_> {
    fn fail(&mut self, span: Range<usize>, key: &str, message: String, help: &str) {
        let (line, column) = self.source.line_col(span.start);
        self.problems.push(CalendarFileError {
            path: self.path.to_owned(),
            line,
            column,
            key: key.to_owned(),
            message,
            help: help.to_owned(),
            loc: Some(Loc::new(&self.source, span)),
        });
    }

    /// The file's structure: every key that is not one of the format's, then the values.
    fn read(&mut self) -> Option<RawFile> {
        let text = Arc::clone(&self.source.text);
        let root = match DeTable::parse(&text) {
            Ok(root) => root,
            Err(e) => {
                self.toml_error(e.span(), e.message());
                return None;
            }
        };
        self.keys(
            root.get_ref(),
            &FILE_KEYS,
            "节假日文件",
            |s, key, value| {
                if key == "year" {
                    s.tables(
                        value,
                        &YEAR_KEYS,
                        "[[year]] 中",
                        |s, key, value| match key {
                            "amendment" => s.tables(
                                value,
                                &AMENDMENT_KEYS,
                                "[[year.amendment]] 中",
                                |_, _, _| {},
                            ),
                            "holiday" => {
                                s.tables(value, &HOLIDAY_KEYS, "[[year.holiday]] 中", |_, _, _| {});
                            }
                            _ => {}
                        },
                    );
                }
            },
        );
        if !self.problems.is_empty() {
            return None;
        }
        match toml::from_str(&text) {
            Ok(file) => Some(file),
            Err(e) => {
                self.toml_error(e.span(), e.message());
                None
            }
        }
    }

    fn toml_error(&mut self, span: Option<Range<usize>>, message: &str) {
        let span = span.unwrap_or(0..0);
        let key = key_at(&self.source.text, &span);
        self.fail(
            span,
            &key,
            format!("不是可读的节假日文件：{}", message.trim()),
            HELP_SCHEMA,
        );
    }

    /// Reports every key of `table` not in `known`; hands the known ones to `each`.
    fn keys(
        &mut self,
        table: &DeTable<'_>,
        known: &[&str],
        place: &str,
        mut each: impl FnMut(&mut Self, &str, &Spanned<DeValue<'_>>),
    ) {
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                each(self, name, value);
                continue;
            }
            let message = match nearest(name, known.iter().copied()) {
                Some(near) => format!("{place}没有「{name}」这一项，是否想写「{near}」？"),
                None => format!("{place}没有「{name}」这一项"),
            };
            let help = format!("可用的有：{}；{HELP_SCHEMA}", known.join("、"));
            self.fail(key.span(), name, message, &help);
        }
    }

    /// The keys of each table of an array of tables (`[[year]]`).
    fn tables(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        known: &[&str],
        place: &str,
        mut each: impl FnMut(&mut Self, &str, &Spanned<DeValue<'_>>),
    ) {
        if let DeValue::Array(items) = value.get_ref() {
            for item in items {
                if let DeValue::Table(table) = item.get_ref() {
                    self.keys(table, known, place, &mut each);
                }
            }
        }
    }

    /// One `[[year]]`: checked, then laid over the calendar.
    fn year(&mut self, raw: &RawYear) {
        let year = *raw.year.get_ref();
        if !(1949..=9999).contains(&year) {
            self.fail(
                raw.year.span(),
                "year",
                format!("年份 {year} 不在 1949–9999 之间"),
                "year 写四位数的公历年份，如 year = 2027",
            );
            return;
        }
        if !self.years.insert(year) {
            self.fail(
                raw.year.span(),
                "year",
                format!("{year} 年在本文件中出现了两次"),
                "同一年的假期都写在一个 [[year]] 之下",
            );
            return;
        }
        let holidays: Vec<Holiday> = raw
            .holiday
            .iter()
            .filter_map(|h| self.holiday(h, year))
            .collect();
        let issued = self.issued(raw.issued.as_ref(), "2026-11-05");
        let mut amendments: Vec<Amendment> = raw
            .amendment
            .iter()
            .map(|a| Amendment {
                title: a.title.clone(),
                number: a.number.clone(),
                issued: self.issued(a.issued.as_ref(), "2019-03-22"),
                urls: a.urls.clone(),
                change: a.change.clone(),
            })
            .collect();
        if let Some(notice) = self.calendar.notices.get_mut(&year) {
            // A file laid over a known year adds to it; its own title, if any, is recorded next
            // to the official notice so a report can name both.
            if let Some(title) = &raw.title {
                amendments.insert(
                    0,
                    Amendment {
                        title: title.get_ref().clone(),
                        number: raw.number.clone(),
                        issued,
                        urls: raw.urls.clone(),
                        change: format!("{} 补充的假期：{}", self.path.display(), names(&holidays)),
                    },
                );
            }
            notice.amendments.extend(amendments);
            notice.holidays.extend(holidays);
        } else if let Some(title) = &raw.title {
            self.calendar.notices.insert(
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
        } else {
            self.fail(
                raw.year.span(),
                "title",
                format!("节假日表中原本没有 {year} 年，新增的年份须写明通知标题"),
                "在 year 下一行加 title = \"国务院办公厅关于XXXX年部分节假日安排的通知\"，\
                 并用 number、urls 写上文号和网址",
            );
        }
    }

    /// One `[[year.holiday]]`: its days off and make-up working days, marked in the calendar.
    fn holiday(&mut self, h: &RawHoliday, year: i32) -> Option<Holiday> {
        let name = h.name.get_ref().trim().to_owned();
        if name.is_empty() {
            self.fail(
                h.name.span(),
                "name",
                "假期名称为空".into(),
                "写上假期的名称，如 name = \"三月三\"",
            );
        }
        let off = self.days(&h.off, year, "off");
        let work = self.days(&h.work, year, "work");
        for (date, span) in &work {
            if !is_weekend(*date) {
                self.fail(
                    span.clone(),
                    "work",
                    format!("{date} 是{}，本来就是工作日", weekday_zh(*date)),
                    "work 只列调休上班的星期六、星期日；平常的工作日不用写",
                );
            }
        }
        let listed = off
            .iter()
            .map(|(d, s)| (*d, s, true))
            .chain(work.iter().map(|(d, s)| (*d, s, false)));
        for (date, span, is_off) in listed {
            if let Some(&before) = self.seen.get(&date)
                && before != is_off
            {
                self.fail(
                    span.clone(),
                    if is_off { "off" } else { "work" },
                    format!("{date} 既写成放假又写成上班"),
                    "一天只能是放假（off）或调休上班（work）之一，删去其中一处",
                );
            }
            self.seen.insert(date, is_off);
            self.calendar.days.insert(
                date,
                Special {
                    off: is_off,
                    name: name.clone(),
                },
            );
        }
        (!name.is_empty()).then(|| Holiday {
            name,
            off: off.into_iter().map(|(d, _)| d).collect(),
            work: work.into_iter().map(|(d, _)| d).collect(),
        })
    }

    /// Dates and ranges ("2026-10-01..2026-10-07") of one list, each with the span it came from;
    /// an item that is not one is reported and left out.
    fn days(
        &mut self,
        items: &[Spanned<String>],
        year: i32,
        key: &str,
    ) -> Vec<(NaiveDate, Range<usize>)> {
        let mut out = Vec::new();
        for item in items {
            match range(item.get_ref().trim(), year) {
                Ok(days) => out.extend(days.into_iter().map(|d| (d, item.span()))),
                Err((message, help)) => self.fail(item.span(), key, message, help),
            }
        }
        out
    }

    /// A notice's date of issue (成文日期), if given and a date.
    fn issued(&mut self, issued: Option<&Spanned<String>>, example: &str) -> Option<NaiveDate> {
        let s = issued?;
        let date = parse_date(s.get_ref());
        if date.is_none() {
            self.fail(
                s.span(),
                "issued",
                format!("「{}」不是日期", s.get_ref()),
                &format!("issued 写通知的成文日期，如 issued = \"{example}\""),
            );
        }
        date
    }
}

pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The days of a date or a range ("2026-10-01..2026-10-07", both ends included) listed under
/// `year`, or what is wrong with it and how to fix it.
fn range(text: &str, year: i32) -> Result<Vec<NaiveDate>, (String, &'static str)> {
    let bad = || {
        (
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
        return Err((
            format!("日期范围「{text}」的结束日早于开始日"),
            "范围先写开始日再写结束日，如 \"2026-10-01..2026-10-07\"",
        ));
    }
    if (last - first).num_days() > 366 {
        return Err((
            format!("日期范围「{text}」超过一年"),
            "一项假期只写它放假的那几天",
        ));
    }
    let days: Vec<NaiveDate> = first.iter_days().take_while(|&d| d <= last).collect();
    // A New Year holiday may start in the December before (2019's notice: 2018-12-30).
    let outside = days
        .iter()
        .find(|d| !(d.year() == year || (d.year() == year - 1 && d.month() == 12)));
    if let Some(date) = outside {
        return Err((
            format!("{date} 不在 {year} 年内"),
            "每个日期写在它所属年份的 [[year]] 之下（元旦假期可以从上一年 12 月开始）",
        ));
    }
    Ok(days)
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
