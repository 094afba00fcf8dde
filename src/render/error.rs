//! Errors of typesetting and the conversion of Typst diagnostics (errors
//! and warnings) into self-contained, printable values.

use std::fmt;

use typst::diag::SourceDiagnostic;
use typst::syntax::DiagSpanKind;
use typst::{World, WorldExt};

/// A Typst diagnostic turned into plain strings, detached from the
/// compiler's spans so it can outlive the document's `World`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Typst's message, as Typst wrote it (English).
    pub message: String,
    /// Typst's hints for this diagnostic.
    pub hints: Vec<String>,
    /// Where it happened, e.g. `minutes.typ:12:5` (line and column from 1)
    /// or `data.json` byte offsets; `None` when Typst gave no place.
    pub location: Option<String>,
}

impl Diagnostic {
    /// Converts a Typst diagnostic, resolving its span with `world`.
    pub(crate) fn from_typst(world: &dyn World, diag: &SourceDiagnostic) -> Self {
        Diagnostic {
            message: diag.message.to_string(),
            hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
            location: locate(world, diag),
        }
    }
}

/// `file:line:column` for a span in a Typst source, or `file 第 a–b 字节`
/// for a span in a data file (the JSON we serve is one line).
fn locate(world: &dyn World, diag: &SourceDiagnostic) -> Option<String> {
    match diag.span.get() {
        DiagSpanKind::Detached => None,
        DiagSpanKind::Number { id, .. } => {
            let name = id.vpath().get_without_slash().to_string();
            let place = world.range(diag.span).and_then(|range| {
                world
                    .source(id)
                    .ok()?
                    .lines()
                    .byte_to_line_column(range.start)
            });
            Some(match place {
                Some((line, column)) => format!("{name}:{}:{}", line + 1, column + 1),
                None => name,
            })
        }
        DiagSpanKind::Range { id, range } => Some(format!(
            "{} 第 {}–{} 字节",
            id.vpath().get_without_slash(),
            range.start,
            range.end
        )),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(location) = &self.location {
            write!(f, "（位置：{location}）")?;
        }
        for hint in &self.hints {
            write!(f, "\n    提示：{hint}")?;
        }
        Ok(())
    }
}

/// Why a document could not be typeset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// No template of that name exists.
    UnknownTemplate {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: Vec<&'static str>,
    },
    /// The document data could not be serialized to JSON.
    Data(String),
    /// A workspace template could not be read.
    Template {
        /// The file.
        path: std::path::PathBuf,
        /// Why not.
        message: String,
    },
    /// Typst could not compile the template with this data.
    Compile {
        /// The template's name.
        template: String,
        /// Typst's errors (at least one).
        errors: Vec<Diagnostic>,
    },
    /// The laid-out document could not be written as PDF.
    Pdf {
        /// The template's name.
        template: String,
        /// Typst's errors (at least one).
        errors: Vec<Diagnostic>,
    },
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnknownTemplate { name, known } => {
                write!(
                    f,
                    "没有名为「{name}」的排版模板（可用：{}）",
                    known.join("、")
                )
            }
            RenderError::Data(message) => write!(f, "文书数据无法转换为 JSON：{message}"),
            RenderError::Template { path, message } => {
                write!(f, "无法读取排版模板 {}：{message}", path.display())
            }
            RenderError::Compile { template, errors } => {
                write!(f, "排版模板「{template}」编译失败：")?;
                write_list(f, errors)
            }
            RenderError::Pdf { template, errors } => {
                write!(f, "模板「{template}」排出的文书无法生成 PDF：")?;
                write_list(f, errors)
            }
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, errors: &[Diagnostic]) -> fmt::Result {
    for error in errors {
        write!(f, "\n  错误：{error}")?;
    }
    Ok(())
}

impl std::error::Error for RenderError {}
