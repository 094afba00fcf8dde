//! Annual reports: the figures of the whole-year sample (`fixtures/year/`: 香蜜湖街道 and its
//! 东海、竹林、香梅 communities in 2025) counted by hand from the ledgers, the frequencies
//! counted as the frequency rules count them, the reports' printed text (headings, a table row,
//! the draft mark where the prose is missing), a unit without a meeting in the year, and the
//! same bytes across runs and thread counts.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use yishi::annual;
use yishi::batch::{self, Checked};
use yishi::diag::Severity;
use yishi::documents::Issuers;
use yishi::figures::{self, Figures, Implementation, UnitFigures};
use yishi::printing::Outcome;
use yishi::printing::reports;
use yishi::render::{DocMeta, RenderOptions, Typesetter};
use yishi::settings::Settings;

const YEAR_BATCH: &str = "fixtures/year";

fn settings(today: &str, year: i32) -> Settings {
    let mut s = Settings::new(NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap());
    s.year = Some(year);
    s
}

fn typesetter() -> Typesetter {
    Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    })
}

/// The 2025 figures of `fixtures/year`, checked on 2026-01-20 (after the year).
fn year_2025() -> (Checked, Settings, Figures) {
    let settings = settings("2026-01-20", 2025);
    let checked = batch::run(&[PathBuf::from(YEAR_BATCH)], &settings);
    let (figures, left_out) = figures::compute(&checked, &settings, 2025);
    assert_eq!(left_out, figures::LeftOut::default());
    (checked, settings, figures)
}

fn unit<'a>(figures: &'a Figures, name: &str) -> &'a UnitFigures {
    figures
        .units
        .iter()
        .find(|u| u.name == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
}

fn counts(c: &figures::Counts) -> Vec<(&str, usize)> {
    c.0.iter().map(|(k, n)| (k.as_str(), *n)).collect()
}

fn steps(u: &UnitFigures) -> Vec<(&str, usize, usize)> {
    u.steps
        .iter()
        .map(|s| (s.code, s.applicable, s.met))
        .collect()
}

fn frequency(u: &UnitFigures) -> Vec<(String, &str, usize, u32)> {
    u.frequency
        .iter()
        .map(|f| {
            (
                format!("{} {}", f.code, f.period),
                f.kind,
                f.held,
                f.required,
            )
        })
        .collect()
}

#[test]
fn units_are_the_street_then_its_communities() {
    let (_, _, figures) = year_2025();
    let names: Vec<&str> = figures.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "香蜜湖街道",
            "香蜜湖街道东海社区",
            "香蜜湖街道竹林社区",
            "香蜜湖街道香梅社区"
        ]
    );
    assert_eq!(figures.year, 2025);
    assert_eq!(figures.today, "2026-01-20");
    assert!(!figures.running);
}

