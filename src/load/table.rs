//! Delimited text (CSV, or tab-separated as Excel's "Unicode text") read into rows of cells that
//! keep their byte spans in the decoded file.

use std::ops::Range;
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

/// The first `n` rows that are not blank, as [`read`] reads them, their cells' text alone (no
/// places): enough to tell what the table is by its header.
pub fn head(file: &SourceFile, n: usize) -> Vec<Row> {
    let text: &str = &file.text;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while rows.len() < n && matches!(reader.read_record(&mut record), Ok(true)) {
        let row = Row {
            span: 0..0,
            cells: record
                .iter()
                .map(|value| RawCell {
                    text: value.trim().to_string(),
                    span: 0..0,
                    spaced: false,
                    formula: None,
                })
                .collect(),
        };
        if !row.is_blank() {
            rows.push(row);
        }
    }
    rows
}

/// Reads all records; `None` when the file has no non-blank line.
pub fn read(file: &Arc<SourceFile>) -> Option<Table> {
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
