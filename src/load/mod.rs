//! Reading a batch's files into records that keep their places: ledgers and participant lists
//! (CSV, tab-separated text, and every sheet of an .xlsx, .xls or .ods workbook) and minutes
//! (Markdown with front matter). Files are recognised by their content; anything else is listed
//! as skipped with the reason. A problem in one file or row becomes a diagnostic at its place and
//! the rest of the batch goes on, even when the problem is a bug here: each file and each row is
//! read under [`guarded`](crate::guard::guarded).

mod decode;
mod ledger;
mod minutes;
mod table;
pub mod workbook;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Severity};
use crate::discover::io_reason;
use crate::guard::{Findings, guarded};
use crate::model::{Participant, Record};
use crate::rules::{d001, d006, d008};
use crate::source::{Encoding, Hidden, Loc, SourceFile, display_path};
use crate::values::Coercion;

pub use decode::{decode, utf8};

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
    /// The file itself, its name's bytes as they are (`path` shows them).
    #[serde(skip)]
    pub file: PathBuf,
    /// The sheet, for a workbook (a workbook has one entry per sheet read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// A sheet that does not show in the spreadsheet program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
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
    /// The file itself, its name's bytes as they are (`path` shows them).
    #[serde(skip)]
    pub file: PathBuf,
    /// A sheet of a workbook whose other sheets were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// A sheet that does not show in the spreadsheet program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
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
    /// How the first entries of `skipped` came about (the rest were met while reading files).
    pub passed: PassedOver,
    /// Coercions seen in the file being read, reported (D008) once per file and kind.
    notes: BTreeMap<(String, Coercion), Noted>,
    /// The files read so far by their contents' SHA-256, to find copies.
    contents: HashMap<[u8; 32], PathBuf>,
    /// Only the meetings are wanted (when and where each was held): a participants list is
    /// recognised and counted as read, its rows left unread; of a record only the fields that
    /// place its meeting are read, of a minutes file only the front matter.
    pub meetings_only: bool,
}

/// A file read on its own ([`Loaded::read_alone`]), to be joined into its batch.
#[derive(Debug)]
pub struct FileRead {
    path: PathBuf,
    /// Of its bytes, unless they are blank (a blank file is no copy of another).
    digest: Option<[u8; 32]>,
    loaded: Loaded,
}

/// The SHA-256 of a file's bytes, by which copies are found; none for a blank file.
fn digest(bytes: &[u8]) -> Option<[u8; 32]> {
    (!bytes.iter().all(u8::is_ascii_whitespace)).then(|| Sha256::digest(bytes).into())
}

/// The entries of a batch passed over before any file was read, first in its skipped list:
/// `walked` while walking the folders, then `linked` (another way to a file read once). A run
/// over part of a batch says so, so that the parts' lists join in the order one run lists them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PassedOver {
    pub walked: usize,
    pub linked: usize,
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

impl Findings for Loaded {
    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
}

impl Loaded {
    /// Reads one file into the batch.
    pub fn add_file(&mut self, path: &Path) {
        match std::fs::read(path) {
            Ok(bytes) => self.add_bytes(path, &bytes),
            Err(e) => self.unreadable(path, &format!("无法打开：{}", io_reason(&e))),
        }
    }

    /// A file (or folder) of the batch that could not be read: a D001 at it, and listed as
    /// skipped.
    pub fn unreadable(&mut self, path: &Path, reason: &str) {
        self.file_error(
            path,
            reason,
            "检查这个文件或文件夹是否还在、能否打开（权限、符号链接的目标）；改正后重新检查",
        );
        self.skip(path, format!("{reason}（见 D001）"));
    }

    /// An entry of the batch that holds no records (a hidden file, a lock file), listed as
    /// skipped with the reason.
    pub fn pass(&mut self, path: &Path, reason: &str) {
        self.skip(path, reason.to_string());
    }

