//! `yishi build`: check, then typeset every meeting's documents (协商公告, 邀请函, 会议记录,
//! 协商结果公示) into the output folder, with a progress bar on a terminal and a closing
//! summary.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::batch;
use crate::cli::{BatchArgs, Format, check};
use crate::config::BuildConfig;
use crate::documents::{DocKind, Privacy};
use crate::printing::{self, Manifest, Outcome, PrintOptions};
use crate::render::{PdfStandard, RenderOptions, Typesetter};
use crate::write;

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 输出文件夹（默认取 yishi.toml [build] 的 out，再无则为 output）
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// 同时排版的线程数（默认为 CPU 核数）
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// 只排版这些文书（英文或中文名，可多次或逗号分隔；默认全部，各次会议按启用的规则集和记录排其所需的几种）
    #[arg(
        long = "document",
        value_enum,
        value_name = "KIND",
        value_delimiter = ','
    )]
    pub documents: Vec<Kind>,
    #[command(flatten)]
    pub fonts: FontArgs,
    /// 排版模板文件夹：其中同名的 .typ 文件取代内置模板（默认为批次文件夹里或旁边的 templates/ 文件夹，如有）
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 公开文书（公告、邀请函、公示）中不遮盖身份证号和手机号
    #[arg(long)]
    pub no_mask: bool,
    /// 按 PDF/A 标准输出，供归档
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<Standard>,
    /// 在每份 PDF 旁另写一个文件夹，存放模板和数据，可用 Typst 单独编译
    #[arg(long)]
    pub emit_sources: bool,
    /// 全部重新排版：不沿用上次排好且数据、模板、字体都未变的文书
    #[arg(long)]
    pub force: bool,
    /// 诊断的输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Where fonts come from; shared with `yishi fonts`.
#[derive(Debug, Args)]
pub struct FontArgs {
    /// 另加字体文件夹或字体文件（可多次）
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// 不使用本机安装的字体，只用随附的字体
    #[arg(long)]
    pub no_system_fonts: bool,
}

impl FontArgs {
    pub fn options(&self) -> RenderOptions {
        RenderOptions {
            system_fonts: !self.no_system_fonts,
            font_paths: self.font_path.clone(),
            pdf_standard: None,
        }
    }
}

/// The documents by their command-line names, English or Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// 协商方案（吉林）
    #[value(alias = "协商方案")]
    Plan,
    /// 协商公告
    #[value(alias = "协商公告")]
    Notice,
    /// 邀请函
    #[value(alias = "邀请函")]
    Invitation,
    /// 会议记录
    #[value(alias = "会议记录")]
    Minutes,
    /// 协商情况公告（吉林）
    #[value(alias = "协商情况公告")]
    Announcement,
    /// 协商结果公示
    #[value(alias = "协商结果公示")]
    Publication,
    /// 决议公开（新疆“四议两公开”）
    #[value(alias = "决议公开")]
    Resolution,
    /// 实施结果公开（新疆“四议两公开”）
    #[value(alias = "实施结果公开")]
    ImplementationResults,
    /// 落实情况公示
    #[value(alias = "落实情况公示")]
    ImplementationStatus,
}

