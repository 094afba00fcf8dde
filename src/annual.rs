//! The data of a unit's annual report (年度议事协商工作报告), built from its [`UnitFigures`]
//! and the prose the unit wrote ([`Prose`]): the title, the issuer and date, and the body as a
//! list of nodes (numbered sections, run-in paragraphs, tables, charts, the unit's Markdown)
//! that `templates/report.typ` places one by one. The wording is made here, from the figures;
//! record text goes in as strings and is printed as text.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use crate::documents::chinese_date;
use crate::figures::{CommunityRow, FrequencyCount, UnitFigures, percent, rows_total};
use crate::prose::{Part, Prose};
use crate::settings::Settings;

/// The file name (without extension) of a unit's report for a year.
pub fn file_stem(unit: &UnitFigures, year: i32) -> String {
    crate::write::safe_name(&format!("{}-{year}年度议事协商工作报告", unit.name))
}

/// What a report needs that the figures do not hold.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    pub year: i32,
    pub today: NaiveDate,
    /// Whether the year had not ended on the check date.
    pub running: bool,
    /// The name the unit issues documents under.
    pub issuer: String,
    /// Who else receives it (版记 抄送), when no prose says.
    pub copies: Option<String>,
    pub prose: Option<&'a Prose>,
    pub settings: &'a Settings,
}

impl Context<'_> {
    /// The required parts the prose lacks: all of them without prose.
    pub fn missing(&self) -> Vec<Part> {
        self.prose
            .map_or_else(|| Part::REQUIRED.to_vec(), Prose::missing)
    }

    /// A draft: some required part is not written yet.
    pub fn draft(&self) -> bool {
        !self.missing().is_empty()
    }
}

/// A body node: a numbered heading.
fn section(level: u8, title: &str) -> Json {
    json!({ "kind": "section", "level": level, "title": title })
}

/// A body node: "（一）标题。正文".
fn run_in(level: u8, title: &str, text: &str) -> Json {
    json!({ "kind": "run-in", "level": level, "title": title, "text": text })
}

fn text(t: &str) -> Json {
    json!({ "kind": "text", "text": t })
}

fn column(name: &str, numeric: bool) -> Json {
    json!({ "name": name, "numeric": numeric })
}

fn wide(name: &str) -> Json {
    json!({ "name": name, "numeric": false, "width": { "fr": 1 } })
}

/// A percentage as printed: 87.5%, or — when there is nothing to divide.
fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}

/// "居民议事会4场次、居民代表会议2场次" from names with counts.
fn listing(counts: &[(String, usize)], unit: &str) -> String {
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{k}{n}{unit}"))
        .collect::<Vec<_>>()
        .join("、")
}

/// The year as the text names it: 2026年, or 2026年（截至11月22日）.
fn the_year(cx: &Context) -> String {
    if cx.running {
        format!("{}年（截至{}）", cx.year, month_day(cx.today))
    } else {
        format!("{}年", cx.year)
    }
}

fn month_day(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}月{}日", d.month(), d.day())
}

/// A date of the year as the annex lists it: 3月5日, with the year when it is another.
fn short_date(iso: &str, year: i32) -> String {
    use chrono::Datelike;
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) if d.year() == year => month_day(d),
        Ok(d) => chinese_date(d),
        Err(_) => iso.to_string(),
    }
}

