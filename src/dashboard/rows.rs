//! The dashboard's rows: one per meeting and one per finding, as the page's script reads them
//! (short keys, what a row does not have left out). A workspace's own template is given them as
//! a tree ([`Rows`]); the built-in page has them written into its script as text, a row at a
//! time, a finding's file numbered as the rows are written in the batch's order ([`write_rows`]),
//! so that the rows of a batch checked street by street are made on the streets' threads.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value as Json;

use super::{Links, severity_key, unit_name};
use crate::audit::{Audit, Outline};
use crate::batch::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::model::Meeting;
use crate::notices;
use crate::texts;

/// Where a finding is: the file, as its index in the page's list of files, and the place in
/// it; or the place alone when it is not named after the file.
pub(super) type Place = (Option<usize>, Option<String>);

/// Where a finding is: the file its place is named after, if it is, and the rest of the place
/// (the whole place when it is not named after its file).
pub(super) fn place_of(d: &Diagnostic) -> (Option<&str>, Option<String>) {
    let Some(loc) = d.loc.as_ref() else {
        return (None, None);
    };
    let (name, shown) = (loc.file.name.as_str(), loc.display());
    match shown.strip_prefix(name) {
        Some(rest) => (Some(name), Some(rest.to_string())),
        None => (None, Some(shown)),
    }
}

/// The places of the findings and the files named in them, each file once, in the order of
/// the findings that first name them.
pub(super) fn places(diagnostics: &[Diagnostic]) -> (Vec<Place>, Vec<String>) {
    let shown: Vec<(Option<&str>, Option<String>)> = diagnostics
        .par_iter()
        .with_min_len(256)
        .map(place_of)
        .collect();
    let mut files = Files::default();
    let places = shown
        .into_iter()
        .map(|(name, at)| (name.map(|n| files.index(n)), at))
        .collect();
    (places, files.names)
}

/// The files the findings name, numbered in the order they are first named.
#[derive(Default)]
pub(super) struct Files {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Files {
    fn index(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }
}

/// The row of one finding in the page's data: short keys, its rule's title and its file named
/// once for all (`titles`, `files`), since a large batch has tens of thousands of rows. What a
/// row does not have is left out: tens of thousands of `null`s add up. Rows borrow their text
/// from the findings: a province's rows are not copied before the page is made.
#[derive(Serialize)]
pub(super) struct FindingRow<'a> {
    v: &'static str,
    c: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    u: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    m: Option<&'a str>,
    x: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    f: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<std::borrow::Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    st: Option<std::borrow::Cow<'a, str>>,
}

/// A [`FindingRow`] before its file is numbered: the file's name, and the row's JSON in the two
/// halves the number goes between. A row is made on the thread of its street; the files are
/// numbered when the rows are written, in the order of the whole batch.
pub(super) fn row_text(row: &FindingRow, file: Option<&str>) -> String {
    #[derive(Serialize)]
    struct Head<'a> {
        v: &'static str,
        c: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        s: Option<&'a str>,
        u: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        m: Option<&'a str>,
        x: &'a str,
    }
    let head = Head {
        v: row.v,
        c: row.c,
        s: row.s,
        u: &row.u,
        m: row.m,
        x: row.x,
    };
    let mut text = String::new();
    match file {
        Some(name) => {
            text.push('1');
            text.push_str(name);
        }
        None => text.push('0'),
    }
    text.push('\0');
    let head = serde_json::to_string(&head).expect("rows are plain data");
    text.push_str(&head[..head.len() - 1]);
    text.push('\0');
    for (key, value) in [(",\"p\":", &row.p), (",\"st\":", &row.st)] {
        if let Some(value) = value {
            text.push_str(key);
            text.push_str(&serde_json::to_string(value).expect("text"));
        }
    }
    text
}

/// A finding's row as [`row_text`] makes it, with no state (a run without last month's list).
pub fn finding_text(d: &Diagnostic) -> String {
    let (file, at) = place_of(d);
    row_text(&finding_row(d, None, (None, at)), file)
}

/// Appends the row of `text` (of [`row_text`]) to `out`, its file numbered by `files`, as
/// `json_script` writes it.
pub(super) fn write_row_text(out: &mut dyn Write, text: &str, files: &mut Files) -> io::Result<()> {
    let mut parts = text.splitn(3, '\0');
    let (file, head, tail) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let mut row = String::with_capacity(text.len() + 8);
    row.push_str(head);
    if let Some(name) = file.strip_prefix('1') {
        let _ = std::fmt::Write::write_fmt(&mut row, format_args!(",\"f\":{}", files.index(name)));
    }
    row.push_str(tail);
    row.push('}');
    out.write_all(texts::script_safe(&row).as_bytes())
}

