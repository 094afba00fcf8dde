//! What a run checks against: the check date, the profiles, the parameters and the readings.

use chrono::NaiveDate;

use crate::days::{BeforeMode, Majority};

/// A jurisdiction's rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Shenzhen,
}

impl Profile {
    pub fn key(self) -> &'static str {
        match self {
            Profile::Shenzhen => "shenzhen",
        }
    }

    /// Profiles by name; the code prefix of their rules.
    pub fn parse(name: &str) -> Result<Profile, String> {
        match name.trim().to_lowercase().as_str() {
            "shenzhen" | "sz" | "深圳" => Ok(Profile::Shenzhen),
            "jilin" | "xinjiang" => Err(format!(
                "规则集「{name}」尚未提供：本版本只有 shenzhen（深圳市基层议事协商工作指引）"
            )),
            _ => Err(format!("未知的规则集「{name}」：可用的有 shenzhen")),
        }
    }

    pub fn code_prefix(self) -> &'static str {
        match self {
            Profile::Shenzhen => "SZ",
        }
    }
}

/// Numbers the guidelines set; each can be changed per workspace.
#[derive(Clone, Debug)]
pub struct Params {
    /// SZ001: 议题确定后 30 日内召开.
    pub schedule_within_days: u32,
    /// SZ002 / SZ101: 5 日前公开协商信息.
    pub notice_days_before: u32,
    /// SZ003: 5 日前发出邀请.
    pub invite_days_before: u32,
    /// SZ004: 3 日内公示结果.
    pub publish_within_days: u32,
    /// SZ102: 5 日前开放旁听预约.
    pub observer_days_before: u32,
    /// SZ102: 每次不少于 2 席.
    pub min_observer_seats: u32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            schedule_within_days: 30,
            notice_days_before: 5,
            invite_days_before: 5,
            publish_within_days: 3,
            observer_days_before: 5,
            min_observer_seats: 2,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The check date ("today"), from `--today` or the clock.
    pub today: NaiveDate,
    pub profiles: Vec<Profile>,
    pub params: Params,
    pub before_mode: BeforeMode,
    pub majority: Majority,
}

impl Settings {
    pub fn new(today: NaiveDate) -> Settings {
        Settings {
            today,
            profiles: vec![Profile::Shenzhen],
            params: Params::default(),
            before_mode: BeforeMode::OneEnd,
            majority: Majority::AtLeastHalf,
        }
    }
}
