//! Minutes: a Markdown file whose front matter (YAML between `---` lines or TOML between `+++`
//! lines) carries the ledger fields and whose body is the minutes as written. The front matter is
//! found with pulldown-cmark's metadata blocks and keeps its offsets; the body is kept as
//! structure (headings, paragraphs, lists, tables, emphasis) for the document templates.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Severity};
use crate::fields::{self, PersonField};
use crate::load::ledger::{build_record, participant};
use crate::load::table::{RawCell, Row};
use crate::load::{FileKind, Loaded};
use crate::model::{Block, Inline, MinutesBody, Origin};
use crate::rules::d001;
use crate::source::{Loc, SourceFile};

/// Nesting deeper than this is flattened to text (no real minutes nest so deep; hostile files do).
const MAX_DEPTH: usize = 32;

/// A meeting's front matter is a few hundred bytes; the YAML parser is slow on huge nested
/// input, so anything far larger is refused before parsing.
const MAX_FRONT_MATTER: usize = 16 * 1024;

/// Whether the file opens with a front matter fence.
pub fn looks_like_minutes(file: &SourceFile) -> bool {
    let first = file.text.lines().next().unwrap_or("").trim_end();
    first == "---" || first == "+++"
}

fn options() -> Options {
    Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The events of a Markdown file, each with its byte range.
type Events<'a> = std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>;

/// What a file's front matter turned out to be.
enum Front {
    /// A meeting's: the block's range and the ledger fields it gives.
    Record(Range<usize>, Vec<(fields::Field, RawCell)>),
    /// A unit's prose for its annual report: the block's range and its entries.
    Prose(Range<usize>, Vec<(String, String, Range<usize>)>),
    /// Front matter of another kind (a README's title and author): not minutes.
    NotMinutes,
    /// Minutes whose front matter cannot be read (reported).
    Rejected,
}

/// Reads a minutes file: its front matter as a record, its body as the document's structure,
/// and its participants table.
pub fn load(file: &Arc<SourceFile>, batch: &mut Loaded) {
    let mut events = Parser::new_ext(&file.text, options())
        .into_offset_iter()
        .peekable();
    let entry = batch.read.len();
    batch.read_file(file, FileKind::Minutes).records = 1;
    let (block, cells) = match front(file, &mut events, batch) {
        Front::Record(block, cells) => (block, cells),
        Front::Rejected => {
            batch.read[entry].rejected = 1;
            return;
        }
        Front::Prose(block, pairs) => {
            let all: Vec<(Event, Range<usize>)> = events.collect();
            let body = blocks(&all, &mut 0, 0);
            super::prose(file, Loc::new(file, block), pairs, body, entry, batch);
            return;
        }
        Front::NotMinutes => {
            batch.read.remove(entry);
            batch.skip(
                &file.path,
                "Markdown 的前置信息中没有台账字段（编号、会议日期等），不是会议记录".to_string(),
            );
            return;
        }
    };
    let mut record = build_record(
        file,
        Origin::Minutes,
        Loc::new(file, block),
        cells.iter().map(|(f, c)| (*f, c)),
        batch,
    );
    if !batch.meetings_only {
        let all: Vec<(Event, Range<usize>)> = events.collect();
        record.minutes = Some(body(file, &all, batch));
        record.participants = participants_table(file, &record.code, &all, batch);
    }
    batch.records.push(record);
}

/// The front matter: found, within its size, parsed, and its keys mapped to ledger fields (an
/// unknown key reported).
fn front(file: &Arc<SourceFile>, events: &mut Events<'_>, batch: &mut Loaded) -> Front {
    let found = match events.peek() {
        Some((Event::Start(Tag::MetadataBlock(kind)), range)) => Some((*kind, range.clone())),
        _ => None,
    };
    let Some((kind, block)) = found else {
        unclosed(file, batch);
        return Front::Rejected;
    };
    // Skip the metadata block's own events: its text is read below from the source.
    for (event, _) in events.by_ref() {
        if matches!(event, Event::End(TagEnd::MetadataBlock(_))) {
            break;
        }
    }
    let inner = inner_range(&file.text, &block);
    if inner.len() > MAX_FRONT_MATTER {
        batch.diagnostics.push(
            Diagnostic::new(
                &d001::META,
                format!(
                    "{}：前置信息有 {} 字节，超过 {MAX_FRONT_MATTER} 字节，未读入",
                    d001::META.title,
                    inner.len()
                ),
            )
            .at(Some(&Loc::new(file, inner.start..inner.start)))
            .label("前置信息过长")
            .help("前置信息只写编号、会议日期等台账字段；会议内容写在正文"),
        );
        return Front::Rejected;
    }
    let Some(pairs) = front_matter(file, kind, inner, batch) else {
        return Front::Rejected;
    };
    if crate::prose::is_prose(pairs.iter().map(|(key, _, _)| key.as_str())) {
        return Front::Prose(block, pairs);
    }
    // Front matter of another kind (a README's title and author) is not a meeting.
    let is_record = pairs.iter().any(|(key, _, _)| {
        fields::ledger_field(key).is_some()
            || fields::closest(key, fields::ledger_names()).is_some()
    });
    if !is_record {
        return Front::NotMinutes;
    }
    let cells = pairs
        .into_iter()
        .filter_map(|(key, value, span)| {
            let field = fields::ledger_field(&key);
            if field.is_none() {
                report_unknown_key(&key, &Loc::new(file, span.clone()), batch);
            }
            field.map(|f| {
                (
                    f,
                    RawCell {
                        text: value,
                        span,
                        spaced: false,
                        formula: None,
                    },
                )
            })
        })
        .collect();
    Front::Record(block, cells)
}

/// A file that opens with a fence and never closes it: a D001 at the fence.
fn unclosed(file: &Arc<SourceFile>, batch: &mut Loaded) {
    let fence = file.text.lines().next().unwrap_or("").trim_end();
    batch.diagnostics.push(
        Diagnostic::new(
            &d001::META,
            format!(
                "{}：前置信息以 {fence} 开始，却没有结束的 {fence} 行（或第二行是空行）",
                d001::META.title
            ),
        )
        .at(Some(&Loc::new(file, 0..fence.len())))
        .label("前置信息未闭合")
        .help(format!(
            "在编号、会议日期等字段之后加一行 {fence}，再写正文；第一个字段紧接在 {fence} 之后"
        )),
    );
}

/// The body after the front matter as structure; its first level-1 heading is the title.
fn body(file: &Arc<SourceFile>, all: &[(Event, Range<usize>)], batch: &mut Loaded) -> MinutesBody {
    let mut body = MinutesBody::default();
    let mut pos = 0;
    body.blocks = blocks(all, &mut pos, 0);
    too_deep(file, all, batch);
    if let Some(i) = body
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
        && let Block::Heading { content, .. } = body.blocks.remove(i)
    {
        body.title = Some(Inline::plain(&content));
    }
    body
}

/// The front matter's content, without its fences.
fn inner_range(text: &str, block: &Range<usize>) -> Range<usize> {
    let raw = &text[block.clone()];
    let start = block.start + raw.find('\n').map_or(raw.len(), |i| i + 1);
    let trimmed = raw.trim_end();
    let end = block.start + trimmed.rfind('\n').map_or(trimmed.len(), |i| i + 1);
    start..end.max(start)
}

/// Key, value text and value span of each top-level entry of the front matter; `None` (with a
/// D001) when it does not parse.
fn front_matter(
    file: &Arc<SourceFile>,
    kind: MetadataBlockKind,
    inner: Range<usize>,
    batch: &mut Loaded,
) -> Option<Vec<(String, String, Range<usize>)>> {
    let src = &file.text[inner.clone()];
    let (entries, format) = match kind {
        MetadataBlockKind::YamlStyle => (yaml_entries(src), "YAML"),
        MetadataBlockKind::PlusesStyle => (toml_entries(src), "TOML"),
    };
    match entries {
        Ok(entries) => Some(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let span = value_span(src, &key, kind).map_or(inner.start..inner.start, |r| {
                        inner.start + r.start..inner.start + r.end
                    });
                    (key, value, span)
                })
                .collect(),
        ),
        Err((message, offset)) => {
            let at = inner.start + offset.min(src.len());
            batch.diagnostics.push(
                Diagnostic::new(
                    &d001::META,
                    format!(
                        "{}：前置信息（{format}）格式错误：{message}",
                        d001::META.title
                    ),
                )
                .at(Some(&Loc::new(file, at..at)))
                .label(format!("{format} 格式错误"))
                .help(if format == "YAML" {
                    "每行写“字段: 值”（英文冒号后空一格）；值中有冒号、# 或引号时整体加英文双引号"
                } else {
                    "每行写 \"字段\" = \"值\"：中文字段名和文字值都要加英文双引号，日期和人数可不加"
                }),
            );
            None
        }
    }
}

