//! Why parts would not join into one run's report: different settings, overlapping parts,
//! frequency periods that differ. Each says which parts, what differs and how to rerun them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Value as Json, json};

use super::part::{Part, Spans, components};
use crate::rules::periods::{Period, Span};

/// A setting as messages name it, where a part says it, and how it is shown.
type Setting = (&'static str, fn(&Part) -> Json, fn(&Json) -> String);

/// The span of one level's group.
type SpanOf = fn(&Spans) -> &Option<(String, String)>;

/// Every setting that decides findings must be the same in every part.
pub(super) fn same_settings(read: &[Part]) -> Result<(), String> {
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
pub(super) fn no_overlap(read: &[Part]) -> Result<(), String> {
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
    // Parts are folders side by side: one run lists a folder's files together, and the files of
    // a folder inside another part's (or of the same folder) would fall among that part's.
    for (i, a) in read.iter().enumerate() {
        for b in &read[i + 1..] {
            let inside = |p: &String, q: &String| components(p).starts_with(&components(q));
            let nested = a.carried.paths.iter().find_map(|p| {
                b.carried
                    .paths
                    .iter()
                    .find(|q| inside(p, q) || inside(q, p))
                    .map(|q| (p, q))
            });
            if let Some((p, q)) = nested {
                lines.push(format!(
                    "  {} 的批次文件夹 {p} 和 {} 的 {q} 相同或一个在另一个里面（各部分应是并列的文件夹，如每个街道一个）",
                    a.name, b.name
                ));
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
            // A code of its own meetings that another part has too is said above.
            let own = r
                .carried
                .meetings
                .binary_search_by(|m| m.as_str().cmp(code))
                .is_ok();
            if let Some(&j) = meeting_of.get(code)
                && j != i
                && !own
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
pub(super) fn same_periods(read: &[Part]) -> Result<(), String> {
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
