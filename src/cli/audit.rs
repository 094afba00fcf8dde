//! `yishi audit`: check, then write each street's self-audit report (自查报告) and
//! rectification list (整改清单), compared with last month's list when one is given.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::audit::{self, Baseline, Inputs, Outline, Scoring, baseline};
use crate::batch::{self, Overview};
use crate::cli::report::earlier_documents;
use crate::cli::typeset::{
    FontArgs, font_options, said_dashboard_to, text_templates, workspace_templates,
};
use crate::cli::{BatchArgs, Format, check};
use crate::config::BuildConfig;
use crate::dashboard;
use crate::documents::Issuers;
use crate::printing::audits::{self, PrintedAudit};
use crate::render::Typesetter;
use crate::report::{json, sarif, summary};
use crate::settings::Settings;

mod by_street;

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub batch: BatchArgs,
    /// 上月的整改清单（工作人员填写过的 <街道>-整改清单.xlsx，每个街道一份，可多次给出），或上月 yishi audit --format json 的输出
    #[arg(long, value_name = "FILE")]
    pub baseline: Vec<PathBuf>,
    /// 输出文件夹（默认取 yishi.toml [build] 的 out，再无则为 output）
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub fonts: FontArgs,
    /// 排版模板文件夹：其中的 audit.typ、gongwen.typ 取代内置模板
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 不写工作一览（默认在输出文件夹写出 index.html，含与上月比对的状态）
    #[arg(long)]
    pub no_dashboard: bool,
    /// 标准输出的格式：human 为各街道的得分和比对结果；json、sarif 为检查结果加上识别码和比对状态
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// 另按 yishi 的默认设置复查一遍，在汇总和自查报告中单独列出本工作区设置去掉或降级的问题
    #[arg(long)]
    pub show_hidden: bool,
}

/// What a run is made with, read before the batch: a list of last month's that cannot be read,
/// a configuration that cannot, stop it before anything is written.
struct Setup {
    settings: Settings,
    build: BuildConfig,
    issuers: Issuers,
    scoring: Scoring,
    baselines: Vec<Baseline>,
    out: PathBuf,
    templates: Option<PathBuf>,
}

fn setup(args: &AuditArgs) -> Result<Setup, String> {
    let (mut settings, config) = args.batch.settings_and_config()?;
    // Last month's lists are read first: one that cannot be read stops the run before anything
    // is written.
    let baselines: Vec<Baseline> = args
        .baseline
        .iter()
        .map(|p| baseline::read(p))
        .collect::<Result<_, _>>()?;
    let (build, issuers, audit_config) =
        config.map_or_else(Default::default, |c| (c.build, c.issuers, c.audit));
    let scoring = Scoring::with(&audit_config.scoring);
    let out = args
        .out
        .clone()
        .or_else(|| build.out.clone())
        .unwrap_or_else(|| PathBuf::from("output"));
    let templates = workspace_templates(args.templates.as_ref(), &build, &args.batch.paths);
    if let Some(dir) = &templates {
        // The self-audit prints with its own template and the shared layout module only.
        let used: Vec<PathBuf> = crate::render::template_files_in(dir)
            .into_iter()
            .filter(|f| {
                f.file_stem()
                    .is_some_and(|s| s == "audit" || s == "gongwen")
            })
            .collect();
        std::sync::Arc::make_mut(&mut settings.in_force).set_templates(&used);
    }
    Ok(Setup {
        settings,
        build,
        issuers,
        scoring,
        baselines,
        out,
        templates,
    })
}

pub fn run(args: &AuditArgs) -> Result<ExitCode, String> {
    run_into(args, &mut std::io::stdout(), &mut std::io::stderr(), true)
}

/// [`run`], its summary written to `out` and what it says of its work to `err`; street by street
/// when `streets` and the batch allows it (`by_street`), else with the batch read at once.
pub fn run_into(
    args: &AuditArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    streets: bool,
) -> Result<ExitCode, String> {
    let setup = setup(args)?;
    if streets && let Some(code) = by_street::run(args, &setup, out, err)? {
        return Ok(code);
    }
    whole(args, &setup, out, err)
}

