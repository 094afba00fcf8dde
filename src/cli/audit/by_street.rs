//! `yishi audit` of a batch street by street, so that its memory is bounded by the largest
//! street rather than by the batch. Two passes over the streets ([`stream::Plan`]): the first
//! checks them as `yishi check` does and gathers where each finding can belong; the second reads
//! and checks each street again and, while its records are held, makes its self-audit, writes its
//! report and list, its meetings' rows for the dashboard and counts its figures
//! ([`audit::by_street`]). What the run says comes at the end, in the order the batch read at
//! once says it.
//!
//! What it writes and says is what the batch read at once gives, byte for byte
//! (`tests/audit_streets.rs`). The batch is read at once instead where that is not sure: streets
//! that are not independent (as for `yishi check`) or whose findings belong to one another's
//! streets, files right in the batch folder, a batch without streets, `--show-hidden`, a
//! workspace's own dashboard template (given every row as data), or no temporary file for the
//! dashboard's rows or the JSON and SARIF outputs' findings (each rendered with its item in the
//! second pass: [`Machine`]).

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use super::{
    AuditArgs, Setup, batch_names, human_summary, page, refuse_overwrite, said_printed, say_notes,
    typesetter,
};
use crate::audit::machine::streets::Machine;
use crate::audit::{Audit, Inputs, Outline, by_street};
use crate::batch::stream;
use crate::cli::Format;
use crate::cli::report::earlier_documents;
use crate::cli::typeset::{said_dashboard_to, text_templates};
use crate::dashboard::{self, Streaming};
use crate::diag::Diagnostic;
use crate::figures;
use crate::printing::audits;

