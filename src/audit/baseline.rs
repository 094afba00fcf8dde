//! Last month's list (`--baseline FILE`): the 整改清单 a street wrote out last month and its
//! clerk filled in (read back with the project's workbook reader), or last month's JSON output
//! (`yishi audit --format json`, `yishi check --format json`, or SARIF). Its rows are known by
//! their keys; what the clerk wrote on them is carried onto this month's items.
//!
//! A file that cannot be read as one of these — another file, a damaged workbook, a list
//! whose rows lost their keys, another street's list — is an error naming the file and what
//! to do: the comparison never goes on with an empty list in its place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value as Json;

use super::{Deadline, Filled, Status, period_zh, xlsx};
use crate::diag::Severity;
use crate::load::workbook::{self, SheetText};

/// What kind of file the list came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The 整改清单 workbook: one street's.
    Workbook,
    /// yishi's JSON output, or a SARIF log: the whole batch.
    Json,
    Sarif,
}

/// A row of last month's list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    /// The street it was listed under, when the file says.
    pub street: Option<String>,
    pub area: String,
    pub unit: String,
    pub subject: String,
    pub code: String,
    pub title: String,
    pub severity: Option<Severity>,
    pub message: String,
    pub basis: String,
    pub place: String,
    pub measure: String,
    pub responsible: String,
    pub filled: Filled,
    /// Where it is in its file: 第 5 行, diagnostics[3].
    pub at: String,
}

/// Last month's list as read.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// The file, as given.
    pub name: String,
    pub kind: Kind,
    /// The street a workbook is the list of.
    pub street: Option<String>,
    pub rows: Vec<Row>,
}

/// An error about the file: what is wrong with it and what to do.
fn fail(path: &Path, what: &str, fix: &str) -> String {
    format!(
        "上月清单 {}：{what}。修改方法：{fix}",
        path.to_string_lossy().replace('\\', "/")
    )
}

const GIVE: &str = "--baseline 给出上月 yishi audit 写出（并由工作人员填写）的「<街道>-整改清单.xlsx」，或上月 yishi audit --format json 的输出";

/// Reads last month's list from `path`.
pub fn read(path: &Path) -> Result<Baseline, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            path,
            &format!("无法读取（{e}）"),
            "检查文件名和路径是否正确",
        )
    })?;
    let name = path.to_string_lossy().replace('\\', "/");
    if workbook::sniff(path, &bytes).is_some() {
        let sheets = workbook::sheets(path, &bytes).map_err(|e| {
            fail(
                path,
                &format!("工作簿无法打开：{e}"),
                "用 Excel 或 WPS 打开确认文件完好，另存为 .xlsx 后再给出",
            )
        })?;
        let (street, rows) = from_workbook(path, &sheets)?;
        return Ok(Baseline {
            name,
            kind: Kind::Workbook,
            street: Some(street),
            rows,
        });
    }
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let json: Json = serde_json::from_str(text).map_err(|e| {
        let what = if text.trim_start().starts_with(['{', '[']) {
            format!(
                "JSON 格式有误（第 {} 行第 {} 列），文件可能不完整",
                e.line(),
                e.column()
            )
        } else {
            "既不是 Excel 工作簿，也不是 JSON".to_string()
        };
        fail(path, &what, GIVE)
    })?;
    if json.get("runs").is_some() {
        let rows = from_sarif(path, &json)?;
        return Ok(Baseline {
            name,
            kind: Kind::Sarif,
            street: None,
            rows,
        });
    }
    if json.get("tool").and_then(Json::as_str) == Some("yishi") && json["diagnostics"].is_array() {
        let rows = from_json(path, &json)?;
        return Ok(Baseline {
            name,
            kind: Kind::Json,
            street: None,
            rows,
        });
    }
    Err(fail(
        path,
        "是 JSON，但不是 yishi check 或 yishi audit 的输出（没有 tool 为 yishi 的诊断列表）",
        GIVE,
    ))
}

