//! Parsing cell text into values: dates, counts, yes/no, lists and closed word lists, in every
//! form FORMAT.md admits (and full-width digits, which Chinese input methods produce).

use chrono::NaiveDate;
use ecow::EcoString;
use serde::Serialize;

use crate::fields::{Kind, closest};
pub use crate::spelling::normalize_width;

/// A parsed field value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(EcoString),
    Date(NaiveDate),
    Count(u32),
    YesNo(bool),
    List(Vec<String>),
}

impl Value {
    /// The value as a person writes it, for messages and documents.
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Count(n) => n.to_string(),
            Value::YesNo(b) => if *b { "是" } else { "否" }.to_string(),
            Value::List(items) => items.join("、"),
        }
    }
}

/// Why a text could not be parsed, and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub expected: &'static str,
    /// What is wrong with it, when that is more than "not in the expected form" (没有 13 月).
    pub problem: Option<String>,
    pub suggestion: Option<String>,
}

impl ParseError {
    fn expected(expected: &'static str) -> ParseError {
        ParseError {
            expected,
            problem: None,
            suggestion: None,
        }
    }
}

/// A meeting code in its plain form, as headers are folded: full-width letters, digits and
/// punctuation made ASCII, the dashes word processors put in (‐ – — −) made `-`, invisible
/// characters (zero-width spaces, byte-order marks, direction marks, soft hyphens) dropped, and
/// no blanks around it. Codes written these different ways name the same meeting.
pub fn plain_code(text: &str) -> String {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{00ad}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
    };
    normalize_width(text)
        .chars()
        .filter(|&c| !invisible(c))
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' => '-',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

pub fn parse(kind: Kind, text: &str) -> Result<Value, ParseError> {
    parse_noting(kind, text).map(|(value, _)| value)
}

/// A way a value was written that was read as something else: each is reported (D008) so the
/// clerk sees what was changed, rather than changed silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coercion {
    /// Full-width digits or punctuation (１２、２０２６／３／５) read as half-width.
    FullWidth,
    /// Spaces before, after or inside a date or number.
    Spaces,
    /// Y/N, √/×, true/false, 1/0, 有/无 read as 是/否.
    YesNoWord,
    /// A unit after a count (12人) dropped.
    Unit,
    /// A date written as Excel's day number (46086 for 2026-03-05).
    ExcelSerial,
    /// A date with a time of day; the time was dropped.
    TimeDropped,
    /// A merged spreadsheet cell: its value carried into every cell it covers.
    MergedCell,
    /// Title or notes rows above the header.
    TitleRows,
    /// A totals row (合计/总计) that is not a meeting.
    TotalsRow,
    /// A meeting code written with full-width characters, invisible characters or stray spaces,
    /// read as its plain form so that it names the same meeting.
    CodeVariant,
    /// Old Mac line breaks (a lone CR) read as line breaks.
    OldMacLineBreaks,
    /// A file name in GBK bytes, shown decoded.
    NameInGbk,
}

