//! The words of an annual report that no ledger holds (主要做法, 典型案例, 存在问题的分析,
//! 下一年度工作打算), written by the unit in a Markdown file of the batch:
//!
//! ```markdown
//! ---
//! 年度报告: 2026
//! 街道: 莲花街道
//! 社区: 彩田社区
//! 成文日期: 2027-01-10
//! ---
//! ## 主要做法
//! ……
//! ## 典型案例
//! ……
//! ## 存在问题的分析
//! ……
//! ## 下一年度工作打算
//! ……
//! ```
//!
//! The key `年度报告` (`annual_report`) in the front matter, with the year, is what makes the file
//! a report's prose rather than minutes; `街道` and `社区` (or `村`) name the unit (a street's own
//! report has no `社区`). `成文日期` dates the report (else the check date does) and `抄送` names
//! who else receives it. The body is split at its `##` headings into sections, matched to the
//! report's parts by their words; text before the first `##` opens the report.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Severity};
use crate::model::Block;
use crate::rules::d001;
use crate::source::Loc;

/// The parts of a report the unit writes, in the order the report prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// 主要做法.
    Practice,
    /// 工作成效 (optional).
    Effects,
    /// 典型案例.
    Cases,
    /// 存在问题的分析 (printed after the findings the check counted).
    Problems,
    /// 下一年度工作打算.
    Plans,
    /// Any other section: printed after 典型案例, in the file's order.
    Other,
}

impl Part {
    /// The parts a report needs from its unit; without any of them it is a draft.
    pub const REQUIRED: [Part; 4] = [Part::Practice, Part::Cases, Part::Problems, Part::Plans];

    /// The part's name as the report prints it.
    pub fn zh(self) -> &'static str {
        match self {
            Part::Practice => "主要做法",
            Part::Effects => "工作成效",
            Part::Cases => "典型案例",
            Part::Problems => "存在问题的分析",
            Part::Plans => "下一年度工作打算",
            Part::Other => "其他",
        }
    }

    /// The part a section title names: by its words, numbering and punctuation ignored
    /// (「一、主要做法」「工作做法」 are 主要做法; 「存在的问题」 is 存在问题的分析).
    pub fn of(title: &str) -> Part {
        // Plans and problems first: 「下一步措施」 plans, 「存在问题及整改措施」 analyses problems.
        let words = [
            (
                Part::Plans,
                &["打算", "计划", "思路", "下一年", "下一步", "明年"][..],
            ),
            (Part::Problems, &["问题", "不足"][..]),
            (Part::Cases, &["案例", "事例"][..]),
            (Part::Effects, &["成效", "成绩", "效果"][..]),
            (Part::Practice, &["做法", "举措", "措施"][..]),
        ];
        words
            .iter()
            .find(|(_, ws)| ws.iter().any(|w| title.contains(w)))
            .map_or(Part::Other, |(p, _)| *p)
    }
}

/// One `##` section of the file.
#[derive(Clone, Debug)]
pub struct Section {
    pub title: String,
    pub part: Part,
    pub blocks: Vec<Block>,
}

/// A unit's prose for one year's report.
#[derive(Clone, Debug)]
pub struct Prose {
    /// The file, as the batch names it.
    pub path: String,
    /// The front matter.
    pub loc: Loc,
    pub year: i32,
    pub street: Option<String>,
    pub community: Option<String>,
    /// 成文日期.
    pub date: Option<NaiveDate>,
    /// 抄送.
    pub copies: Option<String>,
    /// Text before the first section.
    pub lead: Vec<Block>,
    pub sections: Vec<Section>,
}

impl Prose {
    /// The section of a part, the first if there are several.
    pub fn section(&self, part: Part) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.part == part && !s.blocks.is_empty())
    }

    /// The required parts it lacks (or leaves empty).
    pub fn missing(&self) -> Vec<Part> {
        Part::REQUIRED
            .into_iter()
            .filter(|p| self.section(*p).is_none())
            .collect()
    }

    /// Whether it is for the unit `street` + `community` (none for a street's own report). A
    /// file that names only the community matches it in any street.
    pub fn names(&self, street: Option<&str>, community: Option<&str>) -> bool {
        self.community.as_deref() == community
            && (self.street.is_none() && community.is_some() || self.street.as_deref() == street)
    }
}

/// The front matter keys of a prose file, in Chinese and English.
const YEAR: [&str; 2] = ["年度报告", "annual_report"];
const STREET: [&str; 2] = ["街道", "street"];
const COMMUNITY: [&str; 4] = ["社区", "community", "村", "village"];
const DATE: [&str; 2] = ["成文日期", "date"];
const COPIES: [&str; 2] = ["抄送", "copies"];

/// Whether front matter with these keys is a report's prose.
pub fn is_prose<'a>(mut keys: impl Iterator<Item = &'a str>) -> bool {
    keys.any(|k| YEAR.contains(&k))
}

