//! The command line: one file per verb behind one dispatch, with the argument groups the verbs
//! share flattened in.

pub mod audit;
pub mod build;
pub mod check;
pub mod desktop;
pub mod explain;
mod fonts;
pub mod init;
mod merge;
mod outdir;
pub mod report;
pub mod rules;
mod threads;
mod typeset;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::clock;
use crate::config::{self, Config, FromFile};
use crate::report::human;
use crate::settings::{Profile, Settings};

#[derive(Debug, Parser)]
#[command(name = "yishi", version, about = "基层议事协商记录检查与公文排版", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查会议记录：读入台账、参会人员名单和会议记录，逐条报告不合规之处
    Check(check::CheckArgs),
    /// 检查后排版每次会议的文书 PDF：协商公告、邀请函、会议记录、协商结果公示
    Build(build::BuildArgs),
    /// 年度报告：为每个街道、社区（村）排出年度议事协商工作报告 PDF，并在旁边写出各项数字（JSON）
    Report(report::ReportArgs),
    /// 街道自查：为每个街道写出议事协商工作自查报告 PDF 和整改清单 Excel；--baseline 与上月填写过的清单比对
    Audit(audit::AuditArgs),
    /// 列出各排版角色（标题、正文、一二级标题、数字）想用和实际使用的字体
    Fonts(fonts::FontsArgs),
    /// 列出启用的规则：编号、名称、级别、依据条款、参数和读法（含 yishi.toml 的设置）
    Rules(rules::RulesArgs),
    /// 说明一条规则：检查内容、为何重要、依据原文、参数和读法
    Explain(explain::ExplainArgs),
    /// 合并分批检查的结果：各部分（如每个街道）yishi check --format json 的输出合并为整批检查一次的输出和年度数字
    Merge(merge::MergeArgs),
    /// 新建工作区：写出带说明的 yishi.toml 和带表头的空白台账、参会人员名单
    Init(init::InitArgs),
}

/// Where the workspace configuration comes from.
#[derive(Debug, Args, Default)]
pub struct ConfigArgs {
    /// 工作区配置文件（默认在批次文件夹及其上级文件夹中找 yishi.toml）
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// 不读取 yishi.toml
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    /// The configuration in force for a batch starting at `start`, if any; a file with problems
    /// is a usage error.
    pub fn load(&self, start: &Path) -> Result<Option<Config>, String> {
        if self.no_config {
            return Ok(None);
        }
        let path = match &self.config {
            Some(path) => path.clone(),
            None => match config::discover(start) {
                Some(path) => path,
                None => return Ok(None),
            },
        };
        Config::load(&path)
            .map(Some)
            .map_err(|e| problems("配置文件", &path, &e.diagnostics()))
    }
}

/// The problems of one of the run's own files, shown as findings are, under a line that names
/// the file and counts them: a usage error.
fn problems(what: &str, path: &Path, diagnostics: &[crate::diag::Diagnostic]) -> String {
    let style = human::Style {
        color: std::io::stderr().is_terminal(),
        ..human::Style::PLAIN
    };
    format!(
        "{what} {} 有 {} 处问题，改正后再运行：\n\n{}",
        path.display(),
        diagnostics.len(),
        human::render_all(diagnostics, style).trim_end()
    )
}

/// The settings of a run: the defaults, then `yishi.toml`, then the command line.
pub fn settings_from(
    config: Option<&Config>,
    profiles: &[String],
    today: Option<NaiveDate>,
    year: Option<i32>,
    holidays: Option<&Path>,
) -> Result<Settings, String> {
    let mut settings = Settings::new(NaiveDate::MIN);
    if let Some(config) = config {
        config.apply(&mut settings);
    }
    settings.today = match (today, config.and_then(|c| c.today)) {
        (Some(day), _) | (None, Some(day)) => day,
        (None, None) => clock::today(),
    };
    if !profiles.is_empty() {
        settings.profiles = Vec::new();
        for name in profiles {
            let p = Profile::parse(name)?;
            if !settings.profiles.contains(&p) {
                settings.profiles.push(p);
            }
        }
    }
    if year.is_some() {
        settings.year = year;
    }
    let holidays = holidays
        .map(Path::to_path_buf)
        .or_else(|| config.and_then(|c| c.holidays.clone()));
    if let Some(path) = &holidays {
        let calendar =
            config::holidays(path).map_err(|e| problems("节假日文件", path, &e.diagnostics()))?;
        settings.calendar = Arc::new(calendar);
    }
    let from_file = FromFile::of(
        config,
        !profiles.is_empty(),
        today.is_some(),
        year.is_some(),
    );
    settings.in_force = Arc::new(config::in_force(
        config,
        &settings,
        from_file,
        holidays.as_deref(),
    ));
    Ok(settings)
}