/// 街道协商台账.csv: three street meetings.
/// - 001 民主协商会 04-16: notice 8 days, invitations 9 days before; 26 of 30 present (8 of the
///   committees); 22 for of 26; 通过, signed; published 04-18; 完成时限 2025-09-30, 已完成.
/// - 002 专题议事会 07-10: notice 07-07, only 3 days before (SZ002); 15 of 20 (5); 达成一致,
///   signed; published 07-11; due 2026-03-31, 正在推进.
/// - 003 座谈会 11-20: 11 of 18 present, below two thirds (SZ201); 9 for of 11; 通过, signed;
///   published 11-24, the 3-day deadline (Sunday 11-23) rolled to Monday (a warning naming
///   the reading, which it passes); due 2025-12-31, nothing reported: overdue on 2026-01-20, and
///   its feedback deadline 2026-01-10 passed without feedback (SZ008).
#[test]
fn street_figures_counted_by_hand() {
    let (_, _, figures) = year_2025();
    let s = unit(&figures, "香蜜湖街道");
    assert_eq!(
        (s.street.as_deref(), s.community.as_deref(), s.level),
        (Some("香蜜湖街道"), None, "街道")
    );
    assert_eq!(s.meetings.total, 3);
    assert_eq!(
        counts(&s.meetings.by_form),
        [("民主协商会", 1), ("座谈会", 1), ("专题议事会", 1)]
    );
    assert_eq!(s.meetings.by_month, [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0]);
    // Its own 3, and its communities' 3 + 5 + 7.
    assert_eq!(counts(&s.meetings.by_level), [("街道", 3), ("社区", 15)]);
    assert_eq!(s.topics.total, 3);
    assert_eq!(
        counts(&s.topics.by_category),
        [("公共事务", 1), ("公共安全", 1), ("民生微实事", 1)]
    );
    // 26 + 15 + 11 present, 8 + 5 + 4 of the committees: 35 of 52 others = 67.3 %.
    assert_eq!(s.participants.person_times, 52);
    assert_eq!(s.participants.committee, 17);
    assert_eq!(s.participants.non_committee, 35);
    assert_eq!(s.participants.non_committee_share, Some(67.3));
    assert_eq!(s.observers.openings, 0);
    assert_eq!(counts(&s.outcomes), [("通过", 2), ("达成一致", 1)]);
    assert_eq!(counts(&s.result_forms), [("会议决议", 2), ("协商意见", 1)]);
    assert_eq!(
        s.implementation,
        Implementation {
            adopted: 3,
            done: 1,
            in_progress: 1,
            overdue: 1,
            unreported: 0
        }
    );
    assert_eq!(
        steps(s),
        [
            ("SZ002", 3, 2),
            ("SZ003", 3, 3),
            ("SZ201", 3, 2),
            ("SZ202", 2, 2),
            ("SZ204", 1, 1),
            ("SZ004", 3, 3),
        ]
    );
    assert_eq!(
        frequency(s),
        [("SZ006 2025".to_string(), "民主协商会", 1, 1)]
    );
    assert_eq!(
        (s.findings.errors, s.findings.warnings, s.findings.infos),
        (2, 2, 0)
    );
    // One row per community: meetings, steps met of applicable (summed from the community's own
    // counts below), compliance, errors and warnings, items done of adopted.
    let rows: Vec<String> = s
        .communities
        .iter()
        .map(|r| {
            format!(
                "{} {} {}/{} {:?} {}/{} {}/{}",
                r.community,
                r.meetings,
                r.steps_met,
                r.steps_applicable,
                r.compliance,
                r.findings.errors,
                r.findings.warnings,
                r.implementation.done,
                r.implementation.adopted,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "东海社区 3 14/14 Some(100.0) 5/2 1/2",
            "竹林社区 5 22/27 Some(81.5) 7/2 2/4",
            "香梅社区 7 39/39 Some(100.0) 0/0 4/7",
        ]
    );
}

/// 香梅社区/台账.csv: seven meetings, every requirement met.
/// 001 居民议事会 02-20, 002 居民代表会议 03-15, 003 居民议事会 05-22, 004 居民会议 06-28,
/// 005 居民议事会 08-21, 006 居民代表会议 09-18, 007 居民议事会 11-13; 001, 003, 005 and 006
/// opened observer booking (2, 2, 3 and 2 seats); 参会人员.csv lists two observers at 001.
#[test]
fn compliant_community_counted_by_hand() {
    let (_, _, figures) = year_2025();
    let c = unit(&figures, "香蜜湖街道香梅社区");
    assert_eq!(c.meetings.total, 7);
    assert_eq!(
        counts(&c.meetings.by_form),
        [("居民会议", 1), ("居民代表会议", 2), ("居民议事会", 4)]
    );
    assert_eq!(c.meetings.by_month, [0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
    assert_eq!(counts(&c.meetings.by_level), [("社区", 7)]);
    assert_eq!(
        counts(&c.topics.by_category),
        [
            ("公共事务", 3),
            ("公共服务", 2),
            ("公益事业", 1),
            ("民生微实事", 1)
        ]
    );
    // Present 11 + 33 + 10 + 86 + 12 + 31 + 12 = 195; committees 4 + 7 + 3 + 9 + 4 + 6 + 4 = 37;
    // others 158 of 195 = 81.0 %.
    assert_eq!(c.participants.person_times, 195);
    assert_eq!(c.participants.committee, 37);
    assert_eq!(c.participants.non_committee_share, Some(81.0));
    assert_eq!(
        (
            c.observers.openings,
            c.observers.seats,
            c.observers.observers
        ),
        (4, 9, 2)
    );
    assert_eq!(counts(&c.outcomes), [("通过", 5), ("达成一致", 2)]);
    assert_eq!(
        counts(&c.result_forms),
        [("会议决议", 4), ("协商意见", 2), ("居民公约", 1)]
    );
    // 已落实 / 已完成 / 已落实，居民满意 / 居民公约已实施: done; 正在施工, 待区住建局批复: in
    // progress; 006 nothing reported, due 2026-06-30: unreported.
    assert_eq!(
        c.implementation,
        Implementation {
            adopted: 7,
            done: 4,
            in_progress: 2,
            overdue: 0,
            unreported: 1
        }
    );
    assert_eq!(
        steps(c),
        [
            ("SZ101", 7, 7),
            ("SZ104", 7, 7),
            ("SZ102", 4, 4),
            ("SZ201", 7, 7),
            ("SZ202", 5, 5),
            ("SZ105", 2, 2),
            ("SZ106", 7, 7),
        ]
    );
    assert_eq!(
        frequency(c),
        [
            ("SZ103 2025".to_string(), "开放旁听的会议", 4, 4),
            ("SZ108 2025".to_string(), "居民会议", 1, 1),
            ("SZ108 2025-H1".to_string(), "居民代表会议", 1, 1),
            ("SZ108 2025-H2".to_string(), "居民代表会议", 1, 1),
            ("SZ110 2025-Q1".to_string(), "居民议事会", 1, 1),
            ("SZ110 2025-Q2".to_string(), "居民议事会", 1, 1),
            ("SZ110 2025-Q3".to_string(), "居民议事会", 1, 1),
            ("SZ110 2025-Q4".to_string(), "居民议事会", 1, 1),
        ]
    );
    assert_eq!(c.findings.severities().total(), 0);
    let list: Vec<&str> = c.meeting_list.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(
        list,
        [
            "XM-XM-2025-001",
            "XM-XM-2025-002",
            "XM-XM-2025-003",
            "XM-XM-2025-004",
            "XM-XM-2025-005",
            "XM-XM-2025-006",
            "XM-XM-2025-007"
        ]
    );
    let first = &c.meeting_list[0];
    assert_eq!(
        (
            first.date.as_str(),
            first.form.as_deref(),
            first.outcome.as_deref(),
            first.result_published_on.as_deref()
        ),
        (
            "2025-02-20",
            Some("居民议事会"),
            Some("通过"),
            Some("2025-02-21")
        )
    );
}

/// 竹林社区/台账.csv: five meetings with the problems a clerk would meet.
/// 002 居民代表会议: 24 of 40 present (SZ201), 未通过. 003 居民议事会 06-12: notice and observer
/// booking 06-09, 3 days before (SZ101, SZ102); 7 of its 12 seats the committees' (两委成员席位, SZ111); 未完成 past
/// its 09-30 deadline. 004 居民会议: 达成一致 without signatures (SZ105). 002's 结果形式 is blank
/// (D002: SZ106 needs it). No 议事会 in Q3 (SZ110),
/// no 居民代表会议 in H2 (SZ108), 3 meetings open to observers (SZ103).
#[test]
fn community_with_problems_counted_by_hand() {
    let (_, _, figures) = year_2025();
    let c = unit(&figures, "香蜜湖街道竹林社区");
    assert_eq!(c.meetings.total, 5);
    assert_eq!(c.meetings.by_month, [1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1]);
    assert_eq!(
        counts(&c.outcomes),
        [("通过", 3), ("未通过", 1), ("达成一致", 1)]
    );
    // 10 + 24 + 10 + 104 + 11 = 159; committees 4 + 6 + 6 + 9 + 4 = 29; others 130 = 81.8 %.
    assert_eq!(c.participants.person_times, 159);
    assert_eq!(c.participants.non_committee_share, Some(81.8));
    assert_eq!((c.observers.openings, c.observers.seats), (3, 6));
    assert_eq!(
        c.implementation,
        Implementation {
            adopted: 4,
            done: 2,
            in_progress: 0,
            overdue: 1,
            unreported: 1
        }
    );
    assert_eq!(
        steps(c),
        [
            ("SZ101", 5, 4),
            ("SZ104", 5, 5),
            ("SZ102", 3, 2),
            ("SZ201", 5, 4),
            ("SZ202", 3, 3),
            ("SZ105", 1, 0),
            // 002 (未通过) lacks its 结果形式, which SZ106 needs: a D002, and the step unmet.
            ("SZ106", 5, 4),
        ]
    );
    let short: Vec<String> = c
        .frequency
        .iter()
        .filter(|f| f.held < f.required as usize)
        .map(|f| format!("{} {}", f.code, f.period))
        .collect();
    assert_eq!(short, ["SZ103 2025", "SZ108 2025-H2", "SZ110 2025-Q3"]);
    let by_rule: Vec<(&str, usize)> = c
        .findings
        .by_rule
        .iter()
        .map(|r| (r.code, r.count.total()))
        .collect();
    assert_eq!(
        by_rule,
        [
            ("D002", 1),
            ("SZ101", 1),
            ("SZ102", 1),
            ("SZ103", 1),
            ("SZ105", 1),
            ("SZ108", 1),
            ("SZ110", 1),
            ("SZ111", 1),
            ("SZ201", 1)
        ]
    );
    let by_area: Vec<(&str, usize)> = c
        .findings
        .by_area
        .iter()
        .map(|a| (a.area, a.count.errors))
        .collect();
    assert_eq!(
        by_area,
        [
            ("信息公开", 2),
            ("会议程序", 2),
            ("制度执行（频次）", 3),
            ("数据完整性", 0)
        ]
    );
}

/// Every shortfall the figures show in a period that has ended is a finding of the same rule
/// for the same unit and period, and every frequency finding is a shortfall in the figures: the
/// two are counted by one function.
#[test]
fn frequency_figures_and_findings_agree() {
    let (checked, _, figures) = year_2025();
    let mut from_figures: Vec<(String, String, String)> = Vec::new();
    for u in &figures.units {
        for f in &u.frequency {
            if f.held < f.required as usize {
                from_figures.push((u.name.clone(), f.code.to_string(), f.period.clone()));
            }
        }
    }
    let mut from_findings: Vec<(String, String, String)> = checked
        .diagnostics
        .iter()
        .filter(|d| ["SZ006", "SZ103", "SZ108", "SZ109", "SZ110"].contains(&d.code))
        .map(|d| {
            // An error, or a warning where the clause says 原则上 (SZ108's, SZ109's assemblies).
            assert!(
                matches!(d.severity, Severity::Error | Severity::Warning),
                "{}",
                d.message
            );
            (
                format!(
                    "{}{}",
                    d.street.as_deref().unwrap_or(""),
                    d.community.as_deref().unwrap_or("")
                ),
                d.code.to_string(),
                d.period.clone().unwrap(),
            )
        })
        .collect();
    from_figures.sort();
    from_findings.sort();
    assert_eq!(from_figures.len(), 9, "{from_figures:?}");
    assert_eq!(from_figures, from_findings);
}

/// The year still running (the sample on 2026-11-22): periods not over are counted "so far",
/// the title says 截至, and a unit with no meeting in a year still gets its report.
#[test]
fn a_running_year_and_a_unit_without_meetings() {
    let settings = settings("2026-11-22", 2026);
    let checked = batch::run(&[PathBuf::from("fixtures/sample")], &settings);
    let (figures, _) = figures::compute(&checked, &settings, 2026);
    assert!(figures.running);
    let ml = unit(&figures, "莲花街道梅岭社区");
    let q4 = ml
        .frequency
        .iter()
        .find(|f| f.period == "2026-Q4" && f.code == "SZ110")
        .unwrap();
    assert!(!q4.over);

    // 2025: the sample's communities held nothing; their figures are zeros, not missing.
    let settings = settings_2025_for_sample();
    let checked = batch::run(&[PathBuf::from("fixtures/sample")], &settings);
    let (figures, _) = figures::compute(&checked, &settings, 2025);
    let ct = unit(&figures, "莲花街道彩田社区");
    assert_eq!(ct.meetings.total, 0);
    assert!(ct.meeting_list.is_empty());
    assert_eq!(ct.implementation, Implementation::default());
    let (planned, _) = annual::plan(&figures, &checked, &settings, &Issuers::default(), &|_| {
        true
    });
    let p = planned
        .iter()
        .find(|p| p.unit.name == "莲花街道彩田社区")
        .unwrap();
    let out = typeset(p, &figures);
    let text = squeeze(&out.text);
    assert!(
        text.contains("莲花街道彩田社区2025年度议事协商工作报告"),
        "{text}"
    );
    assert!(
        text.contains("莲花街道彩田社区本级没有议事协商会议记录"),
        "{text}"
    );
    assert!(text.contains("本年度没有协商结果"), "{text}");
    // No annex without meetings.
    assert!(!text.contains("附件："), "{text}");
    // Record text with Typst's syntax prints as it is written: 梅岭社区's 2026 topic is
    // "社区食堂#1号窗口[试点]运营方案：$5元*餐补".
    let settings26 = settings_at("2026-11-22", 2026);
    let checked = batch::run(&[PathBuf::from("fixtures/sample")], &settings26);
    let (figures26, _) = figures::compute(&checked, &settings26, 2026);
    let (planned26, _) = annual::plan(
        &figures26,
        &checked,
        &settings26,
        &Issuers::default(),
        &|_| true,
    );
    let ml = planned26
        .iter()
        .find(|p| p.unit.name == "莲花街道梅岭社区")
        .unwrap();
    let text = typeset(ml, &figures26).text;
    for c in ['#', '[', ']', '$', '*'] {
        assert!(text.contains(c), "{c}: {text}");
    }
    assert!(squeeze(&text).contains("（截至2026年11月22日）"), "{text}");
}

fn settings_2025_for_sample() -> Settings {
    settings_at("2026-11-22", 2025)
}

/// [`settings`], for tests that name their own settings `settings`.
fn settings_at(today: &str, year: i32) -> Settings {
    settings(today, year)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn typeset(p: &annual::Planned, figures: &Figures) -> yishi::render::Typeset {
    let meta = DocMeta {
        ident: format!("yishi/report/{}/{}", p.unit.name, figures.year),
        title: p.data()["title"].as_str().unwrap().to_string(),
        date: Some(p.issued),
    };
    let out = typesetter()
        .typeset(reports::TEMPLATE, &p.data(), &meta)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    out
}

/// Prints the 2025 reports of `fixtures/year` with `jobs` threads into `out`.
fn print_year(out: &Path, jobs: usize) -> Vec<reports::PrintedReport> {
    let (checked, settings, figures) = year_2025();
    let (planned, notes) =
        annual::plan(&figures, &checked, &settings, &Issuers::default(), &|_| {
            true
        });
    assert!(notes.is_empty(), "{notes:?}");
    reports::print(
        &figures,
        &planned,
        &typesetter(),
        out,
        &reports::ReportOptions {
            jobs,
            ..Default::default()
        },
    )
}

#[test]
fn reports_print_sections_tables_and_the_draft_mark() {
    let (checked, settings, figures) = year_2025();
    let (planned, _) = annual::plan(&figures, &checked, &settings, &Issuers::default(), &|_| {
        true
    });
    let names: Vec<(&str, bool)> = planned
        .iter()
        .map(|p| (p.stem.as_str(), p.missing.is_empty()))
        .collect();
    assert_eq!(
        names,
        [
            ("香蜜湖街道-2025年度议事协商工作报告", false),
            ("香蜜湖街道东海社区-2025年度议事协商工作报告", false),
            ("香蜜湖街道竹林社区-2025年度议事协商工作报告", false),
            ("香蜜湖街道香梅社区-2025年度议事协商工作报告", true),
        ]
    );

    // 香梅社区 wrote its prose: no draft mark, its sections in their places.
    let xm = typeset(&planned[3], &figures);
    let lines: Vec<String> = xm.text.split(['\n', '\u{c}']).map(squeeze).collect();
    let text = squeeze(&xm.text);
    assert!(!lines.iter().any(|l| l == "草稿"), "{text}");
    for heading in [
        "一、基本情况",
        "二、程序执行情况",
        "三、成果运用情况",
        "四、主要做法",
        "（一）议题从居民中来",
        "五、典型案例",
        "六、存在问题",
        "（二）存在问题的分析",
        "七、下一年度工作打算",
    ] {
        assert!(lines.iter().any(|l| l == heading), "{heading}: {lines:#?}");
    }
    assert!(
        text.contains("（一）会议召开情况。全年共召开议事协商会议7场次，其中居民会议1场次、居民代表会议2场次、居民议事会4场次"),
        "{text}"
    );
    assert!(text.contains("表1按协商形式统计的会议场次"), "{text}");
    // A row of the form table: name, count, share; and its 合计 row.
    assert!(text.contains("居民议事会457.1%"), "{text}");
    assert!(text.contains("合计7100%"), "{text}");
    assert!(text.contains("图1各月召开会议场次"), "{text}");
    assert!(text.contains("社区通过网格员走访"), "{text}");
    assert!(
        text.contains("附件：香蜜湖街道香梅社区2025年度协商会议一览表"),
        "{text}"
    );
    assert!(text.contains("XM-XM-2025-0012月20日居民议事会"), "{text}");
    // A table that runs onto the next page repeats its header and unit line, marked 续表.
    assert!(
        text.contains("—2—续表3单位：件议题类别议题数合计7"),
        "{text}"
    );
    // The annex's list of seven meetings fits on its page: one header, every meeting.
    assert_eq!(
        text.matches("编号日期形式议题结果结果公示").count(),
        1,
        "{text}"
    );
    for n in 1..=7 {
        assert!(text.contains(&format!("XM-XM-2025-00{n}")), "{n}: {text}");
    }
    assert!(text.contains("香梅社区居民委员会2026年1月18日"), "{text}");
    assert!(text.contains("抄送：香蜜湖街道办事处。"), "{text}");

    // 竹林社区 wrote nothing: a draft, said at the top and where each part belongs.
    let zl = typeset(&planned[2], &figures);
    let first: Vec<String> = zl.text.lines().take(3).map(squeeze).collect();
    assert_eq!(first[0], "草稿", "{first:?}");
    let text = squeeze(&zl.text);
    assert!(
        text.contains("（待补充：本部分由本单位撰写，写在年度报告文字材料的“##主要做法”一节中）"),
        "{text}"
    );
    assert!(text.contains("SZ201"), "{text}");
    assert!(planned[2].draft_note(2025).unwrap().contains(
        "草稿：香蜜湖街道竹林社区 没有 2025 年度报告的文字材料（主要做法、典型案例、存在问题的分析、下一年度工作打算）"
    ));

    // The street: a row per community, and the compliance chart.
    let jd = typeset(&planned[0], &figures);
    let text = squeeze(&jd.text);
    assert!(text.contains("三、各社区（村）议事协商情况"), "{text}");
    // 竹林社区: 5 meetings, 81.5 %, 7 errors, 2 warnings, 2 of 4 done.
    assert!(text.contains("竹林社区581.5%722/4"), "{text}");
    assert!(text.contains("各社区（村）程序合规率"), "{text}");
    assert!(
        text.contains("全街道共召开议事协商会议18场次，其中街道3场次、社区15场次"),
        "{text}"
    );
}

#[test]
fn same_bytes_across_runs_and_thread_counts() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = print_year(a.path(), 1);
    let second = print_year(b.path(), 2);
    assert_eq!(first.len(), 4);
    for (x, y) in first.iter().zip(&second) {
        let (Outcome::Written { path: px, .. }, Outcome::Written { path: py, .. }) =
            (&x.outcome, &y.outcome)
        else {
            panic!("{:?} / {:?}", x.outcome, y.outcome)
        };
        assert_eq!(
            std::fs::read(px).unwrap(),
            std::fs::read(py).unwrap(),
            "{}",
            px.display()
        );
        let (jx, jy) = (x.json.as_ref().unwrap(), y.json.as_ref().unwrap());
        assert_eq!(std::fs::read(jx).unwrap(), std::fs::read(jy).unwrap());
    }
    // The JSON beside a report keeps the contract's top level with the one unit.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(first[3].json.as_ref().unwrap()).unwrap()).unwrap();
    assert_eq!(json["tool"], "yishi");
    assert_eq!(json["year"], 2025);
    assert_eq!(json["units"][0]["name"], "香蜜湖街道香梅社区");
    assert_eq!(json["units"][0]["meetings"]["total"], 7);
    assert_eq!(json["units"][0]["community"], "香梅社区");
}

fn report_cli(args: &[&str], out: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yishi"))
        .arg("report")
        .args(args)
        .args(["--no-system-fonts", "-o"])
        .arg(out)
        .output()
        .unwrap()
}

/// The contract of REPORTS.md: these fields, with these shapes, in every unit.
fn assert_contract(unit: &serde_json::Value) {
    for key in [
        "street",
        "community",
        "level",
        "meetings",
        "outcomes",
        "implementation",
        "steps",
        "frequency",
        "findings",
    ] {
        assert!(unit.get(key).is_some(), "{key} missing: {unit}");
    }
    assert!(unit["meetings"]["total"].is_u64());
    assert!(unit["meetings"]["by_form"].is_object());
    assert_eq!(unit["meetings"]["by_month"].as_array().unwrap().len(), 12);
    assert!(unit["outcomes"].is_object());
    for key in ["adopted", "done", "in_progress", "overdue", "unreported"] {
        assert!(unit["implementation"][key].is_u64(), "{key}: {unit}");
    }
    for step in unit["steps"].as_array().unwrap() {
        for key in ["code", "title", "applicable", "met"] {
            assert!(step.get(key).is_some(), "{key}: {step}");
        }
    }
    for f in unit["frequency"].as_array().unwrap() {
        for key in ["code", "period", "kind", "held", "required"] {
            assert!(f.get(key).is_some(), "{key}: {f}");
        }
    }
    for key in ["errors", "warnings", "infos"] {
        assert!(unit["findings"][key].is_u64(), "{key}: {unit}");
    }
}

#[test]
fn command_line_prints_the_figures_and_names_the_missing_prose() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = report_cli(
        &[
            YEAR_BATCH,
            "--year",
            "2025",
            "--today",
            "2026-01-20",
            "--format",
            "json",
        ],
        &out,
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        (
            &json["tool"],
            &json["year"],
            &json["today"],
            &json["running"]
        ),
        (
            &serde_json::json!("yishi"),
            &serde_json::json!(2025),
            &serde_json::json!("2026-01-20"),
            &serde_json::json!(false)
        )
    );
    let units = json["units"].as_array().unwrap();
    assert_eq!(units.len(), 4);
    for unit in units {
        assert_contract(unit);
    }
    assert!(units[0]["community"].is_null());
    assert_eq!(units[0]["communities"].as_array().unwrap().len(), 3);

    // The units without prose are named, with where to write it.
    assert!(
        stderr.contains("草稿：香蜜湖街道竹林社区 没有 2025 年度报告的文字材料（主要做法、典型案例、存在问题的分析、下一年度工作打算），报告已印为草稿"),
        "{stderr}"
    );
    assert!(
        stderr.contains("如 fixtures/year/香蜜湖街道/竹林社区/2025年度报告.md"),
        "{stderr}"
    );
    assert!(!stderr.contains("草稿：香蜜湖街道香梅社区"), "{stderr}");
    assert!(
        stderr.contains("年度报告：写入 4 份（其中草稿 3 份）及各自的数字（.json），失败 0 份"),
        "{stderr}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "index.html")
        .collect();
    files.sort();
    assert!(out.join("index.html").is_file(), "the dashboard");
    assert_eq!(files.len(), 8, "{files:?}");
    assert_eq!(files[0], "香蜜湖街道-2025年度议事协商工作报告.json");

    // Human: a line a unit.
    let run = report_cli(
        &[YEAR_BATCH, "--year", "2025", "--today", "2026-01-20"],
        &out,
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("2025 年度：4 个单位\n"), "{stdout}");
    assert!(
        stdout.contains("    香蜜湖街道竹林社区：会议 5 场次，程序合规率 81.5%，错误 7 条、警告 2 条，协商意见 4 项（已落实 2、推进中 0、逾期 1、未填报 1）\n"),
        "{stdout}"
    );
}

#[test]
fn a_year_not_begun_is_refused_and_the_latest_year_is_the_default() {
    let tmp = tempfile::tempdir().unwrap();
    let run = report_cli(
        &[YEAR_BATCH, "--year", "2027", "--today", "2026-01-20"],
        tmp.path(),
    );
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("2027 年尚未开始（检查日 2026-01-20）"),
        "{stderr}"
    );

    // Without --year: the batch's latest year, 2026 for the sample, still running.
    let run = report_cli(
        &[
            "fixtures/sample",
            "--today",
            "2026-11-22",
            "--format",
            "json",
        ],
        tmp.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        (&json["year"], &json["running"]),
        (&serde_json::json!(2026), &serde_json::json!(true))
    );
    assert!(
        tmp.path()
            .join("莲花街道彩田社区-2026年度议事协商工作报告.pdf")
            .is_file()
    );
}

/// Prose files: one in error, one for a unit that is not in the batch, two for one unit, and
/// one with some parts only.
#[test]
fn prose_files_are_read_checked_and_accounted_for() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("batch");
    for entry in walkdir::WalkDir::new(YEAR_BATCH) {
        let entry = entry.unwrap();
        let target = root.join(entry.path().strip_prefix(YEAR_BATCH).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let write = |name: &str, text: &str| std::fs::write(root.join(name), text).unwrap();
    write(
        "年份写错.md",
        "---\n年度报告: 二〇二五\n街道: 香蜜湖街道\n---\n## 主要做法\n……\n",
    );
    write(
        "单位写错.md",
        "---\n年度报告: 2025\n街道: 香蜜湖街道\n社区: 竹林小区\n---\n## 主要做法\n……\n",
    );
    write(
        "香梅第二份.md",
        "---\n年度报告: 2025\n街道: 香蜜湖街道\n社区: 香梅社区\n---\n## 主要做法\n另一份\n",
    );
    write(
        "东海.md",
        "---\nannual_report: 2025\nstreet: 香蜜湖街道\ncommunity: 东海社区\n成文日期: 2026年1月19日\n---\n## 一、主要做法\n东海社区的做法。\n## 工作成效\n居民满意度提升。\n",
    );
    let settings = settings("2026-01-20", 2025);
    let checked = batch::run(std::slice::from_ref(&root), &settings);
    // The bad year is a D001 at its value; that file is not used.
    let d001: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "D001")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        d001,
        [
            "文件或行无法读取：年度报告文字材料的「年度报告」应是年份，写的是“二〇二五”，这份材料未读入"
        ]
    );
    assert_eq!(checked.prose.len(), 4);
    // Files read, of which five prose; no record among them.
    let summary = yishi::report::summary::render(&checked);
    assert!(
        summary.contains("读入 10 个（台账 4、参会人员名单 1、会议记录 0、年度报告文字材料 5）"),
        "{summary}"
    );
    assert!(checked.accounting.balanced());

    let (figures, _) = figures::compute(&checked, &settings, 2025);
    let (planned, notes) =
        annual::plan(&figures, &checked, &settings, &Issuers::default(), &|_| {
            true
        });
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].contains("写的单位「香蜜湖街道竹林小区」不是本批次的街道、社区或村，没有用上；是否想写「香蜜湖街道竹林社区」？"),
        "{notes:?}"
    );
    assert!(
        notes[1].starts_with("警告：香蜜湖街道香梅社区 的 2025 年度报告有 2 份文字材料"),
        "{notes:?}"
    );
    let dh = planned
        .iter()
        .find(|p| p.unit.name == "香蜜湖街道东海社区")
        .unwrap();
    let note = dh.draft_note(2025).unwrap();
    assert!(
        note.contains("缺少「典型案例」「存在问题的分析」「下一年度工作打算」"),
        "{note}"
    );
    let text = squeeze(&typeset(dh, &figures).text);
    assert!(text.contains("东海社区的做法。"), "{text}");
    assert!(text.contains("五、工作成效居民满意度提升。"), "{text}");
    assert!(text.contains("东海社区居民委员会2026年1月19日"), "{text}");
}

