//! What the Markdown body of a minutes file already says, so that the printed minutes state
//! each fact once: where the body has a paragraph or a section for the time, the place, the
//! host, the attendance, the attendees, the vote or the result, the template leaves its own
//! line for that fact out. Also what the body needs to serve as a signed record: its attendee
//! table gets an empty 签名 column (a place for each person to sign, never a printed "是"), and
//! the names of the people present are kept whole at line ends.

use serde_json::{Value as Json, json};

/// A fact the minutes template prints unless the body has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    Time,
    Venue,
    Host,
    Recorder,
    Attendance,
    Attendees,
    Votes,
    Outcome,
}

impl Fact {
    pub const ALL: [Fact; 8] = [
        Fact::Time,
        Fact::Venue,
        Fact::Host,
        Fact::Recorder,
        Fact::Attendance,
        Fact::Attendees,
        Fact::Votes,
        Fact::Outcome,
    ];

    /// The key the template reads in `covered`.
    pub fn key(self) -> &'static str {
        match self {
            Fact::Time => "time",
            Fact::Venue => "venue",
            Fact::Host => "host",
            Fact::Recorder => "recorder",
            Fact::Attendance => "attendance",
            Fact::Attendees => "attendees",
            Fact::Votes => "votes",
            Fact::Outcome => "outcome",
        }
    }

    /// Whether a paragraph (its plain text) states the fact.
    fn in_paragraph(self, text: &str) -> bool {
        let labelled = |labels: &[&str]| {
            labels
                .iter()
                .any(|l| text.contains(&format!("{l}：")) || text.contains(&format!("{l}:")))
        };
        match self {
            Fact::Time => labelled(&["会议时间", "时间"]),
            Fact::Venue => labelled(&["会议地点", "地点"]),
            Fact::Host => labelled(&["主持人", "主持"]),
            Fact::Recorder => labelled(&["记录人", "记录"]),
            Fact::Attendance => text.contains("应到") && text.contains("实到"),
            Fact::Attendees => {
                ATTENDEE_HEADINGS.iter().any(|h| text.starts_with(h)) && labelled(ATTENDEE_HEADINGS)
            }
            Fact::Votes => labelled(&["表决情况", "表决结果"]),
            Fact::Outcome => labelled(&["协商结果", "会议结果", "会议决议"]),
        }
    }

    /// Whether a heading (its plain text) opens a section about the fact.
    fn in_heading(self, text: &str) -> bool {
        match self {
            Fact::Attendees => ATTENDEE_HEADINGS.iter().any(|h| text.contains(h)),
            Fact::Votes => text.contains("表决"),
            Fact::Outcome => ["协商结果", "会议结果", "议定事项", "会议决议", "决议事项"]
                .iter()
                .any(|h| text.contains(h)),
            _ => false,
        }
    }
}

/// Headings and labels of an attendee list.
const ATTENDEE_HEADINGS: &[&str] = &["参会人员", "出席人员", "参加人员", "到会人员", "与会人员"];

/// Column names of a signature column.
const SIGN_COLUMNS: &[&str] = &["签名", "签字", "本人签名", "签名确认"];

/// The plain text of inline nodes in their JSON form.
fn plain(inlines: &Json) -> String {
    let mut out = String::new();
    for node in inlines.as_array().into_iter().flatten() {
        if let Some(text) = node.get("text").and_then(Json::as_str) {
            out.push_str(text);
        }
        if let Some(content) = node.get("content") {
            out.push_str(&plain(content));
        }
    }
    out
}

/// The facts the body states, in [`Fact::ALL`] order.
pub fn covered(blocks: &[Json]) -> Vec<Fact> {
    let mut found = Vec::new();
    for block in blocks {
        let kind = block.get("kind").and_then(Json::as_str);
        let text = block.get("content").map(plain).unwrap_or_default();
        for fact in Fact::ALL {
            let states = match kind {
                Some("heading") => fact.in_heading(&text),
                Some("paragraph") => fact.in_paragraph(&text),
                _ => false,
            };
            if states && !found.contains(&fact) {
                found.push(fact);
            }
        }
    }
    found.sort_by_key(|f| Fact::ALL.iter().position(|g| g == f));
    found
}

