//! Typesetting a checked batch's documents into the output folder: a bounded set of OS threads
//! over the documents (Typst already uses rayon inside each document, so documents are not put
//! on rayon too), each document written atomically.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::batch::Checked;
use crate::documents::{self, DocKind, Issuers, MissingData, Privacy};
use crate::guard::{self, Panic};
use crate::model::Meeting;
use crate::render::{DocMeta, Typesetter};
use crate::settings::Settings;
use crate::write;

pub mod audits;
mod manifest;
pub mod reports;

pub use manifest::{Entry, FILE_NAME as MANIFEST, Manifest, Stamp};

/// What to print and how.
#[derive(Debug, Clone)]
pub struct PrintOptions {
    /// Documents typeset at the same time (at least one).
    pub jobs: usize,
    /// The documents to print for every meeting.
    pub kinds: Vec<DocKind>,
    /// What public documents hide.
    pub privacy: Privacy,
    /// Also write each document's template and data into a folder beside its PDF.
    pub emit_sources: bool,
    /// The names units issue documents under, where not the default.
    pub issuers: Issuers,
    /// The manifest of the last build into the output folder: a document it lists with the same
    /// key, whose file still has the bytes it lists, is kept instead of typeset again.
    pub reuse: Option<Manifest>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            jobs: 1,
            kinds: DocKind::ALL.to_vec(),
            privacy: Privacy::default(),
            emit_sources: false,
            issuers: Issuers::default(),
            reuse: None,
        }
    }
}

/// What became of one document.
#[derive(Debug)]
pub enum Outcome {
    Written {
        path: PathBuf,
        pages: usize,
        /// Typst's warnings about the template (characters without a glyph are reported
        /// apart, in [`Printed::glyphs`], and left out here).
        warnings: Vec<String>,
        /// What made it: [`Typesetter::key`].
        key: String,
        /// The SHA-256 of the file.
        sha256: String,
        /// The file's size and modification time once written (none if the file system could
        /// not say).
        stamp: Option<manifest::Stamp>,
        /// Kept from an earlier build: the same key, and the file unchanged.
        reused: bool,
    },
    /// Not printed: the data lacks fields the document needs.
    Missing(MissingData),
    Failed(String),
}

#[derive(Debug)]
pub struct Printed {
    pub meeting: String,
    pub kind: DocKind,
    pub outcome: Outcome,
    /// Characters of the document's text that no font has, each only where it is first found
    /// for its meeting, field and character (as [`glyph_warnings`] lists them).
    pub glyphs: Vec<GlyphWarning>,
}

/// The base of each meeting's file names (its code, made safe), in meeting order. Two codes
/// that differ only in characters a file name cannot hold (LH/1, LH:1) get a numbered second
/// name instead of one overwriting the other.
pub fn base_names(meetings: &[Meeting]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    meetings
        .iter()
        .map(|m| {
            let base = write::safe_name(&m.code);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}");
            }
            name
        })
        .collect()
}

/// The PDF of document `kind` of the meeting named `base`: `<base>-<中文名>.pdf`. The
/// invitations of a meeting are one file with one letter per page, so they print in one go.
pub fn pdf_path(out_dir: &Path, base: &str, kind: DocKind) -> PathBuf {
    out_dir.join(format!("{base}-{}.pdf", kind.zh()))
}

/// The folder of a document's emitted sources: the PDF's path without `.pdf`.
pub fn sources_dir(pdf: &Path) -> PathBuf {
    pdf.with_extension("")
}

/// The documents of `kinds` each meeting gets under the run's profiles, as (meeting index,
/// kind): in meeting order, then in the order of `kinds`.
pub fn planned(checked: &Checked, settings: &Settings, kinds: &[DocKind]) -> Vec<(usize, DocKind)> {
    checked
        .meetings
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            kinds
                .iter()
                .filter(move |k| k.selects(m, settings))
                .map(move |&k| (i, k))
        })
        .collect()
}

/// Typesets the documents of every meeting; results in meeting order, then in the order of
/// `opts.kinds`. `done` is called from the worker threads as each document is finished.
pub fn documents(
    checked: &Checked,
    settings: &Settings,
    typesetter: &Typesetter,
    out_dir: &Path,
    opts: &PrintOptions,
    done: &(dyn Fn(&Printed) + Sync),
) -> Vec<Printed> {
    let earlier = opts.reuse.as_ref().map(Manifest::files).unwrap_or_default();
    documents_reusing(
        checked,
        settings,
        typesetter,
        (out_dir, &earlier),
        opts,
        done,
    )
}