/// The data of the unit's report.
pub fn data(unit: &UnitFigures, cx: &Context) -> Json {
    // Where the title may break: within the unit's name as the segmenter cuts it, best after
    // the name and before the date it runs to; "2026年度议事协商工作报告" stays whole.
    let mut pieces = crate::compose::title::pieces(&unit.name);
    let mut piece = |text: String| {
        pieces.push(crate::compose::title::Piece { text, cost: 0 });
    };
    piece(format!("{}年度议事协商工作报告", cx.year));
    if cx.running {
        piece(format!("（截至{}）", chinese_date(cx.today)));
    }
    let title: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let mut body = vec![text(&opening(unit, cx))];
    if let Some(prose) = cx.prose
        && !prose.lead.is_empty()
    {
        body.push(json!({ "kind": "prose", "level": 0, "blocks": prose.lead }));
    }
    let mut sections: Vec<(String, Vec<Json>)> = Vec::new();
    sections.push(("基本情况".to_string(), basics(unit)));
    sections.push(("程序执行情况".to_string(), procedure(unit, cx)));
    if unit.community.is_none() {
        sections.push(("各社区（村）议事协商情况".to_string(), communities(unit)));
    }
    sections.push(("成果运用情况".to_string(), results(unit, cx)));
    sections.push((
        Part::Practice.zh().to_string(),
        written(cx, Part::Practice, 1),
    ));
    if let Some(s) = cx.prose.and_then(|p| p.section(Part::Effects)) {
        sections.push((s.title.clone(), prose_node(&s.blocks, 1)));
    }
    sections.push((Part::Cases.zh().to_string(), written(cx, Part::Cases, 1)));
    if let Some(prose) = cx.prose {
        for s in prose
            .sections
            .iter()
            .filter(|s| s.part == Part::Other && !s.blocks.is_empty())
        {
            sections.push((s.title.clone(), prose_node(&s.blocks, 1)));
        }
    }
    sections.push(("存在问题".to_string(), problems(unit, cx)));
    sections.push((Part::Plans.zh().to_string(), written(cx, Part::Plans, 1)));
    for (title, nodes) in sections {
        body.push(section(1, &title));
        body.extend(nodes);
    }

    let annexes = if unit.meeting_list.is_empty() {
        Vec::new()
    } else {
        vec![json!({
            "title": format!("{}\n{}年度协商会议一览表", unit.name, cx.year),
            "name": format!("{}{}年度协商会议一览表", unit.name, cx.year),
            "body": [meeting_list(unit, cx.year)],
        })]
    };
    let issued_on = cx.prose.and_then(|p| p.date).unwrap_or(cx.today);
    json!({
        "title_pieces": pieces,
        "title": title,
        "draft": cx.draft(),
        "unit": unit.name,
        "year": cx.year,
        "issuer": cx.issuer,
        "issued_on": chinese_date(issued_on),
        "copies": cx.prose.and_then(|p| p.copies.clone()).or_else(|| cx.copies.clone()),
        "body": body,
        "annexes": annexes,
    })
}

/// The opening paragraph: the year in one sentence.
fn opening(unit: &UnitFigures, cx: &Context) -> String {
    let m = &unit.meetings;
    let year = the_year(cx);
    if m.total == 0 {
        let whole = if unit.community.is_none() {
            let (n, ..) = rows_total(&unit.communities);
            if n > 0 {
                format!("，所辖社区（村）召开{n}场次")
            } else {
                String::new()
            }
        } else {
            String::new()
        };
        return format!(
            "{year}，{}本级没有议事协商会议记录（本批次台账和会议记录中没有会议日期在{}年的本级会议）{whole}。现将有关情况报告如下：",
            unit.name, cx.year
        );
    }
    let i = &unit.implementation;
    let mut s = format!(
        "{year}，{}共召开议事协商会议{}场次，参与{}人次，协商议题{}件，形成协商意见{}项",
        unit.name, m.total, unit.participants.person_times, unit.topics.total, i.adopted
    );
    if i.adopted > 0 {
        let _ = write!(s, "，已落实{}项，正在推进{}项", i.done, i.in_progress);
        if i.overdue > 0 {
            let _ = write!(s, "，逾期未落实{}项", i.overdue);
        }
        if i.unreported > 0 {
            let _ = write!(s, "，未填报落实情况{}项", i.unreported);
        }
    }
    s + "。现将有关情况报告如下："
}

