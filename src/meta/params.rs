//! Rule parameters and readings: the numbers and lists a guideline sets, and the ways its words
//! about days and majorities can be read. Each rule declares its own with their defaults; a
//! workspace may override them per rule (`yishi.toml`), and `explain` and `rules` print them.
//!
//! A rule declares its parameters with [`params!`], which makes one typed handle per parameter
//! (a [`Days`], [`Count`], [`Share`] or [`Words`]) and the list the rule's `RuleMeta` carries.
//! The check reads a value through its handle (`settings.param(&META, NOTICE_DAYS_BEFORE)`), so
//! it cannot name a parameter the rule did not declare, nor read one as the wrong kind: there is
//! no parameter name in a check to mistype.

use std::fmt;

use crate::days::{BeforeMode, DayUnit, Majority};

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

impl Default {
    /// The kind, as the JSON catalogue names it.
    pub fn kind(self) -> &'static str {
        match self {
            Default::Days(_) => "days",
            Default::Count(_) => "count",
            Default::Share(..) => "share",
            Default::Words(_) => "words",
        }
    }
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
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// The key in `yishi.toml` (`[rules.SZ002] notice_days_before = 5`).
    pub name: &'static str,
    pub default: Default,
    /// What it means, in Chinese.
    pub zh: &'static str,
}

/// A typed handle on a declared parameter: what a check reads it through.
pub trait Handle: Copy {
    /// What the check gets.
    type Out;
    /// The declaration.
    fn param(self) -> Param;
    /// The value in force as the check gets it; `None` when `value` is of another kind, which
    /// the configuration never lets through.
    fn read(value: &Value) -> Option<Self::Out>;
    /// The declared default as the check gets it.
    fn default_value(self) -> Self::Out;
}

/// A number of days.
#[derive(Clone, Copy, Debug)]
pub struct Days(Param);

/// A count of meetings, seats or people.
#[derive(Clone, Copy, Debug)]
pub struct Count(Param);

/// A share `(num, den)`.
#[derive(Clone, Copy, Debug)]
pub struct Share(Param);

/// A list of words.
#[derive(Clone, Copy, Debug)]
pub struct Words(Param);

impl Days {
    /// Declares the parameter; write it inside [`params!`].
    pub const fn new(name: &'static str, days: u32, zh: &'static str) -> Days {
        Days(Param {
            name,
            default: Default::Days(days),
            zh,
        })
    }
    pub const fn decl(self) -> Param {
        self.0
    }
}

impl Count {
    /// Declares the parameter; write it inside [`params!`].
    pub const fn new(name: &'static str, count: u32, zh: &'static str) -> Count {
        Count(Param {
            name,
            default: Default::Count(count),
            zh,
        })
    }
    pub const fn decl(self) -> Param {
        self.0
    }
}

impl Share {
    /// Declares the parameter; write it inside [`params!`].
    pub const fn new(name: &'static str, (num, den): (u32, u32), zh: &'static str) -> Share {
        Share(Param {
            name,
            default: Default::Share(num, den),
            zh,
        })
    }
    pub const fn decl(self) -> Param {
        self.0
    }
}

impl Words {
    /// Declares the parameter; write it inside [`params!`].
    pub const fn new(
        name: &'static str,
        words: &'static [&'static str],
        zh: &'static str,
    ) -> Words {
        Words(Param {
            name,
            default: Default::Words(words),
            zh,
        })
    }
    pub const fn decl(self) -> Param {
        self.0
    }
}

fn number(value: &Value) -> Option<u32> {
    match value {
        Value::Number(n) => Some(*n),
        _ => None,
    }
}

impl Handle for Days {
    type Out = u32;
    fn param(self) -> Param {
        self.0
    }
    fn read(value: &Value) -> Option<u32> {
        number(value)
    }
    fn default_value(self) -> u32 {
        Self::read(&self.0.default.into()).unwrap_or_default()
    }
}

impl Handle for Count {
    type Out = u32;
    fn param(self) -> Param {
        self.0
    }
    fn read(value: &Value) -> Option<u32> {
        number(value)
    }
    fn default_value(self) -> u32 {
        Self::read(&self.0.default.into()).unwrap_or_default()
    }
}

