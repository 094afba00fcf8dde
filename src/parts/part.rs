//! One part as `yishi merge` reads it: a JSON report of `yishi check` found whole, what it
//! carries under `batch` (moved out of the report, not copied), and its findings kept as text (a
//! parsed tree takes ten times the room of its text: a province's findings would not fit).

use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::years::Year;

/// What a part carries under `batch` (see [`super::carried`]).
#[derive(Debug, Deserialize)]
pub(super) struct Carried {
    pub(super) paths: Vec<String>,
    pub(super) year: Option<i32>,
    pub(super) spans: Spans,
    pub(super) units: Vec<Unit>,
    pub(super) meetings: Vec<String>,
    pub(super) follow_ups: Vec<String>,
    pub(super) passed_over: PassedOver,
    pub(super) figures: Vec<Json>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Spans {
    pub(super) street: Option<(String, String)>,
    pub(super) community: Option<(String, String)>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone)]
pub(super) struct Unit {
    pub(super) street: Option<String>,
    pub(super) community: Option<String>,
    pub(super) level: String,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub(super) struct PassedOver {
    pub(super) walked: usize,
    pub(super) linked: usize,
}

/// One part: a JSON report found whole, its findings kept as text.
#[derive(Debug)]
pub struct Part {
    pub(super) name: String,
    /// The report without its findings.
    pub(super) doc: Json,
    pub(super) carried: Carried,
    /// Each year's figures it carries (moved out of `carried`), as text.
    pub(super) years: Vec<Year>,
    pub(super) findings: Vec<Finding>,
}
impl Part {
    /// A part's report (`name` is what messages call it: its file), or what it is instead.
    pub fn new(name: String, doc: Json) -> Result<Part, String> {
        shape(name, doc)
    }
}

/// Reads a part's report, or says what it is instead.
fn shape(name: String, mut doc: Json) -> Result<Part, String> {
    let not = |what: &str| -> Result<Part, String> {
        Err(format!(
            "{name}：{what}；yishi merge 合并的是各部分 yishi check --format json 的输出"
        ))
    };
    if !doc.is_object() {
        return not("不是 yishi 的 JSON 输出（不是一个 JSON 对象）");
    }
    if doc.get("runs").is_some() {
        return not("是 SARIF 日志（--format sarif），不是 JSON 报告");
    }
    if doc["tool"] != "yishi" {
        return not("不是 yishi 的输出（没有 \"tool\": \"yishi\"）");
    }
    let ours = env!("CARGO_PKG_VERSION");
    if doc["version"] != ours {
        return Err(format!(
            "{name}：由 yishi {} 写出，这里是 yishi {ours}：不同版本的规则和输出可能不同，用 yishi {ours} 重新检查这一部分",
            doc["version"].as_str().unwrap_or("（版本不明）")
        ));
    }
    if doc.get("units").is_some() && doc.get("diagnostics").is_none() {
        return not(
            "是年度数字（yishi report --format json），不是检查结果；各年度的数字已在 check 的输出中，合并 check 的输出即可",
        );
    }
    if doc.get("audit").is_some() {
        return not("是 yishi audit 的输出（带与上月比对的状态），不能合并");
    }
    if doc.get("hidden").is_some() {
        return not("带 --show-hidden 的复查结果，不能合并；不加 --show-hidden 重新检查这一部分");
    }
    if !doc["diagnostics"].is_array() || !doc["summary"].is_object() {
        return not("缺少 diagnostics 或 summary");
    }
    let Some(batch) = doc.get_mut("batch").map(Json::take) else {
        return not("缺少合并所需的 batch 信息（可能是旧版 yishi 的输出）");
    };
    // What the part carries is moved out of its report, not copied (its figures are most of
    // it); the report keeps the keys, in their order, for the joined report to fill.
    if batch.is_object() {
        doc["batch"] = keys_of(&batch);
    }
    let mut carried = match Carried::deserialize(batch) {
        Ok(carried) => carried,
        Err(e) => return not(&format!("batch 信息不完整或被改动过（{e}）")),
    };
    let years = std::mem::take(&mut carried.figures)
        .into_iter()
        .map(|f| Year::of(f, None))
        .collect::<std::io::Result<_>>()
        .expect("text held, not written");
    let findings = match doc["diagnostics"].take() {
        Json::Array(list) => list.iter().map(Finding::of).collect(),
        _ => Vec::new(),
    };
    doc["diagnostics"] = json!([]);
    Ok(Part {
        name,
        doc,
        carried,
        years,
        findings,
    })
}

/// A `batch` object's keys, in their order, their values aside (`year` kept).
pub(super) fn keys_of(batch: &Json) -> Json {
    let mut keys: Json = batch
        .as_object()
        .into_iter()
        .flat_map(|map| map.keys())
        .map(|k| (k.clone(), Json::Null))
        .collect::<serde_json::Map<_, _>>()
        .into();
    if let Some(year) = batch.get("year") {
        keys["year"] = year.clone();
    }
    keys
}

/// A finding of a part: its JSON text and what joining looks at.
#[derive(Debug)]
pub(super) struct Finding {
    pub(super) code: String,
    pub(super) severity: String,
    pub(super) message: String,
    pub(super) meeting: Option<String>,
    pub(super) path: Option<String>,
    pub(super) sheet: Option<String>,
    pub(super) line: u64,
    pub(super) column: u64,
    /// The code a participant row names that no meeting of its part has.
    pub(super) orphan: Option<String>,
    json: String,
}

impl Finding {
    pub(super) fn of(d: &Json) -> Finding {
        let text = |key: &str| d[key].as_str().map(str::to_string);
        Finding {
            code: text("code").unwrap_or_default(),
            severity: text("severity").unwrap_or_default(),
            message: text("message").unwrap_or_default(),
            meeting: text("meeting"),
            path: text("path"),
            sheet: text("sheet"),
            line: d["line"].as_u64().unwrap_or(0),
            column: d["column"].as_u64().unwrap_or(0),
            orphan: orphan(d).map(str::to_string),
            json: d.to_string(),
        }
    }

    /// The finding's JSON text.
    pub(super) fn json(&self) -> &str {
        &self.json
    }
}

/// The code of a participant row that names no meeting (D003), which one run would have
/// attached to another part's meeting of that code.
pub(super) fn orphan(d: &Json) -> Option<&str> {
    (d["code"] == "D003" && d["field"] == "编号" && d["meeting"].is_null())
        .then(|| d["facts"]["code"].as_str())
        .flatten()
}

/// A path's parts, as the walk compares names.
pub(super) fn components(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_string)
        .collect()
}