/// The body's attendee table (the first table after a heading that names the attendees, with a
/// 姓名 column) gets an empty signature column: existing 签名 cells are cleared (a printed "是"
/// is no signature), or the column is added. Returns whether the body has such a table.
pub fn blank_signatures(blocks: &mut [Json]) -> bool {
    let mut under_attendees = false;
    for block in blocks.iter_mut() {
        match block.get("kind").and_then(Json::as_str) {
            Some("heading") => {
                let text = block.get("content").map(plain).unwrap_or_default();
                under_attendees = Fact::Attendees.in_heading(&text);
            }
            Some("table") if under_attendees => {
                let header: Vec<String> = block["header"]
                    .as_array()
                    .map(|cells| cells.iter().map(plain).collect())
                    .unwrap_or_default();
                if !header.iter().any(|h| h.trim() == "姓名") {
                    continue;
                }
                let sign = header.iter().position(|h| SIGN_COLUMNS.contains(&h.trim()));
                let width = header.len();
                if sign.is_none()
                    && let Some(cells) = block["header"].as_array_mut()
                {
                    cells.push(json!([{ "kind": "text", "text": "签名" }]));
                }
                for row in block["rows"].as_array_mut().into_iter().flatten() {
                    let Some(cells) = row.as_array_mut() else {
                        continue;
                    };
                    if let Some(i) = sign {
                        if let Some(cell) = cells.get_mut(i) {
                            *cell = json!([]);
                        }
                    } else {
                        cells.resize(width, json!([]));
                        cells.push(json!([]));
                    }
                }
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Text nodes in `blocks` with the given names (people's names, their roles) split out as
/// `{"kind": "name"}` nodes, which the template keeps on one line. Longer names first, so that
/// 欧阳振华 is not cut at 欧阳.
pub fn keep_names_whole(blocks: &mut [Json], names: &[String]) {
    let mut names: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| n.chars().count() >= 2)
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    if names.is_empty() {
        return;
    }
    for block in blocks {
        walk(block, &names);
    }
}

fn walk(node: &mut Json, names: &[&str]) {
    match node {
        Json::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for mut item in std::mem::take(items) {
                if item.get("kind").and_then(Json::as_str) == Some("text")
                    && let Some(text) = item.get("text").and_then(Json::as_str)
                {
                    out.extend(split(text, names));
                } else {
                    walk(&mut item, names);
                    out.push(item);
                }
            }
            *items = out;
        }
        Json::Object(map) => {
            for (key, value) in map.iter_mut() {
                if matches!(key.as_str(), "content" | "items" | "rows" | "header") {
                    walk(value, names);
                }
            }
        }
        _ => {}
    }
}

/// `text` as text and name nodes.
fn split(text: &str, names: &[&str]) -> Vec<Json> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut plain_run = String::new();
    while !rest.is_empty() {
        if let Some(name) = names.iter().find(|n| rest.starts_with(**n)) {
            if !plain_run.is_empty() {
                out.push(json!({ "kind": "text", "text": std::mem::take(&mut plain_run) }));
            }
            out.push(json!({ "kind": "name", "text": name }));
            rest = &rest[name.len()..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            plain_run.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !plain_run.is_empty() {
        out.push(json!({ "kind": "text", "text": plain_run }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Json {
        json!({ "kind": "paragraph", "content": [{ "kind": "text", "text": text }] })
    }

    fn heading(text: &str) -> Json {
        json!({ "kind": "heading", "level": 2, "content": [{ "kind": "text", "text": text }] })
    }

    fn cell(text: &str) -> Json {
        json!([{ "kind": "text", "text": text }])
    }

    #[test]
    fn facts_the_body_states() {
        let blocks = [
            para("会议时间：2026年10月12日"),
            para("会议地点：议事厅"),
            para("主持人：陈喆　　记录人：何嘉欣"),
            para("应到15人，实到12人。"),
            heading("参会人员"),
            heading("表决情况"),
            heading("协商结果"),
        ];
        assert_eq!(covered(&blocks), Fact::ALL);
        assert_eq!(covered(&[para("讨论了时间安排。")]), []);
    }

    #[test]
    fn attendee_table_gets_an_empty_signature_column() {
        let mut blocks = vec![
            heading("参会人员"),
            json!({ "kind": "table", "header": [cell("姓名"), cell("签名")],
                    "rows": [[cell("陈喆"), cell("是")]] }),
        ];
        assert!(blank_signatures(&mut blocks));
        assert_eq!(blocks[1]["rows"][0][1], json!([]));
        let mut blocks = vec![
            heading("出席人员"),
            json!({ "kind": "table", "header": [cell("姓名"), cell("身份")],
                    "rows": [[cell("陈喆"), cell("两委成员")]] }),
        ];
        assert!(blank_signatures(&mut blocks));
        assert_eq!(plain(&blocks[1]["header"][2]), "签名");
        assert_eq!(blocks[1]["rows"][0][2], json!([]));
        assert!(!blank_signatures(&mut [para("无表格")]));
    }

    #[test]
    fn names_become_name_nodes() {
        let mut blocks = vec![para("欧阳振华（人大代表）：同意欧阳的意见。")];
        keep_names_whole(
            &mut blocks,
            &[
                "欧阳振华".to_string(),
                "人大代表".to_string(),
                "欧".to_string(),
            ],
        );
        assert_eq!(
            blocks[0]["content"],
            json!([
                { "kind": "name", "text": "欧阳振华" },
                { "kind": "text", "text": "（" },
                { "kind": "name", "text": "人大代表" },
                { "kind": "text", "text": "）：同意欧阳的意见。" },
            ])
        );
    }
}
