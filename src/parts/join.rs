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

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value as Json, json};

use super::findings::{diagnostics, texts};
use super::frame::Frame;
use super::part::{Carried, Part, PassedOver, Spans, Unit, components};
use super::refuse::{no_overlap, same_periods, same_settings};
use super::years::Year;

/// The joined report, and each year's figures that every part carried.
#[derive(Debug)]
pub struct Joined {
    /// The JSON report one run over the whole batch writes, as text around its findings: the
    /// findings are kept as the parts' text, each part's tree dropped as soon as it is read (a
    /// tree takes ten times the room of its text), and written out a few thousand at a time, so
    /// that joining a province fits where its parts' text fits.
    frame: Frame,
    read: Vec<Part>,
    /// The findings in one run's order: a part, and a finding's place in it.
    order: Vec<(usize, usize)>,
    /// The folder one run over the whole batch is given, from which the findings are keyed.
    root: Option<String>,
    /// The report's summary.
    pub summary: Json,
    /// `yishi report --year Y --format json` of the whole batch, for each year every part has.
    pub figures: Vec<Year>,
    /// Years some parts have and others not: not joined, with the reason.
    pub notes: Vec<String>,
}

impl Joined {
    /// The folder the joined report names as the batch's when the parts are folders of one
    /// folder; `None` when it names the parts' own.
    pub fn root(&self) -> Option<&str> {
        self.root.as_deref()
    }

    /// Writes the joined report, as `yishi check --format json` prints it.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.frame.write(
            out,
            &mut |each| texts(&self.read, &self.order, self.root.as_deref(), each),
            &meeting_codes(self.read.iter().map(|r| &r.carried)),
            &self.figures,
        )
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
    let (order, counts) = diagnostics(&read);
    let (figures, notes) = figures(&mut read);
    let mut report = read[0].doc.clone();
    let summary = summary(&read, counts);
    report["summary"] = summary.clone();
    let paths: Vec<&str> = match root.as_deref() {
        Some(root) => vec![root],
        None => read
            .iter()
            .flat_map(|r| r.carried.paths.iter().map(String::as_str))
            .collect(),
    };
    let carried: Vec<&Carried> = read.iter().map(|r| &r.carried).collect();
    report["batch"] = batch(&read[0].doc["batch"], &carried, &paths);
    Ok(Joined {
        frame: Frame::of(report)?,
        read,
        order,
        root,
        summary,
        figures,
        notes,
    })
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

/// The meeting codes of the parts, sorted, each once: the whole batch's `batch.meetings`.
pub(super) fn meeting_codes<'a>(read: impl Iterator<Item = &'a Carried>) -> Vec<&'a str> {
    let mut codes: Vec<&str> = read
        .flat_map(|r| r.meetings.iter().map(String::as_str))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The whole batch's `batch` object: what one run over the batch folders `paths` would carry,
/// from what its parts carry; `keys` is a part's, its values aside (the keys in their order).
/// Its `meetings` are left to be written ([`meeting_codes`]).
pub(super) fn batch(keys: &Json, read: &[&Carried], paths: &[&str]) -> Json {
    let span = |pick: fn(&Spans) -> &Option<(String, String)>| {
        read.iter()
            .filter_map(|r| pick(&r.spans).clone())
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
            .map(|(a, b)| json!([a, b]))
    };
    let units: BTreeSet<Unit> = read.iter().flat_map(|r| r.units.iter().cloned()).collect();
    let follow_ups: BTreeSet<&str> = read
        .iter()
        .flat_map(|r| r.follow_ups.iter().map(String::as_str))
        .collect();
    let (walked, linked) = read.iter().fold((0, 0), |(w, l), r| {
        (w + r.passed_over.walked, l + r.passed_over.linked)
    });
    let mut batch = keys.clone();
    batch["paths"] = json!(paths);
    batch["spans"] = json!({ "street": span(|s| &s.street), "community": span(|s| &s.community) });
    batch["units"] = units
        .iter()
        .map(|u| json!({ "street": u.street, "community": u.community, "level": u.level }))
        .collect();
    batch["follow_ups"] = json!(follow_ups);
    batch["passed_over"] = json!({ "walked": walked, "linked": linked });
    batch
}

/// Each year's figures that every part carries, joined (moved out of the parts): one run lists
/// every unit of the batch, by street and community. A year only some parts have is left out,
/// and said.
fn figures(read: &mut [Part]) -> (Vec<Year>, Vec<String>) {
    let years = |r: &mut Part| -> BTreeMap<i64, Year> {
        std::mem::take(&mut r.years)
            .into_iter()
            .filter_map(|y| Some((y.year?, y)))
            .collect()
    };
    let mut by_part: Vec<BTreeMap<i64, Year>> = read.iter_mut().map(years).collect();
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
        let mut each = by_part
            .iter_mut()
            .map(|y| y.remove(&year).expect("every part has the year"));
        let first = each.next().expect("a part");
        out.push(Year::join(first, each));
    }
    (out, notes)
}
