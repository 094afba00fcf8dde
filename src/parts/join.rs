//! Joining the JSON reports of runs over parts of one batch into the report one run over the
//! whole would write, or saying why not.
//!
//! What is refused, each with the parts named and the fix:
//! - a file that is not a `yishi check --format json` report of this version of yishi;
//! - parts checked under different settings (check date, profiles, year, `yishi.toml`);
//! - parts that overlap: the same file, the same meeting code (one run would have merged the
//!   records or reported D006 and checked only the first), a street (or a community without a
//!   street) in two parts (its frequency rules count all its meetings), a finding or a
//!   前次会议编号 that names another part's meeting;
//! - parts whose frequency rules counted over different periods (no `--year`, and the meeting
//!   dates of the parts reach different quarters).
//!
//! What is joined as one run finds it: the files read and skipped in one run's order, the
//! accounting summed, the findings in one run's order with their keys taken from the whole
//! batch's folder; D010 (no record read) only if no part read one; a waiver reported unused
//! (D009) only if no part used it, an expired one once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;
use serde_json::{Map, Value as Json, json};

use crate::report::sarif;
use crate::rules::periods::{Period, Span};

/// The joined report, and each year's figures that every part carried.
#[derive(Debug)]
pub struct Joined {
    /// The JSON report one run over the whole batch writes, as text around its findings: the
    /// findings are kept as text, each part's tree dropped as soon as it is read (a tree takes
    /// ten times the room of its text), so that joining a province fits where its text fits.
    head: String,
    findings: Vec<String>,
    tail: String,
    /// The report's summary.
    pub summary: Json,
    /// `yishi report --year Y --format json` of the whole batch, for each year every part has.
    pub figures: Vec<Json>,
    /// Years some parts have and others not: not joined, with the reason.
    pub notes: Vec<String>,
}

