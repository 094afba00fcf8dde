//! `yishi report`: check, fold the checked batch into a year's figures, and typeset every
//! unit's annual report (年度议事协商工作报告) with its figures as JSON beside it; `yishi build`
//! calls the same [`reports`] after the per-meeting documents.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Datelike;
use clap::{Args, ValueEnum};

use crate::annual;
use crate::batch;
use crate::cli::BatchArgs;
use crate::cli::typeset::{
    FontArgs, font_options, text_templates, workspace_templates, write_dashboard,
};
use crate::dashboard;
use crate::documents::Issuers;
use crate::figures::{self, Figures, UnitFigures};
use crate::printing::reports::{self, PrintedReport};
use crate::printing::{Manifest, Outcome};
use crate::render::Typesetter;
use crate::settings::Settings;

mod by_street;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 输出文件夹（默认取 yishi.toml [build] 的 out，再无则为 output）
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// 同时排版的线程数（默认为 CPU 核数）
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub fonts: FontArgs,
    /// 排版模板文件夹：其中的 report.typ、gongwen.typ 取代内置模板
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 在每份报告旁另写一个文件夹，存放模板和数据，可用 Typst 单独编译
    #[arg(long)]
    pub emit_sources: bool,
    /// 不写工作一览（默认在输出文件夹写出 index.html）
    #[arg(long)]
    pub no_dashboard: bool,
    /// 输出格式：human 在终端列出各单位的主要数字；json 在标准输出给出全部数字（REPORTS.md 的约定）
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// 给人看的摘要
    Human,
    /// 全部数字的 JSON
    Json,
}

/// The reports of one year, as printed.
pub struct YearReports {
    pub figures: Figures,
    pub printed: Vec<PrintedReport>,
}

/// Where and how reports are printed.
pub struct Printing<'a> {
    pub issuers: &'a Issuers,
    pub typesetter: &'a Typesetter,
    pub out: &'a Path,
    pub jobs: usize,
    /// The manifest of the last build: unchanged reports are kept.
    pub reuse: Option<&'a Manifest>,
    /// Also write each report's template and data beside it.
    pub emit_sources: bool,
}

/// Typesets the reports of a year's figures, counted (the meetings left out with them), with the
/// batch's prose and its units' folders, for the units `units` accepts; the run's notes (drafts,
/// prose not used, meetings not counted) go to `say`, the meetings without a date (in no year)
/// only when `undated` says so. `say` is also told whether a build with nothing changed says the
/// line again (a warning of a report kept is not).
pub fn reports_of(
    (figures, left_out): (Figures, figures::LeftOut),
    prose: (&[crate::prose::Prose], &annual::Folders),
    settings: &Settings,
    printing: &Printing,
    (units, undated): (&dyn Fn(&UnitFigures) -> bool, bool),
    say: &mut dyn FnMut(String, bool),
) -> YearReports {
    let year = figures.year;
    let (planned, notes) = annual::plan_with(&figures, prose, settings, printing.issuers, units);
    for note in notes {
        say(note, true);
    }
    let mut lists = vec![
        ("会议日期在检查日之后", &left_out.future),
        ("缺少层级或社区，不知属于哪个单位", &left_out.no_unit),
    ];
    if undated {
        lists.insert(0, ("没有会议日期", &left_out.undated));
    }
    for (what, codes) in lists {
        if !codes.is_empty() {
            let shown: Vec<&str> = codes.iter().take(5).map(String::as_str).collect();
            say(
                format!(
                    "未计入 {year} 年度报告：{} 次会议{what}（{}{}）",
                    codes.len(),
                    shown.join("、"),
                    if codes.len() > shown.len() {
                        " 等"
                    } else {
                        ""
                    }
                ),
                true,
            );
        }
    }
    let printed = reports::print(
        &figures,
        &planned,
        printing.typesetter,
        printing.out,
        &reports::ReportOptions {
            jobs: printing.jobs,
            reuse: printing.reuse,
            emit_sources: printing.emit_sources,
        },
    );
    for (p, plan) in printed.iter().zip(&planned) {
        if let Outcome::Written {
            warnings,
            reused: false,
            ..
        } = &p.outcome
        {
            for w in warnings {
                say(format!("警告：{} 的 {year} 年度报告：{w}", p.unit), false);
            }
        }
        if let Some(note) = plan.draft_note(year)
            && matches!(p.outcome, Outcome::Written { .. })
        {
            say(note, true);
        }
        if let Outcome::Failed(e) = &p.outcome {
            say(
                format!("排版失败 {} 的 {year} 年度报告：{e}", p.unit),
                false,
            );
        }
    }
    YearReports { figures, printed }
}

