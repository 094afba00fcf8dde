//! One part as `yishi merge` reads it: a JSON report of `yishi check` found whole, what it
//! carries under `batch` (moved out of the report, not copied), and its findings kept as text (a
//! parsed tree takes ten times the room of its text: a province's findings would not fit); a
//! street of a batch checked street by street keeps its findings' text in a temporary file
//! ([`Store`]).

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::store::{Store, Stored};
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

    /// A part from a run's report without its findings (`doc`, its `diagnostics` empty) and its
    /// `count` findings, each made by `finding` from its place and its text put in `store` at
    /// once, on all the cores: the tree of all a run's findings is never built, nor is their
    /// text held.
    pub fn of_findings(
        name: String,
        doc: Json,
        count: usize,
        finding: &(dyn Fn(usize) -> Json + Sync),
        store: &Arc<Store>,
    ) -> Result<Part, String> {
        use rayon::prelude::*;
        let mut part = shape(name, doc)?;
        part.findings = (0..count)
            .into_par_iter()
            .map(|i| Finding::stored(&finding(i), store))
            .collect::<std::io::Result<_>>()
            .map_err(|e| format!("无法写入临时文件：{e}"))?;
        Ok(part)
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
    if let Json::Object(keys) = &batch {
        doc["batch"] = keys
            .keys()
            .map(|k| (k.clone(), Json::Null))
            .collect::<serde_json::Map<_, _>>()
            .into();
        if let Some(year) = batch.get("year") {
            doc["batch"]["year"] = year.clone();
        }
    }
    let mut carried = match Carried::deserialize(batch) {
        Ok(carried) => carried,
        Err(e) => return not(&format!("batch 信息不完整或被改动过（{e}）")),
    };
    let years = std::mem::take(&mut carried.figures)
        .into_iter()
        .map(Year::of)
        .collect();
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
    json: Text,
}

/// A finding's JSON text: held, or in a store.
#[derive(Debug)]
enum Text {
    Held(String),
    Stored(Stored),
}

impl Finding {
    pub(super) fn of(d: &Json) -> Finding {
        Finding::with_text(d, Text::Held(d.to_string()))
    }

    /// [`Finding::of`], its text put in `store`.
    fn stored(d: &Json, store: &Arc<Store>) -> std::io::Result<Finding> {
        Ok(Finding::with_text(
            d,
            Text::Stored(store.put(&d.to_string())?),
        ))
    }

    /// The finding's JSON text.
    pub(super) fn json(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        Ok(match &self.json {
            Text::Held(text) => text.into(),
            Text::Stored(stored) => stored.text()?.into(),
        })
    }

    fn with_text(d: &Json, json: Text) -> Finding {
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
            json,
        }
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
