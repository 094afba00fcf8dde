//! The report as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for code-scanning
//! dashboards and editors: one log, one run, the active rules as the driver's rules and each
//! diagnostic as a result.
//!
//! - Paths are relative to the batch folder given on the command line, under the base id `BATCH`
//!   (`BATCH1`, `BATCH2`, … when several were given), so a log means the same on every machine.
//! - Columns count Unicode code points (`columnKind: unicodeCodePoints`), as the human and JSON
//!   reports do; `endColumn` is the column after the last character.
//! - Each result's `partialFingerprints["yishi/v1"]` is the SHA-256 of its rule code, meeting
//!   code, field and file path (and, for a finding outside any meeting, its message), joined with
//!   NUL bytes, in lowercase hex. Line numbers are left out, so a finding keeps its fingerprint
//!   when the ledger's rows are reordered.
//! - The street, community and meeting are logical locations (`run.logicalLocations`, kinds
//!   `street`, `community`, `meeting`), e.g. `莲花街道/彩田社区/LH-CT-2026-002`.
//!
//! The log is written, not built as one tree ([`write()`]): a batch checked street by street hands
//! over its findings as [`Results::pending`] renders them, without holding them, and a batch
//! checked at once goes through the same code ([`write_checked`]), so the two logs are the same.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, BufWriter, Seek as _, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value as Json, json};
use sha2::{Digest, Sha256};

use crate::batch::{Checked, Overview};
use crate::diag::{Diagnostic, Severity};
use crate::in_force::ConfigInForce;
use crate::meta::RuleMeta;
use crate::rules;
use crate::settings::Settings;
use crate::source::{Encoding, display_path};

/// The schema the log declares (OASIS SARIF 2.1.0, errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of the fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "yishi/v1";

/// The SARIF log for a checked batch; `paths` are the batch folders or files as given.
pub fn document(checked: &Checked, settings: &Settings, paths: &[PathBuf]) -> Json {
    let mut text = Vec::new();
    write_checked(&mut text, checked, settings, paths).expect("written to memory");
    serde_json::from_slice(&text).expect("the log is JSON")
}

/// Writes the SARIF log of a batch checked at once (what [`document`] is read from).
pub fn write_checked(
    out: &mut dyn Write,
    checked: &Checked,
    settings: &Settings,
    paths: &[PathBuf],
) -> io::Result<()> {
    let results = Results::new(settings, paths);
    let pending: Vec<String> = checked
        .diagnostics
        .par_iter()
        .map(|d| results.pending(d))
        .collect();
    write(out, &checked.overview(), settings, &results, &mut |each| {
        pending.iter().try_for_each(|p| each(p))
    })
}

/// Each finding as [`Results::pending`] renders it, in the report's order, handed to the
/// callback; called once per pass over them.
pub type Findings<'a> = dyn FnMut(&mut dyn FnMut(&str) -> io::Result<()>) -> io::Result<()> + 'a;

/// Writes the SARIF log of a batch from its overview and its findings, which `findings` hands
/// over twice (as [`Results::pending`] renders them, in the report's order): once to list the
/// places they are at, which the log gives before the results, and once to write the results. A
/// batch checked street by street writes its log this way without holding its findings.
/// `results` is what rendered them.
pub fn write(
    out: &mut dyn Write,
    overview: &Overview<'_>,
    settings: &Settings,
    results: &Results,
    findings: &mut Findings<'_>,
) -> io::Result<()> {
    write_with(out, (overview, settings), results, &[], findings)
}