impl From<Kind> for DocKind {
    fn from(k: Kind) -> DocKind {
        match k {
            Kind::Plan => DocKind::Plan,
            Kind::Notice => DocKind::Notice,
            Kind::Invitation => DocKind::Invitation,
            Kind::Minutes => DocKind::Minutes,
            Kind::Announcement => DocKind::Announcement,
            Kind::Publication => DocKind::Publication,
            Kind::Resolution => DocKind::Resolution,
            Kind::ImplementationResults => DocKind::ImplementationResults,
            Kind::ImplementationStatus => DocKind::ImplementationStatus,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Standard {
    /// PDF/A-2b
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-3b
    #[value(name = "a-3b")]
    A3b,
}

/// The workspace's own templates: the given folder (on the command line, else in `yishi.toml`),
/// else a `templates/` folder in the first batch folder or beside it (in its parent), if there
/// is one.
fn templates_dir(args: &BuildArgs, config: &BuildConfig) -> Option<PathBuf> {
    if let Some(dir) = args.templates.as_ref().or(config.templates.as_ref()) {
        return Some(dir.clone());
    }
    let first = args.batch.paths.first()?;
    let folder = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    // `.` has no parent to ask; its absolute form has.
    let folder = std::path::absolute(&folder).unwrap_or(folder);
    [Some(folder.as_path()), folder.parent()]
        .into_iter()
        .flatten()
        .map(|d| d.join("templates"))
        .find(|d| d.is_dir())
}

/// The font options: the command line's, then `[build]`'s.
pub fn font_options(args: &FontArgs, config: &BuildConfig) -> RenderOptions {
    let mut options = args.options();
    options.system_fonts = !args.no_system_fonts && config.system_fonts.unwrap_or(true);
    options.font_paths.extend(config.font_paths.iter().cloned());
    options
}

/// `--pdf-standard`, else `[build] pdf_standard`.
fn pdf_standard(args: &BuildArgs, config: &BuildConfig) -> Option<PdfStandard> {
    let standard = args.pdf_standard.or_else(|| {
        config
            .pdf_standard
            .and_then(|s| Standard::from_str(s, false).ok())
    })?;
    Some(match standard {
        Standard::A2b => PdfStandard::A2b,
        Standard::A3b => PdfStandard::A3b,
    })
}

pub fn run(args: &BuildArgs) -> Result<ExitCode, String> {
    let (settings, config) = args.batch.settings_and_config()?;
    let checked = batch::run(&args.batch.paths, &settings);
    check::print(&checked, &settings, &args.batch.paths, args.format)?;
    let (build, issuers) = config.map_or_else(Default::default, |c| (c.build, c.issuers));
    let out = args
        .out
        .clone()
        .or_else(|| build.out.clone())
        .unwrap_or_else(|| PathBuf::from("output"));

    let started = Instant::now();
    let mut options = font_options(&args.fonts, &build);
    options.pdf_standard = pdf_standard(args, &build);
    let mut typesetter = Typesetter::new(&options);
    if let Some(dir) = templates_dir(args, &build) {
        if !dir.is_dir() {
            return Err(format!("模板文件夹 {} 不存在", dir.display()));
        }
        for path in typesetter
            .override_templates(&dir)
            .map_err(|e| e.to_string())?
        {
            eprintln!("模板：使用 {}", path.display());
        }
    }
    for role in typesetter.font_roles().iter().filter(|r| r.substituted) {
        eprintln!(
            "字体：{} 未找到 {}，改用 {}",
            role.role,
            role.wanted.first().copied().unwrap_or_default(),
            role.chosen.first().map_or("（无）", String::as_str)
        );
    }
    for warning in printing::glyph_warnings(&checked.meetings, &typesetter) {
        eprintln!("{warning}");
    }
    for unit in issuers.unused(&checked.meetings) {
        eprintln!(
            "警告：yishi.toml [issuers] 中的「{unit}」不是本批次任何一次会议的街道、社区或村，没有用上\n  提示：按台账中的写法填写单位名（同名社区写成“街道名社区名”）"
        );
    }

    let earlier = Manifest::read(&out).unwrap_or_else(|e| {
        eprintln!("警告：{e}；这次全部重新排版，结束时重写清单");
        None
    });
    let jobs = args
        .jobs
        .or(build.jobs)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let opts = PrintOptions {
        jobs,
        kinds: if args.documents.is_empty() {
            build
                .documents
                .clone()
                .unwrap_or_else(|| DocKind::ALL.to_vec())
        } else {
            let mut kinds: Vec<DocKind> = args.documents.iter().map(|&k| k.into()).collect();
            kinds.sort();
            kinds.dedup();
            kinds
        },
        privacy: Privacy {
            mask_public: !args.no_mask && build.mask.unwrap_or(true),
        },
        emit_sources: args.emit_sources || build.emit_sources.unwrap_or(false),
        issuers,
        reuse: if args.force { None } else { earlier.clone() },
    };
    let total = printing::selected(&checked, &settings, &opts.kinds).len();
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(total as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("排版 {bar:30} {pos}/{len} 份 {msg}")
            .expect("a constant template"),
    );
    // Parts of documents an interrupted run was writing: this run writes them again whole.
    write::sweep(&out)
        .map_err(|e| format!("无法清理输出文件夹 {} 中的临时文件：{e}", out.display()))?;
    let printed = printing::documents(&checked, &settings, &typesetter, &out, &opts, &|p| {
        bar.set_message(format!("{} {}", p.meeting, p.kind.zh()));
        bar.inc(1);
    });
    bar.finish_and_clear();

    let mut manifest = Manifest::of(&printed);
    if let Some(earlier) = &earlier {
        manifest.carry_over(earlier, &opts.kinds);
        let stale = manifest.stale(earlier, &out);
        if !stale.is_empty() {
            let shown: Vec<&str> = stale.iter().take(5).map(String::as_str).collect();
            eprintln!(
                "警告：输出文件夹中有 {} 份 PDF 是以前排的，这次的批次里已没有对应的会议或文书：{}{}\n  提示：核对后可删除，以免误印旧文书",
                stale.len(),
                shown.join("、"),
                if stale.len() > shown.len() {
                    " 等"
                } else {
                    ""
                }
            );
        }
    }
    if let Err(e) = manifest.write(&out) {
        eprintln!(
            "警告：无法写入清单 {}：{e}；下次将全部重新排版",
            out.join(printing::MANIFEST).display()
        );
    }
    let (mut written, mut reused, mut pages, mut skipped, mut failed) = (0_u32, 0, 0, 0, 0);
    // A template's warning is the same for every document it prints: shown once, with a count.
    let mut template_warnings: Vec<(String, usize)> = Vec::new();
    for p in &printed {
        match &p.outcome {
            Outcome::Written {
                pages: n,
                warnings,
                reused: was_kept,
                ..
            } => {
                if *was_kept {
                    reused += 1;
                } else {
                    written += 1;
                }
                pages += n;
                for w in warnings {
                    match template_warnings.iter_mut().find(|(seen, _)| seen == w) {
                        Some((_, count)) => *count += 1,
                        None => template_warnings.push((w.clone(), 1)),
                    }
                }
            }
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
                eprintln!("排版失败 {} 的{}：{e}", p.meeting, p.kind.zh());
            }
        }
    }
    for (warning, count) in &template_warnings {
        eprintln!("{warning}（{count} 份文书）");
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "文书：写入 {written} 份，沿用上次排好的 {reused} 份（共 {pages} 页），缺少数据未排版 {skipped} 份，失败 {failed} 份，输出到 {}（{secs:.1} 秒，{jobs} 线程{}）",
        out.display(),
        if written > 0 {
            format!("，每秒排 {:.0} 份", f64::from(written) / secs.max(1e-9))
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
