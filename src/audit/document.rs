//! The data of a street's self-audit report (议事协商工作自查报告), an upward report in the house
//! style: the title, the body as numbered sections of run-in paragraphs and tables (the nodes
//! `templates/audit.typ` places with the layout pieces of `gongwen.typ`), the issuer and date,
//! and the rectification list as its annex. The wording is made here, from the audit; record
//! text goes in as strings and is printed as text.
//!
//! 一、自查工作情况: scope (units, meetings, files, period, check date) and method (the
//! guidelines, yishi's version and profiles, the rules applied), and, with last month's list,
//! the comparison with it. 二、自查评分: the scoring table. 三、存在问题: the findings by area,
//! with counts and the worst examples, each naming its unit, meeting or period and rule.
//! 四、整改措施: by area, each rule's advice. 附件: the list.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use super::{Item, State, StreetAudit};
use crate::diag::Severity;
use crate::documents::chinese_date;
use crate::figures::Area;
use crate::settings::Settings;

/// What the report says about the run beyond the street's audit.
pub struct Context<'a> {
    pub settings: &'a Settings,
    /// Whether the scoring table was set in `yishi.toml`.
    pub configured: bool,
}

fn section(level: u8, title: &str) -> Json {
    json!({ "kind": "section", "level": level, "title": title })
}

fn run_in(level: u8, title: &str, text: &str) -> Json {
    json!({ "kind": "run-in", "level": level, "title": title, "text": text })
}

fn text(t: &str) -> Json {
    json!({ "kind": "text", "text": t })
}

fn column(name: &str, numeric: bool) -> Json {
    json!({ "name": name, "numeric": numeric })
}

fn wide(name: &str, fr: u32) -> Json {
    json!({ "name": name, "numeric": false, "width": { "fr": fr } })
}

/// A column `em` characters wide (of the table's size), whatever its cells hold: a column sized
/// to its longest cell would take the width the problems and measures need.
fn fixed(name: &str, numeric: bool, em: f32) -> Json {
    json!({ "name": name, "numeric": numeric, "width": { "em": em } })
}

/// Ends a sentence with 。 unless it ends with its own stop.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['。', '！', '？', '；']) {
        s.to_string()
    } else {
        format!("{}。", s.trim_end_matches(['，', '；', '、']))
    }
}

/// 错误2项、警告1项, leaving out what is none.
fn counted(errors: usize, warnings: usize) -> String {
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!("错误{errors}项"));
    }
    if warnings > 0 {
        parts.push(format!("警告{warnings}项"));
    }
    parts.join("、")
}

/// The report's data.
pub fn data(a: &StreetAudit, cx: &Context) -> Json {
    let today = cx.settings.today;
    let mut body = vec![text(&opening(a, cx))];
    body.push(section(1, "自查工作情况"));
    body.extend(work(a, cx));
    body.push(section(1, "自查评分"));
    body.extend(scoring(a, cx));
    body.push(section(1, "存在问题"));
    body.extend(problems(a));
    if !a.hidden.is_empty() {
        body.push(section(1, "设置未报告的问题"));
        body.extend(hidden(a));
    }
    body.push(section(1, "整改措施"));
    body.extend(measures(a));
    let list_name = format!("{}议事协商工作整改清单", a.street);
    // The title breaks within the street's name only where the segmenter cuts it, best after it.
    let mut pieces = crate::compose::title::pieces(&a.street);
    pieces.push(crate::compose::title::Piece {
        text: "议事协商工作自查报告".to_string(),
        cost: 0,
    });
    let title: String = pieces.iter().map(|p| p.text.as_str()).collect();
    json!({
        "title_pieces": pieces,
        "title": title,
        "street": a.street,
        "issuer": a.issuer,
        "issued_on": chinese_date(today),
        "copies": null,
        "body": body,
        "annexes": [{
            "title": format!("{}\n议事协商工作整改清单", a.street),
            "name": list_name,
            "body": annex(a),
        }],
    })
}

