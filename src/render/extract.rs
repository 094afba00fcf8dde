//! Reading back what was printed: the text of the laid-out frames, grouped
//! into lines by baseline, with positions in points. Tests use it to assert
//! what a document says and to measure the GB/T 9704 grid; `typeset` uses
//! it to report characters that no font could draw.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::TextItem;

/// One printed line: the text items that share a baseline on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Baseline, in points from the top of the page.
    pub baseline: f64,
    /// Left edge of the first glyph, in points from the left of the page.
    pub left: f64,
    /// Right edge (end of the last advance), in points.
    pub right: f64,
    /// The largest font size on the line, in points.
    pub size: f64,
    /// The text, items joined in reading order; a space marks a visible gap
    /// (table cells, signature blanks).
    pub text: String,
    /// How many full-width punctuation marks (，。、：；！？（）《》“”) the line sets
    /// narrower than a character cell or shifted out of it: what Chinese line
    /// composition may do at line ends and between marks, and GB/T 9704's
    /// grid does not.
    pub narrow_marks: usize,
}

/// A run of text at a position, before grouping into lines.
struct Run {
    baseline: f64,
    left: f64,
    right: f64,
    size: f64,
    text: String,
    narrow_marks: usize,
}

/// Items whose baselines differ by less than this share a line (points).
const SAME_LINE: f64 = 1.0;

/// Collects the lines of one page, top to bottom, and the characters drawn
/// with the missing-glyph box (glyph id 0).
pub(crate) fn page_lines(frame: &Frame, missing: &mut Vec<char>) -> Vec<TextLine> {
    let mut runs = Vec::new();
    collect(frame, Transform::identity(), &mut runs, missing);
    // Why a stable sort on rounded baselines: Typst emits items in layout
    // order (footer last, table cells column by column), but readers expect
    // top-to-bottom, left-to-right.
    runs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (run.baseline - line[0].baseline).abs() < SAME_LINE => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    lines.into_iter().filter_map(join_line).collect()
}

/// Joins the runs of a line left to right; drops lines of blanks only.
fn join_line(mut runs: Vec<Run>) -> Option<TextLine> {
    runs.sort_by(|a, b| a.left.total_cmp(&b.left));
    let mut text = String::new();
    let mut right: Option<f64> = None;
    for run in &runs {
        if let Some(end) = right {
            // A gap wider than a quarter em is a visible space, not kerning.
            if run.left - end > run.size / 4.0 && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&run.text);
        right = Some(right.map_or(run.right, |r: f64| r.max(run.right)));
    }
    let text = text.trim().to_string();
    if text.chars().all(char::is_whitespace) {
        return None;
    }
    Some(TextLine {
        baseline: runs[0].baseline,
        left: runs[0].left,
        right: right.unwrap_or(runs[0].left),
        size: runs.iter().map(|r| r.size).fold(0.0, f64::max),
        text,
        narrow_marks: runs.iter().map(|r| r.narrow_marks).sum(),
    })
}

/// Walks a frame and its groups, applying the groups' transforms the way
/// the PDF writer does (translate to the item's position, then the group's
/// own transform).
fn collect(frame: &Frame, ts: Transform, runs: &mut Vec<Run>, missing: &mut Vec<char>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                collect(&group.frame, inner, runs, missing);
            }
            FrameItem::Text(text) => {
                note_missing(text, missing);
                let start = pos.transform(ts);
                let end = Point::new(pos.x + text.width(), pos.y).transform(ts);
                runs.push(Run {
                    baseline: start.y.to_pt(),
                    left: start.x.to_pt(),
                    right: end.x.to_pt(),
                    size: text.size.to_pt(),
                    text: text.text.to_string(),
                    narrow_marks: narrow_marks(text),
                });
            }
            _ => {}
        }
    }
}

/// The full-width punctuation marks of a text item set less than 0.9 em wide or moved more
/// than 0.05 em to the left (see [`TextLine::narrow_marks`]).
fn narrow_marks(text: &TextItem) -> usize {
    text.glyphs
        .iter()
        .filter(|g| {
            let mark = text.text.get(g.range()).unwrap_or_default();
            mark.chars().count() == 1
                && mark.chars().all(|c| "，。、：；！？（）《》“”".contains(c))
                && (g.x_advance.get() < 0.9 || g.x_offset.get() < -0.05)
        })
        .count()
}

/// Remembers characters that were shaped to glyph 0 (".notdef"): no font
/// had them, and the PDF shows an empty box. Typst gives no warning for
/// this in ordinary PDF output.
fn note_missing(text: &TextItem, missing: &mut Vec<char>) {
    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
        let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
        for c in chars.filter(|c| !c.is_whitespace() && !c.is_control()) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
}
