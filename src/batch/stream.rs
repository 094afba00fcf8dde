//! `yishi check` street by street, so that its memory is bounded by the largest street rather
//! than by the batch: the files of each folder right below a batch folder (a street's) are read,
//! merged and checked together, their findings written out (to a spill file, in the order the
//! whole batch's report lists them) and the street's records dropped before the next street is
//! read. The streets are checked two (one per core) at a time; their findings are written in the
//! order of the streets, so that the output does not depend on which finished first.
//!
//! What the report says is what checking the whole batch at once says, byte for byte. Across
//! streets only what decides that is kept: the meeting codes (a code used in two streets), the
//! street names (a street's units, its follow-ups by topic), the codes named in 「前次会议编号」,
//! the files' contents (a copy of a file in another street), the participants whose code named
//! no meeting of their street (D003 suggests the closest code of the whole batch), the first and
//! last meeting dates (the periods the frequency rules check, when no year is configured: read
//! in a first pass), the waivers used, the files read and the accounting. When streets are not
//! independent after all (a code or a street in two of them, a follow-up naming a meeting of
//! another street, a file copied into another street), the batch is checked as a whole instead.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read as _, Seek, Write};
use std::path::PathBuf;
use std::sync::Arc;

use super::{Accounting, Checked, Overview, no_records};
use crate::diag::{Diagnostic, Severity};
use crate::discover;
use crate::fields::Field;
use crate::load::{Loaded, ReadFile, SkippedFile};
use crate::merge::{self, Merged};
use crate::model::Participant;
use crate::policy;
use crate::rules::{self, Spans, d003};
use crate::settings::Settings;
use crate::source::display_path;

/// How a finding is written out (a human report's block, a JSON report's entry).
pub type Render<'a> = &'a (dyn Fn(&Diagnostic) -> String + Sync);

/// What checking a batch gave: its findings written out street by street, or, when its streets
/// are not independent, the whole batch checked at once.
#[derive(Debug)]
pub enum Run {
    Streamed(Box<Streamed>),
    Whole(Box<Checked>),
}

/// A batch checked street by street: its findings written out, the accounting kept.
#[derive(Debug)]
pub struct Streamed {
    pub read: Vec<ReadFile>,
    pub skipped: Vec<SkippedFile>,
    pub accounting: Accounting,
    pub meetings: usize,
    /// The streets (folders) checked one by one.
    pub streets: usize,
    by_rule: BTreeMap<(&'static str, Severity), usize>,
    /// Each rule found, with its title.
    titles: BTreeMap<&'static str, &'static str>,
    nothing_read: bool,
    config: Arc<crate::in_force::ConfigInForce>,
    /// Findings not written out with their street, sorted: those of the files right in the
    /// batch folder, those without a place, and those known only at the end (D003 of a
    /// participant of no meeting, D009, D010).
    kept: Vec<Diagnostic>,
    /// For each of `kept`, whether it is a finding of a street's check (rather than of an entry
    /// passed over or known only at the end).
    of_streets: Vec<bool>,
    spill: Spill,
}

impl Streamed {
    fn count(&mut self, d: &Diagnostic) {
        *self.by_rule.entry((d.code, d.severity)).or_default() += 1;
        self.titles.insert(d.code, d.title);
    }

    /// Each rule found, with its title, by code.
    pub fn titles(&self) -> &BTreeMap<&'static str, &'static str> {
        &self.titles
    }

    pub fn overview(&self) -> Overview<'_> {
        Overview {
            read: &self.read,
            skipped: &self.skipped,
            accounting: &self.accounting,
            meetings: self.meetings,
            by_rule: self.by_rule.clone(),
            nothing_read: self.nothing_read,
            config: &self.config,
            hidden: None,
        }
    }

    /// Every finding as `render` writes it, in the order of the whole batch's report.
    pub fn findings(
        &self,
        render: Render<'_>,
        each: &mut dyn FnMut(&str) -> io::Result<()>,
    ) -> io::Result<()> {
        self.findings_with(render, &mut |text, _| each(text))
    }

