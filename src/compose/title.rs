//! Where a document title may break onto its next line (GB/T 9704-2012 7.3.1: 回行时，要做到词意
//!完整，排列对称). The title is cut into pieces that must stay on one line (words from a Chinese
//! word segmenter, a number with its measure word, a short bracketed phrase, punctuation with the
//! word it belongs to), each with the cost of breaking before it: cheap at phrase seams (after a
//! leading 关于, before 的协商公告 and the other document names, around a bracket, before
//! 及/与/和), dearer between two words of one phrase, dearest next to a one-character word. The
//! template measures the pieces and picks balanced lines among these seams.

use std::sync::LazyLock;

use serde::Serialize;

/// The segmenter, with its dictionary; built once per process (about 0.1 s).
static JIEBA: LazyLock<jieba_rs::Jieba> = LazyLock::new(jieba_rs::Jieba::new);

/// A run of a title that must not be broken, and the cost of a line break before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    /// 0 for the best seams; larger is worse. The first piece's cost means nothing.
    pub cost: u32,
}

/// Names of documents that end titles: a break just before one is the most natural.
const TAILS: &[&str] = &[
    "的协商公告",
    "的协商方案",
    "协商情况的公告",
    "协商结果落实情况的公示",
    "实施结果的公示",
    "的决议公告",
    "协商结果的公示",
    "的公示",
    "的公告",
    "的通知",
    "会议记录",
    "会议纪要",
    "纪要",
    "邀请函",
];

/// Words that join two phrases: a break before them keeps both phrases whole.
const JOINERS: &[&str] = &["及", "与", "和", "暨", "以及", "或"];

/// The longest bracketed phrase kept on one line, in characters with its brackets.
const SHORT_BRACKETS: usize = 10;

/// Costs, from best to worst seam.
const AT_TAIL: u32 = 0;
const AT_PHRASE: u32 = 2;
const BETWEEN_WORDS: u32 = 6;
const BY_SINGLE: u32 = 20;

/// The words of `text` as the segmenter cuts them. A word the segmenter guessed (not in its
/// dictionary) that starts with a joining word keeps the joiner apart: 清淤|及|用水, not
/// 清淤|及用|水.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in JIEBA.cut(text, true).into_iter().map(|t| t.word) {
        let joiner = JOINERS
            .iter()
            .filter(|j| j.chars().count() == 1)
            .find(|j| word.len() > j.len() && word.starts_with(**j));
        match joiner {
            Some(j) if JIEBA.cut(word, false).len() > 1 => {
                out.push(&word[..j.len()]);
                out.push(&word[j.len()..]);
            }
            _ => out.push(word),
        }
    }
    out
}

/// The byte offsets inside `text` where a word ends and another begins.
pub fn word_seams(text: &str) -> Vec<usize> {
    let mut at = 0;
    let mut seams = Vec::new();
    for word in words(text) {
        if at > 0 {
            seams.push(at);
        }
        at += word.len();
    }
    seams
}

fn opens(c: char) -> bool {
    matches!(
        c,
        '（' | '(' | '《' | '“' | '‘' | '【' | '〔' | '［' | '「' | '『'
    )
}

fn closes(c: char) -> bool {
    matches!(
        c,
        '）' | ')'
            | '》'
            | '”'
            | '’'
            | '】'
            | '〕'
            | '］'
            | '」'
            | '』'
            | '，'
            | '、'
            | '：'
            | '；'
            | '。'
            | '！'
            | '？'
    )
}

/// One-character words that end the word before them (投放点, 议事会, 3栋): no break before
/// them. Other one-character words (微改造, 新建) begin the word after them.
const SUFFIXES: &str = "点会费站栏处员者性化率区段项类栋号楼层室户期批届次式们所室厅场馆园";

/// Whether the seam between `prev` and `word` must not break: a one-character word sticks to
/// the word it belongs with.
fn single_glues(prev: &str, word: &str) -> bool {
    let single = |w: &str| w.chars().count() == 1 && !JOINERS.contains(&w) && w != "的";
    (single(word) && SUFFIXES.contains(word)) || (single(prev) && !SUFFIXES.contains(prev))
}

/// Whether a word is a number (Arabic or Chinese digits) that its measure word must follow on
/// the same line: 3栋, 2026年, 第一批.
fn is_number(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '０'
                        ..='９'
                            | '〇'
                            | '一'
                            | '二'
                            | '三'
                            | '四'
                            | '五'
                            | '六'
                            | '七'
                            | '八'
                            | '九'
                            | '十'
                            | '百'
                            | '千'
                            | '万'
                            | '第'
                            | '.'
                            | '-'
                )
        })
}

