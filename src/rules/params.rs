//! Rule parameters and readings: the numbers and lists a guideline sets, and the ways its words
//! about days and majorities can be read. Each rule declares its own with their defaults; a
//! workspace may override them per rule (`yishi.toml`), and `explain` prints them.

use std::fmt;

/// A parameter's default, as the rule declares it.
#[derive(Clone, Copy, Debug)]
pub enum Default {
    /// A number of days.
    Days(u32),
    /// A count of meetings, seats or people.
    Count(u32),
    /// A share `num/den`, compared in integers.
    Share(u32, u32),
    /// A list of words (forms, channels).
    Words(&'static [&'static str]),
}

/// A parameter's value in force: the default or a workspace's override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(u32),
    Share(u32, u32),
    Words(Vec<String>),
}

impl From<Default> for Value {
    fn from(d: Default) -> Value {
        match d {
            Default::Days(n) | Default::Count(n) => Value::Number(n),
            Default::Share(a, b) => Value::Share(a, b),
            Default::Words(w) => Value::Words(w.iter().map(|s| (*s).to_string()).collect()),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Share(a, b) => write!(f, "{a}/{b}"),
            Value::Words(w) => write!(f, "{}", w.join("、")),
        }
    }
}

/// One parameter a rule reads.
#[derive(Debug)]
pub struct Param {
    /// The key in `yishi.toml` (`[rules.SZ002] notice_days_before = 5`).
    pub name: &'static str,
    pub default: Default,
    /// What it means, in Chinese.
    pub zh: &'static str,
}

/// A way of reading the guideline's words that a rule depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// "N日前": `before_mode` (one_end, clear_days, both_ends).
    BeforeMode,
    /// "N日内" ending on a rest day moves to the next working day (民法典第二百零三条).
    RolloverForward,
    /// "半数以上" / "过半数": `majority`.
    Majority,
    /// Calendar or working days: `day_unit`.
    DayUnit,
}

impl Reading {
    pub fn key(self) -> &'static str {
        match self {
            Reading::BeforeMode => "before_mode",
            Reading::RolloverForward => "rollover_forward",
            Reading::Majority => "majority",
            Reading::DayUnit => "day_unit",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Reading::BeforeMode => {
                "“N日前”的计算：one_end（默认，不晚于活动日前第 N 日）、clear_days、both_ends"
            }
            Reading::RolloverForward => {
                "期限最后一日为休息日时顺延至下一个工作日（民法典第二百零三条），默认 true"
            }
            Reading::Majority => {
                "“半数以上”的读法：at_least_half（默认，含本数）或 more_than_half（过半数）"
            }
            Reading::DayUnit => "期限按日历日（calendar）或工作日（working）计算",
        }
    }
}
