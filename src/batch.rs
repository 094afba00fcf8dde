//! The checking half of the pipeline as one call: discover → load → merge → check; or, for
//! `yishi check`, the same street by street ([`stream`]).

pub mod stream;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::load::{FileKind, Loaded, ReadFile, SkippedFile};
use crate::model::Meeting;
use crate::rules::d010;
use crate::settings::Settings;
use crate::{discover, guard, merge, policy, rules};

/// How every record read was accounted for.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Accounting {
    /// Ledger rows, participant rows and minutes files read (blank rows not counted).
    pub records: usize,
    pub ledger_rows: usize,
    pub participant_rows: usize,
    pub minutes_files: usize,
    /// Ledger rows and minutes merged into meetings.
    pub merged: usize,
    /// Participant rows attached to a meeting.
    pub participants_attached: usize,
    /// Records not used, each with a diagnostic: unreadable rows or front matter.
    pub rejected: usize,
    /// Records whose code was already taken (D006).
    pub duplicates: usize,
    /// Participant rows naming no meeting (D003).
    pub orphan_participants: usize,
    pub blank_rows: usize,
    /// Totals rows (合计/总计) passed over, each noted (D008).
    pub totals_rows: usize,
    /// Meetings not wholly checked: `level_unknown` and `internal_errors` together.
    pub unchecked_meetings: usize,
    /// Meetings whose level is blank (and not said by the rest of the row) or unreadable: the
    /// rules that depend on the level were not run (named in a D002, or the value in a D003).
    pub level_unknown: usize,
    /// Meetings whose checking met a bug, each reported as an internal error.
    pub internal_errors: usize,
}

impl Accounting {
    /// Whether every record read ended up somewhere.
    pub fn balanced(&self) -> bool {
        self.records
            == self.merged
                + self.participants_attached
                + self.rejected
                + self.duplicates
                + self.orphan_participants
    }
}

/// A checked batch.
#[derive(Debug)]
pub struct Checked {
    pub read: Vec<ReadFile>,
    pub skipped: Vec<SkippedFile>,
    /// How the first entries of `skipped` came about.
    pub passed: crate::load::PassedOver,
    pub meetings: Vec<Meeting>,
    /// For each meeting (same index), the codes of the meeting rules whose scope it is in: what
    /// the annual figures count as "applicable".
    /// Meetings checked alike share one list: a province has a few kinds of meeting and
    /// a million meetings.
    pub applied: Vec<std::sync::Arc<[&'static str]>>,
    /// Sorted by file, place and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Annual reports' prose, in the order the files were read.
    pub prose: Vec<crate::prose::Prose>,
    pub accounting: Accounting,
    /// The configuration the batch was checked under, where it differs from the defaults.
    pub config: std::sync::Arc<crate::in_force::ConfigInForce>,
    /// What the defaults report and the settings removed or lowered, when asked for
    /// (`--show-hidden`).
    pub hidden: Option<Vec<crate::in_force::HiddenFinding>>,
}

impl Checked {
    /// What `yishi check` exits with: 1 when errors were found, or when no record was read at
    /// all (D010: nothing was checked); else 0.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.count(Severity::Error) > 0 || self.nothing_read())
    }

    /// Whether the batch held no record, as D010 says (unless a waiver made it a note).
    pub fn nothing_read(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.code == d010::META.code && d.severity != Severity::Info)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Files in the batch: each read or skipped once (a workbook is one file, however many
    /// sheets were read or passed over).
    pub fn files(&self) -> usize {
        self.read_files() + self.skipped_files()
    }

    /// Files of which something was read.
    pub fn read_files(&self) -> usize {
        read_files(&self.read)
    }

    /// Files of which nothing was read.
    pub fn skipped_files(&self) -> usize {
        skipped_files(&self.read, &self.skipped)
    }

    /// What the summary says of the batch.
    pub fn overview(&self) -> Overview<'_> {
        let mut by_rule = BTreeMap::new();
        for d in &self.diagnostics {
            *by_rule.entry((d.code, d.severity)).or_default() += 1;
        }
        Overview {
            read: &self.read,
            skipped: &self.skipped,
            accounting: &self.accounting,
            meetings: self.meetings.len(),
            by_rule,
            nothing_read: self.nothing_read(),
            config: &self.config,
            hidden: self.hidden.as_deref(),
        }
    }
}