/// `--emit-sources` writes each report's template, module and data beside it; used as a
/// workspace's templates with its data, they give the very same PDF.
#[test]
fn emitted_report_sources_compile_again_to_the_same_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let run = report_cli(
        &[
            YEAR_BATCH,
            "--year",
            "2025",
            "--today",
            "2026-01-20",
            "--emit-sources",
        ],
        tmp.path(),
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = tmp
        .path()
        .join("香蜜湖街道香梅社区-2025年度议事协商工作报告.pdf");
    let dir = yishi::printing::sources_dir(&pdf);
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("data.json")).unwrap()).unwrap();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("meta.json")).unwrap()).unwrap();
    assert_eq!(meta["title"], "香蜜湖街道香梅社区2025年度议事协商工作报告");
    let mut again = typesetter();
    let used = again.override_templates(&dir).unwrap();
    assert_eq!(used.len(), 2, "{used:?}");
    let day = &meta["date"];
    let doc_meta = DocMeta {
        ident: meta["ident"].as_str().unwrap().to_string(),
        title: meta["title"].as_str().unwrap().to_string(),
        date: NaiveDate::from_ymd_opt(
            day["year"].as_i64().unwrap() as i32,
            day["month"].as_u64().unwrap() as u32,
            day["day"].as_u64().unwrap() as u32,
        ),
    };
    assert_eq!(doc_meta.date, NaiveDate::from_ymd_opt(2026, 1, 18));
    let out = again.typeset(reports::TEMPLATE, &data, &doc_meta).unwrap();
    assert!(out.pdf == std::fs::read(&pdf).unwrap());
}

