//! Input files held once in memory, and the places inside them that diagnostics point at.
//!
//! Every span is a byte range into the decoded text of the file (UTF-8, whatever the file's own
//! encoding was), so a GB18030 ledger and its UTF-8 copy give the same lines and columns.
//!
//! A spreadsheet's sheet is read into a text of its own, one line per sheet row (line 7 is row 7)
//! with the cells side by side, so spans work the same; its [`Sheet`] maps a span back to the
//! cell (`台账.xlsx › 2026年 › F7`) that every message names.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// The encoding a text file was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
    /// Not text: a spreadsheet workbook's sheet, laid out as text.
    Spreadsheet,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Spreadsheet => "电子表格",
        }
    }
}

/// One input file: its path as shown to the user and its decoded text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given on the command line joined with the file's place below it.
    pub path: PathBuf,
    /// `path` rendered with `/` separators, used in every message.
    pub name: String,
    pub text: Arc<str>,
    pub encoding: Encoding,
    /// For a sheet of a spreadsheet: which cell each span of `text` came from.
    pub sheet: Option<Sheet>,
    line_starts: Vec<usize>,
}

/// Whether a workbook's sheet shows in the spreadsheet program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hidden {
    /// Hidden: 取消隐藏 in Excel or WPS shows it.
    Hidden,
    /// Very hidden: only the VBA editor shows it.
    VeryHidden,
}

impl Hidden {
    pub fn zh(self) -> &'static str {
        match self {
            Hidden::Hidden => "隐藏的工作表",
            Hidden::VeryHidden => "深度隐藏的工作表（只能在 VBA 编辑器中取消隐藏）",
        }
    }
}

/// The cells of one spreadsheet sheet laid out in a [`SourceFile`]'s text.
#[derive(Debug)]
pub struct Sheet {
    /// The workbook's path as shown, with `/` separators.
    pub workbook: String,
    /// The sheet's name as the workbook spells it.
    pub name: String,
    /// Whether the sheet is hidden in the spreadsheet program.
    pub hidden: Option<Hidden>,
    /// Byte offset in the text where each cell starts, with its 0-based row and column, in text
    /// order.
    pub cells: Vec<(usize, u32, u32)>,
}

impl Sheet {
    /// The 0-based row and column of the cell a byte offset falls in.
    pub fn cell_at(&self, offset: usize) -> Option<(u32, u32)> {
        let i = self.cells.partition_point(|&(start, _, _)| start <= offset);
        self.cells.get(i.checked_sub(1)?).map(|&(_, r, c)| (r, c))
    }
}

/// A cell reference as spreadsheets write it: column letters then the 1-based row (`F7`, `AA12`).
pub fn cell_ref(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// A path as every message shows it: with `/` separators. A name whose bytes are not UTF-8 (an
/// archive made on Chinese Windows and unpacked here keeps its GBK names) is shown decoded as
/// GB18030 when it reads as that, and otherwise with each stray byte written `\xNN`; either way no
/// byte is lost (see [`name_in_gbk`]).
pub fn display_path(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.replace('\\', "/");
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str()
            .as_bytes()
            .split(|&b| b == b'/')
            .map(|part| match std::str::from_utf8(part) {
                Ok(text) => text.to_string(),
                Err(_) => encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(part)
                    .map_or_else(|| escaped(part), std::borrow::Cow::into_owned),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/")
    }
}

/// Whether some part of the path is a name in GBK (not UTF-8), shown decoded.
pub fn name_in_gbk(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.to_str().is_none()
            && path
                .as_os_str()
                .as_bytes()
                .split(|&b| b == b'/')
                .any(|part| {
                    std::str::from_utf8(part).is_err()
                        && encoding_rs::GB18030
                            .decode_without_bom_handling_and_without_replacement(part)
                            .is_some()
                })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Bytes as text, each byte that is not part of a UTF-8 character written `\xNN`.
#[cfg(unix)]
fn escaped(mut bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                for b in &rest[..bad] {
                    let _ = write!(out, "\\x{b:02X}");
                }
                bytes = &rest[bad..];
            }
        }
    }
}