fn is_key(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Row numbers as a clerk reads them, a few of them: 第 5、7、9 行 等 12 行.
fn rows_named(rows: &[u32]) -> String {
    let shown: Vec<String> = rows.iter().take(5).map(u32::to_string).collect();
    if rows.len() > shown.len() {
        format!("第 {} 行等 {} 行", shown.join("、"), rows.len())
    } else {
        format!("第 {} 行", shown.join("、"))
    }
}

/// The list sheet, its header row and the columns by name.
fn header(sheets: &[SheetText]) -> Option<(&SheetText, u32, BTreeMap<&str, u32>)> {
    fn find(sheet: &SheetText) -> Option<(u32, BTreeMap<&str, u32>)> {
        (0..10).find_map(|row| {
            let columns: BTreeMap<&str, u32> = sheet
                .cells
                .range((row, 0)..(row + 1, 0))
                .map(|(&(_, c), text)| (text.trim(), c))
                .collect();
            (columns.contains_key(xlsx::KEY) && columns.contains_key(xlsx::STATUS))
                .then_some((row, columns))
        })
    }
    let named = sheets.iter().find(|s| s.name == xlsx::LIST_SHEET);
    named
        .into_iter()
        .chain(sheets.iter())
        .find_map(|s| find(s).map(|(row, columns)| (s, row, columns)))
}

/// The street a workbook is the list of: its 说明 sheet, else its title.
fn street_of(sheets: &[SheetText], list: &SheetText) -> Option<String> {
    let from_notes = sheets
        .iter()
        .filter(|s| s.name == xlsx::NOTES_SHEET)
        .find_map(|s| {
            (0..=s.last_row()?).find_map(|r| {
                (s.get(r, 0) == Some(xlsx::STREET_LABEL))
                    .then(|| s.get(r, 1).map(str::to_string))
                    .flatten()
            })
        });
    from_notes.or_else(|| {
        (0..3).find_map(|r| {
            let title = list.get(r, 0)?;
            let street = title.strip_suffix(xlsx::TITLE_END)?.trim();
            (!street.is_empty()).then(|| street.to_string())
        })
    })
}

fn from_workbook(path: &Path, sheets: &[SheetText]) -> Result<(String, Vec<Row>), String> {
    let Some((sheet, head, columns)) = header(sheets) else {
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        return Err(fail(
            path,
            &format!(
                "不是 yishi 写出的整改清单：工作表（{}）的前 10 行中都没有「{}」和「{}」两列",
                names.join("、"),
                xlsx::KEY,
                xlsx::STATUS
            ),
            &format!(
                "{GIVE}；清单中的「{}」一列是 yishi 认出每一项所用的，不要删改",
                xlsx::KEY
            ),
        ));
    };
    if let Some((row, column)) = sheet.cut {
        return Err(fail(
            path,
            &format!(
                "工作表「{}」在 {} 处还有内容，超出可读范围",
                sheet.name,
                crate::source::cell_ref(row, column)
            ),
            "删除表格右侧或下方多余的内容后再给出",
        ));
    }
    let Some(street) = street_of(sheets, sheet) else {
        return Err(fail(
            path,
            &format!(
                "看不出是哪个街道的清单：没有「{}」工作表中的街道名，标题也不是“某某街道{}”",
                xlsx::NOTES_SHEET,
                xlsx::TITLE_END
            ),
            "给出 yishi audit 写出的清单，不要删去「说明」工作表和第一行的标题",
        ));
    };
    let cell = |row: u32, name: &str| -> String {
        columns
            .get(name)
            .and_then(|&c| sheet.get(row, c))
            .unwrap_or("")
            .to_string()
    };
    let mut rows = Vec::new();
    let (mut keyless, mut bad_status) = (Vec::new(), Vec::new());
    for row in head + 1..=sheet.last_row().unwrap_or(head) {
        let filled_cells = sheet.cells.range((row, 0)..(row + 1, 0)).count();
        if filled_cells == 0 {
            continue;
        }
        let key = cell(row, xlsx::KEY).to_ascii_lowercase();
        if !is_key(&key) {
            keyless.push(row + 1);
            continue;
        }
        let status_text = cell(row, xlsx::STATUS);
        let Some(status) = Status::parse(&status_text) else {
            bad_status.push((row + 1, status_text));
            continue;
        };
        let rule = cell(row, "规则");
        let (code, title) = rule.split_once(char::is_whitespace).unwrap_or((&rule, ""));
        rows.push(Row {
            key,
            street: Some(street.clone()),
            area: cell(row, "问题类别"),
            unit: cell(row, "单位"),
            subject: cell(row, "会议编号或期间"),
            code: code.to_string(),
            title: title.trim().to_string(),
            severity: match cell(row, "级别").as_str() {
                "错误" => Some(Severity::Error),
                "警告" => Some(Severity::Warning),
                _ => None,
            },
            message: cell(row, "问题描述"),
            basis: cell(row, "依据"),
            place: cell(row, "文件与位置"),
            measure: cell(row, "整改措施"),
            responsible: cell(row, "责任单位"),
            filled: Filled {
                measure: cell(row, "整改措施"),
                responsible: cell(row, "责任单位"),
                owner: cell(row, "责任人"),
                deadline: Deadline::parse(&cell(row, "整改时限")),
                status,
                evidence: cell(row, "佐证材料"),
            },
            at: format!("第 {} 行", row + 1),
        });
    }
    if !keyless.is_empty() {
        return Err(fail(
            path,
            &format!(
                "工作表「{}」{}的「{}」是空的或被改动过，yishi 无法把它们与本月的问题对应",
                sheet.name,
                rows_named(&keyless),
                xlsx::KEY
            ),
            "从上月 yishi 写出的清单中把这些行的识别码复制回来；不是 yishi 列出的问题请记在另一张表中",
        ));
    }
    if !bad_status.is_empty() {
        let (row, text) = &bad_status[0];
        let rows: Vec<u32> = bad_status.iter().map(|(r, _)| *r).collect();
        return Err(fail(
            path,
            &format!(
                "工作表「{}」{}的「{}」无法识别（第 {row} 行写的是“{text}”）",
                sheet.name,
                rows_named(&rows),
                xlsx::STATUS
            ),
            "整改状态从下拉列表中选：未整改、整改中、已整改",
        ));
    }
    Ok((street, rows))
}

/// The fields of an `audit` object (JSON diagnostic, SARIF properties) or an absent entry.
fn filled_from(a: &Json) -> Filled {
    let s = |k: &str| {
        a.get(k)
            .and_then(Json::as_str)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    Filled {
        measure: s("measure"),
        responsible: s("responsible"),
        owner: s("owner"),
        deadline: Deadline::parse(&s("deadline")),
        status: Status::parse(&s("status")).unwrap_or_default(),
        evidence: s("evidence"),
    }
}

fn severity_of(level: &str) -> Option<Severity> {
    match level {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        _ => None,
    }
}

/// A row from a JSON object with the diagnostic's fields (`d`) and its audit fields (`a`).
fn json_row(d: &Json, a: &Json, key: String, severity: Severity, at: String) -> Row {
    let s = |v: &Json, k: &str| v.get(k).and_then(Json::as_str).map(str::to_string);
    let code = s(d, "code").or_else(|| s(d, "ruleId")).unwrap_or_default();
    let street = s(a, "street").or_else(|| s(d, "street"));
    let unit = s(a, "unit")
        .or_else(|| s(d, "community"))
        .or_else(|| street.clone())
        .unwrap_or_default();
    let subject = s(a, "subject")
        .or_else(|| s(d, "meeting"))
        .or_else(|| s(d, "period").map(|p| period_zh(&p)))
        .unwrap_or_default();
    let message = s(d, "message")
        .or_else(|| d["message"]["text"].as_str().map(str::to_string))
        .unwrap_or_default();
    let filled = filled_from(a);
    Row {
        key,
        street,
        area: s(a, "area").unwrap_or_default(),
        unit,
        subject,
        title: s(d, "title")
            .or_else(|| {
                crate::rules::lookup(&code)
                    .ok()
                    .map(|r| r.meta.title.to_string())
            })
            .unwrap_or_default(),
        code,
        severity: Some(severity),
        message,
        basis: s(a, "basis").unwrap_or_default(),
        place: s(a, "place").or_else(|| s(d, "path")).unwrap_or_default(),
        measure: filled.measure.clone(),
        responsible: filled.responsible.clone(),
        filled,
        at,
    }
}

fn from_json(path: &Path, json: &Json) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut keyless = 0;
    for (i, d) in json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(severity) = d["severity"].as_str().and_then(severity_of) else {
            continue;
        };
        let Some(key) = d["key"].as_str().filter(|k| is_key(k)) else {
            keyless += 1;
            continue;
        };
        rows.push(json_row(
            d,
            &d["audit"],
            key.to_ascii_lowercase(),
            severity,
            format!("diagnostics[{i}]"),
        ));
    }
    if keyless > 0 {
        return Err(fail(
            path,
            &format!(
                "{keyless} 条错误或警告没有识别码（key），无法与本月的问题对应（可能是旧版 yishi 的输出）"
            ),
            GIVE,
        ));
    }
    // Items of last month that could not be verified stay on the list.
    for (i, a) in json["absent"].as_array().into_iter().flatten().enumerate() {
        if a["state"].as_str() != Some("unverified") {
            continue;
        }
        let (Some(key), Some(severity)) = (
            a["key"].as_str().filter(|k| is_key(k)),
            a["severity"].as_str().and_then(severity_of),
        ) else {
            continue;
        };
        rows.push(json_row(
            a,
            a,
            key.to_ascii_lowercase(),
            severity,
            format!("absent[{i}]"),
        ));
    }
    Ok(rows)
}

