//! SZ205 一次表决多个议题 (several-topics-one-vote)
//!
//! ## 检查内容 What it checks
//! 实行“一事一议”：台账每行（每份会议记录）只有一个议题，各自表决、各自形成结果。「议题」写成
//! 分号隔开的几项（“……；……”），或编了号的几项（“1.……2.……”“（一）……（二）……”“一是……二是……”）
//! 而只有一组表决和一个协商结果的，给出警告。
//!
//! ## 为何重要 Why it matters
//! 几个议题捆在一起表决，赞成其中一项的人只能连同其他一起赞成，结果不能反映真实意见。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：街道议事协商程序「组织协商活动」：“实行一事一议”；
//! 附：基层议事协商会议流程：““一事一议”，“少数服从多数”的原则”。
//!
//! ## 示例 Example
//! 不合规：议题“1.加装电梯费用分摊 2.楼道杂物清理”，一次表决。
//! 合规：两个议题各占台账一行，各有表决和结果。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;

pub static META: RuleMeta = RuleMeta {
    code: "SZ205",
    name: "several-topics-one-vote",
    title: "一次表决多个议题",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·街道议事协商程序「组织协商活动」",
        quote: "实行一事一议",
        modality: Modality::Example("实行一事一议"),
        milder: None,
    },
    levels: Levels::Any,
    params: &[],
    readings: &[],
    source: include_str!("sz205.rs"),
};

pub fn check(cx: &mut Ctx) {
    let Some(topic) = cx.m.text(Field::Topic) else {
        return;
    };
    let items = topics(topic);
    if items.len() < 2 {
        return;
    }
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：议题含 {} 项（{}），只有一个协商结果",
            META.title,
            items.len(),
            items.join(" / ")
        ),
    )
    .at(cx.m.loc(Field::Topic))
    .field(Field::Topic.zh())
    .label(format!("{} 个议题", items.len()))
    .fact("topics", items.clone())
    .requirement("一事一议：每个议题单独协商、单独表决、单独形成结果")
    .help("把各议题分列为台账的不同行（各有编号、表决和结果）；如确是一个议题，改写议题使其成为一句话");
    cx.emit(d);
}

/// The topics a topic cell lists: parts separated by semicolons, or numbered items.
pub fn topics(text: &str) -> Vec<String> {
    let parts: Vec<String> = text
        .split(['；', ';'])
        .map(|s| {
            s.trim()
                .trim_end_matches(['。', '，', ','])
                .trim()
                .to_string()
        })
        .filter(|s| s.chars().count() >= 2)
        .collect();
    if parts.len() >= 2 {
        return parts;
    }
    let mut starts = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let after = chars.get(i + 2).map(|&(_, c)| c);
        let numbered = (c.is_ascii_digit() || "一二三四五六七八九".contains(c))
            && (matches!(next, Some('.' | '、' | '．'))
                || next == Some('是') && !c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].1.is_ascii_digit());
        let bracketed = matches!(c, '（' | '(')
            && next.is_some_and(|n| n.is_ascii_digit() || "一二三四五六七八九".contains(n))
            && matches!(after, Some('）' | ')'));
        if numbered || bracketed {
            starts.push(at);
        }
    }
    if starts.len() < 2 {
        return vec![text.trim().to_string()];
    }
    starts.push(text.len());
    let items: Vec<String> = starts
        .windows(2)
        .map(|w| {
            text[w[0]..w[1]]
                .trim()
                .trim_end_matches(['。', '，', ',', '；'])
                .to_string()
        })
        // "一、二、三组" numbers groups within one topic: a marker with no words of its own is
        // not an item.
        .filter(|s| words(s) >= 2)
        .collect();
    if items.len() < 2 {
        return vec![text.trim().to_string()];
    }
    items
}

/// The characters of an item that are neither numerals, markers nor punctuation.
fn words(item: &str) -> usize {
    item.chars()
        .filter(|c| {
            c.is_alphanumeric() && !c.is_ascii_digit() && !"一二三四五六七八九十是".contains(*c)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::topics;

    #[test]
    fn one_topic_stays_one() {
        assert_eq!(topics("彩田小区3栋加装电梯费用分摊").len(), 1);
        assert_eq!(topics("2026年度民生微实事项目").len(), 1);
        assert_eq!(topics("3栋、5栋加装电梯").len(), 1);
        assert_eq!(topics("樟树布村一、二、三组集体用地平整").len(), 1);
    }

    #[test]
    fn numbered_and_separated_topics_split() {
        assert_eq!(topics("1.加装电梯费用分摊 2.楼道杂物清理").len(), 2);
        assert_eq!(topics("（一）停车收费；（二）垃圾分类").len(), 2);
        assert_eq!(topics("加装电梯费用分摊；楼道杂物清理").len(), 2);
        assert_eq!(topics("一是加装电梯，二是清理楼道").len(), 2);
    }
}