/// [`write()`] with `more` of the run's properties after its own (an audit's summary).
pub fn write_with(
    out: &mut dyn Write,
    (overview, settings): (&Overview<'_>, &Settings),
    results: &Results,
    more: &[(&str, Json)],
    findings: &mut Findings<'_>,
) -> io::Result<()> {
    let roots = &results.roots;
    let active = &results.active;

    // The files, in the order they are listed (read, then skipped), are written one at a time.
    let artifact_index: HashMap<&str, usize> = overview
        .read
        .iter()
        .map(|f| f.path.as_str())
        .chain(overview.skipped.iter().map(|f| f.path.as_str()))
        .enumerate()
        .map(|(i, path)| (path, i))
        .collect();
    let artifacts = overview
        .read
        .iter()
        .map(|f| {
            let mut artifact = json!({
                "location": roots.location(&f.file),
                "roles": ["analysisTarget"],
                "properties": {
                    "kind": f.kind,
                    "encoding": f.encoding,
                    "records": f.records,
                    "rejected": f.rejected,
                    "blankRows": f.blank_rows,
                },
            });
            // A workbook is binary: it has no text encoding to name.
            if let Some(charset) = iana(f.encoding) {
                artifact["encoding"] = json!(charset);
            }
            artifact
        })
        .chain(overview.skipped.iter().map(|f| {
            json!({
                "location": roots.location(&f.file),
                "properties": { "skipped": f.reason },
            })
        }));

    let mut log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "yishi",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": "zh-CN",
                "rules": active.iter().map(|m| rule(m)).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": true,
                "exitCode": i32::from(overview.exit_code()),
                "toolExecutionNotifications": overview.skipped.iter().map(|f| json!({
                    "level": "note",
                    "message": { "text": format!("未作为记录读入：{}", f.reason) },
                    "locations": [{ "physicalLocation": {
                        "artifactLocation": roots.location(&f.file),
                    }}],
                })).collect::<Vec<_>>(),
            }],
            "originalUriBaseIds": roots.base_ids(),
            "artifacts": [],
            "logicalLocations": [],
            "results": [],
            "columnKind": "unicodeCodePoints",
            "properties": {
                "profile": settings.profiles.iter().map(|p| p.key()).collect::<Vec<_>>(),
                "today": settings.today.format("%Y-%m-%d").to_string(),
                "summary": {
                    "files": overview.files(),
                    "readFiles": overview.read.len(),
                    "skippedFiles": overview.skipped.len(),
                    "records": overview.accounting.records,
                    "accounting": overview.accounting,
                    "meetings": overview.meetings,
                    "errors": overview.count(Severity::Error),
                    "warnings": overview.count(Severity::Warning),
                    "infos": overview.count(Severity::Info),
                },
            },
        }],
    });
    if overview.config.present() {
        let run = &mut log["runs"][0];
        run["properties"]["config"] = json!(*overview.config);
        run["invocations"][0]["ruleConfigurationOverrides"] =
            Json::Array(overrides(overview.config, active));
    }
    if let Some(hidden) = overview.hidden {
        log["runs"][0]["properties"]["hidden"] =
            hidden.iter().map(crate::report::json::hidden).collect();
    }
    for (key, value) in more {
        log["runs"][0]["properties"][*key] = value.clone();
    }
    let skeleton = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
    drop(log);
    let at = skeleton
        .find(LISTS)
        .expect("the run lists its files, places and results");
    out.write_all(&skeleton.as_bytes()[..at])?;
    out.write_all(b"\"artifacts\": ")?;
    let mut listed = Listing::new(&mut *out);
    for artifact in artifacts {
        listed.push(&artifact)?;
    }
    listed.end()?;

    // The places, numbered in the order the results name them first.
    let mut logical = LogicalLocations::default();
    let mut places = Listing::new(Aside::new());
    findings(&mut |text| {
        let (head, _) = split(text)?;
        logical.place(head.place(), &mut |entry| places.push(&entry))?;
        Ok(())
    })?;
    out.write_all(b",\n      \"logicalLocations\": ")?;
    places.into_inner()?.copy_to(out)?;

    out.write_all(b",\n      \"results\": ")?;
    let mut listed = Listing::new(&mut *out);
    let mut batch: Vec<Numbered> = Vec::new();
    findings(&mut |text| {
        let (head, body) = split(text)?;
        let artifact = head
            .path
            .as_deref()
            .and_then(|p| artifact_index.get(p).copied());
        let place = logical.place(head.place(), &mut |_| {
            unreachable!("every place was listed in the first pass")
        })?;
        batch.push((body.to_owned(), artifact, place));
        if batch.len() == 4096 {
            list_finished(&mut batch, &mut listed)?;
        }
        Ok(())
    })?;
    list_finished(&mut batch, &mut listed)?;
    listed.end()?;
    out.write_all(&skeleton.as_bytes()[at + LISTS.len()..])?;
    out.write_all(b"\n")
}

