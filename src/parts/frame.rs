//! A JSON report's text around its findings, its meeting codes and its figures: the report made
//! with a marker where each goes and written as `serde_json::to_string_pretty` writes it, they
//! are written into it one at a time (a province's are too large to hold as a tree).

use std::io::{self, Write};

use serde_json::{Value as Json, json};

use super::years::{Year, write_list};

/// Where the findings go in the report's text.
// Plain ASCII, which JSON writes as it is; no record holds it where a findings list stands.
const FINDINGS: &str = "<yishi merge: the findings, 3f9a1c>";

/// Where the meeting codes go in the report's text.
const MEETINGS: &str = "<yishi merge: the meetings, 0c4d97>";

/// Where the figures go in the report's text.
const FIGURES: &str = "<yishi merge: the figures, 5b81e0>";

/// The report's text before its findings, between them and its meeting codes, between those and
/// its figures, and after.
#[derive(Debug)]
pub(super) struct Frame {
    head: String,
    middle: String,
    between: String,
    tail: String,
}

/// Hands the findings' text one by one, each as the report lays it out, to what it is given.
pub type Findings<'a> = dyn FnMut(&mut dyn FnMut(&str) -> io::Result<()>) -> io::Result<()> + 'a;

/// A finding as the report lays it out: two levels down, every line after its first indented
/// by four more spaces (a string in JSON holds no line break of its own).
pub fn finding_text(finding: &Json) -> String {
    serde_json::to_string_pretty(finding)
        .expect("a JSON value")
        .replace('\n', "\n    ")
}

/// The list of a report's findings, as [`finding_text`] lays each out.
fn write_findings(out: &mut dyn Write, findings: &mut Findings<'_>) -> io::Result<()> {
    let mut first = true;
    // Findings sit two levels down in the report.
    findings(&mut |text| {
        out.write_all(if first { b"[\n    " } else { b",\n    " })?;
        first = false;
        out.write_all(text.as_bytes())
    })?;
    out.write_all(if first { b"[]" } else { b"\n  ]" })
}

/// Writes `report`, a JSON report without its findings, as `serde_json::to_string_pretty`
/// writes it (and a line break) with the findings `findings` hands over (each as
/// [`finding_text`] lays it out) for its `diagnostics`.
pub fn write_around(
    out: &mut dyn Write,
    mut report: Json,
    findings: &mut Findings<'_>,
) -> io::Result<()> {
    report["diagnostics"] = json!(FINDINGS);
    let text = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
    let (head, tail) = text
        .split_once(&format!("\"{FINDINGS}\""))
        .expect("the marker is in the report");
    out.write_all(head.as_bytes())?;
    write_findings(out, findings)?;
    out.write_all(tail.as_bytes())?;
    out.write_all(b"\n")
}

impl Frame {
    /// The frame of `report`, a JSON report with its `batch` object (its findings, meeting
    /// codes and figures are not looked at).
    pub(super) fn of(mut report: Json) -> Result<Frame, String> {
        report["diagnostics"] = json!(FINDINGS);
        report["batch"]["meetings"] = json!(MEETINGS);
        report["batch"]["figures"] = json!(FIGURES);
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        let split = |text: &str, marker: &str| -> (String, String) {
            let (before, after) = text
                .split_once(&format!("\"{marker}\""))
                .expect("the marker is in the report");
            (before.to_string(), after.to_string())
        };
        let (head, rest) = split(&text, FINDINGS);
        let (middle, rest) = split(&rest, MEETINGS);
        let (between, tail) = split(&rest, FIGURES);
        Ok(Frame {
            head,
            middle,
            between,
            tail,
        })
    }

    /// Writes the report, as `yishi check --format json` prints it, with the batch's `meetings`
    /// (sorted) and each year's `figures`.
    pub(super) fn write(
        &self,
        out: &mut dyn Write,
        findings: &mut Findings<'_>,
        meetings: &[&str],
        figures: &[Year],
    ) -> io::Result<()> {
        out.write_all(self.head.as_bytes())?;
        write_findings(out, findings)?;
        out.write_all(self.middle.as_bytes())?;
        // `batch.meetings` and `batch.figures`, two levels deep.
        if meetings.is_empty() {
            out.write_all(b"[]")?;
        } else {
            for (i, code) in meetings.iter().enumerate() {
                out.write_all(if i == 0 { b"[\n      " } else { b",\n      " })?;
                serde_json::to_writer(&mut *out, code).map_err(io::Error::other)?;
            }
            out.write_all(b"\n    ]")?;
        }
        out.write_all(self.between.as_bytes())?;
        write_list(figures, 2, out)?;
        out.write_all(self.tail.as_bytes())?;
        out.write_all(b"\n")
    }
}
