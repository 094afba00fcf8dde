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

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json, json};
use sha2::{Digest, Sha256};

use crate::batch::Checked;
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
    let roots = Roots::new(paths);
    let active: Vec<&RuleMeta> = rules::RULES
        .iter()
        .map(|r| r.meta)
        .filter(|m| m.active(&settings.profiles))
        .collect();

    let mut artifacts = Vec::new();
    let mut artifact_index = BTreeMap::new();
    for f in &checked.read {
        artifact_index.insert(f.path.clone(), artifacts.len());
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
        artifacts.push(artifact);
    }
    for f in &checked.skipped {
        artifact_index.insert(f.path.clone(), artifacts.len());
        artifacts.push(json!({
            "location": roots.location(&f.file),
            "properties": { "skipped": f.reason },
        }));
    }

    let mut logical = LogicalLocations::default();
    let results: Vec<Json> = checked
        .diagnostics
        .iter()
        .map(|d| result(d, &active, &roots, &artifact_index, &mut logical))
        .collect();

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
                "exitCode": i32::from(checked.exit_code()),
                "toolExecutionNotifications": checked.skipped.iter().map(|f| json!({
                    "level": "note",
                    "message": { "text": format!("未作为记录读入：{}", f.reason) },
                    "locations": [{ "physicalLocation": {
                        "artifactLocation": roots.location(&f.file),
                    }}],
                })).collect::<Vec<_>>(),
            }],
            "originalUriBaseIds": roots.base_ids(),
            "artifacts": artifacts,
            "logicalLocations": logical.entries,
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {
                "profile": settings.profiles.iter().map(|p| p.key()).collect::<Vec<_>>(),
                "today": settings.today.format("%Y-%m-%d").to_string(),
                "summary": {
                    "files": checked.files(),
                    "readFiles": checked.read.len(),
                    "skippedFiles": checked.skipped.len(),
                    "records": checked.accounting.records,
                    "accounting": checked.accounting,
                    "meetings": checked.meetings.len(),
                    "errors": checked.count(Severity::Error),
                    "warnings": checked.count(Severity::Warning),
                    "infos": checked.count(Severity::Info),
                },
            },
        }],
    });
    if checked.config.present() {
        let run = &mut log["runs"][0];
        run["properties"]["config"] = json!(*checked.config);
        run["invocations"][0]["ruleConfigurationOverrides"] =
            Json::Array(overrides(&checked.config, &active));
    }
    if let Some(hidden) = &checked.hidden {
        log["runs"][0]["properties"]["hidden"] =
            hidden.iter().map(crate::report::json::hidden).collect();
    }
    log
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

fn result(
    d: &Diagnostic,
    active: &[&RuleMeta],
    roots: &Roots,
    artifact_index: &BTreeMap<String, usize>,
    logical: &mut LogicalLocations,
) -> Json {
    let mut location = Map::new();
    let mut uri = None;
    if let Some(loc) = &d.loc {
        let (start_line, start_column) = loc.file.line_col(loc.span.start);
        let (end_line, end_column) = loc.file.line_col(loc.span.end.max(loc.span.start));
        let mut artifact = roots.location(&loc.file.path);
        uri = artifact["uri"].as_str().map(str::to_owned);
        if let Some(&i) = artifact_index.get(loc.path()) {
            artifact["index"] = json!(i);
        }
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
    if let Some(place) = logical.place(d) {
        location.insert("logicalLocations".into(), json!([place]));
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
        ("meeting", &d.meeting),
        ("street", &d.street),
        ("community", &d.community),
        ("period", &d.period),
        ("field", &d.field),
        ("requirement", &d.requirement),
        ("help", &d.help),
    ] {
        if let Some(value) = value {
            properties.insert(key.into(), json!(value));
        }
    }
    if !d.facts.is_empty() {
        properties.insert("facts".into(), Json::Object(d.facts.clone()));
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

/// Streets, communities and meetings, each listed once with its parent.
#[derive(Default)]
struct LogicalLocations {
    entries: Vec<Json>,
    index: BTreeMap<String, usize>,
}

impl LogicalLocations {
    /// The most specific place of a diagnostic, as a reference into the run's list.
    fn place(&mut self, d: &Diagnostic) -> Option<Json> {
        let levels = [
            ("street", d.street.as_deref()),
            ("community", d.community.as_deref()),
            ("meeting", d.meeting.as_deref()),
        ];
        let mut path = String::new();
        let mut parent = None;
        let mut last = None;
        for (kind, name) in levels {
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
                self.entries.push(entry);
                self.index.insert(path.clone(), self.entries.len() - 1);
                self.entries.len() - 1
            };
            parent = Some(i);
            last = Some((i, name, kind));
        }
        last.map(|(i, name, kind)| {
            json!({
                "index": i,
                "name": name,
                "fullyQualifiedName": path,
                "kind": kind,
            })
        })
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
