//! The street's self-audit (`yishi audit`): the sample's report as printed (sections, scope,
//! method, the scoring total, a problem naming its meeting and rule, the measures, the list as
//! the annex); the rectification list read back cell by cell with the project's own workbook
//! reader (headers, a row, the drop-down, the frozen header); two months of 南园街道
//! (`fixtures/audit/`) with the clerk's filled-in list in between, every state exact, in the
//! workbook, the report, the JSON and the SARIF (validated against the schema); last month's
//! list that cannot be used refused with the file named; the scoring table set in `yishi.toml`
//! and checked as strictly as the rest of the file; the same bytes from the same input.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde_json::Value;
use yishi::audit::{self, Audit, Baseline, Inputs, Scoring, State, Status, StreetAudit, xlsx};
use yishi::batch::{self, Checked};
use yishi::documents::Issuers;
use yishi::load::workbook::{self, SheetText};
use yishi::printing::audits;
use yishi::render::{RenderOptions, Typesetter};
use yishi::settings::Settings;

const SAMPLE: &str = "fixtures/sample";
const OCTOBER: &str = "fixtures/audit/2026-10";
const NOVEMBER: &str = "fixtures/audit/2026-11";

fn settings(today: &str) -> Settings {
    Settings::new(NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap())
}

fn typesetter() -> Typesetter {
    Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    })
}

/// Checks `batch` on `today` and audits it against `baselines`, with the default scoring.
fn audit_of(batch: &str, today: &str, baselines: &[Baseline]) -> (Checked, Settings, Audit) {
    let settings = settings(today);
    let paths = [PathBuf::from(batch)];
    let checked = batch::run(&paths, &settings);
    let audit = audit::compute(&Inputs {
        checked: &checked,
        settings: &settings,
        paths: &paths,
        issuers: &Issuers::default(),
        scoring: &Scoring::default(),
        baselines,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (checked, settings, audit)
}

fn list_bytes(a: &StreetAudit, today: NaiveDate) -> Vec<u8> {
    xlsx::workbook(
        a,
        &xlsx::Context {
            today,
            batch: "批次".to_string(),
            profiles: vec!["深圳市基层议事协商工作指引（试行）"],
        },
    )
    .unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The report as printed, its text squeezed of white space.
fn report_text(a: &StreetAudit, audit: &Audit, settings: &Settings) -> String {
    let (data, meta) = audits::report_data(a, audit, settings);
    let doc = typesetter()
        .typeset(audits::TEMPLATE, &data, &meta)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // The issuer and date are never on a page without the end of the text.
    assert!(
        !doc.closing_apart,
        "the closing stands alone (fit {})",
        doc.fit
    );
    without_page_numbers(&squeeze(&doc.text))
}

/// The text without the page numbers (—3—) that interrupt a paragraph running onto a page.
fn without_page_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('—') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '—'.len_utf8()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('—') {
            rest = &after[digits + '—'.len_utf8()..];
        } else {
            out.push('—');
            rest = after;
        }
    }
    out + rest
}

fn sheet<'a>(sheets: &'a [SheetText], name: &str) -> &'a SheetText {
    sheets
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// The list's header names (row 2), and the cells of a row by those names.
fn header(s: &SheetText) -> Vec<String> {
    (0..xlsx::COLUMNS.len() as u32)
        .map(|c| s.get(1, c).unwrap_or("").to_string())
        .collect()
}

fn row(s: &SheetText, r: u32) -> Vec<(String, String)> {
    header(s)
        .into_iter()
        .enumerate()
        .map(|(c, name)| (name, s.get(r, c as u32).unwrap_or("").to_string()))
        .collect()
}

fn cell<'a>(r: &'a [(String, String)], name: &str) -> &'a str {
    &r.iter().find(|(n, _)| n == name).unwrap().1
}

/// The data rows of the list sheet, each as (column, value) pairs.
fn rows(s: &SheetText) -> Vec<Vec<(String, String)>> {
    (2..=s.last_row().unwrap_or(1)).map(|r| row(s, r)).collect()
}