/// [`documents`] with the files of `opts.reuse` already listed (by [`Manifest::files`]): a
/// batch printed street by street lists them once, not for every street.
pub fn documents_reusing<S: std::hash::BuildHasher + Sync>(
    checked: &Checked,
    settings: &Settings,
    typesetter: &Typesetter,
    (out_dir, earlier): (&Path, &HashMap<&str, &Entry, S>),
    opts: &PrintOptions,
    done: &(dyn Fn(&Printed) + Sync),
) -> Vec<Printed> {
    let bases = base_names(&checked.meetings);
    let jobs = planned(checked, settings, &opts.kinds);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Printed)>> = Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.clamp(1, jobs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let j = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(i, kind)) = jobs.get(j) else {
                        break;
                    };
                    let m = &checked.meetings[i];
                    let path = pdf_path(out_dir, &bases[i], kind);
                    let printed = guard::isolated(
                        || one(m, kind, settings, typesetter, &path, opts, earlier),
                        |panic| crashed(&m.code, kind, &panic),
                    );
                    done(&printed);
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((j, printed));
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(j, _)| *j);
    let mut seen = HashSet::new();
    results
        .into_iter()
        .map(|(j, mut p)| {
            let i = jobs[j].0;
            p.glyphs.retain(|w| seen.insert((i, w.field.clone(), w.ch)));
            p
        })
        .collect()
}

/// The minutes of every meeting with `jobs` threads; results in meeting order.
pub fn minutes(
    checked: &Checked,
    settings: &Settings,
    typesetter: &Typesetter,
    out_dir: &Path,
    jobs: usize,
) -> Vec<Printed> {
    let opts = PrintOptions {
        jobs,
        kinds: vec![DocKind::Minutes],
        ..PrintOptions::default()
    };
    documents(checked, settings, typesetter, out_dir, &opts, &|_| {})
}

/// A document whose typesetting met a bug (in yishi or in Typst): it fails alone, the rest of
/// the batch is still printed and the run ends with exit code 2.
fn crashed(meeting: &str, kind: DocKind, panic: &Panic) -> Printed {
    Printed {
        meeting: meeting.to_string(),
        kind,
        glyphs: Vec::new(),
        outcome: Outcome::Failed(format!(
            "内部错误：排版时程序出错（{panic}），这份文书未写出，其余文书照常排版；请把这条信息连同这次会议的记录报给维护人员"
        )),
    }
}

fn one<S: std::hash::BuildHasher>(
    m: &Meeting,
    kind: DocKind,
    settings: &Settings,
    typesetter: &Typesetter,
    path: &Path,
    opts: &PrintOptions,
    earlier: &HashMap<&str, &Entry, S>,
) -> Printed {
    let mut glyphs = Vec::new();
    let outcome = match documents::data(kind, m, settings, opts.privacy, &opts.issuers) {
        Err(missing) => Outcome::Missing(missing),
        Ok(data) => {
            glyphs = missing_glyphs(m, &data, typesetter);
            let meta = DocMeta {
                ident: format!("yishi/{}/{}", m.code, kind.template()),
                title: data["title"].as_str().unwrap_or_default().to_string(),
                date: m.date(kind.date_field()),
            };
            let (outcome, fit) = match typesetter.key(kind.template(), &data, &meta) {
                Err(e) => (Outcome::Failed(e.to_string()), Some(0)),
                Ok(key) => match kept(path, &key, earlier) {
                    Some(kept) => (kept, None),
                    None => typeset(typesetter, kind, &data, &meta, path, key),
                },
            };
            if opts.emit_sources {
                // The sources compile to the same pages: at the fit level the PDF was made
                // with, which a kept PDF does not record.
                let fit = fit.unwrap_or_else(|| {
                    typesetter
                        .typeset(kind.template(), &data, &meta)
                        .map_or(0, |doc| doc.fit)
                });
                match emit(typesetter, kind.template(), &data, &meta, path, fit) {
                    Err(e) => Outcome::Failed(e),
                    Ok(()) => outcome,
                }
            } else {
                outcome
            }
        }
    };
    Printed {
        meeting: m.code.clone(),
        kind,
        outcome,
        glyphs,
    }
}

/// The document as an earlier build wrote it, if that build had the same key and the file
/// still has the bytes it wrote: a file with the size and modification time the earlier build
/// recorded is taken to (as `make` and Git do), any other is read and compared by its SHA-256.
pub(crate) fn kept<S: std::hash::BuildHasher>(
    path: &Path,
    key: &str,
    earlier: &HashMap<&str, &Entry, S>,
) -> Option<Outcome> {
    let name = path.file_name()?.to_str()?;
    let entry = earlier.get(name)?;
    if entry.key.as_deref() != Some(key) {
        return None;
    }
    let stamp = manifest::Stamp::of(path)?;
    let recorded = entry.sha256.clone()?;
    let sha256 = if entry.stamp.as_ref() == Some(&stamp) {
        recorded
    } else {
        let sha256 = manifest::sha256(&std::fs::read(path).ok()?);
        (sha256 == recorded).then_some(sha256)?
    };
    Some(Outcome::Written {
        path: path.to_path_buf(),
        pages: entry.pages.unwrap_or_default(),
        warnings: entry.warnings.clone(),
        key: key.to_string(),
        sha256,
        stamp: Some(stamp),
        reused: true,
    })
}