    /// The contents of the files read so far, by their SHA-256: a part of a batch read on its
    /// own (one street) says which files another part must not repeat.
    pub fn digests(&self) -> impl Iterator<Item = &[u8; 32]> {
        self.contents.keys()
    }

    /// Reads one file's contents into the batch (the path only names it). A bug met while
    /// reading it drops what was read of it, reports it at the file, and lists it as skipped.
    pub fn add_bytes(&mut self, path: impl AsRef<Path>, bytes: &[u8]) {
        let path = path.as_ref();
        if let Some(digest) = digest(bytes)
            && self.is_copy(path, digest)
        {
            return;
        }
        self.read_in(path, bytes);
    }

    /// Reads one file on its own, on any thread: what a file gives depends on no other file but
    /// for being a copy of one, which [`Loaded::join`] finds.
    pub fn read_alone(path: &Path) -> FileRead {
        let mut loaded = Loaded::default();
        let digest = match std::fs::read(path) {
            Ok(bytes) => {
                loaded.read_in(path, &bytes);
                digest(&bytes)
            }
            Err(e) => {
                loaded.unreadable(path, &format!("无法打开：{}", io_reason(&e)));
                None
            }
        };
        FileRead {
            path: path.to_path_buf(),
            digest,
            loaded,
        }
    }

    /// Joins a file read alone into the batch, in the batch's order: the same as
    /// [`Loaded::add_file`] of it.
    pub fn join(&mut self, file: FileRead) {
        if let Some(digest) = file.digest
            && self.is_copy(&file.path, digest)
        {
            return;
        }
        let Loaded {
            mut read,
            mut skipped,
            mut records,
            mut participants,
            mut prose,
            mut diagnostics,
            ..
        } = file.loaded;
        self.read.append(&mut read);
        self.skipped.append(&mut skipped);
        self.records.append(&mut records);
        self.participants.append(&mut participants);
        self.prose.append(&mut prose);
        self.diagnostics.append(&mut diagnostics);
    }

    fn read_in(&mut self, path: &Path, bytes: &[u8]) {
        let marks = (self.read.len(), self.records.len(), self.participants.len());
        let skipped = self.skipped.len();
        let place = Loc::new(
            &SourceFile::new(path.to_path_buf(), "", Encoding::Utf8),
            0..0,
        );
        let done = guarded(&place, "这个文件", self, |batch| {
            batch.read_bytes(path, bytes);
        });
        if done.is_none() {
            self.read.truncate(marks.0);
            self.records.truncate(marks.1);
            self.participants.truncate(marks.2);
            self.skipped.truncate(skipped);
            self.notes.clear();
            self.skip(path, "读取时发生内部错误（见诊断）".to_string());
        }
        if crate::source::name_in_gbk(path) {
            self.note(Coercion::NameInGbk, &place, "", &display_path(path), "");
        }
        self.flush_notes();
    }

    /// Whether the file holds the same bytes as one already read as records (a copy such as
    /// `台账 - 副本.csv`): then it is reported once (D006) and listed as skipped, rather than
    /// each of its rows being a duplicate of itself.
    fn is_copy(&mut self, path: &Path, digest: [u8; 32]) -> bool {
        let Some(first) = self.contents.get(&digest).cloned() else {
            self.contents.insert(digest, path.to_path_buf());
            return false;
        };
        if !self.read.iter().any(|r| r.file == first) {
            // The first was no record either: the copy is passed over for the same reason.
            return false;
        }
        let (shown, first_shown) = (display_path(path), display_path(&first));
        let here = Loc::new(
            &SourceFile::new(path.to_path_buf(), "", Encoding::Utf8),
            0..0,
        );
        let there = Loc::new(&SourceFile::new(first, "", Encoding::Utf8), 0..0);
        self.diagnostics.push(
            Diagnostic::new(
                &d006::META,
                format!(
                    "{}：文件 {shown} 与已读入的 {first_shown} 内容完全相同（一个是另一个的副本），只读一次",
                    d006::META.title
                ),
            )
            .severity(Severity::Warning)
            .at(Some(&here))
            .label("与另一个文件相同")
            .related(&there, "已读入的那一份")
            .fact("copy_of", first_shown.clone())
            .help("删除多余的一份；若两份本应不同（如不同月份的台账），检查是否拷贝错了文件"),
        );
        self.skip(
            path,
            format!("与 {first_shown} 内容完全相同，只读一次（见 D006）"),
        );
        true
    }