/// The audit of the batch street by street; `None` when it is to be read at once.
pub(super) fn run(
    args: &AuditArgs,
    setup: &Setup,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<ExitCode>, String> {
    let settings = &setup.settings;
    let texts = text_templates(setup.templates.as_deref());
    if args.show_hidden || (!args.no_dashboard && !texts.embedded(crate::texts::DASHBOARD)) {
        return Ok(None);
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let paths = &args.batch.paths;
    let Some(plan) = stream::Plan::new(
        paths,
        settings,
        threads,
        !args.no_dashboard && settings.year.is_none(),
    ) else {
        return Ok(None);
    };
    if plan.has_loose_files() {
        return Ok(None);
    }
    // The findings for machines, each with its item, wait in a temporary file.
    let machine = match args.format {
        Format::Human => None,
        Format::Json => Some(Machine::json(paths)),
        Format::Sarif => Some(Machine::sarif(settings, paths)),
    };
    let Ok(mut machine) = machine.transpose() else {
        return Ok(None);
    };
    let documents = earlier_documents(&setup.out);
    let page_rows = if args.no_dashboard {
        None
    } else {
        match Streaming::new(&documents, &setup.out) {
            Ok(rows) => Some(rows),
            Err(_) => return Ok(None),
        }
    };

    // The first pass: the check, and where its findings can belong.
    let with_page = page_rows.is_some();
    let render = |d: &Diagnostic| {
        if with_page {
            dashboard::finding_text(d)
        } else {
            String::new()
        }
    };
    let mut gathered = by_street::Gathered::default();
    let Some(streamed) = plan.run(
        settings,
        &render,
        threads,
        &by_street::FolderPlaces::of,
        &mut |places| gathered.take(places),
    ) else {
        return Ok(None);
    };
    let overview = streamed.overview();
    let Some(mut ready) = gathered.ready(
        &setup.baselines,
        (paths, &setup.issuers),
        (&streamed.read, &streamed.skipped),
        (streamed.kept(), &|k| streamed.kept_of_streets(k)),
    )?
    else {
        return Ok(None);
    };
    if ready.streets().is_empty() {
        return Ok(None);
    }
    refuse_overwrite(
        ready.streets().iter().map(String::as_str),
        &setup.out,
        &args.baseline,
    )?;
    // What the typesetter says comes after the notes, as when the batch is read at once; a
    // typesetter that cannot be made is said so by that run.
    let mut templates_said = Vec::new();
    let Ok(typesetter) = typesetter(args, setup, &mut templates_said) else {
        return Ok(None);
    };
    if crate::write::sweep(&setup.out).is_err() {
        return Ok(None);
    }

    // The second pass: each street's audit, report and list, rows and figures.
    let years: Vec<i32> = settings
        .year
        .map_or_else(|| plan.years().to_vec(), |year| vec![year]);
    let mut counted: Vec<Vec<(figures::Figures, figures::LeftOut)>> =
        years.iter().map(|_| Vec::new()).collect();
    let batch = batch_names(args);
    let baselines: Vec<String> = setup.baselines.iter().map(|b| b.name.clone()).collect();
    let mut outlines = BTreeMap::new();
    let mut printed = BTreeMap::new();
    let mut crossed = false;
    let mut unspilled = None;
    plan.again(settings, 2, &mut |checked, folder| {
        if crossed {
            return;
        }
        let inputs = Inputs {
            checked: &checked,
            settings,
            paths,
            issuers: &setup.issuers,
            scoring: &setup.scoring,
            baselines: &setup.baselines,
        };
        let Some(folder) = ready.street(&inputs, &|d| folder.writes(d)) else {
            crossed = true;
            return;
        };
        if let Some(machine) = &mut machine
            && machine.take(&checked, &folder, streamed.kept()).is_err()
        {
            crossed = true;
            return;
        }
        let audit = Audit {
            today: settings.today,
            streets: folder.streets,
            keys: Vec::new(),
            unplaced: Vec::new(),
            notes: Vec::new(),
            scoring: setup.scoring.clone(),
            baselines: baselines.clone(),
        };
        for p in audits::print(&audit, settings, &typesetter, &setup.out, &batch) {
            printed.insert(p.street.clone(), p);
        }
        for a in &audit.streets {
            outlines.insert(a.street.clone(), a.outline());
        }
        drop(audit);
        if let Some(rows) = &page_rows
            && let Err(e) = rows.take(rows.street(&checked))
        {
            unspilled.get_or_insert(e);
        }
        for (each, &year) in counted.iter_mut().zip(&years) {
            each.push(figures::compute(&checked, settings, year));
        }
    });
    if crossed {
        return Ok(None);
    }
    let finished = ready.finish();
    let outline = Outline {
        streets: outlines.into_values().collect(),
        baselines,
        configured: setup.scoring.configured,
    };

    match machine {
        Some(machine) => {
            let mut buffered = std::io::BufWriter::with_capacity(stream::BUFFER, &mut *out);
            machine
                .write(
                    &mut buffered,
                    (&streamed, settings),
                    (&outline.baselines, &setup.scoring),
                    finished.unplaced,
                )
                .and_then(|()| buffered.flush())
        }
        None => out.write_all(human_summary(&outline, &overview).as_bytes()),
    }
    .map_err(|e| format!("无法输出：{e}"))?;
    say_notes(
        err,
        &finished.notes,
        (finished.unplaced, &finished.first_unplaced),
    );
    let _ = err.write_all(&templates_said);
    let printed: Vec<_> = printed.into_values().collect();
    let (mut failed, street_files) = said_printed(err, &printed);
    if let Some(rows) = page_rows {
        let figures: Vec<figures::Figures> = counted
            .into_iter()
            .map(|streets| figures::join(streets).expect("two streets or more").0)
            .collect();
        let page = page(setup, &figures, &documents, &outline, &street_files);
        let mut states = finished.states;
        let written = if let Some(e) = unspilled {
            Err(format!("无法写出工作一览：{e}"))
        } else {
            let shown = dashboard::Shown::of(&overview, streamed.titles());
            let findings: usize = overview.by_rule.values().sum();
            rows.write(
                &page,
                shown,
                &texts,
                (findings, &mut |each| {
                    streamed.findings_with(&render, &mut |text, kept| match &mut states {
                        Some(states) => each(&dashboard::with_state(text, states.next(kept))),
                        None => each(text),
                    })
                }),
            )
        };
        failed |= !said_dashboard_to(err, written);
    }
    Ok(Some(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::from(overview.exit_code())
    }))
}