type Entries = Result<Vec<(String, String)>, (String, usize)>;

fn yaml_entries(src: &str) -> Entries {
    let value: serde_yaml::Value = serde_yaml::from_str(src).map_err(|e| {
        let (message, marks) = split_marks(&e.to_string());
        // The last mark is where the broken construct began ("while scanning … at line 2"); the
        // first is only where the parser gave up.
        let offset = marks
            .last()
            .map_or(0, |&(line, column)| offset_of(src, line, column));
        (message, offset)
    })?;
    let serde_yaml::Value::Mapping(map) = value else {
        return Err(("前置信息应是“字段: 值”的列表".to_string(), 0));
    };
    map.into_iter()
        .map(|(k, v)| {
            let key = scalar_yaml(&k).ok_or_else(|| ("字段名应是文字".to_string(), 0))?;
            let value = match v {
                // As written: 1.10 stays 1.10 (a code), not the number 1.1.
                serde_yaml::Value::Number(_) => value_span(src, &key, MetadataBlockKind::YamlStyle)
                    .map_or_else(
                        || scalar_yaml(&v).unwrap_or_default(),
                        |r| src[r].to_string(),
                    ),
                serde_yaml::Value::Sequence(items) => items
                    .iter()
                    .filter_map(scalar_yaml)
                    .collect::<Vec<_>>()
                    .join("、"),
                other => scalar_yaml(&other).ok_or_else(|| {
                    (
                        format!("「{key}」的值应是一行文字、数字或日期"),
                        value_span(src, &key, MetadataBlockKind::YamlStyle).map_or(0, |r| r.start),
                    )
                })?,
            };
            Ok((key, value))
        })
        .collect()
}