/// 一、基本情况: meetings by form and by month, topics by category, participants and observers.
fn basics(unit: &UnitFigures) -> Vec<Json> {
    let m = &unit.meetings;
    let mut out = Vec::new();
    if unit.community.is_none() {
        let (n, ..) = rows_total(&unit.communities);
        let levels = listing(&m.by_level.0, "场次");
        out.push(run_in(
            2,
            "全街道概况",
            &format!(
                "全街道共召开议事协商会议{}场次{}。本报告第一、二、四部分为街道本级的情况，各社区（村）的情况见第三部分。",
                m.total + n,
                if levels.is_empty() {
                    String::new()
                } else {
                    format!("，其中{levels}")
                }
            ),
        ));
    }
    if m.total == 0 {
        out.push(run_in(
            2,
            "会议召开情况",
            &format!("{}本级本年度没有召开议事协商会议的记录。", unit.name),
        ));
        return out;
    }
    let forms = listing(&m.by_form.0, "场次");
    let unformed = m.total - m.by_form.0.iter().map(|(_, n)| n).sum::<usize>();
    out.push(run_in(
        2,
        "会议召开情况",
        &format!(
            "全年共召开议事协商会议{}场次{}{}。按协商形式统计见表，各月召开场次见图和表。",
            m.total,
            if forms.is_empty() {
                String::new()
            } else {
                format!("，其中{forms}")
            },
            if unformed > 0 {
                format!("，另有{unformed}场次未填写协商形式")
            } else {
                String::new()
            }
        ),
    ));
    let mut rows: Vec<Json> = m
        .by_form
        .0
        .iter()
        .map(|(k, n)| json!([k, n, pct(percent(*n as u64, m.total as u64))]))
        .collect();
    if unformed > 0 {
        rows.push(json!([
            "未填写",
            unformed,
            pct(percent(unformed as u64, m.total as u64))
        ]));
    }
    out.push(json!({
        "kind": "table", "title": "按协商形式统计的会议场次", "unit": "单位：场次",
        "columns": [wide("协商形式"), column("场次", true), column("占比", true)],
        "rows": rows,
        "total": ["合计", m.total, "100%"],
        "style": "three-line",
    }));
    let months: Vec<String> = (1..=12).map(|n| format!("{n}月")).collect();
    out.push(json!({
        "kind": "column-chart", "title": "各月召开会议场次",
        "labels": months, "values": m.by_month,
    }));
    let mut columns = vec![column("月份", false)];
    columns.extend(months.iter().map(|mo| column(mo, true)));
    columns.push(column("合计", true));
    let mut row = vec![json!("场次")];
    row.extend(m.by_month.iter().map(|n| json!(n)));
    row.push(json!(m.total));
    out.push(json!({
        "kind": "table", "title": "各月召开会议场次", "unit": "单位：场次",
        "columns": columns, "rows": [row], "total": null, "style": "grid", "size": 12,
    }));

    let t = &unit.topics;
    let categories = listing(&t.by_category.0, "件");
    out.push(run_in(
        2,
        "议题情况",
        &format!(
            "坚持一事一议，全年协商议题{}件{}{}。",
            t.total,
            if categories.is_empty() {
                String::new()
            } else {
                format!("，其中{categories}")
            },
            if t.uncategorised > 0 {
                format!("，另有{}件未填写议题类别", t.uncategorised)
            } else {
                String::new()
            }
        ),
    ));
    if !t.by_category.0.is_empty() {
        let mut rows: Vec<Json> = t.by_category.0.iter().map(|(k, n)| json!([k, n])).collect();
        if t.uncategorised > 0 {
            rows.push(json!(["未填写类别", t.uncategorised]));
        }
        out.push(json!({
            "kind": "table", "title": "按类别统计的协商议题", "unit": "单位：件",
            "columns": [wide("议题类别"), column("议题数", true)],
            "rows": rows, "total": ["合计", t.total], "style": "three-line",
        }));
    }

    let p = &unit.participants;
    let o = &unit.observers;
    let mut people = format!("全年参会{}人次", p.person_times);
    if p.meetings_counted < m.total {
        let _ = write!(
            people,
            "（{}场次填写了实到人数，另{}场次未填写）",
            p.meetings_counted,
            m.total - p.meetings_counted
        );
    }
    if p.meetings_with_committee > 0 {
        let _ = write!(
            people,
            "；在填写了两委成员人数的{}场次中，两委成员{}人次，非两委成员{}人次，占{}",
            p.meetings_with_committee,
            p.committee,
            p.non_committee,
            pct(p.non_committee_share)
        );
    }
    people += "。";
    if unit.community.is_some() {
        if o.openings > 0 {
            let _ = write!(
                people,
                "全年{}场次会议向社会公众开放预约旁听，提供旁听席位{}个，旁听{}人次。",
                o.openings, o.seats, o.observers
            );
        } else {
            people += "全年没有开放预约旁听的会议记录。";
        }
    }
    out.push(run_in(2, "参与情况", &people));
    out
}