/// Typesets the document and writes it; also the fit level it took, when it was typeset.
fn typeset(
    typesetter: &Typesetter,
    kind: DocKind,
    data: &serde_json::Value,
    meta: &DocMeta,
    path: &Path,
    key: String,
) -> (Outcome, Option<u8>) {
    let doc = match typesetter.typeset(kind.template(), data, meta) {
        Ok(doc) => doc,
        Err(e) => return (Outcome::Failed(e.to_string()), Some(0)),
    };
    let fit = Some(doc.fit);
    let outcome = match write::atomic(path, &doc.pdf) {
        Ok(()) => Outcome::Written {
            path: path.to_path_buf(),
            pages: doc.pages,
            warnings: doc
                .warnings
                .into_iter()
                .filter(|w| !w.contains(crate::render::NO_GLYPH))
                .collect(),
            key,
            sha256: manifest::sha256(&doc.pdf),
            stamp: manifest::Stamp::of(path),
            reused: false,
        },
        Err(e) => Outcome::Failed(format!("无法写入 {}：{e}", path.display())),
    };
    (outcome, fit)
}

/// Writes the document's template, modules and data into the folder beside its PDF.
pub(crate) fn emit(
    typesetter: &Typesetter,
    template: &str,
    data: &serde_json::Value,
    meta: &DocMeta,
    pdf: &Path,
    fit: u8,
) -> Result<(), String> {
    let dir = sources_dir(pdf);
    let files = typesetter
        .sources(template, data, meta, fit)
        .map_err(|e| e.to_string())?;
    for (name, bytes) in files {
        let path = dir.join(name);
        write::atomic(&path, &bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    }
    Ok(())
}

/// A character of a meeting's record that no font can print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlyphWarning {
    pub meeting: String,
    /// The field (or list column) it is in, in Chinese.
    pub field: String,
    pub ch: char,
    /// Where the text is: `file:line:column`, when known.
    pub at: Option<String>,
}

impl std::fmt::Display for GlyphWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "警告：{} 的「{}」中的字符“{}”（U+{:04X}）{}",
            self.meeting,
            self.field,
            self.ch,
            self.ch as u32,
            crate::render::NO_GLYPH
        )?;
        if let Some(at) = &self.at {
            write!(f, "\n  位置：{at}")?;
        }
        write!(
            f,
            "\n  提示：用 --font-path 加入含此字的字体（如完整版 Noto Serif CJK 或 花园明朝），或改用通用字"
        )
    }
}

/// Every character of the printed text of the documents `opts` prints that no font has, once per
/// meeting, field and character, in meeting order: what [`documents`] finds as it prints, found
/// without printing. The text is what the documents' data holds, so whatever a template prints
/// is checked; each character is traced back to the field (and the place in the file) it came
/// from.
pub fn glyph_warnings(
    checked: &Checked,
    settings: &Settings,
    opts: &PrintOptions,
    typesetter: &Typesetter,
) -> Vec<GlyphWarning> {
    use rayon::prelude::*;
    // Each document's characters no font has, looked up on all the cores; then each character
    // once a field of a meeting, in the documents' order.
    let found: Vec<(usize, Vec<GlyphWarning>)> = planned(checked, settings, &opts.kinds)
        .into_par_iter()
        .with_min_len(16)
        .filter_map(|(i, kind)| {
            let m = &checked.meetings[i];
            let data = documents::data(kind, m, settings, opts.privacy, &opts.issuers).ok()?;
            Some((i, missing_glyphs(m, &data, typesetter)))
        })
        .collect();
    let mut seen = HashSet::new();
    found
        .into_iter()
        .flat_map(|(i, missing)| missing.into_iter().map(move |w| (i, w)))
        .filter(|(i, w)| seen.insert((*i, w.field.clone(), w.ch)))
        .map(|(_, w)| w)
        .collect()
}

