//! `yishi build`: check, then typeset every meeting's documents (协商公告, 邀请函, 会议记录,
//! 协商结果公示) into the output folder, with a progress bar on a terminal and a closing
//! summary. With nothing changed since the last complete build into the folder, it says again
//! what that build said, from its record ([`fresh`]), without reading the batch.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::batch::{self, Checked};
use crate::cli::typeset::{
    FontArgs, dashboard_line, font_options, text_templates, workspace_templates,
};
use crate::cli::{BatchArgs, Format, check, outdir, report, threads};
use crate::config::BuildConfig;
use crate::dashboard;
use crate::documents::{DocKind, Issuers, Privacy};
use crate::printing::{self, Manifest, Outcome, PrintOptions, Printed};
use crate::render::{PdfStandard, RenderOptions, Typesetter};
use crate::report::summary;
use crate::settings::Settings;
use crate::spelling::nearest;
use crate::write;

mod fresh;

use fresh::Transcript;

// Command-line switches are bools.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 输出文件夹（默认取 yishi.toml [build] 的 out，再无则为 output）
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// 同时排版的线程数（默认为 CPU 核数，至多为 CPU 核数）
    #[arg(long, short, value_name = "N", value_parser = threads::parse_jobs)]
    pub jobs: Option<usize>,
    /// 只排版这些文书，英文名或中文名（可多次或逗号分隔；默认全部，各次会议按启用的规则集和记录排其所需的几种）
    #[arg(
        long = "document",
        value_name = "KIND",
        value_delimiter = ',',
        value_parser = KindParser
    )]
    pub documents: Vec<DocKind>,
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
    /// 不排年度报告（默认在每次会议的文书之后，为批次涉及的每一年排出各单位的年度议事协商工作报告）
    #[arg(long)]
    pub no_reports: bool,
    /// 不写工作一览（默认在输出文件夹写出 index.html，用浏览器打开即可查看数字、问题和文书）
    #[arg(long)]
    pub no_dashboard: bool,
    /// 不写通知文本（默认为每次会议在输出文件夹的「通知」中写出通知短信和微信群通知）
    #[arg(long)]
    pub no_notices: bool,
    /// 诊断的输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// `--document`: the kinds' own names and Chinese names, as [`DocKind`]'s table gives them; a
/// name that is neither is refused in Chinese, with the closest name and every name there is.
#[derive(Clone)]
struct KindParser;

