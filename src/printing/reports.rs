//! Typesetting the annual reports of a year: one PDF per unit, `<单位>-2026年度议事协商工作报告.pdf`,
//! with the unit's figures as JSON beside it, on the same threads and with the same reuse of
//! unchanged PDFs as the per-meeting documents.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::{Entry, Manifest, Outcome, kept, manifest};
use crate::annual::Planned;
use crate::figures::{Figures, UnitFigures};
use crate::render::{DocMeta, Typesetter};
use crate::write;

/// The template of the annual reports.
pub const TEMPLATE: &str = "report";

/// What the manifest calls an annual report.
pub const DOCUMENT: &str = "年度议事协商工作报告";

/// What became of one unit's report.
#[derive(Debug)]
pub struct PrintedReport {
    /// The unit: 莲花街道彩田社区.
    pub unit: String,
    pub year: i32,
    /// Printed as a draft (草稿): some part the unit writes is missing.
    pub draft: bool,
    /// The figures' JSON beside the PDF, when written.
    pub json: Option<PathBuf>,
    pub outcome: Outcome,
}

/// The figures JSON of one unit: the contract's top level with this unit alone.
#[derive(Serialize)]
struct OneUnit<'a> {
    tool: &'static str,
    version: &'static str,
    year: i32,
    today: &'a str,
    running: bool,
    units: [&'a UnitFigures; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<&'a crate::in_force::ConfigInForce>,
}

/// The figures of one unit as the JSON written beside its report.
pub fn unit_json(figures: &Figures, unit: &UnitFigures) -> Vec<u8> {
    let doc = OneUnit {
        tool: figures.tool,
        version: figures.version,
        year: figures.year,
        today: &figures.today,
        running: figures.running,
        units: [unit],
        config: figures.config.as_ref(),
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("figures serialise");
    bytes.push(b'\n');
    bytes
}

/// How reports are printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions<'a> {
    /// Reports typeset at the same time (at least one).
    pub jobs: usize,
    /// The manifest of the last build: a report it lists with the same key, whose file is
    /// unchanged, is kept.
    pub reuse: Option<&'a Manifest>,
    /// Also write each report's template and data into a folder beside its PDF.
    pub emit_sources: bool,
}

/// Typesets the planned reports into `out_dir`, each with its JSON beside it. Results in plan
/// order.
pub fn print(
    figures: &Figures,
    planned: &[Planned],
    typesetter: &Typesetter,
    out_dir: &Path,
    opts: &ReportOptions,
) -> Vec<PrintedReport> {
    let earlier = opts.reuse.map(Manifest::files).unwrap_or_default();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, PrintedReport)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.clamp(1, planned.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = planned.get(i) else {
                        break;
                    };
                    let printed = crate::guard::quietly(|| {
                        one(figures, p, typesetter, out_dir, (&earlier, opts.emit_sources))
                    })
                    .unwrap_or_else(|panic| PrintedReport {
                        unit: p.unit.name.clone(),
                        year: figures.year,
                        draft: !p.missing.is_empty(),
                        json: None,
                        outcome: Outcome::Failed(format!(
                            "内部错误：排版时程序出错（{panic}），这份报告未写出，其余照常排版；请把这条信息报给维护人员"
                        )),
                    });
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((i, printed));
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, p)| p).collect()
}

fn one(
    figures: &Figures,
    p: &Planned,
    typesetter: &Typesetter,
    out_dir: &Path,
    (earlier, emit_sources): (&HashMap<&str, &Entry>, bool),
) -> PrintedReport {
    let pdf = out_dir.join(format!("{}.pdf", p.stem));
    let json_path = out_dir.join(format!("{}.json", p.stem));
    let mut printed = PrintedReport {
        unit: p.unit.name.clone(),
        year: figures.year,
        draft: !p.missing.is_empty(),
        json: None,
        outcome: Outcome::Failed(String::new()),
    };
    if let Err(e) = write::atomic(&json_path, &unit_json(figures, p.unit)) {
        printed.outcome = Outcome::Failed(format!("无法写入 {}：{e}", json_path.display()));
        return printed;
    }
    printed.json = Some(json_path);
    let data = p.data();
    let title = data["title"].as_str().unwrap_or_default().to_string();
    let meta = DocMeta {
        ident: format!("yishi/{TEMPLATE}/{}/{}", p.unit.name, figures.year),
        title: if printed.draft {
            format!("{title}（草稿）")
        } else {
            title
        },
        date: Some(p.issued),
    };
    let key = match typesetter.key(TEMPLATE, &data, &meta) {
        Ok(key) => key,
        Err(e) => {
            printed.outcome = Outcome::Failed(e.to_string());
            return printed;
        }
    };
    let (outcome, fit) = match kept(&pdf, &key, earlier) {
        Some(outcome) => (outcome, None),
        None => match typesetter.typeset(TEMPLATE, &data, &meta) {
            Err(e) => (Outcome::Failed(e.to_string()), Some(0)),
            Ok(doc) => match write::atomic(&pdf, &doc.pdf) {
                // Characters no font has are kept among the warnings: no check before
                // typesetting looks at the prose.
                Ok(()) => (
                    Outcome::Written {
                        path: pdf.clone(),
                        pages: doc.pages,
                        warnings: doc.warnings,
                        key,
                        sha256: manifest::sha256(&doc.pdf),
                        stamp: manifest::Stamp::of(&pdf),
                        reused: false,
                    },
                    Some(doc.fit),
                ),
                Err(e) => (
                    Outcome::Failed(format!("无法写入 {}：{e}", pdf.display())),
                    Some(0),
                ),
            },
        },
    };
    printed.outcome = outcome;
    if emit_sources && matches!(printed.outcome, Outcome::Written { .. }) {
        // At the fit level the PDF was made with, which a kept PDF does not record.
        let fit = fit.unwrap_or_else(|| {
            typesetter
                .typeset(TEMPLATE, &data, &meta)
                .map_or(0, |doc| doc.fit)
        });
        if let Err(e) = super::emit(typesetter, TEMPLATE, &data, &meta, &pdf, fit) {
            printed.outcome = Outcome::Failed(e);
        }
    }
    printed
}

/// The manifest entries of printed reports.
pub fn entries(printed: &[PrintedReport]) -> Vec<Entry> {
    printed
        .iter()
        .map(|p| {
            let mut entry = Manifest::entry(String::new(), DOCUMENT, &p.outcome);
            entry.unit = Some(p.unit.clone());
            entry.year = Some(p.year);
            entry.draft = p.draft;
            entry
        })
        .collect()
}