impl Handle for Share {
    type Out = (u32, u32);
    fn param(self) -> Param {
        self.0
    }
    fn read(value: &Value) -> Option<(u32, u32)> {
        match value {
            Value::Share(a, b) => Some((*a, *b)),
            _ => None,
        }
    }
    fn default_value(self) -> (u32, u32) {
        Self::read(&self.0.default.into()).unwrap_or((0, 1))
    }
}

impl Handle for Words {
    type Out = Vec<String>;
    fn param(self) -> Param {
        self.0
    }
    fn read(value: &Value) -> Option<Vec<String>> {
        match value {
            Value::Words(w) => Some(w.clone()),
            _ => None,
        }
    }
    fn default_value(self) -> Vec<String> {
        Self::read(&self.0.default.into()).unwrap_or_default()
    }
}

/// Declares a rule's parameters: one typed handle each, and `PARAMS`, the list for its
/// `RuleMeta`.
///
/// ```ignore
/// params! {
///     NOTICE_DAYS_BEFORE: Days("notice_days_before", 5, "会前公开协商信息的提前天数");
/// }
/// pub static META: RuleMeta = RuleMeta { params: PARAMS, .. };
/// ```
macro_rules! params {
    ($($handle:ident: $kind:ident($name:literal, $default:expr, $zh:literal);)+) => {
        $(
            pub const $handle: $crate::meta::params::$kind =
                $crate::meta::params::$kind::new($name, $default, $zh);
        )+
        /// The rule's parameters, as its `RuleMeta` lists them.
        pub static PARAMS: &[$crate::meta::params::Param] = &[$($handle.decl()),+];
    };
}

pub(crate) use params;

/// Whether a rule's "N日内" deadline ending on a rest day moves to the next working day, unless
/// the rule's own setting says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rollover {
    /// As the workspace reads it (`[readings] rollover_forward`, by default true): the rule's
    /// text is an "N日内" period, which 民法典第二百零三条 governs.
    Workspace,
    /// No: the text names no period the article governs (JL004's "当日或者次日").
    Off,
}

/// A way of reading the guideline's words that a rule depends on, with the rule's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// "N日前": `before_mode` (one_end, clear_days, both_ends), as the workspace reads it.
    BeforeMode,
    /// "N日内" ending on a rest day moves to the next working day (民法典第二百零三条).
    RolloverForward(Rollover),
    /// "半数以上" / "过半数": `majority`, as the workspace reads it.
    Majority,
    /// Calendar or working days: `day_unit`, with the unit the clause counts in.
    DayUnit(DayUnit),
}

impl Reading {
    /// Every reading's key, as `yishi.toml` writes it.
    pub const KEYS: [&'static str; 4] = ["before_mode", "rollover_forward", "majority", "day_unit"];

    pub fn key(self) -> &'static str {
        match self {
            Reading::BeforeMode => "before_mode",
            Reading::RolloverForward(_) => "rollover_forward",
            Reading::Majority => "majority",
            Reading::DayUnit(_) => "day_unit",
        }
    }

    /// What it means, in Chinese (without the default, which depends on the rule).
    pub fn zh(self) -> &'static str {
        match self {
            Reading::BeforeMode => {
                "“N日前”的计算：one_end（不晚于活动日前第 N 日）、clear_days（间隔 N 个整日）、both_ends（首尾两日均计入）"
            }
            Reading::RolloverForward(_) => {
                "期限最后一日为休息日时顺延至下一个工作日（民法典第二百零三条）"
            }
            Reading::Majority => {
                "“半数以上”的读法：at_least_half（含本数）或 more_than_half（过半数）"
            }
            Reading::DayUnit(_) => "期限按日历日（calendar）或工作日（working）计算",
        }
    }

    /// The rule's default, as `yishi.toml` would write it: the built-in reading where the rule
    /// follows the workspace.
    pub fn default_key(self) -> &'static str {
        match self {
            Reading::BeforeMode => BeforeMode::OneEnd.key(),
            Reading::RolloverForward(Rollover::Workspace) => "true",
            Reading::RolloverForward(Rollover::Off) => "false",
            Reading::Majority => Majority::AtLeastHalf.key(),
            Reading::DayUnit(unit) => unit.key(),
        }
    }

    /// Whether the rule follows the workspace's `[readings]` unless its own setting says.
    pub fn follows_workspace(self) -> bool {
        matches!(
            self,
            Reading::BeforeMode | Reading::Majority | Reading::RolloverForward(Rollover::Workspace)
        )
    }
}