impl Coercion {
    /// What was done, for the message.
    pub fn zh(self) -> &'static str {
        match self {
            Coercion::FullWidth => "全角数字或符号已按半角读入",
            Coercion::Spaces => "日期或数字中多余的空格已去掉",
            Coercion::YesNoWord => "Y/N、√/×等写法已按“是/否”读入",
            Coercion::Unit => "人数后的单位已去掉",
            Coercion::ExcelSerial => "Excel 日期序号已换算为日期",
            Coercion::TimeDropped => "日期中的时刻已略去",
            Coercion::MergedCell => "合并单元格的值已填入它覆盖的每一行",
            Coercion::TitleRows => "表头上方的标题或说明行未作为数据读入",
            Coercion::TotalsRow => "合计行未作为会议读入",
            Coercion::CodeVariant => {
                "编号中的全角字符、看不见的字符（零宽空格等）或多余的空格已去掉，按同一编号读入"
            }
            Coercion::OldMacLineBreaks => "旧式 Mac 换行符（单独的 CR）已按换行读入",
            Coercion::NameInGbk => "文件名是 GBK 编码，已按 GBK 显示",
        }
    }

    /// What to do about it, if anything.
    pub fn help(self) -> &'static str {
        match self {
            Coercion::FullWidth => "不影响检查；如需统一，可在 Excel 中用半角输入法重新输入",
            Coercion::Spaces | Coercion::Unit => "不影响检查；核对读出的值是否正确即可",
            Coercion::YesNoWord => "不影响检查；台账中统一写“是/否”更便于他人阅读",
            Coercion::ExcelSerial => {
                "在 Excel 中把这一列的单元格格式设为“日期”，再核对读出的日期是否正确"
            }
            Coercion::TimeDropped => "不影响检查；日期栏只需写日期",
            Coercion::MergedCell => "核对每一行读出的值；拆分合并单元格后逐行填写更稳妥",
            Coercion::TitleRows => "不影响检查；表头所在行之上的内容不会被读入",
            Coercion::TotalsRow => "不影响检查；合计行不计入会议",
            Coercion::CodeVariant => {
                "核对编号；同一次会议在各处的编号应写得一模一样，用半角字符重新输入这一格最稳妥"
            }
            Coercion::OldMacLineBreaks => "不影响检查；另存为“CSV UTF-8”可以换成通用的换行符",
            Coercion::NameInGbk => {
                "不影响检查；这通常是在 Windows 上压缩、在这台电脑上解压的文件，用支持 UTF-8 文件名的工具重新解压即可"
            }
        }
    }
}

/// Parses like [`parse`], and says which coercions it took to read the text. `text` is the
/// cell's text before trimming.
pub fn parse_noting(kind: Kind, text: &str) -> Result<(Value, Vec<Coercion>), ParseError> {
    let mut noted = Vec::new();
    let typed = matches!(kind, Kind::Date | Kind::Count | Kind::YesNo | Kind::Time);
    if typed
        && text
            .chars()
            .any(|c| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}'))
    {
        noted.push(Coercion::FullWidth);
    }
    let value = match kind {
        Kind::Text => Value::Text(text.trim().into()),
        Kind::Date => match parse_date(text) {
            Ok(d) => Value::Date(d),
            Err(e) => {
                if let Some(d) = excel_serial(text) {
                    noted.push(Coercion::ExcelSerial);
                    Value::Date(d)
                } else if let Some(d) = date_with_time(text) {
                    noted.push(Coercion::TimeDropped);
                    Value::Date(d)
                } else {
                    return Err(e);
                }
            }
        },
        Kind::Count => {
            let n = parse_count(text)?;
            let half = normalize_width(text);
            if half.trim().ends_with(|c: char| !c.is_ascii_digit()) {
                noted.push(Coercion::Unit);
            }
            Value::Count(n)
        }
        Kind::YesNo => {
            let b = parse_yes_no(text)?;
            if !matches!(normalize_width(text).trim(), "是" | "否") {
                noted.push(Coercion::YesNoWord);
            }
            Value::YesNo(b)
        }
        Kind::List => Value::List(parse_list(text)),
        Kind::Time => Value::Text(parse_time(text)?.into()),
        Kind::Choice(words) => Value::Text(parse_choice(text, words)?.into()),
    };
    if typed {
        let half = normalize_width(text);
        // A time of day is parted from its date by a space, which is no stray space.
        let inner =
            half.trim().contains(char::is_whitespace) && !noted.contains(&Coercion::TimeDropped);
        if half.trim() != half || inner {
            noted.insert(
                usize::from(noted.first() == Some(&Coercion::FullWidth)),
                Coercion::Spaces,
            );
        }
    }
    Ok((value, noted))
}

/// Excel counts days from 1899-12-30 (its 1900 leap-year slip included); a date column saved
/// as a number shows that count. Only five-digit counts (1927–2173) are taken for dates.
fn excel_serial(text: &str) -> Option<NaiveDate> {
    let s = normalize_width(text);
    let s = s.trim();
    let s = s.strip_suffix(".0").unwrap_or(s);
    if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = s.parse().ok()?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::TimeDelta::try_days(days)?)
}