/// The title cut into unbreakable pieces with the cost of a break before each.
pub fn pieces(title: &str) -> Vec<Piece> {
    let title = title.trim();
    let tail_at = TAILS
        .iter()
        .filter_map(|tail| title.strip_suffix(tail).map(str::len))
        .filter(|&at| at > 0)
        .min();
    // Glue points: byte offsets between two words where no break is allowed.
    let words = words(title);
    let mut starts = Vec::with_capacity(words.len());
    let mut at = 0;
    for w in &words {
        starts.push(at);
        at += w.len();
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut depth_start: Option<usize> = None;
    for (i, word) in words.iter().enumerate() {
        let start = starts[i];
        let prev = i.checked_sub(1).map(|j| words[j]);
        let first = word.chars().next().unwrap_or(' ');
        let glued = match prev {
            None => true,
            Some(prev) => {
                let prev_last = prev.chars().last().unwrap_or(' ');
                depth_start.is_some()
                    || tail_at.is_some_and(|tail| start > tail)
                    || closes(first)
                    || opens(prev_last)
                    || (is_number(prev) && word.chars().count() == 1 && !JOINERS.contains(word))
                    || (prev.chars().all(|c| c.is_ascii_alphanumeric())
                        && word.chars().all(|c| c.is_ascii_alphanumeric()))
                    || (single_glues(prev, word) && !opens(first) && !closes(prev_last))
            }
        };
        // A short bracketed phrase stays whole: find where it closes.
        if depth_start.is_none() && opens(first) {
            let rest = &title[start..];
            let close = rest
                .char_indices()
                .skip(1)
                .find(|(_, c)| {
                    matches!(
                        c,
                        '）' | ')' | '》' | '”' | '】' | '〕' | '］' | '」' | '』'
                    )
                })
                .map(|(k, c)| start + k + c.len_utf8());
            if let Some(end) = close
                && title[start..end].chars().count() <= SHORT_BRACKETS
            {
                depth_start = Some(end);
            }
        }
        let cost = if glued {
            None
        } else if Some(start) == tail_at {
            Some(AT_TAIL)
        } else {
            let prev = prev.unwrap_or_default();
            let prev_last = prev.chars().last().unwrap_or(' ');
            if opens(first)
                || closes(prev_last)
                || JOINERS.contains(word)
                || (i == 1 && prev == "关于")
                || *word == "关于"
            {
                Some(AT_PHRASE)
            } else if prev.chars().count() == 1 || word.chars().count() == 1 {
                Some(BY_SINGLE)
            } else {
                Some(BETWEEN_WORDS)
            }
        };
        if let (None, Some(last)) = (cost, pieces.last_mut()) {
            last.text.push_str(word);
        } else {
            pieces.push(Piece {
                text: (*word).to_string(),
                cost: cost.unwrap_or(0),
            });
        }
        if depth_start.is_some_and(|end| start + word.len() >= end) {
            depth_start = None;
        }
    }
    pieces
}

/// A topic as it reads inside a title built around it: without a leading 关于 (the title adds
/// its own: no 关于关于…) and without closing punctuation.
pub fn topic_in_title(topic: &str) -> &str {
    let topic = topic.trim();
    let topic = topic.strip_prefix("关于").unwrap_or(topic).trim_start();
    topic.trim_end_matches(['。', '．', '.', '；', ';', '，', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(title: &str) -> String {
        pieces(title)
            .iter()
            .map(|p| format!("{}{}", p.cost, p.text))
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn pieces_keep_words_numbers_and_short_brackets() {
        let cut = cut("关于景华社区公共空间微改造方案（第一批）的协商公告");
        assert!(cut.contains("|2（第一批）|"), "{cut}");
        assert!(
            cut.ends_with("|0的协商公告") || cut.contains("|0的|"),
            "{cut}"
        );
        let p = pieces("关于彩田小区3栋加装电梯费用分摊的协商公告");
        assert!(p.iter().any(|p| p.text == "3栋"), "{p:?}");
        assert!(p.iter().any(|p| p.text == "电梯"), "{p:?}");
        let joined: String = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "关于彩田小区3栋加装电梯费用分摊的协商公告");
        let p = pieces("莲花街道居民公约（2026年修订）民主协商会会议记录");
        assert!(p.iter().any(|p| p.text == "（2026年修订）"), "{p:?}");
    }

    #[test]
    fn seams_at_the_document_name_are_cheapest() {
        let p = pieces("关于社区厨余垃圾分类投放点设置协商结果的公示");
        let tail = p.iter().find(|p| p.text.starts_with("协商")).unwrap();
        assert_eq!(tail.cost, AT_TAIL, "{p:?}");
        assert!(p.iter().any(|p| p.text == "厨余"), "{p:?}");
    }

    #[test]
    fn a_guessed_word_does_not_swallow_a_joiner() {
        let w = words("灌溉渠清淤及用水轮灌顺序");
        assert!(w.contains(&"及"), "{w:?}");
        assert!(!w.contains(&"及用"), "{w:?}");
        // A dictionary word that starts with a joining character stays whole.
        assert!(words("及时清理").contains(&"及时"));
        let p = pieces("关于东朝阳小区冬季清雪责任划分协商结果落实情况的公示");
        assert_eq!(p.last().unwrap().text, "协商结果落实情况的公示", "{p:?}");
        assert_eq!(p.last().unwrap().cost, AT_TAIL);
    }

    #[test]
    fn leading_guanyu_is_not_doubled() {
        assert_eq!(topic_in_title("关于加装电梯的意见"), "加装电梯的意见");
        assert_eq!(topic_in_title(" 加装电梯。"), "加装电梯");
        assert_eq!(topic_in_title("关于"), "");
    }
}
