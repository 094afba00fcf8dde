//! `yishi check`: load, merge, check, report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::batch::{self, Checked};
use crate::cli::{BatchArgs, Format};
use crate::diag::Severity;
use crate::report::{human, json, sarif, summary};
use crate::settings::Settings;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    let settings = args.batch.settings()?;
    let checked = batch::run(&args.batch.paths, &settings);
    print(&checked, &settings, &args.batch.paths, args.format)?;
    Ok(exit_code(&checked))
}

/// Prints the diagnostics and the summary in the chosen format.
/// `paths` are the batch folders as given, which SARIF paths are relative to.
pub fn print(
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
    format: Format,
) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    let text = match format {
        Format::Json => {
            let mut doc = json::document(checked, settings);
            // Each finding's key, by which last month's output is compared (`yishi audit`).
            crate::audit::machine::keyed(&mut doc, &sarif::fingerprints(checked, paths));
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Sarif => {
            let doc = sarif::document(checked, settings, paths);
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Human => {
            let style = human::Style {
                color: std::io::stdout().is_terminal(),
                ..human::Style::PLAIN
            };
            let mut text = human::render_all(&checked.diagnostics, style);
            if !text.is_empty() {
                text.push('\n');
            }
            text + &summary::render(checked) + &summary::exit_line(checked) + "\n"
        }
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出：{e}"))
}

pub fn exit_code(checked: &Checked) -> ExitCode {
    if checked.count(Severity::Error) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