fn guides(cx: &Context) -> String {
    cx.settings
        .profiles
        .iter()
        .map(|p| {
            let t = p.zh();
            if t.contains('《') {
                t.to_string()
            } else {
                format!("《{t}》")
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn opening(a: &StreetAudit, cx: &Context) -> String {
    let n = a.scope.communities.len();
    let under = if n > 0 {
        format!("及所辖{n}个社区（村）")
    } else {
        String::new()
    };
    format!(
        "按照议事协商工作的有关要求，{}对照{}，对本街道{under}的议事协商工作开展了自查。现将自查情况报告如下：",
        a.street,
        guides(cx)
    )
}

/// 一、自查工作情况.
fn work(a: &StreetAudit, cx: &Context) -> Vec<Json> {
    let s = &a.scope;
    let units = if s.communities.is_empty() {
        format!("{}本级", a.street)
    } else {
        let names: Vec<&str> = s.communities.iter().map(|(c, _)| c.as_str()).collect();
        format!("{}本级及所辖{}", a.street, names.join("、"))
    };
    let period = match (s.first, s.last) {
        (Some(f), Some(l)) if f == l => format!("（会议日期{}）", chinese_date(f)),
        (Some(f), Some(l)) => format!("（会议日期{}至{}）", chinese_date(f), chinese_date(l)),
        _ => String::new(),
    };
    let mut out = vec![run_in(
        2,
        "自查范围",
        &format!(
            "本次自查覆盖{units}，共{}场次议事协商会议{period}，查阅台账、参会人员名单和会议记录等文件{}份，检查日为{}。",
            s.meetings,
            s.files,
            chinese_date(cx.settings.today)
        ),
    )];
    let rules = crate::rules::RULES
        .iter()
        .filter(|r| cx.settings.runs(r.meta))
        .count();
    let keys: Vec<&str> = cx.settings.profiles.iter().map(|p| p.key()).collect();
    out.push(run_in(
        2,
        "自查方法",
        &(format!(
            "对照{}，使用议事协商记录检查工具 yishi {}（规则集：{}）逐次查阅台账和会议记录，检查信息公开、会议程序、成果公示与运用、制度执行（频次）、资料归档和数据完整性，共适用规则{rules}条。检查发现的错误和警告逐项列入整改清单（见附件），提示类事项不列入。",
            guides(cx),
            env!("CARGO_PKG_VERSION"),
            keys.join("、")
        ) + cx.settings.in_force.prose().as_str()),
    ));
    if let (Some(t), Some(file)) = (&a.totals, &a.baseline) {
        let mut s = format!(
            "与上月整改清单（{}）逐项比对：{}。",
            file_name(file),
            t.sentence()
        );
        let mut parts = Vec::new();
        if t.overdue > 0 {
            parts.push(format!("超过整改时限{}项", t.overdue));
        }
        if t.not_fixed > 0 {
            parts.push(format!("标为已整改但本月数据中仍存在{}项", t.not_fixed));
        }
        if t.unverified > 0 {
            parts.push(format!(
                "本月批次中没有相应记录、无法核实{}项",
                t.unverified
            ));
        }
        if !parts.is_empty() {
            let _ = write!(s, "正在整改的问题中，{}。", parts.join("，"));
        }
        out.push(run_in(2, "上月问题整改情况", &s));
        let flagged: Vec<&Item> = a
            .items
            .iter()
            .filter(|it| it.overdue || it.not_fixed)
            .collect();
        if !flagged.is_empty() {
            let rows: Vec<Json> = flagged
                .iter()
                .map(|it| {
                    json!([
                        it.unit,
                        it.subject,
                        it.code,
                        it.filled.deadline.text,
                        it.filled.status.zh(),
                        if it.not_fixed {
                            if it.overdue {
                                "标为已整改但仍存在，已逾期"
                            } else {
                                "标为已整改但仍存在"
                            }
                        } else {
                            "逾期未整改"
                        }
                    ])
                })
                .collect();
            out.push(json!({
                "kind": "table", "title": "逾期和未整改到位的问题", "unit": format!("共{}项", rows.len()),
                "columns": [
                    column("单位", false), column("会议或期间", false), column("规则", false),
                    column("整改时限", false), column("状态", false), wide("情况", 1)
                ],
                "rows": rows, "total": null, "style": "three-line", "size": 12,
            }));
        }
    }
    out
}

/// The findings yishi's defaults report and this workspace's settings removed or lowered.
fn hidden(a: &StreetAudit) -> Vec<Json> {
    let removed = a.hidden.iter().filter(|(_, h)| h.now.is_none()).count();
    let lead = format!(
        "按yishi的默认设置复查，本工作区的设置使{}项问题未报告、{}项问题降低了级别（见表），列在这里供核查：未报告的问题没有列入整改清单，降低级别的按降低后的级别处理。",
        removed,
        a.hidden.len() - removed
    );
    let rows: Vec<Json> = a
        .hidden
        .iter()
        .map(|(unit, h)| {
            let d = &h.finding;
            let subject = d
                .meeting
                .clone()
                .or_else(|| d.period.clone())
                .unwrap_or_default();
            json!([
                unit,
                subject,
                format!("{}{}", d.code, d.title),
                d.severity.zh(),
                h.now_zh(),
                h.why,
            ])
        })
        .collect();
    vec![
        text(&lead),
        json!({
            "kind": "table", "title": "设置未报告或降级的问题", "unit": format!("共{}项", rows.len()),
            "columns": [
                column("单位", false), column("会议或期间", false), wide("规则", 1),
                column("默认级别", false), column("本次", false), wide("原因", 1)
            ],
            "rows": rows, "total": null, "style": "three-line", "size": 12,
        }),
    ]
}

/// The file's own name, without its folders.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// 二、自查评分.
fn scoring(a: &StreetAudit, cx: &Context) -> Vec<Json> {
    let s = &a.scored;
    let whose = if cx.configured {
        "评分表的项目和评定标准、分值和扣分标准按本工作区 yishi.toml 的 [audit.scoring] 设置，未设置的为 yishi 的默认值（目前没有官方的议事协商评分标准）。"
    } else {
        "评分表的项目、分值和扣分标准为 yishi 的默认设置，不是官方标准（目前没有官方的议事协商评分标准），可在 yishi.toml 的 [audit.scoring] 中调整。"
    };
    let not_deducted: usize = s.items.iter().map(|i| i.not_deducted).sum();
    let mut lead = format!(
        "按自查评分表逐项评分，满分{}分，自评得分{}分。{whose}",
        s.full, s.total
    );
    if not_deducted > 0 {
        let _ = write!(
            lead,
            "按现行读法合规、仅提示记录风险的警告{not_deducted}项列入整改清单，不扣分。"
        );
    }
    let rows: Vec<Json> = s
        .items
        .iter()
        .map(|i| {
            json!([
                i.item.area.zh(),
                i.item.standard,
                i.item.points.to_string(),
                i.item.rule_lines(),
                i.deducted.min(i.item.points).to_string(),
                i.score.to_string(),
            ])
        })
        .collect();
    let deducted = super::scoring::Points(s.full.0 - s.total.0);
    vec![
        text(&lead),
        json!({
            "kind": "table", "title": "自查评分表", "unit": "单位：分",
            "columns": [
                column("项目", false), wide("评定标准", 1), column("分值", true),
                column("评分细则", false), column("扣分", true), column("自评得分", true)
            ],
            "rows": rows,
            "total": ["合计", "", s.full.to_string(), "", deducted.to_string(), s.total.to_string()],
            "style": "three-line", "size": 12,
        }),
    ]
}

/// The worst items of an area: errors before warnings, one a rule first, then the rest.
fn worst(items: &[&Item], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].severity, !items[i].deducts, i));
    let mut picked: Vec<usize> = Vec::new();
    for &i in &order {
        if picked.len() < n && !picked.iter().any(|&p| items[p].code == items[i].code) {
            picked.push(i);
        }
    }
    for &i in &order {
        if picked.len() < n && !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked
}

/// An item as an example names it: its unit, meeting or period (or file), what was found and
/// the rule.
fn example(it: &Item) -> String {
    let message = it.message.trim_end_matches('。');
    let at = if it.meeting.is_some() {
        format!("{}会议 {}：", it.unit, it.subject)
    } else if !it.subject.is_empty() && message.contains(&it.subject) {
        String::new()
    } else if !it.subject.is_empty() {
        format!("{}{}：", it.unit, it.subject)
    } else if it.place.is_empty() {
        format!("{}：", it.unit)
    } else {
        format!("{}（{}）：", it.unit, it.place)
    };
    format!("{at}{message}（{}）", it.code)
}

/// 三、存在问题.
fn problems(a: &StreetAudit) -> Vec<Json> {
    let errors = a.count(Severity::Error);
    let warnings = a.count(Severity::Warning);
    if a.items.is_empty() {
        return vec![text("自查未发现错误或警告。")];
    }
    let mut out = vec![text(&format!(
        "自查共发现问题{}项，其中错误{errors}项、警告{warnings}项，按类别统计见表。",
        a.items.len()
    ))];
    let by_area = grouped(a);
    let rows: Vec<Json> = by_area
        .iter()
        .map(|(area, items)| {
            let e = items
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            json!([area.zh(), e, items.len() - e, items.len()])
        })
        .collect();
    out.push(json!({
        "kind": "table", "title": "存在问题分类统计", "unit": "单位：项",
        "columns": [wide("类别", 1), column("错误", true), column("警告", true), column("合计", true)],
        "rows": rows,
        "total": ["合计", errors, warnings, a.items.len()],
        "style": "three-line",
    }));
    for (area, items) in &by_area {
        let e = items
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        let mut units: Vec<&str> = Vec::new();
        let mut rules: Vec<(&str, &str, usize)> = Vec::new();
        for it in items {
            if !units.contains(&it.unit.as_str()) {
                units.push(&it.unit);
            }
            match rules.iter_mut().find(|(c, _, _)| *c == it.code) {
                Some(r) => r.2 += 1,
                None => rules.push((it.code, it.title, 1)),
            }
        }
        rules.sort_by_key(|&(code, _, n)| (std::cmp::Reverse(n), code));
        let listed: Vec<String> = rules
            .iter()
            .map(|(code, title, n)| format!("{title}{n}项（{code}）"))
            .collect();
        let examples: Vec<String> = worst(items, 3)
            .into_iter()
            .map(|i| example(items[i]))
            .collect();
        let mut s = format!(
            "发现问题{}项（{}），涉及{}。主要是：{}。",
            items.len(),
            counted(e, items.len() - e),
            units.join("、"),
            listed.join("，")
        );
        let _ = write!(s, "例如：{}。", examples.join("；"));
        if items.len() > examples.len() {
            s += "其余见附件整改清单。";
        }
        out.push(run_in(2, &format!("{}方面", area.zh()), &s));
    }
    out
}

/// The items by area, in the areas' order.
fn grouped(a: &StreetAudit) -> Vec<(Area, Vec<&Item>)> {
    let mut by_area: BTreeMap<Area, Vec<&Item>> = BTreeMap::new();
    for it in &a.items {
        by_area.entry(it.area).or_default().push(it);
    }
    by_area.into_iter().collect()
}

/// 四、整改措施: each rule's advice, by area.
fn measures(a: &StreetAudit) -> Vec<Json> {
    if a.items.is_empty() {
        return vec![text(
            "本次自查未发现需要整改的问题。今后继续按月自查，发现问题及时整改。",
        )];
    }
    let mut out = vec![text(
        "针对以上问题，逐项明确整改措施、责任单位和整改时限，列入整改清单（见附件），实行清单式管理、逐项销号。具体措施如下：",
    )];
    for (area, items) in grouped(a) {
        let mut by_rule: Vec<(&str, &str, Vec<&Item>)> = Vec::new();
        for it in &items {
            match by_rule.iter_mut().find(|(c, _, _)| *c == it.code) {
                Some(r) => r.2.push(it),
                None => by_rule.push((it.code, it.title, vec![it])),
            }
        }
        let parts: Vec<String> = by_rule
            .iter()
            .map(|(code, title, its)| {
                let first = &its[0].measure;
                let advice = if its.iter().all(|i| &i.measure == first) {
                    sentence(first)
                } else {
                    format!(
                        "{}（各项的具体措施见整改清单）",
                        sentence(first).trim_end_matches('。')
                    ) + "。"
                };
                format!("针对{title}（{code}，{}项）：{advice}", its.len())
            })
            .collect();
        out.push(run_in(2, &format!("{}方面", area.zh()), &parts.join("")));
    }
    out.push(text(
        "每月对照整改清单复查一次：已整改的问题附佐证材料销号，逾期未整改的督促责任单位限期落实，新发现的问题及时列入清单。",
    ));
    out
}

/// A list row's status cell: 整改状态, then where it stands against last month.
fn status_cell(status: super::Status, state: Option<State>, overdue: bool) -> String {
    let mut out = status.zh().to_string();
    if let Some(state) = state {
        let _ = write!(out, "\n{}", state.zh());
        if overdue {
            out += "\n逾期";
        }
    }
    out
}

/// The unit, and the meeting or period under it.
fn unit_cell(unit: &str, subject: &str) -> String {
    if subject.is_empty() {
        unit.to_string()
    } else {
        format!("{unit}\n{subject}")
    }
}

/// The most rows the printed annex holds. A street with thousands of problems would otherwise get
/// a report of thousands of pages, which no one prints and which takes gigabytes to typeset (11 260
/// rows: 3 740 pages, 5.7 GiB); the workbook beside it always holds every row, numbered alike.
pub const ANNEX_ROWS: usize = 300;

/// The annex: the list as a table (the workbook has every column; the page the ones a reader
/// of the report needs).
fn annex(a: &StreetAudit) -> Vec<Json> {
    let mut rows: Vec<Json> = Vec::new();
    for it in &a.items {
        rows.push(json!([
            rows.len() + 1,
            unit_cell(&it.unit, &it.subject),
            format!("{}（{}）", it.message.trim_end_matches('。'), it.code),
            it.measure,
            it.filled.deadline.text,
            status_cell(it.filled.status, it.state, it.overdue),
        ]));
    }
    for c in a.closed.iter().filter(|c| c.state == State::Unverified) {
        let r = &c.row;
        rows.push(json!([
            rows.len() + 1,
            unit_cell(&r.unit, &r.subject),
            format!("{}（{}）", r.message.trim_end_matches('。'), r.code),
            r.measure,
            r.filled.deadline.text,
            status_cell(r.filled.status, Some(State::Unverified), false),
        ]));
    }
    if rows.is_empty() {
        return vec![text("本次自查没有需要整改的问题。")];
    }
    let all = rows.len();
    rows.truncate(ANNEX_ROWS);
    let unit = if all > rows.len() {
        format!("共{all}项，本表列前{}项", rows.len())
    } else {
        format!("共{all}项")
    };
    let mut out = vec![json!({
        "kind": "table", "title": null, "unit": unit,
        "columns": [
            fixed("序号", true, 2.5), fixed("单位和会议", false, 8.0),
            wide("问题（规则）", 1), wide("整改措施", 1), fixed("时限", false, 5.5),
            fixed("状态", false, 3.5)
        ],
        "rows": rows, "total": null, "style": "grid", "numbered": false, "size": 12,
    })];
    if all > ANNEX_ROWS {
        out.push(text(&format!(
            "整改清单共{all}项，以上列出第1至{ANNEX_ROWS}项；第{}至{all}项见同时生成的电子表格「{}.xlsx」，序号与本表一致。",
            ANNEX_ROWS + 1,
            a.list_stem()
        )));
    }
    out
}
