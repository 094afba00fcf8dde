//! `yishi check`: load, merge, check, report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::batch::{self, Checked, stream};
use crate::cli::{BatchArgs, Format};
use crate::diag::Diagnostic;
use crate::hidden;
use crate::report::{human, json, sarif, summary};
use crate::settings::Settings;
use crate::source::display_path;

pub mod by_street;

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
    let color = args.format == Format::Human && stdout_color();
    run_into(args, &mut std::io::stdout().lock(), color)
}

/// `yishi check` with its report written to `out` (colour codes when `color`). A batch is
/// checked street by street ([`stream`]: SARIF's lists of files and places are made from what is
/// kept across streets and a second pass over the findings; JSON's `batch` from what each street
/// carries, put together as `yishi merge` puts parts together: [`by_street`]); `--show-hidden`
/// is a second check, so it checks the batch at once, as do the others when the streets are not
/// independent.
pub fn run_into(args: &CheckArgs, out: &mut dyn Write, color: bool) -> Result<ExitCode, String> {
    args.batch.check_paths()?;
    let settings = args.batch.settings()?;
    let paths = &args.batch.paths;
    if args.format == Format::Json
        && !args.show_hidden
        && let Some(written) = by_street::json(paths, &settings, out)
    {
        return written;
    }
    if args.show_hidden || args.format == Format::Json {
        let mut checked = batch::run(paths, &settings);
        if args.show_hidden {
            hidden::add_to(&mut checked, paths, &settings);
        }
        write_report(out, &checked, &settings, paths, args.format, color, true)?;
        return Ok(exit_code(&checked));
    }
    let style = human::Style {
        color,
        ..human::Style::PLAIN
    };
    let sarif_results =
        (args.format == Format::Sarif).then(|| sarif::Results::new(&settings, paths));
    let human = move |d: &Diagnostic| human::render(d, style);
    let sarif = |d: &Diagnostic| sarif_results.as_ref().expect("made for SARIF").pending(d);
    let render: stream::Render<'_> = if sarif_results.is_some() {
        &sarif
    } else {
        &human
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    match stream::run(paths, &settings, render, threads) {
        stream::Run::Whole(checked) => {
            write_report(out, &checked, &settings, paths, args.format, color, true)?;
            Ok(exit_code(&checked))
        }
        stream::Run::Streamed(streamed) => {
            let mut buffered = std::io::BufWriter::with_capacity(stream::BUFFER, &mut *out);
            let written = match &sarif_results {
                Some(results) => sarif::write(
                    &mut buffered,
                    &streamed.overview(),
                    &settings,
                    results,
                    &mut |each| streamed.findings(render, each),
                ),
                None => write_streamed(
                    &mut buffered,
                    &streamed.overview(),
                    &mut |each| streamed.findings(render, each),
                    true,
                ),
            };
            written
                .and_then(|()| buffered.flush())
                .map_err(|e| format!("无法输出：{e}"))?;
            Ok(ExitCode::from(streamed.overview().exit_code()))
        }
    }
}

/// The report of a batch checked street by street: the same bytes as [`write_report`]'s of
/// the batch checked at once. `findings` hands each finding's block, in the report's order; the
/// exit line is left out when the verb says its own at the end (`build`).
pub fn write_streamed(
    out: &mut dyn Write,
    overview: &batch::Overview,
    findings: &mut crate::dashboard::FindingTexts<'_>,
    exit_line: bool,
) -> std::io::Result<()> {
    let mut first = true;
    findings(&mut |block| {
        if !first {
            out.write_all(b"\n")?;
        }
        first = false;
        out.write_all(block.as_bytes())
    })?;
    if !first {
        out.write_all(b"\n")?;
    }
    out.write_all(summary::render_overview(overview).as_bytes())?;
    if exit_line {
        out.write_all(summary::exit_line_of(overview).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
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
    let color = stdout_color();
    write_report(
        &mut std::io::stdout().lock(),
        checked,
        settings,
        paths,
        format,
        color,
        exit_line,
    )
}

/// Whether the report on stdout is in colour: on a terminal that shows colours.
pub fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && crate::platform::colors()
}

/// Writes a report to stdout.
pub fn print_text(text: &str) -> Result<(), String> {
    write_text(&mut std::io::stdout().lock(), text)
}

fn write_text(out: &mut dyn Write, text: &str) -> Result<(), String> {
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出：{e}"))
}

/// The report of a batch checked at once, written to `out`.
pub fn write_report(
    out: &mut dyn Write,
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
    format: Format,
    color: bool,
    exit_line: bool,
) -> Result<(), String> {
    if format == Format::Human {
        let mut buffered = std::io::BufWriter::new(out);
        return write_human(&mut buffered, checked, color, exit_line)
            .and_then(|()| buffered.flush())
            .map_err(|e| format!("无法输出：{e}"));
    }
    write_text(
        out,
        &report_text(checked, settings, paths, format, color, exit_line)?,
    )
}

/// The JSON report of a batch checked at once, as a tree.
fn json_report(checked: &Checked, settings: &Settings, paths: &[PathBuf]) -> serde_json::Value {
    let keys = sarif::fingerprints(checked, paths);
    let findings = (0..checked.diagnostics.len())
        .map(|i| json::keyed(&checked.diagnostics[i], &keys[i]))
        .collect();
    json_report_of(checked, settings, paths, findings)
}

/// The JSON report of a batch checked at once with `findings` for its findings.
fn json_report_of(
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
    findings: Vec<serde_json::Value>,
) -> serde_json::Value {
    let mut doc = json::document_of(&checked.overview(), settings, findings);
    // What `yishi merge` needs to join this run with runs over the batch's other parts.
    let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
    doc["batch"] = crate::parts::carried(checked, settings, &shown);
    doc
}

/// The report of a batch checked at once.
pub fn report_text(
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
    format: Format,
    color: bool,
    exit_line: bool,
) -> Result<String, String> {
    Ok(match format {
        Format::Json => {
            let doc = json_report(checked, settings, paths);
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Sarif => {
            let mut text = Vec::new();
            sarif::write_checked(&mut text, checked, settings, paths).map_err(|e| e.to_string())?;
            String::from_utf8(text).map_err(|e| e.to_string())?
        }
        Format::Human => human_report(checked, color, exit_line),
    })
}

/// The diagnostics and the summary for people, with or without colour codes, as `check`
/// prints them.
pub fn human_text(checked: &Checked, color: bool) -> String {
    human_report(checked, color, true)
}

/// [`human_text`], the exit line left out when the verb says its own at the end (`build`).
fn human_report(checked: &Checked, color: bool, exit_line: bool) -> String {
    let mut text = Vec::new();
    write_human(&mut text, checked, color, exit_line).expect("written to memory");
    String::from_utf8(text).expect("rendered as text")
}

/// [`human_report`] written to `out` as it is made.
fn write_human(
    out: &mut dyn Write,
    checked: &Checked,
    color: bool,
    exit_line: bool,
) -> std::io::Result<()> {
    let style = human::Style {
        color,
        ..human::Style::PLAIN
    };
    human::write_all(out, &checked.diagnostics, style)?;
    if !checked.diagnostics.is_empty() {
        out.write_all(b"\n")?;
    }
    out.write_all(summary::render(checked).as_bytes())?;
    if exit_line {
        out.write_all(summary::exit_line(checked).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub fn exit_code(checked: &Checked) -> ExitCode {
    ExitCode::from(checked.exit_code())
}
