//! The audit for machines of a batch audited street by street ([`crate::audit::by_street`]):
//! the same JSON report or SARIF log as [`super::json()`] and [`super::sarif`] make of the batch
//! audited at once, byte for byte, without holding the batch's findings.
//!
//! A finding's item is known only once its street's list is made, in the second pass over the
//! streets. There each finding of the street is rendered with its item ([`Machine::take`]): those
//! written out with their street go to a temporary file, in the order the report gives them; the
//! few kept aside by the check (a street's, or on a street's list) are held by their place among
//! the kept. The report is then written ([`Machine::write`]) in the order of the first pass's
//! findings ([`Streamed::findings_with`]), each taken from where it was put, any other kept
//! finding rendered as `check` renders it.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufRead as _, BufReader, BufWriter, Seek as _, Write};
use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::{Value as Json, json};

use super::{Listed, absent, absent_results, finding, listed_of, on_list, street_summary};
use crate::audit::Scoring;
use crate::audit::by_street::{FolderAudit, InReport};
use crate::batch::Checked;
use crate::batch::stream::{self, Streamed};
use crate::diag::Diagnostic;
use crate::report::{json as report_json, sarif};
use crate::settings::Settings;

/// The form of the output.
enum Form {
    Json(sarif::Keys),
    /// With the log's rules' ids, which last month's items not found now are numbered by.
    Sarif(Box<sarif::Results>, Vec<String>),
}

/// The findings of the streets audited so far, rendered with their items, and what the report
/// says of each street.
pub struct Machine {
    form: Form,
    /// The findings written out with their streets, in order, each ended by a NUL byte (which
    /// no JSON text holds).
    written: BufWriter<File>,
    /// The kept findings of the streets' checks and on their lists, by their place among the
    /// kept.
    kept: HashMap<usize, String>,
    /// Each street's summary, and last month's items not found now, by street.
    streets: BTreeMap<String, (Json, Vec<Json>)>,
}

impl Machine {
    /// For the JSON report of a batch below `paths`.
    pub fn json(paths: &[PathBuf]) -> io::Result<Machine> {
        Machine::new(Form::Json(sarif::Keys::new(paths)))
    }

    /// For the SARIF log of a batch below `paths`.
    pub fn sarif(settings: &Settings, paths: &[PathBuf]) -> io::Result<Machine> {
        let results = sarif::Results::new(settings, paths);
        let rule_ids = results.rule_ids();
        Machine::new(Form::Sarif(Box::new(results), rule_ids))
    }

    fn new(form: Form) -> io::Result<Machine> {
        Ok(Machine {
            form,
            written: BufWriter::with_capacity(stream::BUFFER, tempfile::tempfile()?),
            kept: HashMap::new(),
            streets: BTreeMap::new(),
        })
    }

    /// A finding as the output has it, with its key and its item when it is on a list.
    fn render(&self, d: &Diagnostic, key: &str, listed: Option<Listed<'_>>) -> String {
        match &self.form {
            Form::Json(_) => crate::parts::finding_text(&finding(d, key, listed)),
            Form::Sarif(results, _) => results.pending_with(d, |result| {
                if let Some(listed) = listed {
                    on_list(result, listed);
                }
            }),
        }
    }

    /// Takes a folder's audits, its records `checked`; `kept` are the findings the check kept
    /// aside. An error is the temporary file's.
    pub fn take(
        &mut self,
        checked: &Checked,
        folder: &FolderAudit,
        kept: &[Diagnostic],
    ) -> io::Result<()> {
        let own = checked.diagnostics.len();
        let mut of_own: Vec<Option<Listed<'_>>> = vec![None; own];
        let mut of_kept = Vec::new();
        for (i, listed) in folder.streets.iter().flat_map(listed_of) {
            match i.checked_sub(own) {
                None => of_own[i] = Some(listed),
                Some(k) => of_kept.push((k, listed)),
            }
        }
        let this = &*self;
        let rendered: Vec<String> = (0..own)
            .into_par_iter()
            .map(|i| this.render(&checked.diagnostics[i], &folder.keys[i], of_own[i]))
            .collect();
        let beyond: Vec<(usize, String)> = of_kept
            .into_par_iter()
            .map(|(k, listed)| (k, this.render(&kept[k], &listed.2.key, Some(listed))))
            .collect();
        for (text, place) in rendered.into_iter().zip(&folder.places) {
            match *place {
                InReport::Written(_) => {
                    self.written.write_all(text.as_bytes())?;
                    self.written.write_all(&[0])?;
                }
                InReport::Kept(k) => {
                    self.kept.insert(k, text);
                }
            }
        }
        self.kept.extend(beyond);
        for a in &folder.streets {
            let gone = match &self.form {
                Form::Json(_) => absent(a),
                Form::Sarif(_, rule_ids) => absent_results(a, rule_ids),
            };
            self.streets
                .insert(a.street.clone(), (street_summary(a), gone));
        }
        Ok(())
    }

    /// Writes the output to `out`: the batch checked as `streamed` (the first pass), audited
    /// against last month's lists `baselines` scored by `scoring`, `unplaced` findings on no
    /// street's list.
    pub fn write(
        mut self,
        out: &mut dyn Write,
        (streamed, settings): (&Streamed, &Settings),
        baselines: (&[String], &Scoring),
        unplaced: usize,
    ) -> io::Result<()> {
        self.written.flush()?;
        let (summaries, gone): (Vec<Json>, Vec<Vec<Json>>) =
            std::mem::take(&mut self.streets).into_values().unzip();
        let summary = super::summary_of(baselines, &summaries, unplaced);
        let gone: Vec<Json> = gone.into_iter().flatten().collect();
        let overview = streamed.overview();
        match &self.form {
            Form::Json(_) => {
                let mut report = report_json::document_of(&overview, settings, Vec::new());
                if let Json::Object(map) = &mut report {
                    map.insert("absent".into(), json!(gone));
                    map.insert("audit".into(), summary);
                }
                crate::parts::write_around(out, report, &mut |each| self.findings(streamed, each))
            }
            Form::Sarif(results, _) => {
                let gone: Vec<String> =
                    gone.iter().map(sarif::Results::pending_placeless).collect();
                sarif::write_with(
                    out,
                    (&overview, settings),
                    results,
                    &[("audit", summary)],
                    &mut |each| {
                        self.findings(streamed, each)?;
                        gone.iter().try_for_each(|text| each(text))
                    },
                )
            }
        }
    }

    /// Each finding's text, in the report's order.
    fn findings(
        &self,
        streamed: &Streamed,
        each: &mut dyn FnMut(&str) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut file = self.written.get_ref().try_clone()?;
        file.rewind()?;
        let mut written = BufReader::with_capacity(stream::BUFFER, file);
        let mut text = Vec::new();
        streamed.findings_with(&|_| String::new(), &mut |_, kept| {
            if let Some(k) = kept {
                return if let Some(text) = self.kept.get(&k) {
                    each(text)
                } else {
                    let d = &streamed.kept()[k];
                    each(&self.render(d, &self.key(d), None))
                };
            }
            text.clear();
            written.read_until(0, &mut text)?;
            if text.pop() != Some(0) {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            each(
                crate::load::utf8(&text)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?,
            )
        })
    }

    /// A kept finding's key, which JSON gives it (a SARIF result carries its fingerprint).
    fn key(&self, d: &Diagnostic) -> String {
        match &self.form {
            Form::Json(keys) => keys.of(d),
            Form::Sarif(..) => String::new(),
        }
    }
}