pub(super) fn finding_row<'a>(
    d: &'a Diagnostic,
    state: Option<&str>,
    (file, at): Place,
) -> FindingRow<'a> {
    FindingRow {
        v: severity_key(d.severity),
        c: d.code,
        s: d.street.as_deref(),
        u: unit_name(d.street.as_deref(), d.community.as_deref()).into(),
        m: d.meeting.as_deref().or(d.period.as_deref()),
        x: &d.message,
        f: file,
        p: at.map(Into::into),
        st: state.map(|s| s.to_string().into()),
    }
}

/// The row of one meeting in the page's data, as [`FindingRow`]s are made.
#[derive(Serialize)]
pub(super) struct MeetingRow<'a> {
    c: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    u: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    f: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    o: Option<&'a str>,
    n: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a Vec<Json>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sms: Option<usize>,
}

/// The page's data.
#[derive(Serialize)]
pub(super) struct Rows<'a> {
    meetings: Vec<MeetingRow<'a>>,
    findings: Vec<FindingRow<'a>>,
    titles: BTreeMap<&'a str, &'a str>,
    files: Vec<String>,
}

/// The states of the findings against last month's list, by the findings' indices, when the
/// audit was compared with one.
pub(super) struct States<'a> {
    outline: Option<&'a Outline>,
    by_finding: HashMap<usize, String>,
}

impl<'a> States<'a> {
    /// The states of `audit`'s items (of a batch checked at once), as `outline` says it.
    pub(super) fn of(audit: Option<&Audit>, outline: Option<&'a Outline>) -> States<'a> {
        let mut by_finding = HashMap::new();
        for a in audit.iter().flat_map(|a| &a.streets) {
            for it in &a.items {
                if let Some(state) = crate::audit::dashboard_state(it) {
                    by_finding.insert(it.diagnostic, state);
                }
            }
        }
        States {
            outline,
            by_finding,
        }
    }

    pub(super) fn of_finding(&self, i: usize) -> Option<&str> {
        self.outline.filter(|a| !a.baselines.is_empty()).map(|_| {
            self.by_finding
                .get(&i)
                .map_or(crate::audit::NOT_LISTED, String::as_str)
        })
    }

    /// The rows of the findings last month's list had and this month's does not.
    pub(super) fn closed(&self) -> Vec<FindingRow<'a>> {
        closed_rows(self.outline)
    }

    /// Each closed row's rule with its title, added to `titles` where it is not yet.
    pub(super) fn closed_titles(&self, titles: &mut BTreeMap<&'a str, &'a str>) {
        closed_titles(self.outline, titles);
    }
}

/// The rows of the findings last month's list had and this month's does not.
fn closed_rows(outline: Option<&Outline>) -> Vec<FindingRow<'_>> {
    let mut rows = Vec::new();
    for a in outline.iter().flat_map(|a| &a.streets) {
        for c in &a.closed {
            let r = &c.row;
            rows.push(FindingRow {
                v: r.severity.map_or("warning", severity_key),
                c: &r.code,
                s: Some(&a.street),
                u: if r.unit == a.street || r.unit.is_empty() {
                    a.street.as_str().into()
                } else {
                    format!("{}{}", a.street, r.unit).into()
                },
                m: Some(&r.subject),
                x: &r.message,
                f: None,
                p: Some(r.place.as_str().into()),
                st: Some(c.comparison().into()),
            });
        }
    }
    rows
}

/// Each closed row's rule with its title, added to `titles` where it is not yet.
pub(super) fn closed_titles<'a>(
    outline: Option<&'a Outline>,
    titles: &mut BTreeMap<&'a str, &'a str>,
) {
    for a in outline.iter().flat_map(|a| &a.streets) {
        for c in &a.closed {
            titles
                .entry(c.row.code.as_str())
                .or_insert(c.row.title.as_str());
        }
    }
}

/// The rows of the findings last month's list had and this month's does not, as
/// [`row_text`] makes them.
pub(super) fn closed_texts(outline: &Outline) -> Vec<String> {
    closed_rows(Some(outline))
        .iter()
        .map(|row| row_text(row, None))
        .collect()
}

/// A finding's row (of [`finding_text`]) with its state against last month's list.
pub fn with_state(row: &str, state: &str) -> String {
    let state = serde_json::to_string(state).expect("text");
    [row, ",\"st\":", &state].concat()
}