fn from_sarif(path: &Path, json: &Json) -> Result<Vec<Row>, String> {
    let runs = json["runs"].as_array().filter(|r| !r.is_empty());
    let Some(run) = runs.and_then(|r| r.first()) else {
        return Err(fail(path, "是 SARIF，但没有一次运行（runs）", GIVE));
    };
    if run["tool"]["driver"]["name"].as_str() != Some("yishi") {
        return Err(fail(
            path,
            "是 SARIF，但不是 yishi 写出的（tool.driver.name 不是 yishi）",
            GIVE,
        ));
    }
    let mut rows = Vec::new();
    let mut keyless = 0;
    for (i, r) in run["results"].as_array().into_iter().flatten().enumerate() {
        let Some(severity) = r["level"].as_str().and_then(severity_of) else {
            continue;
        };
        let props = &r["properties"];
        let absent = r["baselineState"].as_str() == Some("absent");
        if absent && props["audit"]["state"].as_str() != Some("unverified") {
            continue;
        }
        let Some(key) = r["partialFingerprints"][crate::report::sarif::FINGERPRINT_KEY]
            .as_str()
            .filter(|k| is_key(k))
        else {
            keyless += 1;
            continue;
        };
        let mut d = props.clone();
        if let Json::Object(map) = &mut d {
            map.insert("code".into(), r["ruleId"].clone());
            map.insert("message".into(), r["message"]["text"].clone());
        }
        rows.push(json_row(
            &d,
            &props["audit"],
            key.to_ascii_lowercase(),
            severity,
            format!("results[{i}]"),
        ));
    }
    if keyless > 0 {
        return Err(fail(
            path,
            &format!("{keyless} 条结果没有 yishi 的指纹（partialFingerprints.yishi/v1）"),
            GIVE,
        ));
    }
    Ok(rows)
}

