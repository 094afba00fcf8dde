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
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::audit::{Audit, Outline};
use crate::batch::Checked;
use crate::diag::Severity;
use crate::figures::{self, Figures, UnitFigures};
use crate::model::Meeting;
use crate::notices;
use crate::printing::Entry;
use crate::settings::Settings;
use crate::texts::{self, TemplateError, Texts};

mod rows;
mod streaming;

pub use rows::{FindingTexts, finding_text, sms_of, with_state};
use rows::{
    Rows, RowsText, States, finding_row, meeting_rows_text, place_of, row_text, rows, sms_segments,
    write_rows,
};
pub use streaming::{Streaming, StreetRows};

/// The dashboard's file name in the output folder.
pub const FILE_NAME: &str = "index.html";

/// What the dashboard is made from: a batch checked at once, and the rest of the page.
pub struct Inputs<'a> {
    pub checked: &'a Checked,
    /// The self-audit of the batch, whose items give the findings their states.
    pub audit: Option<&'a Audit>,
    pub page: Page<'a>,
}

/// What the dashboard shows besides the checked batch.
pub struct Page<'a> {
    pub settings: &'a Settings,
    /// The figures of each year shown, oldest first.
    pub figures: &'a [Figures],
    /// The documents of the output folder: the manifest's entries and those printed by this run.
    pub documents: &'a [Entry],
    /// The self-audit, compared with last month's list or not.
    pub audit: Option<&'a Outline>,
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

/// The documents of the output folder as the page links them: a meeting's by its code (its
/// label alone when its file is named the usual way, `<code>-<document>.pdf`, else [label,
/// file]; the page makes the relative link), a unit's annual report by unit and year.
pub struct Links {
    meetings: HashMap<String, Vec<Json>>,
    reports: HashMap<(String, i32), Link>,
}

impl Links {
    /// The links to those of `documents` present in `out`.
    pub fn of(documents: &[Entry], out: &Path) -> Links {
        let mut links = Links {
            meetings: HashMap::new(),
            reports: HashMap::new(),
        };
        let present = |e: &&Entry| e.file.as_deref().is_some_and(|f| out.join(f).is_file());
        for e in documents.iter().filter(present) {
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
                    links.reports.insert((unit.clone(), year), link);
                }
                _ if !e.meeting.is_empty() => {
                    let usual = format!("{}-{}.pdf", e.meeting, e.document);
                    links
                        .meetings
                        .entry(e.meeting.clone())
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
        links
    }
}

/// What the page says of the batch beside its rows: counted over the batch checked at once, or
/// street by street ([`Streaming`]).
pub struct Shown {
    pub files: usize,
    pub records: usize,
    pub meetings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The units of the meetings, by name, with their labels.
    pub units: BTreeMap<String, String>,
    /// The rules found, with their titles, by code.
    pub rules: BTreeMap<&'static str, &'static str>,
}

impl Shown {
    /// What `overview` counts, with the rules `titles` names; the units are added street by
    /// street ([`add_units`]).
    pub fn of(
        overview: &crate::batch::Overview,
        titles: &BTreeMap<&'static str, &'static str>,
    ) -> Shown {
        Shown {
            files: overview.files(),
            records: overview.accounting.records,
            meetings: overview.meetings,
            errors: overview.count(Severity::Error),
            warnings: overview.count(Severity::Warning),
            infos: overview.count(Severity::Info),
            units: BTreeMap::new(),
            rules: titles.clone(),
        }
    }