/// `2026-03-05 14:30` or `2026/3/5 9:00:00`: the date, when the rest is a time of day.
fn date_with_time(text: &str) -> Option<NaiveDate> {
    let s = normalize_width(text);
    let (date, time) = s.trim().split_once([' ', 'T'])?;
    let time = time.trim();
    let is_time = !time.is_empty()
        && time.split(':').count() >= 2
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    if is_time { parse_date(date).ok() } else { None }
}

const DATE_FORMS: &str = "日期，如 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日";

pub fn parse_date(text: &str) -> Result<NaiveDate, ParseError> {
    let s = normalize_width(text);
    let s = s.trim();
    let err = || ParseError::expected(DATE_FORMS);
    let parts: Vec<&str> = if let Some(rest) = s.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        s.split(['-', '/', '.']).collect()
    };
    let [year, month, day] = parts.as_slice() else {
        return Err(err());
    };
    let number = |part: &str, max_len: usize| {
        let part = part.trim();
        (!part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2))
    else {
        return Err(err());
    };
    if year < 1000 {
        return Err(err());
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| no_such_date(year, month, day))
}

/// A date in the right form that is on no calendar: what is wrong with it, and the date meant
/// when the month and day look swapped (2026-25-03).
fn no_such_date(year: u32, month: u32, day: u32) -> ParseError {
    let problem = if !(1..=12).contains(&month) {
        format!("没有 {month} 月（月份是 1 到 12）")
    } else if day == 0 {
        "没有 0 日".to_string()
    } else {
        let last = (28..=31)
            .rev()
            .find(|&d| NaiveDate::from_ymd_opt(year as i32, month, d).is_some())
            .unwrap_or(28);
        format!("{year} 年 {month} 月只有 {last} 天")
    };
    let swapped = (month > 12)
        .then(|| NaiveDate::from_ymd_opt(year as i32, day, month))
        .flatten()
        .map(|d| d.format("%Y-%m-%d").to_string());
    ParseError {
        expected: "真实存在的日期",
        problem: Some(problem),
        suggestion: swapped,
    }
}