/// Reports written, kept from the last build, printed as drafts, and failed.
pub fn tally(printed: &[PrintedReport]) -> (usize, usize, usize, usize) {
    tally_refs(&printed.iter().collect::<Vec<_>>())
}

/// [`tally`] over references.
pub fn tally_refs(printed: &[&PrintedReport]) -> (usize, usize, usize, usize) {
    let (mut written, mut reused, mut drafts, mut failed) = (0, 0, 0, 0);
    for p in printed {
        match &p.outcome {
            Outcome::Written { reused: true, .. } => reused += 1,
            Outcome::Written { .. } => written += 1,
            Outcome::Missing(_) | Outcome::Failed(_) => failed += 1,
        }
        if p.draft && matches!(p.outcome, Outcome::Written { .. }) {
            drafts += 1;
        }
    }
    (written, reused, drafts, failed)
}

pub fn run(args: &ReportArgs) -> Result<ExitCode, String> {
    run_into(args, &mut std::io::stdout().lock(), true)
}

/// `yishi report` with its figures written to `out`: street by street when `streets` and the
/// batch allows ([`by_street`]), else the batch read at once; the same outputs either way.
pub fn run_into(args: &ReportArgs, out: &mut dyn Write, streets: bool) -> Result<ExitCode, String> {
    let (mut settings, config) = args.batch.settings_and_config()?;
    let (build, issuers) = config.map_or_else(Default::default, |c| (c.build, c.issuers));
    let folder = args
        .out
        .clone()
        .or_else(|| build.out.clone())
        .unwrap_or_else(|| PathBuf::from("output"));
    let mut typesetter = Typesetter::new(&font_options(&args.fonts, &build));
    let templates = workspace_templates(args.templates.as_ref(), &build, &args.batch.paths);
    if let Some(dir) = &templates {
        if !dir.is_dir() {
            return Err(format!("模板文件夹 {} 不存在", dir.display()));
        }
        let used = typesetter
            .override_templates(dir)
            .map_err(|e| e.to_string())?;
        for path in &used {
            eprintln!("模板：使用 {}", path.display());
        }
        // The reports' notes and figures name the templates among the settings.
        std::sync::Arc::make_mut(&mut settings.in_force).set_templates(&used);
    }
    let texts = (!args.no_dashboard).then(|| text_templates(templates.as_deref()));
    let jobs = args
        .jobs
        .or(build.jobs)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let printing = Printing {
        issuers: &issuers,
        typesetter: &typesetter,
        out: &folder,
        jobs,
        reuse: None,
        emit_sources: args.emit_sources,
    };
    let mut run = Run {
        args,
        settings: &settings,
        printing: &printing,
        texts: texts.as_ref(),
        stdout: out,
    };
    if streets && let Some(code) = by_street::run(&mut run)? {
        return Ok(code);
    }
    let checked = batch::run(&args.batch.paths, &settings);
    let year = year_of(&settings, || figures::years(&checked, &settings))?;
    let counted = figures::compute(&checked, &of_year(&settings, year), year);
    let mut folders = annual::Folders::new();
    annual::unit_folders(&checked.meetings, &mut folders);
    let written = run.write(
        counted,
        (&checked.prose, &folders),
        &|page, texts| {
            write_dashboard(
                &dashboard::Inputs {
                    checked: &checked,
                    audit: None,
                    page,
                },
                texts,
            )
        },
        &|figures| human(figures, &checked.overview()),
    )?;
    Ok(written)
}

/// The year reported: the one set, else the last a meeting was held in up to the check date
/// (`years`, oldest first); never a year not begun on the check date.
fn year_of(settings: &Settings, years: impl FnOnce() -> Vec<i32>) -> Result<i32, String> {
    let year = match settings.year {
        Some(year) => year,
        None => *years().last().ok_or_else(|| {
            "批次中没有会议日期不晚于检查日的会议，无法确定报告年度；请用 --year 指定".to_string()
        })?,
    };
    if year > settings.today.year() {
        return Err(format!(
            "{year} 年尚未开始（检查日 {}），没有可报告的数字；检查以往年度时用 --today 指定检查日",
            crate::rules::ymd(settings.today)
        ));
    }
    Ok(year)
}