/// Last month's rows by street; what the run should say about them; the streets compared, each
/// with the file it is compared with.
pub type ByStreet = (
    BTreeMap<String, Vec<Row>>,
    Vec<String>,
    BTreeMap<String, String>,
);

/// Last month's rows by street, what the run should say about them, and the streets that have
/// a list to be compared with (and which file). A workbook of a street not in the batch, two
/// lists for one street, or a JSON file none of whose rows are of a street in the batch is an
/// error naming the file.
pub fn by_street(baselines: &[Baseline], streets: &[String]) -> Result<ByStreet, String> {
    let mut rows: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut notes = Vec::new();
    let mut covered: BTreeMap<String, String> = BTreeMap::new();
    let known: BTreeSet<&str> = streets.iter().map(String::as_str).collect();
    let batch = if streets.is_empty() {
        "没有街道".to_string()
    } else {
        streets.join("、")
    };
    let whole = baselines
        .iter()
        .filter(|b| b.kind != Kind::Workbook)
        .count();
    if whole > 0 && baselines.len() > 1 {
        let names: Vec<&str> = baselines.iter().map(|b| b.name.as_str()).collect();
        return Err(format!(
            "上月清单 {}：JSON 或 SARIF 的上月结果已包含整个批次，不能再与其他清单一起给出。修改方法：只给一个 JSON 文件，或改为每个街道各给一份整改清单.xlsx",
            names.join("、")
        ));
    }
    for b in baselines {
        if let Some(street) = &b.street {
            if !known.contains(street.as_str()) {
                return Err(format!(
                    "上月清单 {}：这是「{street}」的整改清单，本批次中没有这个街道（本批次：{batch}）。修改方法：给出本批次街道的整改清单，或检查批次文件夹是否选对",
                    b.name
                ));
            }
            if let Some(other) = covered.insert(street.clone(), b.name.clone()) {
                return Err(format!(
                    "上月清单 {} 和 {other} 都是「{street}」的整改清单。修改方法：每个街道只给一份上月的清单",
                    b.name
                ));
            }
            rows.entry(street.clone())
                .or_default()
                .extend(b.rows.iter().cloned());
            continue;
        }
        let mut elsewhere: BTreeMap<String, usize> = BTreeMap::new();
        let mut placed = 0;
        for row in &b.rows {
            let street = row
                .street
                .clone()
                .or_else(|| (streets.len() == 1).then(|| streets[0].clone()));
            match street {
                Some(s) if known.contains(s.as_str()) => {
                    placed += 1;
                    rows.entry(s).or_default().push(row.clone());
                }
                Some(s) => *elsewhere.entry(s).or_default() += 1,
                None => *elsewhere.entry("（未写明街道）".to_string()).or_default() += 1,
            }
        }
        if placed == 0 && !b.rows.is_empty() {
            let theirs: Vec<&str> = elsewhere.keys().map(String::as_str).collect();
            return Err(format!(
                "上月清单 {}：其中的问题属于{}，本批次中没有这些街道（本批次：{batch}）。修改方法：给出本批次街道上月的结果，或检查批次文件夹是否选对",
                b.name,
                theirs.join("、")
            ));
        }
        for (street, n) in elsewhere {
            notes.push(format!(
                "上月清单 {} 中有 {n} 项属于{street}，本批次中没有这个街道，未列入比对",
                b.name
            ));
        }
        for street in streets {
            covered.insert(street.clone(), b.name.clone());
        }
    }
    if !covered.is_empty() {
        for street in streets.iter().filter(|s| !covered.contains_key(*s)) {
            notes.push(format!(
                "{street} 没有给出上月的整改清单，本月的问题未与上月比对（每个街道用一个 --baseline 给出它的清单）"
            ));
        }
    }
    Ok((rows, notes, covered))
}
