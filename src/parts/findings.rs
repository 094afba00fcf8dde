//! The parts' findings joined in one run's order, each as the report's text has it: kept as
//! text while joining (a parsed tree takes ten times the room), keyed from the whole batch's
//! folder, D009 and D010 as one run reports them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};

use super::part::{Finding, Part, orphan};
use crate::report::sarif;

/// The findings of all parts in one run's order (each as its part and its place in the part),
/// D010 and D009 as one run reports them; and how many there are of each severity. [`texts`]
/// writes them as the report's text lays them out.
pub(super) fn diagnostics(read: &[Part]) -> (Vec<(usize, usize)>, [usize; 3]) {
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
    let mut d009: BTreeMap<WaiverPlace, (usize, &Finding, (usize, usize))> = BTreeMap::new();
    let mut all: Vec<(Order, &Finding, (usize, usize))> = Vec::new();
    for (p, r) in read.iter().enumerate() {
        for (i, f) in r.findings.iter().enumerate() {
            match f.code.as_str() {
                // One run over the whole read records (see `join`).
                "D010" => continue,
                // A waiver in the one configuration: expired in every part alike, unused only if
                // no part used it.
                "D009" => {
                    let same = (f.message.as_str(), f.path.as_deref(), f.line, f.column);
                    d009.entry(same).or_insert((0, f, (p, i))).0 += 1;
                    continue;
                }
                _ => {}
            }
            let owns = f
                .path
                .as_deref()
                .is_some_and(|path| owned[p].contains(path));
            all.push((order(f, owns, p, i), f, (p, i)));
        }
    }
    for (n, f, at) in d009.into_values() {
        if n == read.len() {
            all.push((order(f, false, 0, 0), f, at));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let mut counts = [0; 3];
    for (_, f, _) in &all {
        if let Some(i) = ["error", "warning", "info"]
            .iter()
            .position(|s| *s == f.severity)
        {
            counts[i] += 1;
        }
    }
    (all.into_iter().map(|(_, _, at)| at).collect(), counts)
}

/// Writes the findings at `order` as the report's text lays them out, keyed from the whole
/// batch's folder `root`, each through `each`. A few thousand at a time are written on all the
/// cores (each is parsed and written again), so that the text of all of them is never held.
pub(super) fn texts(
    read: &[Part],
    order: &[(usize, usize)],
    root: Option<&str>,
    each: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let codes: BTreeSet<&str> = read
        .iter()
        .flat_map(|r| r.carried.meetings.iter().map(String::as_str))
        .collect();
    for chunk in order.chunks(4096) {
        let texts: Vec<String> = chunk
            .par_iter()
            .map(|&(p, i)| render(&read[p].findings[i], root, &codes))
            .collect();
        for text in texts {
            each(&text)?;
        }
    }
    Ok(())
}

/// A D009 finding's message, file, line and column: the same waiver in every part.
type WaiverPlace<'a> = (&'a str, Option<&'a str>, u64, u64);

/// A finding as the report's text has it, its key from the whole batch's folder and, for a
/// participant row naming no meeting, the nearest code of the whole batch.
fn render(f: &Finding, root: Option<&str>, codes: &BTreeSet<&str>) -> String {
    let mut d: Json = serde_json::from_str(f.json()).expect("the text of a JSON value");
    if let Some(root) = root {
        rekey(&mut d, root);
    }
    if f.orphan.is_some() {
        suggest(&mut d, codes);
    }
    super::frame::finding_text(&d)
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