fn scalar_yaml(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::Null => Some(String::new()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::String(s) => Some(s.trim().to_string()),
        _ => None,
    }
}

fn toml_entries(src: &str) -> Entries {
    let table: toml::Table = toml::from_str(src).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        (e.message().to_string(), offset)
    })?;
    table
        .into_iter()
        .map(|(key, v)| {
            let value = match v {
                toml::Value::String(s) => s.trim().to_string(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|i| match i {
                        toml::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
                toml::Value::Table(_) => {
                    let at = value_span(src, &key, MetadataBlockKind::PlusesStyle)
                        .map_or(0, |r| r.start);
                    return Err((format!("「{key}」的值应是一行文字、数字或日期"), at));
                }
                other => other.to_string(),
            };
            Ok((key, value))
        })
        .collect()
}

/// A YAML error message without its " at line N column M" marks (they count from the front
/// matter, not the file, and the diagnostic points at the place anyway), and the marks.
fn split_marks(message: &str) -> (String, Vec<(usize, usize)>) {
    const AT: &str = " at line ";
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut rest = message;
    while let Some(i) = rest.find(AT) {
        text.push_str(&rest[..i]);
        let after = &rest[i + AT.len()..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let n = digits(after);
        let line = after[..n].parse().unwrap_or(1);
        let after = &after[n..];
        if let Some(col) = after.strip_prefix(" column ") {
            let m = digits(col);
            marks.push((line, col[..m].parse().unwrap_or(1)));
            rest = &col[m..];
        } else {
            marks.push((line, 1));
            rest = after;
        }
    }
    text.push_str(rest);
    (text, marks)
}

/// Byte offset of a 1-based line and character column in `src`.
fn offset_of(src: &str, line: usize, column: usize) -> usize {
    let start: usize = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &src[start.min(src.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// The span of a top-level key's value on its line (`key: value` or `key = value`).
fn value_span(src: &str, key: &str, kind: MetadataBlockKind) -> Option<Range<usize>> {
    let separator = match kind {
        MetadataBlockKind::YamlStyle => ':',
        MetadataBlockKind::PlusesStyle => '=',
    };
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let body = line.trim_end();
        let unquoted = body.trim_start_matches(['"', '\'']);
        if !body.starts_with([' ', '\t']) && unquoted.starts_with(key) {
            let after_key = unquoted[key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start();
            if let Some(value) = after_key.strip_prefix(separator) {
                let value = value.trim();
                let start = offset + body.len() - value.len();
                return Some(start..start + value.len());
            }
        }
        offset += line.len();
    }
    None
}

fn report_unknown_key(key: &str, loc: &Loc, batch: &mut Loaded) {
    let d = match fields::closest(key, fields::ledger_names()) {
        Some(name) => Diagnostic::new(
            &d001::META,
            format!(
                "{}：字段「{key}」无法识别，是否想写「{name}」？",
                d001::META.title
            ),
        )
        .label(format!("是否想写「{name}」？"))
        .fact("suggestion", name)
        .help(format!("把「{key}」改为「{name}」；改正前这一项不参与检查")),
        None => Diagnostic::new(
            &d001::META,
            format!("未识别的字段「{key}」，已保留但不参与检查"),
        )
        .severity(Severity::Info)
        .label("未识别的字段")
        .help("可接受的字段名见 README「输入格式」"),
    };
    batch
        .diagnostics
        .push(d.at(Some(loc)).field(key.to_string()).fact("column", key));
}

/// Says where nesting first goes past [`MAX_DEPTH`]: the text below it is kept, but as plain text.
fn too_deep(file: &Arc<SourceFile>, events: &[(Event, Range<usize>)], batch: &mut Loaded) {
    let mut depth = 0_usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_DEPTH {
            let end = file.text[range.start..]
                .find('\n')
                .map_or(file.text.len(), |e| range.start + e)
                .min(range.end.max(range.start));
            batch.diagnostics.push(
                Diagnostic::new(
                    &d001::META,
                    format!(
                        "{}：正文嵌套超过 {MAX_DEPTH} 层（引用或列表套得太深），更深的部分按普通文字排版",
                        d001::META.title
                    ),
                )
                .severity(Severity::Warning)
                .at(Some(&Loc::new(file, range.start..end)))
                .label(format!("从这里起超过 {MAX_DEPTH} 层"))
                .fact("max_depth", MAX_DEPTH)
                .help("检查这里的“>”或列表缩进是否多余；会议记录一般不超过三层"),
            );
            return;
        }
    }
}

/// Blocks until the end of the enclosing container (or of the events).
fn blocks(events: &[(Event, Range<usize>)], pos: &mut usize, depth: usize) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some((event, _)) = events.get(*pos) {
        match event {
            Event::End(_) => return out,
            Event::Start(tag) => {
                *pos += 1;
                if depth >= MAX_DEPTH {
                    let text = flatten(events, pos);
                    out.push(Block::Paragraph {
                        content: vec![Inline::Text { text }],
                    });
                    continue;
                }
                match tag {
                    Tag::Paragraph => out.push(Block::Paragraph {
                        content: inlines(events, pos, depth),
                    }),
                    Tag::Heading { level, .. } => out.push(Block::Heading {
                        level: *level as u8,
                        content: inlines(events, pos, depth),
                    }),
                    Tag::BlockQuote(_) => out.push(Block::Quote {
                        content: blocks(events, pos, depth + 1),
                    }),
                    Tag::List(start) => {
                        let mut items = Vec::new();
                        while let Some((Event::Start(Tag::Item), _)) = events.get(*pos) {
                            *pos += 1;
                            items.push(blocks(events, pos, depth + 1));
                            *pos += 1; // End(Item)
                        }
                        out.push(Block::List {
                            ordered: start.is_some(),
                            start: start.unwrap_or(1),
                            items,
                        });
                    }
                    Tag::Table(_) => out.push(table(events, pos, depth)),
                    Tag::CodeBlock(_) | Tag::HtmlBlock => out.push(Block::Code {
                        text: flatten(events, pos),
                    }),
                    _ => {
                        let text = flatten(events, pos);
                        out.push(Block::Paragraph {
                            content: vec![Inline::Text { text }],
                        });
                        continue;
                    }
                }
                *pos += 1; // the container's End
            }
            Event::Rule => {
                out.push(Block::Rule);
                *pos += 1;
            }
            // Inline content straight inside a container (a tight list item) is a paragraph.
            _ => out.push(Block::Paragraph {
                content: inlines(events, pos, depth),
            }),
        }
    }
    out
}

/// Inlines until the end of the enclosing container; at a block start inside a tight list item,
/// stops before it.
fn inlines(events: &[(Event, Range<usize>)], pos: &mut usize, depth: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    while let Some((event, _)) = events.get(*pos) {
        let inline = match event {
            Event::End(_) | Event::Rule => return out,
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => Inline::Text {
                text: t.to_string(),
            },
            Event::FootnoteReference(t) => Inline::Text {
                text: format!("[{t}]"),
            },
            Event::Code(t) => Inline::Code {
                text: t.to_string(),
            },
            Event::SoftBreak => Inline::Soft,
            Event::HardBreak => Inline::Break,
            Event::TaskListMarker(done) => Inline::Text {
                text: if *done { "☑ " } else { "☐ " }.to_string(),
            },
            Event::Start(tag) => {
                // The nested run; the common step below then moves past its End.
                let nested = |pos: &mut usize| {
                    *pos += 1;
                    if depth >= MAX_DEPTH {
                        vec![Inline::Text {
                            text: flatten(events, pos),
                        }]
                    } else {
                        inlines(events, pos, depth + 1)
                    }
                };
                match tag {
                    Tag::Emphasis => Inline::Emph {
                        content: nested(pos),
                    },
                    Tag::Strong => Inline::Strong {
                        content: nested(pos),
                    },
                    Tag::Link { .. } => Inline::Link {
                        content: nested(pos),
                    },
                    Tag::Strikethrough | Tag::Image { .. } | Tag::Superscript | Tag::Subscript => {
                        let content = nested(pos);
                        out.extend(content);
                        *pos += 1;
                        continue;
                    }
                    _ => return out, // a block inside a tight list item
                }
            }
        };
        out.push(inline);
        *pos += 1;
    }
    out
}

/// The plain text of everything up to the end of the current container (consumed, End excluded).
fn flatten(events: &[(Event, Range<usize>)], pos: &mut usize) -> String {
    let mut depth = 0usize;
    let mut text = String::new();
    while let Some((event, _)) = events.get(*pos) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return text,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
        *pos += 1;
    }
    text
}

fn table(events: &[(Event, Range<usize>)], pos: &mut usize, depth: usize) -> Block {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    while let Some((Event::Start(tag), _)) = events.get(*pos) {
        let is_head = matches!(tag, Tag::TableHead);
        *pos += 1;
        let mut cells = Vec::new();
        while let Some((Event::Start(Tag::TableCell), _)) = events.get(*pos) {
            *pos += 1;
            cells.push(inlines(events, pos, depth + 1));
            *pos += 1;
        }
        *pos += 1; // End(TableHead | TableRow)
        if is_head {
            header = cells;
        } else {
            rows.push(cells);
        }
    }
    Block::Table { header, rows }
}

/// The participants table of the minutes: the first table with a 姓名 column under a heading that
/// mentions 参会 or 出席.
fn participants_table(
    file: &Arc<SourceFile>,
    code: &str,
    events: &[(Event, Range<usize>)],
    batch: &mut Loaded,
) -> Vec<crate::model::Participant> {
    let mut under_heading = false;
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                let mut j = i + 1;
                let text = flatten(events, &mut j);
                under_heading = text.contains("参会") || text.contains("出席");
                i = j;
            }
            Event::Start(Tag::Table(_)) if under_heading => {
                return table_people(file, code, events, i + 1, batch);
            }
            _ => {}
        }
        i += 1;
    }
    Vec::new()
}