/// A part of the workbook's package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn sample_report_has_its_sections_scope_scoring_problems_and_list() {
    let (checked, settings, audit) = audit_of(SAMPLE, "2026-11-22", &[]);
    assert!(audit.unplaced.is_empty());
    assert_eq!(audit.streets.len(), 1);
    let a = &audit.streets[0];
    assert_eq!(a.street, "莲花街道");
    // Every error and warning of the batch is on the list, infos are not.
    let listed = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity != yishi::diag::Severity::Info)
        .count();
    assert_eq!((a.items.len(), listed), (16, 16));
    // The header typo of 景华社区's ledger names no unit: it is placed by the meetings read
    // from that file.
    let d001 = a.items.iter().find(|i| i.code == "D001").unwrap();
    assert_eq!(
        (d001.unit.as_str(), d001.place.as_str()),
        (
            "景华社区",
            "莲花街道/景华社区/台账.csv 第 1 行「信息公开日其」"
        )
    );
    assert_eq!(d001.responsible, "景华社区居民委员会");

    let text = report_text(a, &audit, &settings);
    for heading in [
        "莲花街道议事协商工作自查报告",
        "一、自查工作情况",
        "（一）自查范围。本次自查覆盖莲花街道本级及所辖彩田社区、景华社区、梅岭社区，共19场次议事协商会议（会议日期2025年6月26日至2026年10月17日），查阅台账、参会人员名单和会议记录等文件7份，检查日为2026年11月22日。",
        "yishi0.1.0（规则集：shenzhen）",
        "二、自查评分",
        "三、存在问题",
        "四、整改措施",
        "附件：莲花街道议事协商工作整改清单",
        "莲花街道办事处2026年11月22日",
    ] {
        assert!(text.contains(&squeeze(heading)), "{heading}: {text}");
    }
    // The scoring: the total, said to be yishi's defaults, and its table's 合计 row.
    assert!(
        text.contains(
            "满分100分，自评得分77分。评分表的项目、分值和扣分标准为yishi的默认设置，不是官方标准"
        ),
        "{text}"
    );
    assert!(text.contains("表1自查评分表"), "{text}");
    // A row: 会议程序, 25 points, 5 deducted (2 errors, 1 warning), 20 left (its middle line, beside the rule).
    assert!(
        text.contains("人数、参会人员构成、表决25警告每项扣1分520"),
        "{text}"
    );
    assert!(text.contains("合计1002377"), "{text}");
    // A problem named by its unit, meeting and rule; its area's count.
    assert!(
        text.contains(
            "（二）会议程序方面。发现问题3项（错误2项、警告1项），涉及彩田社区、景华社区。"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "彩田社区会议LH-CT-2026-002：到会人数未达开会所需人数：居民代表会议应到15人，实到9人，未达三分之二以上（SZ201）"
        ),
        "{text}"
    );
    // The measures are the rules' advice.
    assert!(
        text.contains("针对到会人数未达开会所需人数（SZ201，1项）：人数不足时应延期另行召开；如签到表漏记，核对签到表后更正「实到人数」。"),
        "{text}"
    );
    // The annex: the list, a row for each item, each 未整改.
    let (_, annex) = text
        .split_once(
            "附件莲花街道议事协商工作整改清单共16项序号单位和会议问题（规则）整改措施时限状态",
        )
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(annex.matches("未整改").count(), 16, "{annex}");
    for code in [
        "LH-JD-2026-002",
        "LH-CT-2026-002",
        "2026年第一季度",
        "（SZ201）",
        "（D001）",
    ] {
        assert!(annex.contains(code), "{code}: {annex}");
    }
    // No comparison without last month's list.
    assert!(!text.contains("上月问题整改情况"), "{text}");
}