    /// The findings not written out with their street, in the order of the report.
    pub fn kept(&self) -> &[Diagnostic] {
        &self.kept
    }

    /// Whether the `k`th of [`Streamed::kept`] came of a street's check: a finding without a
    /// place, or outside the street's folder, that [`Plan::again`] finds again.
    pub fn kept_of_streets(&self, k: usize) -> bool {
        self.of_streets[k]
    }

    /// [`Streamed::findings`], each with its place in [`Streamed::kept`] when it is one of them
    /// (the others were written out with their streets, in the streets' order).
    pub fn findings_with(
        &self,
        render: Render<'_>,
        each: &mut dyn FnMut(&str, Option<usize>) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut spilled = self.spill.read()?;
        let mut next = spilled.next_item()?;
        let mut rendered = std::collections::VecDeque::new();
        let mut kept = self
            .kept
            .iter()
            .enumerate()
            .map(|(k, d)| (k, d, d.sort_key()))
            .peekable();
        loop {
            let take_kept = match (&next, kept.peek()) {
                (None, None) => return Ok(()),
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(item), Some((_, _, key))) => {
                    (key.0.as_str(), key.1, key.2, key.3.as_str())
                        < (
                            item.name.as_str(),
                            item.start,
                            item.code.as_str(),
                            item.message.as_str(),
                        )
                }
            };
            if take_kept {
                let (k, _, _) = kept.next().expect("peeked");
                if rendered.is_empty() {
                    // The kept findings ahead, a few hundred at a time on all the cores.
                    use rayon::prelude::*;
                    let ahead = &self.kept[k..self.kept.len().min(k + KEPT_AHEAD)];
                    rendered = ahead.par_iter().map(render).collect::<Vec<_>>().into();
                }
                let text = rendered.pop_front().expect("rendered ahead");
                each(&text, Some(k))?;
            } else {
                let item = next.take().expect("matched");
                let text = crate::load::utf8(&item.text)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                each(text, None)?;
                next = spilled.next_item()?;
            }
        }
    }
}

/// The buffer a large report is written out through, and its findings held back in: a
/// hundred thousand meetings' report is some 200 MB, written a megabyte a call.
pub const BUFFER: usize = 1 << 20;

/// How many of the kept findings are rendered at once when the report comes to them.
const KEPT_AHEAD: usize = 256;

/// The files of one street: a folder right below a batch folder.
#[derive(Debug, Default)]
struct Part {
    /// The folder as places name it, with a `/`: where each of the street's findings is. Empty
    /// for the files right in a batch folder (or given as files), read as one part whose
    /// findings are kept rather than written out.
    prefix: String,
    /// With their place in the batch's order.
    files: Vec<(usize, PathBuf)>,
}

/// The streets of a batch, in the order of their places; `None` when the folders given overlap
/// so that a street's place could begin another's.
fn parts(roots: &[PathBuf], files: &[PathBuf]) -> Option<(Part, Vec<Part>)> {
    let mut loose = Part::default();
    let mut streets: BTreeMap<String, Part> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        let street = roots.iter().find_map(|root| {
            let rest = file.strip_prefix(root).ok()?;
            let mut parts = rest.components();
            let first = parts.next()?;
            parts.next()?;
            Some(display_path(&root.join(first)) + "/")
        });
        match street {
            Some(prefix) => streets
                .entry(prefix.clone())
                .or_insert_with(|| Part {
                    prefix,
                    files: Vec::new(),
                })
                .files
                .push((i, file.clone())),
            None => loose.files.push((i, file.clone())),
        }
    }
    // A street's findings are written out in the order of its place; no place may begin another
    // street's (folders given inside one another).
    let prefixes: Vec<&String> = streets.keys().collect();
    if prefixes.windows(2).any(|w| w[1].starts_with(w[0].as_str())) {
        return None;
    }
    Some((loose, streets.into_values().collect()))
}

