//! Typesetting of the official documents with Typst, embedded in-process.
//!
//! A [`Typesetter`] is built once per process: it loads the fonts, resolves
//! the font roles of GB/T 9704 and parses the built-in templates. It is
//! `Send + Sync`; [`Typesetter::typeset`] can be called from several threads
//! at once, each call building a small `World` that borrows the shared
//! state.
//!
//! # What a template sees
//!
//! A template is a Typst file from `templates/<name>.typ`, embedded in the
//! binary (a workspace may replace any of them by file name, see
//! [`Typesetter::override_templates`]). It may import the shared layout
//! module `gongwen.typ`, and reads everything through three virtual JSON
//! files beside it, served under fixed file ids (the process can intern only
//! 65 535 ids):
//!
//! | file | content |
//! |---|---|
//! | `data.json`  | the document's data, exactly `serde_json::to_vec(data)` |
//! | `meta.json`  | `{"ident": …, "title": …, "date": {"year","month","day"} or null, "fit": 0–3}` from [`DocMeta`] and the fit level (see below) |
//! | `fonts.json` | the font roles: `{"title": {"families": [...], "weight": "bold"|"regular"}, "body": …, "heading1": …, "heading2": …, "numbers": …}` |
//!
//! Templates name these files by relative path, so the same files written
//! into one folder ([`Typesetter::sources`]) compile with the Typst CLI.
//!
//! `families` lists only the families that are present (see
//! [`RoleChoice::chosen`]), so Typst prints no "unknown font family"
//! warnings. Any other path is "not found": templates cannot read the file
//! system, and `datetime.today()` returns the document's date.
//!
//! Record text is data: templates read it with `json(..)` and place strings
//! as text, never through `eval` or markup, so `#`, `*`, `$` or `[` in a
//! topic print literally.
//!
//! # Keeping the closing with the text
//!
//! A template may mark the start of its closing (特此公告, the issuer and date, the signatures)
//! with the label `<yishi-closing-start>`, once per letter, inside the block that keeps the
//! closing together. When one stands at the top of a page, the closing is on a page without the
//! text before it (GB/T 9704 7.3.5 does not allow it): the document is typeset again with `fit` 1, then 2,
//! which the templates read from `meta.json` to tighten the spacing around the closing and then
//! to move the last short section to the closing's page. The first level that keeps every pair
//! together is used ([`Typeset::fit`]); [`Typesetter::sources`] writes the same level.
//!
//! # Determinism
//!
//! The same data, template and fonts give the same PDF bytes: the PDF
//! identifier comes from [`DocMeta::ident`], the creator is `yishi`, and the
//! only date written is [`DocMeta::date`].

mod error;
mod extract;
mod fonts;
mod world;

use chrono::Datelike;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::Source;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

pub use error::{Diagnostic, RenderError};
pub use extract::TextLine;

use crate::documents::DocKind;
use world::{DocWorld, Shared};

/// The templates of the period documents (a unit's year, a street's self-audit): name and Typst
/// source. The per-meeting documents' templates are rows of [`DocKind`]'s table.
const PERIOD_TEMPLATES: &[(&str, &str)] = &[
    ("report", include_str!("../../templates/report.typ")),
    ("audit", include_str!("../../templates/audit.typ")),
];

/// The modules templates import: name and Typst source.
const MODULES: &[(&str, &str)] = &[("gongwen", include_str!("../../templates/gongwen.typ"))];

/// The files in `dir` that replace a built-in template or module (`notice.typ`, `gongwen.typ`,
/// …), in the order of the built-in names: what a workspace's templates change.
pub fn template_files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    DocKind::ALL
        .iter()
        .map(|k| k.template())
        .chain(PERIOD_TEMPLATES.iter().map(|(name, _)| *name))
        .chain(MODULES.iter().map(|(name, _)| *name))
        .map(|name| dir.join(format!("{name}.typ")))
        .filter(|path| path.is_file())
        .collect()
}

