//! `yishi build` of a batch street by street, so that its memory is bounded by the largest
//! street and the documents rather than by the batch's records. Two passes over the streets
//! ([`stream::Plan`]): the first checks them as `yishi check` does and writes out the report (it
//! comes before the documents, as when the batch is read at once); the second reads and checks
//! each street again and, while its records are held, typesets its documents, writes its notices,
//! its meetings' rows for the dashboard, and counts its figures for the annual reports, which are
//! typeset from the streets' figures put together at the end. Checking a street takes a fraction
//! of the time its documents take, so the second check costs little.
//!
//! What it writes and says is what the batch read at once gives, byte for byte
//! (`tests/build_streets.rs`). The batch is read at once instead where that is not sure or not
//! possible: streets that are not independent (as for `yishi check`), two streets whose
//! meetings' files would be named alike (the batch at once numbers the second), files right in
//! the batch folder, a workspace's own dashboard template (given every row as data), or no
//! temporary file to spool into. The JSON report is `yishi check`'s street by street: what each
//! street carries under `batch` is made on its thread in the first pass and put together as
//! `yishi merge` puts parts together ([`parts::Report`]).

use std::collections::{HashMap, HashSet};
use std::io::{self, Seek as _, Write as _};
use std::process::ExitCode;

use super::{Build, Closing, Transcript, Typeset};
use crate::annual;
use crate::batch::stream;
use crate::cli::{Format, check};
use crate::dashboard::{self, Links, Streaming};
use crate::diag::Diagnostic;
use crate::figures;
use crate::notices;
use crate::parts;
use crate::printing::{self, Entry, Manifest};
use crate::report::{self, human, sarif};

/// What the first pass makes of a street: its documents' file names, the issuers it does not
/// use, how many documents it plans, and what it carries into the JSON report.
type FirstPass = (
    Vec<String>,
    Vec<String>,
    usize,
    Option<io::Result<parts::Street>>,
);

/// A finding written both ways the run needs it, the report's text and the dashboard's row, as
/// one text: the report's length, a colon, the two texts.
fn halves(report: &str, page: &str) -> String {
    format!("{}:{report}{page}", report.len())
}

fn report_half(text: &str) -> &str {
    let (len, rest) = text.split_once(':').expect("made by halves");
    &rest[..len.parse::<usize>().expect("made by halves")]
}

fn page_half(text: &str) -> &str {
    let (len, rest) = text.split_once(':').expect("made by halves");
    &rest[len.parse::<usize>().expect("made by halves")..]
}

