//! `yishi build`: check, then typeset every meeting's documents (协商公告, 邀请函, 会议记录,
//! 协商结果公示) into the output folder, with a progress bar on a terminal and a closing
//! summary. With nothing changed since the last complete build into the folder, it says again
//! what that build said, from its record ([`fresh`]), without reading the batch. A batch of
//! independent streets is built street by street ([`by_street`]), else read at once.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::batch::{self, Checked};
use crate::cli::typeset::{FontArgs, font_options, text_templates, workspace_templates};
use crate::cli::{BatchArgs, Format, check, outdir, report, threads};
use crate::config::BuildConfig;
use crate::dashboard;
use crate::documents::{DocKind, Issuers, Privacy};
use crate::printing::{self, Manifest, PrintOptions, Printed};
use crate::render::{PdfStandard, RenderOptions, Typesetter};
use crate::settings::Settings;
use crate::spelling::nearest;
use crate::write;

mod by_street;
mod closing;
mod fresh;
mod tally;

use closing::{Closing, annual_line};
use fresh::Transcript;
use tally::{Tally, Typeset};

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
    run_with(args, true)
}

/// [`run`], street by street where it can be ([`by_street`]) when `streets`, else with the batch
/// read at once.
pub fn run_with(args: &BuildArgs, streets: bool) -> Result<ExitCode, String> {
    args.batch.check_paths()?;
    let (mut settings, config) = args.batch.settings_and_config()?;
    let given = config.as_ref().map(|c| c.build.clone()).unwrap_or_default();
    if let Some(dir) = workspace_templates(args.templates.as_ref(), &given, &args.batch.paths) {
        std::sync::Arc::make_mut(&mut settings.in_force)
            .set_templates(&crate::render::template_files_in(&dir));
    }
    let (build, issuers) = config.map_or_else(Default::default, |c| (c.build, c.issuers));
    let options = Options::resolve(args, &build, issuers);
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
    let mut build = Build {
        args,
        settings: &settings,
        options,
        typesetter: &typesetter,
        texts: &texts,
        color,
        key,
        started,
    };
    if streets && let Some(code) = by_street::run(&mut build)? {
        return Ok(code);
    }
    whole(build, found)
}

/// One `yishi build` of a batch that changed: what it was asked, and how it prints.
struct Build<'a> {
    args: &'a BuildArgs,
    settings: &'a Settings,
    options: Options,
    typesetter: &'a Typesetter,
    texts: &'a crate::texts::Texts,
    color: bool,
    /// What the build is recorded under ([`fresh::key`]).
    key: String,
    started: Instant,
}