/// How to find fonts.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Also use the fonts installed on this machine (official 仿宋_GB2312,
    /// 方正小标宋 and the like are preferred over the shipped Noto fonts).
    pub system_fonts: bool,
    /// Directories (searched recursively) or font files to add; they take
    /// precedence over system and shipped fonts.
    pub font_paths: Vec<std::path::PathBuf>,
    /// The PDF standard to conform to, e.g. PDF/A-2b for archives; `None`
    /// writes plain PDF 1.7.
    pub pdf_standard: Option<PdfStandard>,
}

/// The PDF standards documents can be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfStandard {
    /// PDF/A-2b: long-term archiving, visual appearance preserved.
    A2b,
    /// PDF/A-3b: as A-2b, and files may be attached.
    A3b,
}

/// Which font family fills a typographic role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChoice {
    /// `title`, `body`, `heading1`, `heading2` or `numbers`.
    pub role: &'static str,
    /// The families tried, in order of preference.
    pub wanted: Vec<&'static str>,
    /// The wanted families that are present, in the same order, spelled as
    /// the fonts name themselves. This is what templates get.
    pub chosen: Vec<String>,
    /// Whether the first (official) family is absent, so a substitute is
    /// used.
    pub substituted: bool,
}

/// What a document is called and dated, outside its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// A stable identifier (e.g. `minutes-LH-CT-2026-007`); it seeds the PDF
    /// document id, so it must not change between runs.
    pub ident: String,
    /// The PDF title.
    pub title: String,
    /// The document's date: PDF creation date and `datetime.today()`.
    /// `None` writes no date.
    pub date: Option<chrono::NaiveDate>,
}

/// A typeset document.
#[derive(Debug, Clone)]
pub struct Typeset {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// The printed text: lines top to bottom joined with `'\n'`, pages
    /// joined with `'\u{c}'` (form feed).
    pub text: String,
    /// The printed lines of each page, with positions, for measuring.
    pub lines: Vec<Vec<TextLine>>,
    /// Typst's warnings, and characters that no font could draw.
    pub warnings: Vec<String>,
    /// How hard the layout had to try to keep the closing with the text (0: not at all).
    pub fit: u8,
    /// Whether a closing still stands on a page without the end of its text, even at the
    /// highest fit level (its last section is too long to move).
    pub closing_apart: bool,
}

/// The highest fit level the templates know.
pub const MAX_FIT: u8 = 3;

/// A template parsed once.
struct Template {
    name: &'static str,
    source: Source,
}

impl Template {
    fn builtin(name: &'static str, text: &str) -> Template {
        Template {
            name,
            source: Source::new(world::project_id(&format!("/{name}.typ")), text.to_string()),
        }
    }
}

/// Hashes one part of a key, its length first, so that no two sequences of parts hash alike.
fn hash_part(hash: &mut sha2::Sha256, bytes: &[u8]) {
    use sha2::Digest;
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

/// The process-wide typesetting state. Build it once and share it.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: FontStore,
    roles: Vec<RoleChoice>,
    fonts_json: Bytes,
    templates: Vec<Template>,
    modules: Vec<Template>,
    standards: typst_pdf::PdfStandards,
    /// What else makes the bytes of a PDF: the fonts and the PDF standard. Part of every
    /// [`Typesetter::key`].
    setup: String,
    /// Characters already looked up in the fonts: whether some font has them.
    /// Per code point: 0 not yet looked up, 1 some font has it, 2 none has. Read from every
    /// thread at once without a lock.
    coverage: Box<[std::sync::atomic::AtomicU8]>,
    /// Per template, the hash state after everything of a [`Typesetter::key`] but the data and
    /// the meta: some 50 KB of template source that every document of a build would hash again.
    key_prefixes: std::sync::Mutex<std::collections::HashMap<&'static str, sha2::Sha256>>,
}

