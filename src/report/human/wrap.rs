//! A finding's message and help broken into lines exactly as miette's graphical report breaks
//! them (textwrap, a paragraph at a time, at the report's width less the indent), so that
//! miette need only indent them. Why: the clauses and the advice repeat over thousands of
//! findings, and finding the line breaks of Chinese text was the larger part of writing a
//! large batch's report; a paragraph that has to be broken is broken once per thread.

use std::cell::RefCell;
use std::collections::HashMap;

use miette::GraphicalTheme;
use textwrap::core::display_width;

use crate::diag::{Diagnostic, Severity};

/// The message and the help as miette is to show them.
pub(super) struct Wrapped {
    /// Whether the texts are broken into lines; if not, miette breaks them itself.
    pub done: bool,
    pub message: String,
    pub help: Option<String>,
}

/// The widths of miette's indents: the header's `  × ` and `  │ `, the help's `  help: ` and
/// the eight spaces under it.
fn indents(d: &Diagnostic, theme: &GraphicalTheme) -> [(usize, usize); 2] {
    let chars = &theme.characters;
    let icon = match d.severity {
        Severity::Error => &chars.error,
        Severity::Warning => &chars.warning,
        Severity::Info => &chars.advice,
    };
    let header = (
        display_width(icon) + 3,
        display_width(chars.vbar.encode_utf8(&mut [0; 4])) + 3,
    );
    [header, (display_width("  help: "), 8)]
}

/// `d`'s message and `help`, broken into lines for a report `width` columns wide.
pub(super) fn message_and_help(
    d: &Diagnostic,
    theme: &GraphicalTheme,
    width: usize,
    help: Option<String>,
) -> Wrapped {
    // miette wraps at the width less two.
    let width = width.saturating_sub(2);
    let [header, footer] = indents(d, theme);
    let message = broken(&d.message, width, header);
    let help_lines = match &help {
        Some(h) => broken(h, width, footer).map(Some),
        None => Some(None),
    };
    match (message, help_lines) {
        (Some(message), Some(help)) => Wrapped {
            done: true,
            message,
            help,
        },
        _ => Wrapped {
            done: false,
            message: d.message.clone(),
            help,
        },
    }
}

/// `text` broken into lines, its paragraphs one after another; `None` where a line would be
/// blank, since miette's unwrapped output trims a blank line's indent and textwrap keeps it.
fn broken(text: &str, width: usize, (first, rest): (usize, usize)) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let fits = width.saturating_sub(first).min(width.saturating_sub(rest));
        if surely_fits(paragraph, fits) || display_width(paragraph) <= fits {
            // All of it on one line, as textwrap would put it, less trailing spaces.
            let line = paragraph.trim_end_matches(' ');
            if line.trim().is_empty() {
                return None;
            }
            out.push_str(line);
        } else {
            let done = with_lines(paragraph, width, (first, rest), |lines| {
                for (j, line) in lines.iter().enumerate() {
                    if line.trim().is_empty() {
                        return false;
                    }
                    if j > 0 {
                        out.push('\n');
                    }
                    out.push_str(line);
                }
                true
            })?;
            if !done {
                return None;
            }
        }
    }
    Some(out)
}

/// Whether `text` is no wider than `width` columns by a count cheaper than its width: no
/// character is wider than two columns, nor than its bytes in UTF-8.
fn surely_fits(text: &str, width: usize) -> bool {
    text.len() <= width || 2 * text.chars().count() <= width
}

/// How many paragraphs a thread remembers for each pair of indents before it starts afresh.
const REMEMBERED: usize = 4096;

type Remembered = HashMap<(usize, usize, usize), HashMap<String, Vec<String>>>;

thread_local! {
    static LINES: RefCell<Remembered> = RefCell::new(HashMap::new());
}

/// Calls `f` with the lines textwrap breaks `paragraph` into (indents taken off), remembered
/// per thread; `None` when an indent cannot be taken off.
fn with_lines<T>(
    paragraph: &str,
    width: usize,
    (first, rest): (usize, usize),
    f: impl FnOnce(&[String]) -> T,
) -> Option<T> {
    LINES.with(|remembered| {
        let mut remembered = remembered.borrow_mut();
        let known = remembered.entry((width, first, rest)).or_default();
        if let Some(lines) = known.get(paragraph) {
            return Some(f(lines));
        }
        let (initial, subsequent) = (" ".repeat(first), " ".repeat(rest));
        let options = textwrap::Options::new(width)
            .initial_indent(&initial)
            .subsequent_indent(&subsequent)
            .break_words(true);
        let lines: Vec<String> = textwrap::wrap(paragraph, options)
            .iter()
            .enumerate()
            .map(|(i, line)| {
                line.strip_prefix(if i == 0 { &initial } else { &subsequent })
                    .map(str::to_string)
            })
            .collect::<Option<_>>()?;
        let result = f(&lines);
        if known.len() >= REMEMBERED {
            known.clear();
        }
        known.insert(paragraph.to_string(), lines);
        Some(result)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette prints for `text` under the indents: textwrap's own fill.
    fn miette_fill(text: &str, width: usize, first: &str, rest: &str) -> String {
        textwrap::fill(
            text,
            textwrap::Options::new(width)
                .initial_indent(first)
                .subsequent_indent(rest)
                .break_words(true),
        )
    }

    /// What miette prints for text already broken: each line indented.
    fn indented(text: &str, first: &str, rest: &str) -> String {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { rest }))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn lines_are_textwraps_own() {
        let texts = [
            "依据：深圳市基层议事协商工作指引（试行） 五(二)1：“居民会议原则上每年至少召开1次，居民代表会议每半年至少召开1次”",
            "单位：莲花街道彩田社区　期间：2026-H2\n要求：莲花街道彩田社区2026年下半年（2026-07-01 至 2026-12-31）至少召开 1 次居民代表会议\n建议：本期截至 2026-12-31 结束，请在此前安排召开居民代表会议",
            "a very long line of English words that goes on and on past the width of the report, with-hyphenated-words and https://example.org/a/very/long/address/that/cannot/be/broken/anywhere/at/all/because/it/has/no/spaces",
            "短",
            "trailing spaces   ",
            "  leading spaces and a line that is long enough to need breaking somewhere in the middle of it, yes",
        ];
        for width in [20, 40, 98] {
            for (first, rest) in [("  × ", "  │ "), ("  help: ", "        ")] {
                for text in texts {
                    // Twice: the second time from what the thread remembers.
                    for _ in 0..2 {
                        let lines =
                            broken(text, width, (display_width(first), display_width(rest)));
                        assert_eq!(
                            lines.as_deref().map(|l| indented(l, first, rest)),
                            Some(miette_fill(text, width, first, rest)),
                            "{text:?} at {width}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn what_surely_fits_fits() {
        for text in [
            "位置：第 41 行「实到人数」",
            "ａｂｃ😀\u{301}e\u{200b}\t\x1b[31m红\x1b[0m",
            "",
            "a",
        ] {
            for width in 0..40 {
                if surely_fits(text, width) {
                    assert!(display_width(text) <= width, "{text:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn a_blank_line_is_left_to_miette() {
        assert_eq!(broken("一\n\n二", 98, (4, 4)), None);
        assert_eq!(broken("", 98, (4, 4)), None);
    }
}
