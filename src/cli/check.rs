//! `yishi check`: load, merge, check, report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::batch::{self, Checked};
use crate::cli::{BatchArgs, Format};
use crate::hidden;
use crate::report::{human, json, sarif, summary};
use crate::settings::Settings;
use crate::source::display_path;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// 另按 yishi 的默认设置复查一遍，单独列出本工作区设置（yishi.toml 等）去掉或降级的问题
    #[arg(long)]
    pub show_hidden: bool,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    args.batch.check_paths()?;
    let settings = args.batch.settings()?;
    let mut checked = batch::run(&args.batch.paths, &settings);
    if args.show_hidden {
        hidden::add_to(&mut checked, &args.batch.paths, &settings);
    }
    print(&checked, &settings, &args.batch.paths, args.format)?;
    Ok(exit_code(&checked))
}

/// Prints the diagnostics and the summary in the chosen format, with what `check` exits with.
/// `paths` are the batch folders as given, which SARIF paths are relative to.
pub fn print(
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
    format: Format,
) -> Result<(), String> {
    print_report(checked, settings, paths, format, true)
}

/// [`print`], the exit line left out when the verb says its own at the end (`build`).
pub fn print_report(
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
    format: Format,
    exit_line: bool,
) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    let text = match format {
        Format::Json => {
            let mut doc = json::document(checked, settings);
            // Each finding's key, by which last month's output is compared (`yishi audit`).
            crate::audit::machine::keyed(&mut doc, &sarif::fingerprints(checked, paths));
            // What `yishi merge` needs to join this run with runs over the batch's other parts.
            let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
            doc["batch"] = crate::parts::carried(checked, settings, &shown);
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Sarif => {
            let doc = sarif::document(checked, settings, paths);
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Human => human_report(
            checked,
            std::io::stdout().is_terminal() && crate::platform::colors(),
            exit_line,
        ),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出：{e}"))
}

/// The diagnostics and the summary for people, with or without colour codes, as `check`
/// prints them.
pub fn human_text(checked: &Checked, color: bool) -> String {
    human_report(checked, color, true)
}

/// [`human_text`], the exit line left out when the verb says its own at the end (`build`).
fn human_report(checked: &Checked, color: bool, exit_line: bool) -> String {
    let style = human::Style {
        color,
        ..human::Style::PLAIN
    };
    let mut text = human::render_all(&checked.diagnostics, style);
    if !text.is_empty() {
        text.push('\n');
    }
    text += &summary::render(checked);
    if exit_line {
        text += &summary::exit_line(checked);
        text.push('\n');
    }
    text
}

pub fn exit_code(checked: &Checked) -> ExitCode {
    ExitCode::from(checked.exit_code())
}