/// Text set aside to be written later: in a temporary file (a province's places), or in memory
/// when no temporary file can be made.
enum Aside {
    File(BufWriter<std::fs::File>),
    Memory(Vec<u8>),
}

impl Aside {
    fn new() -> Aside {
        tempfile::tempfile().map_or_else(
            |_| Aside::Memory(Vec::new()),
            |f| Aside::File(BufWriter::new(f)),
        )
    }

    fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Aside::File(file) => {
                let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.rewind()?;
                io::copy(&mut file, out).map(drop)
            }
            Aside::Memory(text) => out.write_all(&text),
        }
    }
}

impl Write for Aside {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Aside::File(file) => file.write(bytes),
            Aside::Memory(text) => text.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Aside::File(file) => file.flush(),
            Aside::Memory(_) => Ok(()),
        }
    }
}

/// A pending finding's result with its file's index among the artifacts and its logical
/// location.
type Numbered = (String, Option<usize>, Option<Json>);

/// Lists the results of `batch` (on all the cores) and empties it.
fn list_finished<W: Write>(batch: &mut Vec<Numbered>, listed: &mut Listing<W>) -> io::Result<()> {
    let done: Vec<io::Result<Vec<u8>>> = batch
        .par_iter()
        .map(|(body, artifact, place)| finished(body, *artifact, place.as_ref()))
        .collect();
    batch.clear();
    for text in done {
        listed.push_text(&text?)?;
    }
    Ok(())
}

/// The run's three long lists, empty, in the log as pretty-printed: they are written where these
/// are. A key followed by `": ` is the log's own, as a string's quotes are escaped.
const LISTS: &str = "\"artifacts\": [],\n      \"logicalLocations\": [],\n      \"results\": []";

/// A list of the run, written one item at a time at the depth of its items.
struct Listing<W: Write> {
    out: W,
    items: usize,
}

impl<W: Write> Listing<W> {
    fn new(out: W) -> Listing<W> {
        Listing { out, items: 0 }
    }

    fn push(&mut self, item: &Json) -> io::Result<()> {
        self.push_text(&serde_json::to_vec_pretty(item).map_err(io::Error::other)?)
    }

    /// An item already pretty-printed on its own.
    fn push_text(&mut self, item: &[u8]) -> io::Result<()> {
        self.out
            .write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        self.items += 1;
        for (i, line) in item.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(ITEM_INDENT.as_bytes())?;
            self.out.write_all(line)?;
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        if self.items == 0 {
            self.out.write_all(b"[]")
        } else {
            self.out.write_all(b"\n      ]")
        }
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.end()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The indent of an item of a run's list (`runs[0].results[i]`), pretty-printed.
const ITEM_INDENT: &str = "        ";

/// What a pending finding says of where it is: its file and its street, community and meeting
/// (text JSON escapes, such as a `\` in a path, is read back owned).
#[derive(serde::Serialize, serde::Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    path: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    names: [Option<std::borrow::Cow<'a, str>>; 3],
}

impl Head<'_> {
    fn place(&self) -> [Option<&str>; 3] {
        [0, 1, 2].map(|i| self.names[i].as_deref())
    }
}

/// A pending finding's head and its result.
fn split(text: &str) -> io::Result<(Head<'_>, &str)> {
    let (head, body) = text
        .split_once('\n')
        .ok_or_else(|| io::Error::other("a pending finding without its head"))?;
    Ok((serde_json::from_str(head).map_err(io::Error::other)?, body))
}

/// A pending finding's result (`body`) with its file's place in the artifacts and its place
/// among the logical locations, pretty-printed.
fn finished(body: &str, artifact: Option<usize>, place: Option<&Json>) -> io::Result<Vec<u8>> {
    let mut result: Json = serde_json::from_str(body).map_err(io::Error::other)?;
    if let Some(i) = artifact {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["index"] = json!(i);
    }
    if let Some(place) = place {
        result["locations"][0]["logicalLocations"] = json!([place]);
    }
    serde_json::to_vec_pretty(&result).map_err(io::Error::other)
}