impl Joined {
    /// Writes the joined report, as `yishi check --format json` prints it.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(self.head.as_bytes())?;
        if self.findings.is_empty() {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[\n    ")?;
            for (i, f) in self.findings.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",\n    ")?;
                }
                out.write_all(f.as_bytes())?;
            }
            out.write_all(b"\n  ]")?;
        }
        out.write_all(self.tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// What a part carries under `batch` (see [`super::carried`]).
#[derive(Debug, Deserialize)]
struct Carried {
    paths: Vec<String>,
    year: Option<i32>,
    spans: Spans,
    units: Vec<Unit>,
    meetings: Vec<String>,
    follow_ups: Vec<String>,
    passed_over: PassedOver,
    figures: Vec<Json>,
}

#[derive(Debug, Deserialize)]
struct Spans {
    street: Option<(String, String)>,
    community: Option<(String, String)>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Unit {
    street: Option<String>,
    community: Option<String>,
    level: String,
}

#[derive(Debug, Deserialize, Clone, Copy)]
struct PassedOver {
    walked: usize,
    linked: usize,
}

/// One part: a JSON report found whole, its findings kept as text.
pub struct Part {
    name: String,
    /// The report without its findings.
    doc: Json,
    carried: Carried,
    findings: Vec<Finding>,
}

/// A finding of a part: its JSON text and what joining looks at.
struct Finding {
    code: String,
    severity: String,
    message: String,
    meeting: Option<String>,
    path: Option<String>,
    sheet: Option<String>,
    line: u64,
    column: u64,
    /// The code a participant row names that no meeting of its part has.
    orphan: Option<String>,
    json: String,
}

impl Finding {
    fn of(d: &Json) -> Finding {
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
}

/// Joins the parts, or says (every reason at once) why the join would not equal one run.
pub fn join(mut read: Vec<Part>) -> Result<Joined, String> {
    if read.is_empty() {
        return Err("没有给出要合并的部分".to_string());
    }
    // One run walks the folders in name order: the parts in the order of their folders.
    read.sort_by_cached_key(|r| components(r.carried.paths.first().map_or("", String::as_str)));
    same_settings(&read)?;
    no_overlap(&read)?;
    same_periods(&read)?;
    let records: u64 = read
        .iter()
        .map(|r| r.doc["summary"]["records"].as_u64().unwrap_or(0))
        .sum();
    if records == 0 {
        return Err(
            "各部分都没有读到一条记录（D010），没有可合并的：核对各部分的批次文件夹".into(),
        );
    }
    let root = whole_root(&read);
    let (findings, counts) = diagnostics(&read, root.as_deref());
    let (figures, notes) = figures(&read);
    let mut report = read[0].doc.clone();
    let summary = summary(&read, counts);
    report["summary"] = summary.clone();
    report["diagnostics"] = json!(MARKER);
    report["batch"] = carried(&read, root.as_deref(), &figures);
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    let key = "\"diagnostics\": ";
    let marker = format!("{key}\"{MARKER}\"");
    let at = text.find(&marker).expect("the marker is in the report") + key.len();
    Ok(Joined {
        head: text[..at].to_string(),
        findings,
        tail: text[at + marker.len() - key.len()..].to_string(),
        summary,
        figures,
        notes,
    })
}

/// Where the findings go in the report's text.
// Plain ASCII, which JSON writes as it is; no record holds it where a findings list stands.
const MARKER: &str = "<yishi merge: the findings, 3f9a1c>";

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
    let Some(batch) = doc.get("batch") else {
        return not("缺少合并所需的 batch 信息（可能是旧版 yishi 的输出）");
    };
    let carried = match Carried::deserialize(batch) {
        Ok(carried) => carried,
        Err(e) => return not(&format!("batch 信息不完整或被改动过（{e}）")),
    };
    let findings = match doc["diagnostics"].take() {
        Json::Array(list) => list.iter().map(Finding::of).collect(),
        _ => Vec::new(),
    };
    doc["diagnostics"] = json!([]);
    Ok(Part {
        name,
        doc,
        carried,
        findings,
    })
}

/// A path's parts, as the walk compares names.
fn components(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_string)
        .collect()
}

/// A setting as messages name it, where a part says it, and how it is shown.
type Setting = (&'static str, fn(&Part) -> Json, fn(&Json) -> String);

/// The span of one level's group.
type SpanOf = fn(&Spans) -> &Option<(String, String)>;

/// Every setting that decides findings must be the same in every part.
fn same_settings(read: &[Part]) -> Result<(), String> {
    let settings: [Setting; 4] = [
        ("检查日（today）", |r| r.doc["today"].clone(), shown),
        ("规则集（profile）", |r| r.doc["profile"].clone(), shown),
        ("检查年度（--year）", |r| json!(r.carried.year), shown),
        (
            "工作区配置（yishi.toml）",
            |r| r.doc.get("config").cloned().unwrap_or(Json::Null),
            config_shown,
        ),
    ];
    let mut lines = Vec::new();
    for (what, value, show) in settings {
        let values: Vec<Json> = read.iter().map(value).collect();
        if values.iter().all(|v| *v == values[0]) {
            continue;
        }
        let each: Vec<String> = read
            .iter()
            .zip(&values)
            .map(|(r, v)| format!("{} {}", r.name, show(v)))
            .collect();
        lines.push(format!("  {what}：{}", each.join("；")));
    }
    if lines.is_empty() {
        return Ok(());
    }
    Err(format!(
        "各部分的检查设置不同，合并的结果不会等于整批检查一次，没有合并：\n{}\n  改法：各部分用同一个 yishi.toml、相同的 --today、--year 和 --profile 重新检查",
        lines.join("\n")
    ))
}

fn shown(v: &Json) -> String {
    match v {
        Json::Null => "未指定".to_string(),
        Json::String(s) => s.clone(),
        Json::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

/// A configuration in force as a part names it: its file and the start of its SHA-256.
fn config_shown(v: &Json) -> String {
    if v.is_null() {
        return "默认设置（没有 yishi.toml）".to_string();
    }
    match (v["file"]["path"].as_str(), v["file"]["sha256"].as_str()) {
        (Some(path), Some(sha)) => {
            format!("{path}（SHA-256 {}…）", sha.get(..16).unwrap_or(sha))
        }
        _ => format!("命令行设置 {v}"),
    }
}

/// Parts must hold disjoint files, meetings and streets, and name no meeting of another part.
fn no_overlap(read: &[Part]) -> Result<(), String> {
    let mut lines = Vec::new();
    let mut owner: HashMap<&str, usize> = HashMap::new();
    let mut twice: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for (i, r) in read.iter().enumerate() {
        let mut own = BTreeSet::new();
        for list in ["read_files", "skipped_files"] {
            for f in r.doc["summary"][list].as_array().into_iter().flatten() {
                if let Some(path) = f["path"].as_str() {
                    own.insert(path);
                }
            }
        }
        for path in own {
            if let Some(&j) = owner.get(path) {
                twice.entry((j, i)).or_default().push(path);
            } else {
                owner.insert(path, i);
            }
        }
    }
    for ((a, b), paths) in &twice {
        lines.push(format!(
            "  {} 和 {} 都有文件 {}",
            read[*a].name,
            read[*b].name,
            listed(paths)
        ));
    }

    let mut meeting_of: HashMap<&str, usize> = HashMap::new();
    let mut codes: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for (i, r) in read.iter().enumerate() {
        for code in &r.carried.meetings {
            if let Some(&j) = meeting_of.get(code.as_str()) {
                codes.entry((j, i)).or_default().push(code);
            } else {
                meeting_of.insert(code, i);
            }
        }
    }
    for ((a, b), list) in &codes {
        lines.push(format!(
            "  {} 和 {} 都有会议编号 {}（整批检查时同一编号的记录合并为一次会议，或报告编号重复 D006）",
            read[*a].name,
            read[*b].name,
            listed(list)
        ));
    }

    let mut named: BTreeMap<(usize, usize), BTreeSet<&str>> = BTreeMap::new();
    for (i, r) in read.iter().enumerate() {
        let mentioned = r.carried.follow_ups.iter().map(String::as_str).chain(
            r.findings
                .iter()
                .filter_map(|f| f.meeting.as_deref().or(f.orphan.as_deref())),
        );
        for code in mentioned {
            if let Some(&j) = meeting_of.get(code)
                && j != i
            {
                named.entry((i, j)).or_default().insert(code);
            }
        }
    }
    for ((a, b), list) in &named {
        lines.push(format!(
            "  {} 的记录提到 {} 的会议 {}（参会人员名单或前次会议编号）",
            read[*a].name,
            read[*b].name,
            listed(&list.iter().copied().collect::<Vec<_>>())
        ));
    }

    // A street (or a community with no street) is checked as one: its frequency, its
    // follow-ups and its figures count all its meetings.
    let mut unit_of: BTreeMap<(Option<&str>, Option<&str>), BTreeSet<usize>> = BTreeMap::new();
    for (i, r) in read.iter().enumerate() {
        for u in &r.carried.units {
            let key = match &u.street {
                Some(street) => (Some(street.as_str()), None),
                None => (None, u.community.as_deref()),
            };
            unit_of.entry(key).or_default().insert(i);
        }
    }
    for ((street, community), parts) in &unit_of {
        if parts.len() < 2 {
            continue;
        }
        let holders: Vec<&str> = parts.iter().map(|&i| read[i].name.as_str()).collect();
        let unit = match (street, community) {
            (Some(s), _) => format!("街道 {s}"),
            (None, Some(c)) => format!("社区（村）{c}（未填街道）"),
            (None, None) => "未填街道的街道层面会议".to_string(),
        };
        lines.push(format!(
            "  {unit} 的会议分在 {} 中（它的频次、后续会议和年度数字要看全部会议）",
            holders.join("、")
        ));
    }
    if lines.is_empty() {
        return Ok(());
    }
    Err(format!(
        "各部分有重叠，合并的结果不会等于整批检查一次，没有合并：\n{}\n  改法：按街道（或更大的范围）分批，同一街道的文件只放在一个部分；会议编号须全批次唯一，确实重复的先改正编号",
        lines.join("\n")
    ))
}

/// At most five items, then how many more.
fn listed(items: &[&str]) -> String {
    let shown: Vec<&str> = items.iter().take(5).copied().collect();
    if items.len() > shown.len() {
        format!("{} 等 {} 个", shown.join("、"), items.len())
    } else {
        shown.join("、")
    }
}

/// Without `--year`, the frequency rules count over the quarters from the batch's first to its
/// last meeting (streets apart from communities and villages): each part must have counted over
/// the quarters the whole batch reaches.
fn same_periods(read: &[Part]) -> Result<(), String> {
    let groups: [(&str, SpanOf, bool); 2] = [
        ("街道层面", |s| &s.street, true),
        ("社区（村）层面", |s| &s.community, false),
    ];
    let mut lines = Vec::new();
    for (what, span, street) in groups {
        let spans: Vec<Option<(chrono::NaiveDate, chrono::NaiveDate)>> = read
            .iter()
            .map(|r| {
                span(&r.carried.spans).as_ref().and_then(|(a, b)| {
                    Some((
                        chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?,
                        chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?,
                    ))
                })
            })
            .collect();
        let whole = spans.iter().flatten().fold(None, |acc, &(a, b)| match acc {
            None => Some((a, b)),
            Some((x, y)) => Some((a.min(x), b.max(y))),
        });
        let Some(whole) = whole else {
            continue;
        };
        let quarters = Period::covering(Span::Quarter, whole);
        let differs = read.iter().zip(&spans).any(|(r, s)| {
            let has_units = r
                .carried
                .units
                .iter()
                .any(|u| (u.level == "街道") == street);
            has_units && s.is_none_or(|s| Period::covering(Span::Quarter, s) != quarters)
        });
        if !differs {
            continue;
        }
        let each: Vec<String> = read
            .iter()
            .zip(&spans)
            .map(|(r, s)| match s {
                Some((a, b)) => format!("{} {a} 至 {b}", r.name),
                None => format!("{} 没有会议日期", r.name),
            })
            .collect();
        lines.push(format!("  {what}：{}", each.join("；")));
    }
    if lines.is_empty() {
        return Ok(());
    }
    Err(format!(
        "没有指定检查年度，各部分的会议日期跨越的季度不同，频次规则（每季度、每半年、每年几次）检查的期间与整批检查一次不同，没有合并：\n{}\n  改法：各部分用 --year（或 yishi.toml 的 year）指定同一年度重新检查",
        lines.join("\n")
    ))
}

/// The folder one run over the whole batch is given: the deepest folder that holds every part's
/// folders. `None` when there is none (parts given as `莲花街道`, `园岭街道`): the whole is then
/// one run given every part's folders, whose keys are the parts' own; and for one part, which is
/// its own whole.
fn whole_root(read: &[Part]) -> Option<String> {
    let mut common: Option<Vec<String>> = None;
    for r in read {
        for path in &r.carried.paths {
            let mut folder = components(path);
            // A part given as one file: its folder holds it.
            let is_file = ["read_files", "skipped_files"].iter().any(|list| {
                r.doc["summary"][list]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|f| f["path"].as_str() == Some(path.as_str()))
            });
            if is_file {
                folder.pop();
            }
            common = Some(match common {
                None => folder,
                Some(c) => c
                    .into_iter()
                    .zip(folder)
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect(),
            });
        }
    }
    let common = common?;
    // One part is the whole already, however its folder was given.
    if common.is_empty() || read.len() == 1 {
        return None;
    }
    let absolute = read
        .first()
        .and_then(|r| r.carried.paths.first())
        .is_some_and(|p| p.starts_with('/'));
    let joined = common.join("/");
    Some(if absolute {
        format!("/{joined}")
    } else {
        joined
    })
}

/// The findings of all parts in one run's order, D010 and D009 as one run reports them, each
/// keyed from the whole batch's folder, as the report's text lays them out; and how many there
/// are of each severity.
fn diagnostics(read: &[Part], root: Option<&str>) -> (Vec<String>, [usize; 3]) {
    // Files each part read or skipped: their findings keep the part's own order.
    let owned: Vec<BTreeSet<&str>> = read
        .iter()
        .map(|r| {
            ["read_files", "skipped_files"]
                .iter()
                .flat_map(|list| r.doc["summary"][*list].as_array().into_iter().flatten())
                .filter_map(|f| f["path"].as_str())
                .collect()
        })
        .collect();
    let mut d009: BTreeMap<WaiverPlace, (usize, &Finding)> = BTreeMap::new();
    let mut all: Vec<(Order, &Finding)> = Vec::new();
    for (p, r) in read.iter().enumerate() {
        for (i, f) in r.findings.iter().enumerate() {
            match f.code.as_str() {
                // One run over the whole read records (see `join`).
                "D010" => continue,
                // A waiver in the one configuration: expired in every part alike, unused only if
                // no part used it.
                "D009" => {
                    let same = (f.message.as_str(), f.path.as_deref(), f.line, f.column);
                    d009.entry(same).or_insert((0, f)).0 += 1;
                    continue;
                }
                _ => {}
            }
            let owns = f
                .path
                .as_deref()
                .is_some_and(|path| owned[p].contains(path));
            all.push((order(f, owns, p, i), f));
        }
    }
    for (n, f) in d009.into_values() {
        if n == read.len() {
            all.push((order(f, false, 0, 0), f));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let codes: BTreeSet<&str> = read
        .iter()
        .flat_map(|r| r.carried.meetings.iter().map(String::as_str))
        .collect();
    let mut counts = [0; 3];
    let text = all
        .into_iter()
        .map(|(_, f)| {
            if let Some(i) = ["error", "warning", "info"]
                .iter()
                .position(|s| *s == f.severity)
            {
                counts[i] += 1;
            }
            render(f, root, &codes)
        })
        .collect();
    (text, counts)
}

/// A D009 finding's message, file, line and column: the same waiver in every part.
type WaiverPlace<'a> = (&'a str, Option<&'a str>, u64, u64);

/// A finding as the report's text has it, its key from the whole batch's folder and, for a
/// participant row naming no meeting, the nearest code of the whole batch.
fn render(f: &Finding, root: Option<&str>, codes: &BTreeSet<&str>) -> String {
    let mut d: Json = serde_json::from_str(&f.json).expect("the text of a JSON value");
    if let Some(root) = root {
        rekey(&mut d, root);
    }
    if f.orphan.is_some() {
        suggest(&mut d, codes);
    }
    // Findings sit two levels down in the report: every line after the first is indented by
    // four more spaces (a string in JSON holds no line break of its own).
    serde_json::to_string_pretty(&d)
        .expect("a JSON value")
        .replace('\n', "\n    ")
}

/// The code of a participant row that names no meeting (D003), which one run would have
/// attached to another part's meeting of that code.
fn orphan(d: &Json) -> Option<&str> {
    (d["code"] == "D003" && d["field"] == "编号" && d["meeting"].is_null())
        .then(|| d["facts"]["code"].as_str())
        .flatten()
}

/// A participant row naming no meeting is told the nearest code of the whole batch, as one run
/// tells it, not the nearest of its own part.
fn suggest(d: &mut Json, codes: &BTreeSet<&str>) {
    let Some(code) = orphan(d).map(str::to_string) else {
        return;
    };
    let nearest = crate::spelling::nearest(&code, codes.iter().copied());
    if let Json::Object(facts) = &mut d["facts"] {
        match nearest {
            Some(s) => {
                facts.insert("suggestion".into(), json!(s));
            }
            None => {
                facts.shift_remove("suggestion");
            }
        }
    }
}

/// Where a finding sorts in one run: by its file (a sheet by `workbook › sheet`), then by its
/// place. Within a file of one part the part's order is one run's; in a file every part points
/// at (`yishi.toml`) and for findings at no file, by line, column, code and message as one run
/// sorts them.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Order {
    file: String,
    place: Place,
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    InPart(usize, usize),
    Shared(u64, u64, String, String, usize, usize),
}

fn order(f: &Finding, owned: bool, part: usize, index: usize) -> Order {
    let file = match (&f.path, &f.sheet) {
        (Some(path), Some(sheet)) => format!("{path} › {sheet}"),
        (Some(path), None) => path.clone(),
        (None, _) => String::new(),
    };
    let place = if owned {
        Place::InPart(part, index)
    } else {
        Place::Shared(
            f.line,
            f.column,
            f.code.clone(),
            f.message.clone(),
            part,
            index,
        )
    };
    Order { file, place }
}

/// The key one run over `root` gives the finding: its file's URI below `root`. A file outside
/// it (a `yishi.toml` further up) has its absolute URI in every run alike: the key stays.
fn rekey(d: &mut Json, root: &str) {
    let Some(path) = d["path"].as_str() else {
        return;
    };
    let rest = path
        .strip_prefix(root)
        .and_then(|r| r.strip_prefix('/'))
        .map(|r| r.trim_start_matches('/'));
    let Some(rest) = rest.filter(|r| !r.is_empty()) else {
        return;
    };
    let key = sarif::fingerprint_of(
        d["code"].as_str().unwrap_or(""),
        d["meeting"].as_str(),
        d["field"].as_str(),
        Some(&sarif::relative_uri(rest)),
        d["message"].as_str().unwrap_or(""),
    );
    if let Json::Object(map) = d
        && map.contains_key("key")
    {
        map.insert("key".into(), json!(key));
    }
}

/// The summary one run writes: files in its order, every count summed, the findings counted.
fn summary(read: &[Part], [errors, warnings, infos]: [usize; 3]) -> Json {
    let mut summary = read[0].doc["summary"].clone();
    let list = |r: &Part, key: &str| -> Vec<Json> {
        r.doc["summary"][key]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let read_files: Vec<Json> = read.iter().flat_map(|r| list(r, "read_files")).collect();
    // Passed over while walking, then other ways to files read once, then met while reading.
    let mut skipped: [Vec<Json>; 3] = Default::default();
    for r in read {
        let all = list(r, "skipped_files");
        let PassedOver { walked, linked } = r.carried.passed_over;
        let walked = walked.min(all.len());
        let linked = (walked + linked).min(all.len());
        skipped[0].extend_from_slice(&all[..walked]);
        skipped[1].extend_from_slice(&all[walked..linked]);
        skipped[2].extend_from_slice(&all[linked..]);
    }
    let skipped_files: Vec<Json> = skipped.into_iter().flatten().collect();
    let read_paths: BTreeSet<&str> = read_files
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    let skipped_paths: BTreeSet<&str> = skipped_files
        .iter()
        .filter_map(|f| f["path"].as_str())
        .filter(|p| !read_paths.contains(p))
        .collect();
    let sum = |keys: &[&str]| -> u64 {
        read.iter()
            .map(|r| {
                keys.iter()
                    .fold(&r.doc["summary"], |v, k| &v[*k])
                    .as_u64()
                    .unwrap_or(0)
            })
            .sum()
    };
    let mut accounting = Map::new();
    if let Some(first) = read[0].doc["summary"]["accounting"].as_object() {
        for key in first.keys() {
            accounting.insert(key.clone(), json!(sum(&["accounting", key])));
        }
    }
    summary["files"] = json!(read_paths.len() + skipped_paths.len());
    summary["records"] = json!(sum(&["records"]));
    summary["accounting"] = Json::Object(accounting);
    summary["meetings"] = json!(sum(&["meetings"]));
    summary["errors"] = json!(errors);
    summary["warnings"] = json!(warnings);
    summary["infos"] = json!(infos);
    summary["read_files"] = Json::Array(read_files);
    summary["skipped_files"] = Json::Array(skipped_files);
    summary
}

/// The whole batch's `batch` object: what one run over it would carry.
fn carried(read: &[Part], root: Option<&str>, figures: &[Json]) -> Json {
    let paths: Vec<&str> = match root {
        Some(root) => vec![root],
        None => read
            .iter()
            .flat_map(|r| r.carried.paths.iter().map(String::as_str))
            .collect(),
    };
    let span = |pick: fn(&Spans) -> &Option<(String, String)>| {
        read.iter()
            .filter_map(|r| pick(&r.carried.spans).clone())
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
            .map(|(a, b)| json!([a, b]))
    };
    let units: BTreeSet<Unit> = read
        .iter()
        .flat_map(|r| r.carried.units.iter().cloned())
        .collect();
    let meetings: BTreeSet<&str> = read
        .iter()
        .flat_map(|r| r.carried.meetings.iter().map(String::as_str))
        .collect();
    let follow_ups: BTreeSet<&str> = read
        .iter()
        .flat_map(|r| r.carried.follow_ups.iter().map(String::as_str))
        .collect();
    let (walked, linked) = read.iter().fold((0, 0), |(w, l), r| {
        (
            w + r.carried.passed_over.walked,
            l + r.carried.passed_over.linked,
        )
    });
    let mut batch = read[0].doc["batch"].clone();
    batch["paths"] = json!(paths);
    batch["spans"] = json!({ "street": span(|s| &s.street), "community": span(|s| &s.community) });
    batch["units"] = units
        .iter()
        .map(|u| json!({ "street": u.street, "community": u.community, "level": u.level }))
        .collect();
    batch["meetings"] = json!(meetings);
    batch["follow_ups"] = json!(follow_ups);
    batch["passed_over"] = json!({ "walked": walked, "linked": linked });
    batch["figures"] = json!(figures);
    batch
}

/// Each year's figures that every part carries, joined: one run lists every unit of the batch,
/// by street and community. A year only some parts have is left out, and said.
fn figures(read: &[Part]) -> (Vec<Json>, Vec<String>) {
    let years = |r: &Part| -> BTreeMap<i64, Json> {
        r.carried
            .figures
            .iter()
            .filter_map(|f| Some((f["year"].as_i64()?, f.clone())))
            .collect()
    };
    let by_part: Vec<BTreeMap<i64, Json>> = read.iter().map(years).collect();
    let every: BTreeSet<i64> = by_part.iter().flat_map(|y| y.keys().copied()).collect();
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for year in every {
        let missing: Vec<&str> = read
            .iter()
            .zip(&by_part)
            .filter(|(_, y)| !y.contains_key(&year))
            .map(|(r, _)| r.name.as_str())
            .collect();
        if !missing.is_empty() {
            notes.push(format!(
                "{year} 年度的数字没有合并（合并的 JSON 的 batch.figures 中也没有这一年）：{} 中没有这一年的会议，没有算出这一年的数字；要这一年的数字，各部分用 --year {year} 检查",
                missing.join("、")
            ));
            continue;
        }
        let mut units: Vec<Json> = by_part
            .iter()
            .flat_map(|y| y[&year]["units"].as_array().cloned().unwrap_or_default())
            .collect();
        units.sort_by_cached_key(|u| {
            (
                u["street"].as_str().map(str::to_string),
                u["community"].as_str().map(str::to_string),
            )
        });
        let mut joined = by_part[0][&year].clone();
        joined["units"] = Json::Array(units);
        out.push(joined);
    }
    (out, notes)
}
