//! Reading a batch's files into records that keep their places: ledgers and participant lists
//! (CSV, tab-separated text) and minutes (Markdown with front matter). Files are recognised by
//! their content; anything else is listed as skipped with the reason. A problem in one file or
//! row becomes a diagnostic at its place and the rest of the batch goes on.

mod decode;
mod ledger;
mod minutes;
mod table;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::model::{Participant, Record};
use crate::rules::d001;
use crate::source::{Encoding, Loc, SourceFile};

pub use decode::decode;

/// What a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Ledger,
    Participants,
    Minutes,
}

impl FileKind {
    pub fn zh(self) -> &'static str {
        match self {
            FileKind::Ledger => "台账",
            FileKind::Participants => "参会人员名单",
            FileKind::Minutes => "会议记录",
        }
    }
}

/// A file that was read, and what became of its records.
#[derive(Clone, Debug, Serialize)]
pub struct ReadFile {
    pub path: String,
    pub kind: FileKind,
    pub encoding: Encoding,
    /// Records read (ledger rows, participant rows, or 1 for minutes).
    pub records: usize,
    /// Records that could not be used, each with a D001/D002 diagnostic.
    pub rejected: usize,
    /// Blank rows passed over.
    pub blank_rows: usize,
}

/// A file that holds no records, and why.
#[derive(Clone, Debug, Serialize)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

/// Everything read from a batch.
#[derive(Debug, Default)]
pub struct Loaded {
    pub read: Vec<ReadFile>,
    pub skipped: Vec<SkippedFile>,
    pub records: Vec<Record>,
    pub participants: Vec<Participant>,
    pub diagnostics: Vec<Diagnostic>,
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

    /// Reads one file's contents into the batch (the path only names it).
    pub fn add_bytes(&mut self, path: PathBuf, bytes: &[u8]) {
        let name = path.to_string_lossy().replace('\\', "/");
        if bytes.iter().all(u8::is_ascii_whitespace) {
            self.skip(&name, "空文件".to_string());
            return;
        }
        if let Some(kind) = decode::binary_kind(bytes) {
            let hint = if kind.contains("Office") || kind.contains("ZIP") {
                "；Excel 台账请另存为 CSV（UTF-8 或 GB18030 均可）"
            } else {
                ""
            };
            self.skip(&name, format!("不是记录文件：{kind}{hint}"));
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
                        format!(
                            "{}：第 {} 字节起既不是 UTF-8 也不是 GB18030 编码",
                            d001::META.title,
                            e.offset + 1
                        ),
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

    fn skip(&mut self, path: &str, reason: String) {
        self.skipped.push(SkippedFile {
            path: path.to_string(),
            reason,
        });
    }

    fn read_file(&mut self, file: &Arc<SourceFile>, kind: FileKind) -> &mut ReadFile {
        self.read.push(ReadFile {
            path: file.name.clone(),
            kind,
            encoding: file.encoding,
            records: 0,
            rejected: 0,
            blank_rows: 0,
        });
        self.read.last_mut().expect("just pushed")
    }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
