//! The machine-readable report: one JSON document, a public contract (DESIGN.md).

use serde_json::{Value as Json, json};

use crate::batch::{Checked, Overview};
use crate::diag::{Diagnostic, Severity};
use crate::in_force::HiddenFinding;
use crate::settings::Settings;

pub fn document(checked: &Checked, settings: &Settings) -> Json {
    let diagnostics = checked.diagnostics.iter().map(diagnostic).collect();
    document_of(&checked.overview(), settings, diagnostics)
}

/// [`document`] of what a run's [`Overview`] says, with its findings as JSON.
pub fn document_of(checked: &Overview, settings: &Settings, diagnostics: Vec<Json>) -> Json {
    let mut doc = json!({
        "tool": "yishi",
        "version": env!("CARGO_PKG_VERSION"),
        "profile": settings.profiles.iter().map(|p| p.key()).collect::<Vec<_>>(),
        "today": settings.today.format("%Y-%m-%d").to_string(),
        "summary": {
            "files": checked.files(),
            "read_files": checked.read,
            "skipped_files": checked.skipped,
            "records": checked.accounting.records,
            "accounting": checked.accounting,
            "meetings": checked.meetings,
            "errors": checked.count(Severity::Error),
            "warnings": checked.count(Severity::Warning),
            "infos": checked.count(Severity::Info),
        },
        "diagnostics": [],
    });
    doc["diagnostics"] = Json::Array(diagnostics);
    // The configuration in force, when there is one: a run under the defaults keeps its shape.
    if checked.config.present() {
        doc["config"] = json!(*checked.config);
    }
    if let Some(hidden) = checked.hidden {
        doc["hidden"] = hidden.iter().map(self::hidden).collect();
    }
    doc
}

pub fn diagnostic(d: &Diagnostic) -> Json {
    // In a sheet, line is the row and column the column's number (F7: line 7, column 6).
    let (line, column) = d.loc.as_ref().map_or((None, None), |l| {
        let (line, column) = match l.file.sheet.as_ref().and_then(|s| s.cell_at(l.span.start)) {
            Some((row, column)) => (row as usize + 1, column as usize + 1),
            None => l.line_col(),
        };
        (Some(line), Some(column))
    });
    let mut out = json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "meeting": d.meeting,
        "street": d.street,
        "community": d.community,
        "period": d.period,
        "path": d.loc.as_ref().map(|l| l.path().to_string()),
        "line": line,
        "column": column,
        "field": d.field,
        "facts": d.facts,
        "requirement": d.requirement,
        "source": d.citation.map(|c| json!({ "document": c.title(), "file": c.file(), "clause": c.clause })),
        "help": d.help,
    });
    // A place in a spreadsheet also names its sheet and cell, right after the path.
    if let Some(loc) = d.loc.as_ref().filter(|l| l.file.sheet.is_some())
        && let Json::Object(map) = &mut out
    {
        let mut with = serde_json::Map::new();
        for (key, value) in std::mem::take(map) {
            let at_path = key == "path";
            with.insert(key, value);
            if at_path {
                with.insert("sheet".to_string(), json!(loc.sheet()));
                with.insert("cell".to_string(), json!(loc.cell()));
            }
        }
        *map = with;
    }
    out
}

/// A finding as the report lists it with its key (of [`crate::report::sarif::fingerprints`]),
/// by which last month's output is compared (`yishi audit`).
pub fn keyed(d: &Diagnostic, key: &str) -> Json {
    let mut finding = diagnostic(d);
    if let Json::Object(map) = &mut finding {
        map.insert("key".into(), json!(key));
    }
    finding
}

/// A finding the settings removed or lowered (`--show-hidden`), as the JSON report and the SARIF
/// log carry it: the finding as the defaults report it, and what the settings made of it.
pub fn hidden(h: &HiddenFinding) -> Json {
    let mut out = diagnostic(&h.finding);
    out["severity_in_force"] = json!(crate::policy::severity_key(h.now));
    out["hidden_by"] = json!(h.why);
    out
}