/// GB/T 9704 7.3.5: no page holds the issuer and date alone. The sample street's 2026 report
/// ends its text near the foot of a page, so its last section goes over with the closing;
/// every report of the sample keeps its closing with text, which the typesetter sees.
#[test]
fn the_closing_is_never_alone_on_a_page() {
    let settings = settings_at("2026-11-22", 2026);
    let checked = batch::run(&[PathBuf::from("fixtures/sample")], &settings);
    let (figures, _) = figures::compute(&checked, &settings, 2026);
    let (planned, _) = annual::plan(&figures, &checked, &settings, &Issuers::default(), &|_| {
        true
    });
    assert!(planned.len() >= 4, "{}", planned.len());
    for p in &planned {
        let doc = typeset(p, &figures);
        assert!(!doc.closing_apart, "{}", p.unit.name);
        let data = p.data();
        let issuer = data["issuer"].as_str().unwrap();
        let signed_on = squeeze(data["issued_on"].as_str().unwrap());
        let page = doc
            .lines
            .iter()
            .find(|page| {
                page.iter().any(|l| squeeze(&l.text) == signed_on)
                    && page.iter().any(|l| squeeze(&l.text) == issuer)
            })
            .unwrap_or_else(|| panic!("{}: no page with the closing", p.unit.name));
        let others = page
            .iter()
            .filter(|l| {
                let t = squeeze(&l.text);
                t != signed_on && t != issuer && !t.starts_with('—')
            })
            .count();
        assert!(others > 0, "{}: the closing stands alone", p.unit.name);
        if p.unit.name == "莲花街道" {
            // The last section went over with it.
            assert!(
                page.iter()
                    .any(|l| squeeze(&l.text).contains("下一年度工作打算")),
                "{page:?}"
            );
        }
    }
}
