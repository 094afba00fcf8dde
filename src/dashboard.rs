//! The dashboard: `index.html` in the output folder, one self-contained page (no network: its
//! styles, charts and script are inline) that shows a checked batch at a glance — per street and
//! community the figures of the annual reports, the findings (filtered by unit, rule, severity
//! and, against last month's list, state) and the meetings with links to their PDFs.
//!
//! Everything on it comes from what the run already computed: the year's [`Figures`], the
//! findings of [`Checked`], the PDFs the manifest lists (those present in the folder), and the
//! [`Audit`] with its states. The figures are rendered by the template, every value escaped; the
//! meetings and findings, which may number tens of thousands, travel as one inline JSON block
//! that the page's script shows a page at a time, as text (never as markup).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::audit::Audit;
use crate::batch::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::fields::Field;
use crate::figures::{self, Figures, UnitFigures};
use crate::notices;
use crate::printing::Entry;
use crate::settings::Settings;
use crate::texts::{self, TemplateError, Texts};

/// The dashboard's file name in the output folder.
pub const FILE_NAME: &str = "index.html";

/// What the dashboard is made from.
pub struct Inputs<'a> {
    pub checked: &'a Checked,
    pub settings: &'a Settings,
    /// The figures of each year shown, oldest first.
    pub figures: &'a [Figures],
    /// The documents of the output folder: the manifest's entries and those printed by this run.
    pub documents: &'a [Entry],
    /// The self-audit, with states when it was compared with last month's list.
    pub audit: Option<&'a Audit>,
    /// Further files of a street (its self-audit report, its list): (street, label, file name).
    pub street_files: &'a [(String, String, String)],
    /// The notification texts written by this run.
    pub notices: Option<&'a notices::Written>,
    /// The output folder: links are only made to files in it.
    pub out: &'a Path,
    /// The command that wrote it: build, report, audit.
    pub command: &'a str,
}

/// A link to a file of the output folder: relative, so the folder can be moved.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// `name` as a relative URL: every byte but the unreserved ones percent-encoded, so that a
/// Chinese name, a space or a `#` in it still finds the file.
pub fn href(name: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The unit a finding is about, as the figures name units: street and community together.
fn unit_name(street: Option<&str>, community: Option<&str>) -> String {
    format!("{}{}", street.unwrap_or(""), community.unwrap_or(""))
}

/// A bar of a chart, placed.
#[derive(Serialize)]
struct Bar {
    label: String,
    value: String,
    x: u32,
    y: u32,
    height: u32,
}

/// Bars of `values` in a chart 100 high, `step` apart.
fn bars(values: &[(String, f64, String)], step: u32) -> Vec<Bar> {
    let max = values.iter().map(|v| v.1).fold(0.0_f64, f64::max);
    values
        .iter()
        .enumerate()
        .map(|(i, (label, v, shown))| {
            let height = if max > 0.0 {
                (v / max * 100.0).round() as u32
            } else {
                0
            };
            Bar {
                label: label.clone(),
                value: shown.clone(),
                x: i as u32 * step,
                y: 100 - height,
                height,
            }
        })
        .collect()
}

/// A unit's card.
fn unit_card(u: &UnitFigures, reports: &HashMap<(String, i32), Link>, year: i32) -> Json {
    let applicable: usize = u.steps.iter().map(|s| s.applicable).sum();
    let met: usize = u.steps.iter().map(|s| s.met).sum();
    let months: Vec<(String, f64, String)> = u
        .meetings
        .by_month
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{}月", i + 1), *n as f64, n.to_string()))
        .collect();
    json!({
        "name": u.name,
        "street": u.street,
        "community": u.community,
        "level": u.level,
        "meetings": u.meetings.total,
        "by_form": u.meetings.by_form,
        "topics": u.topics.total,
        "person_times": u.participants.person_times,
        "non_committee_share": u.participants.non_committee_share,
        "observers": u.observers,
        "outcomes": u.outcomes,
        "implementation": u.implementation,
        "compliance": figures::percent(met as u64, applicable as u64),
        "steps": u.steps.iter().filter(|s| s.applicable > 0).map(|s| json!({
            "code": s.code,
            "step": s.step,
            "applicable": s.applicable,
            "met": s.met,
            "percent": figures::percent(s.met as u64, s.applicable as u64),
        })).collect::<Vec<_>>(),
        "chart_height": u.communities.len() * 20,
        "frequency": u.frequency.iter().filter(|f| f.over || f.held < f.required as usize).map(|f| json!({
            "period": f.period_zh,
            "kind": f.kind,
            "held": f.held,
            "required": f.required,
            "short": f.held < f.required as usize,
        })).collect::<Vec<_>>(),
        "findings": u.findings,
        "months": bars(&months, 24),
        "communities": u.communities.iter().enumerate().map(|(i, c)| json!({
            "y": i * 20,
            "width": c.compliance.map_or(0, |p| (p * 1.6).round() as u32),
            "community": c.community,
            "meetings": c.meetings,
            "compliance": c.compliance,
            "errors": c.findings.errors,
            "warnings": c.findings.warnings,
        })).collect::<Vec<_>>(),
        "report": reports.get(&(u.name.clone(), year)),
    })
}

/// Where a finding is: the file, as its index in the page's list of files, and the place in
/// it; or the place alone when it is not named after the file.
type Place = (Option<usize>, Option<String>);

/// The places of the findings and the files named in them, each file once, in the order of
/// the findings that first name them.
fn places(diagnostics: &[Diagnostic]) -> (Vec<Place>, Vec<String>) {
    let shown: Vec<Option<(&str, String)>> = diagnostics
        .par_iter()
        .with_min_len(256)
        .map(|d| d.loc.as_ref().map(|l| (l.file.name.as_str(), l.display())))
        .collect();
    let mut names = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let places = shown
        .into_iter()
        .map(|place| {
            let Some((name, shown)) = place else {
                return (None, None);
            };
            match shown.strip_prefix(name) {
                Some(rest) => {
                    let i = *index.entry(name).or_insert_with(|| {
                        names.push(name.to_string());
                        names.len() - 1
                    });
                    (Some(i), Some(rest.to_string()))
                }
                None => (None, Some(shown)),
            }
        })
        .collect();
    (places, names)
}

/// The row of one finding in the page's data: short keys, its rule's title and its file named
/// once for all (`titles`, `files`), since a large batch has tens of thousands of rows. What a
/// row does not have is left out: tens of thousands of `null`s add up. Rows borrow their text
/// from the findings: a province's rows are not copied before the page is made.
#[derive(Serialize)]
struct FindingRow<'a> {
    v: &'static str,
    c: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    u: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    m: Option<&'a str>,
    x: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    f: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<std::borrow::Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    st: Option<std::borrow::Cow<'a, str>>,
}

