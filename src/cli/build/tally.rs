//! What became of a build's documents: their entries for the manifest, counted, with what is
//! said of each that was not printed.

use std::io::Write as _;

use super::Options;
use super::fresh::{self, Transcript};
use crate::printing::{self, Manifest, Outcome, Printed};

/// What a build typeset: the documents' entries for the manifest, in the batch's order, and
/// what became of them.
#[derive(Debug, Default)]
pub(super) struct Typeset {
    pub(super) entries: Vec<printing::Entry>,
    pub(super) tally: Tally,
}

impl Typeset {
    /// Adds documents printed, in the batch's order.
    pub(super) fn add(&mut self, printed: &[Printed]) {
        self.entries.extend(printed.iter().map(Manifest::printed));
        self.tally.add(printed);
    }
}

/// What became of the documents, counted.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) written: u32,
    pub(super) reused: u32,
    pub(super) pages: usize,
    pub(super) skipped: u32,
    pub(super) failed: u32,
    /// A template's warning is the same for every document it prints: shown once, with a count.
    pub(super) template_warnings: Vec<(String, usize)>,
    /// What to say of each document not printed, and whether a build with nothing changed says
    /// it again (a failure is not recorded).
    pub(super) lines: Vec<(String, bool)>,
}

impl Tally {
    /// Counts documents, noting each that was not printed and why.
    pub(super) fn add(&mut self, printed: &[Printed]) {
        let t = self;
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
                    t.lines.push((line, true));
                }
                Outcome::Failed(e) => {
                    t.failed += 1;
                    let line = format!("排版失败 {} 的{}：{e}", p.meeting, p.kind.zh());
                    t.lines.push((line, false));
                }
            }
        }
    }

    /// Says each document that was not printed and why.
    pub(super) fn say(&self, said: &mut Transcript) {
        // A province has hundreds of thousands of these lines: written in blocks, not one by one.
        let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
        for (line, again) in &self.lines {
            let _ = writeln!(stderr, "{line}");
            if *again {
                said.said(line.clone());
            }
        }
        let _ = stderr.flush();
    }

    /// The template warnings and the closing line.
    pub(super) fn report(&self, options: &Options, secs: f64, said: &mut Transcript) {
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

    pub(super) fn closing_line(&self, options: &Options, secs: f64) -> String {
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