/// The characters of a document's data that no font has, each with the field of `m` it came
/// from.
fn missing_glyphs(
    m: &Meeting,
    data: &serde_json::Value,
    typesetter: &Typesetter,
) -> Vec<GlyphWarning> {
    let mut uncovered = Vec::new();
    uncovered_strings(data, "", typesetter, &mut uncovered);
    uncovered
        .into_iter()
        .flat_map(|(key, chars)| {
            chars.into_iter().map(move |ch| {
                let (field, at) = origin(m, ch).unwrap_or_else(|| (key.clone(), None));
                GlyphWarning {
                    meeting: m.code.clone(),
                    field,
                    ch,
                    at,
                }
            })
        })
        .collect()
}

/// The field of the meeting's record that holds `ch`, and its place: a ledger or front-matter
/// field, a participant's name or role, the minutes' title or body.
fn origin(m: &Meeting, ch: char) -> Option<(String, Option<String>)> {
    if let Some((field, cell)) = m
        .fields
        .iter()
        .find(|(_, c)| c.value.display().contains(ch))
    {
        return Some((field.zh().to_string(), Some(cell.loc.display())));
    }
    for p in &m.participants {
        if p.name.contains(ch) {
            return Some(("姓名".to_string(), Some(p.loc.display())));
        }
        if p.role.as_deref().is_some_and(|r| r.contains(ch)) {
            return Some(("身份".to_string(), Some(p.loc.display())));
        }
    }
    let body = m.minutes.as_ref()?;
    if body.title.as_deref().is_some_and(|t| t.contains(ch)) {
        return Some(("会议记录标题".to_string(), None));
    }
    let blocks = serde_json::to_value(&body.blocks).unwrap_or_default();
    let mut strings = Vec::new();
    collect_strings(&blocks, "", &mut strings);
    strings
        .iter()
        .any(|(_, s)| s.contains(ch))
        .then(|| ("会议记录正文".to_string(), None))
}

/// The characters no font has of each string of a document's data that has any, with the key
/// it is under.
fn uncovered_strings(
    value: &serde_json::Value,
    key: &str,
    typesetter: &Typesetter,
    out: &mut Vec<(String, Vec<char>)>,
) {
    match value {
        serde_json::Value::String(s) => {
            let chars = typesetter.uncovered(s);
            if !chars.is_empty() {
                out.push((key.to_string(), chars));
            }
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|v| uncovered_strings(v, key, typesetter, out)),
        serde_json::Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| uncovered_strings(v, k, typesetter, out)),
        _ => {}
    }
}

/// Every string of a document's data, with the key it is under.
fn collect_strings<'a>(value: &'a serde_json::Value, key: &str, out: &mut Vec<(String, &'a str)>) {
    match value {
        serde_json::Value::String(s) => out.push((key.to_string(), s)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, key, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| collect_strings(v, k, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_fails_its_document_only() {
        let isolated = |meeting: &'static str, kind, print: &dyn Fn() -> Printed| {
            guard::isolated(print, |panic| crashed(meeting, kind, &panic))
        };
        let printed = isolated("LH-1", DocKind::Notice, &|| panic!("boom"));
        assert_eq!(printed.meeting, "LH-1");
        assert_eq!(printed.kind, DocKind::Notice);
        let Outcome::Failed(message) = printed.outcome else {
            panic!("not a failure: {:?}", printed.outcome)
        };
        assert!(
            message.starts_with("内部错误：排版时程序出错（boom（src/printing.rs:"),
            "{message}"
        );
        // And the next document of the same thread prints normally.
        let next = isolated("LH-2", DocKind::Minutes, &|| Printed {
            meeting: "LH-2".to_string(),
            kind: DocKind::Minutes,
            outcome: Outcome::Failed("ok".to_string()),
            glyphs: Vec::new(),
        });
        assert!(matches!(next.outcome, Outcome::Failed(ref m) if m == "ok"));
    }

    #[test]
    fn codes_that_clean_to_one_name_get_two_files() {
        let meeting = |code: &str| Meeting {
            code: code.to_string(),
            records: Vec::new(),
            fields: crate::model::FieldMap::new(),
            invalid: crate::model::FieldMap::new(),
            empty: crate::model::FieldMap::new(),
            participants: Vec::new(),
            minutes: None,
        };
        let bases = base_names(&[meeting("LH/1"), meeting("LH:1"), meeting("LH-2")]);
        let names: Vec<String> = bases
            .iter()
            .map(|b| {
                pdf_path(Path::new("out"), b, DocKind::Minutes)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "LH_1-会议记录.pdf",
                "LH_1-2-会议记录.pdf",
                "LH-2-会议记录.pdf"
            ]
        );
        assert_eq!(
            pdf_path(Path::new("out"), "LH-2", DocKind::Publication),
            Path::new("out/LH-2-协商结果公示.pdf")
        );
        assert_eq!(
            sources_dir(Path::new("out/LH-2-邀请函.pdf")),
            Path::new("out/LH-2-邀请函")
        );
    }
}