/// Renders findings as a log's results before their places in the log's lists are known.
pub struct Results {
    roots: Roots,
    active: Vec<&'static RuleMeta>,
}

impl Results {
    pub fn new(settings: &Settings, paths: &[PathBuf]) -> Results {
        Results {
            roots: Roots::new(paths),
            active: rules::RULES
                .iter()
                .map(|r| r.meta)
                .filter(|m| m.active(&settings.profiles))
                .collect(),
        }
    }

    /// A finding as the log's result, its file and its places named but not yet numbered: a
    /// line of what it is at, then the result without the indices [`write()`] gives it.
    pub fn pending(&self, d: &Diagnostic) -> String {
        self.pending_with(d, |_| {})
    }

    /// [`Results::pending`], the result first given what `more` adds to it.
    pub fn pending_with(&self, d: &Diagnostic, more: impl FnOnce(&mut Json)) -> String {
        let head = Head {
            path: d.loc.as_ref().map(|l| l.path().into()),
            names: [&d.street, &d.community, &d.meeting]
                .map(|n| n.as_deref().map(std::borrow::Cow::Borrowed)),
        };
        let mut result = result(d, &self.active, &self.roots);
        more(&mut result);
        pending_text(&head, &result)
    }

    /// A result of no file and no place (last month's item not found now), as
    /// [`Results::pending`] renders a finding.
    pub fn pending_placeless(result: &Json) -> String {
        let head = Head {
            path: None,
            names: [None, None, None],
        };
        pending_text(&head, result)
    }

    /// The ids of the log's rules, in the order they are listed.
    pub fn rule_ids(&self) -> Vec<String> {
        self.active.iter().map(|m| m.code.to_string()).collect()
    }
}

fn pending_text(head: &Head<'_>, result: &Json) -> String {
    let mut text = serde_json::to_string(head).expect("a head is JSON");
    text.push('\n');
    text += &serde_json::to_string(result).expect("a result is JSON");
    text
}

/// The rules whose severity the configuration changed, as SARIF says it: the descriptor and the
/// configuration in force (`enabled: false` for a rule switched off).
fn overrides(config: &ConfigInForce, active: &[&RuleMeta]) -> Vec<Json> {
    config
        .rules
        .iter()
        .filter_map(|r| {
            let severity = r.severity.as_ref()?;
            let index = active.iter().position(|m| m.code == r.code)?;
            let configuration = match Severity::ALL
                .into_iter()
                .find(|s| s.key() == severity.value)
            {
                Some(s) => json!({ "enabled": true, "level": level(s) }),
                None => json!({ "enabled": false }),
            };
            Some(json!({
                "descriptor": { "id": r.code, "index": index },
                "configuration": configuration,
            }))
        })
        .collect()
}

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The IANA charset name SARIF's `artifact.encoding` expects.
fn iana(encoding: Encoding) -> Option<&'static str> {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => Some("UTF-8"),
        Encoding::Gb18030 => Some("GB18030"),
        Encoding::Utf16Le => Some("UTF-16LE"),
        Encoding::Utf16Be => Some("UTF-16BE"),
        Encoding::Spreadsheet => None,
    }
}

fn rule(meta: &RuleMeta) -> Json {
    let doc = meta.doc();
    let c = meta.citation;
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.title },
        "fullDescription": { "text": doc },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": {
            "citation": {
                "document": c.title(),
                "title": c.title(),
                "file": c.file(),
                "clause": c.clause,
                "quote": c.quote,
            },
        },
    })
}