#[test]
fn the_list_reads_back_cell_by_cell_with_its_drop_down_and_frozen_header() {
    let (checked, settings, audit) = audit_of(SAMPLE, "2026-11-22", &[]);
    let a = &audit.streets[0];
    let bytes = list_bytes(a, settings.today);
    let sheets = workbook::sheets(Path::new("莲花街道-整改清单.xlsx"), &bytes).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["整改清单", "说明"]);
    let list = sheet(&sheets, "整改清单");
    assert_eq!(list.get(0, 0), Some("莲花街道议事协商工作整改清单"));
    assert_eq!(
        header(list),
        [
            "序号",
            "问题类别",
            "单位",
            "会议编号或期间",
            "规则",
            "级别",
            "问题描述",
            "依据",
            "文件与位置",
            "整改措施",
            "责任单位",
            "责任人",
            "整改时限",
            "整改状态",
            "佐证材料",
            "比对结果",
            "识别码"
        ]
    );
    let all = rows(list);
    assert_eq!(all.len(), 16);
    let sz201 = all
        .iter()
        .find(|r| cell(r, "会议编号或期间") == "LH-CT-2026-002")
        .unwrap();
    let d = checked
        .diagnostics
        .iter()
        .position(|d| d.code == "SZ201")
        .unwrap();
    let expected: Vec<(&str, &str)> = vec![
        ("序号", "3"),
        ("问题类别", "会议程序"),
        ("单位", "彩田社区"),
        ("会议编号或期间", "LH-CT-2026-002"),
        ("规则", "SZ201 到会人数未达开会所需人数"),
        ("级别", "警告"),
        (
            "问题描述",
            "到会人数未达开会所需人数：居民代表会议应到 15 人，实到 9 人，未达三分之二以上",
        ),
        (
            "依据",
            "《深圳市基层议事协商工作指引（试行）》附·会议流程「开会」",
        ),
        (
            "文件与位置",
            "莲花街道/彩田社区/台账.csv 第 3 行「实到人数」",
        ),
        (
            "整改措施",
            "人数不足时应延期另行召开；如签到表漏记，核对签到表后更正「实到人数」",
        ),
        ("责任单位", "彩田社区居民委员会"),
        ("责任人", ""),
        ("整改时限", ""),
        ("整改状态", "未整改"),
        ("佐证材料", ""),
        ("比对结果", ""),
        ("识别码", &audit.keys[d]),
    ];
    let got: Vec<(&str, &str)> = sz201
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(got, expected);
    // The key is the SARIF fingerprint of the finding.
    let sarif = yishi::report::sarif::document(&checked, &settings, &[PathBuf::from(SAMPLE)]);
    assert_eq!(
        sarif["runs"][0]["results"][d]["partialFingerprints"]["yishi/v1"],
        Value::from(audit.keys[d].clone())
    );
    let notes = sheet(&sheets, "说明");
    assert_eq!(
        (notes.get(0, 0), notes.get(0, 1)),
        (Some("街道"), Some("莲花街道"))
    );
    assert_eq!(notes.get(6, 1), Some("共16项（错误8项、警告8项）"));

    // What the reader does not see: the frozen header, the filter and the drop-down.
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(
            r#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{xml}"
    );
    assert!(xml.contains(r#"<autoFilter ref="A2:Q18"/>"#), "{xml}");
    assert!(
        xml.contains(r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="整改状态" error="请从下拉列表中选择：未整改、整改中、已整改" sqref="N3:N18"><formula1>"未整改,整改中,已整改"</formula1></dataValidation>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<col min="7" max="7" width="48.7109375" customWidth="1"/>"#));
    // The package's dates are the check date, not the time it was written.
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-22T00:00:00Z</dcterms:created>"
        ),
        "{core}"
    );
}

/// What the clerk writes on a row of October's list, found by its meeting.
struct Entry {
    meeting: &'static str,
    owner: &'static str,
    /// A date cell, or text as typed.
    deadline: Result<(u16, u8, u8), &'static str>,
    status: &'static str,
    evidence: &'static str,
}

const CLERK: [Entry; 4] = [
    Entry {
        meeting: "NY-JD-2026-001",
        owner: "李华",
        deadline: Ok((2026, 11, 30)),
        status: "整改中",
        evidence: "",
    },
    Entry {
        meeting: "NY-JD-2026-002",
        owner: "王芳",
        deadline: Ok((2026, 12, 31)),
        status: "整改中",
        evidence: "",
    },
    Entry {
        meeting: "NY-YT-2026-001",
        owner: "张敏",
        deadline: Ok((2026, 11, 10)),
        status: "整改中",
        evidence: "",
    },
    Entry {
        meeting: "NY-YT-2026-002",
        owner: "赵强",
        deadline: Err("2026年12月15日"),
        status: "已整改",
        evidence: "补签后的会议记录",
    },
];

/// The clerk opens October's list, fills in the rows and saves it again, as Excel or WPS would:
/// every cell written anew (numbers as text), the clerk's dates as dates.
fn fill_in(list: &[u8], entries: &[Entry], edit: &dyn Fn(&str, u32, &mut String)) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let sheets = workbook::sheets(Path::new("清单.xlsx"), list).unwrap();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for s in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(&s.name).unwrap();
        let names = header(s);
        let col = |n: &str| names.iter().position(|x| x == n).unwrap() as u16;
        for (&(r, c), text) in &s.cells {
            let mut text = text.clone();
            edit(&s.name, r, &mut text);
            ws.write_string(r, c as u16, &text).unwrap();
        }
        if s.name != "整改清单" {
            continue;
        }
        for r in 2..=s.last_row().unwrap() {
            let meeting = s.get(r, u32::from(col("会议编号或期间"))).unwrap_or("");
            let Some(e) = entries.iter().find(|e| e.meeting == meeting) else {
                continue;
            };
            ws.write_string(r, col("责任人"), e.owner).unwrap();
            match e.deadline {
                Ok((y, m, d)) => {
                    let day = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    ws.write_datetime_with_format(r, col("整改时限"), &day, &date)
                        .unwrap();
                }
                Err(text) => {
                    ws.write_string(r, col("整改时限"), text).unwrap();
                }
            }
            ws.write_string(r, col("整改状态"), e.status).unwrap();
            ws.write_string(r, col("佐证材料"), e.evidence).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// October's list as the clerk filled it, written into `dir`.
fn october_filled(dir: &Path) -> PathBuf {
    let (_, settings, audit) = audit_of(OCTOBER, "2026-10-26", &[]);
    let a = &audit.streets[0];
    let states: Vec<(&str, &str, Option<State>)> = a
        .items
        .iter()
        .map(|i| (i.subject.as_str(), i.code, i.state))
        .collect();
    assert_eq!(
        states,
        [
            ("NY-JD-2026-001", "SZ002", None),
            ("NY-YT-2026-001", "SZ201", None),
            ("NY-YT-2026-002", "SZ105", None),
            ("NY-JD-2026-002", "SZ004", None),
        ]
    );
    let filled = fill_in(&list_bytes(a, settings.today), &CLERK, &|_, _, _| {});
    let path = dir.join("南园街道-整改清单（10月，已填写）.xlsx");
    std::fs::write(&path, filled).unwrap();
    path
}

fn yishi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn two_months_every_state_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let filled = october_filled(tmp.path());
    let baseline = audit::baseline::read(&filled).unwrap();
    assert_eq!(baseline.street.as_deref(), Some("南园街道"));
    assert_eq!(baseline.rows.len(), 4);
    let (_, settings, audit) = audit_of(NOVEMBER, "2026-11-24", &[baseline]);
    let a = &audit.streets[0];
    assert_eq!(a.baseline.as_deref(), Some(filled.to_str().unwrap()));

    // (meeting, rule, state, 逾期, marked done yet present, 责任人, 整改时限, 整改状态, 佐证材料)
    let items: Vec<_> = a
        .items
        .iter()
        .map(|i| {
            (
                i.subject.as_str(),
                i.code,
                i.state,
                i.overdue,
                i.not_fixed,
                i.filled.owner.as_str(),
                i.filled.deadline.text.as_str(),
                i.filled.status,
                i.filled.evidence.as_str(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (
                "NY-YT-2026-001",
                "SZ201",
                Some(State::Persisting),
                true,
                false,
                "张敏",
                "2026-11-10",
                Status::InProgress,
                ""
            ),
            (
                "NY-YT-2026-002",
                "SZ105",
                Some(State::Persisting),
                false,
                true,
                "赵强",
                "2026-12-15",
                Status::Done,
                "补签后的会议记录"
            ),
            (
                "NY-YT-2026-003",
                "SZ111",
                Some(State::New),
                false,
                false,
                "",
                "",
                Status::NotStarted,
                ""
            ),
            (
                "NY-JD-2026-002",
                "SZ004",
                Some(State::Persisting),
                false,
                false,
                "王芳",
                "2026-12-31",
                Status::InProgress,
                ""
            ),
        ]
    );
    let closed: Vec<_> = a
        .closed
        .iter()
        .map(|c| {
            (
                c.row.subject.as_str(),
                c.row.code.as_str(),
                c.state,
                c.row.filled.owner.as_str(),
            )
        })
        .collect();
    assert_eq!(closed, [("NY-JD-2026-001", "SZ002", State::Fixed, "李华")]);
    let t = a.totals.unwrap();
    assert_eq!(
        t.sentence(),
        "共5项，已整改1项，正在整改3项，新增1项，整改率20%"
    );
    assert_eq!(
        (
            t.overdue,
            t.not_fixed,
            t.unverified,
            t.not_started,
            t.rectifying
        ),
        (1, 1, 0, 0, 2)
    );

    // The workbook carries the clerk's entries and says where each row stands.
    let bytes = list_bytes(a, settings.today);
    let sheets = workbook::sheets(Path::new("11月.xlsx"), &bytes).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["整改清单", "已消除", "说明"]);
    let pick = |r: &Vec<(String, String)>| {
        [
            "会议编号或期间",
            "责任人",
            "整改时限",
            "整改状态",
            "佐证材料",
            "比对结果",
        ]
        .map(|n| cell(r, n).to_string())
    };
    let list: Vec<[String; 6]> = rows(sheet(&sheets, "整改清单")).iter().map(pick).collect();
    assert_eq!(
        list,
        [
            [
                "NY-YT-2026-001",
                "张敏",
                "2026-11-10",
                "整改中",
                "",
                "仍存在（逾期）"
            ],
            [
                "NY-YT-2026-002",
                "赵强",
                "2026-12-15",
                "已整改",
                "补签后的会议记录",
                "仍存在：标为已整改，但本月数据中仍有此问题"
            ],
            ["NY-YT-2026-003", "", "", "未整改", "", "新增"],
            [
                "NY-JD-2026-002",
                "王芳",
                "2026-12-31",
                "整改中",
                "",
                "仍存在"
            ],
        ]
        .map(|r| r.map(str::to_string))
    );
    let fixed: Vec<[String; 6]> = rows(sheet(&sheets, "已消除")).iter().map(pick).collect();
    assert_eq!(
        fixed,
        [[
            "NY-JD-2026-001",
            "李华",
            "2026-11-30",
            "已整改",
            "",
            "已消除"
        ]
        .map(str::to_string)]
    );
    let notes = sheet(&sheets, "说明");
    assert!(
        (0..20)
            .any(|r| notes.get(r, 1) == Some("共5项，已整改1项，正在整改3项，新增1项，整改率20%")),
        "{:?}",
        notes.cells
    );

    // The report says it, and lists what is overdue or not fixed.
    let text = report_text(a, &audit, &settings);
    assert!(
        text.contains("（三）上月问题整改情况。与上月整改清单（南园街道-整改清单（10月，已填写）.xlsx）逐项比对：共5项，已整改1项，正在整改3项，新增1项，整改率20%。正在整改的问题中，超过整改时限1项，标为已整改但本月数据中仍存在1项。"),
        "{text}"
    );
    assert!(text.contains("逾期和未整改到位的问题"), "{text}");
    assert!(
        text.contains("玉田社区NY-YT-2026-001SZ2012026-11-10整改中逾期未整改"),
        "{text}"
    );
    assert!(
        text.contains("玉田社区NY-YT-2026-002SZ1052026-12-15已整改标为已整改但仍存在"),
        "{text}"
    );
}

/// Validates a SARIF log against the OASIS schema.
fn assert_valid_sarif(sarif: &Value) {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["baselineState"] = Value::from("gone");
    assert_eq!(validator.iter_errors(&broken).count(), 1);
}

#[test]
fn json_and_sarif_carry_the_states_and_last_months_json_is_a_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    let filled = october_filled(tmp.path());
    let out = tmp.path().join("11月");
    let common = [
        NOVEMBER,
        "--today",
        "2026-11-24",
        "--no-system-fonts",
        "--baseline",
        filled.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];

    let (code, stdout, stderr) = yishi(&[&["audit", "--format", "sarif"][..], &common].concat());
    assert_eq!(code, 1, "{stderr}");
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let states: Vec<(String, String)> = results
        .iter()
        .filter(|r| r.get("baselineState").is_some())
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["baselineState"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut states = states;
    states.sort();
    assert_eq!(
        states,
        [
            ("SZ002", "absent"),
            ("SZ004", "unchanged"),
            ("SZ105", "unchanged"),
            ("SZ111", "new"),
            ("SZ201", "unchanged"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // The absent result keeps last month's fingerprint and what the clerk wrote.
    let absent = results
        .iter()
        .find(|r| r["baselineState"] == "absent")
        .unwrap();
    let october = audit::baseline::read(&filled).unwrap();
    let sz002 = october.rows.iter().find(|r| r.code == "SZ002").unwrap();
    assert_eq!(
        absent["partialFingerprints"]["yishi/v1"],
        Value::from(sz002.key.clone())
    );
    assert_eq!(absent["properties"]["audit"]["owner"], "李华");
    assert_eq!(absent["properties"]["audit"]["state"], "fixed");
    // Infos are not on the list and get no state.
    assert!(
        results
            .iter()
            .filter(|r| r["level"] == "note")
            .all(|r| r.get("baselineState").is_none())
    );

    let (code, stdout, stderr) = yishi(&[&["audit", "--format", "json"][..], &common].concat());
    assert_eq!(code, 1, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let listed: Vec<(String, String, bool, bool)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("audit").is_some())
        .map(|d| {
            (
                d["meeting"].as_str().unwrap().to_string(),
                d["audit"]["state"].as_str().unwrap().to_string(),
                d["audit"]["overdue"].as_bool().unwrap(),
                d["audit"]["not_fixed"].as_bool().unwrap(),
            )
        })
        .collect();
    let mut listed = listed;
    listed.sort();
    assert_eq!(
        listed,
        [
            ("NY-JD-2026-002", "persisting", false, false),
            ("NY-YT-2026-001", "persisting", true, false),
            ("NY-YT-2026-002", "persisting", false, true),
            ("NY-YT-2026-003", "new", false, false),
        ]
        .map(|(m, s, o, n)| (m.to_string(), s.to_string(), o, n))
    );
    assert!(json["diagnostics"][0]["key"].as_str().unwrap().len() == 64);
    assert_eq!(json["absent"].as_array().unwrap().len(), 1);
    assert_eq!(json["absent"][0]["state"], "fixed");
    assert_eq!(
        json["audit"]["streets"][0]["totals"]["rate"],
        Value::from(20.0)
    );
    assert!(out.join("南园街道-议事协商工作自查报告.pdf").is_file());
    assert!(out.join("南园街道-整改清单.xlsx").is_file());

    // Next month, this JSON is the baseline: everything persists, the clerk's words with it.
    let json_path = tmp.path().join("11月.json");
    std::fs::write(&json_path, &stdout).unwrap();
    let baseline = audit::baseline::read(&json_path).unwrap();
    let (_, _, again) = audit_of(NOVEMBER, "2026-12-20", &[baseline]);
    let a = &again.streets[0];
    assert!(a.items.iter().all(|i| i.state == Some(State::Persisting)));
    assert!(a.closed.is_empty());
    let yt1 = a.items.iter().find(|i| i.code == "SZ201").unwrap();
    assert_eq!((yt1.filled.owner.as_str(), yt1.overdue), ("张敏", true));
    // And `check`'s JSON has the same keys.
    let (_, check, _) = yishi(&[
        "check",
        NOVEMBER,
        "--today",
        "2026-11-24",
        "--format",
        "json",
    ]);
    let check: Value = serde_json::from_str(&check).unwrap();
    let keys = |j: &Value| -> Vec<Value> {
        j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["key"].clone())
            .collect()
    };
    assert_eq!(keys(&check), keys(&json));
}

#[test]
fn items_whose_records_are_missing_this_month_stay_unverified() {
    let tmp = tempfile::tempdir().unwrap();
    let filled = october_filled(tmp.path());
    // November without the street's ledger: its two meetings are not in the batch.
    let batch = tmp.path().join("2026-11");
    std::fs::create_dir_all(batch.join("南园街道/玉田社区")).unwrap();
    std::fs::copy(
        Path::new(NOVEMBER).join("南园街道/玉田社区/台账.csv"),
        batch.join("南园街道/玉田社区/台账.csv"),
    )
    .unwrap();
    let baseline = audit::baseline::read(&filled).unwrap();
    let (_, settings, audit) = audit_of(batch.to_str().unwrap(), "2026-11-24", &[baseline]);
    let a = &audit.streets[0];
    let closed: Vec<_> = a
        .closed
        .iter()
        .map(|c| (c.row.subject.as_str(), c.state, c.comparison()))
        .collect();
    assert_eq!(
        closed,
        [
            (
                "NY-JD-2026-001",
                State::Unverified,
                "未核实：本月批次中没有会议 NY-JD-2026-001 的记录".to_string()
            ),
            (
                "NY-JD-2026-002",
                State::Unverified,
                "未核实：本月批次中没有会议 NY-JD-2026-002 的记录".to_string()
            ),
        ]
    );
    assert_eq!(
        a.totals.unwrap().sentence(),
        "共5项，已整改0项，正在整改4项，新增1项，整改率0%"
    );
    // They stay on the list with what the clerk wrote, to be read again next month.
    let bytes = list_bytes(a, settings.today);
    let path = tmp.path().join("11月.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let again = audit::baseline::read(&path).unwrap();
    let wang = again
        .rows
        .iter()
        .find(|r| r.subject == "NY-JD-2026-002")
        .unwrap();
    assert_eq!(
        (wang.filled.owner.as_str(), wang.filled.status),
        ("王芳", Status::InProgress)
    );
    assert_eq!(again.rows.len(), 5);
}

#[test]
fn a_list_that_cannot_be_used_is_refused_with_the_file_named() {
    let tmp = tempfile::tempdir().unwrap();
    let filled = october_filled(tmp.path());
    let bytes = std::fs::read(&filled).unwrap();
    let out = tmp.path().join("out");
    let write = |name: &str, bytes: &[u8]| {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // Another street's list: 莲花街道's, for 南园街道's batch.
    let (_, settings, sample) = audit_of(SAMPLE, "2026-11-22", &[]);
    let other = write(
        "莲花街道-整改清单.xlsx",
        &list_bytes(&sample.streets[0], settings.today),
    );
    // The clerk cleared a key; typed a status the drop-down does not have.
    let keyless = write(
        "无识别码.xlsx",
        &fill_in(&bytes, &[], &|sheet, r, text: &mut String| {
            if sheet == "整改清单" && r == 3 && text.len() == 64 {
                text.clear();
            }
        }),
    );
    let bad_status = write(
        "状态写错.xlsx",
        &fill_in(&bytes, &[], &|sheet, r, text: &mut String| {
            if sheet == "整改清单" && r == 4 && text == "已整改" {
                *text = "差不多了".to_string();
            }
        }),
    );
    let cases: Vec<(PathBuf, &str)> = vec![
        (tmp.path().join("没有这个文件.xlsx"), "无法读取"),
        (
            PathBuf::from("fixtures/sample/莲花街道/街道协商台账.csv"),
            "既不是 Excel 工作簿，也不是 JSON",
        ),
        (
            write("半个文件.xlsx", &bytes[..bytes.len() / 2]),
            "工作簿无法打开",
        ),
        (
            PathBuf::from("tests/corpus/formats/台账.ods"),
            "不是 yishi 写出的整改清单",
        ),
        (
            other,
            "这是「莲花街道」的整改清单，本批次中没有这个街道（本批次：南园街道）",
        ),
        (
            keyless,
            "工作表「整改清单」第 4 行的「识别码」是空的或被改动过",
        ),
        (
            bad_status,
            "第 5 行的「整改状态」无法识别（第 5 行写的是“差不多了”）",
        ),
        (
            write("别的.json", br#"{"name": "not yishi"}"#),
            "不是 yishi check 或 yishi audit 的输出",
        ),
    ];
    for (path, says) in cases {
        let (code, _, stderr) = yishi(&[
            "audit",
            NOVEMBER,
            "--today",
            "2026-11-24",
            "--no-system-fonts",
            "--baseline",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{}: {stderr}", path.display());
        let named = format!("上月清单 {}：", path.to_string_lossy());
        assert!(stderr.contains(&named), "{named}: {stderr}");
        assert!(stderr.contains(says), "{says}: {stderr}");
        assert!(stderr.contains("修改方法："), "{stderr}");
        // Nothing is written in place of the carried-over work.
        assert!(!out.exists(), "{}", path.display());
    }

    // Last month's list is never written over.
    std::fs::create_dir_all(&out).unwrap();
    let target = out.join("南园街道-整改清单.xlsx");
    std::fs::copy(&filled, &target).unwrap();
    let (code, _, stderr) = yishi(&[
        "audit",
        NOVEMBER,
        "--today",
        "2026-11-24",
        "--no-system-fonts",
        "--baseline",
        target.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("就是本次要写出的整改清单"), "{stderr}");
    assert_eq!(std::fs::read(&target).unwrap(), bytes);
}

#[test]
fn same_input_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let filled = october_filled(tmp.path());
    let print = |out: &Path| {
        let baseline = audit::baseline::read(&filled).unwrap();
        let (_, settings, audit) = audit_of(NOVEMBER, "2026-11-24", &[baseline]);
        let printed = audits::print(&audit, &settings, &typesetter(), out, NOVEMBER);
        let p = &printed[0];
        (
            std::fs::read(&p.report.as_ref().unwrap().0).unwrap(),
            std::fs::read(p.list.as_ref().unwrap()).unwrap(),
        )
    };
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let first = print(&a);
    let second = print(&b);
    assert!(first.0.starts_with(b"%PDF"));
    assert_eq!(first.0, second.0, "the report's bytes differ");
    assert_eq!(first.1, second.1, "the list's bytes differ");
}

fn config_errors(text: &str) -> String {
    yishi::config::Config::parse(Path::new("yishi.toml"), text)
        .map_or_else(|e| e.to_string(), |_| String::new())
}

#[test]
fn the_scoring_table_is_set_in_yishi_toml_and_checked_strictly() {
    let config = yishi::config::Config::parse(
        Path::new("yishi.toml"),
        "[audit.scoring.data]\npoints = 5\nwarning = 0.5\n[audit.scoring.\"会议程序\"]\nerror = 3\nstandard = \"程序完整\"\n",
    )
    .unwrap();
    let scoring = Scoring::with(&config.audit.scoring);
    assert!(scoring.configured);
    let settings = settings("2026-11-22");
    let paths = [PathBuf::from(SAMPLE)];
    let checked = batch::run(&paths, &settings);
    let audit = audit::compute(&Inputs {
        checked: &checked,
        settings: &settings,
        paths: &paths,
        issuers: &Issuers::default(),
        scoring: &scoring,
        baselines: &[],
    })
    .unwrap();
    let s = &audit.streets[0].scored;
    // 会议程序: 2 errors × 3 + 1 warning × 1 = 7 of 25; 数据完整性: 2 + 6 × 0.5 = 5 of 5.
    let got: Vec<(String, String)> = s
        .items
        .iter()
        .map(|i| (i.item.area.zh().to_string(), i.score.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("信息公开", "18"),
            ("会议程序", "18"),
            ("成果公示与运用", "18"),
            ("制度执行（频次）", "9"),
            ("资料归档", "10"),
            ("数据完整性", "0"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        (s.full.to_string(), s.total.to_string()),
        ("95".into(), "73".into())
    );
    let text = report_text(&audit.streets[0], &audit, &settings);
    assert!(
        text.contains("按本工作区yishi.toml的[audit.scoring]设置"),
        "{text}"
    );
    assert!(
        text.contains("错误每项扣3分会议程序程序完整25警告每项扣1分718"),
        "{text}"
    );

    for (text, says) in [
        (
            "[audit.scoring.publicty]\npoints = 10\n",
            "配置文件 yishi.toml:1:16（publicty）：评分表 [audit.scoring] 中没有「publicty」这一项，是否想写「publicity」？",
        ),
        (
            "[audit.scoring.data]\npoint = 10\n",
            "配置文件 yishi.toml:2:1（point）：评分项 data（数据完整性）中没有「point」这一项，是否想写「points」？",
        ),
        (
            "[audit.scoring.data]\npoints = -1\n",
            "「points」应为分值：0 到 1000 之间的数，至多一位小数，如 2 或 0.5，这里是整数",
        ),
        (
            "[audit.scoring.data]\nwarning = 0.25\n",
            "「warning」应为每项警告扣的分",
        ),
        (
            "[audit.scoring.data]\nerror = \"2\"\n",
            "「error」应为每项错误扣的分：0 到 1000 之间的数，至多一位小数，如 2 或 0.5，这里是字符串",
        ),
        ("[audit]\nscore = 1\n", "[audit] 中没有「score」这一项"),
        (
            "[audit.scoring]\npublicity = { points = 0 }\nprocedure = { points = 0 }\nresults = { points = 0 }\nfrequency = { points = 0 }\narchive = { points = 0 }\ndata = { points = 0 }\n",
            "评分表各项的分值（points）合计为 0，无法评分",
        ),
    ] {
        let errors = config_errors(text);
        assert!(errors.contains(says), "{text}\n→ {errors}\nwanted {says}");
        assert!(errors.contains("修改方法："), "{errors}");
    }
}

/// A street with more problems than a printed annex holds: the annex lists the first
/// `ANNEX_ROWS` with their numbers and says where the rest are; the workbook holds every one.
#[test]
fn a_long_list_prints_its_first_rows_and_the_workbook_keeps_all() {
    let tmp = tempfile::tempdir().unwrap();
    let community = tmp.path().join("南园街道/玉田社区");
    std::fs::create_dir_all(&community).unwrap();
    let ledger = std::fs::read_to_string(format!("{OCTOBER}/南园街道/玉田社区/台账.csv")).unwrap();
    let mut lines = ledger.lines();
    let mut csv = lines.next().unwrap().to_string() + "\n";
    // 9 of 15 present: short of the ⅔ quorum (SZ201), one error a meeting at least.
    let row = lines.next().unwrap();
    assert!(row.starts_with("NY-YT-2026-001,") && row.contains(",15,9,"));
    let meetings = audit::document::ANNEX_ROWS + 20;
    for n in 1..=meetings {
        csv += &row.replacen("NY-YT-2026-001", &format!("NY-YT-2026-{n:03}"), 1);
        csv.push('\n');
    }
    std::fs::write(community.join("台账.csv"), csv).unwrap();

    let (_, settings, audit) = audit_of(tmp.path().to_str().unwrap(), "2026-11-22", &[]);
    let a = &audit.streets[0];
    let listed = a.items.len();
    assert!(listed >= meetings, "{listed} items");

    let (data, _) = audits::report_data(a, &audit, &settings);
    let annex = &data["annexes"][0]["body"];
    let table = &annex[0];
    assert_eq!(
        table["unit"],
        format!("共{listed}项，本表列前{}项", audit::document::ANNEX_ROWS)
    );
    let printed = table["rows"].as_array().unwrap();
    assert_eq!(printed.len(), audit::document::ANNEX_ROWS);
    assert_eq!(printed.last().unwrap()[0], audit::document::ANNEX_ROWS);
    assert_eq!(
        annex[1]["text"],
        format!(
            "整改清单共{listed}项，以上列出第1至{}项；第{}至{listed}项见同时生成的电子表格「南园街道-整改清单.xlsx」，序号与本表一致。",
            audit::document::ANNEX_ROWS,
            audit::document::ANNEX_ROWS + 1
        )
    );

    let bytes = list_bytes(a, settings.today);
    let sheets = workbook::sheets(Path::new("南园街道-整改清单.xlsx"), &bytes).unwrap();
    let list = rows(sheet(&sheets, "整改清单"));
    assert_eq!(list.len(), listed);
    assert_eq!(cell(&list[listed - 1], "序号"), listed.to_string());
}
