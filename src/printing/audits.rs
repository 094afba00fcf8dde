//! Writing each street's self-audit: `<街道>-议事协商工作自查报告.pdf`, typeset from
//! [`crate::audit::document`], and `<街道>-整改清单.xlsx` from [`crate::audit::xlsx`], both
//! written atomically into the output folder.

use std::path::{Path, PathBuf};

use crate::audit::{Audit, StreetAudit, document, xlsx};
use crate::render::{DocMeta, Typesetter};
use crate::settings::Settings;
use crate::write;

/// The template of the self-audit report.
pub const TEMPLATE: &str = "audit";

/// What became of one street's outputs.
#[derive(Debug)]
pub struct PrintedAudit {
    pub street: String,
    /// The report: its file and pages, or why it was not written.
    pub report: Result<(PathBuf, usize), String>,
    /// The list: its file, or why it was not written.
    pub list: Result<PathBuf, String>,
}

/// The report's data and PDF metadata.
pub fn report_data(
    a: &StreetAudit,
    audit: &Audit,
    settings: &Settings,
) -> (serde_json::Value, DocMeta) {
    let cx = document::Context {
        settings,
        configured: audit.scoring.configured,
    };
    let meta = DocMeta {
        ident: format!(
            "yishi/{TEMPLATE}/{}/{}",
            a.street,
            crate::rules::ymd(audit.today)
        ),
        title: format!("{}议事协商工作自查报告", a.street),
        date: Some(audit.today),
    };
    (document::data(a, &cx), meta)
}

/// Writes every street's report and list into `out_dir`; `batch` names the batch folders on
/// the list's notes sheet.
pub fn print(
    audit: &Audit,
    settings: &Settings,
    typesetter: &Typesetter,
    out_dir: &Path,
    batch: &str,
) -> Vec<PrintedAudit> {
    audit
        .streets
        .iter()
        .map(|a| {
            crate::guard::quietly(|| one(a, audit, settings, typesetter, out_dir, batch))
                .unwrap_or_else(|panic| {
                    let why = format!(
                        "内部错误：生成时程序出错（{panic}），未写出；请把这条信息报给维护人员"
                    );
                    PrintedAudit {
                        street: a.street.clone(),
                        report: Err(why.clone()),
                        list: Err(why),
                    }
                })
        })
        .collect()
}

fn one(
    a: &StreetAudit,
    audit: &Audit,
    settings: &Settings,
    typesetter: &Typesetter,
    out_dir: &Path,
    batch: &str,
) -> PrintedAudit {
    let cx = xlsx::Context {
        today: audit.today,
        batch: batch.to_string(),
        profiles: settings.profiles.iter().map(|p| p.zh()).collect(),
    };
    let list_path = out_dir.join(format!("{}.xlsx", a.list_stem()));
    let list = xlsx::workbook(a, &cx).and_then(|bytes| {
        write::atomic(&list_path, &bytes)
            .map(|()| list_path.clone())
            .map_err(|e| format!("无法写入 {}：{e}", list_path.display()))
    });
    let pdf = out_dir.join(format!("{}.pdf", a.report_stem()));
    let (data, meta) = report_data(a, audit, settings);
    let report = typesetter
        .typeset(TEMPLATE, &data, &meta)
        .map_err(|e| e.to_string())
        .and_then(|doc| {
            write::atomic(&pdf, &doc.pdf)
                .map(|()| (pdf.clone(), doc.pages))
                .map_err(|e| format!("无法写入 {}：{e}", pdf.display()))
        });
    PrintedAudit {
        street: a.street.clone(),
        report,
        list,
    }
}
