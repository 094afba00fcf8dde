//! Diagnostics for people: miette's graphical report, in Chinese, with the source line, a caret
//! under the exact cell (wide characters line up), the requirement, the clause and the fix.

use std::fmt;

use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diag::{Diagnostic, Severity};
use crate::meta::Guideline;

mod wrap;

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// No colour, fixed width: what tests and files get.
    pub const PLAIN: Style = Style {
        color: false,
        width: 100,
    };
}

/// Renders one diagnostic.
pub fn render(d: &Diagnostic, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // A whole file that could not be read as text has no line to show.
    let excerpt = d
        .loc
        .as_ref()
        .filter(|l| !l.file.text.is_empty())
        .map(Excerpt::around);
    // The message and the help, broken into lines here exactly as miette would break them;
    // miette then only indents them. A text this cannot stand for is left to miette.
    let wrapped = wrap::message_and_help(d, &theme, style.width, help(d, excerpt.as_ref()));
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_wrap_lines(!wrapped.done);
    // A sheet's excerpt is named by its cell (`台账.xlsx › 2026年 › F7`), not by line and column.
    let in_sheet = d.loc.as_ref().is_some_and(|l| l.cell().is_some());
    let handler = if in_sheet {
        handler.without_primary_span_start()
    } else {
        handler
    };
    let mut out = String::new();
    let shown = Shown {
        d,
        message: wrapped.message,
        help: wrapped.help,
        excerpt,
    };
    if handler.render_report(&mut out, &shown).is_err() {
        out = format!("{}[{}] {}\n", d.severity.zh(), d.code, d.message);
    }
    out
}

/// Renders all diagnostics, one after another.
pub fn render_all(diagnostics: &[Diagnostic], style: Style) -> String {
    let mut text = Vec::new();
    write_all(&mut text, diagnostics, style).expect("written to memory");
    String::from_utf8(text).expect("rendered as text")
}

/// [`render_all`] written to `out` a few thousand findings at a time (each rendered on all the
/// cores), so that a large batch's report is never held whole.
pub fn write_all(
    out: &mut dyn std::io::Write,
    diagnostics: &[Diagnostic],
    style: Style,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    for (i, chunk) in diagnostics.chunks(4096).enumerate() {
        let blocks: Vec<String> = chunk
            .par_iter()
            .with_min_len(64)
            .map(|d| render(d, style))
            .collect();
        for (j, block) in blocks.iter().enumerate() {
            if i + j > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(block.as_bytes())?;
        }
    }
    Ok(())
}