impl Typesetter {
    /// Loads and scans the fonts, resolves the font roles and parses the
    /// built-in templates. This is the slow part (tens of milliseconds with
    /// system fonts); do it once.
    pub fn new(opts: &RenderOptions) -> Typesetter {
        let (fonts, fingerprint) = fonts::load_store(opts);
        let roles = fonts::resolve_roles(fonts.book());
        let fonts_json = Bytes::new(fonts::fonts_json(&roles));
        let standards = match opts.pdf_standard {
            None => typst_pdf::PdfStandards::default(),
            Some(standard) => typst_pdf::PdfStandards::new(&[match standard {
                PdfStandard::A2b => typst_pdf::PdfStandard::A_2b,
                PdfStandard::A3b => typst_pdf::PdfStandard::A_3b,
            }])
            .expect("a single PDF/A standard is always a valid set"),
        };
        Typesetter {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            roles,
            fonts_json,
            // The built-in templates: one per kind of document.
            templates: DocKind::ALL
                .iter()
                .map(|k| (k.template(), k.template_source()))
                .chain(PERIOD_TEMPLATES.iter().copied())
                .map(|(name, text)| Template::builtin(name, text))
                .collect(),
            modules: MODULES
                .iter()
                .map(|&(name, text)| Template::builtin(name, text))
                .collect(),
            standards,
            setup: format!(
                "{fingerprint} {:?} {}",
                opts.pdf_standard,
                program_identity()
            ),
            coverage: (0..=u32::from(char::MAX))
                .map(|_| std::sync::atomic::AtomicU8::new(0))
                .collect(),
            key_prefixes: std::sync::Mutex::default(),
        }
    }

    /// What a document's bytes depend on, hashed: the program (its version, size and date), the
    /// template and the modules it may import, the data, the meta, the fonts and the PDF standard. Two documents
    /// with the same key are the same PDF, so a build may keep one it wrote before.
    pub fn key(
        &self,
        template: &str,
        data: &serde_json::Value,
        meta: &DocMeta,
    ) -> Result<String, RenderError> {
        use sha2::Digest;
        let data = serde_json::to_vec(data).map_err(|e| RenderError::Data(e.to_string()))?;
        let mut hash = self.key_prefix(template)?;
        hash_part(&mut hash, &data);
        hash_part(&mut hash, &meta_json(meta, 0));
        Ok(format!("{:x}", hash.finalize()))
    }

    /// The hash state of a key before the data and the meta: the program, the template and the
    /// modules it may import, the fonts and the PDF standard. Computed once per template.
    fn key_prefix(&self, template: &str) -> Result<sha2::Sha256, RenderError> {
        use sha2::Digest;
        let main = self.entry(template)?;
        let mut prefixes = self
            .key_prefixes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(prefixes
            .entry(main.name)
            .or_insert_with(|| {
                let mut hash = sha2::Sha256::new();
                hash_part(&mut hash, env!("CARGO_PKG_VERSION").as_bytes());
                hash_part(&mut hash, main.name.as_bytes());
                hash_part(&mut hash, main.source.text().as_bytes());
                for module in &self.modules {
                    hash_part(&mut hash, module.source.text().as_bytes());
                }
                hash_part(&mut hash, &self.fonts_json);
                hash_part(&mut hash, self.setup.as_bytes());
                hash
            })
            .clone())
    }

    /// Everything of this typesetter that makes the bytes of some PDF, hashed: the program, every
    /// template and module, the fonts and the PDF standard. Equal for two runs whose documents
    /// would all have the same key prefixes.
    pub fn identity(&self) -> String {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        hash_part(&mut hash, env!("CARGO_PKG_VERSION").as_bytes());
        for template in self.templates.iter().chain(&self.modules) {
            hash_part(&mut hash, template.name.as_bytes());
            hash_part(&mut hash, template.source.text().as_bytes());
        }
        hash_part(&mut hash, &self.fonts_json);
        hash_part(&mut hash, self.setup.as_bytes());
        format!("{:x}", hash.finalize())
    }