/// The build of the batch street by street; `None` when it is to be read at once.
pub(super) fn run(build: &mut Build) -> Result<Option<ExitCode>, String> {
    let (args, settings) = (build.args, build.settings);
    if !args.no_dashboard && !build.texts.embedded(crate::texts::DASHBOARD) {
        return Ok(None);
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let json = args.format == Format::Json;
    // The annual reports and the dashboard count each year's figures; so does the JSON report.
    let counting = !args.no_reports || !args.no_dashboard || json;
    let Some(plan) = stream::Plan::new(
        &args.batch.paths,
        settings,
        threads,
        counting && settings.year.is_none(),
    ) else {
        return Ok(None);
    };
    if plan.has_loose_files() {
        return Ok(None);
    }
    let years: Vec<i32> = settings
        .year
        .map_or_else(|| plan.years().to_vec(), |year| vec![year]);
    // Each year's figures of each unit for the JSON report wait in a temporary file.
    let store = if json {
        match parts::Store::new() {
            Ok(store) => Some(store),
            Err(_) => return Ok(None),
        }
    } else {
        None
    };
    let Ok(mut spool) = tempfile::tempfile() else {
        return Ok(None);
    };
    let page = if args.no_dashboard {
        None
    } else {
        match Streaming::new(&[], &build.options.out) {
            Ok(page) => Some(page),
            Err(_) => return Ok(None),
        }
    };

    // The first pass: the report.
    let style = human::Style {
        color: build.color,
        ..human::Style::PLAIN
    };
    let sarif_results =
        (args.format == Format::Sarif).then(|| sarif::Results::new(settings, &args.batch.paths));
    let keys = json.then(|| sarif::Keys::new(&args.batch.paths));
    let with_page = page.is_some();
    let render = |d: &Diagnostic| {
        let report = match (&sarif_results, &keys) {
            (Some(results), _) => results.pending(d),
            (None, Some(keys)) => parts::finding_text(&report::json::keyed(d, &keys.of(d))),
            (None, None) => human::render(d, style),
        };
        let row = if with_page {
            dashboard::finding_text(d)
        } else {
            String::new()
        };
        halves(&report, &row)
    };
    let (issuers, kinds) = (&build.options.print.issuers, &build.options.print.kinds);
    let mut names: HashSet<String> = HashSet::new();
    let mut clash = false;
    let mut unused: Option<Vec<String>> = None;
    let mut planned = 0;
    let mut carried = Vec::new();
    let mut uncarried = false;
    let streamed = plan.run(
        settings,
        &render,
        threads,
        &|checked| {
            let unused: Vec<String> = issuers
                .unused(&checked.meetings)
                .into_iter()
                .map(str::to_string)
                .collect();
            let planned = printing::planned(checked, settings, kinds).len();
            let street = store
                .as_ref()
                .map(|store| parts::Street::of(checked, settings, &years, store));
            (
                printing::base_names(&checked.meetings),
                unused,
                planned,
                street,
            )
        },
        &mut |(bases, street_unused, street_planned, street): FirstPass| {
            planned += street_planned;
            match street {
                Some(Ok(street)) => carried.push(street),
                Some(Err(_)) => uncarried = true,
                None => {}
            }
            for base in bases {
                clash |= !names.insert(base);
            }
            // An issuer is unused when no street uses it.
            unused = Some(match unused.take() {
                None => street_unused,
                Some(u) => u
                    .into_iter()
                    .filter(|k| street_unused.contains(k))
                    .collect(),
            });
        },
    );
    let Some(streamed) = streamed else {
        return Ok(None);
    };
    if clash || uncarried {
        return Ok(None);
    }
    drop(names);
    let overview = streamed.overview();
    let mut report_findings = |each: &mut dyn FnMut(&str) -> io::Result<()>| -> io::Result<()> {
        streamed.findings(&render, &mut |text| each(report_half(text)))
    };
    let spooled = {
        let mut out = io::BufWriter::new(&mut spool);
        match (&sarif_results, json) {
            (Some(results), _) => {
                sarif::write(&mut out, &overview, settings, results, &mut report_findings)
            }
            (None, true) => parts::Report::new(
                &overview,
                settings,
                &args.batch.paths,
                carried,
                plan.passed_over(),
            )
            .map_err(io::Error::other)
            .and_then(|report| report.write(&mut out, &mut report_findings)),
            (None, false) => {
                check::write_streamed(&mut out, &overview, &mut report_findings, false)
            }
        }
        .and_then(|()| out.flush())
    };
    spooled
        .and_then(|()| spool.rewind())
        .and_then(|()| io::copy(&mut spool, &mut io::stdout().lock()))
        .map_err(|e| format!("无法输出：{e}"))?;
    let kept = fresh_report(&build.options.out, &mut spool);
    drop(spool);
    let mut said = Transcript::default();
    let unused = unused.unwrap_or_default();
    let (earlier, recordable) = build.before_printing(kept, &unused, &mut said);

    // The second pass: the documents, the notices, the rows, the figures.
    let options = &build.options;
    let out = &options.out;
    crate::write::sweep(out)
        .map_err(|e| format!("无法清理输出文件夹 {} 中的临时文件：{e}", out.display()))?;
    let reused = options
        .print
        .reuse
        .as_ref()
        .map(Manifest::files)
        .unwrap_or_default();
    // The last build's documents of the kinds this one does not print stay linked from their
    // meetings' rows.
    let kinds: Vec<&str> = options.print.kinds.iter().map(|k| k.zh()).collect();
    let mut carried: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for e in earlier.iter().flat_map(|m| &m.documents) {
        if !kinds.contains(&e.document.as_str()) {
            carried.entry(e.meeting.as_str()).or_default().push(e);
        }
    }
    let mut writer = (!args.no_notices).then(|| {
        notices::Writer::new(
            build.texts,
            &options.print.issuers,
            options.print.privacy,
            out,
        )
    });
    let bar = super::progress(planned);
    let mut typeset = Typeset::default();
    let mut glyphs = Vec::new();
    let mut counted: Vec<Vec<(figures::Figures, figures::LeftOut)>> =
        years.iter().map(|_| Vec::new()).collect();
    let mut folders = annual::Folders::new();
    let mut prose = Vec::new();
    let mut unspilled = None;
    // One street read and checked ahead while the last is typeset: a street is checked in a
    // moment, its documents take minutes.
    plan.again(settings, 2, &mut |checked, _| {
        let printed = printing::documents_reusing(
            &checked,
            settings,
            build.typesetter,
            (out, &reused),
            &options.print,
            &|p| {
                bar.set_message(format!("{} {}", p.meeting, p.kind.zh()));
                bar.inc(1);
            },
        );
        glyphs.extend(
            printed
                .iter()
                .flat_map(|p| &p.glyphs)
                .map(ToString::to_string),
        );
        let first = typeset.entries.len();
        typeset.add(&printed);
        drop(printed);
        let street_notices = writer
            .as_mut()
            .map(|w| w.add(&checked.meetings, &printing::base_names(&checked.meetings)));
        if let Some(page) = &page {
            let mut documents = typeset.entries[first..].to_vec();
            let mut seen = HashSet::new();
            for m in &checked.meetings {
                if seen.insert(m.code.as_str())
                    && let Some(entries) = carried.get(m.code.as_str())
                {
                    documents.extend(entries.iter().map(|&e| e.clone()));
                }
            }
            let sms = street_notices.map(dashboard::sms_of).unwrap_or_default();
            let rows = Streaming::street_linked(&checked, &Links::of(&documents, out), &sms);
            if let Err(e) = page.take(rows) {
                unspilled.get_or_insert(e);
            }
        }
        if let Some(writer) = &mut writer {
            writer.drop_texts();
        }
        if counting {
            for (each, &year) in counted.iter_mut().zip(&years) {
                each.push(figures::compute(&checked, settings, year));
            }
        }
        annual::unit_folders(&checked.meetings, &mut folders);
        prose.extend(checked.prose);
    });
    bar.finish_and_clear();
    drop(carried);
    drop(reused);
    for line in glyphs {
        said.say(line);
    }
    let mut joined = counted
        .into_iter()
        .map(|streets| figures::join(streets).expect("two streets or more"));
    let annual = if args.no_reports {
        Vec::new()
    } else {
        build.annual_reports(
            &years,
            &mut |_| joined.next().expect("a year's figures"),
            (&prose, &folders),
            earlier.as_ref(),
            &mut said,
        )
    };
    let figures = if args.no_reports && !args.no_dashboard {
        joined.map(|(figures, _)| figures).collect()
    } else {
        Vec::new()
    };
    let notices = writer.map(notices::Writer::finish);
    let mut page = page;
    let code = build.close(
        &overview,
        Closing {
            typeset,
            annual,
            figures,
            notices,
            earlier,
            said,
            recordable,
        },
        &mut |shown_page| {
            let page = page.take().ok_or("工作一览只写一次")?;
            if let Some(e) = &unspilled {
                return Err(format!("无法写出工作一览：{e}"));
            }
            let shown = dashboard::Shown::of(&overview, streamed.titles());
            let findings: usize = overview.by_rule.values().sum();
            page.write(
                &shown_page,
                shown,
                build.texts,
                (findings, &mut |each| {
                    streamed.findings(&render, &mut |text| each(page_half(text)))
                }),
            )
        },
    );
    Ok(Some(code))
}

/// Keeps the report spooled in `spool` for a build with nothing changed to print again.
fn fresh_report(out: &std::path::Path, spool: &mut std::fs::File) -> io::Result<()> {
    super::fresh::keep_report_with(out, &mut |file| {
        spool.rewind()?;
        io::copy(spool, file).map(|_| ())
    })
}
