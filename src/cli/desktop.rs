//! `yishi` with no arguments, or with folders and files only (what Windows passes when a folder is
//! dropped on the program's icon): the whole job for people who do not open a terminal. It checks
//! and typesets the folder with its workspace's settings, exactly as `yishi build FOLDER --out
//! OUT` would, writes the findings to `检查结果.txt` beside the PDFs, opens the dashboard or the
//! output folder, and when the program was double-clicked, keeps the window open until Enter.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::batch;
use crate::cli::{Cli, ConfigArgs, check};
use crate::config;
use crate::platform::{self, Start};

/// The file with every finding and the summary, in the output folder.
pub const REPORT: &str = "检查结果.txt";

/// The dashboard, in the output folder, when the build writes one; else the folder is opened.
pub const DASHBOARD: &str = "index.html";

/// The batch of a run without a verb: `Some(paths)` when the arguments are nothing at all (the
/// current folder, as an empty list) or only existing files and folders, the first of which is
/// not a verb. Anything else is for the ordinary command line.
pub fn paths(args: &[OsString]) -> Option<Vec<PathBuf>> {
    if args.is_empty() {
        return Some(Vec::new());
    }
    let first = args[0].to_str().unwrap_or_default();
    let verb = first == "help"
        || Cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == first || c.get_all_aliases().any(|a| a == first));
    if verb {
        return None;
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    paths
        .iter()
        .all(|p| !p.as_os_str().to_string_lossy().starts_with('-') && p.exists())
        .then_some(paths)
}

/// Runs the whole job on `paths` (the current folder when empty), and when the program was
/// double-clicked, waits for Enter so that the window stays until it has been read.
pub fn run(paths: &[PathBuf]) -> ExitCode {
    let start = Start::detect();
    let code = match job(paths, start) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("yishi: {message}");
            ExitCode::from(2)
        }
    };
    if start == Start::DoubleClick {
        platform::wait_for_enter("\n按回车键关闭窗口……");
    }
    code
}

fn job(paths: &[PathBuf], start: Start) -> Result<ExitCode, String> {
    let paths = if paths.is_empty() {
        let here = std::env::current_dir().map_err(|e| format!("无法确定当前文件夹：{e}"))?;
        // A double-click in the unpacked download, or `yishi` typed anywhere: without a workspace
        // there is no telling which records are meant.
        if config::discover(&here).is_none() {
            println!("{}", guide(&here));
            return Ok(ExitCode::from(2));
        }
        vec![here]
    } else {
        // As given, so that messages name the files as the person gave them (a dropped folder
        // comes as a full path).
        paths.to_vec()
    };
    let first = &paths[0];
    let config = ConfigArgs::default().load(first)?;
    let out = config
        .as_ref()
        .and_then(|c| c.build.out.clone())
        .unwrap_or_else(|| beside(&std::path::absolute(first).unwrap_or_else(|_| first.clone())));

    println!("检查并排版：{}", list(&paths));
    match config::discover(first) {
        Some(toml) => println!("工作区配置：{}", toml.display()),
        None => println!("工作区配置：没有 yishi.toml，按默认设置（深圳规则集，检查日为今天）"),
    }
    println!("输出文件夹：{}\n", out.display());

    let mut command_line: Vec<OsString> = vec!["yishi".into(), "build".into()];
    command_line.extend(paths.iter().map(|p| p.clone().into_os_string()));
    command_line.extend(["--out".into(), out.clone().into_os_string()]);
    let cli = Cli::try_parse_from(command_line).map_err(|e| e.to_string())?;
    let crate::cli::Command::Build(args) = cli.command else {
        unreachable!("the arguments name the build verb");
    };
    let code = super::build::run(&args)?;

    // The findings again, for a file: the console's copy scrolls away with the window.
    let settings = args.batch.settings()?;
    let checked = batch::run(&paths, &settings);
    let report = out.join(REPORT);
    crate::write::atomic(
        &report,
        &platform::text_file(&check::human_text(&checked, false)),
    )
    .map_err(|e| format!("无法写入 {}：{e}", report.display()))?;

    println!("\n完成。检查结果：{}", report.display());
    println!("      文书 PDF：{}", out.display());
    let page = out.join(DASHBOARD);
    let shown = if page.is_file() { page } else { out };
    if (start == Start::DoubleClick || std::io::IsTerminal::is_terminal(&std::io::stdout()))
        && platform::open(&shown)
    {
        println!("已打开 {}", shown.display());
    }
    Ok(code)
}

/// The output folder beside a batch folder or file: `D:\议事\工作区` → `D:\议事\工作区-输出`.
pub fn beside(path: &Path) -> PathBuf {
    let stem = if path.is_dir() {
        path.file_name()
    } else {
        path.file_stem()
    };
    match (path.parent(), stem) {
        (Some(parent), Some(stem)) => {
            let mut name = stem.to_os_string();
            name.push("-输出");
            parent.join(name)
        }
        // A drive or the root: inside it.
        _ => path.join("yishi-输出"),
    }
}

/// What to do when the program was started without arguments outside a workspace.
fn guide(folder: &Path) -> String {
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "yishi".to_string());
    // The workspaces right below, such as the unpacked download's 工作区 and 样例.
    let mut workspaces: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join(config::FILE_NAME).is_file())
        .map(|e| format!("「{}」", e.file_name().to_string_lossy()))
        .collect();
    workspaces.sort();
    let examples = if workspaces.is_empty() {
        String::new()
    } else {
        format!("（如{}）", workspaces.join(""))
    };
    format!(
        "{} 不是工作区：这里和上级文件夹都没有 yishi.toml，不知道要检查哪些记录。\n\
         \n\
         用法一：把要检查的文件夹{examples}拖到 {program} 的图标上松开。\n\
         用法二：把 {program} 放进工作区文件夹（有 yishi.toml 的文件夹），双击运行。\n\
         新建工作区：{program} init 文件夹名；全部命令：{program} --help。\n\
         \n\
         检查结果和文书 PDF 写到该文件夹旁边的「文件夹名-输出」里。详见 使用说明.txt。",
        folder.display()
    )
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn nothing_or_existing_paths_only_are_the_desktop_mode() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("工作区 2026");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("台账.csv");
        std::fs::write(&file, "编号\n").unwrap();
        let (folder, file) = (folder.to_str().unwrap(), file.to_str().unwrap());

        assert_eq!(paths(&[]), Some(Vec::new()));
        assert_eq!(
            paths(&os(&[folder])),
            Some(vec![PathBuf::from(folder)]),
            "a dropped folder"
        );
        assert_eq!(
            paths(&os(&[folder, file])),
            Some(vec![PathBuf::from(folder), PathBuf::from(file)])
        );
        assert_eq!(paths(&os(&["check", folder])), None, "a verb");
        assert_eq!(paths(&os(&["help"])), None);
        assert_eq!(paths(&os(&["--version"])), None, "an option");
        assert_eq!(paths(&os(&[folder, "--today"])), None);
        let missing = dir.path().join("没有这个文件夹");
        assert_eq!(paths(&os(&[missing.to_str().unwrap()])), None);
    }

    #[test]
    fn outputs_go_beside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("莲花 街道");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(beside(&folder), dir.path().join("莲花 街道-输出"));
        let file = folder.join("台账.xlsx");
        std::fs::write(&file, "").unwrap();
        assert_eq!(beside(&file), folder.join("台账-输出"));
        assert_eq!(beside(Path::new("/")), Path::new("/yishi-输出"));
    }
}
