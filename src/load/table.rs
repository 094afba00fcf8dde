//! Delimited text (CSV, or tab-separated as Excel's "Unicode text") read into rows of cells that
//! keep their byte spans in the decoded file.

use std::ops::{ControlFlow, Range};
use std::sync::Arc;

use crate::source::SourceFile;

/// A cell's text (unquoted, trimmed) and the span of its raw text in the file.
#[derive(Clone, Debug)]
pub struct RawCell {
    pub text: String,
    pub span: Range<usize>,
    /// Whether the text had spaces before or after it, trimmed away.
    pub spaced: bool,
    /// A spreadsheet cell's formula (without the `=`); `text` is the value it last computed, empty
    /// when the file saved none.
    pub formula: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// The whole record, without its line break.
    pub span: Range<usize>,
    pub cells: Vec<RawCell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

/// A problem with the file's structure, at a byte offset.
#[derive(Clone, Debug)]
pub struct Malformed {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug)]
pub struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
    pub malformed: Vec<Malformed>,
}

/// The delimiter of a table, judged over its first lines (a title row above the header may have
/// none): the one of comma, tab (Excel's "Unicode text") and semicolon (a CSV saved by Excel
/// set to a European region) that occurs most, a comma on a tie.
pub fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEAD_LINES)
        .collect();
    let count = |d: char| head.iter().map(|l| l.matches(d).count()).sum::<usize>();
    let (commas, tabs, semicolons) = (count(','), count('\t'), count(';'));
    if commas >= tabs && commas >= semicolons {
        b','
    } else if tabs >= semicolons {
        b'\t'
    } else {
        b';'
    }
}

/// Lines looked at to find the delimiter: as many as a header is looked for in.
const HEAD_LINES: usize = 10;

/// Reads all records; `None` when the file has no non-blank line.
pub fn read(file: &Arc<SourceFile>) -> Option<Table> {
    let text: &str = &file.text;
    text.lines().find(|l| !l.trim().is_empty())?;
    let mut rows = Vec::new();
    let mut unclosed = Vec::new();
    let error = scan(file, &mut |scanned| {
        let (row, quote) = scanned.row_and_quote();
        if let Some(q) = quote {
            unclosed.push(Malformed {
                span: row.span.start + q..row.span.start + q + 1,
                message: "引号没有闭合：从这里起到文件末尾都被当成了一个单元格".to_string(),
            });
        }
        rows.push(row);
        ControlFlow::Continue(())
    });
    let mut malformed: Vec<Malformed> = error.into_iter().collect();
    malformed.append(&mut unclosed);
    let mut rows = rows.into_iter().skip_while(Row::is_blank);
    let header = rows.next()?;
    Some(Table {
        header,
        rows: rows.collect(),
        malformed,
    })
}

/// Where a record of a table is, and each of its fields.
pub struct Places {
    /// The record, without its line break.
    pub record: Range<usize>,
    pub fields: Vec<Range<usize>>,
}

/// One record of a table as [`scan`] hands it over, its fields borrowed from the reader.
pub struct Scanned<'a> {
    /// The file's text.
    text: &'a str,
    /// Where the record starts, and where the next one does (or the file ends).
    start: usize,
    end: usize,
    delimiter: u8,
    fields: &'a csv::ByteRecord,
}

impl Scanned<'_> {
    /// How many fields the record has.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// The text of field `j`, as [`read`] leaves a cell's (trimmed).
    pub fn text(&self, j: usize) -> &str {
        Self::of(&self.fields[j]).trim()
    }

    /// Whether every field is blank, as [`Row::is_blank`] says of the row [`read`] makes.
    pub fn is_blank(&self) -> bool {
        self.fields
            .iter()
            .all(|f| f.iter().all(u8::is_ascii_whitespace) || Self::of(f).trim().is_empty())
    }

    /// The text of the first field that is not blank.
    pub fn first_filled(&self) -> Option<&str> {
        (0..self.len())
            .map(|j| self.text(j))
            .find(|t| !t.is_empty())
    }

    /// The field's length in bytes, before trimming.
    pub fn raw_len(&self, j: usize) -> usize {
        self.fields[j].len()
    }

    /// The row [`read`] makes of the record.
    pub fn row(&self) -> Row {
        self.row_and_quote().0
    }

    /// [`Scanned::row`], and where in it a quote opens that is never closed.
    fn row_and_quote(&self) -> (Row, Option<usize>) {
        let (places, unclosed) = self.places();
        let cells = places
            .fields
            .iter()
            .enumerate()
            .map(|(j, span)| self.cell(j, span.clone()))
            .collect();
        let row = Row {
            span: places.record,
            cells,
        };
        (row, unclosed)
    }

    /// Where the record and each of its fields are in the file, as [`read`] places them; and
    /// where in the record a quote opens that is never closed.
    pub fn places(&self) -> (Places, Option<usize>) {
        let (spans, unclosed) = field_spans(&self.text[self.start..self.end], self.delimiter);
        let record_end = spans.last().map_or(self.start, |s| self.start + s.end);
        let fields = (0..self.len())
            .map(|j| {
                spans.get(j).map_or(record_end..record_end, |s| {
                    self.start + s.start..self.start + s.end
                })
            })
            .collect();
        let places = Places {
            record: self.start..record_end,
            fields,
        };
        (places, unclosed)
    }

    /// Field `j` as [`read`] makes its cell, `span` its place.
    pub fn cell(&self, j: usize, span: Range<usize>) -> RawCell {
        // Most fields are their raw text as it stands in the file: taken from there, their text
        // need not be checked again.
        let field = &self.fields[j];
        let value = match self.text.get(span.clone()) {
            Some(raw) if raw.as_bytes() == field => raw,
            _ => Self::of(field),
        };
        let text = value.trim();
        RawCell {
            spaced: text.len() != value.len(),
            text: text.to_string(),
            span,
            formula: None,
        }
    }

    fn of(field: &[u8]) -> &str {
        // A field is the file's text less ASCII quotes and delimiters: text still.
        std::str::from_utf8(field).expect("a field of text is text")
    }
}