/// What every verb that reads a batch takes.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// 批次文件夹或文件（可多个），默认当前文件夹
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// 检查日，如 2026-11-22（默认为本机今天）
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// 规则集，逗号分隔（默认取 yishi.toml 的 profiles，再无则 shenzhen）
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub profile: Vec<String>,
    /// 检查的年度，如 2026：按它的季度、半年检查次数，其他年份的会议另行报告
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=9999))]
    pub year: Option<i32>,
    /// 本地节假日文件（TOML），叠加在国务院节假日安排之上
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

impl BatchArgs {
    /// Every PATH must be there: a mistyped one is a usage error (exit 2) before anything is read
    /// or written, not a batch that reads clean because it read nothing.
    pub fn check_paths(&self) -> Result<(), String> {
        let missing: Vec<String> = self
            .paths
            .iter()
            .filter(|p| std::fs::metadata(p).is_err())
            .map(|p| missing_path(p))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(missing.join("\n"))
        }
    }

    /// The settings of the run: `yishi.toml` (found from the first PATH) under the command line.
    pub fn settings(&self) -> Result<Settings, String> {
        self.settings_and_config().map(|(settings, _)| settings)
    }

    /// [`BatchArgs::settings`], and the `yishi.toml` they came from, if any.
    pub fn settings_and_config(&self) -> Result<(Settings, Option<Config>), String> {
        let start = self.paths.first().map_or(Path::new("."), PathBuf::as_path);
        let config = self.config.load(start)?;
        let settings = settings_from(
            config.as_ref(),
            &self.profile,
            self.today,
            self.year,
            self.holidays.as_deref(),
        )?;
        Ok((settings, config))
    }
}

/// A path that is not there, in words, with the name beside it it may have meant.
fn missing_path(path: &Path) -> String {
    let shown = crate::source::display_path(path);
    let what = if std::fs::symlink_metadata(path).is_ok() {
        "符号链接指向的文件或文件夹不存在"
    } else {
        "没有这个文件或文件夹"
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let siblings: Vec<String> = std::fs::read_dir(&parent)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let guess = crate::fields::nearest(&name, siblings.iter().map(String::as_str))
        .map(|s| {
            format!(
                "\n  提示：是否想写 {}？",
                crate::source::display_path(&path.with_file_name(s))
            )
        })
        .unwrap_or_default();
    format!("路径不存在：{shown}（{what}），什么也没有读{guess}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 给人看的中文诊断
    Human,
    /// DESIGN.md 约定的 JSON
    Json,
    /// SARIF 2.1.0（代码扫描平台和编辑器读取的格式）
    Sarif,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::values::parse_date(s).map_err(|e| match e.problem {
        Some(problem) => format!("{problem}；应为{}", e.expected),
        None => format!("应为{}", e.expected),
    })
}

/// Runs the command line; the exit code follows ruff: 0 clean, 1 findings, 2 usage or internal.
/// With no verb (nothing at all, or folders dropped on the program), the whole job for people
/// who do not open a terminal: see [`desktop`].
pub fn main() -> ExitCode {
    run_args(std::env::args_os().skip(1).collect())
}

/// Runs the command line `yishi ARGS…`, as [`main`] runs the process's own.
pub fn run_args(args: Vec<std::ffi::OsString>) -> ExitCode {
    if let Some(paths) = desktop::paths(&args) {
        return desktop::run(&paths);
    }
    let cli = Cli::parse_from(std::iter::once("yishi".into()).chain(args));
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Fonts(args) => fonts::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Merge(args) => merge::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("yishi: {message}");
            ExitCode::from(2)
        }
    }
}
