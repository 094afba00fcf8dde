//! The workspace configuration, `yishi.toml`: the profiles, check date, year and holiday file of
//! a batch, the readings it takes, each rule's severity, parameters and readings, and the
//! waivers a superior office has approved.
//!
//! The file is walked as a spanned TOML tree rather than deserialized into structs, so that every
//! unknown key and every bad value is reported at its own line and column, with the keys that
//! would have been accepted and the closest of them. All problems of a file are reported at once.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod audit;
mod build;
mod in_force;

pub use audit::AuditConfig;
pub use build::{BuildConfig, PDF_STANDARDS};
pub use in_force::{FromFile, in_force};

use crate::calendar::{Calendar, CalendarFileError, CalendarFileErrors};
use crate::days::{BeforeMode, DayUnit, Majority};
use crate::diag::{Diagnostic, FileProblem, FileProblems};
use crate::documents::Issuers;
use crate::meta::params::{Default, Value};
use crate::meta::{Profile, Reading, RuleMeta, Severity};
use crate::rules;
use crate::settings::{RuleSettings, Settings};
use crate::source::{Encoding, Loc, SourceFile};
use crate::spelling::nearest;
use crate::waivers::{Scope, Waiver};

/// The name the file is looked for under.
pub use crate::discover::CONFIG_FILE as FILE_NAME;
/// The `yishi.toml` that applies to a batch starting at a folder or file.
pub use crate::discover::config_file as discover;

const TOP_KEYS: [&str; 10] = [
    "profiles", "today", "year", "holidays", "readings", "rules", "waivers", "build", "issuers",
    "audit",
];
const READING_KEYS: [&str; 3] = ["before_mode", "majority", "rollover_forward"];
const WAIVER_KEYS: [&str; 5] = ["rule", "scope", "reason", "approval", "expires"];
const SCOPE_KEYS: [&str; 4] = ["unit", "meeting", "file", "period"];

const HELP_FILE: &str = "各项的写法见 README「工作区配置」一节和 fixtures/config/yishi.toml";

/// A read `yishi.toml`: what it sets, `None` where it is silent.
#[derive(Debug)]
pub struct Config {
    /// The file, kept for diagnostics that point into it (D009).
    pub source: Arc<SourceFile>,
    pub profiles: Option<Vec<Profile>>,
    pub today: Option<NaiveDate>,
    pub year: Option<i32>,
    /// The holiday file, resolved against the folder of `yishi.toml`.
    pub holidays: Option<PathBuf>,
    pub before_mode: Option<BeforeMode>,
    pub majority: Option<Majority>,
    pub rollover_forward: Option<bool>,
    /// Per-rule settings by code.
    pub rules: BTreeMap<String, RuleSettings>,
    pub waivers: Vec<Waiver>,
    /// `[build]`: how `yishi build` prints.
    pub build: BuildConfig,
    /// `[issuers]`: the full names units issue documents under.
    pub issuers: Issuers,
    /// `[audit]`: the self-audit's scoring table.
    pub audit: AuditConfig,
}

/// One problem in a configuration file, with its place and a fix.
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub path: String,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    /// The key the problem is about, as written (may be empty).
    pub key: String,
    pub message: String,
    pub help: String,
    /// The place in the file, shown with its line; `None` when the file could not be read.
    pub loc: Option<Loc>,
}

impl FileProblem for ConfigError {
    /// The problem as findings are shown: the line of the file with a caret under the place.
    fn diagnostic(&self) -> Diagnostic {
        // Without a place to show, the message names the file.
        let message = match self.loc {
            Some(_) => self.message.clone(),
            None => format!("{}：{}", self.path, self.message),
        };
        Diagnostic::problem(
            ("yishi.toml", "invalid-config", "配置文件有误"),
            message,
            self.loc.as_ref(),
            &self.key,
            self.help.clone(),
        )
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "配置文件 {}:{}:{}", self.path, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "（{}）", self.key)?;
        }
        let stop = if self.message.ends_with(['？', '。']) {
            ""
        } else {
            "。"
        };
        write!(f, "：{}{stop}修改方法：{}", self.message, self.help)
    }
}

