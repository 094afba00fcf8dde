//! A JSON report's text around its findings and its figures: the report made with a marker
//! where each goes and written as `serde_json::to_string_pretty` writes it, the findings and
//! the figures written into it one at a time (a province's are too large to hold as a tree).

use std::io::{self, Write};

use serde_json::{Value as Json, json};

use super::years::{Year, write_list};

/// Where the findings go in the report's text.
// Plain ASCII, which JSON writes as it is; no record holds it where a findings list stands.
const FINDINGS: &str = "<yishi merge: the findings, 3f9a1c>";

/// Where the figures go in the report's text.
const FIGURES: &str = "<yishi merge: the figures, 5b81e0>";

/// The report's text before its findings, between them and its figures, and after.
#[derive(Debug)]
pub(super) struct Frame {
    head: String,
    middle: String,
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

impl Frame {
    /// The frame of `report`, a JSON report with its `batch` object (its findings and figures
    /// are not looked at).
    pub(super) fn of(mut report: Json) -> Result<Frame, String> {
        report["diagnostics"] = json!(FINDINGS);
        report["batch"]["figures"] = json!(FIGURES);
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        let key = "\"diagnostics\": ";
        let marker = format!("{key}\"{FINDINGS}\"");
        let at = text.find(&marker).expect("the marker is in the report") + key.len();
        let rest = &text[at + marker.len() - key.len()..];
        let (middle, tail) = rest
            .split_once(&format!("\"{FIGURES}\""))
            .expect("the figures' marker is in the report");
        Ok(Frame {
            head: text[..at].to_string(),
            middle: middle.to_string(),
            tail: tail.to_string(),
        })
    }

    /// Writes the report, as `yishi check --format json` prints it.
    pub(super) fn write(
        &self,
        out: &mut dyn Write,
        findings: &mut Findings<'_>,
        figures: &[Year],
    ) -> io::Result<()> {
        out.write_all(self.head.as_bytes())?;
        let mut first = true;
        // Findings sit two levels down in the report.
        findings(&mut |text| {
            out.write_all(if first { b"[\n    " } else { b",\n    " })?;
            first = false;
            out.write_all(text.as_bytes())
        })?;
        out.write_all(if first { b"[]" } else { b"\n  ]" })?;
        out.write_all(self.middle.as_bytes())?;
        // `batch.figures`, two levels deep.
        write_list(figures, 2, out)?;
        out.write_all(self.tail.as_bytes())?;
        out.write_all(b"\n")
    }
}