/// One street read and merged.
struct Street {
    loaded: Loaded,
    /// For each entry of `loaded.read` and `loaded.skipped`, its file's place in the batch.
    read_at: Vec<usize>,
    skipped_at: Vec<usize>,
    /// Participant rows read.
    participants: usize,
    merged: Merged,
}

fn read(part: &Part) -> Street {
    read_of(part, false)
}

/// [`read`], of the meetings alone when `meetings_only` (their dates and places): the first pass,
/// which finds the periods, reads no participants list's rows.
fn read_of(part: &Part, meetings_only: bool) -> Street {
    let mut loaded = Loaded::default();
    loaded.meetings_only = meetings_only;
    let (mut read_at, mut skipped_at) = (Vec::new(), Vec::new());
    for (i, file) in &part.files {
        loaded.add_file(file);
        read_at.resize(loaded.read.len(), *i);
        skipped_at.resize(loaded.skipped.len(), *i);
    }
    let records = std::mem::take(&mut loaded.records);
    let participants = std::mem::take(&mut loaded.participants);
    Street {
        participants: participants.len(),
        merged: merge::merge(records, participants),
        loaded,
        read_at,
        skipped_at,
    }
}

/// What a street shares with the others: what decides whether it can be checked on its own.
#[derive(Debug, Default)]
struct Shared {
    /// Its records' codes, each once.
    codes: HashSet<String>,
    /// Its meetings' streets (a meeting without one counts as one).
    streets: HashSet<Option<String>>,
    /// Codes named in 「前次会议编号」 that are no meeting of the street.
    previous: Vec<String>,
    digests: Vec<[u8; 32]>,
}

impl Shared {
    fn of(read: &Street) -> Shared {
        let meetings = &read.merged.meetings;
        let codes: HashSet<String> = meetings.iter().map(|m| m.code.clone()).collect();
        let previous = meetings
            .iter()
            .filter_map(|m| m.text(Field::PreviousCode).map(str::trim))
            .filter(|p| !codes.contains(*p))
            .map(str::to_string)
            .collect();
        Shared {
            codes,
            streets: meetings
                .iter()
                .map(|m| m.street().map(str::to_string))
                .collect(),
            previous,
            digests: read.loaded.digests().copied().collect(),
        }
    }
}

/// What the batch's streets shared so far; `false` from [`Seen::add`] when two share something.
#[derive(Debug, Default)]
struct Seen {
    codes: HashSet<Box<str>>,
    streets: HashSet<Option<String>>,
    digests: HashSet<[u8; 32]>,
    previous: Vec<String>,
}

impl Seen {
    fn add(&mut self, shared: Shared) -> bool {
        if shared.codes.iter().any(|c| self.codes.contains(c.as_str()))
            || shared.streets.iter().any(|s| self.streets.contains(s))
            || shared.digests.iter().any(|d| self.digests.contains(d))
        {
            return false;
        }
        self.codes
            .extend(shared.codes.into_iter().map(String::into_boxed_str));
        self.streets.extend(shared.streets);
        self.digests.extend(shared.digests);
        self.previous.extend(shared.previous);
        true
    }

    /// Whether a code named by one street is a meeting of another.
    fn named_elsewhere<'a>(&self, mut codes: impl Iterator<Item = &'a str>) -> bool {
        codes.any(|c| self.codes.contains(c))
    }
}

/// One street checked, as the batch keeps it once the street's records are dropped.
struct Checks {
    read: Vec<(usize, ReadFile)>,
    skipped: Vec<(usize, SkippedFile)>,
    accounting: Accounting,
    meetings: usize,
    /// Sorted, the settings applied.
    found: Vec<Diagnostic>,
    used: Vec<bool>,
    /// Participants of no meeting of the street, their D003 left out of `found`.
    orphans: Vec<Participant>,
    shared: Shared,
}

