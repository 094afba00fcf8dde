//! For people who do not open a terminal: `yishi` with no arguments or with one folder does the
//! whole job (the same PDFs as `yishi build`, the findings in `检查结果.txt`) with outputs beside
//! the folder, and started in its own folder it explains itself. And the fonts every Windows has
//! (仿宋 FangSong, 黑体 SimHei, 楷体 KaiTi, 宋体 SimSun) are found by the roles under the names
//! their files carry.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const TODAY: &str = "2026-11-22";

fn yishi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yishi"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("yishi runs")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A workspace holding the sample, at a path with Chinese and a space, whose yishi.toml fixes
/// the check day and leaves out the machine's fonts, saved the way Notepad saves it (a
/// byte-order mark, CRLF).
fn workspace(root: &Path) -> PathBuf {
    let dir = root.join("议事 材料").join("莲花 工作区");
    copy_tree(Path::new("fixtures/sample"), &dir);
    std::fs::write(
        dir.join("yishi.toml"),
        format!("\u{feff}# 样例\r\ntoday = {TODAY}\r\n\r\n[build]\r\nsystem_fonts = false\r\n"),
    )
    .unwrap();
    dir
}

fn pdfs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        // The meetings' documents: the annual reports have a summary line of their own.
        .filter(|p| !p.to_string_lossy().contains("年度议事协商工作报告"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_dropped_folder_is_checked_and_typeset_with_outputs_beside_it() {
    let root = tempfile::tempdir().unwrap();
    let ws = workspace(root.path());
    let run = yishi(root.path(), &[ws.to_str().unwrap()]);
    let (stdout, stderr) = (text(&run.stdout), text(&run.stderr));
    assert_eq!(run.status.code(), Some(0), "{stdout}\n{stderr}");

    let out = root.path().join("议事 材料").join("莲花 工作区-输出");
    assert!(
        stdout.contains(&format!("输出文件夹：{}", out.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("工作区配置：{}", ws.join("yishi.toml").display())),
        "{stdout}"
    );
    // The findings and the summary on the console, and where everything is.
    assert!(stdout.contains("[SZ002]"), "{stdout}");
    assert!(stdout.contains("记录 "), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "完成。检查结果：{}",
            out.join("检查结果.txt").display()
        )),
        "{stdout}"
    );
    // Nothing to open on a machine without a desktop, and no one to wait for.
    assert!(!stdout.contains("已打开"), "{stdout}");

    // The same PDFs as `yishi build` with the same settings.
    let build = yishi(
        root.path(),
        &[
            "build",
            ws.to_str().unwrap(),
            "--today",
            TODAY,
            "--no-system-fonts",
            "-o",
            "排版",
        ],
    );
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    let (ours, theirs) = (pdfs(&out), pdfs(&root.path().join("排版")));
    assert!(ours.len() >= 19 * 3, "{}", ours.len());
    assert!(
        stderr.contains(&format!("文书：写入 {} 份", ours.len())),
        "{stderr}"
    );
    assert_eq!(
        ours.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        theirs.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in ours.iter().zip(&theirs) {
        assert!(a == b, "{name} differs from yishi build's");
    }

    // 检查结果.txt: the check's text, for Notepad (a byte-order mark; CRLF on Windows).
    let report = std::fs::read(out.join("检查结果.txt")).unwrap();
    assert!(report.starts_with("\u{feff}".as_bytes()));
    let check = yishi(root.path(), &["check", ws.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(text(&report[3..]), text(&check.stdout));
}

#[test]
fn no_arguments_in_a_workspace_does_the_job_there() {
    let root = tempfile::tempdir().unwrap();
    let ws = workspace(root.path());
    std::fs::write(
        ws.join("yishi.toml"),
        format!(
            "today = {TODAY}\n\n[build]\nsystem_fonts = false\nout = \"../打印\"\ndocuments = [\"会议记录\"]\n"
        ),
    )
    .unwrap();
    let run = yishi(&ws, &[]);
    let stdout = text(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&run.stderr)
    );
    // `[build] out` of the workspace wins over "beside the folder".
    let out = root.path().join("议事 材料").join("打印");
    assert_eq!(pdfs(&out).len(), 19, "{stdout}");
    assert!(out.join("检查结果.txt").is_file());
    assert!(
        !root
            .path()
            .join("议事 材料")
            .join("莲花 工作区-输出")
            .exists()
    );
}

#[test]
fn no_arguments_outside_a_workspace_explains_how_to_use_it() {
    // The unpacked download: the program beside the sample and a blank workspace.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new("fixtures/sample"), &dir.path().join("样例"));
    std::fs::write(dir.path().join("样例/yishi.toml"), "").unwrap();
    std::fs::create_dir(dir.path().join("工作区")).unwrap();
    std::fs::write(dir.path().join("工作区/yishi.toml"), "").unwrap();
    std::fs::create_dir(dir.path().join("其他")).unwrap();
    let run = yishi(dir.path(), &[]);
    let stdout = text(&run.stdout);
    assert_eq!(run.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("不是工作区：这里和上级文件夹都没有 yishi.toml"),
        "{stdout}"
    );
    assert!(
        stdout.contains("把要检查的文件夹（如「工作区」「样例」）拖到 yishi 的图标上松开"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "wrote nothing"
    );
}

#[test]
fn verbs_options_and_missing_paths_stay_with_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let run = yishi(root.path(), &["没有这个文件夹"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("没有这个文件夹"));
    assert!(!root.path().join("没有这个文件夹-输出").exists());
    let run = yishi(root.path(), &["--version"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(text(&run.stdout).starts_with("yishi "));
}

/// The fonts of Windows 10/11 under the names their files carry (see
/// tests/data/windows-fonts/make.py): found by the roles, not substituted by the shipped ones.
#[test]
fn the_fonts_windows_has_are_found_by_the_roles() {
    let run = yishi(
        Path::new("."),
        &[
            "fonts",
            "--no-system-fonts",
            "--no-config",
            "--font-path",
            "tests/data/windows-fonts",
        ],
    );
    let table = text(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{table}");
    let used = |role: &str| -> String {
        let line = table
            .lines()
            .find(|l| l.starts_with(role))
            .unwrap_or_else(|| panic!("{role}: {table}"));
        line.split('\t').nth(2).unwrap().to_string()
    };
    assert_eq!(used("正文"), "FangSong");
    assert_eq!(used("一级标题"), "SimHei");
    assert_eq!(used("二级标题"), "KaiTi");
    // No 方正小标宋 on Windows: the shipped heavy Song stands in.
    assert_eq!(used("标题"), "Noto Serif CJK SC");

    let book = yishi::render::Typesetter::new(&yishi::render::RenderOptions {
        system_fonts: false,
        font_paths: vec!["tests/data/windows-fonts".into()],
        pdf_standard: None,
    });
    let roles = book.font_roles();
    let body = roles.iter().find(|r| r.role == "body").unwrap();
    assert_eq!(body.chosen[0], "FangSong");
    assert!(body.substituted, "仿宋_GB2312 is not a Windows font");
}