fn finding_row<'a>(d: &'a Diagnostic, state: Option<&str>, (file, at): Place) -> FindingRow<'a> {
    FindingRow {
        v: severity_key(d.severity),
        c: d.code,
        s: d.street.as_deref(),
        u: unit_name(d.street.as_deref(), d.community.as_deref()).into(),
        m: d.meeting.as_deref().or(d.period.as_deref()),
        x: &d.message,
        f: file,
        p: at.map(Into::into),
        st: state.map(|s| s.to_string().into()),
    }
}

/// The row of one meeting in the page's data, as [`FindingRow`]s are made.
#[derive(Serialize)]
struct MeetingRow<'a> {
    c: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    u: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    f: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    o: Option<&'a str>,
    n: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a Vec<Json>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sms: Option<usize>,
}

/// The page's data.
#[derive(Serialize)]
struct Rows<'a> {
    meetings: Vec<MeetingRow<'a>>,
    findings: Vec<FindingRow<'a>>,
    titles: BTreeMap<&'a str, &'a str>,
    files: Vec<String>,
}

/// The page's data: the rows of the two tables, and the choices of the filters.
fn rows<'a>(inputs: &'a Inputs, links: &'a HashMap<&str, Vec<Json>>) -> Rows<'a> {
    let checked = inputs.checked;
    let mut states: HashMap<usize, String> = HashMap::new();
    if let Some(audit) = inputs.audit {
        for a in &audit.streets {
            for it in &a.items {
                if let Some(state) = it.state {
                    let mut s = state.zh().to_string();
                    if it.overdue {
                        s += "（逾期）";
                    }
                    states.insert(it.diagnostic, s);
                }
            }
        }
    }
    let state_of = |i: usize| -> Option<&str> {
        inputs
            .audit
            .filter(|a| !a.baselines.is_empty())
            .map(|_| states.get(&i).map_or("未列入清单", String::as_str))
    };
    let (places, files) = places(&checked.diagnostics);
    let mut titles: BTreeMap<&str, &str> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.title))
        .collect();
    // Tens of thousands of rows in a large batch: made on all the cores, kept in order.
    let mut findings: Vec<FindingRow> = checked
        .diagnostics
        .par_iter()
        .zip(places)
        .enumerate()
        .with_min_len(256)
        .map(|(i, (d, place))| finding_row(d, state_of(i), place))
        .collect();
    if let Some(audit) = inputs.audit {
        for a in &audit.streets {
            for c in &a.closed {
                let r = &c.row;
                titles.entry(r.code.as_str()).or_insert(r.title.as_str());
                findings.push(FindingRow {
                    v: r.severity.map_or("warning", severity_key),
                    c: &r.code,
                    s: Some(&a.street),
                    u: if r.unit == a.street || r.unit.is_empty() {
                        a.street.as_str().into()
                    } else {
                        format!("{}{}", a.street, r.unit).into()
                    },
                    m: Some(&r.subject),
                    x: &r.message,
                    f: None,
                    p: Some(r.place.as_str().into()),
                    st: Some(c.comparison().into()),
                });
            }
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in &checked.diagnostics {
        if let Some(m) = &d.meeting {
            *counts.entry(m.clone()).or_default() += usize::from(d.severity != Severity::Info);
        }
    }
    let sms: HashMap<&str, usize> = inputs
        .notices
        .map(|n| {
            n.notices
                .iter()
                .filter_map(|notice| Some((notice.meeting.as_str(), notice.segments?.segments)))
                .collect()
        })
        .unwrap_or_default();
    let meetings: Vec<MeetingRow> = checked
        .meetings
        .par_iter()
        .with_min_len(256)
        .map(|m| MeetingRow {
            c: &m.code,
            d: m.date(Field::HeldOn).map(crate::rules::ymd),
            s: m.street(),
            u: unit_name(
                m.street(),
                if m.level() == Some(crate::model::Level::Street) {
                    None
                } else {
                    m.community()
                },
            ),
            f: m.text(Field::Form),
            t: m.cell(Field::Topic).map(|c| c.value.display()),
            o: m.text(Field::Outcome),
            n: counts.get(&m.code).copied().unwrap_or(0),
            l: links.get(m.code.as_str()),
            sms: sms.get(m.code.as_str()).copied(),
        })
        .collect();
    Rows {
        meetings,
        findings,
        titles,
        files,
    }
}

/// The page's context: what the template is given.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    page: &'a Json,
    data: Data<'a>,
}