/// Each record of `file` in turn, as [`read`] reads them (the same fields, the same spans, the
/// same stop at a structural error), handed to `each` without a copy of its fields, until `each`
/// says to stop: for a pass that wants a few of a table's columns and not the rest. Gives the
/// structural error that ended the reading early, if one did.
pub fn scan(
    file: &SourceFile,
    each: &mut dyn FnMut(&Scanned<'_>) -> ControlFlow<()>,
) -> Option<Malformed> {
    let text: &str = &file.text;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // A record is handed over once the next is read: its raw text ends where the next starts.
    let (mut record, mut next) = (csv::ByteRecord::new(), csv::ByteRecord::new());
    let mut start = None;
    let mut error = None;
    loop {
        let (read, next_start) = match reader.read_byte_record(&mut next) {
            Ok(true) => {
                let at = next.position().map_or(0, |p| p.byte() as usize);
                // After a CRLF the reader may report the record as starting at the LF.
                let skip = text.as_bytes()[at..]
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count();
                (true, at + skip)
            }
            Ok(false) => (false, text.len()),
            Err(e) => {
                let at = e.position().map_or(text.len(), |p| p.byte() as usize);
                error = Some(Malformed {
                    span: at..at,
                    message: format!("CSV 格式错误：{e}"),
                });
                (false, text.len())
            }
        };
        if let Some(start) = start {
            let scanned = Scanned {
                text,
                start,
                end: next_start,
                delimiter,
                fields: &record,
            };
            if each(&scanned).is_break() {
                return None;
            }
        }
        if !read {
            return error;
        }
        std::mem::swap(&mut record, &mut next);
        start = Some(next_start);
    }
}

/// Spans of the raw fields of one record (relative to its start), and the offset of an opening
/// quote that is never closed.
fn field_spans(raw: &str, delimiter: u8) -> (Vec<Range<usize>>, Option<usize>) {
    let bytes = raw.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = 0;
    let mut in_quotes = false;
    let mut quote_at = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && i == field_start {
            // As in CSV readers, a quote opens quoting only at the start of a field.
            in_quotes = true;
            quote_at = Some(i);
        } else if b == delimiter {
            spans.push(field_start..i);
            field_start = i + 1;
        } else if b == b'\n' || b == b'\r' {
            break;
        }
        i += 1;
    }
    spans.push(field_start..i);
    (spans, if in_quotes { quote_at } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;

    /// How the table was read before [`scan`]: each record's fields copied, then placed.
    fn read_record_by_record(file: &Arc<SourceFile>) -> Option<Table> {
        let text: &str = &file.text;
        text.lines().find(|l| !l.trim().is_empty())?;
        let delimiter = sniff_delimiter(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut starts = Vec::new();
        let mut records = Vec::new();
        let mut malformed = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let start = record.position().map_or(0, |p| p.byte() as usize);
                    // After a CRLF the reader may report the record as starting at the LF.
                    let skip = text.as_bytes()[start..]
                        .iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count();
                    starts.push(start + skip);
                    records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
                }
                Err(e) => {
                    let at = e.position().map_or(text.len(), |p| p.byte() as usize);
                    malformed.push(Malformed {
                        span: at..at,
                        message: format!("CSV 格式错误：{e}"),
                    });
                    break;
                }
            }
        }
        let mut rows = Vec::with_capacity(records.len());
        for (i, values) in records.into_iter().enumerate() {
            let start = starts[i];
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let (spans, unclosed) = field_spans(&text[start..end], delimiter);
            if let Some(q) = unclosed {
                malformed.push(Malformed {
                    span: start + q..start + q + 1,
                    message: "引号没有闭合：从这里起到文件末尾都被当成了一个单元格".to_string(),
                });
            }
            let record_end = spans.last().map_or(start, |s| start + s.end);
            let cells = values
                .into_iter()
                .enumerate()
                .map(|(j, value)| {
                    let span = spans
                        .get(j)
                        .map_or(record_end..record_end, |s| start + s.start..start + s.end);
                    let spaced = value.trim().len() != value.len();
                    RawCell {
                        spaced,
                        text: if spaced {
                            value.trim().to_string()
                        } else {
                            value
                        },
                        span,
                        formula: None,
                    }
                })
                .collect();
            rows.push(Row {
                span: start..record_end,
                cells,
            });
        }
        let mut rows = rows.into_iter().skip_while(Row::is_blank);
        let header = rows.next()?;
        Some(Table {
            header,
            rows: rows.collect(),
            malformed,
        })
    }

    /// Everything a table read says: rows, cells with their places, and the problems found.
    fn said(table: Option<Table>) -> String {
        table.map_or_else(String::new, |t| {
            let rows: Vec<String> = std::iter::once(&t.header)
                .chain(&t.rows)
                .map(|r| {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| format!("{:?}@{:?}{}", c.text, c.span, c.spaced))
                        .collect();
                    format!("{:?} {cells:?}", r.span)
                })
                .collect();
            let malformed: Vec<String> = t
                .malformed
                .iter()
                .map(|m| format!("{:?} {}", m.span, m.message))
                .collect();
            format!("{rows:#?} {malformed:?}")
        })
    }

    proptest::proptest! {
        #[test]
        fn a_scan_reads_what_record_by_record_read(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "编号", "S-1", " S-2 ", "\u{3000}", "2026-01-09", ",", ",", ";", "\t", "\"",
                    "\"\"", "\n", "\r\n", "\r", " ", "合计", "\u{2400}", "a\"b",
                ]),
                0..40,
            )
        ) {
            let text = pieces.concat();
            let file = SourceFile::new("a.csv".into(), text.as_str(), Encoding::Utf8);
            proptest::prop_assert_eq!(
                said(read(&file)),
                said(read_record_by_record(&file)),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn cells_keep_their_spans_through_quotes_and_crlf() {
        let text =
            "编号,议题,备注\r\nLH-1,\"加装电梯,3栋\",\"他说\"\"好\"\"\"\r\n,,\r\nLH-2,停车,\r\n";
        let file = SourceFile::new("a.csv".into(), text, Encoding::Utf8);
        let t = read(&file).unwrap();
        assert_eq!(t.header.cells.len(), 3);
        assert_eq!(t.rows.len(), 3);
        let c = &t.rows[0].cells[1];
        assert_eq!(c.text, "加装电梯,3栋");
        assert_eq!(&text[c.span.clone()], "\"加装电梯,3栋\"");
        assert_eq!(t.rows[0].cells[2].text, "他说\"好\"");
        assert!(t.rows[1].is_blank());
        assert_eq!(file.line_col(t.rows[2].cells[1].span.start), (4, 6));
        assert!(t.malformed.is_empty());
    }

    #[test]
    fn the_delimiter_is_the_one_the_lines_use_most() {
        assert_eq!(sniff_delimiter("编号,议题\nLH-1,停车;绿化\n"), b',');
        assert_eq!(sniff_delimiter("编号\t议题\nLH-1\t停车\n"), b'\t');
        assert_eq!(
            sniff_delimiter("台账\n编号;层级;议题\nLH-1;社区;停车,绿化\n"),
            b';'
        );
        let text = "编号;层级;议题\r\nLH-1;社区;\"停车;绿化\"\r\n";
        let file = SourceFile::new("a.csv".into(), text, Encoding::Utf8);
        let t = read(&file).unwrap();
        assert_eq!(t.header.cells.len(), 3);
        assert_eq!(t.rows[0].cells[2].text, "停车;绿化");
    }

    #[test]
    fn an_unclosed_quote_is_found() {
        let text = "编号,议题\nLH-1,\"加装电梯\nLH-2,停车\n";
        let file = SourceFile::new("a.csv".into(), text, Encoding::Utf8);
        let t = read(&file).unwrap();
        assert_eq!(t.malformed.len(), 1);
        assert_eq!(file.line_col(t.malformed[0].span.start), (2, 6));
    }
}