impl SourceFile {
    pub fn new(path: PathBuf, text: impl Into<Arc<str>>, encoding: Encoding) -> Arc<SourceFile> {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let name = display_path(&path);
        Arc::new(SourceFile {
            path,
            name,
            text,
            encoding,
            sheet: None,
            line_starts,
        })
    }

    /// One sheet of a workbook, laid out as text; named `workbook › sheet` in messages.
    pub fn sheet(path: PathBuf, text: impl Into<Arc<str>>, sheet: Sheet) -> Arc<SourceFile> {
        let mut file = Arc::into_inner(SourceFile::new(path, text, Encoding::Spreadsheet))
            .expect("a new file has one owner");
        file.name = format!("{} › {}", sheet.workbook, sheet.name);
        file.sheet = Some(sheet);
        Arc::new(file)
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// Byte range of a whole line (1-based), without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A place in a source file.
#[derive(Clone, Debug)]
pub struct Loc {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
}

impl Loc {
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Loc {
        Loc {
            file: Arc::clone(file),
            span,
        }
    }

    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.span.start)
    }

    /// `path:line:column`, as compilers print it; `workbook › sheet › F7` in a spreadsheet.
    pub fn display(&self) -> String {
        if let Some(cell) = self.cell() {
            return format!("{} › {cell}", self.file.name);
        }
        let (line, column) = self.line_col();
        format!("{}:{line}:{column}", self.file.name)
    }

    /// The spreadsheet cell the place is in (`F7`), when the file is a sheet.
    pub fn cell(&self) -> Option<String> {
        let (row, column) = self.file.sheet.as_ref()?.cell_at(self.span.start)?;
        Some(cell_ref(row, column))
    }

    /// The sheet's name, when the file is a sheet of a workbook.
    pub fn sheet(&self) -> Option<&str> {
        self.file.sheet.as_ref().map(|s| s.name.as_str())
    }

    /// The path of the file itself (the workbook, for a sheet).
    pub fn path(&self) -> &str {
        self.file
            .sheet
            .as_ref()
            .map_or(self.file.name.as_str(), |s| s.workbook.as_str())
    }

    /// Where the place is, in words: `第 7 行` in a text file, `单元格 F7` in a sheet.
    pub fn place(&self) -> String {
        match self.cell() {
            Some(cell) => format!("单元格 {cell}"),
            None => format!("第 {} 行", self.line_col().0),
        }
    }

    /// The text the span covers.
    pub fn text(&self) -> &str {
        &self.file.text[self.span.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new(
            "a.csv".into(),
            "编号,议题\r\nLH-1,加装电梯\r\n",
            Encoding::Utf8,
        );
        let at = f.text.find("加装").unwrap();
        assert_eq!(f.line_col(at), (2, 6));
        assert_eq!(&f.text[f.line_range(2)], "LH-1,加装电梯");
        assert_eq!(f.line_col(0), (1, 1));
    }

    #[cfg(unix)]
    #[test]
    fn names_in_gbk_are_shown_decoded_and_other_bytes_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let (gbk, _, _) = encoding_rs::GB18030.encode("台账.csv");
        // A byte that is neither UTF-8 nor GB18030, then a folder, then the GBK name.
        let mut bytes = b"\xff/\xe6\x89\xb9/".to_vec();
        bytes.extend_from_slice(&gbk);
        let path = Path::new(std::ffi::OsStr::from_bytes(&bytes));
        assert_eq!(display_path(path), "\\xFF/批/台账.csv");
        assert!(name_in_gbk(path));
        assert!(!name_in_gbk(Path::new("批次/台账.csv")));
        assert_eq!(display_path(Path::new("a\\b.csv")), "a/b.csv");
    }

    #[test]
    fn cell_references_as_spreadsheets_write_them() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 5), "F7");
        assert_eq!(cell_ref(11, 25), "Z12");
        assert_eq!(cell_ref(11, 26), "AA12");
        assert_eq!(cell_ref(0, 16_383), "XFD1");
    }
}
