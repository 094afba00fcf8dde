//! Input files held once in memory, and the places inside them that diagnostics point at.
//!
//! Every span is a byte range into the decoded text of the file (UTF-8, whatever the file's own
//! encoding was), so a GB18030 ledger and its UTF-8 copy give the same lines and columns.

use std::ops::Range;
use std::path::PathBuf;
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
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
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
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: impl Into<Arc<str>>, encoding: Encoding) -> Arc<SourceFile> {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let name = path.to_string_lossy().replace('\\', "/");
        Arc::new(SourceFile {
            path,
            name,
            text,
            encoding,
            line_starts,
        })
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

    /// `path:line:column`, as compilers print it.
    pub fn display(&self) -> String {
        let (line, column) = self.line_col();
        format!("{}:{line}:{column}", self.file.name)
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
}