/// [`run_into`] street by street only: `None` when the batch is to be read at once (nothing is
/// said then, though streets' reports may have been written).
pub fn street_by_street(
    args: &AuditArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<ExitCode>, String> {
    by_street::run(args, &setup(args)?, out, err)
}

/// The audit of the batch read at once.
fn whole(
    args: &AuditArgs,
    setup: &Setup,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, String> {
    let settings = &setup.settings;
    let mut checked = batch::run(&args.batch.paths, settings);
    if args.show_hidden {
        crate::hidden::add_to(&mut checked, &args.batch.paths, settings);
    }
    let audit = audit::compute(&Inputs {
        checked: &checked,
        settings,
        paths: &args.batch.paths,
        issuers: &setup.issuers,
        scoring: &setup.scoring,
        baselines: &setup.baselines,
    })?;
    refuse_overwrite(
        audit.streets.iter().map(|a| a.street.as_str()),
        &setup.out,
        &args.baseline,
    )?;
    let outline = audit.outline();

    let text = match args.format {
        Format::Json => {
            let mut doc = json::document(&checked, settings);
            audit::machine::json(&mut doc, &audit);
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Sarif => {
            let mut doc = sarif::document(&checked, settings, &args.batch.paths);
            audit::machine::sarif(&mut doc, &audit);
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
        }
        Format::Human => human_summary(&outline, &checked.overview()),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出：{e}"))?;
    let unplaced: Vec<String> = audit
        .unplaced
        .iter()
        .take(3)
        .map(|&i| audit::unplaced_text(&checked.diagnostics[i]))
        .collect();
    say_notes(err, &audit.notes, (audit.unplaced.len(), &unplaced));
    if audit.streets.is_empty() {
        let _ = writeln!(
            err,
            "批次中没有填写了「街道」的会议记录，没有可写的自查报告"
        );
        return Ok(check::exit_code(&checked));
    }

    let typesetter = typesetter(args, setup, err)?;
    crate::write::sweep(&setup.out).map_err(|e| swept(&setup.out, &e))?;
    let printed = audits::print(
        &audit,
        settings,
        &typesetter,
        &setup.out,
        &batch_names(args),
    );
    let (mut failed, street_files) = said_printed(err, &printed);
    if !args.no_dashboard {
        let texts = text_templates(setup.templates.as_deref());
        let figures: Vec<crate::figures::Figures> = settings
            .year
            .map_or_else(|| crate::figures::years(&checked, settings), |y| vec![y])
            .into_iter()
            .map(|y| crate::figures::compute(&checked, settings, y).0)
            .collect();
        let documents = earlier_documents(&setup.out);
        let inputs = dashboard::Inputs {
            checked: &checked,
            audit: Some(&audit),
            page: page(setup, &figures, &documents, &outline, &street_files),
        };
        failed |= !said_dashboard_to(err, dashboard::write(&inputs, &texts));
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        check::exit_code(&checked)
    })
}

/// The dashboard's page of an audit.
fn page<'a>(
    setup: &'a Setup,
    figures: &'a [crate::figures::Figures],
    documents: &'a [crate::printing::Entry],
    outline: &'a Outline,
    street_files: &'a [(String, String, String)],
) -> dashboard::Page<'a> {
    dashboard::Page {
        settings: &setup.settings,
        figures,
        documents,
        audit: Some(outline),
        street_files,
        notices: None,
        out: &setup.out,
        command: "audit",
    }
}

/// Says what the comparison noted and which findings no street could be found for (how many,
/// the first few).
fn say_notes(err: &mut dyn Write, notes: &[String], (unplaced, first): (usize, &[String])) {
    for note in notes {
        let _ = writeln!(err, "{note}");
    }
    if unplaced > 0 {
        let _ = writeln!(
            err,
            "{unplaced} 条错误或警告看不出属于哪个街道，未列入任何街道的整改清单（见 yishi check；在台账中填写「街道」「社区」可归入）：{}",
            first.join("；")
        );
    }
}

/// The typesetter, with the workspace's templates (said to `err`).
fn typesetter(args: &AuditArgs, setup: &Setup, err: &mut dyn Write) -> Result<Typesetter, String> {
    let mut typesetter = Typesetter::new(&font_options(&args.fonts, &setup.build));
    if let Some(dir) = &setup.templates {
        if !dir.is_dir() {
            return Err(format!("模板文件夹 {} 不存在", dir.display()));
        }
        for path in typesetter
            .override_templates(dir)
            .map_err(|e| e.to_string())?
        {
            let _ = writeln!(err, "模板：使用 {}", path.display());
        }
    }
    Ok(typesetter)
}

fn swept(out: &Path, e: &std::io::Error) -> String {
    format!("无法清理输出文件夹 {} 中的临时文件：{e}", out.display())
}

/// The batch folders as the list's notes sheet names them.
fn batch_names(args: &AuditArgs) -> String {
    let names: Vec<String> = args
        .batch
        .paths
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    names.join("、")
}

/// Says what was written for each street, or why not; whether any failed, and the files
/// written by street for the dashboard: (street, label, file name).
fn said_printed(
    err: &mut dyn Write,
    printed: &[PrintedAudit],
) -> (bool, Vec<(String, String, String)>) {
    let mut failed = false;
    let mut street_files = Vec::new();
    for p in printed {
        match (&p.report, &p.list) {
            (Ok((pdf, pages)), Ok(list)) => {
                let _ = writeln!(
                    err,
                    "自查：{} 写入 {}（{pages} 页）和 {}",
                    p.street,
                    pdf.display(),
                    list.display()
                );
            }
            (report, list) => {
                failed = true;
                for e in [report.as_ref().err(), list.as_ref().err()]
                    .into_iter()
                    .flatten()
                {
                    let _ = writeln!(err, "自查：{} 失败：{e}", p.street);
                }
            }
        }
        let file = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Ok((pdf, _)) = &p.report
            && let Some(name) = file(pdf)
        {
            street_files.push((p.street.clone(), "自查报告".to_string(), name));
        }
        if let Ok(list) = &p.list
            && let Some(name) = file(list)
        {
            street_files.push((p.street.clone(), "整改清单".to_string(), name));
        }
    }
    (failed, street_files)
}

/// Last month's list is never written over: its clerk's entries are the record of last month.
fn refuse_overwrite<'a>(
    streets: impl Iterator<Item = &'a str>,
    out: &Path,
    baselines: &[PathBuf],
) -> Result<(), String> {
    for street in streets {
        let target = out.join(format!("{}.xlsx", audit::list_stem(street)));
        let Ok(target) = std::fs::canonicalize(&target) else {
            continue;
        };
        for b in baselines {
            if std::fs::canonicalize(b).is_ok_and(|b| b == target) {
                return Err(format!(
                    "上月清单 {} 就是本次要写出的整改清单，写出会覆盖上月填写的内容。修改方法：用 --out 另选输出文件夹（如按月份分开：自查/2026-11），或先把上月的清单另存一份再给出",
                    b.display()
                ));
            }
        }
    }
    Ok(())
}