/// 二、程序执行情况: the steps' compliance table and the frequencies.
fn procedure(unit: &UnitFigures, cx: &Context) -> Vec<Json> {
    let mut out = Vec::new();
    let profiles: Vec<&str> = cx.settings.profiles.iter().map(|p| p.zh()).collect();
    let applicable: usize = unit.steps.iter().map(|s| s.applicable).sum();
    let met: usize = unit.steps.iter().map(|s| s.met).sum();
    if unit.steps.is_empty() {
        out.push(run_in(
            2,
            "程序环节",
            &format!("对照{}，本年度没有可统计的程序环节。", profiles.join("、")),
        ));
    } else {
        out.push(run_in(
            2,
            "程序环节",
            &format!(
                "对照{}逐次检查会议程序，各环节适用{applicable}次，符合{met}次，程序合规率{}，分环节情况见表。",
                profiles.join("、"),
                pct(percent(met as u64, applicable as u64))
            ),
        ));
        let rows: Vec<Json> = unit
            .steps
            .iter()
            .map(|s| {
                json!([
                    s.step,
                    s.code,
                    s.applicable,
                    s.met,
                    pct(percent(s.met as u64, s.applicable as u64))
                ])
            })
            .collect();
        out.push(json!({
            "kind": "table", "title": "程序执行情况", "unit": "单位：次",
            "columns": [wide("程序环节"), column("规则", false), column("适用", true), column("符合", true), column("符合率", true)],
            "rows": rows,
            "total": ["合计", "", applicable, met, pct(percent(met as u64, applicable as u64))],
            "style": "three-line",
        }));
    }
    if unit.frequency.is_empty() {
        return out;
    }
    let short = unit
        .frequency
        .iter()
        .filter(|f| f.over && f.held < f.required as usize)
        .count();
    let open = unit.frequency.iter().filter(|f| !f.over).count();
    let ok = unit.frequency.len() - short - open;
    out.push(run_in(
        2,
        "会议频次",
        &format!(
            "按规定频次统计{}项，达到要求{ok}项，未达到{short}项{}。",
            unit.frequency.len(),
            if open > 0 {
                format!(
                    "，{open}项所在期间尚未结束（统计截至{}）",
                    chinese_date(cx.today)
                )
            } else {
                String::new()
            }
        ),
    ));
    let rows: Vec<Json> = unit.frequency.iter().map(frequency_row).collect();
    out.push(json!({
        "kind": "table", "title": "会议频次执行情况", "unit": "单位：次",
        "columns": [wide("期间和会议"), column("规则", false), column("要求", true), column("召开", true), column("结论", false)],
        "rows": rows, "total": null, "style": "three-line",
    }));
    out
}

fn frequency_row(f: &FrequencyCount) -> Json {
    let verdict = if f.held >= f.required as usize {
        "达到"
    } else if f.over {
        "未达到"
    } else {
        "本期未结束"
    };
    json!([
        format!("{}{}", f.period_zh, f.kind),
        f.code,
        f.required,
        f.held,
        verdict
    ])
}

/// 三、各社区（村）: a street's row per community, with a chart of compliance.
fn communities(unit: &UnitFigures) -> Vec<Json> {
    let rows = &unit.communities;
    if rows.is_empty() {
        return vec![text("本批次中没有该街道所辖社区（村）的会议记录。")];
    }
    let (meetings, applicable, met, findings, implementation) = rows_total(rows);
    let mut out = vec![run_in(
        2,
        "总体情况",
        &format!(
            "所辖{}个社区（村）共召开议事协商会议{meetings}场次，程序合规率{}，检查发现错误{}条、警告{}条；形成协商意见{}项，已落实{}项。各社区（村）情况见表和图。",
            rows.len(),
            pct(percent(met as u64, applicable as u64)),
            findings.errors,
            findings.warnings,
            implementation.adopted,
            implementation.done
        ),
    )];
    let table_rows: Vec<Json> = rows.iter().map(community_row).collect();
    out.push(json!({
        "kind": "table", "title": "各社区（村）议事协商情况", "unit": "单位：场次、条、项",
        "columns": [
            wide("社区（村）"), column("会议", true), column("合规率", true),
            column("错误", true), column("警告", true), column("已落实/意见", true)
        ],
        "rows": table_rows,
        "total": [
            "合计", meetings, pct(percent(met as u64, applicable as u64)),
            findings.errors, findings.warnings,
            format!("{}/{}", implementation.done, implementation.adopted)
        ],
        "style": "three-line",
    }));
    out.push(json!({
        "kind": "percent-chart", "title": "各社区（村）程序合规率",
        "labels": rows.iter().map(|r| r.community.clone()).collect::<Vec<_>>(),
        "values": rows.iter().map(|r| r.compliance).collect::<Vec<_>>(),
    }));
    out
}