/// Every problem of one file, in the order they occur in it.
pub type ConfigErrors = FileProblems<ConfigError>;

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            FileProblems(vec![ConfigError {
                path: path.to_string_lossy().replace('\\', "/"),
                line: 1,
                column: 1,
                key: String::new(),
                message: format!("无法读取：{e}"),
                help: "检查文件是否存在、是否为 UTF-8 编码的文本；不想使用配置文件时加 --no-config"
                    .to_string(),
                loc: None,
            }])
        })?;
        Config::parse(path, &text)
    }

    /// Checks the text of a configuration file read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigErrors> {
        let source = SourceFile::new(path.to_path_buf(), text, Encoding::Utf8);
        let mut walk = Walk {
            source: &source,
            errors: Vec::new(),
        };
        let mut config = Config {
            source: Arc::clone(&source),
            profiles: None,
            today: None,
            year: None,
            holidays: None,
            before_mode: None,
            majority: None,
            rollover_forward: None,
            rules: BTreeMap::new(),
            waivers: Vec::new(),
            build: BuildConfig::default(),
            issuers: Issuers::default(),
            audit: AuditConfig::default(),
        };
        match DeTable::parse(text) {
            Ok(root) => walk.top(root.get_ref(), &mut config, path),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                walk.fail(
                    span,
                    "",
                    format!("不是有效的 TOML：{}", e.message().trim()),
                    "检查引号、方括号和等号是否成对、完整；字符串写在英文双引号里".to_string(),
                );
            }
        }
        if walk.errors.is_empty() {
            Ok(config)
        } else {
            let mut errors = walk.errors;
            errors.sort_by_key(|e| (e.line, e.column));
            Err(FileProblems(errors))
        }
    }

    /// Lays what the file sets over `settings`; the command line is applied after, so it wins.
    /// The holiday file is read by [`holidays`].
    pub fn apply(&self, settings: &mut Settings) {
        if let Some(profiles) = &self.profiles {
            settings.profiles.clone_from(profiles);
        }
        if let Some(today) = self.today {
            settings.today = today;
        }
        if self.year.is_some() {
            settings.year = self.year;
        }
        if let Some(m) = self.before_mode {
            settings.before_mode = m;
        }
        if let Some(m) = self.majority {
            settings.majority = m;
        }
        if let Some(r) = self.rollover_forward {
            settings.rollover_forward = r;
        }
        for (code, rule) in &self.rules {
            settings.rules.insert(code.clone(), rule.clone());
        }
        settings.waivers.clone_from(&self.waivers);
    }

    /// The configuration file as shown in messages.
    pub fn path(&self) -> &str {
        &self.source.name
    }
}

type Key<'i> = Spanned<Cow<'i, str>>;
type Val<'i> = Spanned<DeValue<'i>>;

/// One pass over the file, gathering problems.
struct Walk<'s> {
    source: &'s Arc<SourceFile>,
    errors: Vec<ConfigError>,
}