/// A finding as the log's result, without its file's index among the artifacts and with
/// `null` for its logical location, which [`finished`] gives it.
fn result(d: &Diagnostic, active: &[&RuleMeta], roots: &Roots) -> Json {
    let mut location = Map::new();
    let mut uri = None;
    if let Some(loc) = &d.loc {
        let (start_line, start_column) = loc.file.line_col(loc.span.start);
        let (end_line, end_column) = loc.file.line_col(loc.span.end.max(loc.span.start));
        let artifact = roots.location(&loc.file.path);
        uri = artifact["uri"].as_str().map(str::to_owned);
        let mut region = json!({
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        });
        // A snippet is the region's exact text; long spans (a whole minutes body) go without.
        let text = loc.text();
        if !text.is_empty() && text.chars().count() <= 200 {
            region["snippet"] = json!({ "text": text });
        }
        location.insert(
            "physicalLocation".into(),
            json!({ "artifactLocation": artifact, "region": region }),
        );
    }
    if [&d.street, &d.community, &d.meeting]
        .iter()
        .any(|n| n.as_deref().is_some_and(|n| !n.is_empty()))
    {
        location.insert("logicalLocations".into(), Json::Null);
    }
    if let Some(label) = &d.label {
        location.insert("message".into(), json!({ "text": label }));
    }

    let mut out = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint(d, uri.as_deref()) },
    });
    if let Some(i) = active.iter().position(|m| m.code == d.code) {
        out["ruleIndex"] = json!(i);
    }
    if !location.is_empty() {
        out["locations"] = json!([location]);
    }
    let related: Vec<Json> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, (loc, text))| {
            let (line, column) = loc.line_col();
            json!({
                "id": i,
                "physicalLocation": {
                    "artifactLocation": roots.location(&loc.file.path),
                    "region": { "startLine": line, "startColumn": column },
                },
                "message": { "text": text },
            })
        })
        .collect();
    if !related.is_empty() {
        out["relatedLocations"] = json!(related);
    }
    let mut properties = Map::new();
    properties.insert("title".into(), json!(d.title));
    for (key, value) in [
        ("meeting", d.meeting.as_deref()),
        ("street", d.street.as_deref()),
        ("community", d.community.as_deref()),
        ("period", d.period.as_deref()),
        ("field", d.field.as_deref()),
        ("requirement", d.requirement.as_deref()),
        ("help", d.help.as_deref()),
    ] {
        if let Some(value) = value {
            properties.insert(key.into(), json!(value));
        }
    }
    if !d.facts.is_empty() {
        properties.insert("facts".into(), Json::Object(d.facts.to_map()));
    }
    if let Some(c) = d.citation {
        properties.insert(
            "citation".into(),
            json!({ "document": c.title(), "file": c.file(), "clause": c.clause }),
        );
    }
    out["properties"] = Json::Object(properties);
    out
}

/// The stable identity of a finding (see the module doc).
pub fn fingerprint(d: &Diagnostic, uri: Option<&str>) -> String {
    fingerprint_of(
        d.code,
        d.meeting.as_deref(),
        d.field.as_deref(),
        uri,
        &d.message,
    )
}