    /// Replaces built-in templates and modules by the files of the same
    /// name in `dir` (`notice.typ`, `minutes.typ`, `gongwen.typ`, …); other
    /// files are left alone. Returns the files used, in the order of the
    /// built-in names.
    pub fn override_templates(
        &mut self,
        dir: &std::path::Path,
    ) -> Result<Vec<std::path::PathBuf>, RenderError> {
        self.key_prefixes
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        let mut used = Vec::new();
        for template in self.templates.iter_mut().chain(self.modules.iter_mut()) {
            let path = dir.join(format!("{}.typ", template.name));
            if !path.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| RenderError::Template {
                path: path.clone(),
                message: e.to_string(),
            })?;
            template.source.replace(&text);
            used.push(path);
        }
        Ok(used)
    }

    /// The files that compile this document elsewhere: the template as
    /// `<template>.typ`, the modules it may import, and `data.json`,
    /// `meta.json`, `fonts.json`, all meant for one folder. Compiling
    /// `<template>.typ` there with the Typst CLI (and `--font-path` for
    /// the fonts) gives the same pages.
    pub fn sources(
        &self,
        template: &str,
        data: &serde_json::Value,
        meta: &DocMeta,
        fit: u8,
    ) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let main = self.template(template)?;
        let mut files = vec![(format!("{template}.typ"), main.text().as_bytes().to_vec())];
        for module in &self.modules {
            files.push((
                format!("{}.typ", module.name),
                module.source.text().as_bytes().to_vec(),
            ));
        }
        let pretty = |v: &serde_json::Value| {
            serde_json::to_vec_pretty(v).map_err(|e| RenderError::Data(e.to_string()))
        };
        files.push(("data.json".to_string(), pretty(data)?));
        files.push(("meta.json".to_string(), meta_json(meta, fit)));
        files.push(("fonts.json".to_string(), self.fonts_json.to_vec()));
        Ok(files)
    }

    /// The characters of `text` that no font has: they would print as
    /// empty boxes. Whitespace and invisible format characters are never
    /// reported.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || is_invisible(c) || c.is_ascii() {
                continue;
            }
            let slot = &self.coverage[c as usize];
            let has = match slot.load(std::sync::atomic::Ordering::Relaxed) {
                1 => true,
                2 => false,
                _ => {
                    let has = fonts::covered(self.fonts.book(), c);
                    slot.store(
                        if has { 1 } else { 2 },
                        std::sync::atomic::Ordering::Relaxed,
                    );
                    has
                }
            };
            if !has && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// The template's parsed source, or which names exist.
    fn template(&self, name: &str) -> Result<&Source, RenderError> {
        self.entry(name).map(|t| &t.source)
    }

    /// The template of that name, or which names exist.
    fn entry(&self, name: &str) -> Result<&Template, RenderError> {
        self.templates
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| RenderError::UnknownTemplate {
                name: name.to_string(),
                known: self.template_names(),
            })
    }

    /// The font role table, resolved once at construction: title, body,
    /// heading1, heading2, numbers.
    pub fn font_roles(&self) -> &[RoleChoice] {
        &self.roles
    }

    /// The names of the built-in templates.
    pub fn template_names(&self) -> Vec<&'static str> {
        self.templates.iter().map(|t| t.name).collect()
    }

    /// Typesets one document with the template `template` and the data
    /// `data`, and writes it as PDF.
    pub fn typeset(
        &self,
        template: &str,
        data: &serde_json::Value,
        meta: &DocMeta,
    ) -> Result<Typeset, RenderError> {
        let source = self.template(template)?;
        self.typeset_source(template, source, data, meta)
    }

    /// Typesets with a parsed template; `name` is for messages.
    fn typeset_source(
        &self,
        name: &str,
        source: &Source,
        data: &serde_json::Value,
        meta: &DocMeta,
    ) -> Result<Typeset, RenderError> {
        let data =
            Bytes::new(serde_json::to_vec(data).map_err(|e| RenderError::Data(e.to_string()))?);
        let modules: Vec<&Source> = self.modules.iter().map(|m| &m.source).collect();
        let mut fit = 0;
        let result = loop {
            let world = DocWorld {
                shared: Shared {
                    library: &self.library,
                    fonts: &self.fonts,
                    fonts_json: &self.fonts_json,
                    modules: &modules,
                },
                main: source,
                data: data.clone(),
                meta: Bytes::new(meta_json(meta, fit)),
                today: meta.date.and_then(|d| typst_date(d, false)),
            };
            match run(&world, name, meta, &self.standards, fit) {
                Ok(done) if done.closing_apart && fit < MAX_FIT => fit += 1,
                other => break other,
            }
        };
        // Why here and not with `?` above: Typst memoizes into process-wide
        // caches that only shrink when told to; evicting after every
        // document, failed ones included, keeps memory flat over a batch.
        // Every entry goes: each document has its own data, so little is
        // reused from one to the next. With the pipeline bench, keeping ten
        // evictions' worth grew peak RSS more from 1 000 to 5 000 documents
        // (97 → 209 MiB, against 68–72 → 106–163 MiB) and was no faster.
        typst::comemo::evict(0);
        result
    }
}

