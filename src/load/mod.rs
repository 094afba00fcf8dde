//! Reading a batch's files into records that keep their places: ledgers and participant lists
//! (CSV, tab-separated text, and every sheet of an .xlsx, .xls or .ods workbook) and minutes
//! (Markdown with front matter). Files are recognised by their content; anything else is listed
//! as skipped with the reason. A problem in one file or row becomes a diagnostic at its place and
//! the rest of the batch goes on, even when the problem is a bug here: each file and each row is
//! read under [`guarded`].

mod decode;
mod ledger;
mod minutes;
mod table;
pub mod workbook;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Once;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::model::{Participant, Record};
use crate::rules::{d001, d008};
use crate::source::{Encoding, Loc, SourceFile};
use crate::values::Coercion;

pub use decode::decode;

/// What a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Ledger,
    Participants,
    Minutes,
    /// A unit's words for its annual report (not a record).
    Prose,
}

impl FileKind {
    pub fn zh(self) -> &'static str {
        match self {
            FileKind::Ledger => "台账",
            FileKind::Participants => "参会人员名单",
            FileKind::Minutes => "会议记录",
            FileKind::Prose => "年度报告文字材料",
        }
    }
}

/// Takes a Markdown file whose front matter says it is a report's prose (read as a minutes file
/// until then) as prose: its entry in the files read says so and holds no record.
fn prose(
    file: &Arc<SourceFile>,
    loc: Loc,
    pairs: Vec<(String, String, std::ops::Range<usize>)>,
    body: Vec<crate::model::Block>,
    entry: usize,
    batch: &mut Loaded,
) {
    batch.read[entry].kind = FileKind::Prose;
    batch.read[entry].records = 0;
    let entries: Vec<(String, String, Loc)> = pairs
        .into_iter()
        .map(|(key, value, span)| (key, value, Loc::new(file, span)))
        .collect();
    let (prose, found) = crate::prose::read(&file.name, loc, &entries, body);
    batch.diagnostics.extend(found);
    batch.prose.extend(prose);
}

/// A file that was read, and what became of its records.
#[derive(Clone, Debug, Serialize)]
pub struct ReadFile {
    pub path: String,
    /// The sheet, for a workbook (a workbook has one entry per sheet read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub kind: FileKind,
    pub encoding: Encoding,
    /// Records read (ledger rows, participant rows, or 1 for minutes).
    pub records: usize,
    /// Records that could not be used, each with a D001/D002 diagnostic.
    pub rejected: usize,
    /// Blank rows passed over.
    pub blank_rows: usize,
    /// Totals rows (合计/总计) passed over, each noted (D008).
    pub totals_rows: usize,
}

/// A file that holds no records, and why.
#[derive(Clone, Debug, Serialize)]
pub struct SkippedFile {
    pub path: String,
    /// A sheet of a workbook whose other sheets were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub reason: String,
}

/// Everything read from a batch.
#[derive(Debug, Default)]
pub struct Loaded {
    pub read: Vec<ReadFile>,
    pub skipped: Vec<SkippedFile>,
    pub records: Vec<Record>,
    pub participants: Vec<Participant>,
    /// Annual reports' prose.
    pub prose: Vec<crate::prose::Prose>,
    pub diagnostics: Vec<Diagnostic>,
    /// Coercions seen in the file being read, reported (D008) once per file and kind.
    notes: BTreeMap<(String, Coercion), Noted>,
}

/// How often a coercion was made in one file, and its first place.
#[derive(Debug)]
struct Noted {
    count: usize,
    loc: Loc,
    field: String,
    text: String,
    read_as: String,
}

/// Runs `f` on the batch; a panic inside it becomes an internal-error diagnostic at `place`
/// instead of ending the run, and `None` is returned.
pub fn guarded<T>(
    place: &Loc,
    what: &str,
    batch: &mut Loaded,
    f: impl FnOnce(&mut Loaded) -> T,
) -> Option<T> {
    match quietly(|| f(batch)) {
        Ok(value) => Some(value),
        Err(panic) => {
            batch.diagnostics.push(Diagnostic::internal(
                format!("内部错误：读取{what}时程序出错，已跳过，批次中其余部分照常检查"),
                panic.to_string(),
                Some(place),
            ));
            None
        }
    }
}