fn community_row(r: &CommunityRow) -> Json {
    json!([
        r.community,
        r.meetings,
        pct(r.compliance),
        r.findings.errors,
        r.findings.warnings,
        format!("{}/{}", r.implementation.done, r.implementation.adopted)
    ])
}

/// 成果运用: outcomes, result forms and implementation.
fn results(unit: &UnitFigures, cx: &Context) -> Vec<Json> {
    let m = &unit.meetings;
    if m.total == 0 {
        return vec![text("本年度没有协商结果。")];
    }
    let outcomes = listing(&unit.outcomes.0, "件");
    let forms = listing(&unit.result_forms.0, "项");
    let mut out = vec![run_in(
        2,
        "协商结果",
        &format!(
            "协商议题{}件，{}{}{}。",
            m.total,
            if outcomes.is_empty() {
                "均未填写协商结果".to_string()
            } else {
                outcomes
            },
            if unit.outcome_missing > 0 && !unit.outcomes.0.is_empty() {
                format!("，{}件未填写协商结果", unit.outcome_missing)
            } else {
                String::new()
            },
            if forms.is_empty() {
                String::new()
            } else {
                format!("；形成{forms}")
            }
        ),
    )];
    let i = &unit.implementation;
    if i.adopted == 0 {
        out.push(run_in(2, "落实情况", "本年度没有形成需落实的协商意见。"));
        return out;
    }
    out.push(run_in(
        2,
        "落实情况",
        &format!(
            "通过或达成一致的协商意见{}项，截至{}：已落实{}项，推进中{}项，逾期未落实{}项，未填报落实情况{}项，落实率{}。",
            i.adopted,
            chinese_date(cx.today),
            i.done,
            i.in_progress,
            i.overdue,
            i.unreported,
            pct(percent(i.done as u64, i.adopted as u64))
        ),
    ));
    let share = |n: usize| pct(percent(n as u64, i.adopted as u64));
    out.push(json!({
        "kind": "table", "title": "协商意见落实情况", "unit": "单位：项",
        "columns": [wide("落实状态"), column("项数", true), column("占比", true)],
        "rows": [
            ["已落实", i.done, share(i.done)],
            ["推进中", i.in_progress, share(i.in_progress)],
            ["逾期未落实", i.overdue, share(i.overdue)],
            ["未填报", i.unreported, share(i.unreported)],
        ],
        "total": ["合计", i.adopted, "100%"],
        "style": "three-line",
    }));
    out
}

/// 存在问题: the findings by area, then the unit's analysis.
fn problems(unit: &UnitFigures, cx: &Context) -> Vec<Json> {
    let f = &unit.findings;
    let mut out = Vec::new();
    let total = f.errors + f.warnings + f.infos;
    if total == 0 {
        let clean = format!("对照指引检查，未发现问题。{}", cx.settings.in_force.prose());
        out.push(run_in(2, "检查发现的问题", &clean));
    } else {
        out.push(run_in(
            2,
            "检查发现的问题",
            &format!(
                "对照指引检查本年度的会议记录，发现错误{}条、警告{}条、提示{}条，按类别统计见表。{}",
                f.errors,
                f.warnings,
                f.infos,
                cx.settings.in_force.prose()
            ),
        ));
        let rows: Vec<Json> = f
            .by_area
            .iter()
            .map(|a| {
                json!([
                    a.area,
                    a.count.errors,
                    a.count.warnings,
                    a.count.infos,
                    a.count.total()
                ])
            })
            .collect();
        out.push(json!({
            "kind": "table", "title": "检查发现的问题", "unit": "单位：条",
            "columns": [wide("类别"), column("错误", true), column("警告", true), column("提示", true), column("合计", true)],
            "rows": rows,
            "total": ["合计", f.errors, f.warnings, f.infos, total],
            "style": "three-line",
        }));
    }
    out.push(section(2, Part::Problems.zh()));
    out.extend(written(cx, Part::Problems, 2));
    out
}

