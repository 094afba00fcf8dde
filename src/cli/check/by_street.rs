//! `yishi check --format json` of a batch street by street, as `check` writes its other formats
//! ([`stream`]): each street read, merged and checked (two at a time), its findings written out
//! as the report lays them out and what it carries under `batch` (units, meeting codes,
//! follow-ups, periods, each year's figures for the batch's years) made while its records are
//! held; the report is then written around the findings, in the order of the whole batch's, with
//! the streets' `batch` put together as `yishi merge` puts parts together. The bytes are those
//! one run over the whole batch writes (`tests/merge.rs`, `tests/stream.rs`); where the streets
//! are not independent the batch is checked at once.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::batch::stream;
use crate::diag::Diagnostic;
use crate::parts;
use crate::report::{json, sarif};
use crate::settings::Settings;

/// Writes the JSON report of the batch below `paths` checked street by street to `out`: the
/// exit code, or why it was not written; `None` when it is to be checked at once (nothing is
/// written then).
pub fn json(
    paths: &[PathBuf],
    settings: &Settings,
    out: &mut dyn Write,
) -> Option<Result<ExitCode, String>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let plan = stream::Plan::new(paths, settings, threads, settings.year.is_none())?;
    let years: Vec<i32> = settings
        .year
        .map_or_else(|| plan.years().to_vec(), |year| vec![year]);
    let keys = sarif::Keys::new(paths);
    let render = |d: &Diagnostic| parts::finding_text(&json::keyed(d, &keys.of(d)));
    // Each year's figures of each unit wait in a temporary file until they are written.
    let store = parts::Store::new().ok()?;
    let mut streets = Vec::new();
    let mut unstored = None;
    let streamed = plan.run(
        settings,
        &render,
        threads,
        &|checked| parts::Street::of(checked, settings, &years, &store),
        &mut |street| match street {
            Ok(street) => streets.push(street),
            Err(e) => {
                unstored.get_or_insert(e);
            }
        },
    )?;
    if unstored.is_some() {
        return None;
    }
    let overview = streamed.overview();
    let report = match parts::Report::new(&overview, settings, paths, streets, plan.passed_over()) {
        Ok(report) => report,
        Err(e) => return Some(Err(e)),
    };
    let mut buffered = std::io::BufWriter::with_capacity(stream::BUFFER, out);
    let written = report
        .write(&mut buffered, &mut |each| streamed.findings(&render, each))
        .and_then(|()| buffered.flush());
    Some(
        written
            .map(|()| ExitCode::from(overview.exit_code()))
            .map_err(|e| format!("无法输出：{e}")),
    )
}