/// A build of the batch read and checked at once.
fn whole(mut build: Build, found: crate::discover::Discovered) -> Result<ExitCode, String> {
    let (args, settings) = (build.args, build.settings);
    let checked = batch::check(batch::load_found(&found), settings);
    drop(found);
    let text = check::report_text(
        &checked,
        settings,
        &args.batch.paths,
        args.format,
        build.color,
        false,
    )?;
    check::print_text(&text)?;
    let kept = fresh::keep_report(&build.options.out, text.as_bytes());
    drop(text);
    let mut said = Transcript::default();
    let issuers = &build.options.print.issuers;
    let unused: Vec<String> = issuers
        .unused(&checked.meetings)
        .into_iter()
        .map(str::to_string)
        .collect();
    let (earlier, recordable) = build.before_printing(kept, &unused, &mut said);
    let printed = print(&checked, settings, build.typesetter, &build.options)?;
    let mut typeset = Typeset::default();
    typeset.add(&printed);
    // Found while printing, from the data each document was printed from.
    for warning in printed.iter().flat_map(|p| &p.glyphs) {
        said.say(warning.to_string());
    }
    let years = settings.year.map_or_else(
        || crate::figures::years(&checked, settings),
        |year| vec![year],
    );
    let count = |year| crate::figures::compute(&checked, settings, year);
    let annual = if args.no_reports {
        Vec::new()
    } else {
        let mut folders = crate::annual::Folders::new();
        crate::annual::unit_folders(&checked.meetings, &mut folders);
        build.annual_reports(
            &years,
            &mut |year| count(year),
            (&checked.prose, &folders),
            earlier.as_ref(),
            &mut said,
        )
    };
    let notices = (!args.no_notices).then(|| {
        crate::notices::write(
            &checked,
            &printing::base_names(&checked.meetings),
            build.texts,
            &build.options.print.issuers,
            build.options.print.privacy,
            &build.options.out,
        )
    });
    let figures = if args.no_reports && !args.no_dashboard {
        years.iter().map(|&y| count(y).0).collect()
    } else {
        Vec::new()
    };
    let code = build.close(
        &checked.overview(),
        Closing {
            typeset,
            annual,
            figures,
            notices,
            earlier,
            said,
            recordable,
        },
        &mut |page| {
            dashboard::write(
                &dashboard::Inputs {
                    checked: &checked,
                    audit: None,
                    page,
                },
                build.texts,
            )
        },
    );
    // The process ends next: the batch's hundreds of thousands of small allocations are left to
    // the operating system rather than freed one by one, which takes seconds for a province.
    std::mem::forget((checked, printed));
    Ok(code)
}

impl Build<'_> {
    /// What comes between the report and the documents: the issuers that name no unit of the
    /// batch (`unused`), the last build's manifest, which is reused unless `--force`; with
    /// whether the report could be kept (`kept`) for a build with nothing changed to say again.
    fn before_printing(
        &mut self,
        kept: std::io::Result<()>,
        unused: &[String],
        said: &mut Transcript,
    ) -> (Option<Manifest>, bool) {
        let recordable = kept
            .map_err(|e| eprintln!("警告：无法在输出文件夹中留下这次的报告：{e}；下次仍将重新检查"))
            .is_ok();
        for unit in unused {
            said.say(format!(
                "警告：yishi.toml [issuers] 中的「{unit}」不是本批次任何一次会议的街道、社区或村，没有用上\n  提示：按台账中的写法填写单位名（同名社区写成“街道名社区名”）"
            ));
        }
        let earlier = Manifest::read(&self.options.out).unwrap_or_else(|e| {
            eprintln!("警告：{e}；这次全部重新排版，结束时重写清单");
            None
        });
        if !self.args.force {
            self.options.print.reuse.clone_from(&earlier);
        }
        (earlier, recordable)
    }

    /// The annual reports of `years` (the configured year, else every year a meeting was held
    /// in), each year's figures counted by `count`, for the units that held meetings in it (a
    /// street also when only its communities did).
    fn annual_reports(
        &self,
        years: &[i32],
        count: &mut dyn FnMut(i32) -> (crate::figures::Figures, crate::figures::LeftOut),
        prose: (&[crate::prose::Prose], &crate::annual::Folders),
        earlier: Option<&Manifest>,
        said: &mut Transcript,
    ) -> Vec<report::YearReports> {
        let options = &self.options;
        let printing = report::Printing {
            issuers: &options.print.issuers,
            typesetter: self.typesetter,
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
                report::reports_of(
                    count(year),
                    prose,
                    self.settings,
                    &printing,
                    (&active, i == 0),
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

/// Typesets the documents into the output folder, with a progress bar on a terminal.
fn print(
    checked: &Checked,
    settings: &Settings,
    typesetter: &Typesetter,
    options: &Options,
) -> Result<Vec<Printed>, String> {
    let total = printing::planned(checked, settings, &options.print.kinds).len();
    let bar = progress(total);
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

/// The progress of typesetting `total` documents, shown on a terminal.
fn progress(total: usize) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(total as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("排版 {bar:30} {pos}/{len} 份 {msg}")
            .expect("a constant template"),
    );
    bar
}