/// Reads a prose file from its front matter entries (key, value, value's place) and its body;
/// what cannot be read is returned as diagnostics, and the prose is `None` when the year or the
/// unit cannot be told.
pub fn read(
    path: &str,
    loc: Loc,
    entries: &[(String, String, Loc)],
    body: Vec<Block>,
) -> (Option<Prose>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let value = |names: &[&str]| {
        entries
            .iter()
            .find(|(k, _, _)| names.contains(&k.as_str()))
            .map(|(_, v, l)| (v.trim().to_string(), l.clone()))
            .filter(|(v, _)| !v.is_empty())
    };
    let year = value(&YEAR);
    let street = value(&STREET).map(|(v, _)| v);
    let community = value(&COMMUNITY).map(|(v, _)| v);
    let date = value(&DATE);
    let copies = value(&COPIES).map(|(v, _)| v);
    for (key, _, at) in entries {
        let known = [&YEAR[..], &STREET, &COMMUNITY, &DATE, &COPIES]
            .iter()
            .any(|names| names.contains(&key.as_str()));
        if !known {
            found.push(
                Diagnostic::new(
                    &d001::META,
                    format!("年度报告文字材料的前置信息中「{key}」无法识别，已略过"),
                )
                .severity(Severity::Warning)
                .at(Some(at))
                .field(key.clone())
                .label("无法识别")
                .help("前置信息只写 年度报告、街道、社区（或 村）、成文日期、抄送，见 README「年度报告的文字材料」"),
            );
        }
    }
    let year = match year {
        None => None,
        Some((text, at)) => {
            let digits = crate::values::normalize_width(&text);
            let digits = digits.trim_end_matches('年').trim();
            match digits.parse::<i32>() {
                Ok(y) if (1949..=9999).contains(&y) => Some(y),
                _ => {
                    found.push(
                        Diagnostic::new(
                            &d001::META,
                            format!("{}：年度报告文字材料的「年度报告」应是年份，写的是“{text}”，这份材料未读入", d001::META.title),
                        )
                        .at(Some(&at))
                        .field("年度报告")
                        .label("应是年份")
                        .help("写成 年度报告: 2026"),
                    );
                    None
                }
            }
        }
    };
    if street.is_none() && community.is_none() {
        found.push(
            Diagnostic::new(
                &d001::META,
                format!(
                    "{}：年度报告文字材料没有写是哪个单位的，这份材料未读入",
                    d001::META.title
                ),
            )
            .at(Some(&loc))
            .label("缺少街道、社区")
            .help("在前置信息中写 街道: 莲花街道，社区的再写 社区: 彩田社区（村写 村: 南岭村）"),
        );
    }
    let date = date.and_then(|(text, at)| match crate::values::parse_date(&text) {
        Ok(d) => Some(d),
        Err(e) => {
            found.push(
                Diagnostic::new(
                    &crate::rules::d003::META,
                    format!(
                        "{}：「成文日期」“{text}”不是日期，报告改用检查日",
                        crate::rules::d003::META.title
                    ),
                )
                .at(Some(&at))
                .field("成文日期")
                .label(format!("应为{}", e.expected))
                .help("写成 成文日期: 2027-01-10"),
            );
            None
        }
    });
    let Some(year) = year.filter(|_| street.is_some() || community.is_some()) else {
        return (None, found);
    };
    let (lead, sections) = split(body);
    (
        Some(Prose {
            path: path.to_string(),
            loc,
            year,
            street,
            community,
            date,
            copies,
            lead,
            sections,
        }),
        found,
    )
}

/// The body split at its level-2 headings; a level-1 heading (the file's own title) is dropped.
fn split(body: Vec<Block>) -> (Vec<Block>, Vec<Section>) {
    let mut lead = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    for block in body {
        match block {
            Block::Heading { level: 1, .. } => {}
            Block::Heading { level: 2, content } => {
                let title = crate::model::Inline::plain(&content).trim().to_string();
                sections.push(Section {
                    part: Part::of(&title),
                    title,
                    blocks: Vec::new(),
                });
            }
            other => match sections.last_mut() {
                Some(s) => s.blocks.push(other),
                None => lead.push(other),
            },
        }
    }
    (lead, sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_titles_name_their_parts() {
        assert_eq!(Part::of("一、主要做法"), Part::Practice);
        assert_eq!(Part::of("典型案例"), Part::Cases);
        assert_eq!(Part::of("存在的问题和不足"), Part::Problems);
        assert_eq!(Part::of("2027年工作计划"), Part::Plans);
        assert_eq!(Part::of("下一年度工作打算"), Part::Plans);
        assert_eq!(Part::of("工作成效"), Part::Effects);
        assert_eq!(Part::of("存在问题及整改措施"), Part::Problems);
        assert_eq!(Part::of("下一步措施"), Part::Plans);
        assert_eq!(Part::of("致谢"), Part::Other);
    }
}
