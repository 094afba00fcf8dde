//! `yishi merge`: the JSON reports of runs over parts of a batch (one per street or district,
//! on as many machines as there are) joined into the report and the figures of one run over the
//! whole batch.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::Value as Json;

use crate::discover::io_reason;
use crate::parts::{self, Part};
use crate::source::display_path;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// 各部分 yishi check --format json 的输出（如每个街道一个），顺序不限
    #[arg(value_name = "PART.json", required = true)]
    pub parts: Vec<PathBuf>,
    /// 另把合并的检查结果和各年度的数字写到这个文件夹：检查结果.json、<年度>年度数字.json
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &MergeArgs) -> Result<ExitCode, String> {
    let mut parts = Vec::new();
    let mut problems = Vec::new();
    for path in &args.parts {
        match read(path) {
            Ok(part) => parts.push(part),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let count = parts.len();
    let joined = parts::join(parts)?;
    {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        joined
            .write_to(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| format!("无法输出：{e}"))?;
    }
    for note in &joined.notes {
        eprintln!("{note}");
    }
    let summary = &joined.summary;
    let years: Vec<String> = joined
        .figures
        .iter()
        .filter_map(|f| f.year.map(|y| y.to_string()))
        .collect();
    eprintln!(
        "合并 {count} 个部分：文件 {} 个，会议 {} 次；错误 {} 条，警告 {} 条，提示 {} 条；年度数字：{}",
        summary["files"],
        summary["meetings"],
        summary["errors"],
        summary["warnings"],
        summary["infos"],
        if years.is_empty() {
            "无".to_string()
        } else {
            years.join("、")
        }
    );
    if let Some(out) = &args.out {
        write_out(out, &joined)?;
    }
    Ok(ExitCode::from(u8::from(
        summary["errors"].as_u64().unwrap_or(0) > 0,
    )))
}

/// Reads one part, or says what is wrong with the file. The parts are read one after another,
/// each file's tree dropped once its findings are kept as text.
fn read(path: &Path) -> Result<Part, String> {
    let name = display_path(path);
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取 {name}：{}", io_reason(&e)))?;
    let doc: Json = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "{name} 不是 JSON（第 {} 行第 {} 列：{e}）；yishi merge 合并的是各部分 yishi check --format json 的输出",
            e.line(),
            e.column()
        )
    })?;
    drop(bytes);
    Part::new(name, doc)
}

/// The merged report and each year's figures, as files in `out`.
fn write_out(out: &Path, joined: &parts::Joined) -> Result<(), String> {
    if out.is_file() {
        return Err(format!(
            "输出文件夹 {} 是一个文件，没有写出",
            display_path(out)
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| {
        format!(
            "无法建立输出文件夹 {}：{}",
            display_path(out),
            io_reason(&e)
        )
    })?;
    let failed = |path: &Path, e: std::io::Error| {
        format!("无法写出 {}：{}", display_path(path), io_reason(&e))
    };
    // Written beside and renamed, as every output: never half a file.
    let path = out.join("检查结果.json");
    let part = out.join(".检查结果.json.yishi-tmp");
    std::fs::File::create(&part)
        .and_then(|file| {
            let mut w = std::io::BufWriter::new(file);
            joined.write_to(&mut w)?;
            w.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?
                .sync_all()
        })
        .and_then(|()| std::fs::rename(&part, &path))
        .map_err(|e| failed(&path, e))?;
    for f in &joined.figures {
        let year = f.year.unwrap_or_default();
        let path = out.join(format!("{year}年度数字.json"));
        let mut text = Vec::new();
        f.write_pretty(0, &mut text).map_err(|e| failed(&path, e))?;
        text.push(b'\n');
        crate::write::atomic(&path, &text).map_err(|e| failed(&path, e))?;
    }
    Ok(())
}
