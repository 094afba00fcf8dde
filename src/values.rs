//! Parsing cell text into values: dates, counts, yes/no, lists and closed word lists, in every
//! form FORMAT.md admits (and full-width digits, which Chinese input methods produce).

use chrono::NaiveDate;
use serde::Serialize;

use crate::fields::{Kind, closest};

/// A parsed field value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    Count(u32),
    YesNo(bool),
    List(Vec<String>),
}

impl Value {
    /// The value as a person writes it, for messages and documents.
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
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
    pub suggestion: Option<String>,
}

/// Full-width digits, letters and the punctuation used in dates and numbers made ASCII
/// (１２ → 12, ２０２６／３／５ → 2026/3/5); the ideographic space becomes a space.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

pub fn parse(kind: Kind, text: &str) -> Result<Value, ParseError> {
    match kind {
        Kind::Text => Ok(Value::Text(text.to_string())),
        Kind::Date => parse_date(text).map(Value::Date),
        Kind::Count => parse_count(text).map(Value::Count),
        Kind::YesNo => parse_yes_no(text).map(Value::YesNo),
        Kind::List => Ok(Value::List(parse_list(text))),
        Kind::Choice(words) => parse_choice(text, words).map(Value::Text),
    }
}

const DATE_FORMS: &str = "日期，如 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日";

pub fn parse_date(text: &str) -> Result<NaiveDate, ParseError> {
    let s = normalize_width(text);
    let s = s.trim();
    let err = || ParseError {
        expected: DATE_FORMS,
        suggestion: None,
    };
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
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(ParseError {
        expected: "真实存在的日期（该月没有这一天）",
        suggestion: None,
    })
}

pub fn parse_count(text: &str) -> Result<u32, ParseError> {
    let s = normalize_width(text);
    let s = s
        .trim()
        .trim_end_matches(['人', '名', '席', '票', '次', '个'])
        .trim();
    if !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = s.parse()
    {
        return Ok(n);
    }
    Err(ParseError {
        expected: "不小于 0 的整数，如 12",
        suggestion: None,
    })
}

pub fn parse_yes_no(text: &str) -> Result<bool, ParseError> {
    let s = normalize_width(text).trim().to_lowercase();
    match s.as_str() {
        "是" | "y" | "yes" | "true" | "√" | "✓" | "✔" | "1" | "有" => Ok(true),
        "否" | "n" | "no" | "false" | "×" | "✗" | "✘" | "x" | "0" | "无" => Ok(false),
        _ => Err(ParseError {
            expected: "是/否（也可写 Y/N、true/false、√/×）",
            suggestion: None,
        }),
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
    Err(ParseError {
        expected: choice_label(words),
        suggestion: closest(s, words.iter().copied()).map(str::to_string),
    })
}

fn choice_label(words: &[&str]) -> &'static str {
    match words.first() {
        Some(&"街道") => "层级之一：街道、社区、村",
        Some(&"通过") => "协商结果之一：通过、未通过、达成一致、存在分歧、提交上级",
        Some(&"会议决议") => {
            "结果形式之一：会议决议、协商意见、居民公约、村规民约、住户守则、商户守则"
        }
        _ => "协商形式之一（见 FORMAT：居民议事会、民主协商会、专题议事会……）",
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
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .expected
                .contains("真实")
        );
        assert!(parse_date("3月5日").is_err());
        assert!(parse_date("20260305").is_err());
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
    fn a_near_miss_suggests_the_word() {
        let e = parse(Kind::Choice(crate::fields::FORMS), "居民议事").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("居民议事会"));
    }
}