/// The running program's size and modification time. Why: a build of yishi that changes how
/// documents are made without changing its version number must not keep PDFs the previous
/// build made.
fn program_identity() -> String {
    std::env::current_exe().map_or_else(|_| String::new(), |exe| file_stamp(&exe))
}

/// A file's size and modification time (nanoseconds), `0:0` when unknown: what tells that a
/// file changed without reading it.
pub(crate) fn file_stamp(path: &std::path::Path) -> String {
    let meta = std::fs::metadata(path).ok();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{}:{modified}", meta.map_or(0, |m| m.len()))
}

/// What the warning about characters without a glyph says, to recognise it.
pub const NO_GLYPH: &str = "在可用字体中没有字形，印出来是空框";

/// Compiles, writes the PDF and reads back the text.
fn run(
    world: &DocWorld<'_>,
    template: &str,
    meta: &DocMeta,
    standards: &typst_pdf::PdfStandards,
    fit: u8,
) -> Result<Typeset, RenderError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let mut warnings: Vec<String> = warnings
        .iter()
        .map(|w| format!("警告：{}", Diagnostic::from_typst(world, w)))
        .collect();
    let document = output.map_err(|errors| RenderError::Compile {
        template: template.to_string(),
        errors: convert(world, &errors),
    })?;

    let options = PdfOptions {
        ident: Smart::Custom(meta.ident.clone()),
        creator: Smart::Custom(Some("yishi".to_string())),
        // Only used by templates that leave `document(date: auto)`.
        timestamp: meta
            .date
            .and_then(|d| typst_date(d, true))
            .map(Timestamp::new_utc),
        standards: standards.clone(),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| RenderError::Pdf {
        template: template.to_string(),
        errors: convert(world, &errors),
    })?;

    let mut missing = Vec::new();
    let lines: Vec<Vec<TextLine>> = document
        .pages()
        .iter()
        .map(|page| extract::page_lines(&page.frame, &mut missing))
        .collect();
    if !missing.is_empty() {
        let chars: String = missing.iter().collect();
        warnings.push(format!(
            "警告：以下字符{NO_GLYPH}：{chars}（请安装含这些字的字体）"
        ));
    }
    let text = lines
        .iter()
        .map(|page| {
            page.iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\u{c}");
    Ok(Typeset {
        pdf,
        pages: document.pages().len(),
        text,
        lines,
        warnings,
        fit,
        closing_apart: closing_apart(&document),
    })
}

/// Whether some `<yishi-closing-start>` stands at the top of a page: then the text before it
/// ended on the page before, and the closing is on a page without it (see "Keeping the closing
/// with the text" above).
fn closing_apart(document: &PagedDocument) -> bool {
    use typst::foundations::{Label, Selector};
    use typst::introspection::Introspector;
    /// The top of the type area (GB/T 9704: 37 mm), and half a line below it, in points.
    const FIRST_LINE: f64 = 37.0 * 72.0 / 25.4 + 14.0;
    let introspector = document.introspector();
    let Some(label) = Label::new(typst::utils::PicoStr::intern("yishi-closing-start")) else {
        return false;
    };
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(typst::foundations::Content::location)
        .filter_map(|location| introspector.position(location))
        .any(|position| position.point.y.to_pt() < FIRST_LINE)
}

/// Format characters that draw nothing (joiners, direction marks, variation
/// selectors): no font needs a glyph for them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{e0100}'..='\u{e01ef}')
}