/// What a street's check keeps beside its [`Checked`]: where its files are in the batch, the
/// waivers it used, its participants of no meeting, what it shares with the others.
struct Beside {
    read_at: Vec<usize>,
    skipped_at: Vec<usize>,
    used: Vec<bool>,
    orphans: Vec<Participant>,
    shared: Shared,
}

/// A street read and checked as a batch of its own, the batch's periods counted, its
/// participants of no meeting of the street left for the end.
fn check(part: &Part, settings: &Settings, spans: Spans) -> (Checked, Beside) {
    let read = read(part);
    let shared = Shared::of(&read);
    let Street {
        loaded,
        read_at,
        skipped_at,
        participants,
        mut merged,
    } = read;
    let Loaded {
        read,
        skipped,
        mut diagnostics,
        prose,
        ..
    } = loaded;
    // A participant of no meeting of the street may be of another street's: its D003 is made
    // at the end.
    diagnostics.extend(
        std::mem::take(&mut merged.diagnostics)
            .into_iter()
            .filter(|d| d.code != d003::META.code),
    );
    let mut internal_errors = 0;
    let mut applied = Vec::with_capacity(merged.meetings.len());
    let mut lists: HashMap<Vec<&'static str>, Arc<[&'static str]>> = HashMap::new();
    for found in super::check_meetings(&merged.meetings, settings) {
        let codes = match found {
            Ok(checks) => {
                diagnostics.extend(checks.found);
                checks.applied
            }
            Err(internal) => {
                internal_errors += 1;
                diagnostics.push(*internal);
                Vec::new()
            }
        };
        applied.push(Arc::clone(
            lists
                .entry(codes)
                .or_insert_with_key(|codes| codes.as_slice().into()),
        ));
    }
    diagnostics.extend(rules::check_batch_in(&merged.meetings, settings, spans));
    let used = policy::apply_to_findings(&mut diagnostics, settings);
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);
    let accounting = super::accounting(&read, &merged, participants, internal_errors);
    let checked = Checked {
        read,
        skipped,
        passed: crate::load::PassedOver::default(),
        meetings: merged.meetings,
        applied,
        diagnostics,
        prose,
        accounting,
        config: Arc::clone(&settings.in_force),
        hidden: None,
    };
    let beside = Beside {
        read_at,
        skipped_at,
        used,
        orphans: merged.orphans,
        shared,
    };
    (checked, beside)
}

impl Checks {
    fn of(checked: Checked, beside: Beside) -> Checks {
        Checks {
            read: beside.read_at.into_iter().zip(checked.read).collect(),
            skipped: beside.skipped_at.into_iter().zip(checked.skipped).collect(),
            accounting: checked.accounting,
            meetings: checked.meetings.len(),
            found: checked.diagnostics,
            used: beside.used,
            orphans: beside.orphans,
            shared: beside.shared,
        }
    }
}