/// What the summary of a checked batch says, whether its findings were kept (a [`Checked`]
/// batch) or written out street by street ([`stream`]): the files, every record accounted for,
/// and the findings counted by rule and severity.
#[derive(Debug)]
pub struct Overview<'a> {
    pub read: &'a [ReadFile],
    pub skipped: &'a [SkippedFile],
    pub accounting: &'a Accounting,
    pub meetings: usize,
    pub by_rule: BTreeMap<(&'static str, Severity), usize>,
    /// D010 at more than a note: no record was read.
    pub nothing_read: bool,
    pub config: &'a crate::in_force::ConfigInForce,
    pub hidden: Option<&'a [crate::in_force::HiddenFinding]>,
}

impl Overview<'_> {
    pub fn files(&self) -> usize {
        read_files(self.read) + skipped_files(self.read, self.skipped)
    }

    pub fn read_files(&self) -> usize {
        read_files(self.read)
    }

    pub fn skipped_files(&self) -> usize {
        skipped_files(self.read, self.skipped)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_rule
            .iter()
            .filter(|((_, s), _)| *s == severity)
            .map(|(_, n)| n)
            .sum()
    }

    /// What `yishi check` exits with (see [`Checked::exit_code`]).
    pub fn exit_code(&self) -> u8 {
        u8::from(self.count(Severity::Error) > 0 || self.nothing_read)
    }
}

fn read_files(read: &[ReadFile]) -> usize {
    let paths: BTreeSet<&str> = read.iter().map(|r| r.path.as_str()).collect();
    paths.len()
}

fn skipped_files(read: &[ReadFile], skipped: &[SkippedFile]) -> usize {
    let read: BTreeSet<&str> = read.iter().map(|r| r.path.as_str()).collect();
    let skipped: BTreeSet<&str> = skipped
        .iter()
        .map(|s| s.path.as_str())
        .filter(|p| !read.contains(p))
        .collect();
    skipped.len()
}

/// Reads every file below `paths` (files or folders); every entry passed over is listed, and
/// one that could not be read is a D001.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_found(&discover::files(paths))
}

/// [`load`] of the files and entries a walk of the batch found.
pub fn load_found(found: &discover::Discovered) -> Loaded {
    let mut loaded = Loaded::default();
    loaded.passed = crate::load::PassedOver {
        walked: found.walked,
        linked: found.passed.len() - found.walked,
    };
    for passed in &found.passed {
        if passed.unreadable {
            loaded.unreadable(&passed.path, &passed.reason);
        } else {
            loaded.pass(&passed.path, &passed.reason);
        }
    }
    // Files are read and parsed on all the cores, then joined in the batch's order.
    let files: Vec<crate::load::FileRead> = {
        use rayon::prelude::*;
        found
            .files
            .par_iter()
            .map(|file| Loaded::read_alone(file))
            .collect()
    };
    for file in files {
        loaded.join(file);
    }
    loaded
}

/// Merges and checks what was loaded.
pub fn check(loaded: Loaded, settings: &Settings) -> Checked {
    let Loaded {
        read,
        skipped,
        records,
        participants,
        prose,
        mut diagnostics,
        passed,
        ..
    } = loaded;
    let participant_rows = participants.len();
    let mut merged = merge::merge(records, participants);
    diagnostics.append(&mut merged.diagnostics);
    let mut internal_errors = 0;
    let mut applied = Vec::with_capacity(merged.meetings.len());
    let mut lists: std::collections::HashMap<Vec<&'static str>, std::sync::Arc<[&'static str]>> =
        std::collections::HashMap::new();
    let mut shared = |codes: Vec<&'static str>| {
        std::sync::Arc::clone(
            lists
                .entry(codes)
                .or_insert_with_key(|codes| codes.as_slice().into()),
        )
    };
    for found in check_meetings(&merged.meetings, settings) {
        match found {
            Ok(checks) => {
                diagnostics.extend(checks.found);
                applied.push(shared(checks.applied));
            }
            Err(internal) => {
                applied.push(shared(Vec::new()));
                internal_errors += 1;
                diagnostics.push(*internal);
            }
        }
    }
    diagnostics.extend(rules::check_batch(&merged.meetings, settings));
    if read.iter().all(|r| r.records == 0) {
        diagnostics.push(no_records(&read, &skipped));
    }
    policy::apply(&mut diagnostics, settings);
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);

    let accounting = accounting(&read, &merged, participant_rows, internal_errors);
    Checked {
        read,
        skipped,
        passed,
        meetings: merged.meetings,
        applied,
        diagnostics,
        prose,
        accounting,
        config: std::sync::Arc::clone(&settings.in_force),
        hidden: None,
    }
}