/// Converts Typst's errors for the error value.
fn convert(world: &dyn World, errors: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    errors
        .iter()
        .map(|e| Diagnostic::from_typst(world, e))
        .collect()
}

/// A chrono date as a Typst date (or midnight, for the PDF timestamp).
fn typst_date(date: chrono::NaiveDate, midnight: bool) -> Option<Datetime> {
    let (y, m, d) = (date.year(), date.month() as u8, date.day() as u8);
    if midnight {
        Datetime::from_ymd_hms(y, m, d, 0, 0, 0)
    } else {
        Datetime::from_ymd(y, m, d)
    }
}

/// The content of `/meta.json`, at fit level `fit`.
fn meta_json(meta: &DocMeta, fit: u8) -> Vec<u8> {
    let date = meta
        .date
        .map(|d| serde_json::json!({ "year": d.year(), "month": d.month(), "day": d.day() }));
    let value = serde_json::json!({
        "ident": meta.ident, "title": meta.title, "date": date, "fit": fit,
    });
    serde_json::to_vec(&value).expect("a JSON object always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> DocMeta {
        DocMeta {
            ident: "unit".to_string(),
            title: "测试".to_string(),
            date: None,
        }
    }

    fn broken(name: &str, text: &str) -> Source {
        Source::new(world::project_id(&format!("/{name}.typ")), text.to_string())
    }

    #[test]
    fn compile_errors_carry_message_place_and_hints() {
        let ts = Typesetter::new(&RenderOptions::default());
        let source = broken("unit-broken", "#let a = 1\n#a-b\n");
        let err = ts
            .typeset_source("unit-broken", &source, &serde_json::json!({}), &meta())
            .unwrap_err();
        let RenderError::Compile { errors, .. } = &err else {
            panic!("not a compile error: {err:?}")
        };
        assert_eq!(errors[0].location.as_deref(), Some("unit-broken.typ:2:2"));
        assert!(!errors[0].hints.is_empty(), "{errors:?}");
        let shown = err.to_string();
        assert!(
            shown.starts_with("排版模板「unit-broken」编译失败："),
            "{shown}"
        );
        assert!(shown.contains("unknown variable: a-b"), "{shown}");
        assert!(shown.contains("提示："), "{shown}");
    }

    #[test]
    fn templates_cannot_read_files() {
        let ts = Typesetter::new(&RenderOptions::default());
        let source = broken("unit-read", "#read(\"/etc/passwd\")\n");
        let err = ts
            .typeset_source("unit-read", &source, &serde_json::json!({}), &meta())
            .unwrap_err();
        assert!(err.to_string().contains("file not found"), "{err}");
    }

    #[test]
    fn today_is_the_document_date() {
        let ts = Typesetter::new(&RenderOptions::default());
        let source = broken(
            "unit-today",
            "#datetime.today().display(\"[year]-[month]-[day]\")\n",
        );
        let mut meta = meta();
        meta.date = chrono::NaiveDate::from_ymd_opt(2026, 3, 5);
        let out = ts
            .typeset_source("unit-today", &source, &serde_json::json!({}), &meta)
            .unwrap();
        assert_eq!(out.text, "2026-03-05");
    }
}