/// Runs `work` on every part on `threads` threads, handing each result to `take` in the parts'
/// order; stops at the first `take` that says `false`. A thread takes the next part as soon as it
/// is done with one, while `take` handles the results in order on the calling thread; a part is
/// begun only when fewer than `ahead` parts are ahead of the next to be taken, so that at most
/// `ahead` parts' results are held at once (more than `threads`, and a thread done early need
/// not wait for a slower street before it).
fn each_part<T: Send>(
    parts: &[&Part],
    (threads, ahead): (usize, usize),
    work: &(dyn Fn(&Part) -> T + Sync),
    take: &mut dyn FnMut(&Part, T) -> bool,
) -> bool {
    use std::sync::{Condvar, Mutex, mpsc};
    let threads = threads.max(1);
    let ahead = ahead.max(threads);
    // The next part to begin, the parts taken so far, and whether to stop.
    let state = Mutex::new((0_usize, 0_usize, false));
    let moved = Condvar::new();
    let lock = || {
        state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    let (sender, results) = mpsc::channel::<(usize, std::thread::Result<T>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(parts.len()) {
            let sender = sender.clone();
            let (state, moved) = (&state, &moved);
            scope.spawn(move || {
                loop {
                    let next = {
                        let mut guard = state
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        while !guard.2 && guard.0 < parts.len() && guard.0 >= guard.1 + ahead {
                            guard = moved
                                .wait(guard)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                        if guard.2 || guard.0 >= parts.len() {
                            return;
                        }
                        guard.0 += 1;
                        guard.0 - 1
                    };
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        work(parts[next])
                    }));
                    if sender.send((next, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut taken = 0;
        let mut all_taken = true;
        while taken < parts.len() {
            let Some(result) = waiting.remove(&taken) else {
                let Ok((at, done)) = results.recv() else {
                    break;
                };
                match done {
                    Ok(result) => {
                        waiting.insert(at, result);
                    }
                    Err(panic) => {
                        lock().2 = true;
                        moved.notify_all();
                        std::panic::resume_unwind(panic);
                    }
                }
                continue;
            };
            let keep_on = take(parts[taken], result);
            taken += 1;
            {
                let mut guard = lock();
                guard.1 = taken;
                guard.2 |= !keep_on;
            }
            moved.notify_all();
            if !keep_on {
                all_taken = false;
                break;
            }
        }
        all_taken && taken == parts.len()
    })
}

/// The earlier start and the later end of two spans.
fn widen(
    a: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    b: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (a, b) => a.or(b),
    }
}

/// A batch's streets, found independent so far, with the periods of its frequency rules: ready
/// to be checked one by one ([`Plan::run`]).
pub struct Plan {
    found: discover::Discovered,
    loose: Part,
    streets: Vec<Part>,
    spans: Spans,
    years: Vec<i32>,
}

impl Plan {
    /// The batch below `paths` cut into its streets, a first pass over their meetings' dates and
    /// places made when the periods are the batch's (no year set) or `years` are asked for; `None`
    /// when it is to be checked at once: fewer than two streets, folders given inside one
    /// another, or streets found to share a meeting, a street or a file.
    pub fn new(
        paths: &[PathBuf],
        settings: &Settings,
        threads: usize,
        years: bool,
    ) -> Option<Plan> {
        let found = discover::files(paths);
        let (loose, streets) = parts(paths, &found.files)?;
        if streets.len() < 2 {
            return None;
        }
        let mut plan = Plan {
            spans: rules::batch_spans(&[], settings),
            years: Vec::new(),
            found,
            loose,
            streets,
        };
        let spans_wanted = rules::spans_from_meetings(settings);
        if spans_wanted || years {
            let mut seen = Seen::default();
            let mut spans = plan.spans;
            let mut held: Vec<i32> = Vec::new();
            // A street's dates and codes are little to hold: threads run well ahead.
            let independent = each_part(
                &plan.parts(),
                (threads, 4 * threads),
                &|part| {
                    let read = read_of(part, true);
                    let meetings = &read.merged.meetings;
                    let years: Vec<i32> = meetings
                        .iter()
                        .filter_map(|m| m.date(Field::HeldOn))
                        .filter(|d| *d <= settings.today)
                        .map(|d| chrono::Datelike::year(&d))
                        .collect();
                    (
                        rules::batch_spans(meetings, settings),
                        years,
                        Shared::of(&read),
                    )
                },
                &mut |_, (found, years, shared): (Spans, Vec<i32>, Shared)| {
                    spans = [widen(spans[0], found[0]), widen(spans[1], found[1])];
                    held.extend(years);
                    held.sort_unstable();
                    held.dedup();
                    seen.add(shared)
                },
            );
            if !independent || seen.named_elsewhere(seen.previous.iter().map(String::as_str)) {
                return None;
            }
            if spans_wanted {
                plan.spans = spans;
            }
            plan.years = held;
        }
        Some(plan)
    }

    /// The years its meetings were held in, up to the check date, oldest first, when asked for.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// How many entries the walk of the batch passed over, and how many other ways to a file
    /// read once it met (links, a path given twice): what one run over the batch counts.
    pub fn passed_over(&self) -> (usize, usize) {
        (
            self.found.walked,
            self.found.passed.len() - self.found.walked,
        )
    }

    /// Whether files lie right in a batch folder, in no street's folder.
    pub fn has_loose_files(&self) -> bool {
        !self.loose.files.is_empty()
    }

    fn parts(&self) -> Vec<&Part> {
        std::iter::once(&self.loose)
            .filter(|p| !p.files.is_empty())
            .chain(&self.streets)
            .collect()
    }

    /// Checks the streets one by one (on as many threads as there are cores, at most
    /// `threads`), rendering each street's findings with `render`; `street` is given each street
    /// checked (its files read and merged, its findings those the settings leave, but not its
    /// participants of no meeting), on the street's thread, and what it makes is handed to `take`
    /// in the streets' order. `None` when the streets turn out not to be independent after all:
    /// what `take` was given is then not the batch's.
    pub fn run<T: Send>(
        &self,
        settings: &Settings,
        render: Render<'_>,
        threads: usize,
        street: &(dyn Fn(&Checked) -> T + Sync),
        take: &mut dyn FnMut(T),
    ) -> Option<Streamed> {
        let all = self.parts();
        let mut out = Streamed {
            read: Vec::new(),
            skipped: Vec::new(),
            accounting: Accounting::default(),
            meetings: 0,
            streets: self.streets.len(),
            by_rule: BTreeMap::new(),
            titles: BTreeMap::new(),
            nothing_read: false,
            config: Arc::clone(&settings.in_force),
            kept: Vec::new(),
            of_streets: Vec::new(),
            spill: Spill::new().ok()?,
        };
        // Entries passed over come first, as when the batch is read at once.
        let mut passes = Loaded::default();
        for passed in &self.found.passed {
            if passed.unreadable {
                passes.unreadable(&passed.path, &passed.reason);
            } else {
                passes.pass(&passed.path, &passed.reason);
            }
        }
        let mut used = policy::apply_to_findings(&mut passes.diagnostics, settings);
        out.of_streets.resize(passes.diagnostics.len(), false);
        out.kept.append(&mut passes.diagnostics);
        let mut read_at: Vec<(usize, ReadFile)> = Vec::new();
        let mut skipped_at: Vec<(usize, SkippedFile)> =
            passes.skipped.into_iter().map(|s| (0, s)).collect();
        let first_file = 1;
        let mut seen = Seen::default();
        let mut orphans: Vec<Participant> = Vec::new();
        let mut failed: Option<io::Error> = None;
        let spans = self.spans;
        let independent = each_part(
            &all,
            (threads, 2 * threads),
            &|part| {
                let (checked, beside) = check(part, settings, spans);
                let made = street(&checked);
                // Rendering is the slow half of writing: done on the street's thread.
                let rendered: Vec<Option<String>> = checked
                    .diagnostics
                    .iter()
                    .map(|d| in_part(d, part).then(|| render(d)))
                    .collect();
                (Checks::of(checked, beside), rendered, made)
            },
            &mut |_, (checks, rendered, made): (Checks, Vec<Option<String>>, T)| {
                if !seen.add(checks.shared) {
                    return false;
                }
                take(made);
                for (u, v) in used.iter_mut().zip(&checks.used) {
                    *u |= v;
                }
                add(&mut out.accounting, &checks.accounting);
                out.meetings += checks.meetings;
                read_at.extend(checks.read.into_iter().map(|(i, r)| (i + first_file, r)));
                skipped_at.extend(checks.skipped.into_iter().map(|(i, s)| (i + first_file, s)));
                orphans.extend(checks.orphans);
                for (d, text) in checks.found.into_iter().zip(rendered) {
                    out.count(&d);
                    match text {
                        Some(text) if failed.is_none() => {
                            if let Err(e) = out.spill.push(&d, &text) {
                                failed = Some(e);
                            }
                        }
                        _ => {
                            out.kept.push(d);
                            out.of_streets.push(true);
                        }
                    }
                }
                true
            },
        );
        if let Err(e) = out.spill.flush() {
            failed.get_or_insert(e);
        }
        if !independent
            || failed.is_some()
            || seen.named_elsewhere(seen.previous.iter().map(String::as_str))
            || seen.named_elsewhere(orphans.iter().map(|p| p.code.as_str()))
        {
            return None;
        }
        read_at.sort_by_key(|(i, _)| *i);
        skipped_at.sort_by_key(|(i, _)| *i);
        out.read = read_at.into_iter().map(|(_, r)| r).collect();
        out.skipped = skipped_at.into_iter().map(|(_, s)| s).collect();

        // Known only now: D003 suggests the closest code of the whole batch; D010; D009.
        let mut late = Vec::new();
        if !orphans.is_empty() {
            let mut codes: Vec<&str> = seen.codes.iter().map(AsRef::as_ref).collect();
            codes.sort_unstable();
            let mut suggestions = merge::Suggestions::new(codes);
            late.extend(orphans.iter().map(|p| merge::orphan(p, &mut suggestions)));
        }
        if out.read.iter().all(|r| r.records == 0) {
            late.push(no_records(&out.read, &out.skipped));
        }
        for (u, v) in used
            .iter_mut()
            .zip(policy::apply_to_findings(&mut late, settings))
        {
            *u |= v;
        }
        late.extend(policy::waiver_findings(settings, &used));
        for d in &late {
            out.count(d);
        }
        out.nothing_read = late
            .iter()
            .any(|d| d.code == rules::d010::META.code && d.severity != Severity::Info);
        out.of_streets
            .resize(out.of_streets.len() + late.len(), false);
        out.kept.append(&mut late);
        let mut kept: Vec<(Diagnostic, bool)> = std::mem::take(&mut out.kept)
            .into_iter()
            .zip(std::mem::take(&mut out.of_streets))
            .collect();
        kept.sort_by_cached_key(|(d, _)| d.sort_key());
        (out.kept, out.of_streets) = kept.into_iter().unzip();
        Some(out)
    }

    /// The streets read and checked again one by one, as [`Plan::run`] checks them, each handed
    /// whole to `each` in the streets' order on the calling thread while the next are read on
    /// others (at most `threads` streets held at once, the one `each` has among them): for work
    /// that needs a street's records after its findings are written out, such as typesetting its
    /// documents. Each comes with what tells its findings written out with it from those kept
    /// ([`Folder::writes`]).
    pub fn again(
        &self,
        settings: &Settings,
        threads: usize,
        each: &mut dyn FnMut(Checked, Folder<'_>),
    ) {
        let spans = self.spans;
        each_part(
            &self.parts(),
            (threads, threads),
            &|part| check(part, settings, spans).0,
            &mut |part, checked| {
                each(checked, Folder { part });
                true
            },
        );
    }
}

/// Checks the batch below `paths` street by street, rendering each street's findings with
/// `render` (on as many threads as there are cores, at most `threads`); or the whole batch at
/// once when its streets are not independent.
pub fn run(paths: &[PathBuf], settings: &Settings, render: Render<'_>, threads: usize) -> Run {
    Plan::new(paths, settings, threads, false)
        .and_then(|plan| plan.run(settings, render, threads, &|_| (), &mut |()| {}))
        .map_or_else(
            || Run::Whole(Box::new(super::run(paths, settings))),
            |streamed| Run::Streamed(Box::new(streamed)),
        )
}

/// A street's folder, as [`Plan::again`] hands it over.
pub struct Folder<'a> {
    part: &'a Part,
}

impl Folder<'_> {
    /// Whether [`Plan::run`] wrote out this finding of the street with the street's findings
    /// (rather than keeping it among [`Streamed::kept`]).
    pub fn writes(&self, d: &Diagnostic) -> bool {
        in_part(d, self.part)
    }
}

/// Whether a finding is in its street's folder, where the street's findings are written out.
fn in_part(d: &Diagnostic, part: &Part) -> bool {
    !part.prefix.is_empty()
        && d.loc
            .as_ref()
            .is_some_and(|l| l.file.name.starts_with(&part.prefix))
}

fn add(total: &mut Accounting, a: &Accounting) {
    total.records += a.records;
    total.ledger_rows += a.ledger_rows;
    total.participant_rows += a.participant_rows;
    total.minutes_files += a.minutes_files;
    total.merged += a.merged;
    total.participants_attached += a.participants_attached;
    total.rejected += a.rejected;
    total.duplicates += a.duplicates;
    total.orphan_participants += a.orphan_participants;
    total.blank_rows += a.blank_rows;
    total.totals_rows += a.totals_rows;
    total.unchecked_meetings += a.unchecked_meetings;
    total.level_unknown += a.level_unknown;
    total.internal_errors += a.internal_errors;
}

/// The streets' findings as written, with the keys they are sorted by, in a temporary file.
#[derive(Debug)]
struct Spill {
    file: BufWriter<File>,
}

/// One finding read back.
struct Item {
    name: String,
    start: usize,
    code: String,
    message: String,
    /// As written, checked to be text when it is written out.
    text: Vec<u8>,
}

impl Spill {
    fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: BufWriter::with_capacity(BUFFER, tempfile::tempfile()?),
        })
    }

    fn push(&mut self, d: &Diagnostic, text: &str) -> io::Result<()> {
        let (name, start, code, message) = d.sort_key();
        for part in [name.as_str(), code, message.as_str(), text] {
            self.file.write_all(&(part.len() as u64).to_le_bytes())?;
            self.file.write_all(part.as_bytes())?;
        }
        self.file.write_all(&(start as u64).to_le_bytes())
    }

    /// Writes out what is buffered: the findings can be read back from here on.
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }

    fn read(&self) -> io::Result<Spilled> {
        let mut file = self.file.get_ref().try_clone()?;
        file.rewind()?;
        Ok(Spilled {
            file: BufReader::with_capacity(BUFFER, file),
        })
    }
}