/// A part the unit writes: its Markdown, or a placeholder saying where to write it.
fn written(cx: &Context, part: Part, level: u8) -> Vec<Json> {
    match cx.prose.and_then(|p| p.section(part)) {
        Some(s) => prose_node(&s.blocks, level),
        None => vec![json!({
            "kind": "placeholder",
            "text": format!(
                "待补充：本部分由本单位撰写，写在年度报告文字材料的“## {}”一节中",
                part.zh()
            ),
        })],
    }
}

fn prose_node(blocks: &[crate::model::Block], level: u8) -> Vec<Json> {
    vec![json!({ "kind": "prose", "level": level, "blocks": blocks })]
}

/// The annex: the year's meetings.
fn meeting_list(unit: &UnitFigures, year: i32) -> Json {
    let rows: Vec<Json> = unit
        .meeting_list
        .iter()
        .map(|l| {
            json!([
                l.code,
                short_date(&l.date, year),
                l.form,
                l.topic,
                l.outcome,
                l.result_published_on
                    .as_deref()
                    .map(|d| short_date(d, year)),
            ])
        })
        .collect();
    json!({
        "kind": "table", "title": null, "unit": format!("共{}场次", rows.len()),
        "columns": [
            column("编号", false), column("日期", false), column("形式", false),
            wide("议题"), column("结果", false), column("结果公示", false)
        ],
        "rows": rows, "total": null, "style": "grid", "numbered": false, "size": 12,
    })
}

/// One report to print.
#[derive(Debug)]
pub struct Planned<'a> {
    pub unit: &'a UnitFigures,
    /// The file name without extension: `<单位>-2026年度议事协商工作报告`.
    pub stem: String,
    /// What its data is made from ([`Planned::data`]): made as each report is typeset rather than
    /// for every unit before the first, since each holds the unit's list of meetings.
    context: Context<'a>,
    /// The required parts the unit has not written: the report is a draft when there are any.
    pub missing: Vec<Part>,
    /// The prose used, if any.
    pub prose: Option<&'a Prose>,
    /// Where the unit's records are, to suggest where its prose file goes.
    pub folder: Option<String>,
    /// The report's date: the prose's 成文日期, else the check date.
    pub issued: NaiveDate,
}

/// The folder of each unit's first meeting's first record, by unit (street, community): where
/// its prose is looked for.
pub type Folders = std::collections::HashMap<(Option<String>, Option<String>), Option<String>>;

/// Each unit's [`Folders`] entry of `meetings`, adding to `folders` the units it does not have.
pub fn unit_folders(meetings: &[crate::model::Meeting], folders: &mut Folders) {
    for m in meetings {
        if let Some((key, _)) = crate::figures::unit_of(m) {
            folders.entry(key).or_insert_with(|| {
                m.records.first().and_then(|r| {
                    r.file
                        .path
                        .parent()
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                })
            });
        }
    }
}

/// The reports of a year's figures, with what the run should tell about the prose: files for
/// the same unit twice (the first is used), and files for the year naming no unit of the batch.
pub fn plan<'a>(
    figures: &'a crate::figures::Figures,
    checked: &'a crate::batch::Checked,
    settings: &'a Settings,
    issuers: &crate::documents::Issuers,
    units: &dyn Fn(&UnitFigures) -> bool,
) -> (Vec<Planned<'a>>, Vec<String>) {
    let mut folders = Folders::new();
    unit_folders(&checked.meetings, &mut folders);
    plan_with(
        figures,
        (&checked.prose, &folders),
        settings,
        issuers,
        units,
    )
}