/// Every meeting's own rules, in the meetings' order. A meeting's rules read only the meeting and
/// the settings, so the meetings are checked on all the cores. A bug in one rule on one meeting
/// is reported at that meeting; the others are checked.
pub(crate) fn check_meetings(
    meetings: &[Meeting],
    settings: &Settings,
) -> Vec<Result<rules::Checks, Box<Diagnostic>>> {
    use rayon::prelude::*;
    meetings
        .par_iter()
        .with_min_len(64)
        .map(|meeting| {
            guard::checked(
                || rules::check_meeting(meeting, settings),
                |panic| internal(meeting, &panic),
            )
        })
        .collect()
}

/// A bug in one rule on one meeting: reported at that meeting, the others checked.
fn internal(meeting: &Meeting, panic: &guard::Panic) -> Diagnostic {
    let mut d = Diagnostic::internal(
        format!(
            "内部错误：检查会议 {} 时程序出错，这次会议未检查完，其余会议照常检查",
            meeting.code
        ),
        panic.to_string(),
        Some(meeting.anchor()),
    );
    d.meeting = Some(meeting.code.clone());
    d
}

/// How the records of `read` were accounted for once merged (`participant_rows`: the
/// participant rows loaded).
fn accounting(
    read: &[ReadFile],
    merged: &merge::Merged,
    participant_rows: usize,
    internal_errors: usize,
) -> Accounting {
    let level_unknown = merged
        .meetings
        .iter()
        .filter(|m| m.level().is_none())
        .count();
    let sum = |kind: FileKind, f: fn(&ReadFile) -> usize| -> usize {
        read.iter().filter(|r| r.kind == kind).map(f).sum()
    };
    // Participant rows rejected while loading never reach the merge.
    Accounting {
        records: read.iter().map(|r| r.records).sum(),
        ledger_rows: sum(FileKind::Ledger, |r| r.records),
        participant_rows: sum(FileKind::Participants, |r| r.records),
        minutes_files: sum(FileKind::Minutes, |r| r.records),
        merged: merged.meetings.iter().map(|m| m.records.len()).sum(),
        participants_attached: participant_rows - merged.orphan_participants,
        rejected: read.iter().map(|r| r.rejected).sum(),
        duplicates: merged.duplicates,
        orphan_participants: merged.orphan_participants,
        blank_rows: read.iter().map(|r| r.blank_rows).sum(),
        totals_rows: read.iter().map(|r| r.totals_rows).sum(),
        unchecked_meetings: level_unknown + internal_errors,
        level_unknown,
        internal_errors,
    }
}

/// D010: the batch held no record, and what it held instead.
pub(crate) fn no_records(read: &[ReadFile], skipped: &[SkippedFile]) -> Diagnostic {
    let files: BTreeSet<&str> = read
        .iter()
        .map(|r| r.path.as_str())
        .chain(skipped.iter().map(|s| s.path.as_str()))
        .collect();
    let message = if files.is_empty() {
        format!("{}：批次中没有文件，什么也没有检查", d010::META.title)
    } else if read.is_empty() {
        format!(
            "{}：批次中的 {} 个文件都不是台账、参会人员名单或会议记录，什么也没有检查",
            d010::META.title,
            files.len()
        )
    } else {
        format!(
            "{}：批次中的台账或名单只有表头、没有一行记录（共 {} 个文件），什么也没有检查",
            d010::META.title,
            files.len()
        )
    };
    // At the first file read (a ledger with only its header), when there is one.
    let place = read.first().map(|r| {
        crate::source::Loc::new(
            &crate::source::SourceFile::new(r.file.clone(), "", crate::source::Encoding::Utf8),
            0..0,
        )
    });
    Diagnostic::new(&d010::META, message)
        .at(place.as_ref())
        .label("没有一行记录")
        .fact("files", files.len())
        .fact("read_files", read.len())
        .help("核对路径是不是批次所在的文件夹、文件是否已上传完整；各文件跳过的原因见汇总")
}

/// Loads and checks a batch.
pub fn run(paths: &[PathBuf], settings: &Settings) -> Checked {
    check(load(paths), settings)
}
