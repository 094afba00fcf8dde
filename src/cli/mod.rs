//! The command line: one file per verb behind one dispatch, with the argument groups the verbs
//! share flattened in.

mod build;
mod check;
mod fonts;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::clock;
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
    /// 列出各排版角色（标题、正文、一二级标题、数字）想用和实际使用的字体
    Fonts(fonts::FontsArgs),
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
    /// 规则集，逗号分隔（默认 shenzhen）
    #[arg(
        long,
        value_name = "NAME",
        default_value = "shenzhen",
        value_delimiter = ','
    )]
    pub profile: Vec<String>,
}

impl BatchArgs {
    pub fn settings(&self) -> Result<Settings, String> {
        let mut settings = Settings::new(self.today.unwrap_or_else(clock::today));
        settings.profiles = self
            .profile
            .iter()
            .map(|p| Profile::parse(p))
            .collect::<Result<_, _>>()?;
        settings.profiles.dedup();
        Ok(settings)
    }
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
    crate::values::parse_date(s).map_err(|e| format!("应为{}", e.expected))
}

/// Runs the command line; the exit code follows ruff: 0 clean, 1 findings, 2 usage or internal.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Fonts(args) => Ok(fonts::run(&args)),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("yishi: {message}");
            ExitCode::from(2)
        }
    }
}