/// `settings` with the year reported set: the figures are counted under them, after the batch
/// was checked under `settings`.
fn of_year(settings: &Settings, year: i32) -> Settings {
    let mut settings = settings.clone();
    settings.year = Some(year);
    settings
}

/// One `yishi report`: what it was asked, and how it prints.
struct Run<'a> {
    args: &'a ReportArgs,
    settings: &'a Settings,
    printing: &'a Printing<'a>,
    /// The dashboard's templates, unless it is not written.
    texts: Option<&'a crate::texts::Texts>,
    /// Where the figures are written.
    stdout: &'a mut dyn Write,
}

impl Run<'_> {
    /// Typesets the reports of the figures counted, writes the dashboard (`dashboard`, given the
    /// page without the batch), the figures on stdout (`human` writes them for people) and the
    /// closing line; the exit code.
    fn write(
        &mut self,
        counted: (Figures, figures::LeftOut),
        prose: (&[crate::prose::Prose], &annual::Folders),
        dashboard: &dyn Fn(dashboard::Page, &crate::texts::Texts) -> bool,
        human: &dyn Fn(&Figures) -> String,
    ) -> Result<ExitCode, String> {
        let out = self.printing.out;
        let settings = of_year(self.settings, counted.0.year);
        crate::write::sweep(out)
            .map_err(|e| format!("无法清理输出文件夹 {} 中的临时文件：{e}", out.display()))?;
        let done = reports_of(
            counted,
            prose,
            &settings,
            self.printing,
            (&|_| true, true),
            &mut |line, _| eprintln!("{line}"),
        );
        let mut dashboard_failed = false;
        if let Some(texts) = self.texts {
            let mut documents = earlier_documents(out);
            documents.extend(reports::entries(&done.printed));
            let page = dashboard::Page {
                settings: &settings,
                figures: std::slice::from_ref(&done.figures),
                documents: &documents,
                audit: None,
                street_files: &[],
                notices: None,
                out,
                command: "report",
            };
            dashboard_failed = !dashboard(page, texts);
        }
        let text = match self.args.format {
            ReportFormat::Json => {
                serde_json::to_string_pretty(&done.figures).map_err(|e| e.to_string())? + "\n"
            }
            ReportFormat::Human => human(&done.figures),
        };
        self.stdout
            .write_all(text.as_bytes())
            .and_then(|()| self.stdout.flush())
            .map_err(|e| format!("无法输出：{e}"))?;
        let (written, _, drafts, failed) = tally(&done.printed);
        eprintln!(
            "年度报告：写入 {written} 份（其中草稿 {drafts} 份）及各自的数字（.json），失败 {failed} 份，输出到 {}",
            out.display()
        );
        Ok(if failed > 0 || dashboard_failed {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        })
    }
}

/// The documents an earlier build left in the output folder, as its manifest lists them (none
/// when there is no manifest, or one that cannot be read: the dashboard then links only this
/// run's files).
pub fn earlier_documents(out: &Path) -> Vec<crate::printing::Entry> {
    Manifest::read(out)
        .ok()
        .flatten()
        .map(|m| m.documents)
        .unwrap_or_default()
}

/// One line per unit: meetings, compliance, findings, implementation.
fn human(figures: &Figures, checked: &crate::batch::Overview) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} 年度{}：{} 个单位",
        figures.year,
        if figures.running {
            format!("（截至检查日 {}，本年度尚未结束）", figures.today)
        } else {
            String::new()
        },
        figures.units.len()
    );
    for u in &figures.units {
        let applicable: usize = u.steps.iter().map(|s| s.applicable).sum();
        let met: usize = u.steps.iter().map(|s| s.met).sum();
        let i = &u.implementation;
        let _ = writeln!(
            out,
            "  {}{}：会议 {} 场次，程序合规率 {}，错误 {} 条、警告 {} 条，协商意见 {} 项（已落实 {}、推进中 {}、逾期 {}、未填报 {}）",
            if u.community.is_some() { "  " } else { "" },
            u.name,
            u.meetings.total,
            figures::percent(met as u64, applicable as u64)
                .map_or_else(|| "—".to_string(), |p| format!("{p}%")),
            u.findings.errors,
            u.findings.warnings,
            i.adopted,
            i.done,
            i.in_progress,
            i.overdue,
            i.unreported
        );
    }
    // What was read, every record accounted for, and the findings the figures count.
    out + "\n" + &crate::report::summary::render_overview(checked) + "逐条诊断见 yishi check\n"
}