    fn read_bytes(&mut self, path: &Path, bytes: &[u8]) {
        // A file named as a record (台账.csv, 台账.xlsx) that holds none is most likely a copy
        // gone wrong: that is worth a D001, where a photo in the folder is only passed over.
        let named_as_record = has_extension(path, RECORD_EXTENSIONS);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            if named_as_record {
                self.file_error(
                    path,
                    &format!("文件是空的（{} 字节）", bytes.len()),
                    "用原来的软件重新保存或重新拷贝这个文件",
                );
                self.skip(path, "空文件（见 D001）".to_string());
            } else {
                self.skip(path, "空文件".to_string());
            }
            return;
        }
        if let Some(format) = workbook::sniff(path, bytes) {
            workbook::load(path, bytes, format, self);
            return;
        }
        if let Some(kind) = decode::binary_kind(bytes) {
            self.binary(path, bytes, kind, named_as_record);
            return;
        }
        let (text, encoding) = match decode(bytes) {
            Ok(decoded) => decoded,
            Err(e) => {
                self.undecodable(path, e);
                return;
            }
        };
        let (text, first_cr) = decode::lone_crs_to_lf(text);
        // A NUL byte is damage; shown as ␀, it is seen in a message and is no control character
        // sent to the terminal.
        let text = if text.contains('\0') {
            text.replace('\0', &NUL_SHOWN.to_string())
        } else {
            text
        };
        let file = SourceFile::new(path.to_path_buf(), text, encoding);
        if let Some((at, count)) = first_cr {
            let loc = Loc::new(&file, at..at);
            for _ in 0..count {
                self.note(Coercion::OldMacLineBreaks, &loc, "", "\\r", "");
            }
        }
        if minutes::looks_like_minutes(&file) {
            let file = self.nul_bytes_in_minutes(file);
            minutes::load(&file, self);
        } else if !ledger::load(&file, self) {
            let reason = if has_extension(&file.path, &["md", "markdown"]) {
                "Markdown 文件没有前置信息（--- 之间的编号、会议日期等），不是会议记录"
            } else {
                "没有台账或参会人员名单的表头（如“编号,层级,街道,…,会议日期”或“编号,姓名,身份,…”）"
            };
            self.skip(path, reason.to_string());
        }
    }

    /// A file that is not text: listed as skipped, and a D001 when its name says it holds records.
    fn binary(&mut self, path: &Path, bytes: &[u8], kind: &str, named_as_record: bool) {
        if !named_as_record {
            self.skip(path, format!("不是记录文件：{kind}"));
            return;
        }
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
            &SourceFile::new(path.to_path_buf(), "", Encoding::Utf8),
            0..0,
        )))
        .label("不是文本")
        .fact("byte", at + 1)
        .help(
            "台账请存为 CSV 或 Excel 工作簿，会议记录请存为 Markdown；文件可能已损坏，请重新拷贝",
        );
        self.diagnostics.push(d);
        self.skip(path, format!("不是记录文件：{kind}（见 D001）"));
    }

    /// Text in no encoding read here: a D001 at the first byte that is not.
    fn undecodable(&mut self, path: &Path, e: decode::DecodeError) {
        let at = e.at.min(e.shown.len());
        let end = at + e.shown[at..].chars().next().map_or(0, char::len_utf8);
        let file = SourceFile::new(path.to_path_buf(), e.shown, Encoding::Utf8);
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
        self.skip(path, "编码无法识别（见 D001）".to_string());
    }

    /// Minutes with NUL bytes (a damaged copy): each line with one is reported, and the bytes are
    /// read as spaces so that the rest of the file is read.
    fn nul_bytes_in_minutes(&mut self, file: Arc<SourceFile>) -> Arc<SourceFile> {
        if !file.text.contains(NUL_SHOWN) {
            return file;
        }
        for line in nul_lines(&file) {
            let span = file.line_range(line);
            self.diagnostics.push(nul_diagnostic(
                &file,
                span,
                line,
                "已按空格读入，请核对这一行",
            ));
        }
        SourceFile::new(
            file.path.clone(),
            file.text.replace(NUL_SHOWN, " "),
            file.encoding,
        )
    }

    /// A D001 about a whole file.
    fn file_error(&mut self, path: &Path, message: &str, help: &'static str) {
        let file = SourceFile::new(path.to_path_buf(), "", Encoding::Utf8);
        self.diagnostics.push(
            Diagnostic::new(&d001::META, format!("{}：{message}", d001::META.title))
                .at(Some(&Loc::new(&file, 0..0)))
                .label("这个文件")
                .help(help),
        );
    }

    fn skip(&mut self, path: &Path, reason: String) {
        self.skipped.push(SkippedFile {
            path: display_path(path),
            file: path.to_path_buf(),
            sheet: None,
            hidden: None,
            reason,
        });
    }

    fn read_file(&mut self, file: &Arc<SourceFile>, kind: FileKind) -> &mut ReadFile {
        let (path, sheet, hidden) = match &file.sheet {
            Some(s) => (s.workbook.clone(), Some(s.name.clone()), s.hidden),
            None => (file.name.clone(), None, None),
        };
        self.read.push(ReadFile {
            path,
            file: file.path.clone(),
            sheet,
            hidden,
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
                Coercion::TitleRows | Coercion::TotalsRow | Coercion::OldMacLineBreaks => "行",
                _ => "处",
            };
            let (message, label) = if kind == Coercion::NameInGbk {
                // About the file as a whole: its name, once.
                (
                    format!("{}：{}：{first}", d008::META.title, kind.zh()),
                    "文件名".to_string(),
                )
            } else {
                (
                    format!(
                        "{}：{}，共 {} {unit}；第一处在{}：{first}",
                        d008::META.title,
                        kind.zh(),
                        n.count,
                        n.loc.place()
                    ),
                    format!("第一处（共 {} {unit}）", n.count),
                )
            };
            let mut d = Diagnostic::new(&d008::META, message)
                .at(Some(&n.loc))
                .label(label)
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

/// What a NUL byte in a text file is read as: the symbol for it, which no ledger holds otherwise.
const NUL_SHOWN: char = '\u{2400}';

/// The 1-based lines of a text that hold a NUL byte.
fn nul_lines(file: &SourceFile) -> Vec<usize> {
    let mut lines: Vec<usize> = file
        .text
        .match_indices(NUL_SHOWN)
        .map(|(i, _)| file.line_col(i).0)
        .collect();
    lines.dedup();
    lines
}

/// A D001 for a line holding a NUL byte; `outcome` says what became of the line.
fn nul_diagnostic(
    file: &Arc<SourceFile>,
    span: Range<usize>,
    line: usize,
    outcome: &str,
) -> Diagnostic {
    Diagnostic::new(
        &d001::META,
        format!(
            "{}：第 {line} 行含有空字符（NUL 字节），文件在这里损坏，{outcome}",
            d001::META.title
        ),
    )
    .at(Some(&Loc::new(file, span)))
    .label("这一行有空字符")
    .fact("line", line)
    .help("文件多半拷贝或保存得不完整：用原来的软件打开核对这一行，重新保存或重新拷贝；文件其余各行照常读入")
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