    fn of_checked(checked: &Checked) -> Shown {
        let mut shown = Shown::of(
            &checked.overview(),
            &checked
                .diagnostics
                .iter()
                .map(|d| (d.code, d.title))
                .collect(),
        );
        add_units(&mut shown.units, &checked.meetings);
        shown
    }
}

/// The units of `meetings` the page's filter lists, added to `units`.
pub fn add_units(units: &mut BTreeMap<String, String>, meetings: &[Meeting]) {
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
    for m in meetings {
        push_unit(m.street(), None);
        if m.level() != Some(crate::model::Level::Street) {
            push_unit(m.street(), m.community());
        }
    }
}

/// The page's context without its rows.
fn page_context(
    inputs: &Page,
    shown: &Shown,
    links: &Links,
    (findings, meetings): (usize, usize),
) -> Json {
    let years: Vec<Json> = inputs
        .figures
        .iter()
        .rev()
        .map(|f| {
            json!({
                "year": f.year,
                "running": f.running,
                "today": f.today,
                "units": f.units.iter().filter(|u| u.meetings.total > 0 || !u.communities.is_empty() || u.findings.errors + u.findings.warnings > 0).map(|u| unit_card(u, &links.reports, f.year)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let audit = inputs.audit.map(|a| {
        json!({
            "compared": !a.baselines.is_empty(),
            "baselines": a.baselines,
            "streets": a.streets.iter().map(|s| json!({
                "street": s.street,
                "score": s.scored.total.to_string(),
                "full": s.scored.full.to_string(),
                "items": s.items,
                "totals": s.totals.map(|t| t.sentence()),
                "files": inputs.street_files.iter().filter(|(street, _, f)| *street == s.street && inputs.out.join(f).is_file()).map(|(_, label, f)| Link { label: label.clone(), href: href(f) }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "tool": "yishi",
        "version": env!("CARGO_PKG_VERSION"),
        "command": inputs.command,
        "today": crate::rules::ymd(inputs.settings.today),
        "profiles": inputs.settings.profiles.iter().map(|p| p.key()).collect::<Vec<_>>(),
        "summary": {
            "files": shown.files,
            "records": shown.records,
            "meetings": shown.meetings,
            "errors": shown.errors,
            "warnings": shown.warnings,
            "infos": shown.infos,
            "documents": links.meetings.values().map(Vec::len).sum::<usize>(),
        },
        "years": years,
        "units": shown.units.iter().map(|(name, label)| json!({ "name": name, "label": label })).collect::<Vec<_>>(),
        "rules": shown.rules.iter().map(|(code, title)| json!({ "code": code, "title": title })).collect::<Vec<_>>(),
        "audit": audit,
        "states": ["新增", "仍存在", "仍存在（逾期）", "已消除", "未核实", "未列入清单"],
        "notices": inputs.notices.is_some(),
        "counts": { "findings": findings, "meetings": meetings },
    })
}

/// The built-in page with its rows written into its script as text, to `out`.
fn write_page(
    out: &mut dyn Write,
    page: &Json,
    texts: &Texts,
    mut rows: RowsText,
) -> Result<(), PageError> {
    let html = texts.render(
        texts::DASHBOARD,
        &Context {
            page,
            data: Data::Marker(ROWS),
        },
    )?;
    let marker = format!("\"{ROWS}\"");
    let at = html.find(&marker).ok_or(PageError::NoRows)?;
    out.write_all(&html.as_bytes()[..at])?;
    write_rows(out, &mut rows)?;
    out.write_all(&html.as_bytes()[at + marker.len()..])?;
    Ok(())
}

/// Why the page was not made.
enum PageError {
    Template(TemplateError),
    /// The built-in template wrote no place for the rows.
    NoRows,
    Io(io::Error),
}

impl From<TemplateError> for PageError {
    fn from(e: TemplateError) -> Self {
        PageError::Template(e)
    }
}

impl From<io::Error> for PageError {
    fn from(e: io::Error) -> Self {
        PageError::Io(e)
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Template(e) => write!(f, "{e}；未写出 {FILE_NAME}"),
            PageError::NoRows => write!(f, "工作一览的模板没有写出数据，未写出 {FILE_NAME}"),
            PageError::Io(e) => write!(f, "无法写入 {FILE_NAME}：{e}"),
        }
    }
}

/// The page of a batch checked at once, written to `out`.
fn write_whole(out: &mut dyn Write, inputs: &Inputs, texts: &Texts) -> Result<(), PageError> {
    let checked = inputs.checked;
    let page = &inputs.page;
    let links = Links::of(page.documents, page.out);
    let sms = sms_segments(page.notices);
    let states = States::of(inputs.audit, page.audit);
    let shown = Shown::of_checked(checked);
    let closed = states.closed();
    let counts = (
        checked.diagnostics.len() + closed.len(),
        checked.meetings.len(),
    );
    let context = page_context(page, &shown, &links, counts);
    if !texts.embedded(texts::DASHBOARD) {
        let rows = rows(checked, &links, &sms, &states);
        let html = texts.render(
            texts::DASHBOARD,
            &Context {
                page: &context,
                data: Data::Rows(&rows),
            },
        )?;
        out.write_all(html.as_bytes())?;
        return Ok(());
    }
    let findings: Vec<String> = checked
        .diagnostics
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .map(|(i, d)| {
            let (file, at) = place_of(d);
            row_text(&finding_row(d, states.of_finding(i), (None, at)), file)
        })
        .chain(closed.par_iter().map(|row| row_text(row, None)))
        .collect();
    let mut titles = shown.rules.clone();
    states.closed_titles(&mut titles);
    let meetings = meeting_rows_text(checked, &links, &sms);
    write_page(
        out,
        &context,
        texts,
        RowsText {
            meetings: &mut |out| out.write_all(meetings.as_bytes()),
            findings: &mut |each| findings.iter().try_for_each(|t| each(t)),
            titles: &titles,
        },
    )
}

/// The page.
pub fn render(inputs: &Inputs, texts: &Texts) -> Result<String, String> {
    let mut out = Vec::new();
    write_whole(&mut out, inputs, texts).map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// Writes `index.html` into the output folder; the error says why it was not.
pub fn write(inputs: &Inputs, texts: &Texts) -> Result<PathBuf, String> {
    write_file(&inputs.page.out.join(FILE_NAME), &mut |out| {
        write_whole(out, inputs, texts)
    })
}

/// Writes the page `write` writes to `path`, atomically; the error says why it was not.
fn write_file(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<(), PageError>,
) -> Result<PathBuf, String> {
    let mut failed = None;
    let written = crate::write::atomic_with(path, &mut |out| {
        write(out).map_err(|e| match e {
            PageError::Io(e) => e,
            e => {
                let said = e.to_string();
                failed = Some(said.clone());
                io::Error::other(said)
            }
        })
    });
    match (written, failed) {
        (Ok(()), _) => Ok(path.to_path_buf()),
        (Err(_), Some(said)) => Err(said),
        (Err(e), None) => Err(format!("无法写入 {}：{e}", path.display())),
    }
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