/// The rows as the template is given them.
#[derive(Serialize)]
#[serde(untagged)]
enum Data<'a> {
    /// Every row, for a workspace's own template, which may do anything with them.
    Rows(&'a Rows<'a>),
    /// A stand-in for the built-in page, which only writes the rows into its script: they are
    /// written there afterwards as text, one row at a time ([`write_rows`]), never handed to the
    /// template as a tree of their own (a province's would take gigabytes).
    Marker(&'static str),
}

/// The built-in page's stand-in for its rows: plain ASCII, which `json_script` leaves as it is.
const ROWS: &str = "yishi: the rows of the page, 5d1c7a";

/// `rows` as `json_script` writes them, appended to `out`.
fn write_rows(out: &mut String, rows: &Rows) -> Result<(), serde_json::Error> {
    fn list<T: Serialize>(out: &mut String, items: &[T]) -> Result<(), serde_json::Error> {
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&texts::script_safe(&serde_json::to_string(item)?));
        }
        out.push(']');
        Ok(())
    }
    out.push_str("{\"meetings\":");
    list(out, &rows.meetings)?;
    out.push_str(",\"findings\":");
    list(out, &rows.findings)?;
    out.push_str(",\"titles\":");
    out.push_str(&texts::script_safe(&serde_json::to_string(&rows.titles)?));
    out.push_str(",\"files\":");
    out.push_str(&texts::script_safe(&serde_json::to_string(&rows.files)?));
    out.push('}');
    Ok(())
}