/// Each street: the score by item, the list, the comparison; then the check's summary.
fn human_summary(audit: &Outline, checked: &Overview) -> String {
    let mut out = String::new();
    for a in &audit.streets {
        let _ = writeln!(
            out,
            "{}：自评得分 {} 分（满分 {} 分{}），整改清单 {} 项（错误 {} 项、警告 {} 项）",
            a.street,
            a.scored.total,
            a.scored.full,
            if audit.configured {
                "，评分表按 yishi.toml"
            } else {
                "，评分表为 yishi 的默认设置"
            },
            a.items,
            a.errors,
            a.warnings
        );
        for s in &a.scored.items {
            let _ = writeln!(
                out,
                "  {} {}/{}（错误 {} 项、警告 {} 项）",
                s.item.area.zh(),
                s.score,
                s.item.points,
                s.errors,
                s.warnings
            );
        }
        if let Some(t) = &a.totals {
            let _ = writeln!(
                out,
                "  与上月比对：{}（逾期 {} 项，标为已整改但仍存在 {} 项，无法核实 {} 项）",
                t.sentence(),
                t.overdue,
                t.not_fixed,
                t.unverified
            );
        }
    }
    out.push('\n');
    out + &summary::render_overview(checked) + &summary::exit_line_of(checked) + "\n"
}