impl Walk<'_> {
    fn fail(&mut self, span: Range<usize>, key: &str, message: String, help: String) {
        let (line, column) = self.source.line_col(span.start);
        self.errors.push(ConfigError {
            path: self.source.name.clone(),
            line,
            column,
            key: key.to_string(),
            message,
            help,
            loc: Some(Loc::new(self.source, span)),
        });
    }

    fn unknown(&mut self, key: &Key<'_>, known: &[&str], place: &str) {
        let name = key.get_ref().as_ref();
        let near = nearest(name, known.iter().copied());
        let message = match near {
            Some(near) => format!("{place}没有「{name}」这一项，是否想写「{near}」？"),
            None => format!("{place}没有「{name}」这一项"),
        };
        self.fail(
            key.span(),
            name,
            message,
            format!("可用的有：{}；{HELP_FILE}", known.join("、")),
        );
    }

    fn wrong_kind(&mut self, key: &str, value: &Val<'_>, expected: &str) {
        self.fail(
            value.span(),
            key,
            format!(
                "「{key}」应为{expected}，这里是{}",
                kind_zh(value.get_ref())
            ),
            format!("把「{key}」写成{expected}；{HELP_FILE}"),
        );
    }

    fn top(&mut self, root: &DeTable<'_>, config: &mut Config, path: &Path) {
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "profiles" => config.profiles = self.profiles(value),
                "today" => config.today = self.date("today", value),
                "year" => config.year = self.year(value),
                "holidays" => {
                    if let Some(file) = self.string("holidays", value) {
                        let base = path.parent().unwrap_or(Path::new(""));
                        config.holidays = Some(base.join(file));
                    }
                }
                "readings" => {
                    if let Some(table) = self.table("readings", value) {
                        self.readings(table, config);
                    }
                }
                "rules" => {
                    if let Some(table) = self.table("rules", value) {
                        for (code, rule) in table {
                            self.rule(code, rule, config);
                        }
                    }
                }
                "waivers" => match value.get_ref() {
                    DeValue::Array(items) => {
                        for item in items {
                            if let Some(w) = self.waiver(item) {
                                config.waivers.push(w);
                            }
                        }
                    }
                    _ => self.wrong_kind("waivers", value, "豁免的列表（每项写一个 [[waivers]]）"),
                },
                "build" => {
                    if let Some(table) = self.table("build", value) {
                        self.build(table, config, path);
                    }
                }
                "issuers" => {
                    if let Some(table) = self.table("issuers", value) {
                        config.issuers = self.issuers(table);
                    }
                }
                "audit" => {
                    if let Some(table) = self.table("audit", value) {
                        self.audit(table, config);
                    }
                }
                _ => self.unknown(key, &TOP_KEYS, "配置文件"),
            }
        }
    }

    fn table<'v, 'i>(&mut self, key: &str, value: &'v Val<'i>) -> Option<&'v DeTable<'i>> {
        if let DeValue::Table(t) = value.get_ref() {
            Some(t)
        } else {
            self.wrong_kind(key, value, &format!("表（写作 [{key}]）"));
            None
        }
    }

    fn string<'v>(&mut self, key: &str, value: &'v Val<'_>) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => Some(s.as_ref()),
            DeValue::String(_) => {
                self.fail(
                    value.span(),
                    key,
                    format!("「{key}」为空"),
                    format!("填写「{key}」，或删去这一行"),
                );
                None
            }
            _ => {
                self.wrong_kind(key, value, "字符串（写在双引号里）");
                None
            }
        }
    }

    fn boolean(&mut self, key: &str, value: &Val<'_>) -> Option<bool> {
        if let DeValue::Boolean(b) = value.get_ref() {
            Some(*b)
        } else {
            self.wrong_kind(key, value, "true 或 false");
            None
        }
    }

    fn date(&mut self, key: &str, value: &Val<'_>) -> Option<NaiveDate> {
        let parsed = match value.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                })
            }
            DeValue::String(s) => crate::values::parse_date(s).ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_kind(key, value, "日期，如 2026-11-22");
        }
        parsed
    }

    fn year(&mut self, value: &Val<'_>) -> Option<i32> {
        let year = integer(value.get_ref()).and_then(|n| i32::try_from(n).ok());
        match year {
            Some(y) if (1949..=9999).contains(&y) => Some(y),
            _ => {
                self.wrong_kind("year", value, "四位数的年份，如 2026");
                None
            }
        }
    }

    /// The items of a list; one value alone is a list of one.
    fn list<'v, 'i>(
        &mut self,
        key: &str,
        value: &'v Val<'i>,
        expected: &str,
    ) -> Option<Vec<&'v Val<'i>>> {
        match value.get_ref() {
            DeValue::String(_) => Some(vec![value]),
            DeValue::Array(items) => Some(items.iter().collect()),
            _ => {
                self.wrong_kind(key, value, expected);
                None
            }
        }
    }

    fn profiles(&mut self, value: &Val<'_>) -> Option<Vec<Profile>> {
        let names = self.list(
            "profiles",
            value,
            "规则集名称的列表，如 [\"shenzhen\", \"jilin\"]",
        )?;
        let mut out = Vec::new();
        for name in names {
            let Some(text) = self.string("profiles", name) else {
                continue;
            };
            match Profile::parse(text) {
                Ok(p) if !out.contains(&p) => out.push(p),
                Ok(_) => {}
                Err(message) => {
                    let keys = Profile::ALL.map(Profile::key);
                    let help = match nearest(&text.to_lowercase(), keys) {
                        Some(near) => format!("是否想写「{near}」？"),
                        None => "写 shenzhen、jilin 或 xinjiang".to_string(),
                    };
                    self.fail(name.span(), "profiles", message, help);
                }
            }
        }
        if out.is_empty() {
            self.fail(
                value.span(),
                "profiles",
                "没有指定规则集".to_string(),
                "写 profiles = [\"shenzhen\"]，或删去这一行使用默认的 shenzhen".to_string(),
            );
            return None;
        }
        Some(out)
    }

    fn readings(&mut self, table: &DeTable<'_>, config: &mut Config) {
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "before_mode" => config.before_mode = self.before_mode(value),
                "majority" => config.majority = self.majority(value),
                "rollover_forward" => {
                    config.rollover_forward = self.boolean("rollover_forward", value);
                }
                _ => self.unknown(key, &READING_KEYS, "[readings] 中"),
            }
        }
    }

    fn choice<T: Copy>(&mut self, key: &str, value: &Val<'_>, choices: &[(&str, T)]) -> Option<T> {
        let names: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
        let DeValue::String(s) = value.get_ref() else {
            self.wrong_kind(
                key,
                value,
                &format!("{} 之一（写在双引号里）", names.join("、")),
            );
            return None;
        };
        if let Some((_, v)) = choices.iter().find(|(k, _)| *k == s.trim()) {
            return Some(*v);
        }
        let near = nearest(s, names.iter().copied());
        self.fail(
            value.span(),
            key,
            match near {
                Some(near) => format!("「{key}」不能是「{s}」，是否想写「{near}」？"),
                None => format!("「{key}」不能是「{s}」"),
            },
            format!("可用的有：{}", names.join("、")),
        );
        None
    }

    fn before_mode(&mut self, value: &Val<'_>) -> Option<BeforeMode> {
        let choices = BeforeMode::ALL.map(|m| (m.key(), m));
        self.choice("before_mode", value, &choices)
    }

    fn majority(&mut self, value: &Val<'_>) -> Option<Majority> {
        let choices = [Majority::AtLeastHalf, Majority::MoreThanHalf].map(|m| (m.key(), m));
        self.choice("majority", value, &choices)
    }

    fn day_unit(&mut self, value: &Val<'_>) -> Option<DayUnit> {
        let choices = [DayUnit::Calendar, DayUnit::Working].map(|m| (m.key(), m));
        self.choice("day_unit", value, &choices)
    }

    /// A rule named by code or kebab-case name, or a problem reported at `key`.
    fn rule_named(
        &mut self,
        what: &str,
        name: &str,
        span: Range<usize>,
    ) -> Option<&'static RuleMeta> {
        match rules::lookup(name) {
            Ok(rule) => Some(rule.meta),
            Err(unknown) => {
                self.fail(
                    span,
                    name,
                    match unknown.suggestion {
                        Some(near) => format!("{what}「{name}」不是已有的规则，是否想写「{near}」？"),
                        None => format!("{what}「{name}」不是已有的规则"),
                    },
                    "写规则编号（如 SZ002）或英文名（如 notice-published-too-late）；`yishi rules --profile shenzhen,jilin,xinjiang` 列出全部规则".to_string(),
                );
                None
            }
        }
    }

    fn rule(&mut self, key: &Key<'_>, value: &Val<'_>, config: &mut Config) {
        let Some(meta) = self.rule_named("规则", key.get_ref(), key.span()) else {
            return;
        };
        let Some(table) = self.table(&format!("rules.{}", meta.code), value) else {
            return;
        };
        let mut known = vec!["severity"];
        known.extend(meta.params.iter().map(|p| p.name));
        known.extend(meta.readings.iter().map(|r| r.key()));
        let mut settings = config.rules.remove(meta.code).unwrap_or_default();
        for (k, v) in table {
            let name = k.get_ref().as_ref();
            if name == "severity" {
                let choices: Vec<(&str, Option<Severity>)> = Severity::ALL
                    .into_iter()
                    .map(|s| (s.key(), Some(s)))
                    .chain([("off", None)])
                    .collect();
                match self.choice("severity", v, &choices) {
                    Some(Some(s)) => settings.severity = Some(s),
                    Some(None) => settings.disabled = true,
                    None => {}
                }
            } else if let Some(param) = meta.params.iter().find(|p| p.name == name) {
                if let Some(value) = self.param(name, param.default, v) {
                    settings.params.insert(name.to_string(), value);
                }
            } else if let Some(reading) = meta.reading(name) {
                match reading {
                    Reading::BeforeMode => settings.before_mode = self.before_mode(v),
                    Reading::Majority => settings.majority = self.majority(v),
                    Reading::RolloverForward(_) => {
                        settings.rollover_forward = self.boolean(name, v);
                    }
                    Reading::DayUnit(_) => settings.day_unit = self.day_unit(v),
                }
            } else {
                self.unknown(k, &known, &format!("规则 {}（{}）", meta.code, meta.title));
            }
        }
        config.rules.insert(meta.code.to_string(), settings);
    }

    /// A parameter's value, typed as the rule's default is.
    fn param(&mut self, key: &str, default: Default, value: &Val<'_>) -> Option<Value> {
        match default {
            Default::Days(_) | Default::Count(_) => {
                let n = integer(value.get_ref()).and_then(|n| u32::try_from(n).ok());
                if n.is_none() {
                    let what = if matches!(default, Default::Days(_)) {
                        "不小于 0 的整数（天数）"
                    } else {
                        "不小于 0 的整数（次数或人数）"
                    };
                    self.wrong_kind(key, value, what);
                }
                n.map(Value::Number)
            }
            Default::Share(..) => {
                let share = share(value.get_ref());
                if share.is_none() {
                    self.wrong_kind(
                        key,
                        value,
                        "0 到 1 之间的比例，写作 \"2/3\"、0.5 或 \"50%\"",
                    );
                }
                share.map(|(a, b)| Value::Share(a, b))
            }
            Default::Words(_) => {
                let words = match value.get_ref() {
                    DeValue::Array(items) => items
                        .iter()
                        .map(|i| match i.get_ref() {
                            DeValue::String(s) if !s.trim().is_empty() => {
                                Some(s.trim().to_string())
                            }
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()
                        .filter(|w| !w.is_empty()),
                    _ => None,
                };
                if words.is_none() {
                    self.wrong_kind(key, value, "非空字符串的列表，如 [\"公告栏\", \"微信群\"]");
                }
                words.map(Value::Words)
            }
        }
    }

    fn waiver(&mut self, item: &Val<'_>) -> Option<Waiver> {
        let DeValue::Table(table) = item.get_ref() else {
            self.wrong_kind("waivers", item, "表（每项写一个 [[waivers]]）");
            return None;
        };
        let place = Loc::new(self.source, item.span());
        let (mut rule, mut scope, mut reason, mut approval, mut expires) =
            (None, None, None, None, None);
        let mut complete = true;
        for (k, v) in table {
            match k.get_ref().as_ref() {
                "rule" => {
                    if let Some(name) = self.string("rule", v) {
                        rule = self.rule_named("豁免的规则", name, v.span());
                    }
                    complete &= rule.is_some();
                }
                "scope" => {
                    scope = self.scope(v);
                    complete &= scope.is_some();
                }
                "reason" => {
                    reason = self.string("reason", v).map(str::to_string);
                    complete &= reason.is_some();
                }
                "approval" => {
                    approval = self.string("approval", v).map(str::to_string);
                    complete &= approval.is_some();
                }
                "expires" => {
                    expires = self.date("expires", v);
                    complete &= expires.is_some();
                }
                _ => {
                    self.unknown(k, &WAIVER_KEYS, "豁免（[[waivers]]）中");
                }
            }
        }
        let mut missing = Vec::new();
        for (key, present) in [
            ("rule", table.contains_key("rule")),
            ("scope", table.contains_key("scope")),
            ("reason", table.contains_key("reason")),
            ("approval", table.contains_key("approval")),
            ("expires", table.contains_key("expires")),
        ] {
            if !present {
                missing.push(key);
            }
        }
        if !missing.is_empty() {
            self.fail(
                item.span(),
                "waivers",
                format!("豁免缺少 {}", missing.join("、")),
                "每项豁免都要写明 rule（规则）、scope（范围）、reason（理由）、approval（批准文号）和 expires（到期日）".to_string(),
            );
            return None;
        }
        if !complete {
            return None;
        }
        let (scope, period) = scope?;
        Some(Waiver {
            rule: rule?,
            scope,
            period,
            reason: reason?,
            approval: approval?,
            expires: expires?,
            loc: place,
        })
    }

    /// A waiver's scope and the period it is limited to, if any.
    fn scope(&mut self, value: &Val<'_>) -> Option<(Scope, Option<String>)> {
        let expected = "只写一项的表：{ unit = \"单位名称\" }、{ meeting = \"会议编号\" } 或 { file = \"批次内的文件路径\" }，可另加 period = \"2026-Q1\"";
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_kind("scope", value, expected);
            return None;
        };
        let mut scopes = Vec::new();
        let mut period = None;
        let reported = self.errors.len();
        for (k, v) in table {
            let name = k.get_ref().as_ref();
            if !SCOPE_KEYS.contains(&name) {
                self.unknown(k, &SCOPE_KEYS, "豁免范围（scope）中");
                continue;
            }
            let Some(text) = self.string(name, v) else {
                continue;
            };
            let text = text.trim().to_string();
            scopes.push(match name {
                "unit" => Scope::Unit(text),
                "meeting" => Scope::Meeting(text),
                "file" => Scope::File(text.replace('\\', "/")),
                _ => {
                    if is_period(&text) {
                        period = Some(text.to_uppercase());
                    } else {
                        self.fail(
                            v.span(),
                            "period",
                            format!("「{text}」不是期间"),
                            "期间写作 \"2026\"（全年）、\"2026-H1\"（上半年）或 \"2026-Q1\"（第一季度）".to_string(),
                        );
                    }
                    continue;
                }
            });
        }
        match scopes.len() {
            1 => scopes.pop().map(|s| (s, period)),
            0 if self.errors.len() == reported => {
                self.wrong_kind("scope", value, expected);
                None
            }
            0 => None,
            n => {
                self.fail(
                    value.span(),
                    "scope",
                    format!("豁免范围只能写 unit、meeting、file 中的一项，这里写了 {n} 项"),
                    "一项豁免只针对一个单位、一次会议或一个文件；几处都要豁免的，各写一个 [[waivers]]"
                        .to_string(),
                );
                None
            }
        }
    }
}

