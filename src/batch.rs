//! The checking half of the pipeline as one call: discover → load → merge → check.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::load::{FileKind, Loaded, ReadFile, SkippedFile};
use crate::model::Meeting;
use crate::settings::Settings;
use crate::{discover, merge, rules};

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
    /// Meetings whose checking met a bug, each reported as an internal error.
    pub unchecked_meetings: usize,
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
    pub meetings: Vec<Meeting>,
    /// For each meeting (same index), the codes of the meeting rules whose scope it is in: what
    /// the annual figures count as "applicable".
    pub applied: Vec<Vec<&'static str>>,
    /// Sorted by file, place and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Annual reports' prose, in the order the files were read.
    pub prose: Vec<crate::prose::Prose>,
    pub accounting: Accounting,
}

impl Checked {
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
        let paths: BTreeSet<&str> = self.read.iter().map(|r| r.path.as_str()).collect();
        paths.len()
    }

    /// Files of which nothing was read.
    pub fn skipped_files(&self) -> usize {
        let read: BTreeSet<&str> = self.read.iter().map(|r| r.path.as_str()).collect();
        let skipped: BTreeSet<&str> = self
            .skipped
            .iter()
            .map(|s| s.path.as_str())
            .filter(|p| !read.contains(p))
            .collect();
        skipped.len()
    }
}

/// Reads every file below `paths` (files or folders).
pub fn load(paths: &[PathBuf]) -> Loaded {
    let (files, walk_errors) = discover::files(paths);
    let mut loaded = Loaded::default();
    for e in walk_errors {
        loaded.skipped.push(SkippedFile {
            path: e.path.to_string_lossy().replace('\\', "/"),
            sheet: None,
            reason: format!("无法读取：{}", e.message),
        });
    }
    for file in &files {
        loaded.add_file(file);
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
        ..
    } = loaded;
    let participant_rows = participants.len();
    let merged = merge::merge(records, participants);
    diagnostics.extend(merged.diagnostics);
    let mut unchecked_meetings = 0;
    let mut applied = Vec::with_capacity(merged.meetings.len());
    for meeting in &merged.meetings {
        // A bug in one rule on one meeting is reported at that meeting; the others are checked.
        match crate::load::quietly(|| rules::check_meeting(meeting, settings)) {
            Ok(checks) => {
                diagnostics.extend(checks.found);
                applied.push(checks.applied);
            }
            Err(panic) => {
                applied.push(Vec::new());
                unchecked_meetings += 1;
                let mut d = Diagnostic::internal(
                    format!(
                        "内部错误：检查会议 {} 时程序出错，这次会议未检查完，其余会议照常检查",
                        meeting.code
                    ),
                    panic.to_string(),
                    Some(meeting.anchor()),
                );
                d.meeting = Some(meeting.code.clone());
                diagnostics.push(d);
            }
        }
    }
    diagnostics.extend(rules::check_batch(&merged.meetings, settings));
    diagnostics
        .retain(|d| rules::find(d.code).is_none_or(|r| rules::active(r.meta, &settings.profiles)));
    crate::waivers::apply(&mut diagnostics, settings);
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);

    let sum = |kind: FileKind, f: fn(&ReadFile) -> usize| -> usize {
        read.iter().filter(|r| r.kind == kind).map(f).sum()
    };
    let rejected: usize = read.iter().map(|r| r.rejected).sum();
    // Participant rows rejected while loading never reach the merge.
    let accounting = Accounting {
        records: read.iter().map(|r| r.records).sum(),
        ledger_rows: sum(FileKind::Ledger, |r| r.records),
        participant_rows: sum(FileKind::Participants, |r| r.records),
        minutes_files: sum(FileKind::Minutes, |r| r.records),
        merged: merged.meetings.iter().map(|m| m.records.len()).sum(),
        participants_attached: participant_rows - merged.orphan_participants,
        rejected,
        duplicates: merged.duplicates,
        orphan_participants: merged.orphan_participants,
        blank_rows: read.iter().map(|r| r.blank_rows).sum(),
        totals_rows: read.iter().map(|r| r.totals_rows).sum(),
        unchecked_meetings,
    };
    Checked {
        read,
        skipped,
        meetings: merged.meetings,
        applied,
        diagnostics,
        prose,
        accounting,
    }
}

/// Loads and checks a batch.
pub fn run(paths: &[PathBuf], settings: &Settings) -> Checked {
    check(load(paths), settings)
}