/// [`fingerprint`] from a finding's parts, as a JSON report gives them: what a merge of runs
/// over parts of a batch keys each finding by, its file's URI taken from the whole batch's
/// folder.
pub fn fingerprint_of(
    code: &str,
    meeting: Option<&str>,
    field: Option<&str>,
    uri: Option<&str>,
    message: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [
        code,
        meeting.unwrap_or(""),
        field.unwrap_or(""),
        uri.unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    if meeting.is_none() {
        hasher.update(message.as_bytes());
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The URI a file below a batch folder has in SARIF and in findings' keys: its path below the
/// folder, percent-encoded.
pub fn relative_uri(rest: &str) -> String {
    encode(rest.as_bytes(), false)
}

/// The fingerprint of every diagnostic of a checked batch, in order: what the SARIF log gives
/// each result, and the key a rectification list (整改清单) recognises a finding by next month.
pub fn fingerprints(checked: &Checked, paths: &[PathBuf]) -> Vec<String> {
    let roots = Roots::new(paths);
    let mut uris: BTreeMap<&str, Option<String>> = BTreeMap::new();
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let uri = d.loc.as_ref().and_then(|l| {
                uris.entry(l.file.name.as_str())
                    .or_insert_with(|| {
                        roots.location(&l.file.path)["uri"]
                            .as_str()
                            .map(str::to_owned)
                    })
                    .clone()
            });
            fingerprint(d, uri.as_deref())
        })
        .collect()
}

/// The keys of the findings of a batch below some folders, one finding at a time (what
/// [`fingerprints`] gives each).
pub struct Keys {
    roots: Roots,
}

impl Keys {
    pub fn new(paths: &[PathBuf]) -> Keys {
        Keys {
            roots: Roots::new(paths),
        }
    }

    pub fn of(&self, d: &Diagnostic) -> String {
        let uri = d.loc.as_ref().and_then(|l| {
            self.roots.location(&l.file.path)["uri"]
                .as_str()
                .map(str::to_owned)
        });
        fingerprint(d, uri.as_deref())
    }
}

/// Streets, communities and meetings, each listed once with its parent.
#[derive(Default)]
struct LogicalLocations {
    listed: usize,
    index: HashMap<String, usize>,
}

impl LogicalLocations {
    /// The most specific of a finding's places (its street, community and meeting), as a
    /// reference into the run's list; a place not listed yet is handed to `new`.
    fn place(
        &mut self,
        names: [Option<&str>; 3],
        new: &mut dyn FnMut(Json) -> io::Result<()>,
    ) -> io::Result<Option<Json>> {
        let mut path = String::new();
        let mut parent = None;
        let mut last = None;
        for (kind, name) in ["street", "community", "meeting"].into_iter().zip(names) {
            let Some(name) = name.filter(|n| !n.is_empty()) else {
                continue;
            };
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(name);
            let i = if let Some(&i) = self.index.get(&path) {
                i
            } else {
                let mut entry = json!({
                    "name": name,
                    "fullyQualifiedName": path,
                    "kind": kind,
                });
                if let Some(p) = parent {
                    entry["parentIndex"] = json!(p);
                }
                new(entry)?;
                self.index.insert(path.clone(), self.listed);
                self.listed += 1;
                self.listed - 1
            };
            parent = Some(i);
            last = Some((i, name, kind));
        }
        Ok(last.map(|(i, name, kind)| {
            json!({
                "index": i,
                "name": name,
                "fullyQualifiedName": path,
                "kind": kind,
            })
        }))
    }
}

/// The batch folders, each a SARIF base id.
struct Roots {
    /// (base id, the folder, as shown, absolute URI if known)
    roots: Vec<(String, PathBuf, String, Option<String>)>,
}

impl Roots {
    fn new(paths: &[PathBuf]) -> Roots {
        let roots = paths
            .iter()
            .enumerate()
            .map(|(i, path)| {
                let id = if paths.len() == 1 {
                    "BATCH".to_owned()
                } else {
                    format!("BATCH{}", i + 1)
                };
                let folder = if path.is_file() {
                    path.parent().unwrap_or(Path::new("")).to_path_buf()
                } else {
                    path.clone()
                };
                let shown = display_path(&folder);
                let shown = shown.trim_end_matches('/').to_owned();
                let absolute = std::fs::canonicalize(if shown.is_empty() {
                    Path::new(".")
                } else {
                    &folder
                })
                .ok()
                .map(|abs| file_uri(&abs));
                (id, folder, shown, absolute)
            })
            .collect();
        Roots { roots }
    }

    /// An artifactLocation for a file: relative to the batch folder it is in, its name's bytes
    /// percent-encoded as they are (a GBK name stays GBK), so that the URI finds the file.
    fn location(&self, path: &Path) -> Json {
        for (id, folder, _, _) in &self.roots {
            if let Ok(rest) = path.strip_prefix(folder)
                && !rest.as_os_str().is_empty()
            {
                return json!({ "uri": encode(&path_bytes(rest), false), "uriBaseId": id });
            }
        }
        // A file outside every batch folder (a yishi.toml found in a parent folder) gets its
        // absolute address: a relative one would be read against the wrong base.
        if let Ok(abs) = std::fs::canonicalize(path) {
            let uri = file_uri(&abs);
            return json!({ "uri": uri.trim_end_matches('/') });
        }
        let bytes = path_bytes(path);
        let start = bytes.iter().take_while(|&&b| b == b'/').count();
        json!({ "uri": encode(&bytes[start..], false) })
    }

    fn base_ids(&self) -> Json {
        let mut ids = Map::new();
        for (id, _, shown, absolute) in &self.roots {
            let mut entry = json!({
                "description": { "text": format!("批次文件夹 {}", if shown.is_empty() { "." } else { shown }) },
            });
            if let Some(uri) = absolute {
                entry["uri"] = json!(uri);
            }
            ids.insert(id.clone(), entry);
        }
        Json::Object(ids)
    }
}

/// A path's bytes with `/` separators: on Unix the name's own bytes, whatever their encoding.
fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/").into_bytes()
    }
}