/// The official calendar with a user's holiday file laid over it, or every problem of the file.
pub fn holidays(path: &Path) -> Result<Calendar, CalendarFileErrors> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        FileProblems(vec![CalendarFileError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            key: String::new(),
            message: format!("无法读取：{e}"),
            help: "检查路径（yishi.toml 中的 holidays 相对于 yishi.toml 所在文件夹）".to_string(),
            loc: None,
        }])
    })?;
    Calendar::official().with_overlay(&text, path)
}

/// "2026", "2026-H2" or "2026-Q3", as per-period findings name their period.
fn is_period(text: &str) -> bool {
    let (year, part) = text.split_once('-').unwrap_or((text, ""));
    let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    let part = part.to_uppercase();
    year_ok && matches!(part.as_str(), "" | "H1" | "H2" | "Q1" | "Q2" | "Q3" | "Q4")
}

fn integer(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A share written as "2/3", "50%", 0.5 or 1, as an exact fraction in lowest terms, 0 to 1.
fn share(value: &DeValue<'_>) -> Option<(u32, u32)> {
    let (num, den) = match value {
        DeValue::String(s) => {
            let s = s.trim();
            if let Some((a, b)) = s.split_once('/') {
                (a.trim().parse::<u64>().ok()?, b.trim().parse::<u64>().ok()?)
            } else if let Some(p) = s.strip_suffix('%') {
                decimal(p.trim()).map(|(a, b)| (a, b * 100))?
            } else {
                decimal(s)?
            }
        }
        DeValue::Float(f) => decimal(f.as_str())?,
        DeValue::Integer(_) => (u64::try_from(integer(value)?).ok()?, 1),
        _ => return None,
    };
    if den == 0 || num > den {
        return None;
    }
    let g = gcd(num, den);
    Some((u32::try_from(num / g).ok()?, u32::try_from(den / g).ok()?))
}

/// "0.667" → (667, 1000), exactly as written.
fn decimal(s: &str) -> Option<(u64, u64)> {
    let s = s.replace('_', "");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 9 {
        return None;
    }
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) {
        return None;
    }
    let den = 10u64.pow(frac.len() as u32);
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    Some((whole.checked_mul(den)?.checked_add(frac)?, den))
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

fn kind_zh(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "字符串",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "日期时间",
        DeValue::Array(_) => "列表",
        DeValue::Table(_) => "表",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_exact_fractions() {
        let s = |t: &str| share(&DeValue::String(Cow::Owned(t.to_string())));
        assert_eq!(s("2/3"), Some((2, 3)));
        assert_eq!(s("50%"), Some((1, 2)));
        assert_eq!(s("0.5"), Some((1, 2)));
        assert_eq!(s("0.667"), Some((667, 1000)));
        assert_eq!(s("3/2"), None);
        assert_eq!(s("1/0"), None);
        assert_eq!(s("半数"), None);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let text = "profile = [\"shenzhen\"]\n[rules.SZ002]\nnotice_day_before = 3\nseverity = \"fatal\"\n";
        let errors = Config::parse(Path::new("yishi.toml"), text).unwrap_err().0;
        let places: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.column, e.key.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                (1, 1, "profile"),
                (3, 1, "notice_day_before"),
                (4, 12, "severity")
            ]
        );
        assert!(errors[0].message.contains("「profiles」"), "{}", errors[0]);
        assert!(
            errors[1].message.contains("「notice_days_before」"),
            "{}",
            errors[1]
        );
    }
}