impl TypedValueParser for KindParser {
    type Value = DocKind;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<DocKind, clap::Error> {
        let text = value.to_string_lossy();
        DocKind::parse(&text).ok_or_else(|| {
            let near = nearest(text.trim(), DocKind::names())
                .map_or_else(String::new, |n| format!("，是否想写「{n}」？"));
            let names = DocKind::ALL
                .iter()
                .map(|k| format!("{}（{}）", k.name(), k.zh()))
                .collect::<Vec<_>>()
                .join("、");
            let flag = arg.map_or_else(|| "--document".to_string(), ToString::to_string);
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("{flag} 没有「{text}」这种文书{near}\n可用的有：{names}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            DocKind::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
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

/// How this build prints: each option from the command line, else `[build]` of `yishi.toml`,
/// else its default.
struct Options {
    out: PathBuf,
    jobs: usize,
    templates: Option<PathBuf>,
    render: RenderOptions,
    print: PrintOptions,
}

impl Options {
    fn resolve(args: &BuildArgs, build: &BuildConfig, issuers: Issuers) -> Options {
        let mut render = font_options(&args.fonts, build);
        render.pdf_standard = pdf_standard(args, build);
        let (jobs, capped) = threads::threads(args.jobs.or(build.jobs));
        if let Some(note) = capped {
            eprintln!("{note}");
        }
        let mut kinds = if args.documents.is_empty() {
            build
                .documents
                .clone()
                .unwrap_or_else(|| DocKind::ALL.to_vec())
        } else {
            args.documents.clone()
        };
        kinds.sort();
        kinds.dedup();
        Options {
            out: args
                .out
                .clone()
                .or_else(|| build.out.clone())
                .unwrap_or_else(|| PathBuf::from("output")),
            jobs,
            templates: workspace_templates(args.templates.as_ref(), build, &args.batch.paths),
            render,
            print: PrintOptions {
                jobs,
                kinds,
                privacy: Privacy {
                    mask_public: !args.no_mask && build.mask.unwrap_or(true),
                },
                emit_sources: args.emit_sources || build.emit_sources.unwrap_or(false),
                issuers,
                reuse: None,
            },
        }
    }
}

pub fn run(args: &BuildArgs) -> Result<ExitCode, String> {
    args.batch.check_paths()?;
    let (mut settings, config) = args.batch.settings_and_config()?;
    let given = config.as_ref().map(|c| c.build.clone()).unwrap_or_default();
    if let Some(dir) = workspace_templates(args.templates.as_ref(), &given, &args.batch.paths) {
        std::sync::Arc::make_mut(&mut settings.in_force)
            .set_templates(&crate::render::template_files_in(&dir));
    }
    let (build, issuers) = config.map_or_else(Default::default, |c| (c.build, c.issuers));
    let mut options = Options::resolve(args, &build, issuers);
    outdir::prepare(&options.out, "输出文件夹")?;
    let _held = outdir::lock(&options.out, || {
        eprintln!(
            "输出文件夹 {} 正由另一次 yishi build 使用，等它结束后再排版……",
            options.out.display()
        );
    })?;

    let started = Instant::now();
    let typesetter = typesetter(&options)?;
    let texts = text_templates(options.templates.as_deref());
    let color = check::stdout_color();
    // Walked once: for the key, and for reading the batch when it changed.
    let found = crate::discover::files(&args.batch.paths);
    let key = fresh::key(
        &decides(args, &settings, &options, &typesetter, &texts, color),
        &found,
    );
    if !args.force
        && let Some(record) = fresh::unchanged(&options.out, &key)
    {
        return replay(&record, &options, started);
    }
    fresh::forget(&options.out);

    let checked = batch::check(batch::load_found(&found), &settings);
    drop(found);
    let text = check::report_text(
        &checked,
        &settings,
        &args.batch.paths,
        args.format,
        color,
        false,
    )?;
    check::print_text(&text)?;
    let mut recordable = fresh::keep_report(&options.out, text.as_bytes())
        .map_err(|e| eprintln!("警告：无法在输出文件夹中留下这次的报告：{e}；下次仍将重新检查"))
        .is_ok();
    drop(text);
    let mut said = Transcript::default();
    warn_before_printing(&checked, &options.print, &mut said);
    let earlier = Manifest::read(&options.out).unwrap_or_else(|e| {
        eprintln!("警告：{e}；这次全部重新排版，结束时重写清单");
        None
    });
    if !args.force {
        options.print.reuse.clone_from(&earlier);
    }
    let printed = print(&checked, &settings, &typesetter, &options)?;
    // Found while printing, from the data each document was printed from.
    for warning in printed.iter().flat_map(|p| &p.glyphs) {
        said.say(warning.to_string());
    }
    let annual = if args.no_reports {
        Vec::new()
    } else {
        annual_reports(
            &checked,
            &settings,
            (&typesetter, &options),
            earlier.as_ref(),
            &mut said,
        )
    };
    let config_sha256 = settings.in_force.file.as_ref().map(|f| f.sha256.as_str());
    let (manifest, manifest_written) = write_manifest(
        &printed,
        &annual,
        (earlier.as_ref(), &options),
        config_sha256,
    );
    recordable &= manifest_written;
    let notices = (!args.no_notices).then(|| {
        let written = crate::notices::write(
            &checked,
            &printing::base_names(&checked.meetings),
            &texts,
            &options.print.issuers,
            options.print.privacy,
            &options.out,
        );
        for line in written.summary() {
            said.say(line);
        }
        written
    });
    let mut failed_texts = notices
        .as_ref()
        .map_or(0, |n| n.broken.len() + n.failed.len());
    if !args.no_dashboard {
        let figures: Vec<crate::figures::Figures> = if args.no_reports {
            settings
                .year
                .map_or_else(|| crate::figures::years(&checked, &settings), |y| vec![y])
                .into_iter()
                .map(|y| crate::figures::compute(&checked, &settings, y).0)
                .collect()
        } else {
            annual.iter().map(|y| y.figures.clone()).collect()
        };
        let inputs = dashboard::Inputs {
            checked: &checked,
            page: dashboard::Page {
                settings: &settings,
                figures: &figures,
                documents: &manifest.documents,
                audit: None,
                street_files: &[],
                notices: notices.as_ref(),
                out: &options.out,
                command: "build",
            },
        };
        match dashboard::write(&inputs, &texts) {
            Ok(path) => said.say(dashboard_line(&path)),
            Err(e) => {
                eprintln!("错误：{e}");
                failed_texts += 1;
            }
        }
    }
    let tally = Tally::of(&printed, &mut said);
    tally.report(&options, started.elapsed().as_secs_f64(), &mut said);
    let mut failed = tally.failed as usize + failed_texts;
    if !args.no_reports {
        let printed: Vec<&crate::printing::reports::PrintedReport> =
            annual.iter().flat_map(|y| &y.printed).collect();
        let (written, reused, drafts, failed_reports) = report::tally_refs(&printed);
        failed += failed_reports;
        let years: Vec<String> = annual.iter().map(|y| y.figures.year.to_string()).collect();
        let years = years.join("、");
        eprintln!(
            "{}",
            annual_line(&years, (written, reused), drafts, failed_reports)
        );
        said.entries.push(fresh::Entry::Annual {
            years,
            kept: written + reused,
            drafts,
        });
    }
    let (code, line) = if failed_texts > 0 && failed == failed_texts {
        (
            2,
            format!("退出码 2：文书已排版，{failed_texts} 项通知文本或工作一览未能写出（见上）"),
        )
    } else {
        summary::build_exit_line(&checked, failed)
    };
    if recordable && failed == 0 {
        // Every output is written: a build with nothing changed may say all this again.
        let kept: Vec<(&str, &printing::Stamp)> = manifest
            .documents
            .iter()
            .filter_map(|d| Some((d.file.as_deref()?, d.stamp.as_ref()?)))
            .collect();
        let recorded = fresh::record(
            &options.out,
            key,
            (said.entries, (code, line.clone())),
            &kept,
        );
        if let Err(e) = recorded {
            eprintln!("警告：无法记下这次排版的结果：{e}；下次仍将重新检查");
        }
    }
    eprintln!("{line}");
    // The process ends next: the batch's hundreds of thousands of small allocations are left to
    // the operating system rather than freed one by one, which takes seconds for a province.
    std::mem::forget((checked, printed, annual, manifest, notices));
    Ok(ExitCode::from(code))
}

/// What, besides the input files, decides what a build writes and says: the program, templates
/// and fonts, the settings (the check date among them), the options that change an output,
/// whether the report is in colour, and the folder relative paths start from.
fn decides(
    args: &BuildArgs,
    settings: &Settings,
    options: &Options,
    typesetter: &Typesetter,
    texts: &crate::texts::Texts,
    color: bool,
) -> String {
    let texts: Vec<(&std::path::Path, String)> = texts
        .overridden()
        .into_iter()
        .map(|p| (p, crate::render::file_stamp(p)))
        .collect();
    let print = &options.print;
    format!(
        "{}\n{settings:?}\n{}\n{:?}\n{:?}\n{:?} {:?} {} {:?}\n{:?} {} {} {} {color}\n{texts:?}\n{:?} {:?}",
        typesetter.identity(),
        options.out.display(),
        options.templates,
        options.render,
        print.kinds,
        print.privacy,
        print.emit_sources,
        print.issuers,
        args.format,
        args.no_reports,
        args.no_dashboard,
        args.no_notices,
        args.batch.paths,
        // Relative paths read, and are shown, from here.
        std::env::current_dir().ok(),
    )
}

/// Says again what the last build said, which wrote the output folder as it still is.
fn replay(record: &fresh::Record, options: &Options, started: Instant) -> Result<ExitCode, String> {
    fresh::print_report(&options.out).map_err(|e| format!("无法输出：{e}"))?;
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    for entry in &record.entries {
        let line = match entry {
            fresh::Entry::Line(line) => line.clone(),
            fresh::Entry::Documents {
                kept,
                pages,
                skipped,
            } => Tally {
                reused: *kept,
                pages: *pages,
                skipped: *skipped,
                ..Tally::default()
            }
            .closing_line(options, started.elapsed().as_secs_f64()),
            fresh::Entry::Annual {
                years,
                kept,
                drafts,
            } => annual_line(years, (0, *kept), *drafts, 0),
        };
        let _ = writeln!(stderr, "{line}");
    }
    let _ = writeln!(stderr, "{}", record.exit_line);
    let _ = stderr.flush();
    Ok(ExitCode::from(record.code))
}

/// The annual reports' closing line.
fn annual_line(
    years: &str,
    (written, reused): (usize, usize),
    drafts: usize,
    failed: usize,
) -> String {
    format!(
        "年度报告（{years} 年）：写入 {written} 份，沿用上次排好的 {reused} 份，其中草稿 {drafts} 份，失败 {failed} 份"
    )
}

/// The annual reports of every year the batch covers (the configured year, else every year a
/// meeting was held in), for the units that held meetings in it (a street also when only its
/// communities did).
fn annual_reports(
    checked: &Checked,
    settings: &Settings,
    (typesetter, options): (&Typesetter, &Options),
    earlier: Option<&Manifest>,
    said: &mut Transcript,
) -> Vec<report::YearReports> {
    let years = settings.year.map_or_else(
        || crate::figures::years(checked, settings),
        |year| vec![year],
    );
    let printing = report::Printing {
        issuers: &options.print.issuers,
        typesetter,
        out: &options.out,
        jobs: options.jobs,
        reuse: if options.print.reuse.is_some() {
            earlier
        } else {
            None
        },
        emit_sources: options.print.emit_sources,
    };
    let active = |u: &crate::figures::UnitFigures| {
        u.meetings.total > 0 || u.communities.iter().any(|c| c.meetings > 0)
    };
    years
        .iter()
        .enumerate()
        .map(|(i, &year)| {
            report::reports(
                checked,
                settings,
                &printing,
                (year, &active),
                i == 0,
                &mut |line, again| {
                    if again {
                        said.say(line);
                    } else {
                        eprintln!("{line}");
                    }
                },
            )
        })
        .collect()
}

/// The typesetter with the fonts and the workspace's templates, saying which templates and
/// which substitute fonts it uses.
fn typesetter(options: &Options) -> Result<Typesetter, String> {
    let mut typesetter = Typesetter::new(&options.render);
    if let Some(dir) = &options.templates {
        if !dir.is_dir() {
            return Err(format!("模板文件夹 {} 不存在", dir.display()));
        }
        for path in typesetter
            .override_templates(dir)
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
    Ok(typesetter)
}

/// What is known to go wrong before anything is typeset: issuers that name no unit of the
/// batch.
fn warn_before_printing(checked: &Checked, print: &PrintOptions, said: &mut Transcript) {
    for unit in print.issuers.unused(&checked.meetings) {
        said.say(format!(
            "警告：yishi.toml [issuers] 中的「{unit}」不是本批次任何一次会议的街道、社区或村，没有用上\n  提示：按台账中的写法填写单位名（同名社区写成“街道名社区名”）"
        ));
    }
}

/// Typesets the documents into the output folder, with a progress bar on a terminal.
fn print(
    checked: &Checked,
    settings: &Settings,
    typesetter: &Typesetter,
    options: &Options,
) -> Result<Vec<Printed>, String> {
    let total = printing::planned(checked, settings, &options.print.kinds).len();
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(total as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("排版 {bar:30} {pos}/{len} 份 {msg}")
            .expect("a constant template"),
    );
    let out = &options.out;
    // Parts of documents an interrupted run was writing: this run writes them again whole.
    write::sweep(out)
        .map_err(|e| format!("无法清理输出文件夹 {} 中的临时文件：{e}", out.display()))?;
    let printed = printing::documents(checked, settings, typesetter, out, &options.print, &|p| {
        bar.set_message(format!("{} {}", p.meeting, p.kind.zh()));
        bar.inc(1);
    });
    bar.finish_and_clear();
    Ok(printed)
}

/// Writes the manifest of the output folder: this build's documents, and those of the kinds it
/// did not print from the earlier one; names PDFs left from meetings no longer in the batch.
/// The manifest, and whether it was written.
fn write_manifest(
    printed: &[Printed],
    annual: &[report::YearReports],
    (earlier, options): (Option<&Manifest>, &Options),
    config: Option<&str>,
) -> (Manifest, bool) {
    let out = &options.out;
    let mut manifest = Manifest::of(printed);
    for year in annual {
        manifest
            .documents
            .extend(crate::printing::reports::entries(&year.printed));
    }
    manifest.stamp_config(config, earlier);
    if let Some(earlier) = earlier {
        let mut kinds: Vec<&str> = options.print.kinds.iter().map(|k| k.zh()).collect();
        if !annual.is_empty() {
            kinds.push(crate::printing::reports::DOCUMENT);
        }
        manifest.carry_over(earlier, &kinds);
        let stale = manifest.stale(earlier, out);
        if !stale.is_empty() {
            let shown: Vec<&str> = stale.iter().take(5).map(String::as_str).collect();
            // Said once: the next manifest no longer lists them.
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
    if let Err(e) = manifest.write(out) {
        eprintln!(
            "警告：无法写入清单 {}：{e}；下次将全部重新排版",
            out.join(printing::MANIFEST).display()
        );
        return (manifest, false);
    }
    (manifest, true)
}

/// What became of the documents, counted.
#[derive(Debug, Default)]
struct Tally {
    written: u32,
    reused: u32,
    pages: usize,
    skipped: u32,
    failed: u32,
    /// A template's warning is the same for every document it prints: shown once, with a count.
    template_warnings: Vec<(String, usize)>,
}

impl Tally {
    /// Counts the documents, saying each that was not printed and why.
    fn of(printed: &[Printed], said: &mut Transcript) -> Tally {
        let mut t = Tally::default();
        // A province has hundreds of thousands of these lines: written in blocks, not one by one.
        let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
        for p in printed {
            match &p.outcome {
                Outcome::Written {
                    pages,
                    warnings,
                    reused,
                    ..
                } => {
                    if *reused {
                        t.reused += 1;
                    } else {
                        t.written += 1;
                    }
                    t.pages += pages;
                    for w in warnings {
                        match t.template_warnings.iter_mut().find(|(seen, _)| seen == w) {
                            Some((_, count)) => *count += 1,
                            None => t.template_warnings.push((w.clone(), 1)),
                        }
                    }
                }
                Outcome::Missing(missing) => {
                    t.skipped += 1;
                    let line = format!(
                        "未排版 {} 的{}：缺少{}",
                        p.meeting,
                        missing.document,
                        missing.fields.join("、")
                    );
                    let _ = writeln!(stderr, "{line}");
                    said.said(line);
                }
                Outcome::Failed(e) => {
                    t.failed += 1;
                    let _ = writeln!(stderr, "排版失败 {} 的{}：{e}", p.meeting, p.kind.zh());
                }
            }
        }
        let _ = stderr.flush();
        t
    }

    /// The template warnings and the closing line.
    fn report(&self, options: &Options, secs: f64, said: &mut Transcript) {
        for (warning, count) in &self.template_warnings {
            said.say(format!("{warning}（{count} 份文书）"));
        }
        eprintln!("{}", self.closing_line(options, secs));
        said.entries.push(fresh::Entry::Documents {
            kept: self.written + self.reused,
            pages: self.pages,
            skipped: self.skipped,
        });
    }

    fn closing_line(&self, options: &Options, secs: f64) -> String {
        let Tally {
            written,
            reused,
            pages,
            skipped,
            failed,
            ..
        } = self;
        format!(
            "文书：写入 {written} 份，沿用上次排好的 {reused} 份（共 {pages} 页），缺少数据未排版 {skipped} 份，失败 {failed} 份，输出到 {}（{secs:.1} 秒，{} 线程{}）",
            options.out.display(),
            options.jobs,
            if *written > 0 {
                format!("，每秒排 {:.0} 份", f64::from(*written) / secs.max(1e-9))
            } else {
                String::new()
            }
        )
    }
}