/// `file:` URI of an absolute folder, ending in `/` as base URIs must.
fn file_uri(path: &Path) -> String {
    let bytes = path_bytes(path);
    let text: &[u8] = bytes.strip_prefix(b"//?/").unwrap_or(&bytes);
    let mut uri = String::from("file://");
    if !text.starts_with(b"/") {
        uri.push('/');
    }
    uri.push_str(&encode(text, true));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes a path for a URI: unreserved characters and `/` stay (and `:` for a drive
/// letter when `colon`), every other byte (Chinese names included) becomes `%XX`.
fn encode(path: &[u8], colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (colon && byte == b':')
        {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_utf8() {
        assert_eq!(
            encode("莲花街道/台账.csv".as_bytes(), false),
            "%E8%8E%B2%E8%8A%B1%E8%A1%97%E9%81%93/%E5%8F%B0%E8%B4%A6.csv"
        );
        assert_eq!(encode(b"a b#c", false), "a%20b%23c");
        assert_eq!(
            file_uri(Path::new("/tmp/批次")),
            "file:///tmp/%E6%89%B9%E6%AC%A1/"
        );
        assert_eq!(file_uri(Path::new("C:/data")), "file:///C:/data/");
    }

    #[test]
    fn lists_set_aside_in_a_file_or_in_memory_come_back_the_same() {
        let file = Aside::new();
        assert!(matches!(file, Aside::File(_)), "a temporary file");
        let mut written = Vec::new();
        for aside in [file, Aside::Memory(Vec::new())] {
            let mut listed = Listing::new(aside);
            listed
                .push(&json!({ "name": "莲花街道", "kind": "street" }))
                .expect("pushed");
            listed
                .push(&json!({ "name": "彩田社区", "parentIndex": 0 }))
                .expect("pushed");
            let mut out = Vec::new();
            listed
                .into_inner()
                .expect("ended")
                .copy_to(&mut out)
                .expect("copied");
            written.push(String::from_utf8(out).expect("UTF-8"));
        }
        assert_eq!(written[0], written[1]);
        assert_eq!(
            written[0],
            "[\n        {\n          \"name\": \"莲花街道\",\n          \"kind\": \"street\"\n        },\n        {\n          \"name\": \"彩田社区\",\n          \"parentIndex\": 0\n        }\n      ]"
        );
    }

    #[test]
    fn a_pending_findings_head_is_read_back_whatever_its_text() {
        let names = ["a\\b\"c.csv", "莲花街道", "彩\t田", "LH-001"];
        let head = Head {
            path: Some(names[0].into()),
            names: [1, 2, 3].map(|i| Some(names[i].into())),
        };
        let text = serde_json::to_string(&head).expect("JSON") + "\n{}";
        let (read, body) = split(&text).expect("read back");
        assert_eq!(read.path.as_deref(), Some(names[0]));
        assert_eq!(read.place(), [1, 2, 3].map(|i| Some(names[i])));
        assert_eq!(body, "{}");
    }

    #[test]
    fn names_are_relative_to_their_batch_folder() {
        let roots = Roots::new(&[PathBuf::from("no/such/batch"), PathBuf::from(".")]);
        assert_eq!(
            roots.location(Path::new("no/such/batch/x/台账.csv")),
            json!({ "uri": "x/%E5%8F%B0%E8%B4%A6.csv", "uriBaseId": "BATCH1" })
        );
        assert_eq!(
            roots.location(Path::new("./y.csv")),
            json!({ "uri": "y.csv", "uriBaseId": "BATCH2" })
        );
    }
}