thread_local! {
    /// Whether this thread is inside [`quietly`], and where its last panic happened.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static PANICKED_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f`, turning a panic into its message (with the place in the source it came from). The
/// panic is caught to be reported as a diagnostic, so it is not also printed: the process-wide
/// panic hook stays silent for this thread while `f` runs and behaves as before everywhere else.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let at = info
                    .location()
                    .map_or(String::new(), |l| format!("{}:{}", l.file(), l.line()));
                PANICKED_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| Panic {
        message: panic_text(payload.as_ref()),
        at: PANICKED_AT.with(|p| std::mem::take(&mut *p.borrow_mut())),
    })
}

/// A panic caught by [`quietly`].
#[derive(Clone, Debug)]
pub struct Panic {
    pub message: String,
    /// `file:line` of the code that panicked.
    pub at: String,
}

impl std::fmt::Display for Panic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}（{}）", self.message, self.at)
    }
}

/// The message a panic carried.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

impl Loaded {
    /// Reads one file into the batch.
    pub fn add_file(&mut self, path: &Path) {
        let name = path.to_string_lossy().replace('\\', "/");
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.skip(&name, format!("无法打开：{e}"));
                return;
            }
        };
        self.add_bytes(path.to_path_buf(), &bytes);
    }

    /// Reads one file's contents into the batch (the path only names it). A bug met while
    /// reading it drops what was read of it, reports it at the file, and lists it as skipped.
    pub fn add_bytes(&mut self, path: PathBuf, bytes: &[u8]) {
        let name = path.to_string_lossy().replace('\\', "/");
        let marks = (self.read.len(), self.records.len(), self.participants.len());
        let skipped = self.skipped.len();
        let place = Loc::new(&SourceFile::new(path.clone(), "", Encoding::Utf8), 0..0);
        let done = guarded(&place, "这个文件", self, |batch| {
            batch.read_bytes(path, bytes);
        });
        if done.is_none() {
            self.read.truncate(marks.0);
            self.records.truncate(marks.1);
            self.participants.truncate(marks.2);
            self.skipped.truncate(skipped);
            self.notes.clear();
            self.skip(&name, "读取时发生内部错误（见诊断）".to_string());
        }
        self.flush_notes();
    }

    fn read_bytes(&mut self, path: PathBuf, bytes: &[u8]) {
        let name = path.to_string_lossy().replace('\\', "/");
        // A file named as a record (台账.csv, 台账.xlsx) that holds none is most likely a copy
        // gone wrong: that is worth a D001, where a photo in the folder is only passed over.
        let named_as_record = has_extension(&path, RECORD_EXTENSIONS);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            if named_as_record {
                self.file_error(
                    &path,
                    &format!("文件是空的（{} 字节）", bytes.len()),
                    "用原来的软件重新保存或重新拷贝这个文件",
                );
                self.skip(&name, "空文件（见 D001）".to_string());
            } else {
                self.skip(&name, "空文件".to_string());
            }
            return;
        }
        if let Some(format) = workbook::sniff(&path, bytes) {
            workbook::load(&path, bytes, format, self);
            return;
        }
        if let Some(kind) = decode::binary_kind(bytes) {
            if named_as_record {
                let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
                let d = Diagnostic::new(
                    &d001::META,
                    format!(
                        "{}：文件不是文本，而是{kind}（第 {} 字节起是二进制内容）",
                        d001::META.title,
                        at + 1
                    ),
                )
                .at(Some(&Loc::new(
                    &SourceFile::new(path.clone(), "", Encoding::Utf8),
                    0..0,
                )))
                .label("不是文本")
                .fact("byte", at + 1)
                .help("台账请存为 CSV 或 Excel 工作簿，会议记录请存为 Markdown；文件可能已损坏，请重新拷贝");
                self.diagnostics.push(d);
                self.skip(&name, format!("不是记录文件：{kind}（见 D001）"));
            } else {
                self.skip(&name, format!("不是记录文件：{kind}"));
            }
            return;
        }
        let (text, encoding) = match decode(bytes) {
            Ok(decoded) => decoded,
            Err(e) => {
                let at = e.at.min(e.shown.len());
                let end = at + e.shown[at..].chars().next().map_or(0, char::len_utf8);
                let file = SourceFile::new(path, e.shown, Encoding::Utf8);
                self.diagnostics.push(
                    Diagnostic::new(
                        &d001::META,
                        if e.mixed {
                            format!(
                                "{}：文件前面是 UTF-8 编码，第 {} 字节起混入了其他编码（多半是从 GB18030 文件粘贴来的行）",
                                d001::META.title,
                                e.offset + 1
                            )
                        } else {
                            format!(
                                "{}：第 {} 字节起既不是 UTF-8 也不是 GB18030 编码",
                                d001::META.title,
                                e.offset + 1
                            )
                        },
                    )
                    .at(Some(&Loc::new(&file, at..end)))
                    .label("从这里起无法解码")
                    .fact("byte", e.offset + 1)
                    .help("用 Excel 或 WPS 打开后另存为“CSV UTF-8”，或用记事本另存为 UTF-8 编码"),
                );
                self.skip(&name, "编码无法识别（见 D001）".to_string());
                return;
            }
        };
        let file = SourceFile::new(path, text, encoding);
        if minutes::looks_like_minutes(&file) {
            minutes::load(&file, self);
        } else if !ledger::load(&file, self) {
            let reason = if has_extension(&file.path, &["md", "markdown"]) {
                "Markdown 文件没有前置信息（--- 之间的编号、会议日期等），不是会议记录"
            } else {
                "没有台账或参会人员名单的表头（如“编号,层级,街道,…,会议日期”或“编号,姓名,身份,…”）"
            };
            self.skip(&name, reason.to_string());
        }
    }

    /// A D001 about a whole file.
    fn file_error(&mut self, path: &Path, message: &str, help: &str) {
        let file = SourceFile::new(path.to_path_buf(), "", Encoding::Utf8);
        self.diagnostics.push(
            Diagnostic::new(&d001::META, format!("{}：{message}", d001::META.title))
                .at(Some(&Loc::new(&file, 0..0)))
                .label("这个文件")
                .help(help),
        );
    }

    fn skip(&mut self, path: &str, reason: String) {
        self.skipped.push(SkippedFile {
            path: path.to_string(),
            sheet: None,
            reason,
        });
    }

    fn read_file(&mut self, file: &Arc<SourceFile>, kind: FileKind) -> &mut ReadFile {
        let (path, sheet) = match &file.sheet {
            Some(s) => (s.workbook.clone(), Some(s.name.clone())),
            None => (file.name.clone(), None),
        };
        self.read.push(ReadFile {
            path,
            sheet,
            kind,
            encoding: file.encoding,
            records: 0,
            rejected: 0,
            blank_rows: 0,
            totals_rows: 0,
        });
        self.read.last_mut().expect("just pushed")
    }

    /// Notes a coercion made at `loc` (reported with the others of its file and kind).
    fn note(&mut self, kind: Coercion, loc: &Loc, field: &str, text: &str, read_as: &str) {
        self.notes
            .entry((loc.file.name.clone(), kind))
            .and_modify(|n| n.count += 1)
            .or_insert_with(|| Noted {
                count: 1,
                loc: loc.clone(),
                field: field.to_string(),
                text: text.to_string(),
                read_as: read_as.to_string(),
            });
    }

    /// One D008 per file and kind of coercion: how many, and the first place with its text.
    fn flush_notes(&mut self) {
        for ((_, kind), n) in std::mem::take(&mut self.notes) {
            let first = if n.field.is_empty() {
                format!("“{}”", clip(&n.text))
            } else if n.read_as.is_empty() {
                format!("「{}」“{}”", n.field, clip(&n.text))
            } else {
                format!("「{}」“{}”读作“{}”", n.field, clip(&n.text), n.read_as)
            };
            let unit = match kind {
                Coercion::TitleRows | Coercion::TotalsRow => "行",
                _ => "处",
            };
            let mut d = Diagnostic::new(
                &d008::META,
                format!(
                    "{}：{}，共 {} {unit}；第一处在{}：{first}",
                    d008::META.title,
                    kind.zh(),
                    n.count,
                    n.loc.place()
                ),
            )
            .at(Some(&n.loc))
            .label(format!("第一处（共 {} {unit}）", n.count))
            .fact("kind", serde_json::to_value(kind).unwrap_or_default())
            .fact("count", n.count)
            .fact("value", n.text.clone())
            .help(kind.help());
            if !n.field.is_empty() {
                d = d.field(n.field.clone());
            }
            if !n.read_as.is_empty() {
                d = d.fact("read_as", n.read_as.clone());
            }
            self.diagnostics.push(d);
        }
    }
}

/// A cell's text cut short for a message.
fn clip(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Names that say a file holds records (`.txt` is as often a note as Excel's tab-separated text).
const RECORD_EXTENSIONS: &[&str] = &["csv", "tsv", "xlsx", "xlsm", "xls", "ods", "md", "markdown"];

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
