//! `yishi report` of a batch street by street, so that its memory is bounded by the largest
//! street rather than by the batch: each street is checked as `yishi check` checks it
//! ([`stream::Plan`]), and while its records are held its year's figures are counted, its units'
//! folders noted, its prose kept and its meetings' rows for the dashboard written out; the
//! streets' figures are then put together ([`figures::join`]) and the reports typeset from them.
//! What it writes is what the batch read at once gives, byte for byte (`tests/report_streets.rs`).
//!
//! The batch is read at once instead where that is not sure or not possible: streets that are not
//! independent (as for `yishi check`), files right in the batch folder (their meetings would come
//! first rather than in the walk's order), and a workspace's own dashboard template, which is
//! given every row as data.

use std::process::ExitCode;

use crate::annual;
use crate::batch::stream;
use crate::dashboard::{self, Streaming};
use crate::figures;
use crate::prose::Prose;

use super::{Run, human, of_year, year_of};

/// What a street gives the report: its figures, its units' folders, its prose, its rows.
struct Street {
    counted: (figures::Figures, figures::LeftOut),
    folders: annual::Folders,
    prose: Vec<Prose>,
    rows: Option<dashboard::StreetRows>,
}

/// The report of the batch street by street; `None` when it is to be read at once.
pub(super) fn run(run: &mut Run) -> Result<Option<ExitCode>, String> {
    let settings = run.settings;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if run
        .texts
        .is_some_and(|t| !t.embedded(crate::texts::DASHBOARD))
    {
        return Ok(None);
    }
    let Some(plan) = stream::Plan::new(
        &run.args.batch.paths,
        settings,
        threads,
        settings.year.is_none(),
    ) else {
        return Ok(None);
    };
    if plan.has_loose_files() {
        return Ok(None);
    }
    let year = year_of(settings, || plan.years().to_vec())?;
    let counting = of_year(settings, year);
    // Without a temporary file for the page's rows, the batch is read at once.
    let page = match run.texts {
        Some(_) => match Streaming::new(
            &super::earlier_documents(run.printing.out),
            run.printing.out,
        ) {
            Ok(page) => Some(page),
            Err(_) => return Ok(None),
        },
        None => None,
    };
    let mut counted = Vec::new();
    let mut folders = annual::Folders::new();
    let mut prose = Vec::new();
    let mut failed = None;
    let render: stream::Render<'_> = if page.is_some() {
        &dashboard::finding_text
    } else {
        &|_| String::new()
    };
    let streamed = plan.run(
        settings,
        render,
        threads,
        &|checked| {
            let mut folders = annual::Folders::new();
            annual::unit_folders(&checked.meetings, &mut folders);
            Street {
                counted: figures::compute(checked, &counting, year),
                folders,
                prose: checked.prose.clone(),
                rows: page.as_ref().map(|p| p.street(checked)),
            }
        },
        &mut |street: Street| {
            counted.push(street.counted);
            folders.extend(street.folders);
            prose.extend(street.prose);
            if let (Some(page), Some(rows)) = (page.as_ref(), street.rows)
                && let Err(e) = page.take(rows)
            {
                failed.get_or_insert(e);
            }
        },
    );
    let Some(streamed) = streamed else {
        return Ok(None);
    };
    let counted = figures::join(counted).expect("two streets or more");
    let overview = streamed.overview();
    let findings: usize = overview.by_rule.values().sum();
    let page = std::cell::RefCell::new(page);
    let code = run.write(
        counted,
        (&prose, &folders),
        &|shown_page, texts| {
            let Some(page) = page.borrow_mut().take() else {
                return false;
            };
            // The reports are written all the same, as when the page cannot be written.
            if let Some(e) = &failed {
                eprintln!("错误：无法写出工作一览：{e}");
                return false;
            }
            let shown = dashboard::Shown::of(&overview, streamed.titles());
            let written = page.write(
                &shown_page,
                shown,
                texts,
                (findings, &mut |each| streamed.findings(render, each)),
            );
            crate::cli::typeset::said_dashboard(written)
        },
        &|figures| human(figures, &overview),
    )?;
    Ok(Some(code))
}