/// A time of day as `HH:MM`: 15:00, 9:30, 15:00:00, 15点, 15点30分, 下午3:00, 下午3点半, 晚上7点.
pub fn parse_time(text: &str) -> Result<String, ParseError> {
    let err = || ParseError::expected("时刻，如 15:00、9:30 或 下午3:00");
    let s = normalize_width(text).replace('：', ":");
    let s = s.trim();
    // 中午1点 is 13:00 as 下午1点 is; 中午12点 stays 12:00.
    let (afternoon, rest) = ["上午", "早上", "中午", "下午", "晚上"]
        .iter()
        .enumerate()
        .find_map(|(i, word)| s.strip_prefix(word).map(|rest| (i >= 2, rest.trim())))
        .unwrap_or((false, s));
    let (hour, minute) = if let Some((h, m)) = rest.split_once(':') {
        let m = m.split(':').next().unwrap_or_default();
        (h, m)
    } else if let Some((h, m)) = rest.split_once('点') {
        let m = m.trim_end_matches('分');
        (
            h,
            if m == "半" {
                "30"
            } else if m.is_empty() {
                "0"
            } else {
                m
            },
        )
    } else {
        return Err(err());
    };
    let number = |part: &str| {
        let part = part.trim();
        (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(mut hour), Some(minute)) = (number(hour), number(minute)) else {
        return Err(err());
    };
    // 下午3点 is 15:00; 下午15:00 is already on the 24-hour clock.
    if afternoon && (1..12).contains(&hour) {
        hour += 12;
    }
    if hour > 23 || minute > 59 {
        return Err(err());
    }
    Ok(format!("{hour:02}:{minute:02}"))
}

pub fn parse_count(text: &str) -> Result<u32, ParseError> {
    let s = normalize_width(text);
    let s = s
        .trim()
        .trim_end_matches(['人', '名', '席', '票', '次', '个', '天', '日'])
        .trim();
    if !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = s.parse()
    {
        return Ok(n);
    }
    Err(ParseError::expected("不小于 0 的整数，如 12"))
}

pub fn parse_yes_no(text: &str) -> Result<bool, ParseError> {
    let s = normalize_width(text);
    let s = s.trim();
    // The words with letters are ASCII: only ASCII capitals need folding.
    let s = if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    match s.as_ref() {
        "是" | "y" | "yes" | "true" | "√" | "✓" | "✔" | "1" | "有" => Ok(true),
        "否" | "n" | "no" | "false" | "×" | "✗" | "✘" | "x" | "0" | "无" => Ok(false),
        _ => Err(ParseError::expected("是/否（也可写 Y/N、true/false、√/×）")),
    }
}

pub fn parse_list(text: &str) -> Vec<String> {
    text.split([';', '；', '、', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_choice(text: &str, words: &'static [&'static str]) -> Result<String, ParseError> {
    let s = text.trim();
    if words.contains(&s) {
        return Ok(s.to_string());
    }
    if let Some((_, name)) = crate::fields::FORM_ALIASES
        .iter()
        .find(|(alias, name)| *alias == s && words.contains(name))
    {
        return Ok((*name).to_string());
    }
    Err(ParseError {
        expected: choice_label(words),
        problem: None,
        suggestion: closest(s, words.iter().copied())
            .or_else(|| most_shared(s, words))
            .map(str::to_string),
    })
}

/// The word that shares the most characters with `text`, when it shares at least three in four
/// of the longer one's and no other word shares as many: a Chinese name said another way (居民大会
/// for 居民会议) is seldom one keystroke from it, but keeps most of its characters.
fn most_shared<'a>(text: &str, words: &[&'a str]) -> Option<&'a str> {
    let chars: Vec<char> = text.chars().collect();
    let shared = |word: &str| {
        let mut left: Vec<char> = word.chars().collect();
        chars
            .iter()
            .filter(|c| {
                left.iter()
                    .position(|w| w == *c)
                    .map(|i| left.swap_remove(i))
                    .is_some()
            })
            .count()
    };
    let mut scored: Vec<(&str, usize)> = words
        .iter()
        .map(|&w| (w, shared(w)))
        .filter(|&(w, n)| n * 4 >= 3 * chars.len().max(w.chars().count()))
        .collect();
    scored.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    match scored.as_slice() {
        [(w, _)] => Some(w),
        [(w, a), (_, b), ..] if a > b => Some(w),
        _ => None,
    }
}