struct Spilled {
    file: BufReader<File>,
}

impl Spilled {
    fn number(&mut self) -> io::Result<Option<u64>> {
        let mut bytes = [0u8; 8];
        match self.file.read_exact(&mut bytes) {
            Ok(()) => Ok(Some(u64::from_le_bytes(bytes))),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn bytes(&mut self) -> io::Result<Vec<u8>> {
        let len = self.number()?.ok_or(io::ErrorKind::UnexpectedEof)?;
        let mut bytes = vec![0; len as usize];
        self.file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    fn text(&mut self) -> io::Result<String> {
        String::from_utf8(self.bytes()?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    fn next_item(&mut self) -> io::Result<Option<Item>> {
        let Some(len) = self.number()? else {
            return Ok(None);
        };
        let mut name = vec![0; len as usize];
        self.file.read_exact(&mut name)?;
        let name =
            String::from_utf8(name).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let code = self.text()?;
        let message = self.text()?;
        let text = self.bytes()?;
        let start = self.number()?.ok_or(io::ErrorKind::UnexpectedEof)? as usize;
        Ok(Some(Item {
            name,
            start,
            code,
            message,
            text,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streets_are_the_folders_right_below_the_batch() {
        let root = PathBuf::from("batch");
        let files = [
            root.join("a.csv"),
            root.join("莲花街道").join("彩田社区").join("台账.csv"),
            root.join("莲花街道").join("街道台账.csv"),
            root.join("南山街道").join("台账.csv"),
        ];
        let (loose, streets) = parts(&[root], &files).expect("no overlap");
        assert_eq!(loose.files, vec![(0, PathBuf::from("batch/a.csv"))]);
        let prefixes: Vec<&str> = streets.iter().map(|s| s.prefix.as_str()).collect();
        assert_eq!(prefixes, ["batch/南山街道/", "batch/莲花街道/"]);
        assert_eq!(
            streets[1].files.iter().map(|f| f.0).collect::<Vec<_>>(),
            [1, 2]
        );
    }
}