/// The footer: what is required, the clause, the fix, and places in other files (`excerpt`: the
/// line shown, if any).
fn help(d: &Diagnostic, excerpt: Option<&Excerpt>) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(loc) = d.loc.as_ref().filter(|l| l.file.text.is_empty()) {
        lines.push(format!("文件：{}", loc.file.name));
    }
    if let (Some(loc), Some(field)) = (&d.loc, &d.field) {
        lines.push(format!("位置：{}「{field}」", loc.place()));
    }
    if let Some(period) = &d.period {
        let unit: String = [&d.street, &d.community]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        lines.push(format!("单位：{unit}　期间：{period}"));
    } else if d.meeting.is_none() && (d.street.is_some() || d.community.is_some()) {
        let unit: String = [&d.street, &d.community]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        lines.push(format!("单位：{unit}"));
    }
    if let Some(r) = &d.requirement {
        lines.push(format!("要求：{r}"));
    }
    if let Some(c) = &d.citation {
        // The catalogue's own clauses are English notes, not text to quote to a clerk.
        let quote = if c.guideline == Guideline::Catalogue {
            String::new()
        } else {
            format!("：“{}”", c.quote)
        };
        lines.push(format!("依据：{} {}{quote}", c.title(), c.clause));
    }
    if let Some(h) = &d.help {
        lines.push(format!("建议：{h}"));
    }
    // A file without text shows no line, yet places at its start are still its own.
    let of_empty_file;
    let excerpt = match excerpt {
        Some(e) => Some(e),
        None if !d.related.is_empty() => {
            of_empty_file = d.loc.as_ref().map(Excerpt::around);
            of_empty_file.as_ref()
        }
        None => None,
    };
    for (loc, text) in &d.related {
        if excerpt.and_then(|e| e.translate(loc)).is_none() {
            lines.push(format!("另见：{}（{text}）", loc.display()));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

struct Shown<'a> {
    d: &'a Diagnostic,
    /// The message, as it is shown (broken into lines, when [`wrap`] did).
    message: String,
    help: Option<String>,
    excerpt: Option<Excerpt>,
}

/// The line a finding is on, clipped around the span when it is long (a ledger row can hold a
/// thousand characters), so the caret stays on screen. Reports the real line and column.
struct Excerpt {
    /// The name shown above the excerpt.
    name: String,
    /// The file's own name, to match places against.
    file: String,
    text: String,
    /// 0-based line in the file.
    line: usize,
    /// 0-based character column of the first character of `text`.
    column: usize,
    /// Byte range of `text` in the file, and the bytes of the leading ellipsis.
    window: Range<usize>,
    lead: usize,
}

impl Excerpt {
    const BEFORE: usize = 16;
    const AFTER: usize = 16;
    const SPAN: usize = 30;

    fn around(loc: &crate::source::Loc) -> Excerpt {
        let file = &loc.file;
        let (line, _) = file.line_col(loc.span.start);
        let line_range = file.line_range(line);
        let text = &file.text[line_range.clone()];
        let start_in = loc.span.start.clamp(line_range.start, line_range.end) - line_range.start;
        let end_in = loc.span.end.clamp(line_range.start, line_range.end) - line_range.start;
        // Characters before a byte, and the byte a character starts at (the line's end after
        // its last): counted, not listed, as this is done for every finding.
        let ci = |byte: usize| match text.get(..byte) {
            Some(before) => before.chars().count(),
            None => text.char_indices().take_while(|(i, _)| *i < byte).count(),
        };
        let at = |char: usize| text.char_indices().nth(char).map_or(text.len(), |(i, _)| i);
        let count = text.chars().count();
        let (span_start, span_end) = (ci(start_in), ci(end_in).min(ci(start_in) + Self::SPAN));
        let first = span_start.saturating_sub(Self::BEFORE);
        let last = (span_end + Self::AFTER).min(count);
        let lead = if first > 0 { "…" } else { "" };
        let tail = if last < count {
            "…"
        } else if start_in == end_in && end_in == text.len() {
            // An empty last cell: a blank for the caret to stand under, or the label is lost.
            " "
        } else {
            ""
        };
        let window = line_range.start + at(first)..line_range.start + at(last);
        Excerpt {
            name: if file.sheet.is_some() {
                loc.display()
            } else {
                file.name.clone()
            },
            file: file.name.clone(),
            text: format!("{lead}{}{tail}", &file.text[window.clone()]),
            line: line - 1,
            column: first - usize::from(!lead.is_empty()),
            window,
            lead: lead.len(),
        }
    }

    /// A file span as a span of the excerpt, when it falls inside it.
    fn translate(&self, loc: &crate::source::Loc) -> Option<Range<usize>> {
        let (w, s) = (&self.window, &loc.span);
        (loc.file.name == self.file && s.start >= w.start && s.start <= w.end).then(|| {
            let start = s.start - w.start + self.lead;
            start..(s.end.min(w.end) - w.start + self.lead).max(start)
        })
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span.offset().min(self.text.len());
        let column = self.column + self.text.get(..offset).map_or(0, |t| t.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.line,
            column,
            1,
        )))
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}[{}] {} ({})",
            self.d.severity.zh(),
            self.d.code,
            self.d.title,
            self.d.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.excerpt.as_ref()?;
        let primary_span = excerpt.translate(self.d.loc.as_ref()?)?;
        let primary = LabeledSpan::new_primary_with_span(
            self.d.label.as_deref().map(str::to_string),
            primary_span,
        );
        let related = self.d.related.iter().filter_map(|(l, text)| {
            excerpt
                .translate(l)
                .map(|span| LabeledSpan::new_with_span(Some(text.clone()), span))
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}