fn choice_label(words: &[&str]) -> &'static str {
    static FORMS: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("协商形式之一：{}", crate::fields::FORMS.join("、")));
    match words.first() {
        Some(&"街道") => "层级之一：街道、乡镇、社区、村",
        Some(&"通过") => "协商结果之一：通过、未通过、达成一致、存在分歧、提交上级",
        Some(&"会议决议") => {
            "结果形式之一：会议决议、协商意见、居民公约、村规民约、住户守则、商户守则"
        }
        _ => FORMS.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_date_form_of_the_contract() {
        for s in [
            "2026-03-05",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            "２０２６／３／５",
            " 2026-3-5 ",
        ] {
            assert_eq!(parse_date(s), Ok(d(2026, 3, 5)), "{s}");
        }
        let problem = |s: &str| parse_date(s).unwrap_err().problem.unwrap();
        assert_eq!(problem("2026-02-30"), "2026 年 2 月只有 28 天");
        assert_eq!(problem("2028-02-30"), "2028 年 2 月只有 29 天");
        assert_eq!(problem("2026-13-01"), "没有 13 月（月份是 1 到 12）");
        assert_eq!(problem("2026-3-0"), "没有 0 日");
        assert_eq!(
            parse_date("2026-25-03").unwrap_err().suggestion.as_deref(),
            Some("2026-03-25")
        );
        assert!(parse_date("3月5日").is_err());
        assert!(parse_date("20260305").is_err());
    }

    #[test]
    fn times_of_day_in_their_usual_forms() {
        for (text, time) in [
            ("15:00", "15:00"),
            ("9:30", "09:30"),
            ("１５：００", "15:00"),
            ("15:00:00", "15:00"),
            ("15点", "15:00"),
            ("15点30分", "15:30"),
            ("下午3:00", "15:00"),
            ("下午3点半", "15:30"),
            ("晚上7点", "19:00"),
            ("上午9点", "09:00"),
            ("中午12点", "12:00"),
            ("中午1点", "13:00"),
            ("下午15:00", "15:00"),
        ] {
            assert_eq!(parse_time(text).as_deref(), Ok(time), "{text}");
        }
        for bad in ["25:00", "15", "三点", "15:60", ""] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_yes_no_lists() {
        assert_eq!(parse_count("１２"), Ok(12));
        assert_eq!(parse_count("12人"), Ok(12));
        assert!(parse_count("-1").is_err());
        assert!(parse_count("十二").is_err());
        for s in ["是", "Y", "yes", "TRUE", "√"] {
            assert_eq!(parse_yes_no(s), Ok(true), "{s}");
        }
        for s in ["否", "n", "False", "×"] {
            assert_eq!(parse_yes_no(s), Ok(false), "{s}");
        }
        assert_eq!(
            parse_list("公开栏、公众号;微信群；网站"),
            vec!["公开栏", "公众号", "微信群", "网站"]
        );
    }

    #[test]
    fn coercions_are_noted() {
        let noted = |kind, text| parse_noting(kind, text).unwrap().1;
        assert_eq!(noted(Kind::Date, "２０２６／３／５"), [Coercion::FullWidth]);
        assert_eq!(noted(Kind::Date, "2026-03-05"), []);
        assert_eq!(noted(Kind::Date, " 2026-3-5"), [Coercion::Spaces]);
        assert_eq!(
            parse_noting(Kind::Date, "46086").unwrap(),
            (Value::Date(d(2026, 3, 5)), vec![Coercion::ExcelSerial])
        );
        assert_eq!(
            parse_noting(Kind::Date, "2026/3/5 14:30").unwrap(),
            (Value::Date(d(2026, 3, 5)), vec![Coercion::TimeDropped])
        );
        assert_eq!(
            noted(Kind::Count, "１２人"),
            [Coercion::FullWidth, Coercion::Unit]
        );
        assert_eq!(noted(Kind::Count, "12"), []);
        assert_eq!(noted(Kind::YesNo, "y"), [Coercion::YesNoWord]);
        assert_eq!(noted(Kind::YesNo, "是"), []);
        assert!(parse_noting(Kind::Date, "4608").is_err());
    }

    #[test]
    fn codes_written_differently_are_the_same_code() {
        for written in [
            "LH-JH-2026-001",
            "ＬＨ－ＪＨ－２０２６－００１",
            "LH-JH-2026-001\u{200b}",
            "\u{feff}LH–JH—2026‐001 ",
            "LH-JH-2026-001\u{3000}",
        ] {
            assert_eq!(plain_code(written), "LH-JH-2026-001", "{written:?}");
        }
        assert_eq!(plain_code("LH JH"), "LH JH");
    }

    #[test]
    fn a_near_miss_suggests_the_word() {
        let suggest = |s: &str| parse(Kind::Choice(crate::fields::FORMS), s).unwrap_err();
        assert_eq!(
            suggest("居民议事").suggestion.as_deref(),
            Some("居民议事会")
        );
        assert_eq!(suggest("居民大会").suggestion.as_deref(), Some("居民会议"));
        assert_eq!(
            suggest("村民代表大会").suggestion.as_deref(),
            Some("村民代表会议")
        );
        assert_eq!(suggest("联欢会").suggestion, None);
        // A form of its own is no misspelling of another.
        for form in [
            "居民小组会议",
            "村民小组会议",
            "居民小组协商",
            "个别走访",
            "听证会",
        ] {
            assert_eq!(
                parse(Kind::Choice(crate::fields::FORMS), form),
                Ok(Value::Text(form.into()))
            );
        }
        assert_eq!(
            parse(Kind::Choice(crate::fields::FORMS), "村（社区）党群联席会议"),
            Ok(Value::Text("党群联席会议".into()))
        );
        // Every accepted form is named, not a document the clerk does not have.
        let e = suggest("联欢会");
        assert!(e.expected.contains("民主听证会") && !e.expected.contains("FORMAT"));
    }
}