/// The page's data as a tree, for a workspace's own template.
pub(super) fn rows<'a>(
    checked: &'a Checked,
    links: &'a Links,
    sms: &HashMap<&str, usize>,
    states: &States<'a>,
) -> Rows<'a> {
    let (places, files) = places(&checked.diagnostics);
    let mut titles: BTreeMap<&str, &str> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.title))
        .collect();
    states.closed_titles(&mut titles);
    // Tens of thousands of rows in a large batch: made on all the cores, kept in order.
    let mut findings: Vec<FindingRow> = checked
        .diagnostics
        .par_iter()
        .zip(places)
        .enumerate()
        .with_min_len(256)
        .map(|(i, (d, place))| finding_row(d, states.of_finding(i), place))
        .collect();
    findings.extend(states.closed());
    let counts = finding_counts(&checked.diagnostics);
    let meetings: Vec<MeetingRow> = checked
        .meetings
        .par_iter()
        .with_min_len(256)
        .map(|m| meeting_row(m, &counts, links, sms))
        .collect();
    Rows {
        meetings,
        findings,
        titles,
        files,
    }
}

/// The findings that are not notes, by meeting.
pub(super) fn finding_counts(diagnostics: &[Diagnostic]) -> HashMap<&str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for d in diagnostics {
        if let Some(m) = &d.meeting {
            *counts.entry(m.as_str()).or_default() += usize::from(d.severity != Severity::Info);
        }
    }
    counts
}

pub(super) fn meeting_row<'a>(
    m: &'a Meeting,
    counts: &HashMap<&str, usize>,
    links: &'a Links,
    sms: &HashMap<&str, usize>,
) -> MeetingRow<'a> {
    MeetingRow {
        c: &m.code,
        d: m.date(Field::HeldOn).map(crate::rules::ymd),
        s: m.street(),
        u: unit_name(
            m.street(),
            if m.level() == Some(crate::model::Level::Street) {
                None
            } else {
                m.community()
            },
        ),
        f: m.text(Field::Form),
        t: m.cell(Field::Topic).map(|c| c.value.display()),
        o: m.text(Field::Outcome),
        n: counts.get(m.code.as_str()).copied().unwrap_or(0),
        l: links.meetings.get(m.code.as_str()),
        sms: sms.get(m.code.as_str()).copied(),
    }
}

/// The rows of `checked`'s meetings as the page's script has them, comma-separated.
pub(super) fn meeting_rows_text(
    checked: &Checked,
    links: &Links,
    sms: &HashMap<&str, usize>,
) -> String {
    let counts = finding_counts(&checked.diagnostics);
    let rows: Vec<String> = checked
        .meetings
        .par_iter()
        .with_min_len(256)
        .map(|m| {
            texts::script_safe(
                &serde_json::to_string(&meeting_row(m, &counts, links, sms))
                    .expect("rows are plain data"),
            )
        })
        .collect();
    rows.join(",")
}

/// The number of the SMS segments of each meeting's notice, by meeting.
pub(super) fn sms_segments(notices: Option<&notices::Written>) -> HashMap<&str, usize> {
    notices.map(|n| sms_of(&n.notices)).unwrap_or_default()
}

/// [`sms_segments`] of some meetings' notices.
pub fn sms_of(notices: &[notices::Notice]) -> HashMap<&str, usize> {
    notices
        .iter()
        .filter_map(|notice| Some((notice.meeting.as_str(), notice.segments?.segments)))
        .collect()
}

/// Hands the findings' rows (of [`finding_text`]) one by one, in the page's order, to what it
/// is given.
pub type FindingTexts<'a> =
    dyn FnMut(&mut dyn FnMut(&str) -> io::Result<()>) -> io::Result<()> + 'a;

/// The rows of the built-in page, as text: the meetings' rows written by `meetings`
/// (comma-separated), the findings' rows (of [`row_text`]) handed one by one by `findings` to
/// what it is given, in the page's order.
pub(super) struct RowsText<'a> {
    pub(super) meetings: &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    pub(super) findings: &'a mut FindingTexts<'a>,
    pub(super) titles: &'a BTreeMap<&'a str, &'a str>,
}

/// The rows as `json_script` writes them, written to `out`.
pub(super) fn write_rows(out: &mut dyn Write, rows: &mut RowsText) -> io::Result<()> {
    out.write_all(b"{\"meetings\":[")?;
    (rows.meetings)(out)?;
    out.write_all(b"],\"findings\":[")?;
    let mut files = Files::default();
    let mut first = true;
    (rows.findings)(&mut |text| {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        write_row_text(out, text, &mut files)
    })?;
    out.write_all(b"],\"titles\":")?;
    let titles = serde_json::to_string(rows.titles).map_err(io::Error::other)?;
    out.write_all(texts::script_safe(&titles).as_bytes())?;
    out.write_all(b",\"files\":")?;
    let files = serde_json::to_string(&files.names).map_err(io::Error::other)?;
    out.write_all(texts::script_safe(&files).as_bytes())?;
    out.write_all(b"}")
}