/// [`plan`] of the batch's prose and its units' folders.
pub fn plan_with<'a>(
    figures: &'a crate::figures::Figures,
    (prose, folders): (&'a [Prose], &Folders),
    settings: &'a Settings,
    issuers: &crate::documents::Issuers,
    units: &dyn Fn(&UnitFigures) -> bool,
) -> (Vec<Planned<'a>>, Vec<String>) {
    let today = settings.today;
    let mut notes = Vec::new();
    let of_year: Vec<&Prose> = prose.iter().filter(|p| p.year == figures.year).collect();
    for p in &of_year {
        let known = figures
            .units
            .iter()
            .any(|u| p.names(u.street.as_deref(), u.community.as_deref()));
        if !known {
            let named = format!(
                "{}{}",
                p.street.as_deref().unwrap_or(""),
                p.community.as_deref().unwrap_or("")
            );
            let units: Vec<&str> = figures.units.iter().map(|u| u.name.as_str()).collect();
            let hint = crate::fields::closest(&named, units.iter().copied())
                .map_or_else(String::new, |n| format!("；是否想写「{n}」？"));
            notes.push(format!(
                "警告：年度报告文字材料 {} 写的单位「{named}」不是本批次的街道、社区或村，没有用上{hint}",
                p.path
            ));
        }
    }
    let mut planned = Vec::new();
    for unit in figures.units.iter().filter(|u| units(u)) {
        let mine: Vec<&Prose> = of_year
            .iter()
            .copied()
            .filter(|p| p.names(unit.street.as_deref(), unit.community.as_deref()))
            .collect();
        if mine.len() > 1 {
            let paths: Vec<&str> = mine.iter().map(|p| p.path.as_str()).collect();
            notes.push(format!(
                "警告：{} 的 {} 年度报告有 {} 份文字材料（{}），只用第一份",
                unit.name,
                figures.year,
                mine.len(),
                paths.join("、")
            ));
        }
        let prose = mine.first().copied();
        let level = match unit.level {
            "社区" => crate::model::Level::Community,
            "村" => crate::model::Level::Village,
            _ => crate::model::Level::Street,
        };
        let street = unit.street.as_deref();
        let cx = Context {
            year: figures.year,
            today,
            running: figures.running,
            issuer: issuers.of_unit(street, unit.community.as_deref(), level),
            copies: unit
                .community
                .as_ref()
                .map(|_| issuers.of_unit(street, None, crate::model::Level::Street)),
            prose,
            settings,
        };
        let folder = folders
            .get(&(unit.street.clone(), unit.community.clone()))
            .cloned()
            .flatten();
        planned.push(Planned {
            unit,
            stem: file_stem(unit, figures.year),
            missing: cx.missing(),
            issued: prose.and_then(|p| p.date).unwrap_or(today),
            prose,
            folder,
            context: cx,
        });
    }
    (planned, notes)
}

impl Planned<'_> {
    /// The report's data, as its template reads it.
    pub fn data(&self) -> Json {
        data(self.unit, &self.context)
    }

    /// What the run says about a draft: which unit lacks which parts, and where to write them.
    pub fn draft_note(&self, year: i32) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        let parts: Vec<&str> = self.missing.iter().map(|p| p.zh()).collect();
        let unit = self.unit;
        Some(if let Some(p) = self.prose {
            format!(
                "草稿：{} 的 {year} 年度报告文字材料 {} 缺少「{}」，报告已印为草稿\n  提示：在该文件中加上“## {}”一节",
                unit.name,
                p.path,
                parts.join("」「"),
                parts.join("”“## ")
            )
        } else {
            let place = self.folder.as_deref().map_or_else(
                || "批次文件夹中".to_string(),
                |f| format!("{f}/{year}年度报告.md"),
            );
            let unit_keys = match (&unit.street, &unit.community) {
                (Some(s), Some(c)) => format!("街道: {s}、社区: {c}"),
                (None, Some(c)) => format!("社区: {c}"),
                (Some(s), None) => format!("街道: {s}"),
                (None, None) => String::new(),
            };
            format!(
                "草稿：{} 没有 {year} 年度报告的文字材料（{}），报告已印为草稿\n  提示：写一个 Markdown 文件（如 {place}），前置信息写 年度报告: {year}、{unit_keys}，正文用“## 主要做法”等四节（见 README「年度报告的文字材料」）",
                unit.name,
                parts.join("、"),
            )
        })
    }
}