fn table_people(
    file: &Arc<SourceFile>,
    code: &str,
    events: &[(Event, Range<usize>)],
    mut i: usize,
    batch: &mut Loaded,
) -> Vec<crate::model::Participant> {
    // Rows of (cell text, cell span), the header first.
    let mut rows: Vec<(Range<usize>, Vec<RawCell>)> = Vec::new();
    while let Some((Event::Start(Tag::TableHead | Tag::TableRow), row_range)) = events.get(i) {
        i += 1;
        let mut cells = Vec::new();
        while let Some((Event::Start(Tag::TableCell), cell_range)) = events.get(i) {
            i += 1;
            let text = flatten(events, &mut i);
            cells.push(RawCell {
                text: text.trim().to_string(),
                span: cell_range.clone(),
                spaced: false,
                formula: None,
            });
            i += 1;
        }
        i += 1;
        rows.push((row_range.clone(), cells));
    }
    let Some(((_, header), body)) = rows.split_first() else {
        return Vec::new();
    };
    let columns: Vec<Option<PersonField>> = header
        .iter()
        .map(|c| fields::person_field(&c.text))
        .collect();
    if !columns.contains(&Some(PersonField::Name)) {
        return Vec::new();
    }
    let code_cell = RawCell {
        text: code.to_string(),
        span: 0..0,
        spaced: false,
        formula: None,
    };
    body.iter()
        .filter_map(|(span, cells)| {
            let row = Row {
                span: span.clone(),
                cells: cells.clone(),
            };
            let cell = |f: PersonField| {
                if f == PersonField::Code {
                    return Some(&code_cell);
                }
                columns
                    .iter()
                    .position(|c| *c == Some(f))
                    .and_then(|k| cells.get(k))
            };
            participant(file, &row, &cell, batch)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_value_spans_in_yaml_and_toml() {
        let yaml = "编号: LH-1\n议题: \"加装: 电梯\"\n";
        let r = value_span(yaml, "议题", MetadataBlockKind::YamlStyle).unwrap();
        assert_eq!(&yaml[r], "\"加装: 电梯\"");
        let toml = "编号 = \"LH-1\"\n\"会议日期\" = 2026-10-12\n";
        let r = value_span(toml, "会议日期", MetadataBlockKind::PlusesStyle).unwrap();
        assert_eq!(&toml[r], "2026-10-12");
    }

    #[test]
    fn yaml_marks_are_taken_out_of_the_message() {
        let (text, marks) = split_marks(
            "could not find expected ':' at line 3 column 1, while scanning a simple key at line 2 column 1",
        );
        assert_eq!(
            text,
            "could not find expected ':', while scanning a simple key"
        );
        assert_eq!(marks, vec![(3, 1), (2, 1)]);
    }

    #[test]
    fn offsets_of_lines_and_characters() {
        assert_eq!(offset_of("ab\n议题x\n", 2, 2), 3 + 3);
    }
}
