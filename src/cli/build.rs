//! `yishi build`: check, then typeset every meeting's minutes into the output folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use crate::batch;
use crate::cli::{BatchArgs, Format, check};
use crate::printing::{self, Outcome};
use crate::render::{RenderOptions, Typesetter};

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 输出文件夹
    #[arg(long, short, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// 同时排版的线程数（默认为 CPU 核数）
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// 另加字体文件夹（可多次）
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// 不使用本机安装的字体，只用随附的字体
    #[arg(long)]
    pub no_system_fonts: bool,
    /// 诊断的输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: &BuildArgs) -> Result<ExitCode, String> {
    let settings = args.batch.settings()?;
    let checked = batch::run(&args.batch.paths, &settings);
    check::print(&checked, &settings, &args.batch.paths, args.format)?;

    let started = Instant::now();
    let typesetter = Typesetter::new(&RenderOptions {
        system_fonts: !args.no_system_fonts,
        font_paths: args.font_path.clone(),
    });
    for role in typesetter.font_roles().iter().filter(|r| r.substituted) {
        eprintln!(
            "字体：{} 未找到 {}，改用 {}",
            role.role,
            role.wanted.first().copied().unwrap_or_default(),
            role.chosen.first().map_or("（无）", String::as_str)
        );
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let printed = printing::minutes(&checked, &settings, &typesetter, &args.out, jobs);

    let (mut written, mut skipped, mut failed) = (0, 0, 0);
    for p in &printed {
        match &p.outcome {
            Outcome::Written { .. } => written += 1,
            Outcome::Missing(missing) => {
                skipped += 1;
                eprintln!(
                    "未排版 {} 的{}：缺少{}",
                    p.meeting,
                    missing.document,
                    missing.fields.join("、")
                );
            }
            Outcome::Failed(e) => {
                failed += 1;
                eprintln!("排版失败 {} 的{}：{e}", p.meeting, p.document);
            }
        }
    }
    eprintln!(
        "文书：写入 {written} 份，缺少数据未排版 {skipped} 份，失败 {failed} 份，输出到 {}（{:.1} 秒，{jobs} 线程）",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
