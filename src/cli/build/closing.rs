//! The end of a build, the same whether the batch was read at once or street by street: the
//! manifest, the notices' lines, the dashboard, what became of the documents and reports, the
//! exit line, and the record for a build with nothing changed.

use std::path::PathBuf;
use std::process::ExitCode;

use super::fresh::{self, Transcript};
use super::tally::Typeset;
use super::{Build, Options};
use crate::cli::report;
use crate::cli::typeset::dashboard_line;
use crate::dashboard;
use crate::printing::{self, Manifest};
use crate::report::summary;

/// What a build made, for its closing ([`Build::close`]).
pub(super) struct Closing {
    pub(super) typeset: Typeset,
    pub(super) annual: Vec<report::YearReports>,
    /// The figures of each year the dashboard shows, when no reports were made (else theirs).
    pub(super) figures: Vec<crate::figures::Figures>,
    pub(super) notices: Option<crate::notices::Written>,
    /// The manifest of the last build into the output folder.
    pub(super) earlier: Option<Manifest>,
    pub(super) said: Transcript,
    /// Whether the report was kept: the build can be recorded.
    pub(super) recordable: bool,
}

impl Build<'_> {
    /// The manifest, the notices' lines, the dashboard (written by `page`), what became of the
    /// documents and reports, the exit line; the build recorded when everything was written.
    pub(super) fn close(
        &self,
        overview: &crate::batch::Overview,
        closing: Closing,
        page: &mut dyn FnMut(dashboard::Page) -> Result<PathBuf, String>,
    ) -> ExitCode {
        let Closing {
            typeset,
            annual,
            figures,
            notices,
            earlier,
            mut said,
            recordable,
        } = closing;
        let (args, options) = (self.args, &self.options);
        let config_sha256 = self
            .settings
            .in_force
            .file
            .as_ref()
            .map(|f| f.sha256.as_str());
        let Typeset { entries, tally } = typeset;
        let (manifest, manifest_written) =
            write_manifest(entries, &annual, (earlier.as_ref(), options), config_sha256);
        let mut recordable = recordable && manifest_written;
        if let Some(written) = &notices {
            for line in written.summary() {
                said.say(line);
            }
        }
        let mut failed_texts = notices
            .as_ref()
            .map_or(0, |n| n.broken.len() + n.failed.len());
        if !args.no_dashboard {
            let figures: Vec<crate::figures::Figures> = if args.no_reports {
                figures
            } else {
                annual.iter().map(|y| y.figures.clone()).collect()
            };
            let written = page(dashboard::Page {
                settings: self.settings,
                figures: &figures,
                documents: &manifest.documents,
                audit: None,
                street_files: &[],
                notices: notices.as_ref(),
                out: &options.out,
                command: "build",
            });
            match written {
                Ok(path) => said.say(dashboard_line(&path)),
                Err(e) => {
                    eprintln!("错误：{e}");
                    failed_texts += 1;
                }
            }
        }
        tally.say(&mut said);
        tally.report(options, self.started.elapsed().as_secs_f64(), &mut said);
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
                format!(
                    "退出码 2：文书已排版，{failed_texts} 项通知文本或工作一览未能写出（见上）"
                ),
            )
        } else {
            summary::build_exit_line(overview, failed)
        };
        recordable &= failed == 0;
        if recordable {
            // Every output is written: a build with nothing changed may say all this again.
            let kept: Vec<(&str, &printing::Stamp)> = manifest
                .documents
                .iter()
                .filter_map(|d| Some((d.file.as_deref()?, d.stamp.as_ref()?)))
                .collect();
            let recorded = fresh::record(
                &options.out,
                self.key.clone(),
                (said.entries, (code, line.clone())),
                &kept,
            );
            if let Err(e) = recorded {
                eprintln!("警告：无法记下这次排版的结果：{e}；下次仍将重新检查");
            }
        }
        eprintln!("{line}");
        std::mem::forget((annual, manifest, notices));
        ExitCode::from(code)
    }
}

/// Writes the manifest of the output folder: this build's documents (`printed`, their entries in
/// the batch's order), its reports, and those of the kinds it
/// did not print from the earlier one; names PDFs left from meetings no longer in the batch.
/// The manifest, and whether it was written.
fn write_manifest(
    printed: Vec<printing::Entry>,
    annual: &[report::YearReports],
    (earlier, options): (Option<&Manifest>, &Options),
    config: Option<&str>,
) -> (Manifest, bool) {
    let out = &options.out;
    let mut manifest = Manifest::of_entries(printed);
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

/// The annual reports' closing line.
pub(super) fn annual_line(
    years: &str,
    (written, reused): (usize, usize),
    drafts: usize,
    failed: usize,
) -> String {
    format!(
        "年度报告（{years} 年）：写入 {written} 份，沿用上次排好的 {reused} 份，其中草稿 {drafts} 份，失败 {failed} 份"
    )
}