/// The page's context (without its rows) and its rows, handed to `use_it` (the rows borrow
/// what is made here).
fn with_context<T>(inputs: &Inputs, use_it: impl FnOnce(&Json, &Rows) -> T) -> T {
    let checked = inputs.checked;
    let present = |e: &&Entry| {
        e.file
            .as_deref()
            .is_some_and(|f| inputs.out.join(f).is_file())
    };
    // A meeting's document as its label alone when its file is named the usual way
    // (`<code>-<document>.pdf`), else as [label, file]; the page makes the relative link.
    let mut links: HashMap<&str, Vec<Json>> = HashMap::new();
    let mut reports: HashMap<(String, i32), Link> = HashMap::new();
    for e in inputs.documents.iter().filter(present) {
        let file = e.file.as_deref().expect("present");
        let link = Link {
            label: if e.draft {
                format!("{}（草稿）", e.document)
            } else {
                e.document.clone()
            },
            href: href(file),
        };
        match (&e.unit, e.year) {
            (Some(unit), Some(year)) => {
                reports.insert((unit.clone(), year), link);
            }
            _ if !e.meeting.is_empty() => {
                let usual = format!("{}-{}.pdf", e.meeting, e.document);
                links
                    .entry(e.meeting.as_str())
                    .or_default()
                    .push(if usual == file {
                        json!(e.document)
                    } else {
                        json!([e.document, file])
                    });
            }
            _ => {}
        }
    }
    let years: Vec<Json> = inputs
        .figures
        .iter()
        .rev()
        .map(|f| {
            json!({
                "year": f.year,
                "running": f.running,
                "today": f.today,
                "units": f.units.iter().filter(|u| u.meetings.total > 0 || !u.communities.is_empty() || u.findings.errors + u.findings.warnings > 0).map(|u| unit_card(u, &reports, f.year)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut units: BTreeMap<String, String> = BTreeMap::new();
    let mut push_unit = |street: Option<&str>, community: Option<&str>| {
        let name = unit_name(street, community);
        if !name.is_empty() && !units.contains_key(&name) {
            let label = match (street, community) {
                (Some(s), Some(c)) => format!("{s} › {c}"),
                _ => name.clone(),
            };
            units.insert(name, label);
        }
    };
    for m in &checked.meetings {
        push_unit(m.street(), None);
        if m.level() != Some(crate::model::Level::Street) {
            push_unit(m.street(), m.community());
        }
    }
    let mut rules: Vec<(&str, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.title))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    let audit = inputs.audit.map(|a| {
        json!({
            "compared": !a.baselines.is_empty(),
            "baselines": a.baselines,
            "streets": a.streets.iter().map(|s| json!({
                "street": s.street,
                "score": s.scored.total.to_string(),
                "full": s.scored.full.to_string(),
                "items": s.items.len(),
                "totals": s.totals.map(|t| t.sentence()),
                "files": inputs.street_files.iter().filter(|(street, _, f)| *street == s.street && inputs.out.join(f).is_file()).map(|(_, label, f)| Link { label: label.clone(), href: href(f) }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    });
    let rows = rows(inputs, &links);
    let page = json!({
        "tool": "yishi",
        "version": env!("CARGO_PKG_VERSION"),
        "command": inputs.command,
        "today": crate::rules::ymd(inputs.settings.today),
        "profiles": inputs.settings.profiles.iter().map(|p| p.key()).collect::<Vec<_>>(),
        "summary": {
            "files": checked.files(),
            "records": checked.accounting.records,
            "meetings": checked.meetings.len(),
            "errors": checked.count(Severity::Error),
            "warnings": checked.count(Severity::Warning),
            "infos": checked.count(Severity::Info),
            "documents": links.values().map(Vec::len).sum::<usize>(),
        },
        "years": years,
        "units": units.iter().map(|(name, label)| json!({ "name": name, "label": label })).collect::<Vec<_>>(),
        "rules": rules.iter().map(|(code, title)| json!({ "code": code, "title": title })).collect::<Vec<_>>(),
        "audit": audit,
        "states": ["新增", "仍存在", "仍存在（逾期）", "已消除", "未核实", "未列入清单"],
        "notices": inputs.notices.is_some(),
        "counts": { "findings": rows.findings.len(), "meetings": rows.meetings.len() },
    });
    use_it(&page, &rows)
}

/// The page.
pub fn render(inputs: &Inputs, texts: &Texts) -> Result<String, TemplateError> {
    with_context(inputs, |page, rows| {
        let whole = |data| texts.render(texts::DASHBOARD, &Context { page, data });
        if !texts.embedded(texts::DASHBOARD) {
            return whole(Data::Rows(rows));
        }
        let html = whole(Data::Marker(ROWS))?;
        let marker = format!("\"{ROWS}\"");
        let Some(at) = html.find(&marker) else {
            return whole(Data::Rows(rows));
        };
        let mut out =
            String::with_capacity(html.len() + 256 * (rows.findings.len() + rows.meetings.len()));
        out.push_str(&html[..at]);
        if write_rows(&mut out, rows).is_err() {
            return whole(Data::Rows(rows));
        }
        out.push_str(&html[at + marker.len()..]);
        Ok(out)
    })
}

/// Writes `index.html` into the output folder; the error says why it was not.
pub fn write(inputs: &Inputs, texts: &Texts) -> Result<PathBuf, String> {
    let html = render(inputs, texts).map_err(|e| format!("{e}；未写出 {FILE_NAME}"))?;
    let path = inputs.out.join(FILE_NAME);
    crate::write::atomic(&path, html.as_bytes())
        .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded_and_relative() {
        assert_eq!(
            href("LH-1-协商公告.pdf"),
            "LH-1-%E5%8D%8F%E5%95%86%E5%85%AC%E5%91%8A.pdf"
        );
        assert_eq!(href("a #b.pdf"), "a%20%23b.pdf");
        assert_eq!(href("../x"), "..%2Fx");
    }
}
